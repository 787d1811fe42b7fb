// SPDX-License-Identifier: MIT
/*
 * The FF-A mediator's memory sharing against a fake SPMC: what the SPMC
 * receives (sender, physical pages, merged ranges), a descriptor rewritten
 * during the call, refused descriptors that never reach it, limits,
 * reclaim of one's own handles only, a v1.0 descriptor, and teardown:
 * every share reclaimed, orphans retried at the next start and stop.
 */
#include "ffa_fixture.h"

/* The SPMC's copy of the last share. */
static const struct fake_share *last_share(void)
{
	const struct fake_share *s = NULL;

	for (unsigned i = 0; i < 8; i++)
		if (spmc.sh[i].used && (!s || spmc.sh[i].handle > s->handle))
			s = &spmc.sh[i];
	assert_non_null(s);
	return s;
}

static void share_translated(void **state)
{
	struct fx *x = *state;
	const uint64_t addr[2] = {DATA_IPA, DATA_IPA + 0x2000};
	const uint32_t pages[2] = {2, 1};
	const struct fake_share *s;
	struct call_frame f;
	uint32_t len;

	fx_ready(x->a);
	len = fx_desc(x->a, 5, SP1, 2, addr, pages);
	put64(gp(x->a, TX_IPA), FFA_MTD_OFF_TAG, 0x7a6);
	f = fx_share(x->a, len);
	assert_true(fx_ok(&f));
	s = last_share();
	assert_int_equal(fx_handle(&f), s->handle);
	assert_int_equal(f.x[3], s->handle >> 32);
	/* sender, tag, one EMAD, and 3 pages of the caller's RAM at their
	 * physical addresses, contiguous IPAs merged into one range */
	assert_int_equal(s->sender, 5);
	assert_int_equal(get64(s->desc, FFA_MTD_OFF_TAG), 0x7a6);
	assert_int_equal(get32(s->desc, FFA_MTD_OFF_EMAD_COUNT), 1);
	assert_int_equal(get32(s->desc, 52), 64);
	assert_int_equal(get32(s->desc, 64), 3);
	assert_int_equal(get32(s->desc, 68), 1);
	assert_int_equal(get64(s->desc, 80), (uintptr_t)gp(x->a, DATA_IPA));
	assert_int_equal(get32(s->desc, 88), 3);
	assert_int_equal(s->len, 96);
	/* a share with 0x8002 from b: b's own pages */
	fx_ready(x->b);
	f = fx_share(x->b, fx_desc(x->b, 6, SP2, 1, addr, pages));
	assert_true(fx_ok(&f));
	assert_int_equal(get64(last_share()->desc, 80),
			 (uintptr_t)gp(x->b, DATA_IPA));
}

static struct domain *racer;

/* Another vCPU rewrites the descriptor while the SPMC has the call. */
static void rewrite_tx(void)
{
	uint8_t *p = gp(racer, TX_IPA);

	put16(p, 0, 6);
	put64(p, 80, 0x80000000ull);
	put32(p, 88, 0x10000);
}

static void descriptor_rewritten_meanwhile(void **state)
{
	struct fx *x = *state;
	struct call_frame f;

	fx_ready(x->a);
	racer = x->a;
	spmc.during_share = rewrite_tx;
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA, 1));
	spmc.during_share = NULL;
	assert_true(fx_ok(&f));
	assert_int_equal(last_share()->sender, 5);
	assert_int_equal(get64(last_share()->desc, 80),
			 (uintptr_t)gp(x->a, DATA_IPA));
	assert_int_equal(get32(last_share()->desc, 88), 1);
}

/* Another vCPU of the same domain shares (or unmaps) at the same time. */
static void share_again(void)
{
	const uint64_t a[7] = {96, 96}, none[7] = {0};
	struct call_frame f =
		fx_callv(racer, 1, CONDUIT_HVC, FFA_MEM_SHARE_64, a);

	assert_true(fx_err(&f, FFA_RET_BUSY));
	f = fx_callv(racer, 1, CONDUIT_HVC, FFA_RXTX_UNMAP, none);
	assert_true(fx_err(&f, FFA_RET_BUSY));
}

