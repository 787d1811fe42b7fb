// SPDX-License-Identifier: MIT
/*
 * mode=cost: what Arbiter adds to a TEE call, end to end on QEMU. Run with
 * `tools/arbiter-run --firmware arbiter --icount` (one count per
 * instruction). PMCCNTR, with PMCCFILTR_EL0.NSH set, counts this vCPU at
 * EL1 and EL2 but not the secure side at EL3: a window around the one
 * `smc` of a call counts the guest's few instructions of the window and
 * everything the hypervisor did, router, mediator and its own `smc` to the
 * firmware included, and none of the test TEE's work. The best of 64
 * (the test TEE interrupts every fourth std call with an RPC; those are
 * answered outside the window and never the best). CNTVCT gives the same
 * window with the secure side, to 16 instructions. Printed as TAP
 * comments (bench/tee.md); each call's result is checked.
 *
 * With `unmediated pa=HEX` (the RAM's physical address) the domain's
 * policy forwards OP-TEE's range to the firmware as it is, for comparison
 * only: the guest names its memory by physical address itself, and makes
 * the same session, INC and one-page CHECKSUM.
 */
#include <string.h>

#include "tc.h"

/* What the secure side must be given for a guest address: the address
 * itself (the mediator translates), or its PA when unmediated. */
static uint64_t pa_offset;

static uint64_t tee_addr(const void *p)
{
	return ipa(p) + pa_offset;
}

#define ROUNDS	    64u
#define COST_PAGES  16u
#define COST_COOKIE 0xc057000000000001ull

static uint64_t pmu_count(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, pmccntr_el0" : "=r"(v));
	return v;
}

