// SPDX-License-Identifier: MIT
/* Configuration schema v1: what parses, and errors that name their node. */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define VM(extra) VM_NODE("vm", "5", "0 1", extra)

/* The configuration gives exactly these error lines, in this order. */
static void expect(const char *dts, const char *lines)
{
	struct harness_system *sys;
	unsigned n = unit_system_errors(dts, &sys);
	unsigned want = 0;

	for (const char *p = lines; *p; p++)
		want += *p == '\n';
	if (strcmp(sys->errors, lines) != 0)
		print_error("errors:\n%s--- expected:\n%s", sys->errors, lines);
	assert_string_equal(sys->errors, lines);
	assert_int_equal(n, want);
	unit_free(sys);
}

static void valid_config_parsed(void **state)
{
	struct harness_system *sys = unit_system(CONFIG_DTS(
		"a { id = <1>; cpus = <3 0>; memory-size = <0x1 0x0>;"
		" image = \"a.bin\"; initrd = \"i\"; bootargs = \"x y\";"
		" psci-conduit = \"smc\"; smccc-immediate = \"unknown\";"
		" psci-suspend-format = \"original\";"
		" smccc { r1 { match = \"sip\"; conduit = \"smc\"; action = "
		"\"forward\"; audit; };"
		" r2 { range = <0xc3000000 0xc30000ff>; action = \"deny\"; "
		"}; }; };\n"
		"b { id = <65534>; cpus = <1>; memory-size = <0x200000>;"
		" image = \"b.bin\"; };"));
	const struct domain_config *a = config_find_domain(&sys->cfg, "a");
	const struct domain_config *b = config_find_domain(&sys->cfg, "b");
	struct domain *da = unit_dom(sys, "a");

	(void)state;
	assert_int_equal(sys->cfg.ndomains, 2);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->id, 1);
	assert_int_equal(a->ncpus, 2);
	assert_int_equal(a->cpus[0], 3);
	assert_int_equal(a->cpus[1], 0);
	assert_int_equal(a->memory_size, 0x100000000ull);
	assert_string_equal(a->image, "a.bin");
	assert_string_equal(a->initrd, "i");
	assert_string_equal(a->bootargs, "x y");
	assert_int_equal(a->psci_conduit, CONDUIT_SMC);
	assert_int_equal(a->imm_policy, IMM_UNKNOWN);
	assert_false(a->psci_suspend_extended);
	assert_int_equal(a->nrules, 2);
	assert_string_equal(a->rules[0].name, "r1");
	assert_int_equal(a->rules[0].service, service_by_name("sip"));
	assert_int_equal(a->rules[0].conduits, CONDUIT_MASK_SMC);
	assert_int_equal(a->rules[0].action, ACTION_FORWARD);
	assert_true(a->rules[0].audit);
	assert_int_equal(a->rules[1].service, -1);
	assert_int_equal(a->rules[1].lo, 0xc3000000u);
	assert_int_equal(a->rules[1].hi, 0xc30000ffu);
	assert_int_equal(a->rules[1].conduits, CONDUIT_MASK_BOTH);
	assert_false(a->rules[1].audit);
	/* defaults */
	assert_int_equal(b->psci_conduit, CONDUIT_HVC);
	assert_int_equal(b->imm_policy, IMM_UNDEF);
	assert_true(b->psci_suspend_extended);
	assert_null(b->initrd);
	assert_int_equal(b->nrules, 0);
	assert_int_equal(b->monitor.mode, MONITOR_NONE);
	/* the domain the core builds from it */
	assert_int_equal(da->client_id, 1);
	assert_int_equal(da->nvcpus, 2);
	assert_int_equal(da->vcpus[0].pcpu, 3);
	assert_int_equal(da->ram_ipa, 0x40000000u);
	assert_int_equal(da->ram_size, 0x100000000ull);
	assert_int_equal(atomic_load(&da->vcpus[0].power), VCPU_ON);
	assert_int_equal(atomic_load(&da->vcpus[1].power), VCPU_OFF);
	unit_free(sys);
}

static void service_names(void **state)
{
	static const char *const names[] = {
		"arch",	      "cpu",  "sip", "oem",	"std",
		"psci",	      "trng", "ffa", "std-hyp", "vendor-hyp",
		"vendor-el3", "ta",   "tos", "optee"};

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		assert_true(service_by_name(names[i]) >= 0);
	assert_int_equal(service_by_name("nope"), -1);
	assert_int_equal(service_by_name("PSCI"), -1);
}

