// SPDX-License-Identifier: MIT
/*
 * The test TEE's yielding calls: CALL_WITH_ARG reads the optee_msg_arg at
 * the physical address given (dynamic shared memory: a 4 KiB-aligned page
 * of normal RAM, the whole argument inside it), copies it into a thread's
 * secure copy and checks everything there; the normal world's page is
 * written again only at completion, and only the output fields (ret,
 * ret_origin, session, output values and sizes).
 *
 * A thread is taken from a small pool for the call and is bound to the
 * client that started it; it stays taken while the call is suspended in
 * an RPC, and RETURN_FROM_RPC must come from the same client.
 */
#include "tee.h"

struct tee_thread tee_threads[TEE_NUM_THREADS];
struct tee_session tee_sessions[TEE_MAX_SESSIONS];
static uint32_t tee_next_session = 1;

static struct tee_thread *tee_thread_alloc(uint16_t client)
{
	unsigned i;

	for (i = 0; i < TEE_NUM_THREADS; i++) {
		struct tee_thread *t = &tee_threads[i];

		if (t->state == TEE_T_FREE) {
			t->state = TEE_T_SUSPENDED; /* taken */
			t->client = client;
			t->job = 0;
			t->step = 0;
			return t;
		}
	}
	return 0;
}

static unsigned tee_thread_id(const struct tee_thread *t)
{
	return (unsigned)(t - tee_threads);
}

void tee_rpc(struct tee_thread *t, uint32_t code, uint64_t a1, uint64_t a2,
	     struct tee_out *o)
{
	t->state = TEE_T_SUSPENDED;
	o->a0 = code;
	o->a1 = a1;
	o->a2 = a2;
	o->a3 = tee_thread_id(t);
	o->set_a1_a3 = true;
}

/* The argument header and up to TEE_MAX_PARAMS parameters into secure RAM.
 * num_params beyond what fits the page is EBADADDR (as OP-TEE); beyond
 * what we keep is refused later by each command's parameter check. */
static bool tee_arg_read(uint64_t pa, struct tee_arg *a)
{
	uint32_t i, n;

	if (!tee_ns_page_ok(pa))
		return false;
	a->cmd = tee_ns_read32(pa + 0);
	a->func = tee_ns_read32(pa + 4);
	a->session = tee_ns_read32(pa + 8);
	a->cancel_id = tee_ns_read32(pa + 12);
	a->pad = tee_ns_read32(pa + 16);
	a->ret = tee_ns_read32(pa + 20);
	a->ret_origin = tee_ns_read32(pa + 24);
	a->nparams = tee_ns_read32(pa + 28);
	if (a->nparams > OPTEE_MSG_MAX_PARAMS_IN_PAGE)
		return false;
	n = a->nparams < TEE_MAX_PARAMS ? a->nparams : TEE_MAX_PARAMS;
	for (i = 0; i < n; i++) {
		uint64_t p = pa + OPTEE_MSG_ARG_SIZE(i);

		a->p[i].attr = tee_ns_read64(p);
		a->p[i].u[0] = tee_ns_read64(p + 8);
		a->p[i].u[1] = tee_ns_read64(p + 16);
		a->p[i].u[2] = tee_ns_read64(p + 24);
	}
	return true;
}

static void tee_arg_write_back(const struct tee_thread *t)
{
	const struct tee_arg *a = &t->arg;
	uint32_t i,
		n = a->nparams < TEE_MAX_PARAMS ? a->nparams : TEE_MAX_PARAMS;

	tee_ns_write32(t->arg_pa + 8, a->session);
	tee_ns_write32(t->arg_pa + 20, a->ret);
	tee_ns_write32(t->arg_pa + 24, a->ret_origin);
	for (i = 0; i < n; i++) {
		uint64_t p = t->arg_pa + OPTEE_MSG_ARG_SIZE(i);
		uint32_t type =
			(uint32_t)a->p[i].attr & OPTEE_MSG_ATTR_TYPE_MASK;

		if (a->p[i].attr & OPTEE_MSG_ATTR_META)
			continue;
		if (type == OPTEE_MSG_ATTR_VALUE_OUTPUT ||
		    type == OPTEE_MSG_ATTR_VALUE_INOUT) {
			tee_ns_write64(p + 8, a->p[i].u[0]);
			tee_ns_write64(p + 16, a->p[i].u[1]);
			tee_ns_write64(p + 24, a->p[i].u[2]);
		} else if (type == OPTEE_MSG_ATTR_RMEM_OUTPUT ||
			   type == OPTEE_MSG_ATTR_RMEM_INOUT ||
			   type == OPTEE_MSG_ATTR_TMEM_OUTPUT ||
			   type == OPTEE_MSG_ATTR_TMEM_INOUT) {
			tee_ns_write64(p + 16, a->p[i].u[1]);
		}
	}
}

