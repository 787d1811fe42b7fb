// SPDX-License-Identifier: MIT
/*
 * Smoke test guest: SMCCC_VERSION and PSCI_VERSION over both conduits,
 * every other vCPU brought up with CPU_ON and back down with CPU_OFF, the
 * emulated UART's ID registers, an access to an unmapped address that must
 * come back as an abort, then SYSTEM_OFF.
 *
 * Bootargs: "reset=N" makes the domain reset itself N times (a boot counter
 * lives in RAM below the image, which a reset does not reload), the reset
 * called by vCPU (boot % ncpus) so the other vCPUs must be stopped by the
 * hypervisor; "offby=1" makes vCPU 1 call SYSTEM_OFF while vCPU 0 waits;
 * "initrd=1" checks the initrd /chosen points to.
 */
#include <libfdt.h>
#include <stdatomic.h>
#include <string.h>

#include "../lib/guest.h"

#define BOOT_MAGIC 0xb007c0de00000000ull
#define ACT_REPORT 0x5a5a0000u
#define ACT_RESET  0x5a5b0000u
#define ACT_OFF	   0x5a5c0000u

static _Atomic uint32_t cpu_seen[GUEST_MAX_CPUS];

void guest_cpu_main(unsigned index, uint64_t arg)
{
	if (arg == ACT_RESET + index) {
		tap_ok(true, "vCPU %u calls SYSTEM_RESET", index);
		smccc(psci_conduit, PSCI_0_2_FN(PSCI_FN_SYSTEM_RESET), 0, 0, 0);
		guest_fatal("SYSTEM_RESET returned");
	}
	if (arg == ACT_OFF + index) {
		tap_ok(true, "vCPU %u calls SYSTEM_OFF", index);
		smccc(psci_conduit, PSCI_0_2_FN(PSCI_FN_SYSTEM_OFF), 0, 0, 0);
		guest_fatal("SYSTEM_OFF returned");
	}
	if (index < GUEST_MAX_CPUS && arg == ACT_REPORT + index)
		atomic_store(&cpu_seen[index], 1);
	__asm__ volatile("sev");
}

static void check_versions(void)
{
	for (int c = GUEST_SMC; c <= GUEST_HVC; c++) {
		enum guest_conduit cd = (enum guest_conduit)c;
		uint64_t v = smccc(cd, ARM_SMCCC_VERSION, 0, 0, 0);
		uint64_t p = smccc(cd, PSCI_0_2_FN(PSCI_FN_VERSION), 0, 0, 0);

		tap_ok(v >= SMCCC_VERSION_1_1 && v < 0x20000,
		       "SMCCC_VERSION over %s = 0x%llx", conduit_name(cd),
		       (unsigned long long)v);
		tap_ok(p >= 0x10000 && p < 0x20000,
		       "PSCI_VERSION over %s = 0x%llx", conduit_name(cd),
		       (unsigned long long)p);
	}
}

/* Deadlines in time, not iterations: other vCPUs may be slow to get a
 * host thread under QEMU. */
static uint64_t deadline(unsigned seconds)
{
	uint64_t now, freq;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(now));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
	return now + freq * seconds;
}

static bool before(uint64_t when)
{
	uint64_t now;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(now));
	return now < when;
}

static bool wait_off(unsigned i)
{
	for (uint64_t end = deadline(20); before(end);) {
		int64_t s = (int64_t)smccc(psci_conduit,
					   PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO),
					   guest_cpu_mpidr[i], 0, 0);
		if (s == PSCI_AFF_OFF)
			return true;
		__asm__ volatile("wfe");
	}
	return false;
}

static void check_cpus(void)
{
	for (unsigned i = 1; i < guest_ncpus; i++) {
		int64_t r = guest_cpu_on(i, ACT_REPORT + i);

		tap_ok(r == PSCI_SUCCESS, "CPU_ON vCPU %u returns %lld", i,
		       (long long)r);
		for (uint64_t end = deadline(20);
		     before(end) && !atomic_load(&cpu_seen[i]);)
			__asm__ volatile("wfe");
		tap_ok(atomic_load(&cpu_seen[i]),
		       "vCPU %u ran with its context", i);
		tap_ok(wait_off(i), "vCPU %u is OFF again after CPU_OFF", i);
	}
}

