// SPDX-License-Identifier: MIT
/*
 * Introspection-monitor transport. A monitored vCPU's call becomes an event
 * in the agent's ring (one slot per target vCPU, so no event can be lost,
 * and a queue of sequence numbers that orders them); the vCPU waits until
 * the agent replies with ARB_MON_REPLY. The ring is in the agent's RAM: the
 * hypervisor writes it and reads back only the reply values, once, when the
 * agent replies. Each vCPU's pending call is a small state machine whose
 * every transition is a compare-and-swap, so a reply, a detach and a reset
 * racing for the same call resolve it exactly once.
 */
#include "arbiter/builtins.h"
#include "arbiter/config.h"
#include "arbiter/monitor.h"
#include "arbiter/monitor_abi.h"
#include "arbiter/platform.h"

enum { PENDING_REPLYING = PENDING_REPLIED + 1 };

#define RING_MIN_QLEN	 16u
#define HEADER_CAS_TRIES 16

static struct domain *registry[CONFIG_MAX_DOMAINS];

void domain_registry_reset(void)
{
	for (unsigned i = 0; i < CONFIG_MAX_DOMAINS; i++)
		registry[i] = 0;
}

void domain_register(struct domain *d)
{
	for (unsigned i = 0; i < CONFIG_MAX_DOMAINS; i++) {
		if (!registry[i] || registry[i]->client_id == d->client_id) {
			registry[i] = d;
			return;
		}
	}
}

struct domain *domain_by_id(uint32_t id)
{
	for (unsigned i = 0; i < CONFIG_MAX_DOMAINS && registry[i]; i++)
		if (registry[i]->client_id == id)
			return registry[i];
	return 0;
}

void *domain_ram_ptr(const struct domain *d, uint64_t ipa, uint64_t len)
{
	if (!d->ram_host || ipa < d->ram_ipa || len > d->ram_size ||
	    ipa - d->ram_ipa > d->ram_size - len)
		return 0;
	return d->ram_host + (ipa - d->ram_ipa);
}

static volatile struct arb_mon_header *ring_header(struct monitor_link *m)
{
	return (volatile struct arb_mon_header *)m->ring;
}

static volatile uint64_t *ring_queue(struct monitor_link *m)
{
	return (volatile uint64_t *)(m->ring + sizeof(struct arb_mon_header));
}

static uint32_t slots_offset(uint32_t qlen)
{
	return (uint32_t)((sizeof(struct arb_mon_header) + 8u * qlen + 63u) &
			  ~63u);
}

static volatile struct arb_mon_event *ring_slot(struct monitor_link *m,
						uint32_t i)
{
	return (volatile struct arb_mon_event *)(m->ring +
						 slots_offset(m->qlen) +
						 (uint64_t)i *
							 ARB_MON_SLOT_SIZE);
}

/* Raise header.produced to at least `seq`. The agent can write the field
 * too, so the loop is bounded: it only ever hurts its own view. */
static void header_raise_produced(struct monitor_link *m, uint64_t seq)
{
	_Atomic uint64_t *p =
		(_Atomic uint64_t *)(uintptr_t)&ring_header(m)->produced;

	for (int i = 0; i < HEADER_CAS_TRIES; i++) {
		uint64_t old = atomic_load_explicit(p, memory_order_relaxed);

		if (old >= seq || atomic_compare_exchange_weak_explicit(
					  p, &old, seq, memory_order_release,
					  memory_order_relaxed))
			return;
	}
	atomic_store_explicit(p, seq, memory_order_release);
}

static void event_write(struct monitor_link *m, const struct vcpu *v,
			const struct call_frame *f, uint64_t seq)
{
	volatile struct arb_mon_event *e = ring_slot(m, v->index);

	e->target = v->dom->client_id;
	e->vcpu = v->index;
	e->conduit = f->conduit;
	e->state = f->state;
	e->imm = f->imm;
	e->esr = f->esr;
	e->pc = f->pc;
	e->pstate = f->pstate;
	for (unsigned i = 0; i < CALL_NREGS; i++)
		e->x[i] = f->x[i];
	atomic_thread_fence(memory_order_release);
	e->seq = seq;
	atomic_thread_fence(memory_order_release);
	ring_queue(m)[(seq - 1) & (m->qlen - 1)] = seq << 16 | v->index;
	atomic_thread_fence(memory_order_release);
	header_raise_produced(m, seq);
}

