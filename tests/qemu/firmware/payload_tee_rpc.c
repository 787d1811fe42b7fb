// SPDX-License-Identifier: MIT
/*
 * Firmware test payload, the test TEE's RPCs, isolation between two
 * clients, and malformed messages.
 */
#include "payload_tee.h"

#define ENOTAVAIL OPTEE_SMC_RETURN_ENOTAVAIL

static void stats_reset(void)
{
	rpc_st.intr = rpc_st.alloc = rpc_st.free = rpc_st.cmd = 0;
	rpc_st.time = rpc_st.shm_alloc = rpc_st.shm_free = rpc_st.other = 0;
}

static void sleep_arg(struct msg_arg *a, uint32_t s, uint64_t size)
{
	arg_init(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_SLEEP, s, 1);
	a->p[0].attr = OPTEE_MSG_ATTR_VALUE_INOUT;
	a->p[0].a = size;
}

static uint64_t sleep_sum(uint64_t size)
{
	uint64_t i, sum = 0;

	for (i = 0; i < size; i++)
		sum += (uint8_t)((i % 64) * 7 + 1);
	return sum;
}

static void test_tee_sleep_faults(uint32_t s)
{
	struct msg_arg *a = arg_page(0);

	rpc_mode = RPC_ALLOC_ZERO;
	stats_reset();
	sleep_arg(a, s, 0);
	ok(tee_std(1, pa_of(a)) == 0 && a->ret == TEE_ERROR_OUT_OF_MEMORY &&
		   a->ret_origin == TEE_ORIGIN_COMMS && rpc_st.free == 0,
	   "tee: ALLOC answered with PA 0: OUT_OF_MEMORY (COMMS), no FREE");
	rpc_mode = RPC_ALLOC_SECURE;
	stats_reset();
	sleep_arg(a, s, 0);
	ok(tee_std(1, pa_of(a)) == 0 && a->ret == TEE_ERROR_BAD_PARAMETERS &&
		   rpc_st.cmd == 0 && rpc_st.free == 1,
	   "tee: ALLOC answered with a secure-RAM page: refused, never "
	   "used, its cookie FREEd");
	rpc_mode = RPC_SHM_BAD_LIST;
	stats_reset();
	sleep_arg(a, s, 0);
	ok(tee_std(1, pa_of(a)) == 0 && a->ret == TEE_ERROR_BAD_FORMAT &&
		   rpc_st.shm_free == 1 && rpc_st.free == 1,
	   "tee: SHM_ALLOC list into secure RAM: BAD_FORMAT, SHM_FREE and "
	   "FREE still sent");
	rpc_mode = RPC_GOOD;
}

void test_tee_rpc(void)
{
	struct msg_arg *a = arg_page(0);
	uint32_t s, ret;
	unsigned i;

	s = tee_open(1, a, uuid_test, &ret);
	ok(s != 0, "tee: open a test-TA session for RPCs");
	stats_reset();
	sleep_arg(a, s, 8192);
	ok(tee_std(1, pa_of(a)) == 0 && a->ret == 0 && a->p[0].a == 1234 &&
		   a->p[0].b == 5678,
	   "tee: SLEEP completes with the normal world's GET_TIME answer");
	ok_eq(a->p[0].c, sleep_sum(8192),
	      "tee: SLEEP wrote and read back its SHM_ALLOC'd 2-page buffer");
	ok(rpc_st.intr >= 1 && rpc_st.alloc == 1 && rpc_st.free == 1 &&
		   rpc_st.time == 1 && rpc_st.shm_alloc == 1 &&
		   rpc_st.shm_free == 1 && rpc_st.other == 0,
	   "tee: SLEEP made FOREIGN_INTR, ALLOC, CMD GET_TIME, CMD "
	   "SHM_ALLOC, CMD SHM_FREE and FREE");
	sleep_arg(a, s, 3000);
	ok(tee_std(1, pa_of(a)) == 0 && a->ret == 0 &&
		   a->p[0].c == sleep_sum(3000),
	   "tee: SLEEP with a 3000-byte SHM_ALLOC answered by one plain page");
	stats_reset();
	for (i = 0; i < 8; i++)
		inc(1, s, 0);
	ok(rpc_st.intr >= 2 && rpc_st.other == 0,
	   "tee: every 4th std call is interrupted by a FOREIGN_INTR first");
	test_tee_sleep_faults(s);
	ok_eq(tee_close(1, a, s), 0, "tee: close the RPC session");
}

