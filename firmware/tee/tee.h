/* SPDX-License-Identifier: MIT */
/*
 * The firmware's test TEE: a secure-side stand-in for OP-TEE that speaks
 * OP-TEE's SMC ABI with NS-virtualization semantics, run at EL3 (no S-EL1).
 * Written from the ABI facts (tee-digest), no OP-TEE code. Documented in
 * docs/firmware.md. Internal interface between its modules.
 */
#ifndef ARBITER_FW_TEE_H
#define ARBITER_FW_TEE_H

#include "../fw.h"
#include "optee_abi.h"

#define TEE_MAX_CLIENTS	  8  /* client IDs announced with VM_CREATED */
#define TEE_NUM_THREADS	  4  /* GET_THREAD_COUNT */
#define TEE_MAX_SESSIONS  16 /* open sessions, all clients */
#define TEE_MAX_SHM	  32 /* registered buffers, all clients */
#define TEE_SHM_MAX_PAGES 64 /* per registered buffer: 256 KiB */
#define TEE_MAX_PARAMS	  6  /* 2 meta + 4 TA parameters */
#define TEE_PAGE	  4096ull
#define TEE_LIST_ENTRIES  511 /* page addresses per page-list page */
#define TEE_PREEMPT_EVERY 4   /* every 4th std call of a client: FOREIGN_INTR */

/* The argument as the TEE keeps it: a copy in secure RAM. */
struct tee_param {
	uint64_t attr;
	uint64_t u[3];
};
struct tee_arg {
	uint32_t cmd, func, session, cancel_id, pad, ret, ret_origin, nparams;
	struct tee_param p[TEE_MAX_PARAMS];
};

/* A memory reference, resolved and checked. */
enum tee_mem_kind { TEE_MEM_NULL, TEE_MEM_LIST, TEE_MEM_REG, TEE_MEM_PAGE };
struct tee_mem {
	enum tee_mem_kind kind;
	uint64_t list; /* TEE_MEM_LIST: first list page; TEE_MEM_PAGE: page */
	uint64_t offs; /* offset of byte 0 in the first data page / buffer */
	uint64_t size;
	int reg; /* TEE_MEM_REG: registered buffer index */
};

enum tee_thread_state { TEE_T_FREE, TEE_T_SUSPENDED };

/* A std call in progress. Bound to the client that started it. */
struct tee_thread {
	enum tee_thread_state state;
	uint16_t client;
	uint8_t job;  /* what the call does while it makes RPCs */
	uint8_t step; /* where it resumes */
	uint64_t arg_pa;
	struct tee_arg arg;
	struct tee_mem mem[TEE_MAX_PARAMS];
	uint64_t rpc_pa, rpc_cookie; /* RPC argument buffer (ALLOC) */
	uint64_t shm_cookie;	     /* SHM_ALLOC'd buffer */
	uint64_t t_sec, t_nsec, sum;
	uint32_t err;
};

struct tee_shm {
	bool used;
	uint16_t client;
	uint64_t cookie, offs, size;
	unsigned npages;
	uint64_t pages[TEE_SHM_MAX_PAGES];
};

struct tee_session {
	bool used;
	uint16_t client;
	uint8_t ta; /* enum tee_ta_id */
	uint32_t id;
	uint64_t counter; /* test TA state */
};

enum tee_ta_id { TEE_TA_DEVENUM = 1, TEE_TA_RNG, TEE_TA_TEST };

/* Jobs that make RPCs: a thread resumes its job at its step. */
enum tee_job { TEE_JOB_PREEMPT = 1, TEE_JOB_SLEEP };

/* Result of running a call (or a resumed one). */
struct tee_out {
	uint64_t a0, a1, a2, a3;
	bool set_a1_a3; /* RPC: a1..a3 written */
};

/* Per-client state and logs (tee_smc.c). */
struct tee_client {
	bool used;
	uint16_t id;
	unsigned calls; /* std calls started, for TEE_PREEMPT_EVERY */
};
extern struct tee_client tee_clients[TEE_MAX_CLIENTS];
extern struct tee_thread tee_threads[TEE_NUM_THREADS];
extern struct tee_shm tee_shms[TEE_MAX_SHM];
extern struct tee_session tee_sessions[TEE_MAX_SESSIONS];

/* Normal-world memory (tee_mem.c): every address checked, aligned loads
 * and stores only (EL3 runs with its MMU off: Device memory). */
bool tee_ns_page_ok(uint64_t pa);
uint64_t tee_ns_read64(uint64_t pa);
void tee_ns_write64(uint64_t pa, uint64_t v);
uint32_t tee_ns_read32(uint64_t pa);
void tee_ns_write32(uint64_t pa, uint32_t v);
/* Walk a page list: the page holding byte `index` * 4096 of the data.
 * false if a list page or entry is bad. */
bool tee_list_page(uint64_t list, uint64_t index, uint64_t *page);
bool tee_list_check(uint64_t list, uint64_t npages);
uint32_t tee_mem_resolve(uint16_t client, const struct tee_param *p,
			 struct tee_mem *m);
bool tee_mem_rw(const struct tee_mem *m, uint64_t off, void *buf, uint64_t len,
		bool write);
int tee_shm_find(uint16_t client, uint64_t cookie);
uint32_t tee_shm_register(uint16_t client, const struct tee_arg *a);
uint32_t tee_shm_unregister(uint16_t client, const struct tee_arg *a);
void tee_shm_drop_client(uint16_t client);

/* Messages (tee_msg.c): run or resume a std call. */
void tee_std_call(struct tee_client *cl, uint64_t pa, struct tee_out *o);
void tee_std_resume(struct tee_client *cl, struct tee_thread *t,
		    const uint64_t r[6], struct tee_out *o);
void tee_thread_finish(struct tee_thread *t, struct tee_out *o);
void tee_rpc(struct tee_thread *t, uint32_t code, uint64_t a1, uint64_t a2,
	     struct tee_out *o);

/* Trusted applications (tee_ta.c). */
int tee_ta_lookup(const struct tee_param *uuid);
void tee_ta_invoke(struct tee_thread *t, struct tee_session *s,
		   struct tee_out *o);
void tee_sleep_start(struct tee_thread *t, struct tee_out *o);
void tee_ta_resume(struct tee_thread *t, const uint64_t r[6],
		   struct tee_out *o);
void tee_session_drop_client(uint16_t client);
struct tee_session *tee_session_find(uint16_t client, uint32_t id);

/* Random bytes from RNDR (tee_ta.c). */
bool tee_rndr(uint64_t *out);

#endif
