// SPDX-License-Identifier: MIT
/*
 * Forwarding to Arbiter's EL3 firmware end to end, seen from a guest (run
 * with --firmware arbiter; the firmware's SiP ABI is firmware/sip.h).
 * Bootargs name the domain's policy and client ID:
 *   role=sip   the policy forwards the whole SiP range: clocks, the
 *              register window, ECHO32/ECHO64 with x1-x17, the firmware's
 *              per-client call counts (exact), TRNG taken from the firmware
 *   role=none  the SiP range is denied (the default policy): -1 for every
 *              SiP call, registers untouched, ARCH_FEATURES says -1
 *   role=echo  only ECHO64 (0xc2000007) is forwarded: -1 for the others
 *   id=N       this domain's client ID (its `id`)
 *   peer=N     (role=sip) a domain denied the SiP range: the firmware
 *              must count no call from client N
 * Every domain checks TRNG: the firmware's UUID, packing, entropy.
 */
#include <string.h>

#include "../../firmware/sip.h"
#include "../lib/guest.h"

#define MINUS1	    0xffffffffffffffffull
#define CONDUITS(c) for (enum guest_conduit c = GUEST_SMC; c <= GUEST_HVC; c++)
#define TRNG32(fn)  SMCCC_FAST32(OEN_STD, fn)
#define TRNG64(fn)  SMCCC_FAST64(OEN_STD, fn)

/* firmware/trng.c's source UUID, 1c0a6b8e-5d2f-4c3e-9a61-7b2e4f8d0c35 */
static const uint32_t fw_trng_uuid[4] = {0x8e6b0a1c, 0x3e4c2f5d, 0x2e7b619a,
					 0x350c8d4f};

static unsigned client_id;
/* SiP calls this domain had forwarded: the firmware must count as many. */
static unsigned forwarded;

static bool has_word(const char *w)
{
	size_t n = strlen(w);

	for (const char *s = guest_bootargs; *s; s++)
		if ((s == guest_bootargs || s[-1] == ' ') &&
		    strncmp(s, w, n) == 0 && (s[n] == ' ' || s[n] == '\0'))
			return true;
	return false;
}

static void pattern(struct smccc_res *r, uint32_t fid)
{
	r->x[0] = fid;
	for (unsigned i = 1; i < 18; i++)
		r->x[i] = 0x8070605040302010ull + i * 0x0101010101010101ull;
}

static bool untouched_from(const struct smccc_res *r, unsigned first)
{
	struct smccc_res p;

	pattern(&p, 0);
	for (unsigned i = first; i < 18; i++)
		if (r->x[i] != p.x[i])
			return false;
	return true;
}

/* A SiP call this domain's policy forwards: counted. */
static void sip(enum guest_conduit c, struct smccc_res *r)
{
	smccc_call(c, r);
	forwarded++;
}

static struct smccc_res sip3(enum guest_conduit c, uint32_t fid, uint64_t a1,
			     uint64_t a2)
{
	struct smccc_res r = {{fid, a1, a2}};

	sip(c, &r);
	return r;
}

static void check_version_identity(enum guest_conduit c)
{
	const char *cn = conduit_name(c);
	struct smccc_res r;

	pattern(&r, FW_SIP_PM_VERSION);
	sip(c, &r);
	tap_ok(r.x[0] == 0 && r.x[1] == FW_SIP_API_VERSION &&
		       untouched_from(&r, 2),
	       "%s PM_VERSION from the firmware: 1.0, x2-x17 preserved", cn);
	r = sip3(c, FW_SIP_SVC_UID, 0, 0);
	tap_ok(r.x[0] == FW_SIP_UID_W0 && r.x[1] == FW_SIP_UID_W1 &&
		       r.x[2] == FW_SIP_UID_W2 && r.x[3] == FW_SIP_UID_W3,
	       "%s SiP Call UID is the firmware's", cn);
	tap_ok(sip3(c, FW_SIP_SVC_CALL_COUNT, 0, 0).x[0] == 9,
	       "%s SiP Call Count 9", cn);
	r = sip3(c, FW_SIP_SVC_REVISION, 0, 0);
	tap_ok(r.x[0] == 1 && r.x[1] == 0, "%s SiP Revision 1.0", cn);
	tap_ok(smccc(c, ARM_SMCCC_ARCH_FEATURES, FW_SIP_CLOCK_ENABLE, 0, 0) ==
			       0 &&
		       smccc(c, ARM_SMCCC_ARCH_FEATURES, FW_SIP_ECHO64, 0, 0) ==
			       0,
	       "%s ARCH_FEATURES advertises the forwarded SiP calls", cn);
}

