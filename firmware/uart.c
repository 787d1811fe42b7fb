// SPDX-License-Identifier: MIT
/*
 * The firmware log: a polled PL011 (UART0, the console the normal world
 * also uses). Lines start with "[fw] ". Printing is bounded: boot, errors
 * and shutdown only, never per call, so the normal world cannot make the
 * firmware flood the console.
 */
#include "fw.h"
#include "sysreg.h"

#define UART_DR		0x00
#define UART_FR		0x18
#define UART_CR		0x30
#define UART_FR_TXFF	(1u << 5)
#define UART_CR_EN	(1u << 0 | 1u << 8 | 1u << 9) /* UARTEN, TXE, RXE */
#define UART_SPIN_LIMIT 100000u

void fw_uart_init(void)
{
	/* QEMU's PL011 needs no baud setup; just make sure it transmits. */
	fw_write32(FW_UART_BASE + UART_CR,
		   fw_read32(FW_UART_BASE + UART_CR) | UART_CR_EN);
}

static void uart_putc(char ch)
{
	unsigned spins = 0;

	/* Bounded: a stuck UART must not hang the firmware. */
	while ((fw_read32(FW_UART_BASE + UART_FR) & UART_FR_TXFF) &&
	       spins < UART_SPIN_LIMIT)
		spins++;
	fw_write32(FW_UART_BASE + UART_DR, (uint32_t)(unsigned char)ch);
}

void fw_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s);
	}
}

void fw_put_hex(uint64_t v)
{
	char buf[19];
	int i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
	buf[18] = '\0';
	fw_puts(buf);
}

void fw_put_dec(uint64_t v)
{
	char buf[21];
	int i = 20;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	fw_puts(&buf[i]);
}

void fw_log(const char *s)
{
	fw_puts("[fw] ");
	fw_puts(s);
	fw_puts("\n");
}
