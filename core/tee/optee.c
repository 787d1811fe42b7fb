// SPDX-License-Identifier: MIT
/*
 * The OP-TEE mediator: boot probe, domain lifecycle (VM_CREATED and
 * VM_DESTROYED under a7 = 0), the fast calls a guest may make, and the
 * dispatch of the yielding ones (optee_call.c, optee_rpc.c).
 */
#include <string.h>

#include "arbiter/arena.h"
#include "arbiter/config.h"
#include "arbiter/fmt.h"
#include "arbiter/smccc.h"
#include "arbiter/tee.h"
#include "optee_priv.h"

struct optee_info optee_info;

/* Domains of the configuration with an OP-TEE rule: the default
 * per-domain call limit shares the secure threads among them. */
static uint32_t optee_ndomains(const struct config *cfg)
{
	uint32_t n = 0;

	for (uint32_t i = 0; cfg && i < cfg->ndomains; i++) {
		const struct domain_config *dc = &cfg->domains[i];
		bool uses = false;

		for (uint32_t r = 0; r < dc->nrules; r++)
			uses |= dc->rules[r].action == ACTION_TEE &&
				dc->rules[r].tee == TEE_OPTEE;
		n += uses;
	}
	return n ? n : 1;
}

static void fw_call(struct smccc_regs *r, uint32_t fid, uint64_t a1)
{
	memset(r, 0, sizeof(*r));
	r->x[0] = fid;
	r->x[1] = a1;
	plat_firmware_call(r);
}

static bool optee_probe(void)
{
	struct smccc_regs r;

	memset(&optee_info, 0, sizeof(optee_info));
	fw_call(&r, OPTEE_CALLS_UID, 0);
	if ((uint32_t)r.x[0] != OPTEE_API_UID0 ||
	    (uint32_t)r.x[1] != OPTEE_API_UID1 ||
	    (uint32_t)r.x[2] != OPTEE_API_UID2 ||
	    (uint32_t)r.x[3] != OPTEE_API_UID3)
		return false;
	fw_call(&r, OPTEE_CALLS_REVISION, 0);
	if ((uint32_t)r.x[0] != OPTEE_API_MAJOR)
		return false;
	fw_call(&r, OPTEE_GET_OS_UUID, 0);
	for (unsigned i = 0; i < 4; i++)
		optee_info.os_uuid[i] = (uint32_t)r.x[i];
	fw_call(&r, OPTEE_GET_OS_REVISION, 0);
	for (unsigned i = 0; i < 3; i++)
		optee_info.os_rev[i] = (uint32_t)r.x[i];
	fw_call(&r, OPTEE_EXCHANGE_CAPS, 0);
	if ((uint32_t)r.x[0] != OPTEE_OK)
		return false;
	optee_info.caps = (uint32_t)r.x[1];
	fw_call(&r, OPTEE_GET_THREAD_COUNT, 0);
	optee_info.threads =
		(uint32_t)r.x[0] == OPTEE_OK ? (uint32_t)r.x[1] : 0;
	optee_info.found = true;
	log_printf("optee: OS %u.%u, capabilities 0x%x, %u threads",
		   optee_info.os_rev[0], optee_info.os_rev[1], optee_info.caps,
		   optee_info.threads);
	return true;
}

struct optee_dom *optee_dom_of(struct domain *d)
{
	return d->tee[TEE_OPTEE];
}

void optee_lock(struct optee_dom *od)
{
	/* Held for table updates only, never across a firmware call: a
	 * bounded wait. */
	while (atomic_exchange_explicit(&od->lock, 1, memory_order_acquire))
		;
}

void optee_unlock(struct optee_dom *od)
{
	atomic_store_explicit(&od->lock, 0, memory_order_release);
}

void *optee_page_get(struct optee_dom *od, uint64_t *mask)
{
	uint8_t *p;

	optee_lock(od);
	if (od->pool_free == 0) {
		optee_unlock(od);
		return NULL;
	}
	unsigned i = (unsigned)__builtin_ctzll(od->pool_free);

	od->pool_free &= ~(1ull << i);
	optee_unlock(od);
	*mask |= 1ull << i;
	p = od->pool + (size_t)i * OPTEE_PAGE;
	return p;
}

void *optee_page_get_zeroed(struct optee_dom *od, uint64_t *mask)
{
	void *p = optee_page_get(od, mask);

	if (p)
		memset(p, 0, OPTEE_PAGE);
	return p;
}

