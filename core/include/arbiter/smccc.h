/* SPDX-License-Identifier: MIT */
/*
 * SMC Calling Convention facts (Arm DEN0028): function-ID fields, owning
 * entities, return codes and the IDs of the calls Arbiter itself answers.
 * Pure constants: shared by the core, the hypervisor, the firmware and the
 * guests, so every layer decodes a function ID the same way.
 */
#ifndef ARBITER_SMCCC_H
#define ARBITER_SMCCC_H

#include <stdint.h>

/* Function-ID fields. */
#define SMCCC_FAST_BIT	   (1u << 31)
#define SMCCC_64_BIT	   (1u << 30)
#define SMCCC_OEN_SHIFT	   24
#define SMCCC_OEN_MASK	   0x3fu
#define SMCCC_SVE_HINT_BIT (1u << 16)
#define SMCCC_FAST_MBZ_MASK                                                    \
	0x00fe0000u /* bits 23:17, must be zero in fast calls */
#define SMCCC_YIELD_HI_MASK 0x00ff0000u /* bits 23:16 of a yielding call */
#define SMCCC_FUNC_MASK	    0xffffu

#define SMCCC_FID(fast, is64, oen, fn)                                         \
	(((fast) ? SMCCC_FAST_BIT : 0u) | ((is64) ? SMCCC_64_BIT : 0u) |       \
	 (((uint32_t)(oen)&SMCCC_OEN_MASK) << SMCCC_OEN_SHIFT) |               \
	 ((uint32_t)(fn)&SMCCC_FUNC_MASK))
#define SMCCC_FAST32(oen, fn) SMCCC_FID(1, 0, oen, fn)
#define SMCCC_FAST64(oen, fn) SMCCC_FID(1, 1, oen, fn)

static inline uint32_t smccc_oen(uint32_t fid)
{
	return (fid >> SMCCC_OEN_SHIFT) & SMCCC_OEN_MASK;
}

static inline uint32_t smccc_func(uint32_t fid)
{
	return fid & SMCCC_FUNC_MASK;
}

static inline int smccc_is_fast(uint32_t fid)
{
	return (fid & SMCCC_FAST_BIT) != 0;
}

static inline int smccc_is_64(uint32_t fid)
{
	return (fid & SMCCC_64_BIT) != 0;
}

/* Owning entity numbers. */
enum smccc_oen {
	OEN_ARCH = 0,
	OEN_CPU = 1,
	OEN_SIP = 2,
	OEN_OEM = 3,
	OEN_STD = 4,
	OEN_STD_HYP = 5,
	OEN_VENDOR_HYP = 6,
	OEN_VENDOR_EL3 = 7,
	OEN_TAPP_FIRST = 48,
	OEN_TAPP_LAST = 49,
	OEN_TOS_FIRST = 50,
	OEN_TOS_LAST = 63,
};

/* General service queries every range reserves (SMC32 fast calls). */
#define SMCCC_FN_CALL_COUNT 0xff00u
#define SMCCC_FN_CALL_UID   0xff01u
#define SMCCC_FN_REVISION   0xff03u

/* SMCCC return codes. */
#define SMCCC_SUCCESS		0
#define SMCCC_NOT_SUPPORTED	(-1)
#define SMCCC_NOT_REQUIRED	(-2)
#define SMCCC_INVALID_PARAMETER (-3)

/* The value written to x0 for an unknown function: -1 in all 64 bits. */
#define SMCCC_UNKNOWN ((uint64_t)(int64_t)SMCCC_NOT_SUPPORTED)

/* SMCCC version values. */
#define SMCCC_VERSION_1_0 0x10000u
#define SMCCC_VERSION_1_1 0x10001u
#define SMCCC_VERSION_1_2 0x10002u
#define SMCCC_VERSION_1_3 0x10003u
#define SMCCC_VERSION_1_4 0x10004u
#define SMCCC_VERSION_1_5 0x10005u

/* Arm Architecture calls (OEN 0). */
#define ARM_SMCCC_VERSION	    0x80000000u
#define ARM_SMCCC_ARCH_FEATURES	    0x80000001u
#define ARM_SMCCC_ARCH_SOC_ID	    0x80000002u
#define ARM_SMCCC_ARCH_SOC_ID64	    0xc0000002u
#define ARM_SMCCC_ARCH_WORKAROUND_1 0x80008000u
#define ARM_SMCCC_ARCH_WORKAROUND_2 0x80007fffu
#define ARM_SMCCC_ARCH_WORKAROUND_3 0x80003fffu
#define ARM_SMCCC_ARCH_WORKAROUND_4 0x80000004u

/* PSCI (OEN 4, functions 0x00-0x1f). */
#define PSCI_FN_VERSION			0x00u
#define PSCI_FN_CPU_SUSPEND		0x01u
#define PSCI_FN_CPU_OFF			0x02u
#define PSCI_FN_CPU_ON			0x03u
#define PSCI_FN_AFFINITY_INFO		0x04u
#define PSCI_FN_MIGRATE			0x05u
#define PSCI_FN_MIGRATE_INFO_TYPE	0x06u
#define PSCI_FN_MIGRATE_INFO_UP_CPU	0x07u
#define PSCI_FN_SYSTEM_OFF		0x08u
#define PSCI_FN_SYSTEM_RESET		0x09u
#define PSCI_FN_FEATURES		0x0au
#define PSCI_FN_CPU_FREEZE		0x0bu
#define PSCI_FN_CPU_DEFAULT_SUSPEND	0x0cu
#define PSCI_FN_NODE_HW_STATE		0x0du
#define PSCI_FN_SYSTEM_SUSPEND		0x0eu
#define PSCI_FN_SET_SUSPEND_MODE	0x0fu
#define PSCI_FN_STAT_RESIDENCY		0x10u
#define PSCI_FN_STAT_COUNT		0x11u
#define PSCI_FN_SYSTEM_RESET2		0x12u
#define PSCI_FN_MEM_PROTECT		0x13u
#define PSCI_FN_MEM_PROTECT_CHECK_RANGE 0x14u
#define PSCI_FN_SYSTEM_OFF2		0x15u
#define PSCI_FN_LAST			0x1fu

#define PSCI_0_2_FN(n)	 SMCCC_FAST32(OEN_STD, n)
#define PSCI_0_2_FN64(n) SMCCC_FAST64(OEN_STD, n)

#define PSCI_VERSION_1_1 0x10001u
#define PSCI_VERSION_1_3 0x10003u

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)
#define PSCI_INTERNAL_FAILURE	(-6)
#define PSCI_NOT_PRESENT	(-7)
#define PSCI_DISABLED		(-8)
#define PSCI_INVALID_ADDRESS	(-9)

/* AFFINITY_INFO answers. */
#define PSCI_AFF_ON	    0
#define PSCI_AFF_OFF	    1
#define PSCI_AFF_ON_PENDING 2

/* MPIDR affinity fields a PSCI target may carry. */
#define PSCI_MPIDR_AFF_MASK 0xff00ffffffull

/* TRNG (OEN 4, functions 0x50-0x53). */
#define TRNG_FN_VERSION		0x50u
#define TRNG_FN_FEATURES	0x51u
#define TRNG_FN_GET_UUID	0x52u
#define TRNG_FN_RND		0x53u
#define TRNG_VERSION_1_0	0x10000u
#define TRNG_SUCCESS		0
#define TRNG_NOT_SUPPORTED	(-1)
#define TRNG_INVALID_PARAMETERS (-2)
#define TRNG_NO_ENTROPY		(-3)

#endif
