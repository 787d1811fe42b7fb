// SPDX-License-Identifier: MIT
/*
 * Fault injection seen from a guest (tests/qemu/34-faults-*.t). The
 * hypervisor is the fault-injection test image, and a plan makes some of
 * its own firmware calls fail (docs/robustness.md); this guest checks that
 * it gets the answer the specification names for each, never a hang, and
 * that the call works again once the plan's count is spent. Bootargs:
 *   sip=1     ECHO64 (forwarded to the firmware) fails twice with -3: the
 *             firmware's error comes through, x1-x17 untouched; then the
 *             echo works
 *   cpuon=1   the physical CPU_ON of vCPU 1's CPU fails (at boot and
 *             once more): CPU_ON answers INTERNAL_FAILURE, AFFINITY_INFO
 *             says OFF; the next CPU_ON starts vCPU 1
 *   trng=1    the firmware's TRNG has no entropy twice: NO_ENTROPY (-3)
 *             with x1-x3 zero, then entropy
 *   tee=1     OP-TEE's CALL_WITH_ARG answers ETHREAD_LIMIT, then EBUSY,
 *             passed to us with our argument untouched; then the call
 *             reaches the secure side
 *   alone=1   nothing but being alive (beside a domain that cannot start)
 * Prints TAP, plan last, and "faults: failures=N".
 */
#include <stdatomic.h>

#include "../../firmware/sip.h"
#include "../lib/guest.h"

#define MINUS(v)	((uint64_t)(int64_t)(v))
#define ECHO_ERROR	MINUS(-3) /* what the plan makes the firmware say */
#define OPTEE_STD_CALL	0x32000004u
#define OPTEE_THREADS	1u /* ETHREAD_LIMIT */
#define OPTEE_BUSY	2u /* EBUSY */
#define OPTEE_BAD_PARAM 0xffff0006u
#define OPTEE_ORIGIN	3u	  /* TEE_ORIGIN_TEE */
#define ARG_OFFSET	0x800000u /* the OP-TEE argument: 8 MiB into RAM */
#define WAIT_SECONDS	5

static _Atomic uint32_t vcpu1_ran;

static bool has_arg(const char *key)
{
	return bootarg_uint(key, 0) != 0;
}

static uint64_t counter(void)
{
	uint64_t now;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(now));
	return now;
}

static uint64_t deadline(void)
{
	uint64_t freq;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
	return counter() + (freq ? freq : 62500000) * WAIT_SECONDS;
}

static void pattern(struct smccc_res *r, uint32_t fid)
{
	r->x[0] = fid;
	for (unsigned i = 1; i < 18; i++)
		r->x[i] = 0x8070605040302010ull + i * 0x0101010101010101ull;
}

static bool untouched_from(const struct smccc_res *r, unsigned first)
{
	struct smccc_res p;

	pattern(&p, 0);
	for (unsigned i = first; i < 18; i++)
		if (r->x[i] != p.x[i])
			return false;
	return true;
}

static void check_sip(void)
{
	unsigned id = bootarg_uint("id", 0);
	struct smccc_res r, p;
	bool echoed = true;

	for (enum guest_conduit c = GUEST_SMC; c <= GUEST_HVC; c++) {
		pattern(&r, FW_SIP_ECHO64);
		smccc_call(c, &r);
		tap_ok(r.x[0] == ECHO_ERROR && untouched_from(&r, 1),
		       "%s ECHO64 while the firmware fails: x0 = its error "
		       "-3 (0x%llx), x1-x17 untouched",
		       conduit_name(c), (unsigned long long)r.x[0]);
	}
	pattern(&r, FW_SIP_ECHO64);
	pattern(&p, 0);
	smccc_call(GUEST_SMC, &r);
	for (unsigned i = 1; i < 18; i++) {
		uint64_t sent = i == 7 ? (p.x[7] & ~0xffffull) | id : p.x[i];

		echoed = echoed && r.x[i] == sent + 1;
	}
	tap_ok(r.x[0] == 0 && echoed,
	       "ECHO64 once the fault is spent: x1-x17 + 1 from the firmware");
}

static uint64_t affinity(unsigned v)
{
	return smccc(psci_conduit, PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO),
		     guest_cpu_mpidr[v], 0, 0);
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	if (index == 1 && arg == 0xc0ffee)
		atomic_store(&vcpu1_ran, 1);
	__asm__ volatile("dsb ish\n\tsev" ::: "memory");
}

static bool wait_until(bool (*done)(void))
{
	uint64_t end = deadline();

	while (!done() && counter() < end)
		__asm__ volatile("wfe");
	return done();
}

static bool vcpu1_started(void)
{
	return atomic_load(&vcpu1_ran) != 0;
}

static bool vcpu1_off(void)
{
	return affinity(1) == PSCI_AFF_OFF;
}

