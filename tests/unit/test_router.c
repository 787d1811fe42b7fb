// SPDX-License-Identifier: MIT
/*
 * router_dispatch(): deny, malformed calls, immediates, argument masking,
 * register preservation, forwarding, counters and the audit rate limiter.
 */
#include <stdlib.h>
#include <string.h>

#include "arbiter/firmware_caps.h"

#include "arbiter/tee.h"
#include "unit.h"

static const char router_dts[] = CONFIG_DTS(
	VM_NODE("vm", "5", "0 1 2 3",
		"smccc { f { match = \"sip\"; action = \"forward\"; };"
		" d { match = \"oem\"; action = \"deny\"; audit; }; };")
		VM_NODE("kvm", "4660", "4",
			"smccc-immediate = \"unknown\";"
			" smccc { f { match = \"sip\"; action = \"forward\"; "
			"}; };"));

static int setup(void **state)
{
	*state = unit_system(router_dts);
	return 0;
}

static int teardown(void **state)
{
	unit_free(*state);
	return 0;
}

static struct domain *dom(void **state, const char *name)
{
	return unit_dom(*state, name);
}

/* Dispatch f; assert the answer is -1 in all 64 bits, nothing else changed,
 * nothing reached the firmware or a monitor. */
static void assert_minus_one(struct call_frame *f)
{
	struct call_frame before = *f;
	uint64_t fw = harness.fw.calls;
	unsigned posts = harness.monitor_posts, kicks = harness.kicks;

	assert_int_equal(router_dispatch(f), CALL_DONE);
	assert_int_equal(f->x[0], ALL_ONES);
	unit_assert_unchanged(f, &before, 1);
	assert_int_equal(harness.fw.calls, fw);
	assert_int_equal(harness.monitor_posts, posts);
	assert_int_equal(harness.kicks, kicks);
}

static void deny_answers_minus_one_and_counts(void **state)
{
	struct domain *d = dom(state, "vm");
	struct vcpu *v = &d->vcpus[1];
	struct call_stats s0 = v->stats;
	uint64_t calls0 = vcpu_calls(v);
	struct call_frame f = unit_frame(d, 1, CONDUIT_SMC, 0x83000001u);

	f.x[0] |= 0xffffffff00000000ull;
	assert_minus_one(&f);
	f = unit_frame(d, 1, CONDUIT_HVC, 0xc3000002u);
	assert_minus_one(&f);
	/* denied by default, no rule */
	f = unit_frame(d, 1, CONDUIT_HVC, 0xc7000000u);
	assert_minus_one(&f);
	assert_int_equal(vcpu_calls(v), calls0 + 3);
	assert_int_equal(v->stats.by_action[ACTION_DENY],
			 s0.by_action[ACTION_DENY] + 3);
	assert_int_equal(v->stats.denied_by_oen[OEN_OEM],
			 s0.denied_by_oen[OEN_OEM] + 2);
	assert_int_equal(v->stats.denied_by_oen[OEN_VENDOR_EL3],
			 s0.denied_by_oen[OEN_VENDOR_EL3] + 1);
	assert_int_equal(v->stats.unknown, s0.unknown);
	/* another vCPU's counters are untouched */
	assert_int_equal(vcpu_calls(&d->vcpus[2]), 0);
}

static void unknown_ids(void **state)
{
	struct domain *d = dom(state, "vm");
	static const uint32_t ids[] = {0x84000005u, 0x84000016u, 0x8400001fu,
				       0x8000ff00u, 0x80000003u, 0x8500ff02u,
				       0xc5000020u, 0x84000054u};

	for (size_t i = 0; i < sizeof(ids) / sizeof(*ids); i++) {
		struct call_frame f = unit_frame(d, 0, CONDUIT_HVC, ids[i]);

		assert_minus_one(&f);
	}
}

