// SPDX-License-Identifier: MIT
/*
 * Firmware test payload, service by service: SMCCC arch calls and register
 * rules, TRNG bit packing, the SiP platform-management ABI.
 */
#include "payload.h"

static void test_arch_rules(void)
{
	struct smc_regs r;

	call_init(&r, ARM_SMCCC_VERSION, 0x1111, 0x2222, 0x3333);
	smc_call(&r);
	ok(r.x[0] == SMCCC_VERSION_1_2 && r.x[1] == 0x1111 &&
		   r.x[2] == 0x2222 && r.x[3] == 0x3333 &&
		   call_preserved(&r, 4),
	   "SMCCC_VERSION = 1.2, x1-x17 preserved");
	call_init(&r, 0x83000000, 0, 0, 0);
	smc_call(&r);
	ok(r.x[0] == SMCCC_UNKNOWN && call_preserved(&r, 4),
	   "unknown OEM call: x0 = -1 (64 bits), x4-x17 preserved");
	ok_eq(call3(0x80020000, 0, 0, 0), SMCCC_UNKNOWN,
	      "fast call with bit 17 set is unknown");
	ok_eq(call3(0x02000000, 0, 0, 0), SMCCC_UNKNOWN,
	      "yielding call is unknown (no trusted OS)");
	ok_eq(call3(ARM_SMCCC_VERSION | SMCCC_SVE_HINT_BIT, 0, 0, 0),
	      SMCCC_VERSION_1_2, "SVE hint bit 16 ignored");
	ok_eq(call3(0xffffffff00000000ull | ARM_SMCCC_VERSION, 0, 0, 0),
	      SMCCC_VERSION_1_2, "x0[63:32] ignored in the function ID");
	call_init(&r, ARM_SMCCC_VERSION, 0, 0, 0);
	smc_call_imm1(&r);
	ok_eq(r.x[0], SMCCC_UNKNOWN, "SMC #1 (non-zero immediate) is unknown");
}

void test_arch(void)
{
	uint32_t f = ARM_SMCCC_ARCH_FEATURES;
	struct smc_regs r;

	test_arch_rules();
	ok_eq(call3(f, ARM_SMCCC_ARCH_FEATURES, 0, 0), 0,
	      "ARCH_FEATURES(ARCH_FEATURES) = 0");
	ok_eq(call3(f, ARM_SMCCC_ARCH_SOC_ID, 0, 0), 0,
	      "ARCH_FEATURES(SOC_ID) = 0");
	ok_eq(call3(f, ARM_SMCCC_ARCH_WORKAROUND_1, 0, 0), 1,
	      "ARCH_FEATURES(WORKAROUND_1) = 1 (not affected)");
	ok_eq(call3(f, ARM_SMCCC_ARCH_WORKAROUND_2, 0, 0), 1,
	      "ARCH_FEATURES(WORKAROUND_2) = 1 (not required)");
	ok_eq(call3(f, ARM_SMCCC_ARCH_WORKAROUND_3, 0, 0), 1,
	      "ARCH_FEATURES(WORKAROUND_3) = 1 (not affected)");
	ok_eq(call3(f, ARM_SMCCC_ARCH_WORKAROUND_4, 0, 0), SMCCC_UNKNOWN,
	      "ARCH_FEATURES(WORKAROUND_4) = -1");
	ok_eq(call3(f, 0x80001234, 0, 0), SMCCC_UNKNOWN,
	      "ARCH_FEATURES(unknown) = -1");
	ok_eq(call3(ARM_SMCCC_ARCH_SOC_ID, 0, 0, 0), 0x7e410001,
	      "SOC_ID(0) = JEP-106 bank 0x7e, id 0x41, SoC 1");
	ok_eq(call3(ARM_SMCCC_ARCH_SOC_ID, 1, 0, 0), 1, "SOC_ID(1) = 1");
	ok_eq(call3(ARM_SMCCC_ARCH_SOC_ID, 2, 0, 0),
	      NEG(SMCCC_INVALID_PARAMETER), "SOC_ID(2) = -3");
	ok_eq(call3(ARM_SMCCC_ARCH_SOC_ID64, 0, 0, 0), SMCCC_UNKNOWN,
	      "SMC64 SOC_ID (SoC name) is unknown");
	call_init(&r, ARM_SMCCC_ARCH_WORKAROUND_1, 0x1111, 0x2222, 0x3333);
	smc_call(&r);
	ok(r.x[0] == 0 && r.x[1] == 0x1111 && call_preserved(&r, 4),
	   "WORKAROUND_1 is a no-op preserving x1-x17");
}

