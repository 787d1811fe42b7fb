// SPDX-License-Identifier: MIT
/*
 * mode=off and mode=reset: a domain that dies with calls suspended in
 * RPCs, registered buffers and an open session. The mediator must drain
 * the calls (resume each with failure answers until it ends, under the
 * domain's client ID: the firmware's counts show those RPC returns), tell
 * the secure side VM_DESTROYED (it frees the client's buffers, sessions
 * and threads) and, on a reset, VM_CREATED again before the second boot.
 *
 *   off    (client 2) registers its 16 buffers, holds two calls (one at
 *          ALLOC, one before SHM_FREE: 1 + 2 drain returns), says so, and
 *          powers off when the other domain has seen the TEE full.
 *   reset  (client 1, 32 buffers allowed) registers 16, finds the TEE's
 *          32 full, lets `off` die, retries until the 17th fits (so the
 *          dead domain's buffers were freed), fills the TEE with its own
 *          32, holds two calls (GET_TIME, ALLOC: 2 + 1 drain returns) and
 *          resets. Boot 2: exactly those 3 returns reached the TEE, the
 *          old threads and session are gone, and all 32 buffers register
 *          again.
 */
#include "tc.h"

#define MB_LO	    2
#define MB_LR	    3
#define LO_READY    0x4c4f0001u
#define LR_GO	    0x4c520001u
#define LIFE_MAGIC  0x6566696c65657421ull
#define LIFE_OFFSET 0xc00000ull
#define LIFE_COOKIE 0x4c46000000000000ull

struct life {
	uint64_t magic, boots, fw_before;
	uint64_t std, rpc; /* boot 1's */
	uint64_t threads[2];
	uint32_t session;
};

/* RPC returns the mediator makes to finish the calls held here. */
#define DRAIN_RPCS 3

static struct life *life(void)
{
	return (struct life *)(uintptr_t)(guest_ram_base + LIFE_OFFSET);
}

/* n one-page buffers from `first`; how many registered. */
static unsigned reg_many(unsigned first, unsigned n, struct tc_list *l)
{
	unsigned good = 0;

	for (unsigned i = first; i < first + n; i++)
		good += shm_register(tc.c, l->buf, PG, LIFE_COOKIE + i) == 0;
	return good;
}

/* A SLEEP held at ALLOC (drain: 1 return) or before its SHM_FREE
 * (drain: FREE, then the end: 2), or in its GET_TIME (2). */
enum hold_at { AT_ALLOC, AT_TIME, AT_SHM_FREE };
static uint64_t hold(struct tc_call *k, struct tc_arg *a, uint32_t s,
		     enum hold_at at)
{
	call_init(k, tc.c);
	sleep_arg(a, s, 0);
	call_start(k, a);
	if (at == AT_ALLOC) {
		call_until(k, OPTEE_SMC_RPC_ALLOC);
	} else {
		call_until(k, OPTEE_SMC_RPC_CMD);
		if (at == AT_SHM_FREE) {
			call_resume(k);
			call_resume(k);
		}
	}
	return is_rpc(k->r.x[0]) ? k->r.x[3] : MINUS1;
}

static void run_off(void)
{
	void *page = pg_alloc();
	struct tc_call x, y;
	struct tc_list l;
	uint32_t s = 0;

	probe_checks();
	tap_ok(sess_open(tc.c, uuid_test, &s) == 0, "open a session");
	list_make(&l, &page, 1, 0);
	tap_ok(reg_many(100, 16, &l) == 16, "register 16 buffers");
	tap_ok(hold(&x, my_arg(2), s, AT_ALLOC) != MINUS1 &&
		       (uint32_t)x.r.x[0] == OPTEE_SMC_RPC_ALLOC,
	       "a SLEEP held at its ALLOC");
	tap_ok(hold(&y, my_arg(3), s, AT_SHM_FREE) != MINUS1 &&
		       y.rpc.shm_alloc == 1 && y.rpc.shm_free == 0,
	       "a SLEEP held before its SHM_FREE");
	drain_rpc = DRAIN_RPCS;
	check_model(true);
	mbox_put(MB_LO, LO_READY);
	tap_ok(mbox_wait(MB_LR, LR_GO, 40),
	       "the other domain saw the TEE full: power off with both calls "
	       "held, 16 buffers and a session");
}