static void reserved_bits(void **state)
{
	struct domain *d = dom(state, "vm");
	uint64_t unknown = d->vcpus[0].stats.unknown;

	for (unsigned bit = 17; bit <= 23; bit++) {
		/* 0xc2000001 alone would be forwarded */
		struct call_frame f =
			unit_frame(d, 0, CONDUIT_SMC, 0xc2000001u | 1u << bit);

		assert_minus_one(&f);
		f = unit_frame(d, 0, CONDUIT_HVC,
			       ARM_SMCCC_VERSION | 1u << bit);
		assert_minus_one(&f);
	}
	assert_int_equal(d->vcpus[0].stats.unknown, unknown + 14);
}

static void hint_bit_cleared(void **state)
{
	struct domain *d = dom(state, "vm");
	enum call_outcome o;
	struct call_frame f =
		unit_call3(d, 0, CONDUIT_HVC, 0x80010000u, 0, 0, 0, &o);

	assert_int_equal(o, CALL_DONE);
	assert_int_equal(f.x[0], SMCCC_VERSION_1_3);
	f = unit_call3(d, 0, CONDUIT_SMC, 0xc2010001u, 1, 2, 3, &o);
	assert_int_equal(o, CALL_DONE);
	assert_int_equal(harness.fw.last_in.x[0], 0xc2000001u);
	assert_int_equal(f.x[0], 0);
}

static void smc64_from_aarch32(void **state)
{
	struct domain *d = dom(state, "vm");
	static const uint32_t ids[] = {0xc4000003u, 0xc2000001u, 0xc0000002u,
				       0xc4000053u};
	uint64_t unknown = d->vcpus[0].stats.unknown;

	for (size_t i = 0; i < sizeof(ids) / sizeof(*ids); i++) {
		struct call_frame f = unit_frame(d, 0, CONDUIT_HVC, ids[i]);

		f.state = EXEC_AARCH32;
		assert_minus_one(&f);
	}
	assert_int_equal(d->vcpus[0].stats.unknown, unknown + 4);
}

static void nonzero_immediate(void **state)
{
	struct domain *d = dom(state, "vm"), *k = dom(state, "kvm");
	struct call_frame f = unit_frame(d, 0, CONDUIT_HVC, ARM_SMCCC_VERSION);
	struct call_frame before = f;
	uint64_t undef = d->vcpus[0].stats.undef;

	/* default: UNDEF, no register written */
	f.imm = 1;
	before.imm = 1;
	assert_int_equal(router_dispatch(&f), CALL_UNDEF);
	unit_assert_unchanged(&f, &before, 0);
	f = unit_frame(d, 0, CONDUIT_SMC, 0xc2000001u);
	f.imm = 0x8000;
	before = f;
	assert_int_equal(router_dispatch(&f), CALL_UNDEF);
	unit_assert_unchanged(&f, &before, 0);
	assert_int_equal(d->vcpus[0].stats.undef, undef + 2);
	/* "unknown": -1, nothing else, not forwarded */
	f = unit_frame(k, 0, CONDUIT_SMC, 0xc2000001u);
	f.imm = 1;
	assert_minus_one(&f);
	f = unit_frame(k, 0, CONDUIT_HVC, ARM_SMCCC_VERSION);
	f.imm = 0xffff;
	assert_minus_one(&f);
	assert_int_equal(k->vcpus[0].stats.undef, 2);
}

