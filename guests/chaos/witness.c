// SPDX-License-Identifier: MIT
/*
 * The witness: a well-behaved domain beside the chaos. For secs=N seconds
 * (counter time) it repeats a fixed round of calls over both conduits,
 * each with its exact expected answer and x1-x17, x18-x28 and the PC
 * checked, and reports how many rounds it managed per second: run once
 * alone and once next to a chaos domain, the two rates say how much the
 * chaos slowed its neighbour.
 */
#include "chaos.h"

static uint64_t counter(void)
{
	uint64_t t;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(t));
	return t;
}

static void expect(struct cpu_state *s, unsigned c, uint64_t *a, unsigned n,
		   uint64_t want)
{
	uint64_t got = checked_call(s, c, a, n);

	if (got != want)
		violation(s, "witness: fid 0x%llx over %s: 0x%llx, want 0x%llx",
			  (unsigned long long)a[0], conduit_name(c),
			  (unsigned long long)got, (unsigned long long)want);
}

static void round_of_calls(struct cpu_state *s, unsigned c)
{
	uint64_t ver[1] = {ARM_SMCCC_VERSION};
	uint64_t psci[1] = {PSCI_0_2_FN(PSCI_FN_VERSION)};
	uint64_t aff[3] = {PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO),
			   guest_cpu_mpidr[0], 0};
	uint64_t unk[2] = {0x82000099u, 0x1234};
	uint64_t feat[2] = {PSCI_0_2_FN(PSCI_FN_FEATURES),
			    PSCI_0_2_FN64(PSCI_FN_CPU_ON)};
	uint64_t rnd64[2] = {SMCCC_FAST64(OEN_STD, TRNG_FN_RND), 64};
	uint64_t got;

	expect(s, c, ver, 1, 0x10003);
	expect(s, c, psci, 1, 0x10003);
	expect(s, c, aff, 3, PSCI_AFF_ON);
	expect(s, c, unk, 2, SMCCC_UNKNOWN);
	expect(s, c, feat, 2, 0);
	got = checked_call(s, c, rnd64, 2);
	if (got != 0 && (int32_t)got != TRNG_NO_ENTROPY)
		violation(s, "witness: TRNG_RND64 = %lld", (long long)got);
}

/* The cycle counter, EL2 included: one count per instruction under
 * QEMU -icount shift=0 (as guests/callcost uses it). */
static uint64_t cycles(void)
{
	uint64_t c;

	__asm__ volatile("isb\n\tmrs %0, pmccntr_el0" : "=r"(c));
	return c;
}

static void cycles_start(void)
{
	__asm__ volatile("msr pmccfiltr_el0, %0" ::"r"(1ull << 27)); /* NSH */
	__asm__ volatile("msr pmcntenset_el0, %0" ::"r"(1ull << 31));
	__asm__ volatile("msr pmcr_el0, %0\n\tisb" ::"r"(0x45ull));
}

/* One second of rounds; returns how many. */
static uint64_t one_second(struct cpu_state *s, uint64_t f, uint64_t *rounds)
{
	uint64_t t0 = counter(), n = 0;

	do {
		round_of_calls(s, (*rounds + n) & 1 ? GUEST_HVC : GUEST_SMC);
		n++;
	} while (counter() - t0 < f);
	*rounds += n;
	return n;
}

void witness_main(void)
{
	struct cpu_state *s = &cpus[0];
	uint64_t f, secs = bootarg_uint("secs", 10), rounds = 0, lo = ~0ull;
	uint64_t hi = 0, c0;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	s->rng = 0x5eedull * 0x9e3779b97f4a7c15ull | 1;
	tap_plan(3);
	cycles_start();
	c0 = cycles();
	for (uint64_t i = 0; i < secs; i++) {
		uint64_t n = one_second(s, f, &rounds);

		lo = n < lo ? n : lo;
		hi = n > hi ? n : hi;
		printf_uart("witness: second=%llu rounds=%llu\n",
			    (unsigned long long)i, (unsigned long long)n);
	}
	tap_ok(rounds > 0,
	       "witness: %llu rounds of 6 checked calls in %llu s "
	       "(per second: min %llu, max %llu)",
	       (unsigned long long)rounds, (unsigned long long)secs,
	       (unsigned long long)lo, (unsigned long long)hi);
	tap_ok(s->calls == rounds * 6, "witness: %llu calls",
	       (unsigned long long)s->calls);
	tap_ok(s->violations == 0, "witness: failures %llu",
	       (unsigned long long)s->violations);
	printf_uart(
		"witness: PMCCNTR per round %llu (instructions under "
		"--icount)\n",
		(unsigned long long)((cycles() - c0) / (rounds ? rounds : 1)));
	printf_uart("witness: rounds=%llu seconds=%llu failures=%llu\n",
		    (unsigned long long)rounds, (unsigned long long)secs,
		    (unsigned long long)s->violations);
}
