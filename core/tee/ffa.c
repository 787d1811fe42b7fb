// SPDX-License-Identifier: MIT
/*
 * The FF-A mediator: boot probe (the SPMC's version, its calls, the
 * hypervisor's own RX/TX pair, its partitions), the domain lifecycle, and
 * the one dispatch table from which both the dispatch and FFA_FEATURES
 * are answered. Buffers: ffa_rxtx.c; messages: ffa_msg.c; memory:
 * ffa_mem.c. Documented in docs/tee.md.
 */
#include <string.h>

#include "arbiter/arena.h"
#include "arbiter/config.h"
#include "arbiter/fmt.h"
#include "arbiter/route.h"
#include "arbiter/smccc.h"
#include "arbiter/tee.h"
#include "ffa_priv.h"

struct ffa_info ffa_info;

/* The hypervisor's RX/TX pair, mapped with the SPMC at boot (endpoint 0).
 * The EL2 map is an identity map, so these are also where the SPMC looks. */
static uint8_t hyp_tx[FFA_PAGE] __attribute__((aligned(FFA_PAGE)));
static uint8_t hyp_rx[FFA_PAGE] __attribute__((aligned(FFA_PAGE)));
static _Atomic uint32_t hyp_buf_lock;

uint8_t *ffa_hyp_rx(void)
{
	return hyp_rx;
}

uint8_t *ffa_hyp_tx(void)
{
	return hyp_tx;
}

void ffa_hyp_lock(void)
{
	/* Held across one SPMC call, which is never interrupted: bounded. */
	while (atomic_exchange_explicit(&hyp_buf_lock, 1, memory_order_acquire))
		;
}

void ffa_hyp_unlock(void)
{
	atomic_store_explicit(&hyp_buf_lock, 0, memory_order_release);
}

struct ffa_dom *ffa_dom_of(struct domain *d)
{
	return d->tee[TEE_FFA];
}

void ffa_lock(struct ffa_dom *fd)
{
	/* Held for table updates only, never across an SPMC call. */
	while (atomic_exchange_explicit(&fd->lock, 1, memory_order_acquire))
		;
}

void ffa_unlock(struct ffa_dom *fd)
{
	atomic_store_explicit(&fd->lock, 0, memory_order_release);
}

const struct ffa_sp *ffa_sp_find(uint16_t id)
{
	for (uint32_t i = 0; i < ffa_info.nsps; i++)
		if (ffa_info.sps[i].id == id)
			return &ffa_info.sps[i];
	return NULL;
}

static void ffa_regs(struct call_frame *f, uint32_t x0, uint64_t w2,
		     uint64_t w3)
{
	f->x[0] = x0;
	f->x[1] = 0;
	f->x[2] = w2;
	f->x[3] = w3;
	for (unsigned i = 4; i < 8; i++)
		f->x[i] = 0;
}

void ffa_success(struct call_frame *f, uint64_t w2, uint64_t w3)
{
	ffa_regs(f, FFA_SUCCESS, w2, w3);
}

void ffa_error(struct call_frame *f, int32_t code)
{
	ffa_regs(f, FFA_ERROR, (uint32_t)code, 0);
}

enum call_outcome ffa_status(struct call_frame *f, int32_t rc)
{
	if (rc)
		ffa_error(f, rc);
	else
		ffa_success(f, 0, 0);
	return CALL_DONE;
}

void ffa_spmc_call(struct smccc_regs *r, uint32_t fid, uint64_t a1, uint64_t a2,
		   uint64_t a3, uint64_t a4)
{
	memset(r, 0, sizeof(*r));
	r->x[0] = fid;
	r->x[1] = a1;
	r->x[2] = a2;
	r->x[3] = a3;
	r->x[4] = a4;
	plat_firmware_call(r);
}

bool ffa_ipa_ok(const struct domain *d, uint64_t ipa, uint64_t len)
{
	return d->ram_host != NULL && ipa >= d->ram_ipa && len <= d->ram_size &&
	       ipa - d->ram_ipa <= d->ram_size - len;
}

/* --- Calls answered here --------------------------------------------- */

static enum call_outcome ffa_version(struct ffa_dom *fd, struct call_frame *f)
{
	uint32_t v = (uint32_t)call_arg(f, 1);

