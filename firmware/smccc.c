// SPDX-License-Identifier: MIT
/*
 * SMCCC 1.2 at EL3: decode one SMC into a struct fw_call (x0-x17, SMC32
 * arguments masked to 32 bits, the client ID from w7[15:0]), count it, and
 * hand it to the service owning its OEN. Handlers write only their results
 * into the saved frame, so every other register (x4-x17 included) returns
 * to the caller unchanged. Also the Arm Architecture calls (OEN 0).
 */
#include "fw.h"
#include "sysreg.h"
#include "arbiter/ffa.h"

#define SPSR_AARCH32 (1ull << 4)
#define ESR_EC_SMC64 0x17u

/* SMCCC_ARCH_SOC_ID type 0: bit 31 clear, JEP-106 continuation bank in
 * [30:24], identity code in [23:16], SoC ID in [15:0]. Bank 126 does not
 * exist (JEP-106 has fewer than 20 banks), so this made-up "Arbiter QEMU"
 * code cannot collide with a real vendor. */
#define ARCH_SOC_JEP106_BANK 0x7eu
#define ARCH_SOC_JEP106_ID   0x41u
#define ARCH_SOC_ID_IMPL     0x0001u
#define ARCH_SOC_VERSION                                                       \
	((ARCH_SOC_JEP106_BANK << 24) | (ARCH_SOC_JEP106_ID << 16) |           \
	 ARCH_SOC_ID_IMPL)
#define ARCH_SOC_REVISION 0x00000001u

/*
 * Workaround answers (SMCCC_ARCH_FEATURES): 1 = "this PE is not affected".
 * QEMU's TCG executes each instruction architecturally, with no branch
 * prediction or speculative loads, so Spectre-v2 (WORKAROUND_1), speculative
 * store bypass (WORKAROUND_2) and branch history injection (WORKAROUND_3)
 * cannot happen on the emulated CPU. The calls themselves are no-ops.
 */
#define ARCH_WA_UNAFFECTED 1

static int64_t arch_features(uint64_t fid)
{
	switch (fid) {
	case ARM_SMCCC_VERSION:
	case ARM_SMCCC_ARCH_FEATURES:
	case ARM_SMCCC_ARCH_SOC_ID:
		return SMCCC_SUCCESS;
	case ARM_SMCCC_ARCH_WORKAROUND_1:
	case ARM_SMCCC_ARCH_WORKAROUND_2:
	case ARM_SMCCC_ARCH_WORKAROUND_3:
		return ARCH_WA_UNAFFECTED;
	default:
		return SMCCC_NOT_SUPPORTED;
	}
}

void fw_arch_handle(struct fw_call *c)
{
	switch (c->fid) {
	case ARM_SMCCC_VERSION:
		fw_ret(c, SMCCC_VERSION_1_2);
		return;
	case ARM_SMCCC_ARCH_FEATURES:
		fw_ret(c, arch_features(fw_arg(c, 1)));
		return;
	case ARM_SMCCC_ARCH_SOC_ID:
		if (fw_arg(c, 1) == 0)
			fw_ret(c, ARCH_SOC_VERSION);
		else if (fw_arg(c, 1) == 1)
			fw_ret(c, ARCH_SOC_REVISION);
		else
			fw_ret(c, SMCCC_INVALID_PARAMETER);
		return;
	case ARM_SMCCC_ARCH_WORKAROUND_1:
	case ARM_SMCCC_ARCH_WORKAROUND_2:
	case ARM_SMCCC_ARCH_WORKAROUND_3:
		fw_ret(c, SMCCC_SUCCESS);
		return;
	default:
		fw_ret(c, SMCCC_NOT_SUPPORTED);
		return;
	}
}

static void smccc_std_handle(struct fw_call *c)
{
	uint32_t fn = smccc_func(c->fid);

	if (fn <= PSCI_FN_LAST)
		fw_psci_handle(c);
	else if (fn >= TRNG_FN_VERSION && fn <= TRNG_FN_RND)
		fw_trng_handle(c);
	else if (fn >= FFA_FN_FIRST && fn <= FFA_FN_LAST)
		fw_ffa_handle(c);
	else
		fw_ret(c, SMCCC_NOT_SUPPORTED);
}

/* OP-TEE's calls go to the test TEE: OEN 50 (fast and yielding) and the
 * Trusted OS queries in OEN 63. */
#define OEN_TOS_OPTEE 50u

/* Calls no service may see: yielding calls other than the trusted OS's,
 * fast calls with bits 23:17 set, SMC64 IDs from AArch32, a non-zero SMC
 * immediate (reserved by SMCCC). */
static bool smccc_malformed(const struct fw_call *c, uint64_t esr)
{
	if (!smccc_is_fast(c->fid) && smccc_oen(c->fid) != OEN_TOS_OPTEE)
		return true;
	if (smccc_is_fast(c->fid) && (c->fid & SMCCC_FAST_MBZ_MASK))
		return true;
	if (c->is64 && c->aarch32)
		return true;
	return ((esr >> 26) & 0x3f) == ESR_EC_SMC64 && (esr & 0xffff) != 0;
}

static bool smccc_is_ffa(uint32_t fid)
{
	return smccc_is_fast(fid) && smccc_oen(fid) == OEN_STD &&
	       smccc_func(fid) >= FFA_FN_FIRST &&
	       smccc_func(fid) <= FFA_FN_LAST;
}

void fw_smc_dispatch(struct fw_frame *f, uint64_t esr, uint64_t spsr)
{
	struct fw_call c;

	c.out = f;
	c.fid = (uint32_t)f->x[0] & ~SMCCC_SVE_HINT_BIT;
	c.is64 = smccc_is_64(c.fid);
	c.aarch32 = (spsr & SPSR_AARCH32) != 0;
	c.el = c.aarch32 ? 1 : (unsigned)((spsr >> 2) & 3);
	/* FF-A calls use w7 as an argument, not a client ID: their caller
	 * is endpoint 0 whoever it acts for. */
	c.client = smccc_is_ffa(c.fid) ? 0 : (uint16_t)f->x[7];
	c.cpu = fw_this_cpu();
	fw_sip_count(c.cpu, c.client, smccc_oen(c.fid) == OEN_SIP);
	if (smccc_malformed(&c, esr)) {
		f->x[0] = SMCCC_UNKNOWN;
		return;
	}
	switch (smccc_oen(c.fid)) {
	case OEN_ARCH:
		fw_arch_handle(&c);
		return;
	case OEN_SIP:
		fw_sip_handle(&c);
		return;
	case OEN_STD:
		smccc_std_handle(&c);
		return;
	case OEN_TOS_OPTEE:
	case OEN_TOS_LAST:
		fw_tee_handle(&c);
		return;
	default:
		f->x[0] = SMCCC_UNKNOWN;
		return;
	}
}
