/* SPDX-License-Identifier: MIT */
/*
 * Constants for the assembly. Structure offsets come from the generated
 * asm-offsets.h (arch/aarch64/asm-offsets.c), so they always match C.
 */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#define BOOT_STACK_SIZE 16384
/* Host callee-saved registers guest_enter keeps below the trap frames. */
#define HOST_SAVE_SIZE 96

#ifdef __ASSEMBLY__
#include "asm-offsets.h"
#endif

#endif
