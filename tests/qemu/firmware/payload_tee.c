// SPDX-License-Identifier: MIT
/*
 * Firmware test payload, the test TEE: the payload plays the hypervisor
 * (a7 = 0: VM_CREATED / VM_DESTROYED) and two normal-world clients (a7 = 1
 * and 2) that build OP-TEE messages in their own pages and answer every
 * RPC the way Linux's optee driver does (ALLOC: a page and a cookie; CMD:
 * GET_TIME, SHM_ALLOC as a TMEM_OUTPUT | NONCONTIG page list, SHM_FREE;
 * FREE; FOREIGN_INTR: just resume).
 */
#include "payload_tee.h"

#define NPAGES 48

static uint8_t pages[NPAGES][PG] __attribute__((aligned(PG)));

enum rpc_mode rpc_mode;
struct rpc_stats rpc_st;

const uint8_t uuid_devenum[16] = {0x70, 0x11, 0xa6, 0x88, 0xdd, 0xde,
				  0x40, 0x53, 0xa5, 0xa9, 0x7b, 0x3c,
				  0x4d, 0xdf, 0x13, 0xb8};
const uint8_t uuid_rng[16] = {0xab, 0x7a, 0x61, 0x7c, 0xb8, 0xe7, 0x4d, 0x8f,
			      0x83, 0x01, 0xd0, 0x9b, 0x61, 0x03, 0x6b, 0x64};
const uint8_t uuid_test[16] = {0xa4, 0xb1, 0x7e, 0x57, 0x00, 0x00, 0x4a, 0x7b,
			       0x9e, 0x11, 0x7e, 0x57, 0xee, 0x00, 0x00, 0x01};

/* Pages 40..47 serve RPCs: 40/41 RPC arguments of clients 1/2, 42 the
 * SHM_ALLOC list, 43 and 45 its (scattered) data pages. */
#define RPC_ARG_PAGE(client) (39u + (client))
#define SHM_LIST_PAGE	     42u
#define SHM_COOKIE	     0x5eed000000000042ull

uint8_t *pg(unsigned i)
{
	return pages[i];
}

