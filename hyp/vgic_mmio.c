// SPDX-License-Identifier: MIT
/*
 * Register emulation of the guest's GICv3 distributor and redistributors
 * (vgic.c delivers). Unknown and unimplemented registers read as zero and
 * ignore writes, as the architecture allows for absent features (no LPIs,
 * no security, no active-state control).
 */
#include <stdatomic.h>

#include "hyp.h"

#define GICD_CTLR_DS  (1u << 6)
#define GICD_CTLR_ARE (1u << 4)
#define GIC_IIDR      0x0100043bu
#define GIC_PIDR2     0x3bu
#define SGI_FRAME     0x10000u

/* A priority byte array behind 32-bit registers, any access size. */
static uint64_t prio_read(const uint8_t *p, unsigned first, unsigned size)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)p[first + i] << (8 * i);
	return v;
}

static void prio_write(uint8_t *p, unsigned first, unsigned size, uint64_t v)
{
	for (unsigned i = 0; i < size; i++)
		p[first + i] = (uint8_t)(v >> (8 * i));
}

static uint32_t dist_read32(struct hdomain *hd, uint64_t off)
{
	struct vgic_dist *d = &hd->vgic;
	uint32_t uart = (hd->uart.ris & hd->uart.imsc) != 0
				? 1u << (PLAT_GUEST_UART_INTID - 32)
				: 0;

	switch (off) {
	case 0x0000:
		return d->ctlr | GICD_CTLR_ARE | GICD_CTLR_DS;
	case 0x0004:
		return 1u | (9u << 19); /* 64 INTIDs, 10 ID bits, no LPIs */
	case 0x0008:
		return GIC_IIDR;
	case 0xffe8:
		return GIC_PIDR2;
	case 0x0084:
		return d->group;
	case 0x0104:
	case 0x0184:
		return d->enabled;
	case 0x0204:
	case 0x0284:
		return atomic_load(&d->pending) | uart;
	case 0x0c08:
		return d->cfg[0];
	case 0x0c0c:
		return d->cfg[1];
	default:
		return 0;
	}
}

static void dist_write32(struct hdomain *hd, uint64_t off, uint32_t v)
{
	struct vgic_dist *d = &hd->vgic;

	switch (off) {
	case 0x0000:
		d->ctlr = v & 0x3u;
		break;
	case 0x0084:
		d->group = v;
		break;
	case 0x0104:
		d->enabled |= v;
		break;
	case 0x0184:
		d->enabled &= ~v;
		break;
	case 0x0204:
		atomic_fetch_or(&d->pending, v);
		break;
	case 0x0284:
		atomic_fetch_and(&d->pending, ~v);
		break;
	case 0x0c08:
		d->cfg[0] = v;
		break;
	case 0x0c0c:
		d->cfg[1] = v;
		break;
	default:
		break;
	}
}

static bool dist_access(struct hdomain *hd, uint64_t off, bool write,
			unsigned size, uint64_t *val)
{
	struct vgic_dist *d = &hd->vgic;

	if (off >= 0x6000 && off < 0x8000) { /* IROUTER<n>, 64 bits each */
		unsigned n = (unsigned)(off - 0x6000) / 8;
		unsigned shift = (off & 4) ? 32 : 0;
		uint64_t *r = &d->route[n < 32 ? 0 : n - 32];
		uint64_t mask = size == 8 ? ~0ull : 0xffffffffull << shift;

		if ((size != 8 && size != 4) || (off & (size - 1)) != 0)
			return false;
		if (n < 32 || n >= 32 + VGIC_NSPI) {
			if (!write)
				*val = 0;
			return true;
		}
		if (write)
			*r = ((*r & ~mask) | ((*val << shift) & mask)) &
			     0xff00ffffffull;
		else
			*val = (*r & mask) >> shift;
		return true;
	}
	if (off >= 0x0400 && off < 0x0800) { /* IPRIORITYR, bytes */
		unsigned first = (unsigned)(off - 0x0400);

		if (size > 4 || first < 32 || first + size > 32 + VGIC_NSPI) {
			if (!write)
				*val = 0;
			return size <= 4;
		}
		if (write)
			prio_write(d->prio, first - 32, size, *val);
		else
			*val = prio_read(d->prio, first - 32, size);
		return true;
	}
	if (size != 4 || (off & 3) != 0)
		return false;
	if (write)
		dist_write32(hd, off, (uint32_t)*val);
	else
		*val = dist_read32(hd, off);
	return true;
}

