/* SPDX-License-Identifier: MIT */
/*
 * Arbiter's EL3 firmware for QEMU virt: internal interfaces shared by its
 * modules. Nothing here is seen by the normal world except through SMCs.
 */
#ifndef ARBITER_FW_H
#define ARBITER_FW_H

#include <stdbool.h>
#include <stdint.h>

#include "arbiter/smccc.h"
#include "fw_plat.h"

/* Every general-purpose register of the interrupted lower EL, saved by the
 * EL3 vector; results are written back here and restored by the ERET. */
struct fw_frame {
	uint64_t x[31];
	uint64_t pad;
};

/* One decoded SMCCC call: fid without the SVE hint, and the caller's saved
 * frame, which holds the arguments and receives the results. Arguments are
 * read through fw_arg() (masked to 32 bits for SMC32 IDs), not copied, to
 * keep the round trip short: so a handler reads an argument before it
 * writes the result register of the same number. */
struct fw_call {
	uint32_t fid;
	bool is64;    /* SMC64 function ID */
	bool aarch32; /* the caller runs in AArch32 */
	uint16_t client;
	unsigned el;	      /* the caller's exception level (1 or 2) */
	unsigned cpu;	      /* linear index of the calling CPU */
	struct fw_frame *out; /* x1..x17 in, results out in x0..x17 */
};

static inline uint64_t fw_arg(const struct fw_call *c, unsigned i)
{
	uint64_t v = c->out->x[i];

	return c->is64 ? v : (v & 0xffffffffull);
}

/* Write a signed status to x0, sign-extended as SMCCC asks. */
static inline void fw_ret(struct fw_call *c, int64_t status)
{
	c->out->x[0] = (uint64_t)status;
}

/* Logging (uart.c): bounded, boot and shutdown only. */
void fw_uart_init(void);
void fw_puts(const char *s);
void fw_put_hex(uint64_t v);
void fw_put_dec(uint64_t v);
void fw_log(const char *s); /* "[fw] " + s + "\n" */

/* Bakery lock (lock.c): mutual exclusion with plain loads and stores,
 * correct with the EL3 MMU off (no exclusives on Device memory). */
struct fw_lock {
	volatile uint32_t choosing[FW_MAX_CPUS];
	volatile uint32_t number[FW_MAX_CPUS];
};
void fw_lock_acquire(struct fw_lock *l, unsigned cpu);
void fw_lock_release(struct fw_lock *l, unsigned cpu);

/* Device tree (dt.c). */
struct fw_mem_range {
	uint64_t base, size;
};
struct fw_platform {
	uint64_t mpidr[FW_MAX_CPUS]; /* valid where present[i] */
	bool present[FW_MAX_CPUS];
	unsigned ncpus;
	struct fw_mem_range mem[FW_MAX_MEM_RANGES];
	unsigned nmem;
};
extern struct fw_platform fw_plat;
/* Read CPUs and memory, add /psci and enable-method; false if unusable. */
bool fw_dt_fixup(void *fdt);
bool fw_ns_range_ok(uint64_t addr, uint64_t len);

/* GICv3 secure-side setup (gic.c). */
void fw_gic_init_dist(void);
void fw_gic_init_cpu(uint64_t mpidr);

/* CPU state and EL3 system registers (cpu.c). */
int fw_cpu_index(uint64_t mpidr); /* -1 when not a CPU we can run */
unsigned fw_this_cpu(void);
void fw_cpu_init_el3(void);
void fw_cpu_prepare_ns_el2(void);

/* PSCI (psci.c). */
void fw_psci_init(unsigned boot_cpu);
void fw_psci_handle(struct fw_call *c);
bool fw_psci_feature(uint32_t fid, bool aarch32);
/* A CPU that is off waits here (WFE) until CPU_ON; never returns. */
void __attribute__((noreturn)) fw_psci_wait_on(unsigned cpu);

/* TRNG (trng.c). */
void fw_trng_init(void);
bool fw_trng_present(void);
void fw_trng_handle(struct fw_call *c);
bool fw_trng_feature(uint32_t fid);

/* SiP platform management (sip.c). */
void fw_sip_init(void);
void fw_sip_handle(struct fw_call *c);
void fw_sip_count(unsigned cpu, uint16_t client, bool is_sip);
void fw_sip_log_counts(void);

/* The test TEE (tee/): OP-TEE's SMC ABI, OEN 50 fast and yielding calls
 * and the OEN 63 queries; its call log printed at power-off and reset. */
void fw_tee_handle(struct fw_call *c);
void fw_tee_log(void);

/* The test SPMC and its partitions (ffa/): FF-A calls in OEN 4
 * (functions 0x60-0xef); its call log printed at power-off and reset. */
void fw_ffa_handle(struct fw_call *c);
void fw_ffa_log(void);

/* Arm Architecture calls and dispatch (smccc.c). */
void fw_arch_handle(struct fw_call *c);
void fw_smc_dispatch(struct fw_frame *f, uint64_t esr, uint64_t spsr);

/* Board power control (power.c): never return. */
void __attribute__((noreturn)) fw_power_off(void);
void __attribute__((noreturn)) fw_power_reset(void);
void __attribute__((noreturn)) fw_park(const char *why);

/* C entry points called from entry.S. */
void fw_primary_main(void);
void fw_secondary_main(unsigned cpu);
void fw_lower_trap(struct fw_frame *f, uint64_t esr, uint64_t spsr);
void fw_el3_fault(uint64_t esr, uint64_t elr);

/* Assembly (entry.S). */
void __attribute__((noreturn))
fw_enter_lower(uint64_t entry, uint64_t spsr, uint64_t x0, uint64_t sp_el3);
uint64_t fw_stack_top(unsigned cpu);
extern volatile uint32_t fw_release;

#endif
