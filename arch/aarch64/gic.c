// SPDX-License-Identifier: MIT
/*
 * GICv3, only as far as the hypervisor itself needs it: one SGI that pulls
 * a physical CPU out of its guest (or out of WFI when idle). Every other
 * interrupt stays disabled; guests get no physical interrupt.
 */
#include <stdint.h>

#include "arch.h"
#include "sysreg.h"
#include "../../plat/qemu-virt/plat.h"

#define GICD_CTLR	 0x0000
#define GICD_CTLR_RWP	 (1u << 31)
#define GICR_TYPER	 0x0008
#define GICR_TYPER_LAST	 (1ull << 4)
#define GICR_TYPER_VLPIS (1ull << 1)
#define GICR_WAKER	 0x0014
#define GICR_SGI	 0x10000
#define GICR_IGROUPR0	 (GICR_SGI + 0x080)
#define GICR_ISENABLER0	 (GICR_SGI + 0x100)
#define GICR_ICENABLER0	 (GICR_SGI + 0x180)
#define GICR_IPRIORITYR	 (GICR_SGI + 0x400)

/* The kick SGI and the guest's virtual timer PPI: nothing else. */
#define GIC_OURS                                                               \
	((1u << PLAT_SGI_KICK) | (1u << PLAT_VTIMER_INTID) |                   \
	 (1u << PLAT_HTIMER_INTID))

static uint64_t gicd_base = PLAT_GICD_PA;
static uint64_t gicr_base = PLAT_GICR_PA;
static uint64_t gicr_limit = PLAT_GICR_PA + PLAT_GICR_REGION;

static inline volatile uint32_t *reg32(uint64_t base, uint64_t off)
{
	return (volatile uint32_t *)(uintptr_t)(base + off);
}

static inline volatile uint64_t *reg64(uint64_t base, uint64_t off)
{
	return (volatile uint64_t *)(uintptr_t)(base + off);
}

void gic_init_global(uint64_t gicd, uint64_t gicr, uint64_t gicr_size)
{
	unsigned spins = 0;

	gicd_base = gicd;
	gicr_base = gicr;
	gicr_limit = gicr + gicr_size;
	/* Affinity routing and both groups on. Bits 0, 1 and 4 mean
	 * "group 0, group 1, ARE" with one security state and "group 1 NS,
	 * group 1A, ARE_NS" in the non-secure view of two: right either way. */
	*reg32(gicd_base, GICD_CTLR) |= 0x13;
	while ((*reg32(gicd_base, GICD_CTLR) & GICD_CTLR_RWP) &&
	       spins++ < 1000000)
		;
}

static uint64_t gicr_find(uint64_t mpidr)
{
	uint64_t aff = (mpidr & 0xffffff) | ((mpidr >> 8) & 0xff000000);

	for (uint64_t rd = gicr_base; rd < gicr_limit;) {
		uint64_t typer = *reg64(rd, GICR_TYPER);

		if ((typer >> 32) == aff)
			return rd;
		if (typer & GICR_TYPER_LAST)
			break;
		/* GICv4 redistributors have two more frames (VLPIS). */
		rd += (typer & GICR_TYPER_VLPIS) ? 2 * PLAT_GICR_STRIDE
						 : PLAT_GICR_STRIDE;
	}
	return 0;
}

bool gic_init_cpu(uint64_t mpidr)
{
	uint64_t rd = gicr_find(mpidr);
	volatile uint8_t *prio;
	unsigned spins = 0;

	if (rd == 0)
		return false;
	*reg32(rd, GICR_WAKER) &= ~2u; /* ProcessorSleep off */
	while ((*reg32(rd, GICR_WAKER) & 4u) && spins++ < 1000000)
		;
	*reg32(rd, GICR_ICENABLER0) = ~(GIC_OURS);
	*reg32(rd, GICR_IGROUPR0) |= GIC_OURS;
	prio = (volatile uint8_t *)(uintptr_t)(rd + GICR_IPRIORITYR);
	prio[PLAT_SGI_KICK] = 0x80;
	prio[PLAT_VTIMER_INTID] = 0xa0;
	prio[PLAT_HTIMER_INTID] = 0xa0;
	*reg32(rd, GICR_ISENABLER0) = GIC_OURS;

	/* CPU interface through system registers; EL1 gets the virtual one. */
	__asm__ volatile("msr S3_4_C12_C9_5, %0" ::"r"(0x9ull)); /* SRE_EL2 */
	isb();
	__asm__ volatile("msr S3_0_C4_C6_0, %0" ::"r"(0xffull)); /* PMR */
	__asm__ volatile("msr S3_0_C12_C12_3, %0" ::"r"(0ull));	 /* BPR1 */
	/* EOImode = 1: priority drop and deactivation apart, so the
	 * guest's timer interrupt stays active until the guest deactivates
	 * it through its hardware-linked list register. */
	__asm__ volatile("msr S3_0_C12_C12_4, %0" ::"r"(2ull)); /* CTLR */
	__asm__ volatile("msr S3_0_C12_C12_7, %0" ::"r"(1ull)); /* IGRPEN1 */
	isb();
	return true;
}

void gic_send_sgi(uint64_t target_mpidr)
{
	uint64_t aff0 = target_mpidr & 0xff;
	uint64_t v =
		(1ull << (aff0 & 15)) | (((target_mpidr >> 8) & 0xff) << 16) |
		((uint64_t)PLAT_SGI_KICK << 24) |
		(((target_mpidr >> 16) & 0xff) << 32) | ((aff0 >> 4) << 44) |
		(((target_mpidr >> 32) & 0xff) << 48);

	dsb(ish);
	__asm__ volatile("msr S3_0_C12_C11_5, %0" ::"r"(v)); /* SGI1R */
	isb();
}

uint32_t gic_ack(void)
{
	uint64_t iar;

	__asm__ volatile("mrs %0, S3_0_C12_C12_0" : "=r"(iar)); /* IAR1 */
	return (uint32_t)iar & 0xffffff;
}

void gic_eoi(uint32_t intid)
{
	__asm__ volatile("msr S3_0_C12_C12_1, %0" ::"r"((uint64_t)intid));
	isb();
}

void gic_deactivate(uint32_t intid)
{
	__asm__ volatile("msr S3_0_C12_C11_1, %0" ::"r"((uint64_t)intid));
	isb();
}
