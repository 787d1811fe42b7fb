/* SPDX-License-Identifier: MIT */
/*
 * Test guest entry. The boot vCPU arrives at _start with x0 = its device
 * tree; others come from CPU_ON at guest_secondary_entry with x0 = the
 * context id. Each vCPU takes the stack of its MPIDR (Aff1 * 16 + Aff0).
 */
#include "arbiter/asm_regs.inc"

	.section .text.start, "ax"
	.globl	_start
_start:
	mov	x19, x0
	bl	stack_setup
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	mov	x0, x19
	bl	guest_boot
3:	wfi
	b	3b

	.globl	guest_secondary_entry
guest_secondary_entry:
	mov	x19, x0
	bl	stack_setup
	mov	x0, x19
	bl	guest_secondary
4:	wfi
	b	4b

/* sp = top of this vCPU's stack; VBAR_EL1 = guest_vectors. Clobbers x0-x2. */
stack_setup:
	mrs	x0, mpidr_el1
	and	x1, x0, #0xf
	ubfx	x2, x0, #8, #8
	add	x1, x1, x2, lsl #4
	and	x1, x1, #0xf
	add	x1, x1, #1
	adrp	x2, __stacks
	add	x2, x2, :lo12:__stacks
	add	x2, x2, x1, lsl #14
	mov	sp, x2
	adrp	x2, guest_vectors
	add	x2, x2, :lo12:guest_vectors
	msr	vbar_el1, x2
	/* FP/SIMD on: compilers may use it in memcpy-like code. */
	mov	x2, #(3 << 20)
	msr	cpacr_el1, x2
	isb
	ret

/*
 * x0-x17 from r, the call, x0-x17 back into r. r is x0 on entry; x19 keeps
 * it across the call (SMCCC preserves x19 and up).
 */
.macro smccc_fn name, insn
	.globl	\name
\name:
	stp	x29, x30, [sp, #-32]!
	stp	x19, x20, [sp, #16]
	mov	x19, x0
	smccc_regs_load x19
	\insn
	smccc_regs_store x19
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
.endm

	.text
	smccc_fn guest_smc, "smc #0"
	smccc_fn guest_hvc, "hvc #0"

/* Every vector: save x0-x30 in a frame, call guest_exception(frame, kind). */
.macro vent kind
	.balign	0x80
	sub	sp, sp, #272
	smccc_regs_store sp
	stp	x18, x30, [sp, #144]
	mov	x1, #\kind
	b	vector_common
.endm

	.balign	0x800
	.globl	guest_vectors
guest_vectors:
	vent 0
	vent 1
	vent 2
	vent 3
	vent 4
	vent 5
	vent 6
	vent 7
	vent 8
	vent 9
	vent 10
	vent 11
	vent 12
	vent 13
	vent 14
	vent 15

vector_common:
	mov	x0, sp
	bl	guest_exception
	smccc_regs_load sp
	ldp	x18, x30, [sp, #144]
	add	sp, sp, #272
	eret
