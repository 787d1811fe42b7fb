/* SPDX-License-Identifier: MIT */
/*
 * OP-TEE's SMC and message ABI as the mediator uses it (function IDs,
 * return codes, capabilities, the argument structure). Written from the
 * ABI description in our reference digest; values are OP-TEE's.
 */
#ifndef ARBITER_OPTEE_ABI_H
#define ARBITER_OPTEE_ABI_H

#include <stdint.h>

/* Function IDs (SMC32). */
#define OPTEE_CALLS_COUNT	    0xbf00ff00u
#define OPTEE_CALLS_UID		    0xbf00ff01u
#define OPTEE_CALLS_REVISION	    0xbf00ff03u
#define OPTEE_LOAD_IMAGE	    0xbf000002u
#define OPTEE_GET_OS_UUID	    0xb2000000u
#define OPTEE_GET_OS_REVISION	    0xb2000001u
#define OPTEE_RETURN_FROM_RPC	    0x32000003u
#define OPTEE_CALL_WITH_ARG	    0x32000004u
#define OPTEE_GET_SHM_CONFIG	    0xb2000007u
#define OPTEE_L2CC_MUTEX	    0xb2000008u
#define OPTEE_EXCHANGE_CAPS	    0xb2000009u
#define OPTEE_DISABLE_SHM_CACHE	    0xb200000au
#define OPTEE_ENABLE_SHM_CACHE	    0xb200000bu
#define OPTEE_BOOT_SECONDARY	    0xb200000cu
#define OPTEE_VM_CREATED	    0xb200000du
#define OPTEE_VM_DESTROYED	    0xb200000eu
#define OPTEE_GET_THREAD_COUNT	    0xb200000fu
#define OPTEE_ENABLE_ASYNC_NOTIF    0xb2000010u
#define OPTEE_GET_ASYNC_NOTIF_VALUE 0xb2000011u
#define OPTEE_CALL_WITH_RPC_ARG	    0x32000012u
#define OPTEE_CALL_WITH_REGD_ARG    0x32000013u

/* a0 return codes. */
#define OPTEE_OK	    0u
#define OPTEE_ETHREAD_LIMIT 1u
#define OPTEE_EBUSY	    2u
#define OPTEE_ERESUME	    3u
#define OPTEE_EBADADDR	    4u
#define OPTEE_EBADCMD	    5u
#define OPTEE_ENOMEM	    6u
#define OPTEE_ENOTAVAIL	    7u
#define OPTEE_UNKNOWN	    0xffffffffu

/* RPC requests from the secure side (a0). */
#define OPTEE_RPC_ALLOC	       0xffff0000u
#define OPTEE_RPC_FREE	       0xffff0002u
#define OPTEE_RPC_FOREIGN_INTR 0xffff0004u
#define OPTEE_RPC_CMD	       0xffff0005u

static inline int optee_is_rpc(uint32_t a0)
{
	return (a0 & 0xffff0000u) == 0xffff0000u && a0 != OPTEE_UNKNOWN;
}

/* Secure-world capabilities (EXCHANGE_CAPABILITIES a1). */
#define OPTEE_CAP_HAVE_RESERVED_SHM (1u << 0)
#define OPTEE_CAP_DYNAMIC_SHM	    (1u << 2)
#define OPTEE_CAP_VIRTUALIZATION    (1u << 3)
#define OPTEE_CAP_MEMREF_NULL	    (1u << 4)
#define OPTEE_NS_CAP_UNIPROCESSOR   (1u << 0)

/* The API UID (CALLS_UID) and revision this mediator speaks. */
#define OPTEE_API_UID0	0x384fb3e0u
#define OPTEE_API_UID1	0xe7f811e3u
#define OPTEE_API_UID2	0xaf630002u
#define OPTEE_API_UID3	0xa5d5c51bu
#define OPTEE_API_MAJOR 2u

/* struct optee_msg_arg and its parameters. */
#define OPTEE_MSG_CMD_OPEN_SESSION   0u
#define OPTEE_MSG_CMD_INVOKE_COMMAND 1u
#define OPTEE_MSG_CMD_CLOSE_SESSION  2u
#define OPTEE_MSG_CMD_CANCEL	     3u
#define OPTEE_MSG_CMD_REGISTER_SHM   4u
#define OPTEE_MSG_CMD_UNREGISTER_SHM 5u

#define OPTEE_ATTR_NONE		0x0u
#define OPTEE_ATTR_VALUE_INPUT	0x1u
#define OPTEE_ATTR_VALUE_OUTPUT 0x2u
#define OPTEE_ATTR_VALUE_INOUT	0x3u
#define OPTEE_ATTR_RMEM_INPUT	0x5u
#define OPTEE_ATTR_RMEM_OUTPUT	0x6u
#define OPTEE_ATTR_RMEM_INOUT	0x7u
#define OPTEE_ATTR_TMEM_INPUT	0x9u
#define OPTEE_ATTR_TMEM_OUTPUT	0xau
#define OPTEE_ATTR_TMEM_INOUT	0xbu
#define OPTEE_ATTR_TYPE_MASK	0xffu
#define OPTEE_ATTR_META		(1u << 8)
#define OPTEE_ATTR_NONCONTIG	(1u << 9)
#define OPTEE_ATTR_CACHE_MASK	(7u << 16)

struct optee_msg_param {
	uint64_t attr;
	union {
		struct {
			uint64_t buf_ptr, size, shm_ref;
		} tmem;
		struct {
			uint64_t offs, size, shm_ref;
		} rmem;
		struct {
			uint64_t a, b, c;
		} value;
	} u;
};

struct optee_msg_arg {
	uint32_t cmd;
	uint32_t func;
	uint32_t session;
	uint32_t cancel_id;
	uint32_t pad;
	uint32_t ret;
	uint32_t ret_origin;
	uint32_t num_params;
	struct optee_msg_param params[];
};

#define OPTEE_PAGE	     4096u
#define OPTEE_ARG_SIZE(n)    (32u + 32u * (uint32_t)(n))
#define OPTEE_MAX_ARG_PARAMS 127u
/* A page-list page: 511 page addresses, then the next list page. */
#define OPTEE_LIST_ENTRIES 511u

/* RPC commands (in an RPC CMD argument). */
#define OPTEE_RPC_CMD_GET_TIME	3u
#define OPTEE_RPC_CMD_SHM_ALLOC 6u
#define OPTEE_RPC_CMD_SHM_FREE	7u

/* GlobalPlatform results and origins. */
#define TEE_SUCCESS		 0x00000000u
#define TEE_ERROR_GENERIC	 0xffff0000u
#define TEE_ERROR_ACCESS_DENIED	 0xffff0001u
#define TEE_ERROR_BAD_PARAMETERS 0xffff0006u
#define TEE_ERROR_OUT_OF_MEMORY	 0xffff000cu
#define TEE_ERROR_COMMUNICATION	 0xffff000eu
#define TEE_ERROR_TARGET_DEAD	 0xffff3024u
#define TEE_ORIGIN_COMMS	 2u

#endif