static void unknown_property_and_node(void **state)
{
	(void)state;
	expect(CONFIG_DTS(VM("colour = \"red\";")),
	       "/domains/vm: unknown property 'colour'\n");
	expect(CONFIG_DTS(VM("devices { };")), "/domains/vm/devices: unknown "
					       "node\n");
	expect(CONFIG_DTS(VM("smccc { r { match = \"sip\"; action = "
			     "\"forward\"; speed = <1>; }; };")),
	       "/domains/vm/smccc/r: unknown property 'speed'\n");
	expect(CONFIG_DTS(VM("smccc { default = \"x\"; };")),
	       "/domains/vm/smccc: unknown property 'default'\n");
	expect(CONFIG_DTS(VM("") "ag { id = <7>; cpus = <3>; memory-size = "
				 "<0x200000>; image = \"a\"; monitor { agent "
				 "= \"vm\"; colour = <1>; }; };"),
	       "/domains/ag/monitor: unknown property 'colour'\n");
	expect("/dts-v1/; / { compatible = \"arbiter,config-v1\"; domains "
	       "{ " VM("") " }; extra { }; };",
	       "/extra: unknown node\n");
	expect("/dts-v1/; / { compatible = \"arbiter,config-v1\"; domains { "
	       "x = <1>; " VM("") " }; };",
	       "/domains: unknown property 'x'\n");
	expect("/dts-v1/; / { compatible = \"arbiter,config-v0\"; domains "
	       "{ " VM("") " }; };",
	       "/: compatible must include \"arbiter,config-v1\"\n");
	expect("/dts-v1/; / { compatible = \"arbiter,config-v1\"; };",
	       "/: no 'domains' node\n");
	expect("/dts-v1/; / { compatible = \"arbiter,config-v1\"; domains { "
	       "}; };",
	       "/domains: no domain\n");
}

static void bad_ids(void **state)
{
	(void)state;
	expect(CONFIG_DTS(VM_NODE("vm", "0", "0", "")),
	       "/domains/vm: 'id' must be one cell, 1..65534\n");
	expect(CONFIG_DTS(VM_NODE("vm", "65535", "0", "")),
	       "/domains/vm: 'id' must be one cell, 1..65534\n");
	expect(CONFIG_DTS(VM_NODE("vm", "1 2", "0", "")),
	       "/domains/vm: 'id' must be one cell\n"
	       "/domains/vm: 'id' must be one cell, 1..65534\n");
	expect(CONFIG_DTS("vm { cpus = <0>; memory-size = <0x200000>; image "
			  "= \"x\"; };"),
	       "/domains/vm: 'id' must be one cell, 1..65534\n");
	expect(CONFIG_DTS(VM_NODE("a", "4", "0", "")
				  VM_NODE("b", "4", "1", "")),
	       "/domains/b: id 4 is already used by domain 'a'\n");
}

static void cpus(void **state)
{
	(void)state;
	expect(CONFIG_DTS(VM_NODE("a", "1", "0 1", "")
				  VM_NODE("b", "2", "2 1", "")),
	       "/domains/b: CPU 1 is already given to domain 'a'\n");
	expect(CONFIG_DTS(VM_NODE("a", "1", "3 3", "")),
	       "/domains/a: CPU 3 is already given to domain 'a'\n");
	expect(CONFIG_DTS(VM_NODE("a", "1", "64", "")),
	       "/domains/a: CPU 64 out of range\n");
	expect(CONFIG_DTS("a { id = <1>; memory-size = <0x200000>; image = "
			  "\"x\"; };"),
	       "/domains/a: 'cpus' must list at least one CPU\n");
}

static void memory_and_image(void **state)
{
	(void)state;
	expect(CONFIG_DTS("a { id = <1>; cpus = <0>; memory-size = "
			  "<0x100000>; image = \"x\"; };"),
	       "/domains/a: 'memory-size' must be a non-zero multiple of 2 "
	       "MiB, at most 256 GiB\n");
	expect(CONFIG_DTS("a { id = <1>; cpus = <0>; memory-size = <0x40 "
			  "0x200000>; };"),
	       "/domains/a: 'memory-size' must be a non-zero multiple of 2 "
	       "MiB, at most 256 GiB\n"
	       "/domains/a: no 'image'\n");
	expect(CONFIG_DTS(VM("psci-conduit = \"svc\";")),
	       "/domains/vm: 'psci-conduit' has unknown value \"svc\"\n");
}

