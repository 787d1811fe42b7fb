// SPDX-License-Identifier: MIT
/*
 * RPCs from the secure side. A call that returns an RPC is suspended and
 * bound to its secure thread inside the calling domain: only that domain
 * can resume it. ALLOC'd argument buffers are shadowed in pool pages; a
 * CMD's argument goes to the guest from our shadow and only its outputs
 * come back; an SHM_ALLOC reply must be a page list or a contiguous range
 * of the caller's own RAM. FOREIGN_INTR returns to the guest so it takes its
 * interrupt.
 */
#include <string.h>

#include "optee_priv.h"

/* RPCs answered at domain teardown before VM_DESTROYED, per call. */
#define OPTEE_DRAIN_MAX 32

static struct optee_rpcbuf *rpcbuf_find(struct optee_dom *od, uint64_t cookie)
{
	for (unsigned i = 0; i < OPTEE_MAX_RPC_BUFS; i++)
		if (od->rpcbuf[i].used && od->rpcbuf[i].cookie == cookie)
			return &od->rpcbuf[i];
	return NULL;
}

static void rpcbuf_drop(struct optee_dom *od, uint64_t cookie)
{
	struct optee_rpcbuf *b;
	uint64_t page = 0;

	optee_lock(od);
	b = rpcbuf_find(od, cookie);
	if (b) {
		page = b->page;
		memset(b, 0, sizeof(*b));
	}
	optee_unlock(od);
	optee_pages_put(od, page);
}

static void rpcshm_drop(struct optee_dom *od, uint64_t cookie)
{
	uint64_t pages = 0;

	optee_lock(od);
	for (unsigned i = 0; i < OPTEE_MAX_RPC_SHM; i++) {
		if (od->rpcshm[i].used && od->rpcshm[i].cookie == cookie) {
			pages = od->rpcshm[i].pages;
			memset(&od->rpcshm[i], 0, sizeof(od->rpcshm[i]));
			break;
		}
	}
	optee_unlock(od);
	optee_pages_put(od, pages);
}

/*
 * A memory reference in a CMD names memory by its physical address (what
 * OP-TEE hands tee-supplicant: a buffer it got from SHM_ALLOC or a guest's
 * registered buffer). The guest knows its memory by IPA, and must never
 * learn a physical address: inside the caller's RAM (one block per
 * domain) the address becomes its IPA, anything else becomes 0.
 */
static uint64_t cmd_addr_to_ipa(const struct domain *d, uint64_t pa,
				uint64_t size)
{
	uint64_t base = plat_guest_pa(d, d->ram_ipa);

	if (pa < base || pa - base > d->ram_size ||
	    size > d->ram_size - (pa - base))
		return 0;
	return d->ram_ipa + (pa - base);
}

/* The CMD's argument, our shadow → the guest's buffer; a memory
 * reference's address translated before it is written there. */
static void cmd_to_guest(struct optee_dom *od, const struct optee_rpcbuf *b)
{
	const struct optee_msg_arg *a = b->shadow;
	uint8_t *dst = optee_guest(od->d, b->ipa);
	uint32_t n = a->num_params;

	if (n > OPTEE_MAX_ARG_PARAMS)
		n = OPTEE_MAX_ARG_PARAMS;
	memcpy(dst, a, OPTEE_ARG_SIZE(0));
	for (uint32_t i = 0; i < n; i++) {
		struct optee_msg_param p = a->params[i];
		uint64_t t = p.attr & OPTEE_ATTR_TYPE_MASK;

		if (t >= OPTEE_ATTR_TMEM_INPUT && t <= OPTEE_ATTR_TMEM_INOUT)
			p.u.tmem.buf_ptr = cmd_addr_to_ipa(
				od->d, p.u.tmem.buf_ptr, p.u.tmem.size);
		memcpy(dst + OPTEE_ARG_SIZE(i), &p, sizeof(p));
	}
	if (a->cmd == OPTEE_RPC_CMD_SHM_FREE && n >= 1)
		rpcshm_drop(od, a->params[0].u.value.b);
}

/* Pass the RPC to the guest: a0-a3 as the secure side gave them. */
enum call_outcome optee_rpc_exit(struct optee_dom *od, struct optee_call *c,
				 struct call_frame *f, struct smccc_regs *r)
{
	uint32_t a0 = (uint32_t)r->x[0];
	uint64_t cookie =
		(r->x[1] & 0xffffffffu) << 32 | (r->x[2] & 0xffffffffu);

	if (a0 == OPTEE_RPC_FREE) {
		rpcbuf_drop(od, cookie);
	} else if (a0 == OPTEE_RPC_CMD) {
		const struct optee_rpcbuf *b;

		optee_lock(od);
		b = rpcbuf_find(od, cookie);
		optee_unlock(od);
		if (b)
			cmd_to_guest(od, b);
	}
	optee_lock(od);
	c->thread = (uint32_t)r->x[3];
	c->rpc = a0;
	c->rpc_a1 = r->x[1] & 0xffffffffu;
	c->rpc_a2 = r->x[2] & 0xffffffffu;
	c->state = OC_SUSPENDED;
	optee_unlock(od);
	f->x[0] = a0;
	f->x[1] = c->rpc_a1;
	f->x[2] = c->rpc_a2;
	f->x[3] = c->thread;
	return CALL_DONE;
}

