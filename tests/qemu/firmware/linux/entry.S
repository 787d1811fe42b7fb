/* SPDX-License-Identifier: MIT */
/*
 * Linux boot shim: entered by the firmware at 0x60000000 (EL2, MMU off,
 * x0 = device tree). It runs Linux at EL1 under a minimal EL2 that traps
 * SMC (HCR_EL2.TSC) and forwards each one to the firmware, putting client
 * ID 1 in w7 for OP-TEE's function IDs (OEN 50 and 63), as a hypervisor
 * would. No stage 2: Linux sees physical addresses.
 */
#include "arbiter/asm_regs.inc"
	.section .text.entry, "ax"
	.global shim_start
shim_start:
	ldr	x1, =shim_stack_top
	mov	sp, x1
	bl	shim_main
1:	wfi
	b	1b

/* shim_enter(entry, dtb): EL1h, DAIF masked, x0 = dtb, x1-x3 = 0. */
	.global shim_enter
shim_enter:
	adr	x2, shim_vectors
	msr	vbar_el2, x2
	msr	elr_el2, x0
	mov	x2, #0x3c5
	msr	spsr_el2, x2
	mov	x0, x1
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	isb
	eret

/* A trapped SMC from EL1: forward it, w7 = 1 for OP-TEE's calls. */
shim_sync:
	sub	sp, sp, #256
	smccc_regs_store sp
	stp	x18, x30, [sp, #144]
	mrs	x18, esr_el2
	lsr	x18, x18, #26
	cmp	x18, #0x17
	b.ne	shim_bad
	ubfx	x18, x0, #24, #6
	cmp	x18, #50
	b.eq	2f
	cmp	x18, #63
	b.ne	3f
2:	mov	x7, #1
3:	smc	#0
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	mrs	x18, elr_el2
	add	x18, x18, #4
	msr	elr_el2, x18
	smccc_regs_load sp
	ldp	x18, x30, [sp, #144]
	add	sp, sp, #256
	eret

shim_bad:
	mrs	x0, esr_el2
	mrs	x1, elr_el2
	bl	shim_trap
4:	wfi
	b	4b

	.macro	vec target
	.balign	0x80
	b	\target
	.endm
	.balign	0x800
shim_vectors:
	.rept	8
	vec	shim_bad
	.endr
	vec	shim_sync
	.rept	7
	vec	shim_bad
	.endr

	.section .bss, "aw", %nobits
	.balign	16
	.space	0x4000
shim_stack_top:
