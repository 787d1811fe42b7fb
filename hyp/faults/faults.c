// SPDX-License-Identifier: MIT
/*
 * Fault injection, for the test image only (build/hyp/arbiter-faults.bin,
 * `make hyp-faults`; docs/robustness.md). This file replaces hyp/fwcall.c:
 * every SMC the hypervisor makes to the firmware comes through here, and
 * a plan in the boot bundle ("faults.dtb") says which of them fail and how:
 *
 *   / { compatible = "arbiter,faults-v1";
 *       NAME { fids = <FID...>;      w0 values the rule matches
 *              client = <N>;         optional: w7[15:0] must be N
 *              skip = <K>;           optional: let K matching calls pass
 *              count = <M>;          then fail M of them (0: all)
 *              x0 = <CODE>; };       what the "firmware" answers, as a
 *   };                               32-bit value sign-extended
 *
 * Rules apply in order (faults_inject). Calls the hypervisor makes for
 * itself carry client 0 in w7 (TRNG, PSCI, OP-TEE's VM_* calls).
 *
 * A failed call never reaches the firmware and changes only x0: the rest
 * of the registers come back as they were sent. The production image has
 * none of this (mk/hyp.mk refuses to link it with a faults_ symbol).
 */
#include <libfdt.h>
#include <stdatomic.h>
#include <string.h>

#include "../hyp.h"
#include "arbiter/fdt_check.h"
#include "arbiter/fmt.h"

#define FAULTS_MAX_RULES 16
#define FAULTS_MAX_FIDS	 8
#define FAULTS_LOG_MAX	 4 /* injected faults logged per rule */

struct faults_rule {
	const char *name;
	uint32_t fids[FAULTS_MAX_FIDS];
	uint32_t nfids;
	int32_t client; /* -1: any */
	uint32_t skip, count;
	uint64_t x0;
	_Atomic uint32_t seen;
};

static struct faults_rule faults_rules[FAULTS_MAX_RULES];
static uint32_t faults_nrules;
/* The first firmware call is the boot CPU's (firmware_probe), before any
 * other CPU runs: the plan is read then, once. */
static bool faults_loaded;

static bool faults_u32(const void *fdt, int node, const char *prop,
		       uint32_t *out)
{
	int len;
	const fdt32_t *v = fdt_getprop(fdt, node, prop, &len);

	if (v == NULL)
		return false;
	if (len != 4) {
		log_printf("FATAL: faults.dtb: %s: %s must be one cell",
			   fdt_get_name(fdt, node, NULL), prop);
		return false;
	}
	*out = fdt32_to_cpu(*v);
	return true;
}

static bool faults_known_props(const void *fdt, int node)
{
	static const char *const known[] = {"fids", "client", "skip", "count",
					    "x0"};
	int prop;

	fdt_for_each_property_offset(prop, fdt, node)
	{
		const char *name;
		bool ok = false;

		fdt_getprop_by_offset(fdt, prop, &name, NULL);
		for (unsigned i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			ok = ok || strcmp(name, known[i]) == 0;
		if (!ok) {
			log_printf("FATAL: faults.dtb: %s: unknown property %s",
				   fdt_get_name(fdt, node, NULL), name);
			return false;
		}
	}
	return true;
}

static bool faults_rule_parse(const void *fdt, int node, struct faults_rule *r)
{
	int len;
	const fdt32_t *fids = fdt_getprop(fdt, node, "fids", &len);
	uint32_t client, x0;

	r->name = fdt_get_name(fdt, node, NULL);
	if (!faults_known_props(fdt, node))
		return false;
	if (fids == NULL || len <= 0 || len % 4 || len / 4 > FAULTS_MAX_FIDS ||
	    !faults_u32(fdt, node, "x0", &x0)) {
		log_printf("FATAL: faults.dtb: %s: needs fids (1-%u) and x0",
			   r->name, FAULTS_MAX_FIDS);
		return false;
	}
	r->nfids = (uint32_t)len / 4;
	for (uint32_t i = 0; i < r->nfids; i++)
		r->fids[i] = fdt32_to_cpu(fids[i]);
	r->x0 = (uint64_t)(int64_t)(int32_t)x0;
	r->client =
		faults_u32(fdt, node, "client", &client) ? (int32_t)client : -1;
	faults_u32(fdt, node, "skip", &r->skip);
	faults_u32(fdt, node, "count", &r->count);
	return true;
}

static void faults_load(void)
{
	const void *base, *fdt;
	size_t size;
	int node;

	faults_loaded = true;
	if (bundle_find(&base) != 0 ||
	    (fdt = bundle_get("faults.dtb", &size)) == NULL) {
		log_printf("faults: test image without a plan: no faults");
		return;
	}
	if (!fdt_blob_valid(fdt, size) || fdt_check_header(fdt) != 0 ||
	    fdt_node_check_compatible(fdt, 0, "arbiter,faults-v1") != 0) {
		log_printf("FATAL: faults.dtb: not an arbiter,faults-v1 tree");
		return;
	}
	fdt_for_each_subnode(node, fdt, 0)
	{
		if (faults_nrules == FAULTS_MAX_RULES) {
			log_printf("FATAL: faults.dtb: more than %u rules",
				   FAULTS_MAX_RULES);
			return;
		}
		if (!faults_rule_parse(fdt, node, &faults_rules[faults_nrules]))
			return;
		faults_nrules++;
	}
	log_printf("faults: %u rule(s) from faults.dtb", faults_nrules);
}

static bool faults_match(const struct faults_rule *r,
			 const struct smccc_regs *x)
{
	if (r->client >= 0 && (x->x[7] & 0xffffu) != (uint32_t)r->client)
		return false;
	for (uint32_t i = 0; i < r->nfids; i++)
		if ((uint32_t)x->x[0] == r->fids[i])
			return true;
	return false;
}

/*
 * Rules are tried in order; each counts the matching calls that reach it,
 * and the first whose window (after skip, count long) holds the call fails
 * it. So two rules on one ID fail its first call one way and, once the
 * first rule is spent, the next call another way.
 */
static bool faults_inject(struct smccc_regs *x)
{
	for (uint32_t i = 0; i < faults_nrules; i++) {
		struct faults_rule *r = &faults_rules[i];
		uint32_t n, k;

		if (!faults_match(r, x))
			continue;
		n = atomic_fetch_add(&r->seen, 1);
		if (n < r->skip || (r->count && n - r->skip >= r->count))
			continue;
		k = n - r->skip;
		if (k < FAULTS_LOG_MAX)
			log_printf("faults: %s: 0x%08x answered 0x%llx "
				   "(injected %u%s)",
				   r->name, (unsigned)x->x[0],
				   (unsigned long long)r->x0, k + 1,
				   k + 1 == FAULTS_LOG_MAX ? ", further ones "
							     "not logged"
							   : "");
		x->x[0] = r->x0;
		return true;
	}
	return false;
}

void plat_firmware_call(struct smccc_regs *regs)
{
	if (!faults_loaded)
		faults_load();
	if (!faults_inject(regs))
		arch_smc_call(regs);
}
