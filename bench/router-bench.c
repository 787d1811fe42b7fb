// SPDX-License-Identifier: MIT
/*
 * router-bench: the router's cost per call as the number of rules grows.
 *
 *   router-bench RULES [ITERATIONS [CALL]]
 *
 * Builds one domain with RULES rules (single function IDs in the SiP SMC64
 * range, ranges in the OEM and SiP SMC32 ranges, actions and conduits
 * mixed), then runs router_dispatch ITERATIONS times over a fixed mix of
 * five calls: SMCCC_VERSION, PSCI_VERSION, an unknown ID, a denied ID and a
 * forwarded ID (or only call number CALL, 0..4, of that list). Meant to run
 * under callgrind with
 * --toggle-collect=router_dispatch (tools/bench-router), which counts the
 * instructions of router_dispatch and everything it calls, nothing else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arbiter/arena.h"
#include "arbiter/firmware_caps.h"
#include "arbiter/policy.h"
#include "arbiter/router.h"
#include "arbiter/smccc.h"
#include "harness.h"

#define ARENA_SIZE (16u << 20)

/* The mix, in this order, every iteration. */
static const uint32_t mix[] = {
	ARM_SMCCC_VERSION,	      /* emulated: arch */
	PSCI_0_2_FN(PSCI_FN_VERSION), /* emulated: psci */
	PSCI_0_2_FN(0x16),	      /* unknown: nobody answers */
	0xc7000001u,		      /* denied by default */
	0xc2000000u,		      /* forwarded by rule 0 */
};
#define NMIX (sizeof(mix) / sizeof(mix[0]))

static struct config cfg;
static struct domain dom;
static struct vcpu vcpus[1];
static char names[CONFIG_MAX_RULES][8];

/* Rule k: never overlapping another, so no two rules conflict. */
static void make_rule(struct rule_config *r, unsigned k)
{
	static const uint8_t conduits[] = {CONDUIT_MASK_BOTH, CONDUIT_MASK_SMC,
					   CONDUIT_MASK_HVC};
	uint32_t slot = 64u * k;

	snprintf(names[k], sizeof(names[k]), "r%u", k);
	r->name = names[k];
	r->service = -1;
	r->conduits = k ? conduits[k % 3] : CONDUIT_MASK_BOTH;
	r->action = k % 2 ? ACTION_DENY : ACTION_FORWARD;
	switch (k % 3) {
	case 0: /* one SiP SMC64 ID; rule 0 is the forwarded one of the mix */
		r->lo = r->hi = 0xc2000000u + slot;
		r->action = ACTION_FORWARD;
		break;
	case 1: /* an OEM range */
		r->lo = 0x83000000u + slot;
		r->hi = r->lo + 31u;
		break;
	default: /* a SiP SMC32 range of varying width */
		r->lo = 0x82000000u + slot;
		r->hi = r->lo + 63u - k % 32u;
		break;
	}
}

static void build(unsigned nrules)
{
	struct domain_config *dc = &cfg.domains[0];
	struct config_errors errs = {0};
	struct arena a;
	void *mem = calloc(1, ARENA_SIZE);

	if (!mem) {
		fprintf(stderr, "router-bench: out of memory\n");
		exit(1);
	}
	cfg.ndomains = 1;
	dc->name = "bench";
	dc->id = 1;
	dc->ncpus = 1;
	dc->memory_size = 0x10000000u;
	dc->image = "bench.bin";
	dc->rules = cfg.rule_pool;
	for (unsigned k = 0; k < nrules; k++)
		make_rule(&cfg.rule_pool[k], k);
	dc->nrules = nrules;
	cfg.rules_used = nrules;
	arena_init(&a, mem, ARENA_SIZE);
	if (domain_create(&dom, vcpus, &cfg, dc, &a, &errs)) {
		fprintf(stderr, "router-bench: %u rules do not compile\n",
			nrules);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	unsigned nrules = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 1;
	unsigned long iters = argc > 2 ? strtoul(argv[2], NULL, 0) : 20000;
	unsigned only = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 0) : NMIX;
	unsigned first = only < NMIX ? only : 0,
		 end = only < NMIX ? only + 1 : NMIX;
	struct call_frame frames[NMIX];
	uint64_t check = 0;

	if (nrules < 1 || nrules > CONFIG_MAX_RULES) {
		fprintf(stderr, "usage: router-bench RULES(1..%u) [ITER]\n",
			(unsigned)CONFIG_MAX_RULES);
		return 2;
	}
	harness_reset();
	firmware_probe();
	build(nrules);
	for (unsigned i = 0; i < NMIX; i++)
		frames[i] = harness_frame(&dom, 0, CONDUIT_HVC, mix[i]);
	for (unsigned long it = 0; it < iters; it++) {
		for (unsigned i = first; i < end; i++) {
			struct call_frame f = frames[i];

			router_dispatch(&f);
			check += f.x[0];
		}
	}
	/* The answers, so a broken mix is seen: version, version, -1, -1 and
	 * the fake firmware's -1 for an unknown SiP call. */
	printf("rules=%u calls=%lu tables=%u verdicts=%u check=0x%llx\n",
	       nrules, iters * (end - first), dom.policy->ntables,
	       dom.policy->nverdicts, (unsigned long long)check);
	return 0;
}