static void smc32_arguments_masked(void **state)
{
	struct domain *d = dom(state, "vm");
	enum call_outcome o;
	struct call_frame f;

	unit_power_all(d, VCPU_OFF, 0);
	/* CPU_ON (SMC32): junk in the upper halves is not seen */
	f = unit_call3(d, 0, CONDUIT_HVC, 0x84000003u, 0xffffffff00000001ull,
		       0xdead000040080000ull, 0x1234567800000042ull, &o);
	assert_int_equal(o, CALL_DONE);
	assert_int_equal(f.x[0], PSCI_SUCCESS);
	assert_int_equal(d->vcpus[1].entry, 0x40080000u);
	assert_int_equal(d->vcpus[1].context, 0x42u);
	/* ...and the caller's registers keep them */
	assert_int_equal(f.x[1], 0xffffffff00000001ull);
	assert_int_equal(f.x[2], 0xdead000040080000ull);
	assert_int_equal(f.x[3], 0x1234567800000042ull);
	/* the SMC64 form sees all 64 bits */
	f = unit_call3(d, 0, CONDUIT_HVC, 0xc4000003u, 0xffffffff00000002ull,
		       0x40080000u, 0, &o);
	assert_int_equal(f.x[0], (uint64_t)(int64_t)PSCI_INVALID_PARAMETERS);
	f = unit_call3(d, 0, CONDUIT_HVC, 0xc4000003u, 2, 0xdead000040080000ull,
		       0, &o);
	assert_int_equal(f.x[0], (uint64_t)(int64_t)PSCI_INVALID_ADDRESS);
	/* ARCH_FEATURES(w1) */
	f = unit_call3(d, 0, CONDUIT_HVC, ARM_SMCCC_ARCH_FEATURES,
		       0xffffffff00000000ull | ARM_SMCCC_VERSION, 0, 0, &o);
	assert_int_equal(f.x[0], 0);
	assert_int_equal(f.x[1], 0xffffffff00000000ull | ARM_SMCCC_VERSION);
	/* the frame tells the handler how */
	assert_int_equal(call_arg_mask(f.fid), 0xffffffffu);
	assert_int_equal(f.fid, ARM_SMCCC_ARCH_FEATURES);
	unit_power_all(d, VCPU_OFF, 0);
}

static const uint64_t arg_sets[][4] = {
	{0, 0, 0, 0},
	{0, 1, 0x40080000u, 7},
	{0, 2, 0x40080000u, 0},
	{0, 3, 0, 0},
	{0, 96, 0, 0},
	{0, 192, 0, 0},
	{0, 0x80000000u, 0, 0},
	{0, 0xc4000053u, 0, 0},
	{0, 0x40000000u, 1, 0},
	{0, 0x10000, 0, 0},
	{0, 0x40000001u, 0x40080000u, 0},
	{0, 0xa5a5a5a5a5a50101ull, 0xa5a5a5a5a5a50202ull,
	 0xa5a5a5a5a5a50303ull},
};

/* Every built-in, many argument sets, both states where legal: registers
 * at or above nresults never change. */
static void builtins_preserve_registers(void **state)
{
	struct domain *d = dom(state, "vm");

	for (size_t i = 0; i < builtin_fn_count; i++) {
		const struct builtin_fn *fn = &builtin_fns[i];

		for (size_t a = 0; a < sizeof(arg_sets) / sizeof(*arg_sets);
		     a++) {
			for (unsigned st = 0; st < 2; st++) {
				struct call_frame f, before;
				enum call_outcome o;

				if (st == EXEC_AARCH32 && smccc_is_64(fn->fid))
					continue;
				unit_power_all(d, VCPU_OFF, 0);
				f = unit_frame(d, 0, a & 1, fn->fid);
				f.state = (uint8_t)st;
				for (unsigned r = 1; r < 4; r++)
					if (arg_sets[a][r])
						f.x[r] = arg_sets[a][r];
				before = f;
				o = router_dispatch(&f);
				assert_true(o != CALL_PENDING &&
					    o != CALL_UNDEF &&
					    o != CALL_REPEAT);
				unit_assert_unchanged(&f, &before,
						      fn->nresults);
			}
		}
	}
	unit_power_all(d, VCPU_OFF, 0);
}

