// SPDX-License-Identifier: MIT
/*
 * MEM_SHARE and MEM_RECLAIM. The guest's descriptor is copied out of its
 * TX buffer into the domain's own page before a single field is looked at
 * (another vCPU may rewrite the TX buffer meanwhile; it changes nothing),
 * checked there, and rebuilt in the hypervisor's TX buffer with the
 * caller's physical pages: the SPMC never sees an IPA, a range the guest
 * does not own, or a sender other than the caller. Handles the SPMC gives
 * back are recorded per domain; only the domain that made a share may
 * reclaim it, and every share a domain leaves is reclaimed when it stops.
 */
#include <string.h>

#include "ffa_priv.h"

/* A transaction as read from the guest's copy. */
struct ffa_txn {
	uint16_t sender;
	uint16_t attributes;
	uint32_t flags;
	uint64_t tag;
	uint32_t nrecv;
	uint16_t recv[FFA_MAX_RECEIVERS];
	uint8_t perms[FFA_MAX_RECEIVERS];
	uint32_t emads;	  /* offset of the first EMAD in the copy */
	uint32_t comp;	  /* offset of the composite in the copy */
	uint32_t nranges; /* constituents, each checked */
	uint32_t pages;	  /* their pages, in total */
};

static uint16_t get16(const uint8_t *p, uint64_t off)
{
	uint16_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

static uint32_t get32(const uint8_t *p, uint64_t off)
{
	uint32_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

static uint64_t get64(const uint8_t *p, uint64_t off)
{
	uint64_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

static void put16(uint8_t *p, uint64_t off, uint16_t v)
{
	memcpy(p + off, &v, sizeof(v));
}

static void put32(uint8_t *p, uint64_t off, uint32_t v)
{
	memcpy(p + off, &v, sizeof(v));
}

static void put64(uint8_t *p, uint64_t off, uint64_t v)
{
	memcpy(p + off, &v, sizeof(v));
}

static bool ffa_zero(const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* The header, in the layout of the caller's version. */
static int32_t ffa_txn_header(const struct ffa_dom *fd, const uint8_t *p,
			      uint32_t len, struct ffa_txn *t)
{
	bool v10 = fd->version < FFA_VERSION_1_1;
	uint32_t hdr = v10 ? FFA_MTD_SIZE_1_0 : FFA_MTD_SIZE;
	uint32_t esize, kind;

	if (len < hdr)
		return FFA_RET_INVALID_PARAMETERS;
	t->sender = get16(p, FFA_MTD_OFF_SENDER);
	t->attributes = v10 ? p[FFA_MTD_OFF_ATTRIBUTES]
			    : get16(p, FFA_MTD_OFF_ATTRIBUTES);
	t->flags = get32(p, FFA_MTD_OFF_FLAGS);
	t->tag = get64(p, FFA_MTD_OFF_TAG);
	t->nrecv = get32(p, FFA_MTD_OFF_EMAD_COUNT);
	t->emads = v10 ? FFA_MTD_SIZE_1_0 : get32(p, FFA_MTD_OFF_EMAD_OFFSET);
	esize = v10 ? FFA_EMAD_SIZE : get32(p, FFA_MTD_OFF_EMAD_SIZE);
	kind = t->flags & FFA_MTD_FLAG_TYPE_MASK;
	/* Sender: the caller. Memory: normal, write-back, inner shareable,
	 * NS clear. Flags: time slicing and the share type only. The
	 * handle is the SPMC's to give; reserved fields are zero. */
	if (t->sender != fd->id || t->attributes != FFA_MEM_ATTR_NORMAL_WB_IS ||
	    (t->flags & ~(FFA_MTD_FLAG_TIME_SLICE | FFA_MTD_FLAG_TYPE_MASK)) ||
	    (kind != 0 && kind != FFA_MTD_FLAG_TYPE_SHARE) ||
	    get64(p, FFA_MTD_OFF_HANDLE) != 0 || esize != FFA_EMAD_SIZE ||
	    (v10 ? (p[3] != 0 || get32(p, FFA_MTD_OFF_EMAD_SIZE) != 0)
		 : !ffa_zero(p + 36, 12)))
		return FFA_RET_INVALID_PARAMETERS;
	if (t->nrecv == 0 || t->emads < hdr || (t->emads & 7u) ||
	    t->emads > len || t->nrecv > (len - t->emads) / FFA_EMAD_SIZE)
		return FFA_RET_INVALID_PARAMETERS;
	return t->nrecv > FFA_MAX_RECEIVERS ? FFA_RET_NO_MEMORY : 0;
}

/* One EMAD: a secure partition named once, RO or RW, never executable. */
static int32_t ffa_txn_emad(const uint8_t *e, struct ffa_txn *t, uint32_t i)
{
	uint16_t id = get16(e, FFA_EMAD_OFF_RECEIVER);
	uint8_t perms = e[FFA_EMAD_OFF_PERMS];
	uint8_t data = perms & FFA_PERM_DATA_MASK;
	uint8_t inst = perms & FFA_PERM_INST_MASK;
	uint32_t comp = get32(e, FFA_EMAD_OFF_COMPOSITE);

	if (!ffa_sp_find(id) || (data != FFA_PERM_RO && data != FFA_PERM_RW) ||
	    (inst != 0 && inst != FFA_PERM_NX) ||
	    (perms & ~(FFA_PERM_DATA_MASK | FFA_PERM_INST_MASK)) ||
	    e[FFA_EMAD_OFF_FLAGS] != 0 || get64(e, 8) != 0 ||
	    (i > 0 && comp != t->comp))
		return FFA_RET_INVALID_PARAMETERS;
	for (uint32_t k = 0; k < i; k++)
		if (t->recv[k] == id)
			return FFA_RET_INVALID_PARAMETERS;
	t->recv[i] = id;
	t->perms[i] = perms;
	t->comp = comp;
	return 0;
}

/* Constituent i: page-aligned, not empty, the caller's own RAM, and apart
 * from every constituent before it. */
static int32_t ffa_txn_range(const struct ffa_dom *fd, const uint8_t *r0,
			     uint32_t i, uint64_t *sum)
{
	const uint8_t *r = r0 + (size_t)i * FFA_RANGE_SIZE;
	uint64_t addr = get64(r, FFA_RANGE_OFF_ADDR);
	uint64_t len = (uint64_t)get32(r, FFA_RANGE_OFF_PAGES) * FFA_PAGE;

	if (len == 0 || (addr & (FFA_PAGE - 1)) || get32(r, 12) != 0 ||
	    !ffa_ipa_ok(fd->d, addr, len))
		return FFA_RET_INVALID_PARAMETERS;
	for (uint32_t k = 0; k < i; k++) {
		const uint8_t *o = r0 + (size_t)k * FFA_RANGE_SIZE;
		uint64_t oa = get64(o, FFA_RANGE_OFF_ADDR);
		uint64_t ol =
			(uint64_t)get32(o, FFA_RANGE_OFF_PAGES) * FFA_PAGE;

		if (addr < oa + ol && oa < addr + len)
			return FFA_RET_INVALID_PARAMETERS;
	}
	*sum += len / FFA_PAGE;
	return 0;
}

static int32_t ffa_txn_composite(const struct ffa_dom *fd, const uint8_t *p,
				 uint32_t len, struct ffa_txn *t)
{
	uint64_t end = (uint64_t)t->emads + (uint64_t)t->nrecv * FFA_EMAD_SIZE;
	uint64_t sum = 0;
	int32_t rc = 0;

	/* After the EMADs, aligned, its header inside the copy. */
	if (t->comp < end || (t->comp & 7u) ||
	    (uint64_t)t->comp + FFA_COMP_SIZE > len)
		return FFA_RET_INVALID_PARAMETERS;
	t->pages = get32(p + t->comp, FFA_COMP_OFF_PAGES);
	t->nranges = get32(p + t->comp, FFA_COMP_OFF_NRANGES);
	if (t->nranges == 0 || get64(p + t->comp, 8) != 0 ||
	    t->nranges > (len - t->comp - FFA_COMP_SIZE) / FFA_RANGE_SIZE)
		return FFA_RET_INVALID_PARAMETERS;
	if (t->nranges > FFA_MAX_RANGES)
		return FFA_RET_NO_MEMORY;
	for (uint32_t i = 0; i < t->nranges && rc == 0; i++)
		rc = ffa_txn_range(fd, p + t->comp + FFA_COMP_SIZE, i, &sum);
	if (rc == 0 && sum != t->pages)
		rc = FFA_RET_INVALID_PARAMETERS;
	if (rc == 0 && sum > fd->lim.share_pages)
		rc = FFA_RET_NO_MEMORY;
	return rc;
}

static int32_t ffa_txn_parse(const struct ffa_dom *fd, const uint8_t *p,
			     uint32_t len, struct ffa_txn *t)
{
	int32_t rc;

	memset(t, 0, sizeof(*t));
	rc = ffa_txn_header(fd, p, len, t);
	for (uint32_t i = 0; rc == 0 && i < t->nrecv; i++)
		rc = ffa_txn_emad(p + t->emads + (size_t)i * FFA_EMAD_SIZE, t,
				  i);
	return rc ? rc : ffa_txn_composite(fd, p, len, t);
}

/* Our constituents: each guest range page by page, IPA to PA, merged where
 * the physical pages follow each other. */
static int32_t ffa_txn_translate(const struct ffa_dom *fd, const uint8_t *r0,
				 uint32_t nranges, uint8_t *out, uint32_t max,
				 uint32_t *nout)
{
	uint64_t last = 0, n = 0;

	for (uint32_t i = 0; i < nranges; i++) {
		const uint8_t *r = r0 + (size_t)i * FFA_RANGE_SIZE;
		uint64_t ipa = get64(r, FFA_RANGE_OFF_ADDR);
		uint32_t pages = get32(r, FFA_RANGE_OFF_PAGES);

		for (uint32_t k = 0; k < pages; k++) {
			uint64_t pa = plat_guest_pa(fd->d, ipa + k * FFA_PAGE);
			uint8_t *o;

			if (pa == 0)
				return FFA_RET_INVALID_PARAMETERS;
			if (n > 0 && pa == last + FFA_PAGE) {
				o = out + (n - 1) * FFA_RANGE_SIZE;
				put32(o, FFA_RANGE_OFF_PAGES,
				      get32(o, FFA_RANGE_OFF_PAGES) + 1);
			} else if (n == max) {
				return FFA_RET_NO_MEMORY;
			} else {
				o = out + n++ * FFA_RANGE_SIZE;
				put64(o, FFA_RANGE_OFF_ADDR, pa);
				put32(o, FFA_RANGE_OFF_PAGES, 1);
				put32(o, 12, 0);
			}
			last = pa;
		}
	}
	*nout = (uint32_t)n;
	return 0;
}

/* The SPMC's descriptor, v1.1, in our TX buffer (buffer lock held). */
static int32_t ffa_txn_build(const struct ffa_dom *fd, const struct ffa_txn *t,
			     uint32_t *out_len)
{
	uint8_t *o = ffa_hyp_tx();
	uint32_t comp = FFA_MTD_SIZE + t->nrecv * FFA_EMAD_SIZE, n = 0;
	uint32_t room = (FFA_PAGE - comp - FFA_COMP_SIZE) / FFA_RANGE_SIZE;
	int32_t rc;

	memset(o, 0, comp + FFA_COMP_SIZE);
	put16(o, FFA_MTD_OFF_SENDER, fd->id);
	put16(o, FFA_MTD_OFF_ATTRIBUTES, t->attributes);
	put32(o, FFA_MTD_OFF_FLAGS, t->flags);
	put64(o, FFA_MTD_OFF_TAG, t->tag);
	put32(o, FFA_MTD_OFF_EMAD_SIZE, FFA_EMAD_SIZE);
	put32(o, FFA_MTD_OFF_EMAD_COUNT, t->nrecv);
	put32(o, FFA_MTD_OFF_EMAD_OFFSET, FFA_MTD_SIZE);
	for (uint32_t i = 0; i < t->nrecv; i++) {
		uint8_t *e = o + FFA_MTD_SIZE + i * FFA_EMAD_SIZE;

		put16(e, FFA_EMAD_OFF_RECEIVER, t->recv[i]);
		e[FFA_EMAD_OFF_PERMS] = t->perms[i];
		put32(e, FFA_EMAD_OFF_COMPOSITE, comp);
	}
	rc = ffa_txn_translate(
		fd, fd->desc + t->comp + FFA_COMP_SIZE, t->nranges,
		o + comp + FFA_COMP_SIZE,
		room < FFA_MAX_OUT_RANGES ? room : FFA_MAX_OUT_RANGES, &n);
	put32(o + comp, FFA_COMP_OFF_PAGES, t->pages);
	put32(o + comp, FFA_COMP_OFF_NRANGES, n);
	*out_len = comp + FFA_COMP_SIZE + n * FFA_RANGE_SIZE;
	return rc;
}

/* A table entry and the pages, taken before the SPMC hears of it, so two
 * vCPUs cannot pass one limit twice. */
static struct ffa_share *ffa_share_reserve(struct ffa_dom *fd, uint32_t pages)
{
	struct ffa_share *s = NULL;
	uint32_t used = 0;

	ffa_lock(fd);
	for (uint32_t i = 0; i < FFA_MAX_SHARES; i++) {
		if (fd->shares[i].state != FSH_FREE)
			used++;
		else if (!s)
			s = &fd->shares[i];
	}
	if (used >= fd->lim.shares || pages > fd->lim.pages - fd->pages)
		s = NULL;
	if (s) {
		s->state = FSH_PENDING;
		s->pages = pages;
		s->handle = FFA_HANDLE_INVALID;
		fd->pages += pages;
	}
	ffa_unlock(fd);
	return s;
}

static void ffa_share_drop(struct ffa_dom *fd, struct ffa_share *s)
{
	fd->pages -= s->pages;
	memset(s, 0, sizeof(*s));
}

static int32_t ffa_share_send(struct ffa_dom *fd, const struct ffa_txn *t,
			      uint32_t fid, uint64_t *handle)
{
	struct ffa_share *s = ffa_share_reserve(fd, t->pages);
	struct smccc_regs r;
	uint32_t len = 0;
	int32_t rc;

	if (!s)
		return FFA_RET_NO_MEMORY;
	ffa_hyp_lock();
	rc = ffa_txn_build(fd, t, &len);
	if (rc == 0) {
		ffa_spmc_call(&r, fid, len, len, 0, 0);
		if ((uint32_t)r.x[0] == FFA_SUCCESS)
			*handle = (uint32_t)r.x[2] | r.x[3] << 32;
		else if ((uint32_t)r.x[0] == FFA_ERROR)
			rc = (int32_t)(uint32_t)r.x[2];
		else
			rc = FFA_RET_ABORTED; /* FRAG_RX: we sent it whole */
	}
	ffa_hyp_unlock();
	ffa_lock(fd);
	if (rc == 0) {
		s->handle = *handle;
		s->state = FSH_SHARED;
	} else {
		ffa_share_drop(fd, s);
	}
	ffa_unlock(fd);
	return rc;
}

/* The TX buffer's descriptor of `len` bytes, into the domain's page. */
static int32_t ffa_desc_take(struct ffa_dom *fd, uint32_t len)
{
	uint64_t tx = 0;
	int32_t rc = 0;

	ffa_lock(fd);
	if (!fd->rxtx_pages)
		rc = FFA_RET_DENIED; /* no TX buffer to read it from */
	else if (len > (uint64_t)fd->rxtx_pages * FFA_PAGE)
		rc = FFA_RET_INVALID_PARAMETERS;
	else if (len > FFA_DESC_MAX)
		rc = FFA_RET_NO_MEMORY;
	else if (fd->desc_busy)
		rc = FFA_RET_BUSY; /* another vCPU of it is sharing */
	else
		fd->desc_busy = true;
	tx = fd->tx_ipa;
	ffa_unlock(fd);
	/* Guest RAM stays the domain's whatever it unmaps meanwhile. */
	if (rc == 0)
		memcpy(fd->desc, ffa_guest(fd->d, tx), len);
	return rc;
}

enum call_outcome ffa_mem_share(struct ffa_dom *fd, struct call_frame *f)
{
	uint32_t len = (uint32_t)call_arg(f, 1);
	struct ffa_txn t;
	uint64_t handle = 0;
	int32_t rc;

	/* Only in the TX buffer (x3 = 0, w4 = 0) and in one fragment. */
	if (call_arg(f, 3) != 0 || call_arg(f, 4) != 0 ||
	    (uint32_t)call_arg(f, 2) != len) {
		ffa_error(f, FFA_RET_INVALID_PARAMETERS);
		return CALL_DONE;
	}
	rc = ffa_desc_take(fd, len);
	if (rc) {
		ffa_error(f, rc);
		return CALL_DONE;
	}
	rc = ffa_txn_parse(fd, fd->desc, len, &t);
	if (rc == 0)
		rc = ffa_share_send(fd, &t, f->fid, &handle);
	ffa_lock(fd);
	fd->desc_busy = false;
	ffa_unlock(fd);
	if (rc)
		ffa_error(f, rc);
	else
		ffa_success(f, (uint32_t)handle, handle >> 32);
	return CALL_DONE;
}

static int32_t ffa_spmc_reclaim(uint64_t handle, uint32_t flags)
{
	struct smccc_regs r;

	ffa_spmc_call(&r, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32,
		      flags, 0);
	if ((uint32_t)r.x[0] == FFA_SUCCESS)
		return 0;
	if ((uint32_t)r.x[0] == FFA_ERROR)
		return (int32_t)(uint32_t)r.x[2];
	return FFA_RET_ABORTED;
}

enum call_outcome ffa_mem_reclaim(struct ffa_dom *fd, struct call_frame *f)
{
	uint64_t handle = (uint32_t)call_arg(f, 1) |
			  (uint64_t)(uint32_t)call_arg(f, 2) << 32;
	uint32_t flags = (uint32_t)call_arg(f, 3);
	struct ffa_share *s = NULL;
	int32_t rc;

	/* Time slicing only: zeroing is no part of taking back a share. */
	if (flags & ~FFA_MTD_FLAG_TIME_SLICE) {
		ffa_error(f, FFA_RET_INVALID_PARAMETERS);
		return CALL_DONE;
	}
	ffa_lock(fd);
	for (uint32_t i = 0; i < FFA_MAX_SHARES && !s; i++)
		if (fd->shares[i].state == FSH_SHARED &&
		    fd->shares[i].handle == handle)
			s = &fd->shares[i];
	if (s)
		s->state = FSH_RECLAIMING;
	ffa_unlock(fd);
	if (!s) {
		/* Not one of the caller's: the SPMC never hears of it. */
		ffa_error(f, FFA_RET_INVALID_PARAMETERS);
		return CALL_DONE;
	}
	rc = ffa_spmc_reclaim(handle, flags);
	ffa_lock(fd);
	if (rc == 0)
		ffa_share_drop(fd, s);
	else
		s->state = FSH_SHARED;
	ffa_unlock(fd);
	return ffa_status(f, rc);
}

uint32_t ffa_mem_reclaim_all(struct ffa_dom *fd)
{
	uint32_t left = 0;

	for (uint32_t i = 0; i < FFA_MAX_SHARES; i++) {
		struct ffa_share *s = &fd->shares[i];
		int32_t rc;

		if (s->state != FSH_SHARED && s->state != FSH_ORPHAN)
			continue;
		rc = ffa_spmc_reclaim(s->handle, 0);
		ffa_lock(fd);
		/* INVALID_PARAMETERS: the SPMC does not know the handle (any
		 * more); there is nothing left to take back. */
		if (rc == 0 || rc == FFA_RET_INVALID_PARAMETERS) {
			ffa_share_drop(fd, s);
		} else {
			s->state = FSH_ORPHAN;
			left++;
		}
		ffa_unlock(fd);
	}
	return left;
}
