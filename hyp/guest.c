// SPDX-License-Identifier: MIT
/*
 * Putting a guest in its RAM by the arm64 boot protocol: the image at
 * RAM + text_offset from its Image header (0x80000 for a raw binary), the
 * initrd below the device tree, the device tree in the last 2 MiB of RAM
 * (its own 2 MiB block, as the protocol asks), x0 = the tree's IPA.
 */
#include <libfdt.h>
#include <string.h>

#include "hyp.h"
#include "arbiter/fmt.h"
#include "arbiter/route.h"
#include "arbiter/tee.h"

#define IMAGE_MAGIC 0x644d5241u /* "ARM\x64" at offset 56 */
#define DT_AREA	    0x200000ull
#define DT_MAX	    0x10000
#define SZ_4K	    0x1000ull

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static void *ipa_to_hva(struct hdomain *hd, uint64_t ipa)
{
	return (void *)(uintptr_t)(hd->ram_pa + (ipa - hd->d.ram_ipa));
}

/* Where the image goes and how much room it needs (bss included). */
static int image_layout(struct hdomain *hd, uint64_t *offset, uint64_t *span)
{
	const uint8_t *img = hd->image;

	*offset = PLAT_GUEST_IMAGE_OFFSET;
	*span = hd->image_size;
	if (hd->image_size >= 64 && (uint32_t)le64(img + 56) == IMAGE_MAGIC &&
	    le64(img + 16) != 0) {
		*offset = le64(img + 8);
		if (le64(img + 16) > *span)
			*span = le64(img + 16);
	}
	if (*offset >= hd->d.ram_size || *span > hd->d.ram_size - DT_AREA ||
	    *offset + *span > hd->d.ram_size - DT_AREA)
		return -1;
	return 0;
}

int guest_load(struct hdomain *hd)
{
	uint64_t off, span, dt_off = hd->d.ram_size - DT_AREA;

	if (hd->d.ram_size < 2 * DT_AREA ||
	    image_layout(hd, &off, &span) != 0) {
		log_printf(
			"FATAL: domain %s: image %s (%zu bytes) does not fit "
			"its memory",
			hd->d.name, hd->cfg->image, hd->image_size);
		return -1;
	}
	hd->entry_ipa = hd->d.ram_ipa + off;
	hd->dt_ipa = hd->d.ram_ipa + dt_off;
	memcpy(ipa_to_hva(hd, hd->entry_ipa), hd->image, hd->image_size);
	cache_clean_range(ipa_to_hva(hd, hd->entry_ipa), hd->image_size);
	if (hd->initrd != NULL) {
		uint64_t at = (dt_off - hd->initrd_size) & ~(SZ_4K - 1);

		if (hd->initrd_size > dt_off || at < off + span) {
			log_printf("FATAL: domain %s: initrd does not fit",
				   hd->d.name);
			return -1;
		}
		memcpy(ipa_to_hva(hd, hd->d.ram_ipa + at), hd->initrd,
		       hd->initrd_size);
		cache_clean_range(ipa_to_hva(hd, hd->d.ram_ipa + at),
				  hd->initrd_size);
		hd->initrd_ipa = hd->d.ram_ipa + at;
	}
	if (guest_make_dt(hd) != 0) {
		log_printf("FATAL: domain %s: device tree too large",
			   hd->d.name);
		return -1;
	}
	cache_sync_icache();
	return 0;
}

/* A reg property of one <address size> pair, two cells each. */
static int prop_reg(void *fdt, uint64_t base, uint64_t size)
{
	fdt64_t reg[2] = {cpu_to_fdt64(base), cpu_to_fdt64(size)};

	return fdt_property(fdt, "reg", reg, sizeof(reg));
}

#define GIC_PHANDLE 0x8001

