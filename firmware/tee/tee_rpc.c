// SPDX-License-Identifier: MIT
/*
 * The test TA's SLEEP command: a call that sleeps in RPCs, one of each
 * kind a mediator must handle, as a state machine (the TEE runs at EL3
 * with no thread stacks of its own; a suspended call is its thread's
 * job and step):
 *
 *   1 FOREIGN_INTR                     resumed with a1-a3 as given
 *   2 ALLOC (RPC argument, 96 bytes)   reply a1:a2 = page PA, a4:a5 cookie
 *   3 CMD GET_TIME                     v0 out: seconds, nanoseconds
 *   4 CMD SHM_ALLOC (kernel, N bytes)  p0 TMEM_OUTPUT(+NONCONTIG)
 *     the TEE writes a pattern into that buffer and sums it back
 *   5 CMD SHM_FREE (kernel, cookie)
 *   6 FREE (RPC argument cookie)
 *
 * The RPC argument lives in normal memory: it is written whole before each
 * CMD and every field read back is checked. A failed step skips to the
 * frees still owed and ends the call with ret = the error, origin COMMS.
 */
#include "tee.h"

#define SLEEP_RPC_ARG_SIZE OPTEE_MSG_ARG_SIZE(2)
#define SLEEP_SHM_DEFAULT  8192u
#define SLEEP_SHM_MAX	   (64u * 1024u)

enum {
	SLEEP_INTR = 1,
	SLEEP_ALLOC,
	SLEEP_TIME,
	SLEEP_SHM_ALLOC,
	SLEEP_SHM_FREE,
	SLEEP_FREE,
};

static void sleep_cmd(struct tee_thread *t, uint32_t cmd, uint32_t attr,
		      uint64_t a, uint64_t b, uint64_t c, struct tee_out *o)
{
	uint64_t pa = t->rpc_pa;
	unsigned i;

	for (i = 0; i < SLEEP_RPC_ARG_SIZE; i += 8)
		tee_ns_write64(pa + i, 0);
	tee_ns_write32(pa + 0, cmd);
	tee_ns_write32(pa + 28, 1);
	tee_ns_write64(pa + 32, attr);
	tee_ns_write64(pa + 40, a);
	tee_ns_write64(pa + 48, b);
	tee_ns_write64(pa + 56, c);
	tee_rpc(t, OPTEE_SMC_RPC_CMD, t->rpc_cookie >> 32,
		t->rpc_cookie & 0xffffffffu, o);
}

static void sleep_free(struct tee_thread *t, struct tee_out *o)
{
	t->step = SLEEP_FREE;
	tee_rpc(t, OPTEE_SMC_RPC_FREE, t->rpc_cookie >> 32,
		t->rpc_cookie & 0xffffffffu, o);
}

static void sleep_end(struct tee_thread *t, struct tee_out *o)
{
	struct tee_arg *a = &t->arg;

	if (t->err) {
		a->ret = t->err;
		a->ret_origin = TEE_ORIGIN_COMMS;
	} else {
		a->p[0].u[0] = t->t_sec;
		a->p[0].u[1] = t->t_nsec;
		a->p[0].u[2] = t->sum;
		a->ret = TEE_SUCCESS;
		a->ret_origin = TEE_ORIGIN_TRUSTED_APP;
	}
	tee_thread_finish(t, o);
}

void tee_sleep_start(struct tee_thread *t, struct tee_out *o)
{
	uint64_t size = t->arg.p[0].u[0];

	if ((t->arg.p[0].attr & OPTEE_MSG_ATTR_TYPE_MASK) !=
		    OPTEE_MSG_ATTR_VALUE_INOUT ||
	    t->arg.nparams != 1 || size > SLEEP_SHM_MAX) {
		t->arg.ret = TEE_ERROR_BAD_PARAMETERS;
		t->arg.ret_origin = TEE_ORIGIN_TRUSTED_APP;
		tee_thread_finish(t, o);
		return;
	}
	t->sum = size ? size : SLEEP_SHM_DEFAULT; /* the size, until step 4 */
	t->err = 0;
	t->job = TEE_JOB_SLEEP;
	t->step = SLEEP_INTR;
	tee_rpc(t, OPTEE_SMC_RPC_FOREIGN_INTR, 0, 0, o);
}

/* The RPC argument's ret and its one parameter, as the normal world left
 * them; false when it is not a one-parameter answer. */
static bool sleep_reply(struct tee_thread *t, struct tee_param *p)
{
	uint32_t ret = tee_ns_read32(t->rpc_pa + 20);

	if (ret != TEE_SUCCESS) {
		t->err = ret;
		return false;
	}
	if (tee_ns_read32(t->rpc_pa + 28) != 1) {
		t->err = TEE_ERROR_COMMUNICATION;
		return false;
	}
	p->attr = tee_ns_read64(t->rpc_pa + 32);
	p->u[0] = tee_ns_read64(t->rpc_pa + 40);
	p->u[1] = tee_ns_read64(t->rpc_pa + 48);
	p->u[2] = tee_ns_read64(t->rpc_pa + 56);
	return true;
}

static void sleep_on_alloc(struct tee_thread *t, const uint64_t r[6],
			   struct tee_out *o)
{
	uint64_t pa = r[1] << 32 | r[2];

