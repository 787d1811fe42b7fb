// SPDX-License-Identifier: MIT
/*
 * Arm Architecture calls (SMCCC_VERSION, ARCH_FEATURES, SOC_ID, the
 * workarounds) and the general queries (Call Count, UID, Revision).
 */
#include <stdlib.h>
#include <string.h>

#include "arbiter/firmware_caps.h"
#include "unit.h"

#define ONE_VM(rules) CONFIG_DTS(VM_NODE("vm", "5", "0 1", rules))

static uint64_t call(struct domain *d, unsigned conduit, uint32_t fid,
		     uint64_t x1)
{
	struct call_frame f = unit_frame(d, 0, conduit, fid);
	struct call_frame before;
	const struct builtin_fn *fn = builtin_find(fid);

	f.x[1] = x1;
	before = f;
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	unit_assert_unchanged(&f, &before, fn ? fn->nresults : 1);
	return f.x[0];
}

static uint64_t features(struct domain *d, unsigned conduit, uint64_t fid)
{
	return call(d, conduit, ARM_SMCCC_ARCH_FEATURES, fid);
}

#define NEG(v) ((uint64_t)(int64_t)(v))

/* A system whose fake firmware answers the workarounds as given. */
static struct harness_system *with_firmware(const char *dts, int wa1, int wa2,
					    int wa3, int wa4, bool v12,
					    bool soc)
{
	struct harness_system *sys = calloc(1, sizeof(*sys));

	harness_reset();
	harness.fw.workaround[1] = wa1;
	harness.fw.workaround[2] = wa2;
	harness.fw.workaround[3] = wa3;
	harness.fw.workaround[4] = wa4;
	harness.fw.smccc_1_2 = v12;
	harness.fw.has_soc_id = soc;
	firmware_probe();
	assert_int_equal(harness_system_from_dts(sys, dts), 0);
	return sys;
}

static void smccc_version(void **state)
{
	struct harness_system *sys = unit_system(ONE_VM(""));
	struct domain *d = unit_dom(sys, "vm");

	(void)state;
	for (unsigned c = 0; c < 2; c++)
		assert_int_equal(call(d, c, ARM_SMCCC_VERSION, 0), 0x10003u);
	unit_free(sys);
}

static void arch_features_truthful(void **state)
{
	struct harness_system *sys = unit_system(
		ONE_VM("smccc { s { match = \"sip\"; action = \"forward\"; };"
		       " t { match = \"trng\"; action = \"deny\"; };"
		       " w { range = <0x80003fff 0x80003fff>; action = "
		       "\"deny\"; };"
		       " p { match = \"psci\"; conduit = \"smc\"; action = "
		       "\"deny\"; }; };"));
	struct domain *d = unit_dom(sys, "vm");

	(void)state;
	for (unsigned c = 0; c < 2; c++) {
		assert_int_equal(features(d, c, ARM_SMCCC_VERSION), 0);
		assert_int_equal(features(d, c, ARM_SMCCC_ARCH_FEATURES), 0);
		assert_int_equal(features(d, c, 0xc2000001u), 0);
		assert_int_equal(features(d, c, 0x8400ff01u), 0);
		assert_int_equal(features(d, c, 0x8600ff01u), 0);
		/* denied by the caller's policy */
		assert_int_equal(features(d, c, 0x84000050u), ALL_ONES);
		assert_int_equal(features(d, c, 0xc4000053u), ALL_ONES);
		assert_int_equal(features(d, c, 0x83000000u), ALL_ONES);
		assert_int_equal(features(d, c, 0xb2000000u), ALL_ONES);
		/* the harness firmware has WA3 (0), but this domain denies
		 * it */
		assert_int_equal(features(d, c, ARM_SMCCC_ARCH_WORKAROUND_3),
				 ALL_ONES);
		/* not implemented by anyone */
		assert_int_equal(features(d, c, 0x84000005u), ALL_ONES);
		assert_int_equal(features(d, c, 0xc5000020u), ALL_ONES);
		assert_int_equal(features(d, c, 0x80000003u), ALL_ONES);
		/* malformed IDs */
		assert_int_equal(features(d, c, 0x80020000u), ALL_ONES);
	}
	/* per conduit: PSCI denied over SMC only */
	assert_int_equal(features(d, CONDUIT_SMC, 0x84000000u), ALL_ONES);
	assert_int_equal(features(d, CONDUIT_HVC, 0x84000000u), 0);
	/* SMC64 IDs asked from AArch32 */
	{
		struct call_frame f =
			unit_frame(d, 0, CONDUIT_HVC, ARM_SMCCC_ARCH_FEATURES);

		f.state = EXEC_AARCH32;
		f.x[1] = 0xc2000001u;
		router_dispatch(&f);
		assert_int_equal(f.x[0], ALL_ONES);
		f.x[0] = ARM_SMCCC_ARCH_FEATURES;
		f.x[1] = 0x82000001u;
		router_dispatch(&f);
		assert_int_equal(f.x[0], 0);
	}
	unit_free(sys);
}

