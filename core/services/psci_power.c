// SPDX-License-Identifier: MIT
/*
 * Virtual PSCI power transitions. A vCPU's power state is one atomic word;
 * CPU_ON claims an OFF vCPU with a single compare-and-swap, so among racing
 * callers exactly one gets SUCCESS. A power-down suspend resumes the caller
 * at its entry point by publishing it as its own pending CPU_ON.
 */
#include "arbiter/builtins.h"
#include "arbiter/domain.h"
#include "arbiter/platform.h"
#include "arbiter/psci_internal.h"
#include "arbiter/smccc.h"

#define PS_ORIG_MBZ	    0xfcfe0000u
#define PS_ORIG_POWERDOWN   (1u << 16)
#define PS_EXT_MBZ	    0xb0000000u
#define PS_EXT_POWERDOWN    (1u << 30)
#define PSCI_RESET2_VENDOR  (1u << 31)
#define PSCI_RESET2_WARM    0u
#define PSCI_OFF2_HIBERNATE 1u

static enum call_outcome psci_done(struct call_frame *f, int64_t status)
{
	call_set(f, 0, status);
	return CALL_DONE;
}

enum call_outcome psci_cpu_on(struct call_frame *f)
{
	uint64_t target = call_arg(f, 1), entry = call_arg(f, 2);
	struct vcpu *v;
	uint32_t expected = VCPU_OFF;

	if (target & ~PSCI_MPIDR_AFF_MASK)
		return psci_done(f, PSCI_INVALID_PARAMETERS);
	v = psci_target(f, target);
	if (!v)
		return psci_done(f, PSCI_INVALID_PARAMETERS);
	if (!psci_entry_valid(f, entry))
		return psci_done(f, PSCI_INVALID_ADDRESS);
	if (!atomic_compare_exchange_strong_explicit(
		    &v->power, &expected, VCPU_CLAIMED, memory_order_acq_rel,
		    memory_order_acquire))
		return psci_done(f, expected == VCPU_ON ? PSCI_ALREADY_ON
							: PSCI_ON_PENDING);
	/* The physical CPU could not be powered: nothing was started, so
	 * the vCPU is OFF again and a later CPU_ON may try once more. */
	if (!plat_vcpu_power_up(v)) {
		atomic_store_explicit(&v->power, VCPU_OFF,
				      memory_order_release);
		return psci_done(f, PSCI_INTERNAL_FAILURE);
	}
	v->entry = entry;
	v->context = call_arg(f, 3);
	atomic_store_explicit(&v->power, VCPU_ON_PENDING, memory_order_release);
	plat_vcpu_kick(v);
	return psci_done(f, PSCI_SUCCESS);
}

static enum call_outcome power_off_self(struct call_frame *f)
{
	atomic_store_explicit(&f->vcpu->power, VCPU_OFF, memory_order_release);
	return CALL_STOP;
}

enum call_outcome psci_cpu_off(struct call_frame *f)
{
	return power_off_self(f);
}

/* Frozen until a CPU_ON: to the domain it is the same as OFF. */
enum call_outcome psci_cpu_freeze(struct call_frame *f)
{
	return power_off_self(f);
}

/* Power-down: come back at `entry` with x0 = context, as after CPU_ON. */
static enum call_outcome resume_at(struct call_frame *f, uint64_t entry,
				   uint64_t context)
{
	struct vcpu *v = f->vcpu;

	if (!psci_entry_valid(f, entry))
		return psci_done(f, PSCI_INVALID_ADDRESS);
	v->entry = entry;
	v->context = context;
	atomic_store_explicit(&v->power, VCPU_ON_PENDING, memory_order_release);
	return CALL_STOP;
}

enum call_outcome psci_cpu_suspend(struct call_frame *f)
{
	uint32_t ps = (uint32_t)call_arg(f, 1);
	bool ext = f->vcpu->dom->psci_suspend_extended;
	bool powerdown;

	if (ps & (ext ? PS_EXT_MBZ : PS_ORIG_MBZ))
		return psci_done(f, PSCI_INVALID_PARAMETERS);
	powerdown = ps & (ext ? PS_EXT_POWERDOWN : PS_ORIG_POWERDOWN);
	if (!powerdown) {
		call_set(f, 0, PSCI_SUCCESS);
		return CALL_WAIT;
	}
	return resume_at(f, call_arg(f, 2), call_arg(f, 3));
}

enum call_outcome psci_cpu_default_suspend(struct call_frame *f)
{
	return resume_at(f, call_arg(f, 1), call_arg(f, 2));
}

enum call_outcome psci_system_suspend(struct call_frame *f)
{
	const struct domain *d = f->vcpu->dom;

	for (uint16_t i = 0; i < d->nvcpus; i++) {
		struct vcpu *o = &d->vcpus[i];

		if (o != f->vcpu &&
		    atomic_load_explicit(&o->power, memory_order_acquire) !=
			    VCPU_OFF)
			return psci_done(f, PSCI_DENIED);
	}
	return resume_at(f, call_arg(f, 1), call_arg(f, 2));
}

enum call_outcome psci_system_off(struct call_frame *f)
{
	plat_domain_off(f->vcpu->dom);
	return CALL_STOP;
}

enum call_outcome psci_system_reset(struct call_frame *f)
{
	plat_domain_reset(f->vcpu->dom);
	return CALL_STOP;
}

enum call_outcome psci_system_reset2(struct call_frame *f)
{
	uint32_t type = (uint32_t)call_arg(f, 1);

	/* Only the architectural warm reset; no vendor reset types. */
	if (type != PSCI_RESET2_WARM)
		return psci_done(f, PSCI_INVALID_PARAMETERS);
	return psci_system_reset(f);
}

enum call_outcome psci_system_off2(struct call_frame *f)
{
	if (call_arg(f, 1) != PSCI_OFF2_HIBERNATE || call_arg(f, 2) != 0)
		return psci_done(f, PSCI_INVALID_PARAMETERS);
	return psci_system_off(f);
}
