// SPDX-License-Identifier: MIT
/*
 * A complete structural check of a flattened device tree before libfdt
 * reads it. libfdt's readers trust the structure block, and the libfdt
 * Debian 12 ships (1.6.1) can loop or crash on a malformed one even in
 * fdt_check_full() (both found by tests/fuzz/fuzz_config.c). A
 * configuration is the operator's, not a guest's, but a hypervisor should
 * not depend on its input being well made.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arbiter/fdt_check.h"

#define FDT_MAGIC_BE   0xd00dfeedu
#define TAG_BEGIN_NODE 1u
#define TAG_END_NODE   2u
#define TAG_PROP       3u
#define TAG_NOP	       4u
#define TAG_END	       9u
#define MAX_DEPTH      32u

static uint32_t be32_at(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* A NUL within [off, end) of base; returns its index or `end` if none. */
static size_t nul_at(const uint8_t *base, size_t off, size_t end)
{
	while (off < end && base[off])
		off++;
	return off;
}

struct fdt_blocks {
	const uint8_t *st; /* structure block */
	size_t st_size;
	const uint8_t *str; /* strings block */
	size_t str_size;
};

static bool blocks_find(const uint8_t *b, size_t size, struct fdt_blocks *k)
{
	uint32_t total, off_st, off_str, size_st, size_str, version;

	if (size < 40 || be32_at(b) != FDT_MAGIC_BE)
		return false;
	total = be32_at(b + 4);
	off_st = be32_at(b + 8);
	off_str = be32_at(b + 12);
	version = be32_at(b + 20);
	size_str = be32_at(b + 32);
	size_st = be32_at(b + 36);
	if (total > size || version < 17 || (off_st & 3u) || off_st > total ||
	    size_st > total - off_st || off_str > total ||
	    size_str > total - off_str)
		return false;
	k->st = b + off_st;
	k->st_size = size_st;
	k->str = b + off_str;
	k->str_size = size_str;
	return true;
}

static bool prop_valid(const struct fdt_blocks *k, size_t *pos)
{
	uint32_t len, nameoff;

	if (k->st_size - *pos < 12)
		return false;
	len = be32_at(k->st + *pos + 4);
	nameoff = be32_at(k->st + *pos + 8);
	if (nameoff >= k->str_size ||
	    nul_at(k->str, nameoff, k->str_size) == k->str_size ||
	    len > k->st_size - *pos - 12)
		return false;
	*pos = (*pos + 12 + len + 3u) & ~(size_t)3;
	return true;
}

bool fdt_blob_valid(const void *blob, size_t size)
{
	const uint8_t *b = blob;
	struct fdt_blocks k;
	size_t pos = 0;
	unsigned depth = 0;
	bool rooted = false;

	if (!blocks_find(b, size, &k))
		return false;
	while (k.st_size - pos >= 4) {
		uint32_t tag = be32_at(k.st + pos);
		size_t name;

		switch (tag) {
		case TAG_BEGIN_NODE:
			name = nul_at(k.st, pos + 4, k.st_size);
			if (name == k.st_size || depth >= MAX_DEPTH ||
			    (depth == 0 && rooted) ||
			    (depth == 0 && name != pos + 4))
				return false;
			rooted = true;
			depth++;
			pos = (name + 1 + 3u) & ~(size_t)3;
			break;
		case TAG_END_NODE:
			if (depth == 0)
				return false;
			depth--;
			pos += 4;
			break;
		case TAG_PROP:
			if (depth == 0 || !prop_valid(&k, &pos))
				return false;
			break;
		case TAG_NOP:
			pos += 4;
			break;
		case TAG_END:
			return rooted && depth == 0;
		default:
			return false;
		}
		if (pos > k.st_size)
			return false;
	}
	return false;
}
