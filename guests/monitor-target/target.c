// SPDX-License-Identifier: MIT
/*
 * The monitored guest of the monitor scenarios (docs/monitor.md,
 * tests/qemu/1[2-4]-monitor-*.t). Its configuration is in its bootargs:
 *   mode=exclusive   exclusive, conduit = "smc", an agent attached
 *   mode=both        exclusive, conduit = "both", an agent attached
 *   mode=listed      listed (0xc2000040-0xc2000047 go to the agent)
 *   mode=absent-deny / mode=absent-pass   no agent ever attaches
 *   mode=left-deny / mode=left-pass   exclusive; the agent leaves (DETACH
 *                    or power-off) while it holds a call of ours
 *   load=N           calls per vCPU in the load test (default 1000)
 * It checks, over real smc/hvc, what the agent and the hypervisor do with
 * its calls, and counts every call it expects the agent to see so that the
 * agent's count can be checked exactly.
 */
#include <stdatomic.h>
#include <string.h>

#include "../lib/guest.h"
#include "../monitor-agent/protocol.h"

#define MINUS1	       0xffffffffffffffffull
#define ESR_SMC64      0x5e000000ull /* EC 0x17, IL, imm 0 */
#define ESR_HVC64      0x5a000000ull /* EC 0x16, IL, imm 0 */
#define PSTATE_EL1H    0x5u	     /* M[4:0]: AArch64, EL1, SP_EL1 */
#define POLLS	       30000u	     /* 1 ms apart */
#define PROGRESS_CALLS 200u

enum mode {
	EXCLUSIVE,
	BOTH,
	LISTED,
	ABSENT_DENY,
	ABSENT_PASS,
	LEFT_DENY,
	LEFT_PASS
};
enum job { JOB_LOAD = 1, JOB_PROGRESS, JOB_SILENT };

static enum mode mode;
static unsigned load_calls;
static _Atomic uint64_t sent, sent_hvc, sent_unlisted;
static _Atomic uint32_t echo_bad, jobs_done, silent_started, silent_returns;
static uint64_t echo_next[GUEST_MAX_CPUS], probes, repeats;

static bool has_arg(const char *kv)
{
	size_t n = strlen(kv);

	for (const char *p = strstr(guest_bootargs, kv); p;
	     p = strstr(p + 1, kv))
		if ((p == guest_bootargs || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == 0))
			return true;
	return false;
}

static void mode_read(void)
{
	static const char *const names[] = {
		"mode=exclusive",   "mode=both",	"mode=listed",
		"mode=absent-deny", "mode=absent-pass", "mode=left-deny",
		"mode=left-pass"};

	mode = EXCLUSIVE;
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (has_arg(names[i]))
			mode = (enum mode)i;
	load_calls = bootarg_uint("load", 1000);
	printf_uart("# monitor target: %s\n", guest_bootargs);
}

/* Does this call reach the agent (with the agent attached)? */
static bool monitored(enum guest_conduit c, uint32_t fid)
{
	if (mode == LISTED)
		return fid >= MP_ANSWER && fid <= MP_BYE;
	if (mode != EXCLUSIVE && mode != BOTH)
		return false;
	if (c == GUEST_HVC && mode != BOTH)
		return false;
	return ((fid >> 24) & 0x3fu) != 0 && fid != MP_DENIED;
}

static void note(enum guest_conduit c, uint32_t fid)
{
	if (!monitored(c, fid))
		return;
	atomic_fetch_add(&sent, 1);
	if (c == GUEST_HVC)
		atomic_fetch_add(&sent_hvc, 1);
	if (fid == MP_UNLISTED)
		atomic_fetch_add(&sent_unlisted, 1);
}

static void mcall(enum guest_conduit c, struct smccc_res *r)
{
	note(c, (uint32_t)r->x[0]);
	smccc_call(c, r);
}

static uint64_t mcall1(enum guest_conduit c, uint32_t fid, uint64_t a1)
{
	struct smccc_res r = {{fid, a1}};

	mcall(c, &r);
	return r.x[0];
}