static void forward_client_id_and_results(void **state)
{
	struct domain *d = dom(state, "vm");
	uint64_t fw = harness.fw.calls;
	struct call_frame f = unit_frame(d, 2, CONDUIT_HVC, 0xc2000001u);
	struct call_frame before;

	f.x[7] = 0x123456789abcdef0ull;
	before = f;
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	assert_int_equal(harness.fw.calls, fw + 1);
	/* what the firmware saw */
	assert_int_equal(harness.fw.last_in.x[0], 0xc2000001u);
	assert_int_equal(harness.fw.last_in.x[7] & 0xffff, 5);
	assert_int_equal(harness.fw.last_in.x[7], 0x123456789abc0005ull);
	for (unsigned i = 1; i < CALL_NREGS; i++)
		if (i != 7)
			assert_int_equal(harness.fw.last_in.x[i], before.x[i]);
	/* the SiP echo answers 0 and every argument + 1, all returned */
	assert_int_equal(f.x[0], 0);
	for (unsigned i = 1; i < CALL_NREGS; i++)
		if (i != 7)
			assert_int_equal(f.x[i], before.x[i] + 1);
	assert_int_equal(f.x[7], 0x123456789abc0006ull);
	/* another domain's client ID, w7[31:16] kept */
	f = unit_frame(dom(state, "kvm"), 0, CONDUIT_SMC, 0xc2000001u);
	f.x[7] = 0xbeef0000u;
	router_dispatch(&f);
	assert_int_equal(harness.fw.last_in.x[7], 0xbeef1234u);
	assert_int_equal(d->vcpus[2].stats.by_action[ACTION_FORWARD], 1);
}

static void forward_restores_unchanged_registers(void **state)
{
	struct domain *d = dom(state, "vm");
	/* the fake firmware answers -1 and leaves x1-x17 as it got them */
	struct call_frame f = unit_frame(d, 0, CONDUIT_SMC, 0xc2000002u);
	struct call_frame before = f;

	assert_int_equal(router_dispatch(&f), CALL_DONE);
	assert_int_equal(harness.fw.last_in.x[7] & 0xffff, 5);
	assert_int_equal(f.x[0], ALL_ONES);
	unit_assert_unchanged(&f, &before, 1); /* incl. w7: no client ID */
	/* SMC32: the firmware sees 32-bit arguments, the caller keeps the
	 * upper halves */
	f = unit_frame(d, 0, CONDUIT_SMC, 0x82000002u);
	before = f;
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	assert_int_equal(harness.fw.last_in.x[0], 0x82000002u);
	for (unsigned i = 1; i < CALL_NREGS; i++)
		if (i != 7)
			assert_int_equal(harness.fw.last_in.x[i],
					 before.x[i] & 0xffffffffu);
	assert_int_equal(harness.fw.last_in.x[7], 0xa5a50005u);
	assert_int_equal(f.x[0], ALL_ONES);
	unit_assert_unchanged(&f, &before, 1);
}

/* Below SMCCC 1.2 the firmware returns x0-x3 only: x4-x17 stay the
 * caller's even if the firmware wrote them. */
static void forward_results_follow_firmware_version(void **state)
{
	struct harness_system *sys = calloc(1, sizeof(*sys));
	struct call_frame f, before;
	struct domain *d;

	(void)state;
	harness_reset();
	harness.fw.smccc_1_2 = false;
	firmware_probe();
	assert_int_equal(harness_system_from_dts(sys, router_dts), 0);
	d = unit_dom(sys, "vm");
	f = unit_frame(d, 0, CONDUIT_SMC, 0xc2000001u);
	before = f;
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	assert_int_equal(f.x[0], 0);
	for (unsigned i = 1; i < 4; i++)
		assert_int_equal(f.x[i], before.x[i] + 1);
	unit_assert_unchanged(&f, &before, 4);
	unit_free(sys);
	harness_reset(); /* back to the default firmware for what follows */
	firmware_probe();
}

static void tee_without_mediator(void **state)
{
	struct domain *d = dom(state, "vm");
	struct call_frame f = unit_frame(d, 0, CONDUIT_SMC, 0xb2000000u);
	struct call_frame before = f;
	uint64_t fw = harness.fw.calls;

	(void)state;
	assert_null(tee_find(TEE_OPTEE));
	assert_null(tee_find(TEE_NONE));
	assert_int_equal(tee_call(&f, TEE_OPTEE), CALL_DONE);
	assert_int_equal(f.x[0], ALL_ONES);
	unit_assert_unchanged(&f, &before, 1);
	assert_int_equal(harness.fw.calls, fw);
	assert_int_equal(tee_kind_by_name("optee"), TEE_OPTEE);
	assert_int_equal(tee_kind_by_name("none"), TEE_NONE);
	assert_string_equal(tee_kind_name(TEE_FFA), "ffa");
}

