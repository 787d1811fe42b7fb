/* SPDX-License-Identifier: MIT */
/*
 * QEMU virt (secure=on, gic-version=3) facts the firmware relies on, read
 * from QEMU 7.2's hw/arm/virt.c memory map and checked against the device
 * tree the board generates (-machine dumpdtb). Usable from assembly.
 */
#ifndef ARBITER_FW_PLAT_H
#define ARBITER_FW_PLAT_H

/* Secure flash bank 0 (execute in place): where every CPU starts. */
#define FW_FLASH_BASE 0x00000000
#define FW_FLASH_SIZE 0x04000000
/* Secure-only RAM: the firmware's data, stacks and state. */
#define FW_SRAM_BASE 0x0e000000
#define FW_SRAM_SIZE 0x01000000

/* Normal-world UART0 (PL011): the log shares the console with the
 * hypervisor, as TF-A's boot console does on this board. */
#define FW_UART_BASE 0x09000000
/* Secure-only PL061; its pins drive QEMU's gpio-pwr device: pin 0 is
 * gpio-poweroff, pin 1 gpio-restart (the board's own device tree says so). */
#define FW_SGPIO_BASE	   0x090b0000
#define FW_SGPIO_PIN_OFF   0
#define FW_SGPIO_PIN_RESET 1

#define FW_GICD_BASE	   0x08000000
#define FW_GICR_BASE	   0x080a0000
#define FW_GICR_STRIDE	   0x20000 /* RD_base + SGI_base frames (GICv3) */
#define FW_GICR_MAX_FRAMES 123	   /* the first redistributor region */

/* Where QEMU puts its device tree with -bios, and where we enter BL33. */
#define FW_DTB_ADDR 0x40000000
#define FW_DTB_MAX  0x200000 /* arm64 boot protocol: at most 2 MiB */
#define FW_NS_ENTRY 0x60000000

/* CPUs the firmware runs: linear index = Aff1 * 16 + Aff0 (the virt board
 * puts 16 CPUs per cluster with GICv3); others are parked for good. */
#define FW_MAX_CPUS	  16
#define FW_STACK_SIZE	  0x2000
#define FW_MAX_MEM_RANGES 4

/* fw_release holds this once CPU 0 has set up secure RAM ("RELS"). */
#define FW_RELEASE_MAGIC 0x52454c53

#endif
