// SPDX-License-Identifier: MIT
/* Domain creation: the core's half (identity, vCPUs, sealed policy). */
#include "arbiter/arena.h"
#include "arbiter/config.h"
#include "arbiter/domain.h"
#include "arbiter/monitor.h"
#include "arbiter/policy.h"
#include "arbiter/router.h"
#include "arbiter/tee.h"

unsigned domain_create(struct domain *dom, struct vcpu *vcpus,
		       const struct config *cfg, const struct domain_config *dc,
		       struct arena *a, struct config_errors *errs)
{
	unsigned before = errs ? errs->count : 0;
	bool tee_ok;

	dom->name = dc->name;
	dom->client_id = (uint16_t)dc->id;
	dom->nvcpus = (uint16_t)dc->ncpus;
	dom->imm_policy = dc->imm_policy;
	dom->psci_conduit = dc->psci_conduit;
	dom->psci_suspend_extended = dc->psci_suspend_extended;
	dom->vcpus = vcpus;
	dom->ram_ipa = CONFIG_IPA_RAM_BASE;
	dom->ram_size = dc->memory_size;
	dom->cfg = dc;
	dom->policy = policy_compile(dc, a, errs);
	if (dc->monitor.mode != MONITOR_NONE)
		dom->monitor = arena_alloc(a, sizeof(*dom->monitor), 64);
	if (dc->monitor.mode != MONITOR_NONE && !dom->monitor)
		config_error(errs, "domain '%s': out of memory", dc->name);
	tee_ok = tee_domain_init(dom, cfg, a);
	if (!tee_ok)
		config_error(errs, "domain '%s': out of memory for its TEE",
			     dc->name);
	domain_register(dom);
	for (uint32_t i = 0; i < dc->ncpus; i++) {
		vcpus[i] = (struct vcpu){.dom = dom,
					 .policy = dom->policy,
					 .index = (uint16_t)i,
					 .pcpu = (uint16_t)dc->cpus[i]};
	}
	domain_reset_vcpus(dom);
	dom->fast_call =
		dom->policy ? router_fast_call(dom) : ROUTER_NO_FAST_CALL;
	if (!dom->policy || !tee_ok ||
	    (dc->monitor.mode != MONITOR_NONE && !dom->monitor))
		return errs && errs->count > before ? errs->count - before : 1;
	return 0;
}

void domain_reset_vcpus(struct domain *dom)
{
	for (uint16_t i = 0; i < dom->nvcpus; i++) {
		struct vcpu *v = &dom->vcpus[i];

		v->pending.active = 0;
		atomic_store(&v->pending.state, PENDING_NONE);
		v->entry = 0;
		v->context = 0;
		atomic_store_explicit(&v->power, i == 0 ? VCPU_ON : VCPU_OFF,
				      memory_order_release);
	}
	atomic_fetch_add_explicit(&dom->generation, 1, memory_order_acq_rel);
}

bool vcpu_power_take_pending(struct vcpu *v, uint64_t *entry, uint64_t *context)
{
	uint32_t expected = VCPU_ON_PENDING;

	if (!atomic_compare_exchange_strong_explicit(
		    &v->power, &expected, VCPU_ON, memory_order_acq_rel,
		    memory_order_acquire))
		return false;
	*entry = v->entry;
	*context = v->context;
	return true;
}

uint64_t vcpu_calls(const struct vcpu *v)
{
	uint64_t n = v->stats.unknown + v->stats.undef;

	for (unsigned i = 0; i < ACTION_COUNT; i++)
		n += v->stats.by_action[i];
	return n;
}