#define AUDIT_BURST  8u
#define AUDIT_PERIOD 250000000ull /* 4 lines a second */

static void audit_rate_limited(void **state)
{
	struct domain *d = dom(state, "vm");
	struct vcpu *v = &d->vcpus[3];
	unsigned lines0 = harness.log_lines;

	/* a flood at one instant: a bounded burst of lines */
	harness.now_ns = 5000000000ull;
	for (unsigned i = 0; i < 1000; i++) {
		struct call_frame f =
			unit_frame(d, 3, CONDUIT_HVC, 0x83000007u);

		f.pc = 0x40001000u;
		router_dispatch(&f);
	}
	assert_int_equal(harness.log_lines - lines0, AUDIT_BURST);
	assert_int_equal(v->stats.audit_dropped, 1000 - AUDIT_BURST);
	assert_int_equal(v->stats.denied_by_oen[OEN_OEM], 1000);
	/* one second later: four more, the first says what was dropped */
	harness.now_ns += 4 * AUDIT_PERIOD;
	{
		struct call_frame f =
			unit_frame(d, 3, CONDUIT_SMC, 0x83000008u);

		f.pc = 0x40002000u;
		router_dispatch(&f);
	}
	assert_string_equal(harness.last_log,
			    "[arbiter] audit: domain vm vcpu 3 smc 0x83000008 "
			    "denied pc=0x40002000 (992 not shown)");
	for (unsigned i = 0; i < 100; i++) {
		struct call_frame f =
			unit_frame(d, 3, CONDUIT_HVC, 0x83000009u);

		router_dispatch(&f);
	}
	assert_int_equal(harness.log_lines - lines0, AUDIT_BURST + 4);
	assert_int_equal(v->stats.audit_dropped, 97);
	/* a call not marked audit never logs */
	harness.now_ns += 100 * AUDIT_PERIOD;
	{
		unsigned lines = harness.log_lines;
		struct call_frame f =
			unit_frame(d, 3, CONDUIT_HVC, 0xc7000000u);

		router_dispatch(&f);
		assert_int_equal(harness.log_lines, lines);
	}
}

/* The limiter starts with a full burst, whatever the clock reads. */
static void audit_first_denial_logged(void **state)
{
	struct harness_system *sys = unit_system(router_dts);
	struct domain *d = unit_dom(sys, "vm");

	(void)state;
	harness.now_ns = 0;
	for (unsigned i = 0; i < 20; i++) {
		struct call_frame f =
			unit_frame(d, 0, CONDUIT_HVC, 0x83000001u);

		router_dispatch(&f);
	}
	assert_int_equal(harness.log_lines, AUDIT_BURST);
	assert_string_equal(harness.last_log,
			    "[arbiter] audit: domain vm vcpu 0 hvc 0x83000001 "
			    "denied pc=0x40080000 (0 not shown)");
	unit_free(sys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deny_answers_minus_one_and_counts),
		cmocka_unit_test(unknown_ids),
		cmocka_unit_test(reserved_bits),
		cmocka_unit_test(hint_bit_cleared),
		cmocka_unit_test(smc64_from_aarch32),
		cmocka_unit_test(nonzero_immediate),
		cmocka_unit_test(smc32_arguments_masked),
		cmocka_unit_test(builtins_preserve_registers),
		cmocka_unit_test(forward_client_id_and_results),
		cmocka_unit_test(forward_restores_unchanged_registers),
		cmocka_unit_test(forward_results_follow_firmware_version),
		cmocka_unit_test(tee_without_mediator),
		cmocka_unit_test(audit_rate_limited),
		cmocka_unit_test(audit_first_denial_logged),
	};

	return cmocka_run_group_tests_name("router", tests, setup, teardown);
}
