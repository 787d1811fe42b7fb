// SPDX-License-Identifier: MIT
/*
 * A guest doing what a guest should not: non-zero immediates, accesses to
 * addresses it does not own (in a loop), to the GIC, to the PL011 with the
 * wrong size or without a syndrome, SGIs to "all other CPUs", CPU_ON
 * into someone else's memory, and a console flood without newlines. Each
 * must come back to the guest as an exception or an error code; none may
 * stop the hypervisor, stall the other domains or flood the log.
 */
#include "../lib/guest.h"

#define EC(esr)	    ((esr) >> 26)
#define EC_UNKNOWN  0x00
#define EC_DABT_CUR 0x25

/* In assembly: a C load from address 0 would become a trap instruction. */
static uint64_t try_read(uint64_t addr)
{
	uint32_t v;

	expect_exception();
	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	(void)v;
	return exception_taken();
}

static uint64_t try_write(uint64_t addr)
{
	expect_exception();
	*(volatile uint32_t *)(uintptr_t)addr = 0xdeadbeef;
	return exception_taken();
}

static bool is_sea(uint64_t esr)
{
	return EC(esr) == EC_DABT_CUR && (esr & 0x3f) == 0x10;
}

static void check_immediates(void)
{
	uint64_t esr;

	expect_exception();
	__asm__ volatile("mov x0, #0x80000000\n\thvc #1" ::
				 : "x0", "x1", "x2", "x3", "memory");
	esr = exception_taken();
	tap_ok(EC(esr) == EC_UNKNOWN, "hvc #1 is UNDEFINED (esr 0x%llx)",
	       (unsigned long long)esr);
	expect_exception();
	__asm__ volatile("mov x0, #0x80000000\n\tsmc #0x7f" ::
				 : "x0", "x1", "x2", "x3", "memory");
	esr = exception_taken();
	tap_ok(EC(esr) == EC_UNKNOWN, "smc #0x7f is UNDEFINED (esr 0x%llx)",
	       (unsigned long long)esr);
}

static void check_addresses(void)
{
	unsigned aborts = 0;

	for (unsigned i = 0; i < 2000; i++)
		aborts += is_sea(try_read(0x0a000000ul + (i % 64) * 0x1000));
	tap_ok(aborts == 2000, "2000 reads of unmapped IPAs: %u aborts",
	       aborts);
	tap_ok(is_sea(try_write(0x0a000000ul)),
	       "write to virtio-mmio space (not emulated) aborts");
	tap_ok(is_sea(try_read(0x080a0000ul + 0x20000ul * guest_ncpus)),
	       "read of a redistributor beyond our vCPUs aborts");
	tap_ok(is_sea(try_read(guest_ram_base + guest_ram_size)),
	       "read just past the domain's RAM aborts");
	tap_ok(is_sea(try_read(0x100000000ull)),
	       "read above the 4 GiB IPA space aborts");
	tap_ok(is_sea(try_read(0x0)), "read of IPA 0 (flash on virt) aborts");
}

static void check_uart_abuse(void)
{
	uint64_t esr;

	expect_exception();
	*(volatile uint64_t *)0x09000000ul = 0x4141414141414141ull;
	esr = exception_taken();
	tap_ok(is_sea(esr), "64-bit PL011 access aborts (esr 0x%llx)",
	       (unsigned long long)esr);
	expect_exception();
	__asm__ volatile("mov x1, #0x09000000\n\tstp wzr, wzr, [x1]" ::
				 : "x1", "memory");
	esr = exception_taken();
	tap_ok(is_sea(esr), "store pair to the PL011 (no syndrome) aborts");
	tap_ok(try_read(0x09000ffcul) == 0, "PL011 ID read still fine");
}

static void check_gic_sysregs(void)
{
	uint64_t esr;

	expect_exception();
	/* ICC_SGI1R_EL1: all CPUs but self, SGI 8. Traps with IMO. */
	__asm__ volatile(
		"msr S3_0_C12_C11_5, %0" ::"r"((1ull << 40) | (8ull << 24)));
	esr = exception_taken();
	tap_ok(esr == 0,
	       "ICC_SGI1R_EL1 to all others is emulated (our vCPUs only), "
	       "esr 0x%llx",
	       (unsigned long long)esr);
}

static void check_psci_abuse(void)
{
	int64_t r;

	if (guest_ncpus < 2) {
		tap_ok(true, "# skip: one vCPU");
		tap_ok(true, "# skip: one vCPU");
		return;
	}
	r = (int64_t)smccc(psci_conduit, PSCI_0_2_FN64(PSCI_FN_CPU_ON),
			   guest_cpu_mpidr[1], 0x48000000ull, 0);
	tap_ok(r == PSCI_INVALID_ADDRESS,
	       "CPU_ON with an entry outside our RAM: %lld", (long long)r);
	r = (int64_t)smccc(psci_conduit, PSCI_0_2_FN64(PSCI_FN_CPU_ON), 0x0f0f,
			   0x40080000ull, 0);
	tap_ok(r == PSCI_INVALID_PARAMETERS, "CPU_ON of a missing vCPU: %lld",
	       (long long)r);
}

static void flood(void)
{
	for (unsigned i = 0; i < 4000; i++)
		putc_uart((char)('a' + i % 26));
	putc_uart('\n');
	tap_ok(true, "4000 characters without a newline went out");
}

void guest_main(void)
{
	tap_plan(16);
	check_immediates();
	check_addresses();
	check_uart_abuse();
	check_gic_sysregs();
	check_psci_abuse();
	flood();
	tap_ok(smccc(psci_conduit, ARM_SMCCC_VERSION, 0, 0, 0) >= 0x10001,
	       "calls still work after all that");
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	(void)index;
	(void)arg;
}
