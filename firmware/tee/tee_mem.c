// SPDX-License-Identifier: MIT
/*
 * The test TEE's view of normal-world memory: dynamic shared memory only,
 * read at the physical addresses it is given. Every page (argument, page
 * list, data) must be a whole 4 KiB page of normal RAM from the device
 * tree's /memory (never secure RAM or flash, never a device); anything
 * else is refused. The normal world may change its memory at any time, so
 * page lists are re-walked and re-checked at every access and nothing
 * read from it is trusted twice. EL3 runs with its MMU off (Device
 * memory), so accesses are naturally aligned or bytes.
 *
 * Registered buffers (REGISTER_SHM) are different: their page addresses
 * are copied into secure RAM once, checked, and keyed by (client, cookie).
 */
#include "tee.h"

struct tee_shm tee_shms[TEE_MAX_SHM];

bool tee_ns_page_ok(uint64_t pa)
{
	return (pa & (TEE_PAGE - 1)) == 0 && fw_ns_range_ok(pa, TEE_PAGE);
}

uint64_t tee_ns_read64(uint64_t pa)
{
	return *(volatile uint64_t *)(uintptr_t)pa;
}

void tee_ns_write64(uint64_t pa, uint64_t v)
{
	*(volatile uint64_t *)(uintptr_t)pa = v;
}

uint32_t tee_ns_read32(uint64_t pa)
{
	return *(volatile uint32_t *)(uintptr_t)pa;
}

void tee_ns_write32(uint64_t pa, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)pa = v;
}

/* Data page `index` of a page list: follow index / 511 "next" links, each
 * one a checked page; the entry must be a checked page too. Bounded by the
 * index, so a cyclic list costs no more than a straight one. */
bool tee_list_page(uint64_t list, uint64_t index, uint64_t *page)
{
	uint64_t hops = index / TEE_LIST_ENTRIES, pa;

	if (!tee_ns_page_ok(list))
		return false;
	while (hops--) {
		list = tee_ns_read64(list + 8 * TEE_LIST_ENTRIES);
		if (!tee_ns_page_ok(list))
			return false;
	}
	pa = tee_ns_read64(list + 8 * (index % TEE_LIST_ENTRIES));
	if (!tee_ns_page_ok(pa))
		return false;
	*page = pa;
	return true;
}

bool tee_list_check(uint64_t list, uint64_t npages)
{
	uint64_t i, page;

	for (i = 0; i < npages; i++) {
		if (!tee_list_page(list, i, &page))
			return false;
	}
	return true;
}

static uint64_t tee_pages_for(uint64_t offs, uint64_t size)
{
	return (offs + size + TEE_PAGE - 1) / TEE_PAGE;
}

/* Limit of a temporary memref: 1 MiB (a list walk per page is cheap). */
#define TEE_TMEM_MAX (1ull << 20)

static uint32_t tee_tmem_resolve(const struct tee_param *p, struct tee_mem *m)
{
	uint64_t buf = p->u[0], size = p->u[1];

	if (buf == 0) {
		m->kind = TEE_MEM_NULL; /* MEMREF_NULL: size kept for queries */
		m->size = size;
		return TEE_SUCCESS;
	}
	/* Dynamic shared memory only: no carve-out, so a plain physical
	 * address is refused (as OP-TEE without reserved shm does). */
	if (!(p->attr & OPTEE_MSG_ATTR_NONCONTIG) || size > TEE_TMEM_MAX)
		return TEE_ERROR_BAD_PARAMETERS;
	m->kind = TEE_MEM_LIST;
	m->list = buf & ~(TEE_PAGE - 1);
	m->offs = buf & (TEE_PAGE - 1);
	m->size = size;
	if (!tee_list_check(m->list, tee_pages_for(m->offs, size)))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_SUCCESS;
}

int tee_shm_find(uint16_t client, uint64_t cookie)
{
	int i;

	for (i = 0; i < TEE_MAX_SHM; i++) {
		if (tee_shms[i].used && tee_shms[i].client == client &&
		    tee_shms[i].cookie == cookie)
			return i;
	}
	return -1;
}

static uint32_t tee_rmem_resolve(uint16_t client, const struct tee_param *p,
				 struct tee_mem *m)
{
	uint64_t offs = p->u[0], size = p->u[1];
	int i = tee_shm_find(client, p->u[2]);

	if (i < 0 || offs > tee_shms[i].size || size > tee_shms[i].size - offs)
		return TEE_ERROR_BAD_PARAMETERS;
	m->kind = TEE_MEM_REG;
	m->reg = i;
	m->offs = offs;
	m->size = size;
	return TEE_SUCCESS;
}

uint32_t tee_mem_resolve(uint16_t client, const struct tee_param *p,
			 struct tee_mem *m)
{
	uint32_t type = (uint32_t)p->attr & OPTEE_MSG_ATTR_TYPE_MASK;

	m->kind = TEE_MEM_NULL;
	m->size = 0;
	m->reg = -1;
	if (type >= OPTEE_MSG_ATTR_TMEM_INPUT &&
	    type <= OPTEE_MSG_ATTR_TMEM_INOUT)
		return tee_tmem_resolve(p, m);
	if (type >= OPTEE_MSG_ATTR_RMEM_INPUT &&
	    type <= OPTEE_MSG_ATTR_RMEM_INOUT)
		return tee_rmem_resolve(client, p, m);
	return TEE_SUCCESS;
}

