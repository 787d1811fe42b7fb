// SPDX-License-Identifier: MIT
/*
 * TRNG 1.0 (DEN0098). Entropy comes from the firmware's own TRNG when it
 * has one (the hypervisor's own call, R9), else from the platform.
 */
#include "arbiter/builtins.h"
#include "arbiter/firmware_caps.h"
#include "arbiter/platform.h"
#include "arbiter/route.h"
#include "arbiter/smccc.h"

/* Arbiter's platform entropy source: be2a4b59-77dd-468e-aa54-91a038555cf4. */
static const uint32_t arbiter_trng_uuid[4] = {0x594b2abe, 0x8e46dd77,
					      0xa09154aa, 0xf45c5538};

enum call_outcome trng_version(struct call_frame *f)
{
	call_set(f, 0, TRNG_VERSION_1_0);
	return CALL_DONE;
}

enum call_outcome trng_features(struct call_frame *f)
{
	uint32_t fid = (uint32_t)call_arg(f, 1) & ~SMCCC_SVE_HINT_BIT;
	const struct verdict *vd = route_query(f, fid);
	bool trng = smccc_is_fast(fid) && smccc_oen(fid) == OEN_STD &&
		    smccc_func(fid) >= TRNG_FN_VERSION &&
		    smccc_func(fid) <= TRNG_FN_RND;

	call_set(f, 0, vd && trng ? TRNG_SUCCESS : TRNG_NOT_SUPPORTED);
	return CALL_DONE;
}

enum call_outcome trng_get_uuid(struct call_frame *f)
{
	const uint32_t *u = firmware_caps.trng_version ? firmware_caps.trng_uuid
						       : arbiter_trng_uuid;

	for (unsigned i = 0; i < 4; i++)
		f->x[i] = u[i];
	return CALL_DONE;
}

/* out[0] = bits 63:0, out[1] = 127:64, out[2] = 191:128. */
static int entropy_fetch(uint64_t out[3], unsigned nbits)
{
	struct smccc_regs r = {{0}};

	if (!firmware_caps.trng_version)
		return plat_entropy_get(out, nbits);
	r.x[0] = SMCCC_FAST64(OEN_STD, TRNG_FN_RND);
	r.x[1] = nbits;
	plat_firmware_call(&r);
	if ((int64_t)r.x[0] != TRNG_SUCCESS)
		return TRNG_NO_ENTROPY;
	out[0] = r.x[3];
	out[1] = r.x[2];
	out[2] = r.x[1];
	return TRNG_SUCCESS;
}

/* Keep only the low `nbits` bits of the 192-bit value. */
static void entropy_trim(uint64_t v[3], unsigned nbits)
{
	for (unsigned i = 0; i < 3; i++) {
		unsigned lo = i * 64u;

		if (nbits <= lo)
			v[i] = 0;
		else if (nbits - lo < 64u)
			v[i] &= ((uint64_t)1 << (nbits - lo)) - 1u;
	}
}

enum call_outcome trng_rnd(struct call_frame *f)
{
	bool is64 = smccc_is_64(f->fid);
	uint64_t n = call_arg(f, 1), v[3] = {0, 0, 0};
	unsigned max = is64 ? 192u : 96u;

	if (n == 0 || n > max) {
		call_set(f, 0, TRNG_INVALID_PARAMETERS);
		return CALL_DONE;
	}
	if (entropy_fetch(v, (unsigned)n) != TRNG_SUCCESS) {
		call_set(f, 0, TRNG_NO_ENTROPY);
		f->x[1] = f->x[2] = f->x[3] = 0;
		return CALL_DONE;
	}
	entropy_trim(v, (unsigned)n);
	call_set(f, 0, TRNG_SUCCESS);
	if (is64) {
		f->x[1] = v[2];
		f->x[2] = v[1];
		f->x[3] = v[0];
	} else {
		/* W1 = bits 95:64, W2 = 63:32, W3 = 31:0. */
		f->x[1] = v[1] & 0xffffffffu;
		f->x[2] = v[0] >> 32;
		f->x[3] = v[0] & 0xffffffffu;
	}
	return CALL_DONE;
}
