/* SPDX-License-Identifier: MIT */
/*
 * The introspection-monitor ABI, as an agent domain sees it (docs/monitor.md).
 * Plain data and constants: shared by the hypervisor and by agents.
 *
 * Calls (Vendor Hypervisor service, OEN 6, SMC64/HVC64 fast calls):
 *   ATTACH(x1 target id, x2 ring IPA, x3 ring bytes) -> x0 status,
 *          x1 slots, x2 slot size, x3 queue length
 *   DETACH(x1 target id)                             -> x0 status
 *   REPLY(x1 target id, x2 seq, x3 flags, x4 set mask) -> x0 status;
 *          the values set come from the event slot's reply_x[]
 *   WAIT(x1 target id, x2 events seen)               -> x0 status,
 *          x1 events produced; sleeps while nothing new was produced
 */
#ifndef ARBITER_MONITOR_ABI_H
#define ARBITER_MONITOR_ABI_H

#include <stdint.h>

#define ARB_MON_ATTACH 0xc6000010u
#define ARB_MON_DETACH 0xc6000011u
#define ARB_MON_REPLY  0xc6000012u
#define ARB_MON_WAIT   0xc6000013u

/* Status codes in x0 (SMCCC style: negative is an error). */
#define ARB_MON_OK	      0
#define ARB_MON_NOT_SUPPORTED (-1)
#define ARB_MON_INVALID	      (-3) /* a malformed argument */
#define ARB_MON_DENIED	      (-4) /* not this target's configured agent */
#define ARB_MON_BUSY	      (-5) /* already attached */
#define ARB_MON_NOT_FOUND     (-6) /* no such target, or no such pending event */

/* REPLY flags (x3). */
#define ARB_MON_REPLY_DONE	   0u /* use reply_x[] per the set mask */
#define ARB_MON_REPLY_HANDBACK	   1u /* route as the target's rules say */
#define ARB_MON_REPLY_DENY	   2u /* answer -1 */
#define ARB_MON_REPLY_VERDICT_MASK 3u
#define ARB_MON_REPLY_ADVANCE	   (1u << 2) /* with DONE: resume after the call */
#define ARB_MON_REPLY_FLAGS_MASK   7u
#define ARB_MON_SET_MASK_ALL	   0x3ffffu /* bits 0..17: x0..x17 */

#define ARB_MON_MAGIC	  0x4e4f4d41u /* "AMON" */
#define ARB_MON_VERSION	  1u
#define ARB_MON_SLOT_SIZE 512u

/* At the ring's IPA. Written by the hypervisor only. */
struct arb_mon_header {
	uint32_t magic;
	uint16_t version;
	uint16_t slot_size;
	uint32_t nslots;   /* one per vCPU of the target: slot i = vCPU i */
	uint32_t qlen;	   /* queue entries, a power of two */
	uint64_t produced; /* events posted so far: queue[0..produced) */
	uint32_t queue_offset;
	uint32_t slots_offset;
	uint64_t reserved[4];
};

/*
 * Queue entry i (i = seq - 1, modulo qlen) is (seq << 16) | slot. An entry
 * whose seq is not i + 1 is not written yet: read it again later.
 */
#define ARB_MON_QUEUE_SEQ(e)  ((e) >> 16)
#define ARB_MON_QUEUE_SLOT(e) ((uint32_t)((e)&0xffffu))

/* One event: the target vCPU's call, and the agent's reply values. */
struct arb_mon_event {
	uint64_t seq;	 /* written last by the hypervisor */
	uint16_t target; /* target domain id */
	uint16_t vcpu;
	uint8_t conduit; /* 0 smc, 1 hvc */
	uint8_t state;	 /* 0 AArch64, 1 AArch32 */
	uint16_t imm;
	uint32_t esr;
	uint32_t reserved0;
	uint64_t pc; /* address of the smc/hvc itself */
	uint64_t pstate;
	uint64_t x[18];
	uint64_t reply_x[18]; /* written by the agent before REPLY */
	uint8_t pad[512 - 328];
};

#endif
