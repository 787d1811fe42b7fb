// SPDX-License-Identifier: MIT
/* call_decode(): the one definition of a routable function ID (DESIGN §1). */
#include "unit.h"

static enum decode_result dec(uint64_t x0, unsigned state, unsigned imm,
			      uint32_t *fid)
{
	*fid = 0x12345678u; /* must be left alone unless DECODE_OK */
	return call_decode(x0, state, imm, fid);
}

static void hint_bit_cleared(void **state)
{
	uint32_t fid;

	(void)state;
	assert_int_equal(dec(0x80010000u, EXEC_AARCH64, 0, &fid), DECODE_OK);
	assert_int_equal(fid, ARM_SMCCC_VERSION);
	assert_int_equal(dec(0xc4010003u, EXEC_AARCH64, 0, &fid), DECODE_OK);
	assert_int_equal(fid, 0xc4000003u);
	assert_int_equal(dec(0x84010000u, EXEC_AARCH32, 0, &fid), DECODE_OK);
	assert_int_equal(fid, 0x84000000u);
}

static void upper_half_of_x0_ignored(void **state)
{
	uint32_t fid;

	(void)state;
	assert_int_equal(dec(0xdeadbeef80000000ull, EXEC_AARCH64, 0, &fid),
			 DECODE_OK);
	assert_int_equal(fid, ARM_SMCCC_VERSION);
	assert_int_equal(
		dec(0xffffffff00000000ull | 0xc2000001u, EXEC_AARCH64, 0, &fid),
		DECODE_OK);
	assert_int_equal(fid, 0xc2000001u);
}

static void fast_reserved_bits_23_17(void **state)
{
	uint32_t fid;

	(void)state;
	for (unsigned bit = 17; bit <= 23; bit++) {
		uint32_t x0 = ARM_SMCCC_VERSION | (1u << bit);

		assert_int_equal(dec(x0, EXEC_AARCH64, 0, &fid),
				 DECODE_RESERVED);
		assert_int_equal(fid, 0x12345678u);
		/* the hint bit does not hide a reserved bit */
		assert_int_equal(
			dec(x0 | SMCCC_SVE_HINT_BIT, EXEC_AARCH64, 0, &fid),
			DECODE_RESERVED);
	}
	assert_int_equal(dec(0x80fe0000u, EXEC_AARCH32, 0, &fid),
			 DECODE_RESERVED);
}

static void yielding_bits_23_16(void **state)
{
	uint32_t fid;

	(void)state;
	for (unsigned bit = 16; bit <= 23; bit++)
		assert_int_equal(
			dec(0x32000004u | (1u << bit), EXEC_AARCH64, 0, &fid),
			DECODE_RESERVED);
	/* A clean yielding call decodes unchanged (no hint bit to clear). */
	assert_int_equal(dec(0x32000004u, EXEC_AARCH64, 0, &fid), DECODE_OK);
	assert_int_equal(fid, 0x32000004u);
}

static void smc64_from_aarch32(void **state)
{
	uint32_t fid;

	(void)state;
	assert_int_equal(dec(0xc4000003u, EXEC_AARCH32, 0, &fid),
			 DECODE_64_FROM_32);
	assert_int_equal(fid, 0x12345678u);
	assert_int_equal(dec(0xc0000002u, EXEC_AARCH32, 0, &fid),
			 DECODE_64_FROM_32);
	/* yielding SMC64 too */
	assert_int_equal(dec(0x72000004u, EXEC_AARCH32, 0, &fid),
			 DECODE_64_FROM_32);
	/* the same IDs are fine from AArch64 */
	assert_int_equal(dec(0xc4000003u, EXEC_AARCH64, 0, &fid), DECODE_OK);
	assert_int_equal(fid, 0xc4000003u);
}

static void nonzero_immediate(void **state)
{
	uint32_t fid;

	(void)state;
	assert_int_equal(dec(ARM_SMCCC_VERSION, EXEC_AARCH64, 1, &fid),
			 DECODE_IMMEDIATE);
	assert_int_equal(dec(ARM_SMCCC_VERSION, EXEC_AARCH32, 0xffff, &fid),
			 DECODE_IMMEDIATE);
	assert_int_equal(fid, 0x12345678u);
	assert_int_equal(dec(ARM_SMCCC_VERSION, EXEC_AARCH64, 0, &fid),
			 DECODE_OK);
}

static void fid_field_helpers(void **state)
{
	(void)state;
	assert_int_equal(smccc_oen(0xbf00ff01u), 63);
	assert_int_equal(smccc_oen(0xc6000001u), OEN_VENDOR_HYP);
	assert_int_equal(smccc_func(0xc6001234u), 0x1234);
	assert_true(smccc_is_64(0xc4000003u));
	assert_false(smccc_is_64(0x84000003u));
	assert_true(smccc_is_fast(0x84000003u));
	assert_false(smccc_is_fast(0x32000004u));
	assert_int_equal(SMCCC_FAST64(OEN_STD, 0x53), 0xc4000053u);
	assert_int_equal(SMCCC_UNKNOWN, ALL_ONES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hint_bit_cleared),
		cmocka_unit_test(upper_half_of_x0_ignored),
		cmocka_unit_test(fast_reserved_bits_23_17),
		cmocka_unit_test(yielding_bits_23_16),
		cmocka_unit_test(smc64_from_aarch32),
		cmocka_unit_test(nonzero_immediate),
		cmocka_unit_test(fid_field_helpers),
	};

	return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
