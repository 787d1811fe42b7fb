// SPDX-License-Identifier: MIT
/* Helpers shared by the host unit tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arbiter/firmware_caps.h"
#include "unit.h"

static struct harness_system *build(const char *dts, unsigned *nerr)
{
	struct harness_system *sys = calloc(1, sizeof(*sys));

	assert_non_null(sys);
	harness_reset();
	firmware_probe();
	*nerr = harness_system_from_dts(sys, dts);
	return sys;
}

struct harness_system *unit_system(const char *dts)
{
	unsigned n;
	struct harness_system *sys = build(dts, &n);

	if (n) {
		fprintf(stderr, "unexpected configuration errors:\n%s",
			sys->errors);
		fail();
	}
	return sys;
}

unsigned unit_system_errors(const char *dts, struct harness_system **out)
{
	unsigned n;

	*out = build(dts, &n);
	return n;
}

void unit_free(struct harness_system *sys)
{
	harness_system_free(sys);
	free(sys);
}

struct domain *unit_dom(struct harness_system *sys, const char *name)
{
	struct domain *d = harness_domain(sys, name);

	assert_non_null(d);
	assert_non_null(d->policy);
	return d;
}

uint64_t unit_pattern(unsigned i)
{
	return 0xa5a5a5a5a5a50000ull | (uint64_t)(i * 0x0101u);
}

struct call_frame unit_frame(struct domain *d, unsigned v, unsigned conduit,
			     uint64_t x0)
{
	struct call_frame f = harness_frame(d, v, conduit, x0);

	for (unsigned i = 1; i < CALL_NREGS; i++)
		f.x[i] = unit_pattern(i);
	return f;
}

enum call_outcome unit_call(struct call_frame *f)
{
	return router_dispatch(f);
}

struct call_frame unit_call3(struct domain *d, unsigned v, unsigned conduit,
			     uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
			     enum call_outcome *out)
{
	struct call_frame f = unit_frame(d, v, conduit, x0);
	enum call_outcome o;

	f.x[1] = x1;
	f.x[2] = x2;
	f.x[3] = x3;
	o = router_dispatch(&f);
	if (out)
		*out = o;
	return f;
}

void unit_assert_unchanged(const struct call_frame *after,
			   const struct call_frame *before, unsigned from)
{
	for (unsigned i = from; i < CALL_NREGS; i++) {
		if (after->x[i] != before->x[i])
			fprintf(stderr, "x%u changed: 0x%llx -> 0x%llx\n", i,
				(unsigned long long)before->x[i],
				(unsigned long long)after->x[i]);
		assert_int_equal(after->x[i], before->x[i]);
	}
}

void unit_power_all(struct domain *d, uint32_t power, unsigned keep)
{
	for (unsigned i = 0; i < d->nvcpus; i++)
		atomic_store(&d->vcpus[i].power, i == keep ? VCPU_ON : power);
}
