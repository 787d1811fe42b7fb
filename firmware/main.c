// SPDX-License-Identifier: MIT
/*
 * Cold boot. CPU 0 sets up the secure side (GIC distributor, the device
 * tree, the services), releases the other CPUs into their PSCI "off" wait
 * and enters the normal world at EL2 the way TF-A enters BL33 on this
 * board: 0x60000000, EL2h, DAIF masked, MMU and caches off, x0 = device
 * tree, x1 = x2 = x3 = 0.
 */
#include "fw.h"
#include "sysreg.h"

#define SPSR_EL2H_MASKED 0x3c9ull /* EL2h, D, A, I, F masked */

/* Written only by CPU 0 once secure RAM is ready; read by the pen in
 * entry.S. Cleared by SYSTEM_RESET. */
volatile uint32_t fw_release;

static void main_banner(bool dt_ok)
{
	fw_log("Arbiter EL3 firmware (QEMU virt): SMCCC 1.2, PSCI 1.1");
	fw_puts("[fw] CPUs ");
	fw_put_dec(fw_plat.ncpus);
	fw_puts(", TRNG ");
	fw_puts(fw_trng_present() ? "RNDR" : "absent");
	fw_puts(", device tree ");
	fw_puts(dt_ok ? "fixed up" : "NOT fixed up");
	fw_puts("\n[fw] entering non-secure EL2 at ");
	fw_put_hex(FW_NS_ENTRY);
	fw_puts("\n");
}

void fw_primary_main(void)
{
	bool dt_ok;

	fw_uart_init();
	fw_cpu_init_el3();
	fw_gic_init_dist();
	fw_gic_init_cpu(read_mpidr_el1());
	dt_ok = fw_dt_fixup((void *)(uintptr_t)FW_DTB_ADDR);
	if (!dt_ok) {
		/* Without a device tree we still know ourselves. */
		fw_plat.present[0] = true;
		fw_plat.mpidr[0] = read_mpidr_el1() & PSCI_MPIDR_AFF_MASK;
		fw_plat.ncpus = 1;
	}
	fw_psci_init(0);
	fw_trng_init();
	fw_sip_init();
	main_banner(dt_ok);
	fw_dsb();
	fw_release = FW_RELEASE_MAGIC;
	fw_sev();
	fw_cpu_prepare_ns_el2();
	fw_enter_lower(FW_NS_ENTRY, SPSR_EL2H_MASKED, FW_DTB_ADDR,
		       fw_stack_top(0));
}

void fw_secondary_main(unsigned cpu)
{
	fw_cpu_init_el3();
	fw_gic_init_cpu(read_mpidr_el1());
	fw_psci_wait_on(cpu);
}
