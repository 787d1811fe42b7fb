// SPDX-License-Identifier: MIT
/*
 * The policy compiler: defaults, specificity, conduits, conflicts, forbidden
 * routes, monitor wrapping, and the binding of built-ins.
 */
#include <string.h>

#include "unit.h"

#define ONE_VM(rules) CONFIG_DTS(VM_NODE("vm", "5", "0 1", rules))

static const struct verdict *vd(struct domain *d, unsigned c, uint32_t fid)
{
	return route_lookup(d, c, fid);
}

static void assert_action(struct domain *d, unsigned c, uint32_t fid,
			  unsigned action)
{
	const struct verdict *v = vd(d, c, fid);

	if (v->action != action)
		print_error("fid 0x%08x conduit %u: action %u, expected %u\n",
			    fid, c, v->action, action);
	assert_int_equal(v->action, action);
}

static void defaults(void **state)
{
	struct harness_system *sys = unit_system(ONE_VM(""));
	struct domain *d = unit_dom(sys, "vm");
	static const uint32_t allowed[] = {
		0x80000000u, 0x80000001u, 0x80008000u, 0xc0000002u,
		0x8100ff00u, 0x84000000u, 0x84000003u, 0xc4000003u,
		0x84000050u, 0xc4000053u, 0x8400ff01u, 0x8500ff00u,
		0x8600ff01u, 0x8400001fu, 0x8500ffffu};
	static const uint32_t denied[] = {
		0xc2000001u, 0x82000000u, 0x83000000u, 0xc3001234u, 0x87000000u,
		0xb0000000u, 0xb2000000u, 0xbf00ff01u, 0xf2000000u, 0x32000004u,
		0x02000000u, 0x84000060u, 0x840000efu, 0x84000100u, 0x8400fe00u,
		0x8400ff04u, 0x00000000u, 0x88000000u, 0xc8000000u};

	(void)state;
	for (unsigned c = 0; c < 2; c++) {
		for (size_t i = 0; i < sizeof(allowed) / sizeof(*allowed); i++)
			assert_action(d, c, allowed[i], ACTION_EMULATE);
		for (size_t i = 0; i < sizeof(denied) / sizeof(*denied); i++)
			assert_action(d, c, denied[i], ACTION_DENY);
		assert_int_equal(vd(d, c, 0x84000003u)->rule, POLICY_NO_RULE);
		/* emulated range without a built-in: nothing answers */
		assert_null(vd(d, c, 0x84000005u)->fn);
		assert_false(verdict_allows(vd(d, c, 0x84000005u)));
		assert_false(verdict_allows(vd(d, c, 0xc2000001u)));
	}
	unit_free(sys);
}

/* Every built-in is bound to its own table entry by default, both
 * conduits; and the table is sorted with unique IDs. */
static void builtins_bound_and_table_sorted(void **state)
{
	struct harness_system *sys = unit_system(ONE_VM(""));
	struct domain *d = unit_dom(sys, "vm");

	(void)state;
	assert_true(builtin_fn_count >= 40);
	for (size_t i = 0; i < builtin_fn_count; i++) {
		const struct builtin_fn *fn = &builtin_fns[i];

		if (i)
			assert_true(builtin_fns[i - 1].fid < fn->fid);
		assert_true(smccc_is_fast(fn->fid));
		assert_int_equal(fn->fid & 0x00ff0000u, 0);
		assert_true(fn->nresults >= 1 && fn->nresults <= CALL_NREGS);
		assert_ptr_equal(builtin_find(fn->fid), fn);
		for (unsigned c = 0; c < 2; c++) {
			assert_action(d, c, fn->fid, ACTION_EMULATE);
			assert_ptr_equal(vd(d, c, fn->fid)->fn, fn);
		}
	}
	assert_null(builtin_find(0x84000005u));
	assert_null(builtin_find(0));
	assert_null(builtin_find(0xffffffffu));
	unit_free(sys);
}

