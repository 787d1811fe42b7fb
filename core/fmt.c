// SPDX-License-Identifier: MIT
/*
 * A small formatter shared by every freestanding part. Only what log lines
 * need: integers, strings, characters, pointers.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arbiter/fmt.h"
#include "arbiter/platform.h"

struct fmt_out {
	char *buf;
	size_t size;
	size_t len;
};

static void out_char(struct fmt_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

struct fmt_spec {
	unsigned width;
	bool zero;
	bool left;
	int length; /* 0 int, 1 long, 2 long long, 3 size_t */
};

static void out_padded(struct fmt_out *o, const char *s, size_t n,
		       const struct fmt_spec *sp, bool negative)
{
	size_t total = n + (negative ? 1u : 0u);
	size_t pad = sp->width > total ? sp->width - total : 0;

	if (!sp->left && !sp->zero)
		for (; pad; pad--)
			out_char(o, ' ');
	if (negative)
		out_char(o, '-');
	if (!sp->left && sp->zero)
		for (; pad; pad--)
			out_char(o, '0');
	for (size_t i = 0; i < n; i++)
		out_char(o, s[i]);
	for (; pad; pad--)
		out_char(o, ' ');
}

static void out_number(struct fmt_out *o, uint64_t v, unsigned base, bool upper,
		       bool negative, const struct fmt_spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	size_t n = sizeof(tmp);

	do {
		tmp[--n] = digits[v % base];
		v /= base;
	} while (v);
	out_padded(o, &tmp[n], sizeof(tmp) - n, sp, negative);
}

static uint64_t arg_unsigned(va_list *ap, int length)
{
	switch (length) {
	case 1:
		return va_arg(*ap, unsigned long);
	case 2:
		return va_arg(*ap, unsigned long long);
	case 3:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static int64_t arg_signed(va_list *ap, int length)
{
	switch (length) {
	case 1:
		return va_arg(*ap, long);
	case 2:
		return va_arg(*ap, long long);
	case 3:
		return (int64_t)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

static const char *parse_spec(const char *f, struct fmt_spec *sp)
{
	*sp = (struct fmt_spec){0};
	for (;; f++) {
		if (*f == '0')
			sp->zero = true;
		else if (*f == '-')
			sp->left = true;
		else
			break;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10u + (unsigned)(*f++ - '0');
	if (*f == 'z') {
		sp->length = 3;
		f++;
	}
	while (*f == 'l' && sp->length < 2) {
		sp->length++;
		f++;
	}
	return f;
}

static void out_conversion(struct fmt_out *o, char conv,
			   const struct fmt_spec *sp, va_list *ap)
{
	switch (conv) {
	case 'd':
	case 'i': {
		int64_t v = arg_signed(ap, sp->length);
		uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
		out_number(o, mag, 10, false, v < 0, sp);
		break;
	}
	case 'u':
		out_number(o, arg_unsigned(ap, sp->length), 10, false, false,
			   sp);
		break;
	case 'x':
	case 'X':
		out_number(o, arg_unsigned(ap, sp->length), 16, conv == 'X',
			   false, sp);
		break;
	case 'p':
		out_char(o, '0');
		out_char(o, 'x');
		out_number(o, (uintptr_t)va_arg(*ap, void *), 16, false, false,
			   sp);
		break;
	case 's': {
		const char *s = va_arg(*ap, const char *);
		size_t n = 0;
		if (!s)
			s = "(null)";
		while (s[n])
			n++;
		out_padded(o, s, n, sp, false);
		break;
	}
	case 'c': {
		char c = (char)va_arg(*ap, int);
		out_padded(o, &c, 1, sp, false);
		break;
	}
	default:
		out_char(o, '%');
		out_char(o, conv);
		break;
	}
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out o = {buf, size, 0};
	struct fmt_spec sp;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp);
		if (!*fmt)
			break;
		if (*fmt == '%')
			out_char(&o, '%');
		else
			out_conversion(&o, *fmt, &sp, &args);
		fmt++;
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void log_printf(const char *fmt, ...)
{
	static const char prefix[] = "[arbiter] ";
	char line[160];
	size_t n = sizeof(prefix) - 1;
	va_list ap;
	int len;

	for (size_t i = 0; i < n; i++)
		line[i] = prefix[i];
	va_start(ap, fmt);
	len = fmt_vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	if (len < 0)
		len = 0;
	n += (size_t)len < sizeof(line) - n ? (size_t)len
					    : sizeof(line) - n - 1;
	plat_log_write(line, n);
}
