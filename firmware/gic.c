// SPDX-License-Identifier: MIT
/*
 * GICv3 setup that only the secure side can do (GICD_CTLR.DS = 0): affinity
 * routing on, every interrupt in Group 1 Non-secure, each CPU's
 * redistributor awake. The normal world then owns the GIC entirely.
 */
#include "fw.h"
#include "sysreg.h"

#define GICD_CTLR	      0x0000
#define GICD_TYPER	      0x0004
#define GICD_IGROUPR	      0x0080
#define GICD_IGRPMODR	      0x0d00
#define GICD_CTLR_RWP	      (1u << 31)
#define GICD_CTLR_ARE_S	      (1u << 4)
#define GICD_CTLR_ARE_NS      (1u << 5)
#define GICD_CTLR_ENABLE_G1NS (1u << 1)

#define GICR_TYPER		   0x0008
#define GICR_WAKER		   0x0014
#define GICR_TYPER_LAST		   (1ull << 4)
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_SGI_OFFSET		   0x10000
#define GICR_IGROUPR0		   0x0080
#define GICR_IGRPMODR0		   0x0d00

#define GIC_WAIT_LIMIT 1000000u

static void gic_wait_rwp(void)
{
	unsigned n;

	for (n = 0; n < GIC_WAIT_LIMIT; n++) {
		if (!(fw_read32(FW_GICD_BASE + GICD_CTLR) & GICD_CTLR_RWP))
			return;
	}
	fw_log("GIC: distributor write still pending");
}

void fw_gic_init_dist(void)
{
	uint32_t lines, n;

	fw_write32(FW_GICD_BASE + GICD_CTLR,
		   GICD_CTLR_ARE_S | GICD_CTLR_ARE_NS);
	gic_wait_rwp();
	/* SPIs: ITLinesNumber + 1 registers of 32, the first being SGI/PPI
	 * (banked, set per redistributor). */
	lines = (fw_read32(FW_GICD_BASE + GICD_TYPER) & 0x1f) + 1;
	for (n = 1; n < lines; n++) {
		fw_write32(FW_GICD_BASE + GICD_IGROUPR + 4 * n, 0xffffffffu);
		fw_write32(FW_GICD_BASE + GICD_IGRPMODR + 4 * n, 0);
	}
	fw_write32(FW_GICD_BASE + GICD_CTLR,
		   GICD_CTLR_ARE_S | GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_G1NS);
	gic_wait_rwp();
}

/* The redistributor frame whose GICR_TYPER names this CPU, or 0. */
static uintptr_t gic_find_redist(uint64_t mpidr)
{
	uint64_t aff = ((mpidr >> 8) & 0xff000000ull) | (mpidr & 0xffffffull);
	uintptr_t frame = FW_GICR_BASE;
	unsigned n;

	for (n = 0; n < FW_GICR_MAX_FRAMES; n++) {
		uint64_t typer = fw_read64(frame + GICR_TYPER);

		if ((typer >> 32) == aff)
			return frame;
		if (typer & GICR_TYPER_LAST)
			break;
		frame += FW_GICR_STRIDE;
	}
	return 0;
}

void fw_gic_init_cpu(uint64_t mpidr)
{
	uintptr_t rd = gic_find_redist(mpidr);
	unsigned n;

	if (!rd) {
		fw_log("GIC: no redistributor for this CPU");
		return;
	}
	/* GICR_WAKER is secure-only with DS = 0: wake it up for the normal
	 * world, which cannot. */
	fw_write32(rd + GICR_WAKER,
		   fw_read32(rd + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
	for (n = 0; n < GIC_WAIT_LIMIT; n++) {
		if (!(fw_read32(rd + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP))
			break;
	}
	fw_write32(rd + GICR_SGI_OFFSET + GICR_IGROUPR0, 0xffffffffu);
	fw_write32(rd + GICR_SGI_OFFSET + GICR_IGRPMODR0, 0);
}
