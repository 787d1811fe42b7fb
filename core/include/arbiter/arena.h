/* SPDX-License-Identifier: MIT */
/*
 * A bump allocator over memory the caller provides. Used only while a
 * configuration is compiled (boot, domain creation, host tools); the call
 * path never allocates.
 */
#ifndef ARBITER_ARENA_H
#define ARBITER_ARENA_H

#include <stddef.h>
#include <stdint.h>

struct arena {
	uint8_t *base;
	size_t size;
	size_t used;
};

static inline void arena_init(struct arena *a, void *base, size_t size)
{
	a->base = base;
	a->size = size;
	a->used = 0;
}

/* Zeroed memory aligned to `align` (a power of two), or NULL when full. */
void *arena_alloc(struct arena *a, size_t size, size_t align);

#endif
