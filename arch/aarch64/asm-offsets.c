// SPDX-License-Identifier: MIT
/*
 * Structure offsets for the assembly, generated at build time so the trap
 * frame follows struct call_frame whatever the core puts in it. Compiled
 * to assembly only; mk/hyp.mk turns the markers into asm-offsets.h.
 */
#include <stddef.h>

#include "arch.h"
#include "arbiter/trap_decode.h"

#define DEFINE(sym, val)                                                       \
	__asm__ volatile("\n.ascii \"->" #sym " %0\"" ::"i"(val))

void asm_offsets(void);

void asm_offsets(void)
{
	DEFINE(TF_X18, offsetof(struct trap_frame, x18));
	DEFINE(TF_X30, offsetof(struct trap_frame, x30));
	DEFINE(TF_X19, offsetof(struct trap_frame, x19_29));
	DEFINE(CF_PC, offsetof(struct call_frame, pc));
	DEFINE(CF_CONDUIT, offsetof(struct call_frame, conduit));
	DEFINE(CF_VCPU, offsetof(struct call_frame, vcpu));
	DEFINE(TRAP_NOT_A_CALL, TRAP_NOT_A_CALL);
	DEFINE(PCPU_REQ, offsetof(struct arch_cpu, req));
	DEFINE(TF_SIZE, sizeof(struct trap_frame));
	DEFINE(GE_PC, offsetof(struct guest_entry, pc));
	DEFINE(GE_X0, offsetof(struct guest_entry, x0));
	DEFINE(GE_FAST_KEY, offsetof(struct guest_entry, fast_key));
	DEFINE(GE_VCPU, offsetof(struct guest_entry, vcpu));
	DEFINE(PCPU_STACK_TOP, offsetof(struct arch_cpu, stack_top));
}
