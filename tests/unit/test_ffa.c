// SPDX-License-Identifier: MIT
/*
 * The FF-A mediator against a fake SPMC: boot probe, version negotiation,
 * FEATURES from the dispatch table and the caller's policy, unknown calls,
 * RX/TX buffers and their ownership, PARTITION_INFO_GET through the
 * hypervisor's RX, direct requests (sender forced, receivers checked),
 * VM availability messages and a refused domain.
 */
#include "ffa_fixture.h"

static void probe_and_vm_created(void **state)
{
	struct fx *x = *state;

	(void)x;
	assert_true(tee_present(TEE_FFA));
	/* our RX/TX were mapped (page-aligned), our RX given back */
	assert_non_null(spmc.tx);
	assert_int_equal((uintptr_t)spmc.tx & 4095, 0);
	assert_int_equal((uintptr_t)spmc.rx & 4095, 0);
	assert_false(spmc.rx_full);
	/* 0x8001 asked for VM messages: a and b announced, c not */
	assert_int_equal(spmc.nvm, 2);
	assert_int_equal(spmc.vm_log[0], 5);
	assert_int_equal(spmc.vm_log[1], 6);
	assert_int_equal(spmc.last_dr.x[1], SP1);
	assert_int_equal(spmc.last_dr.x[2], 0x80000004u);
}

static void spmc_too_old(void)
{
	spmc.version = FFA_VERSION_1_0;
}

static void spmc_wrong_id(void)
{
	spmc.hyp_id = 3;
}

static void no_spmc(void **state)
{
	void (*tunes[2])(void) = {spmc_too_old, spmc_wrong_id};

	(void)state;
	for (unsigned k = 0; k < 3; k++) {
		struct fx *x =
			fx_boot_with(fx_dts, k != 2, k < 2 ? tunes[k] : NULL);
		unsigned calls = spmc.calls;
		struct call_frame f;

		assert_false(tee_present(TEE_FFA));
		f = fx_call(x->a, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
		assert_int_equal(f.x[0], FFA_VERSION_NOT_SUPPORTED);
		f = fx_call(x->a, FFA_ID_GET, 0, 0, 0, 0, 0);
		assert_true(fx_err(&f, FFA_RET_NOT_SUPPORTED));
		assert_int_equal(spmc.calls, calls);
		tee_domain_stopped(x->a);
		assert_int_equal(spmc.calls, calls);
		fx_teardown((void **)&x);
	}
}

static void version_negotiation(void **state)
{
	struct fx *x = *state;
	struct call_frame f;

	f = fx_call(x->a, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_NOT_SUPPORTED));
	f = fx_call(x->a, FFA_VERSION, 0x80010001u, 0, 0, 0, 0);
	assert_int_equal(f.x[0], FFA_VERSION_NOT_SUPPORTED);
	assert_int_equal(f.x[1], 0x80010001u); /* only w0 written */
	f = fx_call(x->a, FFA_VERSION, 0x20000, 0, 0, 0, 0);
	assert_int_equal(f.x[0], FFA_VERSION_1_1);
	f = fx_call(x->a, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_NOT_SUPPORTED));
	/* 1.2 is answered 1.1; from then on the calls work */
	f = fx_call(x->a, FFA_VERSION, 0x10002, 0, 0, 0, 0);
	assert_int_equal(f.x[0], FFA_VERSION_1_1);
	f = fx_call(x->a, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_true(fx_ok(&f));
	assert_int_equal(f.x[2], 5);
	for (unsigned i = 3; i < 8; i++)
		assert_int_equal(f.x[i], 0);
	assert_int_equal(f.x[8], unit_pattern(8));
	/* b has negotiated nothing: its state is its own */
	f = fx_call(x->b, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_NOT_SUPPORTED));
	f = fx_call(x->a, FFA_SPM_ID_GET, 0, 0, 0, 0, 0);
	assert_true(fx_ok(&f));
	assert_int_equal(f.x[2], 0x8000);
}

