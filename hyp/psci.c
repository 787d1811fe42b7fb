// SPDX-License-Identifier: MIT
/*
 * The hypervisor's own PSCI calls to the firmware below (QEMU's built-in
 * PSCI, our EL3 firmware, TF-A): always SMC, since an HVC from EL2 would
 * trap to ourselves.
 */
#include "hyp.h"
#include "arbiter/smccc.h"

int64_t fw_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t ctx)
{
	struct smccc_regs r = {
		.x = {PSCI_0_2_FN64(PSCI_FN_CPU_ON), mpidr, entry, ctx}};

	plat_firmware_call(&r);
	return (int64_t)r.x[0];
}

_Noreturn void fw_system_off(void)
{
	struct smccc_regs r = {.x = {PSCI_0_2_FN(PSCI_FN_SYSTEM_OFF)}};

	plat_firmware_call(&r);
	/* unreachable from guest input: SYSTEM_OFF does not return on any
	 * PSCI firmware; if one does, this CPU has nothing left to do. */
	halt_forever();
}
