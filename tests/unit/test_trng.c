// SPDX-License-Identifier: MIT
/* TRNG 1.0: discovery, UUID, exact bit packing for every N, errors. */
#include <stdlib.h>

#include "arbiter/firmware_caps.h"

#include "unit.h"

#define NEG(v)	  ((uint64_t)(int64_t)(v))
#define T32(fn)	  SMCCC_FAST32(OEN_STD, fn)
#define RND32	  T32(TRNG_FN_RND)
#define RND64	  SMCCC_FAST64(OEN_STD, TRNG_FN_RND)
#define ONE_VM(r) CONFIG_DTS(VM_NODE("vm", "5", "0", r))

static struct harness_system *sys_with(bool fw_trng, const char *dts)
{
	struct harness_system *sys = calloc(1, sizeof(*sys));

	harness_reset();
	harness.fw.has_trng = fw_trng;
	firmware_probe();
	assert_int_equal(harness_system_from_dts(sys, dts), 0);
	return sys;
}

static struct call_frame call(struct domain *d, uint32_t fid, uint64_t x1,
			      unsigned nres)
{
	struct call_frame f = unit_frame(d, 0, CONDUIT_HVC, fid);
	struct call_frame before;

	f.x[1] = x1;
	before = f;
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	unit_assert_unchanged(&f, &before, nres);
	return f;
}

static void version_features(void **state)
{
	struct harness_system *sys = unit_system(
		ONE_VM("smccc { n { range = <0xc4000053 0xc4000053>; action = "
		       "\"deny\"; }; };"));
	struct domain *d = unit_dom(sys, "vm");
	struct call_frame f;

	(void)state;
	assert_int_equal(call(d, T32(TRNG_FN_VERSION), 0, 1).x[0], 0x10000u);
	for (uint32_t fn = TRNG_FN_VERSION; fn <= TRNG_FN_RND; fn++)
		assert_int_equal(
			call(d, T32(TRNG_FN_FEATURES), T32(fn), 1).x[0], 0);
	/* this domain denies RND64 */
	assert_int_equal(call(d, T32(TRNG_FN_FEATURES), RND64, 1).x[0],
			 ALL_ONES);
	assert_int_equal(call(d, RND64, 64, 1).x[0], ALL_ONES);
	assert_int_equal(call(d, T32(TRNG_FN_FEATURES), T32(0x54), 1).x[0],
			 ALL_ONES);
	assert_int_equal(call(d, T32(TRNG_FN_FEATURES), 0x84000000u, 1).x[0],
			 ALL_ONES);
	assert_int_equal(call(d, T32(TRNG_FN_FEATURES), 0xc4000050u, 1).x[0],
			 ALL_ONES);
	unit_free(sys);
	/* RND64 asked from AArch32 */
	sys = unit_system(ONE_VM(""));
	d = unit_dom(sys, "vm");
	assert_int_equal(call(d, T32(TRNG_FN_FEATURES), RND64, 1).x[0], 0);
	f = unit_frame(d, 0, CONDUIT_SMC, T32(TRNG_FN_FEATURES));
	f.state = EXEC_AARCH32;
	f.x[1] = RND64;
	router_dispatch(&f);
	assert_int_equal(f.x[0], ALL_ONES);
	f.x[0] = T32(TRNG_FN_FEATURES);
	f.x[1] = RND32;
	router_dispatch(&f);
	assert_int_equal(f.x[0], 0);
	unit_free(sys);
}

static void uuid(void **state)
{
	struct harness_system *sys = sys_with(true, ONE_VM(""));
	struct call_frame f =
		call(unit_dom(sys, "vm"), T32(TRNG_FN_GET_UUID), 0, 4);

	(void)state;
	/* the firmware's own source */
	assert_int_equal(f.x[0], 0x8e6b0a1cu);
	assert_int_equal(f.x[1], 0x22222222u);
	assert_int_equal(f.x[2], 0x33333333u);
	assert_int_equal(f.x[3], 0x44444444u);
	unit_free(sys);
	/* Arbiter's: be2a4b59-77dd-468e-aa54-91a038555cf4 */
	sys = sys_with(false, ONE_VM(""));
	f = call(unit_dom(sys, "vm"), T32(TRNG_FN_GET_UUID), 0, 4);
	assert_int_equal(f.x[0], 0x594b2abeu);
	assert_int_equal(f.x[1], 0x8e46dd77u);
	assert_int_equal(f.x[2], 0xa09154aau);
	assert_int_equal(f.x[3], 0xf45c5538u);
	unit_free(sys);
}

/* The harness's generator (tests/harness/plat_fake.c), to predict words. */
static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Bits [hi:lo] (width <= 64) of the 192-bit value w[0] (low) .. w[2],
 * keeping only its low n bits. */
static uint64_t bits(const uint64_t w[3], unsigned n, unsigned lo,
		     unsigned width)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < width; i++) {
		unsigned b = lo + i;

		if (b < n && (w[b / 64] >> (b % 64) & 1))
			v |= 1ull << i;
	}
	return v;
}

