// SPDX-License-Identifier: MIT
/*
 * The emulated PL011 every domain sees at IPA 0x09000000: transmit only
 * (no input yet), always ready, with the control and PrimeCell ID registers
 * Linux's amba-pl011 driver probes. Accesses of 1, 2 or 4 bytes, aligned;
 * anything else is refused and the guest gets an abort.
 */
#include "hyp.h"

#define FR_TXFE (1u << 7)
#define FR_RXFE (1u << 4)
#define RIS_TX	(1u << 5)

/* PrimeCell peripheral ID (PL011 r1p5) and cell ID, 0xfe0-0xffc. */
static const uint8_t pl011_id[8] = {0x11, 0x10, 0x14, 0x00,
				    0x0d, 0xf0, 0x05, 0xb1};

static uint32_t vuart_read(struct hdomain *hd, uint64_t off)
{
	struct vuart *u = &hd->uart;

	switch (off) {
	case 0x018:
		return FR_TXFE | FR_RXFE;
	case 0x024:
		return u->ibrd;
	case 0x028:
		return u->fbrd;
	case 0x02c:
		return u->lcr_h;
	case 0x030:
		return u->cr;
	case 0x034:
		return u->ifls;
	case 0x038:
		return u->imsc;
	case 0x03c:
		return u->ris;
	case 0x040:
		return u->ris & u->imsc;
	case 0x048:
		return u->dmacr;
	default:
		if (off >= 0xfe0 && off <= 0xffc)
			return pl011_id[(off - 0xfe0) / 4];
		return 0; /* DR (no input), RSR, ILPR, reserved */
	}
}

static void vuart_write(struct hdomain *hd, uint64_t off, uint32_t v)
{
	struct vuart *u = &hd->uart;

	switch (off) {
	case 0x000:
		vuart_putc(hd, (char)(v & 0xff));
		u->ris |= RIS_TX; /* the byte left at once */
		break;
	case 0x024:
		u->ibrd = v & 0xffff;
		break;
	case 0x028:
		u->fbrd = v & 0x3f;
		break;
	case 0x02c:
		u->lcr_h = v & 0xff;
		break;
	case 0x030:
		u->cr = v & 0xff87;
		break;
	case 0x034:
		u->ifls = v & 0x3f;
		break;
	case 0x038:
		u->imsc = v & 0x7ff;
		break;
	case 0x044:
		u->ris &= ~v;
		break;
	case 0x048:
		u->dmacr = v & 7;
		break;
	default:
		break; /* read-only and reserved registers ignore writes */
	}
}

bool vuart_access(struct hdomain *hd, uint64_t off, bool write, unsigned size,
		  uint64_t *val)
{
	uint64_t reg = off & ~3ull;
	unsigned shift = (unsigned)(off & 3) * 8;

	if (size > 4 || (off & (size - 1)) != 0 || off >= PLAT_GUEST_UART_SIZE)
		return false;
	if (write)
		vuart_write(hd, reg, (uint32_t)(*val << shift));
	else
		*val = (vuart_read(hd, reg) >> shift) &
		       (size == 4 ? 0xffffffffu : (1u << (size * 8)) - 1);
	return true;
}

void vuart_reset(struct hdomain *hd)
{
	hd->uart.ibrd = hd->uart.fbrd = hd->uart.lcr_h = 0;
	hd->uart.cr = 0x300;
	hd->uart.ifls = 0x12;
	hd->uart.imsc = hd->uart.dmacr = 0;
	hd->uart.ris = RIS_TX;
}

bool hyp_mmio_access(struct vcpu *v, uint64_t ipa, bool write, unsigned size,
		     uint64_t *val)
{
	struct hvcpu *hv = hvcpu_of(v);
	bool ok;

	if (ipa >= PLAT_GUEST_UART_IPA &&
	    ipa < PLAT_GUEST_UART_IPA + PLAT_GUEST_UART_SIZE) {
		ok = vuart_access(hv->hd, ipa - PLAT_GUEST_UART_IPA, write,
				  size, val);
		if (ok && write)
			vgic_uart_changed(hv->hd);
		return ok;
	}
	return vgic_mmio(hv, ipa, write, size, val);
}