static void version_fixed_by_first_call(void **state)
{
	struct fx *x = *state;
	struct call_frame f;

	/* 1.0 then a call: 1.0 layouts (8-byte partition descriptors) */
	fx_call(x->a, FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0, 0);
	f = fx_call(x->a, FFA_RXTX_MAP_64, TX_IPA, RX_IPA, 1, 0, 0);
	assert_true(fx_ok(&f));
	f = fx_call(x->a, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	assert_int_equal(f.x[0], FFA_VERSION_1_1);
	f = fx_call(x->a, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	assert_true(fx_ok(&f));
	assert_int_equal(f.x[2], 2);
	assert_int_equal(f.x[3], FFA_PART_DESC_SIZE_1_0);
	assert_int_equal(get32(gp(x->a, RX_IPA), 8), SP2 | 1u << 16);
	/* 1.0 has no count-only flag */
	fx_call(x->a, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	f = fx_call(x->a, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 1);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
}

static void features_from_table_and_policy(void **state)
{
	static const uint32_t yes[] = {FFA_VERSION,
				       FFA_FEATURES,
				       FFA_ID_GET,
				       FFA_SPM_ID_GET,
				       FFA_RXTX_MAP_32,
				       FFA_RXTX_MAP_64,
				       FFA_RXTX_UNMAP,
				       FFA_RX_RELEASE,
				       FFA_PARTITION_INFO_GET,
				       FFA_MEM_SHARE_32,
				       FFA_MEM_SHARE_64,
				       FFA_MEM_RECLAIM,
				       FFA_MSG_SEND_DIRECT_REQ_32,
				       FFA_MSG_SEND_DIRECT_REQ_64};
	static const uint32_t no[] = {FFA_MEM_LEND_32,
				      FFA_MSG_SEND_DIRECT_RESP_32,
				      FFA_RUN,
				      FFA_ERROR,
				      1,
				      0x84000000u,
				      FFA_MSG_SEND2};
	struct fx *x = *state;
	struct call_frame f;

	fx_call(x->a, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		f = fx_call(x->a, FFA_FEATURES, yes[i], 0, 0, 0, 0);
		assert_true(fx_ok(&f));
		assert_int_equal(f.x[2], 0);
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		f = fx_call(x->a, FFA_FEATURES, no[i], 0, 0, 0, 0);
		assert_true(fx_err(&f, FFA_RET_NOT_SUPPORTED));
	}
}

static void features_follow_policy(void **state)
{
	static const char dts[] = CONFIG_DTS(FFA_DOM(
		"a", "5", "0",
		"smccc { f { match = \"ffa\"; conduit = \"hvc\"; action = "
		"\"tee\"; tee = \"ffa\"; }; n { range = <0xc4000073 "
		"0xc4000073>; action = \"deny\"; }; };"));
	struct fx *x = fx_boot_with(dts, true, NULL);
	const uint64_t a[7] = {FFA_VERSION_1_1};
	const uint64_t q32[7] = {FFA_MEM_SHARE_32};
	const uint64_t q64[7] = {FFA_MEM_SHARE_64};
	struct call_frame f;

	(void)state;
	/* SMC is not routed here: denied by the router, -1 */
	f = fx_callv(x->a, 0, CONDUIT_SMC, FFA_VERSION, a);
	assert_int_equal(f.x[0], ALL_ONES);
	f = fx_callv(x->a, 0, CONDUIT_HVC, FFA_VERSION, a);
	assert_int_equal(f.x[0], FFA_VERSION_1_1);
	f = fx_callv(x->a, 0, CONDUIT_HVC, FFA_FEATURES, q32);
	assert_true(fx_ok(&f));
	/* MEM_SHARE_64 denied by a narrower rule: not advertised */
	f = fx_callv(x->a, 0, CONDUIT_HVC, FFA_FEATURES, q64);
	assert_true(fx_err(&f, FFA_RET_NOT_SUPPORTED));
	fx_teardown((void **)&x);
}

static void spmc_without_share(void)
{
	spmc.no_share = true;
}

static void features_follow_spmc(void **state)
{
	struct fx *x = fx_boot_with(fx_dts, true, spmc_without_share);
	unsigned calls;
	struct call_frame f;

	(void)state;
	fx_ready(x->a);
	calls = spmc.calls;
	f = fx_call(x->a, FFA_FEATURES, FFA_MEM_SHARE_32, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_NOT_SUPPORTED));
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA, 1));
	assert_true(fx_err(&f, FFA_RET_NOT_SUPPORTED));
	assert_int_equal(spmc.calls, calls);
	fx_teardown((void **)&x);
}