static bool clock_is(enum guest_conduit c, uint64_t clk, uint64_t on,
		     uint64_t owner, uint64_t hz)
{
	struct smccc_res r = sip3(c, FW_SIP_CLOCK_GET, clk, 0);

	return r.x[0] == 0 && r.x[1] == on && r.x[2] == owner && r.x[3] == hz;
}

static void check_clocks(void)
{
	const uint64_t hz = 250000000, off = FW_SIP_NO_OWNER;
	const enum guest_conduit s = GUEST_SMC, h = GUEST_HVC;

	tap_ok(clock_is(h, 3, 0, off, hz), "clock 3 is off, unowned, 250 MHz");
	tap_ok(sip3(s, FW_SIP_CLOCK_ENABLE, 3, 0).x[0] == 0,
	       "smc CLOCK_ENABLE(3) succeeds");
	tap_ok(clock_is(h, 3, 1, client_id, hz),
	       "clock 3 is on, owned by this domain's client ID %u", client_id);
	tap_ok((int64_t)sip3(h, FW_SIP_CLOCK_ENABLE, 3, 0).x[0] == -2,
	       "hvc CLOCK_ENABLE(3) again: NOT_REQUIRED");
	/* SMC32: the hypervisor and the firmware see only w1 = 3. */
	tap_ok(clock_is(s, 3 | 0xffffffff00000000ull, 1, client_id, hz),
	       "CLOCK_GET sees only w1");
	tap_ok(sip3(h, FW_SIP_CLOCK_DISABLE, 3, 0).x[0] == 0 &&
		       (int64_t)sip3(s, FW_SIP_CLOCK_DISABLE, 3, 0).x[0] == -2,
	       "CLOCK_DISABLE(3) succeeds, then NOT_REQUIRED");
	tap_ok(clock_is(s, 3, 0, off, hz), "clock 3 is off and unowned again");
	tap_ok((int64_t)sip3(h, FW_SIP_CLOCK_ENABLE, FW_SIP_NCLOCKS, 0).x[0] ==
			       -3 &&
		       (int64_t)sip3(s, FW_SIP_CLOCK_GET, FW_SIP_NCLOCKS, 0)
				       .x[0] == -3,
	       "clock %u: INVALID_PARAMETER", FW_SIP_NCLOCKS);
}

static void check_registers(void)
{
	bool ok = true;
	struct smccc_res r;

	for (unsigned i = 0; i < FW_SIP_NREGS; i++) {
		r = sip3(i & 1 ? GUEST_HVC : GUEST_SMC, FW_SIP_REG_READ, i, 0);
		ok = ok && r.x[0] == 0 && r.x[1] == FW_SIP_REG_RESET(i);
	}
	tap_ok(ok, "the 16 window words read 0xa500000i after boot");
	tap_ok(sip3(GUEST_HVC, FW_SIP_REG_WRITE, 5, 0xdeadbeef).x[0] == 0 &&
		       sip3(GUEST_SMC, FW_SIP_REG_READ, 5, 0).x[1] ==
			       0xdeadbeef,
	       "REG_WRITE(5) then REG_READ(5) gives 0xdeadbeef");
	tap_ok(sip3(GUEST_SMC, FW_SIP_REG_WRITE, 6, 0xabcd000000001234ull)
				       .x[0] == 0 &&
		       sip3(GUEST_HVC, FW_SIP_REG_READ, 6, 0).x[1] == 0x1234,
	       "REG_WRITE is SMC32: only w2 is written");
	tap_ok((int64_t)sip3(GUEST_HVC, FW_SIP_REG_READ, FW_SIP_NREGS, 0)
				       .x[0] == -3 &&
		       (int64_t)sip3(GUEST_SMC, FW_SIP_REG_WRITE, FW_SIP_NREGS,
				     1)
				       .x[0] == -3,
	       "register %u: INVALID_PARAMETER", FW_SIP_NREGS);
	tap_ok(sip3(GUEST_SMC, FW_SIP_REG_WRITE, 5, FW_SIP_REG_RESET(5)).x[0] ==
			       0 &&
		       sip3(GUEST_HVC, FW_SIP_REG_WRITE, 6, FW_SIP_REG_RESET(6))
				       .x[0] == 0,
	       "window words 5 and 6 restored");
}

/* What the firmware's echo gives back for x7: the client ID is in w7. */
static uint64_t with_client(uint64_t x7)
{
	return (x7 & ~0xffffull) | client_id;
}

