// SPDX-License-Identifier: MIT
/*
 * Policy compiler: turns a domain's rules into the radix table of policy.h.
 *
 * Rules are painted from the widest reach to the narrowest, so the most
 * specific rule covering a function ID is the one left in the table; the
 * defaults are painted first of all, so any rule of the domain overrides
 * them. A monitor rule does not overwrite what lies below it: it wraps it,
 * so that handing a call back routes it as if the monitor rule were absent.
 */
#include <stddef.h>

#include "arbiter/arena.h"
#include "arbiter/policy.h"
#include "arbiter/smccc.h"

typedef uint16_t policy_table[256];

struct builder {
	struct arena *arena;
	struct config_errors *errs;
	const char *domain; /* for error messages */
	uint16_t root[2][256];
	policy_table **tables;
	uint32_t ntables, cap_tables;
	struct verdict *verdicts;
	uint32_t nverdicts, cap_verdicts;
	bool failed;
};

/* One range of one rule (or of the defaults), ready to paint. */
struct paint_item {
	uint32_t lo, hi;
	uint64_t reach; /* FIDs covered x conduits: smaller is more specific */
	uint8_t conduits;
	struct verdict v;
};

enum paint_kind { PAINT_SET, PAINT_MONITOR };

struct paint_op {
	enum paint_kind kind;
	uint16_t verdict; /* with PAINT_SET */
};

static bool verdict_equal(const struct verdict *a, const struct verdict *b)
{
	return a->action == b->action && a->fallback == b->fallback &&
	       a->tee == b->tee && a->audit == b->audit && a->rule == b->rule &&
	       a->fn == b->fn;
}

static bool grow(struct builder *b, void **arr, uint32_t *cap, size_t elem)
{
	uint32_t ncap = *cap ? *cap * 2 : 64;
	void *n = arena_alloc(b->arena, (size_t)ncap * elem, 16);
	const uint8_t *src = *arr;
	uint8_t *dst = n;

	if (!n || ncap >= POLICY_INDIRECT) {
		b->failed = true;
		return false;
	}
	for (size_t i = 0; i < (size_t)*cap * elem; i++)
		dst[i] = src[i];
	*arr = n;
	*cap = ncap;
	return true;
}

static uint16_t verdict_intern(struct builder *b, const struct verdict *v)
{
	for (uint32_t i = 0; i < b->nverdicts; i++)
		if (verdict_equal(&b->verdicts[i], v))
			return (uint16_t)i;
	if (b->nverdicts == b->cap_verdicts &&
	    !grow(b, (void **)&b->verdicts, &b->cap_verdicts, sizeof(*v)))
		return 0;
	b->verdicts[b->nverdicts] = *v;
	return (uint16_t)b->nverdicts++;
}

/* Make *entry point to a table filled with its former uniform value. */
static policy_table *table_split(struct builder *b, uint16_t *entry)
{
	policy_table *t;

	if (*entry & POLICY_INDIRECT)
		return b->tables[*entry & ~POLICY_INDIRECT];
	if (b->ntables == b->cap_tables &&
	    !grow(b, (void **)&b->tables, &b->cap_tables, sizeof(*b->tables)))
		return NULL;
	t = arena_alloc(b->arena, sizeof(*t), 64);
	if (!t) {
		b->failed = true;
		return NULL;
	}
	for (unsigned i = 0; i < 256; i++)
		(*t)[i] = *entry;
	b->tables[b->ntables] = t;
	*entry = (uint16_t)(POLICY_INDIRECT | b->ntables++);
	return t;
}

static uint16_t op_apply(struct builder *b, const struct paint_op *op,
			 uint16_t old)
{
	struct verdict v;

	if (op->kind == PAINT_SET)
		return op->verdict;
	v = b->verdicts[old];
	if (v.action == ACTION_DENY || v.action == ACTION_MONITOR)
		return old;
	v.fallback = v.action;
	v.action = ACTION_MONITOR;
	return verdict_intern(b, &v);
}