/* The suspended call of this domain on `thread`, now ACTIVE; or NULL. */
static struct optee_call *call_resume(struct optee_dom *od, uint32_t thread)
{
	struct optee_call *c = NULL;

	optee_lock(od);
	for (unsigned i = 0; i < OPTEE_MAX_CALLS; i++) {
		if (od->calls[i].state == OC_SUSPENDED &&
		    od->calls[i].thread == thread) {
			c = &od->calls[i];
			c->state = OC_ACTIVE;
			break;
		}
	}
	optee_unlock(od);
	return c;
}

/* ALLOC reply: the guest's page (a1:a2) becomes a shadowed RPC buffer. */
static uint64_t alloc_reply(struct optee_dom *od, struct optee_call *c,
			    uint64_t ipa, uint64_t cookie)
{
	struct optee_rpcbuf *slot = NULL;
	uint64_t mask = 0;
	void *page;

	if (ipa == 0 || (ipa & (OPTEE_PAGE - 1)) ||
	    !optee_ipa_ok(od->d, ipa, OPTEE_PAGE) || c->rpc_a1 > OPTEE_PAGE)
		return 0;
	page = optee_page_get_zeroed(od, &mask);
	if (!page)
		return 0;
	optee_lock(od);
	if (!rpcbuf_find(od, cookie))
		for (unsigned i = 0; i < OPTEE_MAX_RPC_BUFS && !slot; i++)
			if (!od->rpcbuf[i].used)
				slot = &od->rpcbuf[i];
	if (slot)
		*slot = (struct optee_rpcbuf){cookie, ipa, page, mask, 1};
	optee_unlock(od);
	if (!slot) {
		optee_pages_put(od, mask);
		return 0;
	}
	return plat_hyp_pa(page);
}

/*
 * SHM_ALLOC's p0 from the guest: a page list of its own RAM, or a
 * contiguous page-aligned range of it (Linux answers a kernel-type
 * SHM_ALLOC with its physically contiguous private buffer, no list). Both
 * reach the secure side as our page list of the caller's pages, so a
 * secure side that accepts only lists outside its carve-out works too.
 */
static uint32_t shm_alloc_reply(struct optee_dom *od,
				struct optee_msg_param *dst,
				const struct optee_msg_param *src)
{
	uint64_t mask = 0, pa;
	uint32_t npages, rc = TEE_ERROR_BAD_PARAMETERS;
	struct optee_rpcshm *slot = NULL;

	if (src->attr == (OPTEE_ATTR_TMEM_OUTPUT | OPTEE_ATTR_NONCONTIG))
		rc = optee_list_translate(od, src->u.tmem.buf_ptr,
					  src->u.tmem.size, &pa, &mask,
					  &npages);
	else if (src->attr == OPTEE_ATTR_TMEM_OUTPUT)
		rc = optee_range_translate(od, src->u.tmem.buf_ptr,
					   src->u.tmem.size, &pa, &mask,
					   &npages);
	else
		return rc;
	optee_lock(od);
	/* SHM_FREE finds a list by its cookie: with two under one cookie,
	 * the first SHM_FREE could give back the pages of the list the
	 * secure side still reads, and the pool would hand them out again. */
	for (unsigned i = 0; rc == TEE_SUCCESS && i < OPTEE_MAX_RPC_SHM; i++)
		if (od->rpcshm[i].used &&
		    od->rpcshm[i].cookie == src->u.tmem.shm_ref)
			rc = TEE_ERROR_BAD_PARAMETERS;
	for (unsigned i = 0; rc == TEE_SUCCESS && i < OPTEE_MAX_RPC_SHM; i++)
		if (!od->rpcshm[i].used) {
			slot = &od->rpcshm[i];
			*slot = (struct optee_rpcshm){src->u.tmem.shm_ref, mask,
						      1};
			break;
		}
	optee_unlock(od);
	if (!slot) {
		optee_pages_put(od, mask);
		return rc == TEE_SUCCESS ? TEE_ERROR_OUT_OF_MEMORY : rc;
	}
	dst->attr = OPTEE_ATTR_TMEM_OUTPUT | OPTEE_ATTR_NONCONTIG;
	dst->u.tmem.buf_ptr = pa;
	dst->u.tmem.size = src->u.tmem.size;
	dst->u.tmem.shm_ref = src->u.tmem.shm_ref;
	return TEE_SUCCESS;
}

