// SPDX-License-Identifier: MIT
/*
 * The GICv3 virtual CPU interface: list registers. A vCPU owns its physical
 * CPU, so the list registers are never switched; the hypervisor only puts
 * pending virtual interrupts into free ones. A hardware interrupt (the
 * guest's own timer PPI) is linked to its physical INTID, so the guest's
 * deactivation deactivates the physical interrupt too.
 */
#include <stdint.h>

#include "arch.h"
#include "sysreg.h"

#define LR_STATE_SHIFT	62
#define LR_STATE_MASK	(3ull << LR_STATE_SHIFT)
#define LR_PENDING	(1ull << LR_STATE_SHIFT)
#define LR_HW		(1ull << 61)
#define LR_GROUP1	(1ull << 60)
#define LR_PRIO_SHIFT	48
#define LR_PINTID_SHIFT 32
#define ICH_HCR_EN	1ull

static uint64_t lr_read(unsigned n)
{
	uint64_t v = 0;

	switch (n) {
	case 0:
		__asm__ volatile("mrs %0, S3_4_C12_C12_0" : "=r"(v));
		break;
	case 1:
		__asm__ volatile("mrs %0, S3_4_C12_C12_1" : "=r"(v));
		break;
	case 2:
		__asm__ volatile("mrs %0, S3_4_C12_C12_2" : "=r"(v));
		break;
	case 3:
		__asm__ volatile("mrs %0, S3_4_C12_C12_3" : "=r"(v));
		break;
	case 4:
		__asm__ volatile("mrs %0, S3_4_C12_C12_4" : "=r"(v));
		break;
	case 5:
		__asm__ volatile("mrs %0, S3_4_C12_C12_5" : "=r"(v));
		break;
	case 6:
		__asm__ volatile("mrs %0, S3_4_C12_C12_6" : "=r"(v));
		break;
	case 7:
		__asm__ volatile("mrs %0, S3_4_C12_C12_7" : "=r"(v));
		break;
	default:
		break;
	}
	return v;
}

static void lr_write(unsigned n, uint64_t v)
{
	switch (n) {
	case 0:
		__asm__ volatile("msr S3_4_C12_C12_0, %0" ::"r"(v));
		break;
	case 1:
		__asm__ volatile("msr S3_4_C12_C12_1, %0" ::"r"(v));
		break;
	case 2:
		__asm__ volatile("msr S3_4_C12_C12_2, %0" ::"r"(v));
		break;
	case 3:
		__asm__ volatile("msr S3_4_C12_C12_3, %0" ::"r"(v));
		break;
	case 4:
		__asm__ volatile("msr S3_4_C12_C12_4, %0" ::"r"(v));
		break;
	case 5:
		__asm__ volatile("msr S3_4_C12_C12_5, %0" ::"r"(v));
		break;
	case 6:
		__asm__ volatile("msr S3_4_C12_C12_6, %0" ::"r"(v));
		break;
	case 7:
		__asm__ volatile("msr S3_4_C12_C12_7, %0" ::"r"(v));
		break;
	default:
		break;
	}
}

/* Usable list registers: ICH_VTR_EL2.ListRegs + 1, at most the 8 above. */
static unsigned lr_count(void)
{
	uint64_t vtr;

	__asm__ volatile("mrs %0, S3_4_C12_C11_1" : "=r"(vtr));
	return (unsigned)(vtr & 0x1f) + 1 > 8 ? 8 : (unsigned)(vtr & 0x1f) + 1;
}

void vgic_lr_reset(void)
{
	for (unsigned n = 0; n < lr_count(); n++)
		lr_write(n, 0);
	__asm__ volatile("msr S3_4_C12_C11_7, %0" ::"r"(0ull)); /* VMCR */
	__asm__ volatile("msr S3_4_C12_C11_0, %0" ::"r"(ICH_HCR_EN));
	isb();
}

bool vgic_lr_busy(uint32_t intid)
{
	for (unsigned n = 0; n < lr_count(); n++) {
		uint64_t lr = lr_read(n);

		if ((lr & LR_STATE_MASK) != 0 && (uint32_t)lr == intid)
			return true;
	}
	return false;
}

bool vgic_lr_inject(uint32_t intid, uint8_t prio, bool hw)
{
	for (unsigned n = 0; n < lr_count(); n++) {
		if ((lr_read(n) & LR_STATE_MASK) != 0)
			continue;
		lr_write(n, LR_PENDING | LR_GROUP1 |
				    ((uint64_t)prio << LR_PRIO_SHIFT) |
				    (hw ? LR_HW | ((uint64_t)intid
						   << LR_PINTID_SHIFT)
					: 0) |
				    intid);
		return true;
	}
	return false;
}
