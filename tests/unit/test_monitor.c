// SPDX-License-Identifier: MIT
/* The monitor action: post, PENDING, resume (DONE, HANDBACK, DENY), an
 * absent agent, exclusive and listed modes. */
#include "unit.h"

#define MON(extra) " monitor { agent = \"ag\"; " extra " };"

static const char monitor_dts[] = CONFIG_DTS(
	VM_NODE("vm", "5", "0 1",
		"smccc { f { match = \"sip\"; action = \"forward\"; };"
		" m { match = \"psci\"; action = \"monitor\"; };"
		" m2 { range = <0xc2000000 0xc20000ff>; action = "
		"\"monitor\"; }; };" MON("mode = \"listed\";"))
		VM_NODE("pass", "6", "2",
			"smccc { f { match = \"sip\"; action = \"forward\"; };"
			" m2 { range = <0xc2000000 0xc20000ff>; action = "
			"\"monitor\"; }; };" MON("mode = \"listed\"; "
						 "on-agent-absent = \"pass\";"))
			VM_NODE("excl", "7", "3",
				"smccc { f { match = \"sip\"; action = "
				"\"forward\"; }; };" MON(""))
				VM_NODE("ag", "8", "4", ""));

static int setup(void **state)
{
	*state = unit_system(monitor_dts);
	return 0;
}

static int teardown(void **state)
{
	unit_free(*state);
	return 0;
}

static int attach(void **state)
{
	struct harness_system *sys = *state;

	for (uint32_t i = 0; i < sys->cfg.ndomains; i++)
		domain_reset_vcpus(&sys->domains[i]);
	harness.monitor_attached = true;
	return 0;
}

static struct domain *dom(void **state, const char *name)
{
	return unit_dom(*state, name);
}

struct snap {
	uint64_t fw;
	unsigned posts, kicks;
};

static struct snap snap(void)
{
	return (struct snap){harness.fw.calls, harness.monitor_posts,
			     harness.kicks};
}

/* Dispatch and expect the call to be posted and held, nothing else. */
static void expect_posted(struct call_frame *f)
{
	struct call_frame before = *f;
	struct snap s = snap();

	assert_int_equal(router_dispatch(f), CALL_PENDING);
	unit_assert_unchanged(f, &before, 0);
	assert_int_equal(harness.monitor_posts, s.posts + 1);
	assert_int_equal(harness.fw.calls, s.fw);
	assert_int_equal(harness.kicks, s.kicks);
	unit_assert_unchanged(&harness.last_posted, &before, 0);
	assert_ptr_equal(harness.last_posted.vcpu, f->vcpu);
	assert_int_equal(harness.last_posted.fid, f->fid);
	assert_true(f->vcpu->pending.active);
}

static void post_and_resume_done(void **state)
{
	struct domain *d = dom(state, "vm");
	struct call_frame f = unit_frame(d, 0, CONDUIT_SMC, 0x84010003u);
	struct call_frame before;
	struct monitor_reply r = {.verdict = MONITOR_REPLY_DONE,
				  .advance_pc = true,
				  .set_mask = 1u << 0 | 1u << 2 | 1u << 17};

	f.x[1] = 1;
	f.x[2] = 0x40000000u;
	expect_posted(&f);
	assert_int_equal(f.fid, 0x84000003u); /* hint bit cleared */
	for (unsigned i = 0; i < CALL_NREGS; i++)
		r.regs[i] = 0x1000u + i;
	before = f;
	assert_int_equal(router_resume(&f, &r), CALL_DONE);
	assert_int_equal(f.x[0], 0x1000u);
	assert_int_equal(f.x[1], before.x[1]);
	assert_int_equal(f.x[2], 0x1002u);
	assert_int_equal(f.x[17], 0x1011u);
	for (unsigned i = 3; i < 17; i++)
		assert_int_equal(f.x[i], before.x[i]);
	assert_false(d->vcpus[0].pending.active);
	/* the agent answered: no CPU_ON happened */
	assert_int_equal(atomic_load(&d->vcpus[1].power), VCPU_OFF);
	/* a second resume finds nothing held and changes nothing */
	before = f;
	assert_int_equal(router_resume(&f, &r), CALL_DONE);
	unit_assert_unchanged(&f, &before, 0);
	/* DONE without advancing the PC */
	f = unit_frame(d, 1, CONDUIT_HVC, 0x84000000u);
	expect_posted(&f);
	r = (struct monitor_reply){.verdict = MONITOR_REPLY_DONE,
				   .set_mask = 0xffffffffu};
	assert_int_equal(router_resume(&f, &r), CALL_REPEAT);
	for (unsigned i = 0; i < CALL_NREGS; i++)
		assert_int_equal(f.x[i], 0);
}