static void bad_rules(void **state)
{
	(void)state;
	expect(CONFIG_DTS(VM("smccc { r { range = <0xc2000010 0xc2000001>; "
			     "action = \"deny\"; }; };")),
	       "/domains/vm/smccc/r: range 0xc2000010-0xc2000001 is "
	       "reversed\n");
	expect(CONFIG_DTS(VM("smccc { r { range = <0xc2010000 0xc201ffff>; "
			     "action = \"deny\"; }; };")),
	       "/domains/vm/smccc/r: range 0xc2010000-0xc201ffff has only "
	       "reserved function IDs (bits 23:16 set)\n");
	expect(CONFIG_DTS(VM("smccc { r { range = <0xc2000010>; action = "
			     "\"deny\"; }; };")),
	       "/domains/vm/smccc/r: 'range' must be <LO HI>\n");
	expect(CONFIG_DTS(VM("smccc { r { match = \"sip\"; range = <1 2>; "
			     "action = \"deny\"; }; };")),
	       "/domains/vm/smccc/r: needs exactly one of 'match' and "
	       "'range'\n");
	expect(CONFIG_DTS(VM("smccc { r { action = \"deny\"; }; };")),
	       "/domains/vm/smccc/r: needs exactly one of 'match' and "
	       "'range'\n");
	expect(CONFIG_DTS(VM("smccc { r { match = \"nope\"; action = "
			     "\"deny\"; }; };")),
	       "/domains/vm/smccc/r: unknown service \"nope\"\n");
	expect(CONFIG_DTS(VM("smccc { r { match = \"sip\"; action = "
			     "\"allow\"; }; };")),
	       "/domains/vm/smccc/r: 'action' has unknown value \"allow\"\n");
	expect(CONFIG_DTS(VM("smccc { r { match = \"sip\"; }; };")),
	       "/domains/vm/smccc/r: no 'action'\n");
	expect(CONFIG_DTS(VM("smccc { r { match = \"sip\"; conduit = "
			     "\"svc\"; action = \"deny\"; }; };")),
	       "/domains/vm/smccc/r: 'conduit' has unknown value \"svc\"\n");
}

static void tee_rules(void **state)
{
	(void)state;
	expect(CONFIG_DTS(VM("smccc { t { match = \"optee\"; action = "
			     "\"tee\"; tee = \"optee\"; }; };")),
	       "/domains/vm/smccc/t: TEE \"optee\" is not built into this "
	       "Arbiter\n");
	expect(CONFIG_DTS(VM("smccc { t { match = \"optee\"; action = "
			     "\"tee\"; }; };")),
	       "/domains/vm/smccc/t: action \"tee\" needs 'tee'\n");
	expect(CONFIG_DTS(VM("smccc { t { match = \"optee\"; action = "
			     "\"forward\"; tee = \"optee\"; }; };")),
	       "/domains/vm/smccc/t: 'tee' without action \"tee\"\n");
}

static void monitor_nodes(void **state)
{
	(void)state;
	expect(CONFIG_DTS(VM("monitor { agent = \"nobody\"; };")),
	       "/domains/vm/monitor: agent 'nobody' is not a domain\n");
	expect(CONFIG_DTS(VM("monitor { mode = \"listed\"; };")),
	       "/domains/vm/monitor: no 'agent'\n");
	expect(CONFIG_DTS(VM("monitor { agent = \"vm\"; };")),
	       "/domains/vm/monitor: a domain cannot be its own agent\n");
	expect(CONFIG_DTS(VM("monitor { agent = \"vm2\"; mode = \"all\"; };")
				  VM_NODE("vm2", "6", "2", "")),
	       "/domains/vm/monitor: 'mode' has unknown value \"all\"\n");
	expect(CONFIG_DTS(VM("monitor { agent = \"vm2\"; conduit = \"hvc\"; "
			     "};") VM_NODE("vm2", "6", "2", "")),
	       "/domains/vm/monitor: 'conduit' has unknown value \"hvc\"\n");
}

static void several_errors_each_named(void **state)
{
	(void)state;
	expect(CONFIG_DTS(VM_NODE("a", "1", "0", "foo = <1>;")
				  VM_NODE("b", "2", "0",
					  "smccc { r { match = \"x\"; "
					  "action = \"deny\"; }; };")),
	       "/domains/a: unknown property 'foo'\n"
	       "/domains/b/smccc/r: unknown service \"x\"\n"
	       "/domains/b: CPU 0 is already given to domain 'a'\n");
}

static void domain_names(void **state)
{
	(void)state;
	expect(CONFIG_DTS(VM_NODE("averyveryveryveryverylongdomainname", "1",
				  "0", "")),
	       "/domains/averyveryveryveryverylongdomainname: a domain name is "
	       "at most 31 characters, without '@'\n");
	expect(CONFIG_DTS(VM_NODE("vm@3", "1", "0", "")),
	       "/domains/vm@3: a domain name is at most 31 characters, "
	       "without '@'\n");
}

