// SPDX-License-Identifier: MIT
/*
 * The test SPMC's memory sharing: MEM_SHARE from the caller's TX buffer
 * (v1.1 descriptor, one fragment) and MEM_RECLAIM. The descriptor is
 * copied into secure RAM before it is read; every field is checked there,
 * whoever sent it (firmware must not crash on bad data from outside), and
 * every constituent must be whole pages of normal RAM. The SPMC cannot
 * tell whose normal RAM it is: it trusts the hypervisor for that, as an
 * SPMC does.
 */
#include <string.h>

#include "spmc.h"

struct spmc_share spmc_shares[SPMC_MAX_SHARES];
static uint8_t spmc_desc[SPMC_DESC_MAX] __attribute__((aligned(8)));
static uint64_t spmc_next_handle = SPMC_HANDLE_BASE;

static uint16_t rd16(uint32_t off)
{
	uint16_t v;

	memcpy(&v, spmc_desc + off, sizeof(v));
	return v;
}

static uint32_t rd32(uint32_t off)
{
	uint32_t v;

	memcpy(&v, spmc_desc + off, sizeof(v));
	return v;
}

static uint64_t rd64(uint32_t off)
{
	uint64_t v;

	memcpy(&v, spmc_desc + off, sizeof(v));
	return v;
}

struct spmc_share *spmc_share_find(uint64_t handle)
{
	unsigned i;

	for (i = 0; i < SPMC_MAX_SHARES; i++) {
		if (spmc_shares[i].used && spmc_shares[i].handle == handle)
			return &spmc_shares[i];
	}
	return 0;
}

int spmc_share_recv(const struct spmc_share *s, uint16_t sp)
{
	unsigned i;

	for (i = 0; i < s->nrecv; i++) {
		if (s->recv[i] == sp)
			return (int)i;
	}
	return -1;
}

/* Header: a non-secure sender, normal WB inner-shareable memory with NS
 * clear, share flags only, no handle, 1-4 EMADs of 16 bytes in bounds. */
static bool spmc_parse_header(struct spmc_share *s, uint32_t len,
			      uint32_t *emads)
{
	uint32_t flags = rd32(FFA_MTD_OFF_FLAGS);
	uint32_t kind = flags & FFA_MTD_FLAG_TYPE_MASK;

	s->sender = rd16(FFA_MTD_OFF_SENDER);
	s->nrecv = rd32(FFA_MTD_OFF_EMAD_COUNT);
	*emads = rd32(FFA_MTD_OFF_EMAD_OFFSET);
	if ((s->sender & FFA_ID_SECURE_BIT) ||
	    rd16(FFA_MTD_OFF_ATTRIBUTES) != FFA_MEM_ATTR_NORMAL_WB_IS ||
	    (flags & ~(FFA_MTD_FLAG_TIME_SLICE | FFA_MTD_FLAG_TYPE_MASK)) ||
	    (kind != 0 && kind != FFA_MTD_FLAG_TYPE_SHARE) ||
	    rd64(FFA_MTD_OFF_HANDLE) != 0 ||
	    rd32(FFA_MTD_OFF_EMAD_SIZE) != FFA_EMAD_SIZE)
		return false;
	return s->nrecv >= 1 && s->nrecv <= SPMC_MAX_RECV &&
	       *emads >= FFA_MTD_SIZE && (*emads & 7u) == 0 && *emads <= len &&
	       s->nrecv <= (len - *emads) / FFA_EMAD_SIZE;
}

/* EMADs: distinct partitions, RO or RW, one composite for all. */
static bool spmc_parse_emads(struct spmc_share *s, uint32_t emads,
			     uint32_t *comp)
{
	unsigned i, k;

	for (i = 0; i < s->nrecv; i++) {
		uint32_t e = emads + FFA_EMAD_SIZE * i;
		uint8_t perms = spmc_desc[e + FFA_EMAD_OFF_PERMS];
		uint8_t data = perms & FFA_PERM_DATA_MASK;
		uint32_t off = rd32(e + FFA_EMAD_OFF_COMPOSITE);

		s->recv[i] = rd16(e + FFA_EMAD_OFF_RECEIVER);
		s->perms[i] = perms;
		if (!spmc_sp_find(s->recv[i]) ||
		    (data != FFA_PERM_RO && data != FFA_PERM_RW) ||
		    (i > 0 && off != *comp))
			return false;
		for (k = 0; k < i; k++) {
			if (s->recv[k] == s->recv[i])
				return false;
		}
		*comp = off;
	}
	return true;
}

