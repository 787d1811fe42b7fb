/* SPDX-License-Identifier: MIT */
/*
 * A bare-metal OP-TEE client (issue 8): it drives Arbiter's OP-TEE
 * mediator through real traps, down to the firmware's test TEE, the way
 * Linux's optee driver does (CALL_WITH_ARG, every RPC answered), and the
 * ways a hostile guest would. One image serves every domain of the TEE
 * scenarios; /chosen/bootargs choose what it does:
 *
 *   mode=probe     conduits, Linux's probe sequence, a session, RPCs
 *   mode=denied    no TEE rule: every OP-TEE call is -1, nothing reaches
 *                  the secure side
 *   mode=good      the whole good path, then every vCPU calls at once
 *   mode=hostile   bad addresses, page lists, cookies, threads, RPC
 *                  answers, forbidden calls, a rewritten argument
 *   mode=neighbour works beside a hostile domain and must never fail
 *   mode=limits    every per-domain limit exceeded
 *   mode=reset     holds calls in RPCs, then resets itself (and checks the
 *                  second boot)
 *   mode=off       holds calls in RPCs, then powers off
 *   mode=cost      round trips of mediated calls, under --icount
 *   mode=restarts  resets itself past its restarts (restarts=N)
 *   mode=witness   sessions and invocations for secs=N beside a hostile
 *                  domain; none may fail
 *   id=N           this domain's client ID; peer=N the neighbour's
 *   peer-pa=HEX    physical address of the neighbour's RAM
 *   conduit=smc|hvc|both  what the domain's TEE rule routes
 *   limit=N        the call limit the mediator must report
 *   sip            the SiP range is forwarded: the firmware's per-client
 *                  call counts (to prove what reached the secure side)
 *                  and its register window (a mailbox between domains)
 */
#ifndef TEE_CLIENT_TC_H
#define TEE_CLIENT_TC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "../../firmware/sip.h"
#include "../../firmware/tee/optee_abi.h"
#include "../lib/guest.h"

/* OP-TEE calls the test TEE does not have: a guest's never reach it. */
#define TC_LOAD_IMAGE		 0xbf000002u
#define TC_L2CC_MUTEX		 0xb2000008u
#define TC_BOOT_SECONDARY	 0xb200000cu
#define TC_ENABLE_ASYNC_NOTIF	 0xb2000010u
#define TC_GET_ASYNC_NOTIF_VALUE 0xb2000011u
#define TC_CALL_WITH_RPC_ARG	 0x32000012u
#define TC_CALL_WITH_REGD_ARG	 0x32000013u
#define TC_GET_PROTMEM_CONFIG	 0xb2000014u
#define TC_UNKNOWN32		 0xffffffffu
#define TC_CAPS			 (OPTEE_CAP_DYNAMIC_SHM | OPTEE_CAP_MEMREF_NULL)
#define TEE_ERROR_TARGET_DEAD	 0xffff3024u
#define TC_RPC_CMD_NOTIFICATION	 4u
#define TC_RPC_CMD_SUSPEND	 5u
/* The test TEE interrupts every fourth std call of a client first. */
#define TC_PREEMPT_EVERY 4u

#define PG     4096u
#define MINUS1 0xffffffffffffffffull
/* A helper's result when a0 was not OK: the a0, marked. */
#define A0_ERR(a0) (0xa0000000u | (uint32_t)(a0))

#define CONDUITS(c) for (enum guest_conduit c = GUEST_SMC; c <= GUEST_HVC; c++)

/* struct optee_msg_arg with its parameters. */
struct tc_param {
	uint64_t attr, a, b, c;
};
struct tc_arg {
	uint32_t cmd, func, session, cancel_id, pad, ret, ret_origin, nparams;
	struct tc_param p[];
};

struct tc_conf {
	unsigned id, peer, limit;
	uint64_t peer_pa;
	bool smc, hvc; /* conduits the TEE rule routes */
	bool sip;
	enum guest_conduit c; /* the conduit std calls use */
};
extern struct tc_conf tc;

bool has_word(const char *w);
uint64_t bootarg_hex(const char *key, uint64_t dflt);

/* Time, from the virtual counter. */
uint64_t ticks(void);
uint64_t ticks_per_sec(void);
uint64_t deadline_ms(unsigned ms);
bool passed(uint64_t deadline);
void delay_ms(unsigned ms);

