// SPDX-License-Identifier: MIT
/*
 * mode=witness secs=N: a TEE user beside a hostile domain (the chaos
 * guest with OP-TEE and FF-A routed to the mediators). For N seconds it
 * opens a session to the test TA, increments a value, sums a one-page
 * page list, and closes the session, each answer checked. Whatever the
 * neighbour does to the mediator and the shared secure side, none of it
 * may fail: its calls in flight are bounded by its own limit, never by the
 * neighbour's.
 */
#include "tc.h"

void run_witness(void)
{
	uint64_t end = deadline_ms(1000u * bootarg_uint("secs", 5));
	void *page = pg_alloc();
	unsigned rounds = 0, failures = 0;
	struct tc_list l;
	struct tc_param m;

	pages_fill(&page, 1, 1);
	m = tmem(OPTEE_MSG_ATTR_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG,
		 list_make(&l, &page, 1, 0), PG);
	while (!passed(end)) {
		uint64_t v[3] = {rounds, 7, 0}, sum = 0;
		uint32_t s = 0;
		bool good = sess_open(tc.c, uuid_test, &s) == TEE_SUCCESS &&
			    ta_inc(tc.c, s, v) == TEE_SUCCESS &&
			    v[0] == rounds + 1u && v[1] == 8 &&
			    ta_sum(tc.c, s, &m, &sum) == TEE_SUCCESS &&
			    sum == pages_fill(&page, 1, 1) &&
			    sess_close(tc.c, s) == TEE_SUCCESS;

		failures += !good;
		rounds++;
	}
	list_free(&l);
	tap_ok(failures == 0 && rounds > 0,
	       "%u rounds of session, INC, CHECKSUM, close: %u failed", rounds,
	       failures);
	printf_uart("tee witness: rounds=%u failures=%u\n", rounds, failures);
}