static void workarounds_follow_firmware(void **state)
{
	static const int answers[][4] = {
		{0, 1, 0, -1}, {-1, -2, 1, 0}, {1, 0, -1, -1}, {-1, -1, -1, 1}};
	static const uint32_t wa[5] = {
		0, ARM_SMCCC_ARCH_WORKAROUND_1, ARM_SMCCC_ARCH_WORKAROUND_2,
		ARM_SMCCC_ARCH_WORKAROUND_3, ARM_SMCCC_ARCH_WORKAROUND_4};

	(void)state;
	for (unsigned k = 0; k < 4; k++) {
		const int *a = answers[k];
		struct harness_system *sys = with_firmware(
			ONE_VM(""), a[0], a[1], a[2], a[3], true, true);
		struct domain *d = unit_dom(sys, "vm");

		for (unsigned w = 1; w <= 4; w++) {
			uint64_t fw = harness.fw.calls, x0;

			assert_int_equal(features(d, CONDUIT_HVC, wa[w]),
					 NEG(a[w - 1]));
			assert_int_equal(harness.fw.calls, fw);
			/* the call itself: carried out by the firmware only
			 * when it says the call is needed */
			x0 = call(d, CONDUIT_SMC, wa[w], 1);
			if (a[w - 1] == -1) {
				assert_int_equal(x0, ALL_ONES);
				assert_int_equal(harness.fw.calls, fw);
			} else if (a[w - 1] == 0) {
				assert_int_equal(x0, 0);
				assert_int_equal(harness.fw.calls, fw + 1);
				assert_int_equal(harness.fw.last_in.x[0],
						 wa[w]);
				assert_int_equal(harness.fw.last_in.x[1], 1);
			} else {
				assert_int_equal(x0, 0);
				assert_int_equal(harness.fw.calls, fw);
			}
		}
		unit_free(sys);
	}
}

/* A firmware that only knows SMCCC 1.0: no mitigation is advertised. */
static void old_firmware_no_mitigations(void **state)
{
	struct harness_system *sys =
		with_firmware(ONE_VM(""), 0, 0, 0, 0, false, true);
	struct domain *d = unit_dom(sys, "vm");

	(void)state;
	assert_int_equal(firmware_caps.smccc_version, SMCCC_VERSION_1_0);
	assert_int_equal(features(d, CONDUIT_HVC, ARM_SMCCC_ARCH_WORKAROUND_1),
			 ALL_ONES);
	assert_int_equal(features(d, CONDUIT_HVC, ARM_SMCCC_ARCH_WORKAROUND_2),
			 ALL_ONES);
	assert_int_equal(call(d, CONDUIT_HVC, ARM_SMCCC_ARCH_WORKAROUND_1, 0),
			 ALL_ONES);
	assert_int_equal(features(d, CONDUIT_HVC, ARM_SMCCC_ARCH_SOC_ID),
			 ALL_ONES);
	assert_int_equal(call(d, CONDUIT_HVC, ARM_SMCCC_ARCH_SOC_ID, 0),
			 ALL_ONES);
	/* our own version does not depend on the firmware's */
	assert_int_equal(call(d, CONDUIT_HVC, ARM_SMCCC_VERSION, 0), 0x10003u);
	unit_free(sys);
}

/* The trap vector's constant answer: WORKAROUND_1 when the firmware needs
 * no call for it and the policy emulates it on both conduits. */
static void fast_call_slot(void **state)
{
	static const struct {
		int fw;
		const char *dts;
		uint64_t want;
	} cases[] = {
		{1, ONE_VM(""),
		 (uint64_t)0 << 32 | ARM_SMCCC_ARCH_WORKAROUND_1},
		{-2, ONE_VM(""),
		 (uint64_t)0 << 32 | ARM_SMCCC_ARCH_WORKAROUND_1},
		{-1, ONE_VM(""),
		 (uint64_t)0xffffffffu << 32 | ARM_SMCCC_ARCH_WORKAROUND_1},
		{0, ONE_VM(""), ROUTER_NO_FAST_CALL}, /* the firmware must */
		{1,
		 ONE_VM("smccc { w { range = <0x80008000 0x80008000>; "
			"conduit = \"smc\"; action = \"deny\"; }; };"),
		 ROUTER_NO_FAST_CALL}, /* denied on one conduit */
	};

	(void)state;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct harness_system *sys = with_firmware(
			cases[i].dts, cases[i].fw, 1, 1, -1, true, true);
		struct domain *d = unit_dom(sys, "vm");

		assert_int_equal(router_fast_call(d), cases[i].want);
		assert_int_equal(d->fast_call, cases[i].want);
		unit_free(sys);
	}
}

