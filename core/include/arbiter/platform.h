/* SPDX-License-Identifier: MIT */
/*
 * The only door from the portable core to the rest of the system. The
 * hypervisor (hyp/) implements these for the target; the host harness
 * (tests/harness/) implements them for unit tests, fuzzing and benchmarks.
 * Bound at link time: no weak symbols, no function-pointer tables.
 */
#ifndef ARBITER_PLATFORM_H
#define ARBITER_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arbiter/call.h"
#include "arbiter/domain.h"

/* x0-x17 in and out of one firmware call. */
struct smccc_regs {
	uint64_t x[CALL_NREGS];
};

/*
 * Issue one SMC to the secure firmware with x0-x17 as given; the firmware's
 * x0-x17 come back in place. Never called for a guest before its policy
 * allowed the call.
 */
void plat_firmware_call(struct smccc_regs *regs);

/*
 * CPU_ON claimed `target` (VCPU_CLAIMED): make sure the physical CPU it is
 * pinned to is powered, asking the firmware for it when an earlier
 * attempt failed. False when the firmware cannot power it: the guest's
 * CPU_ON then answers INTERNAL_FAILURE and the vCPU stays OFF. Must not
 * block for longer than one firmware call.
 */
bool plat_vcpu_power_up(struct vcpu *target);

/*
 * A vCPU of `dom` went from VCPU_OFF to VCPU_ON_PENDING (CPU_ON): make its
 * physical CPU pick up entry and context and run it. Must not block.
 */
void plat_vcpu_kick(struct vcpu *target);

/* SYSTEM_OFF / SYSTEM_RESET of the caller's domain: stop (or restart from its
 * image) every vCPU of that domain and no other. The calling vCPU gets
 * CALL_STOP back from the router afterwards. */
void plat_domain_off(struct domain *dom);
void plat_domain_reset(struct domain *dom);

/* Hand a call to the domain's introspection agent. Returns false when no
 * agent is attached (the router then applies on-agent-absent). */
bool plat_monitor_post(struct vcpu *caller, const struct call_frame *frame);

/* Fill `nbits` (1..192) bits of conditioned entropy into out[0..2], low word
 * first. Returns TRNG_SUCCESS or TRNG_NO_ENTROPY. */
int plat_entropy_get(uint64_t out[3], unsigned nbits);

/*
 * Physical address of hypervisor memory `p` (a TEE mediator's own buffers,
 * given to the secure side).
 */
uint64_t plat_hyp_pa(const void *p);

/*
 * Physical address of the page of `d`'s RAM at `ipa` (4 KiB aligned, inside
 * d->ram_ipa .. + ram_size, checked by the caller); 0 when it is not.
 */
uint64_t plat_guest_pa(const struct domain *d, uint64_t ipa);

/* Monotonic time in nanoseconds, for rate limiting only. */
uint64_t plat_time_ns(void);

/* One finished log line (no newline), already prefixed by the caller. */
void plat_log_write(const char *line, size_t len);

#endif
