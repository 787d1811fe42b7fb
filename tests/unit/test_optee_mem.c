// SPDX-License-Identifier: MIT
/*
 * The OP-TEE mediator's memory references and RPCs against a fake OP-TEE:
 * page lists (good ones; outside the caller's RAM, another domain's,
 * misaligned, cyclic, too long), NULL memrefs, registered buffers and
 * their cookies, limits, and RPC threads bound to their domain.
 */
#include "optee_fixture.h"
#include "../../core/tee/optee_priv.h"

#define POOL_FULL ((1ull << OPTEE_POOL_PAGES) - 1)

/* Nothing of the domain's pool is held once its calls are done. */
static void assert_pool_free(struct domain *d)
{
	assert_int_equal(optee_dom_of(d)->pool_free, POOL_FULL);
}

/* INVOKE func 1 (sum of p0's bytes into p1.a) on a page-list memref. */
static struct optee_msg_arg *sum_arg(struct domain *d, uint64_t buf_ptr,
				     uint64_t size)
{
	struct optee_msg_arg *a = fx_arg(d, OPTEE_MSG_CMD_INVOKE_COMMAND, 1, 2);

	a->params[0].attr = OPTEE_ATTR_TMEM_INPUT | OPTEE_ATTR_NONCONTIG;
	a->params[0].u.tmem.buf_ptr = buf_ptr;
	a->params[0].u.tmem.size = size;
	a->params[1].attr = OPTEE_ATTR_VALUE_OUTPUT;
	return a;
}

/* The call must be refused before the secure side: ret `ret`, a0 OK. */
static void assert_refused(struct domain *d, uint32_t ret)
{
	unsigned calls = harness.optee.std_calls;
	struct optee_msg_arg *a = gp(d, ARG_IPA);
	struct call_frame f = fx_std(d, ARG_IPA);

	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(a->ret, ret);
	assert_int_equal(a->ret_origin, TEE_ORIGIN_COMMS);
	assert_int_equal(harness.optee.std_calls, calls);
}

static void good_page_list(void **state)
{
	struct fx *x = *state;
	uint64_t buf = fx_list(x->a, 3, 0x100, 1);
	struct optee_msg_arg *a = sum_arg(x->a, buf, 3 * 4096 - 0x100 - 8);
	uint64_t *list = gp(x->a, LIST_IPA);
	struct call_frame f;

	/* not in address order: any of its own pages */
	list[1] = DATA_IPA + 0x20000;
	memset(gp(x->a, list[1]), 2, 4096);
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(a->ret, TEE_SUCCESS);
	assert_int_equal(a->params[1].u.value.a,
			 (4096 - 0x100) * 1 + 4096 * 2 + (4096 - 8) * 1);
	/* the guest's list and pointer are untouched */
	assert_int_equal(a->params[0].u.tmem.buf_ptr, buf);
	assert_int_equal(list[0], DATA_IPA);
}

static void null_memref(void **state)
{
	struct fx *x = *state;
	struct optee_msg_arg *a = sum_arg(x->a, 0, 0);
	struct call_frame f;

	a->params[0].attr = OPTEE_ATTR_TMEM_OUTPUT; /* MEMREF_NULL */
	a->params[0].u.tmem.size = 100;
	a->func = 2;
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(a->ret, TEE_SUCCESS);
	assert_int_equal(a->params[0].u.tmem.size, 42); /* output size */
	assert_int_equal(a->params[0].u.tmem.buf_ptr, 0);
}

