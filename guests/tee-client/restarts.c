// SPDX-License-Identifier: MIT
/*
 * mode=restarts restarts=N: a domain that resets itself again and again.
 * Each reset costs the secure side a partition it may not give back (OP-TEE
 * 4.10 leaks on VM_DESTROYED), so the mediator re-creates a domain only
 * `restarts` times (tee-limits). Boots 1 .. N+1 must find OP-TEE; the boots
 * after must find its calls failing cleanly (-1) while the domain itself
 * runs on. The boot count survives the resets in RAM the image does not
 * use. Each boot prints its own TAP plan; the last powers off.
 */
#include "tc.h"

#define RESTARTS_MAGIC	0x7374726174736572ull
#define RESTARTS_OFFSET 0xc00000ull
#define EXTRA_BOOTS	2u /* boots checked after the restarts are spent */

struct restarts_state {
	uint64_t magic, boots;
};

void run_restarts(void)
{
	struct restarts_state *p =
		(struct restarts_state *)(uintptr_t)(guest_ram_base +
						     RESTARTS_OFFSET);
	unsigned allowed = bootarg_uint("restarts", 0);
	struct smccc_res r = {{OPTEE_SMC_CALLS_UID}};
	bool created;

	if (p->magic != RESTARTS_MAGIC) {
		p->magic = RESTARTS_MAGIC;
		p->boots = 0;
	}
	p->boots++;
	created = p->boots <= allowed + 1u;
	smccc_call(tc.c, &r);
	tap_ok(created ? r.x[0] == OPTEE_API_UID_0 : r.x[0] == MINUS1,
	       "boot %llu of %u: OP-TEE %s", (unsigned long long)p->boots,
	       allowed + 1u + EXTRA_BOOTS,
	       created ? "answers (created again)"
		       : "calls fail (restarts spent), the domain runs");
	if (p->boots < allowed + 1u + EXTRA_BOOTS) {
		tap_plan(tap_total());
		smccc(psci_conduit, PSCI_0_2_FN(PSCI_FN_SYSTEM_RESET), 0, 0, 0);
		guest_fatal("SYSTEM_RESET returned");
	}
}
