// SPDX-License-Identifier: MIT
/*
 * Every vCPU of the domain calling at once. Each opens its own session
 * and holds a call in an RPC until all do (the domain's whole call limit
 * in flight; one more call is refused), then for a number of rounds
 * increments (its session's counter must count exactly its own calls),
 * sums its own page list and now and then sleeps in RPCs. With one OP-TEE
 * domain its call limit is the secure side's thread count, so no call may
 * meet ETHREAD_LIMIT; one that did would be retried, as Linux retries, and
 * reported.
 */
#include "tc.h"

#define SMP_ROUNDS 40

static _Atomic unsigned smp_done, smp_bad, smp_ethread, smp_calls;
static _Atomic unsigned inflight, inflight_max, smp_held, smp_cpus;
static _Atomic bool smp_go, smp_release, smp_limited;

/* A call as Linux makes it: ETHREAD_LIMIT waits for another to end. */
static uint32_t counted(uint32_t (*fn)(void *), void *ctx)
{
	uint32_t ret;
	unsigned now;

	for (unsigned tries = 0;; tries++) {
		now = atomic_fetch_add(&inflight, 1) + 1;
		for (unsigned m = atomic_load(&inflight_max); now > m;
		     m = atomic_load(&inflight_max))
			if (atomic_compare_exchange_weak(&inflight_max, &m,
							 now))
				break;
		ret = fn(ctx);
		atomic_fetch_sub(&inflight, 1);
		if (ret != A0_ERR(OPTEE_SMC_RETURN_ETHREAD_LIMIT) ||
		    tries > 100)
			break;
		atomic_fetch_add(&smp_ethread, 1);
		delay_ms(1);
	}
	atomic_fetch_add(&smp_calls, 1);
	return ret;
}

struct job {
	uint32_t s;
	uint64_t v[3];
	struct tc_param m;
	uint64_t sum;
	unsigned index;
};

static uint32_t do_inc(void *ctx)
{
	struct job *j = ctx;

	return ta_inc(tc.c, j->s, j->v);
}

static uint32_t do_sum(void *ctx)
{
	struct job *j = ctx;

	return ta_sum(tc.c, j->s, &j->m, &j->sum);
}

static uint32_t do_sleep(void *ctx)
{
	struct job *j = ctx;
	struct tc_arg *a = my_arg(2);
	uint64_t size = PG * (1 + j->index % 4);
	uint32_t ret;

	sleep_arg(a, j->s, size);
	ret = tc_std(tc.c, a);
	return ret == 0 && a->p[0].c != sleep_sum(size) ? 1 : ret;
}

/* vCPU 0, while every vCPU holds a call in an RPC: one more call is the
 * mediator's ETHREAD_LIMIT, and the secure side never sees it. */
static bool one_too_many(uint32_t s)
{
	struct tc_arg *a = my_arg(1);
	uint64_t before = fw_seen();
	struct tc_call k;

	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_INC, s, 1);
	a->p[0].attr = OPTEE_MSG_ATTR_VALUE_INOUT;
	call_init(&k, tc.c);
	return call_raw(&k, ipa(a) >> 32, ipa(a) & 0xffffffffu, false) ==
		       OPTEE_SMC_RETURN_ETHREAD_LIMIT &&
	       fw_seen() == before;
}

/* Each vCPU holds a SLEEP at its ALLOC until all do: the domain's calls
 * all in flight at once, from every vCPU. */
static unsigned hold_together(unsigned index, uint32_t s)
{
	struct tc_arg *a = my_arg(3);
	uint64_t end = deadline_ms(15000);
	struct tc_call k;
	bool held;

	call_init(&k, tc.c);
	sleep_arg(a, s, 0);
	call_start(&k, a);
	held = call_until(&k, OPTEE_SMC_RPC_ALLOC);
	atomic_fetch_add(&smp_held, held);
	if (index == 0) {
		while (atomic_load(&smp_held) < atomic_load(&smp_cpus) &&
		       !passed(end))
			;
		atomic_store(&smp_limited,
			     atomic_load(&smp_held) == atomic_load(&smp_cpus) &&
				     one_too_many(s));
		atomic_store(&smp_release, true);
	}
	while (!atomic_load(&smp_release) && !passed(end))
		;
	return !held || call_finish(&k) != 0 || a->ret != 0 ||
	       a->p[0].c != sleep_sum(0);
}

void good_cpu(unsigned index)
{
	struct job j = {.index = index};
	void *p[2] = {pg_alloc(), pg_alloc()};
	struct tc_list l;
	unsigned bad = 0;
	uint64_t want;

	while (!atomic_load(&smp_go))
		;
	want = pages_fill(p, 2, (uint8_t)(index * 16));
	j.m = tmem(OPTEE_MSG_ATTR_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG,
		   list_make(&l, p, 2, 0), 2 * PG);
	bad += sess_open(tc.c, uuid_test, &j.s) != 0;
	bad += hold_together(index, j.s);
	for (unsigned i = 0; i < SMP_ROUNDS && !bad; i++) {
		j.v[0] = i;
		bad += counted(do_inc, &j) != 0 || j.v[0] != i + 1 ||
		       j.v[2] != i + 1;
		bad += counted(do_sum, &j) != 0 || j.sum != want;
		if (i % 8 == index % 8)
			bad += counted(do_sleep, &j) != 0;
	}
	bad += sess_close(tc.c, j.s) != 0;
	list_free(&l);
	pg_free(p[0]);
	pg_free(p[1]);
	if (bad)
		printf_uart("# vCPU %u: %u failed calls\n", index, bad);
	atomic_fetch_add(&smp_bad, bad);
	atomic_fetch_add(&smp_done, 1);
}

void good_smp(void)
{
	unsigned started = 0, n = guest_ncpus;
	uint64_t end;

	for (unsigned i = 1; i < n; i++)
		started += cpu_start(i, JOB_SMP) == PSCI_SUCCESS;
	tap_ok(started == n - 1, "%u secondary vCPUs started", n - 1);
	atomic_store(&smp_cpus, started + 1);
	atomic_store(&smp_go, true);
	good_cpu(0);
	end = deadline_ms(30000);
	while (atomic_load(&smp_done) < started + 1 && !passed(end))
		;
	tap_ok(atomic_load(&smp_done) == started + 1 &&
		       atomic_load(&smp_bad) == 0,
	       "%u vCPUs at once: %u calls, each session counting its own, "
	       "every result right",
	       started + 1, atomic_load(&smp_calls));
	tap_ok(atomic_load(&smp_held) == started + 1,
	       "all %u vCPUs held a call in an RPC at the same time",
	       atomic_load(&smp_held));
	tap_ok(atomic_load(&smp_limited),
	       "meanwhile one more call: ETHREAD_LIMIT, not forwarded");
	printf_uart("# up to %u calls in flight at once otherwise\n",
		    atomic_load(&inflight_max));
	tap_ok(atomic_load(&smp_ethread) == 0,
	       "no ETHREAD_LIMIT: %u vCPUs fit the domain's limit of %u "
	       "(%u met)",
	       started + 1, tc.limit, atomic_load(&smp_ethread));
}
