// SPDX-License-Identifier: MIT
/*
 * Board power control through the secure-only PL061 at 0x090b0000, whose
 * pins QEMU wires to its gpio-pwr device (pin 0 power-off, pin 1 reset; a
 * rising level acts). Only the secure world can reach this GPIO.
 */
#include "fw.h"
#include "sysreg.h"

#define GPIO_DIR 0x400

static void power_gpio_raise(unsigned pin)
{
	uint32_t bit = 1u << pin;

	/* PL061 data writes are masked by address bits [9:2]. */
	fw_write32(FW_SGPIO_BASE + ((uintptr_t)bit << 2), 0);
	fw_write32(FW_SGPIO_BASE + GPIO_DIR,
		   fw_read32(FW_SGPIO_BASE + GPIO_DIR) | bit);
	fw_write32(FW_SGPIO_BASE + ((uintptr_t)bit << 2), bit);
	fw_dsb();
}

/* QEMU acts on the GPIO asynchronously: this CPU keeps running for a
 * moment. Wait quietly; the board goes away under us. */
static void __attribute__((noreturn)) power_wait(void)
{
	for (;;)
		fw_wfi();
}

void fw_power_off(void)
{
	fw_sip_log_counts();
	fw_tee_log();
	fw_ffa_log();
	fw_log("SYSTEM_OFF: powering off");
	power_gpio_raise(FW_SGPIO_PIN_OFF);
	power_wait();
}

void fw_power_reset(void)
{
	fw_sip_log_counts();
	fw_tee_log();
	fw_ffa_log();
	fw_log("SYSTEM_RESET: resetting the board");
	/* RAM survives a QEMU reset: the secondaries' first pen must not see
	 * the previous boot's release word. */
	fw_release = 0;
	fw_dsb();
	power_gpio_raise(FW_SGPIO_PIN_RESET);
	power_wait();
}

void fw_park(const char *why)
{
	fw_puts("[fw] parking CPU: ");
	fw_puts(why);
	fw_puts("\n");
	for (;;)
		fw_wfi();
}
