/* SPDX-License-Identifier: MIT */
/*
 * EL2 exception vectors and the guest entry/exit. A vCPU owns its physical
 * CPU, so no EL1 state is switched here: a trap saves only the registers C
 * may clobber (x0-x18, x30; x29 is callee-saved), straight into the call
 * frame, and the SMC/HVC path returns with a handful of loads and an eret.
 * The slow path also saves x19-x29 so emulation can reach any register.
 */
#include "arbiter/asm_regs.inc"
#include "asm.h"

.macro save_caller
	stp	x0, x1, [sp, #-TF_SIZE]!
	save_caller_rest
.endm

/* The rest of save_caller, once x0 and x1 are in the frame. */
.macro save_caller_rest
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x30, [sp, #TF_X18]
.endm

.macro ventry label
	.balign	0x80
	b	\label
.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	hyp_vectors
hyp_vectors:
	/* Current EL with SP_EL0: never used. */
	ventry	el2_fatal
	ventry	el2_fatal
	ventry	el2_fatal
	ventry	el2_fatal
	/* Current EL with SP_EL2: a hypervisor fault. */
	ventry	el2_fatal
	ventry	el2_fatal
	ventry	el2_fatal
	ventry	el2_fatal

	/*
	 * Lower EL, AArch64. The SMCCC hot path: x0-x17 go straight into the
	 * call frame; trap_call64() (core/trap_decode.c) decodes the syndrome
	 * and tail-calls the router. DONE is finished here: the PC rule
	 * (trap_outcome: resume at pc + 4) needs no write for an HVC, whose
	 * ELR is already there; a trapped SMC's ELR moves by 4.
	 */
	.balign	0x80
lower64_sync:
	stp	x0, x1, [sp, #-TF_SIZE]!
	/*
	 * The domain's one constant-answer call first (router_fast_call()):
	 * the function ID and the syndrome as one 64-bit key, against the
	 * one guest_enter left above the trap frame for an SMC64 #0, then
	 * an HVC64 #0 (ESR bit 26 clear). Anything else, a data abort with
	 * that x0 included, falls through. x1[31:0] keeps the ESR.
	 */
	mrs	x1, esr_el2
	bfi	x1, x0, #32, #32
	ldr	x0, [sp, #TF_SIZE + HS_FAST_KEY]
	cmp	x0, x1
	b.eq	fast_call_smc
	eor	x0, x0, #(1 << 26)
	cmp	x0, x1
	b.eq	fast_call_hvc
lower64_full:
	save_caller_rest
	mrs	x2, elr_el2
	ldr	x5, [sp, #TF_SIZE + HS_VCPU]
	str	x5, [sp, #CF_VCPU]
	mov	x0, sp
	bl	trap_call64		/* uses ESR[31:0], from w1 */
	cbnz	w0, call_other
	ldrb	w1, [sp, #CF_CONDUIT]
	cbnz	w1, guest_resume	/* CONDUIT_HVC */
	ldr	x1, [sp, #CF_PC]
	add	x1, x1, #4
	msr	elr_el2, x1
	b	guest_resume
	.org	hyp_vectors + 0x480	/* fails to assemble if the above grew */
	b	lower_irq
	.balign	0x80
	b	lower_irq		/* FIQ: nothing routes one here; ack as IRQ */
	.balign	0x80
	b	lower_serror

	/* Lower EL, AArch32. */
	.balign	0x80
	b	lower32_sync
	.balign	0x80
	b	lower_irq
	.balign	0x80
	b	lower_irq
	.balign	0x80
	b	lower_serror

	.text
/*
 * The constant-answer call, matched above: only x0 changes. An SMC also
 * moves ELR past itself (an HVC's is there already).
 */
fast_call_smc:
	mrs	x0, elr_el2
	add	x0, x0, #4
	msr	elr_el2, x0
fast_call_hvc:
	ldr	x0, [sp, #TF_SIZE + HS_FAST_ANSWER]
	ldp	xzr, x1, [sp], #TF_SIZE
	eret

/*
 * Every outcome but DONE, and exceptions that are not calls. A request for
 * this CPU (pcpu_stop_vcpus) always comes with an SGI, which is taken as
 * soon as the guest runs again, so the DONE path need not look for one.
 */
call_other:
	cmp	w0, #TRAP_NOT_A_CALL
	b.eq	lower64_other
	mov	w1, w0
	mov	x0, sp
	bl	trap_call_outcome
	cbnz	w0, guest_exit
	b	guest_resume
lower64_other:
	mrs	x1, esr_el2
	b	lower_slow

lower32_sync:
	save_caller
	mrs	x1, esr_el2
lower_slow:
	stp	x19, x20, [sp, #TF_X19]
	stp	x21, x22, [sp, #TF_X19 + 16]
	stp	x23, x24, [sp, #TF_X19 + 32]
	stp	x25, x26, [sp, #TF_X19 + 48]
	stp	x27, x28, [sp, #TF_X19 + 64]
	str	x29, [sp, #TF_X19 + 80]
	mov	x0, sp
	bl	trap_sync_slow
	ldp	x19, x20, [sp, #TF_X19]
	ldp	x21, x22, [sp, #TF_X19 + 16]
	ldp	x23, x24, [sp, #TF_X19 + 32]
	ldp	x25, x26, [sp, #TF_X19 + 48]
	ldp	x27, x28, [sp, #TF_X19 + 64]
	ldr	x29, [sp, #TF_X19 + 80]
	cbnz	w0, guest_exit
	b	guest_resume

lower_irq:
	save_caller
	mov	x0, sp
	bl	trap_irq
	cbnz	w0, guest_exit
	b	guest_resume

lower_serror:
	save_caller
	mov	x0, sp
	bl	trap_serror
	cbnz	w0, guest_exit
	b	guest_resume

guest_resume:
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x30, [sp, #TF_X18]
	ldp	x0, x1, [sp], #TF_SIZE
	eret

/* The vCPU stops: drop the trap frame and return from guest_enter. */
guest_exit:
	add	sp, sp, #TF_SIZE
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #HOST_SAVE_SIZE
	ret

/*
 * void guest_enter(const struct guest_entry *e): start a vCPU at e->pc with
 * x0 = e->x0 and every other register zero, in EL1h with DAIF masked.
 * Returns only when the vCPU stops (guest_exit).
 */
	.globl	guest_enter
guest_enter:
	stp	x29, x30, [sp, #-HOST_SAVE_SIZE]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	ldp	x1, x2, [x0, #GE_FAST_KEY]	/* the vector reads them here */
	ldr	x3, [x0, #GE_VCPU]
	stp	x1, x2, [sp, #HS_FAST_KEY]
	str	x3, [sp, #HS_VCPU]
	ldr	x1, [x0, #GE_PC]
	msr	elr_el2, x1
	mov	x1, #0x3c5
	msr	spsr_el2, x1
	ldr	x0, [x0, #GE_X0]
	regs_clear_x1_x30
	eret

/* An exception taken from EL2 itself is a hypervisor bug. */
el2_fatal:
	mrs	x0, esr_el2
	mrs	x1, elr_el2
	mrs	x2, far_el2
	/* unreachable from guest input: guest values are checked before use */
	bl	arch_el2_fatal
	b	halt_forever

/*
 * void arch_smc_call(struct smccc_regs *r): the hypervisor's own SMC to the
 * firmware, x0-x17 in and out.
 */
	.globl	arch_smc_call
arch_smc_call:
	stp	x29, x30, [sp, #-32]!
	stp	x0, x19, [sp, #16]
	mov	x19, x0
	smccc_regs_load x19
	smc	#0
	smccc_regs_store x19
	ldp	x0, x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
