/* SPDX-License-Identifier: MIT */
/*
 * TEE mediators. Which mediators exist is a link-time choice: each one is
 * an object file that places a `struct tee_mediator` in the `tee_mediators`
 * section (TEE_MEDIATOR()); the build's TEE variable picks the objects. A
 * configuration naming a TEE that is not linked in is an error.
 */
#ifndef ARBITER_TEE_H
#define ARBITER_TEE_H

#include <stdbool.h>

#include "arbiter/call.h"

enum tee_kind {
	TEE_NONE = 0,
	TEE_OPTEE,
	TEE_FFA,
	TEE_KIND_COUNT,
};

struct arena;
struct config;
struct domain;

/*
 * What every mediator implements. All hooks but `call` run with the
 * domain's vCPUs stopped (boot, power-off, reset), on one CPU.
 */
struct tee_mediator {
	enum tee_kind kind;
	const char *name;
	/* Boot, before any domain exists: ask the secure side what it
	 * offers (through plat_firmware_call, a7 = 0); false = absent. */
	bool (*probe)(void);
	/* Domain creation: per-domain state and its fixed memory pool from
	 * `a` (the call path never allocates). False = out of memory. */
	bool (*domain_init)(struct domain *d, const struct config *cfg,
			    struct arena *a);
	/* Before the domain's first instruction (boot, after a reset): tell
	 * the secure side. A refusal leaves the domain running with TEE
	 * calls that fail. */
	void (*domain_created)(struct domain *d);
	/* Power-off and reset, vCPUs stopped: drain the domain's calls,
	 * drop what it holds, tell the secure side. */
	void (*domain_destroyed)(struct domain *d);
	/* One call routed to this mediator. */
	enum call_outcome (*call)(struct call_frame *f);
	/* A std call of this TEE (0: none). A domain whose policy forwards
	 * it unmediated still gets the lifecycle hooks: a secure side with
	 * NS-virtualization refuses a client never announced, mediated or
	 * not, and only the hypervisor may announce one (R9). */
	uint32_t std_fid;
};

#define TEE_MEDIATOR(var)                                                      \
	static const struct tee_mediator var                                   \
		__attribute__((used, section("tee_mediators"), aligned(8)))

/* enum tee_kind for a configuration name, or TEE_NONE. */
enum tee_kind tee_kind_by_name(const char *name);
const char *tee_kind_name(unsigned kind);

/* The mediator linked in for `kind`, or NULL. */
const struct tee_mediator *tee_find(unsigned kind);

enum call_outcome tee_call(struct call_frame *f, unsigned kind);

/* Probe every linked mediator (boot, after firmware_probe()). */
void tee_probe(void);
/* Whether `kind`'s mediator is linked and its secure side answered. */
bool tee_present(unsigned kind);

/*
 * Domain lifecycle, for every TEE the domain's rules name: init from
 * domain_create() (false: out of memory), started before its first
 * instruction, stopped when powered off and when reset (then started).
 */
bool tee_domain_init(struct domain *d, const struct config *cfg,
		     struct arena *a);
void tee_domain_started(struct domain *d);
void tee_domain_stopped(struct domain *d);

#endif
