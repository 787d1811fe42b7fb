// SPDX-License-Identifier: MIT
/* Schema v1: one domain node, its rules and its monitor node. */
#include <libfdt.h>
#include <string.h>

#include "arbiter/call.h"
#include "arbiter/config_internal.h"
#include "arbiter/domain.h"
#include "arbiter/fmt.h"
#include "arbiter/services.h"
#include "arbiter/tee.h"

#define PATH_MAX_LEN 128
#define RAM_ALIGN    0x200000ull /* 2 MiB: stage-2 block mappings */

static const char *const conduit_names[] = {"smc", "hvc", "both", NULL};
static const char *const action_names[] = {"deny", "emulate", "forward",
					   "tee",  "monitor", NULL};

static void rule_parse_target(struct cfg_ctx *c, int node, const char *path,
			      struct rule_config *r)
{
	const char *match = cfg_string(c, node, path, "match");
	int len;
	const fdt32_t *range = fdt_getprop(c->fdt, node, "range", &len);

	r->service = -1;
	if (!match == !range) {
		config_error(c->errs,
			     "%s: needs exactly one of 'match' and "
			     "'range'",
			     path);
		return;
	}
	if (match) {
		r->service = service_by_name(match);
		if (r->service < 0)
			config_error(c->errs, "%s: unknown service \"%s\"",
				     path, match);
		return;
	}
	if (len != 8) {
		config_error(c->errs, "%s: 'range' must be <LO HI>", path);
		return;
	}
	r->lo = fdt32_to_cpu(range[0]);
	r->hi = fdt32_to_cpu(range[1]);
	if (r->lo > r->hi)
		config_error(c->errs, "%s: range 0x%08x-0x%08x is reversed",
			     path, r->lo, r->hi);
	else if (((r->lo >> 24) == (r->hi >> 24)) &&
		 (r->lo & 0xffff0000u) == (r->hi & 0xffff0000u) &&
		 (r->lo & 0x00ff0000u))
		config_error(c->errs,
			     "%s: range 0x%08x-0x%08x has only "
			     "reserved function IDs (bits 23:16 set)",
			     path, r->lo, r->hi);
}

static void rule_parse(struct cfg_ctx *c, int node, const char *path,
		       struct rule_config *r)
{
	static const char *const props[] = {
		"match", "range", "conduit", "action", "tee", "audit", NULL};
	const char *tee = cfg_string(c, node, path, "tee");
	int conduit = cfg_choice(c, node, path, "conduit", conduit_names, 2);
	int action = cfg_choice(c, node, path, "action", action_names, -2);

	cfg_prop_allowed(c, node, path, props);
	rule_parse_target(c, node, path, r);
	r->conduits = conduit < 0 ? 0 : (uint8_t)(conduit + 1);
	r->audit = fdt_getprop(c->fdt, node, "audit", NULL) != NULL;
	if (action == -2)
		config_error(c->errs, "%s: no 'action'", path);
	r->action = action < 0 ? ACTION_DENY : (uint8_t)action;
	if (action == ACTION_TEE) {
		r->tee = tee ? (uint8_t)tee_kind_by_name(tee) : TEE_NONE;
		if (!tee)
			config_error(c->errs, "%s: action \"tee\" needs 'tee'",
				     path);
		else if (!tee_find(r->tee))
			config_error(c->errs,
				     "%s: TEE \"%s\" is not built "
				     "into this Arbiter",
				     path, tee);
	} else if (tee) {
		config_error(c->errs, "%s: 'tee' without action \"tee\"", path);
	}
}

static void rules_parse(struct cfg_ctx *c, int smccc, const char *dpath,
			struct domain_config *dc)
{
	struct config *cfg = c->cfg;
	char path[PATH_MAX_LEN], rpath[PATH_MAX_LEN];
	int node;

