// SPDX-License-Identifier: MIT
/*
 * A domain that resets itself with two shares outstanding: one with
 * 0x8001 (which is told the VM is destroyed, so the hypervisor can take
 * the share back) and one 0x8002 holds (not told: the reclaim is refused
 * and the hypervisor keeps it as an orphan, retried at every start and
 * stop of the domain). Boot 2 finds a fresh FF-A state: nothing
 * negotiated, no buffers, the first share gone, the second still the
 * SPMC's until 0x8002 lets go; the domain itself cannot reclaim it.
 */
#include "ffa.h"

#define PERSIST_MAGIC 0x66666172657365ull /* "eseraff" */

struct persist {
	uint64_t magic;
	uint64_t boots;
	uint64_t h1, h2;
};

static struct persist *persist(void)
{
	return (struct persist *)(uintptr_t)ram(PERSIST_OFF);
}

static bool count_is(uint64_t n, uint64_t held)
{
	struct smccc_res r =
		sp_call(cd(0), false, SP1, SP_CMD_MEM_COUNT, 0, 0, 0, 0);

	return sp_answered(&r, false, SP1) && r.x[4] == n && r.x[5] == held;
}

static void boot_first(struct persist *p)
{
	uint64_t h1 = 0, h2 = 0;
	struct smccc_res r;
	bool ok;

	/* A domain that boots twice prints each boot's plan first. */
	tap_plan(2);
	ok = fcall3(cd(0), FFA_VERSION, FFA_VERSION_1_1, 0, 0).x[0] ==
		     FFA_VERSION_1_1 &&
	     is_ok((r = fcall3(cd(1), FFA_RXTX_MAP_64, ram(TX_OFF), ram(RX_OFF),
			       1),
		    &r));
	tap_ok(ok, "boot 1: FFA_VERSION, RXTX_MAP");
	ok = is_ok((r = share(cd(0), FFA_MEM_SHARE_32,
			      desc_one(SP1, ram(DATA_OFF), 1), &h1),
		    &r)) &&
	     is_ok((r = share(cd(1), FFA_MEM_SHARE_64,
			      desc_one(SP2, ram(DATA_OFF + 0x1000), 1), &h2),
		    &r));
	r = sp_call(cd(0), false, SP2, SP_CMD_MEM_HOLD, (uint32_t)h2, h2 >> 32,
		    0, 0);
	tap_ok(ok && sp_answered(&r, false, SP2) && count_is(2, 1),
	       "boot 1: one share with 0x8001, one 0x8002 holds");
	*p = (struct persist){PERSIST_MAGIC, 1, h1, h2};
	smccc(psci_conduit, PSCI_0_2_FN(PSCI_FN_SYSTEM_RESET), 0, 0, 0);
	guest_fatal("SYSTEM_RESET returned");
}

static void boot_second(struct persist *p)
{
	struct smccc_res r;

	tap_plan(6);
	tap_ok(all_err(FFA_ID_GET, 0, 0, 0, FFA_RET_NOT_SUPPORTED),
	       "boot 2: nothing negotiated (ID_GET before VERSION: "
	       "NOT_SUPPORTED)");
	tap_ok(fcall3(cd(0), FFA_VERSION, FFA_VERSION_1_1, 0, 0).x[0] ==
			       FFA_VERSION_1_1 &&
		       is_ok((r = fcall3(cd(1), FFA_RXTX_MAP_64, ram(TX_OFF),
					 ram(RX_OFF), 1),
			      &r)),
	       "boot 2: RXTX_MAP succeeds: the old buffers are forgotten");
	tap_ok(count_is(1, 1),
	       "boot 2: the SPMC holds 1 share of ours (the held one)");
	r = sp_call(cd(1), false, SP1, SP_CMD_MEM_SUM, (uint32_t)p->h1,
		    p->h1 >> 32, 0, 0);
	tap_ok(r.x[3] == (uint32_t)FFA_RET_INVALID_PARAMETERS,
	       "boot 2: the share with 0x8001 was reclaimed at the reset");
	tap_ok(is_err((r = reclaim(cd(0), p->h1), &r),
		      FFA_RET_INVALID_PARAMETERS) &&
		       is_err((r = reclaim(cd(1), p->h2), &r),
			      FFA_RET_INVALID_PARAMETERS),
	       "boot 2: neither old handle is the domain's to reclaim");
	r = sp_call(cd(0), false, SP2, SP_CMD_MEM_DROP, (uint32_t)p->h2,
		    p->h2 >> 32, 0, 0);
	tap_ok(sp_answered(&r, false, SP2) && count_is(1, 0),
	       "boot 2: 0x8002 lets go; the hypervisor reclaims it at "
	       "power-off");
	p->boots = 2;
}

void role_reset(void)
{
	struct persist *p = persist();

	if (p->magic != PERSIST_MAGIC)
		boot_first(p);
	else if (p->boots == 1)
		boot_second(p);
	else
		guest_fatal("a third boot");
}
