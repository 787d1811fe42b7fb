/* SPDX-License-Identifier: MIT */
/* The firmware test payload: TAP over UART0 from bare-metal EL2. */
#ifndef FW_TEST_PAYLOAD_H
#define FW_TEST_PAYLOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "arbiter/smccc.h"
#include "sip.h"

struct smc_regs {
	uint64_t x[18];
};

void smc_call(struct smc_regs *r);
void smc_call_imm1(struct smc_regs *r);

/* x0 = fid, x1..x3 as given, x4..x17 a recognisable pattern, w7 = client. */
void call_init(struct smc_regs *r, uint64_t fid, uint64_t a1, uint64_t a2,
	       uint64_t a3);
uint64_t call3(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3);
uint64_t call_as(uint16_t client, uint32_t fid, uint64_t a1, uint64_t a2);
/* Registers first..17 still hold what call_init put there. */
bool call_preserved(const struct smc_regs *r, unsigned first);

void out(const char *s);
void out_hex(uint64_t v);
void out_dec(uint64_t v);
void ok(bool cond, const char *what);
void ok_eq(uint64_t got, uint64_t want, const char *what);

void test_arch(void);
void test_trng(void);
void test_sip(void);
void test_sweep(void);
void test_tee(void);

#define NEG(x) ((uint64_t)(int64_t)(x))

#endif
