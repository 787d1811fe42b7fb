// SPDX-License-Identifier: MIT
/*
 * The services the hypervisor answers itself: Arm architecture calls, its
 * own identity queries and TRNG. Capability answers must agree with what
 * the calls then do.
 */
#include "conformance.h"

#define TRNG32(n) SMCCC_FAST32(OEN_STD, n)
#define TRNG64(n) SMCCC_FAST64(OEN_STD, n)

static const uint32_t arbiter_uid[4] = {0x79d0f577, 0x624d6104, 0x99673e86,
					0x287548db};
/* TRNG source UUIDs: Arbiter's EL3 firmware, and the hypervisor's own. */
static const uint32_t fw_trng_uuid[4] = {0x8e6b0a1c, 0x3e4c2f5d, 0x2e7b619a,
					 0x350c8d4f};
static const uint32_t hyp_trng_uuid[4] = {0x594b2abe, 0x8e46dd77, 0xa09154aa,
					  0xf45c5538};
/* ARCH_FEATURES(WORKAROUND_1..4) as each firmware makes them. */
static const int64_t wa_expected[3][4] = {
	[FW_QEMU] = {-1, -1, -1, -1},
	[FW_ARBITER] = {1, 1, 1, -1},
};
#define SOC_ID_ARBITER_FW 0x7e410001u

static void check_arch(enum guest_conduit c)
{
	static const uint32_t wa[] = {
		ARM_SMCCC_ARCH_WORKAROUND_1, ARM_SMCCC_ARCH_WORKAROUND_2,
		ARM_SMCCC_ARCH_WORKAROUND_3, ARM_SMCCC_ARCH_WORKAROUND_4};
	const char *cn = conduit_name(c);
	int64_t soc;

	tap_ok(smccc(c, ARM_SMCCC_VERSION, 0, 0, 0) == SMCCC_VERSION_1_3,
	       "%s SMCCC_VERSION is 1.3", cn);
	tap_ok(smccc(c, ARM_SMCCC_ARCH_FEATURES, ARM_SMCCC_VERSION, 0, 0) ==
			       0 &&
		       smccc(c, ARM_SMCCC_ARCH_FEATURES,
			     ARM_SMCCC_ARCH_FEATURES, 0, 0) == 0,
	       "%s ARCH_FEATURES: VERSION and ARCH_FEATURES present", cn);
	tap_ok(smccc(c, ARM_SMCCC_ARCH_FEATURES, 0x80000003u, 0, 0) == MINUS1,
	       "%s ARCH_FEATURES of an unimplemented ID is -1", cn);
	tap_ok((smccc(c, ARM_SMCCC_ARCH_FEATURES, TRNG32(TRNG_FN_VERSION), 0,
		      0) == MINUS1) == profile.deny_trng,
	       "%s ARCH_FEATURES(TRNG_VERSION) follows this domain's policy",
	       cn);
	for (unsigned i = 0; i < 4; i++) {
		int64_t f =
			(int64_t)smccc(c, ARM_SMCCC_ARCH_FEATURES, wa[i], 0, 0);
		int64_t r = (int64_t)smccc(c, wa[i], 1, 0, 0);

		tap_ok(f >= -2 && f <= 1 && (f == -1 ? r == -1 : r == 0) &&
			       (profile.fw == FW_ANY ||
				f == wa_expected[profile.fw][i]),
		       "%s WORKAROUND_%u: features %lld, call %lld agree", cn,
		       i + 1, (long long)f, (long long)r);
	}
	soc = (int64_t)smccc(c, ARM_SMCCC_ARCH_SOC_ID, 0, 0, 0);
	if (profile.fw == FW_ARBITER)
		tap_ok(soc == SOC_ID_ARBITER_FW &&
			       smccc(c, ARM_SMCCC_ARCH_SOC_ID, 1, 0, 0) == 1,
		       "%s SOC_ID is the firmware's (0x%llx, revision 1)", cn,
		       (unsigned long long)soc);
	else if (profile.fw == FW_QEMU)
		tap_ok(soc == -1, "%s SOC_ID absent without EL3 firmware", cn);
	tap_ok((smccc(c, ARM_SMCCC_ARCH_FEATURES, ARM_SMCCC_ARCH_SOC_ID, 0,
		      0) == MINUS1) == (soc == -1),
	       "%s SOC_ID (%lld) agrees with ARCH_FEATURES", cn,
	       (long long)soc);
	tap_ok(soc == -1 || (int64_t)smccc(c, ARM_SMCCC_ARCH_SOC_ID, 7, 0, 0) ==
				    SMCCC_INVALID_PARAMETER,
	       "%s SOC_ID of an unknown type is -3 (or SOC_ID absent)", cn);
}