static void check_cpu_on(void)
{
	int64_t r;

	if (!tap_ok(guest_ncpus >= 2, "a second vCPU to start (%u vCPUs)",
		    guest_ncpus))
		return;
	tap_ok(affinity(1) == PSCI_AFF_OFF,
	       "vCPU 1, whose CPU failed to start at boot, is OFF");
	r = guest_cpu_on(1, 0xc0ffee);
	tap_ok(r == PSCI_INTERNAL_FAILURE,
	       "CPU_ON while the firmware cannot power its CPU: "
	       "INTERNAL_FAILURE (%lld)",
	       (long long)r);
	tap_ok(affinity(1) == PSCI_AFF_OFF && !vcpu1_started(),
	       "after the failed CPU_ON vCPU 1 is still OFF and never ran");
	r = guest_cpu_on(1, 0xc0ffee);
	tap_ok(r == PSCI_SUCCESS,
	       "CPU_ON once the firmware recovers: "
	       "SUCCESS (%lld)",
	       (long long)r);
	tap_ok(wait_until(vcpu1_started), "vCPU 1 runs with its context");
	tap_ok(wait_until(vcpu1_off), "vCPU 1 turns itself off again");
}

/* x0 and x1-x3 of one TRNG_RND; x4-x17 must come back untouched. */
static struct smccc_res rnd(bool is64, unsigned n)
{
	struct smccc_res r;

	pattern(&r, is64 ? SMCCC_FAST64(OEN_STD, TRNG_FN_RND)
			 : SMCCC_FAST32(OEN_STD, TRNG_FN_RND));
	r.x[1] = n;
	smccc_call(GUEST_HVC, &r);
	return r;
}

static void check_trng(void)
{
	struct smccc_res r = rnd(true, 192);

	tap_ok(r.x[0] == MINUS(TRNG_NO_ENTROPY) && !r.x[1] && !r.x[2] &&
		       !r.x[3] && untouched_from(&r, 4),
	       "TRNG_RND64 without entropy: NO_ENTROPY (0x%llx), x1-x3 zero",
	       (unsigned long long)r.x[0]);
	r = rnd(false, 96);
	tap_ok(r.x[0] == MINUS(TRNG_NO_ENTROPY) && !r.x[1] && !r.x[2] &&
		       !r.x[3] && untouched_from(&r, 4),
	       "TRNG_RND32 without entropy: NO_ENTROPY (0x%llx), x1-x3 zero",
	       (unsigned long long)r.x[0]);
	r = rnd(true, 64);
	tap_ok(r.x[0] == 0 && !r.x[1] && !r.x[2] && untouched_from(&r, 4),
	       "TRNG_RND64 once entropy is back: 64 bits in x3 (x0 %lld)",
	       (long long)r.x[0]);
}

/* One INVOKE_COMMAND on a session that does not exist. */
static uint64_t optee_invoke(volatile uint32_t *arg)
{
	uint64_t ipa = guest_ram_base + ARG_OFFSET;
	struct smccc_res r = {{OPTEE_STD_CALL, ipa >> 32, ipa & 0xffffffffu}};

	for (unsigned i = 0; i < 8; i++)
		arg[i] = 0;
	arg[0] = 1;	     /* cmd: INVOKE_COMMAND */
	arg[2] = 0x1234;     /* session */
	arg[5] = 0xdeadbeef; /* ret, which only the secure side may set */
	arg[6] = 0xdeadbeef; /* ret_origin */
	smccc_call(GUEST_SMC, &r);
	return r.x[0];
}

static void check_tee(void)
{
	volatile uint32_t *arg =
		(volatile uint32_t *)(uintptr_t)(guest_ram_base + ARG_OFFSET);
	uint64_t a0 = optee_invoke(arg);

	tap_ok(a0 == OPTEE_THREADS && arg[5] == 0xdeadbeef,
	       "OP-TEE std call while the TEE has no thread: ETHREAD_LIMIT "
	       "(%llu), argument untouched",
	       (unsigned long long)a0);
	a0 = optee_invoke(arg);
	tap_ok(a0 == OPTEE_BUSY && arg[5] == 0xdeadbeef,
	       "OP-TEE std call while the TEE is busy: EBUSY (%llu), "
	       "argument untouched",
	       (unsigned long long)a0);
	a0 = optee_invoke(arg);
	tap_ok(a0 == 0 && arg[5] == OPTEE_BAD_PARAM && arg[6] == OPTEE_ORIGIN,
	       "the next std call reaches the secure side: OK, ret 0x%x "
	       "origin %u",
	       arg[5], arg[6]);
}

void guest_main(void)
{
	printf_uart("faults: %u vCPU(s), bootargs \"%s\"\n", guest_ncpus,
		    guest_bootargs);
	if (has_arg("sip"))
		check_sip();
	if (has_arg("cpuon"))
		check_cpu_on();
	if (has_arg("trng"))
		check_trng();
	if (has_arg("tee"))
		check_tee();
	if (has_arg("alone"))
		tap_ok(true, "running beside a domain that could not start");
	tap_plan(tap_total());
	printf_uart("faults: failures=%u\n", tap_failures());
}
