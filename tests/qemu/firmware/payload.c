// SPDX-License-Identifier: MIT
/*
 * Firmware test payload: the firmware enters it at 0x60000000 in
 * non-secure EL2 and it checks every firmware service with real SMCs,
 * printing TAP on UART0: SMCCC, PSCI (CPU_ON of each secondary, races,
 * AFFINITY_INFO, CPU_SUSPEND woken by a timer through the GIC the
 * firmware configured), TRNG and the SiP service; then SYSTEM_RESET, and
 * after the reboot SYSTEM_OFF, which must make QEMU exit.
 */
#include "payload.h"

#define UART0		0x09000000ul
#define GICD		0x08000000ul
#define GICR0_SGI	(0x080a0000ul + 0x10000ul)
#define MAX_CPUS	16
#define WAIT_SECONDS	10 /* QEMU's vCPU threads may share few host cores */
#define ENTRY_SECONDARY ((uint64_t)(uintptr_t)payload_secondary)
#define TIMER_PPI	30

/* Survives the SYSTEM_RESET: RAM is not cleared by a QEMU reset. */
#define RESET_MAGIC_ADDR 0x5f000000ul
#define RESET_MAGIC	 0x52455345544f4b21ull /* "RESETOK!" */

void payload_start(void);
void payload_secondary(void);
void payload_main(uint64_t dtb, uint64_t x1, uint64_t x2, uint64_t x3);
void payload_secondary_main(uint64_t ctx);

static unsigned tap_n;
static unsigned tap_fail;

/* What each started CPU saw, written by that CPU, read by CPU 0. */
static volatile uint64_t seen_ctx[MAX_CPUS];
static volatile uint64_t seen_el[MAX_CPUS];
static volatile uint64_t race_go;
static volatile int64_t race_ret[MAX_CPUS];
static volatile uint64_t race_done[MAX_CPUS];
static volatile uint64_t race_hold; /* the race target stays ON until 0 */

static void uart_putc(char c)
{
	while (*(volatile uint32_t *)(UART0 + 0x18) & (1u << 5))
		;
	*(volatile uint32_t *)UART0 = (uint32_t)(unsigned char)c;
}

void out(const char *s)
{
	for (; *s; s++)
		uart_putc(*s);
}

void out_hex(uint64_t v)
{
	int i;

	out("0x");
	for (i = 60; i >= 0; i -= 4)
		uart_putc("0123456789abcdef"[(v >> i) & 0xf]);
}

void out_dec(uint64_t v)
{
	char b[21];
	int i = 20;

	b[i] = 0;
	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i);
	out(&b[i]);
}

void ok(bool cond, const char *what)
{
	tap_n++;
	if (!cond) {
		tap_fail++;
		out("not ");
	}
	out("ok ");
	out_dec(tap_n);
	out(" - ");
	out(what);
	out("\n");
}

void ok_eq(uint64_t got, uint64_t want, const char *what)
{
	ok(got == want, what);
	if (got != want) {
		out("# got ");
		out_hex(got);
		out(", want ");
		out_hex(want);
		out("\n");
	}
}

void call_init(struct smc_regs *r, uint64_t fid, uint64_t a1, uint64_t a2,
	       uint64_t a3)
{
	unsigned i;

	for (i = 0; i < 18; i++)
		r->x[i] = 0x5500000000000000ull | ((uint64_t)i << 40) | i;
	r->x[0] = fid;
	r->x[1] = a1;
	r->x[2] = a2;
	r->x[3] = a3;
	r->x[7] = 0; /* client 0: the "hypervisor" */
}

bool call_preserved(const struct smc_regs *r, unsigned first)
{
	unsigned i;

	for (i = first; i < 18; i++) {
		if (i == 7 && r->x[7] == 0)
			continue;
		if (r->x[i] !=
		    (0x5500000000000000ull | ((uint64_t)i << 40) | i))
			return false;
	}
	return true;
}

uint64_t call3(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct smc_regs r;

	call_init(&r, fid, a1, a2, a3);
	smc_call(&r);
	return r.x[0];
}

uint64_t call_as(uint16_t client, uint32_t fid, uint64_t a1, uint64_t a2)
{
	struct smc_regs r;

	call_init(&r, fid, a1, a2, 0);
	r.x[7] = client;
	smc_call(&r);
	return r.x[0];
}

static uint64_t read_current_el(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, CurrentEL" : "=r"(v));
	return (v >> 2) & 3;
}

