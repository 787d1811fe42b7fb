// SPDX-License-Identifier: MIT
/*
 * PSCI storms: a vCPU powers itself off (CPU_OFF, CPU_FREEZE) or down
 * (CPU_SUSPEND power-down, CPU_DEFAULT_SUSPEND, SYSTEM_SUSPEND) to come
 * back at chaos_entry with its context, turns on random vCPUs, and asks
 * AFFINITY_INFO about every vCPU at every level. A call that must not
 * return and does is a violation; one that may return must give a code
 * PSCI allows.
 */
#include "chaos.h"

static unsigned any_conduit(struct cpu_state *s)
{
	return (unsigned)rnd_below(s, 2);
}

static void power_off(struct cpu_state *s, unsigned cpu, bool freeze)
{
	struct chaos_regs r = {0};

	r.x[0] = freeze ? PSCI_0_2_FN(PSCI_FN_CPU_FREEZE)
			: PSCI_0_2_FN(PSCI_FN_CPU_OFF);
	s->expect_ctx = 0;
	chaos_call(&r, any_conduit(s));
	/* CPU_FREEZE is optional: NOT_SUPPORTED is its only other answer. */
	if (!freeze || (int32_t)r.x[0] != PSCI_NOT_SUPPORTED)
		violation(s, "vCPU %u: CPU_%s returned %lld", cpu,
			  freeze ? "FREEZE" : "OFF",
			  (long long)(int32_t)r.x[0]);
}

/* which: 0 CPU_SUSPEND, 1 CPU_DEFAULT_SUSPEND, 2 SYSTEM_SUSPEND. */
static void power_down(struct cpu_state *s, unsigned cpu, unsigned which)
{
	struct chaos_regs r = {0};
	uint64_t ctx = CTX(CTX_KIND_SUSPEND, cpu, cpu);
	uint64_t entry = (uintptr_t)chaos_entry;
	int32_t v;

	if (which == 0) {
		r.x[0] = PSCI_0_2_FN64(PSCI_FN_CPU_SUSPEND);
		r.x[1] = (1u << 30) | rnd_below(s, 0x10000);
		r.x[2] = entry;
		r.x[3] = ctx;
	} else {
		r.x[0] = which == 1 ? PSCI_0_2_FN64(PSCI_FN_CPU_DEFAULT_SUSPEND)
				    : PSCI_0_2_FN64(PSCI_FN_SYSTEM_SUSPEND);
		r.x[1] = entry;
		r.x[2] = ctx;
	}
	s->expect_ctx = ctx;
	s->power_downs++;
	chaos_call(&r, any_conduit(s));
	/* Returned: no power-down happened. */
	s->power_downs--;
	s->expect_ctx = 0;
	v = (int32_t)r.x[0];
	if (!(v == PSCI_SUCCESS || (which == 2 && v == PSCI_DENIED)))
		violation(s, "vCPU %u: power-down %u returned %d", cpu, which,
			  v);
	s->calls++;
	count_code(s, v);
}

static void affinity_sweep(struct cpu_state *s, unsigned cpu)
{
	for (unsigned i = 0; i < guest_ncpus; i++)
		for (unsigned lvl = 0; lvl <= 4; lvl++) {
			uint64_t a[3] = {PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO),
					 guest_cpu_mpidr[i], lvl};
			int64_t v =
				(int32_t)checked_call(s, any_conduit(s), a, 3);
			bool self = i == cpu || lvl >= 1; /* all in cluster 0 */

			if (lvl == 4 ? v != PSCI_INVALID_PARAMETERS
			    : self   ? v != PSCI_AFF_ON
				     : v < 0 || v > 2)
				violation(s,
					  "AFFINITY_INFO(%u, level %u) = %lld",
					  i, lvl, (long long)v);
		}
}

static void cpu_on_burst(struct cpu_state *s, unsigned cpu)
{
	for (unsigned k = 0; k < 4; k++) {
		unsigned t = (unsigned)rnd_below(s, guest_ncpus);
		uint64_t a[4] = {PSCI_0_2_FN64(PSCI_FN_CPU_ON),
				 guest_cpu_mpidr[t], (uintptr_t)chaos_entry,
				 CTX(CTX_KIND_ON, cpu, t)};
		int64_t v = (int32_t)checked_call(s, any_conduit(s), a, 4);

		if (v == PSCI_SUCCESS)
			s->cpu_on_ok++;
		else if (v != PSCI_ALREADY_ON && v != PSCI_ON_PENDING)
			violation(s, "CPU_ON(%u) from %u = %lld", t, cpu,
				  (long long)v);
		if (t == cpu && v != PSCI_ALREADY_ON)
			violation(s, "CPU_ON of itself = %lld", (long long)v);
	}
}

void psci_storm(struct cpu_state *s, unsigned cpu)
{
	switch (rnd_below(s, 8)) {
	case 0:
		if (cpu != 0)
			power_off(s, cpu, false);
		break;
	case 1:
		if (cpu != 0)
			power_off(s, cpu, true);
		break;
	case 2:
	case 3:
	case 4:
		power_down(s, cpu, (unsigned)rnd_below(s, 3));
		break;
	case 5:
		affinity_sweep(s, cpu);
		break;
	default:
		cpu_on_burst(s, cpu);
		break;
	}
}