static void rnd_all_n(bool fw_trng)
{
	struct harness_system *sys = sys_with(fw_trng, ONE_VM(""));
	struct domain *d = unit_dom(sys, "vm");

	for (unsigned is64 = 0; is64 < 2; is64++) {
		unsigned max = is64 ? 192 : 96;

		for (unsigned n = 1; n <= max; n++) {
			uint64_t s = harness.entropy_state, w[3];
			uint64_t fw = harness.fw.calls;
			struct call_frame f;

			if (fw_trng) { /* firmware x1..x3 = high..low */
				w[2] = splitmix(&s);
				w[1] = splitmix(&s);
				w[0] = splitmix(&s);
			} else { /* platform: low word first */
				w[0] = splitmix(&s);
				w[1] = splitmix(&s);
				w[2] = splitmix(&s);
			}
			/* SMC32: junk above w1 is masked off */
			f = call(d, is64 ? RND64 : RND32,
				 is64 ? n : 0xabcdef0000000000ull | n, 4);
			assert_int_equal(f.x[0], 0);
			if (is64) {
				assert_int_equal(f.x[1], bits(w, n, 128, 64));
				assert_int_equal(f.x[2], bits(w, n, 64, 64));
				assert_int_equal(f.x[3], bits(w, n, 0, 64));
			} else {
				assert_int_equal(f.x[1], bits(w, n, 64, 32));
				assert_int_equal(f.x[2], bits(w, n, 32, 32));
				assert_int_equal(f.x[3], bits(w, n, 0, 32));
			}
			if (fw_trng) {
				assert_int_equal(harness.fw.calls, fw + 1);
				assert_int_equal(harness.fw.last_in.x[0],
						 RND64);
				assert_int_equal(harness.fw.last_in.x[1], n);
			} else {
				assert_int_equal(harness.fw.calls, fw);
			}
		}
	}
	unit_free(sys);
}

static void rnd_every_n_firmware(void **state)
{
	(void)state;
	rnd_all_n(true);
}

static void rnd_every_n_platform(void **state)
{
	(void)state;
	rnd_all_n(false);
}

static void rnd_bad_n(void **state)
{
	struct harness_system *sys = unit_system(ONE_VM(""));
	struct domain *d = unit_dom(sys, "vm");
	uint64_t fw = harness.fw.calls;

	(void)state;
	assert_int_equal(call(d, RND32, 0, 1).x[0],
			 NEG(TRNG_INVALID_PARAMETERS));
	assert_int_equal(call(d, RND32, 97, 1).x[0],
			 NEG(TRNG_INVALID_PARAMETERS));
	assert_int_equal(call(d, RND32, 0xffffffffu, 1).x[0],
			 NEG(TRNG_INVALID_PARAMETERS));
	assert_int_equal(call(d, RND32, 0x100000000ull, 1).x[0],
			 NEG(TRNG_INVALID_PARAMETERS));
	assert_int_equal(call(d, RND64, 0, 1).x[0],
			 NEG(TRNG_INVALID_PARAMETERS));
	assert_int_equal(call(d, RND64, 193, 1).x[0],
			 NEG(TRNG_INVALID_PARAMETERS));
	assert_int_equal(call(d, RND64, 0x1000000000000040ull, 1).x[0],
			 NEG(TRNG_INVALID_PARAMETERS));
	assert_int_equal(harness.fw.calls, fw);
	unit_free(sys);
}

static void no_entropy(void **state)
{
	struct harness_system *sys = sys_with(true, ONE_VM(""));
	struct domain *d = unit_dom(sys, "vm");
	struct call_frame f;

	(void)state;
	harness.fw.trng_fails = true;
	f = call(d, RND64, 100, 4);
	assert_int_equal(f.x[0], NEG(TRNG_NO_ENTROPY));
	assert_int_equal(f.x[1], 0);
	assert_int_equal(f.x[2], 0);
	assert_int_equal(f.x[3], 0);
	f = call(d, RND32, 32, 4);
	assert_int_equal(f.x[0], NEG(TRNG_NO_ENTROPY));
	assert_int_equal(f.x[3], 0);
	unit_free(sys);
	sys = sys_with(false, ONE_VM(""));
	d = unit_dom(sys, "vm");
	harness.entropy_fails = true;
	f = call(d, RND32, 96, 4);
	assert_int_equal(f.x[0], NEG(TRNG_NO_ENTROPY));
	assert_int_equal(f.x[1], 0);
	assert_int_equal(f.x[2], 0);
	assert_int_equal(f.x[3], 0);
	harness.entropy_fails = false;
	assert_int_equal(call(d, RND32, 96, 4).x[0], 0);
	unit_free(sys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(version_features),
		cmocka_unit_test(uuid),
		cmocka_unit_test(rnd_every_n_firmware),
		cmocka_unit_test(rnd_every_n_platform),
		cmocka_unit_test(rnd_bad_n),
		cmocka_unit_test(no_entropy),
	};

	return cmocka_run_group_tests_name("trng", tests, NULL, NULL);
}
