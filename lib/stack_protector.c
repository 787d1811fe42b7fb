// SPDX-License-Identifier: MIT
/*
 * Debian builds libfdt with -fstack-protector-strong, so the target image
 * must provide the guard and the failure hook. Our own code is built
 * without the protector.
 */
#include <stdint.h>

void __stack_chk_fail(void);

uintptr_t __stack_chk_guard = 0x5a17c3e9d2b4f681ull;

void __stack_chk_fail(void)
{
	/* unreachable from guest input: only a memory-safety bug in libfdt
	 * gets here; stop this CPU rather than run on corrupted state. */
	for (;;)
		__asm__ volatile("wfi");
}