void payload_secondary_main(uint64_t ctx)
{
	unsigned me = (unsigned)(ctx & 0xff);

	seen_el[me] = read_current_el();
	__asm__ volatile("dsb sy" ::: "memory");
	seen_ctx[me] = ctx;
	__asm__ volatile("dsb sy\n\tsev" ::: "memory");
	if (ctx & 0x100) {
		/* A racer: wait for "go", then race CPU 0 for one target. */
		while (!race_go)
			__asm__ volatile("wfe");
		race_ret[me] = (int64_t)call3(PSCI_0_2_FN64(PSCI_FN_CPU_ON), 3,
					      ENTRY_SECONDARY, 0x203);
		__asm__ volatile("dsb sy" ::: "memory");
		race_done[me] = 1;
		__asm__ volatile("dsb sy\n\tsev" ::: "memory");
	}
	/* The race target stays ON until every racer has called, or a late
	 * racer could legitimately turn it on a second time. */
	while ((ctx & 0x200) && race_hold)
		__asm__ volatile("wfe");
	call3(PSCI_0_2_FN(PSCI_FN_CPU_OFF), 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}

static uint64_t now(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(v));
	return v;
}

static uint64_t deadline(void)
{
	uint64_t f;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	return now() + WAIT_SECONDS * f;
}

static bool wait_for(volatile uint64_t *p, uint64_t want)
{
	uint64_t end = deadline();

	while (*p != want) {
		if (now() > end)
			return false;
		__asm__ volatile("wfe");
	}
	return true;
}

/* AFFINITY_INFO until it says OFF; the CPU may still be on its way. */
static bool wait_off(uint64_t mpidr)
{
	uint64_t end = deadline();

	while (call3(PSCI_0_2_FN(PSCI_FN_AFFINITY_INFO), mpidr, 0, 0) !=
	       PSCI_AFF_OFF) {
		if (now() > end)
			return false;
	}
	return true;
}

static void test_psci_basics(void)
{
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_VERSION), 0, 0, 0), PSCI_VERSION_1_1,
	      "PSCI_VERSION is 1.1");
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_FEATURES), ARM_SMCCC_VERSION, 0, 0), 0,
	      "PSCI_FEATURES(SMCCC_VERSION) = 0");
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_FEATURES),
		    PSCI_0_2_FN64(PSCI_FN_CPU_ON), 0, 0),
	      0, "PSCI_FEATURES(CPU_ON64) = 0");
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_FEATURES),
		    PSCI_0_2_FN(PSCI_FN_CPU_SUSPEND), 0, 0),
	      0, "PSCI_FEATURES(CPU_SUSPEND) = 0 (original format, no OSI)");
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_FEATURES),
		    PSCI_0_2_FN(PSCI_FN_SYSTEM_OFF), 0, 0),
	      0, "PSCI_FEATURES(SYSTEM_OFF) = 0");
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_FEATURES), PSCI_0_2_FN(PSCI_FN_MIGRATE),
		    0, 0),
	      NEG(PSCI_NOT_SUPPORTED), "PSCI_FEATURES(MIGRATE) = -1");
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_FEATURES),
		    PSCI_0_2_FN64(PSCI_FN_VERSION), 0, 0),
	      NEG(PSCI_NOT_SUPPORTED),
	      "PSCI_FEATURES(no such SMC64 form) = -1");
	ok_eq(call3(PSCI_0_2_FN64(PSCI_FN_VERSION), 0, 0, 0), SMCCC_UNKNOWN,
	      "SMC64 PSCI_VERSION is unknown");
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_MIGRATE_INFO_TYPE), 0, 0, 0), 2,
	      "MIGRATE_INFO_TYPE = 2 (no trusted OS)");
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_AFFINITY_INFO), 0, 0, 0), PSCI_AFF_ON,
	      "AFFINITY_INFO(self) = ON");
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_AFFINITY_INFO), 1, 0, 0), PSCI_AFF_OFF,
	      "AFFINITY_INFO(cpu 1) = OFF before CPU_ON");
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_AFFINITY_INFO), 0, 1, 0),
	      NEG(PSCI_INVALID_PARAMETERS), "AFFINITY_INFO level 1 rejected");
	ok_eq(call3(PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO), 1ull << 24, 0, 0),
	      NEG(PSCI_INVALID_PARAMETERS), "AFFINITY_INFO reserved bit 24");
}