/* The CMD's outputs, the guest's buffer → our shadow. */
static void cmd_from_guest(struct optee_dom *od, struct optee_rpcbuf *b)
{
	struct optee_msg_arg *a = b->shadow, g;
	const uint8_t *src = optee_guest(od->d, b->ipa);
	uint32_t n = a->num_params > OPTEE_MAX_ARG_PARAMS ? 0 : a->num_params;

	memcpy(&g, src, sizeof(g));
	a->ret = g.ret;
	a->ret_origin = g.ret_origin;
	for (uint32_t i = 0; i < n; i++) {
		struct optee_msg_param *p = &a->params[i], gp;

		memcpy(&gp, src + OPTEE_ARG_SIZE(i), sizeof(gp));
		if (a->cmd == OPTEE_RPC_CMD_SHM_ALLOC && i == 0) {
			if (a->ret == TEE_SUCCESS &&
			    shm_alloc_reply(od, p, &gp) != TEE_SUCCESS) {
				a->ret = TEE_ERROR_OUT_OF_MEMORY;
				a->ret_origin = TEE_ORIGIN_COMMS;
				memset(&p->u, 0, sizeof(p->u));
			}
			continue;
		}
		switch (p->attr & OPTEE_ATTR_TYPE_MASK) {
		case OPTEE_ATTR_VALUE_OUTPUT:
		case OPTEE_ATTR_VALUE_INOUT:
			p->u.value = gp.u.value;
			break;
		case OPTEE_ATTR_TMEM_OUTPUT:
		case OPTEE_ATTR_TMEM_INOUT:
		case OPTEE_ATTR_RMEM_OUTPUT:
		case OPTEE_ATTR_RMEM_INOUT:
			p->u.tmem.size = gp.u.tmem.size;
			break;
		default:
			break;
		}
	}
}

/* Registers for RETURN_FROM_RPC from the guest's answer (or ours). */
static void resume_regs(struct optee_dom *od, struct optee_call *c,
			const struct call_frame *f, struct smccc_regs *r)
{
	memset(r, 0, sizeof(*r));
	r->x[0] = OPTEE_RETURN_FROM_RPC;
	r->x[1] = c->rpc_a1;
	r->x[2] = c->rpc_a2;
	r->x[3] = c->thread;
	if (c->rpc == OPTEE_RPC_ALLOC) {
		uint64_t ipa = f ? (call_arg(f, 1) & 0xffffffffu) << 32 |
					       (call_arg(f, 2) & 0xffffffffu)
				 : 0;
		uint64_t cookie = f ? (call_arg(f, 4) & 0xffffffffu) << 32 |
						  (call_arg(f, 5) & 0xffffffffu)
				    : 0;
		uint64_t pa = alloc_reply(od, c, ipa, cookie);

		r->x[1] = pa >> 32;
		r->x[2] = pa & 0xffffffffu;
		r->x[4] = pa ? cookie >> 32 : 0;
		r->x[5] = pa ? cookie & 0xffffffffu : 0;
	} else if (c->rpc == OPTEE_RPC_CMD) {
		struct optee_rpcbuf *b;

		optee_lock(od);
		b = rpcbuf_find(od, c->rpc_a1 << 32 | c->rpc_a2);
		optee_unlock(od);
		if (b && f)
			cmd_from_guest(od, b);
		else if (b)
			b->shadow->ret = TEE_ERROR_TARGET_DEAD;
	}
}

enum call_outcome optee_rpc_resume(struct optee_dom *od, struct call_frame *f)
{
	struct optee_call *c = call_resume(od, (uint32_t)call_arg(f, 3));
	struct smccc_regs r;

	if (!c) {
		f->x[0] = OPTEE_ERESUME;
		return CALL_DONE;
	}
	resume_regs(od, c, f, &r);
	optee_smc(od, &r);
	return optee_result(od, c, f, &r);
}

/* Finish one suspended call with failure answers, a bounded number of
 * times; whatever happens, its slot is released. */
static void drain_call(struct optee_dom *od, struct optee_call *c)
{
	struct smccc_regs r;

	for (unsigned n = 0; n < OPTEE_DRAIN_MAX; n++) {
		uint32_t a0;

		resume_regs(od, c, NULL, &r);
		optee_smc(od, &r);
		a0 = (uint32_t)r.x[0];
		if (!optee_is_rpc(a0))
			break;
		if (a0 == OPTEE_RPC_FREE)
			rpcbuf_drop(od, (r.x[1] & 0xffffffffu) << 32 |
						(r.x[2] & 0xffffffffu));
		c->thread = (uint32_t)r.x[3];
		c->rpc = a0;
		c->rpc_a1 = r.x[1] & 0xffffffffu;
		c->rpc_a2 = r.x[2] & 0xffffffffu;
	}
	optee_call_release(od, c);
}

void optee_rpc_drain(struct optee_dom *od)
{
	for (unsigned i = 0; i < OPTEE_MAX_CALLS; i++)
		if (od->calls[i].state == OC_SUSPENDED)
			drain_call(od, &od->calls[i]);
}