static uint64_t vcount(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

static void pmu_start(void)
{
	__asm__ volatile("msr pmccfiltr_el0, %0" ::"r"(1ull << 27)); /* NSH */
	__asm__ volatile("msr pmcntenset_el0, %0" ::"r"(1ull << 31));
	__asm__ volatile("msr pmcr_el0, %0" ::"r"(0x45ull)); /* E, C, LC */
	__asm__ volatile("isb");
}

struct cost {
	uint64_t el12; /* EL1 + EL2 instructions of the window, best */
	uint64_t all;  /* with the secure side, in counter ticks, best */
	unsigned bad;
};

/* One window: x0-x3 as given, the call, and its RPCs answered after. */
static void window(struct cost *c, const struct smccc_res *in, struct tc_arg *a)
{
	struct tc_call k;
	uint64_t p0, p1, t0, t1;

	call_init(&k, tc.c);
	k.r = *in;
	t0 = vcount();
	p0 = pmu_count();
	smccc_call(tc.c, &k.r);
	p1 = pmu_count();
	t1 = vcount();
	if (is_rpc(k.r.x[0])) {
		call_finish(&k);
		return; /* preempted: not a candidate for the best */
	}
	c->el12 = p1 - p0 < c->el12 ? p1 - p0 : c->el12;
	c->all = t1 - t0 < c->all ? t1 - t0 : c->all;
	c->bad += a ? (k.r.x[0] != 0 || a->ret != TEE_SUCCESS)
		    : (k.r.x[0] == MINUS1);
}

static struct cost measure(uint32_t fid, struct tc_arg *a,
			   const struct tc_arg *tmpl, size_t len)
{
	struct cost c = {~0ull, ~0ull, 0};
	struct smccc_res in;

	memset(&in, 0, sizeof(in));
	in.x[0] = fid;
	if (a) {
		in.x[1] = tee_addr(a) >> 32;
		in.x[2] = tee_addr(a) & 0xffffffffu;
	}
	for (unsigned i = 0; i < ROUNDS; i++) {
		if (a)
			memcpy(a, tmpl, len); /* outputs back to inputs */
		window(&c, &in, a);
	}
	return c;
}

static void report(const char *name, struct cost c, uint64_t base)
{
	uint64_t f;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	printf_uart("# cost under -icount shift=0: %-46s window %5llu, +%llu "
		    "over SMCCC_VERSION's; with the secure side ~%llu\n",
		    name, (unsigned long long)c.el12,
		    (unsigned long long)(c.el12 - base),
		    (unsigned long long)(c.all * (1000000000ull / f)));
	tap_ok(c.bad == 0 && c.el12 != ~0ull,
	       "%s: %u calls measured, answered right", name, ROUNDS);
}

/* A call's argument in page i of this vCPU, copied for every round. */
static struct tc_arg *invoke_tmpl(struct tc_arg *t, uint32_t s, uint32_t func,
				  const struct tc_param *p0)
{
	arg_set(t, OPTEE_MSG_CMD_INVOKE_COMMAND, func, s, p0 ? 2 : 1);
	if (p0) {
		t->p[0] = *p0;
		t->p[1].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
	} else {
		t->p[0].attr = OPTEE_MSG_ATTR_VALUE_INOUT;
	}
	return t;
}

static void measure_invokes(uint32_t s, uint64_t base)
{
	static const char *const names[] = {
		"INVOKE INC (one value)",
		"INVOKE CHECKSUM (a 1-page page list)",
		"INVOKE CHECKSUM (a 16-page page list)",
		"INVOKE CHECKSUM (a registered 16-page buffer)",
	};
	void *pages[COST_PAGES];
	struct tc_list l1, l16;
	struct tc_param p[4];
	size_t len = sizeof(struct tc_arg) + 2 * sizeof(struct tc_param);

	for (unsigned i = 0; i < COST_PAGES; i++)
		pages[i] = pg_alloc();
	pages_fill(pages, COST_PAGES, 1);
	p[1] = tmem(OPTEE_MSG_ATTR_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG,
		    list_make(&l1, pages, 1, 0), PG);
	p[2] = tmem(OPTEE_MSG_ATTR_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG,
		    list_make(&l16, pages, COST_PAGES, 0), COST_PAGES * PG);
	p[3] = rmem(OPTEE_MSG_ATTR_RMEM_INPUT, COST_COOKIE, 0, COST_PAGES * PG);
	tap_ok(shm_register(tc.c, l16.buf, COST_PAGES * PG, COST_COOKIE) ==
		       TEE_SUCCESS,
	       "a 16-page buffer registered");
	for (unsigned k = 0; k < 4; k++) {
		struct tc_arg *t = invoke_tmpl(
			my_arg(2), s, k ? FW_TA_TEST_CHECKSUM : FW_TA_TEST_INC,
			k ? &p[k] : NULL);

		report(names[k],
		       measure(OPTEE_SMC_CALL_WITH_ARG, my_arg(1), t, len),
		       base);
	}
	shm_unregister(tc.c, COST_COOKIE);
	list_free(&l1);
	list_free(&l16);
}

/* A session opened with raw calls (the argument by tee_addr). */
static uint32_t raw_open(struct tc_arg *a, uint32_t *s)
{
	struct tc_call k;

	arg_set(a, OPTEE_MSG_CMD_OPEN_SESSION, 0, 0, 2);
	a->p[0].attr = a->p[1].attr =
		OPTEE_MSG_ATTR_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	put_uuid(&a->p[0], uuid_test);
	a->p[1].c = 0x80000000u; /* REE_KERNEL login */
	call_init(&k, tc.c);
	k.r.x[0] = OPTEE_SMC_CALL_WITH_ARG;
	k.r.x[1] = tee_addr(a) >> 32;
	k.r.x[2] = tee_addr(a) & 0xffffffffu;
	smccc_call(tc.c, &k.r);
	if (call_finish(&k) != 0 || a->ret != TEE_SUCCESS)
		return a->ret ? a->ret : 0xffffffffu;
	*s = a->session;
	return TEE_SUCCESS;
}

/* The comparison: OP-TEE's range forwarded as it is (never a default). */
static void run_cost_unmediated(uint64_t base)
{
	uint64_t *list = pg_alloc();
	uint8_t *page = pg_alloc();
	size_t len = sizeof(struct tc_arg) + 2 * sizeof(struct tc_param);
	struct tc_param p;
	struct tc_arg *t;
	uint32_t s = 0;

	pa_offset = bootarg_hex("pa", 0) - guest_ram_base;
	pages_fill((void *const *)&page, 1, 1);
	memset(list, 0, PG);
	list[0] = tee_addr(page);
	p = tmem(OPTEE_MSG_ATTR_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG,
		 tee_addr(list), PG);
	if (!tap_ok(raw_open(my_arg(0), &s) == TEE_SUCCESS,
		    "unmediated: a session to the test TA"))
		return;
	t = invoke_tmpl(my_arg(2), s, FW_TA_TEST_INC, NULL);
	report("unmediated INVOKE INC (one value)",
	       measure(OPTEE_SMC_CALL_WITH_ARG, my_arg(1), t, len), base);
	t = invoke_tmpl(my_arg(2), s, FW_TA_TEST_CHECKSUM, &p);
	report("unmediated INVOKE CHECKSUM (a 1-page page list)",
	       measure(OPTEE_SMC_CALL_WITH_ARG, my_arg(1), t, len), base);
}

void run_cost(void)
{
	struct cost v;
	uint32_t s = 0;

	pmu_start();
	/* The cheapest emulated call, in the same window: the others are
	 * reported as what they add to it (its trap path alone is in
	 * bench/callcost.md). */
	v = measure(ARM_SMCCC_VERSION, NULL, NULL, 0);
	printf_uart("# cost under -icount shift=0: the same window around "
		    "SMCCC_VERSION: %llu\n",
		    (unsigned long long)v.el12);
	if (has_word("unmediated")) {
		run_cost_unmediated(v.el12);
		return;
	}
	if (!tap_ok(sess_open(tc.c, uuid_test, &s) == TEE_SUCCESS,
		    "a session to the test TA"))
		return;
	report("CALLS_UID (answered by the mediator)",
	       measure(OPTEE_SMC_CALLS_UID, NULL, NULL, 0), v.el12);
	measure_invokes(s, v.el12);
	sess_close(tc.c, s);
}
