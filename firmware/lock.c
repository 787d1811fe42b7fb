// SPDX-License-Identifier: MIT
/*
 * Lamport's bakery lock. The firmware runs with the EL3 MMU off, so all its
 * data accesses are Device-nGnRnE, where exclusive loads/stores and LSE
 * atomics are IMPLEMENTATION DEFINED (Arm ARM B2.9: a global monitor for
 * Device memory is optional). The bakery algorithm needs only single-copy
 * atomic aligned loads and stores plus barriers, so it is correct on any
 * implementation; FW_MAX_CPUS is small, so its O(n) cost does not matter.
 * Waiters sleep in WFE; a release ends with SEV.
 */
#include "fw.h"
#include "sysreg.h"

/* (number, cpu) pairs ordered lexicographically: who goes first. */
static bool lock_goes_first(uint32_t n_other, unsigned other, uint32_t n_me,
			    unsigned me)
{
	return n_other < n_me || (n_other == n_me && other < me);
}

void fw_lock_acquire(struct fw_lock *l, unsigned cpu)
{
	uint32_t max = 0;
	unsigned j;

	l->choosing[cpu] = 1;
	fw_dmb();
	for (j = 0; j < FW_MAX_CPUS; j++) {
		if (l->number[j] > max)
			max = l->number[j];
	}
	l->number[cpu] = max + 1;
	fw_dmb();
	l->choosing[cpu] = 0;
	fw_sev(); /* a CPU may be waiting for us to finish choosing */
	for (j = 0; j < FW_MAX_CPUS; j++) {
		if (j == cpu)
			continue;
		while (l->choosing[j])
			fw_wfe();
		fw_dmb();
		for (;;) {
			uint32_t n = l->number[j];

			if (n == 0 ||
			    !lock_goes_first(n, j, l->number[cpu], cpu))
				break;
			fw_wfe();
		}
	}
	fw_dmb();
}

void fw_lock_release(struct fw_lock *l, unsigned cpu)
{
	fw_dmb();
	l->number[cpu] = 0;
	fw_sev();
}
