// SPDX-License-Identifier: MIT
/*
 * A bare-metal introspection agent (docs/monitor.md). It attaches to the
 * targets its bootargs name ("targets=1,2"), logs every event (the first
 * LOG_EVENTS in full, then counts), answers the made-up SiP calls of
 * protocol.h itself, lets MP_TWICE run twice (no PC advance, then advance),
 * hands PSCI back to the hypervisor, never answers MP_SILENT, denies
 * everything else, and checks that events arrive in sequence order, none
 * lost or repeated. A target is done when it sends MP_BYE or its PSCI
 * SYSTEM_OFF reaches us; the agent powers off when every target is done.
 * With "leave" in its bootargs it holds, without replying, the first event
 * of each target whose x1 is MP_LEAVE_MARK, and leaves the target: DETACH,
 * or, for the last target, power off.
 */
#include <string.h>

#include "../lib/guest.h"
#include "arbiter/monitor_abi.h"
#include "protocol.h"

#define MAX_TARGETS 4
#define RING_BYTES  16384
#define LOG_EVENTS  24 /* events logged in full; the rest are counted */

struct probe {
	uint64_t pc, esr, conduit, fid, vcpu, count, pstate;
};

struct target {
	uint32_t id;
	uint8_t *ring;
	uint64_t seen; /* events consumed */
	uint64_t events, errors, denied_seen, unlisted_seen, hvc_seen;
	uint64_t handback, answered, repeated, refused, held;
	uint8_t twice[GUEST_MAX_CPUS];
	uint64_t twice_pc[GUEST_MAX_CPUS];
	uint64_t last_echo[GUEST_MAX_CPUS];
	struct probe probe;
	bool done, left;
};

static uint8_t rings[MAX_TARGETS][RING_BYTES] __attribute__((aligned(4096)));
static struct target targets[MAX_TARGETS];
static unsigned ntargets;
static uint64_t logged, held;
static unsigned nleft;
static bool leave;

static uint64_t mon(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		    uint64_t a4, struct smccc_res *out)
{
	struct smccc_res r = {{fid, a1, a2, a3, a4}};

	smccc_call(GUEST_HVC, &r);
	if (out)
		*out = r;
	return r.x[0];
}

static void parse_targets(void)
{
	const char *p = strstr(guest_bootargs, "targets=");

	leave = strstr(guest_bootargs, "leave") != NULL;
	for (p = p ? p + 8 : NULL; p && *p >= '0' && *p <= '9';) {
		uint32_t id = 0;

		while (*p >= '0' && *p <= '9')
			id = id * 10 + (uint32_t)(*p++ - '0');
		if (ntargets < MAX_TARGETS)
			targets[ntargets++].id = id;
		if (*p == ',')
			p++;
	}
}

static volatile struct arb_mon_header *hdr(struct target *t)
{
	return (volatile struct arb_mon_header *)t->ring;
}

static volatile struct arb_mon_event *slot_of(struct target *t, uint32_t s)
{
	return (volatile struct arb_mon_event *)(t->ring +
						 hdr(t)->slots_offset +
						 s * ARB_MON_SLOT_SIZE);
}

static void reply(struct target *t, uint64_t seq, uint32_t flags, uint32_t mask)
{
	int64_t st = (int64_t)mon(ARB_MON_REPLY, t->id, seq, flags, mask, NULL);

	if (st != ARB_MON_OK)
		printf_uart("FATAL: REPLY seq %llu to %u failed: %lld\n",
			    (unsigned long long)seq, t->id, (long long)st);
}

static uint32_t report(struct target *t, volatile struct arb_mon_event *e)
{
	e->reply_x[0] = 0;
	e->reply_x[1] = t->events;
	e->reply_x[2] = t->errors;
	e->reply_x[3] = t->denied_seen;
	e->reply_x[4] = t->hvc_seen;
	e->reply_x[5] = t->repeated;
	e->reply_x[6] = t->unlisted_seen;
	return 0x7f;
}

static uint32_t last_probe(struct target *t, volatile struct arb_mon_event *e)
{
	e->reply_x[0] = 0;
	e->reply_x[1] = t->probe.pc;
	e->reply_x[2] = t->probe.esr;
	e->reply_x[3] = t->probe.conduit;
	e->reply_x[4] = t->probe.fid;
	e->reply_x[5] = t->probe.vcpu;
	e->reply_x[6] = t->probe.count;
	e->reply_x[7] = t->probe.pstate;
	return 0xff;
}