	t->rpc_cookie = r[4] << 32 | r[5];
	if (pa == 0) {
		t->err = TEE_ERROR_OUT_OF_MEMORY; /* nothing to free */
		sleep_end(t, o);
		return;
	}
	if (!tee_ns_page_ok(pa)) {
		t->err = TEE_ERROR_BAD_PARAMETERS;
		sleep_free(t, o); /* give the cookie back, never use it */
		return;
	}
	t->rpc_pa = pa;
	t->step = SLEEP_TIME;
	sleep_cmd(t, OPTEE_RPC_CMD_GET_TIME, OPTEE_MSG_ATTR_VALUE_OUTPUT, 0, 0,
		  0, o);
}

static void sleep_on_time(struct tee_thread *t, struct tee_out *o)
{
	struct tee_param p;

	if (!sleep_reply(t, &p) || p.attr != OPTEE_MSG_ATTR_VALUE_OUTPUT ||
	    p.u[1] >= 1000000000u) {
		if (!t->err)
			t->err = TEE_ERROR_BAD_FORMAT;
		sleep_free(t, o);
		return;
	}
	t->t_sec = p.u[0];
	t->t_nsec = p.u[1];
	t->step = SLEEP_SHM_ALLOC;
	sleep_cmd(t, OPTEE_RPC_CMD_SHM_ALLOC, OPTEE_MSG_ATTR_VALUE_INPUT,
		  OPTEE_RPC_SHM_TYPE_KERNEL, t->sum, TEE_PAGE, o);
}

/* The SHM_ALLOC answer: a TMEM_OUTPUT | NONCONTIG page list (what Linux
 * gives with dynamic shared memory), or for at most 4 KiB one plain page,
 * of at least the size asked for; write a
 * pattern and sum it back through it. */
static uint32_t sleep_use_shm(struct tee_thread *t, struct tee_param *p)
{
	struct tee_mem m;
	uint64_t size = t->sum, i, sum;
	uint8_t buf[64] __attribute__((aligned(8)));

	t->shm_cookie = p->u[2];
	p->attr &= ~(uint64_t)OPTEE_MSG_ATTR_CACHE_MASK;
	if (p->attr == OPTEE_MSG_ATTR_TMEM_OUTPUT) {
		/* No list: one whole page, as OP-TEE accepts outside a
		 * carve-out (and Linux gives for small kernel buffers). */
		if (size > TEE_PAGE || p->u[1] < size ||
		    !tee_ns_page_ok(p->u[0]))
			return TEE_ERROR_BAD_FORMAT;
		m.kind = TEE_MEM_PAGE;
		m.list = p->u[0];
		m.offs = 0;
		m.size = size;
	} else if (p->attr != (OPTEE_MSG_ATTR_TMEM_OUTPUT |
			       OPTEE_MSG_ATTR_NONCONTIG) ||
		   p->u[1] < size || p->u[0] == 0 ||
		   tee_mem_resolve(t->client, p, &m) != TEE_SUCCESS) {
		return TEE_ERROR_BAD_FORMAT;
	}
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + 1);
	for (i = 0; i < size; i += sizeof(buf)) {
		uint64_t n = size - i < sizeof(buf) ? size - i : sizeof(buf);

		if (!tee_mem_rw(&m, i, buf, n, true))
			return TEE_ERROR_BAD_FORMAT;
	}
	for (sum = 0, i = 0; i < size; i += sizeof(buf)) {
		uint64_t n = size - i < sizeof(buf) ? size - i : sizeof(buf), j;

		if (!tee_mem_rw(&m, i, buf, n, false))
			return TEE_ERROR_BAD_FORMAT;
		for (j = 0; j < n; j++)
			sum += buf[j];
	}
	t->sum = sum;
	return TEE_SUCCESS;
}

static void sleep_on_shm_alloc(struct tee_thread *t, struct tee_out *o)
{
	struct tee_param p;
	uint32_t r;

	if (!sleep_reply(t, &p)) {
		sleep_free(t, o); /* nothing allocated */
		return;
	}
	r = sleep_use_shm(t, &p);
	if (r != TEE_SUCCESS)
		t->err = r;
	t->step = SLEEP_SHM_FREE;
	sleep_cmd(t, OPTEE_RPC_CMD_SHM_FREE, OPTEE_MSG_ATTR_VALUE_INPUT,
		  OPTEE_RPC_SHM_TYPE_KERNEL, t->shm_cookie, 0, o);
}

void tee_ta_resume(struct tee_thread *t, const uint64_t r[6], struct tee_out *o)
{
	switch (t->step) {
	case SLEEP_INTR:
		t->step = SLEEP_ALLOC;
		tee_rpc(t, OPTEE_SMC_RPC_ALLOC, SLEEP_RPC_ARG_SIZE, 0, o);
		return;
	case SLEEP_ALLOC:
		sleep_on_alloc(t, r, o);
		return;
	case SLEEP_TIME:
		sleep_on_time(t, o);
		return;
	case SLEEP_SHM_ALLOC:
		sleep_on_shm_alloc(t, o);
		return;
	case SLEEP_SHM_FREE:
		sleep_free(t, o);
		return;
	default:
		sleep_end(t, o);
		return;
	}
}