#define CALL_CLOBBERS                                                          \
	"x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",  \
		"x14", "x15", "x16", "x17", "memory"

/* A call whose instruction's address we know: *pc. x0-x2 in and out. */
static void call_at_raw(enum guest_conduit c, uint64_t x[3], uint64_t *pc)
{
	uint64_t at;

	if (c == GUEST_SMC)
		__asm__ volatile("ldp x0, x1, [%1]\n\tldr x2, [%1, #16]\n\t"
				 "adr %0, 1f\n1:\tsmc #0\n\t"
				 "stp x0, x1, [%1]\n\tstr x2, [%1, #16]"
				 : "=&r"(at)
				 : "r"(x)
				 : "x0", "x1", "x2", CALL_CLOBBERS);
	else
		__asm__ volatile("ldp x0, x1, [%1]\n\tldr x2, [%1, #16]\n\t"
				 "adr %0, 1f\n1:\thvc #0\n\t"
				 "stp x0, x1, [%1]\n\tstr x2, [%1, #16]"
				 : "=&r"(at)
				 : "r"(x)
				 : "x0", "x1", "x2", CALL_CLOBBERS);
	*pc = at;
}

static void call_at(enum guest_conduit c, uint64_t x[3], uint64_t *pc)
{
	note(c, (uint32_t)x[0]);
	call_at_raw(c, x, pc);
}

static void delay_ms(unsigned ms)
{
	uint64_t f, t0, t;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(t0));
	do
		__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(t));
	while (t - t0 < f / 1000u * ms);
}

/* PSCI on our conduit, counted when the agent sees it. */
static uint64_t psci(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct smccc_res r = {{PSCI_0_2_FN64(fn), a1, a2, a3}};

	mcall(psci_conduit, &r);
	return r.x[0];
}

static bool cpu_on(unsigned i, enum job job)
{
	note(psci_conduit, PSCI_0_2_FN64(PSCI_FN_CPU_ON));
	return guest_cpu_on(i, job) == PSCI_SUCCESS;
}

static bool wait_off(unsigned i)
{
	for (unsigned k = 0; k < POLLS; k++) {
		if (psci(PSCI_FN_AFFINITY_INFO, guest_cpu_mpidr[i], 0, 0) ==
		    PSCI_AFF_OFF)
			return true;
		delay_ms(1);
	}
	return false;
}

static void echo_batch(unsigned index, unsigned calls)
{
	for (unsigned k = 0; k < calls; k++) {
		uint64_t n = ++echo_next[index];
		enum guest_conduit c =
			mode == BOTH && (n & 1) ? GUEST_HVC : GUEST_SMC;
		struct smccc_res r = {{MP_ECHO, index, n}};

		mcall(c, &r);
		if (r.x[0] != n + 1 || r.x[1] != index)
			atomic_fetch_add(&echo_bad, 1);
	}
}

/* vCPU 1 in exclusive mode: a call the agent never answers. */
static _Noreturn void silent(void)
{
	atomic_store(&silent_started, 1);
	__asm__ volatile("dsb ish; sev" ::: "memory");
	note(GUEST_SMC, MP_SILENT);
	for (;;) {
		/* Back only if the agent left first (on-agent-absent answers
		 * -1); our domain's power-off ends this loop. */
		uint64_t x0 = smccc(GUEST_SMC, MP_SILENT, 0, 0, 0);

		if (atomic_fetch_add(&silent_returns, 1) == 0)
			printf_uart("# vCPU 1: the agent left first: its call "
				    "was answered 0x%llx\n",
				    (unsigned long long)x0);
		if (x0 != MINUS1)
			printf_uart("FATAL: the silent call was answered "
				    "0x%llx\n",
				    (unsigned long long)x0);
	}
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	if (arg == JOB_SILENT)
		silent();
	echo_batch(index, arg == JOB_LOAD ? load_calls : PROGRESS_CALLS);
	note(psci_conduit, PSCI_0_2_FN(PSCI_FN_CPU_OFF)); /* ours, next */
	atomic_fetch_add(&jobs_done, 1);
	__asm__ volatile("dsb ish; sev" ::: "memory");
}

