/* SPDX-License-Identifier: MIT */
/*
 * Decoding shared by the router and by everything that must agree with it
 * (the policy explainer, the fuzzer's oracle): one definition of what a
 * trapped call is before any handler sees it.
 */
#ifndef ARBITER_ROUTE_H
#define ARBITER_ROUTE_H

#include <stdint.h>

#include "arbiter/call.h"
#include "arbiter/domain.h"
#include "arbiter/policy.h"
#include "arbiter/smccc.h"

enum decode_result {
	DECODE_OK,
	DECODE_IMMEDIATE, /* non-zero immediate: not an SMCCC call */
	DECODE_RESERVED,  /* fast call with bits 23:17 set, or yielding 23:16 */
	DECODE_64_FROM_32, /* SMC64/HVC64 ID from an AArch32 caller */
};

/*
 * Decode w0 into the routable FID (hint bit cleared for fast calls). The
 * common case is one combined test; the reason is worked out only for a
 * malformed call.
 */
static inline enum decode_result call_decode(uint64_t x0, unsigned state,
					     unsigned imm, uint32_t *fid_out)
{
	uint32_t fid = (uint32_t)x0;
	uint32_t mbz = SMCCC_YIELD_HI_MASK;

	if (fid & SMCCC_FAST_BIT) {
		fid &= ~SMCCC_SVE_HINT_BIT;
		mbz = SMCCC_FAST_MBZ_MASK;
	}
	/* state is 1 for AArch32; fid >> 30 has the SMC64 bit in bit 0. */
	if (__builtin_expect((imm | (fid & mbz) | (state & (fid >> 30))) == 0,
			     1)) {
		*fid_out = fid;
		return DECODE_OK;
	}
	if (imm != 0)
		return DECODE_IMMEDIATE;
	if (fid & mbz)
		return DECODE_RESERVED;
	return DECODE_64_FROM_32;
}

/* The verdict the caller's policy gives `fid` over `conduit`. */
static inline const struct verdict *route_lookup(const struct domain *d,
						 unsigned conduit, uint32_t fid)
{
	return policy_lookup(d->policy, conduit, fid);
}

/*
 * Whether `fid` (as a FEATURES query names it) is a call this caller may
 * make and something answers: the one rule behind every FEATURES answer.
 */
const struct verdict *route_query(const struct call_frame *f, uint32_t fid);

/* Forward the frame's call to firmware with the caller's client ID in w7. */
enum call_outcome route_forward(struct call_frame *f);

#endif