void optee_pages_put(struct optee_dom *od, uint64_t mask)
{
	optee_lock(od);
	od->pool_free |= mask;
	optee_unlock(od);
}

void optee_smc(struct optee_dom *od, struct smccc_regs *r)
{
	for (unsigned i = 8; i < CALL_NREGS; i++)
		r->x[i] = 0;
	r->x[7] = od->d->client_id;
	plat_firmware_call(r);
}

bool optee_ipa_ok(const struct domain *d, uint64_t ipa, uint64_t len)
{
	return d->ram_host != NULL && ipa >= d->ram_ipa && len <= d->ram_size &&
	       ipa - d->ram_ipa <= d->ram_size - len;
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* The configuration's limits, where given, within our table sizes. */
static void optee_limits_from(struct optee_limits *l,
			      const struct tee_limits_config *tl)
{
	if (tl->calls)
		l->calls = min_u32(tl->calls, OPTEE_MAX_CALLS);
	if (tl->shm_buffers)
		l->shm_bufs = min_u32(tl->shm_buffers, OPTEE_MAX_SHM);
	if (tl->shm_pages)
		l->shm_pages = tl->shm_pages;
	if (tl->buffer_pages)
		l->buf_pages =
			min_u32(tl->buffer_pages, 8 * OPTEE_LIST_ENTRIES);
	if (tl->restarts_given)
		l->restarts = tl->restarts;
	if (tl->sessions)
		l->sessions = tl->sessions;
}

static bool optee_domain_init(struct domain *d, const struct config *cfg,
			      struct arena *a)
{
	struct optee_dom *od = arena_alloc(a, sizeof(*od), 64);
	uint32_t threads = optee_info.threads ? optee_info.threads : 1;
	uint32_t share = threads / optee_ndomains(cfg);

	if (!od)
		return false;
	od->pool = arena_alloc(a, (size_t)OPTEE_POOL_PAGES * OPTEE_PAGE,
			       OPTEE_PAGE);
	if (!od->pool)
		return false;
	od->d = d;
	od->pool_free = (OPTEE_POOL_PAGES >= 64)
				? ~0ull
				: (1ull << OPTEE_POOL_PAGES) - 1;
	/* The secure threads are one pool for all domains: a domain's
	 * share, at least one, so none can starve another. */
	od->lim.calls = min_u32(OPTEE_MAX_CALLS, share ? share : 1);
	od->lim.shm_bufs = 16;
	od->lim.shm_pages = 4096;
	od->lim.buf_pages = 512;
	od->lim.restarts = OPTEE_VM_CYCLES / optee_ndomains(cfg) - 1;
	od->lim.sessions = OPTEE_DEFAULT_SESSIONS;
	optee_limits_from(&od->lim, &d->cfg->tee_limits);
	d->tee[TEE_OPTEE] = od;
	return true;
}

/* Forget everything the domain held (its calls were drained). */
static void optee_forget(struct optee_dom *od)
{
	optee_lock(od);
	memset(od->calls, 0, sizeof(od->calls));
	memset(od->shm, 0, sizeof(od->shm));
	memset(od->rpcbuf, 0, sizeof(od->rpcbuf));
	memset(od->rpcshm, 0, sizeof(od->rpcshm));
	od->nshm = 0;
	od->shm_pages = 0;
	od->nsessions = 0;
	od->pool_free = (OPTEE_POOL_PAGES >= 64)
				? ~0ull
				: (1ull << OPTEE_POOL_PAGES) - 1;
	optee_unlock(od);
}

static void optee_domain_created(struct domain *d)
{
	struct optee_dom *od = optee_dom_of(d);
	struct smccc_regs r;

	if (!od)
		return;
	optee_forget(od);
	od->created = false;
	if (!optee_info.found) {
		log_printf("optee: domain %s: no secure side, TEE calls fail",
			   d->name);
		return;
	}
	if (od->creations > od->lim.restarts) {
		/* once: the domain keeps running, its TEE calls fail */
		if (od->creations++ == od->lim.restarts + 1)
			log_printf("optee: domain %s: %u restarts spent, not "
				   "created again: its TEE calls fail",
				   d->name, od->lim.restarts);
		return;
	}
	od->creations++;
	fw_call(&r, OPTEE_VM_CREATED, d->client_id); /* a7 = 0: ours */
	od->created = (uint32_t)r.x[0] == OPTEE_OK;
	if (!od->created)
		log_printf("optee: domain %s (client %u) refused (%u): its "
			   "TEE calls fail",
			   d->name, d->client_id, (uint32_t)r.x[0]);
}

static void optee_domain_destroyed(struct domain *d)
{
	struct optee_dom *od = optee_dom_of(d);
	struct smccc_regs r;

	if (!od || !od->created)
		return;
	optee_rpc_drain(od);
	optee_forget(od);
	fw_call(&r, OPTEE_VM_DESTROYED, d->client_id); /* a7 = 0 */
	od->created = false;
}

/* EXCHANGE_CAPABILITIES: only what is mediated. */
static void exchange_caps(struct call_frame *f)
{
	uint32_t ns = (uint32_t)call_arg(f, 1);

	if ((ns & ~OPTEE_NS_CAP_UNIPROCESSOR) ||
	    !(optee_info.caps & OPTEE_CAP_DYNAMIC_SHM)) {
		f->x[0] = OPTEE_ENOTAVAIL;
		return;
	}
	f->x[0] = OPTEE_OK;
	f->x[1] = optee_info.caps &
		  (OPTEE_CAP_DYNAMIC_SHM | OPTEE_CAP_MEMREF_NULL);
	f->x[2] = 0; /* no asynchronous notifications */
	f->x[3] = 0; /* no RPC_ARG: one argument page per call */
}

static void set_regs(struct call_frame *f, const uint32_t *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		f->x[i] = v[i];
}

/* Fast calls: answered from what the secure side said at boot, or here. */
static bool fast_call(struct optee_dom *od, struct call_frame *f)
{
	static const uint32_t api_uid[4] = {OPTEE_API_UID0, OPTEE_API_UID1,
					    OPTEE_API_UID2, OPTEE_API_UID3};
	static const uint32_t api_rev[2] = {OPTEE_API_MAJOR, 0};

	switch (f->fid) {
	case OPTEE_CALLS_UID:
		set_regs(f, api_uid, 4);
		return true;
	case OPTEE_CALLS_REVISION:
		set_regs(f, api_rev, 2);
		return true;
	case OPTEE_GET_OS_UUID:
		set_regs(f, optee_info.os_uuid, 4);
		return true;
	case OPTEE_GET_OS_REVISION:
		set_regs(f, optee_info.os_rev, 3);
		return true;
	case OPTEE_EXCHANGE_CAPS:
		exchange_caps(f);
		return true;
	case OPTEE_GET_SHM_CONFIG:
		f->x[0] = OPTEE_ENOTAVAIL;
		return true;
	case OPTEE_DISABLE_SHM_CACHE: /* never enabled in the secure side */
		f->x[0] = OPTEE_ENOTAVAIL;
		return true;
	case OPTEE_ENABLE_SHM_CACHE:
		f->x[0] = OPTEE_OK;
		return true;
	case OPTEE_GET_THREAD_COUNT:
		f->x[0] = OPTEE_OK;
		f->x[1] = od->lim.calls;
		return true;
	default:
		return false;
	}
}

static enum call_outcome optee_call(struct call_frame *f)
{
	struct optee_dom *od = optee_dom_of(f->vcpu->dom);

	/* A domain the secure side refused, or no secure side: every call
	 * is unknown, so a driver's probe stops at the UID. */
	if (!od || !od->created) {
		f->x[0] = SMCCC_UNKNOWN;
		return CALL_DONE;
	}
	if (fast_call(od, f))
		return CALL_DONE;
	switch (f->fid) {
	case OPTEE_CALL_WITH_ARG:
		return optee_std_call(od, f);
	case OPTEE_RETURN_FROM_RPC:
		return optee_rpc_resume(od, f);
	default:
		/* VM_*, BOOT_SECONDARY, L2CC_MUTEX, LOAD_IMAGE, what we do
		 * not advertise (RPC_ARG, REGD_ARG, async notifications)
		 * and anything unknown: never forwarded. */
		f->x[0] = SMCCC_UNKNOWN;
		return CALL_DONE;
	}
}

TEE_MEDIATOR(optee_mediator) = {
	.kind = TEE_OPTEE,
	.name = "optee",
	.probe = optee_probe,
	.domain_init = optee_domain_init,
	.domain_created = optee_domain_created,
	.domain_destroyed = optee_domain_destroyed,
	.call = optee_call,
	.std_fid = OPTEE_CALL_WITH_ARG,
};
