// SPDX-License-Identifier: MIT
/*
 * The demo guest: asks the same calls over both conduits and prints what
 * this domain gets, so domains with different policies side by side show
 * what each may and may not call. Then it powers its domain off.
 */
#include "../lib/guest.h"

struct probe {
	const char *name;
	uint32_t fid;
	uint64_t a1;
};

static const struct probe probes[] = {
	{"SMCCC_VERSION", ARM_SMCCC_VERSION, 0},
	{"ARCH_FEATURES(WORKAROUND_1)", ARM_SMCCC_ARCH_FEATURES,
	 ARM_SMCCC_ARCH_WORKAROUND_1},
	{"PSCI_VERSION", PSCI_0_2_FN(PSCI_FN_VERSION), 0},
	{"PSCI_FEATURES(CPU_ON)", PSCI_0_2_FN(PSCI_FN_FEATURES),
	 PSCI_0_2_FN64(PSCI_FN_CPU_ON)},
	{"TRNG_VERSION", PSCI_0_2_FN(TRNG_FN_VERSION), 0},
	{"TRNG_RND64(64 bits)", PSCI_0_2_FN64(TRNG_FN_RND), 64},
	{"hypervisor CALL_UID", SMCCC_FAST32(OEN_VENDOR_HYP, SMCCC_FN_CALL_UID),
	 0},
	{"SiP PM_VERSION 0x82000000", 0x82000000u, 0},
	{"SiP ECHO64 0xc2000007", 0xc2000007u, 41},
	{"OP-TEE CALLS_UID 0xbf00ff01", 0xbf00ff01u, 0},
};

static const char *meaning(int64_t r)
{
	switch (r) {
	case 0:
		return "success";
	case -1:
		return "NOT_SUPPORTED (denied or unknown)";
	case -2:
		return "NOT_REQUIRED / INVALID_PARAMETERS";
	case -3:
		return "INVALID_PARAMETER / DENIED";
	default:
		return r < 0 ? "error" : "value";
	}
}

void guest_main(void)
{
	printf_uart("# %u vCPU(s), PSCI over %s, bootargs \"%s\"\n",
		    guest_ncpus, conduit_name(psci_conduit), guest_bootargs);
	for (unsigned i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		for (int c = GUEST_SMC; c <= GUEST_HVC; c++) {
			int64_t r = (int64_t)smccc((enum guest_conduit)c,
						   probes[i].fid, probes[i].a1,
						   0, 0);

			printf_uart("%s %-28s -> %lld (0x%llx) %s\n",
				    conduit_name((enum guest_conduit)c),
				    probes[i].name, (long long)r,
				    (unsigned long long)r, meaning(r));
		}
	}
	printf_uart("# done: SYSTEM_OFF over %s\n", conduit_name(psci_conduit));
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	(void)index;
	(void)arg;
}
