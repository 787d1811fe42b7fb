// SPDX-License-Identifier: MIT
/*
 * The service names a configuration may match, and the one table of every
 * function the hypervisor answers itself. Capability answers derive from
 * this table; there is no second list.
 */
#include <string.h>

#include "arbiter/builtins.h"
#include "arbiter/monitor_abi.h"
#include "arbiter/services.h"
#include "arbiter/smccc.h"

#define RANGE_OEN(oen)                                                         \
	{SMCCC_FAST32(oen, 0), SMCCC_FAST32(oen, 0xffff)},                     \
	{                                                                      \
		SMCCC_FAST64(oen, 0), SMCCC_FAST64(oen, 0xffff)                \
	}
#define RANGE_FN(oen, lo, hi)                                                  \
	{SMCCC_FAST32(oen, lo), SMCCC_FAST32(oen, hi)},                        \
	{                                                                      \
		SMCCC_FAST64(oen, lo), SMCCC_FAST64(oen, hi)                   \
	}

static const struct fid_range r_arch[] = {RANGE_OEN(OEN_ARCH)};
static const struct fid_range r_cpu[] = {RANGE_OEN(OEN_CPU)};
static const struct fid_range r_sip[] = {RANGE_OEN(OEN_SIP)};
static const struct fid_range r_oem[] = {RANGE_OEN(OEN_OEM)};
static const struct fid_range r_std[] = {RANGE_OEN(OEN_STD)};
static const struct fid_range r_std_q[] = {
	{SMCCC_FAST32(OEN_STD, 0xff00), SMCCC_FAST32(OEN_STD, 0xff03)}};
static const struct fid_range r_psci[] = {RANGE_FN(OEN_STD, 0x00, 0x1f)};
static const struct fid_range r_trng[] = {RANGE_FN(OEN_STD, 0x50, 0x5f)};
static const struct fid_range r_ffa[] = {RANGE_FN(OEN_STD, 0x60, 0xef)};
static const struct fid_range r_std_hyp[] = {RANGE_OEN(OEN_STD_HYP)};
static const struct fid_range r_vendor_hyp[] = {RANGE_OEN(OEN_VENDOR_HYP)};
static const struct fid_range r_vendor_el3[] = {RANGE_OEN(OEN_VENDOR_EL3)};
static const struct fid_range r_ta[] = {
	{SMCCC_FAST32(OEN_TAPP_FIRST, 0), SMCCC_FAST32(OEN_TAPP_LAST, 0xffff)},
	{SMCCC_FAST64(OEN_TAPP_FIRST, 0), SMCCC_FAST64(OEN_TAPP_LAST, 0xffff)},
};
/* Trusted OS: fast calls of OEN 50-63 and every yielding call (OEN 2-63). */
static const struct fid_range r_tos[] = {
	{SMCCC_FAST32(OEN_TOS_FIRST, 0), SMCCC_FAST32(OEN_TOS_LAST, 0xffff)},
	{SMCCC_FAST64(OEN_TOS_FIRST, 0), SMCCC_FAST64(OEN_TOS_LAST, 0xffff)},
	{SMCCC_FID(0, 0, 2, 0), SMCCC_FID(0, 0, 63, 0xffff)},
	{SMCCC_FID(0, 1, 2, 0), SMCCC_FID(0, 1, 63, 0xffff)},
};
/* OP-TEE: its fast calls (OEN 50), API queries (OEN 63) and yielding calls. */
static const struct fid_range r_optee[] = {
	{SMCCC_FAST32(50, 0), SMCCC_FAST32(50, 0xffff)},
	{SMCCC_FAST32(63, 0xff00), SMCCC_FAST32(63, 0xffff)},
	{SMCCC_FID(0, 0, 50, 0), SMCCC_FID(0, 0, 50, 0xffff)},
};

#define SVC(id, nm, r, std)                                                    \
	[id] = {.name = nm,                                                    \
		.ranges = r,                                                   \
		.nranges = sizeof(r) / sizeof(r[0]),                           \
		.standard = std}

