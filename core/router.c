// SPDX-License-Identifier: MIT
/*
 * The call router. Every trapped SMC and HVC comes through router_dispatch:
 * decode, access, route, act. No locks, no allocation: the caller's policy
 * is sealed and per-vCPU counters belong to the running pCPU.
 */
#include "arbiter/firmware_caps.h"
#include "arbiter/fmt.h"
#include "arbiter/platform.h"
#include "arbiter/route.h"
#include "arbiter/router.h"
#include "arbiter/tee.h"

/* Audit lines: at most AUDIT_BURST at once, refilled AUDIT_PER_SEC a second. */
#define AUDIT_BURST   8u
#define AUDIT_PER_SEC 4u

static enum call_outcome answer_unknown(struct call_frame *f)
{
	f->x[0] = SMCCC_UNKNOWN;
	return CALL_DONE;
}

/* Counts tokens spent, not tokens left, so that a vCPU's zeroed counters
 * start with a full burst whatever the clock reads. */
static bool audit_take_token(struct call_stats *s)
{
	uint64_t now = plat_time_ns();
	uint64_t refill =
		(now - s->audit_last_ns) / (1000000000u / AUDIT_PER_SEC);

	if (refill) {
		s->audit_spent =
			refill < s->audit_spent ? s->audit_spent - refill : 0;
		s->audit_last_ns = now;
	}
	if (s->audit_spent >= AUDIT_BURST)
		return false;
	s->audit_spent++;
	return true;
}

static void audit_denial(const struct call_frame *f)
{
	struct vcpu *v = f->vcpu;
	uint64_t dropped = v->stats.audit_dropped;

	if (!audit_take_token(&v->stats)) {
		v->stats.audit_dropped++;
		return;
	}
	v->stats.audit_dropped = 0;
	log_printf("audit: domain %s vcpu %u %s 0x%08x denied pc=0x%llx"
		   " (%llu not shown)",
		   v->dom->name, v->index,
		   f->conduit == CONDUIT_SMC ? "smc" : "hvc", f->fid,
		   (unsigned long long)f->pc, (unsigned long long)dropped);
}

static enum call_outcome answer_denied(struct call_frame *f,
				       const struct verdict *vd)
{
	f->vcpu->stats.denied_by_oen[smccc_oen(f->fid)]++;
	if (vd->audit)
		audit_denial(f);
	f->x[0] = SMCCC_UNKNOWN;
	return CALL_DONE;
}

static unsigned forward_results(void)
{
	return firmware_caps.smccc_version >= SMCCC_VERSION_1_2 ? CALL_NREGS
								: 4u;
}

enum call_outcome route_forward(struct call_frame *f)
{
	struct smccc_regs r;
	uint16_t client = f->vcpu->dom->client_id;

	r.x[0] = f->fid;
	for (unsigned i = 1; i < CALL_NREGS; i++)
		r.x[i] = call_arg(f, i);
	/* w7[15:0] is the client ID; w7[31:16] (Secure OS ID) stays the
	 * caller's. */
	r.x[7] = (r.x[7] & ~(uint64_t)0xffffu) | client;
	{
		struct smccc_regs sent = r;

		plat_firmware_call(&r);
		/* Results are x0-x3 below SMCCC 1.2, x0-x17 from it: a
		 * firmware that may clobber more never leaks it to a guest
		 * told 1.3. A register the firmware gave back unchanged
		 * keeps the caller's exact value: the client ID put in w7
		 * and upper halves masked off a 32-bit call never leak. */
		for (unsigned i = 0; i < forward_results(); i++)
			if (i == 0 || r.x[i] != sent.x[i])
				f->x[i] = r.x[i];
	}
	return CALL_DONE;
}

