// SPDX-License-Identifier: MIT
/*
 * The monitor transport (core/monitor.c) end to end on the host: an agent
 * domain attaches a ring in its RAM, a target's calls become events, the
 * agent's replies finish them; detaches and bad replies are refused or
 * resolved exactly once.
 */
#include <stdlib.h>
#include <string.h>

#include "arbiter/monitor.h"
#include "arbiter/monitor_abi.h"
#include "unit.h"

#define RING_IPA  0x40010000ull
#define AGENT_RAM (1u << 20)

static const char *const dts = CONFIG_DTS(
	VM_NODE("t", "1", "0 1",
		"monitor { agent = \"agent\"; conduit = \"both\"; };")
		VM_NODE("agent", "2", "2", "") VM_NODE("other", "3", "3", "")
			VM_NODE("absent", "4", "4",
				"monitor { agent = \"agent\"; "
				"on-agent-absent = \"pass\"; };"));

struct fixture {
	struct harness_system *sys;
	struct domain *t, *agent, *other;
	uint8_t *ram;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	fx->sys = unit_system(dts);
	fx->t = unit_dom(fx->sys, "t");
	fx->agent = unit_dom(fx->sys, "agent");
	fx->other = unit_dom(fx->sys, "other");
	fx->ram = calloc(1, AGENT_RAM);
	fx->agent->ram_host = fx->ram;
	harness.monitor_ring = true;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	unit_free(fx->sys);
	free(fx->ram);
	free(fx);
	return 0;
}

static int64_t agent_call(struct domain *d, uint32_t fid, uint64_t a1,
			  uint64_t a2, uint64_t a3, uint64_t a4,
			  struct call_frame *out)
{
	struct call_frame f = unit_frame(d, 0, CONDUIT_HVC, fid);

	f.x[1] = a1;
	f.x[2] = a2;
	f.x[3] = a3;
	f.x[4] = a4;
	unit_call(&f);
	if (out)
		*out = f;
	return (int64_t)f.x[0];
}

static struct arb_mon_header *header(struct fixture *fx)
{
	return (struct arb_mon_header *)(fx->ram + (RING_IPA - 0x40000000));
}

static struct arb_mon_event *slot(struct fixture *fx, unsigned i)
{
	struct arb_mon_header *h = header(fx);

	return (struct arb_mon_event *)((uint8_t *)h + h->slots_offset +
					i * ARB_MON_SLOT_SIZE);
}

static void attach(struct fixture *fx)
{
	struct call_frame f;

	assert_int_equal(agent_call(fx->agent, ARB_MON_ATTACH, 1, RING_IPA,
				    0x4000, 0, &f),
			 ARB_MON_OK);
	assert_int_equal(f.x[1], 2);
	assert_int_equal(f.x[2], ARB_MON_SLOT_SIZE);
	assert_int_equal(f.x[3], 16);
	assert_int_equal(header(fx)->magic, ARB_MON_MAGIC);
	assert_int_equal(header(fx)->nslots, 2);
}

static void attach_checks(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(agent_call(fx->other, ARB_MON_ATTACH, 1, RING_IPA,
				    0x4000, 0, NULL),
			 ARB_MON_DENIED);
	assert_int_equal(agent_call(fx->agent, ARB_MON_ATTACH, 9, RING_IPA,
				    0x4000, 0, NULL),
			 ARB_MON_NOT_FOUND);
	assert_int_equal(agent_call(fx->agent, ARB_MON_ATTACH, 3, RING_IPA,
				    0x4000, 0, NULL),
			 ARB_MON_NOT_FOUND); /* "other" is not monitored */
	assert_int_equal(agent_call(fx->agent, ARB_MON_ATTACH, 1, RING_IPA + 8,
				    0x4000, 0, NULL),
			 ARB_MON_INVALID);
	assert_int_equal(
		agent_call(fx->agent, ARB_MON_ATTACH, 1, RING_IPA, 64, 0, NULL),
		ARB_MON_INVALID);
	assert_int_equal(agent_call(fx->agent, ARB_MON_ATTACH, 1, 0x1000,
				    0x4000, 0, NULL),
			 ARB_MON_INVALID); /* not the agent's RAM */
	attach(fx);
	assert_int_equal(agent_call(fx->agent, ARB_MON_ATTACH, 1, RING_IPA,
				    0x4000, 0, NULL),
			 ARB_MON_BUSY);
}