	if (v & (1u << 31)) {
		f->x[0] = FFA_VERSION_NOT_SUPPORTED;
		return CALL_DONE;
	}
	/* Our answer is 1.1 whatever is asked; the caller judges. A 1.0
	 * caller gets 1.0 layouts. The version is fixed by the first other
	 * call, as Xen does it. */
	if (!fd->version_fixed && FFA_VERSION_MAJOR(v) == 1)
		fd->version = v < FFA_VERSION_1_1 ? v : FFA_VERSION_1_1;
	f->x[0] = FFA_VERSION_1_1;
	return CALL_DONE;
}

static enum call_outcome ffa_features(struct ffa_dom *fd, struct call_frame *f);

static enum call_outcome ffa_id_get(struct ffa_dom *fd, struct call_frame *f)
{
	ffa_success(f, fd->id, 0);
	return CALL_DONE;
}

static enum call_outcome ffa_spm_id_get(struct ffa_dom *fd,
					struct call_frame *f)
{
	(void)fd;
	ffa_success(f, ffa_info.spmc_id, 0);
	return CALL_DONE;
}

typedef enum call_outcome (*ffa_handler)(struct ffa_dom *fd,
					 struct call_frame *f);

/* Everything a guest may call. `spmc` names what the SPMC must offer for
 * the entry to exist (0: answered here); `props` is FFA_FEATURES' w2 (all
 * 0: RX/TX of 4 KiB at least; memory only through the TX buffer). */
struct ffa_fn {
	uint32_t fid;
	uint32_t spmc;
	uint32_t props;
	ffa_handler handler;
};

static const struct ffa_fn ffa_fns[] = {
	{FFA_VERSION, 0, 0, ffa_version},
	{FFA_FEATURES, 0, 0, ffa_features},
	{FFA_ID_GET, 0, 0, ffa_id_get},
	{FFA_SPM_ID_GET, FFA_SPM_ID_GET, 0, ffa_spm_id_get},
	{FFA_RXTX_MAP_32, 0, 0, ffa_rxtx_map},
	{FFA_RXTX_MAP_64, 0, 0, ffa_rxtx_map},
	{FFA_RXTX_UNMAP, 0, 0, ffa_rxtx_unmap},
	{FFA_RX_RELEASE, 0, 0, ffa_rx_release},
	{FFA_PARTITION_INFO_GET, FFA_PARTITION_INFO_GET, 0, ffa_partition_info},
	{FFA_MSG_SEND_DIRECT_REQ_32, FFA_MSG_SEND_DIRECT_REQ_32, 0,
	 ffa_direct_req},
	{FFA_MSG_SEND_DIRECT_REQ_64, FFA_MSG_SEND_DIRECT_REQ_64, 0,
	 ffa_direct_req},
	{FFA_MEM_SHARE_32, FFA_MEM_SHARE_32, 0, ffa_mem_share},
	{FFA_MEM_SHARE_64, FFA_MEM_SHARE_64, 0, ffa_mem_share},
	{FFA_MEM_RECLAIM, FFA_MEM_RECLAIM, 0, ffa_mem_reclaim},
};
#define FFA_NFNS (sizeof(ffa_fns) / sizeof(ffa_fns[0]))
_Static_assert(FFA_NFNS <= 32, "ffa_info.has is one word");

/* The entry for `fid`, if the SPMC backs it. */
static const struct ffa_fn *ffa_fn_find(uint32_t fid)
{
	for (unsigned i = 0; i < FFA_NFNS; i++)
		if (ffa_fns[i].fid == fid)
			return (ffa_info.has & (1u << i)) ? &ffa_fns[i] : NULL;
	return NULL;
}

/* Whether the caller's policy sends `fid`, over this conduit, here. */
static bool ffa_routed_here(const struct call_frame *f, uint32_t fid)
{
	const struct verdict *vd = route_query(f, fid);

	return vd && vd->tee == TEE_FFA &&
	       (vd->action == ACTION_TEE ||
		(vd->action == ACTION_MONITOR && vd->fallback == ACTION_TEE));
}

static enum call_outcome ffa_features(struct ffa_dom *fd, struct call_frame *f)
{
	uint32_t id = (uint32_t)call_arg(f, 1);
	const struct ffa_fn *fn = ffa_fn_find(id);

