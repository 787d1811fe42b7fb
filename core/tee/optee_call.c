// SPDX-License-Identifier: MIT
/*
 * CALL_WITH_ARG: the guest's argument is copied into a pool page before
 * anything in it is looked at, every parameter is checked and every memory
 * reference translated into the caller's own physical pages, the secure
 * side gets the copy, and only output fields go back to the guest.
 */
#include <string.h>

#include "optee_priv.h"

static struct optee_call *call_get(struct optee_dom *od)
{
	struct optee_call *free_slot = NULL;
	uint32_t busy = 0;

	optee_lock(od);
	for (unsigned i = 0; i < OPTEE_MAX_CALLS; i++) {
		if (od->calls[i].state != OC_FREE)
			busy++;
		else if (!free_slot)
			free_slot = &od->calls[i];
	}
	if (busy >= od->lim.calls)
		free_slot = NULL;
	if (free_slot) {
		memset(free_slot, 0, sizeof(*free_slot));
		free_slot->state = OC_ACTIVE;
	}
	optee_unlock(od);
	return free_slot;
}

void optee_call_release(struct optee_dom *od, struct optee_call *c)
{
	uint64_t pages = c->pages;

	optee_lock(od);
	memset(c, 0, sizeof(*c));
	optee_unlock(od);
	optee_pages_put(od, pages);
}

/* Read the next list page's address from the end of a guest list page. */
static uint32_t list_next(struct optee_dom *od, uint64_t cur, uint64_t *next,
			  const uint64_t *seen, unsigned nseen)
{
	uint64_t ipa;

	memcpy(&ipa,
	       (uint8_t *)optee_guest(od->d, cur) + 8 * OPTEE_LIST_ENTRIES,
	       sizeof(ipa));
	if ((ipa & (OPTEE_PAGE - 1)) || !optee_ipa_ok(od->d, ipa, OPTEE_PAGE))
		return TEE_ERROR_BAD_PARAMETERS;
	for (unsigned i = 0; i < nseen; i++)
		if (seen[i] == ipa)
			return TEE_ERROR_BAD_PARAMETERS; /* a cycle */
	*next = ipa;
	return TEE_SUCCESS;
}

/* Allocate our list pages and link them (entry 511 = next page's PA). */
static uint32_t lists_alloc(struct optee_dom *od, unsigned nlist,
			    uint64_t **lists, uint64_t *mask)
{
	for (unsigned i = 0; i < nlist; i++) {
		lists[i] = optee_page_get(od, mask);
		if (!lists[i])
			return TEE_ERROR_OUT_OF_MEMORY;
		lists[i][OPTEE_LIST_ENTRIES] = 0; /* the last list's link */
		if (i > 0)
			lists[i - 1][OPTEE_LIST_ENTRIES] =
				plat_hyp_pa(lists[i]);
	}
	return TEE_SUCCESS;
}

#define OPTEE_MAX_LISTS 8