const struct service_desc service_table[SVC_COUNT] = {
	SVC(SVC_ARCH, "arch", r_arch, true),
	SVC(SVC_CPU, "cpu", r_cpu, true),
	SVC(SVC_SIP, "sip", r_sip, false),
	SVC(SVC_OEM, "oem", r_oem, false),
	SVC(SVC_STD, "std", r_std, false),
	SVC(SVC_STD_QUERIES, "std-queries", r_std_q, true),
	SVC(SVC_PSCI, "psci", r_psci, true),
	SVC(SVC_TRNG, "trng", r_trng, true),
	SVC(SVC_FFA, "ffa", r_ffa, false),
	SVC(SVC_STD_HYP, "std-hyp", r_std_hyp, true),
	SVC(SVC_VENDOR_HYP, "vendor-hyp", r_vendor_hyp, true),
	SVC(SVC_VENDOR_EL3, "vendor-el3", r_vendor_el3, false),
	SVC(SVC_TA, "ta", r_ta, false),
	SVC(SVC_TOS, "tos", r_tos, false),
	SVC(SVC_OPTEE, "optee", r_optee, false),
};

int service_by_name(const char *name)
{
	for (int i = 0; i < SVC_COUNT; i++)
		if (strcmp(service_table[i].name, name) == 0)
			return i;
	return -1;
}

#define FN(fid, nres, svc, nm, h)                                              \
	{                                                                      \
		fid, nres, svc, nm, h                                          \
	}
#define PSCI32(n, nres, nm, h) FN(PSCI_0_2_FN(n), nres, SVC_PSCI, nm, h)
#define PSCI64(n, nres, nm, h) FN(PSCI_0_2_FN64(n), nres, SVC_PSCI, nm, h)
#define QUERIES(oen, svc)                                                      \
	FN(SMCCC_FAST32(oen, SMCCC_FN_CALL_COUNT), 1, svc, "call-count",       \
	   query_call_count),                                                  \
		FN(SMCCC_FAST32(oen, SMCCC_FN_CALL_UID), 4, svc, "call-uid",   \
		   query_call_uid),                                            \
		FN(SMCCC_FAST32(oen, SMCCC_FN_REVISION), 2, svc, "revision",   \
		   query_revision)