static void bad_page_lists(void **state)
{
	struct fx *x = *state;
	uint64_t *list = gp(x->a, LIST_IPA);
	uint64_t buf = fx_list(x->a, 2, 0, 1);

	/* an entry outside the caller's RAM */
	sum_arg(x->a, buf, 8192);
	list[1] = RAM_IPA + RAM_SIZE;
	assert_refused(x->a, TEE_ERROR_BAD_PARAMETERS);
	/* another domain's memory, by its physical address */
	list[1] = (uint64_t)(uintptr_t)x->b->ram_host;
	assert_refused(x->a, TEE_ERROR_BAD_PARAMETERS);
	/* the hypervisor's (an address below RAM), a misaligned entry */
	list[1] = 0x1000;
	assert_refused(x->a, TEE_ERROR_BAD_PARAMETERS);
	list[1] = DATA_IPA + 0x1008;
	assert_refused(x->a, TEE_ERROR_BAD_PARAMETERS);
	list[1] = DATA_IPA + 0x1000;
	/* the list itself outside RAM */
	sum_arg(x->a, RAM_IPA + RAM_SIZE, 8192);
	assert_refused(x->a, TEE_ERROR_BAD_PARAMETERS);
	/* size 0 with a list */
	sum_arg(x->a, buf, 0);
	assert_refused(x->a, TEE_ERROR_BAD_PARAMETERS);
	/* too long: past the per-buffer limit (512 pages) */
	sum_arg(x->a, buf, 513ull * 4096);
	assert_refused(x->a, TEE_ERROR_OUT_OF_MEMORY);
	sum_arg(x->a, buf, ~0ull - 10);
	assert_refused(x->a, TEE_ERROR_OUT_OF_MEMORY);
}

/* 512 pages need a second list page; its link points back: a cycle. */
static void cyclic_and_chained_lists(void **state)
{
	struct fx *x = *state;
	uint64_t *l1 = gp(x->a, LIST_IPA), *l2 = gp(x->a, LIST_IPA + 0x1000);
	struct optee_msg_arg *a;
	struct call_frame f;

	memset(gp(x->a, DATA_IPA), 1, 4096);
	for (unsigned i = 0; i < OPTEE_LIST_ENTRIES; i++)
		l1[i] = DATA_IPA;
	l1[OPTEE_LIST_ENTRIES] = LIST_IPA;
	sum_arg(x->a, LIST_IPA, 512ull * 4096);
	assert_refused(x->a, TEE_ERROR_BAD_PARAMETERS);
	/* a misaligned link */
	l1[OPTEE_LIST_ENTRIES] = LIST_IPA + 0x1010;
	assert_refused(x->a, TEE_ERROR_BAD_PARAMETERS);
	/* the same, well linked: 512 pages of ones */
	l1[OPTEE_LIST_ENTRIES] = LIST_IPA + 0x1000;
	l2[0] = DATA_IPA;
	a = sum_arg(x->a, LIST_IPA, 512ull * 4096);
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(a->ret, TEE_SUCCESS);
	assert_int_equal(a->params[1].u.value.a, 512ull * 4096);
}

static struct optee_msg_arg *reg_arg(struct domain *d, uint64_t cookie,
				     unsigned pages)
{
	struct optee_msg_arg *a = fx_arg(d, OPTEE_MSG_CMD_REGISTER_SHM, 0, 1);

	/* as Linux sends it: TMEM_OUTPUT | NONCONTIG */
	a->params[0].attr = OPTEE_ATTR_TMEM_OUTPUT | OPTEE_ATTR_NONCONTIG;
	a->params[0].u.tmem.buf_ptr = fx_list(d, pages, 0, 3);
	a->params[0].u.tmem.size = pages * 4096ull;
	a->params[0].u.tmem.shm_ref = cookie;
	return a;
}

static struct optee_msg_arg *rmem_arg(struct domain *d, uint64_t cookie,
				      uint64_t offs, uint64_t size)
{
	struct optee_msg_arg *a = fx_arg(d, OPTEE_MSG_CMD_INVOKE_COMMAND, 4, 2);

	a->params[0].attr = OPTEE_ATTR_RMEM_INPUT;
	a->params[0].u.rmem.shm_ref = cookie;
	a->params[0].u.rmem.offs = offs;
	a->params[0].u.rmem.size = size;
	a->params[1].attr = OPTEE_ATTR_VALUE_OUTPUT;
	return a;
}