void tee_thread_finish(struct tee_thread *t, struct tee_out *o)
{
	tee_arg_write_back(t);
	t->state = TEE_T_FREE;
	o->a0 = OPTEE_SMC_RETURN_OK;
}

static void tee_fail(struct tee_thread *t, uint32_t ret, struct tee_out *o)
{
	t->arg.ret = ret;
	t->arg.ret_origin = TEE_ORIGIN_TEE;
	tee_thread_finish(t, o);
}

/* TA parameters: at most 4, no META, known types, memrefs resolved. */
static uint32_t tee_params_check(struct tee_thread *t, unsigned first)
{
	struct tee_arg *a = &t->arg;
	unsigned i;

	if (a->nparams < first || a->nparams - first > 4)
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < TEE_MAX_PARAMS; i++)
		t->mem[i].kind = TEE_MEM_NULL;
	for (i = first; i < a->nparams; i++) {
		uint64_t attr = a->p[i].attr;
		uint32_t type = (uint32_t)attr & OPTEE_MSG_ATTR_TYPE_MASK, r;

		if (attr & ~(uint64_t)(OPTEE_MSG_ATTR_TYPE_MASK |
				       OPTEE_MSG_ATTR_NONCONTIG |
				       OPTEE_MSG_ATTR_CACHE_MASK))
			return TEE_ERROR_BAD_PARAMETERS;
		if (type == 4 || type == 8 || type > OPTEE_MSG_ATTR_TMEM_INOUT)
			return TEE_ERROR_BAD_PARAMETERS;
		r = tee_mem_resolve(t->client, &a->p[i], &t->mem[i]);
		if (r != TEE_SUCCESS)
			return r;
	}
	return TEE_SUCCESS;
}

struct tee_session *tee_session_find(uint16_t client, uint32_t id)
{
	unsigned i;

	for (i = 0; i < TEE_MAX_SESSIONS; i++) {
		struct tee_session *s = &tee_sessions[i];

		if (s->used && s->client == client && s->id == id)
			return s;
	}
	return 0;
}

static struct tee_session *tee_session_new(uint16_t client, int ta)
{
	unsigned i;

	for (i = 0; i < TEE_MAX_SESSIONS; i++) {
		struct tee_session *s = &tee_sessions[i];

		if (!s->used) {
			s->used = true;
			s->client = client;
			s->ta = (uint8_t)ta;
			s->id = tee_next_session++;
			if (!tee_next_session)
				tee_next_session = 1;
			s->counter = 0;
			return s;
		}
	}
	return 0;
}

#define TEE_META_VALUE (OPTEE_MSG_ATTR_VALUE_INPUT | OPTEE_MSG_ATTR_META)

static void tee_open(struct tee_thread *t, struct tee_out *o)
{
	struct tee_arg *a = &t->arg;
	struct tee_session *s;
	uint32_t r;
	int ta;

	if (a->nparams < 2 || a->p[0].attr != TEE_META_VALUE ||
	    a->p[1].attr != TEE_META_VALUE) {
		tee_fail(t, TEE_ERROR_BAD_PARAMETERS, o);
		return;
	}
	r = tee_params_check(t, 2);
	if (r != TEE_SUCCESS) {
		tee_fail(t, r, o);
		return;
	}
	ta = tee_ta_lookup(&a->p[0]);
	if (ta < 0) {
		tee_fail(t, TEE_ERROR_ITEM_NOT_FOUND, o);
		return;
	}
	s = tee_session_new(t->client, ta);
	if (!s) {
		tee_fail(t, TEE_ERROR_OUT_OF_MEMORY, o);
		return;
	}
	a->session = s->id;
	a->ret = TEE_SUCCESS;
	a->ret_origin = TEE_ORIGIN_TRUSTED_APP;
	tee_thread_finish(t, o);
}

