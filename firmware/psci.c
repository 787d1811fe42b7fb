// SPDX-License-Identifier: MIT
/*
 * PSCI 1.1 for the physical machine. Each CPU is OFF, ON_PENDING or ON; the
 * transitions a caller asks for happen under one bakery lock, so CPU_ON
 * calls racing on one target give exactly one SUCCESS. An OFF CPU waits at
 * EL3 in WFE; CPU_ON fills its entry point and wakes it with SEV.
 */
#include "fw.h"
#include "sysreg.h"

enum psci_state { PSCI_STATE_OFF, PSCI_STATE_ON_PENDING, PSCI_STATE_ON };

struct psci_cpu {
	volatile uint32_t state;
	uint64_t entry;
	uint64_t context;
	uint64_t spsr;
};

static struct psci_cpu psci_cpus[FW_MAX_CPUS];
static struct fw_lock psci_lock;

#define PSCI_SUSPEND_MBZ       0xfcfe0000u /* original power_state format */
#define PSCI_SUSPEND_POWERDOWN (1u << 16)
#define PSCI_SPSR_EL2H	       0x3c9ull
#define PSCI_SPSR_EL1H	       0x3c5ull
#define PSCI_HCR_RW	       (1ull << 31)
#define PSCI_MIGRATE_NONE      2 /* no trusted OS to migrate */

/* Function numbers we implement, and whether an SMC64 form exists. */
static const struct {
	uint8_t fn;
	bool has64;
} psci_fns[] = {
	{PSCI_FN_VERSION, false},      {PSCI_FN_CPU_SUSPEND, true},
	{PSCI_FN_CPU_OFF, false},      {PSCI_FN_CPU_ON, true},
	{PSCI_FN_AFFINITY_INFO, true}, {PSCI_FN_MIGRATE_INFO_TYPE, false},
	{PSCI_FN_SYSTEM_OFF, false},   {PSCI_FN_SYSTEM_RESET, false},
	{PSCI_FN_FEATURES, false},     {PSCI_FN_SYSTEM_RESET2, true},
};

void fw_psci_init(unsigned boot_cpu)
{
	psci_cpus[boot_cpu].state = PSCI_STATE_ON;
}

/* Is fid (bit 16 already clear) a PSCI function we answer? */
bool fw_psci_feature(uint32_t fid, bool aarch32)
{
	unsigned i;

	if ((fid & ~(SMCCC_64_BIT | 0xffu)) != SMCCC_FAST32(OEN_STD, 0))
		return false;
	if ((fid & SMCCC_64_BIT) && aarch32)
		return false;
	for (i = 0; i < sizeof(psci_fns) / sizeof(psci_fns[0]); i++) {
		if (psci_fns[i].fn != smccc_func(fid))
			continue;
		return !(fid & SMCCC_64_BIT) || psci_fns[i].has64;
	}
	return false;
}

static int psci_find_cpu(uint64_t mpidr)
{
	unsigned i;

	if (mpidr & ~PSCI_MPIDR_AFF_MASK)
		return -1;
	for (i = 0; i < FW_MAX_CPUS; i++) {
		if (fw_plat.present[i] &&
		    (fw_plat.mpidr[i] & PSCI_MPIDR_AFF_MASK) == mpidr)
			return (int)i;
	}
	return -1;
}

static bool psci_entry_ok(uint64_t entry)
{
	return (entry & 3) == 0 && fw_ns_range_ok(entry, 4);
}

static int64_t psci_cpu_on(struct fw_call *c)
{
	int idx = psci_find_cpu(fw_arg(c, 1));
	int64_t ret = PSCI_SUCCESS;
	struct psci_cpu *t;

	if (idx < 0)
		return PSCI_INVALID_PARAMETERS;
	if (c->aarch32)
		return PSCI_NOT_SUPPORTED; /* AArch64 entry points only */
	if (!psci_entry_ok(fw_arg(c, 2)))
		return PSCI_INVALID_ADDRESS;
	t = &psci_cpus[idx];
	fw_lock_acquire(&psci_lock, c->cpu);
	if (t->state == PSCI_STATE_ON) {
		ret = PSCI_ALREADY_ON;
	} else if (t->state == PSCI_STATE_ON_PENDING) {
		ret = PSCI_ON_PENDING;
	} else {
		t->entry = fw_arg(c, 2);
		t->context = fw_arg(c, 3);
		t->spsr = c->el == 2 ? PSCI_SPSR_EL2H : PSCI_SPSR_EL1H;
		fw_dmb();
		t->state = PSCI_STATE_ON_PENDING;
	}
	fw_lock_release(&psci_lock, c->cpu);
	return ret;
}

