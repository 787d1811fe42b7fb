// SPDX-License-Identifier: MIT
/*
 * A fake OP-TEE for host tests of the mediator: the SMC ABI with
 * NS-virtualization semantics and one built-in test TA (any session):
 *   func 0  p0 VALUE_INOUT: a + 1, b + 1
 *   func 1  p0 TMEM (page list) in: sum of its bytes into p1 VALUE_OUTPUT a
 *   func 2  p0 TMEM out: fill with 0xab, size = 42
 *   func 3  RPCs FOREIGN_INTR, ALLOC, CMD GET_TIME, FREE; p0.a = seconds
 *   func 4  p0 RMEM in: sum of its bytes into p1 VALUE_OUTPUT a
 *   func 5  RPCs ALLOC, CMD SHM_ALLOC (8 KiB), CMD SHM_FREE, FREE; p0.a =
 *           the sum of the allocated memory's bytes (~0 when refused)
 * Physical addresses are host pointers (plat_hyp_pa/plat_guest_pa).
 */
#include <stdlib.h>
#include <string.h>

#include "../../core/tee/optee_abi.h"
#include "harness.h"

#define FO (&harness.optee)

void fake_optee_enable(void)
{
	memset(FO, 0, sizeof(*FO));
	FO->enabled = true;
	/* OP-TEE 4.10 with NS-virtualization: 0xfd */
	FO->caps = 0xfd;
	FO->threads = 2;
}

static void *pa_ptr(uint64_t pa)
{
	if (FO->pa_check && !FO->pa_check(pa))
		abort(); /* a fuzzer's invariant: see tests/fuzz/fuzz_tee.c */
	return (void *)(uintptr_t)pa;
}

static int client_index(uint16_t id)
{
	for (unsigned i = 0; i < FO->nclients; i++)
		if (FO->clients[i] == id)
			return (int)i;
	return -1;
}

static void vm_call(struct smccc_regs *r, uint32_t fid)
{
	uint16_t id = (uint16_t)r->x[1];
	int i = client_index(id);
	uint32_t ret = OPTEE_OK;

	if ((uint32_t)r->x[7] != 0) {
		ret = OPTEE_ENOTAVAIL;
	} else if (fid == OPTEE_VM_CREATED) {
		if (FO->refuse_create || id == 0 ||
		    FO->nclients >= FAKE_OPTEE_CLIENTS)
			ret = OPTEE_ENOTAVAIL;
		else
			FO->clients[FO->nclients++] = id;
	} else if (i >= 0) {
		FO->clients[i] = FO->clients[--FO->nclients];
		for (unsigned s = 0; s < FAKE_OPTEE_SHM; s++)
			if (FO->shm[s].client == id)
				FO->shm[s].used = false;
	}
	if (FO->nvm < FAKE_OPTEE_LOG)
		FO->vm_log[FO->nvm++] = (struct fake_optee_vm){
			fid, (uint32_t)r->x[1], (uint32_t)r->x[7], ret};
	r->x[0] = ret;
}

static bool fast_call(struct smccc_regs *r, uint32_t fid)
{
	static const uint32_t uid[4] = {OPTEE_API_UID0, OPTEE_API_UID1,
					OPTEE_API_UID2, OPTEE_API_UID3};
	static const uint32_t os[4] = {0x486178e0, 0xe7f811e3, 0xbc5e0002,
				       0xa5d5c51b};

	switch (fid) {
	case OPTEE_CALLS_UID:
	case OPTEE_GET_OS_UUID:
		for (unsigned i = 0; i < 4; i++)
			r->x[i] = fid == OPTEE_CALLS_UID ? uid[i] : os[i];
		return true;
	case OPTEE_CALLS_REVISION:
		r->x[0] = 2;
		r->x[1] = 0;
		return true;
	case OPTEE_GET_OS_REVISION:
		r->x[0] = 4;
		r->x[1] = 10;
		r->x[2] = 0;
		return true;
	case OPTEE_EXCHANGE_CAPS:
		r->x[0] = OPTEE_OK;
		r->x[1] = FO->caps;
		r->x[2] = 0;
		r->x[3] = 4;
		return true;
	case OPTEE_GET_THREAD_COUNT:
		r->x[0] = OPTEE_OK;
		r->x[1] = FO->threads;
		return true;
	case OPTEE_VM_CREATED:
	case OPTEE_VM_DESTROYED:
		vm_call(r, fid);
		return true;
	default:
		return false;
	}
}