static void registered_buffers(void **state)
{
	struct fx *x = *state;
	struct optee_msg_arg *a = reg_arg(x->a, 0xc0c0, 2);
	struct call_frame f = fx_std(x->a, ARG_IPA);

	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(a->ret, TEE_SUCCESS);
	a = rmem_arg(x->a, 0xc0c0, 4000, 200);
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(a->ret, TEE_SUCCESS);
	assert_int_equal(a->params[1].u.value.a, 200 * 3);
	/* past its end, or a cookie of another domain: refused */
	rmem_arg(x->a, 0xc0c0, 8000, 200);
	assert_refused(x->a, TEE_ERROR_BAD_PARAMETERS);
	rmem_arg(x->b, 0xc0c0, 0, 16);
	assert_refused(x->b, TEE_ERROR_BAD_PARAMETERS);
	/* the same cookie twice */
	reg_arg(x->a, 0xc0c0, 1);
	assert_refused(x->a, TEE_ERROR_BAD_PARAMETERS);
	/* b cannot unregister a's buffer */
	a = fx_arg(x->b, OPTEE_MSG_CMD_UNREGISTER_SHM, 0, 1);
	a->params[0].attr = OPTEE_ATTR_RMEM_INPUT;
	a->params[0].u.rmem.shm_ref = 0xc0c0;
	assert_refused(x->b, TEE_ERROR_BAD_PARAMETERS);
	a = fx_arg(x->a, OPTEE_MSG_CMD_UNREGISTER_SHM, 0, 1);
	a->params[0].attr = OPTEE_ATTR_RMEM_INPUT;
	a->params[0].u.rmem.shm_ref = 0xc0c0;
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(a->ret, TEE_SUCCESS);
	rmem_arg(x->a, 0xc0c0, 0, 16);
	assert_refused(x->a, TEE_ERROR_BAD_PARAMETERS);
}

static void registered_buffer_limit(void **state)
{
	struct fx *x = *state;
	struct optee_msg_arg *a;
	struct call_frame f;

	harness.optee.threads = 2;
	for (unsigned i = 0; i < 8; i++) { /* the fake holds 8 */
		a = reg_arg(x->a, 0x100 + i, 1);
		f = fx_std(x->a, ARG_IPA);
		assert_int_equal(f.x[0], OPTEE_OK);
		assert_int_equal(a->ret, TEE_SUCCESS);
	}
	memset(harness.optee.shm, 0, sizeof(harness.optee.shm));
	for (unsigned i = 8; i < 16; i++) {
		a = reg_arg(x->a, 0x100 + i, 1);
		f = fx_std(x->a, ARG_IPA);
		assert_int_equal(a->ret, TEE_SUCCESS);
	}
	/* the 17th: a's limit, not a fault */
	reg_arg(x->a, 0x200, 1);
	assert_refused(x->a, TEE_ERROR_OUT_OF_MEMORY);
	/* b has its own */
	a = reg_arg(x->b, 0x200, 1);
	memset(harness.optee.shm, 0, sizeof(harness.optee.shm));
	f = fx_std(x->b, ARG_IPA);
	assert_int_equal(a->ret, TEE_SUCCESS);
}

/* A REGISTER_SHM the secure side refuses gives its reservation back. */
static void failed_register_released(void **state)
{
	struct fx *x = *state;
	struct optee_msg_arg *a;
	unsigned calls;

	for (unsigned i = 0; i < 8; i++) {
		a = reg_arg(x->a, 0x100 + i, 1);
		assert_int_equal(fx_std(x->a, ARG_IPA).x[0], OPTEE_OK);
		assert_int_equal(a->ret, TEE_SUCCESS);
	}
	calls = harness.optee.std_calls;
	a = reg_arg(x->a, 0x1ff, 1); /* the fake's table is full */
	assert_int_equal(fx_std(x->a, ARG_IPA).x[0], OPTEE_OK);
	assert_int_equal(a->ret, TEE_ERROR_OUT_OF_MEMORY);
	assert_int_equal(harness.optee.std_calls, calls + 1);
	memset(harness.optee.shm, 0, sizeof(harness.optee.shm));
	for (unsigned i = 8; i < 16; i++) { /* 16 in all: a's limit */
		a = reg_arg(x->a, 0x100 + i, 1);
		assert_int_equal(fx_std(x->a, ARG_IPA).x[0], OPTEE_OK);
		assert_int_equal(a->ret, TEE_SUCCESS);
	}
	/* the refused cookie may be registered again later */
	a = reg_arg(x->a, 0x1ff, 1);
	assert_refused(x->a, TEE_ERROR_OUT_OF_MEMORY);
	assert_int_equal(optee_dom_of(x->a)->nshm, 16);
}

