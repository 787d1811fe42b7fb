/* SPDX-License-Identifier: MIT */
/*
 * Assembly macros shared by every AArch64 program in the tree (hypervisor,
 * firmware, test guests): moving an SMCCC register set x0-x17 between
 * registers and a struct, and clearing registers before entering a lower
 * exception level, written once.
 */
#ifndef ARBITER_ASM_REGS_H
#define ARBITER_ASM_REGS_H

#ifdef __ASSEMBLY__

/* x0-x17 from the 18 words at [base] (base must not be x0-x17). */
.macro smccc_regs_load base
	ldp	x0, x1, [\base, #0]
	ldp	x2, x3, [\base, #16]
	ldp	x4, x5, [\base, #32]
	ldp	x6, x7, [\base, #48]
	ldp	x8, x9, [\base, #64]
	ldp	x10, x11, [\base, #80]
	ldp	x12, x13, [\base, #96]
	ldp	x14, x15, [\base, #112]
	ldp	x16, x17, [\base, #128]
.endm

/* x0-x17 into the 18 words at [base] (base must not be x0-x17). */
.macro smccc_regs_store base
	stp	x0, x1, [\base, #0]
	stp	x2, x3, [\base, #16]
	stp	x4, x5, [\base, #32]
	stp	x6, x7, [\base, #48]
	stp	x8, x9, [\base, #64]
	stp	x10, x11, [\base, #80]
	stp	x12, x13, [\base, #96]
	stp	x14, x15, [\base, #112]
	stp	x16, x17, [\base, #128]
.endm

/* x1-x30 = 0: nothing of the caller's leaks to what is entered. */
.macro regs_clear_x1_x30
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, \
		18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	mov	x\n, xzr
	.endr
.endm

#endif
#endif