/* Bytes of a page-list memref: walk the list as OP-TEE does. */
static uint64_t list_sum(uint64_t buf_ptr, uint64_t size)
{
	uint64_t off = buf_ptr & 4095, sum = 0, done = 0;
	const uint64_t *list = pa_ptr(buf_ptr - off);
	unsigned e = 0;

	while (done < size) {
		const uint8_t *page;
		uint64_t n = 4096 - off;

		if (e == OPTEE_LIST_ENTRIES) {
			list = pa_ptr(list[OPTEE_LIST_ENTRIES]);
			e = 0;
		}
		page = pa_ptr(list[e++]);
		if (n > size - done)
			n = size - done;
		for (uint64_t i = 0; i < n; i++)
			sum += page[off + i];
		done += n;
		off = 0;
	}
	return sum;
}

static struct fake_optee_shm *shm_find(uint16_t client, uint64_t cookie)
{
	for (unsigned i = 0; i < FAKE_OPTEE_SHM; i++)
		if (FO->shm[i].used && FO->shm[i].client == client &&
		    FO->shm[i].cookie == cookie)
			return &FO->shm[i];
	return NULL;
}

static uint32_t do_register(uint16_t client, struct optee_msg_param *p)
{
	uint64_t off = p->u.tmem.buf_ptr & 4095;
	const uint64_t *list = pa_ptr(p->u.tmem.buf_ptr - off);
	unsigned n = (unsigned)((off + p->u.tmem.size + 4095) / 4096);

	if (!(p->attr & OPTEE_ATTR_NONCONTIG) || n > 64)
		return TEE_ERROR_BAD_PARAMETERS;
	for (unsigned i = 0; i < FAKE_OPTEE_SHM; i++) {
		struct fake_optee_shm *s = &FO->shm[i];

		if (s->used)
			continue;
		*s = (struct fake_optee_shm){
			true, client, p->u.tmem.shm_ref, p->u.tmem.size, off,
			n,    {0}};
		for (unsigned k = 0; k < n; k++) {
			if (k && k % OPTEE_LIST_ENTRIES == 0)
				list = pa_ptr(list[OPTEE_LIST_ENTRIES]);
			s->pages[k] = list[k % OPTEE_LIST_ENTRIES];
		}
		return TEE_SUCCESS;
	}
	return TEE_ERROR_OUT_OF_MEMORY;
}

static uint64_t rmem_sum(uint16_t client, const struct optee_msg_param *p)
{
	const struct fake_optee_shm *s = shm_find(client, p->u.rmem.shm_ref);
	uint64_t sum = 0;

	if (!s)
		return ~0ull;
	for (uint64_t i = 0; i < p->u.rmem.size; i++) {
		uint64_t at = s->offset + p->u.rmem.offs + i;

		sum += ((const uint8_t *)pa_ptr(
			s->pages[at / 4096]))[at % 4096];
	}
	return sum;
}

/* p0's type is one of lo..hi and p1 exists (as a TA checks its
 * parameter types before it touches one). */
static bool p0_is(const struct optee_msg_arg *a, uint64_t lo, uint64_t hi)
{
	uint64_t t = a->params[0].attr & OPTEE_ATTR_TYPE_MASK;

	return a->num_params >= 2 && t >= lo && t <= hi;
}