/* Start func 3 in d: FOREIGN_INTR first. Returns the thread. */
static uint64_t rpc_start(struct domain *d)
{
	struct optee_msg_arg *a = fx_arg(d, OPTEE_MSG_CMD_INVOKE_COMMAND, 3, 1);
	struct call_frame f;

	a->params[0].attr = OPTEE_ATTR_VALUE_OUTPUT;
	f = fx_std(d, ARG_IPA);
	assert_int_equal(f.x[0], OPTEE_RPC_FOREIGN_INTR);
	return f.x[3];
}

#define RPC_IPA	   (RAM_IPA + 0x8000)
#define RPC_COOKIE 0xffff000012345678ull

static void rpc_sequence_and_ownership(void **state)
{
	struct fx *x = *state;
	uint64_t t = rpc_start(x->a);
	unsigned resumes = harness.optee.resumes;
	struct optee_msg_arg *ra = gp(x->a, RPC_IPA), *a;
	struct call_frame f;

	/* b resuming a's thread: ERESUME, the secure side never sees it */
	f = fx_call(x->b, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_ERESUME);
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0, t + 1, 0, 0);
	assert_int_equal(f.x[0], OPTEE_ERESUME);
	assert_int_equal(harness.optee.resumes, resumes);
	/* a resumes after its interrupt: ALLOC of one page */
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_RPC_ALLOC);
	assert_int_equal(f.x[1], 4096); /* a1 = bytes */
	assert_int_equal(f.x[2], 0);
	assert_int_equal(f.x[3], t);
	/* the guest's page at RPC_IPA: the secure side gets a shadow */
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, RPC_IPA >> 32,
		    RPC_IPA & 0xffffffffu, t, RPC_COOKIE >> 32,
		    RPC_COOKIE & 0xffffffffu);
	assert_int_equal(f.x[0], OPTEE_RPC_CMD);
	assert_int_equal(f.x[1], RPC_COOKIE >> 32);
	assert_int_equal(f.x[2], RPC_COOKIE & 0xffffffffu);
	assert_true(harness.optee.thr[t].rpc_pa != 0);
	assert_true(harness.optee.thr[t].rpc_pa != (uintptr_t)ra);
	/* the command came to the guest's page; it answers */
	assert_int_equal(ra->cmd, OPTEE_RPC_CMD_GET_TIME);
	assert_int_equal(ra->num_params, 1);
	ra->params[0].u.value.a = 1234;
	ra->cmd = 99; /* an input: not taken back */
	ra->num_params = 100;
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_RPC_FREE);
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_OK);
	a = gp(x->a, ARG_IPA);
	assert_int_equal(a->ret, TEE_SUCCESS);
	assert_int_equal(a->params[0].u.value.a, 1234);
	/* finished: the thread is no one's */
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_ERESUME);
}

static void rpc_alloc_refused(void **state)
{
	struct fx *x = *state;
	uint64_t t = rpc_start(x->a);
	struct call_frame f;

	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_RPC_ALLOC);
	/* not the caller's RAM: the secure side gets PA 0 (no buffer) */
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0x1000, t, 0, 7);
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(harness.optee.thr[t].rpc_pa, 0);
	assert_int_equal(((struct optee_msg_arg *)gp(x->a, ARG_IPA))
				 ->params[0]
				 .u.value.a,
			 ~0ull);
}

static void rpc_threads_of_two_domains(void **state)
{
	struct fx *x = *state;
	uint64_t ta, tb;
	struct call_frame f;

	harness.optee.threads = 2;
	ta = rpc_start(x->a);
	tb = rpc_start(x->b);
	assert_true(ta != tb);
	/* each can only resume its own */
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0, tb, 0, 0);
	assert_int_equal(f.x[0], OPTEE_ERESUME);
	f = fx_call(x->b, OPTEE_RETURN_FROM_RPC, 0, 0, ta, 0, 0);
	assert_int_equal(f.x[0], OPTEE_ERESUME);
	f = fx_call(x->b, OPTEE_RETURN_FROM_RPC, 0, 0, tb, 0, 0);
	assert_int_equal(f.x[0], OPTEE_RPC_ALLOC);
	assert_int_equal(harness.optee.last_a7, 6);
	/* a is torn down: only its thread is finished */
	tee_domain_stopped(x->a);
	assert_false(harness.optee.thr[ta].busy);
	assert_true(harness.optee.thr[tb].busy);
	f = fx_call(x->b, OPTEE_RETURN_FROM_RPC, 0, 0, tb, 0, 0);
	assert_int_equal(f.x[0], OPTEE_OK); /* ALLOC refused: done */
}