uint32_t optee_list_translate(struct optee_dom *od, uint64_t buf_ptr,
			      uint64_t size, uint64_t *pa, uint64_t *mask,
			      uint32_t *npages)
{
	uint64_t off = buf_ptr & (OPTEE_PAGE - 1), cur = buf_ptr - off;
	uint64_t n, seen[OPTEE_MAX_LISTS], *lists[OPTEE_MAX_LISTS];
	unsigned nlist;
	uint32_t rc;

	if (size == 0 || size > (uint64_t)od->lim.buf_pages * OPTEE_PAGE)
		return size ? TEE_ERROR_OUT_OF_MEMORY
			    : TEE_ERROR_BAD_PARAMETERS;
	n = (off + size + OPTEE_PAGE - 1) / OPTEE_PAGE;
	if (n > od->lim.buf_pages)
		return TEE_ERROR_OUT_OF_MEMORY;
	nlist = (unsigned)((n + OPTEE_LIST_ENTRIES - 1) / OPTEE_LIST_ENTRIES);
	if (nlist > OPTEE_MAX_LISTS || !optee_ipa_ok(od->d, cur, OPTEE_PAGE))
		return nlist > OPTEE_MAX_LISTS ? TEE_ERROR_OUT_OF_MEMORY
					       : TEE_ERROR_BAD_PARAMETERS;
	rc = lists_alloc(od, nlist, lists, mask);
	for (uint64_t i = 0; rc == TEE_SUCCESS && i < n; i++) {
		unsigned e = (unsigned)(i % OPTEE_LIST_ENTRIES);
		uint64_t page;

		if (e == 0 && i > 0)
			rc = list_next(od, cur, &cur, seen,
				       (unsigned)(i / OPTEE_LIST_ENTRIES));
		if (rc != TEE_SUCCESS)
			break;
		seen[i / OPTEE_LIST_ENTRIES] = cur;
		memcpy(&page, (uint8_t *)optee_guest(od->d, cur) + 8 * e,
		       sizeof(page));
		if ((page & (OPTEE_PAGE - 1)) ||
		    !optee_ipa_ok(od->d, page, OPTEE_PAGE))
			rc = TEE_ERROR_BAD_PARAMETERS;
		else
			lists[i / OPTEE_LIST_ENTRIES][e] =
				plat_guest_pa(od->d, page);
	}
	if (rc == TEE_SUCCESS) {
		*pa = plat_hyp_pa(lists[0]) | off;
		*npages = (uint32_t)n;
	}
	return rc;
}

uint32_t optee_range_translate(struct optee_dom *od, uint64_t ipa,
			       uint64_t size, uint64_t *pa, uint64_t *mask,
			       uint32_t *npages)
{
	uint64_t n, *lists[OPTEE_MAX_LISTS];
	unsigned nlist;
	uint32_t rc;

	if (size == 0 || (ipa & (OPTEE_PAGE - 1)))
		return TEE_ERROR_BAD_PARAMETERS;
	/* Bounded before it is rounded up: a size near 2^64 must not wrap
	 * to a few pages (and an empty list) while the secure side is told
	 * the size itself. */
	if (size > (uint64_t)od->lim.buf_pages * OPTEE_PAGE)
		return TEE_ERROR_OUT_OF_MEMORY;
	n = (size + OPTEE_PAGE - 1) / OPTEE_PAGE;
	if (!optee_ipa_ok(od->d, ipa, n * OPTEE_PAGE))
		return TEE_ERROR_BAD_PARAMETERS;
	nlist = (unsigned)((n + OPTEE_LIST_ENTRIES - 1) / OPTEE_LIST_ENTRIES);
	if (nlist > OPTEE_MAX_LISTS)
		return TEE_ERROR_OUT_OF_MEMORY;
	rc = lists_alloc(od, nlist, lists, mask);
	for (uint64_t i = 0; rc == TEE_SUCCESS && i < n; i++)
		lists[i / OPTEE_LIST_ENTRIES][i % OPTEE_LIST_ENTRIES] =
			plat_guest_pa(od->d, ipa + i * OPTEE_PAGE);
	if (rc == TEE_SUCCESS) {
		*pa = plat_hyp_pa(lists[0]);
		*npages = (uint32_t)n;
	}
	return rc;
}

/* A registered buffer of this domain; `pending` also finds one whose
 * REGISTER_SHM is still in flight. */
static struct optee_shm *shm_find(struct optee_dom *od, uint64_t cookie,
				  bool pending)
{
	for (unsigned i = 0; i < OPTEE_MAX_SHM; i++)
		if (od->shm[i].cookie == cookie &&
		    (od->shm[i].used == OSHM_REGISTERED ||
		     (pending && od->shm[i].used == OSHM_PENDING)))
			return &od->shm[i];
	return NULL;
}

/* REGISTER_SHM: the cookie, a table entry and the pages are taken before
 * the call goes out, so concurrent calls cannot pass one limit twice. */
