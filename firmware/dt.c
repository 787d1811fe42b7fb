// SPDX-License-Identifier: MIT
/*
 * The device tree QEMU leaves at the base of RAM: read which CPUs and what
 * normal memory exist, and tell the normal world how to call PSCI (what
 * TF-A does on this board before it enters BL33).
 */
#include <libfdt.h>

#include "fw.h"

#define DT_GROW 0x1000 /* room for /psci and the enable-method strings */

struct fw_platform fw_plat;

static const char dt_psci_compat[] = "arm,psci-1.0\0arm,psci-0.2";

static uint64_t dt_read_cells(const fdt32_t *p, int cells)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < cells; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

static int dt_add_psci(void *fdt)
{
	int node = fdt_path_offset(fdt, "/psci");
	int err;

	if (node < 0)
		node = fdt_add_subnode(fdt, 0, "psci");
	if (node < 0)
		return node;
	/* Replace whatever QEMU or anyone put there (cpu_on IDs of PSCI 0.1
	 * would be wrong for us). */
	fdt_delprop(fdt, node, "cpu_on");
	fdt_delprop(fdt, node, "cpu_off");
	fdt_delprop(fdt, node, "cpu_suspend");
	fdt_delprop(fdt, node, "migrate");
	err = fdt_setprop(fdt, node, "compatible", dt_psci_compat,
			  sizeof(dt_psci_compat));
	if (err)
		return err;
	return fdt_setprop_string(fdt, node, "method", "smc");
}

static void dt_note_cpu(uint64_t mpidr)
{
	int idx = fw_cpu_index(mpidr);

	if (idx < 0 || fw_plat.present[idx]) {
		fw_puts("[fw] CPU with MPIDR ");
		fw_put_hex(mpidr);
		fw_puts(" is not run by this firmware\n");
		return;
	}
	fw_plat.present[idx] = true;
	fw_plat.mpidr[idx] = mpidr;
	fw_plat.ncpus++;
}

static int dt_scan_cpus(void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	int node, len, cells, err;

	if (cpus < 0)
		return cpus;
	cells = fdt_address_cells(fdt, cpus);
	if (cells < 1 || cells > 2)
		return -FDT_ERR_BADNCELLS;
	fdt_for_each_subnode(node, fdt, cpus)
	{
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		const fdt32_t *reg;

		if (!type || len < 4 || strcmp(type, "cpu") != 0)
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len < cells * 4)
			continue;
		/* Read before adding a property: that moves the blob. */
		dt_note_cpu(dt_read_cells(reg, cells));
		err = fdt_setprop_string(fdt, node, "enable-method", "psci");
		if (err)
			return err;
	}
	return 0;
}

static void dt_scan_memory(const void *fdt)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
	int node, len;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return;
	fdt_for_each_subnode(node, fdt, 0)
	{
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		const fdt32_t *reg;
		int off;

		if (!type || strcmp(type, "memory") != 0)
			continue;
		/* Skip the secure RAM node QEMU lists with status "disabled".
		 */
		type = fdt_getprop(fdt, node, "status", &len);
		if (type && strcmp(type, "okay") != 0)
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		for (off = 0; reg && off + (ac + sc) * 4 <= len &&
			      fw_plat.nmem < FW_MAX_MEM_RANGES;
		     off += (ac + sc) * 4) {
			const fdt32_t *p = reg + off / 4;

			fw_plat.mem[fw_plat.nmem].base = dt_read_cells(p, ac);
			fw_plat.mem[fw_plat.nmem].size =
				dt_read_cells(p + ac, sc);
			fw_plat.nmem++;
		}
	}
}

bool fw_dt_fixup(void *fdt)
{
	int err = fdt_check_header(fdt);

	if (err || fdt_totalsize(fdt) > FW_DTB_MAX - DT_GROW) {
		fw_log("no usable device tree at the base of RAM");
		return false;
	}
	err = fdt_open_into(fdt, fdt, (int)fdt_totalsize(fdt) + DT_GROW);
	if (!err)
		err = dt_add_psci(fdt);
	if (!err)
		err = dt_scan_cpus(fdt);
	if (!err)
		dt_scan_memory(fdt);
	if (!err)
		err = fdt_pack(fdt);
	if (err) {
		fw_puts("[fw] device tree fixup failed: ");
		fw_puts(fdt_strerror(err));
		fw_puts("\n");
		return false;
	}
	return true;
}

/* Is [addr, addr + len) inside the normal world's RAM? */
bool fw_ns_range_ok(uint64_t addr, uint64_t len)
{
	unsigned i;

	for (i = 0; i < fw_plat.nmem; i++) {
		const struct fw_mem_range *m = &fw_plat.mem[i];

		if (addr >= m->base && len <= m->size &&
		    addr - m->base <= m->size - len)
			return true;
	}
	return false;
}
