// SPDX-License-Identifier: MIT
/*
 * Configuration schema v1: a device tree read with libfdt. The same code
 * checks a configuration in the host tool and in the hypervisor at boot.
 * Unknown properties and nodes are errors that name their node: an old
 * configuration keeps its meaning, and a typo is never silently ignored.
 */
#include <libfdt.h>
#include <string.h>

#include "arbiter/call.h"
#include "arbiter/config_internal.h"
#include "arbiter/domain.h"
#include "arbiter/fdt_check.h"
#include "arbiter/fmt.h"

void config_error(struct config_errors *errs, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	if (!errs)
		return;
	errs->count++;
	if (!errs->report)
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	errs->report(errs->ctx, line);
}

const char *rule_action_name(unsigned action)
{
	static const char *const names[ACTION_COUNT] = {
		"deny", "emulate", "forward", "tee", "monitor"};

	return action < ACTION_COUNT ? names[action] : "?";
}

bool cfg_prop_allowed(struct cfg_ctx *c, int node, const char *path,
		      const char *const *allowed)
{
	bool ok = true;
	int off;

	fdt_for_each_property_offset(off, c->fdt, node)
	{
		const char *name;
		bool known = false;

		if (!fdt_getprop_by_offset(c->fdt, off, &name, NULL))
			continue;
		for (unsigned i = 0; allowed[i]; i++)
			known = known || strcmp(allowed[i], name) == 0;
		if (!known) {
			config_error(c->errs, "%s: unknown property '%s'", path,
				     name);
			ok = false;
		}
	}
	return ok;
}

/* A string property: present, NUL-terminated, one string. NULL if absent. */
const char *cfg_string(struct cfg_ctx *c, int node, const char *path,
		       const char *name)
{
	int len;
	const char *s = fdt_getprop(c->fdt, node, name, &len);

	if (!s)
		return NULL;
	if (len < 2 || s[len - 1] != '\0' || strlen(s) + 1 != (size_t)len) {
		config_error(c->errs, "%s: '%s' must be one non-empty string",
			     path, name);
		return NULL;
	}
	return s;
}

/* One 32-bit cell (or two for a 64-bit value when `wide`). */
bool cfg_number(struct cfg_ctx *c, int node, const char *path, const char *name,
		bool wide, uint64_t *out)
{
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, name, &len);

	if (!p)
		return false;
	if (len == 4) {
		*out = fdt32_to_cpu(p[0]);
		return true;
	}
	if (wide && len == 8) {
		*out = ((uint64_t)fdt32_to_cpu(p[0]) << 32) |
		       fdt32_to_cpu(p[1]);
		return true;
	}
	config_error(c->errs, "%s: '%s' must be %s", path, name,
		     wide ? "one or two cells" : "one cell");
	return false;
}

/* Map a string to one of `choices` (NULL-terminated); -1 if not one. */
int cfg_choice(struct cfg_ctx *c, int node, const char *path, const char *name,
	       const char *const *choices, int dflt)
{
	const char *s = cfg_string(c, node, path, name);

	if (!s)
		return fdt_getprop(c->fdt, node, name, NULL) ? -1 : dflt;
	for (int i = 0; choices[i]; i++)
		if (strcmp(s, choices[i]) == 0)
			return i;
	config_error(c->errs, "%s: '%s' has unknown value \"%s\"", path, name,
		     s);
	return -1;
}

static void check_root(struct cfg_ctx *c)
{
	static const char *const root_props[] = {
		"compatible", "model", "#address-cells", "#size-cells", NULL};
	int node;

	if (fdt_node_check_compatible(c->fdt, 0, "arbiter,config-v1") != 0)
		config_error(
			c->errs,
			"/: compatible must include \"arbiter,config-v1\"");
	cfg_prop_allowed(c, 0, "/", root_props);
	fdt_for_each_subnode(node, c->fdt, 0)
	{
		const char *name = fdt_get_name(c->fdt, node, NULL);

		if (name && strcmp(name, "domains") != 0)
			config_error(c->errs, "/%s: unknown node", name);
	}
}

unsigned config_parse(const void *fdt, size_t size, struct config *out,
		      struct config_errors *errs)
{
	struct cfg_ctx c = {.fdt = fdt, .cfg = out, .errs = errs};
	unsigned before = errs ? errs->count : 0;
	struct config_errors local = {0};
	int domains;

	if (!errs)
		c.errs = &local;
	memset(out, 0, sizeof(*out));
	/* Our own structural check first: libfdt 1.6.1 can loop or crash
	 * on malformed structure blocks (docs in core/fdt_check.c). */
	if (!fdt_blob_valid(fdt, size) || fdt_check_header(fdt) != 0) {
		config_error(c.errs,
			     "configuration is not a valid device tree");
		return 1;
	}
	check_root(&c);
	domains = fdt_subnode_offset(fdt, 0, "domains");
	if (domains < 0)
		config_error(c.errs, "/: no 'domains' node");
	else
		cfg_parse_domains(&c, domains);
	config_check_cross(&c);
	return c.errs->count - (errs ? before : 0);
}

const struct domain_config *config_find_domain(const struct config *cfg,
					       const char *name)
{
	for (uint32_t i = 0; i < cfg->ndomains; i++)
		if (strcmp(cfg->domains[i].name, name) == 0)
			return &cfg->domains[i];
	return NULL;
}