/* ECHO64 (SMCCC 1.2): x1-x17 all carried there and back, each + 1. */
static bool echo64(enum guest_conduit c, uint32_t fid)
{
	struct smccc_res r, p;
	bool ok;

	pattern(&p, fid);
	r = p;
	smccc_call(c, &r);
	forwarded++;
	ok = r.x[0] == 0;
	for (unsigned i = 1; i < 18; i++)
		ok = ok &&
		     r.x[i] == (i == 7 ? with_client(p.x[7]) : p.x[i]) + 1;
	return ok;
}

static void check_echo64(void)
{
	CONDUITS(c)
	{
		tap_ok(echo64(c, FW_SIP_ECHO64),
		       "%s ECHO64: x0 = 0, x1-x17 + 1 as the firmware gave "
		       "them, w7[15:0] = client ID %u",
		       conduit_name(c), client_id);
		tap_ok(echo64(c, FW_SIP_ECHO64 | SMCCC_SVE_HINT_BIT),
		       "%s ECHO64 with the SVE hint: the same",
		       conduit_name(c));
	}
}

/* ECHO32: w1-w7 + 1 (32-bit), x8-x17 the caller's own, bit-exact. */
static void check_echo32(void)
{
	CONDUITS(c)
	{
		struct smccc_res r, p;
		bool ok;

		pattern(&p, FW_SIP_ECHO32);
		r = p;
		sip(c, &r);
		ok = r.x[0] == 0 && untouched_from(&r, 8);
		for (unsigned i = 1; i < 8; i++) {
			uint64_t in = i == 7 ? with_client(p.x[7]) : p.x[i];

			ok = ok && r.x[i] == (uint32_t)((uint32_t)in + 1);
		}
		tap_ok(ok, "%s ECHO32: w1-w7 + 1, x8-x17 preserved",
		       conduit_name(c));
	}
}

static void check_counts(unsigned peer)
{
	struct smccc_res r;

	forwarded++; /* the CALL_COUNT call counts itself */
	r = (struct smccc_res){{FW_SIP_CALL_COUNT, client_id}};
	smccc_call(GUEST_HVC, &r);
	tap_ok(r.x[0] == 0 && r.x[1] == forwarded && r.x[2] == forwarded,
	       "the firmware counted %llu calls (%llu SiP) from client %u: "
	       "the %u this domain had forwarded",
	       (unsigned long long)r.x[1], (unsigned long long)r.x[2],
	       client_id, forwarded);
	r = sip3(GUEST_SMC, FW_SIP_CALL_COUNT, peer, 0);
	tap_ok(r.x[0] == 0 && r.x[1] == 0 && r.x[2] == 0,
	       "the firmware counted no call from client %u (SiP denied)",
	       peer);
	r = sip3(GUEST_SMC, FW_SIP_CALL_COUNT, FW_SIP_CLIENT_OTHER, 0);
	tap_ok(r.x[0] == 0 && r.x[1] == 0, "no call from a client ID >= 16");
	tap_ok((int64_t)sip3(GUEST_HVC, FW_SIP_CALL_COUNT, 16, 0).x[0] == -3,
	       "CALL_COUNT(16): INVALID_PARAMETER");
}

/* Guest TRNG calls reach the firmware as the hypervisor's (client 0). */
static void check_trng_source(void)
{
	struct smccc_res a = sip3(GUEST_HVC, FW_SIP_CALL_COUNT, 0, 0), b;

	for (unsigned i = 0; i < 16; i++)
		smccc(i & 1 ? GUEST_HVC : GUEST_SMC, TRNG64(TRNG_FN_RND), 192,
		      0, 0);
	b = sip3(GUEST_HVC, FW_SIP_CALL_COUNT, 0, 0);
	tap_ok(b.x[1] >= a.x[1] + 16 && b.x[2] == 0,
	       "16 guest TRNG calls: the firmware counted %llu calls from "
	       "client 0, none of them SiP",
	       (unsigned long long)(b.x[1] - a.x[1]));
}

static void role_sip(void)
{
	unsigned peer = bootarg_uint("peer", 0);

	CONDUITS(c)
	check_version_identity(c);
	check_clocks();
	check_registers();
	check_echo64();
	check_echo32();
	check_trng_source();
	check_counts(peer);
}

/* A SiP call this domain may not make: -1 in all of x0, x1-x17 intact. */
static bool refused(enum guest_conduit c, uint32_t fid)
{
	struct smccc_res r;

	pattern(&r, fid);
	smccc_call(c, &r);
	return r.x[0] == MINUS1 && untouched_from(&r, 1) &&
	       smccc(c, ARM_SMCCC_ARCH_FEATURES, fid, 0, 0) == MINUS1;
}

