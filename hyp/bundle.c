// SPDX-License-Identifier: MIT
/*
 * The boot bundle (docs/hypervisor.md): right after the hypervisor's own
 * image (at _end, 4 KiB aligned) a table of {name, offset, size} names the
 * compiled configuration ("config.dtb") and every image it refers to.
 * A loader that can place one Linux Image thus starts the whole system.
 */
#include <string.h>

#include "hyp.h"

#define BUNDLE_MAGIC	   "ARBUNDL1"
#define BUNDLE_MAX_ENTRIES 64
#define BUNDLE_NAME_MAX	   48

struct bundle_header {
	char magic[8];
	uint32_t version;
	uint32_t count;
	uint64_t total_size; /* header, table and payload */
	uint64_t reserved;
};

struct bundle_entry {
	char name[BUNDLE_NAME_MAX];
	uint64_t offset; /* from the start of the header */
	uint64_t size;
};

extern char _end[];
static const struct bundle_header *bundle;

int bundle_find(const void **base)
{
	const struct bundle_header *h = (const void *)_end;
	const struct bundle_entry *e = (const void *)(h + 1);

	if (memcmp(h->magic, BUNDLE_MAGIC, 8) != 0 || h->version != 1 ||
	    h->count > BUNDLE_MAX_ENTRIES ||
	    h->total_size < sizeof(*h) + h->count * sizeof(*e))
		return -1;
	for (uint32_t i = 0; i < h->count; i++)
		if (e[i].offset > h->total_size ||
		    e[i].size > h->total_size - e[i].offset ||
		    memchr(e[i].name, 0, BUNDLE_NAME_MAX) == NULL)
			return -1;
	bundle = h;
	*base = h;
	return 0;
}

uint64_t bundle_size(void)
{
	return bundle ? bundle->total_size : 0;
}

const void *bundle_get(const char *name, size_t *size)
{
	const struct bundle_entry *e;

	if (bundle == NULL || name == NULL)
		return NULL;
	e = (const void *)(bundle + 1);
	for (uint32_t i = 0; i < bundle->count; i++) {
		if (strcmp(e[i].name, name) == 0) {
			*size = e[i].size;
			return (const char *)bundle + e[i].offset;
		}
	}
	return NULL;
}
