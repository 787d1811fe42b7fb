/* SPDX-License-Identifier: MIT */
/*
 * Words for what the router does with a call, from the same decoding and
 * the same compiled table the router uses: the explainer cannot drift from
 * the router.
 */
#ifndef ARBITER_EXPLAIN_H
#define ARBITER_EXPLAIN_H

#include <stddef.h>
#include <stdint.h>

#include "arbiter/domain.h"
#include "arbiter/policy.h"

/* "forward client-id=1", "emulate psci", "deny", ... for one call. */
void explain_call(const struct domain *d, unsigned conduit, unsigned state,
		  uint64_t x0, char *buf, size_t size);

/* The same for a verdict already looked up (used by `show`). */
void explain_verdict(const struct domain *d, const struct verdict *v, char *buf,
		     size_t size);

/* Name of the rule that decided a verdict, or "default". */
const char *explain_rule(const struct domain *d, const struct verdict *v);

#endif