/* Act on an allowed verdict; `action` may be the verdict's fallback. */
static enum call_outcome route_act(struct call_frame *f,
				   const struct verdict *vd, unsigned action)
{
	struct vcpu *v = f->vcpu;

	v->stats.by_action[action]++;
	switch (action) {
	case ACTION_EMULATE:
		if (!vd->fn)
			return answer_unknown(f);
		return vd->fn->handler(f);
	case ACTION_FORWARD:
		return route_forward(f);
	case ACTION_TEE:
		return tee_call(f, vd->tee);
	case ACTION_MONITOR:
		v->pending.fid = f->fid;
		v->pending.fallback = vd->fallback;
		v->pending.verdict = (uint16_t)(vd - v->dom->policy->verdicts);
		v->pending.active = 1;
		if (plat_monitor_post(v, f))
			return CALL_PENDING;
		/* No agent: count the call by what happens to it instead. */
		v->pending.active = 0;
		v->stats.by_action[ACTION_MONITOR]--;
		if (v->dom->cfg && v->dom->cfg->monitor.pass_when_absent)
			return route_act(f, vd, vd->fallback);
		v->stats.by_action[ACTION_DENY]++;
		return answer_denied(f, vd);
	default:
		return answer_denied(f, vd);
	}
}

/* A call that is not SMCCC, or whose ID is malformed: off the hot path. */
static enum call_outcome route_malformed(struct call_frame *f,
					 enum decode_result why)
{
	struct vcpu *v = f->vcpu;

	if (why == DECODE_IMMEDIATE) {
		v->stats.undef++;
		if (v->dom->imm_policy == IMM_UNDEF)
			return CALL_UNDEF;
		return answer_unknown(f);
	}
	v->stats.unknown++;
	return answer_unknown(f);
}

static enum call_outcome route_verdict(struct call_frame *f,
				       const struct verdict *vd)
{
	if (vd->action == ACTION_DENY) {
		f->vcpu->stats.by_action[ACTION_DENY]++;
		return answer_denied(f, vd);
	}
	return route_act(f, vd, vd->action);
}

enum call_outcome router_dispatch(struct call_frame *f)
{
	struct vcpu *v = f->vcpu;
	const struct verdict *vd;
	enum decode_result why;
	uint32_t fid;

	why = call_decode(f->x[0], f->state, f->imm, &fid);
	if (why != DECODE_OK)
		return route_malformed(f, why);
	f->fid = fid;
	vd = policy_lookup(v->policy, f->conduit, fid);
	if (vd->handler) {
		v->stats.by_action[ACTION_EMULATE]++;
		return vd->handler(f);
	}
	return route_verdict(f, vd);
}

enum call_outcome router_resume(struct call_frame *f,
				const struct monitor_reply *reply)
{
	struct vcpu *v = f->vcpu;
	const struct verdict *vd;

	if (!v->pending.active)
		return CALL_DONE; /* nothing held: leave the registers alone */
	v->pending.active = 0;
	vd = &v->dom->policy->verdicts[v->pending.verdict];
	f->fid = v->pending.fid;
	switch (reply->verdict) {
	case MONITOR_REPLY_DONE:
		for (unsigned i = 0; i < CALL_NREGS; i++)
			if (reply->set_mask & (1u << i))
				f->x[i] = reply->regs[i];
		return reply->advance_pc ? CALL_DONE : CALL_REPEAT;
	case MONITOR_REPLY_HANDBACK:
		if (v->pending.fallback == ACTION_DENY ||
		    v->pending.fallback == ACTION_MONITOR)
			return answer_denied(f, vd);
		return route_act(f, vd, v->pending.fallback);
	default:
		return answer_denied(f, vd);
	}
}

const struct verdict *route_query(const struct call_frame *f, uint32_t fid)
{
	const struct verdict *vd;
	uint32_t decoded;

	if (call_decode(fid, f->state, 0, &decoded) != DECODE_OK)
		return NULL;
	vd = route_lookup(f->vcpu->dom, f->conduit, decoded);
	if (vd->action == ACTION_MONITOR && vd->fallback == ACTION_EMULATE &&
	    !vd->fn)
		return NULL;
	return verdict_allows(vd) ? vd : NULL;
}