/* MP_TWICE: 0 (no advance, x2 marked) the first time, then the answer. */
static uint32_t twice(struct target *t, volatile struct arb_mon_event *e,
		      unsigned v, uint32_t *mask)
{
	if (!t->twice[v]) {
		t->twice[v] = 1;
		t->twice_pc[v] = e->pc;
		e->reply_x[2] = MP_TWICE_MARK;
		*mask = 1u << 2;
		t->repeated++;
		return ARB_MON_REPLY_DONE; /* the PC stays: it runs again */
	}
	t->twice[v] = 0;
	e->reply_x[0] = e->x[2] == MP_TWICE_MARK ? 2 : 0xbad;
	e->reply_x[1] = e->pc;
	e->reply_x[2] = t->twice_pc[v];
	*mask = 7;
	return ARB_MON_REPLY_DONE | ARB_MON_REPLY_ADVANCE;
}

static uint32_t echo(struct target *t, volatile struct arb_mon_event *e,
		     unsigned v, uint32_t *mask)
{
	if (e->x[2] != t->last_echo[v] + 1 || e->x[1] != e->vcpu)
		t->errors++;
	t->last_echo[v] = e->x[2];
	e->reply_x[0] = e->x[2] + 1;
	e->reply_x[1] = e->vcpu;
	*mask = 3;
	return ARB_MON_REPLY_DONE | ARB_MON_REPLY_ADVANCE;
}

/* Decide one event; returns the REPLY flags, fills reply_x and *mask. */
static uint32_t decide(struct target *t, volatile struct arb_mon_event *e,
		       uint32_t *mask)
{
	uint32_t fid = (uint32_t)e->x[0];
	unsigned v = e->vcpu % GUEST_MAX_CPUS;
	const uint32_t done = ARB_MON_REPLY_DONE | ARB_MON_REPLY_ADVANCE;

	*mask = 0;
	if ((fid & 0xbfffffe0u) == 0x84000000u) {
		t->done |=
			(fid & ~0x40000000u) == PSCI_0_2_FN(PSCI_FN_SYSTEM_OFF);
		return ARB_MON_REPLY_HANDBACK; /* PSCI: the hypervisor's job */
	}
	switch (fid) {
	case MP_ANSWER:
		e->reply_x[0] = MP_ANSWER_VALUE;
		e->reply_x[1] = e->x[1] + 1;
		*mask = 3;
		return done;
	case MP_TWICE:
		return twice(t, e, v, mask);
	case MP_ECHO:
		return echo(t, e, v, mask);
	case MP_REPORT:
		*mask = report(t, e);
		return done;
	case MP_LAST:
		*mask = last_probe(t, e);
		return done;
	case MP_HELD:
		e->reply_x[0] = 0;
		e->reply_x[1] = held;
		*mask = 3;
		return done;
	case MP_BYE:
		t->done = true;
		e->reply_x[0] = 0;
		*mask = 1;
		return done;
	default:
		t->denied_seen += fid == MP_DENIED;
		t->unlisted_seen += fid == MP_UNLISTED;
		return ARB_MON_REPLY_DENY;
	}
}

/* Book-keeping every event gets, whatever its fate. */
static void account(struct target *t, uint64_t seq, uint32_t s,
		    volatile struct arb_mon_event *e)
{
	t->events++;
	t->hvc_seen += e->conduit == 1;
	if (e->target != t->id || e->vcpu != s || s >= hdr(t)->nslots)
		t->errors++;
	if (e->x[1] == MP_PROBE_MARK) {
		t->probe = (struct probe){.pc = e->pc,
					  .esr = e->esr,
					  .conduit = e->conduit,
					  .fid = (uint32_t)e->x[0],
					  .vcpu = e->vcpu,
					  .count = t->probe.count + 1,
					  .pstate = e->pstate};
	}
	if (logged++ < LOG_EVENTS)
		printf_uart("agent: event seq=%llu target=%u vcpu=%u %s "
			    "x0=0x%llx x1=0x%llx pc=0x%llx esr=0x%x\n",
			    (unsigned long long)seq, e->target, e->vcpu,
			    e->conduit ? "hvc" : "smc",
			    (unsigned long long)e->x[0],
			    (unsigned long long)e->x[1],
			    (unsigned long long)e->pc, e->esr);
	else if (logged == LOG_EVENTS + 1)
		printf_uart("agent: further events counted, not logged\n");
}

/*
 * "leave": detach from this target while holding its call, or, for the last
 * target still attached, power off holding it. Either way the hypervisor
 * answers the call as the target's on-agent-absent says.
 */
static void leave_target(struct target *t, uint64_t seq)
{
	int64_t st;

	if (t->left)
		return;
	t->left = true;
	if (++nleft == ntargets) {
		printf_uart("agent: powering off holding seq %llu of target "
			    "%u\n",
			    (unsigned long long)seq, t->id);
		guest_poweroff();
	}
	st = (int64_t)mon(ARB_MON_DETACH, t->id, 0, 0, 0, NULL);
	printf_uart("agent: detached from %u holding seq %llu: %lld\n", t->id,
		    (unsigned long long)seq, (long long)st);
	if (st != ARB_MON_OK)
		printf_uart("FATAL: DETACH from %u: %lld\n", t->id,
			    (long long)st);
	st = (int64_t)mon(ARB_MON_REPLY, t->id, seq,
			  ARB_MON_REPLY_DONE | ARB_MON_REPLY_ADVANCE, 0, NULL);
	if (st != ARB_MON_NOT_FOUND)
		printf_uart("FATAL: REPLY after DETACH: %lld, not NOT_FOUND\n",
			    (long long)st);
}

