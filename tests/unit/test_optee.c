// SPDX-License-Identifier: MIT
/*
 * The OP-TEE mediator against a fake OP-TEE: boot probe, VM_CREATED and
 * VM_DESTROYED sequencing, a7 forced, calls a guest may not make,
 * capability masking, CALL_WITH_ARG with value parameters, copy-back of
 * output fields only, an argument changed during the call, limits.
 */
#include "optee_fixture.h"

static void probe_and_vm_created(void **state)
{
	struct fx *x = *state;
	const struct fake_optee *o = &harness.optee;

	assert_true(tee_present(TEE_OPTEE));
	/* a and b announced with a7 = 0, in order; c has no TEE rule */
	assert_int_equal(o->nvm, 2);
	assert_int_equal(o->vm_log[0].fid, OPTEE_VM_CREATED);
	assert_int_equal(o->vm_log[0].a1, 5);
	assert_int_equal(o->vm_log[0].a7, 0);
	assert_int_equal(o->vm_log[0].ret, OPTEE_OK);
	assert_int_equal(o->vm_log[1].a1, 6);
	assert_int_equal(o->vm_log[1].a7, 0);
	assert_int_equal(o->nclients, 2);
	(void)x;
}

static void fast_calls_answered(void **state)
{
	struct fx *x = *state;
	uint64_t fw = harness.fw.calls;
	struct call_frame f;

	f = fx_call(x->a, OPTEE_CALLS_UID, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[0], OPTEE_API_UID0);
	assert_int_equal(f.x[3], OPTEE_API_UID3);
	f = fx_call(x->a, OPTEE_CALLS_REVISION, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[0], 2);
	assert_int_equal(f.x[1], 0);
	f = fx_call(x->a, OPTEE_GET_OS_UUID, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[0], 0x486178e0);
	f = fx_call(x->a, OPTEE_GET_OS_REVISION, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[0], 4);
	assert_int_equal(f.x[1], 10);
	/* capabilities: DYNAMIC_SHM and MEMREF_NULL only (0xfd below) */
	f = fx_call(x->a, OPTEE_EXCHANGE_CAPS, 1, 0, 0, 0, 0);
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(f.x[1], OPTEE_CAP_DYNAMIC_SHM | OPTEE_CAP_MEMREF_NULL);
	assert_int_equal(f.x[2], 0);
	assert_int_equal(f.x[3], 0);
	f = fx_call(x->a, OPTEE_EXCHANGE_CAPS, 2, 0, 0, 0, 0);
	assert_int_equal(f.x[0], OPTEE_ENOTAVAIL);
	f = fx_call(x->a, OPTEE_GET_SHM_CONFIG, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[0], OPTEE_ENOTAVAIL);
	/* Linux's probe: DISABLE until ENOTAVAIL, ENABLE until OK */
	f = fx_call(x->a, OPTEE_DISABLE_SHM_CACHE, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[0], OPTEE_ENOTAVAIL);
	f = fx_call(x->a, OPTEE_ENABLE_SHM_CACHE, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[0], OPTEE_OK);
	/* 2 secure threads, 2 OP-TEE domains: one call each */
	f = fx_call(x->a, OPTEE_GET_THREAD_COUNT, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(f.x[1], 1);
	assert_int_equal(harness.fw.calls, fw);
}

static void forbidden_calls(void **state)
{
	struct fx *x = *state;
	static const uint32_t ids[] = {
		OPTEE_VM_CREATED,	  OPTEE_VM_DESTROYED,
		OPTEE_BOOT_SECONDARY,	  OPTEE_L2CC_MUTEX,
		OPTEE_LOAD_IMAGE,	  OPTEE_CALL_WITH_RPC_ARG,
		OPTEE_CALL_WITH_REGD_ARG, OPTEE_ENABLE_ASYNC_NOTIF,
		OPTEE_CALLS_COUNT,	  0xb2000099u};
	uint64_t fw = harness.fw.calls;
	unsigned nvm = harness.optee.nvm;

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct call_frame f = fx_call(x->a, ids[i], 5, 0, 0, 0, 0);

		assert_int_equal(f.x[0], ALL_ONES);
	}
	assert_int_equal(harness.fw.calls, fw);
	assert_int_equal(harness.optee.nvm, nvm);
}