static void soc_id(void **state)
{
	struct harness_system *sys = unit_system(ONE_VM(""));
	struct domain *d = unit_dom(sys, "vm");
	struct call_frame f;

	(void)state;
	assert_int_equal(features(d, CONDUIT_HVC, ARM_SMCCC_ARCH_SOC_ID), 0);
	assert_int_equal(features(d, CONDUIT_HVC, ARM_SMCCC_ARCH_SOC_ID64), 0);
	assert_int_equal(call(d, CONDUIT_HVC, ARM_SMCCC_ARCH_SOC_ID, 0),
			 0x0a5b0001u);
	assert_int_equal(call(d, CONDUIT_SMC, ARM_SMCCC_ARCH_SOC_ID, 1), 2);
	/* type 0 with junk in the upper half of x1 (SMC32: masked) */
	assert_int_equal(call(d, CONDUIT_SMC, ARM_SMCCC_ARCH_SOC_ID,
			      0xffffffff00000000ull),
			 0x0a5b0001u);
	assert_int_equal(call(d, CONDUIT_HVC, ARM_SMCCC_ARCH_SOC_ID, 2),
			 NEG(SMCCC_INVALID_PARAMETER));
	assert_int_equal(call(d, CONDUIT_HVC, ARM_SMCCC_ARCH_SOC_ID, 3),
			 NEG(SMCCC_INVALID_PARAMETER));
	assert_int_equal(call(d, CONDUIT_HVC, ARM_SMCCC_ARCH_SOC_ID64, 0),
			 NEG(SMCCC_INVALID_PARAMETER));
	/* type 2: the name, NUL-terminated, little-endian in x1-x17 */
	f = unit_frame(d, 0, CONDUIT_HVC, ARM_SMCCC_ARCH_SOC_ID64);
	f.x[1] = 2;
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	assert_int_equal(f.x[0], 0);
	assert_int_equal(f.x[1], 0x00436f53656b6146ull); /* "FakeSoC\0" */
	for (unsigned i = 2; i < CALL_NREGS; i++)
		assert_int_equal(f.x[i], 0);
	unit_free(sys);
	/* no SOC_ID in the firmware: NOT_SUPPORTED */
	sys = with_firmware(ONE_VM(""), 0, 1, 0, -1, true, false);
	d = unit_dom(sys, "vm");
	assert_int_equal(features(d, CONDUIT_HVC, ARM_SMCCC_ARCH_SOC_ID),
			 ALL_ONES);
	assert_int_equal(call(d, CONDUIT_HVC, ARM_SMCCC_ARCH_SOC_ID, 0),
			 ALL_ONES);
	assert_int_equal(call(d, CONDUIT_HVC, ARM_SMCCC_ARCH_SOC_ID64, 2),
			 ALL_ONES);
	unit_free(sys);
}

/* 16 bytes of a UUID string, in order, as UID words: byte 0 in W0[7:0]. */
static void assert_uid(const uint64_t x[4], const char *uuid)
{
	unsigned char bytes[16] = {0};
	unsigned n = 0;

	for (const char *p = uuid; *p && n < 16; p++) {
		if (*p == '-')
			continue;
		bytes[n++] = (unsigned char)strtoul((char[]){p[0], p[1], 0},
						    NULL, 16);
		p++;
	}
	assert_int_equal(n, 16);
	for (unsigned w = 0; w < 4; w++) {
		uint32_t v = (uint32_t)bytes[4 * w] |
			     (uint32_t)bytes[4 * w + 1] << 8 |
			     (uint32_t)bytes[4 * w + 2] << 16 |
			     (uint32_t)bytes[4 * w + 3] << 24;

		assert_int_equal(x[w], v);
	}
	assert_true(x[0] != 0xffffffffu);
}

