/* SPDX-License-Identifier: MIT */
/*
 * QEMU `virt` board, as data. The host device tree is authoritative where it
 * says something (RAM, reserved memory, CPUs, PSCI method, UART); these are
 * the fallbacks and the guest-visible layout every domain sees.
 */
#ifndef PLAT_QEMU_VIRT_H
#define PLAT_QEMU_VIRT_H

/* Physical devices the hypervisor itself drives. */
#define PLAT_UART_PA	 0x09000000ull /* PL011, fallback for /chosen */
#define PLAT_GICD_PA	 0x08000000ull /* GICv3 distributor */
#define PLAT_GICR_PA	 0x080a0000ull /* first redistributor */
#define PLAT_GICR_STRIDE 0x20000ull    /* RD_base + SGI_base frames */
#define PLAT_GICR_REGION 0x00f60000ull /* size of the redistributor region */

/* What the EL2 identity map treats as RAM (1 GiB blocks): GiB 1-255. The
 * first GiB is devices on this board. */
#define PLAT_RAM_MAP_START 0x40000000ull
#define PLAT_RAM_MAP_END   0x4000000000ull

/* Guest-physical layout (QEMU virt, so unmodified virt software runs). */
#define PLAT_GUEST_RAM_IPA 0x40000000ull
#define PLAT_GUEST_RAM_MAX                                                     \
	0xc0000000ull /* IPA space is 4 GiB: RAM up to 3 GiB */
#define PLAT_GUEST_UART_IPA	0x09000000ull
#define PLAT_GUEST_UART_SIZE	0x1000ull
#define PLAT_GUEST_IMAGE_OFFSET 0x80000ull /* raw image: RAM + 0x80000 */
#define PLAT_GUEST_UART_CLOCK	24000000u

/* Architected timer PPIs (INTID - 16): secure phys, phys, virt, hyp. */
#define PLAT_TIMER_PPI_SEC  13
#define PLAT_TIMER_PPI_PHYS 14
#define PLAT_TIMER_PPI_VIRT 11
#define PLAT_TIMER_PPI_HYP  10

/* The guest's virtual timer: PPI 11, INTID 27, physical and virtual. */
#define PLAT_VTIMER_INTID 27
/* The EL2 physical timer (PPI 10, INTID 26): bounds the hypervisor's waits. */
#define PLAT_HTIMER_INTID 26
/* Emulated GICv3 and the PL011's interrupt in every domain. */
#define PLAT_GUEST_GICD_IPA    0x08000000ull
#define PLAT_GUEST_GICD_SIZE   0x10000ull
#define PLAT_GUEST_GICR_IPA    0x080a0000ull
#define PLAT_GUEST_GICR_STRIDE 0x20000ull
#define PLAT_GUEST_UART_INTID  33 /* SPI 1 */

/* SGI the hypervisor uses to pull a physical CPU out of a guest or idle. */
#define PLAT_SGI_KICK 8

#define PLAT_MAX_CPUS 64

#endif