/* Sorted by function ID (builtin_find searches it). */
const struct builtin_fn builtin_fns[] = {
	FN(ARM_SMCCC_VERSION, 1, SVC_ARCH, "smccc-version", arch_version),
	FN(ARM_SMCCC_ARCH_FEATURES, 1, SVC_ARCH, "arch-features",
	   arch_features),
	FN(ARM_SMCCC_ARCH_SOC_ID, 1, SVC_ARCH, "soc-id", arch_soc_id),
	FN(ARM_SMCCC_ARCH_WORKAROUND_4, 1, SVC_ARCH, "workaround-4",
	   arch_workaround),
	FN(ARM_SMCCC_ARCH_WORKAROUND_3, 1, SVC_ARCH, "workaround-3",
	   arch_workaround),
	FN(ARM_SMCCC_ARCH_WORKAROUND_2, 1, SVC_ARCH, "workaround-2",
	   arch_workaround),
	FN(ARM_SMCCC_ARCH_WORKAROUND_1, 1, SVC_ARCH, "workaround-1",
	   arch_workaround),
	QUERIES(OEN_CPU, SVC_CPU),
	PSCI32(PSCI_FN_VERSION, 1, "psci-version", psci_version),
	PSCI32(PSCI_FN_CPU_SUSPEND, 1, "cpu-suspend", psci_cpu_suspend),
	PSCI32(PSCI_FN_CPU_OFF, 1, "cpu-off", psci_cpu_off),
	PSCI32(PSCI_FN_CPU_ON, 1, "cpu-on", psci_cpu_on),
	PSCI32(PSCI_FN_AFFINITY_INFO, 1, "affinity-info", psci_affinity_info),
	PSCI32(PSCI_FN_MIGRATE_INFO_TYPE, 1, "migrate-info-type",
	       psci_migrate_info_type),
	PSCI32(PSCI_FN_SYSTEM_OFF, 1, "system-off", psci_system_off),
	PSCI32(PSCI_FN_SYSTEM_RESET, 1, "system-reset", psci_system_reset),
	PSCI32(PSCI_FN_FEATURES, 1, "psci-features", psci_features),
	PSCI32(PSCI_FN_CPU_FREEZE, 1, "cpu-freeze", psci_cpu_freeze),
	PSCI32(PSCI_FN_CPU_DEFAULT_SUSPEND, 1, "cpu-default-suspend",
	       psci_cpu_default_suspend),
	PSCI32(PSCI_FN_NODE_HW_STATE, 1, "node-hw-state", psci_node_hw_state),
	PSCI32(PSCI_FN_SYSTEM_SUSPEND, 1, "system-suspend",
	       psci_system_suspend),
	PSCI32(PSCI_FN_SYSTEM_RESET2, 1, "system-reset2", psci_system_reset2),
	PSCI32(PSCI_FN_SYSTEM_OFF2, 1, "system-off2", psci_system_off2),
	FN(SMCCC_FAST32(OEN_STD, TRNG_FN_VERSION), 1, SVC_TRNG, "trng-version",
	   trng_version),
	FN(SMCCC_FAST32(OEN_STD, TRNG_FN_FEATURES), 1, SVC_TRNG,
	   "trng-features", trng_features),
	FN(SMCCC_FAST32(OEN_STD, TRNG_FN_GET_UUID), 4, SVC_TRNG,
	   "trng-get-uuid", trng_get_uuid),
	FN(SMCCC_FAST32(OEN_STD, TRNG_FN_RND), 4, SVC_TRNG, "trng-rnd32",
	   trng_rnd),
	QUERIES(OEN_STD, SVC_STD_QUERIES),
	QUERIES(OEN_STD_HYP, SVC_STD_HYP),
	QUERIES(OEN_VENDOR_HYP, SVC_VENDOR_HYP),
	FN(ARM_SMCCC_ARCH_SOC_ID64, 18, SVC_ARCH, "soc-id-name", arch_soc_id),
	PSCI64(PSCI_FN_CPU_SUSPEND, 1, "cpu-suspend64", psci_cpu_suspend),
	PSCI64(PSCI_FN_CPU_ON, 1, "cpu-on64", psci_cpu_on),
	PSCI64(PSCI_FN_AFFINITY_INFO, 1, "affinity-info64", psci_affinity_info),
	PSCI64(PSCI_FN_CPU_DEFAULT_SUSPEND, 1, "cpu-default-suspend64",
	       psci_cpu_default_suspend),
	PSCI64(PSCI_FN_NODE_HW_STATE, 1, "node-hw-state64", psci_node_hw_state),
	PSCI64(PSCI_FN_SYSTEM_SUSPEND, 1, "system-suspend64",
	       psci_system_suspend),
	PSCI64(PSCI_FN_SYSTEM_RESET2, 1, "system-reset2-64",
	       psci_system_reset2),
	PSCI64(PSCI_FN_SYSTEM_OFF2, 1, "system-off2-64", psci_system_off2),
	FN(SMCCC_FAST64(OEN_STD, TRNG_FN_RND), 4, SVC_TRNG, "trng-rnd64",
	   trng_rnd),
	FN(ARB_MON_ATTACH, 4, SVC_VENDOR_HYP, "monitor-attach", monitor_attach),
	FN(ARB_MON_DETACH, 1, SVC_VENDOR_HYP, "monitor-detach", monitor_detach),
	FN(ARB_MON_REPLY, 1, SVC_VENDOR_HYP, "monitor-reply",
	   monitor_reply_call),
	FN(ARB_MON_WAIT, 2, SVC_VENDOR_HYP, "monitor-wait", monitor_wait),
};

const size_t builtin_fn_count = sizeof(builtin_fns) / sizeof(builtin_fns[0]);

const struct builtin_fn *builtin_find(uint32_t fid)
{
	size_t lo = 0, hi = builtin_fn_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (builtin_fns[mid].fid == fid)
			return &builtin_fns[mid];
		if (builtin_fns[mid].fid < fid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
