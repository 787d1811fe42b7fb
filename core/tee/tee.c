// SPDX-License-Identifier: MIT
/* The TEE mediator registry: a walk over the linker section. */
#include <stdint.h>
#include <string.h>

#include "arbiter/smccc.h"
#include "arbiter/tee.h"

/*
 * A sentinel entry (kind NONE, never matched) so the section, and with it
 * the linker's __start/__stop symbols, exists when no mediator is linked.
 */
TEE_MEDIATOR(tee_sentinel) = {.kind = TEE_NONE, .name = "none"};

extern const struct tee_mediator __start_tee_mediators[];
extern const struct tee_mediator __stop_tee_mediators[];

static const char *const tee_names[TEE_KIND_COUNT] = {
	[TEE_NONE] = "none",
	[TEE_OPTEE] = "optee",
	[TEE_FFA] = "ffa",
};

enum tee_kind tee_kind_by_name(const char *name)
{
	for (unsigned k = TEE_OPTEE; k < TEE_KIND_COUNT; k++)
		if (strcmp(tee_names[k], name) == 0)
			return (enum tee_kind)k;
	return TEE_NONE;
}

const char *tee_kind_name(unsigned kind)
{
	return kind < TEE_KIND_COUNT ? tee_names[kind] : "?";
}

const struct tee_mediator *tee_find(unsigned kind)
{
	/* The linker bounds one array; count it as integers, not pointers
	 * to two unrelated objects. */
	size_t n = ((uintptr_t)__stop_tee_mediators -
		    (uintptr_t)__start_tee_mediators) /
		   sizeof(struct tee_mediator);

	for (size_t i = 0; i < n; i++)
		if (__start_tee_mediators[i].kind == kind && kind != TEE_NONE)
			return &__start_tee_mediators[i];
	return NULL;
}

enum call_outcome tee_call(struct call_frame *f, unsigned kind)
{
	const struct tee_mediator *m = tee_find(kind);

	/* The configuration check refuses TEEs that are not linked in, so a
	 * missing mediator here means a policy built elsewhere: refuse. */
	if (!m) {
		f->x[0] = SMCCC_UNKNOWN;
		return CALL_DONE;
	}
	return m->call(f);
}
