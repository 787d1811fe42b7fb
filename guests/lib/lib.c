// SPDX-License-Identifier: MIT
/*
 * Test guest runtime: reads its device tree (conduit, CPUs, RAM), prints
 * through the PL011 at 0x09000000 under a lock so vCPUs never interleave
 * within a line, numbers TAP results across vCPUs, and turns unexpected
 * exceptions into a "FATAL:" line and a power-off.
 */
#include <libfdt.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <string.h>

#include "guest.h"
#include "arbiter/fmt.h"
#include "arbiter/platform.h"

#define UART_BASE    0x09000000ul
#define UART_FR_TXFF (1u << 5)

enum guest_conduit psci_conduit = GUEST_HVC;
unsigned guest_ncpus = 1;
uint64_t guest_cpu_mpidr[GUEST_MAX_CPUS];
uint64_t guest_ram_base, guest_ram_size;
const void *guest_fdt;
const char *guest_bootargs = "";

static _Atomic uint32_t print_lock;
static unsigned tap_count, tap_failed;
static volatile uint64_t exc_esr;
static volatile bool exc_armed;
static uint64_t cpu_arg[GUEST_MAX_CPUS];

void guest_boot(const void *fdt);
void guest_secondary(uint64_t index);
void guest_exception(uint64_t *regs, unsigned kind);

static void lock(void)
{
	uint32_t expect = 0;

	while (!atomic_compare_exchange_weak(&print_lock, &expect, 1)) {
		expect = 0;
		__asm__ volatile("wfe");
	}
}

static void unlock(void)
{
	atomic_store(&print_lock, 0);
	__asm__ volatile("sev");
}

void putc_uart(char c)
{
	volatile uint32_t *dr = (volatile uint32_t *)UART_BASE;
	volatile uint32_t *fr = (volatile uint32_t *)(UART_BASE + 0x18);

	while (*fr & UART_FR_TXFF)
		;
	*dr = (uint8_t)c;
}

static void puts_raw(const char *s)
{
	while (*s)
		putc_uart(*s++);
}

void puts_uart(const char *s)
{
	lock();
	puts_raw(s);
	unlock();
}

void printf_uart(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	puts_uart(buf);
}

/* fmt.c's log_printf lands here. */
void plat_log_write(const char *line, size_t len)
{
	lock();
	for (size_t i = 0; i < len; i++)
		putc_uart(line[i]);
	putc_uart('\n');
	unlock();
}

void tap_plan(unsigned n)
{
	printf_uart("1..%u\n", n);
}

bool tap_ok(bool cond, const char *fmt, ...)
{
	char desc[200];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	lock();
	tap_count++;
	if (!cond)
		tap_failed++;
	{
		char line[256];

		fmt_snprintf(line, sizeof(line), "%sok %u - %s\n",
			     cond ? "" : "not ", tap_count, desc);
		puts_raw(line);
	}
	unlock();
	return cond;
}

unsigned tap_failures(void)
{
	return tap_failed;
}

unsigned tap_total(void)
{
	return tap_count;
}

const char *conduit_name(enum guest_conduit c)
{
	return c == GUEST_SMC ? "smc" : "hvc";
}

void smccc_call(enum guest_conduit c, struct smccc_res *r)
{
	if (c == GUEST_SMC)
		guest_smc(r);
	else
		guest_hvc(r);
}

uint64_t smccc(enum guest_conduit c, uint32_t fid, uint64_t a1, uint64_t a2,
	       uint64_t a3)
{
	struct smccc_res r = {.x = {fid, a1, a2, a3}};

	smccc_call(c, &r);
	return r.x[0];
}

unsigned this_cpu_index(void)
{
	uint64_t m;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(m));
	return (unsigned)((m & 0xf) + ((m >> 8) & 0xff) * 16);
}

extern char guest_secondary_entry[];

int64_t guest_cpu_on(unsigned index, uint64_t arg)
{
	if (index >= GUEST_MAX_CPUS)
		return PSCI_INVALID_PARAMETERS;
	cpu_arg[index] = arg;
	return (int64_t)smccc(psci_conduit, PSCI_0_2_FN64(PSCI_FN_CPU_ON),
			      guest_cpu_mpidr[index],
			      (uint64_t)(uintptr_t)guest_secondary_entry,
			      index);
}