static void most_specific_wins(void **state)
{
	static const char *const variants[] = {
		ONE_VM("smccc { a { match = \"sip\"; action = \"forward\"; };"
		       " b { range = <0xc2000010 0xc2000010>; action = "
		       "\"deny\"; };"
		       " c { range = <0xc2000100 0xc20001ff>; action = "
		       "\"deny\"; };"
		       " d { range = <0xc2000180 0xc2000180>; action = "
		       "\"forward\"; }; };"),
		/* the same rules in the opposite order */
		ONE_VM("smccc { d { range = <0xc2000180 0xc2000180>; action = "
		       "\"forward\"; };"
		       " c { range = <0xc2000100 0xc20001ff>; action = "
		       "\"deny\"; };"
		       " b { range = <0xc2000010 0xc2000010>; action = "
		       "\"deny\"; };"
		       " a { match = \"sip\"; action = \"forward\"; }; };"),
	};

	(void)state;
	for (unsigned k = 0; k < 2; k++) {
		struct harness_system *sys = unit_system(variants[k]);
		struct domain *d = unit_dom(sys, "vm");

		for (unsigned c = 0; c < 2; c++) {
			assert_action(d, c, 0xc200000fu, ACTION_FORWARD);
			assert_action(d, c, 0xc2000010u, ACTION_DENY);
			assert_action(d, c, 0xc2000011u, ACTION_FORWARD);
			assert_action(d, c, 0xc20000ffu, ACTION_FORWARD);
			assert_action(d, c, 0xc2000100u, ACTION_DENY);
			assert_action(d, c, 0xc200017fu, ACTION_DENY);
			assert_action(d, c, 0xc2000180u, ACTION_FORWARD);
			assert_action(d, c, 0xc2000181u, ACTION_DENY);
			assert_action(d, c, 0xc2000200u, ACTION_FORWARD);
			assert_action(d, c, 0x8200ffffu, ACTION_FORWARD);
			assert_string_equal(
				d->cfg->rules[vd(d, c, 0xc2000180u)->rule].name,
				"d");
			assert_string_equal(
				d->cfg->rules[vd(d, c, 0xc2000010u)->rule].name,
				"b");
		}
		unit_free(sys);
	}
}

static void conduit_rules(void **state)
{
	struct harness_system *sys = unit_system(ONE_VM(
		"smccc { a { match = \"sip\"; action = \"forward\"; };"
		" b { match = \"sip\"; conduit = \"smc\"; action = \"deny\"; };"
		" c { match = \"oem\"; conduit = \"hvc\"; action = "
		"\"forward\"; };"
		" d { match = \"psci\"; conduit = \"smc\"; action = \"deny\"; "
		"}; };"));
	struct domain *d = unit_dom(sys, "vm");

	(void)state;
	/* "smc" is narrower than "both": it wins on its conduit only */
	assert_action(d, CONDUIT_SMC, 0xc2000001u, ACTION_DENY);
	assert_action(d, CONDUIT_HVC, 0xc2000001u, ACTION_FORWARD);
	assert_action(d, CONDUIT_SMC, 0x83000001u, ACTION_DENY);
	assert_action(d, CONDUIT_HVC, 0x83000001u, ACTION_FORWARD);
	assert_action(d, CONDUIT_SMC, 0x84000003u, ACTION_DENY);
	assert_action(d, CONDUIT_HVC, 0x84000003u, ACTION_EMULATE);
	assert_non_null(vd(d, CONDUIT_HVC, 0x84000003u)->fn);
	unit_free(sys);
}