	fmt_snprintf(path, sizeof(path), "%s/smccc", dpath);
	cfg_prop_allowed(c, smccc, path, (const char *const[]){NULL});
	dc->rules = &cfg->rule_pool[cfg->rules_used];
	fdt_for_each_subnode(node, c->fdt, smccc)
	{
		struct rule_config *r;

		if (cfg->rules_used == CONFIG_MAX_RULES) {
			config_error(c->errs, "%s: more than %u rules in all",
				     path, CONFIG_MAX_RULES);
			return;
		}
		r = &cfg->rule_pool[cfg->rules_used++];
		r->name = fdt_get_name(c->fdt, node, NULL);
		fmt_snprintf(rpath, sizeof(rpath), "%s/smccc/%s", dpath,
			     r->name);
		rule_parse(c, node, rpath, r);
		/* FF-A names the domain by its client ID (its endpoint ID);
		 * IDs with bit 15 set are secure partitions'. */
		if (r->action == ACTION_TEE && r->tee == TEE_FFA &&
		    dc->id >= 0x8000u)
			config_error(c->errs,
				     "%s: FF-A needs an id below 0x8000 (the "
				     "domain's endpoint ID)",
				     rpath);
		dc->nrules++;
	}
}

static void monitor_parse(struct cfg_ctx *c, int node, const char *dpath,
			  struct domain_config *dc)
{
	static const char *const props[] = {"agent", "mode", "conduit",
					    "on-agent-absent", NULL};
	static const char *const modes[] = {"exclusive", "listed", NULL};
	static const char *const absent[] = {"deny", "pass", NULL};
	static const char *const mconduits[] = {"smc", "both", NULL};
	char path[PATH_MAX_LEN];
	int mode, conduit, pass;

	fmt_snprintf(path, sizeof(path), "%s/monitor", dpath);
	cfg_prop_allowed(c, node, path, props);
	dc->monitor.agent = cfg_string(c, node, path, "agent");
	if (!dc->monitor.agent)
		config_error(c->errs, "%s: no 'agent'", path);
	mode = cfg_choice(c, node, path, "mode", modes, 0);
	conduit = cfg_choice(c, node, path, "conduit", mconduits, 0);
	pass = cfg_choice(c, node, path, "on-agent-absent", absent, 0);
	dc->monitor.mode = mode == 1 ? MONITOR_LISTED : MONITOR_EXCLUSIVE;
	dc->monitor.conduits =
		conduit == 1 ? CONDUIT_MASK_BOTH : CONDUIT_MASK_SMC;
	dc->monitor.pass_when_absent = pass == 1;
}

static void cpus_parse(struct cfg_ctx *c, int node, const char *path,
		       struct domain_config *dc)
{
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, "cpus", &len);

	if (!p || len <= 0 || len % 4) {
		config_error(c->errs, "%s: 'cpus' must list at least one CPU",
			     path);
		return;
	}
	for (int i = 0; i < len / 4; i++) {
		uint32_t cpu = fdt32_to_cpu(p[i]);

		if (cpu >= CONFIG_MAX_CPUS || dc->ncpus >= CONFIG_MAX_CPUS) {
			config_error(c->errs, "%s: CPU %u out of range", path,
				     cpu);
			continue;
		}
		dc->cpus[dc->ncpus++] = cpu;
	}
}

static void domain_parse_basics(struct cfg_ctx *c, int node, const char *path,
				struct domain_config *dc)
{
	static const char *const imm[] = {"undef", "unknown", NULL};
	static const char *const fmts[] = {"extended", "original", NULL};
	static const char *const pconduits[] = {"smc", "hvc", NULL};
	uint64_t v = 0;
	int choice;

	if (!cfg_number(c, node, path, "id", false, &v) || v < 1 || v > 65534)
		config_error(c->errs, "%s: 'id' must be one cell, 1..65534",
			     path);
	dc->id = (uint32_t)v;
	cpus_parse(c, node, path, dc);
	v = 0;
	if (!cfg_number(c, node, path, "memory-size", true, &v) || v == 0 ||
	    v % RAM_ALIGN || v > 0x4000000000ull)
		config_error(c->errs,
			     "%s: 'memory-size' must be a non-zero "
			     "multiple of 2 MiB, at most 256 GiB",
			     path);
	dc->memory_size = v;
	dc->image = cfg_string(c, node, path, "image");
	if (!dc->image)
		config_error(c->errs, "%s: no 'image'", path);
	dc->initrd = cfg_string(c, node, path, "initrd");
	dc->bootargs = cfg_string(c, node, path, "bootargs");
	choice = cfg_choice(c, node, path, "psci-conduit", pconduits, 1);
	dc->psci_conduit = choice == 0 ? CONDUIT_SMC : CONDUIT_HVC;
	choice = cfg_choice(c, node, path, "smccc-immediate", imm, 0);
	dc->imm_policy = choice == 1 ? IMM_UNKNOWN : IMM_UNDEF;
	choice = cfg_choice(c, node, path, "psci-suspend-format", fmts, 0);
	dc->psci_suspend_extended = choice != 1;
}

