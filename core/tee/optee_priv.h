/* SPDX-License-Identifier: MIT */
/*
 * The OP-TEE mediator's own state: what the secure side said at boot, and
 * per domain its calls in flight, its registered shared memory, its RPC
 * buffers and the fixed pool of pages its shadows come from.
 */
#ifndef ARBITER_OPTEE_PRIV_H
#define ARBITER_OPTEE_PRIV_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "arbiter/call.h"
#include "arbiter/domain.h"
#include "arbiter/platform.h"
#include "optee_abi.h"

/* Table sizes (the limits below are at most these). */
#define OPTEE_MAX_CALLS	   8
#define OPTEE_POOL_PAGES   48 /* per domain; at most 64 (one mask) */
#define OPTEE_MAX_SHM	   32
#define OPTEE_MAX_RPC_BUFS 8
#define OPTEE_MAX_RPC_SHM  8

/* Per-domain limits: defaults in optee.c, below the secure side's totals. */
struct optee_limits {
	uint32_t calls;	    /* calls in flight (running or in an RPC) */
	uint32_t shm_bufs;  /* registered buffers */
	uint32_t shm_pages; /* pages of registered buffers, in total */
	uint32_t buf_pages; /* pages of any one memory reference */
	uint32_t restarts;  /* VM_CREATED again after a reset, at most */
	uint32_t sessions;  /* open sessions (OPEN_SESSION in flight too) */
};

/*
 * OP-TEE OS 4.10 with NS-virtualization does not give back all of a
 * partition's memory on VM_DESTROYED: about 126 create/destroy cycles
 * exhaust it and the secure world panics, for every domain (docs/tee.md
 * §5). The cycles are shared out: each OP-TEE domain may be re-created
 * its share of this many times after its first boot.
 */
#define OPTEE_VM_CYCLES 100u

/* Sessions a domain may hold open at once by default: the secure side's
 * sessions (and its TAs' memory) are shared by every domain, and one that
 * opened them all would starve the others (tee-limits sessions). */
#define OPTEE_DEFAULT_SESSIONS 8u

enum optee_call_state {
	OC_FREE = 0,
	OC_ACTIVE,    /* a vCPU of the domain is inside the call */
	OC_SUSPENDED, /* waiting for the guest's RETURN_FROM_RPC */
};

/* One call in flight. */
struct optee_call {
	uint8_t state;		      /* enum optee_call_state */
	uint32_t thread;	      /* secure thread, while SUSPENDED */
	uint32_t rpc;		      /* the RPC the guest must answer */
	uint64_t rpc_a1, rpc_a2;      /* its a1/a2 as the guest saw them */
	uint64_t arg_ipa;	      /* the guest's optee_msg_arg */
	struct optee_msg_arg *shadow; /* its copy, one pool page */
	uint64_t pages;		      /* pool pages held (mask) */
	uint32_t nparams;	      /* as copied: never re-read */
	uint64_t reg_cookie;	      /* REGISTER_SHM: the cookie */
	uint32_t reg_pages;	      /* REGISTER_SHM: its pages */
	uint64_t reg_size;
	uint32_t reg_slot; /* REGISTER_SHM: shm[] index + 1 */
	bool opening; /* OPEN_SESSION: holds one of the domain's sessions */
};

enum optee_shm_state {
	OSHM_FREE = 0,
	OSHM_REGISTERED, /* the secure side holds it */
	OSHM_PENDING,	 /* its REGISTER_SHM is in flight */
};

/* A buffer the domain registered (REGISTER_SHM) and the secure side holds. */
struct optee_shm {
	uint64_t cookie;
	uint64_t size;
	uint32_t npages;
	uint8_t used; /* enum optee_shm_state */
};

/* An RPC argument buffer (ALLOC): the guest's page and our shadow. */
struct optee_rpcbuf {
	uint64_t cookie;
	uint64_t ipa;
	struct optee_msg_arg *shadow;
	uint64_t page; /* pool mask */
	uint8_t used;
};

/* Shared memory the guest allocated for the secure side (RPC SHM_ALLOC):
 * the translated page list stays ours until SHM_FREE. */