static void rules_override_defaults(void **state)
{
	struct harness_system *sys = unit_system(ONE_VM(
		"smccc { t { match = \"trng\"; action = \"deny\"; audit; };"
		" p { match = \"psci\"; action = \"deny\"; };"
		" on { range = <0x84000003 0x84000003>; action = "
		"\"emulate\"; }; };"));
	struct domain *d = unit_dom(sys, "vm");

	(void)state;
	for (unsigned c = 0; c < 2; c++) {
		assert_action(d, c, 0x84000050u, ACTION_DENY);
		assert_true(vd(d, c, 0x84000050u)->audit);
		assert_action(d, c, 0xc4000053u, ACTION_DENY);
		assert_action(d, c, 0x84000000u, ACTION_DENY);
		assert_false(vd(d, c, 0x84000000u)->audit);
		assert_action(d, c, 0x84000003u, ACTION_EMULATE);
		assert_ptr_equal(vd(d, c, 0x84000003u)->fn,
				 builtin_find(0x84000003u));
		assert_action(d, c, 0xc4000003u, ACTION_DENY);
		assert_action(d, c, 0x80000000u, ACTION_EMULATE);
	}
	unit_free(sys);
}

static void expect_errors(const char *dts, unsigned n, const char *needle1,
			  const char *needle2)
{
	struct harness_system *sys;
	unsigned got = unit_system_errors(dts, &sys);

	if (got != n || (needle1 && !strstr(sys->errors, needle1)) ||
	    (needle2 && !strstr(sys->errors, needle2)))
		print_error("got %u error(s), expected %u:\n%s", got, n,
			    sys->errors);
	assert_int_equal(got, n);
	if (needle1)
		assert_non_null(strstr(sys->errors, needle1));
	if (needle2)
		assert_non_null(strstr(sys->errors, needle2));
	unit_free(sys);
}

static void equal_reach_conflicts(void **state)
{
	(void)state;
	/* same reach, overlapping, different action */
	expect_errors(ONE_VM("smccc { x { range = <0xc2000000 0xc20000ff>; "
			     "action = \"forward\"; };"
			     " y { range = <0xc2000080 0xc200017f>; action = "
			     "\"deny\"; }; };"),
		      1, "rules 'x' and 'y'", "equal reach");
	/* a service name and a range of the same reach */
	expect_errors(ONE_VM("smccc { x { match = \"sip\"; action = "
			     "\"forward\"; };"
			     " y { range = <0x82000000 0x8200ffff>; action = "
			     "\"deny\"; }; };"),
		      1, "'x' and 'y'", NULL);
	/* audit is part of the verdict */
	expect_errors(ONE_VM("smccc { x { match = \"oem\"; action = "
			     "\"deny\"; };"
			     " y { match = \"oem\"; action = \"deny\"; audit; "
			     "}; };"),
		      2, "'x' and 'y'", NULL);
	/* agreeing rules of equal reach are fine */
	unit_free(unit_system(ONE_VM(
		"smccc { x { match = \"sip\"; action = \"forward\"; };"
		" y { range = <0x82000000 0x8200ffff>; action = \"forward\"; "
		"}; };")));
	/* disjoint conduits do not overlap */
	unit_free(unit_system(
		ONE_VM("smccc { x { match = \"sip\"; conduit = \"smc\"; "
		       "action = \"forward\"; };"
		       " y { match = \"sip\"; conduit = \"hvc\"; action = "
		       "\"deny\"; }; };")));
	/* equal reach, no overlap */
	unit_free(unit_system(
		ONE_VM("smccc { x { range = <0xc2000000 0xc20000ff>; action = "
		       "\"forward\"; };"
		       " y { range = <0xc2000100 0xc20001ff>; action = "
		       "\"deny\"; }; };")));
}

