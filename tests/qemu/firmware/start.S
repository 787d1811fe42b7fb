/* SPDX-License-Identifier: MIT */
/*
 * Firmware test payload entry points. CPU 0 arrives from the firmware's
 * cold boot with x0 = device tree; the others arrive through PSCI CPU_ON at
 * payload_secondary with x0 = the context ID, which here is the CPU index.
 */
#include "arbiter/asm_regs.inc"
#define PAYLOAD_STACK 0x2000
#define PAYLOAD_CPUS 16

	.section .text.entry, "ax"
	.global payload_start
payload_start:
	mov	x19, x0
	mov	x20, x1
	mov	x21, x2
	mov	x22, x3
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	ldr	x1, =payload_stacks + PAYLOAD_STACK
	mov	sp, x1
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	mov	x3, x22
	bl	payload_main
3:	wfi
	b	3b

	.global payload_secondary
payload_secondary:
	and	x1, x0, #0xff
	cmp	x1, #PAYLOAD_CPUS
	b.hs	3b
	add	x1, x1, #1
	mov	x2, #PAYLOAD_STACK
	ldr	x3, =payload_stacks
	madd	x1, x1, x2, x3
	mov	sp, x1
	bl	payload_secondary_main
	b	3b

/* void smc_call(struct smc_regs *r): x0-x17 from r, SMC #0, x0-x17 back. */
	.macro	smc_helper name, imm
	.global \name
\name:
	stp	x19, x30, [sp, #-16]!
	mov	x19, x0
	smccc_regs_load x19
	smc	#\imm
	smccc_regs_store x19
	ldp	x19, x30, [sp], #16
	ret
	.endm

	.text
	smc_helper smc_call, 0
	smc_helper smc_call_imm1, 1

	.section .bss.stacks, "aw", %nobits
	.balign	16
payload_stacks:
	.space	PAYLOAD_STACK * (PAYLOAD_CPUS + 1)
