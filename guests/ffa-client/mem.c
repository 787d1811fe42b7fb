// SPDX-License-Identifier: MIT
/*
 * Memory sharing: good shares the partitions can read and write, reclaim
 * while a partition holds the memory, and every field of a descriptor
 * made wrong in turn. The partitions' MEM_COUNT says how many shares of
 * ours the SPMC really holds, so nothing refused may show up there.
 */
#include <string.h>

#include "ffa.h"

#define PAGE	     0x1000ull
#define LONG_OFF     (DATA_OFF + 0x300000) /* a share held through the run */
#define MEM_SHARE(i) ((i)&1 ? FFA_MEM_SHARE_64 : FFA_MEM_SHARE_32)

static uint64_t long_handle;

void tx16(uint32_t off, uint16_t v)
{
	*(volatile uint16_t *)(uintptr_t)(ram(TX_OFF) + off) = v;
}

void tx32(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(ram(TX_OFF) + off) = v;
}

void tx64(uint32_t off, uint64_t v)
{
	*(volatile uint64_t *)(uintptr_t)(ram(TX_OFF) + off) = v;
}

static void tx8(uint32_t off, uint8_t v)
{
	*(volatile uint8_t *)(uintptr_t)(ram(TX_OFF) + off) = v;
}

uint32_t desc_write(const struct share_desc *d)
{
	uint32_t comp = FFA_MTD_SIZE + FFA_EMAD_SIZE * d->nrecv, total = 0;

	memset((void *)(uintptr_t)ram(TX_OFF), 0, 4096);
	tx16(FFA_MTD_OFF_SENDER, my_id);
	tx16(FFA_MTD_OFF_ATTRIBUTES, FFA_MEM_ATTR_NORMAL_WB_IS);
	tx32(FFA_MTD_OFF_EMAD_SIZE, FFA_EMAD_SIZE);
	tx32(FFA_MTD_OFF_EMAD_COUNT, d->nrecv);
	tx32(FFA_MTD_OFF_EMAD_OFFSET, FFA_MTD_SIZE);
	for (unsigned i = 0; i < d->nrecv; i++) {
		uint32_t e = FFA_MTD_SIZE + FFA_EMAD_SIZE * i;

		tx16(e + FFA_EMAD_OFF_RECEIVER, d->recv[i]);
		tx8(e + FFA_EMAD_OFF_PERMS, d->perms[i]);
		tx32(e + FFA_EMAD_OFF_COMPOSITE, comp);
	}
	for (unsigned k = 0; k < d->nranges; k++) {
		uint32_t r = comp + FFA_COMP_SIZE + FFA_RANGE_SIZE * k;

		tx64(r + FFA_RANGE_OFF_ADDR, d->addr[k]);
		tx32(r + FFA_RANGE_OFF_PAGES, d->pages[k]);
		total += d->pages[k];
	}
	tx32(comp + FFA_COMP_OFF_PAGES, total);
	tx32(comp + FFA_COMP_OFF_NRANGES, d->nranges);
	return comp + FFA_COMP_SIZE + FFA_RANGE_SIZE * d->nranges;
}

uint32_t desc_one(uint16_t sp, uint64_t page_ipa, uint32_t pages)
{
	struct share_desc d = {.nrecv = 1,
			       .recv = {sp},
			       .perms = {FFA_PERM_RW},
			       .nranges = 1,
			       .addr = {page_ipa},
			       .pages = {pages}};

	return desc_write(&d);
}

struct smccc_res share(enum guest_conduit c, uint32_t fid, uint32_t len,
		       uint64_t *handle)
{
	struct smccc_res r = fcall(c, fid, len, len, 0, 0, 0, 0, 0);

	if (is_ok(&r))
		*handle = (uint32_t)r.x[2] | r.x[3] << 32;
	return r;
}

struct smccc_res reclaim(enum guest_conduit c, uint64_t handle)
{
	return fcall3(c, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0);
}

static uint32_t fill_words(uint64_t ipa, unsigned pages, uint32_t seed)
{
	volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)ipa;
	uint32_t sum = 0;

	for (unsigned i = 0; i < pages * 1024; i++) {
		p[i] = seed + i * 3;
		sum += seed + i * 3;
	}
	return sum;
}

static bool words_are(uint64_t ipa, unsigned pages, uint32_t v)
{
	volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)ipa;

	for (unsigned i = 0; i < pages * 1024; i++)
		if (p[i] != v)
			return false;
	return true;
}

/* The partitions' view: how many shares of ours the SPMC holds. */
static bool count_is(uint64_t n, uint64_t held)
{
	struct smccc_res r =
		sp_call(cd(0), false, SP1, SP_CMD_MEM_COUNT, 0, 0, 0, 0);

	return sp_answered(&r, false, SP1) && r.x[4] == n && r.x[5] == held;
}

static struct smccc_res sp_mem(unsigned i, uint16_t sp, uint32_t cmd,
			       uint64_t h, uint64_t a6)
{
	return sp_call(cd(i), i & 1, sp, cmd, (uint32_t)h, h >> 32, a6, 0);
}