static void unmediated_calls(void **state)
{
	static const uint32_t ids[] = {FFA_MEM_LEND_32,
				       FFA_MEM_DONATE_32,
				       FFA_MEM_RETRIEVE_REQ_32,
				       FFA_MEM_RELINQUISH,
				       FFA_MEM_FRAG_TX,
				       FFA_RUN,
				       FFA_MSG_WAIT,
				       FFA_MSG_SEND2,
				       FFA_MSG_SEND_DIRECT_RESP_32,
				       FFA_MSG_SEND_DIRECT_RESP_64,
				       FFA_NOTIFICATION_BITMAP_CREATE,
				       FFA_SUCCESS,
				       FFA_ERROR,
				       0x840000efu,
				       0xc40000eeu};
	struct fx *x = *state;
	unsigned calls = spmc.calls;

	fx_call(x->a, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct call_frame f = fx_call(x->a, ids[i], 1, 2, 3, 4, 5);

		assert_true(fx_err(&f, FFA_RET_NOT_SUPPORTED));
		assert_int_equal(f.x[8], unit_pattern(8));
	}
	assert_int_equal(spmc.calls, calls);
	/* c has no FF-A rule: the router denies, -1 */
	struct call_frame f =
		fx_call(x->c, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);

	assert_int_equal(f.x[0], ALL_ONES);
}

static void rxtx_map_checks(void **state)
{
	struct fx *x = *state;
	const uint64_t end = RAM_IPA + RAM_SIZE;
	const uint64_t bad[][3] = {
		{0x80000000ull, RX_IPA, 1}, {TX_IPA, RAM_IPA - 0x1000, 1},
		{end - 0x1000, RX_IPA, 2},  {TX_IPA, end, 1},
		{TX_IPA + 8, RX_IPA, 1},    {TX_IPA, RX_IPA + 0x800, 1},
		{TX_IPA, RX_IPA, 0},	    {TX_IPA, RX_IPA, 5},
		{TX_IPA, TX_IPA, 1},	    {TX_IPA, TX_IPA + 0x1000, 2},
		{~0ull - 0xfff, RX_IPA, 2}, {TX_IPA, RX_IPA, 0x41},
	};
	struct call_frame f;

	fx_call(x->a, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		f = fx_call(x->a, FFA_RXTX_MAP_64, bad[i][0], bad[i][1],
			    bad[i][2], 0, 0);
		assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	}
	/* SMC32: the upper halves are not the call's */
	f = fx_call(x->a, FFA_RXTX_MAP_32, 0xffffffff00000000ull | TX_IPA,
		    RX_IPA, 1, 0, 0);
	assert_true(fx_ok(&f));
	f = fx_call(x->a, FFA_RXTX_MAP_64, TX_IPA, RX_IPA, 1, 0, 0);
	assert_true(fx_err(&f, FFA_RET_DENIED));
	f = fx_call(x->a, FFA_RXTX_UNMAP, 6u << 16, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_call(x->a, FFA_RXTX_UNMAP, 5u << 16, 0, 0, 0, 0);
	assert_true(fx_ok(&f));
	f = fx_call(x->a, FFA_RXTX_UNMAP, 0, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_call(x->a, FFA_RXTX_MAP_64, TX_IPA, RX_IPA, 4, 0, 0);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS)); /* overlap */
	f = fx_call(x->a, FFA_RXTX_MAP_64, TX_IPA, RX_IPA + 0x4000, 4, 0, 0);
	assert_true(fx_ok(&f));
}

