// SPDX-License-Identifier: MIT
/*
 * The two test secure partitions. Each answers a direct request at once
 * with a direct response (no preemption, no RUN): arithmetic on w4-w7,
 * who it thinks is asking, and work on memory shared with it. Memory
 * commands act only on shares whose sender is the requester and that name
 * the partition as a receiver, so a VM can only ever reach its own shares
 * here. SP 0x8001 also takes the VM availability messages and, when a VM
 * is destroyed, lets go of that VM's shares.
 */
#include "spmc.h"

/* Requests served, per partition and per sender (0-15, then others). */
static uint32_t sp_requests[SPMC_NSPS][17];

struct sp_ctx {
	struct fw_call *c;
	const struct spmc_sp *sp;
	unsigned idx; /* index of sp in spmc_sps */
	uint16_t sender;
	uint64_t mask;	 /* 32-bit responses carry w registers */
	uint64_t res[4]; /* w4-w7 of the response */
};

static void sp_respond(struct sp_ctx *x, uint64_t w2, int32_t status)
{
	struct fw_frame *o = x->c->out;
	unsigned i;

	o->x[0] = x->c->is64 ? FFA_MSG_SEND_DIRECT_RESP_64
			     : FFA_MSG_SEND_DIRECT_RESP_32;
	o->x[1] = (uint32_t)x->sp->id << 16 | x->sender;
	o->x[2] = w2;
	o->x[3] = (uint32_t)status;
	for (i = 0; i < 4; i++)
		o->x[4 + i] = x->res[i] & x->mask;
}

/* The share named by w4/w5, if it is the requester's and names this SP;
 * *ri = this SP's index among its receivers. */
static struct spmc_share *sp_share(struct sp_ctx *x, int *ri)
{
	uint64_t h = (fw_arg(x->c, 4) & 0xffffffffull) |
		     (fw_arg(x->c, 5) & 0xffffffffull) << 32;
	struct spmc_share *s = spmc_share_find(h);

	if (!s || s->sender != x->sender)
		return 0;
	*ri = spmc_share_recv(s, x->sp->id);
	return *ri < 0 ? 0 : s;
}

/* Every 32-bit word of the share: summed, or (fill) written. Normal RAM
 * checked when shared; aligned word accesses (MMU off). */
static uint32_t sp_mem_walk(const struct spmc_share *s, bool fill,
			    uint32_t word)
{
	uint32_t sum = 0;
	unsigned i;

	for (i = 0; i < s->nranges; i++) {
		uint64_t a = s->r[i].pa;
		uint64_t end = a + (uint64_t)s->r[i].pages * FFA_PAGE;

		for (; a < end; a += 4) {
			volatile uint32_t *p =
				(volatile uint32_t *)(uintptr_t)a;

			if (fill)
				*p = word;
			else
				sum += *p;
		}
	}
	return sum;
}

static int32_t sp_mem(struct sp_ctx *x, uint32_t cmd)
{
	int ri = -1;
	struct spmc_share *s = sp_share(x, &ri);

	if (!s)
		return FFA_RET_INVALID_PARAMETERS;
	switch (cmd) {
	case SP_CMD_MEM_SUM:
		x->res[0] = sp_mem_walk(s, false, 0);
		x->res[1] = s->pages;
		return 0;
	case SP_CMD_MEM_FILL:
		if ((s->perms[ri] & FFA_PERM_DATA_MASK) != FFA_PERM_RW)
			return FFA_RET_DENIED;
		sp_mem_walk(s, true, (uint32_t)fw_arg(x->c, 6));
		x->res[0] = s->pages;
		return 0;
	case SP_CMD_MEM_HOLD:
		s->held |= (uint8_t)(1u << ri);
		return 0;
	default: /* SP_CMD_MEM_DROP */
		s->held &= (uint8_t) ~(1u << ri);
		return 0;
	}
}

static void sp_mem_count(struct sp_ctx *x)
{
	unsigned i;

	for (i = 0; i < SPMC_MAX_SHARES; i++) {
		const struct spmc_share *s = &spmc_shares[i];

		if (!s->used || s->sender != x->sender)
			continue;
		x->res[0]++;
		x->res[1] += s->held != 0;
	}
}