static void resume_handback(void **state)
{
	struct domain *d = dom(state, "vm");
	struct monitor_reply hb = {.verdict = MONITOR_REPLY_HANDBACK};
	struct call_frame f = unit_frame(d, 0, CONDUIT_SMC, 0x84000003u);
	struct call_frame before;
	struct snap s;

	/* emulated: the built-in runs (masked SMC32 arguments) */
	f.x[1] = 0xffffffff00000001ull;
	f.x[2] = 0x1111111140000000ull;
	expect_posted(&f);
	s = snap();
	before = f;
	assert_int_equal(router_resume(&f, &hb), CALL_DONE);
	assert_int_equal(f.x[0], PSCI_SUCCESS);
	unit_assert_unchanged(&f, &before, 1);
	assert_int_equal(harness.kicks, s.kicks + 1);
	assert_int_equal(d->vcpus[1].entry, 0x40000000u);
	/* forwarded: the firmware gets it with the client ID */
	f = unit_frame(d, 1, CONDUIT_HVC, 0xc2000001u);
	expect_posted(&f);
	s = snap();
	before = f;
	assert_int_equal(router_resume(&f, &hb), CALL_DONE);
	assert_int_equal(harness.fw.calls, s.fw + 1);
	assert_int_equal(harness.fw.last_in.x[7] & 0xffff, 5);
	assert_int_equal(f.x[0], 0);
	assert_int_equal(f.x[1], before.x[1] + 1);
	assert_int_equal(d->vcpus[1].stats.by_action[ACTION_FORWARD], 1);
}

static void resume_deny(void **state)
{
	struct domain *d = dom(state, "vm");
	struct monitor_reply r = {.verdict = MONITOR_REPLY_DENY,
				  .set_mask = 0x3ffff};
	struct call_frame f = unit_frame(d, 0, CONDUIT_SMC, 0x84000000u);
	struct call_frame before;
	struct snap s;
	uint64_t denied = d->vcpus[0].stats.denied_by_oen[OEN_STD];

	expect_posted(&f);
	s = snap();
	before = f;
	assert_int_equal(router_resume(&f, &r), CALL_DONE);
	assert_int_equal(f.x[0], ALL_ONES);
	unit_assert_unchanged(&f, &before, 1);
	assert_int_equal(harness.fw.calls, s.fw);
	assert_int_equal(d->vcpus[0].stats.denied_by_oen[OEN_STD], denied + 1);
}

static void agent_absent(void **state)
{
	struct domain *d = dom(state, "vm"), *p = dom(state, "pass");
	struct call_frame f, before;
	struct snap s;

	harness.monitor_attached = false;
	/* on-agent-absent = deny (the default) */
	f = unit_frame(d, 0, CONDUIT_SMC, 0x84000000u);
	before = f;
	s = snap();
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	assert_int_equal(f.x[0], ALL_ONES);
	unit_assert_unchanged(&f, &before, 1);
	f = unit_frame(d, 0, CONDUIT_SMC, 0xc2000001u);
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	assert_int_equal(f.x[0], ALL_ONES);
	assert_int_equal(harness.fw.calls, s.fw);
	assert_int_equal(harness.monitor_posts, s.posts);
	assert_false(d->vcpus[0].pending.active);
	/* "pass": routed as if the monitor rule were absent */
	f = unit_frame(p, 0, CONDUIT_SMC, 0xc2000001u);
	before = f;
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	assert_int_equal(harness.fw.calls, s.fw + 1);
	assert_int_equal(harness.fw.last_in.x[7] & 0xffff, 6);
	assert_int_equal(f.x[0], 0);
	assert_int_equal(f.x[2], before.x[2] + 1);
	assert_false(p->vcpus[0].pending.active);
}