/* One TRNG call: SUCCESS, bits at or above n zero, upper halves of the
 * SMC32 words zero, x4-x17 preserved, and some bit set for n >= 32. */
static void trng_check(bool is64, unsigned n)
{
	uint32_t fid = is64 ? SMCCC_FAST64(OEN_STD, TRNG_FN_RND)
			    : SMCCC_FAST32(OEN_STD, TRNG_FN_RND);
	unsigned width = is64 ? 64 : 32, i;
	struct smc_regs r;
	bool good, any = false;

	call_init(&r, fid, n, 0, 0);
	smc_call(&r);
	good = r.x[0] == 0 && call_preserved(&r, 4);
	/* x3 holds the lowest word, x1 the highest. */
	for (i = 0; i < 3; i++) {
		uint64_t w = r.x[3 - i];
		unsigned lo = i * width;

		if (!is64 && (w >> 32))
			good = false;
		if (n <= lo && w)
			good = false;
		if (n > lo && n - lo < width && (w >> (n - lo)))
			good = false;
		any |= w != 0;
	}
	if (n >= 32 && !any)
		good = false;
	out("# TRNG ");
	out(is64 ? "RND64" : "RND32");
	out(" N=");
	out_dec(n);
	out(": ");
	out_hex(r.x[1]);
	out(" ");
	out_hex(r.x[2]);
	out(" ");
	out_hex(r.x[3]);
	out("\n");
	ok(good, is64 ? "TRNG_RND64 packing and zeroed high bits"
		      : "TRNG_RND32 packing and zeroed high bits");
}

void test_trng(void)
{
	static const unsigned n32[] = {1, 31, 32, 33, 64, 65, 95, 96};
	static const unsigned n64[] = {1, 63, 64, 65, 128, 129, 191, 192};
	uint32_t f = SMCCC_FAST32(OEN_STD, TRNG_FN_FEATURES);
	struct smc_regs r;
	unsigned i;

	ok_eq(call3(SMCCC_FAST32(OEN_STD, TRNG_FN_VERSION), 0, 0, 0), 0x10000,
	      "TRNG_VERSION = 1.0");
	ok_eq(call3(f, SMCCC_FAST64(OEN_STD, TRNG_FN_RND), 0, 0), 0,
	      "TRNG_FEATURES(RND64) = 0");
	ok_eq(call3(f, SMCCC_FAST32(OEN_STD, TRNG_FN_GET_UUID), 0, 0), 0,
	      "TRNG_FEATURES(GET_UUID) = 0");
	ok_eq(call3(f, SMCCC_FAST32(OEN_STD, 0x54), 0, 0), SMCCC_UNKNOWN,
	      "TRNG_FEATURES(0x84000054) = -1");
	call_init(&r, SMCCC_FAST32(OEN_STD, TRNG_FN_GET_UUID), 0, 0, 0);
	smc_call(&r);
	ok(r.x[0] == 0x8e6b0a1c && r.x[1] == 0x3e4c2f5d &&
		   r.x[2] == 0x2e7b619a && r.x[3] == 0x350c8d4f,
	   "TRNG_GET_UUID = 1c0a6b8e-5d2f-4c3e-9a61-7b2e4f8d0c35");
	for (i = 0; i < sizeof(n32) / sizeof(n32[0]); i++)
		trng_check(false, n32[i]);
	for (i = 0; i < sizeof(n64) / sizeof(n64[0]); i++)
		trng_check(true, n64[i]);
	ok_eq(call3(SMCCC_FAST32(OEN_STD, TRNG_FN_RND), 0, 0, 0),
	      NEG(TRNG_INVALID_PARAMETERS), "TRNG_RND32(0) = -2");
	ok_eq(call3(SMCCC_FAST32(OEN_STD, TRNG_FN_RND), 97, 0, 0),
	      NEG(TRNG_INVALID_PARAMETERS), "TRNG_RND32(97) = -2");
	ok_eq(call3(SMCCC_FAST64(OEN_STD, TRNG_FN_RND), 193, 0, 0),
	      NEG(TRNG_INVALID_PARAMETERS), "TRNG_RND64(193) = -2");
	ok_eq(call3(SMCCC_FAST32(OEN_STD, TRNG_FN_RND), 0x100000020ull, 0, 0),
	      0, "TRNG_RND32 masks w1 (0x1_00000020 is N = 32)");
}