static uint64_t rdist_typer(struct hdomain *hd, unsigned n)
{
	return (vcpu_mpidr((uint16_t)n) << 32) | ((uint64_t)n << 8) |
	       (n + 1u == hd->d.nvcpus ? (1u << 4) : 0);
}

static uint32_t sgi_read32(struct vgic_cpu *c, uint64_t off)
{
	switch (off) {
	case 0x080:
		return c->group;
	case 0x100:
	case 0x180:
		return c->enabled;
	case 0x200:
	case 0x280:
		return atomic_load(&c->pending);
	case 0xc00:
		return 0xaaaaaaaau; /* SGIs are edge-triggered */
	case 0xc04:
		return c->cfg1;
	default:
		return 0;
	}
}

static void sgi_write32(struct vgic_cpu *c, uint64_t off, uint32_t v)
{
	switch (off) {
	case 0x080:
		c->group = v;
		break;
	case 0x100:
		c->enabled |= v;
		break;
	case 0x180:
		c->enabled &= ~v;
		break;
	case 0x200:
		atomic_fetch_or(&c->pending, v);
		break;
	case 0x280:
		atomic_fetch_and(&c->pending, ~v);
		break;
	case 0xc04:
		c->cfg1 = v;
		break;
	default:
		break;
	}
}

static bool rdist_access(struct hdomain *hd, unsigned n, uint64_t off,
			 bool write, unsigned size, uint64_t *val)
{
	struct vgic_cpu *c = &hd->hv[n].vgic;

	if (off >= SGI_FRAME + 0x400 && off < SGI_FRAME + 0x420) {
		unsigned first = (unsigned)(off - SGI_FRAME - 0x400);

		if (size > 4 || first + size > 32)
			return false;
		if (write)
			prio_write(c->prio, first, size, *val);
		else
			*val = prio_read(c->prio, first, size);
		return true;
	}
	if (off == 0x8 && size == 8 && !write) {
		*val = rdist_typer(hd, n);
		return true;
	}
	if (size != 4 || (off & 3) != 0)
		return false;
	if (write) {
		if (off == 0x14)
			c->waker = (uint32_t)*val & 2u;
		else if (off >= SGI_FRAME)
			sgi_write32(c, off - SGI_FRAME, (uint32_t)*val);
		return true;
	}
	switch (off) {
	case 0x4:
		*val = GIC_IIDR;
		break;
	case 0x8:
		*val = (uint32_t)rdist_typer(hd, n);
		break;
	case 0xc:
		*val = rdist_typer(hd, n) >> 32;
		break;
	case 0x14: /* ChildrenAsleep follows ProcessorSleep at once */
		*val = c->waker | (c->waker << 1);
		break;
	case 0xffe8:
		*val = GIC_PIDR2;
		break;
	default:
		*val = off >= SGI_FRAME ? sgi_read32(c, off - SGI_FRAME) : 0;
		break;
	}
	return true;
}

bool vgic_mmio(struct hvcpu *hv, uint64_t ipa, bool write, unsigned size,
	       uint64_t *val)
{
	struct hdomain *hd = hv->hd;
	bool ok;

	if (ipa >= PLAT_GUEST_GICD_IPA &&
	    ipa < PLAT_GUEST_GICD_IPA + PLAT_GUEST_GICD_SIZE) {
		vgic_dist_lock(&hd->vgic);
		ok = dist_access(hd, ipa - PLAT_GUEST_GICD_IPA, write, size,
				 val);
		vgic_dist_unlock(&hd->vgic);
		/* Enables or pending bits may concern the others: let each
		 * look at its list registers again. */
		if (ok && write)
			for (uint16_t i = 0; i < hd->d.nvcpus; i++)
				vgic_kick(&hd->hv[i]);
		return ok;
	}
	if (ipa >= PLAT_GUEST_GICR_IPA &&
	    ipa < PLAT_GUEST_GICR_IPA + PLAT_GUEST_GICR_STRIDE * hd->d.nvcpus) {
		uint64_t off = ipa - PLAT_GUEST_GICR_IPA;
		unsigned n = (unsigned)(off / PLAT_GUEST_GICR_STRIDE);

		return rdist_access(hd, n, off % PLAT_GUEST_GICR_STRIDE, write,
				    size, val);
	}
	return false;
}
