/* SPDX-License-Identifier: MIT */
/*
 * The one call frame every SMC/HVC travels in, from the trap to the handler
 * and back, and the typed outcome a handler returns.
 */
#ifndef ARBITER_CALL_H
#define ARBITER_CALL_H

#include <stdint.h>

#define CALL_NREGS 18 /* x0-x17: SMCCC 1.2 arguments and results */

enum call_conduit {
	CONDUIT_SMC = 0,
	CONDUIT_HVC = 1,
};

enum exec_state {
	EXEC_AARCH64 = 0,
	EXEC_AARCH32 = 1,
};

struct vcpu;

/*
 * Guest registers x0-x17 as trapped, plus what the trap says about the call.
 * The arch layer fills it, the router and handlers change only the result
 * registers of the function called, the arch layer copies it back.
 */
struct call_frame {
	uint64_t x[CALL_NREGS];
	uint64_t pc; /* address of the smc/hvc instruction itself */
	union {
		struct {
			uint8_t conduit; /* enum call_conduit */
			uint8_t state;	 /* enum exec_state of the caller */
			uint16_t imm;	 /* the instruction's immediate (0 for
					    AArch32 SMC) */
			uint32_t esr; /* syndrome: filled when a monitor needs
					 it */
		};
		/* The four above as the trap decode stores them: one word. */
		uint64_t trap_word;
	};
	uint64_t pstate; /* SPSR of the trap: filled when a monitor needs it */
	struct vcpu *vcpu; /* caller identity: vcpu->dom is the domain */
	/* Set by the router before a handler runs: */
	uint32_t fid; /* w0 with the SVE hint cleared */
};

/* How an agent's reply finishes a call the router left PENDING. */
enum monitor_verdict {
	MONITOR_REPLY_DONE,	/* use the agent's registers; see advance_pc */
	MONITOR_REPLY_HANDBACK, /* route as the domain's rules say, without the
				   monitor */
	MONITOR_REPLY_DENY,	/* answer -1 */
};

struct monitor_reply {
	uint8_t verdict;    /* enum monitor_verdict */
	uint8_t advance_pc; /* with DONE: resume after the instruction */
	uint32_t set_mask;  /* with DONE: bit i set = write regs[i] to x[i] */
	uint64_t regs[CALL_NREGS];
};

/* The argument mask for a decoded FID: 32 bits unless an SMC64/HVC64 ID.
 * Computed where an argument is read, not stored by the router: most calls
 * read none, and the hot path is shorter for it. */
static inline uint64_t call_arg_mask(uint32_t fid)
{
	return ~(uint64_t)0 >> ((~fid >> 25) & 32u);
}

/* Argument i as the function sees it: masked to 32 bits for 32-bit IDs. */
static inline uint64_t call_arg(const struct call_frame *f, unsigned i)
{
	return f->x[i] & call_arg_mask(f->fid);
}

/* A result register; negative codes are sign-extended to 64 bits. */
static inline void call_set(struct call_frame *f, unsigned i, int64_t v)
{
	f->x[i] = (uint64_t)v;
}

/*
 * What the arch layer does once the router is finished with a call.
 * Every outcome but PENDING is final for this trap.
 */
enum call_outcome {
	CALL_DONE,    /* results in the frame; resume after the instruction */
	CALL_REPEAT,  /* results in the frame; resume at the instruction */
	CALL_PENDING, /* vCPU waits; router_resume() finishes the call */
	CALL_UNDEF,   /* inject an undefined-instruction exception */
	CALL_WAIT,    /* as DONE, then idle until a wake-up event (WFI) */
	CALL_STOP,    /* this vCPU no longer runs: CPU_OFF, SYSTEM_OFF/RESET */
};

#endif
