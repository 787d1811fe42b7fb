/* SPDX-License-Identifier: MIT */
/* Shared by the two halves of the virtual PSCI (core/services/psci*.c). */
#ifndef ARBITER_PSCI_INTERNAL_H
#define ARBITER_PSCI_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "arbiter/call.h"
#include "arbiter/domain.h"

/* The vCPU of the caller's own domain with this MPIDR, or NULL. */
struct vcpu *psci_target(const struct call_frame *f, uint64_t mpidr);

/* An entry point the caller may start a vCPU at: its own RAM, and for an
 * AArch64 target bit 0 clear. */
bool psci_entry_valid(const struct call_frame *f, uint64_t entry);

#endif
