// SPDX-License-Identifier: MIT
/* PSCI discovery and the calls one vCPU can check alone. */
#include "conformance.h"

static bool psci_implemented(unsigned fn, bool is64)
{
	static const uint8_t both[] = {1, 3, 4, 12, 13, 14, 18, 21};
	static const uint8_t only32[] = {0, 2, 6, 8, 9, 10, 11};

	for (unsigned i = 0; i < sizeof(both); i++)
		if (both[i] == fn)
			return true;
	for (unsigned i = 0; !is64 && i < sizeof(only32); i++)
		if (only32[i] == fn)
			return true;
	return false;
}

/* The exact PSCI_FEATURES answer of an implemented function, or -1. */
static int64_t feature_expected(unsigned fn, bool is64)
{
	if (!psci_implemented(fn, is64))
		return -1;
	if (fn == PSCI_FN_CPU_SUSPEND) /* bit 1: extended StateID format */
		return profile.suspend_original ? 0 : 2;
	if (fn == PSCI_FN_SYSTEM_OFF2) /* bit 0: HIBERNATE_OFF */
		return 1;
	return 0;
}

static void check_features(enum guest_conduit c)
{
	const char *cn = conduit_name(c);
	bool ok = true;
	uint64_t susp;

	tap_ok(smccc(c, PSCI_0_2_FN(PSCI_FN_VERSION), 0, 0, 0) ==
		       PSCI_VERSION_1_3,
	       "%s PSCI_VERSION is 1.3", cn);
	for (unsigned fn = 0; fn <= PSCI_FN_LAST; fn++) {
		for (int w = 0; w < 2; w++) {
			uint32_t fid = w ? PSCI_0_2_FN64(fn) : PSCI_0_2_FN(fn);
			int64_t f = (int64_t)smccc(
				c, PSCI_0_2_FN(PSCI_FN_FEATURES), fid, 0, 0);

			if (f != feature_expected(fn, w)) {
				printf_uart("# PSCI_FEATURES(0x%08x) = %lld\n",
					    fid, (long long)f);
				ok = false;
			}
		}
	}
	tap_ok(ok, "%s PSCI_FEATURES exact for all 64 PSCI IDs", cn);
	tap_ok(smccc(c, PSCI_0_2_FN(PSCI_FN_FEATURES), ARM_SMCCC_VERSION, 0,
		     0) == 0,
	       "%s PSCI_FEATURES(SMCCC_VERSION) = 0", cn);
	tap_ok(smccc(c, PSCI_0_2_FN(PSCI_FN_FEATURES), 0xc2000001u, 0, 0) ==
		       MINUS1,
	       "%s PSCI_FEATURES of a non-PSCI ID is -1", cn);
	susp = smccc(c, PSCI_0_2_FN(PSCI_FN_FEATURES),
		     PSCI_0_2_FN(PSCI_FN_CPU_SUSPEND), 0, 0);
	tap_ok(susp == (profile.suspend_original ? 0u : 2u),
	       "%s CPU_SUSPEND format flag %llu", cn, (unsigned long long)susp);
	tap_ok(smccc(c, PSCI_0_2_FN(PSCI_FN_MIGRATE_INFO_TYPE), 0, 0, 0) == 2,
	       "%s MIGRATE_INFO_TYPE = 2", cn);
}

static void check_suspend_standby(enum guest_conduit c)
{
	uint32_t standby = 0; /* StateType 0 in both formats */
	uint32_t bad = profile.suspend_original ? 0x04000000u : 0x80000000u;
	const char *cn = conduit_name(c);

	tap_ok(smccc(c, PSCI_0_2_FN(PSCI_FN_CPU_SUSPEND), standby, 0, 0) == 0,
	       "%s CPU_SUSPEND standby returns SUCCESS", cn);
	tap_ok((int64_t)smccc(c, PSCI_0_2_FN(PSCI_FN_CPU_SUSPEND), bad, 0, 0) ==
		       PSCI_INVALID_PARAMETERS,
	       "%s CPU_SUSPEND with must-be-zero bits: INVALID_PARAMETERS", cn);
}

static void check_self_queries(enum guest_conduit c)
{
	const char *cn = conduit_name(c);
	uint64_t me = guest_cpu_mpidr[this_cpu_index()];

	tap_ok((int64_t)smccc(c, PSCI_0_2_FN64(PSCI_FN_CPU_ON), me,
			      guest_ram_base + 0x80000, 0) == PSCI_ALREADY_ON,
	       "%s CPU_ON of the caller itself: ALREADY_ON", cn);
	for (unsigned lvl = 0; lvl <= 3; lvl++)
		tap_ok(smccc(c, PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO), me, lvl,
			     0) == PSCI_AFF_ON,
		       "%s AFFINITY_INFO of the caller at level %u is ON", cn,
		       lvl);
	tap_ok((int64_t)smccc(c, PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO), me, 4,
			      0) == PSCI_INVALID_PARAMETERS,
	       "%s AFFINITY_INFO level 4: INVALID_PARAMETERS", cn);
	tap_ok(smccc(c, PSCI_0_2_FN64(PSCI_FN_NODE_HW_STATE), me, 0, 0) == 0,
	       "%s NODE_HW_STATE of the caller is ON", cn);
	tap_ok((int64_t)smccc(c, PSCI_0_2_FN(PSCI_FN_SYSTEM_RESET2), 5, 0, 0) ==
		       PSCI_INVALID_PARAMETERS,
	       "%s SYSTEM_RESET2 of an unknown type: INVALID_PARAMETERS", cn);
	tap_ok((int64_t)smccc(c, PSCI_0_2_FN(PSCI_FN_SYSTEM_OFF2), 1, 7, 0) ==
		       PSCI_INVALID_PARAMETERS,
	       "%s SYSTEM_OFF2 with a cookie: INVALID_PARAMETERS", cn);
}

void check_psci(void)
{
	CONDUITS(c)
	{
		check_features(c);
		check_suspend_standby(c);
		check_self_queries(c);
	}
}
