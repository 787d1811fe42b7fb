// SPDX-License-Identifier: MIT
/*
 * The transport as Linux's optee driver runs it over SMC or HVC:
 * CALL_WITH_ARG, then every RPC answered and the call resumed with
 * RETURN_FROM_RPC until it completes. ALLOC gets a page of ours and a
 * cookie; FREE gives it back; CMD is served from that page (GET_TIME from
 * the virtual counter; SHM_ALLOC as a TMEM_OUTPUT | NONCONTIG list of
 * scattered pages, or as contiguous pages without a list, Linux's answer
 * for a kernel buffer; SHM_FREE; NOTIFICATION answered at once; SUSPEND
 * waited, at most 100 ms); FOREIGN_INTR just resumes. A call can be told to
 * answer ALLOC or SHM_ALLOC badly instead (enum alloc_mode, enum shm_mode).
 *
 * Every call also checks what the mediator must leave alone: x4-x17 on an
 * RPC exit, x1-x17 on any other answer. x7 carries the neighbour's client
 * ID, so a mediator that did not force a7 would bill the neighbour.
 */
#include <string.h>

#include "tc.h"

_Atomic unsigned model_std, model_rpc, regs_clobbered;

/* What the secure side holds of ours: RPC argument pages and buffers. */
#define NHELD	      32
#define SHM_MAX_PAGES 16
enum held_kind { HELD_FREE, HELD_ARG, HELD_SHM };
struct held {
	uint8_t kind;
	uint64_t cookie;
	void *page; /* HELD_ARG */
	void *pages[SHM_MAX_PAGES];
	unsigned n;
	uint64_t size;
	struct tc_list list;
};
static struct held held[NHELD];
static _Atomic uint32_t held_lock;
static _Atomic uint32_t cookie_seq;

static void lock(_Atomic uint32_t *l)
{
	while (atomic_exchange(l, 1))
		;
}

static void unlock(_Atomic uint32_t *l)
{
	atomic_store(l, 0);
}

static uint64_t new_cookie(void)
{
	return 0xc0c0000000000000ull | (uint64_t)tc.id << 32 |
	       (atomic_fetch_add(&cookie_seq, 1) + 1);
}

static struct held *held_new(enum held_kind kind, uint64_t cookie)
{
	struct held *h = NULL;

	lock(&held_lock);
	for (unsigned i = 0; i < NHELD && !h; i++)
		if (held[i].kind == HELD_FREE) {
			h = &held[i];
			memset(h, 0, sizeof(*h));
			h->kind = (uint8_t)kind;
			h->cookie = cookie;
		}
	unlock(&held_lock);
	if (!h)
		guest_fatal("tee-client: too many buffers held");
	return h;
}

static struct held *held_find(enum held_kind kind, uint64_t cookie)
{
	struct held *h = NULL;

	lock(&held_lock);
	for (unsigned i = 0; i < NHELD && !h; i++)
		if (held[i].kind == kind && held[i].cookie == cookie)
			h = &held[i];
	unlock(&held_lock);
	return h;
}

static void held_drop(struct held *h)
{
	if (h->page)
		pg_free(h->page);
	for (unsigned i = 0; i < h->n; i++)
		pg_free(h->pages[i]);
	list_free(&h->list);
	lock(&held_lock);
	h->kind = HELD_FREE;
	unlock(&held_lock);
}

static uint64_t u64_of(uint64_t hi, uint64_t lo)
{
	return (hi & 0xffffffffu) << 32 | (lo & 0xffffffffu);
}

static void answer_alloc(struct tc_call *k, uint64_t *a)
{
	struct tc_rpc *st = &k->rpc;
	uint64_t pa = 0, cookie = 0;

	st->alloc++;
	if (st->alloc_mode == ALLOC_IPA) {
		pa = st->bad;
		cookie = new_cookie();
	} else if (st->alloc_mode == ALLOC_COOKIE) {
		/* The page is never ours to keep: the mediator must refuse
		 * a cookie it already shadows. */
		void *p = pg_alloc();

		pa = ipa(p);
		cookie = st->bad;
		pg_free(p);
	} else if (st->alloc_mode == ALLOC_GOOD) {
		struct held *h;

		cookie = new_cookie();
		h = held_new(HELD_ARG, cookie);
		h->page = pg_alloc();
		pa = ipa(h->page);
		st->arg_cookie = cookie;
	}
	a[1] = pa >> 32;
	a[2] = pa & 0xffffffffu;
	a[4] = cookie >> 32;
	a[5] = cookie & 0xffffffffu;
}

