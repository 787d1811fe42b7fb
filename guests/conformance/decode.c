// SPDX-License-Identifier: MIT
/*
 * SMCCC decoding as a guest sees it: unknown and malformed IDs, the SVE
 * hint, SMC32 argument masking, register preservation, the PC after the
 * call, and non-zero immediates. Every check runs over both conduits.
 */
#include "conformance.h"

static void check_unknown(enum guest_conduit c)
{
	static const uint32_t ids[] = {0x87001234u, 0x80000003u, 0xc6001234u,
				       0x8400001fu, 0x3f00ff00u};
	const char *cn = conduit_name(c);

	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct smccc_res r;

		regs_pattern(&r, ids[i]);
		smccc_call(c, &r);
		tap_ok(r.x[0] == MINUS1 && regs_unchanged_from(&r, 1),
		       "%s 0x%08x: x0 = -1 in all 64 bits, x1-x17 untouched",
		       cn, ids[i]);
	}
}

static void check_reserved_bits(enum guest_conduit c)
{
	const char *cn = conduit_name(c);

	for (unsigned bit = 17; bit <= 23; bit += 3) {
		struct smccc_res r;
		uint32_t fid = ARM_SMCCC_VERSION | (1u << bit);

		regs_pattern(&r, fid);
		smccc_call(c, &r);
		tap_ok(r.x[0] == MINUS1 && regs_unchanged_from(&r, 1),
		       "%s fast call with bit %u set is unknown", cn, bit);
	}
	tap_ok(smccc(c, ARM_SMCCC_VERSION | SMCCC_SVE_HINT_BIT, 0, 0, 0) ==
		       smccc(c, ARM_SMCCC_VERSION, 0, 0, 0),
	       "%s SVE hint bit 16 is ignored", cn);
	{
		struct smccc_res r = {
			{0xffffffff00000000ull | ARM_SMCCC_VERSION}};

		smccc_call(c, &r);
		tap_ok(r.x[0] == SMCCC_VERSION_1_3, "%s x0[63:32] is ignored",
		       cn);
	}
}

static void check_masking(enum guest_conduit c)
{
	const char *cn = conduit_name(c);
	struct smccc_res r = {{0}};

	/* PSCI_FEATURES is SMC32: only w1 names the function asked about. */
	r.x[0] = PSCI_0_2_FN(PSCI_FN_FEATURES);
	r.x[1] = 0xdeadbeef00000000ull | ARM_SMCCC_VERSION;
	smccc_call(c, &r);
	tap_ok(r.x[0] == 0 &&
		       r.x[1] == (0xdeadbeef00000000ull | ARM_SMCCC_VERSION),
	       "%s SMC32 argument masked, caller's x1 kept whole", cn);
	/* AFFINITY_INFO32 of vCPU 0 with junk above bit 31: still vCPU 0. */
	tap_ok(smccc(c, PSCI_0_2_FN(PSCI_FN_AFFINITY_INFO),
		     0xffffffff00000000ull | guest_cpu_mpidr[0], 0,
		     0) == PSCI_AFF_ON,
	       "%s AFFINITY_INFO32 sees only w1", cn);
	tap_ok((int64_t)smccc(c, PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO),
			      0xffffffff00000000ull | guest_cpu_mpidr[0], 0,
			      0) == PSCI_INVALID_PARAMETERS,
	       "%s AFFINITY_INFO64 sees all of x1", cn);
}

