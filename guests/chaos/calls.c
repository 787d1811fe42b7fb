// SPDX-License-Identifier: MIT
/*
 * Random SMCCC calls and what the specifications guarantee about each.
 * The guest keeps its own table of the functions the hypervisor answers
 * for a domain with the default policy (written from SMCCC, PSCI 1.3 and
 * TRNG 1.0, not copied from the hypervisor): for each, how many result
 * registers it has and which x0 values it may return. Everything else
 * must come back as -1 in all 64 bits with x1-x17 untouched.
 */
#include <stddef.h>

#include "chaos.h"

#include "arbiter/monitor_abi.h"

/* Allowed negative codes: bit k allows -k. */
#define NEG(k)	      (1u << (k))
#define PSCI_ON_CODES (NEG(2) | NEG(4) | NEG(5) | NEG(6) | NEG(9))

enum shape {
	SH_NONE,
	SH_CPU_ON,
	SH_SUSPEND,
	SH_BAD_ENTRY1, /* x1 is an entry point: make it invalid */
	SH_RESET2,
	SH_OFF2,
	SH_TRNG32,
	SH_TRNG64,
	SH_AFFINITY,
	SH_TEE, /* addresses in our RAM moved to the TEE scratch window */
};

struct fn {
	uint32_t fid;
	uint8_t nres;
	uint8_t shape;
	uint16_t neg;	/* allowed negative x0 codes */
	int64_t lo, hi; /* allowed non-negative range of (int32) x0 */
};

#define ANY_NONNEG 0, 0x7fffffff
#define ANYX0	   0xffff /* x0 is data (a UUID, a name): no check */
#define NO_NONNEG  1, 0
#define P32(n)	   PSCI_0_2_FN(n)
#define P64(n)	   PSCI_0_2_FN64(n)
#define Q(oen)                                                                 \
	{SMCCC_FAST32(oen, SMCCC_FN_CALL_COUNT), 1, SH_NONE, 0, ANY_NONNEG},   \
		{SMCCC_FAST32(oen, SMCCC_FN_CALL_UID), 4, SH_NONE, ANYX0,      \
		 ANY_NONNEG},                                                  \
	{                                                                      \
		SMCCC_FAST32(oen, SMCCC_FN_REVISION), 2, SH_NONE, 0,           \
			ANY_NONNEG                                             \
	}