/* func 5 (or 6) up to the SHM_ALLOC command in the guest's RPC page. */
static uint64_t shm_alloc_start_func(struct domain *d, uint32_t func)
{
	struct optee_msg_arg *a =
		fx_arg(d, OPTEE_MSG_CMD_INVOKE_COMMAND, func, 1);
	struct optee_msg_arg *ra = gp(d, RPC_IPA);
	struct call_frame f;

	a->params[0].attr = OPTEE_ATTR_VALUE_OUTPUT;
	f = fx_std(d, ARG_IPA);
	assert_int_equal(f.x[0], OPTEE_RPC_ALLOC);
	f = fx_call(d, OPTEE_RETURN_FROM_RPC, RPC_IPA >> 32,
		    RPC_IPA & 0xffffffffu, f.x[3], 0, 0x77);
	assert_int_equal(f.x[0], OPTEE_RPC_CMD);
	assert_int_equal(ra->cmd, OPTEE_RPC_CMD_SHM_ALLOC);
	assert_int_equal(ra->params[0].u.value.b, 8192);
	return f.x[3];
}

static uint64_t shm_alloc_start(struct domain *d)
{
	return shm_alloc_start_func(d, 5);
}

/* The guest's SHM_ALLOC answer, then the rest of the sequence; returns
 * the sum the secure side read (~0: the allocation failed). */
static uint64_t shm_alloc_finish_size(struct domain *d, uint64_t t,
				      uint64_t attr, uint64_t buf_ptr,
				      uint64_t size)
{
	struct optee_msg_arg *ra = gp(d, RPC_IPA);
	uint64_t cookie, sum;
	struct call_frame f;

	ra->ret = TEE_SUCCESS;
	ra->params[0].attr = attr;
	ra->params[0].u.tmem.buf_ptr = buf_ptr;
	ra->params[0].u.tmem.size = size;
	ra->params[0].u.tmem.shm_ref = 0xabc;
	f = fx_call(d, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_RPC_CMD);
	assert_int_equal(ra->cmd, OPTEE_RPC_CMD_SHM_FREE);
	/* (the fake frees even what failed; its reply then had no cookie) */
	cookie = ra->params[0].u.value.b;
	f = fx_call(d, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_RPC_FREE);
	f = fx_call(d, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_OK);
	sum = ((struct optee_msg_arg *)gp(d, ARG_IPA))->params[0].u.value.a;
	assert_int_equal(cookie, sum == ~0ull ? 0 : 0xabc);
	return sum;
}

static uint64_t shm_alloc_finish(struct domain *d, uint64_t t, uint64_t attr,
				 uint64_t buf_ptr)
{
	return shm_alloc_finish_size(d, t, attr, buf_ptr, 8192);
}

static void rpc_shm_alloc(void **state)
{
	struct fx *x = *state;
	const uint64_t nc = OPTEE_ATTR_TMEM_OUTPUT | OPTEE_ATTR_NONCONTIG;
	uint64_t t, *list = gp(x->a, LIST_IPA);

	/* a well-formed list of its own pages */
	t = shm_alloc_start(x->a);
	assert_int_equal(shm_alloc_finish(x->a, t, nc, fx_list(x->a, 2, 0, 5)),
			 8192 * 5);
	assert_pool_free(x->a);
	/* a page that is not its own */
	t = shm_alloc_start(x->a);
	list[1] = (uint64_t)(uintptr_t)x->b->ram_host;
	assert_int_equal(shm_alloc_finish(x->a, t, nc, LIST_IPA), ~0ull);
	assert_pool_free(x->a);
	/* contiguous memory (Linux's kernel buffers): its own, page-aligned
	 * RAM is accepted and reaches the secure side as our page list */
	fx_list(x->a, 2, 0, 7);
	t = shm_alloc_start(x->a);
	assert_int_equal(
		shm_alloc_finish(x->a, t, OPTEE_ATTR_TMEM_OUTPUT, DATA_IPA),
		8192 * 7);
	assert_pool_free(x->a);
	/* contiguous, but unaligned, another domain's memory, or past the
	 * end of its RAM */
	t = shm_alloc_start(x->a);
	assert_int_equal(
		shm_alloc_finish(x->a, t, OPTEE_ATTR_TMEM_OUTPUT, DATA_IPA + 8),
		~0ull);
	t = shm_alloc_start(x->a);
	assert_int_equal(shm_alloc_finish(x->a, t, OPTEE_ATTR_TMEM_OUTPUT,
					  (uint64_t)(uintptr_t)x->b->ram_host),
			 ~0ull);
	t = shm_alloc_start(x->a);
	assert_int_equal(
		shm_alloc_finish(x->a, t, OPTEE_ATTR_TMEM_OUTPUT,
				 x->a->ram_ipa + x->a->ram_size - 4096),
		~0ull);
	assert_pool_free(x->a);
	/* a size that would wrap when rounded up to pages */
	t = shm_alloc_start(x->a);
	assert_int_equal(shm_alloc_finish_size(x->a, t, OPTEE_ATTR_TMEM_OUTPUT,
					       DATA_IPA, ~0ull - 100),
			 ~0ull);
	assert_pool_free(x->a);
}

