// SPDX-License-Identifier: MIT
/*
 * The test TEE's SMC entry: OP-TEE's fast calls (OEN 50 and the OEN 63
 * queries) and its two yielding calls (OEN 50), with NS-virtualization
 * semantics as measured on OP-TEE 4.10 (tee-digest section 9):
 * - a7[15:0] is the client ID, 0 = the hypervisor;
 * - VM_CREATED / VM_DESTROYED only from a7 = 0;
 * - a client ID never announced with VM_CREATED gets ENOTAVAIL for every
 *   call; the hypervisor itself may ask the informational fast calls but
 *   owns no context, so its std and shm-cache calls are ENOTAVAIL too
 *   (real OP-TEE halts there; a test TEE refuses).
 * One lock serializes the whole TEE: no call blocks inside it (a call that
 * waits returns to the normal world with an RPC and holds a thread).
 */
#include "tee.h"

struct tee_client tee_clients[TEE_MAX_CLIENTS];
static struct fw_lock tee_lock;

/* The call log: per client ID (0-15, then "other"): every TEE call, the
 * std calls started, the RPC returns; and the last VM events. */
#define TEE_LOG_IDS    16
#define TEE_LOG_EVENTS 32
static uint64_t tee_log[TEE_LOG_IDS + 1][3];
static int32_t tee_events[TEE_LOG_EVENTS]; /* +id created, -id destroyed */
static unsigned tee_nevents;

static struct tee_client *tee_client_get(uint16_t id)
{
	unsigned i;

	for (i = 0; i < TEE_MAX_CLIENTS; i++) {
		if (tee_clients[i].used && tee_clients[i].id == id)
			return &tee_clients[i];
	}
	return 0;
}

static void tee_event(int32_t ev)
{
	if (tee_nevents < TEE_LOG_EVENTS)
		tee_events[tee_nevents++] = ev;
}

static uint64_t tee_vm_created(uint64_t id)
{
	unsigned i;

	if (id == 0 || id > 0xffff || tee_client_get((uint16_t)id))
		return OPTEE_SMC_RETURN_ENOTAVAIL;
	for (i = 0; i < TEE_MAX_CLIENTS; i++) {
		struct tee_client *cl = &tee_clients[i];

		if (!cl->used) {
			cl->used = true;
			cl->id = (uint16_t)id;
			cl->calls = 0;
			tee_event((int32_t)id);
			return OPTEE_SMC_RETURN_OK;
		}
	}
	return OPTEE_SMC_RETURN_ENOTAVAIL;
}

/* OK even for an unknown ID, as OP-TEE answers. Every session, registered
 * buffer and thread of the client goes (a suspended call is abandoned). */
static uint64_t tee_vm_destroyed(uint64_t id)
{
	struct tee_client *cl;

	if (id == 0 || id > 0xffff)
		return OPTEE_SMC_RETURN_OK;
	cl = tee_client_get((uint16_t)id);
	if (!cl)
		return OPTEE_SMC_RETURN_OK;
	tee_session_drop_client(cl->id);
	tee_shm_drop_client(cl->id);
	cl->used = false;
	tee_event(-(int32_t)id);
	return OPTEE_SMC_RETURN_OK;
}

static void tee_set4(struct fw_call *c, uint64_t a0, uint64_t a1, uint64_t a2,
		     uint64_t a3)
{
	c->out->x[0] = a0;
	c->out->x[1] = a1;
	c->out->x[2] = a2;
	c->out->x[3] = a3;
}

