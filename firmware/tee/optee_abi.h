/* SPDX-License-Identifier: MIT */
/*
 * OP-TEE's SMC ABI and message layer as the test TEE speaks it, written
 * from tee-digest (OP-TEE's optee_smc.h / optee_msg.h / optee_rpc_cmd.h
 * facts, in our own words), plus the test TEE's own UUIDs and TA commands.
 * Shared with the test payload (tests/qemu/firmware/).
 */
#ifndef ARBITER_FW_OPTEE_ABI_H
#define ARBITER_FW_OPTEE_ABI_H

/* Function IDs (SMC32 only). */
#define OPTEE_SMC_CALLS_COUNT		0xbf00ff00u
#define OPTEE_SMC_CALLS_UID		0xbf00ff01u
#define OPTEE_SMC_CALLS_REVISION	0xbf00ff03u
#define OPTEE_SMC_GET_OS_UUID		0xb2000000u
#define OPTEE_SMC_GET_OS_REVISION	0xb2000001u
#define OPTEE_SMC_RETURN_FROM_RPC	0x32000003u
#define OPTEE_SMC_CALL_WITH_ARG		0x32000004u
#define OPTEE_SMC_GET_SHM_CONFIG	0xb2000007u
#define OPTEE_SMC_EXCHANGE_CAPABILITIES 0xb2000009u
#define OPTEE_SMC_DISABLE_SHM_CACHE	0xb200000au
#define OPTEE_SMC_ENABLE_SHM_CACHE	0xb200000bu
#define OPTEE_SMC_VM_CREATED		0xb200000du
#define OPTEE_SMC_VM_DESTROYED		0xb200000eu
#define OPTEE_SMC_GET_THREAD_COUNT	0xb200000fu
#define OPTEE_SMC_NUM_CALLS		14u /* the functions above */

/* Return codes (a0). */
#define OPTEE_SMC_RETURN_OK	       0x0u
#define OPTEE_SMC_RETURN_ETHREAD_LIMIT 0x1u
#define OPTEE_SMC_RETURN_EBUSY	       0x2u
#define OPTEE_SMC_RETURN_ERESUME       0x3u
#define OPTEE_SMC_RETURN_EBADADDR      0x4u
#define OPTEE_SMC_RETURN_EBADCMD       0x5u
#define OPTEE_SMC_RETURN_ENOMEM	       0x6u
#define OPTEE_SMC_RETURN_ENOTAVAIL     0x7u
#define OPTEE_SMC_RETURN_UNKNOWN       0xffffffffu

/* RPC requests (a0 of a std call's return). */
#define OPTEE_SMC_RPC_ALLOC	   0xffff0000u
#define OPTEE_SMC_RPC_FREE	   0xffff0002u
#define OPTEE_SMC_RPC_FOREIGN_INTR 0xffff0004u
#define OPTEE_SMC_RPC_CMD	   0xffff0005u
#define OPTEE_SMC_IS_RPC(a0)	   (((a0) >> 16) == 0xffffu && (a0) != 0xffffffffu)

/* EXCHANGE_CAPABILITIES, secure side (a1). */
#define OPTEE_CAP_HAVE_RESERVED_SHM (1u << 0)
#define OPTEE_CAP_DYNAMIC_SHM	    (1u << 2)
#define OPTEE_CAP_VIRTUALIZATION    (1u << 3)
#define OPTEE_CAP_MEMREF_NULL	    (1u << 4)
#define OPTEE_NS_CAP_UNIPROCESSOR   (1u << 0)

/* API UID 384fb3e0-e7f8-11e3-af63-0002a5d5c51b, revision 2.0. */
#define OPTEE_API_UID_0	    0x384fb3e0u
#define OPTEE_API_UID_1	    0xe7f811e3u
#define OPTEE_API_UID_2	    0xaf630002u
#define OPTEE_API_UID_3	    0xa5d5c51bu
#define OPTEE_API_REV_MAJOR 2u
#define OPTEE_API_REV_MINOR 0u

/* OS UUID: our own, 0a7b17e2-7e57-4ee0-8a5f-6172626974ee ("Arbiter test
 * TEE"), registers in the same order as OP-TEE's OS UUID. Revision 0.1. */
#define FW_TEE_OS_UUID_0    0x0a7b17e2u
#define FW_TEE_OS_UUID_1    0x7e574ee0u
#define FW_TEE_OS_UUID_2    0x8a5f6172u
#define FW_TEE_OS_UUID_3    0x626974eeu
#define FW_TEE_OS_REV_MAJOR 0u
#define FW_TEE_OS_REV_MINOR 1u