static void check_identity(enum guest_conduit c, uint32_t oen)
{
	struct smccc_res r = {{SMCCC_FAST32(oen, SMCCC_FN_CALL_UID)}};
	const char *cn = conduit_name(c);
	bool same = true;

	smccc_call(c, &r);
	for (unsigned i = 0; i < 4; i++)
		same = same && r.x[i] == arbiter_uid[i];
	tap_ok(same, "%s OEN %u Call UID is Arbiter's", cn, oen);
	r = (struct smccc_res){{SMCCC_FAST32(oen, SMCCC_FN_REVISION)}};
	smccc_call(c, &r);
	tap_ok(r.x[0] == 1 && r.x[1] == 0, "%s OEN %u Revision 1.0", cn, oen);
	/* OEN 6 holds the monitor agent's four calls; OEN 5 only queries. */
	tap_ok(smccc(c, SMCCC_FAST32(oen, SMCCC_FN_CALL_COUNT), 0, 0, 0) ==
		       (oen == OEN_VENDOR_HYP ? 4u : 0u),
	       "%s OEN %u Call Count", cn, oen);
}

/* The standard range's Call Count must equal what FEATURES advertises. */
static void check_std_count(enum guest_conduit c)
{
	uint64_t count =
		smccc(c, SMCCC_FAST32(OEN_STD, SMCCC_FN_CALL_COUNT), 0, 0, 0);
	unsigned n = 0;

	for (unsigned fn = 0; fn <= PSCI_FN_LAST; fn++) {
		n += smccc(c, PSCI_0_2_FN(PSCI_FN_FEATURES), PSCI_0_2_FN(fn), 0,
			   0) != MINUS1;
		n += smccc(c, PSCI_0_2_FN(PSCI_FN_FEATURES), PSCI_0_2_FN64(fn),
			   0, 0) != MINUS1;
	}
	for (unsigned fn = TRNG_FN_VERSION; fn <= TRNG_FN_RND; fn++) {
		n += smccc(c, TRNG32(TRNG_FN_FEATURES), TRNG32(fn), 0, 0) == 0;
		n += fn == TRNG_FN_RND &&
		     smccc(c, TRNG32(TRNG_FN_FEATURES), TRNG64(fn), 0, 0) == 0;
	}
	tap_ok(count == n && count == (profile.deny_trng ? 23u : 28u),
	       "%s standard range Call Count %llu = %u advertised",
	       conduit_name(c), (unsigned long long)count, n);
}

static bool bits_above_zero(const struct smccc_res *r, unsigned n, bool is64)
{
	unsigned width = is64 ? 64 : 32;

	for (unsigned reg = 1; reg <= 3; reg++) {
		unsigned lo = (3 - reg) * width;
		uint64_t v = r->x[reg];

		if (!is64 && (v >> 32))
			return false;
		if (n <= lo && v)
			return false;
		if (n > lo && n - lo < width && (v >> (n - lo)))
			return false;
	}
	return true;
}

static void check_trng_rnd(enum guest_conduit c)
{
	static const unsigned n32[] = {1, 31, 32, 33, 64, 65, 95, 96};
	static const unsigned n64[] = {1, 63, 64, 65, 128, 129, 191, 192};
	const char *cn = conduit_name(c);
	struct smccc_res a, b;
	bool ok = true;

	for (unsigned i = 0; i < 8; i++) {
		a = (struct smccc_res){{TRNG32(TRNG_FN_RND), n32[i]}};
		smccc_call(c, &a);
		ok = ok && a.x[0] == 0 && bits_above_zero(&a, n32[i], false);
		a = (struct smccc_res){{TRNG64(TRNG_FN_RND), n64[i]}};
		smccc_call(c, &a);
		ok = ok && a.x[0] == 0 && bits_above_zero(&a, n64[i], true);
	}
	tap_ok(ok, "%s TRNG RND32/RND64 pack N bits, zero above N", cn);
	a = (struct smccc_res){{TRNG64(TRNG_FN_RND), 192}};
	b = a;
	smccc_call(c, &a);
	smccc_call(c, &b);
	tap_ok(a.x[1] != b.x[1] || a.x[2] != b.x[2] || a.x[3] != b.x[3],
	       "%s two RND64(192) differ", cn);
	tap_ok((int64_t)smccc(c, TRNG32(TRNG_FN_RND), 0, 0, 0) ==
			       TRNG_INVALID_PARAMETERS &&
		       (int64_t)smccc(c, TRNG32(TRNG_FN_RND), 97, 0, 0) ==
			       TRNG_INVALID_PARAMETERS &&
		       (int64_t)smccc(c, TRNG64(TRNG_FN_RND), 193, 0, 0) ==
			       TRNG_INVALID_PARAMETERS,
	       "%s TRNG N = 0, 97, 193 are INVALID_PARAMETERS", cn);
}