uint64_t pa_of(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

struct msg_arg *arg_page(unsigned i)
{
	return (struct msg_arg *)(void *)pages[i];
}

void arg_init(struct msg_arg *a, uint32_t cmd, uint32_t func, uint32_t sess,
	      uint32_t n)
{
	unsigned i;

	a->cmd = cmd;
	a->func = func;
	a->session = sess;
	a->cancel_id = 0;
	a->pad = 0;
	a->ret = 0xdeadbeef;
	a->ret_origin = 0xdeadbeef;
	a->nparams = n;
	for (i = 0; i < 6; i++)
		a->p[i].attr = a->p[i].a = a->p[i].b = a->p[i].c = 0;
}

uint64_t tee_fast(uint16_t client, uint32_t fid, uint64_t a1,
		  struct smc_regs *r)
{
	call_init(r, fid, a1, 0, 0);
	r->x[7] = client;
	smc_call(r);
	return r->x[0];
}

bool tee_kept(const struct smc_regs *r)
{
	unsigned i;

	for (i = 4; i < 7; i++) {
		if (r->x[i] != (0x5500000000000000ull | (uint64_t)i << 40 | i))
			return false;
	}
	return call_preserved(r, 8);
}

uint64_t tee_std_start(uint16_t client, uint64_t pa, struct smc_regs *r)
{
	call_init(r, OPTEE_SMC_CALL_WITH_ARG, pa >> 32, pa & 0xffffffffu, 0);
	r->x[7] = client;
	smc_call(r);
	return r->x[0];
}

static uint64_t u64_of(uint64_t hi, uint64_t lo)
{
	return (hi & 0xffffffffu) << 32 | (lo & 0xffffffffu);
}

/* SHM_ALLOC: two scattered data pages in a one-page list; up to 4 KiB,
 * one plain page. */
static void rpc_shm_alloc(struct msg_arg *ra)
{
	static const unsigned data[2] = {43, 45};
	uint64_t list;

	if (ra->nparams != 1 || ra->p[0].attr != OPTEE_MSG_ATTR_VALUE_INPUT ||
	    ra->p[0].b > 2 * PG) {
		ra->ret = TEE_ERROR_BAD_PARAMETERS;
		return;
	}
	if (ra->p[0].b <= PG) { /* one page: no list, as Linux may answer */
		ra->p[0].attr = OPTEE_MSG_ATTR_TMEM_OUTPUT;
		ra->p[0].a = pa_of(pg(data[0]));
		ra->p[0].c = SHM_COOKIE;
		ra->ret = 0;
		return;
	}
	list = make_list(SHM_LIST_PAGE, data, 2, 0);
	if (rpc_mode == RPC_SHM_BAD_LIST)
		((uint64_t *)(void *)pg(SHM_LIST_PAGE))[1] = 0x0e001000;
	ra->p[0].attr = OPTEE_MSG_ATTR_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	ra->p[0].a = list;
	ra->p[0].c = SHM_COOKIE;
	ra->ret = 0;
}

static void rpc_cmd(uint16_t client, struct smc_regs *r)
{
	struct msg_arg *ra = arg_page(RPC_ARG_PAGE(client));

	rpc_st.cmd++;
	if (u64_of(r->x[1], r->x[2]) != pa_of(ra) + 0xc0c0) {
		rpc_st.other++;
		return;
	}
	switch (ra->cmd) {
	case OPTEE_RPC_CMD_GET_TIME:
		rpc_st.time++;
		ra->p[0].a = 1234;
		ra->p[0].b = 5678;
		ra->ret = 0;
		return;
	case OPTEE_RPC_CMD_SHM_ALLOC:
		rpc_st.shm_alloc++;
		rpc_shm_alloc(ra);
		return;
	case OPTEE_RPC_CMD_SHM_FREE:
		rpc_st.shm_free += ra->p[0].b == SHM_COOKIE;
		ra->ret = 0;
		return;
	default:
		rpc_st.other++;
		ra->ret = TEE_ERROR_NOT_IMPLEMENTED;
		return;
	}
}

/* Answer one RPC in r and resume: RETURN_FROM_RPC with a1-a3 as Linux
 * sets them (ALLOC: page PA in a1:a2, cookie = PA + 0xc0c0 in a4:a5). */
static void rpc_answer(uint16_t client, struct smc_regs *r)
{
	uint64_t pa = pa_of(arg_page(RPC_ARG_PAGE(client)));
	uint32_t code = (uint32_t)r->x[0];
	uint64_t a1 = r->x[1], a2 = r->x[2], a3 = r->x[3], a4 = 0, a5 = 0;

	if (code == OPTEE_SMC_RPC_FOREIGN_INTR) {
		rpc_st.intr++;
	} else if (code == OPTEE_SMC_RPC_ALLOC) {
		rpc_st.alloc++;
		if (rpc_mode == RPC_ALLOC_SECURE)
			pa = 0x0e000000;
		if (rpc_mode == RPC_ALLOC_ZERO)
			pa = 0;
		a1 = pa >> 32;
		a2 = pa & 0xffffffffu;
		a4 = (pa + 0xc0c0) >> 32;
		a5 = (pa + 0xc0c0) & 0xffffffffu;
	} else if (code == OPTEE_SMC_RPC_FREE) {
		rpc_st.free++;
	} else if (code == OPTEE_SMC_RPC_CMD) {
		rpc_cmd(client, r);
	} else {
		rpc_st.other++;
	}
	call_init(r, OPTEE_SMC_RETURN_FROM_RPC, a1, a2, a3);
	r->x[4] = a4;
	r->x[5] = a5;
	r->x[7] = client;
	smc_call(r);
}

uint64_t tee_std_finish(uint16_t client, struct smc_regs *r)
{
	unsigned guard = 0;

	while (OPTEE_SMC_IS_RPC(r->x[0]) && guard++ < 64)
		rpc_answer(client, r);
	return r->x[0];
}

uint64_t tee_std(uint16_t client, uint64_t pa)
{
	struct smc_regs r;

	tee_std_start(client, pa, &r);
	return tee_std_finish(client, &r);
}

static void put_uuid(struct msg_param *p, const uint8_t u[16])
{
	unsigned i;

	p->a = p->b = 0;
	for (i = 0; i < 8; i++) {
		p->a |= (uint64_t)u[i] << (8 * i);
		p->b |= (uint64_t)u[8 + i] << (8 * i);
	}
}

uint32_t tee_open(uint16_t client, struct msg_arg *a, const uint8_t uuid[16],
		  uint32_t *ret)
{
	uint64_t a0;

	arg_init(a, OPTEE_MSG_CMD_OPEN_SESSION, 0, 0, 2);
	a->p[0].attr = a->p[1].attr =
		OPTEE_MSG_ATTR_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	put_uuid(&a->p[0], uuid);
	a->p[1].c = 0x80000000u; /* REE_KERNEL login, as Linux's drivers */
	a0 = tee_std(client, pa_of(a));
	*ret = a0 ? (uint32_t)a0 : a->ret;
	return a0 == 0 && a->ret == 0 ? a->session : 0;
}

uint32_t tee_close(uint16_t client, struct msg_arg *a, uint32_t session)
{
	arg_init(a, OPTEE_MSG_CMD_CLOSE_SESSION, 0, session, 0);
	return tee_std(client, pa_of(a)) ? 0xffffffffu : a->ret;
}

uint64_t make_list(unsigned lp, const unsigned *idx, unsigned n, unsigned offs)
{
	uint64_t *l = (uint64_t *)(void *)pg(lp);
	unsigned i;

	for (i = 0; i < 512; i++)
		l[i] = 0;
	for (i = 0; i < n; i++)
		l[i] = pa_of(pg(idx[i]));
	return pa_of(l) | offs;
}

uint32_t tee_register(uint16_t client, struct msg_arg *a, uint64_t list,
		      uint64_t size, uint64_t cookie)
{
	arg_init(a, OPTEE_MSG_CMD_REGISTER_SHM, 0, 0, 1);
	a->p[0].attr = OPTEE_MSG_ATTR_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	a->p[0].a = list;
	a->p[0].b = size;
	a->p[0].c = cookie;
	return tee_std(client, pa_of(a)) ? 0xffffffffu : a->ret;
}

uint32_t tee_unregister(uint16_t client, struct msg_arg *a, uint64_t cookie)
{
	arg_init(a, OPTEE_MSG_CMD_UNREGISTER_SHM, 0, 0, 1);
	a->p[0].attr = OPTEE_MSG_ATTR_RMEM_INPUT;
	a->p[0].c = cookie;
	return tee_std(client, pa_of(a)) ? 0xffffffffu : a->ret;
}
