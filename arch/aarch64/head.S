/* SPDX-License-Identifier: MIT */
/*
 * Entry at EL2 by the arm64 boot protocol: x0 = host device tree, MMU off.
 * The image is a PIE linked at 0: before any C runs it applies its own
 * R_AARCH64_RELATIVE relocations for the address it was loaded at, so any
 * loader may place it anywhere (QEMU -kernel, a TF-A style BL33 slot).
 */
#include "asm.h"

	.section .head.text, "ax"
	.globl _start_code
_start_code:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */

	.text
primary_entry:
	mov	x21, x0			/* host DTB physical address */
	msr	daifset, #0xf
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.ne	wrong_el

	/* Relocate: *(base + off) = base + addend for every RELATIVE entry. */
	adr	x1, _start
	adrp	x2, __rela_start
	add	x2, x2, :lo12:__rela_start
	adrp	x3, __rela_end
	add	x3, x3, :lo12:__rela_end
1:	cmp	x2, x3
	b.hs	2f
	ldp	x4, x5, [x2], #16
	ldr	x6, [x2], #8
	cmp	w5, #1027		/* R_AARCH64_RELATIVE; the build rejects others */
	b.ne	1b
	add	x6, x6, x1
	str	x6, [x1, x4]
	b	1b

2:	adrp	x2, __bss_start
	add	x2, x2, :lo12:__bss_start
	adrp	x3, __bss_end
	add	x3, x3, :lo12:__bss_end
3:	cmp	x2, x3
	b.hs	4f
	stp	xzr, xzr, [x2], #16
	b	3b

4:	adrp	x2, boot_stack
	add	x2, x2, :lo12:boot_stack
	add	x2, x2, #BOOT_STACK_SIZE
	mov	sp, x2
	mov	x0, #1			/* primary: build the page tables */
	bl	arch_el2_setup
	mov	x0, x21
	bl	hyp_main
	/* unreachable from guest input: hyp_main never returns */
	b	halt_forever

/* Not entered at EL2: nothing this image can do. */
wrong_el:
	/* unreachable from guest input: only a wrong loader gets here */
	b	halt_forever

/*
 * Secondary physical CPUs arrive here from the firmware's PSCI CPU_ON with
 * x0 = the physical address of their struct pcpu, MMU off.
 */
	.globl secondary_entry
secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	ldr	x1, [x0, #PCPU_STACK_TOP]
	mov	sp, x1
	msr	tpidr_el2, x0
	mov	x0, #0
	bl	arch_el2_setup
	mov	x0, x19
	bl	hyp_secondary_main
	/* unreachable from guest input: hyp_secondary_main never returns */
	b	halt_forever

	.globl halt_forever
halt_forever:
	msr	daifset, #0xf
5:	wfi
	b	5b

/*
 * Turn on the EL2 stage-1 identity map and the caches. x0 = TTBR0_EL2,
 * x1 = TCR_EL2, x2 = MAIR_EL2, x3 = SCTLR_EL2. Runs identity mapped, so
 * the PC stays valid across the switch.
 */
	.globl arch_mmu_enable
arch_mmu_enable:
	msr	mair_el2, x2
	msr	tcr_el2, x1
	msr	ttbr0_el2, x0
	isb
	tlbi	alle2
	dsb	ish
	isb
	msr	sctlr_el2, x3
	isb
	ret

	.bss
	.balign	16
	.globl boot_stack
boot_stack:
	.space	BOOT_STACK_SIZE