/* Boot 1 of mode=reset. */
static void reset_first(struct life *p, struct tc_list *l)
{
	struct tc_call a, b;
	uint64_t end;
	uint32_t s = 0, ret;
	unsigned tries = 0;

	tap_ok(sess_open(tc.c, uuid_test, &s) == 0, "open a session");
	tap_ok(mbox_wait(MB_LO, LO_READY, 30),
	       "the other domain holds its calls and 16 buffers");
	tap_ok(reg_many(0, 16, l) == 16, "register 16 buffers");
	ret = shm_register(tc.c, l->buf, PG, LIFE_COOKIE + 16);
	tap_ok(ret == TEE_ERROR_OUT_OF_MEMORY &&
		       my_arg(0)->ret_origin == TEE_ORIGIN_TEE,
	       "the 17th: OUT_OF_MEMORY from the TEE (its 32 are full)");
	mbox_put(MB_LR, LR_GO);
	end = deadline_ms(20000);
	do {
		delay_ms(20);
		tries++;
		ret = shm_register(tc.c, l->buf, PG, LIFE_COOKIE + 16);
	} while (ret != 0 && !passed(end));
	tap_ok(ret == 0,
	       "once the other domain is off, the 17th fits (%u tries): its "
	       "buffers were released in the secure side",
	       tries);
	tap_ok(reg_many(17, 15, l) == 15, "15 more: the TEE's 32 are all ours");
	p->threads[0] = hold(&a, my_arg(2), s, AT_TIME);
	p->threads[1] = hold(&b, my_arg(3), s, AT_ALLOC);
	tap_ok(p->threads[0] != MINUS1 && p->threads[1] != MINUS1,
	       "two SLEEPs held, at GET_TIME and at ALLOC");
	check_model(false);
	p->std = atomic_load(&model_std);
	p->rpc = atomic_load(&model_rpc);
	p->session = s;
	p->boots = 1;
	p->fw_before = fw_seen();
	tap_plan(tap_total());
	printf_uart("# SYSTEM_RESET with two calls held, 32 buffers, a "
		    "session\n");
	smccc(psci_conduit, PSCI_0_2_FN(PSCI_FN_SYSTEM_RESET), 0, 0, 0);
	guest_fatal("SYSTEM_RESET returned");
}

static bool resume_refused(uint64_t thread)
{
	uint64_t before = fw_seen();
	struct smccc_res r = {{OPTEE_SMC_RETURN_FROM_RPC, 0, 0, thread}};

	smccc_call(tc.c, &r);
	return r.x[0] == OPTEE_SMC_RETURN_ERESUME && fw_seen() == before;
}

static void reset_second(struct life *p, struct tc_list *l)
{
	uint64_t v[3] = {0, 0, 0};
	struct tc_arg *a = my_arg(2);
	unsigned good = 0;
	uint32_t s = 0;

	p->magic = 0;
	prev_std = p->std;
	prev_rpc = p->rpc + DRAIN_RPCS;
	tap_ok(true, "the domain came back after SYSTEM_RESET");
	tap_ok(fw_base == p->fw_before + DRAIN_RPCS,
	       "the mediator drained the two held calls: exactly %u RPC "
	       "returns reached the TEE for them (saw %lld)",
	       DRAIN_RPCS, (long long)(fw_base - p->fw_before));
	tap_ok(resume_refused(p->threads[0]) && resume_refused(p->threads[1]),
	       "the old boot's threads: ERESUME from the mediator");
	probe_checks();
	tap_ok(sess_open(tc.c, uuid_test, &s) == 0, "open a session");
	tap_ok(ta_inc(tc.c, p->session, v) == TEE_ERROR_BAD_PARAMETERS,
	       "the old boot's session is gone from the TEE");
	good = reg_many(0, 32, l);
	tap_ok(good == 32,
	       "all 32 buffers register again under the same cookies");
	sleep_arg(a, s, 0);
	tap_ok(tc_std(tc.c, a) == 0 && a->p[0].c == sleep_sum(0),
	       "a SLEEP works");
	for (good = 0; good < 32; good++)
		if (shm_unregister(tc.c, LIFE_COOKIE + good) != 0)
			break;
	tap_ok(good == 32, "unregister them");
	tap_ok(sess_close(tc.c, s) == 0, "close the session");
}

void run_life(bool reset)
{
	struct life *p = life();
	void *page;
	struct tc_list l;

	if (!reset) {
		run_off();
		return;
	}
	if (p->magic != LIFE_MAGIC) {
		p->magic = LIFE_MAGIC;
		p->boots = 0;
	}
	page = pg_alloc();
	list_make(&l, &page, 1, 0);
	if (p->boots == 0) {
		probe_checks();
		reset_first(p, &l);
	}
	reset_second(p, &l);
	check_model(true);
}
