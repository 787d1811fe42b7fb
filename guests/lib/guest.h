/* SPDX-License-Identifier: MIT */
/*
 * The bare-metal test guest runtime: console, SMCCC calls over either
 * conduit, TAP output, vCPU bring-up and power-off.
 */
#ifndef GUEST_GUEST_H
#define GUEST_GUEST_H

#include <stdbool.h>
#include <stdint.h>

#include "arbiter/smccc.h"

#define GUEST_MAX_CPUS 16

struct smccc_res {
	uint64_t x[18];
};

enum guest_conduit {
	GUEST_SMC = 0,
	GUEST_HVC = 1,
};

/* Provided by each guest. */
void guest_main(void);
/* Runs on a secondary vCPU started by guest_cpu_on(); return = CPU_OFF. */
void guest_cpu_main(unsigned index, uint64_t arg);

/* Raw calls: x0-x17 in and out. */
void guest_smc(struct smccc_res *r);
void guest_hvc(struct smccc_res *r);
void smccc_call(enum guest_conduit c, struct smccc_res *r);
/* x0 only, from a function ID and up to three arguments. */
uint64_t smccc(enum guest_conduit c, uint32_t fid, uint64_t a1, uint64_t a2,
	       uint64_t a3);

/* Facts from the device tree the hypervisor gave us. */
extern enum guest_conduit psci_conduit;
extern unsigned guest_ncpus;
extern uint64_t guest_cpu_mpidr[GUEST_MAX_CPUS];
extern uint64_t guest_ram_base, guest_ram_size;
extern const void *guest_fdt;
extern const char *guest_bootargs;
/* "key=N" in /chosen/bootargs, or dflt. */
unsigned bootarg_uint(const char *key, unsigned dflt);
const char *conduit_name(enum guest_conduit c);

/* Console. */
void putc_uart(char c);
void puts_uart(const char *s);
void printf_uart(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* TAP. */
void tap_plan(unsigned n);
bool tap_ok(bool cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
unsigned tap_failures(void);
/* Results printed so far: for a plan printed last ("1..N" after them). */
unsigned tap_total(void);

/* PSCI on this domain's conduit. */
int64_t guest_cpu_on(unsigned index, uint64_t arg);
unsigned this_cpu_index(void);
_Noreturn void guest_poweroff(void);
_Noreturn void guest_fatal(const char *why);

/* Exceptions: arm, then check what (if anything) was taken. */
void expect_exception(void);
/* ESR_EL1 of the exception taken since expect_exception(), 0 if none. */
uint64_t exception_taken(void);

#endif