/* Never called at random: CPU_OFF, CPU_FREEZE, SYSTEM_OFF, SYSTEM_RESET. */
static const struct fn fns[] = {
	{ARM_SMCCC_VERSION, 1, SH_NONE, 0, 0x10003, 0x10003},
	{ARM_SMCCC_ARCH_FEATURES, 1, SH_NONE, NEG(1) | NEG(2), ANY_NONNEG},
	{ARM_SMCCC_ARCH_SOC_ID, 1, SH_NONE, NEG(1) | NEG(2) | NEG(3),
	 ANY_NONNEG},
	{ARM_SMCCC_ARCH_SOC_ID64, 18, SH_NONE, ANYX0, ANY_NONNEG},
	{ARM_SMCCC_ARCH_WORKAROUND_1, 1, SH_NONE, NEG(1), 0, 0},
	{ARM_SMCCC_ARCH_WORKAROUND_2, 1, SH_NONE, NEG(1), 0, 0},
	{ARM_SMCCC_ARCH_WORKAROUND_3, 1, SH_NONE, NEG(1), 0, 0},
	{ARM_SMCCC_ARCH_WORKAROUND_4, 1, SH_NONE, NEG(1), 0, 0},
	Q(OEN_CPU),
	Q(OEN_STD),
	Q(OEN_STD_HYP),
	Q(OEN_VENDOR_HYP),
	{P32(PSCI_FN_VERSION), 1, SH_NONE, 0, 0x10003, 0x10003},
	{P32(PSCI_FN_CPU_SUSPEND), 1, SH_SUSPEND, NEG(2) | NEG(3) | NEG(9), 0,
	 0},
	{P64(PSCI_FN_CPU_SUSPEND), 1, SH_SUSPEND, NEG(2) | NEG(3) | NEG(9), 0,
	 0},
	{P32(PSCI_FN_CPU_ON), 1, SH_CPU_ON, PSCI_ON_CODES, 0, 0},
	{P64(PSCI_FN_CPU_ON), 1, SH_CPU_ON, PSCI_ON_CODES, 0, 0},
	{P32(PSCI_FN_AFFINITY_INFO), 1, SH_AFFINITY, NEG(2) | NEG(8), 0, 2},
	{P64(PSCI_FN_AFFINITY_INFO), 1, SH_AFFINITY, NEG(2) | NEG(8), 0, 2},
	{P32(PSCI_FN_MIGRATE_INFO_TYPE), 1, SH_NONE, NEG(1), 0, 2},
	{P32(PSCI_FN_FEATURES), 1, SH_NONE, NEG(1), ANY_NONNEG},
	{P32(PSCI_FN_CPU_DEFAULT_SUSPEND), 1, SH_BAD_ENTRY1,
	 NEG(2) | NEG(3) | NEG(9), NO_NONNEG},
	{P64(PSCI_FN_CPU_DEFAULT_SUSPEND), 1, SH_BAD_ENTRY1,
	 NEG(2) | NEG(3) | NEG(9), NO_NONNEG},
	{P32(PSCI_FN_NODE_HW_STATE), 1, SH_NONE, NEG(1) | NEG(2), 0, 2},
	{P64(PSCI_FN_NODE_HW_STATE), 1, SH_NONE, NEG(1) | NEG(2), 0, 2},
	{P32(PSCI_FN_SYSTEM_SUSPEND), 1, SH_BAD_ENTRY1,
	 NEG(2) | NEG(3) | NEG(4) | NEG(9), NO_NONNEG},
	{P64(PSCI_FN_SYSTEM_SUSPEND), 1, SH_BAD_ENTRY1,
	 NEG(2) | NEG(3) | NEG(4) | NEG(9), NO_NONNEG},
	{P32(PSCI_FN_SYSTEM_RESET2), 1, SH_RESET2, NEG(1) | NEG(2), NO_NONNEG},
	{P64(PSCI_FN_SYSTEM_RESET2), 1, SH_RESET2, NEG(1) | NEG(2), NO_NONNEG},
	{P32(PSCI_FN_SYSTEM_OFF2), 1, SH_OFF2, NEG(1) | NEG(2), NO_NONNEG},
	{P64(PSCI_FN_SYSTEM_OFF2), 1, SH_OFF2, NEG(1) | NEG(2), NO_NONNEG},
	{SMCCC_FAST32(OEN_STD, TRNG_FN_VERSION), 1, SH_NONE, NEG(1), 0x10000,
	 0x10000},
	{SMCCC_FAST32(OEN_STD, TRNG_FN_FEATURES), 1, SH_NONE, NEG(1),
	 ANY_NONNEG},
	{SMCCC_FAST32(OEN_STD, TRNG_FN_GET_UUID), 4, SH_NONE, ANYX0,
	 ANY_NONNEG},
	{SMCCC_FAST32(OEN_STD, TRNG_FN_RND), 4, SH_TRNG32, NEG(2) | NEG(3), 0,
	 0},
	{SMCCC_FAST64(OEN_STD, TRNG_FN_RND), 4, SH_TRNG64, NEG(2) | NEG(3), 0,
	 0},
	/* Not this domain's to use: refused with the monitor ABI's codes. */
	{ARB_MON_ATTACH, 4, SH_NONE, 0x7e, NO_NONNEG},
	{ARB_MON_DETACH, 1, SH_NONE, 0x7e, NO_NONNEG},
	{ARB_MON_REPLY, 1, SH_NONE, 0x7e, NO_NONNEG},
	{ARB_MON_WAIT, 2, SH_NONE, 0x7e, NO_NONNEG},
};
#define NFNS (sizeof(fns) / sizeof(fns[0]))

/*
 * With sip-forwarded=1 the SiP range goes to the firmware, which may
 * return results in any of x0-x17 (SMCCC 1.2): only x18-x28 and the PC
 * are checked.
 */
static const struct fn forwarded = {0, 18, SH_NONE, ANYX0, ANY_NONNEG};