	(void)fd;
	/* Feature IDs (bit 31 clear: notification and managed-exit
	 * interrupts) are not offered; a function is offered when this
	 * table has it, the SPMC backs it and the caller's policy routes it
	 * here over this conduit. */
	if (!(id & SMCCC_FAST_BIT) || !fn || !ffa_routed_here(f, id)) {
		ffa_error(f, FFA_RET_NOT_SUPPORTED);
		return CALL_DONE;
	}
	ffa_success(f, fn->props, 0);
	return CALL_DONE;
}

static enum call_outcome ffa_call(struct call_frame *f)
{
	struct ffa_dom *fd = ffa_dom_of(f->vcpu->dom);
	const struct ffa_fn *fn = ffa_fn_find(f->fid);

	/* A rule may send other calls here: they are no FF-A at all. */
	if (smccc_oen(f->fid) != OEN_STD || smccc_func(f->fid) < FFA_FN_FIRST ||
	    smccc_func(f->fid) > FFA_FN_LAST || !smccc_is_fast(f->fid)) {
		f->x[0] = SMCCC_UNKNOWN;
		return CALL_DONE;
	}
	if (fd && fd->created && fn && fn->fid == FFA_VERSION)
		return fn->handler(fd, f);
	if (!fd || !fd->created) {
		/* No SPMC, or the SPs refused the domain: no FF-A at all. */
		if (f->fid == FFA_VERSION)
			f->x[0] = FFA_VERSION_NOT_SUPPORTED;
		else
			ffa_error(f, FFA_RET_NOT_SUPPORTED);
		return CALL_DONE;
	}
	if (!fn || !fd->version) {
		/* Unknown, unmediated, or before FFA_VERSION. */
		ffa_error(f, FFA_RET_NOT_SUPPORTED);
		return CALL_DONE;
	}
	if (!fd->version_fixed)
		fd->version_fixed = true;
	return fn->handler(fd, f);
}

/* --- Boot ------------------------------------------------------------ */

static void ffa_probe_features(void)
{
	struct smccc_regs r;

	for (unsigned i = 0; i < FFA_NFNS; i++) {
		if (ffa_fns[i].spmc == 0) {
			ffa_info.has |= 1u << i;
			continue;
		}
		ffa_spmc_call(&r, FFA_FEATURES, ffa_fns[i].spmc, 0, 0, 0);
		if ((uint32_t)r.x[0] == FFA_SUCCESS)
			ffa_info.has |= 1u << i;
	}
}

/* Map our RX/TX pair with the SPMC: one 4 KiB page each. */
static bool ffa_hyp_map(void)
{
	struct smccc_regs r;

	ffa_spmc_call(&r, FFA_FEATURES, FFA_RXTX_MAP_64, 0, 0, 0);
	if ((uint32_t)r.x[0] != FFA_SUCCESS || (r.x[2] & 3u) != 0)
		return false; /* absent, or its minimum is above 4 KiB */
	ffa_spmc_call(&r, FFA_RXTX_MAP_64, plat_hyp_pa(hyp_tx),
		      plat_hyp_pa(hyp_rx), 1, 0);
	return (uint32_t)r.x[0] == FFA_SUCCESS;
}

static void ffa_probe_log(void)
{
	char line[160];
	int n = fmt_snprintf(line, sizeof(line),
			     "ffa: SPMC FF-A %u.%u, id 0x%x, %u partition(s):",
			     FFA_VERSION_MAJOR(ffa_info.version),
			     FFA_VERSION_MINOR(ffa_info.version),
			     ffa_info.spmc_id, ffa_info.nsps);

	for (uint32_t i = 0;
	     i < ffa_info.nsps && n > 0 && (size_t)n < sizeof(line); i++)
		n += fmt_snprintf(line + n, sizeof(line) - (size_t)n, " 0x%x",
				  ffa_info.sps[i].id);
	log_printf("%s", line);
}

