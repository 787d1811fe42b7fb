// SPDX-License-Identifier: MIT
#include <libfdt.h>
#include <stdatomic.h>
#include <string.h>

#include "conformance.h"

struct profile profile;

static bool has_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	while (s && *s) {
		while (*s == ' ')
			s++;
		if (strncmp(s, w, n) == 0 && (s[n] == ' ' || s[n] == '\0'))
			return true;
		s = strchr(s, ' ');
	}
	return false;
}

static void profile_read(void)
{
	int node = fdt_path_offset(guest_fdt, "/chosen");
	const char *args =
		node >= 0 ? fdt_getprop(guest_fdt, node, "bootargs", NULL)
			  : NULL;

	profile.deny_trng = has_word(args, "deny-trng");
	profile.imm_unknown = has_word(args, "imm=unknown");
	profile.suspend_original = has_word(args, "suspend=original");
	profile.reset_test = has_word(args, "reset-test");
	profile.fw = has_word(args, "fw=qemu")	    ? FW_QEMU
		     : has_word(args, "fw=arbiter") ? FW_ARBITER
						    : FW_ANY;
	printf_uart(
		"# conformance: %u vCPU(s), psci over %s, bootargs \"%s\"\n",
		guest_ncpus, conduit_name(psci_conduit), args ? args : "");
}

static uint64_t counter_now(void)
{
	uint64_t now;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(now));
	return now;
}

uint64_t deadline_after(unsigned seconds)
{
	uint64_t freq;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
	if (freq == 0)
		freq = 62500000; /* QEMU virt's counter, if CNTFRQ is unset */
	return counter_now() + freq * seconds;
}

bool deadline_passed(uint64_t deadline)
{
	return counter_now() >= deadline;
}

void wait_event(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

void signal_event(void)
{
	__asm__ volatile("dsb ish; sev" ::: "memory");
}

bool wait_for(bool (*done)(const void *ctx), const void *ctx)
{
	uint64_t end = deadline_after(WAIT_SECONDS);

	while (!done(ctx)) {
		if (deadline_passed(end))
			return done(ctx);
		wait_event();
	}
	return true;
}

struct at_least {
	_Atomic uint32_t *p;
	uint32_t v;
};

static bool reached(const void *ctx)
{
	const struct at_least *a = ctx;

	return atomic_load(a->p) >= a->v;
}

bool wait_at_least(_Atomic uint32_t *p, uint32_t v)
{
	struct at_least a = {p, v};

	return wait_for(reached, &a);
}

void regs_pattern(struct smccc_res *r, uint32_t fid)
{
	r->x[0] = fid;
	for (unsigned i = 1; i < 18; i++)
		r->x[i] = 0xa5a5000000000000ull | ((uint64_t)i << 32) |
			  (i * 0x11u);
}

bool regs_unchanged_from(const struct smccc_res *r, unsigned first)
{
	for (unsigned i = first; i < 18; i++)
		if (r->x[i] !=
		    (0xa5a5000000000000ull | ((uint64_t)i << 32) | (i * 0x11u)))
			return false;
	return true;
}

/* A marker past the image, in RAM that a domain reset does not rewrite. */
#define RESET_MARKER 0x5245534554544553ull

static bool others_off(void)
{
	for (unsigned i = 1; i < guest_ncpus; i++)
		if (smccc(psci_conduit, PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO),
			  guest_cpu_mpidr[i], 0, 0) != PSCI_AFF_OFF)
			return false;
	return true;
}

/*
 * The first boot resets the domain from vCPU 0 while vCPU 1 (if any) runs,
 * so the hypervisor must stop it too; the suite runs on the second boot.
 */
static void reset_once(void)
{
	volatile uint64_t *marker =
		(volatile uint64_t *)(uintptr_t)(guest_ram_base +
						 guest_ram_size - 4096);

	if (*marker == RESET_MARKER) {
		*marker = 0;
		tap_ok(true, "domain came back after SYSTEM_RESET");
		tap_ok(others_off(),
		       "after the reset every vCPU but the boot vCPU is OFF");
		return;
	}
	*marker = RESET_MARKER;
	__asm__ volatile("dc civac, %0; dsb sy" ::"r"(marker) : "memory");
	if (guest_ncpus > 1 && !smp_start_held(1))
		printf_uart("# vCPU 1 did not start before the reset\n");
	printf_uart("# SYSTEM_RESET of this domain now (%u vCPU(s) on)\n",
		    guest_ncpus > 1 ? 2u : 1u);
	smccc(psci_conduit, PSCI_0_2_FN(PSCI_FN_SYSTEM_RESET), 0, 0, 0);
	tap_ok(false, "SYSTEM_RESET returned");
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	smp_cpu_main(index, arg);
}

void guest_main(void)
{
	profile_read();
	if (profile.reset_test)
		reset_once();
	check_decoding();
	check_services();
	check_psci();
	check_psci_smp();
	check_isolation();
	tap_plan(tap_total());
	printf_uart("conformance: failures=%u\n", tap_failures());
}
