// SPDX-License-Identifier: MIT
#include "arbiter/arena.h"

void *arena_alloc(struct arena *a, size_t size, size_t align)
{
	size_t start = (a->used + align - 1) & ~(align - 1);
	uint8_t *p;

	if (start < a->used || start > a->size || size > a->size - start)
		return NULL;
	p = a->base + start;
	for (size_t i = 0; i < size; i++)
		p[i] = 0;
	a->used = start + size;
	return p;
}