bool monitor_post(struct vcpu *v, const struct call_frame *f)
{
	struct monitor_link *m = v->dom->monitor;
	struct domain *agent;
	uint32_t expected = PENDING_POSTED;
	uint64_t seq;

	if (!m)
		return false;
	agent = atomic_load_explicit(&m->agent, memory_order_acquire);
	if (!agent)
		return false;
	seq = atomic_fetch_add_explicit(&m->next_seq, 1, memory_order_acq_rel) +
	      1;
	v->pending.seq = seq;
	atomic_store(&v->pending.state, PENDING_POSTED);
	/* Detached meanwhile? Withdraw, unless the detach answered first. */
	if (atomic_load(&m->agent) != agent)
		return !atomic_compare_exchange_strong(&v->pending.state,
						       &expected, PENDING_NONE);
	event_write(m, v, f, seq);
	plat_vcpu_kick(m->notify);
	return true;
}

bool monitor_take_reply(struct vcpu *v, struct monitor_reply *out)
{
	uint32_t expected = PENDING_REPLIED;

	if (atomic_load_explicit(&v->pending.state, memory_order_acquire) !=
	    PENDING_REPLIED)
		return false;
	*out = v->pending.reply;
	return atomic_compare_exchange_strong(&v->pending.state, &expected,
					      PENDING_NONE);
}

/* POSTED -> REPLYING -> REPLIED, each step a CAS: one answer per call. */
static bool pending_answer(struct vcpu *v, uint64_t seq,
			   const struct monitor_reply *r)
{
	uint32_t expected = PENDING_POSTED;

	if (v->pending.seq != seq ||
	    !atomic_compare_exchange_strong(&v->pending.state, &expected,
					    PENDING_REPLYING))
		return false;
	v->pending.reply = *r;
	expected = PENDING_REPLYING;
	if (atomic_compare_exchange_strong(&v->pending.state, &expected,
					   PENDING_REPLIED))
		plat_vcpu_kick(v);
	return true;
}

static void link_detach(struct domain *target, struct monitor_link *m)
{
	struct monitor_reply r = {.verdict = MONITOR_REPLY_DENY};

	if (target->cfg && target->cfg->monitor.pass_when_absent)
		r.verdict = MONITOR_REPLY_HANDBACK;
	atomic_store(&m->agent, (struct domain *)0);
	for (uint16_t i = 0; i < target->nvcpus; i++) {
		struct vcpu *v = &target->vcpus[i];

		pending_answer(v, v->pending.seq, &r);
	}
	atomic_store(&m->claimed, 0);
}

void monitor_agent_gone(struct domain *agent)
{
	for (unsigned i = 0; i < CONFIG_MAX_DOMAINS && registry[i]; i++) {
		struct monitor_link *m = registry[i]->monitor;

		if (m && atomic_load(&m->agent) == agent)
			link_detach(registry[i], m);
	}
}

/* ---- The agent's calls (Vendor Hypervisor range) ---- */

static enum call_outcome mon_status(struct call_frame *f, int64_t status)
{
	call_set(f, 0, status);
	return CALL_DONE;
}

/* Target `id` if it is monitored and the caller is its configured agent. */
static struct domain *target_for_agent(struct call_frame *f, uint64_t id,
				       int64_t *status)
{
	struct domain *target = id <= 0xffff ? domain_by_id((uint32_t)id) : 0;
	const char *want;
	const char *me = f->vcpu->dom->name;
	unsigned i = 0;

	*status = ARB_MON_NOT_FOUND;
	if (!target || !target->monitor || !target->cfg)
		return 0;
	want = target->cfg->monitor.agent;
	while (want && want[i] && want[i] == me[i])
		i++;
	if (!want || want[i] != me[i]) {
		*status = ARB_MON_DENIED;
		return 0;
	}
	*status = ARB_MON_OK;
	return target;
}

/* As target_for_agent, and the caller must be the attached agent. */
static struct domain *target_attached(struct call_frame *f, int64_t *status)
{
	struct domain *t = target_for_agent(f, call_arg(f, 1), status);

	if (t && atomic_load(&t->monitor->agent) != f->vcpu->dom) {
		*status = ARB_MON_NOT_FOUND;
		return 0;
	}
	return t;
}

static uint32_t queue_length(uint32_t nslots)
{
	uint32_t q = RING_MIN_QLEN;

	while (q < 2u * nslots)
		q *= 2u;
	return q;
}

static void ring_init(struct monitor_link *m)
{
	volatile struct arb_mon_header *h = ring_header(m);

	for (uint32_t i = 0; i < m->qlen; i++)
		ring_queue(m)[i] = 0;
	for (uint32_t i = 0; i < m->nslots; i++)
		ring_slot(m, i)->seq = 0;
	h->version = ARB_MON_VERSION;
	h->slot_size = ARB_MON_SLOT_SIZE;
	h->nslots = m->nslots;
	h->qlen = m->qlen;
	h->produced = atomic_load(&m->next_seq);
	h->queue_offset = sizeof(struct arb_mon_header);
	h->slots_offset = slots_offset(m->qlen);
	atomic_thread_fence(memory_order_release);
	h->magic = ARB_MON_MAGIC;
}

