/* SPDX-License-Identifier: MIT */
/*
 * What the router and trap fuzzers share: reading the input, building a
 * random domain from it, random calls, and the router oracle (an
 * independent decode of the ID, the verdict from route_lookup(), and what
 * each action may and may not do).
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "arbiter/config.h"
#include "arbiter/domain.h"
#include "arbiter/route.h"

#define FUZZ_MAX_VCPUS 4
#define FUZZ_ECHO_FID  0xc2000001u /* the fake firmware's SiP echo */

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "fuzz: %s:%d: %s\n", __FILE__,         \
				__LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

struct fuzz_input {
	const uint8_t *p;
	size_t n;
	uint64_t prng; /* 0: none; else the state of the generator below */
};

/* Draw bytes past the input's end from a generator seeded by the input
 * itself, so a short input still makes many calls and replays exactly. */
void fuzz_extend(struct fuzz_input *in, const uint8_t *data, size_t size);

/* Little-endian bytes from the input; then the generator's, or zeros. */
uint64_t fuzz_take(struct fuzz_input *in, unsigned bytes);
uint8_t fuzz_u8(struct fuzz_input *in);

/*
 * Up to `max` operations on the fuzzed domain while the input lasts (with
 * fuzz_extend(), the generator's bytes too): 0xfe resets its vCPUs, 0xfd
 * takes every vCPU's pending power-up, any other byte is one call made by
 * `one`.
 */
void fuzz_run_ops(struct fuzz_input *in, unsigned max,
		  void (*one)(struct fuzz_input *in));

/* The configuration and the fuzzed domain (cfg.domains[0]). */
extern struct config fuzz_cfg;
extern struct domain fuzz_dom;
extern struct vcpu fuzz_vcpus[FUZZ_MAX_VCPUS];

/* Router calls made since the start (for the soak's count). */
extern uint64_t fuzz_router_calls;
/* Print "NAME: N router calls in S s (R per second)" at exit. */
void fuzz_count_at_exit(const char *name);

/*
 * Build the fuzzed domain: a seed template (defaults, forwarded SiP,
 * locked-down and audited, exclusive monitor, listed monitor) plus random
 * rules, dropped from the end until it compiles. False when even the
 * template does not.
 */
bool fuzz_build_domain(struct fuzz_input *in);

/* A random x0 aimed at the built-ins, the services' bases and edges. */
uint64_t fuzz_pick_x0(struct fuzz_input *in);
/* x1-x17: recognisable defaults, some of them replaced from the input. */
void fuzz_fill_args(struct call_frame *f, struct fuzz_input *in);

/* The world as a call found it. */
struct fuzz_snapshot {
	struct call_frame f; /* the frame as the router was handed it */
	uint64_t fw_calls, denied;
	unsigned posts, kicks, offs, resets;
	uint32_t power[FUZZ_MAX_VCPUS];
};

void fuzz_snap(struct fuzz_snapshot *s, const struct call_frame *f);
/* Nothing happened anywhere: no handler, firmware, monitor or power. */
void fuzz_check_untouched(const struct fuzz_snapshot *s);
/* x[from..17] are what they were. */
void fuzz_check_regs_from(const struct call_frame *f,
			  const struct fuzz_snapshot *s, unsigned from);

/* DESIGN §1 written again, independently of call_decode(). */
enum decode_result fuzz_oracle_decode(uint64_t x0, unsigned state, unsigned imm,
				      uint32_t *fid);

/*
 * Check what router_dispatch() did with the call `s` describes (outcome
 * o, registers now in f) against the oracle; a call a monitor holds is
 * resumed with a reply from the input and checked too. Returns the final
 * outcome; fuzz_answered_by is then the built-in that answered, if any.
 */
extern const struct builtin_fn *fuzz_answered_by;
enum call_outcome fuzz_check_routed(struct call_frame *f,
				    const struct fuzz_snapshot *s,
				    enum call_outcome o, struct fuzz_input *in);

#endif
