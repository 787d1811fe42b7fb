// SPDX-License-Identifier: MIT
/*
 * What the hypervisor reads from the host device tree at boot: CPUs, the
 * console UART, the GIC and the firmware's PSCI conduit. RAM and reserved
 * memory are read by mem.c. Anything missing falls back to plat.h.
 */
#include <libfdt.h>
#include <string.h>

#include "hyp.h"
#include "arbiter/fmt.h"

static uint64_t read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

/* reg entry `idx` of `node`, with its parent's cell sizes. */
int hostdt_reg(const void *fdt, int node, int idx, uint64_t *base,
	       uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node);
	int ac = fdt_address_cells(fdt, parent),
	    sc = fdt_size_cells(fdt, parent);
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);

	if (p == NULL || ac < 1 || ac > 2 || sc < 0 || sc > 2 ||
	    len < (idx + 1) * (ac + sc) * 4)
		return -1;
	p += idx * (ac + sc);
	*base = read_cells(p, ac);
	*size = sc ? read_cells(p + ac, sc) : 0;
	return 0;
}

static void parse_cpus(const void *fdt, struct host_info *hi)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	int node;
	int ac = fdt_address_cells(fdt, cpus);

	hi->ncpus = 0;
	if (cpus < 0)
		return;
	fdt_for_each_subnode(node, fdt, cpus)
	{
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		int len;
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

		if (type == NULL || strcmp(type, "cpu") != 0 || reg == NULL ||
		    ac < 1 || ac > 2 || len < ac * 4)
			continue;
		if (hi->ncpus < PLAT_MAX_CPUS)
			hi->cpu_mpidr[hi->ncpus++] = read_cells(reg, ac);
	}
}

static void parse_uart(const void *fdt, struct host_info *hi)
{
	const char *path = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
				       "stdout-path", NULL);
	int node = -1;
	uint64_t size;

	if (path != NULL) {
		const char *colon = strchr(path, ':');

		node = fdt_path_offset_namelen(fdt, path,
					       colon ? (int)(colon - path)
						     : (int)strlen(path));
	}
	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
	if (node >= 0)
		hostdt_reg(fdt, node, 0, &hi->uart, &size);
}

static void parse_gic(const void *fdt, struct host_info *hi)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
	uint64_t size;

	if (node < 0)
		return;
	hostdt_reg(fdt, node, 0, &hi->gicd, &size);
	hostdt_reg(fdt, node, 1, &hi->gicr, &hi->gicr_size);
}

int hostdt_parse(const void *fdt, struct host_info *hi)
{
	int psci;
	const char *method;

	if (fdt_check_header(fdt) != 0)
		return -1;
	hi->uart = PLAT_UART_PA;
	hi->gicd = PLAT_GICD_PA;
	hi->gicr = PLAT_GICR_PA;
	hi->gicr_size = PLAT_GICR_REGION;
	parse_cpus(fdt, hi);
	parse_uart(fdt, hi);
	parse_gic(fdt, hi);
	psci = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
	if (psci < 0)
		psci = fdt_path_offset(fdt, "/psci");
	method = psci >= 0 ? fdt_getprop(fdt, psci, "method", NULL) : NULL;
	hi->psci_hvc = method != NULL && strcmp(method, "hvc") == 0;
	if (hi->ncpus == 0) {
		hi->ncpus = 1;
		hi->cpu_mpidr[0] = arch_mpidr() & 0xff00ffffffull;
	}
	return 0;
}