static void query(struct domain *d, unsigned state, uint32_t oen,
		  uint64_t out[3][4])
{
	for (unsigned q = 0; q < 3; q++) {
		uint32_t fn = q == 0   ? SMCCC_FN_CALL_COUNT
			      : q == 1 ? SMCCC_FN_CALL_UID
				       : SMCCC_FN_REVISION;
		struct call_frame f =
			unit_frame(d, 0, CONDUIT_HVC, SMCCC_FAST32(oen, fn));
		struct call_frame before;
		unsigned nres = q == 0 ? 1 : q == 1 ? 4 : 2;

		f.state = (uint8_t)state;
		before = f;
		assert_int_equal(router_dispatch(&f), CALL_DONE);
		unit_assert_unchanged(&f, &before, nres);
		for (unsigned i = 0; i < 4; i++)
			out[q][i] = f.x[i];
	}
}

static void queries_counts_uids_revisions(void **state)
{
	struct harness_system *sys = unit_system(CONFIG_DTS(
		VM_NODE("vm", "5", "0", "")
			VM_NODE("nt", "6", "1",
				"smccc { t { match = \"trng\"; action = "
				"\"deny\"; }; };")
				VM_NODE("np", "7", "2",
					"smccc { p { range = <0xc4000000 "
					"0xc400001f>; action = \"deny\"; }; "
					"};")));
	struct domain *d = unit_dom(sys, "vm");
	uint64_t r[3][4];

	(void)state;
	/* OEN 4: 15 PSCI SMC32 + 8 PSCI SMC64 + 4 TRNG SMC32 + RND64 */
	query(d, EXEC_AARCH64, OEN_STD, r);
	assert_int_equal(r[0][0], 28);
	assert_uid(r[1], "907d3793-97ca-4d65-a71b-2e6e0d1cf846");
	assert_int_equal(r[2][0], 1);
	assert_int_equal(r[2][1], 0);
	/* an AArch32 caller cannot make the 9 SMC64 ones */
	query(d, EXEC_AARCH32, OEN_STD, r);
	assert_int_equal(r[0][0], 19);
	/* a domain denying TRNG sees 5 fewer; one denying PSCI64, 8 fewer */
	query(unit_dom(sys, "nt"), EXEC_AARCH64, OEN_STD, r);
	assert_int_equal(r[0][0], 23);
	query(unit_dom(sys, "np"), EXEC_AARCH64, OEN_STD, r);
	assert_int_equal(r[0][0], 20);
	/* the ranges with no function besides the queries */
	query(d, EXEC_AARCH64, OEN_CPU, r);
	assert_int_equal(r[0][0], 0);
	assert_uid(r[1], "9b014112-9bfa-4b4a-a2cc-d4ea570b7464");
	assert_int_equal(r[2][0], 1);
	assert_int_equal(r[2][1], 0);
	for (uint32_t oen = OEN_STD_HYP; oen <= OEN_VENDOR_HYP; oen++) {
		query(d, EXEC_AARCH64, oen, r);
		/* OEN 6 holds the monitor agent's four calls */
		assert_int_equal(r[0][0], oen == OEN_VENDOR_HYP ? 4 : 0);
		assert_uid(r[1], "77f5d079-0461-4d62-863e-6799db487528");
		assert_int_equal(r[2][0], 1);
		assert_int_equal(r[2][1], 0);
	}
	/* queries of ranges Arbiter does not own are denied */
	query(d, EXEC_AARCH64, OEN_SIP, r);
	assert_int_equal(r[0][0], ALL_ONES);
	assert_int_equal(r[1][0], ALL_ONES);
	unit_free(sys);
}

/* A count follows the table: it equals the built-ins the policy allows. */
static void counts_follow_table(void **state)
{
	struct harness_system *sys = unit_system(
		ONE_VM("smccc { a { range = <0x84000000 0x84000003>; action = "
		       "\"deny\"; };"
		       " b { range = <0x84000052 0x84000052>; action = "
		       "\"deny\"; }; };"));
	struct domain *d = unit_dom(sys, "vm");
	uint64_t r[3][4];

	(void)state;
	query(d, EXEC_AARCH64, OEN_STD, r);
	/* VERSION, CPU_SUSPEND, CPU_OFF, CPU_ON and GET_UUID are gone */
	assert_int_equal(r[0][0], 23);
	unit_free(sys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(smccc_version),
		cmocka_unit_test(arch_features_truthful),
		cmocka_unit_test(workarounds_follow_firmware),
		cmocka_unit_test(old_firmware_no_mitigations),
		cmocka_unit_test(fast_call_slot),
		cmocka_unit_test(soc_id),
		cmocka_unit_test(queries_counts_uids_revisions),
		cmocka_unit_test(counts_follow_table),
	};

	return cmocka_run_group_tests_name("arch+queries", tests, NULL, NULL);
}
