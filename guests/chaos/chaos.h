/* SPDX-License-Identifier: MIT */
/*
 * The chaos guest: seeded random SMCCC calls, PSCI storms, bad immediates
 * and bad memory accesses on every vCPU, each checked against what the
 * specifications guarantee. Shared state and the pieces of main.c,
 * calls.c, power.c and mem.c.
 */
#ifndef GUESTS_CHAOS_H
#define GUESTS_CHAOS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "../lib/guest.h"

#define CHAOS_MAX_CPUS 8
/*
 * Context IDs passed to CPU_ON and power-down suspends: 32 bits (an SMC32
 * call masks them), tag in 31:20, kind in 19:16, caller 15:8, target 7:0.
 */
#define CTX_MAGIC	 0xc4a00000u
#define CTX_MAGIC_MASK	 0xfff00000u
#define CTX_KIND_ON	 1u
#define CTX_KIND_SUSPEND 2u
#define CTX(kind, caller, target)                                              \
	(CTX_MAGIC | ((uint32_t)(kind) << 16) | ((uint32_t)(caller) << 8) |    \
	 (uint32_t)(target))

/* Registers of one checked call (layout known to entry.S). */
struct chaos_regs {
	uint64_t x[18];
	uint64_t canary[11]; /* x18-x28 */
	uint64_t marker;     /* 1 when the PC moved past the call once */
};

/* Error codes counted by value: -1 .. -9, then "other negative". */
#define NCODES 11

struct cpu_state {
	uint64_t rng;
	uint64_t calls, violations, aborts, undefs, imm, mem, wfe, wfi;
	uint64_t power_downs, resumes, cpu_on_ok;
	uint64_t codes[NCODES]; /* [0] = 0 / success, [k] = -k, [10] other */
	uint64_t quota;
	/* A power-down this vCPU asked for: the context it must come back with.
	 */
	uint64_t expect_ctx;
	/* Expected synchronous exception (vectors). */
	volatile bool armed;
	volatile uint64_t esr, far, elr;
	_Atomic bool done;
	bool started;
};

extern struct cpu_state cpus[CHAOS_MAX_CPUS];
extern unsigned chaos_ncpus;
extern bool imm_is_unknown; /* smccc-immediate = "unknown" */
extern bool sip_forwarded;  /* the SiP range is forwarded to firmware */
extern bool tee_routed;     /* OP-TEE and FF-A go to Arbiter's mediators */
extern uint64_t chaos_seed;

/* entry.S */
void chaos_entry(uint64_t ctx);
void chaos_set_vectors(void);
void chaos_call(struct chaos_regs *r, unsigned conduit);
uint64_t chaos_imm(unsigned which, uint64_t x0);
extern char chaos_imm_insn0[], chaos_imm_insn1[], chaos_imm_insn2[],
	chaos_imm_insn3[];

/* selftest.c: the check a self-test run pretends the hypervisor broke. */
enum mutation {
	MUT_NONE,
	MUT_REG,     /* a preserved register changed */
	MUT_CANARY,  /* one of x18-x28 changed */
	MUT_PC,	     /* the PC moved twice */
	MUT_UNKNOWN, /* -1 only in the low 32 bits */
	MUT_CODE,    /* a return code the function may not return */
	MUT_EXTRA,   /* AFFINITY_INFO level > 3 answered */
	MUT_ABORT,   /* an access expected to abort did not */
	MUT_UNDEF,   /* a non-zero immediate answered the other way */
	MUT_COUNT,
};
extern enum mutation chaos_mutation;
void selftest_main(void);

/* main.c */
uint64_t rnd(struct cpu_state *s);
uint64_t rnd_below(struct cpu_state *s, uint64_t n);
void violation(struct cpu_state *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void count_code(struct cpu_state *s, int64_t code);
void chaos_resume(uint64_t ctx);

/* calls.c: one random call, checked. */
void random_call(struct cpu_state *s, unsigned cpu);
uint64_t random_arg(struct cpu_state *s);
/* A checked call of a known function; returns x0. */
uint64_t checked_call(struct cpu_state *s, unsigned conduit, uint64_t *args,
		      unsigned nargs);

/* power.c */
void psci_storm(struct cpu_state *s, unsigned cpu);

/* mem.c */
void mem_storm(struct cpu_state *s);
void imm_storm(struct cpu_state *s);
void wfe_storm(struct cpu_state *s);
void wfi_storm(struct cpu_state *s, unsigned cpu);

/* reset.c: resets=K, SYSTEM_RESET mid-storm. */
extern unsigned chaos_boot, chaos_resets;
void reset_setup(void);
bool reset_due(const struct cpu_state *s, unsigned cpu);
_Noreturn void reset_now(struct cpu_state *s, unsigned cpu);
void reset_totals(struct cpu_state *t);

/* witness.c */
void witness_main(void);

#endif
