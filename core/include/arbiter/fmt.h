/* SPDX-License-Identifier: MIT */
/*
 * A small freestanding formatter: %d %i %u %x %X %p %s %c %%, with the
 * l/ll/z length modifiers, '0' padding, field width and '-' alignment.
 * Shared by the core's log, the hypervisor's console and the host tools.
 */
#ifndef ARBITER_FMT_H
#define ARBITER_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Like vsnprintf: always NUL-terminates when size > 0 and returns the
 * length the full output would have had. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Format one line and hand it to plat_log_write() with the "[arbiter] " prefix.
 */
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
