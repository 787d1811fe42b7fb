// SPDX-License-Identifier: MIT
/*
 * The chaos guest. bootargs: seed=N (the PRNG seed, printed first so a
 * failure replays), calls=N (random calls per vCPU), or witness=1 with
 * secs=N (the well-behaved neighbour, witness.c). vCPU 0 starts every
 * other vCPU, storms like them, then keeps turning back on any vCPU that
 * powered itself off before finishing, and reports.
 *
 * Each vCPU's PRNG is seeded from (seed, vCPU index), so each vCPU's
 * sequence of decisions replays exactly; the interleaving between vCPUs
 * does not, and a few answers depend on it (ALREADY_ON or SUCCESS).
 */
#include <stdarg.h>

#include "arbiter/fmt.h"
#include "chaos.h"

struct cpu_state cpus[CHAOS_MAX_CPUS];
unsigned chaos_ncpus;
bool imm_is_unknown;
bool sip_forwarded;
bool tee_routed;
uint64_t chaos_seed;
static uint64_t t_start, t_end;

void guest_exception(uint64_t *regs, unsigned kind);
void chaos_exception(uint64_t *regs, unsigned kind);

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t rnd(struct cpu_state *s)
{
	uint64_t x = s->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	s->rng = x;
	return x * 0x2545f4914f6cdd1dull;
}

uint64_t rnd_below(struct cpu_state *s, uint64_t n)
{
	return n ? rnd(s) % n : 0;
}

static uint64_t now(void)
{
	uint64_t t;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(t));
	return t;
}

static uint64_t freq(void)
{
	uint64_t f;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	return f ? f : 1;
}

void violation(struct cpu_state *s, const char *fmt, ...)
{
	char buf[200];
	va_list ap;

	if (s->violations++ >= 16 || chaos_mutation != MUT_NONE)
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf_uart("# VIOLATION vcpu %u: %s\n", (unsigned)(s - cpus), buf);
}

void count_code(struct cpu_state *s, int64_t code)
{
	if (code >= 0)
		s->codes[0]++;
	else if (code >= -9)
		s->codes[-code]++;
	else
		s->codes[10]++;
}

/* Vectors: an armed synchronous exception is recorded and skipped. */
void chaos_exception(uint64_t *regs, unsigned kind)
{
	struct cpu_state *s = &cpus[this_cpu_index() % CHAOS_MAX_CPUS];
	uint64_t esr, elr, far;

	__asm__ volatile("mrs %0, esr_el1" : "=r"(esr));
	__asm__ volatile("mrs %0, elr_el1" : "=r"(elr));
	__asm__ volatile("mrs %0, far_el1" : "=r"(far));
	if (!s->armed || kind != 4) {
		guest_exception(regs, kind);
		return;
	}
	s->armed = false;
	s->esr = esr;
	s->elr = elr;
	s->far = far;
	__asm__ volatile("msr elr_el1, %0" ::"r"(elr + 4));
}

static void storm(unsigned cpu)
{
	struct cpu_state *s = &cpus[cpu];

	while (s->calls < s->quota) {
		uint64_t r = rnd_below(s, 1000);

		if (reset_due(s, cpu))
			reset_now(s, cpu);
		if (r < 4)
			psci_storm(s, cpu);
		else if (r < 8)
			mem_storm(s);
		else if (r < 10)
			imm_storm(s);
		else if (r < 11)
			wfe_storm(s);
		else if (r < 12)
			wfi_storm(s, cpu);
		else
			random_call(s, cpu);
	}
}

static uint64_t boot_calls(void)
{
	uint64_t n = 0;

	for (unsigned i = 0; i < chaos_ncpus; i++)
		n += cpus[i].calls;
	return n;
}

static void total(struct cpu_state *t)
{
	reset_totals(t);
	for (unsigned i = 0; i < chaos_ncpus; i++) {
		const struct cpu_state *s = &cpus[i];

		t->calls += s->calls;
		t->violations += s->violations;
		t->aborts += s->aborts;
		t->undefs += s->undefs;
		t->imm += s->imm;
		t->mem += s->mem;
		t->wfe += s->wfe;
		t->wfi += s->wfi;
		t->power_downs += s->power_downs;
		t->resumes += s->resumes;
		t->cpu_on_ok += s->cpu_on_ok;
		for (unsigned k = 0; k < NCODES; k++)
			t->codes[k] += s->codes[k];
	}
}

static void report(bool all_done)
{
	struct cpu_state t = {0};
	uint64_t ms = (t_end - t_start) * 1000 / freq();
	const uint64_t *c = t.codes;

	total(&t);
	c = t.codes;
	tap_ok(true,
	       "seed=%llu vcpus=%u boots=%u calls=%llu, last boot's in "
	       "%llu ms (%llu/s)",
	       (unsigned long long)chaos_seed, chaos_ncpus, chaos_boot + 1,
	       (unsigned long long)t.calls, (unsigned long long)ms,
	       (unsigned long long)(ms ? boot_calls() * 1000 / ms : 0));
	tap_ok(true,
	       "x0 by code: >=0 %llu, -1 %llu, -2 %llu, -3 %llu, -4 %llu, "
	       "-5 %llu, -6 %llu, -7 %llu, -8 %llu, -9 %llu, other %llu",
	       (unsigned long long)c[0], (unsigned long long)c[1],
	       (unsigned long long)c[2], (unsigned long long)c[3],
	       (unsigned long long)c[4], (unsigned long long)c[5],
	       (unsigned long long)c[6], (unsigned long long)c[7],
	       (unsigned long long)c[8], (unsigned long long)c[9],
	       (unsigned long long)c[10]);
	tap_ok(t.mem > 0 && t.aborts > 0,
	       "bad accesses: %llu, aborts injected: %llu",
	       (unsigned long long)t.mem, (unsigned long long)t.aborts);
	tap_ok(t.imm > 0, "non-zero immediates: %llu (%s), undefs %llu",
	       (unsigned long long)t.imm, imm_is_unknown ? "-1" : "UNDEF",
	       (unsigned long long)t.undefs);
	tap_ok(t.resumes == t.power_downs,
	       "power-downs %llu, resumed with their context %llu, "
	       "CPU_ON successes %llu, WFE storms %llu, timer-woken WFIs %llu",
	       (unsigned long long)t.power_downs, (unsigned long long)t.resumes,
	       (unsigned long long)t.cpu_on_ok, (unsigned long long)t.wfe,
	       (unsigned long long)t.wfi);
	tap_ok(all_done, "every vCPU finished its calls");
	tap_ok(t.violations == 0, "violations: %llu",
	       (unsigned long long)t.violations);
	printf_uart("chaos: seed=%llu calls=%llu violations=%llu\n",
		    (unsigned long long)chaos_seed, (unsigned long long)t.calls,
		    (unsigned long long)t.violations);
}

