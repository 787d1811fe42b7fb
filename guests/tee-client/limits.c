// SPDX-License-Identifier: MIT
/*
 * mode=limits: every per-domain limit of the mediator exceeded, while a
 * neighbour (mode=neighbour) keeps calling: calls in flight (two held in
 * RPCs, then a third from either vCPU: ETHREAD_LIMIT without reaching the
 * secure side), registered buffers (16), registered pages and pages of
 * one memory reference (tee-limits: shm-pages = 100, buffer-pages = 64),
 * and the page pool. Each refusal is this domain's alone.
 */
#include "tc.h"

#define LIM_COOKIE 0x4c48000000000000ull
#define TMEM_NC(t) (OPTEE_MSG_ATTR_##t | OPTEE_MSG_ATTR_NONCONTIG)

static uint32_t lim_session;
static _Atomic bool cpu1_ok;
static _Atomic bool cpu1_done;

/* A call that must meet the mediator's ETHREAD_LIMIT, x1-x17 kept. */
static bool limited(void)
{
	struct tc_arg *a = my_arg(1);
	uint64_t before = fw_seen();
	struct tc_call k;
	uint32_t a0;

	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_INC, lim_session,
		1);
	a->p[0].attr = OPTEE_MSG_ATTR_VALUE_INOUT;
	call_init(&k, tc.c);
	a0 = call_raw(&k, ipa(a) >> 32, ipa(a) & 0xffffffffu, false);
	if (is_rpc(a0))
		a0 = call_finish(&k);
	return a0 == OPTEE_SMC_RETURN_ETHREAD_LIMIT && k.r.x[1] == 0 &&
	       k.r.x[2] == (ipa(a) & 0xffffffffu) && fw_seen() == before;
}

void limits_cpu(unsigned index)
{
	(void)index;
	atomic_store(&cpu1_ok, limited());
	atomic_store(&cpu1_done, true);
}

static void calls_in_flight(uint32_t s)
{
	struct tc_call x, y;
	uint64_t v[3] = {0, 0, 0}, end;

	call_init(&x, tc.c);
	call_init(&y, tc.c);
	sleep_arg(my_arg(2), s, 0);
	sleep_arg(my_arg(3), s, 0);
	call_start(&x, my_arg(2));
	call_start(&y, my_arg(3));
	tap_ok(call_until(&x, OPTEE_SMC_RPC_ALLOC) &&
		       call_until(&y, OPTEE_SMC_RPC_ALLOC),
	       "two SLEEPs held in RPCs: the domain's %u calls in flight",
	       tc.limit);
	tap_ok(limited(), "a third call: ETHREAD_LIMIT from the mediator, "
			  "x1-x17 kept, nothing forwarded");
	tap_ok(cpu_start(1, JOB_LIMITS) == PSCI_SUCCESS, "start vCPU 1");
	end = deadline_ms(10000);
	while (!atomic_load(&cpu1_done) && !passed(end))
		;
	tap_ok(atomic_load(&cpu1_ok), "from vCPU 1 too: ETHREAD_LIMIT");
	delay_ms(500); /* the neighbour keeps calling meanwhile */
	tap_ok(call_finish(&y) == 0 && my_arg(3)->ret == 0,
	       "one held call completes");
	tap_ok(ta_inc(tc.c, s, v) == 0, "a new call fits again");
	tap_ok(call_finish(&x) == 0 && my_arg(2)->ret == 0,
	       "the other completes");
}

/* REGISTER_SHM the mediator must refuse with OUT_OF_MEMORY. */
static bool reg_refused(uint64_t buf, uint64_t size, uint64_t cookie)
{
	return refused(reg_arg(my_arg(1), buf, size, cookie),
		       TEE_ERROR_OUT_OF_MEMORY);
}

static void buffers(void *page)
{
	struct tc_list l;
	unsigned good = 0;

	list_make(&l, &page, 1, 0);
	for (unsigned i = 0; i < 16; i++)
		good += shm_register(tc.c, l.buf, PG, LIM_COOKIE + i) == 0;
	tap_ok(good == 16, "16 buffers registered (the domain's limit)");
	tap_ok(reg_refused(l.buf, PG, LIM_COOKIE + 16),
	       "a 17th: OUT_OF_MEMORY from the mediator, nothing forwarded");
	for (good = 0; good < 16; good++)
		if (shm_unregister(tc.c, LIM_COOKIE + good) != 0)
			break;
	tap_ok(good == 16, "all 16 unregistered");
	tap_ok(shm_register(tc.c, l.buf, PG, LIM_COOKIE + 16) == 0 &&
		       shm_unregister(tc.c, LIM_COOKIE + 16) == 0,
	       "then a 17th fits");
	list_free(&l);
}

static void pages(uint32_t s)
{
	void *p[65];
	struct tc_list l64, l36, l65;
	uint64_t sum = 0;
	struct tc_param m;

	for (unsigned i = 0; i < 65; i++)
		p[i] = pg_alloc();
	list_make(&l64, p, 64, 0);
	list_make(&l36, p, 36, 0);
	list_make(&l65, p, 65, 0);
	tap_ok(shm_register(tc.c, l64.buf, 64 * PG, LIM_COOKIE) == 0,
	       "a 64-page buffer registered");
	tap_ok(reg_refused(l64.buf, 64 * PG, LIM_COOKIE + 1),
	       "another 64 pages: over the domain's 100 pages, OUT_OF_MEMORY");
	tap_ok(shm_register(tc.c, l36.buf, 36 * PG, LIM_COOKIE + 2) == 0,
	       "36 pages: exactly 100, registered");
	tap_ok(reg_refused(l36.buf, PG, LIM_COOKIE + 3),
	       "one page more: OUT_OF_MEMORY");
	tap_ok(shm_unregister(tc.c, LIM_COOKIE) == 0 &&
		       shm_register(tc.c, l64.buf, 64 * PG, LIM_COOKIE + 4) ==
			       0,
	       "64 unregistered, 64 registered again");
	tap_ok(shm_unregister(tc.c, LIM_COOKIE + 2) == 0 &&
		       shm_unregister(tc.c, LIM_COOKIE + 4) == 0,
	       "both unregistered");
	tap_ok(reg_refused(l65.buf, 65 * PG, LIM_COOKIE + 5),
	       "a 65-page buffer: over the 64 pages of one reference, "
	       "OUT_OF_MEMORY");
	m = tmem(TMEM_NC(TMEM_INPUT), l65.buf, 65 * PG);
	tap_ok(refused(sum_arg(my_arg(1), s, &m), TEE_ERROR_OUT_OF_MEMORY),
	       "a 65-page temporary memref: OUT_OF_MEMORY");
	m = tmem(TMEM_NC(TMEM_INPUT), l64.buf, 64 * PG);
	tap_ok(ta_sum(tc.c, s, &m, &sum) == 0 && sum == 0, "64 pages: fine");
	list_free(&l64);
	list_free(&l36);
	list_free(&l65);
	for (unsigned i = 0; i < 65; i++)
		pg_free(p[i]);
}

void run_limits(void)
{
	void *page = pg_alloc();
	uint32_t s = 0;

	probe_checks();
	tap_ok(mbox_wait(MB_NB, NB_READY, 30), "the neighbour is ready");
	tap_ok(sess_open(tc.c, uuid_test, &s) == 0, "open a session");
	lim_session = s;
	calls_in_flight(s);
	buffers(page);
	pages(s);
	pool_check(s);
	tap_ok(sess_close(tc.c, s) == 0, "close the session");
	mbox_put(MB_HX, HX_DONE);
	check_model(true);
}
