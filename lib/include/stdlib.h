/* SPDX-License-Identifier: MIT */
/* The one stdlib function libfdt needs on the target. */
#ifndef ARBITER_LIBC_STDLIB_H
#define ARBITER_LIBC_STDLIB_H

#include <stddef.h>

unsigned long strtoul(const char *s, char **end, int base);

#endif