/* vCPU 0, after its own calls: bring back whoever is off and unfinished. */
static bool coordinate(void)
{
	struct cpu_state *s = &cpus[0];
	uint64_t deadline = now() + 120 * freq();

	while (now() < deadline) {
		bool all = true;

		for (unsigned i = 1; i < chaos_ncpus; i++) {
			uint64_t a[4] = {PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO),
					 guest_cpu_mpidr[i], 0, 0};
			bool done = atomic_load(&cpus[i].done);
			uint64_t st = checked_call(s, psci_conduit, a, 3);

			all = all && done && st == PSCI_AFF_OFF;
			if (!done && st == PSCI_AFF_OFF) {
				uint64_t on[4] = {PSCI_0_2_FN64(PSCI_FN_CPU_ON),
						  guest_cpu_mpidr[i],
						  (uintptr_t)chaos_entry,
						  CTX(CTX_KIND_ON, 0, i)};
				checked_call(s, psci_conduit, on, 4);
			}
		}
		if (all)
			return true;
		for (unsigned k = 0; k < 1000; k++)
			__asm__ volatile("yield");
	}
	return false;
}

static void run(unsigned cpu)
{
	storm(cpu);
	if (cpu != 0) {
		atomic_store(&cpus[cpu].done, true);
		smccc(psci_conduit, PSCI_0_2_FN(PSCI_FN_CPU_OFF), 0, 0, 0);
		guest_fatal("CPU_OFF returned");
	}
	{
		bool all = coordinate();

		t_end = now();
		report(all);
	}
	guest_poweroff();
}

/* CPU_ON or a power-down suspend brought this vCPU here. */
void chaos_resume(uint64_t ctx)
{
	unsigned cpu = this_cpu_index();
	struct cpu_state *s = &cpus[cpu % CHAOS_MAX_CPUS];
	unsigned kind = (unsigned)(ctx >> 16) & 0xf;

	if (cpu >= chaos_ncpus)
		guest_fatal("started a vCPU we do not have");
	if ((ctx >> 32) || (ctx & CTX_MAGIC_MASK) != CTX_MAGIC ||
	    (ctx & 0xff) != cpu)
		violation(s, "woke with context 0x%llx",
			  (unsigned long long)ctx);
	else if (kind == CTX_KIND_SUSPEND) {
		if (ctx != s->expect_ctx)
			violation(s, "resumed with 0x%llx, expected 0x%llx",
				  (unsigned long long)ctx,
				  (unsigned long long)s->expect_ctx);
		s->resumes++;
	} else if (s->expect_ctx)
		violation(s, "CPU_ON (0x%llx) woke a suspended vCPU",
			  (unsigned long long)ctx);
	s->expect_ctx = 0;
	run(cpu);
}

static void setup(void)
{
	chaos_seed = bootarg_uint("seed", 1);
	chaos_ncpus =
		guest_ncpus < CHAOS_MAX_CPUS ? guest_ncpus : CHAOS_MAX_CPUS;
	imm_is_unknown = bootarg_uint("imm-unknown", 0) != 0;
	sip_forwarded = bootarg_uint("sip-forwarded", 0) != 0;
	tee_routed = bootarg_uint("tee-routed", 0) != 0;
	reset_setup();
	for (unsigned i = 0; i < chaos_ncpus; i++) {
		uint64_t x = chaos_seed * 0x10000 + chaos_boot * 0x100 + i;

		cpus[i].rng = splitmix(&x) | 1;
		cpus[i].quota = bootarg_uint("calls", 100000);
	}
}

void guest_main(void)
{
	chaos_set_vectors();
	if (bootarg_uint("witness", 0)) {
		witness_main();
		return;
	}
	setup();
	if (bootarg_uint("selftest", 0)) {
		selftest_main();
		return;
	}
	printf_uart("chaos: seed=%llu vcpus=%u calls-per-vcpu=%llu boot=%u\n",
		    (unsigned long long)chaos_seed, chaos_ncpus,
		    (unsigned long long)cpus[0].quota, chaos_boot);
	tap_plan(chaos_boot < chaos_resets ? 1 : 7);
	t_start = now();
	for (unsigned i = 1; i < chaos_ncpus; i++) {
		int64_t r = (int64_t)smccc(
			psci_conduit, PSCI_0_2_FN64(PSCI_FN_CPU_ON),
			guest_cpu_mpidr[i], (uintptr_t)chaos_entry,
			CTX(CTX_KIND_ON, 0, i));

		if (r != PSCI_SUCCESS)
			violation(&cpus[0], "starting vCPU %u: %lld", i,
				  (long long)r);
	}
	run(0);
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	(void)index;
	(void)arg;
}
