/* SPDX-License-Identifier: MIT */
/*
 * The FF-A client guest: calls through the hypervisor's FF-A mediator to
 * the firmware's test SPMC and partitions (firmware/ffa/), over the
 * conduits its policy allows, checking every answer and trying what a
 * hostile guest would. Shared by its files.
 */
#ifndef GUEST_FFA_CLIENT_H
#define GUEST_FFA_CLIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "../../firmware/ffa/spmc.h"
#include "../lib/guest.h"

#define MINUS1 0xffffffffffffffffull

/* Where things live, as offsets from the base of RAM (32 MiB at least). */
#define TX_OFF	    0x1000000ull /* one page */
#define RX_OFF	    0x1001000ull /* one page */
#define DATA_OFF    0x1100000ull /* pages shared with the partitions */
#define PERSIST_OFF 0x1800000ull /* survives a SYSTEM_RESET */
#define RAM_NEEDED  0x1900000ull

#define SP1 0x8001u
#define SP2 0x8002u

/* This domain: its endpoint ID, another domain's, which conduits its
 * policy sends to the mediator (bit 0 smc, bit 1 hvc). */
extern uint16_t my_id, peer_id;
extern unsigned ffa_conduits;

/* The i-th allowed conduit, alternating. */
enum guest_conduit cd(unsigned i);
uint64_t ram(uint64_t off); /* IPA of an offset into RAM */

/* One call: x0-x7 in, x0-x17 out. */
struct smccc_res fcall(enum guest_conduit c, uint32_t fid, uint64_t a1,
		       uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
		       uint64_t a6, uint64_t a7);
static inline struct smccc_res fcall3(enum guest_conduit c, uint32_t fid,
				      uint64_t a1, uint64_t a2, uint64_t a3)
{
	return fcall(c, fid, a1, a2, a3, 0, 0, 0, 0);
}
bool is_ok(const struct smccc_res *r);
bool is_err(const struct smccc_res *r, int32_t code);
/* FFA_ERROR(code) of fid(a1, a2, a3) over both allowed conduits. */
bool all_err(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3, int32_t code);

/* A direct request to `sp` from this domain: w3 = cmd, w4-w7 args. */
struct smccc_res sp_call(enum guest_conduit c, bool is64, uint16_t sp,
			 uint32_t cmd, uint64_t a4, uint64_t a5, uint64_t a6,
			 uint64_t a7);
/* Whether r is a direct response from sp to us with status 0. */
bool sp_answered(const struct smccc_res *r, bool is64, uint16_t sp);

/* Descriptors, written into the TX buffer: a valid one, then pokes. */
struct share_desc {
	unsigned nrecv;
	uint16_t recv[6];
	uint8_t perms[6];
	unsigned nranges;
	uint64_t addr[72];
	uint32_t pages[72];
};
uint32_t desc_write(const struct share_desc *d);
void tx16(uint32_t off, uint16_t v);
void tx32(uint32_t off, uint32_t v);
void tx64(uint32_t off, uint64_t v);
/* MEM_SHARE of the TX buffer's first len bytes; *handle on success. */
struct smccc_res share(enum guest_conduit c, uint32_t fid, uint32_t len,
		       uint64_t *handle);
struct smccc_res reclaim(enum guest_conduit c, uint64_t handle);
/* One page, one receiver, RW: the usual share. */
uint32_t desc_one(uint16_t sp, uint64_t page_ipa, uint32_t pages);

/* The parts of the test (rxtx.c, msg.c, mem.c, race.c). */
void test_rxtx(void);
void test_partitions(void);
void test_rxtx_end(void);
void test_direct(void);
void test_mem(void);
void test_mem_hostile(void);
void test_handles_guessed(void);
void test_race(void);
void race_cpu(void);
void role_reset(void);

#endif
