// SPDX-License-Identifier: MIT
/*
 * libFuzzer target over the configuration parser and policy compiler: the
 * input is a device-tree blob (seeded with the compiled example
 * configurations). The hypervisor parses the configuration it was booted
 * with, so bad data must give errors, never a crash, a hang or an
 * out-of-bounds access (ASan/UBSan). Invariants:
 *   - config_parse() returns the number of errors it reported;
 *   - a configuration without errors names each domain once, with an id in
 *     1..65534, 1..64 CPUs none given twice, and rules that point into the
 *     rule pool;
 *   - every domain of a valid configuration compiles or reports an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arbiter/arena.h"
#include "arbiter/config.h"
#include "arbiter/domain.h"
#include "arbiter/monitor.h"
#include "harness.h"

#define ARENA_SIZE (8u << 20)

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "fuzz_config: %s:%d: %s\n", __FILE__,  \
				__LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

static struct config cfg;
static struct domain doms[CONFIG_MAX_DOMAINS];
static struct vcpu vcpus[CONFIG_MAX_CPUS];
static uint8_t arena_mem[ARENA_SIZE];

static void count_line(void *ctx, const char *line)
{
	unsigned *n = ctx;

	CHECK(strlen(line) < 256);
	(*n)++;
}

static void check_valid(void)
{
	bool cpu_used[CONFIG_MAX_CPUS] = {false};

	CHECK(cfg.ndomains >= 1 && cfg.ndomains <= CONFIG_MAX_DOMAINS);
	for (uint32_t d = 0; d < cfg.ndomains; d++) {
		const struct domain_config *dc = &cfg.domains[d];

		CHECK(dc->id >= 1 && dc->id <= 65534);
		CHECK(dc->ncpus >= 1 && dc->ncpus <= CONFIG_MAX_CPUS);
		for (uint32_t k = 0; k < dc->ncpus; k++) {
			CHECK(dc->cpus[k] < CONFIG_MAX_CPUS);
			CHECK(!cpu_used[dc->cpus[k]]);
			cpu_used[dc->cpus[k]] = true;
		}
		CHECK(dc->rules >= cfg.rule_pool &&
		      dc->rules + dc->nrules <= cfg.rule_pool + cfg.rules_used);
		for (uint32_t e = 0; e < d; e++)
			CHECK(strcmp(cfg.domains[e].name, dc->name) != 0);
		CHECK(dc->memory_size && dc->image);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned lines = 0, n;
	struct config_errors errs = {.report = count_line, .ctx = &lines};
	/* a private, aligned copy: libfdt wants the blob 8-byte aligned */
	void *blob = malloc(size ? size : 1);
	struct arena a;

	if (!blob)
		return 0;
	memcpy(blob, data, size);
	domain_registry_reset();
	n = config_parse(blob, size, &cfg, &errs);
	CHECK(n == lines && n == errs.count);
	if (n == 0) {
		check_valid();
		arena_init(&a, arena_mem, sizeof(arena_mem));
		for (uint32_t d = 0; d < cfg.ndomains; d++) {
			unsigned before = errs.count;

			if (cfg.domains[d].ncpus > CONFIG_MAX_CPUS)
				continue;
			if (domain_create(&doms[d], vcpus, &cfg,
					  &cfg.domains[d], &a, &errs))
				CHECK(errs.count > before);
		}
	}
	free(blob);
	return 0;
}