/*
 * With tee-routed=1 OP-TEE's and FF-A's ranges go to Arbiter's mediators,
 * which answer in x0-x3 (OP-TEE) and w0-w7 (FF-A): the rest must come back
 * untouched, whatever x0 says. Addresses they are given that fall in our
 * own RAM are moved into a scratch window (the third quarter of RAM, far
 * from the image, the stacks, the record kept across resets at 8 MiB and
 * the device tree at the end): a TEE may write where a guest points it,
 * and a guest pointing it at its own code would only test itself.
 */
static const struct fn tee_optee = {0, 4, SH_TEE, ANYX0, ANY_NONNEG};
static const struct fn tee_ffa = {0, 8, SH_TEE, ANYX0, ANY_NONNEG};

static const struct fn *tee_fn(uint32_t canon)
{
	uint32_t fn = canon & 0xffffu;

	if (!tee_routed || !canon)
		return NULL;
	if ((canon & 0xffff0000u) == 0xb2000000u ||
	    (canon & 0xffff0000u) == 0x32000000u ||
	    (canon & 0xffffff00u) == 0xbf00ff00u)
		return &tee_optee;
	if (((canon & 0xffff0000u) == 0x84000000u ||
	     (canon & 0xffff0000u) == 0xc4000000u) &&
	    fn >= 0x60 && fn <= 0xef)
		return &tee_ffa;
	return NULL;
}

/* A value whose low 32 bits name our RAM (OP-TEE's calls are SMC32: an
 * address is built from two registers' low halves) names the scratch
 * window instead; the upper bits are kept. */
static uint64_t tee_scratch(uint64_t v)
{
	uint64_t q = guest_ram_size / 4, win = guest_ram_base + 2 * q;
	uint64_t lo = v & 0xffffffffull;

	if (lo < guest_ram_base || lo >= guest_ram_base + guest_ram_size)
		return v;
	return (v & ~0xffffffffull) | (win + (lo - guest_ram_base) % q);
}

/* An OP-TEE argument at `page` that is nearly right: a command, a few
 * parameters of every type, addresses anywhere (ours in the scratch). */
static void tee_random_arg(struct cpu_state *s, uint64_t page)
{
	static const uint64_t attrs[] = {0,	1,     2,     3,     5,
					 6,	7,     9,     0xa,   0xb,
					 0x109, 0x209, 0x20a, 0x20b, 0x10001};
	uint32_t *h = (uint32_t *)(uintptr_t)page;
	uint64_t *p = (uint64_t *)(uintptr_t)(page + 32);
	uint32_t n = (uint32_t)rnd_below(s, 7);

	h[0] = (uint32_t)rnd_below(s, 7);	    /* cmd */
	h[1] = (uint32_t)rnd_below(s, 6);	    /* func */
	h[2] = (uint32_t)(0x100 + rnd_below(s, 8)); /* session */
	h[7] = rnd_below(s, 8) ? n : (uint32_t)rnd(s);
	for (unsigned i = 0; i < n * 4; i += 4) {
		p[i] = attrs[rnd_below(s, sizeof(attrs) / sizeof(attrs[0]))];
		p[i + 1] = tee_scratch(random_arg(s));
		p[i + 2] = rnd_below(s, 2) ? rnd_below(s, 0x3000) : rnd(s);
		p[i + 3] = rnd_below(s, 2) ? rnd_below(s, 16) : rnd(s);
	}
}

/*
 * Our RAM moved to the scratch window; and half the time a call made
 * nearly right, so the mediators' deeper paths and the secure side run:
 * a CALL_WITH_ARG at a scratch page holding a near-valid argument, RX/TX
 * buffers on scratch pages, a direct request to a real partition.
 */