static uint32_t shm_reserve(struct optee_dom *od, struct optee_call *c)
{
	uint32_t rc = TEE_ERROR_OUT_OF_MEMORY;

	optee_lock(od);
	if (shm_find(od, c->reg_cookie, true)) {
		rc = TEE_ERROR_BAD_PARAMETERS;
	} else if (od->nshm < od->lim.shm_bufs &&
		   c->reg_pages <= od->lim.shm_pages - od->shm_pages) {
		for (unsigned i = 0; i < OPTEE_MAX_SHM; i++) {
			if (od->shm[i].used != OSHM_FREE)
				continue;
			od->shm[i] =
				(struct optee_shm){c->reg_cookie, c->reg_size,
						   c->reg_pages, OSHM_PENDING};
			od->nshm++;
			od->shm_pages += c->reg_pages;
			c->reg_slot = i + 1;
			rc = TEE_SUCCESS;
			break;
		}
	}
	optee_unlock(od);
	return rc;
}

static uint32_t param_tmem(struct optee_dom *od, struct optee_call *c,
			   struct optee_msg_param *p, bool reg)
{
	uint32_t npages = 0, rc;
	uint64_t pa;

	if (!(p->attr & OPTEE_ATTR_NONCONTIG))
		/* Contiguous physical memory cannot be the guest's to name:
		 * only the NULL reference passes. */
		return p->u.tmem.buf_ptr == 0 && !reg
			       ? TEE_SUCCESS
			       : TEE_ERROR_BAD_PARAMETERS;
	if (p->u.tmem.buf_ptr == 0 && !reg)
		return TEE_SUCCESS;
	rc = optee_list_translate(od, p->u.tmem.buf_ptr, p->u.tmem.size, &pa,
				  &c->pages, &npages);
	if (rc != TEE_SUCCESS)
		return rc;
	p->u.tmem.buf_ptr = pa;
	if (reg) {
		c->reg_cookie = p->u.tmem.shm_ref;
		c->reg_pages = npages;
		c->reg_size = p->u.tmem.size;
	}
	return TEE_SUCCESS;
}

static uint32_t param_rmem(struct optee_dom *od,
			   const struct optee_msg_param *p)
{
	const struct optee_shm *s;
	uint32_t rc = TEE_ERROR_BAD_PARAMETERS;

	optee_lock(od);
	s = shm_find(od, p->u.rmem.shm_ref, false);
	if (s && p->u.rmem.offs <= s->size &&
	    p->u.rmem.size <= s->size - p->u.rmem.offs)
		rc = TEE_SUCCESS;
	optee_unlock(od);
	return rc;
}

static uint32_t param_check(struct optee_dom *od, struct optee_call *c,
			    struct optee_msg_param *p, bool reg)
{
	uint64_t type = p->attr & OPTEE_ATTR_TYPE_MASK;
	/* The mask widened first: attr is 64 bits, its upper half too. */
	uint64_t extra =
		p->attr & ~(uint64_t)(OPTEE_ATTR_TYPE_MASK | OPTEE_ATTR_META |
				      OPTEE_ATTR_NONCONTIG);