static void answer_time(struct tc_rpc *st, struct tc_arg *a)
{
	uint64_t t = ticks(), f = ticks_per_sec();

	st->time++;
	if (a->nparams != 1 || a->p[0].attr != OPTEE_MSG_ATTR_VALUE_OUTPUT) {
		a->ret = TEE_ERROR_BAD_PARAMETERS;
		return;
	}
	st->t_sec = t / f;
	st->t_nsec = (t % f) * 1000000000ull / f;
	a->p[0].a = st->t_sec;
	a->p[0].b = st->t_nsec;
	a->ret = TEE_SUCCESS;
}

/* Scattered pages: a spare page between two, and the list in reverse;
 * for a contiguous answer, pages one after the other. */
static void shm_pages(struct held *h, unsigned n, bool contiguous)
{
	void *spare[SHM_MAX_PAGES];

	h->n = n;
	if (contiguous) {
		uint8_t *run = pg_alloc_run(n);

		for (unsigned i = 0; i < n; i++)
			h->pages[i] = run + (size_t)i * PG;
		return;
	}
	for (unsigned i = 0; i < n; i++) {
		h->pages[n - 1 - i] = pg_alloc();
		spare[i] = pg_alloc();
	}
	for (unsigned i = 0; i < n; i++)
		pg_free(spare[i]);
}

/* The answer's parameter, spoiled as the call was told to. */
static void shm_spoil(struct tc_rpc *st, struct held *h, struct tc_param *p)
{
	switch (st->shm_mode) {
	case SHM_CONTIG:
		p->attr = OPTEE_MSG_ATTR_TMEM_OUTPUT;
		p->a = ipa(h->pages[0]);
		break;
	case SHM_AT:
		p->attr = OPTEE_MSG_ATTR_TMEM_OUTPUT;
		p->a = st->bad;
		break;
	case SHM_ENTRY:
		h->list.lp[0][0] = st->bad;
		break;
	case SHM_LIST:
		p->a = st->bad;
		break;
	case SHM_SIZE0:
		p->b = 0;
		break;
	case SHM_SHORT:
		p->b = h->size / 2;
		break;
	case SHM_INOUT:
		p->attr = OPTEE_MSG_ATTR_TMEM_INOUT | OPTEE_MSG_ATTR_NONCONTIG;
		break;
	case SHM_COOKIE:
		p->c = st->bad;
		break;
	default:
		break;
	}
}

static void answer_shm_alloc(struct tc_call *k, struct tc_arg *a)
{
	struct tc_rpc *st = &k->rpc;
	uint64_t size = a->p[0].b;
	unsigned n = (unsigned)((size + PG - 1) / PG);
	struct held *h;

	st->shm_alloc++;
	if (a->nparams != 1 || a->p[0].attr != OPTEE_MSG_ATTR_VALUE_INPUT ||
	    n == 0 || n > SHM_MAX_PAGES || st->shm_mode == SHM_REFUSE) {
		a->ret = TEE_ERROR_OUT_OF_MEMORY;
		return;
	}
	h = held_new(HELD_SHM, new_cookie());
	h->size = size;
	shm_pages(h, n, st->shm_mode == SHM_CONTIG);
	list_make(&h->list, h->pages, n, 0);
	a->p[0].attr = OPTEE_MSG_ATTR_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	a->p[0].a = h->list.buf;
	a->p[0].b = size;
	a->p[0].c = h->cookie;
	st->shm_cookie = h->cookie;
	shm_spoil(st, h, &a->p[0]);
	a->ret = TEE_SUCCESS;
	if (st->shm_mode != SHM_GOOD && st->shm_mode != SHM_CONTIG &&
	    st->shm_mode != SHM_SHORT) {
		/* The secure side must never get it (the mediator fails the
		 * RPC): it is ours again at once. */
		held_drop(h);
	}
}

/* SHM_FREE: the buffer must hold the test TA's pattern, written through
 * the mediator's translation of our list into our own pages. */
static void answer_shm_free(struct tc_rpc *st, struct tc_arg *a)
{
	struct held *h = held_find(HELD_SHM, a->p[0].b);
	bool good = h != NULL;

	st->shm_free++;
	for (uint64_t i = 0; h && i < h->size; i++) {
		const uint8_t *b = h->pages[i / PG];

		good = good && b[i % PG] == (uint8_t)((i % 64) * 7 + 1);
	}
	st->shm_ok += good;
	if (h)
		held_drop(h);
	a->ret = TEE_SUCCESS;
}