static void no_rule_no_mediator(void **state)
{
	struct fx *x = *state;
	uint64_t fw = harness.fw.calls;
	struct call_frame f = fx_call(x->c, OPTEE_CALLS_UID, 0, 0, 0, 0, 0);

	assert_int_equal(f.x[0], ALL_ONES);
	f = fx_std(x->c, ARG_IPA);
	assert_int_equal(f.x[0], ALL_ONES);
	assert_int_equal(harness.fw.calls, fw);
}

static void value_invoke_a7_forced(void **state)
{
	struct fx *x = *state;
	struct optee_msg_arg *a =
		fx_arg(x->a, OPTEE_MSG_CMD_OPEN_SESSION, 0, 2);
	struct call_frame f;

	a->params[0].attr = OPTEE_ATTR_VALUE_INPUT | OPTEE_ATTR_META;
	a->params[1].attr = OPTEE_ATTR_VALUE_INPUT | OPTEE_ATTR_META;
	f = fx_call(x->a, OPTEE_CALL_WITH_ARG, ARG_IPA >> 32,
		    ARG_IPA & 0xffffffffu, 0, 0, 0);
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(a->ret, TEE_SUCCESS);
	assert_int_equal(a->session, 0x101);
	assert_int_equal(harness.optee.last_a7, 5);
	/* the secure side got our copy, page-aligned, cached */
	assert_true(harness.optee.last_arg_pa != (uintptr_t)a);
	assert_int_equal(harness.optee.last_arg_pa & 4095, 0);
	assert_int_equal(harness.optee.last_a3, 1);
	/* the shadow's PA never reaches the guest */
	assert_int_equal(f.x[1], 0);
	assert_int_equal(f.x[2], ARG_IPA & 0xffffffffu);

	a = fx_arg(x->b, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, 1);
	a->params[0].attr = OPTEE_ATTR_VALUE_INOUT;
	a->params[0].u.value.a = 41;
	a->params[0].u.value.b = 99;
	/* whatever the guest puts in w7, the client ID goes */
	f = unit_frame(x->b, 1, CONDUIT_HVC, OPTEE_CALL_WITH_ARG);
	f.x[1] = 0;
	f.x[2] = ARG_IPA & 0xffffffffu;
	f.x[7] = 5;
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(harness.optee.last_a7, 6);
	assert_int_equal(a->params[0].u.value.a, 42);
	assert_int_equal(a->params[0].u.value.b, 100);
}

static void copy_back_outputs_only(void **state)
{
	struct fx *x = *state;
	struct optee_msg_arg *a =
		fx_arg(x->a, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, 3);
	struct call_frame f;

	harness.optee.scribble = true;
	a->params[0].attr = OPTEE_ATTR_VALUE_INOUT;
	a->params[0].u.value.a = 1;
	a->params[1].attr = OPTEE_ATTR_VALUE_INPUT;
	a->params[1].u.value.a = 11;
	a->params[2].attr = OPTEE_ATTR_TMEM_OUTPUT; /* NULL memref */
	a->params[2].u.tmem.size = 64;
	f = fx_std(x->a, ARG_IPA);
	harness.optee.scribble = false;
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(a->ret, TEE_SUCCESS);
	assert_int_equal(a->cmd, OPTEE_MSG_CMD_INVOKE_COMMAND);
	assert_int_equal(a->func, 0);
	assert_int_equal(a->num_params, 3);
	assert_int_equal(a->session, 0x101); /* not an OPEN_SESSION */
	assert_int_equal(a->params[0].u.value.a, 2);
	assert_int_equal(a->params[1].u.value.a, 11);
	assert_int_equal(a->params[1].attr, OPTEE_ATTR_VALUE_INPUT);
	assert_int_equal(a->params[2].u.tmem.buf_ptr, 0);
	assert_int_equal(a->params[2].u.tmem.shm_ref, 0);
}

static struct domain *mid_dom;

