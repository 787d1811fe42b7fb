// SPDX-License-Identifier: MIT
/*
 * selftest=1: every check of the chaos guest must be seen to fail. For
 * each kind of mistake a hypervisor could make (a preserved register
 * changed, a canary changed, the PC moved twice, -1 not in all 64 bits, a
 * return code outside the function's set, an answer where INVALID_PARAMETERS
 * was due, no abort for a bad access, the wrong answer to a non-zero
 * immediate), vCPU 0 makes calls with the mistake pretended on its side
 * and reports whether the checks caught it.
 */
#include "chaos.h"

enum mutation chaos_mutation;

static const char *const names[MUT_COUNT] = {
	[MUT_REG] = "a preserved register changed",
	[MUT_CANARY] = "x18-x28 changed",
	[MUT_PC] = "PC advanced twice",
	[MUT_UNKNOWN] = "-1 only in the low 32 bits",
	[MUT_CODE] = "a return code outside the function's set",
	[MUT_EXTRA] = "AFFINITY_INFO level > 3 answered",
	[MUT_ABORT] = "no abort for a bad access",
	[MUT_UNDEF] = "a non-zero immediate answered the other way",
};

static void exercise(struct cpu_state *s, enum mutation m)
{
	for (unsigned i = 0; i < 4000; i++) {
		if (m == MUT_ABORT)
			mem_storm(s);
		else if (m == MUT_UNDEF)
			imm_storm(s);
		else
			random_call(s, 0);
	}
}

void selftest_main(void)
{
	struct cpu_state *s = &cpus[0];
	unsigned caught = 0;
	uint64_t before;

	tap_plan(MUT_COUNT);
	exercise(s, MUT_NONE);
	tap_ok(s->violations == 0, "no mutation: %llu violations",
	       (unsigned long long)s->violations);
	for (unsigned m = MUT_NONE + 1; m < MUT_COUNT; m++) {
		before = s->violations;
		chaos_mutation = (enum mutation)m;
		exercise(s, chaos_mutation);
		chaos_mutation = MUT_NONE;
		caught += s->violations > before;
		tap_ok(s->violations > before,
		       "pretended: %s: caught %llu times", names[m],
		       (unsigned long long)(s->violations - before));
	}
	printf_uart("chaos selftest: mutations=%u caught=%u\n", MUT_COUNT - 1,
		    caught);
}