static void concurrent_share_busy(void **state)
{
	struct fx *x = *state;
	struct call_frame f;

	fx_ready(x->a);
	racer = x->a;
	spmc.during_share = share_again;
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA, 1));
	spmc.during_share = NULL;
	assert_true(fx_ok(&f));
	assert_int_equal(spmc.shares, 1);
}

struct bad {
	uint32_t off, width;
	uint64_t v;
	int32_t want;
};

static void refused_descriptors(void **state)
{
	struct fx *x = *state;
	const int32_t inval = FFA_RET_INVALID_PARAMETERS;
	const struct bad bad[] = {
		{0, 2, 6, inval},
		{0, 2, 0, inval},
		{0, 2, SP1, inval},
		{2, 2, 0x10, inval},
		{2, 2, 0x6f, inval},
		{4, 4, 1, inval},
		{4, 4, 0x10, inval},
		{8, 8, 1, inval},
		{24, 4, 32, inval},
		{28, 4, 0, inval},
		{28, 4, 0xffffffffu, inval},
		{28, 4, 5, inval},
		{32, 4, 8, inval},
		{32, 4, 52, inval},
		{32, 4, 0xfffffff0u, inval},
		{44, 4, 1, inval},
		{48, 2, 6, inval},
		{48, 2, 0x8003, inval},
		{50, 1, 0, inval},
		{50, 1, 0xa, inval},
		{51, 1, 1, inval},
		{52, 4, 80, inval},
		{52, 4, 8, inval},
		{52, 4, 0xfffffff8u, inval},
		{64, 4, 2, inval},
		{68, 4, 0, inval},
		{68, 4, 2, inval},
		{68, 4, 0xffffffffu, inval},
		{72, 8, 1, inval},
		{80, 8, RAM_IPA - 0x1000, inval},
		{80, 8, RAM_IPA + RAM_SIZE, inval},
		{80, 8, DATA_IPA + 1, inval},
		{88, 4, 0, inval},
		{92, 4, 1, inval},
	};
	struct call_frame f;

	fx_ready(x->a);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t len = fx_desc1(x->a, DATA_IPA, 1);
		uint8_t *p = gp(x->a, TX_IPA);

		if (bad[i].width == 1)
			p[bad[i].off] = (uint8_t)bad[i].v;
		else if (bad[i].width == 2)
			put16(p, bad[i].off, (uint16_t)bad[i].v);
		else if (bad[i].width == 4)
			put32(p, bad[i].off, (uint32_t)bad[i].v);
		else
			put64(p, bad[i].off, bad[i].v);
		f = fx_share(x->a, len);
		if (!fx_err(&f, bad[i].want))
			fail_msg("case %zu (offset %u): x0 0x%llx x2 0x%llx", i,
				 bad[i].off, (unsigned long long)f.x[0],
				 (unsigned long long)f.x[2]);
	}
	assert_int_equal(spmc.shares, 0);
}