static void handle(struct target *t, uint64_t seq, uint32_t s)
{
	volatile struct arb_mon_event *e = slot_of(t, s);
	uint32_t flags, mask;

	if (e->seq != seq) {
		t->errors++;
		return;
	}
	account(t, seq, s, e);
	if (leave && e->x[1] == MP_LEAVE_MARK) {
		leave_target(t, seq);
		return;
	}
	if ((uint32_t)e->x[0] == MP_SILENT) {
		t->held++;
		held++;
		return;
	}
	flags = decide(t, e, &mask);
	if ((flags & ARB_MON_REPLY_VERDICT_MASK) == ARB_MON_REPLY_HANDBACK)
		t->handback++;
	else if ((flags & ARB_MON_REPLY_VERDICT_MASK) == ARB_MON_REPLY_DENY)
		t->refused++;
	else if (flags & ARB_MON_REPLY_ADVANCE)
		t->answered++;
	reply(t, seq, flags, mask);
}

/* Consume what is new, in sequence order; true if anything was. */
static bool drain(struct target *t)
{
	volatile uint64_t *q =
		(volatile uint64_t *)(t->ring + hdr(t)->queue_offset);
	uint32_t qlen = hdr(t)->qlen;
	bool any = false;

	while (!t->left && t->seen < hdr(t)->produced) {
		uint64_t e = q[t->seen & (qlen - 1)];

		if (ARB_MON_QUEUE_SEQ(e) != t->seen + 1)
			break; /* not written yet */
		__asm__ volatile("dmb ishld" ::: "memory");
		t->seen++;
		handle(t, t->seen, ARB_MON_QUEUE_SLOT(e));
		any = true;
	}
	return any;
}

static void attach(struct target *t, uint8_t *ring)
{
	struct smccc_res r;
	int64_t st;

	t->ring = ring;
	st = (int64_t)mon(ARB_MON_ATTACH, t->id, (uintptr_t)ring, RING_BYTES, 0,
			  &r);
	if (st != ARB_MON_OK || hdr(t)->magic != ARB_MON_MAGIC) {
		printf_uart("FATAL: attach to %u: %lld\n", t->id,
			    (long long)st);
		guest_poweroff();
	}
	t->seen = hdr(t)->produced;
	st = (int64_t)mon(ARB_MON_ATTACH, t->id, (uintptr_t)ring, RING_BYTES, 0,
			  NULL);
	if (st != ARB_MON_BUSY)
		printf_uart("FATAL: a second ATTACH to %u: %lld, not BUSY\n",
			    t->id, (long long)st);
	printf_uart("agent: attached to %u: %llu slots of %llu bytes, queue "
		    "%llu\n",
		    t->id, (unsigned long long)r.x[1],
		    (unsigned long long)r.x[2], (unsigned long long)r.x[3]);
}

static void summary(const struct target *t)
{
	printf_uart("agent: target %u: %llu events: %llu answered, %llu "
		    "repeated, %llu handed back, %llu denied, %llu held; %llu "
		    "errors\n",
		    t->id, (unsigned long long)t->events,
		    (unsigned long long)t->answered,
		    (unsigned long long)t->repeated,
		    (unsigned long long)t->handback,
		    (unsigned long long)t->refused, (unsigned long long)t->held,
		    (unsigned long long)t->errors);
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	(void)index;
	(void)arg;
}

/* WAIT names one target: one still attached. */
static const struct target *wait_target(void)
{
	for (unsigned i = 0; i < ntargets; i++)
		if (!targets[i].left)
			return &targets[i];
	return &targets[0];
}

void guest_main(void)
{
	unsigned done = 0;

	parse_targets();
	if (!ntargets)
		printf_uart("agent: no targets: not attaching\n");
	for (unsigned i = 0; i < ntargets; i++)
		attach(&targets[i], rings[i]);
	while (done < ntargets) {
		bool any = false;

		done = 0;
		for (unsigned i = 0; i < ntargets; i++) {
			any = drain(&targets[i]) || any;
			done += targets[i].done;
		}
		if (!any && done < ntargets)
			mon(ARB_MON_WAIT, wait_target()->id,
			    wait_target()->seen, 0, 0, NULL);
	}
	for (unsigned i = 0; i < ntargets; i++)
		summary(&targets[i]);
}
