// SPDX-License-Identifier: MIT
/*
 * RX/TX buffers and partition discovery: what may be mapped (only whole
 * pages of the domain's own RAM), who owns the RX buffer when, and what
 * PARTITION_INFO_GET puts there.
 */
#include <string.h>

#include "ffa.h"

struct map_case {
	uint64_t tx, rx, n;
	const char *what;
};

void test_rxtx(void)
{
	uint64_t tx = ram(TX_OFF), rx = ram(RX_OFF);
	uint64_t end = guest_ram_base + guest_ram_size;
	const struct map_case bad[] = {
		{0x80000000ull, rx, 1, "TX above RAM"},
		{tx, guest_ram_base - 0x1000, 1, "RX below RAM"},
		{0x09000000ull, rx, 1, "TX on the UART"},
		{0, rx, 1, "TX at 0 (flash)"},
		{end - 0x1000, rx, 2, "TX across the end of RAM"},
		{tx, end, 1, "RX just past RAM"},
		{0xfffffffffffff000ull, rx, 2, "TX wrapping around"},
		{tx + 0x10, rx, 1, "TX unaligned"},
		{tx, rx + 0x800, 1, "RX unaligned"},
		{tx, rx, 0, "zero pages"},
		{tx, rx, 5, "five pages (at most four)"},
		{tx, rx, 0x41, "reserved bits of w3"},
		{tx, tx, 1, "TX = RX"},
		{tx, tx + 0x1000, 2, "TX and RX overlapping"},
	};
	unsigned wrong = 0;
	struct smccc_res r;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		bool ok = all_err(FFA_RXTX_MAP_64, bad[i].tx, bad[i].rx,
				  bad[i].n, FFA_RET_INVALID_PARAMETERS);

		if (!ok)
			printf_uart("# RXTX_MAP accepted: %s\n", bad[i].what);
		wrong += !ok;
	}
	tap_ok(wrong == 0,
	       "RXTX_MAP refuses %u bad buffers: outside RAM, across its "
	       "end, unaligned, 0 or 5 pages, overlapping (%u wrong)",
	       (unsigned)(sizeof(bad) / sizeof(bad[0])), wrong);
	r = fcall3(cd(0), FFA_RXTX_MAP_32, 0xdead000000000000ull | tx,
		   0xbeef000000000000ull | rx, 1);
	tap_ok(is_ok(&r), "RXTX_MAP_32: the upper halves are ignored");
	tap_ok(all_err(FFA_RXTX_MAP_64, tx, rx, 1, FFA_RET_DENIED),
	       "RXTX_MAP again: DENIED");
	r = fcall3(cd(1), FFA_RXTX_UNMAP, 0, 0, 0);
	tap_ok(is_ok(&r) &&
		       is_ok((r = fcall3(cd(0), FFA_RXTX_MAP_64, tx, rx, 1),
			      &r)),
	       "RXTX_UNMAP, then RXTX_MAP_64 of one page each");
}

/* What the firmware's partitions must say about themselves (docs/
 * firmware.md), written out here rather than taken from the firmware. */
static const struct spmc_sp parts[2] = {
	{SP1, 0x1c1, {0xa7b17e01u, 0x4e0f7e57u, 0x8a5f6172u, 0x626974a1u}},
	{SP2, 0x101, {0xa7b17e02u, 0x4e0f7e57u, 0x8a5f6172u, 0x626974a2u}},
};

static uint32_t rx32(uint32_t off)
{
	return *(volatile uint32_t *)(uintptr_t)(ram(RX_OFF) + off);
}

/* Descriptor i in RX is partition sp with its properties and UUID. */
static bool rx_part(unsigned i, const struct spmc_sp *sp)
{
	uint32_t at = i * FFA_PART_DESC_SIZE;
	bool ok = rx32(at) == ((uint32_t)sp->id | 1u << 16) &&
		  rx32(at + 4) == sp->props;

	for (unsigned k = 0; k < 4; k++)
		ok = ok && rx32(at + 8 + 4 * k) == sp->uuid[k];
	return ok;
}

static struct smccc_res part_info(enum guest_conduit c, const uint32_t *u,
				  uint32_t flags)
{
	return fcall(c, FFA_PARTITION_INFO_GET, u[0], u[1], u[2], u[3], flags,
		     0, 0);
}

