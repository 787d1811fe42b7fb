// SPDX-License-Identifier: MIT
/*
 * arbiter-policy: check a configuration, show each domain's compiled table,
 * explain the fate of one call. The same parser and compiler as the
 * hypervisor's, on the host.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arbiter/explain.h"
#include "arbiter/route.h"
#include "harness.h"

static int usage(void)
{
	fprintf(stderr,
		"usage: arbiter-policy check CONFIG\n"
		"       arbiter-policy show CONFIG\n"
		"       arbiter-policy explain CONFIG DOMAIN smc|hvc FID "
		"[aarch32]\n"
		"CONFIG is a .dts (compiled with dtc) or a .dtb.\n");
	return 2;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Load CONFIG; prints its errors. Returns false when it is not valid. */
static bool load(struct harness_system *sys, const char *path)
{
	size_t size = 0;
	void *data = harness_read_file(path, &size);
	unsigned errors;

	if (!data) {
		fprintf(stderr, "arbiter-policy: cannot read %s\n", path);
		return false;
	}
	if (ends_with(path, ".dts")) {
		char *text = realloc(data, size + 1);

		text[size] = '\0';
		errors = harness_system_from_dts(sys, text);
		free(text);
	} else {
		errors = harness_system_from_blob(sys, data, size);
		free(data);
	}
	if (errors)
		fputs(sys->errors, stdout);
	return errors == 0;
}

struct run {
	uint32_t lo, hi;
	const struct verdict *v[2];
};

static void run_print(const struct domain *d, const struct run *r)
{
	char what[160];
	const char *conduit = r->v[0] == r->v[1] ? "smc+hvc" : NULL;

	for (unsigned c = 0; c < 2; c++) {
		if (conduit && c == 1)
			break;
		explain_verdict(d, r->v[c], what, sizeof(what));
		printf("  %-7s 0x%08x-0x%08x %-40s rule=%s\n",
		       conduit ? conduit : (c ? "hvc" : "smc"), r->lo, r->hi,
		       what, explain_rule(d, r->v[c]));
	}
}

/* Every routable FID (bits 23:16 clear), merged into runs of equal fate. */
static void show_domain(const struct domain *d)
{
	struct run r = {0};
	bool open = false;

	printf("domain %s: client-id=%u vcpus=%u ram=0x%llx@0x%llx\n", d->name,
	       d->client_id, d->nvcpus, (unsigned long long)d->ram_size,
	       (unsigned long long)d->ram_ipa);
	for (uint32_t key = 0; key < 256; key++) {
		for (uint32_t fn = 0; fn <= 0xffff; fn++) {
			uint32_t fid = key << 24 | fn;
			const struct verdict *v0 = route_lookup(d, 0, fid);
			const struct verdict *v1 = route_lookup(d, 1, fid);

			if (open && v0 == r.v[0] && v1 == r.v[1] &&
			    fid == r.hi + 1) {
				r.hi = fid;
				continue;
			}
			if (open && (r.v[0]->action != ACTION_DENY ||
				     r.v[1]->action != ACTION_DENY))
				run_print(d, &r);
			r = (struct run){fid, fid, {v0, v1}};
			open = true;
		}
	}
	if (open &&
	    (r.v[0]->action != ACTION_DENY || r.v[1]->action != ACTION_DENY))
		run_print(d, &r);
	printf("  everything else: deny\n");
}

static int cmd_explain(struct harness_system *sys, char **argv, int argc)
{
	struct domain *d = harness_domain(sys, argv[0]);
	unsigned conduit, state = EXEC_AARCH64;
	char *end;
	unsigned long long fid = strtoull(argv[2], &end, 0);
	char what[160];

	if (!d) {
		fprintf(stderr, "arbiter-policy: no domain '%s'\n", argv[0]);
		return 1;
	}
	if (strcmp(argv[1], "smc") == 0)
		conduit = CONDUIT_SMC;
	else if (strcmp(argv[1], "hvc") == 0)
		conduit = CONDUIT_HVC;
	else
		return usage();
	if (*end || fid > 0xffffffffull)
		return usage();
	if (argc > 3) {
		if (strcmp(argv[3], "aarch32") != 0)
			return usage();
		state = EXEC_AARCH32;
	}
	explain_call(d, conduit, state, fid, what, sizeof(what));
	printf("%s %s 0x%08llx -> %s\n", d->name, argv[1], fid, what);
	return 0;
}

int main(int argc, char **argv)
{
	struct harness_system *sys;
	int rc = 0;

	if (argc < 3)
		return usage();
	harness_reset();
	harness.log_to_stderr = true;
	sys = calloc(1, sizeof(*sys));
	if (!load(sys, argv[2])) {
		rc = 1;
	} else if (strcmp(argv[1], "check") == 0) {
		printf("%s: valid, %u domain(s)\n", argv[2], sys->cfg.ndomains);
	} else if (strcmp(argv[1], "show") == 0) {
		for (uint32_t i = 0; i < sys->cfg.ndomains; i++)
			show_domain(&sys->domains[i]);
	} else if (strcmp(argv[1], "explain") == 0 &&
		   (argc == 6 || argc == 7)) {
		rc = cmd_explain(sys, argv + 3, argc - 3);
	} else {
		rc = usage();
	}
	harness_system_free(sys);
	free(sys);
	return rc;
}