static void forbidden_routes(void **state)
{
	(void)state;
	expect_errors(ONE_VM("smccc { a { match = \"arch\"; action = "
			     "\"forward\"; }; };"),
		      2, "smccc/a: the Arm Architecture range (OEN 0)",
		      "not 'forward'");
	expect_errors(ONE_VM("smccc { wide { range = <0x80000000 0x8000ffff>; "
			     "action = \"forward\"; }; };"),
		      1, "smccc/wide:", NULL);
	expect_errors(ONE_VM("smccc { w2 { range = <0xbfff0000 0xc0000001>; "
			     "action = \"forward\"; }; };"),
		      1, "smccc/w2:", NULL);
	expect_errors(ONE_VM("smccc { p { match = \"psci\"; action = "
			     "\"forward\"; }; };"),
		      2, "smccc/p: PSCI cannot be forwarded", NULL);
	expect_errors(ONE_VM("smccc { s { match = \"std\"; action = "
			     "\"forward\"; }; };"),
		      4, "smccc/s: PSCI", "smccc/s: FF-A cannot be forwarded");
	/* The SPMC would take a forwarded FF-A call for the hypervisor's. */
	expect_errors(ONE_VM("smccc { f { match = \"ffa\"; action = "
			     "\"forward\"; }; };"),
		      2, "smccc/f: FF-A cannot be forwarded", NULL);
	expect_errors(ONE_VM("smccc { g { range = <0xc40000ef 0xc40000ef>; "
			     "action = \"forward\"; }; };"),
		      1, "smccc/g: FF-A", NULL);
	expect_errors(ONE_VM("smccc { one { range = <0xc4000003 0xc4000003>; "
			     "action = \"forward\"; }; };"),
		      1, "smccc/one: PSCI", NULL);
	expect_errors(CONFIG_DTS(VM_NODE(
			      "vm", "5", "0",
			      "smccc { m { match = \"arch\"; action = "
			      "\"monitor\"; }; };"
			      " monitor { agent = \"ag\"; mode = "
			      "\"listed\"; };") VM_NODE("ag", "6", "1", "")),
		      2, "smccc/m: the Arm Architecture", "not 'monitor'");
	/* emulate and deny are always fine on OEN 0; forwarding next to
	 * PSCI is fine */
	unit_free(unit_system(
		ONE_VM("smccc { a { match = \"arch\"; action = \"deny\"; };"
		       " v { range = <0x80000000 0x80000000>; action = "
		       "\"emulate\"; };"
		       " f { range = <0x84000020 0x8400004f>; action = "
		       "\"forward\"; };"
		       " g { range = <0x840000f0 0x840000ff>; action = "
		       "\"forward\"; }; };")));
}

static void emulate_without_builtin(void **state)
{
	struct harness_system *sys = unit_system(
		ONE_VM("smccc { s { match = \"sip\"; action = \"emulate\"; "
		       "}; };"));
	struct domain *d = unit_dom(sys, "vm");
	enum call_outcome o;
	struct call_frame f;
	struct call_frame before;

	(void)state;
	assert_action(d, CONDUIT_HVC, 0xc2000001u, ACTION_EMULATE);
	assert_null(vd(d, CONDUIT_HVC, 0xc2000001u)->fn);
	uint64_t fw_before = harness.fw.calls;

	f = unit_frame(d, 0, CONDUIT_HVC, 0xc2000001u);
	before = f;
	o = unit_call(&f);
	assert_int_equal(o, CALL_DONE);
	assert_int_equal(f.x[0], ALL_ONES);
	unit_assert_unchanged(&f, &before, 1);
	assert_int_equal(harness.fw.calls, fw_before);
	unit_free(sys);
}

static void monitor_wraps_allowed_only(void **state)
{
	struct harness_system *sys = unit_system(CONFIG_DTS(
		VM_NODE("vm", "5", "0 1",
			"smccc { f { match = \"sip\"; action = \"forward\"; };"
			" m { match = \"psci\"; action = \"monitor\"; };"
			" m2 { range = <0xc2000000 0xc20000ff>; action = "
			"\"monitor\"; };"
			" m3 { match = \"oem\"; action = \"monitor\"; }; };"
			" monitor { agent = \"ag\"; mode = \"listed\"; };")
			VM_NODE("ag", "6", "2", "")));
	struct domain *d = unit_dom(sys, "vm");

	(void)state;
	for (unsigned c = 0; c < 2; c++) {
		const struct verdict *v = vd(d, c, 0x84000003u);

		assert_int_equal(v->action, ACTION_MONITOR);
		assert_int_equal(v->fallback, ACTION_EMULATE);
		assert_ptr_equal(v->fn, builtin_find(0x84000003u));
		v = vd(d, c, 0xc2000010u);
		assert_int_equal(v->action, ACTION_MONITOR);
		assert_int_equal(v->fallback, ACTION_FORWARD);
		assert_action(d, c, 0xc2000100u, ACTION_FORWARD);
		/* a monitor rule never opens a denied call */
		assert_action(d, c, 0x83000001u, ACTION_DENY);
		/* listed mode takes nothing else */
		assert_action(d, c, 0x84000050u, ACTION_EMULATE);
		assert_action(d, c, 0x80000000u, ACTION_EMULATE);
	}
	unit_free(sys);
}

