// SPDX-License-Identifier: MIT
/*
 * TRNG 1.0 (Arm DEN0098) backed by the CPU's RNDR (FEAT_RNG; QEMU's -cpu
 * max has it). RNDR sets PSTATE.Z when it could not deliver; we retry a
 * bounded number of times and then answer NO_ENTROPY, never block.
 */
#include "fw.h"
#include "sysreg.h"

#define TRNG_RETRIES	16
#define TRNG_MAX_BITS32 96
#define TRNG_MAX_BITS64 192

/* Our entropy source's UUID, 1c0a6b8e-5d2f-4c3e-9a61-7b2e4f8d0c35, byte 0
 * in bits [7:0] of W0 (the SMCCC UID convention). */
static const uint32_t trng_uuid[4] = {0x8e6b0a1cu, 0x3e4c2f5du, 0x2e7b619au,
				      0x350c8d4fu};

static bool trng_have_rndr;

void fw_trng_init(void)
{
	trng_have_rndr = fw_field(read_id_aa64isar0_el1(), 60) != 0;
}

bool fw_trng_present(void)
{
	return trng_have_rndr;
}

static bool trng_rndr(uint64_t *out)
{
	unsigned tries;

	for (tries = 0; tries < TRNG_RETRIES; tries++) {
		uint64_t v, ok;

		__asm__ volatile("mrs %0, S3_3_C2_C4_0\n\t"
				 "cset %1, ne"
				 : "=r"(v), "=r"(ok)
				 :
				 : "cc");
		if (ok) {
			*out = v;
			return true;
		}
	}
	return false;
}

bool fw_trng_feature(uint32_t fid)
{
	if (!trng_have_rndr)
		return false;
	switch (fid) {
	case SMCCC_FAST32(OEN_STD, TRNG_FN_VERSION):
	case SMCCC_FAST32(OEN_STD, TRNG_FN_FEATURES):
	case SMCCC_FAST32(OEN_STD, TRNG_FN_GET_UUID):
	case SMCCC_FAST32(OEN_STD, TRNG_FN_RND):
	case SMCCC_FAST64(OEN_STD, TRNG_FN_RND):
		return true;
	default:
		return false;
	}
}

/* N random bits, right-aligned: w[0] holds bits [63:0], w[1] [127:64],
 * w[2] [191:128]; bits at and above N are zero. */
static bool trng_fill(uint64_t w[3], unsigned nbits)
{
	unsigned i;

	for (i = 0; i < 3; i++) {
		unsigned lo = 64 * i;

		w[i] = 0;
		if (nbits <= lo)
			continue;
		if (!trng_rndr(&w[i]))
			return false;
		if (nbits - lo < 64)
			w[i] &= (1ull << (nbits - lo)) - 1;
	}
	return true;
}

static void trng_rnd(struct fw_call *c)
{
	uint64_t n = fw_arg(c, 1), w[3];
	uint64_t *x = c->out->x;

	if (n == 0 || n > (c->is64 ? TRNG_MAX_BITS64 : TRNG_MAX_BITS32)) {
		fw_ret(c, TRNG_INVALID_PARAMETERS);
		return;
	}
	if (!trng_fill(w, (unsigned)n)) {
		fw_ret(c, TRNG_NO_ENTROPY);
		x[1] = x[2] = x[3] = 0;
		return;
	}
	fw_ret(c, TRNG_SUCCESS);
	if (c->is64) {
		x[1] = w[2];
		x[2] = w[1];
		x[3] = w[0];
	} else {
		/* W1 = bits [95:64], W2 = [63:32], W3 = [31:0]. */
		x[1] = w[1] & 0xffffffffull;
		x[2] = w[0] >> 32;
		x[3] = w[0] & 0xffffffffull;
	}
}

void fw_trng_handle(struct fw_call *c)
{
	unsigned i;

	if (!fw_trng_feature(c->fid)) {
		fw_ret(c, SMCCC_NOT_SUPPORTED);
		return;
	}
	switch (smccc_func(c->fid)) {
	case TRNG_FN_VERSION:
		fw_ret(c, TRNG_VERSION_1_0);
		return;
	case TRNG_FN_FEATURES:
		fw_ret(c, (fw_arg(c, 1) <= 0xffffffffull &&
			   fw_trng_feature((uint32_t)fw_arg(c, 1)))
				  ? TRNG_SUCCESS
				  : TRNG_NOT_SUPPORTED);
		return;
	case TRNG_FN_GET_UUID:
		for (i = 0; i < 4; i++)
			c->out->x[i] = trng_uuid[i];
		return;
	default:
		trng_rnd(c);
		return;
	}
}
