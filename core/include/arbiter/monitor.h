/* SPDX-License-Identifier: MIT */
/*
 * The introspection-monitor transport (core/monitor.c): events go to the
 * agent through a ring in the agent's own RAM, replies come back through
 * Vendor Hypervisor calls (monitor_abi.h). The hypervisor implements
 * plat_monitor_post() with monitor_post(), and finishes a PENDING call when
 * monitor_take_reply() gives it the reply.
 */
#ifndef ARBITER_MONITOR_H
#define ARBITER_MONITOR_H

#include <stdbool.h>

#include "arbiter/call.h"
#include "arbiter/domain.h"

/* Post the call to the target's agent. False: no agent attached. */
bool monitor_post(struct vcpu *v, const struct call_frame *f);

/* The reply for v's pending call, once there is one. */
bool monitor_take_reply(struct vcpu *v, struct monitor_reply *out);

/* The agent domain is being reset or powered off: detach it everywhere. */
void monitor_agent_gone(struct domain *agent);

/* Every domain, by client ID: the monitor calls name their targets so. */
void domain_registry_reset(void);
void domain_register(struct domain *d);
struct domain *domain_by_id(uint32_t id);

/* Host pointer to [ipa, ipa + len) of d's RAM, or NULL if not all of it is. */
void *domain_ram_ptr(const struct domain *d, uint64_t ipa, uint64_t len);

#endif