/* Message layer. */
#define OPTEE_MSG_CMD_OPEN_SESSION   0u
#define OPTEE_MSG_CMD_INVOKE_COMMAND 1u
#define OPTEE_MSG_CMD_CLOSE_SESSION  2u
#define OPTEE_MSG_CMD_CANCEL	     3u
#define OPTEE_MSG_CMD_REGISTER_SHM   4u
#define OPTEE_MSG_CMD_UNREGISTER_SHM 5u

#define OPTEE_MSG_ATTR_TYPE_MASK     0xffu
#define OPTEE_MSG_ATTR_NONE	     0x0u
#define OPTEE_MSG_ATTR_VALUE_INPUT   0x1u
#define OPTEE_MSG_ATTR_VALUE_OUTPUT  0x2u
#define OPTEE_MSG_ATTR_VALUE_INOUT   0x3u
#define OPTEE_MSG_ATTR_RMEM_INPUT    0x5u
#define OPTEE_MSG_ATTR_RMEM_OUTPUT   0x6u
#define OPTEE_MSG_ATTR_RMEM_INOUT    0x7u
#define OPTEE_MSG_ATTR_TMEM_INPUT    0x9u
#define OPTEE_MSG_ATTR_TMEM_OUTPUT   0xau
#define OPTEE_MSG_ATTR_TMEM_INOUT    0xbu
#define OPTEE_MSG_ATTR_META	     (1u << 8)
#define OPTEE_MSG_ATTR_NONCONTIG     (1u << 9)
#define OPTEE_MSG_ATTR_CACHE_MASK    (7u << 16)
#define OPTEE_MSG_ARG_SIZE(n)	     (32u + 32u * (n))
#define OPTEE_MSG_MAX_PARAMS_IN_PAGE 127u

#define OPTEE_RPC_CMD_GET_TIME	  3u
#define OPTEE_RPC_CMD_SHM_ALLOC	  6u
#define OPTEE_RPC_CMD_SHM_FREE	  7u
#define OPTEE_RPC_SHM_TYPE_KERNEL 1u

/* GlobalPlatform results and origins. */
#define TEE_SUCCESS		  0x00000000u
#define TEE_ERROR_GENERIC	  0xffff0000u
#define TEE_ERROR_ACCESS_DENIED	  0xffff0001u
#define TEE_ERROR_BAD_FORMAT	  0xffff0005u
#define TEE_ERROR_BAD_PARAMETERS  0xffff0006u
#define TEE_ERROR_BAD_STATE	  0xffff0007u
#define TEE_ERROR_ITEM_NOT_FOUND  0xffff0008u
#define TEE_ERROR_NOT_IMPLEMENTED 0xffff0009u
#define TEE_ERROR_NOT_SUPPORTED	  0xffff000au
#define TEE_ERROR_OUT_OF_MEMORY	  0xffff000cu
#define TEE_ERROR_BUSY		  0xffff000du
#define TEE_ERROR_COMMUNICATION	  0xffff000eu
#define TEE_ERROR_SHORT_BUFFER	  0xffff0010u
#define TEE_ORIGIN_API		  1u
#define TEE_ORIGIN_COMMS	  2u
#define TEE_ORIGIN_TEE		  3u
#define TEE_ORIGIN_TRUSTED_APP	  4u

/*
 * Trusted applications, UUIDs as the 16 canonical bytes at &param.u.value
 * (bytes 0-7 = value.a read little-endian).
 *   device enumeration PTA 7011a688-ddde-4053-a5a9-7b3c4ddf13b8, cmd 0
 *   RNG PTA               ab7a617c-b8e7-4d8f-8301-d09b61036b64
 *   test TA (ours)        a4b17e57-0000-4a7b-9e11-7e57ee000001
 */
#define FW_TA_DEVENUM_GET_DEVICES      0u
#define FW_TA_DEVENUM_GET_DEVICES_SUPP 1u /* empty list */
#define FW_TA_DEVENUM_GET_DEVICES_RPMB 2u /* empty list */
#define FW_TA_RNG_GET_ENTROPY	       0u
#define FW_TA_RNG_GET_INFO	       1u
#define FW_TA_RNG_RATE_KBPS	       1024u
#define FW_TA_RNG_QUALITY	       1024u

#define FW_TA_TEST_INC	    0u /* v0 inout: a+1, b+1, c = session counter */
#define FW_TA_TEST_ECHO	    1u /* m0 in -> m1 out (reversed), v2 out: size */
#define FW_TA_TEST_CHECKSUM 2u /* m0 in: v1 out a = byte sum, b = size */
#define FW_TA_TEST_SLEEP    3u /* RPCs; v0 out: a = s, b = ns, c = shm sum */
#define FW_TA_TEST_FILL	    4u /* m0 out filled with v1.a byte, v1 inout */

#endif
