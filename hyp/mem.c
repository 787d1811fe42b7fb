// SPDX-License-Identifier: MIT
/*
 * Host RAM bookkeeping: the RAM the host device tree lists, minus its
 * /memreserve/ entries and /reserved-memory nodes (firmware, a TEE), minus
 * the hypervisor image with its bundle and the host device tree itself.
 * Guests and the hypervisor's heap are carved from what is left, so memory
 * the firmware keeps is never given to a guest.
 */
#include <libfdt.h>
#include <string.h>

#include "hyp.h"
#include "arbiter/fmt.h"

#define MAX_REGIONS 32

struct region {
	uint64_t base, end;
};

static struct region ram[MAX_REGIONS];
static unsigned nram;

void mem_add_ram(uint64_t base, uint64_t size)
{
	uint64_t end = base + size;

	/* Only what the EL2 identity map covers as normal memory. */
	if (end > PLAT_RAM_MAP_END || end < base)
		end = PLAT_RAM_MAP_END;
	if (base < PLAT_RAM_MAP_START)
		base = PLAT_RAM_MAP_START;
	if (nram < MAX_REGIONS && end > base)
		ram[nram++] = (struct region){base, end};
}

/* Cut [base, base + size) out of every free region. */
void mem_reserve(uint64_t base, uint64_t size)
{
	uint64_t end = base + size < base ? ~0ull : base + size;

	for (unsigned i = 0; i < nram; i++) {
		struct region *r = &ram[i];

		if (end <= r->base || base >= r->end)
			continue;
		if (base > r->base && end < r->end) {
			if (nram < MAX_REGIONS)
				ram[nram++] = (struct region){end, r->end};
			r->end = base;
		} else if (base > r->base) {
			r->end = base;
		} else if (end < r->end) {
			r->base = end;
		} else {
			r->end = r->base; /* fully covered: now empty */
		}
	}
}

uint64_t mem_alloc(uint64_t size, uint64_t align)
{
	for (unsigned i = 0; i < nram; i++) {
		uint64_t b = (ram[i].base + align - 1) & ~(align - 1);

		if (b >= ram[i].base && b + size <= ram[i].end &&
		    b + size > b) {
			mem_reserve(b, size);
			return b;
		}
	}
	return 0;
}

int mem_from_fdt(const void *fdt)
{
	int node, rsv;
	uint64_t b, s;

	fdt_for_each_subnode(node, fdt, 0)
	{
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (type == NULL || strcmp(type, "memory") != 0)
			continue;
		for (int i = 0; hostdt_reg(fdt, node, i, &b, &s) == 0; i++)
			mem_add_ram(b, s);
	}
	for (int i = 0; i < fdt_num_mem_rsv(fdt); i++)
		if (fdt_get_mem_rsv(fdt, i, &b, &s) == 0)
			mem_reserve(b, s);
	rsv = fdt_path_offset(fdt, "/reserved-memory");
	if (rsv >= 0) {
		fdt_for_each_subnode(node, fdt, rsv)
		{
			for (int i = 0; hostdt_reg(fdt, node, i, &b, &s) == 0;
			     i++) {
				log_printf("reserved memory %s: 0x%llx+0x%llx",
					   fdt_get_name(fdt, node, NULL),
					   (unsigned long long)b,
					   (unsigned long long)s);
				mem_reserve(b, s);
			}
		}
	}
	return nram ? 0 : -1;
}

void mem_dump(void)
{
	for (unsigned i = 0; i < nram; i++)
		if (ram[i].end > ram[i].base)
			log_printf("free RAM 0x%llx-0x%llx",
				   (unsigned long long)ram[i].base,
				   (unsigned long long)ram[i].end);
}
