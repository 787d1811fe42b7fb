// SPDX-License-Identifier: MIT
/*
 * The physical console and each domain's emulated PL011. Output goes out
 * line by line under one ticket lock (FIFO, so a flooding domain waits its
 * turn like everyone else and never starves another), each line prefixed
 * with its domain's name. A domain that prints without a newline has its
 * line flushed when the buffer is full.
 */
#include <stdatomic.h>
#include <string.h>

#include "hyp.h"
#include "arbiter/fmt.h"

#define UART_DR	     0x000
#define UART_FR	     0x018
#define UART_FR_TXFF (1u << 5)

static uint64_t uart_pa = PLAT_UART_PA;
static _Atomic uint32_t ticket_next, ticket_serving;

void console_init(uint64_t pa)
{
	uart_pa = pa;
}

static void uart_putc(char ch)
{
	volatile uint32_t *fr =
		(volatile uint32_t *)(uintptr_t)(uart_pa + UART_FR);
	volatile uint32_t *dr =
		(volatile uint32_t *)(uintptr_t)(uart_pa + UART_DR);
	unsigned spins = 0;

	/* Bounded: a wedged UART loses characters, never a CPU. */
	while ((*fr & UART_FR_TXFF) && spins++ < 100000)
		;
	*dr = (uint8_t)ch;
}

static void console_lock(void)
{
	uint32_t t = atomic_fetch_add_explicit(&ticket_next, 1,
					       memory_order_relaxed);

	while (atomic_load_explicit(&ticket_serving, memory_order_acquire) != t)
		__asm__ volatile("wfe");
}

static void console_unlock(void)
{
	atomic_fetch_add_explicit(&ticket_serving, 1, memory_order_release);
	__asm__ volatile("dsb ish\n\tsev" ::: "memory");
}

void console_write_line(const char *prefix, const char *s, size_t len)
{
	console_lock();
	for (; *prefix; prefix++)
		uart_putc(*prefix);
	for (size_t i = 0; i < len; i++)
		uart_putc(s[i]);
	uart_putc('\n');
	console_unlock();
}

void plat_log_write(const char *line, size_t len)
{
	console_write_line("", line, len);
}

/* Per-domain spin lock: only the domain's own vCPUs contend for it. */
static void dom_lock(struct hdomain *hd)
{
	uint32_t expect = 0;

	while (!atomic_compare_exchange_weak_explicit(&hd->uart_lock, &expect,
						      1, memory_order_acquire,
						      memory_order_relaxed)) {
		expect = 0;
		__asm__ volatile("wfe");
	}
}

static void dom_unlock(struct hdomain *hd)
{
	atomic_store_explicit(&hd->uart_lock, 0, memory_order_release);
	__asm__ volatile("dsb ish\n\tsev" ::: "memory");
}

static void line_flush(struct hdomain *hd)
{
	char prefix[CONFIG_NAME_MAX + 4];

	fmt_snprintf(prefix, sizeof(prefix), "[%s] ", hd->d.name);
	console_write_line(prefix, hd->uart.line, hd->uart.len);
	hd->uart.len = 0;
}

void vuart_putc(struct hdomain *hd, char ch)
{
	dom_lock(hd);
	if (ch == '\n') {
		line_flush(hd);
	} else if (ch != '\r') {
		/* Control characters could drive the host terminal: show '.'.
		 */
		hd->uart.line[hd->uart.len++] =
			(ch == '\t' || (ch >= 0x20 && ch < 0x7f)) ? ch : '.';
		if (hd->uart.len == sizeof(hd->uart.line))
			line_flush(hd);
	}
	dom_unlock(hd);
}

void vuart_flush(struct hdomain *hd)
{
	dom_lock(hd);
	if (hd->uart.len)
		line_flush(hd);
	dom_unlock(hd);
}