static void check_preserved(enum guest_conduit c)
{
	static const struct {
		uint32_t fid;
		unsigned first;
	} calls[] = {
		{ARM_SMCCC_VERSION, 1},
		{PSCI_0_2_FN(PSCI_FN_VERSION), 1},
		{SMCCC_FAST32(OEN_VENDOR_HYP, SMCCC_FN_CALL_UID), 4},
		{SMCCC_FAST32(OEN_VENDOR_HYP, SMCCC_FN_REVISION), 2},
		{PSCI_0_2_FN(PSCI_FN_MIGRATE_INFO_TYPE), 1},
	};

	for (unsigned i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		struct smccc_res r;

		regs_pattern(&r, calls[i].fid);
		smccc_call(c, &r);
		tap_ok(regs_unchanged_from(&r, calls[i].first),
		       "%s 0x%08x preserves x%u-x17", conduit_name(c),
		       calls[i].fid, calls[i].first);
	}
}

/* x20 counts the instructions after the call that ran: exactly one. */
static uint64_t count_after_fid(enum guest_conduit c, uint32_t fid)
{
	register uint64_t x0 __asm__("x0") = fid;
	uint64_t n = 0;

	if (c == GUEST_SMC)
		__asm__ volatile("mov x20, #0\n smc #0\n add x20, x20, #1\n"
				 "mov %1, x20"
				 : "+r"(x0), "=r"(n)
				 :
				 : "x1", "x2", "x3", "x4", "x5", "x6", "x7",
				   "x8", "x9", "x10", "x11", "x12", "x13",
				   "x14", "x15", "x16", "x17", "x20", "memory");
	else
		__asm__ volatile("mov x20, #0\n hvc #0\n add x20, x20, #1\n"
				 "mov %1, x20"
				 : "+r"(x0), "=r"(n)
				 :
				 : "x1", "x2", "x3", "x4", "x5", "x6", "x7",
				   "x8", "x9", "x10", "x11", "x12", "x13",
				   "x14", "x15", "x16", "x17", "x20", "memory");
	return n;
}

static uint64_t call_with_imm1(enum guest_conduit c, uint32_t fid)
{
	register uint64_t x0 __asm__("x0") = fid;

	if (c == GUEST_SMC)
		__asm__ volatile("smc #1"
				 : "+r"(x0)::"x1", "x2", "x3", "memory");
	else
		__asm__ volatile("hvc #1"
				 : "+r"(x0)::"x1", "x2", "x3", "memory");
	return x0;
}

static void check_pc_and_immediate(enum guest_conduit c)
{
	const char *cn = conduit_name(c);
	uint64_t x0, esr;

	tap_ok(count_after_fid(c, ARM_SMCCC_VERSION) == 1,
	       "%s: execution resumes exactly after the call", cn);
	/* WORKAROUND_1 too: the vector may answer it before anything else,
	 * and must still tell a non-zero immediate apart. */
	for (int k = 0; k < 2; k++) {
		uint32_t fid =
			k ? ARM_SMCCC_ARCH_WORKAROUND_1 : ARM_SMCCC_VERSION;

		expect_exception();
		x0 = call_with_imm1(c, fid);
		esr = exception_taken();
		if (profile.imm_unknown)
			tap_ok(esr == 0 && x0 == MINUS1,
			       "%s #1 0x%08x answers -1 (smccc-immediate = "
			       "unknown)",
			       cn, fid);
		else
			/* EC 0 (unknown reason), IL = 1: exactly 0x02000000. */
			tap_ok(esr == 0x02000000u && x0 == fid,
			       "%s #1 0x%08x is UNDEFINED (esr 0x%llx)", cn,
			       fid, (unsigned long long)esr);
	}
	x0 = smccc(c, ARM_SMCCC_ARCH_WORKAROUND_1, 0, 0, 0);
	tap_ok(count_after_fid(c, ARM_SMCCC_ARCH_WORKAROUND_1) == 1 &&
		       (x0 == 0 || x0 == MINUS1),
	       "%s WORKAROUND_1 returns once, after the call (x0 %lld)", cn,
	       (long long)x0);
}

void check_decoding(void)
{
	CONDUITS(c)
	{
		check_unknown(c);
		check_reserved_bits(c);
		check_masking(c);
		check_preserved(c);
		check_pc_and_immediate(c);
	}
}