	if (extra ||
	    ((p->attr & OPTEE_ATTR_NONCONTIG) &&
	     (type < OPTEE_ATTR_TMEM_INPUT || type > OPTEE_ATTR_TMEM_INOUT)))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (type) {
	case OPTEE_ATTR_NONE:
	case OPTEE_ATTR_VALUE_INPUT:
	case OPTEE_ATTR_VALUE_OUTPUT:
	case OPTEE_ATTR_VALUE_INOUT:
		return reg ? TEE_ERROR_BAD_PARAMETERS : TEE_SUCCESS;
	case OPTEE_ATTR_RMEM_INPUT:
	case OPTEE_ATTR_RMEM_OUTPUT:
	case OPTEE_ATTR_RMEM_INOUT:
		return reg ? TEE_ERROR_BAD_PARAMETERS : param_rmem(od, p);
	case OPTEE_ATTR_TMEM_INPUT:
	case OPTEE_ATTR_TMEM_OUTPUT:
	case OPTEE_ATTR_TMEM_INOUT:
		return param_tmem(od, c, p, reg);
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

/* OPEN_SESSION takes one of the domain's sessions before it goes out, so
 * concurrent opens cannot pass the limit twice. */
static uint32_t session_reserve(struct optee_dom *od, struct optee_call *c)
{
	uint32_t rc = TEE_ERROR_OUT_OF_MEMORY;

	optee_lock(od);
	if (od->nsessions < od->lim.sessions) {
		od->nsessions++;
		c->opening = true;
		rc = TEE_SUCCESS;
	}
	optee_unlock(od);
	return rc;
}

/* A session is kept when OPEN_SESSION succeeded (else its reservation
 * goes) and given back when CLOSE_SESSION did: the secure side only
 * closes a session of this client. */
static void session_account(struct optee_dom *od, struct optee_call *c, bool ok)
{
	const struct optee_msg_arg *a = c->shadow;

	ok = ok && a->ret == TEE_SUCCESS;
	optee_lock(od);
	if (c->opening && !ok && od->nsessions > 0)
		od->nsessions--;
	else if (!c->opening && ok && a->cmd == OPTEE_MSG_CMD_CLOSE_SESSION &&
		 od->nsessions > 0)
		od->nsessions--;
	optee_unlock(od);
}

/* Command-specific rules on top of the per-parameter ones. */
static uint32_t cmd_check(struct optee_dom *od, struct optee_call *c)
{
	struct optee_msg_arg *a = c->shadow;
	bool reg = a->cmd == OPTEE_MSG_CMD_REGISTER_SHM;

	if (reg || a->cmd == OPTEE_MSG_CMD_UNREGISTER_SHM) {
		if (c->nparams != 1)
			return TEE_ERROR_BAD_PARAMETERS;
	}
	if (a->cmd == OPTEE_MSG_CMD_UNREGISTER_SHM &&
	    (a->params[0].attr & OPTEE_ATTR_TYPE_MASK) != OPTEE_ATTR_RMEM_INPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	for (uint32_t i = 0; i < c->nparams; i++) {
		uint32_t rc = param_check(od, c, &a->params[i], reg);

		if (rc != TEE_SUCCESS)
			return rc;
	}
	if (a->cmd == OPTEE_MSG_CMD_OPEN_SESSION)
		return session_reserve(od, c);
	return reg ? shm_reserve(od, c) : TEE_SUCCESS;
}

/* Copy the guest's argument into the call's pool page. */
static uint32_t arg_import(struct optee_dom *od, struct optee_call *c)
{
	struct optee_msg_arg *a = optee_page_get(od, &c->pages);

	if (!a)
		return OPTEE_ENOMEM;
	c->shadow = a;
	memcpy(a, optee_guest(od->d, c->arg_ipa), OPTEE_ARG_SIZE(0));
	c->nparams = a->num_params;
	if (c->nparams > OPTEE_MAX_ARG_PARAMS)
		return OPTEE_EBADADDR; /* does not fit its page */
	memcpy(a->params,
	       (uint8_t *)optee_guest(od->d, c->arg_ipa) + OPTEE_ARG_SIZE(0),
	       (size_t)c->nparams * sizeof(struct optee_msg_param));
	if (a->cmd > OPTEE_MSG_CMD_UNREGISTER_SHM)
		return OPTEE_EBADCMD;
	return OPTEE_OK;
}

/* Write one 32-bit or 64-bit field of the guest's argument. */
static void put(struct optee_dom *od, struct optee_call *c, size_t off,
		const void *v, size_t n)
{
	memcpy((uint8_t *)optee_guest(od->d, c->arg_ipa) + off, v, n);
}

/* Only what the secure side produces goes back: results, the session of
 * an OPEN_SESSION, output values and output sizes. */
static void arg_export(struct optee_dom *od, struct optee_call *c)
{
	const struct optee_msg_arg *a = c->shadow;

	put(od, c, offsetof(struct optee_msg_arg, ret), &a->ret, 4);
	put(od, c, offsetof(struct optee_msg_arg, ret_origin), &a->ret_origin,
	    4);
	if (a->cmd == OPTEE_MSG_CMD_OPEN_SESSION)
		put(od, c, offsetof(struct optee_msg_arg, session), &a->session,
		    4);
	for (uint32_t i = 0; i < c->nparams; i++) {
		const struct optee_msg_param *p = &a->params[i];
		size_t base = OPTEE_ARG_SIZE(i) + 8;

		switch (p->attr & OPTEE_ATTR_TYPE_MASK) {
		case OPTEE_ATTR_VALUE_OUTPUT:
		case OPTEE_ATTR_VALUE_INOUT:
			put(od, c, base, &p->u.value, sizeof(p->u.value));
			break;
		case OPTEE_ATTR_RMEM_OUTPUT:
		case OPTEE_ATTR_RMEM_INOUT:
		case OPTEE_ATTR_TMEM_OUTPUT:
		case OPTEE_ATTR_TMEM_INOUT:
			put(od, c, base + 8, &p->u.tmem.size, 8);
			break;
		default:
			break;
		}
	}
}

static void shm_drop(struct optee_dom *od, struct optee_shm *s)
{
	od->shm_pages -= s->npages;
	od->nshm--;
	memset(s, 0, sizeof(*s));
}

/* Registered memory: kept when REGISTER_SHM succeeded (else its
 * reservation goes), dropped when UNREGISTER_SHM succeeded. */
static void shm_account(struct optee_dom *od, struct optee_call *c, bool ok)
{
	const struct optee_msg_arg *a = c->shadow;

	ok = ok && a->ret == TEE_SUCCESS;
	optee_lock(od);
	if (c->reg_slot) {
		struct optee_shm *s = &od->shm[c->reg_slot - 1];

		if (ok)
			s->used = OSHM_REGISTERED;
		else
			shm_drop(od, s);
	} else if (ok && a->cmd == OPTEE_MSG_CMD_UNREGISTER_SHM) {
		struct optee_shm *s =
			shm_find(od, a->params[0].u.rmem.shm_ref, false);

		if (s)
			shm_drop(od, s);
	}
	optee_unlock(od);
}

enum call_outcome optee_result(struct optee_dom *od, struct optee_call *c,
			       struct call_frame *f, struct smccc_regs *r)
{
	uint32_t a0 = (uint32_t)r->x[0];

	if (optee_is_rpc(a0))
		return optee_rpc_exit(od, c, f, r);
	if (a0 == OPTEE_OK)
		arg_export(od, c);
	shm_account(od, c, a0 == OPTEE_OK);
	session_account(od, c, a0 == OPTEE_OK);
	optee_call_release(od, c);
	f->x[0] = a0;
	return CALL_DONE;
}

/* A call refused before the secure side saw it: its result in the arg. */
static enum call_outcome refuse(struct optee_dom *od, struct optee_call *c,
				struct call_frame *f, uint32_t ret)
{
	uint32_t origin = TEE_ORIGIN_COMMS;

	put(od, c, offsetof(struct optee_msg_arg, ret), &ret, 4);
	put(od, c, offsetof(struct optee_msg_arg, ret_origin), &origin, 4);
	optee_call_release(od, c);
	f->x[0] = OPTEE_OK;
	return CALL_DONE;
}

enum call_outcome optee_std_call(struct optee_dom *od, struct call_frame *f)
{
	uint64_t ipa = (call_arg(f, 1) & 0xffffffffu) << 32 |
		       (call_arg(f, 2) & 0xffffffffu);
	struct optee_call *c;
	struct smccc_regs r;
	uint32_t rc;

	if ((ipa & (OPTEE_PAGE - 1)) || !optee_ipa_ok(od->d, ipa, OPTEE_PAGE)) {
		f->x[0] = OPTEE_EBADADDR;
		return CALL_DONE;
	}
	c = call_get(od);
	if (!c) {
		f->x[0] = OPTEE_ETHREAD_LIMIT;
		return CALL_DONE;
	}
	c->arg_ipa = ipa;
	rc = arg_import(od, c);
	if (rc != OPTEE_OK) {
		optee_call_release(od, c);
		f->x[0] = rc;
		return CALL_DONE;
	}
	rc = cmd_check(od, c);
	if (rc != TEE_SUCCESS)
		return refuse(od, c, f, rc);
	memset(&r, 0, sizeof(r));
	r.x[0] = OPTEE_CALL_WITH_ARG;
	r.x[1] = plat_hyp_pa(c->shadow) >> 32;
	r.x[2] = plat_hyp_pa(c->shadow) & 0xffffffffu;
	r.x[3] = 1; /* cached */
	optee_smc(od, &r);
	return optee_result(od, c, f, &r);
}
