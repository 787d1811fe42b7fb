// SPDX-License-Identifier: MIT
/*
 * Trap decode, the portable half: syndrome to call frame, and outcome to
 * resume PC. The hypervisor's AArch64 vector calls trap_call64() on every
 * synchronous trap, so its common case must compile to what a hand-written
 * vector would do: a few ALU operations, one paired store, a tail call.
 */
#include <stdbool.h>
#include <stddef.h>

#include "arbiter/router.h"
#include "arbiter/trap_decode.h"

/* conduit, state, imm and esr are one little-endian 64-bit word. */
_Static_assert(offsetof(struct call_frame, state) ==
			       offsetof(struct call_frame, conduit) + 1 &&
		       offsetof(struct call_frame, imm) ==
			       offsetof(struct call_frame, conduit) + 2 &&
		       offsetof(struct call_frame, esr) ==
			       offsetof(struct call_frame, conduit) + 4 &&
		       offsetof(struct call_frame, conduit) ==
			       offsetof(struct call_frame, pc) + 8,
	       "call_frame: pc, then conduit, state, imm, esr in one word");
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "little-endian");
_Static_assert(EXEC_AARCH64 == 0, "AArch64 state is 0");
_Static_assert((TRAP_EC_HVC64 | 1u) == TRAP_EC_SMC64 && !(TRAP_EC_HVC64 & 1u),
	       "HVC64 and SMC64 differ in EC bit 0");

/*
 * HVC64 (EC 0x16) and SMC64 (EC 0x17) differ in EC bit 0 (ESR bit 26)
 * alone. Only ESR[31:0] is read: ISS2 (bits 55:32) does not concern these
 * classes. An HVC's ELR is already past it; a trapped SMC's is the SMC
 * itself. The syndrome word is conduit | state (AArch64, 0) | imm << 16,
 * esr 0: the hot path does not keep the syndrome. Written as two branches
 * because that compiles to the fewest instructions (7 for an SMC, 9 for
 * an HVC, the tail call included).
 */
static inline bool decode64(struct call_frame *f, uint64_t esr, uint64_t elr)
{
	uint32_t e = (uint32_t)esr;
	uint64_t word;

	if (e >> (TRAP_ESR_EC_SHIFT + 1) != TRAP_EC_HVC64 >> 1)
		return false;
	word = (uint64_t)(uint16_t)e << 16;
	if (e & (1u << TRAP_ESR_EC_SHIFT)) {
		f->pc = elr;
		f->trap_word = word | CONDUIT_SMC;
	} else {
		f->pc = elr - 4;
		f->trap_word = word | CONDUIT_HVC;
	}
	return true;
}

unsigned trap_call64(struct call_frame *f, uint64_t esr, uint64_t elr)
{
	if (!decode64(f, esr, elr))
		return TRAP_NOT_A_CALL;
	return router_dispatch(f);
}

/* An A32/T32 condition (Arm ARM F1.3) against the caller's NZCV. */
static bool cond_passed(unsigned cond, uint64_t spsr)
{
	unsigned nzcv = (unsigned)(spsr >> TRAP_SPSR_NZCV) & 0xfu;
	bool n = nzcv & 8u, z = nzcv & 4u, c = nzcv & 2u, v = nzcv & 1u;
	bool r;

	switch (cond >> 1) {
	case 0: /* EQ / NE */
		r = z;
		break;
	case 1: /* CS / CC */
		r = c;
		break;
	case 2: /* MI / PL */
		r = n;
		break;
	case 3: /* VS / VC */
		r = v;
		break;
	case 4: /* HI / LS */
		r = c && !z;
		break;
	case 5: /* GE / LT */
		r = n == v;
		break;
	case 6: /* GT / LE */
		r = !z && n == v;
		break;
	default: /* AL, and 0b1111 which is unconditional too */
		return true;
	}
	return (cond & 1u) ? !r : r;
}

enum trap_decode trap_decode(struct call_frame *f, uint64_t esr, uint64_t elr,
			     uint64_t spsr, uint64_t *skip_pc)
{
	uint32_t e = (uint32_t)esr;
	unsigned ec = e >> TRAP_ESR_EC_SHIFT;
	bool hvc = ec == TRAP_EC_HVC32;

	if (decode64(f, esr, elr)) {
		f->esr = e;
		f->pstate = spsr;
		return TRAP_DECODE_CALL;
	}
	if (!hvc && ec != TRAP_EC_SMC32)
		return TRAP_DECODE_OTHER;
	/* A conditional SMC that may have failed its check traps anyway:
	 * when it did fail, it is skipped, never executed (SMCCC §8.1). HVC
	 * is unconditional. */
	if (!hvc && (e & TRAP_ISS_CCKNOWNPASS) && (e & TRAP_ISS_CV) &&
	    !cond_passed((e >> TRAP_ISS_COND_SHIFT) & 0xfu, spsr)) {
		*skip_pc = elr + 4;
		return TRAP_DECODE_SKIP;
	}
	/* An AArch32 caller has 32-bit registers: what the AArch64 view
	 * holds above them is not the caller's. */
	for (unsigned i = 0; i < CALL_NREGS; i++)
		f->x[i] &= 0xffffffffu;
	f->pc = elr - (hvc ? 4u : 0u);
	f->conduit = (uint8_t)(hvc ? CONDUIT_HVC : CONDUIT_SMC);
	f->state = EXEC_AARCH32;
	f->imm = hvc ? (uint16_t)e : 0; /* an SMC32 syndrome has no imm */
	f->esr = e;
	f->pstate = spsr;
	return TRAP_DECODE_CALL;
}

enum trap_action trap_outcome(const struct call_frame *f, unsigned outcome,
			      uint64_t *pc)
{
	*pc = f->pc;
	switch (outcome) {
	case CALL_DONE:
		*pc = f->pc + 4;
		return TRAP_RESUME;
	case CALL_WAIT:
		*pc = f->pc + 4;
		return TRAP_RESUME_IDLE;
	case CALL_REPEAT:
		return TRAP_RESUME;
	case CALL_STOP:
		return TRAP_STOP;
	case CALL_PENDING:
		return TRAP_WAIT_REPLY;
	case CALL_UNDEF:
	default:
		return TRAP_UNDEF;
	}
}