static void exclusive_mode(void **state)
{
	struct domain *d = dom(state, "excl");
	struct call_frame f;
	struct snap s = snap();

	/* OEN 0 is never taken */
	f = unit_call3(d, 0, CONDUIT_SMC, ARM_SMCCC_VERSION, 0, 0, 0, NULL);
	assert_int_equal(f.x[0], 0x10003u);
	f = unit_call3(d, 0, CONDUIT_SMC, ARM_SMCCC_ARCH_FEATURES,
		       ARM_SMCCC_ARCH_WORKAROUND_1, 0, 0, NULL);
	assert_int_equal(f.x[0], 0);
	assert_int_equal(harness.monitor_posts, s.posts);
	/* every other allowed SMC is */
	f = unit_frame(d, 0, CONDUIT_SMC, 0x84000000u);
	expect_posted(&f);
	router_resume(&f,
		      &(struct monitor_reply){.verdict = MONITOR_REPLY_DENY});
	f = unit_frame(d, 0, CONDUIT_SMC, 0xc2000042u);
	expect_posted(&f);
	router_resume(&f,
		      &(struct monitor_reply){.verdict = MONITOR_REPLY_DENY});
	f = unit_frame(d, 0, CONDUIT_SMC, 0x8600ff01u);
	expect_posted(&f);
	router_resume(&f,
		      &(struct monitor_reply){.verdict = MONITOR_REPLY_DENY});
	/* HVC is not (conduit = smc by default); denied calls never are */
	s = snap();
	f = unit_call3(d, 0, CONDUIT_HVC, 0x84000000u, 0, 0, 0, NULL);
	assert_int_equal(f.x[0], 0x10003u);
	f = unit_call3(d, 0, CONDUIT_SMC, 0x83000000u, 0, 0, 0, NULL);
	assert_int_equal(f.x[0], ALL_ONES);
	f = unit_call3(d, 0, CONDUIT_SMC, 0xc2020000u, 0, 0, 0, NULL);
	assert_int_equal(f.x[0], ALL_ONES);
	assert_int_equal(harness.monitor_posts, s.posts);
	assert_int_equal(harness.fw.calls, s.fw);
}

static void listed_mode(void **state)
{
	struct domain *d = dom(state, "vm");
	struct call_frame f;
	struct snap s = snap();

	f = unit_call3(d, 0, CONDUIT_SMC, 0x84000050u, 0, 0, 0, NULL);
	assert_int_equal(f.x[0], 0x10000u);
	f = unit_call3(d, 0, CONDUIT_HVC, 0xc2000100u, 0, 0, 0, NULL);
	assert_int_equal(harness.fw.calls, s.fw + 1);
	f = unit_call3(d, 0, CONDUIT_SMC, 0x8600ff01u, 0, 0, 0, NULL);
	assert_int_equal(f.x[0], 0x79d0f577u);
	assert_int_equal(harness.monitor_posts, s.posts);
	f = unit_frame(d, 0, CONDUIT_HVC, 0xc20000ffu);
	expect_posted(&f);
}

#define T(fn) cmocka_unit_test_setup(fn, attach)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(post_and_resume_done), T(resume_handback), T(resume_deny),
		T(agent_absent),	 T(exclusive_mode),  T(listed_mode),
	};

	return cmocka_run_group_tests_name("monitor", tests, setup, teardown);
}
