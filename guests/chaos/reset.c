// SPDX-License-Identifier: MIT
/*
 * resets=K: the chaos domain resets itself (PSCI SYSTEM_RESET) K times in
 * the middle of its storm, from one vCPU while the others are mid-call,
 * powered off, suspended or asleep in WFI. The hypervisor reloads the
 * image (so .bss is zero again) but leaves the rest of RAM alone: the
 * counts of the boots before are kept 8 MiB into RAM, well clear of the
 * image, its stacks and the device tree at the end of RAM, and the last
 * boot reports the totals. Each boot that resets prints a plan of one
 * result and that result just before the reset.
 */
#include "chaos.h"

#define PERSIST_OFFSET 0x800000ull
#define PERSIST_MAGIC  0x7365726f61686321ull /* "!chaores" */

struct persist {
	uint64_t magic, seed, boots;
	uint64_t calls, violations, aborts, mem, imm, undefs;
};

unsigned chaos_boot, chaos_resets;
static _Atomic bool reset_claimed;

static struct persist *persist(void)
{
	return (struct persist *)(uintptr_t)(guest_ram_base + PERSIST_OFFSET);
}

void reset_setup(void)
{
	struct persist *p = persist();

	chaos_resets = bootarg_uint("resets", 0);
	if (p->magic != PERSIST_MAGIC || p->seed != chaos_seed) {
		*p = (struct persist){.magic = PERSIST_MAGIC,
				      .seed = chaos_seed};
	}
	chaos_boot = (unsigned)p->boots;
}

bool reset_due(const struct cpu_state *s, unsigned cpu)
{
	return chaos_boot < chaos_resets &&
	       cpu == (chaos_seed + chaos_boot) % chaos_ncpus &&
	       s->calls >= s->quota / 2;
}

void reset_totals(struct cpu_state *t)
{
	const struct persist *p = persist();

	t->calls += p->calls;
	t->violations += p->violations;
	t->aborts += p->aborts;
	t->mem += p->mem;
	t->imm += p->imm;
	t->undefs += p->undefs;
}

_Noreturn void reset_now(struct cpu_state *s, unsigned cpu)
{
	struct persist *p = persist();
	struct chaos_regs r = {.x = {PSCI_0_2_FN(PSCI_FN_SYSTEM_RESET)}};
	uint64_t calls = 0;

	if (atomic_exchange(&reset_claimed, true))
		guest_fatal("two resets in one boot");
	/* The others keep running: their counts are a moment old. */
	for (unsigned i = 0; i < chaos_ncpus; i++) {
		p->calls += cpus[i].calls;
		p->violations += cpus[i].violations;
		p->aborts += cpus[i].aborts;
		p->mem += cpus[i].mem;
		p->imm += cpus[i].imm;
		p->undefs += cpus[i].undefs;
		calls += cpus[i].calls;
	}
	p->boots++;
	tap_ok(true, "boot %u: SYSTEM_RESET from vCPU %u after %llu calls",
	       chaos_boot, cpu, (unsigned long long)calls);
	chaos_call(&r, (unsigned)rnd_below(s, 2));
	guest_fatal("SYSTEM_RESET returned");
}