static void test_sip_clocks(void)
{
	struct smc_regs r;

	ok_eq(call_as(1, FW_SIP_CLOCK_ENABLE, 0, 0), 0,
	      "client 1 enables clock 0");
	ok_eq(call_as(1, FW_SIP_CLOCK_ENABLE, 0, 0), NEG(SMCCC_NOT_REQUIRED),
	      "enabling it again: NOT_REQUIRED");
	call_init(&r, FW_SIP_CLOCK_GET, 0, 0, 0);
	smc_call(&r);
	ok(r.x[0] == 0 && r.x[1] == 1 && r.x[2] == 1 && r.x[3] == 24000000 &&
		   call_preserved(&r, 4),
	   "CLOCK_GET(0): on, owner 1, 24 MHz");
	ok_eq(call_as(2, FW_SIP_CLOCK_DISABLE, 0, 0), NEG(SMCCC_NOT_SUPPORTED),
	      "client 2 may not disable client 1's clock");
	ok_eq(call_as(2, FW_SIP_CLOCK_ENABLE, 0, 0), NEG(SMCCC_NOT_SUPPORTED),
	      "client 2 may not enable client 1's clock");
	ok_eq(call_as(2, FW_SIP_CLOCK_ENABLE, 7, 0), 0,
	      "client 2 enables clock 7");
	ok_eq(call_as(1, FW_SIP_CLOCK_DISABLE, 0, 0), 0,
	      "client 1 disables clock 0");
	ok_eq(call_as(1, FW_SIP_CLOCK_DISABLE, 0, 0), NEG(SMCCC_NOT_REQUIRED),
	      "disabling it again: NOT_REQUIRED");
	call_init(&r, FW_SIP_CLOCK_GET, 0xffffffff00000007ull, 0, 0);
	smc_call(&r);
	ok(r.x[0] == 0 && r.x[1] == 1 && r.x[2] == 2 && r.x[3] == 1000000000,
	   "CLOCK_GET masks w1: clock 7 on, owner 2, 1 GHz");
	call_init(&r, FW_SIP_CLOCK_GET, 0, 0, 0);
	smc_call(&r);
	ok(r.x[0] == 0 && r.x[1] == 0 && r.x[2] == FW_SIP_NO_OWNER,
	   "CLOCK_GET(0): off, no owner");
	ok_eq(call_as(1, FW_SIP_CLOCK_ENABLE, 8, 0),
	      NEG(SMCCC_INVALID_PARAMETER), "CLOCK_ENABLE(8) = -3");
	ok_eq(call_as(1, FW_SIP_CLOCK_DISABLE, 0xffff, 0),
	      NEG(SMCCC_INVALID_PARAMETER), "CLOCK_DISABLE(0xffff) = -3");
	ok_eq(call3(FW_SIP_CLOCK_GET, 8, 0, 0), NEG(SMCCC_INVALID_PARAMETER),
	      "CLOCK_GET(8) = -3");
}

