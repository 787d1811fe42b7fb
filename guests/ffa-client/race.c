// SPDX-License-Identifier: MIT
/*
 * Copy-then-check, from the outside: vCPU 1 keeps rewriting the one range
 * of the descriptor in the TX buffer between a valid page and 16384 pages
 * above RAM while vCPU 0 shares it again and again. Whatever the timing,
 * a share the mediator accepts must be the one valid page (the partition
 * reads it back); everything else must be refused.
 */
#include "ffa.h"

#define RACE_OFF   (DATA_OFF + 0x40000)
#define RACE_CALLS 200
#define RANGE_AT   (FFA_MTD_SIZE + FFA_EMAD_SIZE + FFA_COMP_SIZE)
#define TOTAL_AT   (FFA_MTD_SIZE + FFA_EMAD_SIZE + FFA_COMP_OFF_PAGES)
/* The bad address is the good one with bit 31 set: whatever bytes of
 * the two a copy mixes, the result is the good page or outside RAM. */
#define RACE_BAD_HI 0x80000000ull

static volatile uint32_t race_go, race_stop, race_done;
static volatile uint64_t race_flips;

void race_cpu(void)
{
	uint64_t good = ram(RACE_OFF), bad = good | RACE_BAD_HI;

	race_go = 1;
	while (!race_stop) {
		tx32(TOTAL_AT, 0x4000);
		tx32(RANGE_AT + FFA_RANGE_OFF_PAGES, 0x4000);
		tx64(RANGE_AT + FFA_RANGE_OFF_ADDR, bad);
		tx64(RANGE_AT + FFA_RANGE_OFF_ADDR, good);
		tx32(RANGE_AT + FFA_RANGE_OFF_PAGES, 1);
		tx32(TOTAL_AT, 1);
		race_flips++;
		/* Linger on the valid state, so some shares are accepted. */
		for (volatile unsigned i = 0; i < 20; i++)
			;
	}
	race_done = 1;
}

/* One share while the descriptor moves: 1 accepted, 0 refused, -1 wrong. */
static int race_once(unsigned i, uint32_t len, uint32_t sum)
{
	uint64_t h = 0;
	struct smccc_res r = share(
		cd(i), i & 1 ? FFA_MEM_SHARE_64 : FFA_MEM_SHARE_32, len, &h);

	if (is_err(&r, FFA_RET_INVALID_PARAMETERS) ||
	    is_err(&r, FFA_RET_NO_MEMORY))
		return 0;
	if (!is_ok(&r))
		return -1;
	r = sp_call(cd(i), false, SP1, SP_CMD_MEM_SUM, (uint32_t)h, h >> 32, 0,
		    0);
	if (!sp_answered(&r, false, SP1) || r.x[4] != sum || r.x[5] != 1)
		return -1;
	r = reclaim(cd(i + 1), h);
	return is_ok(&r) ? 1 : -1;
}

void test_race(void)
{
	volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)ram(RACE_OFF);
	uint32_t sum = 0, len = desc_one(SP1, ram(RACE_OFF), 1);
	unsigned accepted = 0, refused = 0, wrong = 0;

	for (unsigned i = 0; i < 1024; i++) {
		p[i] = 0x77000000u + i;
		sum += 0x77000000u + i;
	}
	if (guest_cpu_on(1, 0) != 0) {
		tap_ok(false, "CPU_ON of vCPU 1 for the race");
		return;
	}
	while (!race_go)
		;
	for (unsigned i = 0; i < RACE_CALLS; i++) {
		int v = race_once(i, len, sum);

		accepted += v == 1;
		refused += v == 0;
		wrong += v < 0;
	}
	race_stop = 1;
	while (!race_done)
		;
	tap_ok(wrong == 0 && race_flips > 0,
	       "%u MEM_SHAREs while vCPU 1 rewrites the range (%llu times): "
	       "%u accepted, each the one page named; %u refused; %u wrong",
	       RACE_CALLS, (unsigned long long)race_flips, accepted, refused,
	       wrong);
}