/* The emulated GICv3: distributor, one redistributor per vCPU. */
static int dt_gic(void *fdt, struct hdomain *hd)
{
	fdt64_t reg[4] = {cpu_to_fdt64(PLAT_GUEST_GICD_IPA),
			  cpu_to_fdt64(PLAT_GUEST_GICD_SIZE),
			  cpu_to_fdt64(PLAT_GUEST_GICR_IPA),
			  cpu_to_fdt64(PLAT_GUEST_GICR_STRIDE * hd->d.nvcpus)};
	int err = fdt_begin_node(fdt, "intc@8000000");

	err |= fdt_property_string(fdt, "compatible", "arm,gic-v3");
	err |= fdt_property_u32(fdt, "#interrupt-cells", 3);
	err |= fdt_property(fdt, "interrupt-controller", NULL, 0);
	err |= fdt_property_u32(fdt, "#redistributor-regions", 1);
	err |= fdt_property(fdt, "reg", reg, sizeof(reg));
	err |= fdt_property_u32(fdt, "phandle", GIC_PHANDLE);
	return err | fdt_end_node(fdt);
}

static int dt_cpus(void *fdt, struct hdomain *hd)
{
	int err = fdt_begin_node(fdt, "cpus");

	err |= fdt_property_u32(fdt, "#address-cells", 1);
	err |= fdt_property_u32(fdt, "#size-cells", 0);
	for (uint16_t i = 0; i < hd->d.nvcpus; i++) {
		char name[24];
		uint32_t mpidr = (uint32_t)vcpu_mpidr(i);

		fmt_snprintf(name, sizeof(name), "cpu@%x", mpidr);
		err |= fdt_begin_node(fdt, name);
		err |= fdt_property_string(fdt, "device_type", "cpu");
		err |= fdt_property_string(fdt, "compatible", "arm,armv8");
		err |= fdt_property_u32(fdt, "reg", mpidr);
		err |= fdt_property_string(fdt, "enable-method", "psci");
		err |= fdt_end_node(fdt);
	}
	return err | fdt_end_node(fdt);
}

static int dt_devices(void *fdt, struct hdomain *hd)
{
	static const char psci_compat[] = "arm,psci-1.0\0arm,psci-0.2";
	static const char uart_compat[] = "arm,pl011\0arm,primecell";
	static const char clk_names[] = "uartclk\0apb_pclk";
	const uint32_t clk = 0x8000;
	fdt32_t clocks[2] = {cpu_to_fdt32(clk), cpu_to_fdt32(clk)};
	fdt32_t irqs[12];
	const fdt32_t uart_irq[3] = {cpu_to_fdt32(0), /* SPI */
				     cpu_to_fdt32(PLAT_GUEST_UART_INTID - 32),
				     cpu_to_fdt32(4)};
	const int ppis[4] = {PLAT_TIMER_PPI_SEC, PLAT_TIMER_PPI_PHYS,
			     PLAT_TIMER_PPI_VIRT, PLAT_TIMER_PPI_HYP};
	int err;

	err = fdt_begin_node(fdt, "psci");
	err |= fdt_property(fdt, "compatible", psci_compat,
			    sizeof(psci_compat));
	err |= fdt_property_string(fdt, "method",
				   hd->d.psci_conduit == CONDUIT_SMC ? "smc"
								     : "hvc");
	err |= fdt_end_node(fdt);

	err |= fdt_begin_node(fdt, "apb-pclk");
	err |= fdt_property_string(fdt, "compatible", "fixed-clock");
	err |= fdt_property_u32(fdt, "#clock-cells", 0);
	err |= fdt_property_u32(fdt, "clock-frequency", PLAT_GUEST_UART_CLOCK);
	err |= fdt_property_string(fdt, "clock-output-names", "clk24mhz");
	err |= fdt_property_u32(fdt, "phandle", clk);
	err |= fdt_end_node(fdt);

	err |= fdt_begin_node(fdt, "pl011@9000000");
	err |= fdt_property(fdt, "compatible", uart_compat,
			    sizeof(uart_compat));
	err |= prop_reg(fdt, PLAT_GUEST_UART_IPA, PLAT_GUEST_UART_SIZE);
	err |= fdt_property(fdt, "clocks", clocks, sizeof(clocks));
	err |= fdt_property(fdt, "clock-names", clk_names, sizeof(clk_names));
	err |= fdt_property(fdt, "interrupts", uart_irq, sizeof(uart_irq));
	err |= fdt_end_node(fdt);

	for (int i = 0; i < 4; i++) {
		irqs[3 * i] = cpu_to_fdt32(1); /* PPI */
		irqs[3 * i + 1] = cpu_to_fdt32((uint32_t)ppis[i]);
		irqs[3 * i + 2] = cpu_to_fdt32(4); /* level high */
	}
	err |= fdt_begin_node(fdt, "timer");
	err |= fdt_property_string(fdt, "compatible", "arm,armv8-timer");
	err |= fdt_property(fdt, "interrupts", irqs, sizeof(irqs));
	err |= fdt_property(fdt, "always-on", NULL, 0);
	return err | fdt_end_node(fdt);
}