/* tee-limits { calls; shm-buffers; shm-pages; buffer-pages; sessions;
 * restarts; }: each optional, one cell, within what a mediator can hold. */
static void tee_limits_parse(struct cfg_ctx *c, int node, const char *parent,
			     struct domain_config *dc)
{
	static const char *const props[] = {
		"calls",    "shm-buffers", "shm-pages", "buffer-pages",
		"sessions", "restarts",	   NULL};
	static const uint32_t max[] = {8, 32, 1u << 20, 4088, 64, 10000};
	static const uint32_t min[] = {1, 1, 1, 1, 1, 0};
	uint32_t *out[] = {
		&dc->tee_limits.calls,	   &dc->tee_limits.shm_buffers,
		&dc->tee_limits.shm_pages, &dc->tee_limits.buffer_pages,
		&dc->tee_limits.sessions,  &dc->tee_limits.restarts};
	char path[PATH_MAX_LEN];

	fmt_snprintf(path, sizeof(path), "%s/tee-limits", parent);
	cfg_prop_allowed(c, node, path, props);
	for (unsigned i = 0; props[i]; i++) {
		uint64_t v = 0;

		if (!cfg_number(c, node, path, props[i], false, &v))
			continue;
		if (v < min[i] || v > max[i]) {
			config_error(c->errs, "%s: '%s' must be %u..%u", path,
				     props[i], min[i], max[i]);
		} else {
			*out[i] = (uint32_t)v;
			/* 0 is a valid restarts value: remember it was set */
			dc->tee_limits.restarts_given |=
				out[i] == &dc->tee_limits.restarts;
		}
	}
}

static void domain_parse(struct cfg_ctx *c, int node, struct domain_config *dc)
{
	static const char *const props[] = {"id",
					    "cpus",
					    "memory-size",
					    "image",
					    "initrd",
					    "bootargs",
					    "psci-conduit",
					    "smccc-immediate",
					    "psci-suspend-format",
					    NULL};
	char path[PATH_MAX_LEN];
	bool seen_smccc = false, seen_monitor = false;
	int sub;

	dc->name = fdt_get_name(c->fdt, node, NULL);
	fmt_snprintf(path, sizeof(path), "/domains/%s", dc->name);
	if (strlen(dc->name) >= CONFIG_NAME_MAX || strchr(dc->name, '@'))
		config_error(c->errs,
			     "%s: a domain name is at most %u "
			     "characters, without '@'",
			     path, CONFIG_NAME_MAX - 1);
	cfg_prop_allowed(c, node, path, props);
	domain_parse_basics(c, node, path, dc);
	dc->rules = &c->cfg->rule_pool[c->cfg->rules_used];
	fdt_for_each_subnode(sub, c->fdt, node)
	{
		const char *name = fdt_get_name(c->fdt, sub, NULL);
		bool smccc = strcmp(name, "smccc") == 0;
		bool monitor = strcmp(name, "monitor") == 0;
		bool limits = strcmp(name, "tee-limits") == 0;

		/* dtc merges nodes of one name, a hand-made blob may not */
		if ((smccc && seen_smccc) || (monitor && seen_monitor))
			config_error(c->errs, "%s/%s: node given twice", path,
				     name);
		else if (smccc)
			rules_parse(c, sub, path, dc);
		else if (monitor)
			monitor_parse(c, sub, path, dc);
		else if (limits)
			tee_limits_parse(c, sub, path, dc);
		else
			config_error(c->errs, "%s/%s: unknown node", path,
				     name);
		seen_smccc = seen_smccc || smccc;
		seen_monitor = seen_monitor || monitor;
	}
}

void cfg_parse_domains(struct cfg_ctx *c, int domains)
{
	int node;

	cfg_prop_allowed(c, domains, "/domains", (const char *const[]){NULL});
	fdt_for_each_subnode(node, c->fdt, domains)
	{
		if (c->cfg->ndomains == CONFIG_MAX_DOMAINS) {
			config_error(c->errs, "/domains: more than %u domains",
				     CONFIG_MAX_DOMAINS);
			return;
		}
		domain_parse(c, node, &c->cfg->domains[c->cfg->ndomains++]);
	}
	if (!c->cfg->ndomains)
		config_error(c->errs, "/domains: no domain");
}