struct optee_rpcshm {
	uint64_t cookie;
	uint64_t pages; /* pool mask of the list pages */
	uint8_t used;
};

struct optee_dom {
	struct domain *d;
	_Atomic uint32_t lock;
	bool created;	    /* the secure side accepted VM_CREATED */
	uint32_t creations; /* VM_CREATED issued for it since boot */
	uint32_t generation;
	struct optee_limits lim;
	uint8_t *pool;	    /* OPTEE_POOL_PAGES pages, page-aligned */
	uint64_t pool_free; /* bit i: page i is free */
	uint32_t shm_pages; /* registered pages in total */
	uint32_t nshm;
	uint32_t nsessions; /* open, or being opened */
	struct optee_call calls[OPTEE_MAX_CALLS];
	struct optee_shm shm[OPTEE_MAX_SHM];
	struct optee_rpcbuf rpcbuf[OPTEE_MAX_RPC_BUFS];
	struct optee_rpcshm rpcshm[OPTEE_MAX_RPC_SHM];
};

/* What the secure side answered at boot (optee.c). */
struct optee_info {
	bool found;
	uint32_t os_uuid[4];
	uint32_t os_rev[3];
	uint32_t caps;
	uint32_t threads;
};
extern struct optee_info optee_info;

/* optee.c */
struct optee_dom *optee_dom_of(struct domain *d);
void optee_lock(struct optee_dom *od);
void optee_unlock(struct optee_dom *od);
/*
 * A pool page, its mask bit in *mask; NULL when none is free. Not zeroed:
 * zeroing 4 KiB was half of a mediated call's cost, and an argument copy or
 * a page list is written before the secure side reads it (only what was
 * written is ever read). A page whose contents may reach a guest (an RPC
 * buffer's shadow) is taken zeroed, so no earlier use of the page (a list
 * of physical addresses) can show through.
 */
void *optee_page_get(struct optee_dom *od, uint64_t *mask);
void *optee_page_get_zeroed(struct optee_dom *od, uint64_t *mask);
void optee_pages_put(struct optee_dom *od, uint64_t mask);
/* Forward x0-x7 to the secure side under the domain's client ID. */
void optee_smc(struct optee_dom *od, struct smccc_regs *r);

/* Guest memory: true when [ipa, ipa + len) is RAM of d. */
bool optee_ipa_ok(const struct domain *d, uint64_t ipa, uint64_t len);
static inline void *optee_guest(const struct domain *d, uint64_t ipa)
{
	return d->ram_host + (ipa - d->ram_ipa);
}

/* optee_call.c: CALL_WITH_ARG and the end of every std call. */
enum call_outcome optee_std_call(struct optee_dom *od, struct call_frame *f);
enum call_outcome optee_result(struct optee_dom *od, struct optee_call *c,
			       struct call_frame *f, struct smccc_regs *r);
void optee_call_release(struct optee_dom *od, struct optee_call *c);
/* Translate a guest page list (buf_ptr = list IPA | offset) of `size`
 * bytes into pool pages; *pa = our list's PA | offset. TEE_SUCCESS or a
 * TEE error. */
uint32_t optee_list_translate(struct optee_dom *od, uint64_t buf_ptr,
			      uint64_t size, uint64_t *pa, uint64_t *mask,
			      uint32_t *npages);

/* The same for `size` bytes of guest RAM contiguous from the page-aligned
 * `ipa` (Linux's answer to a kernel SHM_ALLOC): our page list of it. */
uint32_t optee_range_translate(struct optee_dom *od, uint64_t ipa,
			       uint64_t size, uint64_t *pa, uint64_t *mask,
			       uint32_t *npages);

/* optee_rpc.c */
enum call_outcome optee_rpc_exit(struct optee_dom *od, struct optee_call *c,
				 struct call_frame *f, struct smccc_regs *r);
enum call_outcome optee_rpc_resume(struct optee_dom *od, struct call_frame *f);
/* Domain teardown: finish every suspended call, drop RPC buffers. */
void optee_rpc_drain(struct optee_dom *od);

#endif