static void partition_info_through_our_rx(void **state)
{
	struct fx *x = *state;
	uint8_t *rx = gp(x->a, RX_IPA);
	struct call_frame f;

	fx_ready(x->a);
	f = fx_call(x->a, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 1);
	assert_true(fx_ok(&f));
	assert_int_equal(f.x[2], 2);
	assert_int_equal(f.x[3], 0);
	memset(rx, 0xee, 4096);
	f = fx_call(x->a, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	assert_true(fx_ok(&f));
	assert_int_equal(f.x[2], 2);
	assert_int_equal(f.x[3], 24);
	assert_int_equal(get32(rx, 0), SP1 | 1u << 16);
	assert_int_equal(get32(rx, 4), 0x1c1);
	assert_int_equal(get32(rx, 8), 0x11);
	assert_int_equal(get32(rx, 24), SP2 | 1u << 16);
	assert_int_equal(rx[48], 0xee); /* nothing past the descriptors */
	assert_false(spmc.rx_full);	/* our RX went back at once */
	/* the guest's RX is the guest's until it releases it */
	f = fx_call(x->a, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_BUSY));
	/* RX_RELEASE names an endpoint in w1[15:0]: only 0 or itself */
	f = fx_call(x->a, FFA_RX_RELEASE, 6, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_call(x->a, FFA_RX_RELEASE, 5u << 16, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_call(x->a, FFA_RX_RELEASE, 5, 0, 0, 0, 0);
	assert_true(fx_ok(&f));
	f = fx_call(x->a, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_DENIED));
	/* by UUID; an unknown one is the SPMC's error, RX stays free */
	f = fx_call(x->a, FFA_PARTITION_INFO_GET, 0x21, 0x22, 0x23, 0x24, 0);
	assert_true(fx_ok(&f));
	assert_int_equal(f.x[2], 1);
	fx_call(x->a, FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	f = fx_call(x->a, FFA_PARTITION_INFO_GET, 9, 9, 9, 9, 0);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_call(x->a, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	assert_true(fx_ok(&f));
	f = fx_call(x->a, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 2);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	/* no buffers: DENIED; b never mapped any */
	f = fx_call(x->b, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	f = fx_call(x->b, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_DENIED));
}

static void spmc_bad_size(void)
{
	spmc.desc_size = 8;
}

static void partition_info_odd_spmc(void **state)
{
	struct fx *x = fx_boot_with(fx_dts, true, NULL);
	struct call_frame f;

	(void)state;
	fx_ready(x->a);
	spmc_bad_size();
	f = fx_call(x->a, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_ABORTED));
	assert_false(spmc.rx_full);
	spmc.desc_size = 24;
	f = fx_call(x->a, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	assert_true(fx_ok(&f));
	fx_teardown((void **)&x);
}

static void direct_requests(void **state)
{
	struct fx *x = *state;
	uint64_t a[7] = {5u << 16 | SP1, 0, 0x10, 0x11, 0x12, 0x13, 0x14};
	struct call_frame f;

	fx_call(x->a, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	f = fx_callv(x->a, 1, CONDUIT_HVC, FFA_MSG_SEND_DIRECT_REQ_32, a);
	assert_int_equal(f.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(f.x[1], (uint32_t)SP1 << 16 | 5);
	assert_int_equal(f.x[3], 0x11);
	assert_int_equal(f.x[7], 0x15);
	assert_int_equal(f.x[8], unit_pattern(8));
	for (unsigned i = 8; i < CALL_NREGS; i++)
		assert_int_equal(spmc.last_dr.x[i], 0);
	/* 32 bits: what reaches the SP and what comes back */
	a[3] = 0xabcd000000000001ull;
	f = fx_callv(x->a, 0, CONDUIT_SMC, FFA_MSG_SEND_DIRECT_REQ_32, a);
	assert_int_equal(spmc.last_dr.x[4], 1);
	assert_int_equal(f.x[4], 2);
	f = fx_callv(x->a, 0, CONDUIT_SMC, FFA_MSG_SEND_DIRECT_REQ_64, a);
	assert_int_equal(f.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	assert_int_equal(f.x[4], 0xabcd000000000002ull);
}

static void direct_requests_refused(void **state)
{
	struct fx *x = *state;
	const uint32_t w1s[] = {
		6u << 16 | SP1,	  0u << 16 | SP1, (uint32_t)SP2 << 16 | SP1,
		5u << 16 | 6,	  5u << 16 | 0,	  5u << 16 | 0x8003,
		5u << 16 | 0x8000};
	unsigned direct;
	struct call_frame f;

	fx_call(x->a, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	direct = spmc.direct;
	for (size_t i = 0; i < sizeof(w1s) / sizeof(w1s[0]); i++) {
		f = fx_call(x->a, FFA_MSG_SEND_DIRECT_REQ_32, w1s[i], 0, 1, 0,
			    0);
		assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	}
	/* framework messages are the hypervisor's */
	f = fx_call(x->a, FFA_MSG_SEND_DIRECT_REQ_32, 5u << 16 | SP1,
		    0x80000006u, 0, 0, 6);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	assert_int_equal(spmc.direct, direct);
	/* a response not from the SP to the caller */
	spmc.wrong_resp = true;
	f = fx_call(x->a, FFA_MSG_SEND_DIRECT_REQ_32, 5u << 16 | SP2, 0, 1, 0,
		    0);
	assert_true(fx_err(&f, FFA_RET_ABORTED));
}

static void vm_messages_and_refusal(void **state)
{
	static const char dts[] = CONFIG_DTS(FFA_DOM(
		"a", "5", "0", FFA_RULE) FFA_DOM("b", "28673", "1", FFA_RULE));
	struct fx *x = fx_boot_with(dts, true, NULL);
	struct call_frame f;

	(void)state;
	/* b (0x7001) is refused by 0x8001 in this test */
	spmc.refuse_vm = 0x7001;
	tee_domain_stopped(x->b);
	tee_domain_started(x->b);
	f = fx_call(x->b, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	assert_int_equal(f.x[0], FFA_VERSION_NOT_SUPPORTED);
	f = fx_call(x->b, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_NOT_SUPPORTED));
	/* stopping a: destroyed message; restarting: created again */
	spmc.nvm = 0;
	tee_domain_stopped(x->a);
	tee_domain_started(x->a);
	assert_int_equal(spmc.nvm, 2);
	assert_int_equal(spmc.vm_log[0], -5);
	assert_int_equal(spmc.vm_log[1], 5);
	f = fx_call(x->a, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	assert_int_equal(f.x[0], FFA_VERSION_1_1);
	fx_teardown((void **)&x);
}

static void endpoint_id_rule(void **state)
{
	struct harness_system *sys;
	static const char dts[] =
		CONFIG_DTS(FFA_DOM("a", "32769", "0", FFA_RULE));
	static const char fwd[] = CONFIG_DTS(FFA_DOM(
		"a", "5", "0",
		"smccc { f { match = \"ffa\"; action = \"forward\"; }; };"));

	(void)state;
	assert_int_equal(unit_system_errors(dts, &sys), 1);
	assert_non_null(strstr(sys->errors, "FF-A needs an id below 0x8000"));
	unit_free(sys);
	assert_true(unit_system_errors(fwd, &sys) >= 1);
	assert_non_null(strstr(sys->errors, "FF-A cannot be forwarded"));
	unit_free(sys);
}

static void other_calls_sent_here(void **state)
{
	static const char dts[] = CONFIG_DTS(FFA_DOM(
		"a", "5", "0",
		"smccc { f { match = \"ffa\"; action = \"tee\"; tee = \"ffa\"; "
		"}; o { match = \"optee\"; action = \"tee\"; tee = \"ffa\"; "
		"}; };"));
	struct fx *x = fx_boot_with(dts, true, NULL);
	unsigned calls = spmc.calls;
	struct call_frame f;

	(void)state;
	/* A rule may route anything to the FF-A mediator: what is not an
	 * FF-A ID is unknown there (-1), nothing reaches the SPMC. */
	f = fx_call(x->a, 0xbf00ff01u, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[0], ALL_ONES);
	assert_int_equal(f.x[1], 0);
	f = fx_call(x->a, 0x32000004u, 0, 0, 0, 0, 0);
	assert_int_equal(f.x[0], ALL_ONES);
	assert_int_equal(spmc.calls, calls);
	fx_teardown((void **)&x);
}

#define FX_TEST(t) cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(probe_and_vm_created),
		cmocka_unit_test(no_spmc),
		FX_TEST(version_negotiation),
		FX_TEST(version_fixed_by_first_call),
		FX_TEST(features_from_table_and_policy),
		cmocka_unit_test(features_follow_policy),
		cmocka_unit_test(features_follow_spmc),
		FX_TEST(unmediated_calls),
		FX_TEST(rxtx_map_checks),
		FX_TEST(partition_info_through_our_rx),
		cmocka_unit_test(partition_info_odd_spmc),
		FX_TEST(direct_requests),
		FX_TEST(direct_requests_refused),
		cmocka_unit_test(vm_messages_and_refusal),
		cmocka_unit_test(endpoint_id_rule),
		cmocka_unit_test(other_calls_sent_here),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