/* Physical address of byte `at` of a resolved reference, 0 if a page is
 * bad; *room = bytes left in that page. */
static uint64_t tee_mem_pa(const struct tee_mem *m, uint64_t at, uint64_t *room)
{
	uint64_t pos, page;

	if (m->kind == TEE_MEM_REG) {
		const struct tee_shm *s = &tee_shms[m->reg];

		pos = s->offs + m->offs + at;
		if (pos / TEE_PAGE >= s->npages)
			return 0;
		page = s->pages[pos / TEE_PAGE];
	} else if (m->kind == TEE_MEM_PAGE) {
		pos = m->offs + at;
		if (pos >= TEE_PAGE)
			return 0;
		page = m->list;
	} else {
		pos = m->offs + at;
		if (!tee_list_page(m->list, pos / TEE_PAGE, &page))
			return 0;
	}
	*room = TEE_PAGE - pos % TEE_PAGE;
	return page + pos % TEE_PAGE;
}

/* Bytes between normal memory at pa and a secure buffer: 8 at a time
 * where both sides are 8-byte aligned (Device memory: no unaligned
 * accesses), else one by one. */
static void tee_copy(uint64_t pa, uint8_t *b, uint64_t n, bool write)
{
	uint64_t i = 0;

	if (((pa | (uintptr_t)b) & 7) == 0) {
		for (; i + 8 <= n; i += 8) {
			volatile uint64_t *p =
				(volatile uint64_t *)(uintptr_t)(pa + i);
			uint64_t *q = (uint64_t *)(void *)(b + i);

			if (write)
				*p = *q;
			else
				*q = *p;
		}
	}
	for (; i < n; i++) {
		volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)(pa + i);

		if (write)
			*p = b[i];
		else
			b[i] = *p;
	}
}

/* Copy len bytes at offset off of a reference from/to a secure buffer.
 * false if the range is outside the reference or a page went bad. */
bool tee_mem_rw(const struct tee_mem *m, uint64_t off, void *buf, uint64_t len,
		bool write)
{
	uint8_t *b = buf;

	if (m->kind == TEE_MEM_NULL || off > m->size || len > m->size - off)
		return false;
	while (len) {
		uint64_t room, pa = tee_mem_pa(m, off, &room), n;

		if (!pa)
			return false;
		n = len < room ? len : room;
		tee_copy(pa, b, n, write);
		b += n;
		off += n;
		len -= n;
	}
	return true;
}

static int tee_shm_slot(void)
{
	int i;

	for (i = 0; i < TEE_MAX_SHM; i++) {
		if (!tee_shms[i].used)
			return i;
	}
	return -1;
}

/* REGISTER_SHM: one param, TMEM_OUTPUT | NONCONTIG (what Linux sends and
 * OP-TEE accepts), shm_ref = the normal world's cookie, unique per client. */
uint32_t tee_shm_register(uint16_t client, const struct tee_arg *a)
{
	const struct tee_param *p = &a->p[0];
	uint64_t offs = p->u[0] & (TEE_PAGE - 1), list = p->u[0] - offs;
	uint64_t size = p->u[1], n, i;
	struct tee_shm *s;
	int slot;

	if (a->nparams != 1 ||
	    (p->attr & ~OPTEE_MSG_ATTR_CACHE_MASK) !=
		    (OPTEE_MSG_ATTR_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG) ||
	    size == 0 || size > TEE_SHM_MAX_PAGES * TEE_PAGE)
		return TEE_ERROR_BAD_PARAMETERS;
	n = tee_pages_for(offs, size);
	if (n > TEE_SHM_MAX_PAGES || tee_shm_find(client, p->u[2]) >= 0)
		return TEE_ERROR_BAD_PARAMETERS;
	slot = tee_shm_slot();
	if (slot < 0)
		return TEE_ERROR_OUT_OF_MEMORY;
	s = &tee_shms[slot];
	for (i = 0; i < n; i++) {
		if (!tee_list_page(list, i, &s->pages[i]))
			return TEE_ERROR_BAD_PARAMETERS;
	}
	s->client = client;
	s->cookie = p->u[2];
	s->offs = offs;
	s->size = size;
	s->npages = (unsigned)n;
	s->used = true;
	return TEE_SUCCESS;
}

/* UNREGISTER_SHM: one param, RMEM_INPUT, shm_ref = cookie of this client. */
uint32_t tee_shm_unregister(uint16_t client, const struct tee_arg *a)
{
	const struct tee_param *p = &a->p[0];
	int i;

	if (a->nparams != 1 ||
	    (p->attr & ~OPTEE_MSG_ATTR_CACHE_MASK) != OPTEE_MSG_ATTR_RMEM_INPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	i = tee_shm_find(client, p->u[2]);
	if (i < 0)
		return TEE_ERROR_ITEM_NOT_FOUND;
	tee_shms[i].used = false;
	return TEE_SUCCESS;
}

void tee_shm_drop_client(uint16_t client)
{
	unsigned i;

	for (i = 0; i < TEE_MAX_SHM; i++) {
		if (tee_shms[i].client == client)
			tee_shms[i].used = false;
	}
}
