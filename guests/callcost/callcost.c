// SPDX-License-Identifier: MIT
/*
 * Instructions of a call's round trip, from the hvc/smc to the next guest
 * instruction, counted with PMCCNTR under QEMU -icount shift=0 (one count
 * per instruction; PMCCFILTR_EL0.NSH makes EL2 count too, DESIGN §6). The
 * same sequence with a nop in place of the call gives the baseline.
 * Run with: tools/arbiter-run --icount tests/qemu/configs/callcost.dts
 */
#include "../lib/guest.h"

#define ROUNDS 8

static void pmu_start(void)
{
	__asm__ volatile("msr pmccfiltr_el0, %0" ::"r"(1ull << 27)); /* NSH */
	__asm__ volatile("msr pmcntenset_el0, %0" ::"r"(1ull << 31));
	__asm__ volatile("msr pmcr_el0, %0" ::"r"(0x45ull)); /* E, C, LC */
	__asm__ volatile("isb");
}

#define MEASURE(insn, fid)                                                     \
	({                                                                     \
		register uint64_t x0 __asm__("x0") = (fid);                    \
		uint64_t t0, t1;                                               \
		__asm__ volatile("isb\n\tmrs %1, pmccntr_el0\n\t" insn         \
				 "\n\tmrs %2, pmccntr_el0"                     \
				 : "+r"(x0), "=&r"(t0), "=&r"(t1)              \
				 :                                             \
				 : "x1", "x2", "x3", "x4", "x5", "x6", "x7",   \
				   "x8", "x9", "x10", "x11", "x12", "x13",     \
				   "x14", "x15", "x16", "x17", "memory");      \
		t1 - t0;                                                       \
	})

static uint64_t best_nop(void)
{
	uint64_t best = ~0ull;

	for (int i = 0; i < ROUNDS; i++) {
		uint64_t d = MEASURE("nop", 0);

		best = d < best ? d : best;
	}
	return best;
}

static void report(const char *name, uint32_t fid, uint64_t base)
{
	uint64_t hvc = ~0ull, smc = ~0ull;

	for (int i = 0; i < ROUNDS; i++) {
		uint64_t h = MEASURE("hvc #0", fid);
		uint64_t s = MEASURE("smc #0", fid);

		hvc = h < hvc ? h : hvc;
		smc = s < smc ? s : smc;
	}
	/* +1: the call itself replaces the nop counted in the baseline. */
	printf_uart("# cost %-22s hvc %4llu  smc %4llu\n", name,
		    (unsigned long long)(hvc - base + 1),
		    (unsigned long long)(smc - base + 1));
	tap_ok(hvc > base && smc > base, "%s measured", name);
}

void guest_main(void)
{
	uint64_t base;

	tap_plan(4);
	pmu_start();
	base = best_nop();
	printf_uart("# baseline (nop) %llu\n", (unsigned long long)base);
	report("SMCCC_VERSION", ARM_SMCCC_VERSION, base);
	report("PSCI_VERSION", PSCI_0_2_FN(PSCI_FN_VERSION), base);
	report("ARCH_WORKAROUND_1", ARM_SMCCC_ARCH_WORKAROUND_1, base);
	report("unknown (0x82000099)", 0x82000099u, base);
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	(void)index;
	(void)arg;
}
