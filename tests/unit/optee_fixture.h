/* SPDX-License-Identifier: MIT */
/*
 * The OP-TEE mediator's test fixture: a fake OP-TEE below the fake
 * firmware, probed at boot, and three domains with 2 MiB of real RAM each:
 * "a" (client 5) and "b" (client 6) route OP-TEE to the mediator, "c"
 * (client 7) has no TEE rule. Included by tests/unit/test_optee*.c only.
 */
#ifndef ARBITER_OPTEE_FIXTURE_H
#define ARBITER_OPTEE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arbiter/firmware_caps.h"
#include "arbiter/tee.h"
#include "unit.h"
#include "../../core/tee/optee_abi.h"

#define RAM_SIZE 0x200000u
#define RAM_IPA	 0x40000000ull
#define ARG_IPA	 (RAM_IPA + 0x1000)
#define LIST_IPA (RAM_IPA + 0x2000)
#define DATA_IPA (RAM_IPA + 0x10000)

#define OPTEE_DOM(name, id, cpus, extra)                                       \
	name " { id = <" id ">; cpus = <" cpus                                 \
	     ">; memory-size = <0x0 0x200000>; image = \"x.bin\"; " extra      \
	     " };\n"
#define OPTEE_RULE                                                             \
	"smccc { t { match = \"optee\"; action = \"tee\"; tee = \"optee\"; "   \
	"}; };"

struct fx {
	struct harness_system *sys;
	struct domain *a, *b, *c;
};

static const char fx_dts[] =
	CONFIG_DTS(OPTEE_DOM("a", "5", "0 1", OPTEE_RULE) OPTEE_DOM(
		"b", "6", "2 3", OPTEE_RULE) OPTEE_DOM("c", "7", "4", ""));

static inline struct domain *fx_domain(struct fx *x, const char *name)
{
	struct domain *d = harness_domain(x->sys, name);

	assert_non_null(d);
	d->ram_host = aligned_alloc(4096, RAM_SIZE);
	assert_non_null(d->ram_host);
	memset(d->ram_host, 0, RAM_SIZE);
	return d;
}

/* Boot as the hypervisor does: probe, create the domains, VM_CREATED. */
static inline struct fx *fx_boot_dts(bool optee_present, const char *dts)
{
	struct fx *x = calloc(1, sizeof(*x));

	assert_non_null(x);
	harness_reset();
	if (optee_present)
		fake_optee_enable();
	firmware_probe();
	tee_probe();
	x->sys = calloc(1, sizeof(*x->sys));
	assert_non_null(x->sys);
	if (harness_system_from_dts(x->sys, dts) != 0) {
		fprintf(stderr, "%s", x->sys->errors);
		fail();
	}
	x->a = fx_domain(x, "a");
	x->b = fx_domain(x, "b");
	x->c = fx_domain(x, "c");
	tee_domain_started(x->a);
	tee_domain_started(x->b);
	tee_domain_started(x->c);
	return x;
}

static inline struct fx *fx_boot(bool optee_present)
{
	return fx_boot_dts(optee_present, fx_dts);
}

static inline int fx_setup(void **state)
{
	*state = fx_boot(true);
	return 0;
}

static inline int fx_teardown(void **state)
{
	struct fx *x = *state;

	free(x->a->ram_host);
	free(x->b->ram_host);
	free(x->c->ram_host);
	harness_system_free(x->sys);
	free(x->sys);
	free(x);
	return 0;
}

static inline void *gp(struct domain *d, uint64_t ipa)
{
	return d->ram_host + (ipa - RAM_IPA);
}

/* One call from vCPU 0 of d with x1..x5 set. */
static inline struct call_frame fx_call(struct domain *d, uint32_t fid,
					uint64_t a1, uint64_t a2, uint64_t a3,
					uint64_t a4, uint64_t a5)
{
	struct call_frame f = unit_frame(d, 0, CONDUIT_SMC, fid);

	f.x[1] = a1;
	f.x[2] = a2;
	f.x[3] = a3;
	f.x[4] = a4;
	f.x[5] = a5;
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	return f;
}

/* CALL_WITH_ARG of the argument at `ipa`. */
static inline struct call_frame fx_std(struct domain *d, uint64_t ipa)
{
	return fx_call(d, OPTEE_CALL_WITH_ARG, ipa >> 32, ipa & 0xffffffffu, 0,
		       0, 0);
}

/* A fresh argument at ARG_IPA of d. */
static inline struct optee_msg_arg *fx_arg(struct domain *d, uint32_t cmd,
					   uint32_t func, uint32_t nparams)
{
	struct optee_msg_arg *a = gp(d, ARG_IPA);

	memset(a, 0, OPTEE_ARG_SIZE(nparams));
	a->cmd = cmd;
	a->func = func;
	a->session = 0x101;
	a->num_params = nparams;
	return a;
}

/* A page list at LIST_IPA naming `n` data pages from DATA_IPA, filled
 * with byte value `fill`; returns buf_ptr (list IPA | offset). */
static inline uint64_t fx_list(struct domain *d, unsigned n, uint64_t off,
			       uint8_t fill)
{
	uint64_t *list = gp(d, LIST_IPA);

	for (unsigned i = 0; i < n; i++) {
		list[i] = DATA_IPA + 0x1000ull * i;
		memset(gp(d, list[i]), fill, 4096);
	}
	return LIST_IPA | off;
}

#endif
