// SPDX-License-Identifier: MIT
/*
 * The TEE mediator framework: the registry (a walk over the linker
 * section), boot-time probing and the domain lifecycle hooks.
 */
#include <stdint.h>
#include <string.h>

#include "arbiter/config.h"
#include "arbiter/domain.h"
#include "arbiter/fmt.h"
#include "arbiter/smccc.h"
#include "arbiter/policy.h"
#include "arbiter/tee.h"

_Static_assert(TEE_KIND_COUNT <= DOMAIN_TEE_SLOTS, "domain tee slots");

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

/* Which linked mediators found their secure side at boot. */
static bool tee_found[TEE_KIND_COUNT];

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

static size_t tee_count(void)
{
	/* The linker bounds one array; count it as integers, not pointers
	 * to two unrelated objects. */
	return ((uintptr_t)__stop_tee_mediators -
		(uintptr_t)__start_tee_mediators) /
	       sizeof(struct tee_mediator);
}

const struct tee_mediator *tee_find(unsigned kind)
{
	size_t n = tee_count();

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

void tee_probe(void)
{
	for (unsigned k = TEE_OPTEE; k < TEE_KIND_COUNT; k++) {
		const struct tee_mediator *m = tee_find(k);

		tee_found[k] = m && m->probe && m->probe();
		if (m)
			log_printf("tee %s: %s", m->name,
				   tee_found[k] ? "secure side found"
						: "no secure side");
	}
}

bool tee_present(unsigned kind)
{
	return kind < TEE_KIND_COUNT && tee_found[kind];
}

/* Whether d's policy forwards m's std call, unmediated, on a conduit. */
static bool tee_forwarded(const struct domain *d, const struct tee_mediator *m)
{
	for (unsigned c = 0; m && m->std_fid && d->policy && c < 2; c++)
		if (policy_lookup(d->policy, c, m->std_fid)->action ==
		    ACTION_FORWARD)
			return true;
	return false;
}

bool tee_domain_init(struct domain *d, const struct config *cfg,
		     struct arena *a)
{
	const struct domain_config *dc = d->cfg;

	d->tee_kinds = 0;
	for (uint32_t i = 0; dc && i < dc->nrules; i++)
		if (dc->rules[i].action == ACTION_TEE &&
		    dc->rules[i].tee < TEE_KIND_COUNT)
			d->tee_kinds |= (uint8_t)(1u << dc->rules[i].tee);
	for (unsigned k = TEE_OPTEE; k < TEE_KIND_COUNT; k++) {
		const struct tee_mediator *m = tee_find(k);

		if (tee_forwarded(d, m))
			d->tee_kinds |= (uint8_t)(1u << k);
		if (!(d->tee_kinds & (1u << k)) || !m || !m->domain_init)
			continue;
		if (!m->domain_init(d, cfg, a))
			return false;
	}
	return true;
}

void tee_domain_started(struct domain *d)
{
	for (unsigned k = TEE_OPTEE; k < TEE_KIND_COUNT; k++) {
		const struct tee_mediator *m = tee_find(k);

		if ((d->tee_kinds & (1u << k)) && m && m->domain_created)
			m->domain_created(d);
	}
}

void tee_domain_stopped(struct domain *d)
{
	for (unsigned k = TEE_OPTEE; k < TEE_KIND_COUNT; k++) {
		const struct tee_mediator *m = tee_find(k);

		if ((d->tee_kinds & (1u << k)) && m && m->domain_destroyed)
			m->domain_destroyed(d);
	}
}