/* Pages of RAM for messages, lists and buffers (RAM + 4 MiB, 4 MiB). */
void *pg_alloc(void);
/* n pages one after the other. */
void *pg_alloc_run(unsigned n);
void pg_free(void *p);
static inline uint64_t ipa(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}
/* The first IPA past this domain's RAM. */
uint64_t ram_end(void);

/* A page list: buf = first list page | offset. */
struct tc_list {
	uint64_t buf;
	uint64_t *lp[8];
	unsigned nlp;
};
uint64_t list_make(struct tc_list *l, void *const *pages, unsigned n,
		   unsigned offs);
void list_free(struct tc_list *l);

/* Messages. Each vCPU has four argument pages of its own. */
struct tc_arg *my_arg(unsigned i);
void arg_set(struct tc_arg *a, uint32_t cmd, uint32_t func, uint32_t sess,
	     uint32_t n);
void put_uuid(struct tc_param *p, const uint8_t u[16]);
extern const uint8_t uuid_devenum[16], uuid_rng[16], uuid_test[16];

/* How a call's RPCs are answered (ALLOC, CMD SHM_ALLOC), and what came. */
enum alloc_mode {
	ALLOC_GOOD,
	ALLOC_ZERO,   /* a1:a2 = 0: allocation failed */
	ALLOC_IPA,    /* a1:a2 = rpc.bad */
	ALLOC_COOKIE, /* a good page, cookie rpc.bad */
};
enum shm_mode {
	SHM_GOOD,
	SHM_CONTIG, /* TMEM_OUTPUT, no list: contiguous pages (Linux's way
		     * for a kernel buffer) */
	SHM_AT,	    /* TMEM_OUTPUT, no list, at rpc.bad */
	SHM_ENTRY,  /* the list's first entry is rpc.bad */
	SHM_LIST,   /* buf_ptr = rpc.bad */
	SHM_SIZE0,  /* size 0 */
	SHM_SHORT,  /* less than asked for */
	SHM_INOUT,  /* TMEM_INOUT | NONCONTIG */
	SHM_REFUSE, /* ret = OUT_OF_MEMORY, as when Linux has no memory */
	SHM_COOKIE, /* a good list under cookie rpc.bad */
};
struct tc_rpc {
	uint8_t alloc_mode, shm_mode;
	uint64_t bad;
	unsigned intr, alloc, free, cmd, time, shm_alloc, shm_free, shm_ok,
		other;
	uint64_t t_sec, t_nsec; /* the last GET_TIME answer */
	uint64_t arg_cookie;	/* the last ALLOC's cookie */
	uint64_t shm_cookie;	/* the last SHM_ALLOC's cookie */
};

/* One std call: registers of the last exit, the conduits, the RPCs. */
struct tc_call {
	enum guest_conduit c, rc; /* CALL_WITH_ARG / RETURN_FROM_RPC */
	struct smccc_res r;
	struct tc_rpc rpc;
	unsigned steps;
};
void call_init(struct tc_call *k, enum guest_conduit c);
/* CALL_WITH_ARG of the argument at a1:a2 as given; counted = it must
 * reach the secure side. Returns a0. */
uint32_t call_raw(struct tc_call *k, uint64_t a1, uint64_t a2, bool counted);
uint32_t call_start(struct tc_call *k, const struct tc_arg *a);
/* Answer the RPC in k->r and RETURN_FROM_RPC. */
uint32_t call_resume(struct tc_call *k);
/* Resume until the call is done; a0. */
uint32_t call_finish(struct tc_call *k);
/* Resume until the next RPC is `code` (left unanswered); false if the
 * call ended first. */
bool call_until(struct tc_call *k, uint32_t code);
static inline bool is_rpc(uint64_t a0)
{
	return OPTEE_SMC_IS_RPC((uint32_t)a0);
}
/* A whole call with Linux's answers: a->ret, or A0_ERR(a0). */
uint32_t tc_std(enum guest_conduit c, struct tc_arg *a);
/* Registers x1-x17 the mediator should have left alone, violated. */
extern _Atomic unsigned regs_clobbered;

/* What must have reached the secure side from this boot: std calls and
 * RETURN_FROM_RPCs, counted as they are made. */
extern _Atomic unsigned model_std, model_rpc;

/* The firmware (SiP range forwarded): TEE calls of this client that it
 * saw, and its register window as a mailbox between domains. */