static void test_cpu_on_errors(unsigned ncpus)
{
	uint32_t on64 = PSCI_0_2_FN64(PSCI_FN_CPU_ON);

	ok_eq(call3(on64, 0, ENTRY_SECONDARY, 0), NEG(PSCI_ALREADY_ON),
	      "CPU_ON(self) = ALREADY_ON");
	ok_eq(call3(on64, ncpus, ENTRY_SECONDARY, 0),
	      NEG(PSCI_INVALID_PARAMETERS), "CPU_ON(no such CPU)");
	ok_eq(call3(on64, 0x100, ENTRY_SECONDARY, 0),
	      NEG(PSCI_INVALID_PARAMETERS), "CPU_ON(Aff1 = 1: no such CPU)");
	ok_eq(call3(on64, 1ull << 24 | 1, ENTRY_SECONDARY, 0),
	      NEG(PSCI_INVALID_PARAMETERS), "CPU_ON(reserved MPIDR bit)");
	ok_eq(call3(on64, 1, ENTRY_SECONDARY + 2, 0), NEG(PSCI_INVALID_ADDRESS),
	      "CPU_ON(misaligned entry)");
	ok_eq(call3(on64, 1, 0x0e000000, 0), NEG(PSCI_INVALID_ADDRESS),
	      "CPU_ON(entry in secure RAM)");
	ok_eq(call3(on64, 1, 0, 0), NEG(PSCI_INVALID_ADDRESS),
	      "CPU_ON(entry in secure flash)");
}

static void start_one(unsigned cpu)
{
	uint64_t ctx = 0xabcd000000000000ull | cpu, r, aff;

	r = call3(PSCI_0_2_FN64(PSCI_FN_CPU_ON), cpu, ENTRY_SECONDARY, ctx);
	ok_eq(r, 0, "CPU_ON(secondary) = SUCCESS");
	r = call3(PSCI_0_2_FN64(PSCI_FN_CPU_ON), cpu, ENTRY_SECONDARY, ctx);
	ok(r == NEG(PSCI_ALREADY_ON) || r == NEG(PSCI_ON_PENDING) ||
		   seen_ctx[cpu] == ctx,
	   "second CPU_ON = ALREADY_ON or ON_PENDING");
	aff = call3(PSCI_0_2_FN(PSCI_FN_AFFINITY_INFO), cpu, 0, 0);
	ok(aff == PSCI_AFF_ON || aff == PSCI_AFF_ON_PENDING ||
		   seen_ctx[cpu] == ctx,
	   "AFFINITY_INFO = ON or ON_PENDING after CPU_ON");
	ok(wait_for(&seen_ctx[cpu], ctx),
	   "secondary arrived with x0 = its 64-bit context ID");
	ok_eq(seen_el[cpu], 2, "secondary runs at EL2");
	ok(wait_off(cpu), "AFFINITY_INFO = OFF after its CPU_OFF");
}

#define RACE_ROUNDS 20

static unsigned race_pending, race_already; /* how the losers lost */

static void race_report(const char *why, const int64_t r[3])
{
	unsigned i;

	out("# race round failed: ");
	out(why);
	for (i = 0; i < 3; i++) {
		out(" ");
		out_hex((uint64_t)r[i]);
	}
	out("\n");
}

/* One round: CPUs 1 and 2 and CPU 0 all CPU_ON CPU 3 at once. The target
 * stays ON until every racer has called (race_hold), so exactly one call
 * may succeed; the others must see ON_PENDING or ALREADY_ON. */