static void exclusive_monitor(void **state)
{
	static const char *const dts[] = {
		CONFIG_DTS(VM_NODE("vm", "5", "0 1",
				   "smccc { f { match = \"sip\"; action = "
				   "\"forward\"; }; };"
				   " monitor { agent = \"ag\"; };")
				   VM_NODE("ag", "6", "2", "")),
		CONFIG_DTS(VM_NODE("vm", "5", "0 1",
				   "smccc { f { match = \"sip\"; action = "
				   "\"forward\"; }; };"
				   " monitor { agent = \"ag\"; mode = "
				   "\"exclusive\"; conduit = \"both\"; };")
				   VM_NODE("ag", "6", "2", "")),
	};

	(void)state;
	for (unsigned k = 0; k < 2; k++) {
		struct harness_system *sys = unit_system(dts[k]);
		struct domain *d = unit_dom(sys, "vm");
		unsigned hvc_action = k ? ACTION_MONITOR : ACTION_EMULATE;

		assert_action(d, CONDUIT_SMC, 0x84000003u, ACTION_MONITOR);
		assert_int_equal(vd(d, CONDUIT_SMC, 0x84000003u)->fallback,
				 ACTION_EMULATE);
		assert_action(d, CONDUIT_SMC, 0xc2000001u, ACTION_MONITOR);
		assert_int_equal(vd(d, CONDUIT_SMC, 0xc2000001u)->fallback,
				 ACTION_FORWARD);
		assert_action(d, CONDUIT_SMC, 0x8600ff01u, ACTION_MONITOR);
		/* OEN 0 is never monitored; denied calls stay denied */
		assert_action(d, CONDUIT_SMC, 0x80000000u, ACTION_EMULATE);
		assert_action(d, CONDUIT_SMC, 0xc0000002u, ACTION_EMULATE);
		assert_action(d, CONDUIT_SMC, 0x80008000u, ACTION_EMULATE);
		assert_action(d, CONDUIT_SMC, 0x83000001u, ACTION_DENY);
		assert_action(d, CONDUIT_SMC, 0xb2000000u, ACTION_DENY);
		/* HVC only when asked */
		assert_action(d, CONDUIT_HVC, 0x84000003u, hvc_action);
		assert_action(d, CONDUIT_HVC, 0xc2000001u,
			      k ? ACTION_MONITOR : ACTION_FORWARD);
		assert_action(d, CONDUIT_HVC, 0x80000001u, ACTION_EMULATE);
		unit_free(sys);
	}
}

static void monitor_rule_needs_monitor_node(void **state)
{
	(void)state;
	expect_errors(ONE_VM("smccc { m { match = \"psci\"; action = "
			     "\"monitor\"; }; };"),
		      1, "/domains/vm: a rule routes to \"monitor\"", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(builtins_bound_and_table_sorted),
		cmocka_unit_test(most_specific_wins),
		cmocka_unit_test(conduit_rules),
		cmocka_unit_test(rules_override_defaults),
		cmocka_unit_test(equal_reach_conflicts),
		cmocka_unit_test(forbidden_routes),
		cmocka_unit_test(emulate_without_builtin),
		cmocka_unit_test(monitor_wraps_allowed_only),
		cmocka_unit_test(exclusive_monitor),
		cmocka_unit_test(monitor_rule_needs_monitor_node),
	};

	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