void test_partitions(void)
{
	static const uint32_t nil[4], nobody[4] = {1, 2, 3, 4};
	struct smccc_res r;

	r = part_info(cd(0), nil, FFA_PART_INFO_COUNT_ONLY);
	tap_ok(is_ok(&r) && r.x[2] == 2 && r.x[3] == 0,
	       "PARTITION_INFO_GET, count only: 2");
	r = part_info(cd(1), nil, 2);
	tap_ok(is_err(&r, FFA_RET_INVALID_PARAMETERS),
	       "PARTITION_INFO_GET with a reserved flag: INVALID_PARAMETERS");
	memset((void *)(uintptr_t)ram(RX_OFF), 0xee, 4096);
	r = part_info(cd(1), nil, 0);
	tap_ok(is_ok(&r) && r.x[2] == 2 && r.x[3] == FFA_PART_DESC_SIZE &&
		       rx_part(0, &parts[0]) && rx_part(1, &parts[1]),
	       "PARTITION_INFO_GET: 0x8001 and 0x8002 in RX, 24 bytes each");
	r = part_info(cd(0), nil, 0);
	tap_ok(is_err(&r, FFA_RET_BUSY),
	       "again before RX_RELEASE: BUSY (the RX buffer is ours)");
	r = fcall3(cd(0), FFA_RX_RELEASE, peer_id, 0, 0);
	tap_ok(is_err(&r, FFA_RET_INVALID_PARAMETERS),
	       "RX_RELEASE naming another endpoint: INVALID_PARAMETERS");
	r = fcall3(cd(1), FFA_RX_RELEASE, 0, 0, 0);
	tap_ok(is_ok(&r) && all_err(FFA_RX_RELEASE, 0, 0, 0, FFA_RET_DENIED),
	       "RX_RELEASE, then again: DENIED");
	r = part_info(cd(0), parts[1].uuid, 0);
	tap_ok(is_ok(&r) && r.x[2] == 1 && rx_part(0, &parts[1]) &&
		       is_ok((r = fcall3(cd(1), FFA_RX_RELEASE, my_id, 0, 0),
			      &r)),
	       "PARTITION_INFO_GET by UUID: 0x8002 alone; RX_RELEASE with "
	       "its own ID");
	r = part_info(cd(1), nobody, 0);
	tap_ok(is_err(&r, FFA_RET_INVALID_PARAMETERS) &&
		       is_ok((r = part_info(cd(0), nil, 0), &r)) &&
		       is_ok((r = fcall3(cd(0), FFA_RX_RELEASE, 0, 0, 0), &r)),
	       "an unknown UUID: INVALID_PARAMETERS, and the RX buffer "
	       "stays free");
}

void test_rxtx_end(void)
{
	static const uint32_t nil[4];
	struct smccc_res r;

	tap_ok(all_err(FFA_RXTX_UNMAP, (uint32_t)peer_id << 16, 0, 0,
		       FFA_RET_INVALID_PARAMETERS),
	       "RXTX_UNMAP of another endpoint's buffers: "
	       "INVALID_PARAMETERS");
	r = fcall3(cd(0), FFA_RXTX_UNMAP, 0, 0, 0);
	tap_ok(is_ok(&r) && all_err(FFA_RXTX_UNMAP, 0, 0, 0,
				    FFA_RET_INVALID_PARAMETERS),
	       "RXTX_UNMAP, then again: INVALID_PARAMETERS");
	tap_ok(all_err(FFA_MEM_SHARE_32, 96, 96, 0, FFA_RET_DENIED) &&
		       is_err((r = part_info(cd(0), nil, 0), &r),
			      FFA_RET_DENIED) &&
		       all_err(FFA_RX_RELEASE, 0, 0, 0, FFA_RET_DENIED),
	       "no buffers: MEM_SHARE, PARTITION_INFO_GET, RX_RELEASE are "
	       "DENIED");
	r = part_info(cd(1), nil, FFA_PART_INFO_COUNT_ONLY);
	tap_ok(is_ok(&r) && r.x[2] == 2,
	       "no buffers: the count-only form still answers 2");
}
