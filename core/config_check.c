// SPDX-License-Identifier: MIT
/* Schema v1 checks that look at several domains at once. */
#include <string.h>

#include "arbiter/config_internal.h"

static void check_cpus_and_ids(struct cfg_ctx *c)
{
	const struct config *cfg = c->cfg;
	int16_t owner[CONFIG_MAX_CPUS];

	for (unsigned i = 0; i < CONFIG_MAX_CPUS; i++)
		owner[i] = -1;
	for (uint32_t d = 0; d < cfg->ndomains; d++) {
		const struct domain_config *dc = &cfg->domains[d];

		for (uint32_t k = 0; k < dc->ncpus; k++) {
			uint32_t cpu = dc->cpus[k];

			if (owner[cpu] >= 0)
				config_error(c->errs,
					     "/domains/%s: CPU %u is already "
					     "given to domain '%s'",
					     dc->name, cpu,
					     cfg->domains[owner[cpu]].name);
			else
				owner[cpu] = (int16_t)d;
		}
		for (uint32_t e = 0; e < d; e++) {
			if (dc->id && cfg->domains[e].id == dc->id)
				config_error(c->errs,
					     "/domains/%s: id %u is already "
					     "used by domain '%s'",
					     dc->name, dc->id,
					     cfg->domains[e].name);
			/* dtc merges nodes of one name, a hand-made blob
			 * may not */
			if (strcmp(cfg->domains[e].name, dc->name) == 0)
				config_error(c->errs,
					     "/domains/%s: node given twice",
					     dc->name);
		}
	}
}

static void check_monitors(struct cfg_ctx *c)
{
	const struct config *cfg = c->cfg;

	for (uint32_t d = 0; d < cfg->ndomains; d++) {
		const struct domain_config *dc = &cfg->domains[d];
		bool wants = false;

		for (uint32_t r = 0; r < dc->nrules; r++)
			wants = wants || dc->rules[r].action == ACTION_MONITOR;
		if (wants && dc->monitor.mode == MONITOR_NONE)
			config_error(
				c->errs,
				"/domains/%s: a rule routes to \"monitor\" "
				"but the domain has no 'monitor' node",
				dc->name);
		if (!dc->monitor.agent)
			continue;
		if (strcmp(dc->monitor.agent, dc->name) == 0)
			config_error(c->errs,
				     "/domains/%s/monitor: a domain cannot be "
				     "its own agent",
				     dc->name);
		else if (!config_find_domain(cfg, dc->monitor.agent))
			config_error(c->errs,
				     "/domains/%s/monitor: agent '%s' is not a "
				     "domain",
				     dc->name, dc->monitor.agent);
	}
}

void config_check_cross(struct cfg_ctx *c)
{
	check_cpus_and_ids(c);
	check_monitors(c);
}
