// SPDX-License-Identifier: MIT
/*
 * EL3 system registers: what this CPU lets the normal world use, the state
 * the normal world is entered with, and what happens when a lower EL traps
 * to EL3 for anything but an SMC.
 */
#include "fw.h"
#include "sysreg.h"

/* SCR_EL3 bits (Arm ARM D19.2). */
#define SCR_NS	   (1ull << 0)
#define SCR_RES1   (3ull << 4)
#define SCR_HCE	   (1ull << 8)
#define SCR_SIF	   (1ull << 9)
#define SCR_RW	   (1ull << 10)
#define SCR_APK	   (1ull << 16)
#define SCR_API	   (1ull << 17)
#define SCR_ENSCXT (1ull << 25)
#define SCR_ATA	   (1ull << 26)
#define SCR_FGTEN  (1ull << 27)
#define SCR_ECVEN  (1ull << 28)
#define SCR_HXEN   (1ull << 38)
#define SCR_ENTP2  (1ull << 41)

#define CPTR_EZ	 (1ull << 8)
#define CPTR_ESM (1ull << 12)

#define MDCR_SPD32_DISABLE (2ull << 14)
#define MDCR_SDD	   (1ull << 16)
#define MDCR_SCCD	   (1ull << 23)

#define ICC_SRE_EL3_ALL 0xfull /* SRE, DFB, DIB, Enable (lower ELs) */

/* Reset-like values with the MMU and caches off, little-endian. */
#define SCTLR_EL2_NS_ENTRY	 0x30c50830ull
#define SCTLR_EL1_NS_ENTRY	 0x30d00800ull
#define HCR_EL2_RW		 (1ull << 31)
#define CNTHCTL_EL1PCEN_EL1PCTEN 3ull

#define ESR_EC_SMC32 0x13
#define ESR_EC_SMC64 0x17
#define ESR_IL	     (1ull << 25)
#define SPSR_DAIF    (0xfull << 6)
#define SPSR_EL1H    0x5ull
#define SPSR_EL2H    0x9ull
#define SPSR_AARCH32 (1ull << 4)
#define HCR_TGE	     (1ull << 27)

int fw_cpu_index(uint64_t mpidr)
{
	uint64_t aff0 = mpidr & 0xff, aff1 = (mpidr >> 8) & 0xff;

	if ((mpidr & 0xff00ff0000ull) != 0 || aff0 >= 16)
		return -1;
	if (aff1 * 16 + aff0 >= FW_MAX_CPUS)
		return -1;
	return (int)(aff1 * 16 + aff0);
}

unsigned fw_this_cpu(void)
{
	/* entry.S parks every CPU fw_cpu_index() rejects, so this is >= 0. */
	return (unsigned)fw_cpu_index(read_mpidr_el1());
}

static bool cpu_has_pauth(void)
{
	uint64_t i1 = read_id_aa64isar1_el1(), i2 = read_id_aa64isar2_el1();

	return fw_field(i1, 4) || fw_field(i1, 8) || fw_field(i1, 24) ||
	       fw_field(i1, 28) || fw_field(i2, 12) || fw_field(i2, 8);
}

/* SCR_EL3: the normal world is AArch64, non-secure, may use HVC and SMC;
 * every feature the CPU has whose registers EL3 would otherwise trap is
 * handed to the lower ELs (an enabled-but-trapped feature would fault a
 * hypervisor or Linux that probed it through the ID registers). */
static uint64_t cpu_scr_value(void)
{
	uint64_t scr = SCR_NS | SCR_RES1 | SCR_HCE | SCR_SIF | SCR_RW;
	uint64_t pfr0 = read_id_aa64pfr0_el1(), pfr1 = read_id_aa64pfr1_el1();
	uint64_t mmfr0 = read_id_aa64mmfr0_el1();
	uint64_t mmfr1 = read_id_aa64mmfr1_el1();

	if (cpu_has_pauth())
		scr |= SCR_APK | SCR_API;
	if (fw_field(pfr0, 56) >= 2) /* FEAT_CSV2_2: SCXTNUM_ELx */
		scr |= SCR_ENSCXT;
	if (fw_field(pfr1, 8) >= 2) /* FEAT_MTE2 */
		scr |= SCR_ATA;
	if (fw_field(mmfr0, 56) != 0) /* FEAT_FGT */
		scr |= SCR_FGTEN;
	if (fw_field(mmfr0, 60) >= 2) /* FEAT_ECV with CNTPOFF_EL2 */
		scr |= SCR_ECVEN;
	if (fw_field(mmfr1, 40) != 0) /* FEAT_HCX */
		scr |= SCR_HXEN;
	if (fw_field(pfr1, 24) != 0) /* FEAT_SME: TPIDR2_EL0 */
		scr |= SCR_ENTP2;
	return scr;
}

