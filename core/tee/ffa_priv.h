/* SPDX-License-Identifier: MIT */
/*
 * The FF-A mediator's own state: what the SPMC said at boot (its version,
 * which calls it has, its secure partitions), the hypervisor's own RX/TX
 * pair mapped with it, and per domain the negotiated version, the guest's
 * RX/TX pair and the memory it shared.
 */
#ifndef ARBITER_FFA_PRIV_H
#define ARBITER_FFA_PRIV_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "arbiter/call.h"
#include "arbiter/domain.h"
#include "arbiter/ffa.h"
#include "arbiter/platform.h"

#define FFA_MAX_SPS	    16	  /* secure partitions remembered at boot */
#define FFA_MAX_SHARES	    32	  /* table size; the limit is at most this */
#define FFA_MAX_RECEIVERS   4	  /* borrowers of one share */
#define FFA_MAX_RANGES	    64	  /* constituents of one share, as given */
#define FFA_MAX_OUT_RANGES  128	  /* constituents once translated */
#define FFA_RXTX_MAX_PAGES  4	  /* a guest's RX or TX buffer: 16 KiB */
#define FFA_DESC_MAX	    4096u /* a guest's descriptor, copied */
#define FFA_VM_MSG_ATTEMPTS 10	  /* a VM message the SP asks to retry */

/* A secure partition, as PARTITION_INFO_GET described it at boot. */
struct ffa_sp {
	uint16_t id;
	uint32_t props;
};

/* What the SPMC said at boot (ffa.c). */
struct ffa_info {
	bool found;
	uint32_t version; /* the SPMC's FFA_VERSION */
	uint16_t spmc_id; /* SPM_ID_GET, when it has it */
	uint32_t has;	  /* bit i: ffa_fns[i] is backed by the SPMC */
	uint32_t nsps;
	struct ffa_sp sps[FFA_MAX_SPS];
};
extern struct ffa_info ffa_info;

/* Per-domain limits (tee-limits, docs/tee.md). */
struct ffa_limits {
	uint32_t shares;      /* shares outstanding */
	uint32_t pages;	      /* their pages, in total */
	uint32_t share_pages; /* pages of one share */
};

enum ffa_share_state {
	FSH_FREE = 0,
	FSH_PENDING,	/* its MEM_SHARE is at the SPMC */
	FSH_SHARED,	/* the SPMC holds it under `handle` */
	FSH_RECLAIMING, /* a MEM_RECLAIM is at the SPMC */
	FSH_ORPHAN,	/* the domain is gone, the SPMC refused the reclaim */
};

struct ffa_share {
	uint64_t handle;
	uint32_t pages;
	uint8_t state; /* enum ffa_share_state */
};

struct ffa_dom {
	struct domain *d;
	_Atomic uint32_t lock;
	uint16_t id;  /* endpoint ID = the client ID (< 0x8000) */
	bool created; /* the secure partitions accepted it */
	/* Read by every vCPU of the domain without the lock: atomics. */
	_Atomic uint32_t version;   /* negotiated; 0 until FFA_VERSION */
	_Atomic bool version_fixed; /* another call came: no renegotiation */
	uint64_t tx_ipa, rx_ipa;    /* the guest's buffers, when mapped */
	uint32_t rxtx_pages;	    /* 0: not mapped */
	bool rx_full;		    /* the guest owns its RX until RX_RELEASE */
	bool desc_busy;		    /* a MEM_SHARE is using `desc` */
	uint8_t *desc;		    /* FFA_DESC_MAX bytes: the guest's copy */
	struct ffa_limits lim;
	uint32_t pages; /* pages of outstanding shares */
	struct ffa_share shares[FFA_MAX_SHARES];
};

/* ffa.c */
struct ffa_dom *ffa_dom_of(struct domain *d);
void ffa_lock(struct ffa_dom *fd);
void ffa_unlock(struct ffa_dom *fd);
/* The hypervisor's own RX/TX pair is one for all domains: held across the
 * SPMC call that uses it (a bounded wait). */
void ffa_hyp_lock(void);
void ffa_hyp_unlock(void);
uint8_t *ffa_hyp_rx(void);
uint8_t *ffa_hyp_tx(void);
const struct ffa_sp *ffa_sp_find(uint16_t id);

/* Answers: FFA_SUCCESS with w2/w3, FFA_ERROR with a code; w1-w7 are all
 * written (the ABI makes the unused ones zero). */
void ffa_success(struct call_frame *f, uint64_t w2, uint64_t w3);
void ffa_error(struct call_frame *f, int32_t code);
/* FFA_SUCCESS (rc 0) or FFA_ERROR rc; the call is done. */
enum call_outcome ffa_status(struct call_frame *f, int32_t rc);
/* One SMC to the SPMC: x0-x7 as given, x8-x17 zero. */
void ffa_spmc_call(struct smccc_regs *r, uint32_t fid, uint64_t a1, uint64_t a2,
		   uint64_t a3, uint64_t a4);

/* Guest memory: true when [ipa, ipa + len) is RAM of d. */
bool ffa_ipa_ok(const struct domain *d, uint64_t ipa, uint64_t len);
static inline uint8_t *ffa_guest(const struct domain *d, uint64_t ipa)
{
	return d->ram_host + (ipa - d->ram_ipa);
}

/* ffa_rxtx.c: the buffers and what goes through them. */
enum call_outcome ffa_rxtx_map(struct ffa_dom *fd, struct call_frame *f);
enum call_outcome ffa_rxtx_unmap(struct ffa_dom *fd, struct call_frame *f);
enum call_outcome ffa_rx_release(struct ffa_dom *fd, struct call_frame *f);
enum call_outcome ffa_partition_info(struct ffa_dom *fd, struct call_frame *f);
/* Boot: the SPMC's partitions, read through the hypervisor's RX. */
bool ffa_sps_probe(void);

/* ffa_msg.c: direct messages, and the VM availability messages. */
enum call_outcome ffa_direct_req(struct ffa_dom *fd, struct call_frame *f);
/* Tell the SPs that asked for it (property bit 6 / 7); false when one of
 * them refused a creation. */
bool ffa_vm_msgs(struct ffa_dom *fd, bool created);

/* ffa_mem.c */
enum call_outcome ffa_mem_share(struct ffa_dom *fd, struct call_frame *f);
enum call_outcome ffa_mem_reclaim(struct ffa_dom *fd, struct call_frame *f);
/* Teardown and restart: reclaim every share the domain left (orphans
 * too); returns how many the SPMC still refuses. */
uint32_t ffa_mem_reclaim_all(struct ffa_dom *fd);

#endif