static void invoke(uint16_t client, struct optee_msg_arg *a)
{
	struct optee_msg_param *p = a->params;

	if ((a->func == 1 || a->func == 2) &&
	    !p0_is(a, OPTEE_ATTR_TMEM_INPUT, OPTEE_ATTR_TMEM_INOUT)) {
		a->ret = TEE_ERROR_BAD_PARAMETERS;
		return;
	}
	if (a->func == 4 &&
	    !p0_is(a, OPTEE_ATTR_RMEM_INPUT, OPTEE_ATTR_RMEM_INOUT)) {
		a->ret = TEE_ERROR_BAD_PARAMETERS;
		return;
	}
	switch (a->func) {
	case 0:
		p[0].u.value.a++;
		p[0].u.value.b++;
		break;
	case 1:
		p[1].u.value.a = p[0].u.tmem.buf_ptr
					 ? list_sum(p[0].u.tmem.buf_ptr,
						    p[0].u.tmem.size)
					 : 0;
		break;
	case 2:
		p[0].u.tmem.size = 42;
		break;
	case 4:
		p[1].u.value.a = rmem_sum(client, &p[0]);
		break;
	default:
		a->ret = 0xffff0009u; /* NOT_IMPLEMENTED */
		return;
	}
	a->ret = TEE_SUCCESS;
}

static void scribble(struct optee_msg_arg *a)
{
	a->cmd = 0x77;
	a->func = 0x77;
	a->cancel_id = 0x77;
	for (uint32_t i = 0; i < a->num_params && i < 8; i++) {
		struct optee_msg_param *p = &a->params[i];
		uint64_t t = p->attr & 0xff;

		if (t == OPTEE_ATTR_VALUE_INPUT)
			p->u.value.a = p->u.value.b = 0x7777;
		if (t >= OPTEE_ATTR_TMEM_INPUT || t >= OPTEE_ATTR_RMEM_INPUT)
			p->u.tmem.buf_ptr = p->u.tmem.shm_ref = 0x7777;
	}
	a->num_params = 0x77;
}

/* Complete the call on `a`; false = the TA wants its RPCs first. */
static bool run_cmd(uint16_t client, struct optee_msg_arg *a)
{
	a->ret_origin = 3;
	switch (a->cmd) {
	case OPTEE_MSG_CMD_OPEN_SESSION:
		a->session = 0x100 + ++FO->sessions;
		a->ret = TEE_SUCCESS;
		break;
	case OPTEE_MSG_CMD_INVOKE_COMMAND:
		if (a->func == 3 || a->func == 5 || a->func == 6)
			return false;
		invoke(client, a);
		break;
	case OPTEE_MSG_CMD_REGISTER_SHM:
		a->ret = do_register(client, &a->params[0]);
		break;
	case OPTEE_MSG_CMD_UNREGISTER_SHM: {
		struct fake_optee_shm *s =
			shm_find(client, a->params[0].u.rmem.shm_ref);

		if (s)
			s->used = false;
		a->ret = s ? TEE_SUCCESS : TEE_ERROR_BAD_PARAMETERS;
		break;
	}
	default:
		a->ret = TEE_SUCCESS;
		break;
	}
	if (FO->scribble && a->cmd != OPTEE_MSG_CMD_REGISTER_SHM)
		scribble(a);
	return true;
}

static void rpc(struct smccc_regs *r, unsigned t, uint32_t a0, uint64_t v)
{
	r->x[0] = a0;
	r->x[1] = v >> 32;
	r->x[2] = v & 0xffffffffu;
	r->x[3] = t;
}

/* Write a one-parameter RPC command into the ALLOC'd argument. */
static void rpc_cmd(struct smccc_regs *r, unsigned t, uint32_t cmd, uint64_t va,
		    uint64_t vb)
{
	struct fake_optee_thread *th = &FO->thr[t];
	struct optee_msg_arg *ra = pa_ptr(th->rpc_pa);

	memset(ra, 0, OPTEE_ARG_SIZE(1));
	ra->cmd = cmd;
	ra->num_params = 1;
	ra->params[0].attr = OPTEE_ATTR_VALUE_INPUT;
	ra->params[0].u.value.a = va;
	ra->params[0].u.value.b = vb;
	rpc(r, t, OPTEE_RPC_CMD, th->cookie);
}

