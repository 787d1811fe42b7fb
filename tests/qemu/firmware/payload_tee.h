/* SPDX-License-Identifier: MIT */
/* The test payload's normal-world side of OP-TEE's SMC ABI: messages in
 * its own pages, RPCs answered as Linux's driver answers them. */
#ifndef FW_TEST_PAYLOAD_TEE_H
#define FW_TEST_PAYLOAD_TEE_H

#include "payload.h"
#include "tee/optee_abi.h"

#define PG 4096u

struct msg_param {
	uint64_t attr, a, b, c;
};
struct msg_arg {
	uint32_t cmd, func, session, cancel_id, pad, ret, ret_origin, nparams;
	struct msg_param p[6];
};

/* What the normal world did for the RPCs of one call. */
struct rpc_stats {
	unsigned intr, alloc, free, cmd, time, shm_alloc, shm_free, other;
};

/* How the normal world misbehaves while answering RPCs. */
enum rpc_mode {
	RPC_GOOD,
	RPC_ALLOC_ZERO,	  /* ALLOC answered with PA 0 */
	RPC_ALLOC_SECURE, /* ALLOC answered with a secure-RAM PA */
	RPC_SHM_BAD_LIST, /* SHM_ALLOC answered with a list into secure RAM */
};

extern enum rpc_mode rpc_mode;
extern struct rpc_stats rpc_st;

uint8_t *pg(unsigned i); /* a scratch page of the payload */
uint64_t pa_of(const void *p);
struct msg_arg *arg_page(unsigned i);
void arg_init(struct msg_arg *a, uint32_t cmd, uint32_t func, uint32_t sess,
	      uint32_t n);
/* Fast call as a client: a0 returned, r holds every register. */
uint64_t tee_fast(uint16_t client, uint32_t fid, uint64_t a1,
		  struct smc_regs *r);
/* x4-x6 and x8-x17 still hold call_init's pattern (x7 is the client). */
bool tee_kept(const struct smc_regs *r);
/* CALL_WITH_ARG at pa, RPCs answered until the call completes. */
uint64_t tee_std(uint16_t client, uint64_t pa);
/* One step only: the raw answer (an RPC or a completion). */
uint64_t tee_std_start(uint16_t client, uint64_t pa, struct smc_regs *r);
uint64_t tee_std_finish(uint16_t client, struct smc_regs *r);
/* Open a session to the TA whose UUID bytes are given; 0 on failure. */
uint32_t tee_open(uint16_t client, struct msg_arg *a, const uint8_t uuid[16],
		  uint32_t *ret);
uint32_t tee_close(uint16_t client, struct msg_arg *a, uint32_t session);
/* A page list at list page `lp` describing data pages idx[0..n). */
uint64_t make_list(unsigned lp, const unsigned *idx, unsigned n, unsigned offs);
uint32_t tee_register(uint16_t client, struct msg_arg *a, uint64_t list,
		      uint64_t size, uint64_t cookie);
uint32_t tee_unregister(uint16_t client, struct msg_arg *a, uint64_t cookie);

/* Test TA calls on session s: INC (value inout; c = session counter) and
 * CHECKSUM of a registered buffer; the TA's ret (or 0xffffffff). */
uint32_t inc(uint16_t client, uint32_t s, uint64_t *c);
uint32_t checksum(uint16_t client, uint32_t s, uint64_t cookie, uint64_t offs,
		  uint64_t size, uint64_t *sum);

extern const uint8_t uuid_devenum[16], uuid_rng[16], uuid_test[16];

void test_tee_probe(void);
void test_tee_sessions(void);
void test_tee_rpc(void);
void test_tee_isolation(void);
void test_tee_malformed(void);

#endif
