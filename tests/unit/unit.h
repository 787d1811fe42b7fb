/* SPDX-License-Identifier: MIT */
/*
 * Shared by the host unit tests (tests/unit/test_*.c): cmocka, the harness,
 * configurations built from DTS text, and one-call helpers.
 */
#ifndef ARBITER_UNIT_H
#define ARBITER_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arbiter/config.h"
#include "arbiter/domain.h"
#include "arbiter/route.h"
#include "arbiter/router.h"
#include "arbiter/services.h"
#include "arbiter/smccc.h"
#include "harness.h"

#define ALL_ONES (~(uint64_t)0)

/* A whole configuration around the given domain nodes. */
#define CONFIG_DTS(domains)                                                    \
	"/dts-v1/;\n/ {\n compatible = \"arbiter,config-v1\";\n domains "      \
	"{\n" domains "\n };\n};\n"

/* A domain node with four vCPUs, 256 MiB of RAM and the given extras. */
#define VM_NODE(name, id, cpus, extra)                                         \
	name " { id = <" id ">; cpus = <" cpus                                 \
	     ">; memory-size = <0x0 0x10000000>; image = \"x.bin\"; " extra    \
	     " };\n"

/*
 * Reset the fake platform, probe its firmware the way the hypervisor does
 * at boot, and build a valid configuration (fails the test otherwise).
 * Freed by unit_free().
 */
struct harness_system *unit_system(const char *dts);
/* The same for a configuration expected to be invalid: returns the number
 * of errors; their lines are in sys->errors. */
unsigned unit_system_errors(const char *dts, struct harness_system **out);
void unit_free(struct harness_system *sys);

/* The one domain of a one-domain system. */
struct domain *unit_dom(struct harness_system *sys, const char *name);

/* A frame from vCPU `v` of `d` with x1-x17 set to a recognisable pattern
 * (0xa5a5...00ii in x_i) so unchanged registers can be checked. */
struct call_frame unit_frame(struct domain *d, unsigned v, unsigned conduit,
			     uint64_t x0);
uint64_t unit_pattern(unsigned i);

/* Dispatch x0 with args x1..x3 from vCPU v; returns the outcome. */
enum call_outcome unit_call(struct call_frame *f);
struct call_frame unit_call3(struct domain *d, unsigned v, unsigned conduit,
			     uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
			     enum call_outcome *out);

/* Assert x[from..17] equal `before` (the registers a call may not change). */
void unit_assert_unchanged(const struct call_frame *after,
			   const struct call_frame *before, unsigned from);

/* Set every vCPU of d to `power`, except vCPU `keep` which is ON. */
void unit_power_all(struct domain *d, uint32_t power, unsigned keep);

#endif