static bool spmc_range_apart(const struct spmc_share *s, unsigned i)
{
	uint64_t a = s->r[i].pa, l = (uint64_t)s->r[i].pages * FFA_PAGE;
	unsigned k;

	for (k = 0; k < i; k++) {
		uint64_t b = s->r[k].pa, m = (uint64_t)s->r[k].pages * FFA_PAGE;

		if (a < b + m && b < a + l)
			return false;
	}
	return true;
}

/* The composite and its constituents: whole pages of normal RAM. */
static bool spmc_parse_ranges(struct spmc_share *s, uint32_t len, uint32_t comp)
{
	uint64_t sum = 0;
	unsigned i;

	if ((comp & 7u) || comp < FFA_MTD_SIZE || comp > len ||
	    len - comp < FFA_COMP_SIZE)
		return false;
	s->pages = rd32(comp + FFA_COMP_OFF_PAGES);
	s->nranges = rd32(comp + FFA_COMP_OFF_NRANGES);
	if (s->nranges == 0 || s->nranges > SPMC_MAX_RANGES ||
	    s->nranges > (len - comp - FFA_COMP_SIZE) / FFA_RANGE_SIZE)
		return false;
	for (i = 0; i < s->nranges; i++) {
		uint32_t r = comp + FFA_COMP_SIZE + FFA_RANGE_SIZE * i;

		s->r[i].pa = rd64(r + FFA_RANGE_OFF_ADDR);
		s->r[i].pages = rd32(r + FFA_RANGE_OFF_PAGES);
		if (s->r[i].pages == 0 || (s->r[i].pa & (FFA_PAGE - 1)) ||
		    !fw_ns_range_ok(s->r[i].pa,
				    (uint64_t)s->r[i].pages * FFA_PAGE) ||
		    !spmc_range_apart(s, i))
			return false;
		sum += s->r[i].pages;
	}
	return sum == s->pages;
}

static struct spmc_share *spmc_share_free(void)
{
	unsigned i;

	for (i = 0; i < SPMC_MAX_SHARES; i++) {
		if (!spmc_shares[i].used)
			return &spmc_shares[i];
	}
	return 0;
}

/* Copy the descriptor out of the caller's TX buffer, a byte at a time
 * (EL3 runs with its MMU off: no unaligned loads). */
static bool spmc_desc_copy(struct fw_call *c, uint32_t *len)
{
	uint32_t frag = (uint32_t)fw_arg(c, 2);
	uint32_t i;

	*len = (uint32_t)fw_arg(c, 1);
	if (!spmc_buf.pages || fw_arg(c, 3) != 0 || fw_arg(c, 4) != 0 ||
	    frag != *len || *len < FFA_MTD_SIZE || *len > SPMC_DESC_MAX ||
	    *len > spmc_buf.pages * FFA_PAGE)
		return false;
	for (i = 0; i < *len; i++)
		spmc_desc[i] =
			*(volatile uint8_t *)(uintptr_t)(spmc_buf.tx + i);
	return true;
}

void spmc_mem_share(struct fw_call *c)
{
	struct spmc_share *s = spmc_share_free(), tmp;
	uint32_t len = 0, emads = 0, comp = 0;

	memset(&tmp, 0, sizeof(tmp));
	if (!spmc_desc_copy(c, &len)) {
		spmc_count(FFA_ID_HYP, SPMC_N_SHARE);
		spmc_error(c, spmc_buf.pages ? FFA_RET_INVALID_PARAMETERS
					     : FFA_RET_DENIED);
		return;
	}
	if (!spmc_parse_header(&tmp, len, &emads) ||
	    !spmc_parse_emads(&tmp, emads, &comp) ||
	    !spmc_parse_ranges(&tmp, len, comp)) {
		spmc_count(tmp.sender, SPMC_N_SHARE);
		spmc_error(c, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	spmc_count(tmp.sender, SPMC_N_SHARE);
	if (!s) {
		spmc_error(c, FFA_RET_NO_MEMORY);
		return;
	}
	tmp.used = true;
	tmp.handle = ++spmc_next_handle;
	*s = tmp;
	spmc_made++;
	spmc_success(c, (uint32_t)s->handle, s->handle >> 32);
}

void spmc_mem_reclaim(struct fw_call *c)
{
	uint64_t handle = fw_arg(c, 1) | fw_arg(c, 2) << 32;
	struct spmc_share *s = spmc_share_find(handle);

	spmc_count(s ? s->sender : FFA_ID_HYP, SPMC_N_RECLAIM);
	if (!s || (fw_arg(c, 3) & ~(uint64_t)FFA_MTD_FLAG_TIME_SLICE)) {
		spmc_error(c, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	/* A partition still using it: the owner cannot have it back. */
	if (s->held) {
		spmc_refused++;
		spmc_error(c, FFA_RET_DENIED);
		return;
	}
	s->used = false;
	spmc_reclaimed++;
	spmc_success(c, 0, 0);
}
