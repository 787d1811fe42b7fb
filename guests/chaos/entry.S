/* SPDX-License-Identifier: MIT */
/*
 * The chaos guest's assembly: the re-entry point CPU_ON and power-down
 * suspends land on, its own EL1 vectors (per-vCPU expected exceptions),
 * and the checked call: x0-x17 from a struct, x18-x28 loaded with canaries,
 * x30 a marker incremented by the one instruction after the call (a PC
 * advanced twice skips it), everything stored back after.
 */
	.text
	.globl	chaos_entry
chaos_entry:
	mov	x19, x0
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
	adrp	x2, chaos_vectors
	add	x2, x2, :lo12:chaos_vectors
	msr	vbar_el1, x2
	mov	x2, #(3 << 20)
	msr	cpacr_el1, x2
	isb
	mov	x0, x19
	bl	chaos_resume
1:	wfi
	b	1b

/* void chaos_set_vectors(void) */
	.globl	chaos_set_vectors
chaos_set_vectors:
	adrp	x0, chaos_vectors
	add	x0, x0, :lo12:chaos_vectors
	msr	vbar_el1, x0
	isb
	ret

.macro vent kind
	.balign	0x80
	sub	sp, sp, #272
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x30, [sp, #144]
	mov	x1, #\kind
	b	chaos_vector_common
.endm

	.balign	0x800
chaos_vectors:
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

chaos_vector_common:
	mov	x0, sp
	bl	chaos_exception
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x30, [sp, #144]
	add	sp, sp, #272
	eret

/*
 * void chaos_call(struct chaos_regs *r, unsigned conduit)
 * r: x[0..17] at 0, canary x18-x28 at 144, marker at 232.
 */
	.globl	chaos_call
chaos_call:
	sub	sp, sp, #112
	stp	x19, x20, [sp, #0]
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	str	x0, [sp, #96]
	cmp	w1, #0
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldr	x28, [x0, #224]
	mov	x30, #0
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x0, x1, [x0, #0]
	b.ne	1f
	smc	#0
	add	x30, x30, #1
	b	2f
1:	hvc	#0
	add	x30, x30, #1
2:	stp	x0, x1, [sp, #-16]!
	ldr	x0, [sp, #112]
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x30, [x0, #224]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #0]
	ldp	x19, x20, [sp, #0]
	ldp	x21, x22, [sp, #16]
	ldp	x23, x24, [sp, #32]
	ldp	x25, x26, [sp, #48]
	ldp	x27, x28, [sp, #64]
	ldp	x29, x30, [sp, #80]
	add	sp, sp, #112
	ret

/*
 * uint64_t chaos_imm(unsigned which, uint64_t x0): a call with a non-zero
 * immediate; returns x0 after it (unchanged if it was UNDEF and skipped).
 */
	.globl	chaos_imm
chaos_imm:
	mov	x9, x0
	mov	x0, x1
	cmp	x9, #1
	b.eq	1f
	cmp	x9, #2
	b.eq	2f
	cmp	x9, #3
	b.eq	3f
	.globl	chaos_imm_insn0, chaos_imm_insn1, chaos_imm_insn2, chaos_imm_insn3
chaos_imm_insn0:
	hvc	#1
	ret
1:
chaos_imm_insn1:
	hvc	#0xffff
	ret
2:
chaos_imm_insn2:
	smc	#1
	ret
3:
chaos_imm_insn3:
	smc	#0x8000
	ret
