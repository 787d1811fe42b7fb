/* SPDX-License-Identifier: MIT */
/*
 * The call router: the single entry point for every SMC and HVC a guest
 * makes, whatever the conduit and whatever the domain.
 */
#ifndef ARBITER_ROUTER_H
#define ARBITER_ROUTER_H

#include <stdbool.h>
#include <stdint.h>

#include "arbiter/call.h"

/*
 * Decode, check access, route and carry out one trapped call. The frame's
 * x0-x17 are the guest's registers; on return they hold what the guest must
 * see. The caller (arch layer) then applies the outcome: PC after or at the
 * instruction, UNDEF, wait, or stop.
 */
enum call_outcome router_dispatch(struct call_frame *frame);

/* How an agent's reply finishes a call the router left PENDING. */
enum monitor_verdict {
	MONITOR_REPLY_DONE,	/* use the agent's registers; see advance_pc */
	MONITOR_REPLY_HANDBACK, /* route as the domain's rules say, without the
				   monitor */
	MONITOR_REPLY_DENY,	/* answer -1 */
};

struct monitor_reply {
	uint8_t verdict;   /* enum monitor_verdict */
	bool advance_pc;   /* with DONE: resume after the instruction */
	uint32_t set_mask; /* with DONE: bit i set = write regs[i] to x[i] */
	uint64_t regs[CALL_NREGS];
};

/*
 * Finish the call `frame` describes (the same registers the router posted)
 * with the agent's reply. Returns the final outcome; never PENDING.
 */
enum call_outcome router_resume(struct call_frame *frame,
				const struct monitor_reply *reply);

#endif