static bool ffa_probe(void)
{
	struct smccc_regs r;
	uint32_t v;

	memset(&ffa_info, 0, sizeof(ffa_info));
	ffa_spmc_call(&r, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0);
	v = (uint32_t)r.x[0];
	if ((v & (1u << 31)) || FFA_VERSION_MAJOR(v) != 1 ||
	    FFA_VERSION_MINOR(v) < 1)
		return false;
	ffa_info.version = v;
	/* We are the hypervisor: the SPMC must see us as endpoint 0. */
	ffa_spmc_call(&r, FFA_ID_GET, 0, 0, 0, 0);
	if ((uint32_t)r.x[0] != FFA_SUCCESS || (uint16_t)r.x[2] != FFA_ID_HYP)
		return false;
	ffa_probe_features();
	if (!ffa_hyp_map() || !ffa_sps_probe())
		return false;
	ffa_spmc_call(&r, FFA_SPM_ID_GET, 0, 0, 0, 0);
	if ((uint32_t)r.x[0] == FFA_SUCCESS)
		ffa_info.spmc_id = (uint16_t)r.x[2];
	ffa_info.found = true;
	ffa_probe_log();
	return true;
}

/* --- Domains --------------------------------------------------------- */

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

static bool ffa_domain_init(struct domain *d, const struct config *cfg,
			    struct arena *a)
{
	struct ffa_dom *fd = arena_alloc(a, sizeof(*fd), 64);
	const struct tee_limits_config *tl = &d->cfg->tee_limits;

	(void)cfg;
	/* The configuration check keeps FF-A domains' IDs below 0x8000. */
	if (!fd || d->client_id == FFA_ID_HYP ||
	    (d->client_id & FFA_ID_SECURE_BIT))
		return false;
	fd->desc = arena_alloc(a, FFA_DESC_MAX, 64);
	if (!fd->desc)
		return false;
	fd->d = d;
	fd->id = d->client_id;
	fd->lim.shares =
		tl->shm_buffers ? min_u32(tl->shm_buffers, FFA_MAX_SHARES) : 16;
	fd->lim.pages = tl->shm_pages ? tl->shm_pages : 4096;
	fd->lim.share_pages = tl->buffer_pages ? tl->buffer_pages : 256;
	d->tee[TEE_FFA] = fd;
	return true;
}

/* A new life: nothing negotiated, nothing mapped. Shares stay: they are
 * reclaimed (or still orphaned) by ffa_mem_reclaim_all(). */
static void ffa_forget(struct ffa_dom *fd)
{
	ffa_lock(fd);
	fd->version = 0;
	fd->version_fixed = false;
	fd->rxtx_pages = 0;
	fd->tx_ipa = 0;
	fd->rx_ipa = 0;
	fd->rx_full = false;
	fd->desc_busy = false;
	ffa_unlock(fd);
}

static void ffa_domain_created(struct domain *d)
{
	struct ffa_dom *fd = ffa_dom_of(d);
	uint32_t left;

	if (!fd)
		return;
	ffa_forget(fd);
	fd->created = false;
	if (!ffa_info.found) {
		log_printf("ffa: domain %s: no SPMC, FF-A calls fail", d->name);
		return;
	}
	left = ffa_mem_reclaim_all(fd); /* orphans of its last life */
	if (left)
		log_printf("ffa: domain %s: %u share(s) of its last run still "
			   "held by a secure partition",
			   d->name, left);
	fd->created = ffa_vm_msgs(fd, true);
	if (!fd->created)
		log_printf("ffa: domain %s (endpoint 0x%x) refused by a secure "
			   "partition: its FF-A calls fail",
			   d->name, fd->id);
}

static void ffa_domain_destroyed(struct domain *d)
{
	struct ffa_dom *fd = ffa_dom_of(d);
	uint32_t left;

	if (!fd || !ffa_info.found)
		return;
	/* First the SPs that asked to know (they drop what they hold of
	 * it), then every share it left is reclaimed. */
	if (fd->created)
		ffa_vm_msgs(fd, false);
	left = ffa_mem_reclaim_all(fd);
	if (left)
		log_printf("ffa: domain %s: %u share(s) still held by a secure "
			   "partition, retried at its next start and stop",
			   d->name, left);
	ffa_forget(fd);
	fd->created = false;
}

TEE_MEDIATOR(ffa_mediator) = {
	.kind = TEE_FFA,
	.name = "ffa",
	.probe = ffa_probe,
	.domain_init = ffa_domain_init,
	.domain_created = ffa_domain_created,
	.domain_destroyed = ffa_domain_destroyed,
	.call = ffa_call,
};