static void event_reply_done(void **state)
{
	struct fixture *fx = *state;
	struct call_frame f =
		unit_frame(fx->t, 1, CONDUIT_SMC, PSCI_0_2_FN(PSCI_FN_VERSION));
	struct call_frame w;
	struct monitor_reply r;
	struct arb_mon_event *e;
	uint64_t q;

	attach(fx);
	f.pc = 0x40081234;
	assert_int_equal(router_dispatch(&f), CALL_PENDING);
	e = slot(fx, 1);
	q = ((uint64_t *)((uint8_t *)header(fx) + header(fx)->queue_offset))[0];
	assert_int_equal(e->seq, 1);
	assert_int_equal(e->target, 1);
	assert_int_equal(e->vcpu, 1);
	assert_int_equal(e->x[0], PSCI_0_2_FN(PSCI_FN_VERSION));
	assert_int_equal(e->pc, 0x40081234);
	assert_int_equal(ARB_MON_QUEUE_SEQ(q), 1);
	assert_int_equal(ARB_MON_QUEUE_SLOT(q), 1);
	assert_int_equal(header(fx)->produced, 1);
	assert_false(monitor_take_reply(&fx->t->vcpus[1], &r));
	assert_int_equal(agent_call(fx->agent, ARB_MON_WAIT, 1, 0, 0, 0, &w),
			 0);
	assert_int_equal(w.x[1], 1);
	e->reply_x[0] = 0x1234;
	e->reply_x[5] = 0x55;
	assert_int_equal(agent_call(fx->agent, ARB_MON_REPLY, 1, 2,
				    ARB_MON_REPLY_DONE | ARB_MON_REPLY_ADVANCE,
				    (1u << 0) | (1u << 5), NULL),
			 ARB_MON_NOT_FOUND); /* wrong seq */
	assert_int_equal(agent_call(fx->agent, ARB_MON_REPLY, 1, 1, 8, 1, NULL),
			 ARB_MON_INVALID); /* bad flags */
	assert_int_equal(agent_call(fx->agent, ARB_MON_REPLY, 1, 1,
				    ARB_MON_REPLY_DONE | ARB_MON_REPLY_ADVANCE,
				    (1u << 0) | (1u << 5), NULL),
			 ARB_MON_OK);
	e->reply_x[0] = 0xbad; /* too late: the reply was read once */
	assert_int_equal(agent_call(fx->agent, ARB_MON_REPLY, 1, 1, 0, 1, NULL),
			 ARB_MON_NOT_FOUND); /* answered already */
	assert_true(monitor_take_reply(&fx->t->vcpus[1], &r));
	assert_int_equal(router_resume(&f, &r), CALL_DONE);
	assert_int_equal(f.x[0], 0x1234);
	assert_int_equal(f.x[5], 0x55);
	assert_int_equal(f.x[1], unit_pattern(1));
}

static void handback_and_repeat(void **state)
{
	struct fixture *fx = *state;
	struct call_frame f;
	struct monitor_reply r;

	attach(fx);
	f = unit_frame(fx->t, 0, CONDUIT_HVC, PSCI_0_2_FN(PSCI_FN_VERSION));
	assert_int_equal(router_dispatch(&f), CALL_PENDING);
	assert_int_equal(agent_call(fx->agent, ARB_MON_REPLY, 1, 1,
				    ARB_MON_REPLY_HANDBACK, 0, NULL),
			 ARB_MON_OK);
	assert_true(monitor_take_reply(&fx->t->vcpus[0], &r));
	assert_int_equal(router_resume(&f, &r), CALL_DONE);
	assert_int_equal(f.x[0], PSCI_VERSION_1_3);
	/* a denied call never reaches the agent */
	f = unit_frame(fx->t, 0, CONDUIT_SMC, 0xc2000001u);
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	assert_int_equal(f.x[0], ALL_ONES);
	/* no advance: the vCPU executes the call again */
	f = unit_frame(fx->t, 0, CONDUIT_SMC, 0x84000050u);
	assert_int_equal(router_dispatch(&f), CALL_PENDING);
	assert_int_equal(agent_call(fx->agent, ARB_MON_REPLY, 1, 2,
				    ARB_MON_REPLY_DONE, 0, NULL),
			 ARB_MON_OK);
	assert_true(monitor_take_reply(&fx->t->vcpus[0], &r));
	assert_int_equal(router_resume(&f, &r), CALL_REPEAT);
	assert_int_equal(f.x[0], 0x84000050u);
	/* the Arm Architecture range never goes to the agent */
	f = unit_frame(fx->t, 0, CONDUIT_SMC, ARM_SMCCC_VERSION);
	assert_int_equal(router_dispatch(&f), CALL_DONE);
}