/* Paint entries [lo, hi] of the table level below *entry; depth 0 = leaf. */
static void paint_level(struct builder *b, uint16_t *entry, unsigned depth,
			uint32_t lo, uint32_t hi, const struct paint_op *op)
{
	uint32_t span = depth ? 0xffffu : 0xffu;
	policy_table *t;

	if (lo == 0 && hi == span) {
		if (op->kind == PAINT_SET || !(*entry & POLICY_INDIRECT)) {
			*entry = op_apply(b, op, *entry);
			return;
		}
	}
	t = table_split(b, entry);
	if (!t)
		return;
	if (!depth) {
		for (uint32_t i = lo; i <= hi; i++)
			(*t)[i] = op_apply(b, op, (*t)[i]);
		return;
	}
	for (uint32_t pg = lo >> 8; pg <= hi >> 8; pg++) {
		uint32_t plo = pg == lo >> 8 ? lo & 0xffu : 0;
		uint32_t phi = pg == hi >> 8 ? hi & 0xffu : 0xffu;
		paint_level(b, &(*t)[pg], 0, plo, phi, op);
	}
}

/* Paint FIDs [lo, hi]; only IDs with bits 23:16 clear are routable. */
static void paint_range(struct builder *b, unsigned conduits, uint32_t lo,
			uint32_t hi, const struct paint_op *op)
{
	for (uint32_t key = lo >> 24; key <= hi >> 24; key++) {
		uint32_t wlo = key << 24, whi = wlo | 0xffffu;
		uint32_t a = lo > wlo ? lo : wlo, z = hi < whi ? hi : whi;

		for (unsigned c = 0; a <= z && c < 2; c++)
			if (conduits & (1u << c))
				paint_level(b, &b->root[c][key], 1, a & 0xffffu,
					    z & 0xffffu, op);
	}
}

static uint16_t lookup_entry(const struct builder *b, unsigned c, uint32_t fid)
{
	uint16_t e = b->root[c][fid >> 24];

	if (e & POLICY_INDIRECT)
		e = (*b->tables[e & ~POLICY_INDIRECT])[(fid >> 8) & 0xffu];
	if (e & POLICY_INDIRECT)
		e = (*b->tables[e & ~POLICY_INDIRECT])[fid & 0xffu];
	return e;
}

static bool range_hits_arch(uint32_t lo, uint32_t hi)
{
	/* Fast OEN 0: 0x80000000-0x80ffffff and 0xc0000000-0xc0ffffff. */
	return (lo <= 0x80ffffffu && hi >= 0x80000000u) ||
	       (lo <= 0xc0ffffffu && hi >= 0xc0000000u);
}

static bool range_hits_psci(uint32_t lo, uint32_t hi)
{
	return (lo <= 0x8400001fu && hi >= 0x84000000u) ||
	       (lo <= 0xc400001fu && hi >= 0xc4000000u);
}

static bool range_hits_ffa(uint32_t lo, uint32_t hi)
{
	return (lo <= 0x840000efu && hi >= 0x84000060u) ||
	       (lo <= 0xc40000efu && hi >= 0xc4000060u);
}

/* Routes no configuration may ask for, whatever else it says. */
static void check_route(struct builder *b, const struct rule_config *r,
			uint32_t lo, uint32_t hi)
{
	bool elsewhere = r->action == ACTION_FORWARD ||
			 r->action == ACTION_TEE || r->action == ACTION_MONITOR;

	if (elsewhere && range_hits_arch(lo, hi)) {
		/* Mitigation status must come from the hypervisor itself. */
		config_error(b->errs,
			     "/domains/%s/smccc/%s: the Arm Architecture range "
			     "(OEN 0) can only be emulated or denied, not '%s'",
			     b->domain, r->name, rule_action_name(r->action));
		b->failed = true;
	}
	if (r->action == ACTION_FORWARD && range_hits_psci(lo, hi)) {
		/* Physical PSCI would let a domain power other domains' CPUs.
		 */
		config_error(b->errs,
			     "/domains/%s/smccc/%s: PSCI cannot be forwarded "
			     "to firmware (a domain would control physical "
			     "CPUs)",
			     b->domain, r->name);
		b->failed = true;
	}
	if (r->action == ACTION_FORWARD && range_hits_ffa(lo, hi)) {
		/* The SPMC would take the guest for the hypervisor (endpoint
		 * 0) and trust the physical addresses it names. */
		config_error(b->errs,
			     "/domains/%s/smccc/%s: FF-A cannot be forwarded "
			     "to firmware (use action \"tee\"; tee = \"ffa\")",
			     b->domain, r->name);
		b->failed = true;
	}
}

