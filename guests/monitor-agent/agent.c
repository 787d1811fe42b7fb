// SPDX-License-Identifier: MIT
/*
 * A bare-metal introspection agent (docs/monitor.md). It attaches to the
 * targets its bootargs name ("targets=1,2"), logs every event, answers the
 * made-up SiP calls itself, lets one call run twice (no PC advance, then
 * advance), hands PSCI back to the hypervisor, denies everything else, and
 * checks that sequence numbers arrive in order, none lost or repeated. It
 * powers off once every target has asked for its report.
 */
#include <libfdt.h>
#include <string.h>

#include "../lib/guest.h"
#include "arbiter/monitor_abi.h"
#include "protocol.h"

#define MAX_TARGETS 4
#define RING_BYTES  16384
#define LOG_EVENTS  24 /* events logged in full; the rest are counted */

struct target {
	uint32_t id;
	uint8_t *ring;
	uint64_t seen; /* events consumed */
	uint64_t order_errors, denied_seen, hvc_seen, events;
	uint8_t twice[GUEST_MAX_CPUS];
	uint64_t last_echo[GUEST_MAX_CPUS];
	bool reported;
};

static uint8_t rings[MAX_TARGETS][RING_BYTES] __attribute__((aligned(4096)));
static struct target targets[MAX_TARGETS];
static unsigned ntargets;
static uint64_t logged;

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
	int node = fdt_path_offset(guest_fdt, "/chosen");
	const char *a = node >= 0
				? fdt_getprop(guest_fdt, node, "bootargs", NULL)
				: NULL;
	const char *p = a ? strstr(a, "targets=") : NULL;

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
		printf_uart("agent: REPLY seq %llu to %u failed: %lld\n",
			    (unsigned long long)seq, t->id, (long long)st);
}

static void report(struct target *t, volatile struct arb_mon_event *e)
{
	e->reply_x[0] = 0;
	e->reply_x[1] = t->events;
	e->reply_x[2] = t->order_errors;
	e->reply_x[3] = t->denied_seen;
	e->reply_x[4] = t->hvc_seen;
	t->reported = true;
}

/* Decide one event; returns the REPLY flags, fills reply_x and *mask. */
static uint32_t decide(struct target *t, volatile struct arb_mon_event *e,
		       uint32_t *mask)
{
	uint32_t fid = (uint32_t)e->x[0], v = e->vcpu % GUEST_MAX_CPUS;
	const uint32_t done = ARB_MON_REPLY_DONE | ARB_MON_REPLY_ADVANCE;

	*mask = 0;
	if ((fid & 0xbfffffe0u) == 0x84000000u)
		return ARB_MON_REPLY_HANDBACK; /* PSCI: the hypervisor's job */
	switch (fid) {
	case MP_ANSWER:
		e->reply_x[0] = MP_ANSWER_VALUE;
		e->reply_x[1] = e->x[1] + 1;
		*mask = 3;
		return done;
	case MP_TWICE:
		if (!t->twice[v]++)
			return ARB_MON_REPLY_DONE; /* PC stays: it runs again */
		t->twice[v] = 0;
		e->reply_x[0] = 2;
		*mask = 1;
		return done;
	case MP_ECHO:
		if (e->x[2] != t->last_echo[v] + 1)
			t->order_errors++;
		t->last_echo[v] = e->x[2];
		e->reply_x[0] = e->x[2] + 1;
		*mask = 1;
		return done;
	case MP_REPORT:
		report(t, e);
		*mask = 0x1f;
		return done;
	default:
		return ARB_MON_REPLY_DENY;
	}
}

static void handle(struct target *t, uint64_t seq, uint32_t s)
{
	volatile struct arb_mon_event *e = slot_of(t, s);
	uint32_t flags, mask;

	if (e->seq != seq) {
		t->order_errors++;
		return;
	}
	t->events++;
	t->denied_seen += (uint32_t)e->x[0] == MP_DENIED;
	t->hvc_seen += e->conduit == 1;
	if (logged++ < LOG_EVENTS)
		printf_uart("agent: event seq=%llu target=%u vcpu=%u %s "
			    "x0=0x%llx pc=0x%llx\n",
			    (unsigned long long)seq, e->target, e->vcpu,
			    e->conduit ? "hvc" : "smc",
			    (unsigned long long)e->x[0],
			    (unsigned long long)e->pc);
	if ((uint32_t)e->x[0] == MP_SILENT)
		return;
	flags = decide(t, e, &mask);
	reply(t, seq, flags, mask);
}

/* Consume what is new, in sequence order; true if anything was. */
static bool drain(struct target *t)
{
	volatile uint64_t *q =
		(volatile uint64_t *)(t->ring + hdr(t)->queue_offset);
	uint32_t qlen = hdr(t)->qlen;
	bool any = false;

	while (t->seen < hdr(t)->produced) {
		uint64_t e = q[t->seen & (qlen - 1)];

		if (ARB_MON_QUEUE_SEQ(e) != t->seen + 1)
			break; /* not written yet */
		t->seen++;
		handle(t, t->seen, ARB_MON_QUEUE_SLOT(e));
		any = true;
	}
	return any;
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	(void)index;
	(void)arg;
}

void guest_main(void)
{
	struct smccc_res r;
	unsigned done = 0;

	parse_targets();
	for (unsigned i = 0; i < ntargets; i++) {
		struct target *t = &targets[i];
		int64_t st;

		t->ring = rings[i];
		st = (int64_t)mon(ARB_MON_ATTACH, t->id, (uintptr_t)t->ring,
				  RING_BYTES, 0, &r);
		t->seen = hdr(t)->produced;
		printf_uart("agent: attach %u: %lld (slots %llu)\n", t->id,
			    (long long)st, (unsigned long long)r.x[1]);
	}
	while (ntargets && done < ntargets) {
		bool any = false;

		done = 0;
		for (unsigned i = 0; i < ntargets; i++) {
			any = drain(&targets[i]) || any;
			done += targets[i].reported;
		}
		if (!any && done < ntargets)
			mon(ARB_MON_WAIT, targets[0].id, targets[0].seen, 0, 0,
			    NULL);
	}
	for (unsigned i = 0; i < ntargets; i++)
		printf_uart(
			"agent: target %u: %llu events, %llu order errors\n",
			targets[i].id, (unsigned long long)targets[i].events,
			(unsigned long long)targets[i].order_errors);
}
