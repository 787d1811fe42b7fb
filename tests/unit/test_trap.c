// SPDX-License-Identifier: MIT
/*
 * The portable trap decode (core/trap_decode.c): syndromes the hypervisor's
 * vectors hand it, one case each; tests/fuzz/fuzz_trap.c does the rest
 * with random ones.
 */
#include <string.h>

#include "arbiter/trap_decode.h"
#include "unit.h"

#define ESR(ec, iss) ((uint64_t)(ec) << TRAP_ESR_EC_SHIFT | TRAP_ESR_IL | (iss))
#define ELR	     0x40081000ull
#define SMC32_COND(cond)                                                       \
	(TRAP_ISS_CV | TRAP_ISS_CCKNOWNPASS | (cond) << TRAP_ISS_COND_SHIFT)

static const char dts[] = CONFIG_DTS(VM_NODE("vm", "5", "0 1", ""));

static int setup(void **state)
{
	*state = unit_system(dts);
	return 0;
}

static int teardown(void **state)
{
	unit_free(*state);
	return 0;
}

static struct call_frame frame(void **state, uint64_t x0)
{
	struct call_frame f =
		unit_frame(unit_dom(*state, "vm"), 0, CONDUIT_SMC, x0);

	f.pc = 0x5a5a;
	f.trap_word = ~0ull; /* the decode must write all of it */
	return f;
}

/* HVC64 resumes at its ELR, SMC64 after it: pc is the instruction. */
static void call64_both_conduits(void **state)
{
	struct call_frame f = frame(state, ARM_SMCCC_VERSION);
	uint64_t pc;

	assert_int_equal(trap_call64(&f, ESR(TRAP_EC_HVC64, 0), ELR),
			 CALL_DONE);
	assert_int_equal(f.pc, ELR - 4);
	assert_int_equal(f.conduit, CONDUIT_HVC);
	assert_int_equal(f.state, EXEC_AARCH64);
	assert_int_equal(f.imm, 0);
	assert_int_equal(f.x[0], SMCCC_VERSION_1_3);
	assert_int_equal(trap_outcome(&f, CALL_DONE, &pc), TRAP_RESUME);
	assert_int_equal(pc, ELR);
	f = frame(state, ARM_SMCCC_VERSION);
	assert_int_equal(trap_call64(&f, ESR(TRAP_EC_SMC64, 0), ELR),
			 CALL_DONE);
	assert_int_equal(f.pc, ELR);
	assert_int_equal(f.conduit, CONDUIT_SMC);
	assert_int_equal(trap_outcome(&f, CALL_DONE, &pc), TRAP_RESUME);
	assert_int_equal(pc, ELR + 4);
}

/* Not a call: the frame is left exactly as it was. */
static void other_classes_untouched(void **state)
{
	static const uint64_t esr[] = {ESR(0x00, 0), ESR(0x24, 0x93c08006),
				       ESR(0x18, 0x3a), ESR(0x15, 0),
				       ESR(0x1f, 0)};
	uint64_t pc = 0;

	for (unsigned i = 0; i < sizeof(esr) / sizeof(esr[0]); i++) {
		struct call_frame f = frame(state, ARM_SMCCC_VERSION), g = f;

		assert_int_equal(trap_call64(&f, esr[i], ELR), TRAP_NOT_A_CALL);
		assert_memory_equal(&f, &g, sizeof(f));
		assert_int_equal(trap_decode(&f, esr[i], ELR, 0x3c5, &pc),
				 TRAP_DECODE_OTHER);
		assert_memory_equal(&f, &g, sizeof(f));
	}
}

/* A non-zero immediate reaches the router, which answers per policy. */
static void immediate_is_kept(void **state)
{
	struct call_frame f = frame(state, ARM_SMCCC_VERSION);

	assert_int_equal(trap_call64(&f, ESR(TRAP_EC_HVC64, 0x1234), ELR),
			 CALL_UNDEF);
	assert_int_equal(f.imm, 0x1234);
}

/* AArch32: registers masked, no SMC immediate, the condition checked. */
static void aarch32_masked_and_conditional(void **state)
{
	const uint64_t nz = 0x60000000ull | 0x1d3; /* Z and C set, AArch32 */
	struct call_frame f = frame(state, 0xffffffff80000000ull), g;
	uint64_t pc = 0;

	f.x[5] = 0x1234567887654321ull;
	assert_int_equal(trap_decode(&f, ESR(TRAP_EC_SMC32, SMC32_COND(0x0)),
				     ELR, nz, &pc),
			 TRAP_DECODE_CALL); /* EQ passes: Z is set */
	assert_int_equal(f.state, EXEC_AARCH32);
	assert_int_equal(f.imm, 0);
	assert_int_equal(f.x[0], ARM_SMCCC_VERSION);
	assert_int_equal(f.x[5], 0x87654321u);
	assert_int_equal(f.pstate, nz);
	f = frame(state, ARM_SMCCC_VERSION);
	g = f;
	assert_int_equal(
		trap_decode(&f, ESR(TRAP_EC_SMC32, SMC32_COND(0x1)), ELR, nz,
			    &pc),
		TRAP_DECODE_SKIP); /* NE fails: skipped, not executed */
	assert_int_equal(pc, ELR + 4);
	assert_memory_equal(&f, &g, sizeof(f));
	/* HI (C && !Z) fails with Z set; without CCKNOWNPASS it passed */
	assert_int_equal(trap_decode(&f, ESR(TRAP_EC_SMC32, SMC32_COND(0x8)),
				     ELR, nz, &pc),
			 TRAP_DECODE_SKIP);
	assert_int_equal(
		trap_decode(&f,
			    ESR(TRAP_EC_SMC32,
				TRAP_ISS_CV | 0x8u << TRAP_ISS_COND_SHIFT),
			    ELR, nz, &pc),
		TRAP_DECODE_CALL);
	f = frame(state, ARM_SMCCC_VERSION);
	assert_int_equal(trap_decode(&f, ESR(TRAP_EC_HVC32, 7), ELR, nz, &pc),
			 TRAP_DECODE_CALL);
	assert_int_equal(f.pc, ELR - 4);
	assert_int_equal(f.conduit, CONDUIT_HVC);
	assert_int_equal(f.imm, 7);
}

static void outcome_pc_rule(void **state)
{
	struct call_frame f = frame(state, 0);
	uint64_t pc = 0;

	f.pc = ELR;
	assert_int_equal(trap_outcome(&f, CALL_WAIT, &pc), TRAP_RESUME_IDLE);
	assert_int_equal(pc, ELR + 4);
	assert_int_equal(trap_outcome(&f, CALL_REPEAT, &pc), TRAP_RESUME);
	assert_int_equal(pc, ELR);
	assert_int_equal(trap_outcome(&f, CALL_UNDEF, &pc), TRAP_UNDEF);
	assert_int_equal(pc, ELR);
	assert_int_equal(trap_outcome(&f, CALL_STOP, &pc), TRAP_STOP);
	assert_int_equal(trap_outcome(&f, CALL_PENDING, &pc), TRAP_WAIT_REPLY);
	assert_int_equal(trap_outcome(&f, 77, &pc), TRAP_UNDEF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(call64_both_conduits),
		cmocka_unit_test(other_classes_untouched),
		cmocka_unit_test(immediate_is_kept),
		cmocka_unit_test(aarch32_masked_and_conditional),
		cmocka_unit_test(outcome_pc_rule),
	};

	return cmocka_run_group_tests_name("trap", tests, setup, teardown);
}
