// SPDX-License-Identifier: MIT
/*
 * RX/TX buffers. A guest's pair is only ever known to the mediator: the
 * SPMC writes into the hypervisor's own RX, and what is meant for the
 * guest is copied from there into the guest's RX, which then belongs to
 * the guest until its RX_RELEASE. The SPMC never sees a guest address.
 */
#include <string.h>

#include "ffa_priv.h"

/* RXTX_UNMAP (ID in w1[31:16]) and RX_RELEASE (ID in w1[15:0]) name an
 * endpoint only when the hypervisor acts for one: from a guest the ID is
 * 0 or its own, and the rest of w1 is reserved. */
static bool ffa_self_or_zero(const struct ffa_dom *fd, uint32_t w1,
			     unsigned shift)
{
	uint32_t id = w1 >> shift;

	return (w1 & ~(0xffffu << shift)) == 0 && (id == 0 || id == fd->id);
}

enum call_outcome ffa_rxtx_map(struct ffa_dom *fd, struct call_frame *f)
{
	uint64_t tx = call_arg(f, 1), rx = call_arg(f, 2);
	uint32_t w3 = (uint32_t)call_arg(f, 3);
	uint64_t len = (uint64_t)w3 * FFA_PAGE;
	int32_t rc = 0;

	/* Pages in w3[5:0], the rest reserved; page-aligned buffers wholly
	 * inside the caller's own RAM, apart from each other. */
	if (w3 == 0 || w3 > FFA_RXTX_MAX_PAGES ||
	    ((tx | rx) & (FFA_PAGE - 1)) || !ffa_ipa_ok(fd->d, tx, len) ||
	    !ffa_ipa_ok(fd->d, rx, len) || (tx < rx + len && rx < tx + len)) {
		ffa_error(f, FFA_RET_INVALID_PARAMETERS);
		return CALL_DONE;
	}
	ffa_lock(fd);
	if (fd->rxtx_pages) {
		rc = FFA_RET_DENIED; /* already mapped */
	} else {
		fd->tx_ipa = tx;
		fd->rx_ipa = rx;
		fd->rxtx_pages = w3;
		fd->rx_full = false;
	}
	ffa_unlock(fd);
	return ffa_status(f, rc);
}

enum call_outcome ffa_rxtx_unmap(struct ffa_dom *fd, struct call_frame *f)
{
	int32_t rc = 0;

	if (!ffa_self_or_zero(fd, (uint32_t)call_arg(f, 1), 16)) {
		ffa_error(f, FFA_RET_INVALID_PARAMETERS);
		return CALL_DONE;
	}
	ffa_lock(fd);
	if (!fd->rxtx_pages || fd->desc_busy) {
		/* Not mapped; or a MEM_SHARE is reading the TX right now. */
		rc = fd->rxtx_pages ? FFA_RET_BUSY : FFA_RET_INVALID_PARAMETERS;
	} else {
		fd->rxtx_pages = 0;
		fd->tx_ipa = 0;
		fd->rx_ipa = 0;
		fd->rx_full = false;
	}
	ffa_unlock(fd);
	return ffa_status(f, rc);
}

enum call_outcome ffa_rx_release(struct ffa_dom *fd, struct call_frame *f)
{
	int32_t rc = 0;

	if (!ffa_self_or_zero(fd, (uint32_t)call_arg(f, 1), 0)) {
		ffa_error(f, FFA_RET_INVALID_PARAMETERS);
		return CALL_DONE;
	}
	ffa_lock(fd);
	if (!fd->rxtx_pages || !fd->rx_full)
		rc = FFA_RET_DENIED; /* nothing to give back */
	else
		fd->rx_full = false;
	ffa_unlock(fd);
	return ffa_status(f, rc);
}

/* Take the guest's RX for a PARTITION_INFO_GET: mapped and empty. */
static int32_t ffa_rx_take(struct ffa_dom *fd, uint64_t *ipa, uint64_t *bytes)
{
	int32_t rc = 0;

	ffa_lock(fd);
	if (!fd->rxtx_pages) {
		rc = FFA_RET_DENIED;
	} else if (fd->rx_full) {
		rc = FFA_RET_BUSY;
	} else {
		fd->rx_full = true;
		*ipa = fd->rx_ipa;
		*bytes = (uint64_t)fd->rxtx_pages * FFA_PAGE;
	}
	ffa_unlock(fd);
	return rc;
}

static void ffa_rx_give_back(struct ffa_dom *fd)
{
	ffa_lock(fd);
	fd->rx_full = false;
	ffa_unlock(fd);
}

/*
 * With our RX full of `count` descriptors of `size` bytes: copy them into
 * the guest's RX in the layout of its version. Called with the hypervisor
 * buffer lock held.
 */