static bool race_round(void)
{
	int64_t r[3] = {0, 0, 0};
	unsigned i, wins = 0, losers = 0;

	seen_ctx[1] = seen_ctx[2] = seen_ctx[3] = 0;
	race_go = race_done[1] = race_done[2] = 0;
	race_hold = 1;
	__asm__ volatile("dsb sy" ::: "memory");
	call3(PSCI_0_2_FN64(PSCI_FN_CPU_ON), 1, ENTRY_SECONDARY, 0x101);
	call3(PSCI_0_2_FN64(PSCI_FN_CPU_ON), 2, ENTRY_SECONDARY, 0x102);
	if (!wait_for(&seen_ctx[1], 0x101) || !wait_for(&seen_ctx[2], 0x102)) {
		race_report("racers did not start", r);
		return false;
	}
	race_go = 1;
	__asm__ volatile("dsb sy\n\tsev" ::: "memory");
	r[0] = (int64_t)call3(PSCI_0_2_FN64(PSCI_FN_CPU_ON), 3, ENTRY_SECONDARY,
			      0x203);
	if (!wait_for(&race_done[1], 1) || !wait_for(&race_done[2], 1)) {
		race_report("racers did not finish", r);
		return false;
	}
	r[1] = race_ret[1];
	r[2] = race_ret[2];
	for (i = 0; i < 3; i++) {
		if (r[i] == PSCI_SUCCESS)
			wins++;
		else if (r[i] == PSCI_ALREADY_ON || r[i] == PSCI_ON_PENDING)
			losers++;
		race_pending += r[i] == PSCI_ON_PENDING;
		race_already += r[i] == PSCI_ALREADY_ON;
	}
	if (!wait_for(&seen_ctx[3], 0x203)) {
		race_report("target did not come up", r);
		return false;
	}
	race_hold = 0;
	__asm__ volatile("dsb sy\n\tsev" ::: "memory");
	if (!wait_off(1) || !wait_off(2) || !wait_off(3)) {
		race_report("CPUs did not turn off", r);
		return false;
	}
	if (wins != 1 || losers != 2)
		race_report("not exactly one SUCCESS", r);
	return wins == 1 && losers == 2;
}

static void test_cpu_on_race(void)
{
	unsigned round, good = 0;

	for (round = 0; round < RACE_ROUNDS; round++)
		good += race_round();
	out("# race losers: ON_PENDING ");
	out_dec(race_pending);
	out(", ALREADY_ON ");
	out_dec(race_already);
	out("\n");
	ok_eq(good, RACE_ROUNDS,
	      "20 rounds of three CPUs racing CPU_ON on one target: exactly "
	      "one SUCCESS each, the others ALREADY_ON/ON_PENDING");
}

#define SYSREG_W(enc, v) __asm__ volatile("msr " enc ", %0" : : "r"(v))
#define SYSREG_R(enc, v) __asm__ volatile("mrs %0, " enc : "=r"(v))

/* CPU_SUSPEND standby returns once an interrupt is pending: arm the EL1
 * physical timer, routed through the GIC the firmware set up (Group 1 NS,
 * redistributor awake), and check the interrupt really reached us. */
static void test_suspend(void)
{
	uint64_t v, freq;

	SYSREG_R("S3_4_C12_C9_5", v); /* ICC_SRE_EL2 */
	SYSREG_W("S3_4_C12_C9_5", v | 0x9);
	__asm__ volatile("isb");
	SYSREG_W("S3_0_C4_C6_0", 0xffull); /* ICC_PMR_EL1 */
	SYSREG_W("S3_0_C12_C12_7", 1ull);  /* ICC_IGRPEN1_EL1 */
	*(volatile uint32_t *)GICD = (1u << 4) | (1u << 1); /* ARE_NS, G1A */
	*(volatile uint32_t *)(GICR0_SGI + 0x100) = 1u << TIMER_PPI;
	__asm__ volatile("isb; mrs %0, cntfrq_el0" : "=r"(freq));
	SYSREG_W("cntp_tval_el0", freq / 200);
	SYSREG_W("cntp_ctl_el0", 1ull);
	__asm__ volatile("isb");
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_CPU_SUSPEND), 0, 0, 0), 0,
	      "CPU_SUSPEND(standby) returns SUCCESS on wake-up");
	SYSREG_R("S3_0_C12_C12_0", v); /* ICC_IAR1_EL1 */
	ok_eq(v & 0xffffff, TIMER_PPI,
	      "timer PPI pending as Group 1 NS after the wake-up");
	SYSREG_W("cntp_ctl_el0", 0ull);
	SYSREG_W("S3_0_C12_C12_1", v); /* ICC_EOIR1_EL1 */
	ok_eq(call3(PSCI_0_2_FN(PSCI_FN_CPU_SUSPEND), 1ull << 31, 0, 0),
	      NEG(PSCI_INVALID_PARAMETERS), "CPU_SUSPEND reserved bit 31");
	ok_eq(call3(PSCI_0_2_FN64(PSCI_FN_CPU_SUSPEND), 1u << 16, 0x0e000000,
		    0),
	      NEG(PSCI_INVALID_ADDRESS), "CPU_SUSPEND power-down, bad entry");
}

