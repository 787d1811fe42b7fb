// SPDX-License-Identifier: MIT
/*
 * Linux boot shim for the firmware's Linux check (linux.t): the firmware
 * enters it like TF-A enters BL33; it adds what a boot loader and OP-TEE
 * would add to the device tree (/chosen bootargs and initrd, and
 * /firmware/optee with method "smc", as OP-TEE does), announces client 1
 * with VM_CREATED as a hypervisor would, and runs Debian's kernel at EL1:
 * entry.S forwards its SMCs with client ID 1 for OP-TEE's calls, so
 * Linux's own optee and optee-rng drivers talk to the test TEE.
 */
#include <libfdt.h>
#include <stdint.h>

#define KERNEL_ADDR 0x60200000ull
#define INITRD_ADDR 0x48000000ull
#define INFO_ADDR   0x5ff00000ull /* u64 initrd size, written by QEMU */
#define DTB_ROOM    0x200000

#define HCR_RW	(1ull << 31)
#define HCR_TSC (1ull << 19)
#define HCR_APK (1ull << 40)
#define HCR_API (1ull << 41)

void shim_main(uint64_t dtb);
void shim_trap(uint64_t esr, uint64_t elr);
void shim_enter(uint64_t entry, uint64_t dtb);

static const char bootargs[] = "console=ttyAMA0 rdinit=/init loglevel=7 "
			       "arbiter.end=poweroff";

static void putc_uart(char c)
{
	while (*(volatile uint32_t *)0x09000018ul & (1u << 5))
		;
	*(volatile uint32_t *)0x09000000ul = (uint32_t)(unsigned char)c;
}

static void puts_uart(const char *s)
{
	for (; *s; s++)
		putc_uart(*s);
}

static void puthex(uint64_t v)
{
	int i;

	for (i = 60; i >= 0; i -= 4)
		putc_uart("0123456789abcdef"[(v >> i) & 0xf]);
}

void shim_trap(uint64_t esr, uint64_t elr)
{
	puts_uart("[shim] unexpected trap esr=");
	puthex(esr);
	puts_uart(" elr=");
	puthex(elr);
	puts_uart("\n");
}

static int shim_props(void *fdt, int chosen, int optee)
{
	uint64_t size = *(volatile uint64_t *)INFO_ADDR;

	if (fdt_setprop_string(fdt, chosen, "bootargs", bootargs))
		return -3;
	if (fdt_setprop_u64(fdt, chosen, "linux,initrd-start", INITRD_ADDR) ||
	    fdt_setprop_u64(fdt, chosen, "linux,initrd-end",
			    INITRD_ADDR + size))
		return -4;
	if (fdt_setprop_string(fdt, optee, "compatible", "linaro,optee-tz") ||
	    fdt_setprop_string(fdt, optee, "method", "smc"))
		return -5;
	return fdt_pack(fdt) ? -6 : 0;
}

static int shim_fixup(void *fdt)
{
	int chosen, fw, err;

	err = fdt_open_into(fdt, fdt, DTB_ROOM);
	if (err)
		return err * 100 - 1;
	/* Adding a node moves the offsets of those after it: look each up
	 * again once all exist. */
	if (fdt_path_offset(fdt, "/chosen") < 0 &&
	    fdt_add_subnode(fdt, 0, "chosen") < 0)
		return -2;
	fw = fdt_path_offset(fdt, "/firmware");
	if (fw < 0)
		fw = fdt_add_subnode(fdt, 0, "firmware");
	if (fw < 0 || fdt_add_subnode(fdt, fw, "optee") < 0)
		return -2;
	chosen = fdt_path_offset(fdt, "/chosen");
	err = fdt_path_offset(fdt, "/firmware/optee");
	if (chosen < 0 || err < 0)
		return -2;
	return shim_props(fdt, chosen, err);
}

/* VM_CREATED(1) as the hypervisor (a7 = 0). */
static uint64_t vm_created(void)
{
	register uint64_t x0 __asm__("x0") = 0xb200000d;
	register uint64_t x1 __asm__("x1") = 1;
	register uint64_t x7 __asm__("x7") = 0;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1)
			 : "r"(x7)
			 : "x2", "x3", "x4", "x5", "x6", "x8", "x9", "x10",
			   "x11", "x12", "x13", "x14", "x15", "x16", "x17",
			   "memory");
	return x0;
}

static void el2_setup(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, midr_el1; msr vpidr_el2, %0" : "=&r"(v));
	__asm__ volatile("mrs %0, mpidr_el1; msr vmpidr_el2, %0" : "=&r"(v));
	v = HCR_RW | HCR_TSC | HCR_APK | HCR_API;
	__asm__ volatile("msr hcr_el2, %0" : : "r"(v));
	v = 0x32ff; /* CPTR_EL2: nothing trapped (TZ, TFP, TTA clear) */
	__asm__ volatile("msr cptr_el2, %0" : : "r"(v));
	__asm__ volatile("mrs %0, S3_4_C12_C9_5" : "=r"(v)); /* ICC_SRE_EL2 */
	v |= 0xf;
	__asm__ volatile("msr S3_4_C12_C9_5, %0; isb" : : "r"(v));
}

void shim_main(uint64_t dtb)
{
	int err = shim_fixup((void *)(uintptr_t)dtb);

	if (err) {
		puts_uart("[shim] device tree fixup failed: ");
		puthex((uint64_t)(int64_t)err);
		puts_uart("\n");
		return;
	}
	puts_uart("[shim] VM_CREATED(1) = ");
	puthex(vm_created());
	puts_uart("; Linux at EL1, OP-TEE calls as client 1\n");
	el2_setup();
	shim_enter(KERNEL_ADDR, dtb);
}