static void take_alloc(struct smccc_regs *r, struct fake_optee_thread *th)
{
	th->rpc_pa = (r->x[1] & 0xffffffffu) << 32 | (r->x[2] & 0xffffffffu);
	th->cookie = (r->x[4] & 0xffffffffu) << 32 | (r->x[5] & 0xffffffffu);
}

/*
 * func 6's supplicant command: an FS request (OPTEE_RPC_CMD_FS = 2) whose
 * TMEM parameter names byte 100 of the SHM_ALLOC'd buffer by its physical
 * address, as OP-TEE names memory in every RPC it hands to tee-supplicant.
 */
static void rpc_cmd_suppl(struct smccc_regs *r, unsigned t, uint64_t list)
{
	struct fake_optee_thread *th = &FO->thr[t];
	struct optee_msg_arg *ra = pa_ptr(th->rpc_pa);
	const uint64_t *l = pa_ptr(list & ~4095ull);

	memset(ra, 0, OPTEE_ARG_SIZE(1));
	ra->cmd = 2;
	ra->num_params = 1;
	ra->params[0].attr = OPTEE_ATTR_TMEM_INOUT;
	ra->params[0].u.tmem.buf_ptr = l[0] + (list & 4095) + 100;
	ra->params[0].u.tmem.size = 64;
	ra->params[0].u.tmem.shm_ref = th->shm_cookie;
	rpc(r, t, OPTEE_RPC_CMD, th->cookie);
}

/* func 5: SHM_ALLOC of 8 KiB (kernel type), read it, SHM_FREE it; func 6
 * also hands the buffer to the normal world in a supplicant command. */
static bool shm_step(struct smccc_regs *r, unsigned t)
{
	struct fake_optee_thread *th = &FO->thr[t];
	struct optee_msg_arg *ra = pa_ptr(th->rpc_pa);
	/* (no RPC argument before ALLOC, nor after a failed one) */
	const struct optee_msg_param *p = ra ? &ra->params[0] : NULL;

	if (th->func == 6 && th->step == 2 && ra && ra->ret == TEE_SUCCESS &&
	    p->attr == (OPTEE_ATTR_TMEM_OUTPUT | OPTEE_ATTR_NONCONTIG)) {
		th->shm_cookie = p->u.tmem.shm_ref;
		th->step = 10;
		rpc_cmd_suppl(r, t, p->u.tmem.buf_ptr);
		return true;
	}
	if (th->step == 10) { /* the supplicant's answer: on to SHM_FREE */
		th->shm_sum = ra->ret;
		th->step = 3;
		rpc_cmd(r, t, OPTEE_RPC_CMD_SHM_FREE, 1, th->shm_cookie);
		return true;
	}
	switch (th->step++) {
	case 0:
		rpc(r, t, OPTEE_RPC_ALLOC, 4096ull << 32);
		return true;
	case 1:
		take_alloc(r, th);
		th->shm_sum = ~0ull;
		if (!th->rpc_pa)
			return false;
		rpc_cmd(r, t, OPTEE_RPC_CMD_SHM_ALLOC, 1, 8192);
		return true;
	case 2:
		/* (as OP-TEE: a buffer smaller than asked for is refused) */
		if (ra->ret == TEE_SUCCESS &&
		    p->attr ==
			    (OPTEE_ATTR_TMEM_OUTPUT | OPTEE_ATTR_NONCONTIG) &&
		    p->u.tmem.size >= 8192)
			th->shm_sum = list_sum(p->u.tmem.buf_ptr, 8192);
		th->shm_cookie = p->u.tmem.shm_ref;
		rpc_cmd(r, t, OPTEE_RPC_CMD_SHM_FREE, 1, th->shm_cookie);
		return true;
	case 3:
		rpc(r, t, OPTEE_RPC_FREE, th->cookie);
		return true;
	default:
		return false;
	}
}

