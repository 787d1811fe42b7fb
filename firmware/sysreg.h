/* SPDX-License-Identifier: MIT */
/*
 * System register access for the firmware. Registers the assembler may not
 * know by name (they need -march extensions) are spelled by encoding.
 */
#ifndef ARBITER_FW_SYSREG_H
#define ARBITER_FW_SYSREG_H

#include <stdint.h>

#define FW_SYSREG(name, spelling)                                              \
	static inline uint64_t read_##name(void)                               \
	{                                                                      \
		uint64_t v;                                                    \
		__asm__ volatile("mrs %0, " spelling : "=r"(v));               \
		return v;                                                      \
	}                                                                      \
	static inline void write_##name(uint64_t v)                            \
	{                                                                      \
		__asm__ volatile("msr " spelling ", %0" : : "r"(v));           \
	}

FW_SYSREG(mpidr_el1, "mpidr_el1")
FW_SYSREG(scr_el3, "scr_el3")
FW_SYSREG(cptr_el3, "cptr_el3")
FW_SYSREG(mdcr_el3, "mdcr_el3")
FW_SYSREG(esr_el3, "esr_el3")
FW_SYSREG(elr_el3, "elr_el3")
FW_SYSREG(spsr_el3, "spsr_el3")
FW_SYSREG(zcr_el3, "S3_6_C1_C2_0")
FW_SYSREG(smcr_el3, "S3_6_C1_C2_6")
FW_SYSREG(icc_sre_el3, "S3_6_C12_C12_5")
FW_SYSREG(hcr_el2, "hcr_el2")
FW_SYSREG(sctlr_el2, "sctlr_el2")
FW_SYSREG(sctlr_el1, "sctlr_el1")
FW_SYSREG(cnthctl_el2, "cnthctl_el2")
FW_SYSREG(cntvoff_el2, "cntvoff_el2")
FW_SYSREG(vbar_el2, "vbar_el2")
FW_SYSREG(vbar_el1, "vbar_el1")
FW_SYSREG(sp_el2, "sp_el2")
FW_SYSREG(esr_el2, "esr_el2")
FW_SYSREG(esr_el1, "esr_el1")
FW_SYSREG(elr_el2, "elr_el2")
FW_SYSREG(elr_el1, "elr_el1")
FW_SYSREG(spsr_el2, "spsr_el2")
FW_SYSREG(spsr_el1, "spsr_el1")
FW_SYSREG(id_aa64pfr0_el1, "id_aa64pfr0_el1")
FW_SYSREG(id_aa64pfr1_el1, "id_aa64pfr1_el1")
FW_SYSREG(id_aa64mmfr0_el1, "id_aa64mmfr0_el1")
FW_SYSREG(id_aa64mmfr1_el1, "id_aa64mmfr1_el1")
FW_SYSREG(id_aa64isar0_el1, "id_aa64isar0_el1")
FW_SYSREG(id_aa64isar1_el1, "id_aa64isar1_el1")
FW_SYSREG(id_aa64isar2_el1, "S3_0_C0_C6_2")

static inline uint64_t fw_field(uint64_t reg, unsigned shift)
{
	return (reg >> shift) & 0xf;
}

static inline void fw_isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void fw_dsb(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

static inline void fw_dmb(void)
{
	__asm__ volatile("dmb sy" ::: "memory");
}

static inline void fw_sev(void)
{
	__asm__ volatile("dsb sy\n\tsev" ::: "memory");
}

static inline void fw_wfe(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

static inline void fw_wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

static inline uint32_t fw_read32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void fw_write32(uintptr_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

static inline uint64_t fw_read64(uintptr_t addr)
{
	return *(volatile uint64_t *)addr;
}

#endif