uint64_t fw_seen(void);
uint32_t mbox_get(unsigned i);
void mbox_put(unsigned i, uint32_t v);
bool mbox_wait(unsigned i, uint32_t v, unsigned seconds);
/* The firmware saw exactly what the model says (since boot); on the last
 * boot also print what the test TEE's log must show for this client at
 * the end: earlier boots and the drain of calls left held included. */
void check_model(bool last_boot);
extern uint64_t fw_base;
extern uint64_t prev_std, prev_rpc, drain_rpc;

/* Test TA and sessions (ta.c); each returns ret or A0_ERR. */
uint32_t sess_open(enum guest_conduit c, const uint8_t uuid[16], uint32_t *s);
uint32_t sess_close(enum guest_conduit c, uint32_t s);
uint32_t ta_inc(enum guest_conduit c, uint32_t s, uint64_t v[3]);
uint32_t ta_sum(enum guest_conduit c, uint32_t s, const struct tc_param *m,
		uint64_t *sum);
uint32_t ta_fill(enum guest_conduit c, uint32_t s, const struct tc_param *m,
		 uint8_t byte);
/* Arguments only, for calls the mediator must refuse. */
struct tc_arg *reg_arg(struct tc_arg *a, uint64_t buf, uint64_t size,
		       uint64_t cookie);
struct tc_arg *unreg_arg(struct tc_arg *a, uint64_t cookie);
struct tc_arg *sum_arg(struct tc_arg *a, uint32_t s, const struct tc_param *m);
uint32_t shm_register(enum guest_conduit c, uint64_t buf, uint64_t size,
		      uint64_t cookie);
uint32_t shm_unregister(enum guest_conduit c, uint64_t cookie);
void sleep_arg(struct tc_arg *a, uint32_t s, uint64_t size);
uint64_t sleep_sum(uint64_t size);
struct tc_param tmem(uint64_t attr, uint64_t buf, uint64_t size);
struct tc_param rmem(uint64_t attr, uint64_t cookie, uint64_t offs,
		     uint64_t size);
/* Pages filled with bytes seed, seed+1, ...; their byte sum. */
uint64_t pages_fill(void *const *pages, unsigned n, uint8_t seed);

/* Between a hostile domain and its neighbour: the firmware's register
 * window words each writes, and what they say. */
#define MB_NB	   0
#define MB_HX	   1
#define MB_NB_SESS 4	       /* the neighbour's session ID */
#define NB_READY   0x4e420001u /* cookie registered, a call held */
#define HX_DONE	   0x48580001u
#define NB_COOKIE  0x4e42000000000001ull
#define SECURE_RAM 0x0e000000ull
#define UART_PA	   0x09000000ull
#define HYP_PA	   0x60000000ull
/* A CALL_WITH_ARG the mediator must answer itself: a0 OK with ret, origin
 * COMMS in the argument, and the firmware saw nothing. */
bool refused(struct tc_arg *a, uint32_t ret);
/* CALL_WITH_ARG at a1:a2 answered a0 by the mediator alone. */
bool refused_a0(uint64_t a1, uint64_t a2, uint32_t a0);
/* CHECKSUM of p0 the mediator must refuse with ret. */
bool p0_refused(uint32_t s, struct tc_param p0, uint32_t ret);
/* The next std call is the one the test TEE interrupts first
 * (FOREIGN_INTR on every fourth of a client): pad with INCs. */
void preempt_next(uint32_t s);

/* The scenarios' parts. */
void run_probe(void);
void run_denied(void);
void probe_checks(void);
void run_good(void);
void run_cost(void);
void run_restarts(void);
void run_witness(void);
void good_smp(void);
void run_hostile(void);
void hostile_rpc(void);
void hostile_rewrite(void);
void pool_check(uint32_t s);
void run_neighbour(void);
void run_limits(void);
void run_life(bool reset);
/* What a secondary vCPU runs (CPU_ON argument). */
enum cpu_job {
	JOB_SMP = 1,
	JOB_REWRITE,
	JOB_RESUME,
	JOB_LIMITS,
};
/* CPU_ON of vCPU i for `job`, once it is OFF again. */
int64_t cpu_start(unsigned i, enum cpu_job job);
void good_cpu(unsigned index);
void rewrite_cpu(unsigned index);
void resume_cpu(unsigned index);
void limits_cpu(unsigned index);

#endif