static void shape_tee(struct cpu_state *s, uint32_t fid, uint64_t *x)
{
	uint64_t q = guest_ram_size / 4;
	uint64_t page =
		guest_ram_base + 2 * q + 4096 * rnd_below(s, q / 4096 - 1);

	for (unsigned i = 1; i < 8; i++)
		x[i] = tee_scratch(x[i]);
	if (rnd_below(s, 2))
		return;
	switch (fid) {
	case 0x32000004u: /* CALL_WITH_ARG */
		tee_random_arg(s, page);
		x[1] = 0;
		x[2] = page;
		break;
	case 0x84000066u: /* FFA_RXTX_MAP */
	case 0xc4000066u:
		x[1] = page;
		x[2] = page + 4096;
		x[3] = 1;
		break;
	case 0x8400006fu: /* FFA_MSG_SEND_DIRECT_REQ */
	case 0xc400006fu:
		x[1] = 1u << 16 | (0x8001u + (uint32_t)rnd_below(s, 2));
		x[2] = 0;
		break;
	default:
		break;
	}
}

/* Calls a random stream must never make (they end the vCPU or domain). */
static bool forbidden(uint32_t canon)
{
	static const uint32_t no[] = {
		P32(PSCI_FN_CPU_OFF),	 P32(PSCI_FN_CPU_FREEZE),
		P32(PSCI_FN_SYSTEM_OFF), P32(PSCI_FN_SYSTEM_RESET),
		P64(PSCI_FN_CPU_OFF),	 P64(PSCI_FN_CPU_FREEZE),
		P64(PSCI_FN_SYSTEM_OFF), P64(PSCI_FN_SYSTEM_RESET),
	};

	for (unsigned i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (canon == no[i])
			return true;
	return false;
}

static const struct fn *fn_find(uint32_t canon)
{
	for (unsigned i = 0; i < NFNS; i++)
		if (fns[i].fid == canon)
			return &fns[i];
	return NULL;
}

/* The ID the router acts on, or 0 when it must answer "unknown". */
static uint32_t canonical(uint32_t w0)
{
	if (w0 & SMCCC_FAST_BIT) {
		if (w0 & SMCCC_FAST_MBZ_MASK)
			return 0;
		return w0 & ~SMCCC_SVE_HINT_BIT;
	}
	return (w0 & SMCCC_YIELD_HI_MASK) ? 0 : w0;
}

uint64_t random_arg(struct cpu_state *s)
{
	uint64_t ram = guest_ram_base, end = guest_ram_base + guest_ram_size;

	switch (rnd_below(s, 14)) {
	case 0:
		return 0;
	case 1:
		return rnd_below(s, 8);
	case 2:
		return ~0ull - rnd_below(s, 4);
	case 3:
		return ram + (rnd(s) % guest_ram_size);
	case 4:
		return end - 8 + rnd_below(s, 16); /* our RAM's end */
	case 5:
		return end + rnd_below(s, 0x10000000); /* other domains */
	case 6:
		return 0x40200000ull + rnd_below(s, 0x200000); /* hypervisor */
	case 7:
		return 0x0e000000ull + rnd_below(s, 0x1000000); /* secure RAM */
	case 8:
		return 0x100000000ull + rnd(s) % 0x100000000ull;
	case 9:
		return guest_cpu_mpidr[rnd_below(s, guest_ncpus)];
	case 10:
		return fns[rnd_below(s, NFNS)].fid;
	case 11:
		return rnd(s) & 0xffffffffull;
	default:
		return rnd(s);
	}
}

/* A function of the TEE ranges routed to the mediators, or beside one. */
static uint32_t random_tee_fid(struct cpu_state *s)
{
	static const uint32_t std[] = {0x32000003u, 0x32000004u, 0x32000012u,
				       0x32000013u};

	switch (rnd_below(s, 5)) {
	case 0:
		return 0xbf00ff00u + (uint32_t)rnd_below(s, 4); /* queries */
	case 1:
		return 0xb2000000u + (uint32_t)rnd_below(s, 0x18); /* fast */
	case 2:
	case 3: /* CALL_WITH_ARG, RETURN_FROM_RPC and their kin */
		return std[rnd_below(s, 4)];
	default: /* FF-A, SMC32 or SMC64 */
		return (rnd_below(s, 2) ? 0x84000060u : 0xc4000060u) +
		       (uint32_t)rnd_below(s, 0x30);
	}
}

static uint32_t random_fid(struct cpu_state *s)
{
	uint32_t f = fns[rnd_below(s, NFNS)].fid;

	if (tee_routed && rnd_below(s, 3) == 0)
		return random_tee_fid(s);

	switch (rnd_below(s, 16)) {
	case 0:
	case 1:
		return f + 1;
	case 2:
		return f - 1;
	case 3:
	case 4:
		return f | SMCCC_SVE_HINT_BIT;
	case 5:
		return f | (1u << (17 + rnd_below(s, 7))); /* reserved bits */
	case 6:
		return f ^ SMCCC_64_BIT;
	case 7: /* any owning entity, fast, either width */
		return SMCCC_FID(1, rnd_below(s, 2), rnd_below(s, 64),
				 rnd_below(s, 4) ? rnd_below(s, 0x100)
						 : rnd(s) & 0xffff);
	case 8: /* yielding */
		return (uint32_t)rnd(s) & 0x7fffffffu;
	case 9:
		return (uint32_t)rnd(s);
	default:
		return f;
	}
}

static uint64_t bad_entry(struct cpu_state *s)
{
	switch (rnd_below(s, 5)) {
	case 0:
		return guest_ram_base + guest_ram_size + rnd_below(s, 0x1000);
	case 1:
		return guest_ram_base - 4 - 4 * rnd_below(s, 0x1000);
	case 2:
		return 0x0e000000ull; /* secure RAM */
	case 3:
		return 0x100000000ull + guest_ram_base + guest_ram_size;
	default:
		return 0; /* flash */
	}
}

static unsigned target_index(uint64_t mpidr)
{
	for (unsigned i = 0; i < guest_ncpus; i++)
		if (guest_cpu_mpidr[i] == mpidr)
			return i;
	return ~0u;
}

/* 32-bit functions see the low halves only: what the handler sees. */
static uint64_t seen(const struct fn *f, uint64_t v)
{
	return smccc_is_64(f->fid) ? v : (uint32_t)v;
}

static void shape_cpu_on(struct cpu_state *s, unsigned cpu, const struct fn *f,
			 uint64_t *x)
{
	unsigned t = (unsigned)rnd_below(s, guest_ncpus);
	uint64_t upper = smccc_is_64(f->fid) ? 0 : rnd(s) << 32;

	if (rnd_below(s, 4))
		x[1] = guest_cpu_mpidr[t] | (rnd_below(s, 2) ? upper : 0);
	x[2] = rnd_below(s, 2) ? (uint64_t)(uintptr_t)chaos_entry | upper
			       : bad_entry(s);
	t = target_index(seen(f, x[1]));
	x[3] = CTX(CTX_KIND_ON, cpu, t & 0xff) | upper;
}

static void shape_suspend(struct cpu_state *s, uint64_t *x)
{
	static const uint32_t mbz[] = {1u << 28, 1u << 29, 1u << 31};

	switch (rnd_below(s, 64)) {
	case 0: /* standby: a real (short) wait */
		x[1] = rnd_below(s, 0x10000);
		break;
	case 1 ... 31: /* power-down to an invalid entry */
		x[1] = (1u << 30) | rnd_below(s, 0x10000);
		x[2] = bad_entry(s);
		break;
	default:
		x[1] = (uint32_t)rnd(s) | mbz[rnd_below(s, 3)];
		break;
	}
}

static void shape(struct cpu_state *s, unsigned cpu, const struct fn *f,
		  uint64_t *x)
{
	switch (f->shape) {
	case SH_CPU_ON:
		shape_cpu_on(s, cpu, f, x);
		break;
	case SH_SUSPEND:
		shape_suspend(s, x);
		break;
	case SH_BAD_ENTRY1:
		x[1] = bad_entry(s);
		break;
	case SH_RESET2:
		if ((uint32_t)x[1] == 0)
			x[1] |= 1u + (uint32_t)rnd_below(s, 0x7fffffff);
		break;
	case SH_OFF2:
		if ((uint32_t)x[1] == 1 && (uint32_t)x[2] == 0)
			x[2] |= 1;
		break;
	case SH_TRNG32:
	case SH_TRNG64:
		x[1] = rnd_below(s, 4) ? rnd_below(s, 200) : x[1];
		break;
	case SH_AFFINITY:
		x[2] = rnd_below(s, 4) ? rnd_below(s, 6) : x[2];
		break;
	case SH_TEE:
		shape_tee(s, (uint32_t)x[0] & ~SMCCC_SVE_HINT_BIT, x);
		break;
	default:
		break;
	}
}

static bool code_allowed(const struct fn *f, uint64_t x0)
{
	int64_t v = (int32_t)x0;

	if (f->neg == ANYX0)
		return true;
	/* An SMC64 function's code is a 64-bit value: sign-extended. */
	if (smccc_is_64(f->fid) && x0 != (uint64_t)v)
		return false;
	if (v < 0)
		return v >= -15 && (f->neg & (1u << -v));
	return v >= f->lo && v <= f->hi;
}

/* TRNG_RND: unused high bits of the result must be zero (TRNG 1.0). */
static bool trng_ok(const struct fn *f, const uint64_t *in, const uint64_t *o)
{
	bool is64 = f->shape == SH_TRNG64;
	uint64_t n = seen(f, in[1]), max = is64 ? 192 : 96, w = is64 ? 64 : 32;
	uint64_t r[3] = {o[3], o[2], o[1]}; /* least significant first */

	if (n == 0 || n > max)
		return (int32_t)o[0] == TRNG_INVALID_PARAMETERS;
	if ((int32_t)o[0] == TRNG_NO_ENTROPY)
		return true;
	if (o[0] != 0)
		return false;
	for (unsigned i = 0; i < 3; i++) {
		uint64_t lo = i * w, mask = w == 64 ? ~0ull : 0xffffffffull;
		uint64_t keep = n <= lo ? 0 : n - lo >= w ? w : n - lo;
		uint64_t allowed = keep >= 64 ? ~0ull : (1ull << keep) - 1;

		if ((r[i] & mask) & ~allowed)
			return false;
	}
	return true;
}

static bool extra_ok(const struct fn *f, unsigned cpu, const uint64_t *in,
		     const uint64_t *o)
{
	int32_t v = (int32_t)o[0];

	switch (f->shape) {
	case SH_TRNG32:
	case SH_TRNG64:
		return trng_ok(f, in, o);
	case SH_AFFINITY:
		return seen(f, in[2]) <= 3 || v == PSCI_INVALID_PARAMETERS;
	case SH_CPU_ON: {
		uint64_t entry = seen(f, in[2]);
		bool good = entry == (uint64_t)(uintptr_t)chaos_entry;

		if (target_index(seen(f, in[1])) >= guest_ncpus)
			return v == PSCI_INVALID_PARAMETERS;
		if (!good)
			return v == PSCI_INVALID_ADDRESS ||
			       v == PSCI_ALREADY_ON || v == PSCI_ON_PENDING;
		return v != PSCI_INVALID_ADDRESS &&
		       v != PSCI_INVALID_PARAMETERS;
	}
	case SH_SUSPEND: {
		uint32_t ps = (uint32_t)in[1];

		if (ps & 0xb0000000u)
			return v == PSCI_INVALID_PARAMETERS;
		return (ps & (1u << 30)) ? v == PSCI_INVALID_ADDRESS
					 : v == PSCI_SUCCESS;
	}
	default:
		(void)cpu;
		return true;
	}
}

static void check_regs(struct cpu_state *s, const struct chaos_regs *in,
		       const struct chaos_regs *o, unsigned from, uint32_t w0,
		       unsigned conduit)
{
	if (o->marker != 1)
		violation(s, "fid 0x%x %s: PC moved %llu times past the call",
			  w0, conduit_name(conduit),
			  (unsigned long long)o->marker);
	for (unsigned i = 0; i < 11; i++)
		if (o->canary[i] != in->canary[i])
			violation(s, "fid 0x%x %s: x%u changed", w0,
				  conduit_name(conduit), 18 + i);
	for (unsigned i = from; i < 18; i++)
		if (o->x[i] != in->x[i])
			violation(s, "fid 0x%x %s: x%u 0x%llx -> 0x%llx", w0,
				  conduit_name(conduit), i,
				  (unsigned long long)in->x[i],
				  (unsigned long long)o->x[i]);
}

/*
 * Self-test (selftest.c): pretend the hypervisor got one thing wrong, so
 * that each check is seen to fail at least once.
 */
static void mutate(unsigned nres, bool coded, bool bad_level,
		   struct chaos_regs *o)
{
	switch (chaos_mutation) {
	case MUT_REG:
		if (nres < 18)
			o->x[17] ^= 1;
		break;
	case MUT_CANARY:
		o->canary[5] ^= 1ull << 40;
		break;
	case MUT_PC:
		o->marker = 0;
		break;
	case MUT_UNKNOWN:
		if (nres == 1 && o->x[0] == SMCCC_UNKNOWN)
			o->x[0] = 0xffffffffull;
		break;
	case MUT_CODE:
		if (coded)
			o->x[0] = (uint64_t)(int64_t)PSCI_NOT_PRESENT;
		break;
	case MUT_EXTRA:
		if (bad_level)
			o->x[0] = PSCI_AFF_ON;
		break;
	default:
		break;
	}
}

static void fill_random(struct cpu_state *s, struct chaos_regs *r)
{
	for (unsigned i = 1; i < 18; i++)
		r->x[i] = random_arg(s);
	for (unsigned i = 0; i < 11; i++)
		r->canary[i] = rnd(s);
	r->marker = 0xdead;
}

void random_call(struct cpu_state *s, unsigned cpu)
{
	struct chaos_regs in, out;
	uint32_t w0 = random_fid(s), canon = canonical(w0);
	const struct fn *f = canon ? fn_find(canon) : NULL;
	unsigned conduit = (unsigned)rnd_below(s, 2);

	if (sip_forwarded && canon && smccc_is_fast(canon) &&
	    smccc_oen(canon) == OEN_SIP)
		f = &forwarded;
	if (tee_fn(canon))
		f = tee_fn(canon);

	if (canon && forbidden(canon))
		return;
	fill_random(s, &in);
	in.x[0] = w0 | (rnd_below(s, 2) ? rnd(s) << 32 : 0);
	if (f)
		shape(s, cpu, f, in.x);
	out = in;
	chaos_call(&out, conduit);
	if (chaos_mutation)
		mutate(f ? f->nres : 1, f && f->neg != ANYX0,
		       f && f->shape == SH_AFFINITY && seen(f, in.x[2]) > 3,
		       &out);
	s->calls++;
	count_code(s, f ? (int32_t)out.x[0] : (int64_t)out.x[0]);
	check_regs(s, &in, &out, f ? f->nres : 1, w0, conduit);
	if (!f && out.x[0] != SMCCC_UNKNOWN)
		violation(s, "unknown fid 0x%x %s: x0 = 0x%llx, not -1", w0,
			  conduit_name(conduit), (unsigned long long)out.x[0]);
	if (f && !code_allowed(f, out.x[0]))
		violation(s, "fid 0x%x %s: x0 = %lld not in its set", w0,
			  conduit_name(conduit), (long long)(int32_t)out.x[0]);
	if (f && !extra_ok(f, cpu, in.x, out.x))
		violation(s, "fid 0x%x %s: x0 = %lld wrong for its arguments",
			  w0, conduit_name(conduit),
			  (long long)(int32_t)out.x[0]);
	if (f && f->shape == SH_CPU_ON && out.x[0] == 0)
		s->cpu_on_ok++;
}

uint64_t checked_call(struct cpu_state *s, unsigned conduit, uint64_t *args,
		      unsigned nargs)
{
	struct chaos_regs in, out;
	const struct fn *f = fn_find((uint32_t)args[0]);

	fill_random(s, &in);
	for (unsigned i = 0; i < nargs && i < 18; i++)
		in.x[i] = args[i];
	out = in;
	chaos_call(&out, conduit);
	s->calls++;
	count_code(s, (int32_t)out.x[0]);
	check_regs(s, &in, &out, f ? f->nres : 1, (uint32_t)args[0], conduit);
	if (f && !code_allowed(f, out.x[0]))
		violation(s, "fid 0x%x %s: x0 = %lld not in its set",
			  (uint32_t)args[0], conduit_name(conduit),
			  (long long)(int32_t)out.x[0]);
	return out.x[0];
}
