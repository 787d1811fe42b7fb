// SPDX-License-Identifier: MIT
/*
 * The explainer's exact words on configs/policy-example.dts, and the policy
 * tool itself: `check` exit codes and one line per error, `explain` lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "arbiter/explain.h"
#include "unit.h"

static const char *top(void)
{
	const char *t = getenv("ARBITER_TOP");

	return t ? t : ".";
}

static struct harness_system *load_example(const char *rel)
{
	char path[512];
	size_t size = 0;
	char *text;
	struct harness_system *sys;

	snprintf(path, sizeof(path), "%s/%s", top(), rel);
	text = harness_read_file(path, &size);
	assert_non_null(text);
	{
		char *grown = realloc(text, size + 1);

		assert_non_null(grown);
		text = grown;
	}
	text[size] = '\0';
	sys = unit_system(text);
	free(text);
	return sys;
}

static void expect_explain(struct harness_system *sys, const char *dom,
			   unsigned conduit, unsigned state, uint64_t x0,
			   const char *want)
{
	char buf[160];
	struct domain *d = unit_dom(sys, dom);

	memset(buf, 'x', sizeof(buf));
	explain_call(d, conduit, state, x0, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void example_explained(void **state)
{
	struct harness_system *sys = load_example("configs/policy-example.dts");

	(void)state;
	expect_explain(sys, "ctrl", CONDUIT_HVC, EXEC_AARCH64, 0xc2000001u,
		       "forward client-id=1");
	expect_explain(sys, "app", CONDUIT_SMC, EXEC_AARCH64, 0xc2000001u,
		       "deny");
	expect_explain(sys, "app", CONDUIT_HVC, EXEC_AARCH64, 0x84000003u,
		       "emulate psci");
	expect_explain(sys, "app", CONDUIT_HVC, EXEC_AARCH64, 0xc2000010u,
		       "forward client-id=2");
	expect_explain(sys, "locked", CONDUIT_SMC, EXEC_AARCH64, 0x84000000u,
		       "deny audit");
	expect_explain(sys, "locked", CONDUIT_HVC, EXEC_AARCH64, 0x84000050u,
		       "deny audit");
	expect_explain(sys, "locked", CONDUIT_HVC, EXEC_AARCH64, 0x84000000u,
		       "emulate psci");
	expect_explain(sys, "ctrl", CONDUIT_HVC, EXEC_AARCH64, 0x80000000u,
		       "emulate arch");
	expect_explain(sys, "ctrl", CONDUIT_SMC, EXEC_AARCH64, 0x84000050u,
		       "emulate trng");
	expect_explain(sys, "ctrl", CONDUIT_SMC, EXEC_AARCH64, 0x8600ff01u,
		       "emulate vendor-hyp");
	expect_explain(sys, "ctrl", CONDUIT_HVC, EXEC_AARCH64, 0x84000005u,
		       "emulate (no such function: -1)");
	expect_explain(sys, "ctrl", CONDUIT_HVC, EXEC_AARCH64, 0xc2040001u,
		       "unknown (reserved bits set: -1)");
	expect_explain(sys, "ctrl", CONDUIT_HVC, EXEC_AARCH32, 0xc4000003u,
		       "unknown (SMC64 ID from AArch32: -1)");
	/* the hint bit is cleared as the router does */
	expect_explain(sys, "ctrl", CONDUIT_HVC, EXEC_AARCH64, 0xc2010001u,
		       "forward client-id=1");
	/* which rule decided */
	assert_string_equal(
		explain_rule(unit_dom(sys, "ctrl"),
			     route_lookup(unit_dom(sys, "ctrl"), CONDUIT_HVC,
					  0xc2000001u)),
		"sip");
	assert_string_equal(
		explain_rule(unit_dom(sys, "ctrl"),
			     route_lookup(unit_dom(sys, "ctrl"), CONDUIT_HVC,
					  0x84000000u)),
		"default");
	unit_free(sys);
}

static void monitor_explained(void **state)
{
	struct harness_system *sys =
		load_example("tests/unit/configs/good-monitor.dts");

	(void)state;
	expect_explain(sys, "vm", CONDUIT_SMC, EXEC_AARCH64, 0xc2000001u,
		       "monitor agent=ag, handed back: forward client-id=7");
	expect_explain(sys, "vm", CONDUIT_SMC, EXEC_AARCH64, 0x84000001u,
		       "monitor agent=ag, handed back: emulate psci");
	expect_explain(sys, "vm", CONDUIT_HVC, EXEC_AARCH64, 0x84000001u,
		       "emulate psci");
	expect_explain(sys, "vm", CONDUIT_SMC, EXEC_AARCH64, 0x80000000u,
		       "emulate arch");
	unit_free(sys);
}

