// SPDX-License-Identifier: MIT
/*
 * EL2 set-up on every physical CPU: the stage-1 identity map with caches
 * on, vectors, the traps a partitioned guest needs and nothing more, timers,
 * and the per-vCPU EL1 reset state.
 */
#include <stdint.h>

#include "arch.h"
#include "sysreg.h"
#include "arbiter/fmt.h"
#include "../../plat/qemu-virt/plat.h"

extern char hyp_vectors[];
void arch_mmu_enable(uint64_t ttbr, uint64_t tcr, uint64_t mair,
		     uint64_t sctlr);
void arch_el2_fatal(uint64_t esr, uint64_t elr, uint64_t far);

/*
 * One level-1 table of 1 GiB blocks covers a 39-bit space: the first GiB
 * (devices on every QEMU-virt-like board) as Device-nGnRnE, the next 255 GiB
 * (where such boards put RAM) as normal write-back memory.
 */
static uint64_t el2_l1[512] __attribute__((aligned(4096)));

#define PTE_BLOCK    0x1ull
#define PTE_AF	     (1ull << 10)
#define PTE_SH_INNER (3ull << 8)
#define PTE_ATTR(i)  ((uint64_t)(i) << 2)
#define PTE_XN	     (1ull << 54)
#define MAIR_DEVICE  0x00ull
#define MAIR_NORMAL  0xffull

static uint64_t tcr_ps(void)
{
	uint64_t r = sysreg_read(id_aa64mmfr0_el1) & 0xf;

	return r > 5 ? 5 : r; /* 48 bits is enough for any board we map */
}

static void mmu_build(void)
{
	el2_l1[0] = PTE_BLOCK | PTE_AF | PTE_ATTR(0) | PTE_XN;
	for (unsigned i = PLAT_RAM_MAP_START >> 30; i < PLAT_RAM_MAP_END >> 30;
	     i++)
		el2_l1[i] = ((uint64_t)i << 30) | PTE_BLOCK | PTE_AF |
			    PTE_SH_INNER | PTE_ATTR(1);
}

static void timers_setup(void)
{
	/* EL1 may read both counters and use both timers: it owns the CPU. */
	sysreg_write(cnthctl_el2, 3);
	sysreg_write(cntvoff_el2, 0);
}

static void features_setup(void)
{
	uint64_t pfr0 = sysreg_read(id_aa64pfr0_el1);
	uint64_t pmcr = sysreg_read(pmcr_el0);

	sysreg_write(cptr_el2, CPTR_EL2_DEFAULT);
	isb();
	if (((pfr0 >> 32) & 0xf) != 0) /* SVE: let the guest pick any length */
		__asm__ volatile("msr S3_4_C1_C2_0, %0" ::"r"(0x1ffull));
	/* All PMU counters belong to the guest; EL2 counting stays allowed,
	 * so a guest can measure a call's round trip (DESIGN §6). */
	sysreg_write(mdcr_el2, (pmcr >> 11) & 0x1f);
}

void arch_el2_setup(bool primary)
{
	uint64_t tcr;

	sysreg_write(hcr_el2, HCR_RW);
	features_setup();
	timers_setup();
	sysreg_write(vbar_el2, (uint64_t)(uintptr_t)hyp_vectors);
	if (primary)
		mmu_build();
	/* T0SZ = 25 (39-bit VA, walk starts at level 1), WBWA, inner
	 * shareable, 4 KiB granule; bits 31 and 23 are RES1. */
	tcr = 25 | (1ull << 8) | (1ull << 10) | (3ull << 12) |
	      (tcr_ps() << 16) | (1ull << 31) | (1ull << 23);
	arch_mmu_enable((uint64_t)(uintptr_t)el2_l1, tcr,
			MAIR_DEVICE | (MAIR_NORMAL << 8), SCTLR_EL2_ON);
}

static uint64_t hcr_guest(void)
{
	uint64_t h = HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TSC |
		     HCR_RW;
	uint64_t isar1 = sysreg_read(id_aa64isar1_el1);

	/* Pointer authentication keys are the guest's: do not trap them. */
	if ((isar1 & (0xffull << 4)) != 0 || (isar1 & (0xffull << 24)) != 0)
		h |= HCR_API | HCR_APK;
	return h;
}

void arch_vcpu_prepare(uint64_t vttbr, uint64_t vmpidr)
{
	unsigned ps = (unsigned)tcr_ps();

	/* T0SZ = 32 (4 GiB IPA), SL0 = 1 (start at level 1), WBWA, inner
	 * shareable, 4 KiB granule. Bit 31 is RES1. */
	sysreg_write(vtcr_el2, 32 | (1ull << 6) | (1ull << 8) | (1ull << 10) |
				       (3ull << 12) | ((uint64_t)ps << 16) |
				       (1ull << 31));
	sysreg_write(vttbr_el2, vttbr);
	sysreg_write(vpidr_el2, sysreg_read(midr_el1));
	sysreg_write(vmpidr_el2, vmpidr);
	sysreg_write(sctlr_el1, SCTLR_EL1_RESET);
	sysreg_write(hcr_el2, hcr_guest());
	isb();
	__asm__ volatile("tlbi vmalls12e1\n\tdsb nsh\n\tic iallu\n\tdsb nsh\n\t"
			 "isb" ::
				 : "memory");
}

uint64_t arch_vttbr(uint64_t root, uint16_t vmid)
{
	return root | ((uint64_t)vmid << 48);
}

uint64_t arch_mpidr(void)
{
	return sysreg_read(mpidr_el1);
}

uint64_t arch_counter(void)
{
	isb();
	return sysreg_read(cntpct_el0);
}

uint64_t arch_id_isar0(void)
{
	return sysreg_read(id_aa64isar0_el1);
}

uint64_t arch_counter_freq(void)
{
	return sysreg_read(cntfrq_el0);
}

void cache_clean_range(const void *p, size_t len)
{
	uint64_t ctr = sysreg_read(ctr_el0);
	uintptr_t line = 4u << ((ctr >> 16) & 0xf);
	uintptr_t a = (uintptr_t)p & ~(line - 1);
	uintptr_t end = (uintptr_t)p + len;

	for (; a < end; a += line)
		__asm__ volatile("dc cvac, %0" ::"r"(a) : "memory");
	dsb(ish);
}

void cache_sync_icache(void)
{
	__asm__ volatile("ic ialluis\n\tdsb ish\n\tisb" ::: "memory");
}

void arch_el2_fatal(uint64_t esr, uint64_t elr, uint64_t far)
{
	log_printf(
		"FATAL: hypervisor exception esr=0x%llx elr=0x%llx far=0x%llx",
		(unsigned long long)esr, (unsigned long long)elr,
		(unsigned long long)far);
}