static void check_uart_and_abort(void)
{
	volatile uint32_t *id = (volatile uint32_t *)0x09000fe0ul;
	volatile uint32_t *hole = (volatile uint32_t *)0x0a000000ul;
	uint64_t esr;

	tap_ok(id[0] == 0x11 && id[1] == 0x10 && id[7] == 0xb1,
	       "PL011 PrimeCell ID registers");
	expect_exception();
	(void)*hole;
	esr = exception_taken();
	tap_ok((esr >> 26) == 0x25 && (esr & 0x3f) == 0x10,
	       "unmapped IPA read gives a synchronous external abort (esr "
	       "0x%llx)",
	       (unsigned long long)esr);
}

/* With "initrd=1": the initrd the configuration names is where /chosen
 * says, inside our RAM, and starts with the test file's text. */
static void check_initrd(void)
{
	int node = fdt_path_offset(guest_fdt, "/chosen"), l1, l2;
	const fdt64_t *s =
		fdt_getprop(guest_fdt, node, "linux,initrd-start", &l1);
	const fdt64_t *e =
		fdt_getprop(guest_fdt, node, "linux,initrd-end", &l2);
	uint64_t start = s && l1 == 8 ? fdt64_to_cpu(*s) : 0;
	uint64_t end = e && l2 == 8 ? fdt64_to_cpu(*e) : 0;

	tap_ok(start >= guest_ram_base && end > start &&
		       end <= guest_ram_base + guest_ram_size &&
		       memcmp((const void *)(uintptr_t)start, "ARBITER-INITRD",
			      14) == 0,
	       "initrd at 0x%llx-0x%llx holds the configured file",
	       (unsigned long long)start, (unsigned long long)end);
}

/* Hand the domain's end (reset or off) to vCPU `who`, then wait. */
static void hand_over(unsigned who, uint32_t act)
{
	if (who == 0) {
		tap_ok(true, "vCPU 0 calls %s",
		       act == ACT_RESET ? "SYSTEM_RESET" : "SYSTEM_OFF");
		smccc(psci_conduit,
		      act == ACT_RESET ? PSCI_0_2_FN(PSCI_FN_SYSTEM_RESET)
				       : PSCI_0_2_FN(PSCI_FN_SYSTEM_OFF),
		      0, 0, 0);
		guest_fatal("SYSTEM_RESET/OFF returned");
	}
	if (guest_cpu_on(who, act + who) != PSCI_SUCCESS)
		guest_fatal("CPU_ON for the hand-over failed");
	/* The hypervisor must pull this vCPU out: it never leaves here. */
	for (;;)
		__asm__ volatile("wfe");
}

void guest_main(void)
{
	volatile uint64_t *counter =
		(volatile uint64_t *)(uintptr_t)(guest_ram_base + 0x1000);
	unsigned resets = bootarg_uint("reset", 0);
	unsigned offby = bootarg_uint("offby", 0);
	unsigned initrd = bootarg_uint("initrd", 0);
	unsigned boot;
	bool handover;

	if ((*counter & ~0xffffull) != BOOT_MAGIC)
		*counter = BOOT_MAGIC;
	boot = (unsigned)(*counter & 0xffff);
	*counter = BOOT_MAGIC | (boot + 1);
	handover = boot < resets || (offby != 0 && offby < guest_ncpus);
	tap_plan(6 + 3 * (guest_ncpus - 1) + (handover ? 1 : 0) +
		 (initrd ? 1 : 0));
	printf_uart("# smoke boot %u: %u vCPU(s), PSCI over %s, RAM "
		    "0x%llx+0x%llx\n",
		    boot + 1, guest_ncpus, conduit_name(psci_conduit),
		    (unsigned long long)guest_ram_base,
		    (unsigned long long)guest_ram_size);
	check_versions();
	check_cpus();
	check_uart_and_abort();
	if (initrd)
		check_initrd();
	if (boot < resets)
		hand_over(boot % guest_ncpus, ACT_RESET);
	if (offby != 0 && offby < guest_ncpus)
		hand_over(offby, ACT_OFF);
}
