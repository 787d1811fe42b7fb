// SPDX-License-Identifier: MIT
/*
 * The TEE client's entry: bootargs, the mode, and the checks every mode
 * shares: the guest's /firmware/optee node, Linux's probe sequence on the
 * conduits the domain's rule routes (answered by the mediator, never by
 * the secure side), and -1 for every OP-TEE call on the others.
 */
#include <libfdt.h>
#include <string.h>

#include "tc.h"

static void conf_read(void)
{
	tc.id = bootarg_uint("id", 0);
	tc.peer = bootarg_uint("peer", 0);
	tc.limit = bootarg_uint("limit", 0);
	tc.peer_pa = bootarg_hex("peer-pa", 0);
	tc.smc = has_word("conduit=smc") || has_word("conduit=both");
	tc.hvc = has_word("conduit=hvc") || has_word("conduit=both");
	tc.sip = has_word("sip");
	tc.c = tc.smc ? GUEST_SMC : GUEST_HVC;
	printf_uart("# tee-client: %u vCPU(s), client ID %u, bootargs \"%s\"\n",
		    guest_ncpus, tc.id, guest_bootargs);
}

static bool routed(enum guest_conduit c)
{
	return c == GUEST_SMC ? tc.smc : tc.hvc;
}

/* A fast call with x1 = a1 and a pattern in x2-x17. */
static struct smccc_res fast(enum guest_conduit c, uint32_t fid, uint64_t a1)
{
	struct smccc_res r;

	for (unsigned i = 2; i < 18; i++)
		r.x[i] = 0x5a5a000000000000ull | (uint64_t)i << 32 | i;
	r.x[0] = fid;
	r.x[1] = a1;
	smccc_call(c, &r);
	return r;
}

static struct smccc_res fast2(enum guest_conduit c, uint32_t fid, uint64_t a1,
			      uint64_t a2)
{
	struct smccc_res r;

	for (unsigned i = 3; i < 18; i++)
		r.x[i] = 0x5a5a000000000000ull | (uint64_t)i << 32 | i;
	r.x[0] = fid;
	r.x[1] = a1;
	r.x[2] = a2;
	smccc_call(c, &r);
	return r;
}

static bool kept_from(const struct smccc_res *r, unsigned first)
{
	for (unsigned i = first; i < 18; i++)
		if (r->x[i] != (0x5a5a000000000000ull | (uint64_t)i << 32 | i))
			return false;
	return true;
}

/* /firmware/optee, with the method Linux must use, only when routed. */
static void check_dt(void)
{
	int node = fdt_path_offset(guest_fdt, "/firmware/optee");
	const char *compat =
		node >= 0 ? fdt_getprop(guest_fdt, node, "compatible", NULL)
			  : NULL;
	const char *method =
		node >= 0 ? fdt_getprop(guest_fdt, node, "method", NULL) : NULL;

	if (!tc.smc && !tc.hvc) {
		tap_ok(node < 0, "no /firmware/optee node without a TEE rule");
		return;
	}
	tap_ok(compat && strcmp(compat, "linaro,optee-tz") == 0 && method &&
		       strcmp(method, tc.smc ? "smc" : "hvc") == 0,
	       "/firmware/optee: linaro,optee-tz, method \"%s\"",
	       method ? method : "(none)");
}

static void probe_identity(enum guest_conduit c, const char *cn)
{
	struct smccc_res r = fast(c, OPTEE_SMC_CALLS_UID, 0);

	tap_ok(r.x[0] == OPTEE_API_UID_0 && r.x[1] == OPTEE_API_UID_1 &&
		       r.x[2] == OPTEE_API_UID_2 && r.x[3] == OPTEE_API_UID_3 &&
		       kept_from(&r, 4),
	       "%s CALLS_UID: OP-TEE's API UID, x4-x17 kept", cn);
	r = fast(c, OPTEE_SMC_CALLS_REVISION, 0);
	tap_ok(r.x[0] == 2 && r.x[1] == 0, "%s CALLS_REVISION: 2.0", cn);
	r = fast(c, OPTEE_SMC_GET_OS_UUID, 0);
	tap_ok(r.x[0] == FW_TEE_OS_UUID_0 && r.x[1] == FW_TEE_OS_UUID_1 &&
		       r.x[2] == FW_TEE_OS_UUID_2 && r.x[3] == FW_TEE_OS_UUID_3,
	       "%s GET_OS_UUID: the secure side's (the test TEE)", cn);
	r = fast(c, OPTEE_SMC_GET_OS_REVISION, 0);
	tap_ok(r.x[0] == FW_TEE_OS_REV_MAJOR && r.x[1] == FW_TEE_OS_REV_MINOR,
	       "%s GET_OS_REVISION: 0.1", cn);
}