static uint32_t conduit_count(uint8_t mask)
{
	return (mask & 1u) + ((mask >> 1) & 1u);
}

static void item_from(struct paint_item *it, uint32_t lo, uint32_t hi,
		      uint8_t conduits, const struct verdict *v)
{
	it->lo = lo;
	it->hi = hi;
	it->conduits = conduits;
	it->reach = ((uint64_t)hi - lo + 1) * conduit_count(conduits);
	it->v = *v;
}

static uint32_t rule_ranges(const struct rule_config *r,
			    const struct fid_range **ranges,
			    struct fid_range *own)
{
	if (r->service < 0) {
		own->lo = r->lo;
		own->hi = r->hi;
		*ranges = own;
		return 1;
	}
	*ranges = service_table[r->service].ranges;
	return service_table[r->service].nranges;
}

static uint32_t items_gather(struct builder *b, const struct domain_config *dc,
			     struct paint_item *items)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < dc->nrules; i++) {
		const struct rule_config *r = &dc->rules[i];
		const struct fid_range *rg;
		struct fid_range own;
		uint32_t nr = rule_ranges(r, &rg, &own);
		struct verdict v = {.action = r->action,
				    .fallback = r->action,
				    .tee = r->tee,
				    .audit = r->audit,
				    .rule = (uint16_t)i};

		for (uint32_t k = 0; k < nr; k++) {
			check_route(b, r, rg[k].lo, rg[k].hi);
			item_from(&items[n++], rg[k].lo, rg[k].hi, r->conduits,
				  &v);
		}
	}
	return n;
}

/* Stable insertion sort, widest reach first (rule order breaks ties). */
static void items_sort(struct paint_item *items, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		struct paint_item x = items[i];
		uint32_t j = i;

		while (j > 0 && items[j - 1].reach < x.reach) {
			items[j] = items[j - 1];
			j--;
		}
		items[j] = x;
	}
}

static bool items_disagree(const struct paint_item *a,
			   const struct paint_item *b)
{
	return a->v.action != b->v.action || a->v.tee != b->v.tee ||
	       a->v.audit != b->v.audit;
}

static void items_check_conflicts(struct builder *b,
				  const struct domain_config *dc,
				  const struct paint_item *items, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		for (uint32_t j = i + 1;
		     j < n && items[j].reach == items[i].reach; j++) {
			const struct paint_item *x = &items[i], *y = &items[j];

			if (!(x->conduits & y->conduits) || x->hi < y->lo ||
			    y->hi < x->lo || !items_disagree(x, y))
				continue;
			config_error(
				b->errs,
				"/domains/%s/smccc: rules '%s' and '%s' "
				"cover the same calls with equal reach but "
				"disagree",
				dc->name, dc->rules[x->v.rule].name,
				dc->rules[y->v.rule].name);
			b->failed = true;
		}
	}
}

static void paint_item(struct builder *b, const struct paint_item *it)
{
	struct paint_op op = {.kind = PAINT_SET};

	if (it->v.action == ACTION_MONITOR) {
		op.kind = PAINT_MONITOR;
	} else {
		op.verdict = verdict_intern(b, &it->v);
	}
	paint_range(b, it->conduits, it->lo, it->hi, &op);
}

static void paint_defaults(struct builder *b)
{
	const struct verdict deny = {.action = ACTION_DENY,
				     .fallback = ACTION_DENY,
				     .rule = POLICY_NO_RULE};
	const struct verdict emulate = {.action = ACTION_EMULATE,
					.fallback = ACTION_EMULATE,
					.rule = POLICY_NO_RULE};
	struct paint_op op = {.kind = PAINT_SET};

	verdict_intern(b, &deny); /* verdict 0: everything starts denied */
	op.verdict = verdict_intern(b, &emulate);
	for (unsigned s = 0; s < SVC_COUNT; s++) {
		const struct service_desc *sd = &service_table[s];

		for (unsigned k = 0; sd->standard && k < sd->nranges; k++)
			paint_range(b, CONDUIT_MASK_BOTH, sd->ranges[k].lo,
				    sd->ranges[k].hi, &op);
	}
}