static void tee_invoke(struct tee_thread *t, struct tee_out *o)
{
	struct tee_session *s = tee_session_find(t->client, t->arg.session);
	uint32_t r;

	if (!s) {
		tee_fail(t, TEE_ERROR_BAD_PARAMETERS, o);
		return;
	}
	r = tee_params_check(t, 0);
	if (r != TEE_SUCCESS) {
		tee_fail(t, r, o);
		return;
	}
	tee_ta_invoke(t, s, o);
}

static void tee_close(struct tee_thread *t, struct tee_out *o)
{
	struct tee_session *s = tee_session_find(t->client, t->arg.session);

	if (!s) {
		tee_fail(t, TEE_ERROR_BAD_PARAMETERS, o);
		return;
	}
	s->used = false;
	t->arg.ret = TEE_SUCCESS;
	t->arg.ret_origin = TEE_ORIGIN_TEE;
	tee_thread_finish(t, o);
}

static void tee_msg_run(struct tee_thread *t, struct tee_out *o)
{
	switch (t->arg.cmd) {
	case OPTEE_MSG_CMD_OPEN_SESSION:
		tee_open(t, o);
		return;
	case OPTEE_MSG_CMD_INVOKE_COMMAND:
		tee_invoke(t, o);
		return;
	case OPTEE_MSG_CMD_CLOSE_SESSION:
		tee_close(t, o);
		return;
	case OPTEE_MSG_CMD_CANCEL:
		tee_fail(t, TEE_SUCCESS, o); /* nothing is cancellable */
		return;
	case OPTEE_MSG_CMD_REGISTER_SHM:
		tee_fail(t, tee_shm_register(t->client, &t->arg), o);
		return;
	case OPTEE_MSG_CMD_UNREGISTER_SHM:
		tee_fail(t, tee_shm_unregister(t->client, &t->arg), o);
		return;
	default:
		t->state = TEE_T_FREE; /* the argument is left untouched */
		o->a0 = OPTEE_SMC_RETURN_EBADCMD;
		return;
	}
}

void tee_std_call(struct tee_client *cl, uint64_t pa, struct tee_out *o)
{
	struct tee_thread *t = tee_thread_alloc(cl->id);

	if (!t) {
		o->a0 = OPTEE_SMC_RETURN_ETHREAD_LIMIT;
		return;
	}
	if (!tee_arg_read(pa, &t->arg)) {
		t->state = TEE_T_FREE;
		o->a0 = OPTEE_SMC_RETURN_EBADADDR;

		return;
	}
	t->arg_pa = pa;
	/* Some calls are "interrupted" first, as a real TEE's would be by a
	 * normal-world interrupt: the mediator's FOREIGN_INTR path runs. */
	if (++cl->calls % TEE_PREEMPT_EVERY == 0) {
		t->job = TEE_JOB_PREEMPT;
		tee_rpc(t, OPTEE_SMC_RPC_FOREIGN_INTR, 0, 0, o);
		return;
	}
	tee_msg_run(t, o);
}

void tee_std_resume(struct tee_client *cl, struct tee_thread *t,
		    const uint64_t r[6], struct tee_out *o)
{
	(void)cl;
	if (t->job == TEE_JOB_PREEMPT) {
		t->job = 0;
		tee_msg_run(t, o);
		return;
	}
	tee_ta_resume(t, r, o);
}

void tee_session_drop_client(uint16_t client)
{
	unsigned i;

	for (i = 0; i < TEE_MAX_SESSIONS; i++) {
		if (tee_sessions[i].client == client)
			tee_sessions[i].used = false;
	}
	for (i = 0; i < TEE_NUM_THREADS; i++) {
		if (tee_threads[i].client == client)
			tee_threads[i].state = TEE_T_FREE;
	}
}