static void test_handover(uint64_t dtb, uint64_t x1, uint64_t x2, uint64_t x3)
{
	const char want[] = "arm,psci-1.0\0arm,psci-0.2";
	const uint8_t *p = (const uint8_t *)(uintptr_t)dtb;
	uint64_t daif, sctlr, size, i, j;
	bool found = false;

	__asm__ volatile("mrs %0, daif; mrs %1, sctlr_el2"
			 : "=r"(daif), "=r"(sctlr));
	ok_eq(dtb, 0x40000000, "entered with x0 = device tree at RAM base");
	ok(x1 == 0 && x2 == 0 && x3 == 0, "entered with x1 = x2 = x3 = 0");
	ok_eq(read_current_el(), 2, "entered at EL2");
	ok_eq(daif, 0x3c0, "entered with DAIF masked");
	ok_eq(sctlr & 5, 0, "entered with MMU and D-cache off");
	ok_eq((uint64_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3], 0xd00dfeed,
	      "device tree magic");
	size = (uint64_t)p[4] << 24 | p[5] << 16 | p[6] << 8 | p[7];
	for (i = 0; i + sizeof(want) <= size && !found; i++) {
		for (j = 0; j < sizeof(want) && p[i + j] == (uint8_t)want[j];
		     j++)
			;
		found = j == sizeof(want);
	}
	ok(found, "device tree has a psci-1.0/0.2 node");
}

/* Under -icount shift=0 one instruction is 1 ns of virtual time, and the
 * counter ticks every 16 ns at 62.5 MHz: the average round trip of a call
 * in instructions. Printed as a comment, never asserted. */
static void measure(const char *name, uint32_t fid)
{
	uint64_t f, t0, t1;
	unsigned i;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	t0 = now();
	for (i = 0; i < 4096; i++) {
		register uint64_t x0 __asm__("x0") = fid;

		__asm__ volatile("smc #0"
				 : "+r"(x0)
				 :
				 : "x1", "x2", "x3", "x4", "x5", "x6", "x7",
				   "x8", "x9", "x10", "x11", "x12", "x13",
				   "x14", "x15", "x16", "x17", "memory");
	}
	t1 = now();
	out("# cost under -icount shift=0: ");
	out(name);
	out(" ~");
	out_dec((t1 - t0) * (1000000000ull / f) / 4096);
	out(" instructions per round trip\n");
}

static unsigned count_cpus(void)
{
	unsigned n = 1;

	while (n < MAX_CPUS && call3(PSCI_0_2_FN(PSCI_FN_AFFINITY_INFO), n, 0,
				     0) != NEG(PSCI_INVALID_PARAMETERS))
		n++;
	return n;
}

static void finish_after_reset(void)
{
	volatile uint64_t *m = (volatile uint64_t *)RESET_MAGIC_ADDR;

	tap_n = (unsigned)m[1];
	m[0] = 0;
	ok(true, "board came back after SYSTEM_RESET");
	out("1..");
	out_dec(tap_n);
	out("\n# SYSTEM_OFF: QEMU must exit now\n");
	call3(PSCI_0_2_FN(PSCI_FN_SYSTEM_OFF), 0, 0, 0);
	out("not ok - SYSTEM_OFF returned\n");
}

void payload_main(uint64_t dtb, uint64_t x1, uint64_t x2, uint64_t x3)
{
	volatile uint64_t *m = (volatile uint64_t *)RESET_MAGIC_ADDR;
	unsigned ncpus, cpu;

	if (m[0] == RESET_MAGIC) {
		finish_after_reset();
		return;
	}
	out("# Arbiter firmware test payload\n");
	test_handover(dtb, x1, x2, x3);
	test_arch();
	test_psci_basics();
	ncpus = count_cpus();
	out("# CPUs: ");
	out_dec(ncpus);
	out("\n");
	ok(ncpus >= 2, "at least two CPUs for the CPU_ON tests");
	test_cpu_on_errors(ncpus);
	for (cpu = 1; cpu < ncpus; cpu++)
		start_one(cpu);
	if (ncpus >= 4)
		test_cpu_on_race();
	test_suspend();
	test_trng();
	test_sip();
	test_tee();
	test_sweep();
	measure("SMCCC_VERSION", ARM_SMCCC_VERSION);
	measure("PSCI_VERSION", PSCI_0_2_FN(PSCI_FN_VERSION));
	measure("unknown SiP", 0x82000fff);
	m[1] = tap_n;
	m[0] = RESET_MAGIC;
	__asm__ volatile("dsb sy" ::: "memory");
	out("# SYSTEM_RESET: the firmware must reboot the board\n");
	call3(PSCI_0_2_FN(PSCI_FN_SYSTEM_RESET), 0, 0, 0);
	out("not ok - SYSTEM_RESET returned\n");
}