/* 1025 rules: one error, naming the smccc node (not the last rule). */
static void too_many_rules(void **state)
{
	size_t size = 128u * (CONFIG_MAX_RULES + 2) + 512, n = 0;
	char *dts = malloc(size);

	(void)state;
	assert_non_null(dts);
	n += (size_t)snprintf(dts + n, size - n,
			      "/dts-v1/; / { compatible = "
			      "\"arbiter,config-v1\"; domains { vm { id = "
			      "<1>; cpus = <0>; memory-size = <0x200000>; "
			      "image = \"x\"; smccc {\n");
	for (unsigned i = 0; i <= CONFIG_MAX_RULES; i++)
		n += (size_t)snprintf(dts + n, size - n,
				      "r%u { range = <0x%x 0x%x>; action = "
				      "\"forward\"; };\n",
				      i, 0xc2000000u + i, 0xc2000000u + i);
	snprintf(dts + n, size - n, "}; }; }; };\n");
	expect(dts, "/domains/vm/smccc: more than 1024 rules in all\n");
	free(dts);
}

/* A domain node written with libfdt's sequential writer. */
static void sw_domain(void *fdt, const char *name, uint32_t id, uint32_t cpu,
		      unsigned nsmccc, unsigned nmonitor)
{
	assert_int_equal(fdt_begin_node(fdt, name), 0);
	fdt_property_u32(fdt, "id", id);
	fdt_property_u32(fdt, "cpus", cpu);
	fdt_property_u64(fdt, "memory-size", 0x200000u);
	fdt_property_string(fdt, "image", "x");
	for (unsigned i = 0; i < nsmccc; i++) {
		fdt_begin_node(fdt, "smccc");
		fdt_begin_node(fdt, i ? "b" : "a");
		fdt_property_string(fdt, "match", i ? "oem" : "sip");
		fdt_property_string(fdt, "action", "forward");
		fdt_end_node(fdt);
		fdt_end_node(fdt);
	}
	for (unsigned i = 0; i < nmonitor; i++) {
		fdt_begin_node(fdt, "monitor");
		fdt_property_string(fdt, "agent", "ag");
		fdt_end_node(fdt);
	}
	assert_int_equal(fdt_end_node(fdt), 0);
}

/* Blobs dtc cannot make (it merges nodes of one name): each node given
 * twice is an error naming it, never a silent merge or a stray pointer. */
static void duplicate_nodes_in_blob(void **state)
{
	static const char *const want[] = {
		"/domains/vm/smccc: node given twice\n",
		"/domains/vm/monitor: node given twice\n",
		"/domains/vm: node given twice\n",
	};
	static char fdt[4096];

	(void)state;
	for (unsigned k = 0; k < 3; k++) {
		struct harness_system *sys = calloc(1, sizeof(*sys));

		assert_int_equal(fdt_create(fdt, sizeof(fdt)), 0);
		fdt_finish_reservemap(fdt);
		fdt_begin_node(fdt, "");
		fdt_property_string(fdt, "compatible", "arbiter,config-v1");
		fdt_begin_node(fdt, "domains");
		sw_domain(fdt, "vm", 1, 0, k == 0 ? 2 : 1, k == 1 ? 2 : 0);
		sw_domain(fdt, k == 2 ? "vm" : "ag", 2, 1, 0, 0);
		fdt_end_node(fdt);
		fdt_end_node(fdt);
		assert_int_equal(fdt_finish(fdt), 0);
		assert_int_equal(
			harness_system_from_blob(sys, fdt, fdt_totalsize(fdt)),
			1);
		assert_string_equal(sys->errors, want[k]);
		unit_free(sys);
	}
}

static void not_a_device_tree(void **state)
{
	struct harness_system *sys = calloc(1, sizeof(*sys));
	static const char junk[64] = "this is not a device tree";

	(void)state;
	assert_int_equal(harness_system_from_blob(sys, junk, sizeof(junk)), 1);
	assert_string_equal(sys->errors,
			    "configuration is not a valid device tree\n");
	unit_free(sys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_config_parsed),
		cmocka_unit_test(service_names),
		cmocka_unit_test(unknown_property_and_node),
		cmocka_unit_test(bad_ids),
		cmocka_unit_test(cpus),
		cmocka_unit_test(memory_and_image),
		cmocka_unit_test(bad_rules),
		cmocka_unit_test(tee_rules),
		cmocka_unit_test(monitor_nodes),
		cmocka_unit_test(several_errors_each_named),
		cmocka_unit_test(domain_names),
		cmocka_unit_test(too_many_rules),
		cmocka_unit_test(duplicate_nodes_in_blob),
		cmocka_unit_test(not_a_device_tree),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