/* vCPUs [first, n) and vCPU 0 run `job`; back when all are off again. */
static bool run_jobs(unsigned first, unsigned n, enum job job)
{
	bool ok = true;
	uint32_t want = atomic_load(&jobs_done) + (n - first);

	for (unsigned i = first; i < n; i++)
		ok = cpu_on(i, job) && ok;
	echo_batch(0, job == JOB_LOAD ? load_calls : PROGRESS_CALLS);
	while (ok && atomic_load(&jobs_done) < want)
		__asm__ volatile("wfe");
	for (unsigned i = first; i < n; i++)
		ok = wait_off(i) && ok;
	return ok;
}

/* Until the agent answers (it may attach after we start). */
static bool wait_agent(void)
{
	for (unsigned i = 0; i < POLLS; i++) {
		struct smccc_res r = {{MP_ANSWER, 41}};

		smccc_call(GUEST_SMC, &r);
		if (r.x[0] == MP_ANSWER_VALUE && r.x[1] == 42) {
			note(GUEST_SMC, MP_ANSWER);
			return true;
		}
		delay_ms(1);
	}
	return false;
}

/* Until the agent holds a call (another vCPU's, or another domain's). */
static uint64_t wait_held(void)
{
	for (unsigned i = 0; i < POLLS; i++) {
		struct smccc_res r = {{MP_HELD}};

		mcall(GUEST_SMC, &r);
		if (r.x[0] == 0 && r.x[1] > 0)
			return r.x[1];
		delay_ms(1);
	}
	return 0;
}

/* A call carrying MP_PROBE_MARK: the agent keeps its event for MP_LAST. */
static void check_probe(enum guest_conduit c, uint32_t fid, uint64_t expect)
{
	uint64_t x[3] = {fid, MP_PROBE_MARK, 0}, pc;
	struct smccc_res last = {{MP_LAST}};
	bool routed = monitored(c, fid);
	const char *cn = conduit_name(c);

	call_at(c, x, &pc);
	probes += routed;
	mcall(GUEST_SMC, &last);
	tap_ok(x[0] == expect, "%s 0x%x answered 0x%llx", cn, fid,
	       (unsigned long long)x[0]);
	if (!routed) {
		tap_ok(last.x[6] == probes,
		       "%s 0x%x did not reach the agent (its probes: %llu)", cn,
		       fid, (unsigned long long)last.x[6]);
		return;
	}
	tap_ok(last.x[6] == probes && last.x[1] == pc && last.x[4] == fid,
	       "%s 0x%x reached the agent with the PC at the %s itself: "
	       "0x%llx (ours 0x%llx)",
	       cn, fid, cn, (unsigned long long)last.x[1],
	       (unsigned long long)pc);
	tap_ok(last.x[2] == (c == GUEST_SMC ? ESR_SMC64 : ESR_HVC64) &&
		       last.x[3] == (uint64_t)c && last.x[5] == 0 &&
		       (last.x[7] & 0x1f) == PSTATE_EL1H,
	       "event: esr 0x%llx, conduit %llu, vCPU %llu, pstate 0x%llx",
	       (unsigned long long)last.x[2], (unsigned long long)last.x[3],
	       (unsigned long long)last.x[5], (unsigned long long)last.x[7]);
}

static void check_calls(enum guest_conduit c)
{
	struct smccc_res r = {{MP_ANSWER, 41}};
	const char *cn = conduit_name(c);

	mcall(c, &r);
	if (monitored(c, MP_ANSWER))
		tap_ok(r.x[0] == MP_ANSWER_VALUE && r.x[1] == 42,
		       "%s: the agent answered a SiP call itself (x0 0x%llx, "
		       "x1 %llu)",
		       cn, (unsigned long long)r.x[0],
		       (unsigned long long)r.x[1]);
	else
		tap_ok(r.x[0] == MINUS1 && r.x[1] == 41,
		       "%s: not monitored, the SiP call is emulated: -1", cn);
	tap_ok(mcall1(c, MP_DENIED, 0) == MINUS1,
	       "%s: a call the policy denies answers -1", cn);
	tap_ok(mcall1(c, MP_UNLISTED, 0) == MINUS1,
	       "%s: an allowed SiP call nobody answers: -1", cn);
}