static void test_sip_regs(void)
{
	struct smc_regs r;

	call_init(&r, FW_SIP_REG_READ, 3, 0, 0);
	smc_call(&r);
	ok(r.x[0] == 0 && r.x[1] == FW_SIP_REG_RESET(3) && r.x[2] == 0 &&
		   call_preserved(&r, 4),
	   "REG_READ(3) = reset value");
	ok_eq(call3(FW_SIP_REG_WRITE, 15, 0xdeadbeef, 0), 0,
	      "REG_WRITE(15, 0xdeadbeef)");
	call_init(&r, FW_SIP_REG_READ, 15, 0, 0);
	smc_call(&r);
	ok_eq(r.x[1], 0xdeadbeef, "REG_READ(15) reads it back");
	ok_eq(call3(FW_SIP_REG_WRITE, 0, 0x1234567800000042ull, 0), 0,
	      "REG_WRITE masks w2 to 32 bits");
	call_init(&r, FW_SIP_REG_READ, 0, 0, 0);
	smc_call(&r);
	ok_eq(r.x[1], 0x42, "REG_READ(0) = 0x42");
	ok_eq(call3(FW_SIP_REG_READ, 16, 0, 0), NEG(SMCCC_INVALID_PARAMETER),
	      "REG_READ(16) = -3");
	ok_eq(call3(FW_SIP_REG_WRITE, 0xffffffff, 1, 0),
	      NEG(SMCCC_INVALID_PARAMETER), "REG_WRITE(0xffffffff) = -3");
}

static void test_sip_counts(void)
{
	struct smc_regs r;

	call_as(5, FW_SIP_PM_VERSION, 0, 0);
	call_as(5, FW_SIP_PM_VERSION, 0, 0);
	call_as(5, ARM_SMCCC_VERSION, 0, 0);
	call_init(&r, FW_SIP_CALL_COUNT, 5, 0, 0);
	smc_call(&r);
	ok(r.x[0] == 0 && r.x[1] == 3 && r.x[2] == 2,
	   "CALL_COUNT(5): 3 calls, 2 of them SiP");
	call_init(&r, FW_SIP_CALL_COUNT, 6, 0, 0);
	smc_call(&r);
	ok(r.x[0] == 0 && r.x[1] == 0 && r.x[2] == 0,
	   "CALL_COUNT(6): client 6 never called");
	call_init(&r, FW_SIP_CALL_COUNT, 1, 0, 0);
	smc_call(&r);
	ok(r.x[0] == 0 && r.x[1] == 6 && r.x[2] == 6,
	   "CALL_COUNT(1): client 1 made its 6 SiP calls");
	call_as(0x1234, FW_SIP_PM_VERSION, 0, 0);
	call_init(&r, FW_SIP_CALL_COUNT, FW_SIP_CLIENT_OTHER, 0, 0);
	smc_call(&r);
	ok(r.x[0] == 0 && r.x[1] == 1 && r.x[2] == 1,
	   "CALL_COUNT(0xffff) counts client IDs >= 16");
	ok_eq(call3(FW_SIP_CALL_COUNT, 16, 0, 0), NEG(SMCCC_INVALID_PARAMETER),
	      "CALL_COUNT(16) = -3");
}

static void test_sip_echo(void)
{
	struct smc_regs r;
	bool good = true;
	unsigned i;

	call_init(&r, FW_SIP_ECHO64, 0, 0, 0);
	for (i = 1; i < 18; i++)
		r.x[i] = 0x0101010101010101ull * i + 0xfedcba9800000000ull;
	smc_call(&r);
	for (i = 1; i < 18; i++)
		good &= r.x[i] ==
			0x0101010101010101ull * i + 0xfedcba9800000001ull;
	ok(r.x[0] == 0 && good, "ECHO64 returns x1-x17 + 1");
	call_init(&r, FW_SIP_ECHO32, 0xffffffffffffffffull,
		  0x1234567800000010ull, 3);
	smc_call(&r);
	good = r.x[0] == 0 && r.x[1] == 0 && r.x[2] == 0x11 && r.x[3] == 4;
	for (i = 4; i < 7; i++)
		good &= r.x[i] ==
			((0x5500000000000000ull | ((uint64_t)i << 40) | i) &
			 0xffffffffull) +
				1;
	good &= r.x[7] == 1; /* w7 = client ID 0, echoed like the rest */
	ok(good && call_preserved(&r, 8),
	   "ECHO32 returns w1-w7 + 1 (32-bit), x8-x17 preserved");
}