static int dt_chosen(void *fdt, struct hdomain *hd)
{
	int err = fdt_begin_node(fdt, "chosen");

	err |= fdt_property_string(fdt, "bootargs",
				   hd->cfg->bootargs ? hd->cfg->bootargs : "");
	err |= fdt_property_string(fdt, "stdout-path", "/pl011@9000000");
	if (hd->initrd != NULL) {
		err |= fdt_property_u64(fdt, "linux,initrd-start",
					hd->initrd_ipa);
		err |= fdt_property_u64(fdt, "linux,initrd-end",
					hd->initrd_ipa + hd->initrd_size);
	}
	return err | fdt_end_node(fdt);
}

/* Whether the domain's policy sends OP-TEE's UID query over `conduit` to
 * the mediator. */
static bool optee_routed(struct hdomain *hd, unsigned conduit)
{
	const struct verdict *v = route_lookup(&hd->d, conduit, 0xbf00ff01u);

	return v->action == ACTION_TEE && v->tee == TEE_OPTEE;
}

/*
 * /firmware/optee, as OP-TEE itself adds it under TF-A, for a domain whose
 * policy routes OP-TEE to a mediator that found its secure side: Linux's
 * optee driver binds to it (method: SMC when routed so, else HVC).
 */
static int dt_firmware(void *fdt, struct hdomain *hd)
{
	bool smc = optee_routed(hd, CONDUIT_SMC);
	int err;

	if (!tee_present(TEE_OPTEE) || (!smc && !optee_routed(hd, CONDUIT_HVC)))
		return 0;
	err = fdt_begin_node(fdt, "firmware");
	err |= fdt_begin_node(fdt, "optee");
	err |= fdt_property_string(fdt, "compatible", "linaro,optee-tz");
	err |= fdt_property_string(fdt, "method", smc ? "smc" : "hvc");
	err |= fdt_end_node(fdt);
	return err | fdt_end_node(fdt);
}

int guest_make_dt(struct hdomain *hd)
{
	void *fdt = ipa_to_hva(hd, hd->dt_ipa);
	int err;

	err = fdt_create(fdt, DT_MAX);
	err |= fdt_finish_reservemap(fdt);
	err |= fdt_begin_node(fdt, "");
	err |= fdt_property_string(fdt, "compatible", "linux,dummy-virt");
	err |= fdt_property_string(fdt, "model", "Arbiter domain");
	err |= fdt_property_u32(fdt, "#address-cells", 2);
	err |= fdt_property_u32(fdt, "#size-cells", 2);
	err |= fdt_property_u32(fdt, "interrupt-parent", GIC_PHANDLE);
	err |= dt_chosen(fdt, hd);
	err |= fdt_begin_node(fdt, "memory@40000000");
	err |= fdt_property_string(fdt, "device_type", "memory");
	err |= prop_reg(fdt, hd->d.ram_ipa, hd->d.ram_size);
	err |= fdt_end_node(fdt);
	err |= dt_cpus(fdt, hd);
	err |= dt_devices(fdt, hd);
	err |= dt_gic(fdt, hd);
	err |= dt_firmware(fdt, hd);
	err |= fdt_end_node(fdt);
	err |= fdt_finish(fdt);
	cache_clean_range(fdt, DT_MAX);
	return err ? -1 : 0;
}
