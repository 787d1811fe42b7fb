/* SPDX-License-Identifier: MIT */
/*
 * The arch layer's interface to the hypervisor: trap frame, guest entry,
 * stage-2 tables, GICv3 SGIs, cache maintenance and the firmware SMC.
 */
#ifndef ARCH_ARCH_H
#define ARCH_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arbiter/call.h"
#include "arbiter/platform.h"
#include "asm.h"

/* What a trap saved: the call frame first, so x0-x17 land in it directly. */
struct trap_frame {
	struct call_frame call;
	uint64_t x18, x30;   /* x29 is callee-saved: C keeps it */
	uint64_t x19_29[11]; /* valid only on the slow path */
} __attribute__((aligned(16)));

/* The hot path fills conduit, state, imm and esr with one 64-bit store. */
_Static_assert(offsetof(struct trap_frame, call.x) == 0, "x0 first");
_Static_assert(offsetof(struct call_frame, state) ==
			       offsetof(struct call_frame, conduit) + 1 &&
		       offsetof(struct call_frame, imm) ==
			       offsetof(struct call_frame, conduit) + 2 &&
		       offsetof(struct call_frame, esr) ==
			       offsetof(struct call_frame, conduit) + 4 &&
		       offsetof(struct call_frame, conduit) % 8 == 0 &&
		       offsetof(struct call_frame, conduit) ==
			       offsetof(struct call_frame, pc) + 8 &&
		       offsetof(struct call_frame, vcpu) ==
			       offsetof(struct call_frame, pstate) + 8 &&
		       offsetof(struct call_frame, pstate) % 8 == 0,
	       "call_frame: pc, conduit, state, imm, esr and pstate, vcpu "
	       "packed as vectors.S stores them");

/*
 * The first words of the hypervisor's per-CPU structure, which TPIDR_EL2
 * points to: the trap path needs only these.
 */
struct arch_cpu {
	struct vcpu *cur;     /* vCPU running here, NULL when none */
	uint64_t stack_top;   /* secondary entry: initial SP */
	_Atomic uint32_t req; /* non-zero: the hypervisor wants this CPU */
};

static inline struct arch_cpu *arch_this_cpu(void)
{
	struct arch_cpu *c;

	__asm__("mrs %0, tpidr_el2" : "=r"(c));
	return c;
}

/* Implemented by the hypervisor (hyp/), called from the trap decoder. */
bool hyp_mmio_access(struct vcpu *v, uint64_t ipa, bool write, unsigned size,
		     uint64_t *val);
int hyp_cpu_requests(void);	  /* 1: leave the guest */
void hyp_irq_handle(void);	  /* physical IRQs taken at EL2 */
void hyp_vgic_flush(void);	  /* before a slow-path return to the guest */
void hyp_sgi_write(uint64_t val); /* the guest wrote ICC_SGI1R_EL1 */
void hyp_idle(void);		  /* sleep until an interrupt, at most ~1 ms */
void hyp_guest_fault(struct vcpu *v, const char *what, uint64_t addr,
		     uint64_t pc);

/* Fill the frame's esr and pstate from the trap being handled (the hot
 * path leaves them out; a monitor event needs them). */
void arch_frame_syndrome(struct call_frame *f);

/*
 * Where and how a vCPU starts, and what its traps need at hand: guest_enter
 * keeps the last three in its own stack frame, which sits right above every
 * trap frame of this vCPU, so the vector reaches them from SP with no
 * pointer to follow (vectors.S).
 */
struct guest_entry {
	uint64_t pc;
	uint64_t x0;
	uint64_t fast_key;    /* the constant-answer call: fid : SMC64 #0 ESR */
	uint64_t fast_answer; /* its x0 */
	struct vcpu *vcpu;
};

/* The ESR of an SMC64 #0 (EC 0x17, IL); an HVC64 #0's differs in bit 26. */
#define ESR_SMC64_IMM0 0x5e000000ull

/* A domain's router_fast_call() as the vector's 64-bit key and answer; a
 * key no trap produces (EC 0x3f, 0x3e) when there is none. */
static inline void guest_entry_fast(struct guest_entry *e, uint64_t fast)
{
	e->fast_key = ~0ull;
	e->fast_answer = 0;
	if (fast == ~0ull)
		return;
	e->fast_key = (fast & 0xffffffffull) << 32 | ESR_SMC64_IMM0;
	e->fast_answer = (uint64_t)(int64_t)(int32_t)(fast >> 32);
}

/* Per-pCPU EL2 set-up: vectors, traps, timers, MMU (builds tables once). */
void arch_el2_setup(bool primary);
/* Program HCR_EL2, VTCR/VTTBR and the EL1 reset state for a vCPU. */
void arch_vcpu_prepare(uint64_t vttbr, uint64_t vmpidr);
/* Enter the guest; returns when the vCPU stops. */
void guest_enter(const struct guest_entry *e);
void arch_smc_call(struct smccc_regs *r);
_Noreturn void halt_forever(void);

/* Stage 2: map [ipa, ipa + size) to pa as normal memory, tables taken
 * from `a`. Returns the root table's physical address, 0 when out of
 * memory. Addresses and size must be 4 KiB aligned, ipa + size <= 4 GiB. */
struct arena;
uint64_t stage2_create(uint64_t ipa, uint64_t pa, uint64_t size,
		       struct arena *a);
uint64_t arch_vttbr(uint64_t root, uint16_t vmid);
void arch_stage2_flush(uint16_t vmid);

/* GICv3: the hypervisor's own SGI between physical CPUs. */
void gic_init_global(uint64_t gicd, uint64_t gicr, uint64_t gicr_size);
bool gic_init_cpu(uint64_t mpidr);
void gic_send_sgi(uint64_t target_mpidr);
/* Acknowledge (INTID, >= 1020 when none), priority drop, deactivate. */
uint32_t gic_ack(void);
void gic_eoi(uint32_t intid);
void gic_deactivate(uint32_t intid);

/* GICv3 virtual CPU interface (vgic_lr.c). */
void vgic_lr_reset(void);
bool vgic_lr_busy(uint32_t intid);
bool vgic_lr_inject(uint32_t intid, uint8_t prio, bool hw);

/* Data cache clean to the point of coherency, then I-cache invalidate. */
void cache_clean_range(const void *p, size_t len);
void cache_sync_icache(void);

uint64_t arch_mpidr(void);
uint64_t arch_counter(void);
uint64_t arch_counter_freq(void);
uint64_t arch_id_isar0(void);

#endif
