// SPDX-License-Identifier: MIT
/*
 * Per-domain counters, reported when a domain powers off: the core's
 * per-vCPU call counters summed (calls by action, malformed IDs, non-zero
 * immediates turned into UNDEF, audit lines the rate limit has not yet
 * reported) and the guest faults the hypervisor answered with an abort,
 * however few of them it logged. Two bounded lines per domain.
 */
#include "arbiter/config.h"
#include "arbiter/fmt.h"
#include "hyp.h"

void hyp_domain_summary(struct hdomain *hd)
{
	const struct domain *d = &hd->d;
	uint64_t act[ACTION_COUNT] = {0}, unknown = 0, undef = 0, dropped = 0;

	for (uint16_t i = 0; i < d->nvcpus; i++) {
		const struct call_stats *s = &d->vcpus[i].stats;

		for (unsigned k = 0; k < ACTION_COUNT; k++)
			act[k] += s->by_action[k];
		unknown += s->unknown;
		undef += s->undef;
		dropped += s->audit_dropped;
	}
	log_printf("domain %s: calls emulated %llu forwarded %llu tee %llu "
		   "monitored %llu denied %llu",
		   d->name, (unsigned long long)act[ACTION_EMULATE],
		   (unsigned long long)act[ACTION_FORWARD],
		   (unsigned long long)act[ACTION_TEE],
		   (unsigned long long)act[ACTION_MONITOR],
		   (unsigned long long)act[ACTION_DENY]);
	log_printf("domain %s: malformed %llu, undef %llu, audit lines not "
		   "shown %llu, aborts injected %llu",
		   d->name, (unsigned long long)unknown,
		   (unsigned long long)undef, (unsigned long long)dropped,
		   (unsigned long long)atomic_load_explicit(
			   &hd->faults, memory_order_relaxed));
}
