/* SPDX-License-Identifier: MIT */
/*
 * The firmware's test SPMC and its two test secure partitions: FF-A v1.1
 * as the normal world sees it from below, run at EL3 inside the firmware
 * (no S-EL1/S-EL2: a partition is a function that answers a direct
 * request). Written from the ABI facts (tee-digest section 5); documented
 * in docs/firmware.md. Internal interface between its modules.
 *
 * Every normal-world caller is endpoint 0 (the hypervisor, or the NS
 * physical instance without one); it acts for VMs by naming them as
 * senders, as FF-A lets a hypervisor do. All state is in secure RAM.
 */
#ifndef ARBITER_FW_SPMC_H
#define ARBITER_FW_SPMC_H

#include "../fw.h"
#include "arbiter/ffa.h"

#define SPMC_ID		 0x8000u
#define SPMC_NSPS	 2
#define SPMC_MAX_SHARES	 16
#define SPMC_MAX_RANGES	 64
#define SPMC_MAX_RECV	 4
#define SPMC_RXTX_PAGES	 4 /* at most, per buffer */
#define SPMC_DESC_MAX	 4096u
#define SPMC_HANDLE_BASE 0x100000000ull /* handles: BASE + 1, + 2, ... */

/* SP1 refuses VM creation for endpoint IDs from here up, so the
 * hypervisor's refusal path can be seen end to end. */
#define SP_REFUSE_VM_FROM 0x7000u

/* Direct request commands (w3) of the test partitions; the response's w3
 * is a status (0, or an FF-A error code), results from w4. */
#define SP_CMD_ECHO	 0x1u  /* w4-w7 back unchanged */
#define SP_CMD_ADD	 0x2u  /* w4 = w4 + w5 + w6 + w7, w5 = sender */
#define SP_CMD_WHOAMI	 0x3u  /* w4 = sender, w5 = SP, w6 = requests */
#define SP_CMD_MEM_SUM	 0x10u /* handle w4/w5: w4 = sum of words, w5 = pages */
#define SP_CMD_MEM_FILL	 0x11u /* handle w4/w5, word w6: w4 = pages */
#define SP_CMD_MEM_HOLD	 0x12u /* handle w4/w5: reclaim is refused */
#define SP_CMD_MEM_DROP	 0x13u /* handle w4/w5: reclaim is allowed */
#define SP_CMD_MEM_COUNT 0x14u /* w4 = the sender's shares, w5 = held */

struct spmc_sp {
	uint16_t id;
	uint32_t props;
	uint32_t uuid[4]; /* as w1-w4 of PARTITION_INFO_GET carry it */
};
extern const struct spmc_sp spmc_sps[SPMC_NSPS];

struct spmc_range {
	uint64_t pa;
	uint32_t pages;
};

/* A share the normal world made: kept in secure RAM, page addresses
 * checked to be normal RAM once, when it was made. */
struct spmc_share {
	bool used;
	uint16_t sender;
	uint64_t handle;
	uint32_t nrecv;
	uint16_t recv[SPMC_MAX_RECV];
	uint8_t perms[SPMC_MAX_RECV];
	uint8_t held; /* bit i: recv[i] holds it (a retrieve in effect) */
	uint32_t pages;
	uint32_t nranges;
	struct spmc_range r[SPMC_MAX_RANGES];
};
extern struct spmc_share spmc_shares[SPMC_MAX_SHARES];

/* The caller's (endpoint 0's) buffers. */
struct spmc_rxtx {
	uint64_t tx, rx;
	uint32_t pages; /* 0: not mapped */
	bool rx_full;	/* owned by the caller until RX_RELEASE */
};
extern struct spmc_rxtx spmc_buf;

/* The call log (spmc.c): per endpoint ID 0-15, then "other". */
enum spmc_count_kind {
	SPMC_N_ALL,
	SPMC_N_DIRECT,
	SPMC_N_SHARE,
	SPMC_N_RECLAIM
};
void spmc_count(uint16_t endpoint, enum spmc_count_kind kind);
void spmc_vm_event(int32_t ev); /* +id created, -id destroyed */
extern unsigned spmc_made, spmc_reclaimed, spmc_refused;

/* Results: x0-x7 written (unused ones zero, as the ABI says). */
void spmc_success(struct fw_call *c, uint64_t w2, uint64_t w3);
void spmc_error(struct fw_call *c, int32_t code);
const struct spmc_sp *spmc_sp_find(uint16_t id);

/* Memory (spmc_mem.c). */
void spmc_mem_share(struct fw_call *c);
void spmc_mem_reclaim(struct fw_call *c);
struct spmc_share *spmc_share_find(uint64_t handle);
/* Index of `sp` among the share's receivers, or -1. */
int spmc_share_recv(const struct spmc_share *s, uint16_t sp);

/* Secure partitions (sp.c): a direct request from `sender` to `sp`. */
void sp_direct_req(struct fw_call *c, const struct spmc_sp *sp,
		   uint16_t sender);

#endif
