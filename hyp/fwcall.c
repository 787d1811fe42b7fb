// SPDX-License-Identifier: MIT
/*
 * plat_firmware_call() for the production image: one SMC, nothing else.
 * The fault-injection test image links hyp/faults/faults.c instead
 * (mk/hyp.mk, docs/robustness.md), so this image carries no trace of it.
 */
#include "hyp.h"

void plat_firmware_call(struct smccc_regs *regs)
{
	arch_smc_call(regs);
}
