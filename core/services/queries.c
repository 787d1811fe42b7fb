// SPDX-License-Identifier: MIT
/*
 * Call Count, Call UID and Revision of the ranges the hypervisor owns
 * (CPU service, standard secure service as virtualized, standard and vendor
 * hypervisor services). Counts come from the dispatch table filtered by the
 * caller's own policy, never from a hand-kept number.
 */
#include "arbiter/builtins.h"
#include "arbiter/route.h"
#include "arbiter/services.h"
#include "arbiter/smccc.h"

struct range_identity {
	uint32_t oen;
	uint32_t uid[4];
	uint32_t major, minor;
};

static const struct range_identity identities[] = {
	/* Arbiter CPU service: 9b014112-9bfa-4b4a-a2cc-d4ea570b7464 */
	{OEN_CPU, {0x1241019b, 0x4a4bfa9b, 0xead4cca2, 0x64740b57}, 1, 0},
	/* Arbiter standard secure service: 907d3793-97ca-4d65-a71b-2e6e0d1cf846
	 */
	{OEN_STD, {0x93377d90, 0x654dca97, 0x6e2e1ba7, 0x46f81c0d}, 1, 0},
	/* Arbiter hypervisor: 77f5d079-0461-4d62-863e-6799db487528 */
	{OEN_STD_HYP, {0x79d0f577, 0x624d6104, 0x99673e86, 0x287548db}, 1, 0},
	{OEN_VENDOR_HYP,
	 {0x79d0f577, 0x624d6104, 0x99673e86, 0x287548db},
	 1,
	 0},
};

static const struct range_identity *identity_of(uint32_t fid)
{
	for (unsigned i = 0; i < sizeof(identities) / sizeof(identities[0]);
	     i++)
		if (identities[i].oen == smccc_oen(fid))
			return &identities[i];
	return NULL;
}

enum call_outcome query_call_count(struct call_frame *f)
{
	uint32_t oen = smccc_oen(f->fid), count = 0;

	for (size_t i = 0; i < builtin_fn_count; i++) {
		const struct builtin_fn *fn = &builtin_fns[i];

		if (smccc_oen(fn->fid) == oen &&
		    !builtin_is_general_query(fn->fid) &&
		    route_query(f, fn->fid))
			count++;
	}
	call_set(f, 0, count);
	return CALL_DONE;
}

enum call_outcome query_call_uid(struct call_frame *f)
{
	const struct range_identity *id = identity_of(f->fid);

	if (!id) {
		call_set(f, 0, SMCCC_NOT_SUPPORTED);
		return CALL_DONE;
	}
	for (unsigned i = 0; i < 4; i++)
		f->x[i] = id->uid[i];
	return CALL_DONE;
}

enum call_outcome query_revision(struct call_frame *f)
{
	const struct range_identity *id = identity_of(f->fid);

	if (!id) {
		call_set(f, 0, SMCCC_NOT_SUPPORTED);
		return CALL_DONE;
	}
	f->x[0] = id->major;
	f->x[1] = id->minor;
	return CALL_DONE;
}
