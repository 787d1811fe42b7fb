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

/*
 * Finish the call `frame` describes (the same registers the router posted)
 * with the agent's reply. Returns the final outcome; never PENDING.
 */
enum call_outcome router_resume(struct call_frame *frame,
				const struct monitor_reply *reply);

#endif