void fw_psci_wait_on(unsigned cpu)
{
	struct psci_cpu *me = &psci_cpus[cpu];

	while (me->state != PSCI_STATE_ON_PENDING)
		fw_wfe();
	fw_dmb();
	fw_lock_acquire(&psci_lock, cpu);
	me->state = PSCI_STATE_ON;
	fw_lock_release(&psci_lock, cpu);
	fw_cpu_prepare_ns_el2();
	if (me->spsr == PSCI_SPSR_EL1H) {
		/* Entered at EL1 with no hypervisor: EL1 must be AArch64. */
		write_hcr_el2(PSCI_HCR_RW);
		fw_isb();
	}
	fw_enter_lower(me->entry, me->spsr, me->context, fw_stack_top(cpu));
}

static void psci_cpu_off(struct fw_call *c)
{
	fw_lock_acquire(&psci_lock, c->cpu);
	psci_cpus[c->cpu].state = PSCI_STATE_OFF;
	fw_lock_release(&psci_lock, c->cpu);
	fw_psci_wait_on(c->cpu);
}

static int64_t psci_affinity_info(struct fw_call *c)
{
	int idx = psci_find_cpu(fw_arg(c, 1));

	/* Level 0 only, as TF-A: higher levels describe clusters we do not
	 * manage as units. */
	if (idx < 0 || fw_arg(c, 2) != 0)
		return PSCI_INVALID_PARAMETERS;
	switch (psci_cpus[idx].state) {
	case PSCI_STATE_ON:
		return PSCI_AFF_ON;
	case PSCI_STATE_ON_PENDING:
		return PSCI_AFF_ON_PENDING;
	default:
		return PSCI_AFF_OFF;
	}
}

/* Standby (and power-down treated as standby): WFI at EL3 wakes on any
 * interrupt, masked or not, which the normal world then takes. */
static int64_t psci_cpu_suspend(struct fw_call *c)
{
	uint64_t ps = fw_arg(c, 1);

	if (ps & PSCI_SUSPEND_MBZ || ps > 0xffffffffull)
		return PSCI_INVALID_PARAMETERS;
	if ((ps & PSCI_SUSPEND_POWERDOWN) && !psci_entry_ok(fw_arg(c, 2)))
		return PSCI_INVALID_ADDRESS;
	fw_dsb();
	fw_wfi();
	return PSCI_SUCCESS;
}

static int64_t psci_features(struct fw_call *c)
{
	uint32_t fid = (uint32_t)fw_arg(c, 1);

	if (fw_arg(c, 1) > 0xffffffffull)
		return PSCI_NOT_SUPPORTED;
	if (fid == ARM_SMCCC_VERSION)
		return PSCI_SUCCESS;
	/* CPU_SUSPEND: original power_state format, no OS-initiated mode:
	 * all flags zero. */
	return fw_psci_feature(fid, c->aarch32) ? 0 : PSCI_NOT_SUPPORTED;
}

static int64_t psci_system_reset2(struct fw_call *c)
{
	/* Architectural warm reset only; we define no vendor resets. */
	if (fw_arg(c, 1) != 0)
		return PSCI_INVALID_PARAMETERS;
	fw_power_reset();
}

void fw_psci_handle(struct fw_call *c)
{
	if (!fw_psci_feature(c->fid, c->aarch32)) {
		fw_ret(c, SMCCC_NOT_SUPPORTED);
		return;
	}
	switch (smccc_func(c->fid)) {
	case PSCI_FN_VERSION:
		fw_ret(c, PSCI_VERSION_1_1);
		return;
	case PSCI_FN_CPU_SUSPEND:
		fw_ret(c, psci_cpu_suspend(c));
		return;
	case PSCI_FN_CPU_OFF:
		psci_cpu_off(c);
		return;
	case PSCI_FN_CPU_ON:
		fw_ret(c, psci_cpu_on(c));
		return;
	case PSCI_FN_AFFINITY_INFO:
		fw_ret(c, psci_affinity_info(c));
		return;
	case PSCI_FN_MIGRATE_INFO_TYPE:
		fw_ret(c, PSCI_MIGRATE_NONE);
		return;
	case PSCI_FN_SYSTEM_OFF:
		fw_power_off();
	case PSCI_FN_SYSTEM_RESET:
		fw_power_reset();
	case PSCI_FN_SYSTEM_RESET2:
		fw_ret(c, psci_system_reset2(c));
		return;
	default: /* PSCI_FN_FEATURES: the table above lists nothing else */
		fw_ret(c, psci_features(c));
		return;
	}
}