static void answer_cmd(struct tc_call *k)
{
	struct tc_rpc *st = &k->rpc;
	struct held *h = held_find(HELD_ARG, u64_of(k->r.x[1], k->r.x[2]));
	struct tc_arg *a = h ? h->page : NULL;

	st->cmd++;
	if (!a) {
		st->other++;
		return;
	}
	switch (a->cmd) {
	case OPTEE_RPC_CMD_GET_TIME:
		answer_time(st, a);
		break;
	case OPTEE_RPC_CMD_SHM_ALLOC:
		answer_shm_alloc(k, a);
		break;
	case OPTEE_RPC_CMD_SHM_FREE:
		answer_shm_free(st, a);
		break;
	case TC_RPC_CMD_NOTIFICATION:
		a->ret = TEE_SUCCESS;
		break;
	case TC_RPC_CMD_SUSPEND:
		delay_ms(a->p[0].a < 100 ? (unsigned)a->p[0].a : 100);
		a->ret = TEE_SUCCESS;
		break;
	default:
		st->other++;
		a->ret = TEE_ERROR_NOT_IMPLEMENTED;
		break;
	}
}

/* x4-x17 of every call: a pattern, x7 the neighbour's client ID. */
static void regs_fill(struct smccc_res *r, unsigned first)
{
	for (unsigned i = first; i < 18; i++)
		r->x[i] = 0x7c00000000000000ull | (uint64_t)i << 40 | i;
	if (first <= 7)
		r->x[7] = 0x7c07000000000000ull | (tc.peer ? tc.peer : 0xfffe);
}

/* Make the call; count clobbered registers the mediator had to leave. */
static uint32_t regs_call(enum guest_conduit c, struct smccc_res *r)
{
	struct smccc_res want = *r;
	unsigned first;
	bool kept = true;

	smccc_call(c, r);
	first = is_rpc(r->x[0]) ? 4 : 1;
	for (unsigned i = first; i < 18; i++)
		kept = kept && r->x[i] == want.x[i];
	if (!kept)
		atomic_fetch_add(&regs_clobbered, 1);
	return (uint32_t)r->x[0];
}

void call_init(struct tc_call *k, enum guest_conduit c)
{
	memset(k, 0, sizeof(*k));
	k->c = c;
	k->rc = c;
}

uint32_t call_raw(struct tc_call *k, uint64_t a1, uint64_t a2, bool counted)
{
	uint32_t a0;

	memset(&k->r, 0, sizeof(k->r));
	regs_fill(&k->r, 4);
	k->r.x[0] = OPTEE_SMC_CALL_WITH_ARG;
	k->r.x[1] = a1;
	k->r.x[2] = a2;
	k->r.x[3] = 1; /* cached, as Linux says */
	a0 = regs_call(k->c, &k->r);
	/* The mediator's own call limit: the secure side never saw it. */
	if (counted && a0 != OPTEE_SMC_RETURN_ETHREAD_LIMIT)
		atomic_fetch_add(&model_std, 1);
	return a0;
}

uint32_t call_start(struct tc_call *k, const struct tc_arg *a)
{
	uint64_t pa = ipa(a);

	return call_raw(k, pa >> 32, pa & 0xffffffffu, true);
}

uint32_t call_resume(struct tc_call *k)
{
	uint64_t a[6] = {OPTEE_SMC_RETURN_FROM_RPC,
			 k->r.x[1],
			 k->r.x[2],
			 k->r.x[3],
			 0,
			 0};

	switch ((uint32_t)k->r.x[0]) {
	case OPTEE_SMC_RPC_FOREIGN_INTR:
		k->rpc.intr++; /* our "interrupt" is taken: go on */
		break;
	case OPTEE_SMC_RPC_ALLOC:
		answer_alloc(k, a);
		break;
	case OPTEE_SMC_RPC_FREE: {
		struct held *h =
			held_find(HELD_ARG, u64_of(k->r.x[1], k->r.x[2]));

		k->rpc.free++;
		if (h)
			held_drop(h);
		break;
	}
	case OPTEE_SMC_RPC_CMD:
		answer_cmd(k);
		break;
	default:
		k->rpc.other++;
		break;
	}
	regs_fill(&k->r, 6);
	for (unsigned i = 0; i < 6; i++)
		k->r.x[i] = a[i];
	k->steps++;
	atomic_fetch_add(&model_rpc, 1);
	return regs_call(k->rc, &k->r);
}

uint32_t call_finish(struct tc_call *k)
{
	unsigned guard = 0;

	while (is_rpc(k->r.x[0]) && guard++ < 64)
		call_resume(k);
	return (uint32_t)k->r.x[0];
}

bool call_until(struct tc_call *k, uint32_t code)
{
	unsigned guard = 0;

	while (is_rpc(k->r.x[0]) && (uint32_t)k->r.x[0] != code && guard++ < 64)
		call_resume(k);
	return (uint32_t)k->r.x[0] == code;
}

uint32_t tc_std(enum guest_conduit c, struct tc_arg *a)
{
	struct tc_call k;
	uint32_t a0;

	call_init(&k, c);
	call_start(&k, a);
	a0 = call_finish(&k);
	return a0 ? A0_ERR(a0) : a->ret;
}
