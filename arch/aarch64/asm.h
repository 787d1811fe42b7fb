/* SPDX-License-Identifier: MIT */
/*
 * Constants for the assembly. Structure offsets come from the generated
 * asm-offsets.h (arch/aarch64/asm-offsets.c), so they always match C.
 */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#define BOOT_STACK_SIZE 16384
/*
 * guest_enter's frame, right above the vCPU's trap frames: the host's
 * callee-saved registers (0..95), then what the vector reads relative to SP
 * (struct guest_entry's fast_key, fast_answer and vcpu).
 */
#define HOST_SAVE_SIZE 128
#define HS_FAST_KEY    96
#define HS_FAST_ANSWER 104
#define HS_VCPU	       112

#ifdef __ASSEMBLY__
#include "asm-offsets.h"
#endif

#endif