_Noreturn void guest_poweroff(void)
{
	smccc(psci_conduit, PSCI_0_2_FN(PSCI_FN_SYSTEM_OFF), 0, 0, 0);
	puts_uart("FATAL: SYSTEM_OFF returned\n");
	for (;;)
		__asm__ volatile("wfi");
}

_Noreturn void guest_fatal(const char *why)
{
	printf_uart("FATAL: %s\n", why);
	guest_poweroff();
}

static void dt_read(const void *fdt)
{
	int node = fdt_path_offset(fdt, "/psci");
	const char *m =
		node >= 0 ? fdt_getprop(fdt, node, "method", NULL) : NULL;
	int cpus = fdt_path_offset(fdt, "/cpus"), len;
	const fdt64_t *reg;

	if (fdt_check_header(fdt) != 0)
		guest_fatal("no device tree in x0");
	psci_conduit = (m && strcmp(m, "smc") == 0) ? GUEST_SMC : GUEST_HVC;
	guest_ncpus = 0;
	fdt_for_each_subnode(node, fdt, cpus)
	{
		const fdt32_t *r = fdt_getprop(fdt, node, "reg", &len);

		if (r != NULL && guest_ncpus < GUEST_MAX_CPUS)
			guest_cpu_mpidr[guest_ncpus++] = fdt32_to_cpu(*r);
	}
	node = fdt_path_offset(fdt, "/chosen");
	m = node >= 0 ? fdt_getprop(fdt, node, "bootargs", NULL) : NULL;
	if (m != NULL)
		guest_bootargs = m;
	node = fdt_path_offset(fdt, "/memory@40000000");
	reg = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
	if (reg != NULL && len == 16) {
		guest_ram_base = fdt64_to_cpu(reg[0]);
		guest_ram_size = fdt64_to_cpu(reg[1]);
	}
}

void guest_boot(const void *fdt)
{
	guest_fdt = fdt;
	dt_read(fdt);
	guest_main();
	guest_poweroff();
}

void guest_secondary(uint64_t index)
{
	if (index < GUEST_MAX_CPUS)
		guest_cpu_main((unsigned)index, cpu_arg[index]);
	smccc(psci_conduit, PSCI_0_2_FN(PSCI_FN_CPU_OFF), 0, 0, 0);
	guest_fatal("CPU_OFF returned");
}

unsigned bootarg_uint(const char *key, unsigned dflt)
{
	size_t kl = strlen(key);

	for (const char *p = guest_bootargs; *p; p++) {
		unsigned v = 0;

		if ((p != guest_bootargs && p[-1] != ' ') ||
		    strncmp(p, key, kl) != 0 || p[kl] != '=')
			continue;
		for (p += kl + 1; *p >= '0' && *p <= '9'; p++)
			v = v * 10 + (unsigned)(*p - '0');
		return v;
	}
	return dflt;
}

void expect_exception(void)
{
	exc_esr = 0;
	exc_armed = true;
}

uint64_t exception_taken(void)
{
	exc_armed = false;
	return exc_esr;
}

/* regs: x0-x17, x18, x30. kind: vector index (4 = sync, current EL). */
void guest_exception(uint64_t *regs, unsigned kind)
{
	uint64_t esr, elr, far;

	(void)regs;
	__asm__ volatile("mrs %0, esr_el1" : "=r"(esr));
	__asm__ volatile("mrs %0, elr_el1" : "=r"(elr));
	__asm__ volatile("mrs %0, far_el1" : "=r"(far));
	if (exc_armed && kind == 4) {
		exc_armed = false;
		exc_esr = esr;
		__asm__ volatile("msr elr_el1, %0" ::"r"(elr + 4));
		return;
	}
	printf_uart("FATAL: unexpected exception %u esr=0x%llx elr=0x%llx "
		    "far=0x%llx\n",
		    kind, (unsigned long long)esr, (unsigned long long)elr,
		    (unsigned long long)far);
	guest_poweroff();
}