static void test_tee_cookies(uint32_t s1, uint32_t s2)
{
	static const unsigned p1 = 24, p2 = 25;
	struct msg_arg *a = arg_page(0);
	uint64_t sum1 = 0, sum2 = 0;
	unsigned i;

	for (i = 0; i < 64; i++) {
		pg(p1)[i] = 1;
		pg(p2)[i] = 2;
	}
	ok_eq(tee_register(1, a, make_list(8, &p1, 1, 0), 64, 0x99), 0,
	      "tee: client 1 registers cookie 0x99");
	ok_eq(checksum(2, s2, 0x99, 0, 64, &sum2), TEE_ERROR_BAD_PARAMETERS,
	      "tee: client 2 cannot use client 1's cookie");
	ok_eq(tee_unregister(2, arg_page(1), 0x99), TEE_ERROR_ITEM_NOT_FOUND,
	      "tee: client 2 cannot unregister client 1's cookie");
	ok_eq(tee_register(2, arg_page(1), make_list(9, &p2, 1, 0), 64, 0x99),
	      0, "tee: client 2 registers its own cookie 0x99");
	ok(checksum(1, s1, 0x99, 0, 64, &sum1) == 0 &&
		   checksum(2, s2, 0x99, 0, 64, &sum2) == 0 && sum1 == 64 &&
		   sum2 == 128,
	   "tee: the same cookie value names each client's own buffer");
	ok(tee_unregister(1, a, 0x99) == 0 &&
		   tee_unregister(2, arg_page(1), 0x99) == 0,
	   "tee: both unregister their own cookie");
}

static void test_tee_threads(uint32_t s1, uint32_t s2)
{
	struct smc_regs r, q[4];
	unsigned i, good = 0;

	sleep_arg(arg_page(0), s1, 0);
	tee_std_start(1, pa_of(arg_page(0)), &r);
	ok(OPTEE_SMC_IS_RPC(r.x[0]) && r.x[3] < 4,
	   "tee: client 1's SLEEP is suspended in an RPC");
	call_init(&q[0], OPTEE_SMC_RETURN_FROM_RPC, 0, 0, r.x[3]);
	q[0].x[7] = 2;
	smc_call(&q[0]);
	ok_eq(q[0].x[0], OPTEE_SMC_RETURN_ERESUME,
	      "tee: client 2 resuming client 1's thread: ERESUME");
	ok(tee_std_finish(1, &r) == 0 && arg_page(0)->ret == 0,
	   "tee: client 1 resumes its own thread to completion");
	for (i = 0; i < 4; i++) {
		sleep_arg(arg_page(2 + i), s1, 0);
		uint64_t a0 = tee_std_start(1, pa_of(arg_page(2 + i)), &q[i]);

		good += OPTEE_SMC_IS_RPC(a0);
	}
	ok_eq(good, 4, "tee: four SLEEP calls hold all four threads");
	arg_init(arg_page(1), OPTEE_MSG_CMD_INVOKE_COMMAND, 0, s2, 0);
	tee_std_start(2, pa_of(arg_page(1)), &r);
	ok(r.x[0] == OPTEE_SMC_RETURN_ETHREAD_LIMIT && r.x[7] == 2 &&
		   r.x[1] == 0 && r.x[2] == pa_of(arg_page(1)) && tee_kept(&r),
	   "tee: a fifth call: ETHREAD_LIMIT, x1-x17 kept");
	for (good = 0, i = 0; i < 4; i++)
		good += tee_std_finish(1, &q[i]) == 0 &&
			arg_page(2 + i)->ret == 0;
	ok_eq(good, 4, "tee: the four SLEEP calls complete");
	ok_eq(inc(2, s2, 0), 0, "tee: client 2 gets a thread again");
}

void test_tee_isolation(void)
{
	struct smc_regs r;
	uint32_t s1, s2, ret;

	s1 = tee_open(1, arg_page(0), uuid_test, &ret);
	s2 = tee_open(2, arg_page(1), uuid_test, &ret);
	ok(s1 && s2 && s1 != s2, "tee: clients 1 and 2 each open a session");
	ok_eq(inc(2, s1, 0), TEE_ERROR_BAD_PARAMETERS,
	      "tee: client 2 invoking client 1's session: BAD_PARAMETERS");
	ok_eq(tee_close(2, arg_page(1), s1), TEE_ERROR_BAD_PARAMETERS,
	      "tee: client 2 closing client 1's session: BAD_PARAMETERS");
	ok_eq(inc(1, s1, 0), 0, "tee: client 1's session still works");
	test_tee_cookies(s1, s2);
	test_tee_threads(s1, s2);
	ok_eq(tee_fast(1, OPTEE_SMC_VM_DESTROYED, 2, &r), ENOTAVAIL,
	      "tee: VM_DESTROYED from a7 = 1: ENOTAVAIL");
	ok_eq(tee_fast(0, OPTEE_SMC_VM_DESTROYED, 2, &r), 0,
	      "tee: VM_DESTROYED(2)");
	ok_eq(inc(2, s2, 0), 0xffffffffu,
	      "tee: client 2 after VM_DESTROYED: refused (ENOTAVAIL)");
	ok_eq(inc(1, s1, 0), 0, "tee: client 1 unaffected");
	ok_eq(tee_fast(0, OPTEE_SMC_VM_DESTROYED, 99, &r), 0,
	      "tee: VM_DESTROYED of an unknown ID: OK");
	ok_eq(tee_fast(0, OPTEE_SMC_VM_CREATED, 2, &r), 0,
	      "tee: VM_CREATED(2) again");
	ok_eq(inc(2, s2, 0), TEE_ERROR_BAD_PARAMETERS,
	      "tee: client 2's old session is gone");
	ok_eq(tee_close(1, arg_page(0), s1), 0, "tee: client 1 closes");
}