static void probe_caps(enum guest_conduit c, const char *cn)
{
	struct smccc_res r = fast(c, OPTEE_SMC_EXCHANGE_CAPABILITIES, 0);

	tap_ok(r.x[0] == 0 && r.x[1] == TC_CAPS && r.x[2] == 0 && r.x[3] == 0 &&
		       kept_from(&r, 4),
	       "%s EXCHANGE_CAPABILITIES: OK, DYNAMIC_SHM | MEMREF_NULL only "
	       "(0x%llx), no notifications, no RPC_ARG",
	       cn, (unsigned long long)r.x[1]);
	r = fast(c, OPTEE_SMC_EXCHANGE_CAPABILITIES, OPTEE_NS_CAP_UNIPROCESSOR);
	tap_ok(r.x[0] == 0 && r.x[1] == TC_CAPS,
	       "%s EXCHANGE_CAPABILITIES(UNIPROCESSOR): OK", cn);
	r = fast(c, OPTEE_SMC_EXCHANGE_CAPABILITIES, 2);
	tap_ok(r.x[0] == OPTEE_SMC_RETURN_ENOTAVAIL,
	       "%s EXCHANGE_CAPABILITIES(unknown NS bit): ENOTAVAIL", cn);
	r = fast(c, OPTEE_SMC_DISABLE_SHM_CACHE, 0);
	tap_ok(r.x[0] == OPTEE_SMC_RETURN_ENOTAVAIL,
	       "%s DISABLE_SHM_CACHE: ENOTAVAIL (nothing cached: Linux's loop "
	       "ends)",
	       cn);
	r = fast(c, OPTEE_SMC_ENABLE_SHM_CACHE, 0);
	tap_ok(r.x[0] == 0, "%s ENABLE_SHM_CACHE: OK", cn);
	r = fast(c, OPTEE_SMC_GET_THREAD_COUNT, 0);
	tap_ok(r.x[0] == 0 && r.x[1] == tc.limit,
	       "%s GET_THREAD_COUNT: the domain's call limit %u (got %llu)", cn,
	       tc.limit, (unsigned long long)r.x[1]);
	r = fast(c, OPTEE_SMC_GET_SHM_CONFIG, 0);
	tap_ok(r.x[0] == OPTEE_SMC_RETURN_ENOTAVAIL,
	       "%s GET_SHM_CONFIG: ENOTAVAIL (no carve-out to learn)", cn);
}

/* Linux's probe, answered by the mediator alone. */
static void probe_on(enum guest_conduit c)
{
	const char *cn = conduit_name(c);
	uint64_t before = tc.sip ? fw_seen() : 0;

	probe_identity(c, cn);
	probe_caps(c, cn);
	if (tc.sip)
		tap_ok(fw_seen() == before,
		       "%s: none of the probe's calls reached the secure side",
		       cn);
}

/* Every OP-TEE function is -1 on a conduit no rule routes. */
static void denied_on(enum guest_conduit c)
{
	static const uint32_t fids[] = {
		OPTEE_SMC_CALLS_COUNT,	    OPTEE_SMC_CALLS_UID,
		OPTEE_SMC_CALLS_REVISION,   OPTEE_SMC_GET_OS_UUID,
		OPTEE_SMC_GET_OS_REVISION,  OPTEE_SMC_EXCHANGE_CAPABILITIES,
		OPTEE_SMC_GET_SHM_CONFIG,   OPTEE_SMC_DISABLE_SHM_CACHE,
		OPTEE_SMC_ENABLE_SHM_CACHE, OPTEE_SMC_GET_THREAD_COUNT,
		OPTEE_SMC_VM_CREATED,	    OPTEE_SMC_VM_DESTROYED,
		OPTEE_SMC_RETURN_FROM_RPC,  TC_LOAD_IMAGE,
	};
	struct tc_arg *a = my_arg(1);
	uint64_t before = tc.sip ? fw_seen() : 0;
	struct smccc_res r;
	unsigned bad = 0;

	for (unsigned i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		r = fast(c, fids[i], tc.id);

		bad += r.x[0] != MINUS1 || r.x[1] != tc.id || !kept_from(&r, 2);
	}
	arg_set(a, OPTEE_MSG_CMD_OPEN_SESSION, 0, 0, 0);
	r = fast2(c, OPTEE_SMC_CALL_WITH_ARG, ipa(a) >> 32, ipa(a));
	bad += r.x[0] != MINUS1 || a->ret != 0xdeadbeef || !kept_from(&r, 3);
	tap_ok(bad == 0,
	       "%s: every OP-TEE call, CALL_WITH_ARG included, is -1, "
	       "registers and argument untouched (%u bad)",
	       conduit_name(c), bad);
	if (tc.sip)
		tap_ok(fw_seen() == before,
		       "%s: none of them reached the secure side",
		       conduit_name(c));
}