static int32_t ffa_parts_copy(struct ffa_dom *fd, uint32_t count, uint32_t size,
			      uint64_t ipa, uint64_t bytes, uint32_t out_size)
{
	const uint8_t *src = ffa_hyp_rx();
	uint8_t *dst;

	if (size < FFA_PART_DESC_SIZE || size > FFA_PAGE ||
	    count > FFA_PAGE / size)
		return FFA_RET_ABORTED; /* not what a 1.1 SPMC writes */
	if ((uint64_t)count * out_size > bytes)
		return FFA_RET_NO_MEMORY;
	dst = ffa_guest(fd->d, ipa);
	for (uint32_t i = 0; i < count; i++)
		memcpy(dst + (size_t)i * out_size, src + (size_t)i * size,
		       out_size);
	return 0;
}

/* Ask the SPMC (w1-w4 = the UUID, w5 = flags); on success *count and
 * *size, and, unless only counted, our RX is full until we release it. */
static int32_t ffa_parts_ask(const uint32_t uuid[4], uint32_t flags,
			     uint32_t *count, uint32_t *size)
{
	struct smccc_regs r;

	memset(&r, 0, sizeof(r));
	r.x[0] = FFA_PARTITION_INFO_GET;
	for (unsigned i = 0; i < 4; i++)
		r.x[i + 1] = uuid[i];
	r.x[5] = flags;
	plat_firmware_call(&r);
	if ((uint32_t)r.x[0] == FFA_ERROR)
		return (int32_t)(uint32_t)r.x[2];
	if ((uint32_t)r.x[0] != FFA_SUCCESS)
		return FFA_RET_ABORTED;
	*count = (uint32_t)r.x[2];
	*size = (uint32_t)r.x[3];
	return 0;
}

static void ffa_hyp_rx_release(void)
{
	struct smccc_regs r;

	ffa_spmc_call(&r, FFA_RX_RELEASE, 0, 0, 0, 0);
}

/* Through our RX, under the buffer lock: ask, copy, give our RX back. */
static int32_t ffa_parts_fetch(struct ffa_dom *fd, const uint32_t uuid[4],
			       uint32_t flags, uint64_t ipa, uint64_t bytes,
			       uint32_t *count, uint32_t out_size)
{
	uint32_t size = 0;
	int32_t rc;

	ffa_hyp_lock();
	rc = ffa_parts_ask(uuid, flags, count, &size);
	if (rc == 0 && !(flags & FFA_PART_INFO_COUNT_ONLY)) {
		rc = ffa_parts_copy(fd, *count, size, ipa, bytes, out_size);
		ffa_hyp_rx_release();
	}
	ffa_hyp_unlock();
	return rc;
}

enum call_outcome ffa_partition_info(struct ffa_dom *fd, struct call_frame *f)
{
	uint32_t flags = (uint32_t)call_arg(f, 5), uuid[4], count = 0;
	bool only_count = flags & FFA_PART_INFO_COUNT_ONLY;
	bool v10 = fd->version < FFA_VERSION_1_1;
	uint32_t out_size = v10 ? FFA_PART_DESC_SIZE_1_0 : FFA_PART_DESC_SIZE;
	uint64_t ipa = 0, bytes = 0;
	int32_t rc;

	for (unsigned i = 0; i < 4; i++)
		uuid[i] = (uint32_t)call_arg(f, i + 1);
	/* Only the count-only flag exists, and only from v1.1. */
	if ((flags & ~FFA_PART_INFO_COUNT_ONLY) || (only_count && v10)) {
		ffa_error(f, FFA_RET_INVALID_PARAMETERS);
		return CALL_DONE;
	}
	rc = only_count ? 0 : ffa_rx_take(fd, &ipa, &bytes);
	if (rc == 0) {
		rc = ffa_parts_fetch(fd, uuid, flags, ipa, bytes, &count,
				     out_size);
		if (rc && !only_count)
			ffa_rx_give_back(fd); /* nothing was delivered */
	}
	if (rc)
		ffa_error(f, rc);
	else
		ffa_success(f, count, only_count ? 0 : out_size);
	return CALL_DONE;
}

bool ffa_sps_probe(void)
{
	static const uint32_t nil[4];
	const uint8_t *rx = ffa_hyp_rx();
	uint32_t count = 0, size = 0;

	ffa_info.nsps = 0;
	if (ffa_parts_ask(nil, 0, &count, &size) != 0)
		return true; /* no partitions: nothing to talk to yet */
	if (size < FFA_PART_DESC_SIZE || size > FFA_PAGE ||
	    count > FFA_PAGE / size) {
		ffa_hyp_rx_release();
		return false;
	}
	for (uint32_t i = 0; i < count && ffa_info.nsps < FFA_MAX_SPS; i++) {
		const uint8_t *p = rx + (size_t)i * size;
		struct ffa_sp sp;

		memcpy(&sp.id, p + FFA_PART_OFF_ID, sizeof(sp.id));
		memcpy(&sp.props, p + FFA_PART_OFF_PROPS, sizeof(sp.props));
		if (sp.id & FFA_ID_SECURE_BIT)
			ffa_info.sps[ffa_info.nsps++] = sp;
	}
	ffa_hyp_rx_release();
	return true;
}