/* func (5 or 6) with its argument at `arg` and its RPC buffer at `rpc`
 * under `cookie`, up to the SHM_ALLOC command; the thread. */
static uint64_t shm_alloc_at(struct domain *d, uint32_t func, uint64_t arg,
			     uint64_t rpc, uint64_t cookie)
{
	struct optee_msg_arg *a = gp(d, arg);
	struct call_frame f;

	memset(a, 0, OPTEE_ARG_SIZE(1));
	a->cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	a->func = func;
	a->session = 0x101;
	a->num_params = 1;
	a->params[0].attr = OPTEE_ATTR_VALUE_OUTPUT;
	f = fx_std(d, arg);
	assert_int_equal(f.x[0], OPTEE_RPC_ALLOC);
	f = fx_call(d, OPTEE_RETURN_FROM_RPC, rpc >> 32, rpc & 0xffffffffu,
		    f.x[3], cookie >> 32, cookie & 0xffffffffu);
	assert_int_equal(f.x[0], OPTEE_RPC_CMD);
	assert_int_equal(((struct optee_msg_arg *)gp(d, rpc))->cmd,
			 OPTEE_RPC_CMD_SHM_ALLOC);
	return f.x[3];
}

/* Answer that SHM_ALLOC with the list at `list` under `ref`; the command
 * the secure side sends next. */
static uint32_t shm_alloc_answer(struct domain *d, uint64_t rpc, uint64_t t,
				 uint64_t list, uint64_t ref)
{
	struct optee_msg_arg *ra = gp(d, rpc);
	struct call_frame f;

	ra->ret = TEE_SUCCESS;
	ra->params[0].attr = OPTEE_ATTR_TMEM_OUTPUT | OPTEE_ATTR_NONCONTIG;
	ra->params[0].u.tmem.buf_ptr = list;
	ra->params[0].u.tmem.size = 8192;
	ra->params[0].u.tmem.shm_ref = ref;
	f = fx_call(d, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_RPC_CMD);
	return ra->cmd;
}