/* Run the policy tool; returns its exit status, output in out. */
static int tool(const char *args, char *out, size_t size)
{
	const char *bin = getenv("ARBITER_POLICY");
	char cmd[1024];
	FILE *p;
	size_t n = 0;
	int st;

	if (!bin)
		bin = "build/bin/arbiter-policy";
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s %s 2>/dev/null", top(), bin,
		 args);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (n + 1 < size && fgets(out + n, (int)(size - n), p))
		n += strlen(out + n);
	out[n] = '\0';
	while (fgetc(p) != EOF) /* drain: the tool must not get SIGPIPE */
		;
	st = pclose(p);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static unsigned count_lines(const char *s)
{
	unsigned n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void tool_check(void **state)
{
	char out[4096];

	(void)state;
	assert_int_equal(
		tool("check configs/policy-example.dts", out, sizeof(out)), 0);
	assert_string_equal(out,
			    "configs/policy-example.dts: valid, 3 domain(s)\n");
	assert_int_equal(tool("check tests/unit/configs/good-monitor.dts", out,
			      sizeof(out)),
			 0);
	assert_int_equal(tool("check tests/unit/configs/bad-three-errors.dts",
			      out, sizeof(out)),
			 1);
	assert_string_equal(out, "/domains/a: unknown property 'colour'\n"
				 "/domains/b/smccc/r: unknown service "
				 "\"no-such-service\"\n"
				 "/domains/b: CPU 1 is already given to domain "
				 "'a'\n");
	assert_int_equal(tool("check tests/unit/configs/bad-monitor.dts", out,
			      sizeof(out)),
			 1);
	assert_int_equal(count_lines(out), 3);
	assert_non_null(strstr(out, "/domains/a/monitor: agent 'nobody' is "
				    "not a domain\n"));
	assert_non_null(strstr(out, "/domains/b/monitor: a domain cannot be "
				    "its own agent\n"));
	assert_non_null(strstr(out, "/domains/b/smccc/t: TEE \"nosuch\" is not "
				    "built into this Arbiter\n"));
	assert_int_equal(tool("check tests/unit/configs/bad-conflict.dts", out,
			      sizeof(out)),
			 1);
	assert_int_equal(count_lines(out), 1);
	assert_non_null(strstr(out, "rules 'fwd' and 'no'"));
	assert_int_equal(tool("check tests/unit/configs/bad-syntax.dts", out,
			      sizeof(out)),
			 1);
	assert_int_equal(count_lines(out), 1);
	assert_int_equal(tool("check tests/unit/configs/no-such-file.dts", out,
			      sizeof(out)),
			 1);
	assert_int_equal(tool("frobnicate", out, sizeof(out)), 2);
}

static void tool_explain(void **state)
{
	static const char *const cases[][2] = {
		{"ctrl hvc 0xc2000001", "ctrl hvc 0xc2000001 -> forward "
					"client-id=1\n"},
		{"app smc 0xc2000001", "app smc 0xc2000001 -> deny\n"},
		{"app hvc 0x84000003", "app hvc 0x84000003 -> emulate psci\n"},
		{"locked hvc 0x84000050", "locked hvc 0x84000050 -> deny "
					  "audit\n"},
		{"ctrl smc 0xc4000003 aarch32",
		 "ctrl smc 0xc4000003 -> unknown (SMC64 ID from AArch32: "
		 "-1)\n"},
	};
	char out[512], args[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		snprintf(args, sizeof(args),
			 "explain configs/policy-example.dts %s", cases[i][0]);
		assert_int_equal(tool(args, out, sizeof(out)), 0);
		assert_string_equal(out, cases[i][1]);
	}
	assert_int_equal(tool("explain configs/policy-example.dts nobody hvc "
			      "0x84000000",
			      out, sizeof(out)),
			 1);
	assert_int_equal(tool("explain configs/policy-example.dts ctrl svc "
			      "0x84000000",
			      out, sizeof(out)),
			 2);
	assert_int_equal(
		tool("show configs/policy-example.dts", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "domain ctrl: client-id=1 vcpus=2 "
				    "ram=0x10000000@0x40000000\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(example_explained),
		cmocka_unit_test(monitor_explained),
		cmocka_unit_test(tool_check),
		cmocka_unit_test(tool_explain),
	};

	return cmocka_run_group_tests_name("explain+tool", tests, NULL, NULL);
}
