// SPDX-License-Identifier: MIT
#include <libfdt.h>
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
	printf_uart(
		"# conformance: %u vCPU(s), psci over %s, bootargs \"%s\"\n",
		guest_ncpus, conduit_name(psci_conduit), args ? args : "");
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

static void reset_once(void)
{
	volatile uint64_t *marker =
		(volatile uint64_t *)(uintptr_t)(guest_ram_base +
						 guest_ram_size - 4096);

	if (*marker == RESET_MARKER) {
		*marker = 0;
		tap_ok(true, "domain came back after SYSTEM_RESET");
		return;
	}
	*marker = RESET_MARKER;
	__asm__ volatile("dc civac, %0; dsb sy" ::"r"(marker) : "memory");
	printf_uart("# SYSTEM_RESET of this domain now\n");
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
