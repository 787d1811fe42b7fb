// SPDX-License-Identifier: MIT
/* Building a whole configuration on the host, as the hypervisor does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arbiter/arena.h"
#include "arbiter/monitor.h"
#include "harness.h"

#define HARNESS_ARENA (8u << 20)

void *harness_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)n;
	}
	fclose(f);
	return buf;
}

void *harness_dtc(const char *dts, size_t *size)
{
	char src[] = "/tmp/arbiter-dts-XXXXXX";
	char out[64], cmd[256];
	int fd = mkstemp(src);
	void *blob = NULL;
	FILE *f;

	if (fd < 0)
		return NULL;
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(src);
		return NULL;
	}
	fputs(dts, f);
	fclose(f);
	snprintf(out, sizeof(out), "%s.dtb", src);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s %s", out, src);
	if (system(cmd) == 0)
		blob = harness_read_file(out, size);
	unlink(src);
	unlink(out);
	return blob;
}

static void collect_error(void *ctx, const char *line)
{
	struct harness_system *sys = ctx;
	size_t used = strlen(sys->errors);

	snprintf(sys->errors + used, sizeof(sys->errors) - used, "%s\n", line);
}

unsigned harness_system_from_blob(struct harness_system *sys, const void *blob,
				  size_t size)
{
	struct config_errors errs = {.report = collect_error, .ctx = sys};
	struct arena a;

	memset(sys, 0, sizeof(*sys));
	sys->arena_size = HARNESS_ARENA;
	/* Page-aligned, as the hypervisor's heap: arena alignment is
	 * relative to the base (TEE mediators take 4 KiB pages from it). */
	sys->arena_mem = aligned_alloc(4096, sys->arena_size);
	if (sys->arena_mem)
		memset(sys->arena_mem, 0, sys->arena_size);
	sys->blob = malloc(size);
	memcpy(sys->blob, blob, size);
	arena_init(&a, sys->arena_mem, sys->arena_size);
	domain_registry_reset();
	if (config_parse(sys->blob, size, &sys->cfg, &errs)) {
		sys->nerrors = errs.count;
		return errs.count;
	}
	for (uint32_t i = 0; i < sys->cfg.ndomains; i++) {
		const struct domain_config *dc = &sys->cfg.domains[i];

		if (dc->ncpus > HARNESS_MAX_VCPUS) {
			config_error(&errs,
				     "%s: too many vCPUs for the harness",
				     dc->name);
			continue;
		}
		domain_create(&sys->domains[i], sys->vcpus[i], &sys->cfg, dc,
			      &a, &errs);
	}
	sys->nerrors = errs.count;
	return errs.count;
}

unsigned harness_system_from_dts(struct harness_system *sys, const char *dts)
{
	size_t size = 0;
	void *blob = harness_dtc(dts, &size);
	unsigned n;

	if (!blob) {
		memset(sys, 0, sizeof(*sys));
		snprintf(sys->errors, sizeof(sys->errors), "dtc failed\n");
		sys->nerrors = 1;
		return 1;
	}
	n = harness_system_from_blob(sys, blob, size);
	free(blob);
	return n;
}

void harness_system_free(struct harness_system *sys)
{
	free(sys->arena_mem);
	free(sys->blob);
	sys->arena_mem = NULL;
	sys->blob = NULL;
}

struct domain *harness_domain(struct harness_system *sys, const char *name)
{
	for (uint32_t i = 0; i < sys->cfg.ndomains; i++)
		if (strcmp(sys->domains[i].name, name) == 0)
			return &sys->domains[i];
	return NULL;
}

struct call_frame harness_frame(struct domain *d, unsigned vcpu,
				unsigned conduit, uint64_t x0)
{
	struct call_frame f;

	memset(&f, 0, sizeof(f));
	f.x[0] = x0;
	f.conduit = (uint8_t)conduit;
	f.state = EXEC_AARCH64;
	f.pc = 0x40080000;
	f.vcpu = &d->vcpus[vcpu];
	return f;
}
