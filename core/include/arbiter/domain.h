/* SPDX-License-Identifier: MIT */
/*
 * The core's view of a domain and its vCPUs. The hypervisor embeds these
 * structures in its own (container_of) and adds what only it needs; the host
 * harness does the same for unit tests, fuzzing and benchmarks.
 */
#ifndef ARBITER_DOMAIN_H
#define ARBITER_DOMAIN_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "arbiter/call.h"

struct policy;
struct domain_config;

/* Per-domain mediator state slots, indexed by enum tee_kind (tee.h). */
#define DOMAIN_TEE_SLOTS 4

/*
 * PSCI power state of a vCPU. CPU_ON claims an OFF vCPU with one
 * compare-and-swap, so when several callers race exactly one wins.
 */
enum vcpu_power {
	VCPU_OFF = 0,
	VCPU_CLAIMED, /* a CPU_ON won the race and is writing entry/context */
	VCPU_ON_PENDING, /* entry/context published; the target's pCPU starts it
			  */
	VCPU_ON,
};

/* Per-vCPU counters: only the vCPU's own pCPU writes them, so no atomics. */
struct call_stats {
	uint64_t by_action[5]; /* indexed by enum rule_action */
	uint64_t denied_by_oen[64];
	uint64_t unknown; /* malformed IDs: reserved bits, SMC64 from AArch32 */
	uint64_t undef; /* non-zero immediates (UNDEF or -1, per the domain) */
	uint64_t audit_dropped; /* audit lines suppressed by the rate limit */
	uint64_t audit_spent;	/* rate limiter state: tokens used */
	uint64_t audit_last_ns;
};

/* A call a monitor agent holds: the vCPU waits until the reply comes. */
enum pending_state {
	PENDING_NONE = 0,
	PENDING_POSTED,	 /* the agent has it; the vCPU waits */
	PENDING_REPLIED, /* `reply` is final; the vCPU may take it */
};

struct pending_call {
	uint32_t fid;	  /* decoded FID (hint bit cleared) */
	uint8_t active;	  /* the router holds this vCPU's call */
	uint8_t fallback; /* enum rule_action to use if the agent hands it back
			   */
	uint16_t verdict; /* index into the caller's verdict table */
	_Atomic uint32_t state; /* enum pending_state (agent transport) */
	uint64_t seq;		/* event sequence number while POSTED */
	struct monitor_reply reply;
};

struct vcpu {
	struct domain *dom;
	const struct policy *policy; /* dom->policy, one load nearer the trap */
	uint16_t index;		     /* vCPU number inside its domain */
	uint16_t pcpu;		     /* physical CPU it is pinned to */
	_Atomic uint32_t power;	     /* enum vcpu_power */
	uint64_t entry;	  /* CPU_ON entry point, valid from ON_PENDING */
	uint64_t context; /* CPU_ON context id, valid from ON_PENDING */
	struct pending_call pending;
	struct call_stats stats;
};

/* How a non-zero immediate on smc/hvc is answered. */
enum imm_policy {
	IMM_UNDEF = 0,	 /* inject UNDEF, as Xen does (default) */
	IMM_UNKNOWN = 1, /* answer -1 and skip the instruction, as KVM does */
};

struct domain {
	const char *name;
	uint16_t client_id; /* 1..65534, w7 when forwarding */
	uint16_t nvcpus;
	uint8_t imm_policy;   /* enum imm_policy */
	uint8_t psci_conduit; /* enum call_conduit advertised to the guest */
	uint8_t psci_suspend_extended; /* CPU_SUSPEND takes the extended format
					*/
	struct vcpu *vcpus;
	uint64_t ram_ipa; /* guest-physical base of RAM */
	uint64_t ram_size;
	const struct policy *policy; /* compiled once, read-only once sealed */
	const struct domain_config *cfg;
	_Atomic uint32_t generation; /* bumped on every reset of the domain */
	uint8_t *ram_host;  /* where the hypervisor reaches the RAM; NULL:
			       nowhere */
	uint64_t fast_call; /* router_fast_call(), for the trap vector */
	struct monitor_link *monitor; /* agent transport when monitored */
	uint8_t tee_kinds; /* bit k: a rule routes to TEE kind k (tee.h) */
	void *tee[DOMAIN_TEE_SLOTS]; /* each mediator's state, by kind */
};

/*
 * The transport to this domain's agent (core/monitor.c): a ring in the
 * agent's RAM that the hypervisor writes and never trusts.
 */
struct monitor_link {
	struct domain *_Atomic agent; /* attached agent, NULL when none */
	_Atomic uint32_t claimed;     /* an ATTACH owns the link */
	struct vcpu *notify;	      /* the agent vCPU to wake */
	uint8_t *ring;		      /* the ring, in the agent's RAM */
	uint32_t nslots, qlen;
	_Atomic uint64_t next_seq;
};

struct config;
struct arena;
struct config_errors;

/*
 * Fill `dom` from its configuration: name, client ID, RAM, vCPUs (vcpus[]
 * has dc->ncpus entries; vCPU 0 starts ON, the others OFF) and its compiled,
 * sealed policy. Returns the number of errors reported (0: ready to run).
 */
unsigned domain_create(struct domain *dom, struct vcpu *vcpus,
		       const struct config *cfg, const struct domain_config *dc,
		       struct arena *a, struct config_errors *errs);

/* Put every vCPU back to its boot state (vCPU 0 ON, others OFF) for a reset. */
void domain_reset_vcpus(struct domain *dom);

/*
 * On the target's physical CPU: when a CPU_ON published an entry point,
 * take it (and the context id) and mark the vCPU ON. Returns false when
 * the vCPU is not ON_PENDING.
 */
bool vcpu_power_take_pending(struct vcpu *v, uint64_t *entry,
			     uint64_t *context);

/* Every call this vCPU made through the router (the counters add up). */
uint64_t vcpu_calls(const struct vcpu *v);

/* MPIDR value the guest reads for vCPU `index` (Aff0 = index % 16, Aff1 = index
 * / 16). */
static inline uint64_t vcpu_mpidr(uint16_t index)
{
	return ((uint64_t)(index / 16u) << 8) | (uint64_t)(index % 16u);
}

#endif