/* FP/SIMD, SVE and SME usable at every lower EL with the longest vector
 * length; the firmware itself never touches those registers
 * (-mgeneral-regs-only), so it never has to save them. */
static void cpu_init_cptr(void)
{
	uint64_t pfr0 = read_id_aa64pfr0_el1(), pfr1 = read_id_aa64pfr1_el1();
	uint64_t cptr = 0;

	if (fw_field(pfr0, 32) != 0)
		cptr |= CPTR_EZ;
	if (fw_field(pfr1, 24) != 0)
		cptr |= CPTR_ESM;
	write_cptr_el3(cptr);
	fw_isb();
	if (cptr & CPTR_EZ)
		write_zcr_el3(0xf);
	if (cptr & CPTR_ESM)
		write_smcr_el3(0xf | (1ull << 31)); /* LEN max, FA64 */
	fw_isb();
}

void fw_cpu_init_el3(void)
{
	write_scr_el3(cpu_scr_value());
	cpu_init_cptr();
	/* No secure debug or secure cycle counting; the normal world owns its
	 * PMU and debug (nothing trapped to EL3). */
	write_mdcr_el3(MDCR_SDD | MDCR_SPD32_DISABLE | MDCR_SCCD);
	write_icc_sre_el3(ICC_SRE_EL3_ALL);
	fw_isb();
	write_cnthctl_el2(CNTHCTL_EL1PCEN_EL1PCTEN);
	write_cntvoff_el2(0);
	fw_isb();
}

/* The EL2 (and EL1) state a normal-world entry point sees: MMU and caches
 * off, nothing configured, as TF-A leaves it for BL33. */
void fw_cpu_prepare_ns_el2(void)
{
	write_sctlr_el2(SCTLR_EL2_NS_ENTRY);
	write_sctlr_el1(SCTLR_EL1_NS_ENTRY);
	write_hcr_el2(0);
	write_vbar_el2(0);
	write_sp_el2(0);
	fw_isb();
}

/*
 * A lower EL trapped to EL3 without an SMC (a system register the CPU
 * routes here): behave like an UNDEFINED instruction at the EL that ran
 * it, so a bad or curious normal world gets an exception it can handle and
 * never stops the firmware.
 */
static void cpu_inject_undef(uint64_t spsr)
{
	unsigned el = (unsigned)((spsr >> 2) & 3), target;
	uint64_t vbar, offset;

	/* An AArch32 EL0/EL1 has a hypervisor above it (we entered the normal
	 * world at EL2): tell the hypervisor, as for any unknown trap. */
	if (spsr & SPSR_AARCH32)
		target = 2;
	else if (el == 0)
		target = (read_hcr_el2() & HCR_TGE) ? 2 : 1;
	else
		target = el;
	if (target == el && !(spsr & SPSR_AARCH32))
		offset = (spsr & 1) ? 0x200 : 0x000;
	else
		offset = (spsr & SPSR_AARCH32) ? 0x600 : 0x400;
	if (target == 2) {
		write_esr_el2(ESR_IL);
		write_elr_el2(read_elr_el3());
		write_spsr_el2(spsr);
		vbar = read_vbar_el2();
		write_spsr_el3(SPSR_DAIF | SPSR_EL2H);
	} else {
		write_esr_el1(ESR_IL);
		write_elr_el1(read_elr_el3());
		write_spsr_el1(spsr);
		vbar = read_vbar_el1();
		write_spsr_el3(SPSR_DAIF | SPSR_EL1H);
	}
	write_elr_el3(vbar + offset);
}

void fw_lower_trap(struct fw_frame *f, uint64_t esr, uint64_t spsr)
{
	unsigned ec = (unsigned)(esr >> 26) & 0x3f;

	if (ec == ESR_EC_SMC64 || ec == ESR_EC_SMC32)
		fw_smc_dispatch(f, esr, spsr);
	else
		cpu_inject_undef(spsr);
}

void fw_el3_fault(uint64_t esr, uint64_t elr)
{
	fw_puts("[fw] EL3 fault: ESR ");
	fw_put_hex(esr);
	fw_puts(" ELR ");
	fw_put_hex(elr);
	fw_puts("\n");
	fw_park("firmware bug");
}