/* Another vCPU of the guest rewrites the argument during the call. */
static void rewrite_arg(void)
{
	struct optee_msg_arg *a = gp(mid_dom, ARG_IPA);

	a->num_params = 127;
	a->cmd = OPTEE_MSG_CMD_REGISTER_SHM;
	a->params[0].attr = OPTEE_ATTR_TMEM_INPUT;
	a->params[0].u.tmem.buf_ptr = 0x1000;
	a->params[0].u.value.a = 1000;
}

static void arg_changed_during_call(void **state)
{
	struct fx *x = *state;
	struct optee_msg_arg *a =
		fx_arg(x->a, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, 1);
	struct call_frame f;

	a->params[0].attr = OPTEE_ATTR_VALUE_INOUT;
	a->params[0].u.value.a = 7;
	mid_dom = x->a;
	harness.optee.during_call = rewrite_arg;
	f = fx_std(x->a, ARG_IPA);
	harness.optee.during_call = NULL;
	assert_int_equal(f.x[0], OPTEE_OK);
	/* the secure side worked on the copy: 7 + 1, as an INVOKE */
	assert_int_equal(a->ret, TEE_SUCCESS);
	assert_int_equal(a->params[0].u.value.a, 8);
}

static void bad_arguments(void **state)
{
	struct fx *x = *state;
	unsigned calls = harness.optee.std_calls;
	struct optee_msg_arg *a;
	struct call_frame f;

	f = fx_std(x->a, ARG_IPA + 8); /* not page-aligned */
	assert_int_equal(f.x[0], OPTEE_EBADADDR);
	f = fx_std(x->a, RAM_IPA + RAM_SIZE); /* past its RAM */
	assert_int_equal(f.x[0], OPTEE_EBADADDR);
	f = fx_std(x->a, 0x1000); /* below it */
	assert_int_equal(f.x[0], OPTEE_EBADADDR);
	f = fx_call(x->a, OPTEE_CALL_WITH_ARG, 1, 0x40001000, 0, 0, 0);
	assert_int_equal(f.x[0], OPTEE_EBADADDR); /* above 4 GiB */
	a = fx_arg(x->a, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, 128);
	f = fx_std(x->a, ARG_IPA); /* does not fit its page */
	assert_int_equal(f.x[0], OPTEE_EBADADDR);
	a = fx_arg(x->a, 6, 0, 0); /* DO_BOTTOM_HALF: not mediated */
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(f.x[0], OPTEE_EBADCMD);
	/* unknown parameter type, stray attribute bits */
	a = fx_arg(x->a, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, 1);
	a->params[0].attr = 4;
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(a->ret, TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(a->ret_origin, TEE_ORIGIN_COMMS);
	a->params[0].attr = OPTEE_ATTR_VALUE_INPUT | (1u << 12);
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(a->ret, TEE_ERROR_BAD_PARAMETERS);
	/* bits 63:32 of attr are attribute bits too (found by
	 * tests/qemu/43-tee-hostile.t: they passed, the secure side saw
	 * them) */
	for (unsigned bit = 32; bit < 64; bit += 31) {
		a->params[0].attr = OPTEE_ATTR_VALUE_INPUT | (1ull << bit);
		a->ret = 0;
		f = fx_std(x->a, ARG_IPA);
		assert_int_equal(f.x[0], OPTEE_OK);
		assert_int_equal(a->ret, TEE_ERROR_BAD_PARAMETERS);
		assert_int_equal(a->ret_origin, TEE_ORIGIN_COMMS);
	}
	/* contiguous TMEM naming memory: never */
	a->params[0].attr = OPTEE_ATTR_TMEM_INPUT;
	a->params[0].u.tmem.buf_ptr = DATA_IPA;
	a->params[0].u.tmem.size = 16;
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(a->ret, TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(harness.optee.std_calls, calls);
}

static void call_limit_per_domain(void **state)
{
	struct fx *x = *state;
	struct optee_msg_arg *a =
		fx_arg(x->a, OPTEE_MSG_CMD_INVOKE_COMMAND, 3, 1);
	unsigned calls;
	struct call_frame f;

	a->params[0].attr = OPTEE_ATTR_VALUE_OUTPUT;
	f = fx_std(x->a, ARG_IPA); /* suspended in FOREIGN_INTR */
	assert_int_equal(f.x[0], OPTEE_RPC_FOREIGN_INTR);
	calls = harness.optee.std_calls;
	/* a's one call is in flight: the next is a's ETHREAD_LIMIT */
	a = gp(x->a, ARG_IPA + 0x1000);
	memset(a, 0, 64);
	a->cmd = OPTEE_MSG_CMD_CLOSE_SESSION;
	f = fx_std(x->a, ARG_IPA + 0x1000);
	assert_int_equal(f.x[0], OPTEE_ETHREAD_LIMIT);
	assert_int_equal(harness.optee.std_calls, calls);
	/* b is not starved */
	a = fx_arg(x->b, OPTEE_MSG_CMD_CLOSE_SESSION, 0, 0);
	f = fx_std(x->b, ARG_IPA);
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(harness.optee.std_calls, calls + 1);
}

static void lifecycle_drain_and_recreate(void **state)
{
	struct fx *x = *state;
	struct optee_msg_arg *a =
		fx_arg(x->a, OPTEE_MSG_CMD_INVOKE_COMMAND, 3, 1);
	const struct fake_optee *o = &harness.optee;
	struct call_frame f;
	unsigned nvm;

	a->params[0].attr = OPTEE_ATTR_VALUE_OUTPUT;
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(f.x[0], OPTEE_RPC_FOREIGN_INTR);
	assert_true(o->thr[f.x[3]].busy);
	nvm = o->nvm;
	/* power-off or reset: the suspended call is finished first */
	tee_domain_stopped(x->a);
	assert_false(o->thr[f.x[3]].busy);
	assert_int_equal(o->nvm, nvm + 1);
	assert_int_equal(o->vm_log[nvm].fid, OPTEE_VM_DESTROYED);
	assert_int_equal(o->vm_log[nvm].a1, 5);
	assert_int_equal(o->vm_log[nvm].a7, 0);
	/* a stopped domain's calls fail; its old thread is gone */
	f = fx_call(x->a, OPTEE_RETURN_FROM_RPC, 0, 0, f.x[3], 0, 0);
	assert_int_equal(f.x[0], ALL_ONES);
	tee_domain_started(x->a); /* reset: VM_CREATED again */
	assert_int_equal(o->vm_log[nvm + 1].fid, OPTEE_VM_CREATED);
	assert_int_equal(o->vm_log[nvm + 1].a1, 5);
	a = fx_arg(x->a, OPTEE_MSG_CMD_CLOSE_SESSION, 0, 0);
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(f.x[0], OPTEE_OK);
	assert_int_equal(o->last_a7, 5);
}

static void refused_domain_fails_cleanly(void **state)
{
	struct fx *x = *state;
	struct call_frame f;

	tee_domain_stopped(x->b);
	harness.optee.refuse_create = true;
	tee_domain_started(x->b);
	f = fx_call(x->b, OPTEE_CALLS_UID, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[0], ALL_ONES);
	fx_arg(x->b, OPTEE_MSG_CMD_CLOSE_SESSION, 0, 0);
	f = fx_std(x->b, ARG_IPA);
	assert_int_equal(f.x[0], ALL_ONES);
	/* the other domain goes on */
	fx_arg(x->a, OPTEE_MSG_CMD_CLOSE_SESSION, 0, 0);
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(f.x[0], OPTEE_OK);
	/* a refused domain is not announced as destroyed */
	unsigned nvm = harness.optee.nvm;

	tee_domain_stopped(x->b);
	assert_int_equal(harness.optee.nvm, nvm);
}

static void no_secure_side(void **state)
{
	struct fx *x = fx_boot(false);
	struct call_frame f;

	(void)state;
	assert_false(tee_present(TEE_OPTEE));
	f = fx_call(x->a, OPTEE_CALLS_UID, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[0], ALL_ONES);
	f = fx_std(x->a, ARG_IPA);
	assert_int_equal(f.x[0], ALL_ONES);
	fx_teardown((void **)&x);
}

static void limits_from_configuration(void **state)
{
	static const char dts[] =
		CONFIG_DTS(OPTEE_DOM("a", "5", "0 1",
				     OPTEE_RULE " tee-limits { calls = <2>; "
						"shm-buffers = <1>; };")
				   OPTEE_DOM("b", "6", "2 3", OPTEE_RULE)
					   OPTEE_DOM("c", "7", "4", ""));
	struct fx *x = fx_boot_dts(true, dts);
	struct optee_msg_arg *a;
	struct call_frame f;

	(void)state;
	f = fx_call(x->a, OPTEE_GET_THREAD_COUNT, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[1], 2);
	f = fx_call(x->b, OPTEE_GET_THREAD_COUNT, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[1], 1); /* the default: 2 threads, 2 domains */
	for (unsigned i = 0; i < 2; i++) {
		a = fx_arg(x->a, OPTEE_MSG_CMD_REGISTER_SHM, 0, 1);
		a->params[0].attr =
			OPTEE_ATTR_TMEM_OUTPUT | OPTEE_ATTR_NONCONTIG;
		a->params[0].u.tmem.buf_ptr = fx_list(x->a, 1, 0, 0);
		a->params[0].u.tmem.size = 4096;
		a->params[0].u.tmem.shm_ref = 0x40 + i;
		f = fx_std(x->a, ARG_IPA);
		assert_int_equal(f.x[0], OPTEE_OK);
		assert_int_equal(a->ret, i == 0 ? TEE_SUCCESS
						: TEE_ERROR_OUT_OF_MEMORY);
	}
	fx_teardown((void **)&x);
}

/* Each reset costs the secure side a partition it may never give back:
 * after `restarts` re-creations a domain is not created again, its calls
 * fail, and the other domains are unaffected. */
static void restarts_bounded(void **state)
{
	static const char dts[] = CONFIG_DTS(
		OPTEE_DOM("a", "5", "0 1",
			  OPTEE_RULE " tee-limits { restarts = <2>; };")
			OPTEE_DOM("b", "6", "2 3", OPTEE_RULE)
				OPTEE_DOM("c", "7", "4", ""));
	struct fx *x = fx_boot_dts(true, dts);
	const struct fake_optee *o = &harness.optee;
	unsigned created = 0, lines = harness.log_lines;
	struct call_frame f;

	(void)state;
	for (unsigned boot = 0; boot < 5; boot++) {
		tee_domain_stopped(x->a);
		tee_domain_started(x->a);
		f = fx_call(x->a, OPTEE_CALLS_UID, 0, 0, 0, 0, 0);
		assert_int_equal(f.x[0], boot < 2 ? OPTEE_API_UID0 : ALL_ONES);
	}
	for (unsigned i = 0; i < o->nvm; i++)
		created += o->vm_log[i].fid == OPTEE_VM_CREATED &&
			   o->vm_log[i].a1 == 5;
	assert_int_equal(created, 3); /* the first boot and two restarts */
	assert_non_null(strstr(harness.last_log, "2 restarts spent"));
	assert_int_equal(harness.log_lines, lines + 1); /* logged once */
	/* b, the default: 100 cycles shared by two OP-TEE domains, so 49
	 * restarts; a's exhaustion changed nothing for it */
	for (unsigned boot = 0; boot < 50; boot++) {
		tee_domain_stopped(x->b);
		tee_domain_started(x->b);
		f = fx_call(x->b, OPTEE_CALLS_UID, 0, 0, 0, 0, 0);
		assert_int_equal(f.x[0], boot < 49 ? OPTEE_API_UID0 : ALL_ONES);
	}
	fx_teardown((void **)&x);
}

/* A domain whose policy forwards OP-TEE unmediated is still announced to
 * the secure side (it would refuse an unknown client); one without any
 * OP-TEE rule is not. */
static void forwarded_domain_announced(void **state)
{
	static const char dts[] =
		CONFIG_DTS(OPTEE_DOM("a", "5", "0 1", OPTEE_RULE) OPTEE_DOM(
			"b", "6", "2 3",
			"smccc { f { match = \"optee\"; action = "
			"\"forward\"; }; };") OPTEE_DOM("c", "7", "4", ""));
	struct fx *x = fx_boot_dts(true, dts);
	const struct fake_optee *o = &harness.optee;
	unsigned created[8] = {0};

	(void)state;
	for (unsigned i = 0; i < o->nvm; i++)
		if (o->vm_log[i].fid == OPTEE_VM_CREATED && o->vm_log[i].a1 < 8)
			created[o->vm_log[i].a1]++;
	assert_int_equal(created[5], 1);
	assert_int_equal(created[6], 1);
	assert_int_equal(created[7], 0);
	tee_domain_stopped(x->b);
	assert_int_equal(o->vm_log[o->nvm - 1].fid, OPTEE_VM_DESTROYED);
	assert_int_equal(o->vm_log[o->nvm - 1].a1, 6);
	fx_teardown((void **)&x);
}

/* OPEN_SESSION from a domain at its session limit is refused without
 * reaching the secure side; a closed session and a failed open give
 * theirs back. */
static void sessions_bounded(void **state)
{
	static const char dts[] = CONFIG_DTS(
		OPTEE_DOM("a", "5", "0 1",
			  OPTEE_RULE " tee-limits { sessions = <2>; };")
			OPTEE_DOM("b", "6", "2 3", OPTEE_RULE)
				OPTEE_DOM("c", "7", "4", ""));
	struct fx *x = fx_boot_dts(true, dts);
	unsigned std = harness.optee.std_calls;
	uint32_t s[3];

	(void)state;
	for (unsigned i = 0; i < 3; i++) {
		struct optee_msg_arg *a =
			fx_arg(x->a, OPTEE_MSG_CMD_OPEN_SESSION, 0, 0);

		assert_int_equal(fx_std(x->a, ARG_IPA).x[0], OPTEE_OK);
		assert_int_equal(a->ret,
				 i < 2 ? TEE_SUCCESS : TEE_ERROR_OUT_OF_MEMORY);
		s[i] = a->session;
	}
	assert_int_equal(harness.optee.std_calls, std + 2); /* not the 3rd */
	fx_arg(x->a, OPTEE_MSG_CMD_CLOSE_SESSION, 0, 0)->session = s[0];
	assert_int_equal(fx_std(x->a, ARG_IPA).x[0], OPTEE_OK);
	fx_arg(x->a, OPTEE_MSG_CMD_OPEN_SESSION, 0, 0);
	assert_int_equal(fx_std(x->a, ARG_IPA).x[0], OPTEE_OK);
	assert_int_equal(((struct optee_msg_arg *)gp(x->a, ARG_IPA))->ret,
			 TEE_SUCCESS);
	/* b has its own sessions */
	fx_arg(x->b, OPTEE_MSG_CMD_OPEN_SESSION, 0, 0);
	assert_int_equal(fx_std(x->b, ARG_IPA).x[0], OPTEE_OK);
	assert_int_equal(((struct optee_msg_arg *)gp(x->b, ARG_IPA))->ret,
			 TEE_SUCCESS);
	fx_teardown((void **)&x);
}

static void limits_checked(void **state)
{
	struct harness_system *sys;

	(void)state;
	assert_int_equal(
		unit_system_errors(
			CONFIG_DTS(OPTEE_DOM(
				"a", "5", "0",
				"tee-limits { calls = <9>; "
				"buffer-pages = <0>; colour = <1>; };")),
			&sys),
		3);
	assert_non_null(strstr(sys->errors, "/domains/a/tee-limits: 'calls' "
					    "must be 1..8"));
	assert_non_null(strstr(sys->errors, "'buffer-pages' must be 1..4088"));
	unit_free(sys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(probe_and_vm_created, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(fast_calls_answered, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(forbidden_calls, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(no_rule_no_mediator, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(value_invoke_a7_forced,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(copy_back_outputs_only,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(arg_changed_during_call,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(bad_arguments, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(call_limit_per_domain, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(lifecycle_drain_and_recreate,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(refused_domain_fails_cleanly,
						fx_setup, fx_teardown),
		cmocka_unit_test(no_secure_side),
		cmocka_unit_test(limits_from_configuration),
		cmocka_unit_test(restarts_bounded),
		cmocka_unit_test(forwarded_domain_announced),
		cmocka_unit_test(sessions_bounded),
		cmocka_unit_test(limits_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
