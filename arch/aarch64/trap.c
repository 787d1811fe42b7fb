// SPDX-License-Identifier: MIT
/*
 * The arch side of traps: calls (decoded by the portable
 * core/trap_decode.c, which the host fuzzer runs too; here the system
 * registers are read and written), emulated MMIO, and exceptions injected
 * into the guest. Every syndrome a guest can produce ends in a defined
 * action; none stops the hypervisor.
 */
#include <stdatomic.h>
#include <stdint.h>

#include "arch.h"
#include "sysreg.h"
#include "arbiter/monitor.h"
#include "arbiter/router.h"
#include "arbiter/trap_decode.h"

int trap_call_outcome(struct call_frame *f, enum call_outcome o);
int trap_sync_slow(struct trap_frame *tf, uint64_t esr);
int trap_irq(struct trap_frame *tf);
int trap_serror(struct trap_frame *tf);

static uint64_t *reg_slot(struct trap_frame *tf, unsigned n)
{
	if (n < CALL_NREGS)
		return &tf->call.x[n];
	if (n == 18)
		return &tf->x18;
	if (n <= 29)
		return &tf->x19_29[n - 19];
	return &tf->x30;
}

/* Take an exception to the guest's EL1 vectors, returning to `pc`. */
static void inject(uint64_t esr1, uint64_t far, uint64_t pc)
{
	uint64_t spsr = sysreg_read(spsr_el2);
	uint64_t off;

	if (spsr & SPSR_NRW_BIT)
		off = 0x600;
	else if ((spsr & SPSR_EL_MASK) == 0)
		off = 0x400;
	else
		off = (spsr & SPSR_SP_BIT) ? 0x200 : 0x000;
	sysreg_write(elr_el1, pc);
	sysreg_write(spsr_el1, spsr);
	sysreg_write(esr_el1, esr1);
	sysreg_write(far_el1, far);
	sysreg_write(spsr_el2, SPSR_EL1H_MASKED);
	sysreg_write(elr_el2, sysreg_read(vbar_el1) + off);
}

void arch_frame_syndrome(struct call_frame *f)
{
	f->esr = (uint32_t)sysreg_read(esr_el2);
	f->pstate = sysreg_read(spsr_el2);
}

static bool from_el0(void)
{
	return (sysreg_read(spsr_el2) & SPSR_EL_MASK) == 0;
}

static void inject_undef(uint64_t pc)
{
	inject(ESR_IL, 0, pc);
}

/* Synchronous external abort on a data (dabt) or instruction access. */
static void inject_abort(bool dabt, bool wnr)
{
	unsigned ec = dabt ? EC_DABT_CUR : EC_IABT_CUR;
	uint64_t iss = 0x10 | (dabt && wnr ? (1u << 6) : 0);

	if (from_el0())
		ec -= 1; /* the "lower EL" class is one below "same EL" */
	inject(((uint64_t)ec << ESR_EC_SHIFT) | ESR_IL | iss,
	       sysreg_read(far_el2), sysreg_read(elr_el2));
}

static int after_call(void)
{
	struct arch_cpu *c = arch_this_cpu();

	hyp_vgic_flush();
	if (atomic_load_explicit(&c->req, memory_order_relaxed) != 0)
		return hyp_cpu_requests();
	return 0;
}

static int call_outcome(struct call_frame *f, enum call_outcome o);

/*
 * A monitor agent holds the call: wait here, trap frame intact, until its
 * reply (then finish the call as the reply says) or until this CPU is
 * wanted (the domain is stopping or resetting).
 */
static int wait_reply(struct call_frame *f)
{
	struct monitor_reply r;

	while (!monitor_take_reply(f->vcpu, &r)) {
		if (atomic_load(&arch_this_cpu()->req) != 0)
			return hyp_cpu_requests();
		hyp_idle();
	}
	return call_outcome(f, router_resume(f, &r));
}

/* Apply the PC rule (trap_outcome, core/trap_decode.c) to this CPU. */
static int call_outcome(struct call_frame *f, enum call_outcome o)
{
	uint64_t pc;

	switch (trap_outcome(f, o, &pc)) {
	case TRAP_RESUME:
		sysreg_write(elr_el2, pc);
		break;
	case TRAP_RESUME_IDLE: /* then sleep until a wake-up (bounded) */
		sysreg_write(elr_el2, pc);
		hyp_idle();
		break;
	case TRAP_STOP:
		return 1;
	case TRAP_WAIT_REPLY:
		return wait_reply(f);
	case TRAP_UNDEF:
	default:
		inject_undef(pc);
		break;
	}
	return after_call();
}

/*
 * The hot path (SMC64/HVC64 from EL1) is in vectors.S and trap_call64():
 * the vector finishes CALL_DONE itself; every other outcome comes here.
 */
int trap_call_outcome(struct call_frame *f, enum call_outcome o)
{
	return call_outcome(f, o);
}