enum call_outcome monitor_attach(struct call_frame *f)
{
	uint64_t ipa = call_arg(f, 2), bytes = call_arg(f, 3);
	struct domain *agent = f->vcpu->dom;
	int64_t status;
	struct domain *t = target_for_agent(f, call_arg(f, 1), &status);
	struct monitor_link *m;
	uint32_t qlen, claimed = 0;
	uint8_t *ring;

	if (!t)
		return mon_status(f, status);
	m = t->monitor;
	qlen = queue_length(t->nvcpus);
	ring = (ipa & 0xfffu) ? 0 : domain_ram_ptr(agent, ipa, bytes);
	if (!ring || bytes < slots_offset(qlen) +
				     (uint64_t)t->nvcpus * ARB_MON_SLOT_SIZE)
		return mon_status(f, ARB_MON_INVALID);
	if (!atomic_compare_exchange_strong(&m->claimed, &claimed, 1))
		return mon_status(f, ARB_MON_BUSY);
	m->ring = ring;
	m->nslots = t->nvcpus;
	m->qlen = qlen;
	m->notify = f->vcpu;
	ring_init(m);
	atomic_store_explicit(&m->agent, agent, memory_order_release);
	f->x[1] = m->nslots;
	f->x[2] = ARB_MON_SLOT_SIZE;
	f->x[3] = qlen;
	return mon_status(f, ARB_MON_OK);
}

enum call_outcome monitor_detach(struct call_frame *f)
{
	int64_t status;
	struct domain *t = target_attached(f, &status);

	if (!t)
		return mon_status(f, status);
	link_detach(t, t->monitor);
	return mon_status(f, ARB_MON_OK);
}

static bool reply_decode(struct call_frame *f, struct monitor_reply *r)
{
	uint64_t flags = call_arg(f, 3), mask = call_arg(f, 4);
	unsigned verdict = (unsigned)(flags & ARB_MON_REPLY_VERDICT_MASK);

	if ((flags & ~(uint64_t)ARB_MON_REPLY_FLAGS_MASK) ||
	    verdict > ARB_MON_REPLY_DENY ||
	    (mask & ~(uint64_t)ARB_MON_SET_MASK_ALL))
		return false;
	r->verdict = verdict == ARB_MON_REPLY_DONE ? MONITOR_REPLY_DONE
		     : verdict == ARB_MON_REPLY_HANDBACK
			     ? MONITOR_REPLY_HANDBACK
			     : MONITOR_REPLY_DENY;
	r->advance_pc = (flags & ARB_MON_REPLY_ADVANCE) != 0;
	r->set_mask = (uint32_t)mask;
	return true;
}

enum call_outcome monitor_reply_call(struct call_frame *f)
{
	uint64_t seq = call_arg(f, 2);
	struct monitor_reply r = {0};
	int64_t status;
	struct domain *target = target_attached(f, &status);
	struct monitor_link *m;

	if (!target)
		return mon_status(f, status);
	if (!reply_decode(f, &r))
		return mon_status(f, ARB_MON_INVALID);
	m = target->monitor;
	for (uint16_t i = 0; i < target->nvcpus; i++) {
		struct vcpu *v = &target->vcpus[i];
		volatile struct arb_mon_event *e = ring_slot(m, i);

		if (v->pending.seq != seq ||
		    atomic_load(&v->pending.state) != PENDING_POSTED)
			continue;
		/* Read the values once, now: later writes change nothing. */
		for (unsigned k = 0; k < CALL_NREGS; k++)
			r.regs[k] = (r.set_mask >> k) & 1u ? e->reply_x[k] : 0;
		if (pending_answer(v, seq, &r))
			return mon_status(f, ARB_MON_OK);
	}
	return mon_status(f, ARB_MON_NOT_FOUND);
}

enum call_outcome monitor_wait(struct call_frame *f)
{
	int64_t status;
	struct domain *t = target_attached(f, &status);
	uint64_t produced;

	if (!t)
		return mon_status(f, status);
	produced = atomic_load(&t->monitor->next_seq);
	f->x[1] = produced;
	call_set(f, 0, ARB_MON_OK);
	/* Nothing new: sleep until a post (or any other wake-up) kicks us. */
	return produced > call_arg(f, 2) ? CALL_DONE : CALL_WAIT;
}
