// SPDX-License-Identifier: MIT
/*
 * Stage-2 translation: a 4 GiB IPA space (VTCR T0SZ = 32) walked from
 * level 1, RAM mapped with 2 MiB blocks where alignment allows and 4 KiB
 * pages elsewhere. Nothing else is mapped: every other IPA faults to EL2,
 * which emulates a device there or injects an abort.
 */
#include <stdint.h>

#include "arch.h"
#include "arbiter/arena.h"

#define S2_VALID      0x1ull
#define S2_TABLE      0x3ull
#define S2_PAGE	      0x3ull
#define S2_BLOCK      0x1ull
#define S2_MEMATTR_WB (0xfull << 2) /* normal, outer and inner write-back */
#define S2_AP_RW      (3ull << 6)
#define S2_SH_INNER   (3ull << 8)
#define S2_AF	      (1ull << 10)
#define S2_NORMAL     (S2_MEMATTR_WB | S2_AP_RW | S2_SH_INNER | S2_AF)
#define S2_ADDR_MASK  0x0000fffffffff000ull

#define SZ_4K 0x1000ull
#define SZ_2M 0x200000ull
#define SZ_1G 0x40000000ull

static uint64_t *table_get(uint64_t *parent, unsigned idx, struct arena *a)
{
	uint64_t *t;

	if (parent[idx] & S2_VALID)
		return (uint64_t *)(uintptr_t)(parent[idx] & S2_ADDR_MASK);
	t = arena_alloc(a, SZ_4K, SZ_4K);
	if (t == NULL)
		return NULL;
	parent[idx] = (uint64_t)(uintptr_t)t | S2_TABLE;
	return t;
}

static int map_one(uint64_t *l1, uint64_t ipa, uint64_t pa, uint64_t len,
		   struct arena *a)
{
	uint64_t *l2 = table_get(l1, (unsigned)(ipa >> 30) & 511, a);
	uint64_t *l3;

	if (l2 == NULL)
		return -1;
	if (len == SZ_2M) {
		l2[(ipa >> 21) & 511] = pa | S2_NORMAL | S2_BLOCK;
		return 0;
	}
	l3 = table_get(l2, (unsigned)(ipa >> 21) & 511, a);
	if (l3 == NULL)
		return -1;
	l3[(ipa >> 12) & 511] = pa | S2_NORMAL | S2_PAGE;
	return 0;
}

uint64_t stage2_create(uint64_t ipa, uint64_t pa, uint64_t size,
		       struct arena *a)
{
	uint64_t *l1 = arena_alloc(a, SZ_4K, SZ_4K);
	uint64_t off = 0;

	if (l1 == NULL || ((ipa | pa | size) & (SZ_4K - 1)) != 0 ||
	    ipa + size > 4 * SZ_1G || ipa + size < ipa)
		return 0;
	while (off < size) {
		uint64_t len = SZ_4K;

		if (((ipa + off) & (SZ_2M - 1)) == 0 &&
		    ((pa + off) & (SZ_2M - 1)) == 0 && size - off >= SZ_2M)
			len = SZ_2M;
		if (map_one(l1, ipa + off, pa + off, len, a) != 0)
			return 0;
		off += len;
	}
	cache_clean_range(l1, SZ_4K);
	return (uint64_t)(uintptr_t)l1;
}
