// SPDX-License-Identifier: MIT
/*
 * Isolation as a guest sees it: CPUs of other domains and addresses
 * outside its RAM do not exist for it, and denied calls answer -1.
 */
#include "conformance.h"

void check_isolation(void)
{
	/* The MPIDR the next vCPU would have: another domain's, or nobody's. */
	uint64_t foreign =
		((uint64_t)(guest_ncpus / 16) << 8) | (guest_ncpus % 16);
	uint64_t end = guest_ram_base + guest_ram_size;
	static const uint64_t bad_entry[] = {0, 0x09000000, 0x3ffffffc};

	CONDUITS(c)
	{
		const char *cn = conduit_name(c);

		tap_ok((int64_t)smccc(c, PSCI_0_2_FN64(PSCI_FN_CPU_ON), foreign,
				      guest_ram_base + 0x80000,
				      0) == PSCI_INVALID_PARAMETERS,
		       "%s CPU_ON of a CPU outside the domain: "
		       "INVALID_PARAMETERS",
		       cn);
		tap_ok((int64_t)smccc(c, PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO),
				      foreign, 0, 0) == PSCI_INVALID_PARAMETERS,
		       "%s AFFINITY_INFO of a CPU outside the domain: "
		       "INVALID_PARAMETERS",
		       cn);
		tap_ok((int64_t)smccc(c, PSCI_0_2_FN64(PSCI_FN_CPU_ON),
				      1ull << 24, guest_ram_base,
				      0) == PSCI_INVALID_PARAMETERS,
		       "%s CPU_ON with non-affinity MPIDR bits: "
		       "INVALID_PARAMETERS",
		       cn);
		if (guest_ncpus < 2)
			continue;
		for (unsigned i = 0; i < 3; i++)
			tap_ok((int64_t)smccc(c, PSCI_0_2_FN64(PSCI_FN_CPU_ON),
					      guest_cpu_mpidr[1], bad_entry[i],
					      0) == PSCI_INVALID_ADDRESS,
			       "%s CPU_ON entry 0x%llx outside RAM: "
			       "INVALID_ADDRESS",
			       cn, (unsigned long long)bad_entry[i]);
		tap_ok((int64_t)smccc(c, PSCI_0_2_FN64(PSCI_FN_CPU_ON),
				      guest_cpu_mpidr[1], end,
				      0) == PSCI_INVALID_ADDRESS &&
			       (int64_t)smccc(c, PSCI_0_2_FN64(PSCI_FN_CPU_ON),
					      guest_cpu_mpidr[1],
					      guest_ram_base + 0x80001,
					      0) == PSCI_INVALID_ADDRESS,
		       "%s CPU_ON entry at RAM end or odd: INVALID_ADDRESS",
		       cn);
		tap_ok(smccc(c, 0xc2000001u, 1, 2, 3) == MINUS1 &&
			       smccc(c, 0x83000000u, 0, 0, 0) == MINUS1 &&
			       smccc(c, ARM_SMCCC_ARCH_FEATURES, 0xc2000001u, 0,
				     0) == MINUS1,
		       "%s SiP and OEM calls denied by default answer -1, "
		       "ARCH_FEATURES says so",
		       cn);
	}
}