/* Step the RPC sequence of thread t (func 3 or 5). */
static void thread_step(struct smccc_regs *r, unsigned t)
{
	struct fake_optee_thread *th = &FO->thr[t];
	struct optee_msg_arg *ra, *a = pa_ptr(th->arg_pa);

	if (th->func == 5 || th->func == 6) {
		if (shm_step(r, t))
			return;
		a->params[0].u.value.a = th->shm_sum;
		a->ret = TEE_SUCCESS;
		th->busy = false;
		r->x[0] = OPTEE_OK;
		return;
	}
	switch (th->step++) {
	case 0:
		rpc(r, t, OPTEE_RPC_FOREIGN_INTR, 0);
		return;
	case 1:
		rpc(r, t, OPTEE_RPC_ALLOC, 4096ull << 32);
		return;
	case 2: /* the ALLOC reply */
		th->rpc_pa =
			(r->x[1] & 0xffffffffu) << 32 | (r->x[2] & 0xffffffffu);
		th->cookie =
			(r->x[4] & 0xffffffffu) << 32 | (r->x[5] & 0xffffffffu);
		if (!th->rpc_pa)
			break;
		ra = pa_ptr(th->rpc_pa);
		memset(ra, 0, OPTEE_ARG_SIZE(1));
		ra->cmd = OPTEE_RPC_CMD_GET_TIME;
		ra->num_params = 1;
		ra->params[0].attr = OPTEE_ATTR_VALUE_OUTPUT;
		rpc(r, t, OPTEE_RPC_CMD, th->cookie);
		return;
	case 3:
		ra = pa_ptr(th->rpc_pa);
		th->time_s = ra->ret == TEE_SUCCESS ? ra->params[0].u.value.a
						    : ~0ull;
		rpc(r, t, OPTEE_RPC_FREE, th->cookie);
		return;
	default:
		break;
	}
	a->params[0].u.value.a = th->rpc_pa ? th->time_s : ~0ull;
	a->ret = TEE_SUCCESS;
	th->busy = false;
	r->x[0] = OPTEE_OK;
}

static void std_call(struct smccc_regs *r, uint16_t client)
{
	uint64_t pa = (r->x[1] & 0xffffffffu) << 32 | (r->x[2] & 0xffffffffu);
	struct optee_msg_arg *a = pa_ptr(pa);
	unsigned t;

	FO->std_calls++;
	FO->last_arg_pa = pa;
	if (pa == 0 || (pa & 4095) || a->num_params > 127) {
		r->x[0] = OPTEE_EBADADDR;
		return;
	}
	for (t = 0; t < FO->threads && FO->thr[t].busy; t++)
		;
	if (t == FO->threads) {
		r->x[0] = OPTEE_ETHREAD_LIMIT;
		return;
	}
	if (FO->during_call)
		FO->during_call();
	if (run_cmd(client, a)) {
		r->x[0] = OPTEE_OK;
		return;
	}
	FO->thr[t] = (struct fake_optee_thread){
		.busy = true, .client = client, .arg_pa = pa, .func = a->func};
	thread_step(r, t);
}

bool fake_optee_call(struct smccc_regs *r)
{
	uint32_t fid = (uint32_t)r->x[0];
	uint16_t client = (uint16_t)r->x[7];

	if (fast_call(r, fid))
		return true;
	if (fid != OPTEE_CALL_WITH_ARG && fid != OPTEE_RETURN_FROM_RPC)
		return false;
	FO->last_a7 = (uint32_t)r->x[7];
	FO->last_a3 = r->x[3];
	if ((uint32_t)r->x[7] > 0xffff || client_index(client) < 0) {
		FO->bad_a7++;
		r->x[0] = OPTEE_ENOTAVAIL;
		return true;
	}
	if (fid == OPTEE_CALL_WITH_ARG) {
		std_call(r, client);
		return true;
	}
	FO->resumes++;
	if (r->x[3] >= FO->threads || !FO->thr[r->x[3]].busy) {
		r->x[0] = OPTEE_ERESUME;
		return true;
	}
	thread_step(r, (unsigned)r->x[3]);
	return true;
}