static int32_t sp_command(struct sp_ctx *x, uint32_t cmd)
{
	unsigned i;

	switch (cmd) {
	case SP_CMD_ECHO:
		for (i = 0; i < 4; i++)
			x->res[i] = fw_arg(x->c, 4 + i);
		return 0;
	case SP_CMD_ADD:
		x->res[0] = fw_arg(x->c, 4) + fw_arg(x->c, 5) +
			    fw_arg(x->c, 6) + fw_arg(x->c, 7);
		x->res[1] = x->sender;
		return 0;
	case SP_CMD_WHOAMI:
		x->res[0] = x->sender;
		x->res[1] = x->sp->id;
		x->res[2] =
			sp_requests[x->idx][x->sender < 16 ? x->sender : 16];
		return 0;
	case SP_CMD_MEM_SUM:
	case SP_CMD_MEM_FILL:
	case SP_CMD_MEM_HOLD:
	case SP_CMD_MEM_DROP:
		return sp_mem(x, cmd);
	case SP_CMD_MEM_COUNT:
		sp_mem_count(x);
		return 0;
	default:
		return FFA_RET_NOT_SUPPORTED;
	}
}

/* A destroyed VM: this partition lets go of everything it shared. */
static void sp_vm_gone(struct sp_ctx *x, uint16_t vm)
{
	unsigned i;

	for (i = 0; i < SPMC_MAX_SHARES; i++) {
		struct spmc_share *s = &spmc_shares[i];
		int ri = s->used && s->sender == vm
				 ? spmc_share_recv(s, x->sp->id)
				 : -1;

		if (ri >= 0)
			s->held &= (uint8_t) ~(1u << ri);
	}
}

/* VM availability messages: only from the hypervisor, only to a
 * partition whose properties ask for them. */
static void sp_framework(struct sp_ctx *x, uint32_t w2)
{
	uint32_t type = w2 & 0xffu;
	uint16_t vm = (uint16_t)fw_arg(x->c, 5);
	uint32_t want = type == FFA_FRAMEWORK_VM_CREATED
				? FFA_PROP_VM_CREATED
				: FFA_PROP_VM_DESTROYED;
	int32_t status = 0;

	if (x->sender != FFA_ID_HYP ||
	    (w2 & ~(FFA_MSG_FLAG_FRAMEWORK | 0xffu)) ||
	    (type != FFA_FRAMEWORK_VM_CREATED &&
	     type != FFA_FRAMEWORK_VM_DESTROYED) ||
	    !(x->sp->props & want) || vm == 0 || (vm & FFA_ID_SECURE_BIT)) {
		spmc_error(x->c, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	if (type == FFA_FRAMEWORK_VM_CREATED && vm >= SP_REFUSE_VM_FROM) {
		status = FFA_RET_DENIED;
	} else if (type == FFA_FRAMEWORK_VM_CREATED) {
		spmc_vm_event(vm);
	} else {
		sp_vm_gone(x, vm);
		spmc_vm_event(-(int32_t)vm);
	}
	sp_respond(x, FFA_MSG_FLAG_FRAMEWORK | (type + 1), status);
}

void sp_direct_req(struct fw_call *c, const struct spmc_sp *sp, uint16_t sender)
{
	struct sp_ctx x = {.c = c,
			   .sp = sp,
			   .idx = (unsigned)(sp - spmc_sps),
			   .sender = sender,
			   .mask = c->is64 ? ~0ull : 0xffffffffull};
	uint32_t w2 = (uint32_t)fw_arg(c, 2);
	int32_t status;

	if (w2 & FFA_MSG_FLAG_FRAMEWORK) {
		sp_framework(&x, w2);
		return;
	}
	if (w2 != 0) {
		spmc_error(c, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	sp_requests[x.idx][sender < 16 ? sender : 16]++;
	status = sp_command(&x, (uint32_t)fw_arg(c, 3));
	if (status)
		for (unsigned i = 0; i < 4; i++)
			x.res[i] = 0;
	sp_respond(&x, 0, status);
}
