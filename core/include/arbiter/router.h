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
#include "arbiter/domain.h"

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

/*
 * The one call a trap vector may answer before saving anything: a function
 * whose answer is the same constant for every call of this domain on both
 * conduits (today WORKAROUND_1 when the firmware needs no call for it),
 * computed from the domain's sealed policy and the firmware's answers.
 * Packed as (answer << 32) | fid; ROUTER_NO_FAST_CALL when there is none
 * (a malformed FID whose answer, -1, is right should it ever match).
 */
#define ROUTER_NO_FAST_CALL 0xffffffffffffffffull
uint64_t router_fast_call(const struct domain *d);

#endif