static void refused_shapes(void **state)
{
	struct fx *x = *state;
	const uint64_t same[2] = {DATA_IPA, DATA_IPA};
	const uint64_t lap[2] = {DATA_IPA, DATA_IPA + 0x1000};
	const uint64_t end[1] = {RAM_IPA + RAM_SIZE - 0x1000};
	const uint32_t one[2] = {1, 1}, two[2] = {2, 1};
	uint32_t len = fx_desc1(x->a, DATA_IPA, 1);
	struct call_frame f;

	fx_ready(x->a);
	f = fx_share(x->a, fx_desc(x->a, 5, SP1, 2, same, one));
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_share(x->a, fx_desc(x->a, 5, SP1, 2, lap, two));
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_share(x->a, fx_desc(x->a, 5, SP1, 1, end, two));
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	len = fx_desc1(x->a, DATA_IPA, 1);
	f = fx_call(x->a, FFA_MEM_SHARE_32, len, len - 16, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_call(x->a, FFA_MEM_SHARE_32, len, len, TX_IPA, 1, 0);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_share(x->a, 16);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_share(x->a, 4097);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	/* c cannot, b has no TX buffer */
	f = fx_share(x->c, len);
	assert_int_equal(f.x[0], ALL_ONES);
	fx_call(x->b, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	f = fx_share(x->b, len);
	assert_true(fx_err(&f, FFA_RET_DENIED));
	assert_int_equal(spmc.shares, 0);
}

static void limits(void **state)
{
	static const char dts[] = CONFIG_DTS(FFA_DOM(
		"a", "5", "0",
		FFA_RULE " tee-limits { shm-buffers = <2>; shm-pages = <5>; "
			 "buffer-pages = <3>; };"));
	struct fx *x = fx_boot_with(dts, true, NULL);
	struct call_frame f;
	uint64_t h;

	(void)state;
	fx_ready(x->a);
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA, 4));
	assert_true(fx_err(&f, FFA_RET_NO_MEMORY)); /* > 3 pages */
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA, 3));
	assert_true(fx_ok(&f));
	h = fx_handle(&f);
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA + 0x10000, 3));
	assert_true(fx_err(&f, FFA_RET_NO_MEMORY)); /* 6 pages > 5 */
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA + 0x10000, 2));
	assert_true(fx_ok(&f));
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA + 0x20000, 1));
	assert_true(fx_err(&f, FFA_RET_NO_MEMORY)); /* a third share */
	f = fx_reclaim(x->a, h);
	assert_true(fx_ok(&f));
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA + 0x20000, 1));
	assert_true(fx_ok(&f));
	/* an SPMC error gives the entry back */
	spmc.share_error = FFA_RET_ABORTED;
	fx_reclaim(x->a, fx_handle(&f));
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA + 0x20000, 1));
	assert_true(fx_err(&f, FFA_RET_ABORTED));
	spmc.share_error = 0;
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA + 0x20000, 1));
	assert_true(fx_ok(&f));
	fx_teardown((void **)&x);
}

static void reclaim_own_only(void **state)
{
	struct fx *x = *state;
	struct call_frame f;
	uint64_t ha, hb;
	unsigned reclaims;

	fx_ready(x->a);
	fx_ready(x->b);
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA, 1));
	ha = fx_handle(&f);
	f = fx_share(x->b, fx_desc(x->b, 6, SP2, 1, &(uint64_t){DATA_IPA},
				   &(uint32_t){1}));
	hb = fx_handle(&f);
	reclaims = spmc.reclaims;
	/* b's handle, guessed ones, flags: the SPMC never hears of them */
	f = fx_reclaim(x->a, hb);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_reclaim(x->a, ha + 100);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_call(x->a, FFA_MEM_RECLAIM, (uint32_t)ha, ha >> 32, 1, 0, 0);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	assert_int_equal(spmc.reclaims, reclaims);
	/* held by the SP: DENIED, still a's */
	spmc.sh[0].held = true;
	f = fx_reclaim(x->a, ha);
	assert_true(fx_err(&f, FFA_RET_DENIED));
	spmc.sh[0].held = false;
	f = fx_reclaim(x->a, ha);
	assert_true(fx_ok(&f));
	f = fx_reclaim(x->a, ha);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	f = fx_reclaim(x->b, hb);
	assert_true(fx_ok(&f));
}

