/* SPDX-License-Identifier: MIT */
/*
 * TEE mediators. Which mediators exist is a link-time choice: each one is
 * an object file that places a `struct tee_mediator` in the `tee_mediators`
 * section (TEE_MEDIATOR()); the build's TEE variable picks the objects. A
 * configuration naming a TEE that is not linked in is an error.
 */
#ifndef ARBITER_TEE_H
#define ARBITER_TEE_H

#include <stdbool.h>

#include "arbiter/call.h"

enum tee_kind {
	TEE_NONE = 0,
	TEE_OPTEE,
	TEE_FFA,
	TEE_KIND_COUNT,
};

struct domain;

struct tee_mediator {
	enum tee_kind kind;
	const char *name;
	/* Boot: ask the secure side what it offers; false = absent. */
	bool (*probe)(void);
	/* A domain with this TEE was created / is being destroyed. */
	void (*domain_created)(struct domain *d);
	void (*domain_destroyed)(struct domain *d);
	/* One call routed to this mediator. */
	enum call_outcome (*call)(struct call_frame *f);
};

#define TEE_MEDIATOR(var)                                                      \
	static const struct tee_mediator var                                   \
		__attribute__((used, section("tee_mediators"), aligned(8)))

/* enum tee_kind for a configuration name, or TEE_NONE. */
enum tee_kind tee_kind_by_name(const char *name);
const char *tee_kind_name(unsigned kind);

/* The mediator linked in for `kind`, or NULL. */
const struct tee_mediator *tee_find(unsigned kind);

enum call_outcome tee_call(struct call_frame *f, unsigned kind);

#endif
