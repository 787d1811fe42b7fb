/* SPDX-License-Identifier: MIT */
/*
 * A domain's compiled policy: for each conduit, a three-level radix table
 * over the function ID (bits 31:24 = call type, width and owning entity;
 * then bits 15:8; then bits 7:0) whose leaves name a verdict. Lookup is
 * three dependent loads whatever the number of rules. Built once when the
 * domain is created, then sealed and never written again.
 */
#ifndef ARBITER_POLICY_H
#define ARBITER_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "arbiter/config.h"
#include "arbiter/services.h"

struct arena;

#define POLICY_INDIRECT 0x8000u /* entry names a table, not a verdict */
#define POLICY_NO_RULE	0xffffu /* verdict came from the defaults */

/* What happens to a call, after access is decided. */
struct verdict {
	uint8_t action;	  /* enum rule_action actually taken */
	uint8_t fallback; /* enum rule_action when a monitor hands it back */
	uint8_t tee;	  /* enum tee_kind with ACTION_TEE */
	uint8_t audit;	  /* log denials of this verdict */
	uint16_t rule;	  /* index into the domain's rules, or POLICY_NO_RULE */
	const struct builtin_fn *fn; /* emulate: the built-in, NULL if none */
	/* fn->handler when action is emulate and fn exists, else NULL: the
	 * common case dispatches on this one field. */
	builtin_handler_fn handler;
};

struct policy {
	uint16_t root[2][256]; /* [conduit][fid >> 24] */
	const uint16_t (*tables)[256];
	const struct verdict *verdicts;
	uint32_t ntables;
	uint32_t nverdicts;
	const struct domain_config *cfg;
};

static inline const struct verdict *policy_lookup(const struct policy *p,
						  unsigned conduit,
						  uint32_t fid)
{
	uint32_t e = p->root[conduit][fid >> 24];

	if (e & POLICY_INDIRECT) {
		e = p->tables[e & ~POLICY_INDIRECT][(fid >> 8) & 0xffu];
		if (e & POLICY_INDIRECT)
			e = p->tables[e & ~POLICY_INDIRECT][fid & 0xffu];
	}
	return &p->verdicts[e];
}

/* True when a call with this verdict reaches something that answers it. */
static inline bool verdict_allows(const struct verdict *v)
{
	return v->action != ACTION_DENY &&
	       (v->action != ACTION_EMULATE || v->fn != 0);
}

/*
 * Compile a domain's rules (dc->rules) over the defaults. Reports conflicts
 * and forbidden routes through errs, naming the rule nodes; returns NULL
 * when there were errors or the arena is too small.
 */
const struct policy *policy_compile(const struct domain_config *dc,
				    struct arena *a,
				    struct config_errors *errs);

#endif
