// SPDX-License-Identifier: MIT
/*
 * The test SPMC's SMC entry: FF-A calls in OEN 4 (0x60-0xef, SMC32 and
 * SMC64 forms) from the normal world. Discovery (VERSION, FEATURES,
 * ID_GET, SPM_ID_GET), the caller's RX/TX pair (RXTX_MAP/UNMAP,
 * RX_RELEASE), PARTITION_INFO_GET into the caller's RX, direct requests
 * to the partitions (sp.c), memory sharing (spmc_mem.c), and the call log
 * printed at power-off. One lock serializes it all; nothing waits inside.
 */
#include "spmc.h"

/* Two partitions. UUIDs made up for the test, as w1-w4 carry them. */
const struct spmc_sp spmc_sps[SPMC_NSPS] = {
	{0x8001u,
	 FFA_PROP_DIRECT_RECV | FFA_PROP_VM_CREATED | FFA_PROP_VM_DESTROYED |
		 FFA_PROP_AARCH64,
	 {0xa7b17e01u, 0x4e0f7e57u, 0x8a5f6172u, 0x626974a1u}},
	{0x8002u,
	 FFA_PROP_DIRECT_RECV | FFA_PROP_AARCH64,
	 {0xa7b17e02u, 0x4e0f7e57u, 0x8a5f6172u, 0x626974a2u}},
};

struct spmc_rxtx spmc_buf;
static struct fw_lock spmc_lock;
static bool spmc_versioned; /* the caller called FFA_VERSION */

#define SPMC_LOG_IDS	16
#define SPMC_LOG_EVENTS 32
static uint64_t spmc_log[SPMC_LOG_IDS + 1][4];
static int32_t spmc_events[SPMC_LOG_EVENTS];
static unsigned spmc_nevents;
unsigned spmc_made, spmc_reclaimed, spmc_refused;

void spmc_count(uint16_t endpoint, enum spmc_count_kind kind)
{
	unsigned b = endpoint < SPMC_LOG_IDS ? endpoint : SPMC_LOG_IDS;

	spmc_log[b][SPMC_N_ALL]++;
	if (kind != SPMC_N_ALL)
		spmc_log[b][kind]++;
}

void spmc_vm_event(int32_t ev)
{
	if (spmc_nevents < SPMC_LOG_EVENTS)
		spmc_events[spmc_nevents++] = ev;
}

static void spmc_regs(struct fw_call *c, uint32_t x0, uint64_t w2, uint64_t w3)
{
	unsigned i;

	c->out->x[0] = x0;
	c->out->x[1] = 0;
	c->out->x[2] = w2;
	c->out->x[3] = w3;
	for (i = 4; i < 8; i++)
		c->out->x[i] = 0;
}

void spmc_success(struct fw_call *c, uint64_t w2, uint64_t w3)
{
	spmc_regs(c, FFA_SUCCESS, w2, w3);
}

void spmc_error(struct fw_call *c, int32_t code)
{
	spmc_regs(c, FFA_ERROR, (uint32_t)code, 0);
}

const struct spmc_sp *spmc_sp_find(uint16_t id)
{
	unsigned i;

	for (i = 0; i < SPMC_NSPS; i++) {
		if (spmc_sps[i].id == id)
			return &spmc_sps[i];
	}
	return 0;
}

static void spmc_version(struct fw_call *c)
{
	uint32_t v = (uint32_t)fw_arg(c, 1);

	/* Only 1.1 layouts are served: a 1.x caller with x >= 1. */
	if (v & (1u << 31)) {
		c->out->x[0] = FFA_VERSION_NOT_SUPPORTED;
		return;
	}
	spmc_versioned = FFA_VERSION_MAJOR(v) == 1 && FFA_VERSION_MINOR(v) >= 1;
	c->out->x[0] = FFA_VERSION_1_1;
}

static bool spmc_offers(uint32_t fid)
{
	switch (fid) {
	case FFA_VERSION:
	case FFA_FEATURES:
	case FFA_ID_GET:
	case FFA_SPM_ID_GET:
	case FFA_RXTX_MAP_32:
	case FFA_RXTX_MAP_64:
	case FFA_RXTX_UNMAP:
	case FFA_RX_RELEASE:
	case FFA_PARTITION_INFO_GET:
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
	case FFA_MEM_SHARE_32:
	case FFA_MEM_SHARE_64:
	case FFA_MEM_RECLAIM:
		return true;
	default:
		return false;
	}
}

