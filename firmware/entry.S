/* SPDX-License-Identifier: MIT */
/*
 * Reset entry, the secondary CPUs' first pen, the EL3 vector table and the
 * ERET into a lower EL. Every CPU starts here, at EL3, at address 0 in the
 * secure flash; the code runs in place from flash and its data lives in
 * secure RAM (see firmware.ld).
 */
#include "arbiter/asm_regs.inc"
#include "fw_plat.h"

/* SCTLR_EL3 at boot: RES1 bits, SA (stack alignment check), I-cache on;
 * MMU, D-cache and alignment checking off, little-endian. */
#define SCTLR_EL3_BOOT 0x30c51838

	.section .text.entry, "ax"
	.global _start
_start:
	msr	daifset, #0xf
	adr	x0, fw_vectors
	msr	vbar_el3, x0
	ldr	x0, =SCTLR_EL3_BOOT
	msr	sctlr_el3, x0
	isb
	/* Linear index = Aff1 * 16 + Aff0; anything else is parked. */
	mrs	x1, mpidr_el1
	and	x2, x1, #0xff
	ubfx	x3, x1, #8, #8
	ubfx	x4, x1, #16, #8
	ubfx	x5, x1, #32, #8
	orr	x4, x4, x5
	cbnz	x4, fw_park_early
	cmp	x2, #16
	b.hs	fw_park_early
	add	x19, x2, x3, lsl #4
	cmp	x19, #FW_MAX_CPUS
	b.hs	fw_park_early
	cbnz	x19, secondary_pen

	/* CPU 0: copy .data from flash, clear .bss, run C. */
	ldr	x0, =__data_start
	ldr	x1, =__data_end
	ldr	x2, =__data_load
1:	cmp	x0, x1
	b.hs	2f
	ldr	x3, [x2], #8
	str	x3, [x0], #8
	b	1b
2:	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
3:	cmp	x0, x1
	b.hs	4f
	str	xzr, [x0], #8
	b	3b
4:	mov	x0, x19
	bl	fw_stack_top
	mov	sp, x0
	bl	fw_primary_main
	b	fw_park_early

	/*
	 * Other CPUs wait with WFE (never a busy loop: under -icount QEMU runs
	 * CPUs round-robin) until CPU 0 has set up secure RAM and says so in
	 * fw_release. SYSTEM_RESET clears fw_release before it resets the
	 * board, because RAM survives a QEMU reset.
	 */
secondary_pen:
	ldr	x1, =fw_release
	ldr	w3, =FW_RELEASE_MAGIC
5:	ldr	w2, [x1]
	cmp	w2, w3
	b.eq	6f
	wfe
	b	5b
6:	mov	x0, x19
	bl	fw_stack_top
	mov	sp, x0
	mov	x0, x19
	bl	fw_secondary_main
fw_park_early:
	wfi
	b	fw_park_early

/* uint64_t fw_stack_top(unsigned cpu): leaf, uses no stack. */
	.global fw_stack_top
fw_stack_top:
	ldr	x1, =fw_stacks
	add	x0, x0, #1
	mov	x2, #FW_STACK_SIZE
	madd	x0, x0, x2, x1
	ret

/*
 * fw_enter_lower(entry, spsr, x0, sp_el3): leave EL3 for good with a clean
 * register file (nothing of the secure side leaks), x0 as given, and this
 * CPU's EL3 stack reset for the next exception.
 */
	.global fw_enter_lower
fw_enter_lower:
	msr	elr_el3, x0
	msr	spsr_el3, x1
	mov	sp, x3
	mov	x0, x2
	regs_clear_x1_x30
	eret

/* A lower EL trapped to EL3 (SMC, or a system register EL3 controls):
 * save every GPR in a struct fw_frame, let C decide, restore, return. */
fw_lower_sync:
	sub	sp, sp, #256
	smccc_regs_store sp
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mov	x0, sp
	mrs	x1, esr_el3
	mrs	x2, spsr_el3
	bl	fw_lower_trap
	smccc_regs_load sp
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #256
	eret

/* Anything else is a firmware bug or an interrupt routed here by mistake. */
fw_unexpected:
	mrs	x0, esr_el3
	mrs	x1, elr_el3
	bl	fw_el3_fault
	b	fw_park_early

	.macro	vec_entry target
	.balign	0x80
	b	\target
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.global fw_vectors
fw_vectors:
	vec_entry fw_unexpected /* current EL, SP_EL0 */
	vec_entry fw_unexpected
	vec_entry fw_unexpected
	vec_entry fw_unexpected
	vec_entry fw_unexpected /* current EL, SP_ELx */
	vec_entry fw_unexpected
	vec_entry fw_unexpected
	vec_entry fw_unexpected
	vec_entry fw_lower_sync /* lower EL, AArch64 */
	vec_entry fw_unexpected
	vec_entry fw_unexpected
	vec_entry fw_unexpected
	vec_entry fw_lower_sync /* lower EL, AArch32 */
	vec_entry fw_unexpected
	vec_entry fw_unexpected
	vec_entry fw_unexpected

	.section .bss.stacks, "aw", %nobits
	.balign	16
fw_stacks:
	.space	FW_STACK_SIZE * FW_MAX_CPUS
