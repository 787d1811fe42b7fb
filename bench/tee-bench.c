// SPDX-License-Identifier: MIT
/*
 * tee-bench: what the OP-TEE mediator adds to a guest's TEE call.
 *
 *   tee-bench CALL [ITERATIONS]
 *
 * Boots the unit tests' fixture (the fake OP-TEE below the fake firmware,
 * domain "a" routed to the mediator) and makes one kind of call ITERATIONS
 * times through router_dispatch, as a trapped guest call arrives:
 *   0 GET_OS_REVISION     a fast call the mediator answers itself
 *   1 INVOKE, one value   CALL_WITH_ARG: copy in, check, forward, copy back
 *   2 INVOKE, 1-page list  + one TMEM page list translated
 *   3 INVOKE, 16-page list + sixteen pages translated
 *   4 INVOKE, registered  an RMEM reference to a 16-page registered buffer
 * Meant to run under callgrind twice (tools/bench-tee): once collecting
 * router_dispatch (everything: router, mediator, fake secure side), once
 * collecting fake_optee_call (the secure side alone); the difference is
 * what Arbiter costs.
 */
#include "../tests/unit/optee_fixture.h"

#define SHM_COOKIE 0x5eedull
#define REG_IPA	   (RAM_IPA + 0x40000)

static uint64_t call_value(struct domain *d)
{
	struct optee_msg_arg *a = fx_arg(d, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, 1);

	a->params[0].attr = OPTEE_ATTR_VALUE_INOUT;
	return fx_std(d, ARG_IPA).x[0];
}

static uint64_t call_list(struct domain *d, uint64_t buf_ptr, unsigned pages)
{
	struct optee_msg_arg *a = fx_arg(d, OPTEE_MSG_CMD_INVOKE_COMMAND, 1, 2);

	a->params[0].attr = OPTEE_ATTR_TMEM_INPUT | OPTEE_ATTR_NONCONTIG;
	a->params[0].u.tmem.buf_ptr = buf_ptr;
	a->params[0].u.tmem.size = 4096ull * pages;
	a->params[1].attr = OPTEE_ATTR_VALUE_OUTPUT;
	return fx_std(d, ARG_IPA).x[0];
}

static uint64_t call_registered(struct domain *d)
{
	struct optee_msg_arg *a = fx_arg(d, OPTEE_MSG_CMD_INVOKE_COMMAND, 4, 2);

	a->params[0].attr = OPTEE_ATTR_RMEM_INPUT;
	a->params[0].u.rmem.size = 16 * 4096;
	a->params[0].u.rmem.shm_ref = SHM_COOKIE;
	a->params[1].attr = OPTEE_ATTR_VALUE_OUTPUT;
	return fx_std(d, ARG_IPA).x[0];
}

/* REGISTER_SHM of 16 pages (not measured: set-up). */
static void register_buffer(struct domain *d)
{
	struct optee_msg_arg *a = fx_arg(d, OPTEE_MSG_CMD_REGISTER_SHM, 0, 1);

	a->params[0].attr = OPTEE_ATTR_TMEM_OUTPUT | OPTEE_ATTR_NONCONTIG;
	a->params[0].u.tmem.buf_ptr = fx_list(d, 16, 0, 3);
	a->params[0].u.tmem.size = 16 * 4096;
	a->params[0].u.tmem.shm_ref = SHM_COOKIE;
	fx_std(d, ARG_IPA);
	if (a->ret != TEE_SUCCESS) {
		fprintf(stderr, "tee-bench: REGISTER_SHM: 0x%x\n", a->ret);
		exit(1);
	}
}

/* One call; its x0. */
static uint64_t one(struct domain *d, unsigned call, uint64_t list1,
		    uint64_t list16)
{
	switch (call) {
	case 0:
		return fx_call(d, OPTEE_GET_OS_REVISION, 0, 0, 0, 0, 0).x[0];
	case 1:
		return call_value(d);
	case 2:
		return call_list(d, list1, 1);
	case 3:
		return call_list(d, list16, 16);
	default:
		return call_registered(d);
	}
}

/* The last call's answer, so a benchmark of failing calls cannot pass. */
static void verify(struct domain *d, unsigned call, uint64_t x0)
{
	/* (the registered buffer's pages are the list's data pages, refilled)
	 */
	static const uint64_t want_sum[] = {0, 0, 4096, 16 * 4096, 16 * 4096};
	struct optee_msg_arg *a = gp(d, ARG_IPA);
	bool good = call == 0 ? x0 != 0xffffffffu : x0 == OPTEE_OK;

	if (call == 1)
		good = good && a->ret == TEE_SUCCESS;
	if (call >= 2)
		good = good && a->ret == TEE_SUCCESS &&
		       a->params[1].u.value.a == want_sum[call];
	if (!good) {
		fprintf(stderr, "tee-bench: call %u answered wrong\n", call);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	unsigned call = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
	unsigned iters = argc > 2 ? (unsigned)atoi(argv[2]) : 1000;
	struct fx *x = fx_boot(true);
	uint64_t list1, list16, x0 = ~0ull;

	if (call > 4) {
		fprintf(stderr, "usage: tee-bench CALL(0-4) [ITERATIONS]\n");
		return 2;
	}
	register_buffer(x->a);
	/* Both lists name pages from DATA_IPA; the 1-page one is a second
	 * list page pointing at the first data page. */
	list16 = fx_list(x->a, 16, 0, 1);
	memcpy(gp(x->a, REG_IPA), gp(x->a, LIST_IPA), 8);
	list1 = REG_IPA;
	for (unsigned i = 0; i < iters; i++)
		x0 = one(x->a, call, list1, list16);
	verify(x->a, call, x0);
	printf("tee-bench: call=%u calls=%u\n", call, iters);
	return 0;
}
