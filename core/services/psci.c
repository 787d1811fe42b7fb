// SPDX-License-Identifier: MIT
/*
 * Virtual PSCI 1.3 for a domain's vCPUs: discovery and the queries here,
 * power transitions in psci_power.c. Every target named by a caller is
 * looked up in the caller's own domain only.
 */
#include "arbiter/builtins.h"
#include "arbiter/domain.h"
#include "arbiter/psci_internal.h"
#include "arbiter/route.h"
#include "arbiter/smccc.h"

#define ARBITER_PSCI_VERSION PSCI_VERSION_1_3

/* PSCI_FEATURES(CPU_SUSPEND) bit 1: the extended StateID format. */
#define PSCI_FEAT_EXTENDED_STATEID (1u << 1)
/* PSCI_FEATURES(SYSTEM_OFF2): bit 0 = HIBERNATE_OFF supported. */
#define PSCI_FEAT_HIBERNATE_OFF (1u << 0)

enum call_outcome psci_version(struct call_frame *f)
{
	call_set(f, 0, ARBITER_PSCI_VERSION);
	return CALL_DONE;
}

struct vcpu *psci_target(const struct call_frame *f, uint64_t mpidr)
{
	const struct domain *d = f->vcpu->dom;
	uint64_t aff0 = mpidr & 0xffu, aff1 = (mpidr >> 8) & 0xffu;
	uint64_t index = aff1 * 16u + aff0;

	if ((mpidr & ~(uint64_t)0xffffu) || aff0 >= 16u || index >= d->nvcpus)
		return NULL;
	return &d->vcpus[index];
}

bool psci_entry_valid(const struct call_frame *f, uint64_t entry)
{
	const struct domain *d = f->vcpu->dom;

	if (f->state == EXEC_AARCH64 && (entry & 1u))
		return false;
	return entry >= d->ram_ipa && entry - d->ram_ipa < d->ram_size;
}

static uint32_t vcpu_power_read(struct vcpu *v)
{
	return atomic_load_explicit(&v->power, memory_order_acquire);
}

/* AFFINITY_INFO answer for one vCPU. */
static int aff_state(struct vcpu *v)
{
	switch (vcpu_power_read(v)) {
	case VCPU_ON:
		return PSCI_AFF_ON;
	case VCPU_OFF:
		return PSCI_AFF_OFF;
	default:
		return PSCI_AFF_ON_PENDING;
	}
}

/*
 * Level n ignores the affinity fields below Aff<n>. A node is ON if any of
 * its vCPUs is ON, else ON_PENDING if any is pending, else OFF; a node with
 * no vCPU of the caller's domain is INVALID_PARAMETERS.
 */
enum call_outcome psci_affinity_info(struct call_frame *f)
{
	static const uint64_t level_mask[4] = {0xff00ffffffull, 0xff00ffff00ull,
					       0xff00ff0000ull,
					       0xff00000000ull};
	uint64_t target = call_arg(f, 1), level = call_arg(f, 2);
	const struct domain *d = f->vcpu->dom;
	int state = -1;

	if (level > 3 || (target & ~PSCI_MPIDR_AFF_MASK)) {
		call_set(f, 0, PSCI_INVALID_PARAMETERS);
		return CALL_DONE;
	}
	for (uint16_t i = 0; i < d->nvcpus; i++) {
		uint64_t m = level_mask[level];
		int s;

		if ((vcpu_mpidr(i) & m) != (target & m))
			continue;
		s = aff_state(&d->vcpus[i]);
		if (state < 0 || s == PSCI_AFF_ON ||
		    (s == PSCI_AFF_ON_PENDING && state == PSCI_AFF_OFF))
			state = s;
	}
	call_set(f, 0, state < 0 ? PSCI_INVALID_PARAMETERS : state);
	return CALL_DONE;
}

/* NODE_HW_STATE: 0 ON, 1 OFF, 2 STANDBY; levels above 0 are always ON
 * while the caller runs in them. */
enum call_outcome psci_node_hw_state(struct call_frame *f)
{
	uint64_t target = call_arg(f, 1), level = call_arg(f, 2);
	struct vcpu *v = psci_target(f, target);

	if (!v || level > 2) {
		call_set(f, 0, PSCI_INVALID_PARAMETERS);
		return CALL_DONE;
	}
	if (level > 0) {
		call_set(f, 0, 0);
		return CALL_DONE;
	}
	call_set(f, 0, vcpu_power_read(v) == VCPU_OFF ? 1 : 0);
	return CALL_DONE;
}

enum call_outcome psci_migrate_info_type(struct call_frame *f)
{
	/* 2: no Trusted OS that needs migration. */
	call_set(f, 0, 2);
	return CALL_DONE;
}

static int64_t psci_feature_flags(uint32_t fid, const struct domain *d)
{
	uint32_t fn = smccc_func(fid);

	if (fn == PSCI_FN_CPU_SUSPEND)
		return d->psci_suspend_extended ? PSCI_FEAT_EXTENDED_STATEID
						: 0;
	if (fn == PSCI_FN_SYSTEM_OFF2)
		return PSCI_FEAT_HIBERNATE_OFF;
	return 0;
}

enum call_outcome psci_features(struct call_frame *f)
{
	uint32_t fid = (uint32_t)call_arg(f, 1);
	const struct verdict *vd = route_query(f, fid);
	uint32_t clean = fid & ~SMCCC_SVE_HINT_BIT;
	bool psci = smccc_is_fast(clean) && smccc_oen(clean) == OEN_STD &&
		    smccc_func(clean) <= PSCI_FN_LAST;

	if (!vd || (!psci && clean != ARM_SMCCC_VERSION)) {
		call_set(f, 0, PSCI_NOT_SUPPORTED);
		return CALL_DONE;
	}
	call_set(f, 0, psci ? psci_feature_flags(clean, f->vcpu->dom) : 0);
	return CALL_DONE;
}