void probe_checks(void)
{
	check_dt();
	CONDUITS(c)
	{
		if (routed(c))
			probe_on(c);
		else
			denied_on(c);
	}
}

/* A session on each routed conduit: values, then a call that sleeps in
 * RPCs; with both routed, the call on one and its RPCs on the other. */
static void session_on(enum guest_conduit c)
{
	const char *cn = conduit_name(c);
	enum guest_conduit other = c == GUEST_SMC ? GUEST_HVC : GUEST_SMC;
	uint64_t v[3] = {10, 20, 0};
	struct tc_arg *a = my_arg(1);
	unsigned good = 0;
	struct tc_call k;
	uint32_t s = 0;

	tap_ok(sess_open(c, uuid_test, &s) == 0 && s != 0,
	       "%s: open a session to the test TA (%u)", cn, s);
	for (unsigned i = 1; i <= 6; i++)
		good += ta_inc(tc.smc && tc.hvc && (i & 1) ? other : c, s, v) ==
				0 &&
			v[0] == 10 + i && v[1] == 20 + i && v[2] == i;
	tap_ok(good == 6, "%s: INC six times (a + 1, b + 1, session count)",
	       cn);
	call_init(&k, c);
	if (tc.smc && tc.hvc)
		k.rc = other;
	sleep_arg(a, s, 0);
	call_start(&k, a);
	tap_ok(call_finish(&k) == 0 && a->ret == 0 &&
		       a->p[0].a == k.rpc.t_sec && a->p[0].b == k.rpc.t_nsec &&
		       a->p[0].c == sleep_sum(0) && k.rpc.shm_ok == 1,
	       "%s: SLEEP: FOREIGN_INTR, ALLOC, GET_TIME, SHM_ALLOC, SHM_FREE, "
	       "FREE answered%s",
	       cn, k.rc != k.c ? " over the other conduit" : "");
	tap_ok(sess_close(c, s) == 0, "%s: close the session", cn);
}

void run_probe(void)
{
	probe_checks();
	CONDUITS(c)
	{
		if (routed(c))
			session_on(c);
	}
	check_model(true);
}

void run_denied(void)
{
	probe_checks();
	if (tc.sip)
		tap_ok(fw_seen() == 0,
		       "the firmware never saw a TEE call from client %u",
		       tc.id);
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	switch (arg) {
	case JOB_SMP:
		good_cpu(index);
		break;
	case JOB_REWRITE:
		rewrite_cpu(index);
		break;
	case JOB_RESUME:
		resume_cpu(index);
		break;
	case JOB_LIMITS:
		limits_cpu(index);
		break;
	default:
		break;
	}
}

void guest_main(void)
{
	conf_read();
	if (tc.sip)
		fw_base = fw_seen();
	if (has_word("mode=probe"))
		run_probe();
	else if (has_word("mode=denied"))
		run_denied();
	else if (has_word("mode=good"))
		run_good();
	else if (has_word("mode=hostile"))
		run_hostile();
	else if (has_word("mode=neighbour"))
		run_neighbour();
	else if (has_word("mode=limits"))
		run_limits();
	else if (has_word("mode=reset") || has_word("mode=off"))
		run_life(has_word("mode=reset"));
	else if (has_word("mode=cost"))
		run_cost();
	else if (has_word("mode=restarts"))
		run_restarts();
	else if (has_word("mode=witness"))
		run_witness();
	else
		tap_ok(false, "a mode in the bootargs");
	tap_plan(tap_total());
	printf_uart("tee-client: failures=%u\n", tap_failures());
}