static void check_refused(bool echo_allowed)
{
	static const uint32_t fids[] = {
		FW_SIP_PM_VERSION, FW_SIP_CLOCK_ENABLE, FW_SIP_CLOCK_GET,
		FW_SIP_REG_READ,   FW_SIP_REG_WRITE,	FW_SIP_CALL_COUNT,
		FW_SIP_ECHO32,	   FW_SIP_ECHO64,	FW_SIP_SVC_CALL_COUNT,
		FW_SIP_SVC_UID,	   FW_SIP_SVC_REVISION, 0xc2000001u,
		0x8200ffffu,
	};

	CONDUITS(c)
	{
		unsigned bad = 0;

		for (unsigned i = 0; i < sizeof(fids) / sizeof(fids[0]); i++)
			if (!(echo_allowed && fids[i] == FW_SIP_ECHO64))
				bad += !refused(c, fids[i]);
		tap_ok(bad == 0, "%s every SiP call %s answers -1 (%u wrong)",
		       conduit_name(c),
		       echo_allowed ? "but ECHO64" : "(range denied)", bad);
	}
}

static void role_echo(void)
{
	check_echo64();
	CONDUITS(c)
	tap_ok(smccc(c, ARM_SMCCC_ARCH_FEATURES, FW_SIP_ECHO64, 0, 0) == 0,
	       "%s ARCH_FEATURES(ECHO64) = 0", conduit_name(c));
	check_refused(true);
	printf_uart("# forwarded %u calls\n", forwarded);
}

/* The bits below N in register reg (1..3) of a TRNG answer. */
static uint64_t rnd_mask(unsigned reg, unsigned n, bool is64)
{
	unsigned width = is64 ? 64 : 32, lo = (3 - reg) * width;

	if (n <= lo)
		return 0;
	if (n - lo >= width)
		return is64 ? ~0ull : 0xffffffffull;
	return ((uint64_t)1 << (n - lo)) - 1;
}

/* 32 draws: each bit below N seen 0 and 1, none above N ever set, x4-x17
 * preserved. */
static bool trng_draws(enum guest_conduit c, bool is64, unsigned n)
{
	uint64_t any[4] = {0}, all[4] = {0, ~0ull, ~0ull, ~0ull};
	bool ok = true;

	for (unsigned k = 0; k < 32; k++) {
		struct smccc_res r;

		pattern(&r, is64 ? TRNG64(TRNG_FN_RND) : TRNG32(TRNG_FN_RND));
		r.x[1] = n;
		smccc_call(c, &r);
		ok = ok && r.x[0] == 0 && untouched_from(&r, 4);
		for (unsigned reg = 1; reg <= 3; reg++) {
			any[reg] |= r.x[reg];
			all[reg] &= r.x[reg];
		}
	}
	for (unsigned reg = 1; reg <= 3; reg++)
		ok = ok && any[reg] == rnd_mask(reg, n, is64) && all[reg] == 0;
	return ok;
}

static void check_trng(void)
{
	static const unsigned n32[] = {1, 32, 33, 64, 65, 96};
	static const unsigned n64[] = {1, 64, 65, 128, 129, 192};

	CONDUITS(c)
	{
		struct smccc_res r = {{TRNG32(TRNG_FN_GET_UUID)}};
		bool ok = true;

		smccc_call(c, &r);
		for (unsigned i = 0; i < 4; i++)
			ok = ok && r.x[i] == fw_trng_uuid[i];
		tap_ok(ok, "%s TRNG_GET_UUID is the firmware's",
		       conduit_name(c));
		ok = true;
		for (unsigned i = 0; i < 6; i++)
			ok = ok && trng_draws(c, false, n32[i]) &&
			     trng_draws(c, true, n64[i]);
		tap_ok(ok,
		       "%s TRNG RND32/RND64: N bits packed from the last "
		       "register up, zero above N, every bit below N random",
		       conduit_name(c));
	}
}

void guest_main(void)
{
	client_id = bootarg_uint("id", 0);
	printf_uart("# forward: client ID %u, psci over %s, bootargs \"%s\"\n",
		    client_id, conduit_name(psci_conduit), guest_bootargs);
	if (has_word("role=sip"))
		role_sip();
	else if (has_word("role=echo"))
		role_echo();
	else if (has_word("role=none"))
		check_refused(false);
	else
		guest_fatal("bootargs name no role=");
	check_trng();
	tap_plan(tap_total());
	printf_uart("forward: failures=%u\n", tap_failures());
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	(void)index;
	(void)arg;
}
