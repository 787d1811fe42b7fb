/* SPDX-License-Identifier: MIT */
/*
 * The conformance suite: what a guest may rely on from Arbiter, checked from
 * inside a guest with real smc/hvc instructions. What the domain's policy
 * allows comes from its bootargs, written by the same configuration that
 * sets the policy:
 *   deny-trng        the domain's rules deny the TRNG service
 *   imm=unknown      non-zero immediates answer -1 (default: UNDEF)
 *   suspend=original CPU_SUSPEND takes the original power_state format
 *   reset-test       reset the domain once with SYSTEM_RESET mid-suite
 */
#ifndef CONFORMANCE_H
#define CONFORMANCE_H

#include <stdbool.h>
#include <stdint.h>

#include "../lib/guest.h"

struct profile {
	bool deny_trng;
	bool imm_unknown;
	bool suspend_original;
	bool reset_test;
};

extern struct profile profile;

#define CONDUITS(c) for (enum guest_conduit c = GUEST_SMC; c <= GUEST_HVC; c++)

#define MINUS1 0xffffffffffffffffull

/* Fill x1-x17 with a recognisable pattern; check them afterwards. */
void regs_pattern(struct smccc_res *r, uint32_t fid);
bool regs_unchanged_from(const struct smccc_res *r, unsigned first);

void check_decoding(void);
void check_services(void);
void check_psci(void);
void check_psci_smp(void);
void check_isolation(void);

/* Secondary-vCPU work, dispatched by the argument CPU_ON passed. */
void smp_cpu_main(unsigned index, uint64_t arg);

#endif