/* Calls that need no client context; false if fid is not one. */
static bool tee_info_call(struct fw_call *c)
{
	switch (c->fid) {
	case OPTEE_SMC_CALLS_COUNT:
		c->out->x[0] = OPTEE_SMC_NUM_CALLS;
		return true;
	case OPTEE_SMC_CALLS_UID:
		tee_set4(c, OPTEE_API_UID_0, OPTEE_API_UID_1, OPTEE_API_UID_2,
			 OPTEE_API_UID_3);
		return true;
	case OPTEE_SMC_CALLS_REVISION:
		c->out->x[0] = OPTEE_API_REV_MAJOR;
		c->out->x[1] = OPTEE_API_REV_MINOR;
		return true;
	case OPTEE_SMC_GET_OS_UUID:
		tee_set4(c, FW_TEE_OS_UUID_0, FW_TEE_OS_UUID_1,
			 FW_TEE_OS_UUID_2, FW_TEE_OS_UUID_3);
		return true;
	case OPTEE_SMC_GET_OS_REVISION:
		tee_set4(c, FW_TEE_OS_REV_MAJOR, FW_TEE_OS_REV_MINOR, 0,
			 c->out->x[3]);
		return true;
	case OPTEE_SMC_GET_SHM_CONFIG: /* no reserved shared memory */
		c->out->x[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
		return true;
	case OPTEE_SMC_GET_THREAD_COUNT:
		c->out->x[0] = OPTEE_SMC_RETURN_OK;
		c->out->x[1] = TEE_NUM_THREADS;
		return true;
	case OPTEE_SMC_EXCHANGE_CAPABILITIES:
		if (fw_arg(c, 1) & ~(uint64_t)OPTEE_NS_CAP_UNIPROCESSOR) {
			c->out->x[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
			return true;
		}
		tee_set4(c, OPTEE_SMC_RETURN_OK,
			 OPTEE_CAP_DYNAMIC_SHM | OPTEE_CAP_VIRTUALIZATION |
				 OPTEE_CAP_MEMREF_NULL,
			 0, 0);
		return true;
	default:
		return false;
	}
}

static void tee_out_apply(struct fw_call *c, const struct tee_out *o)
{
	c->out->x[0] = o->a0;
	if (o->set_a1_a3) {
		c->out->x[1] = o->a1;
		c->out->x[2] = o->a2;
		c->out->x[3] = o->a3;
	}
}

static void tee_resume(struct fw_call *c, struct tee_client *cl)
{
	struct tee_out o = {0, 0, 0, 0, false};
	uint64_t r[6], id = fw_arg(c, 3);
	struct tee_thread *t;
	unsigned i;

	for (i = 0; i < 6; i++)
		r[i] = fw_arg(c, i);
	t = id < TEE_NUM_THREADS ? &tee_threads[id] : 0;
	/* Only a suspended thread of this very client may be resumed. */
	if (!t || t->state != TEE_T_SUSPENDED || t->client != cl->id) {
		c->out->x[0] = OPTEE_SMC_RETURN_ERESUME;
		return;
	}
	tee_std_resume(cl, t, r, &o);
	tee_out_apply(c, &o);
}

static void tee_client_call(struct fw_call *c, struct tee_client *cl)
{
	struct tee_out o = {0, 0, 0, 0, false};
	unsigned b = c->client < TEE_LOG_IDS ? c->client : TEE_LOG_IDS;

	switch (c->fid) {
	case OPTEE_SMC_CALL_WITH_ARG:
		tee_log[b][1]++;
		tee_std_call(cl, fw_arg(c, 1) << 32 | fw_arg(c, 2), &o);
		tee_out_apply(c, &o);
		return;
	case OPTEE_SMC_RETURN_FROM_RPC:
		tee_log[b][2]++;
		tee_resume(c, cl);
		return;
	case OPTEE_SMC_DISABLE_SHM_CACHE: /* the cache is always empty */
		c->out->x[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
		return;
	case OPTEE_SMC_ENABLE_SHM_CACHE:
		c->out->x[0] = OPTEE_SMC_RETURN_OK;
		return;
	default:
		c->out->x[0] = OPTEE_SMC_RETURN_UNKNOWN;
		return;
	}
}

static bool tee_known(uint32_t fid)
{
	switch (fid) {
	case OPTEE_SMC_CALLS_COUNT:
	case OPTEE_SMC_CALLS_UID:
	case OPTEE_SMC_CALLS_REVISION:
	case OPTEE_SMC_GET_OS_UUID:
	case OPTEE_SMC_GET_OS_REVISION:
	case OPTEE_SMC_RETURN_FROM_RPC:
	case OPTEE_SMC_CALL_WITH_ARG:
	case OPTEE_SMC_GET_SHM_CONFIG:
	case OPTEE_SMC_EXCHANGE_CAPABILITIES:
	case OPTEE_SMC_DISABLE_SHM_CACHE:
	case OPTEE_SMC_ENABLE_SHM_CACHE:
	case OPTEE_SMC_VM_CREATED:
	case OPTEE_SMC_VM_DESTROYED:
	case OPTEE_SMC_GET_THREAD_COUNT:
		return true;
	default:
		return false;
	}
}

static void tee_dispatch(struct fw_call *c)
{
	struct tee_client *cl = 0;

	if (c->fid == OPTEE_SMC_VM_CREATED ||
	    c->fid == OPTEE_SMC_VM_DESTROYED) {
		if (c->client != 0)
			c->out->x[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
		else if (c->fid == OPTEE_SMC_VM_CREATED)
			c->out->x[0] = tee_vm_created(fw_arg(c, 1));
		else
			c->out->x[0] = tee_vm_destroyed(fw_arg(c, 1));
		return;
	}
	if (c->client != 0) {
		cl = tee_client_get(c->client);
		if (!cl) {
			c->out->x[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
			return;
		}
	}
	if (tee_info_call(c))
		return;
	if (!cl) {
		c->out->x[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
		return;
	}
	tee_client_call(c, cl);
}

void fw_tee_handle(struct fw_call *c)
{
	unsigned b = c->client < TEE_LOG_IDS ? c->client : TEE_LOG_IDS;

	if (c->is64 || !tee_known(c->fid)) {
		c->out->x[0] = SMCCC_UNKNOWN;
		return;
	}
	fw_lock_acquire(&tee_lock, c->cpu);
	tee_log[b][0]++;
	tee_dispatch(c);
	fw_lock_release(&tee_lock, c->cpu);
}

static void tee_log_events(void)
{
	unsigned i;

	fw_puts("[fw] tee vm events:");
	for (i = 0; i < tee_nevents; i++) {
		fw_puts(tee_events[i] > 0 ? " +" : " -");
		fw_put_dec((uint64_t)(tee_events[i] > 0 ? tee_events[i]
							: -tee_events[i]));
	}
	fw_puts(tee_nevents == TEE_LOG_EVENTS ? " ...\n" : "\n");
}

void fw_tee_log(void)
{
	unsigned b, k;

	fw_puts("[fw] tee calls by client (all/std/rpc):");
	for (b = 0; b <= TEE_LOG_IDS; b++) {
		if (!tee_log[b][0])
			continue;
		fw_puts(" ");
		if (b == TEE_LOG_IDS)
			fw_puts("other");
		else
			fw_put_dec(b);
		for (k = 0; k < 3; k++) {
			fw_puts(k ? "/" : "=");
			fw_put_dec(tee_log[b][k]);
		}
	}
	fw_puts("\n");
	tee_log_events();
}