/* Give every emulated (or monitored-then-emulated) built-in its handler. */
static void bind_builtins(struct builder *b)
{
	for (size_t i = 0; i < builtin_fn_count; i++) {
		const struct builtin_fn *fn = &builtin_fns[i];

		for (unsigned c = 0; c < 2; c++) {
			struct verdict v =
				b->verdicts[lookup_entry(b, c, fn->fid)];
			struct paint_op op = {.kind = PAINT_SET};

			if (v.action != ACTION_EMULATE &&
			    v.fallback != ACTION_EMULATE)
				continue;
			v.fn = fn;
			op.verdict = verdict_intern(b, &v);
			paint_range(b, 1u << c, fn->fid, fn->fid, &op);
		}
	}
}

/* Exclusive monitoring: every allowed call on the monitored conduits goes to
 * the agent first, except the Arm Architecture range. */
static void apply_exclusive_monitor(struct builder *b,
				    const struct monitor_config *m)
{
	const struct paint_op op = {.kind = PAINT_MONITOR};

	if (m->mode != MONITOR_EXCLUSIVE)
		return;
	for (uint32_t key = 0; key < 256; key++) {
		if ((key & 0x80u) && (key & SMCCC_OEN_MASK) == OEN_ARCH)
			continue;
		for (unsigned c = 0; c < 2; c++)
			if (m->conduits & (1u << c))
				paint_level(b, &b->root[c][key], 1, 0, 0xffffu,
					    &op);
	}
}

static const struct policy *policy_seal(struct builder *b,
					const struct domain_config *dc)
{
	struct policy *p = arena_alloc(b->arena, sizeof(*p), 64);
	policy_table *tables =
		arena_alloc(b->arena, (size_t)b->ntables * sizeof(*tables), 64);
	struct verdict *verdicts = arena_alloc(
		b->arena, (size_t)b->nverdicts * sizeof(*verdicts), 64);

	if (!p || (b->ntables && !tables) || !verdicts)
		return NULL;
	for (uint32_t i = 0; i < b->ntables; i++)
		for (unsigned k = 0; k < 256; k++)
			tables[i][k] = (*b->tables[i])[k];
	for (uint32_t i = 0; i < b->nverdicts; i++) {
		verdicts[i] = b->verdicts[i];
		if (verdicts[i].action == ACTION_EMULATE && verdicts[i].fn)
			verdicts[i].handler = verdicts[i].fn->handler;
	}
	for (unsigned c = 0; c < 2; c++)
		for (unsigned k = 0; k < 256; k++)
			p->root[c][k] = b->root[c][k];
	p->tables = (const uint16_t(*)[256])tables;
	p->verdicts = verdicts;
	p->ntables = b->ntables;
	p->nverdicts = b->nverdicts;
	p->cfg = dc;
	return p;
}

const struct policy *policy_compile(const struct domain_config *dc,
				    struct arena *a, struct config_errors *errs)
{
	struct builder b = {.arena = a, .errs = errs, .domain = dc->name};
	uint32_t max_items = dc->nrules * 8u + 1u, n;
	struct paint_item *items =
		arena_alloc(a, (size_t)max_items * sizeof(*items), 16);

	if (!items) {
		config_error(errs, "domain '%s': out of memory for policy",
			     dc->name);
		return NULL;
	}
	paint_defaults(&b);
	n = items_gather(&b, dc, items);
	items_sort(items, n);
	items_check_conflicts(&b, dc, items, n);
	for (uint32_t i = 0; i < n && !b.failed; i++)
		paint_item(&b, &items[i]);
	if (!b.failed) {
		bind_builtins(&b);
		apply_exclusive_monitor(&b, &dc->monitor);
	}
	if (b.failed) {
		if (!errs || !errs->count)
			config_error(errs, "domain '%s': policy too large",
				     dc->name);
		return NULL;
	}
	return policy_seal(&b, dc);
}