void test_sip(void)
{
	struct smc_regs r;

	call_init(&r, FW_SIP_PM_VERSION, 0, 0, 0);
	smc_call(&r);
	ok(r.x[0] == 0 && r.x[1] == FW_SIP_API_VERSION && call_preserved(&r, 4),
	   "SiP PM_VERSION = 1.0");
	ok_eq(call3(FW_SIP_PM_VERSION | SMCCC_64_BIT, 0, 0, 0), SMCCC_UNKNOWN,
	      "SMC64 PM_VERSION is unknown");
	ok_eq(call3(0x82000008, 0, 0, 0), SMCCC_UNKNOWN, "SiP 0x08 is unknown");
	ok_eq(call3(FW_SIP_SVC_CALL_COUNT, 0, 0, 0), 9, "SiP Call Count = 9");
	call_init(&r, FW_SIP_SVC_UID, 0, 0, 0);
	smc_call(&r);
	ok(r.x[0] == FW_SIP_UID_W0 && r.x[1] == FW_SIP_UID_W1 &&
		   r.x[2] == FW_SIP_UID_W2 && r.x[3] == FW_SIP_UID_W3,
	   "SiP UID = 4ff33b7c-0f13-41e3-ab13-7d1b1031b4a2");
	call_init(&r, FW_SIP_SVC_REVISION, 0, 0, 0);
	smc_call(&r);
	ok(r.x[0] == 1 && r.x[1] == 0, "SiP Revision = 1.0");
	test_sip_clocks();
	test_sip_regs();
	test_sip_counts();
	test_sip_echo();
}

static uint64_t sweep_rand(uint64_t *s)
{
	/* xorshift64: reproducible junk arguments, no entropy needed. */
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Calls the sweep must not make: they stop, reset, or wait for an
 * interrupt (CPU_SUSPEND), or may start a CPU (CPU_ON). */
static bool sweep_skip(uint32_t fid)
{
	uint32_t fn = fid & 0xffff;

	if (((fid >> 24) & 0x3f) != OEN_STD || !(fid & SMCCC_FAST_BIT))
		return false;
	return fn == PSCI_FN_CPU_SUSPEND || fn == PSCI_FN_CPU_OFF ||
	       fn == PSCI_FN_CPU_ON || fn == PSCI_FN_SYSTEM_OFF ||
	       fn == PSCI_FN_SYSTEM_RESET || fn == PSCI_FN_SYSTEM_RESET2 ||
	       fn == PSCI_FN_CPU_DEFAULT_SUSPEND ||
	       fn == PSCI_FN_SYSTEM_SUSPEND;
}

/* FF-A (OEN 4, 0x60-0xef) defines w4-w7 of its answers (zero when
 * unused): only x8-x17 are kept there. */
static unsigned sweep_kept_from(uint32_t fid)
{
	uint32_t fn = fid & 0xffff;

	return ((fid >> 24) & 0x3f) == OEN_STD && (fid & SMCCC_FAST_BIT) &&
			       fn >= 0x60 && fn <= 0xef
		       ? 8
		       : 4;
}

/* Every OEN, function numbers 0x00-0x7f and the 0xff00-0xff03 queries,
 * SMC32/SMC64, fast and yielding, junk in x1-x17: the firmware must
 * answer each (never hang or fault) and keep x4-x17 unless it is ECHO
 * (x8-x17 for FF-A). */
void test_sweep(void)
{
	static const uint32_t fns[] = {0xff00, 0xff01, 0xff02, 0xff03};
	uint64_t seed = 0x2545f4914f6cdd1dull, calls = 0, bad = 0;
	uint32_t oen, fn, kind;
	struct smc_regs r;
	unsigned i;

	for (kind = 0; kind < 4; kind++) {
		for (oen = 0; oen < 64; oen++) {
			for (fn = 0; fn < 0x80 + 4; fn++) {
				uint32_t fid =
					(kind << 30) | (oen << 24) |
					(fn < 0x80 ? fn : fns[fn - 0x80]);

				if (sweep_skip(fid))
					continue;
				call_init(&r, fid, 0, 0, 0);
				for (i = 1; i < 4; i++)
					r.x[i] = sweep_rand(&seed);
				smc_call(&r);
				calls++;
				if ((fid & ~SMCCC_64_BIT) != FW_SIP_ECHO32 &&
				    !call_preserved(&r, sweep_kept_from(fid)))
					bad++;
			}
		}
	}
	out("# sweep: ");
	out_dec(calls);
	out(" calls\n");
	ok(calls > 30000 && bad == 0,
	   "sweep of every OEN with junk arguments: answered, x4-x17 kept");
}
