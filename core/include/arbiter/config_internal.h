/* SPDX-License-Identifier: MIT */
/* Shared by the configuration parser's files (core/config*.c). */
#ifndef ARBITER_CONFIG_INTERNAL_H
#define ARBITER_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "arbiter/config.h"

struct cfg_ctx {
	const void *fdt;
	struct config *cfg;
	struct config_errors *errs;
};

bool cfg_prop_allowed(struct cfg_ctx *c, int node, const char *path,
		      const char *const *allowed);
const char *cfg_string(struct cfg_ctx *c, int node, const char *path,
		       const char *name);
bool cfg_number(struct cfg_ctx *c, int node, const char *path, const char *name,
		bool wide, uint64_t *out);
int cfg_choice(struct cfg_ctx *c, int node, const char *path, const char *name,
	       const char *const *choices, int dflt);

void cfg_parse_domains(struct cfg_ctx *c, int domains);
/* Checks across domains: CPUs given twice, IDs reused, monitor agents. */
void config_check_cross(struct cfg_ctx *c);

#endif
