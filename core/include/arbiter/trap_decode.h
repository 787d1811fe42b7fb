/* SPDX-License-Identifier: MIT */
/*
 * The portable half of the trap path: from a trapped exception's syndrome
 * (ESR_EL2, ELR_EL2, SPSR_EL2 as plain numbers) to a call frame for the
 * router, and from the router's outcome back to where the guest resumes.
 * The hypervisor's vectors and trap.c run exactly this code; so does the
 * host fuzzer (tests/fuzz/fuzz_trap.c), with random syndromes.
 */
#ifndef ARBITER_TRAP_DECODE_H
#define ARBITER_TRAP_DECODE_H

#include <stdint.h>

#include "arbiter/call.h"

/* ESR_ELx fields the decode reads (Arm ARM D17.2.37). */
#define TRAP_ESR_EC_SHIFT 26
#define TRAP_ESR_IL	  (1u << 25)
#define TRAP_EC_UNKNOWN	  0x00u
#define TRAP_EC_HVC32	  0x12u
#define TRAP_EC_SMC32	  0x13u
#define TRAP_EC_HVC64	  0x16u
#define TRAP_EC_SMC64	  0x17u
/* A trapped AArch32 SMC: condition valid, condition, may have failed. */
#define TRAP_ISS_CV	     (1u << 24)
#define TRAP_ISS_COND_SHIFT  20
#define TRAP_ISS_CCKNOWNPASS (1u << 19)

/* SPSR_ELx: the caller's execution state and flags. */
#define TRAP_SPSR_NRW	  0x10u /* 1: AArch32 */
#define TRAP_SPSR_EL_MASK 0xcu
#define TRAP_SPSR_NZCV	  28

/*
 * trap_call64()'s answer for a trap that is not an HVC64/SMC64: the frame's
 * registers are untouched, the arch layer takes its slow path. Outside
 * enum call_outcome on purpose.
 */
#define TRAP_NOT_A_CALL 0xffu

/*
 * The hot path, from the AArch64 lower-EL vector: an HVC64 or SMC64 is
 * decoded into f (pc, conduit, state, imm) and dispatched; `f->vcpu` and
 * x0-x17 must be filled. Returns the router's enum call_outcome, or
 * TRAP_NOT_A_CALL for any other exception class. Leaves f->esr and
 * f->pstate alone (arch_frame_syndrome() fills them when a monitor needs
 * them).
 */
unsigned trap_call64(struct call_frame *f, uint64_t esr, uint64_t elr);

enum trap_decode {
	TRAP_DECODE_CALL, /* an SMCCC call: the frame is ready for the router */
	TRAP_DECODE_SKIP, /* a conditional SMC that failed its condition:
			     resume at *skip_pc without executing it */
	TRAP_DECODE_OTHER, /* not a call: the frame is untouched */
};

/*
 * Any synchronous trap, from either execution state: HVC64/SMC64 as
 * trap_call64() decodes them, HVC32/SMC32 with x0-x17 masked to 32 bits
 * and the condition of a conditional SMC checked against SPSR's NZCV.
 * Fills f->esr and f->pstate for a call.
 */
enum trap_decode trap_decode(struct call_frame *f, uint64_t esr, uint64_t elr,
			     uint64_t spsr, uint64_t *skip_pc);

/* What the arch layer does with the guest once a call has an outcome. */
enum trap_action {
	TRAP_RESUME,	  /* ELR = *pc */
	TRAP_RESUME_IDLE, /* ELR = *pc, then sleep until a wake-up */
	TRAP_UNDEF,	  /* inject an undefined instruction, ELR_EL1 = *pc */
	TRAP_STOP,	  /* the vCPU leaves the guest */
	TRAP_WAIT_REPLY,  /* a monitor holds the call: wait, then resume */
};

/*
 * The PC rule, for both conduits: f->pc is the call instruction; DONE and
 * WAIT resume after it, REPEAT at it, UNDEF is taken at it. An outcome
 * outside the enum is treated as UNDEF (never reached: the router returns
 * only defined outcomes).
 */
enum trap_action trap_outcome(const struct call_frame *f, unsigned outcome,
			      uint64_t *pc);

#endif