static void check_twice(void)
{
	uint64_t x[3] = {MP_TWICE, 0, 0}, pc;

	call_at(GUEST_SMC, x, &pc);
	note(GUEST_SMC, MP_TWICE); /* it ran twice */
	repeats++;
	tap_ok(x[0] == 2 && x[1] == pc && x[2] == pc,
	       "a reply without PC advance ran the smc at 0x%llx again with "
	       "the agent's x2, then it advanced (x0 %llu, pcs 0x%llx, "
	       "0x%llx)",
	       (unsigned long long)pc, (unsigned long long)x[0],
	       (unsigned long long)x[1], (unsigned long long)x[2]);
}

static void check_load(unsigned n)
{
	bool ok = run_jobs(1, n, JOB_LOAD);

	tap_ok(ok, "CPU_ON/AFFINITY_INFO over %s work%s",
	       conduit_name(psci_conduit),
	       mode == LISTED ? " (not monitored)" : " (handed back)");
	tap_ok(ok && atomic_load(&echo_bad) == 0,
	       "%u vCPUs x %u calls through the agent, every answer right "
	       "(%u wrong)",
	       n, load_calls, (unsigned)atomic_load(&echo_bad));
}

/* Exclusive: vCPU 1's call is never answered; the rest runs on. */
static void check_held(unsigned n)
{
	uint64_t held;

	if (!tap_ok(n >= 3 && cpu_on(1, JOB_SILENT), "vCPU 1 started"))
		return;
	while (!atomic_load(&silent_started))
		__asm__ volatile("wfe");
	held = wait_held();
	tap_ok(held == 1, "the agent holds vCPU 1's call (%llu held)",
	       (unsigned long long)held);
	tap_ok(run_jobs(2, n, JOB_PROGRESS) && atomic_load(&echo_bad) == 0,
	       "after it, vCPUs 0 and 2-%u made %u calls each, all answered",
	       n - 1, PROGRESS_CALLS);
	tap_ok(psci(PSCI_FN_AFFINITY_INFO, guest_cpu_mpidr[1], 0, 0) ==
			       PSCI_AFF_ON &&
		       atomic_load(&silent_returns) == 0,
	       "vCPU 1 is still on, waiting in its call (returned %u times)",
	       (unsigned)atomic_load(&silent_returns));
}

static void check_report(void)
{
	struct smccc_res r = {{MP_REPORT}};
	uint64_t want;

	mcall(GUEST_SMC, &r);
	want = atomic_load(&sent);
	tap_ok(r.x[0] == 0 && r.x[1] == want,
	       "the agent saw exactly the %llu calls routed to it (%llu)",
	       (unsigned long long)want, (unsigned long long)r.x[1]);
	tap_ok(r.x[2] == 0,
	       "in sequence order, none lost or repeated, fields right "
	       "(%llu errors)",
	       (unsigned long long)r.x[2]);
	tap_ok(r.x[3] == 0, "the denied calls never reached the agent (%llu)",
	       (unsigned long long)r.x[3]);
	tap_ok(r.x[4] == atomic_load(&sent_hvc),
	       "HVC calls at the agent: %llu (want %llu)",
	       (unsigned long long)r.x[4],
	       (unsigned long long)atomic_load(&sent_hvc));
	tap_ok(r.x[5] == repeats && r.x[6] == atomic_load(&sent_unlisted),
	       "replies without advance %llu (want %llu), unlisted calls "
	       "seen %llu (want %llu)",
	       (unsigned long long)r.x[5], (unsigned long long)repeats,
	       (unsigned long long)r.x[6],
	       (unsigned long long)atomic_load(&sent_unlisted));
}