static void teardown_reclaims_everything(void **state)
{
	struct fx *x = *state;
	struct call_frame f;
	uint64_t h2;

	fx_ready(x->a);
	fx_share(x->a, fx_desc1(x->a, DATA_IPA, 1));
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA + 0x1000, 1));
	h2 = fx_handle(&f);
	spmc.sh[1].held = true;
	spmc.sh[1].sender = 99; /* so the destroyed message does not free it */
	spmc.nvm = 0;
	tee_domain_stopped(x->a);
	/* destroyed message first, then the reclaims: one left held */
	assert_int_equal(spmc.nvm, 1);
	assert_int_equal(spmc.vm_log[0], -5);
	assert_false(spmc.sh[0].used);
	assert_true(spmc.sh[1].used);
	/* restarted: retried (still held), nothing of the old life visible */
	tee_domain_started(x->a);
	assert_true(spmc.sh[1].used);
	f = fx_call(x->a, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_true(fx_err(&f, FFA_RET_NOT_SUPPORTED));
	fx_call(x->a, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	f = fx_call(x->a, FFA_RXTX_MAP_64, TX_IPA, RX_IPA, 1, 0, 0);
	assert_true(fx_ok(&f));
	f = fx_reclaim(x->a, h2);
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
	/* let go: the next stop takes it back */
	spmc.sh[1].held = false;
	tee_domain_stopped(x->a);
	assert_false(spmc.sh[1].used);
}

static void orphans_count_against_limits(void **state)
{
	static const char dts[] = CONFIG_DTS(FFA_DOM(
		"a", "5", "0", FFA_RULE " tee-limits { shm-buffers = <1>; };"));
	struct fx *x = fx_boot_with(dts, true, NULL);
	struct call_frame f;

	(void)state;
	fx_ready(x->a);
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA, 1));
	assert_true(fx_ok(&f));
	spmc.sh[0].held = true;
	spmc.sh[0].sender = 99;
	tee_domain_stopped(x->a);
	tee_domain_started(x->a);
	fx_ready(x->a);
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA, 1));
	assert_true(fx_err(&f, FFA_RET_NO_MEMORY));
	spmc.sh[0].held = false;
	tee_domain_stopped(x->a);
	tee_domain_started(x->a);
	fx_ready(x->a);
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA, 1));
	assert_true(fx_ok(&f));
	fx_teardown((void **)&x);
}

static void descriptor_v1_0(void **state)
{
	struct fx *x = *state;
	uint8_t *p = gp(x->a, TX_IPA);
	struct call_frame f;

	fx_call(x->a, FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0, 0);
	fx_call(x->a, FFA_RXTX_MAP_64, TX_IPA, RX_IPA, 1, 0, 0);
	/* v1.0: 32-byte header, u8 attributes, EMADs at 32 */
	memset(p, 0, 4096);
	put16(p, 0, 5);
	p[2] = FFA_MEM_ATTR_NORMAL_WB_IS;
	put32(p, 28, 1);
	put16(p, 32, SP1);
	p[34] = FFA_PERM_RO;
	put32(p, 36, 48);
	put32(p, 48, 1);
	put32(p, 52, 1);
	put64(p, 64, DATA_IPA);
	put32(p, 72, 1);
	f = fx_share(x->a, 80);
	assert_true(fx_ok(&f));
	/* the SPMC gets v1.1 */
	assert_int_equal(get32(last_share()->desc, 24), 16);
	assert_int_equal(get32(last_share()->desc, 32), 48);
	assert_int_equal(last_share()->desc[50], FFA_PERM_RO);
	assert_int_equal(get64(last_share()->desc, 80),
			 (uintptr_t)gp(x->a, DATA_IPA));
	/* a v1.1 header from a v1.0 caller is not v1.0 */
	f = fx_share(x->a, fx_desc1(x->a, DATA_IPA, 1));
	assert_true(fx_err(&f, FFA_RET_INVALID_PARAMETERS));
}

#define FX_TEST(t) cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(share_translated),
		FX_TEST(descriptor_rewritten_meanwhile),
		FX_TEST(concurrent_share_busy),
		FX_TEST(refused_descriptors),
		FX_TEST(refused_shapes),
		cmocka_unit_test(limits),
		FX_TEST(reclaim_own_only),
		FX_TEST(teardown_reclaims_everything),
		cmocka_unit_test(orphans_count_against_limits),
		FX_TEST(descriptor_v1_0),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
