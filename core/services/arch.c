// SPDX-License-Identifier: MIT
/*
 * Arm Architecture calls (OEN 0): SMCCC_VERSION, ARCH_FEATURES, SOC_ID and
 * the CPU-vulnerability workarounds. Workaround answers are the firmware's:
 * the hypervisor never claims a mitigation the firmware below lacks.
 */
#include "arbiter/builtins.h"
#include "arbiter/firmware_caps.h"
#include "arbiter/platform.h"
#include "arbiter/route.h"
#include "arbiter/router.h"
#include "arbiter/smccc.h"

/* x0-x17 are carried (1.2) and the SVE hint is honoured by clearing it (1.3).
 */
#define ARBITER_SMCCC_VERSION SMCCC_VERSION_1_3

enum call_outcome arch_version(struct call_frame *f)
{
	call_set(f, 0, ARBITER_SMCCC_VERSION);
	return CALL_DONE;
}

static int workaround_index(uint32_t fid)
{
	switch (fid) {
	case ARM_SMCCC_ARCH_WORKAROUND_1:
		return 1;
	case ARM_SMCCC_ARCH_WORKAROUND_2:
		return 2;
	case ARM_SMCCC_ARCH_WORKAROUND_3:
		return 3;
	case ARM_SMCCC_ARCH_WORKAROUND_4:
		return 4;
	default:
		return 0;
	}
}

/* ARCH_FEATURES answer for an allowed built-in or routed call. */
static int64_t arch_feature_of(const struct verdict *vd, uint32_t fid)
{
	int wa = workaround_index(fid);

	if (wa)
		return firmware_caps.workaround[wa];
	if (fid == ARM_SMCCC_ARCH_SOC_ID)
		return firmware_caps.soc_id ? SMCCC_SUCCESS
					    : SMCCC_NOT_SUPPORTED;
	if (fid == ARM_SMCCC_ARCH_SOC_ID64)
		return firmware_caps.soc_name[0] ? SMCCC_SUCCESS
						 : SMCCC_NOT_SUPPORTED;
	(void)vd;
	return SMCCC_SUCCESS;
}

enum call_outcome arch_features(struct call_frame *f)
{
	uint32_t fid = (uint32_t)call_arg(f, 1);
	const struct verdict *vd = route_query(f, fid);

	if (!vd) {
		call_set(f, 0, SMCCC_NOT_SUPPORTED);
		return CALL_DONE;
	}
	call_set(f, 0, arch_feature_of(vd, fid & ~SMCCC_SVE_HINT_BIT));
	return CALL_DONE;
}

/* The SoC name: 136 bytes, NUL-terminated, packed little-endian in x1-x17. */
static void soc_name_pack(struct call_frame *f)
{
	const char *name = firmware_caps.soc_name;

	for (unsigned r = 0; r < 17; r++) {
		uint64_t w = 0;

		for (unsigned b = 0; b < 8; b++)
			w |= (uint64_t)(uint8_t)name[r * 8 + b] << (8 * b);
		f->x[1 + r] = w;
	}
}

enum call_outcome arch_soc_id(struct call_frame *f)
{
	uint32_t type = (uint32_t)call_arg(f, 1);
	bool is64 = f->fid == ARM_SMCCC_ARCH_SOC_ID64;

	if (!firmware_caps.soc_id) {
		call_set(f, 0, SMCCC_NOT_SUPPORTED);
		return CALL_DONE;
	}
	if (type == 0 && !is64) {
		call_set(f, 0, firmware_caps.soc_version & 0x7fffffffu);
	} else if (type == 1 && !is64) {
		call_set(f, 0, firmware_caps.soc_revision & 0x7fffffffu);
	} else if (type == 2 && is64 && firmware_caps.soc_name[0]) {
		call_set(f, 0, SMCCC_SUCCESS);
		soc_name_pack(f);
	} else {
		call_set(f, 0, SMCCC_INVALID_PARAMETER);
	}
	return CALL_DONE;
}

/*
 * A workaround the firmware says must be called (answer 0) is carried out
 * by the firmware on this physical CPU, which the caller owns alone. One the
 * firmware does not need (1, -2) is a no-op; one it lacks is NOT_SUPPORTED.
 */
enum call_outcome arch_workaround(struct call_frame *f)
{
	int32_t answer = firmware_caps.workaround[workaround_index(f->fid)];
	struct smccc_regs r = {{0}};

	if (answer == SMCCC_NOT_SUPPORTED) {
		call_set(f, 0, SMCCC_NOT_SUPPORTED);
		return CALL_DONE;
	}
	if (answer == SMCCC_SUCCESS) {
		r.x[0] = f->fid;
		r.x[1] = call_arg(f, 1);
		plat_firmware_call(&r);
	}
	call_set(f, 0, SMCCC_SUCCESS);
	return CALL_DONE;
}

uint64_t router_fast_call(const struct domain *d)
{
	const uint32_t fid = ARM_SMCCC_ARCH_WORKAROUND_1;
	int32_t fw = firmware_caps.workaround[1];
	int32_t answer = fw == SMCCC_NOT_SUPPORTED ? SMCCC_NOT_SUPPORTED : 0;

	/* Both conduits must emulate it, and no firmware call be needed. */
	for (unsigned c = 0; c < 2; c++) {
		const struct verdict *vd = policy_lookup(d->policy, c, fid);

		if (vd->handler != arch_workaround)
			return ROUTER_NO_FAST_CALL;
	}
	if (fw == SMCCC_SUCCESS)
		return ROUTER_NO_FAST_CALL;
	return (uint64_t)(uint32_t)answer << 32 | fid;
}