static void order_and_detach(void **state)
{
	struct fixture *fx = *state;
	struct call_frame f0, f1;
	struct monitor_reply r;
	uint64_t *queue;

	attach(fx);
	queue = (uint64_t *)((uint8_t *)header(fx) + header(fx)->queue_offset);
	f0 = unit_frame(fx->t, 0, CONDUIT_SMC, PSCI_0_2_FN(PSCI_FN_VERSION));
	f1 = unit_frame(fx->t, 1, CONDUIT_SMC, PSCI_0_2_FN(PSCI_FN_VERSION));
	assert_int_equal(router_dispatch(&f1), CALL_PENDING);
	assert_int_equal(router_dispatch(&f0), CALL_PENDING);
	assert_int_equal(queue[0], (1ull << 16) | 1);
	assert_int_equal(queue[1], (2ull << 16) | 0);
	assert_int_equal(
		agent_call(fx->other, ARB_MON_DETACH, 1, 0, 0, 0, NULL),
		ARB_MON_DENIED);
	assert_int_equal(
		agent_call(fx->agent, ARB_MON_DETACH, 1, 0, 0, 0, NULL),
		ARB_MON_OK);
	/* both pending calls resolved by the default on-agent-absent: deny */
	assert_true(monitor_take_reply(&fx->t->vcpus[0], &r));
	assert_int_equal(router_resume(&f0, &r), CALL_DONE);
	assert_int_equal(f0.x[0], ALL_ONES);
	assert_true(monitor_take_reply(&fx->t->vcpus[1], &r));
	assert_int_equal(router_resume(&f1, &r), CALL_DONE);
	assert_int_equal(f1.x[0], ALL_ONES);
	/* no agent now: denied at once, and counted as denied */
	{
		struct call_stats s0 = fx->t->vcpus[0].stats;

		f0 = unit_frame(fx->t, 0, CONDUIT_SMC,
				PSCI_0_2_FN(PSCI_FN_VERSION));
		assert_int_equal(router_dispatch(&f0), CALL_DONE);
		assert_int_equal(f0.x[0], ALL_ONES);
		assert_int_equal(fx->t->vcpus[0].stats.by_action[ACTION_DENY],
				 s0.by_action[ACTION_DENY] + 1);
		assert_int_equal(
			fx->t->vcpus[0].stats.by_action[ACTION_MONITOR],
			s0.by_action[ACTION_MONITOR]);
	}
	/* and the link can be attached again */
	assert_int_equal(agent_call(fx->agent, ARB_MON_ATTACH, 1, RING_IPA,
				    0x4000, 0, NULL),
			 ARB_MON_OK);
}

static void agent_gone_passes(void **state)
{
	struct fixture *fx = *state;
	struct domain *a = unit_dom(fx->sys, "absent");
	struct call_frame f;
	struct monitor_reply r;

	/* never attached, on-agent-absent = pass: handled as usual */
	f = unit_frame(a, 0, CONDUIT_SMC, PSCI_0_2_FN(PSCI_FN_VERSION));
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	assert_int_equal(f.x[0], PSCI_VERSION_1_3);
	assert_int_equal(agent_call(fx->agent, ARB_MON_ATTACH, 4,
				    RING_IPA + 0x8000, 0x4000, 0, NULL),
			 ARB_MON_OK);
	f = unit_frame(a, 0, CONDUIT_SMC, PSCI_0_2_FN(PSCI_FN_VERSION));
	assert_int_equal(router_dispatch(&f), CALL_PENDING);
	monitor_agent_gone(fx->agent);
	assert_true(monitor_take_reply(&a->vcpus[0], &r));
	assert_int_equal(router_resume(&f, &r), CALL_DONE);
	assert_int_equal(f.x[0], PSCI_VERSION_1_3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(attach_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(event_reply_done, setup,
						teardown),
		cmocka_unit_test_setup_teardown(handback_and_repeat, setup,
						teardown),
		cmocka_unit_test_setup_teardown(order_and_detach, setup,
						teardown),
		cmocka_unit_test_setup_teardown(agent_gone_passes, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
