// SPDX-License-Identifier: MIT
/*
 * The GICv3 each domain sees at QEMU virt's addresses: a distributor
 * (SPIs 32-63, affinity routing only, no LPIs) and one redistributor per
 * vCPU, emulated on stage-2 faults; the CPU interface is the hardware's
 * virtual one (ICH_*), fed through list registers. Interrupts a guest can
 * get: its own virtual timer (the physical PPI 27, linked to the list
 * register so the guest's deactivation reaches the hardware), SGIs from its
 * own vCPUs (ICC_SGI1R_EL1 traps with HCR_EL2.IMO) and its PL011's SPI.
 */
#include <stdatomic.h>

#include "hyp.h"

#define GICD_CTLR_DS	  (1u << 6)
#define GICD_CTLR_ARE	  (1u << 4)
#define GICD_CTLR_EN_MASK 0x3u
#define GIC_IIDR	  0x0100043bu /* Arm, product 1 */
#define GIC_PIDR2	  0x3bu	      /* ArchRev 3: GICv3 */
#define GICR_SGI_BASE	  0x10000

void vgic_dist_lock(struct vgic_dist *d)
{
	uint32_t expect = 0;

	while (!atomic_compare_exchange_weak(&d->lock, &expect, 1)) {
		expect = 0;
		__asm__ volatile("wfe");
	}
}

void vgic_dist_unlock(struct vgic_dist *d)
{
	atomic_store(&d->lock, 0);
	__asm__ volatile("dsb ish\n\tsev" ::: "memory");
}

void vgic_domain_reset(struct hdomain *hd)
{
	struct vgic_dist *d = &hd->vgic;

	d->ctlr = 0;
	d->enabled = d->group = d->cfg[0] = d->cfg[1] = 0;
	atomic_store(&d->pending, 0);
	for (unsigned i = 0; i < VGIC_NSPI; i++) {
		d->prio[i] = 0;
		d->route[i] = 0;
	}
	for (uint16_t i = 0; i < hd->d.nvcpus; i++) {
		struct vgic_cpu *c = &hd->hv[i].vgic;

		c->enabled = c->group = c->cfg1 = c->waker = 0;
		c->timer_held = false;
		atomic_store(&c->pending, 0);
		for (unsigned j = 0; j < 32; j++)
			c->prio[j] = 0;
	}
}

/* The vCPU an SPI goes to: IROUTER's affinity, else vCPU 0. */
static struct hvcpu *spi_target(struct hdomain *hd, unsigned spi)
{
	uint64_t aff = hd->vgic.route[spi] & 0xffffull;

	for (uint16_t i = 0; i < hd->d.nvcpus; i++)
		if (vcpu_mpidr(i) == aff)
			return &hd->hv[i];
	return &hd->hv[0];
}

void vgic_kick(struct hvcpu *hv)
{
	if (hv->pcpu != this_pcpu() && atomic_load(&hv->pcpu->online))
		gic_send_sgi(hv->pcpu->mpidr);
}

static bool uart_asserted(struct hdomain *hd)
{
	return (hd->uart.ris & hd->uart.imsc) != 0;
}

void vgic_uart_changed(struct hdomain *hd)
{
	unsigned spi = PLAT_GUEST_UART_INTID - 32;

	if (uart_asserted(hd) && (hd->vgic.enabled & (1u << spi)))
		vgic_kick(spi_target(hd, spi));
}

