/* SPDX-License-Identifier: MIT */
/*
 * The conformance suite: what a guest may rely on from Arbiter, checked from
 * inside a guest with real smc/hvc instructions. What the domain's policy
 * allows comes from its bootargs, written by the same configuration that
 * sets the policy:
 *   deny-trng        the domain's rules deny the TRNG service
 *   imm=unknown      non-zero immediates answer -1 (default: UNDEF)
 *   suspend=original CPU_SUSPEND takes the original power_state format
 *   reset-test       reset the domain once with SYSTEM_RESET (from vCPU 0,
 *                    with vCPU 1 running when there is one) before the
 *                    suite, which then runs on the second boot
 *   fw=qemu          the firmware below is QEMU's built-in PSCI (no EL3):
 *                    no workarounds, no SOC_ID, the hypervisor's own TRNG
 *   fw=arbiter       Arbiter's EL3 firmware: its workaround and SOC_ID
 *                    answers and its TRNG (UUID) show through
 * Without fw=, only what holds on any firmware is checked.
 */
#ifndef CONFORMANCE_H
#define CONFORMANCE_H

#include <stdbool.h>
#include <stdint.h>

#include "../lib/guest.h"

enum firmware_kind {
	FW_ANY,
	FW_QEMU,
	FW_ARBITER,
};

struct profile {
	enum firmware_kind fw;
	bool deny_trng;
	bool imm_unknown;
	bool suspend_original;
	bool reset_test;
};

extern struct profile profile;

#define CONDUITS(c) for (enum guest_conduit c = GUEST_SMC; c <= GUEST_HVC; c++)

#define MINUS1 0xffffffffffffffffull

/*
 * Every wait is bounded in time (the virtual counter), never by a number
 * of iterations, and waits with WFE: without -icount a vCPU is a host
 * thread that may be descheduled for a long time.
 */
#define WAIT_SECONDS 5
uint64_t deadline_after(unsigned seconds);
bool deadline_passed(uint64_t deadline);
/* Wait (WFE) until done(ctx) or WAIT_SECONDS pass; the last done(ctx). */
bool wait_for(bool (*done)(const void *ctx), const void *ctx);
/* Wait until *p >= v. */
bool wait_at_least(_Atomic uint32_t *p, uint32_t v);
void wait_event(void);
void signal_event(void);

/* Fill x1-x17 with a recognisable pattern; check them afterwards. */
void regs_pattern(struct smccc_res *r, uint32_t fid);
bool regs_unchanged_from(const struct smccc_res *r, unsigned first);

void check_decoding(void);
void check_services(void);
void check_psci(void);
void check_psci_smp(void);
void check_isolation(void);

/* Start vCPU i in a loop that holds it on; true once it runs. */
bool smp_start_held(unsigned i);

/* Secondary-vCPU work, dispatched by the argument CPU_ON passed. */
void smp_cpu_main(unsigned index, uint64_t arg);

#endif