static void spmc_features(struct fw_call *c)
{
	/* w2 = 0 for all: buffers of 4 KiB at least; memory descriptors
	 * only in the TX buffer. No feature IDs (interrupts). */
	if (spmc_offers((uint32_t)fw_arg(c, 1)))
		spmc_success(c, 0, 0);
	else
		spmc_error(c, FFA_RET_NOT_SUPPORTED);
}

static void spmc_rxtx_map(struct fw_call *c)
{
	uint64_t tx = fw_arg(c, 1), rx = fw_arg(c, 2);
	uint32_t n = (uint32_t)fw_arg(c, 3);
	uint64_t len = (uint64_t)n * FFA_PAGE;

	if (n == 0 || n > SPMC_RXTX_PAGES || ((tx | rx) & (FFA_PAGE - 1)) ||
	    !fw_ns_range_ok(tx, len) || !fw_ns_range_ok(rx, len) ||
	    (tx < rx + len && rx < tx + len)) {
		spmc_error(c, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	if (spmc_buf.pages) {
		spmc_error(c, FFA_RET_DENIED);
		return;
	}
	spmc_buf.tx = tx;
	spmc_buf.rx = rx;
	spmc_buf.pages = n;
	spmc_buf.rx_full = false;
	spmc_success(c, 0, 0);
}

static void spmc_rxtx_unmap(struct fw_call *c)
{
	/* Only endpoint 0's own pair: w1 = 0. */
	if (fw_arg(c, 1) != 0 || !spmc_buf.pages) {
		spmc_error(c, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	spmc_buf.pages = 0;
	spmc_buf.rx_full = false;
	spmc_success(c, 0, 0);
}

static void spmc_rx_release(struct fw_call *c)
{
	if (!spmc_buf.pages || !spmc_buf.rx_full) {
		spmc_error(c, FFA_RET_DENIED);
		return;
	}
	spmc_buf.rx_full = false;
	spmc_success(c, 0, 0);
}

static bool spmc_uuid_match(const struct spmc_sp *sp, const uint32_t u[4])
{
	bool nil = (u[0] | u[1] | u[2] | u[3]) == 0;

	return nil || (sp->uuid[0] == u[0] && sp->uuid[1] == u[1] &&
		       sp->uuid[2] == u[2] && sp->uuid[3] == u[3]);
}

/* One 24-byte descriptor at rx (8-byte aligned): aligned stores only. */
static void spmc_part_write(uint64_t at, const struct spmc_sp *sp)
{
	unsigned k;

	*(volatile uint32_t *)(uintptr_t)at =
		(uint32_t)sp->id | (1u << 16); /* one execution context */
	*(volatile uint32_t *)(uintptr_t)(at + 4) = sp->props;
	for (k = 0; k < 4; k++)
		*(volatile uint32_t *)(uintptr_t)(at + 8 + 4 * k) = sp->uuid[k];
}

static void spmc_partition_info(struct fw_call *c)
{
	uint32_t u[4], flags = (uint32_t)fw_arg(c, 5), n = 0;
	unsigned i;

	for (i = 0; i < 4; i++)
		u[i] = (uint32_t)fw_arg(c, i + 1);
	for (i = 0; i < SPMC_NSPS; i++)
		n += spmc_uuid_match(&spmc_sps[i], u);
	if (n == 0 || (flags & ~FFA_PART_INFO_COUNT_ONLY)) {
		spmc_error(c, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	if (flags & FFA_PART_INFO_COUNT_ONLY) {
		spmc_success(c, n, 0);
		return;
	}
	if (!spmc_buf.pages || spmc_buf.rx_full) {
		spmc_error(c, spmc_buf.pages ? FFA_RET_BUSY : FFA_RET_DENIED);
		return;
	}
	for (i = 0, n = 0; i < SPMC_NSPS; i++) {
		if (spmc_uuid_match(&spmc_sps[i], u))
			spmc_part_write(spmc_buf.rx + FFA_PART_DESC_SIZE * n++,
					&spmc_sps[i]);
	}
	spmc_buf.rx_full = true;
	spmc_success(c, n, FFA_PART_DESC_SIZE);
}

static void spmc_direct_req(struct fw_call *c)
{
	uint32_t w1 = (uint32_t)fw_arg(c, 1);
	uint16_t sender = (uint16_t)(w1 >> 16);
	const struct spmc_sp *sp = spmc_sp_find((uint16_t)w1);

	spmc_count(sender, SPMC_N_DIRECT);
	/* From the normal world: to a partition, from a non-secure ID. */
	if (!sp || (sender & FFA_ID_SECURE_BIT)) {
		spmc_error(c, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	sp_direct_req(c, sp, sender);
}

/* Calls of the caller itself (endpoint 0); false if fid is none. */
static bool spmc_own_call(struct fw_call *c)
{
	switch (c->fid) {
	case FFA_FEATURES:
		spmc_features(c);
		return true;
	case FFA_ID_GET:
		spmc_success(c, FFA_ID_HYP, 0);
		return true;
	case FFA_SPM_ID_GET:
		spmc_success(c, SPMC_ID, 0);
		return true;
	case FFA_RXTX_MAP_32:
	case FFA_RXTX_MAP_64:
		spmc_rxtx_map(c);
		return true;
	case FFA_RXTX_UNMAP:
		spmc_rxtx_unmap(c);
		return true;
	case FFA_RX_RELEASE:
		spmc_rx_release(c);
		return true;
	case FFA_PARTITION_INFO_GET:
		spmc_partition_info(c);
		return true;
	default:
		return false;
	}
}

static void spmc_dispatch(struct fw_call *c)
{
	if (c->fid == FFA_VERSION) {
		spmc_count(FFA_ID_HYP, SPMC_N_ALL);
		spmc_version(c);
		return;
	}
	if (!spmc_versioned || !spmc_offers(c->fid)) {
		spmc_count(FFA_ID_HYP, SPMC_N_ALL);
		spmc_error(c, FFA_RET_NOT_SUPPORTED);
		return;
	}
	if (c->fid == FFA_MSG_SEND_DIRECT_REQ_32 ||
	    c->fid == FFA_MSG_SEND_DIRECT_REQ_64) {
		spmc_direct_req(c);
		return;
	}
	if (c->fid == FFA_MEM_SHARE_32 || c->fid == FFA_MEM_SHARE_64) {
		spmc_mem_share(c);
		return;
	}
	if (c->fid == FFA_MEM_RECLAIM) {
		spmc_mem_reclaim(c);
		return;
	}
	spmc_count(FFA_ID_HYP, SPMC_N_ALL);
	spmc_own_call(c);
}

void fw_ffa_handle(struct fw_call *c)
{
	fw_lock_acquire(&spmc_lock, c->cpu);
	spmc_dispatch(c);
	fw_lock_release(&spmc_lock, c->cpu);
}

static void spmc_log_counts(void)
{
	unsigned b, k;

	fw_puts("[fw] ffa calls by endpoint (all/direct/share/reclaim):");
	for (b = 0; b <= SPMC_LOG_IDS; b++) {
		if (!spmc_log[b][SPMC_N_ALL])
			continue;
		fw_puts(" ");
		if (b == SPMC_LOG_IDS)
			fw_puts("other");
		else
			fw_put_dec(b);
		for (k = 0; k < 4; k++) {
			fw_puts(k ? "/" : "=");
			fw_put_dec(spmc_log[b][k]);
		}
	}
	fw_puts("\n");
}

void fw_ffa_log(void)
{
	unsigned i, out = 0;

	spmc_log_counts();
	for (i = 0; i < SPMC_MAX_SHARES; i++)
		out += spmc_shares[i].used;
	fw_puts("[fw] ffa shares: made=");
	fw_put_dec(spmc_made);
	fw_puts(" reclaimed=");
	fw_put_dec(spmc_reclaimed);
	fw_puts(" refused=");
	fw_put_dec(spmc_refused);
	fw_puts(" outstanding=");
	fw_put_dec(out);
	fw_puts("\n[fw] ffa vm events:");
	for (i = 0; i < spmc_nevents; i++) {
		fw_puts(spmc_events[i] > 0 ? " +" : " -");
		fw_put_dec((uint64_t)(spmc_events[i] > 0 ? spmc_events[i]
							 : -spmc_events[i]));
	}
	fw_puts(spmc_nevents == SPMC_LOG_EVENTS ? " ...\n" : "\n");
}