/* No agent ever attaches: on-agent-absent decides. */
static void check_absent(void)
{
	bool pass = mode == ABSENT_PASS;
	const char *how = pass ? "passed: routed as usual" : "denied";

	tap_ok(smccc(GUEST_SMC, PSCI_0_2_FN(PSCI_FN_VERSION), 0, 0, 0) ==
		       (pass ? PSCI_VERSION_1_3 : MINUS1),
	       "no agent: smc PSCI_VERSION %s", how);
	tap_ok(smccc(GUEST_SMC, PSCI_0_2_FN(TRNG_FN_VERSION), 0, 0, 0) ==
		       (pass ? TRNG_VERSION_1_0 : MINUS1),
	       "no agent: smc TRNG_VERSION %s", how);
	tap_ok(smccc(GUEST_SMC, MP_ANSWER, 41, 0, 0) == MINUS1,
	       "no agent: the made-up SiP call answers -1 (%s)", how);
	tap_ok(smccc(GUEST_SMC, MP_DENIED, 0, 0, 0) == MINUS1,
	       "a call the policy denies answers -1");
	tap_ok(smccc(GUEST_SMC, ARM_SMCCC_VERSION, 0, 0, 0) ==
		       SMCCC_VERSION_1_3,
	       "smc SMCCC_VERSION: the Arm range is the hypervisor's");
	tap_ok(smccc(GUEST_HVC, PSCI_0_2_FN(PSCI_FN_VERSION), 0, 0, 0) ==
		       PSCI_VERSION_1_3,
	       "hvc PSCI_VERSION: not monitored (conduit = smc)");
}

/* The agent attaches, then leaves (DETACH or power-off) holding our call. */
static void check_left(void)
{
	bool pass = mode == LEFT_PASS;
	uint64_t x0;

	if (!tap_ok(wait_agent(), "the agent attached and answers"))
		return;
	x0 = smccc(GUEST_SMC, PSCI_0_2_FN(PSCI_FN_VERSION), MP_LEAVE_MARK, 0,
		   0);
	tap_ok(x0 == (pass ? PSCI_VERSION_1_3 : MINUS1),
	       "the agent left (DETACH or power-off) holding our smc "
	       "PSCI_VERSION: on-agent-absent %s it (0x%llx)",
	       pass ? "routed" : "denied", (unsigned long long)x0);
	tap_ok(smccc(GUEST_SMC, MP_ANSWER, 41, 0, 0) == MINUS1,
	       "the agent is gone: the made-up SiP call answers -1");
	tap_ok(smccc(GUEST_SMC, PSCI_0_2_FN(PSCI_FN_VERSION), 0, 0, 0) ==
		       (pass ? PSCI_VERSION_1_3 : MINUS1),
	       "the agent is gone: smc PSCI_VERSION %s",
	       pass ? "routed as usual" : "denied");
}

static void with_agent(void)
{
	unsigned n = guest_ncpus < 4 ? guest_ncpus : 4;

	if (!tap_ok(wait_agent(), "the agent attached and answers"))
		return;
	check_probe(GUEST_SMC, PSCI_0_2_FN(PSCI_FN_VERSION), PSCI_VERSION_1_3);
	check_probe(GUEST_HVC, PSCI_0_2_FN(PSCI_FN_VERSION), PSCI_VERSION_1_3);
	check_probe(GUEST_SMC, ARM_SMCCC_VERSION, SMCCC_VERSION_1_3);
	check_calls(GUEST_SMC);
	check_calls(GUEST_HVC);
	check_twice();
	if (mode == BOTH)
		tap_ok(wait_held() > 0, "the agent holds another domain's "
					"call: this domain runs on");
	check_load(n);
	if (mode == EXCLUSIVE)
		check_held(n);
	check_report();
	if (mode == LISTED) /* our SYSTEM_OFF will not reach the agent */
		mcall1(GUEST_SMC, MP_BYE, 0);
}

void guest_main(void)
{
	mode_read();
	if (mode == ABSENT_DENY || mode == ABSENT_PASS)
		check_absent();
	else if (mode == LEFT_DENY || mode == LEFT_PASS)
		check_left();
	else
		with_agent();
	tap_plan(tap_total());
}