static void data_abort(struct trap_frame *tf, uint64_t esr)
{
	unsigned iss = (unsigned)esr & ESR_ISS_MASK;
	unsigned dfsc = iss & 0x3f, srt = (iss >> 16) & 31,
		 sas = (iss >> 22) & 3;
	bool isv = iss >> 24 & 1, wnr = iss >> 6 & 1, s1ptw = iss >> 7 & 1;
	uint64_t far = sysreg_read(far_el2);
	uint64_t ipa = ((sysreg_read(hpfar_el2) >> 4) << 12) | (far & 0xfff);
	uint64_t val = 0;
	struct vcpu *v = arch_this_cpu()->cur;

	/* Only a stage-2 translation fault with a full syndrome is MMIO. */
	if (!isv || s1ptw || (dfsc & 0x3c) != 0x04) {
		hyp_guest_fault(v, "data abort", ipa, sysreg_read(elr_el2));
		inject_abort(true, wnr);
		return;
	}
	if (wnr && srt != 31)
		val = *reg_slot(tf, srt);
	if (!hyp_mmio_access(v, ipa, wnr, 1u << sas, &val)) {
		hyp_guest_fault(v, "access to unmapped IPA", ipa,
				sysreg_read(elr_el2));
		inject_abort(true, wnr);
		return;
	}
	if (!wnr && srt != 31) {
		unsigned bits = 8u << sas;

		if ((iss >> 21 & 1) && bits < 64 && (val >> (bits - 1) & 1))
			val |= ~0ull << bits; /* SSE: sign-extend */
		if (!(iss >> 15 & 1))
			val &= 0xffffffffu; /* SF = 0: a W register */
		*reg_slot(tf, srt) = val;
	}
	sysreg_write(elr_el2, sysreg_read(elr_el2) + 4);
}

/* MSR/MRS traps: only the SGI registers (HCR_EL2.IMO traps them). */
#define SYSREG_KEY(op0, op1, crn, crm, op2)                                    \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) |       \
	 ((crm) << 1))
#define SYSREG_KEY_MASK 0x3ffc1eu

static void sysreg_trap(struct trap_frame *tf, uint64_t esr)
{
	unsigned iss = (unsigned)esr & ESR_ISS_MASK;
	unsigned key = iss & SYSREG_KEY_MASK, rt = (iss >> 5) & 31;
	bool read = iss & 1;
	uint64_t val = rt == 31 ? 0 : *reg_slot(tf, rt);

	if (!read && (key == SYSREG_KEY(3, 0, 12, 11, 5) ||  /* SGI1R */
		      key == SYSREG_KEY(3, 0, 12, 11, 6))) { /* ASGI1R */
		hyp_sgi_write(val);
	} else if (!read && key == SYSREG_KEY(3, 0, 12, 11, 7)) {
		/* SGI0R: group 0 does not exist for guests; ignore. */
	} else {
		inject_undef(sysreg_read(elr_el2));
		return;
	}
	sysreg_write(elr_el2, sysreg_read(elr_el2) + 4);
}

/* An SMCCC call from either state, decoded by the portable trap decode. */
static int trap_call(struct trap_frame *tf, uint64_t esr, bool *handled)
{
	struct call_frame *f = &tf->call;
	uint64_t pc;

	f->vcpu = arch_this_cpu()->cur;
	switch (trap_decode(f, esr, sysreg_read(elr_el2), sysreg_read(spsr_el2),
			    &pc)) {
	case TRAP_DECODE_CALL:
		*handled = true;
		return call_outcome(f, router_dispatch(f));
	case TRAP_DECODE_SKIP:
		*handled = true;
		sysreg_write(elr_el2, pc);
		return after_call();
	default:
		*handled = false;
		return 0;
	}
}

int trap_sync_slow(struct trap_frame *tf, uint64_t esr)
{
	unsigned ec = (unsigned)(esr >> ESR_EC_SHIFT) & 0x3f;
	bool handled;
	int r = trap_call(tf, esr, &handled);

	if (handled)
		return r;
	switch (ec) {
	case EC_DABT_LOW:
		data_abort(tf, esr);
		break;
	case EC_IABT_LOW:
		hyp_guest_fault(arch_this_cpu()->cur, "instruction abort",
				sysreg_read(far_el2), sysreg_read(elr_el2));
		inject_abort(false, false);
		break;
	case EC_SYS64:
		sysreg_trap(tf, esr);
		break;
	case EC_WFX: /* not trapped; should it come, it has completed */
		sysreg_write(elr_el2, sysreg_read(elr_el2) + 4);
		break;
	default: /* EC 0x00 (an UNDEFINED hvc/smc), sysregs, the rest */
		inject_undef(sysreg_read(elr_el2));
		break;
	}
	return after_call();
}

int trap_irq(struct trap_frame *tf)
{
	(void)tf;
	hyp_irq_handle();
	return after_call();
}

int trap_serror(struct trap_frame *tf)
{
	(void)tf;
	hyp_guest_fault(arch_this_cpu()->cur, "SError", 0,
			sysreg_read(elr_el2));
	return after_call();
}
