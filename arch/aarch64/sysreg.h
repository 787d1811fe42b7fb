/* SPDX-License-Identifier: MIT */
/* System register access and the bit values the hypervisor programs. */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#define HCR_VM	 (1ull << 0)
#define HCR_SWIO (1ull << 1)
#define HCR_FMO	 (1ull << 3)
#define HCR_IMO	 (1ull << 4)
#define HCR_AMO	 (1ull << 5)
#define HCR_TSC	 (1ull << 19)
#define HCR_RW	 (1ull << 31)
#define HCR_APK	 (1ull << 40)
#define HCR_API	 (1ull << 41)

/* SCTLR_EL2 (E2H = 0): RES1 bits, then M, C, SA, I. */
#define SCTLR_EL2_RES1 0x30c50830ull
#define SCTLR_EL2_ON                                                           \
	(SCTLR_EL2_RES1 | (1ull << 0) | (1ull << 2) | (1ull << 3) |            \
	 (1ull << 12))
/* SCTLR_EL1 as at reset with MMU and caches off (RES1 bits only). */
#define SCTLR_EL1_RESET 0x30d00800ull

/* CPTR_EL2 (E2H = 0): RES1 bits; TFP = 0 and TZ = 0 so FP/SVE never trap. */
#define CPTR_EL2_DEFAULT 0x32ffull

/* EL1h with D, A, I, F masked: how a vCPU starts and takes an exception. */
#define SPSR_EL1H_MASKED 0x3c5ull
#define SPSR_EL_MASK	 0xcull
#define SPSR_SP_BIT	 0x1ull
#define SPSR_NRW_BIT	 0x10ull /* 1: AArch32 */

#define ESR_EC_SHIFT 26
#define ESR_IL	     (1u << 25)
#define ESR_ISS_MASK 0x1ffffffu

#define EC_UNKNOWN  0x00
#define EC_WFX	    0x01
#define EC_HVC32    0x12
#define EC_SMC32    0x13
#define EC_HVC64    0x16
#define EC_SMC64    0x17
#define EC_SYS64    0x18
#define EC_IABT_LOW 0x20
#define EC_IABT_CUR 0x21
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25

#define sysreg_read(name)                                                      \
	({                                                                     \
		unsigned long long v_;                                         \
		__asm__ volatile("mrs %0, " #name : "=r"(v_));                 \
		v_;                                                            \
	})

#define sysreg_write(name, val)                                                \
	__asm__ volatile("msr " #name ", %0" ::"r"((unsigned long long)(val)))

#define isb()	 __asm__ volatile("isb" ::: "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt ::: "memory")

#endif