/* Resume until the call is done; its p0.a. */
static uint64_t call_end(struct domain *d, uint64_t arg, uint64_t t)
{
	struct call_frame f;
	unsigned n = 0;

	do
		f = fx_call(d, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	while (optee_is_rpc((uint32_t)f.x[0]) && ++n < 8);
	assert_int_equal(f.x[0], OPTEE_OK);
	return ((struct optee_msg_arg *)gp(d, arg))->params[0].u.value.a;
}

#define ARG2_IPA (RAM_IPA + 0x5000) /* clear of LIST_IPA and RPC_IPA */

/*
 * An SHM_ALLOC reply under the cookie of a list the secure side still
 * holds for another call of the domain (func 6 keeps its buffer across a
 * supplicant command): the RPC fails. Taken, the second call's SHM_FREE
 * gave back the first call's list pages while the secure side still read
 * them as its page list, and the pool handed them out again (noticed
 * while writing tests/qemu/43-tee-hostile.t; the test TEE there uses and
 * frees its buffer within one resume, so only a secure side that keeps
 * it, like OP-TEE for tee-supplicant, meets it).
 */
static void rpc_shm_cookie_in_use(void **state)
{
	static const char dts[] =
		CONFIG_DTS(OPTEE_DOM("a", "5", "0 1",
				     OPTEE_RULE " tee-limits { calls = "
						"<2>; };")
				   OPTEE_DOM("b", "6", "2 3", OPTEE_RULE)
					   OPTEE_DOM("c", "7", "4", ""));
	struct fx *x = fx_boot_dts(true, dts);
	uint64_t list = fx_list(x->a, 2, 0, 5), t1, t2;
	struct optee_msg_arg *ra = gp(x->a, RPC_IPA);

	(void)state;
	t1 = shm_alloc_at(x->a, 6, ARG_IPA, RPC_IPA, 0x77);
	assert_int_equal(shm_alloc_answer(x->a, RPC_IPA, t1, list, 0xabc), 2);
	t2 = shm_alloc_at(x->a, 5, ARG2_IPA, RPC_IPA + 0x1000, 0x78);
	assert_int_equal(
		shm_alloc_answer(x->a, RPC_IPA + 0x1000, t2, list, 0xabc),
		OPTEE_RPC_CMD_SHM_FREE);
	assert_int_equal(call_end(x->a, ARG2_IPA, t2), ~0ull);
	ra->ret = 0x1234;
	assert_int_equal(call_end(x->a, ARG_IPA, t1), 0x1234);
	assert_pool_free(x->a);
	fx_teardown((void **)&x);
}

/* A supplicant command names the SHM_ALLOC'd buffer by physical address:
 * the guest must see its own IPA of that byte, never the address. */
static void rpc_suppl_memref(void **state)
{
	struct fx *x = *state;
	struct optee_msg_arg *ra = gp(x->a, RPC_IPA);
	uint64_t t = shm_alloc_start_func(x->a, 6);
	struct call_frame f;

	ra->ret = TEE_SUCCESS;
	ra->params[0].attr = OPTEE_ATTR_TMEM_OUTPUT | OPTEE_ATTR_NONCONTIG;
	ra->params[0].u.tmem.buf_ptr = fx_list(x->a, 2, 0, 5);
	ra->params[0].u.tmem.size = 8192;
	ra->params[0].u.tmem.shm_ref = 0xabc;
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_RPC_CMD);
	assert_int_equal(ra->cmd, 2);
	assert_int_equal(ra->params[0].attr, OPTEE_ATTR_TMEM_INOUT);
	assert_int_equal(ra->params[0].u.tmem.buf_ptr, DATA_IPA + 100);
	assert_int_equal(ra->params[0].u.tmem.size, 64);
	assert_int_equal(ra->params[0].u.tmem.shm_ref, 0xabc);
	ra->ret = 0x1234; /* the supplicant's answer reaches the TA */
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(ra->cmd, OPTEE_RPC_CMD_SHM_FREE);
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_RPC_FREE);
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0);
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(((struct optee_msg_arg *)gp(x->a, ARG_IPA))
				 ->params[0]
				 .u.value.a,
			 0x1234);
	assert_pool_free(x->a);
}

static void pool_returned_after_calls(void **state)
{
	struct fx *x = *state;
	uint64_t t;

	fx_list(x->a, 3, 0, 1);
	sum_arg(x->a, LIST_IPA, 3 * 4096);
	assert_int_equal(fx_std(x->a, ARG_IPA).x[0], OPTEE_OK);
	assert_pool_free(x->a);
	t = rpc_start(x->a);
	assert_true(optee_dom_of(x->a)->pool_free != POOL_FULL);
	tee_domain_stopped(x->a);
	assert_pool_free(x->a);
	(void)t;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(good_page_list, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(null_memref, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(bad_page_lists, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(cyclic_and_chained_lists,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(registered_buffers, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(registered_buffer_limit,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(failed_register_released,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(rpc_sequence_and_ownership,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(rpc_alloc_refused, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(rpc_threads_of_two_domains,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(rpc_shm_alloc, fx_setup,
						fx_teardown),
		cmocka_unit_test(rpc_shm_cookie_in_use),
		cmocka_unit_test_setup_teardown(rpc_suppl_memref, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(pool_returned_after_calls,
						fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
