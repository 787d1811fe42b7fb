// SPDX-License-Identifier: MIT
/*
 * mode=neighbour: the domain beside a hostile one. It registers a buffer
 * under NB_COOKIE, holds a call suspended in an RPC (a thread the hostile
 * domain will try to resume), writes a canary at the base of its RAM
 * (the physical address the hostile domain was told), says so through
 * the firmware's register window, and then calls without a pause until
 * the hostile domain is done: every one of its calls must succeed. At the
 * end its held call, its buffer and its canary must be as it left them.
 */
#include "tc.h"

#define CANARY 0x6e62636e61727921ull

struct nb_state {
	uint32_t s;
	uint64_t sum; /* of the registered buffer */
	struct tc_call held;
	unsigned calls, failed, ethread;
};

static bool nb_sleep(uint32_t s)
{
	struct tc_arg *a = my_arg(2);

	sleep_arg(a, s, 4096);
	return tc_std(tc.c, a) == 0 && a->p[0].c == sleep_sum(4096);
}

/* One round: INC, CHECKSUM of the registered buffer, now and then SLEEP. */
static void nb_round(struct nb_state *st, unsigned i)
{
	struct tc_param m =
		rmem(OPTEE_MSG_ATTR_RMEM_INPUT, NB_COOKIE, 0, 2 * PG);
	uint64_t v[3] = {i, 0, 0}, sum = 0;
	uint32_t ret = ta_inc(tc.c, st->s, v);

	st->calls += 2;
	st->failed += ret != 0 || v[0] != i + 1;
	st->ethread += ret == A0_ERR(OPTEE_SMC_RETURN_ETHREAD_LIMIT);
	ret = ta_sum(tc.c, st->s, &m, &sum);
	st->failed += ret != 0 || sum != st->sum;
	st->ethread += ret == A0_ERR(OPTEE_SMC_RETURN_ETHREAD_LIMIT);
	if (i % 16 == 0) {
		st->calls++;
		st->failed += !nb_sleep(st->s);
	}
}

/* The hostile domain's RAM, outside our IPA window: not ours to name. */
static void nb_peer(uint32_t s, void *page)
{
	struct tc_list l;

	if (!tc.peer_pa ||
	    (tc.peer_pa >= guest_ram_base && tc.peer_pa < ram_end()))
		return;
	tap_ok(refused_a0(tc.peer_pa >> 32, tc.peer_pa & 0xffffffffu,
			  OPTEE_SMC_RETURN_EBADADDR),
	       "an argument at the other domain's RAM (PA 0x%llx): EBADADDR",
	       (unsigned long long)tc.peer_pa);
	list_make(&l, &page, 1, 0);
	l.lp[0][0] = tc.peer_pa;
	tap_ok(p0_refused(s,
			  tmem(OPTEE_MSG_ATTR_TMEM_INPUT |
				       OPTEE_MSG_ATTR_NONCONTIG,
			       l.buf, 64),
			  TEE_ERROR_BAD_PARAMETERS),
	       "a list entry there: BAD_PARAMETERS");
	list_free(&l);
}

static void nb_prepare(struct nb_state *st, void **p, struct tc_list *l)
{
	volatile uint64_t *canary = (uint64_t *)(uintptr_t)guest_ram_base;
	struct tc_arg *a = my_arg(3);

	for (unsigned i = 0; i < PG / 8; i++)
		canary[i] = CANARY + i;
	tap_ok(sess_open(tc.c, uuid_test, &st->s) == 0, "open a session");
	nb_peer(st->s, p[0]);
	mbox_put(MB_NB_SESS, st->s);
	st->sum = pages_fill(p, 2, 0x33);
	tap_ok(shm_register(tc.c, list_make(l, p, 2, 0), 2 * PG, NB_COOKIE) ==
		       0,
	       "register 2 pages under cookie 0x%llx",
	       (unsigned long long)NB_COOKIE);
	call_init(&st->held, tc.c);
	sleep_arg(a, st->s, 0);
	call_start(&st->held, a);
	tap_ok(call_until(&st->held, OPTEE_SMC_RPC_ALLOC),
	       "a SLEEP held at its ALLOC (thread %llu)",
	       (unsigned long long)st->held.r.x[3]);
}

static void nb_after(struct nb_state *st, struct tc_list *l)
{
	volatile uint64_t *canary = (uint64_t *)(uintptr_t)guest_ram_base;
	struct tc_param m =
		rmem(OPTEE_MSG_ATTR_RMEM_INPUT, NB_COOKIE, 0, 2 * PG);
	struct tc_arg *a = my_arg(3);
	unsigned intact = 0;
	uint64_t sum = 0;

	tap_ok(call_finish(&st->held) == 0 && a->ret == 0 &&
		       a->p[0].c == sleep_sum(0) && st->held.rpc.shm_ok == 1,
	       "the held SLEEP resumes and completes");
	tap_ok(ta_sum(tc.c, st->s, &m, &sum) == 0 && sum == st->sum,
	       "our registered buffer is still ours");
	tap_ok(shm_unregister(tc.c, NB_COOKIE) == 0,
	       "and still registered: unregistered now");
	for (unsigned i = 0; i < PG / 8; i++)
		intact += canary[i] == CANARY + i;
	tap_ok(intact == PG / 8, "the canary at the base of our RAM is intact");
	tap_ok(sess_close(tc.c, st->s) == 0, "close the session");
	list_free(l);
}

void run_neighbour(void)
{
	void *p[2] = {pg_alloc(), pg_alloc()};
	struct nb_state st = {0};
	struct tc_list l;
	uint64_t end;
	unsigned i = 0;

	probe_checks();
	nb_prepare(&st, p, &l);
	mbox_put(MB_NB, NB_READY);
	end = deadline_ms(50000);
	while (mbox_get(MB_HX) != HX_DONE && !passed(end))
		nb_round(&st, i++);
	tap_ok(!passed(end), "the hostile domain finished");
	tap_ok(st.calls > 0 && st.failed == 0 && st.ethread == 0,
	       "%u calls in %u rounds while it attacked: none failed, no "
	       "ETHREAD_LIMIT",
	       st.calls, i);
	nb_after(&st, &l);
	check_model(true);
}