static bool uuid_is(const struct smccc_res *r, const uint32_t u[4])
{
	for (unsigned i = 0; i < 4; i++)
		if (r->x[i] != u[i])
			return false;
	return true;
}

static void check_trng_uuid(enum guest_conduit c)
{
	struct smccc_res r;
	bool fw, hyp;

	regs_pattern(&r, TRNG32(TRNG_FN_GET_UUID));
	smccc_call(c, &r);
	fw = uuid_is(&r, fw_trng_uuid);
	hyp = uuid_is(&r, hyp_trng_uuid);
	tap_ok(regs_unchanged_from(&r, 4) &&
		       (profile.fw == FW_ARBITER ? fw
			: profile.fw == FW_QEMU	 ? hyp
						 : fw || hyp),
	       "%s TRNG_GET_UUID names the %s entropy source (w0 0x%llx)",
	       conduit_name(c),
	       profile.fw == FW_ARBITER ? "firmware's"
	       : profile.fw == FW_QEMU	? "hypervisor's"
					: "firmware's or hypervisor's",
	       (unsigned long long)r.x[0]);
}

/* The bits below N of a 32-bit (W) or 64-bit (X) draw, in register reg. */
static uint64_t rnd_mask(unsigned reg, unsigned n, bool is64)
{
	unsigned width = is64 ? 64 : 32, lo = (3 - reg) * width;

	if (n <= lo)
		return 0;
	if (n - lo >= width)
		return is64 ? ~0ull : 0xffffffffull;
	return ((uint64_t)1 << (n - lo)) - 1;
}

/*
 * 32 draws of N bits: each bit below N must be seen both set and clear,
 * each bit above never set. A good source fails this with odds of about
 * N * 2^-31.
 */
static bool entropy_spread(enum guest_conduit c, bool is64, unsigned n)
{
	uint64_t any[4] = {0}, all[4] = {0, ~0ull, ~0ull, ~0ull};

	for (unsigned k = 0; k < 32; k++) {
		struct smccc_res r = {
			{is64 ? TRNG64(TRNG_FN_RND) : TRNG32(TRNG_FN_RND), n}};

		smccc_call(c, &r);
		if (r.x[0] != 0)
			return false;
		for (unsigned reg = 1; reg <= 3; reg++) {
			any[reg] |= r.x[reg];
			all[reg] &= r.x[reg];
		}
	}
	for (unsigned reg = 1; reg <= 3; reg++)
		if (any[reg] != rnd_mask(reg, n, is64) || all[reg] != 0)
			return false;
	return true;
}

static void check_trng(enum guest_conduit c)
{
	const char *cn = conduit_name(c);

	if (profile.deny_trng) {
		tap_ok(smccc(c, TRNG32(TRNG_FN_VERSION), 0, 0, 0) == MINUS1 &&
			       smccc(c, TRNG64(TRNG_FN_RND), 64, 0, 0) ==
				       MINUS1,
		       "%s TRNG denied by policy answers -1", cn);
		return;
	}
	tap_ok(smccc(c, TRNG32(TRNG_FN_VERSION), 0, 0, 0) == TRNG_VERSION_1_0,
	       "%s TRNG_VERSION 1.0", cn);
	tap_ok(smccc(c, TRNG32(TRNG_FN_FEATURES), TRNG64(TRNG_FN_RND), 0, 0) ==
			       0 &&
		       smccc(c, TRNG32(TRNG_FN_FEATURES), 0x84000054u, 0, 0) ==
			       MINUS1,
	       "%s TRNG_FEATURES", cn);
	check_trng_uuid(c);
	check_trng_rnd(c);
	tap_ok(entropy_spread(c, false, 33) && entropy_spread(c, false, 96) &&
		       entropy_spread(c, true, 129) &&
		       entropy_spread(c, true, 192),
	       "%s TRNG: over 32 draws each bit below N is seen 0 and 1", cn);
}

void check_services(void)
{
	CONDUITS(c)
	{
		check_arch(c);
		check_identity(c, OEN_STD_HYP);
		check_identity(c, OEN_VENDOR_HYP);
		check_std_count(c);
		check_trng(c);
	}
}