static void test_share_one(void)
{
	uint64_t page = ram(DATA_OFF), h = 0;
	uint32_t sum = fill_words(page, 1, 0x1000u + my_id);
	struct smccc_res r =
		share(cd(0), FFA_MEM_SHARE_32, desc_one(SP1, page, 1), &h);

	tap_ok(is_ok(&r) && h != 0 && h != FFA_HANDLE_INVALID,
	       "MEM_SHARE_32 of one page with 0x8001: handle 0x%llx",
	       (unsigned long long)h);
	r = sp_mem(1, SP1, SP_CMD_MEM_SUM, h, 0);
	tap_ok(sp_answered(&r, true, SP1) && r.x[4] == sum && r.x[5] == 1,
	       "0x8001 reads the page: the sum of its words");
	r = sp_mem(0, SP1, SP_CMD_MEM_FILL, h, 0x5a5a0000u | my_id);
	tap_ok(sp_answered(&r, false, SP1) &&
		       words_are(page, 1, 0x5a5a0000u | my_id),
	       "0x8001 writes the page: we read its pattern");
	r = sp_mem(0, SP1, SP_CMD_MEM_HOLD, h, 0);
	tap_ok(sp_answered(&r, false, SP1) &&
		       is_err((r = reclaim(cd(1), h), &r), FFA_RET_DENIED),
	       "MEM_RECLAIM while 0x8001 holds it: DENIED");
	r = sp_mem(1, SP1, SP_CMD_MEM_DROP, h, 0);
	tap_ok(sp_answered(&r, true, SP1) && is_ok((r = reclaim(cd(0), h), &r)),
	       "0x8001 lets go: MEM_RECLAIM succeeds");
	r = sp_mem(0, SP1, SP_CMD_MEM_SUM, h, 0);
	tap_ok(r.x[3] == (uint32_t)FFA_RET_INVALID_PARAMETERS &&
		       is_err((r = reclaim(cd(1), h), &r),
			      FFA_RET_INVALID_PARAMETERS),
	       "reclaimed: 0x8001 cannot reach it; MEM_RECLAIM again: "
	       "INVALID_PARAMETERS");
}

static void test_share_two(void)
{
	uint64_t base = ram(DATA_OFF + 0x10000), h = 0;
	struct share_desc d = {
		.nrecv = 2,
		.recv = {SP1, SP2},
		.perms = {FFA_PERM_RW, FFA_PERM_RO | FFA_PERM_NX},
		.nranges = 2,
		.addr = {base, base + 4 * PAGE},
		.pages = {2, 1}};
	uint32_t sum =
		fill_words(base, 2, 7) + fill_words(base + 4 * PAGE, 1, 99);
	struct smccc_res r = share(cd(1), FFA_MEM_SHARE_64, desc_write(&d), &h);

	tap_ok(is_ok(&r), "MEM_SHARE_64: 3 pages in 2 ranges with 0x8001 "
			  "(RW) and 0x8002 (RO)");
	r = sp_mem(0, SP2, SP_CMD_MEM_SUM, h, 0);
	tap_ok(sp_answered(&r, false, SP2) && r.x[4] == sum && r.x[5] == 3,
	       "0x8002 reads all 3 pages");
	r = sp_mem(1, SP2, SP_CMD_MEM_FILL, h, 1);
	tap_ok(r.x[0] == FFA_MSG_SEND_DIRECT_RESP_64 &&
		       r.x[3] == (uint32_t)FFA_RET_DENIED &&
		       sp_answered(
			       (r = sp_mem(0, SP1, SP_CMD_MEM_FILL, h, 2), &r),
			       false, SP1) &&
		       r.x[4] == 3,
	       "0x8002 may not write it (RO), 0x8001 may");
	tap_ok(count_is(2, 0), "the SPMC holds 2 shares of ours");
	tap_ok(is_ok((r = reclaim(cd(0), h), &r)) && count_is(1, 0),
	       "MEM_RECLAIM: 1 share left (the long one)");
}

void test_mem(void)
{
	struct smccc_res r;

	fill_words(ram(LONG_OFF), 1, 0xabc);
	r = share(cd(1), FFA_MEM_SHARE_32, desc_one(SP2, ram(LONG_OFF), 1),
		  &long_handle);
	tap_ok(is_ok(&r) && count_is(1, 0),
	       "a share with 0x8002 held through the whole run");
	test_share_one();
	test_share_two();
}

void test_handles_guessed(void)
{
	unsigned wrong = 0;
	struct smccc_res r;

	for (uint64_t h = SPMC_HANDLE_BASE; h <= SPMC_HANDLE_BASE + 64; h++)
		if (h != long_handle)
			wrong += !is_err((r = reclaim(cd((unsigned)h), h), &r),
					 FFA_RET_INVALID_PARAMETERS);
	wrong += !is_err((r = reclaim(cd(0), 0), &r),
			 FFA_RET_INVALID_PARAMETERS);
	wrong += !is_err((r = reclaim(cd(1), FFA_HANDLE_INVALID), &r),
			 FFA_RET_INVALID_PARAMETERS);
	tap_ok(wrong == 0,
	       "MEM_RECLAIM of 67 handles not ours (other domains' included): "
	       "INVALID_PARAMETERS (%u wrong)",
	       wrong);
	r = fcall3(cd(0), FFA_MEM_RECLAIM, (uint32_t)long_handle,
		   long_handle >> 32, 1);
	tap_ok(is_err(&r, FFA_RET_INVALID_PARAMETERS) && count_is(1, 0),
	       "MEM_RECLAIM asking to zero a share: INVALID_PARAMETERS, "
	       "still shared");
	r = sp_mem(1, SP2, SP_CMD_MEM_SUM, long_handle, 0);
	tap_ok(sp_answered(&r, true, SP2) && r.x[5] == 1 &&
		       is_ok((r = reclaim(cd(1), long_handle), &r)) &&
		       count_is(0, 0),
	       "the long share is intact, then reclaimed: the SPMC holds "
	       "none of ours");
}