/* Move what is pending and enabled for this vCPU into list registers. */
static void vgic_flush(struct hvcpu *hv)
{
	struct hdomain *hd = hv->hd;
	struct vgic_cpu *c = &hv->vgic;
	uint32_t want, spis;

	if (!(hd->vgic.ctlr & GICD_CTLR_EN_MASK) && c->enabled == 0)
		return;
	if (c->timer_held && (c->enabled & (1u << PLAT_VTIMER_INTID)) &&
	    vgic_lr_inject(PLAT_VTIMER_INTID, c->prio[PLAT_VTIMER_INTID], true))
		c->timer_held = false;
	want = atomic_load(&c->pending) & c->enabled;
	for (unsigned i = 0; want != 0 && i < 32; i++, want >>= 1) {
		if (!(want & 1) || vgic_lr_busy(i))
			continue;
		if (vgic_lr_inject(i, c->prio[i], false))
			atomic_fetch_and(&c->pending, ~(1u << i));
	}
	spis = atomic_load(&hd->vgic.pending) & hd->vgic.enabled;
	if (uart_asserted(hd))
		spis |= hd->vgic.enabled & (1u << (PLAT_GUEST_UART_INTID - 32));
	if (!(hd->vgic.ctlr & GICD_CTLR_EN_MASK))
		return;
	for (unsigned i = 0; spis != 0 && i < VGIC_NSPI; i++, spis >>= 1) {
		if (!(spis & 1) || spi_target(hd, i) != hv ||
		    vgic_lr_busy(32 + i))
			continue;
		if (vgic_lr_inject(32 + i, hd->vgic.prio[i], false))
			atomic_fetch_and(&hd->vgic.pending, ~(1u << i));
	}
}

void vgic_vcpu_start(struct hvcpu *hv)
{
	vgic_lr_reset();
	(void)hv;
}

/* The vCPU stops: its timer must not fire into an idle CPU. */
void vgic_vcpu_stop(void)
{
	__asm__ volatile("msr cntv_ctl_el0, %0" ::"r"(0ull));
	vgic_lr_reset();
	gic_deactivate(PLAT_VTIMER_INTID);
}

/* Physical interrupts at EL2, in a guest or idle. */
void hyp_irq_handle(void)
{
	struct vcpu *v = this_pcpu()->arch.cur;

	for (unsigned n = 0; n < 16; n++) {
		uint32_t intid = gic_ack();

		if (intid >= 1020)
			break;
		gic_eoi(intid);
		if (intid == PLAT_VTIMER_INTID && v != NULL) {
			struct vgic_cpu *c = &hvcpu_of(v)->vgic;

			/* Stays active until the guest deactivates it. */
			c->timer_held = true;
			continue;
		}
		if (intid == PLAT_VTIMER_INTID)
			__asm__ volatile("msr cntv_ctl_el0, %0" ::"r"(0ull));
		gic_deactivate(intid);
	}
	if (v != NULL)
		vgic_flush(hvcpu_of(v));
}

/* Called on every slow-path return to the guest (trap.c). */
void hyp_vgic_flush(void)
{
	struct vcpu *v = this_pcpu()->arch.cur;

	if (v != NULL)
		vgic_flush(hvcpu_of(v));
}

/* ICC_SGI1R_EL1 from the guest: SGIs to vCPUs of its own domain only. */
void hyp_sgi_write(uint64_t val)
{
	struct hvcpu *self = hvcpu_of(this_pcpu()->arch.cur);
	struct hdomain *hd = self->hd;
	unsigned intid = (val >> 24) & 0xf;
	bool all = (val >> 40) & 1;
	uint64_t aff1 = (val >> 16) & 0xff, rs = (val >> 44) & 0xf;

	if (((val >> 32) & 0xff) != 0 || ((val >> 48) & 0xff) != 0)
		if (!all)
			return; /* Aff2/Aff3 name no vCPU of ours */
	for (uint16_t i = 0; i < hd->d.nvcpus; i++) {
		uint64_t m = vcpu_mpidr(i);
		struct hvcpu *t = &hd->hv[i];

		if (all ? t == self
			: ((m >> 8) != aff1 || (m & 0xff) / 16 != rs ||
			   !((val >> (m & 15)) & 1)))
			continue;
		atomic_fetch_or(&t->vgic.pending, 1u << intid);
		if (t == self)
			vgic_flush(t);
		else
			vgic_kick(t);
	}
}
