/* SPDX-License-Identifier: MIT */
/*
 * Arm FF-A (DEN0077) v1.1 ABI facts: function IDs, error codes, partition
 * properties and the memory transaction descriptor layout. Written from
 * the specification's facts (tee-digest section 5); shared by the
 * hypervisor's mediator (core/tee/ffa*.c), the firmware's test SPMC
 * (firmware/ffa/) and the test guest (guests/ffa-client/), which all speak
 * the same wire format. Offsets rather than packed structs: every reader
 * copies fields out with memcpy or aligned loads.
 */
#ifndef ARBITER_FFA_H
#define ARBITER_FFA_H

#include <stdint.h>

/* Function numbers in OEN 4 (0x60-0xef); SMC32 0x840000nn, SMC64
 * 0xc40000nn for the calls that have a 64-bit form. */
#define FFA_FN_FIRST 0x60u
#define FFA_FN_LAST  0xefu
#define FFA_32(fn)   (0x84000000u | (fn))
#define FFA_64(fn)   (0xc4000000u | (fn))

#define FFA_ERROR		       FFA_32(0x60u)
#define FFA_SUCCESS		       FFA_32(0x61u)
#define FFA_SUCCESS_64		       FFA_64(0x61u)
#define FFA_INTERRUPT		       FFA_32(0x62u)
#define FFA_VERSION		       FFA_32(0x63u)
#define FFA_FEATURES		       FFA_32(0x64u)
#define FFA_RX_RELEASE		       FFA_32(0x65u)
#define FFA_RXTX_MAP_32		       FFA_32(0x66u)
#define FFA_RXTX_MAP_64		       FFA_64(0x66u)
#define FFA_RXTX_UNMAP		       FFA_32(0x67u)
#define FFA_PARTITION_INFO_GET	       FFA_32(0x68u)
#define FFA_ID_GET		       FFA_32(0x69u)
#define FFA_MSG_POLL		       FFA_32(0x6au)
#define FFA_MSG_WAIT		       FFA_32(0x6bu)
#define FFA_YIELD		       FFA_32(0x6cu)
#define FFA_RUN			       FFA_32(0x6du)
#define FFA_MSG_SEND		       FFA_32(0x6eu)
#define FFA_MSG_SEND_DIRECT_REQ_32     FFA_32(0x6fu)
#define FFA_MSG_SEND_DIRECT_REQ_64     FFA_64(0x6fu)
#define FFA_MSG_SEND_DIRECT_RESP_32    FFA_32(0x70u)
#define FFA_MSG_SEND_DIRECT_RESP_64    FFA_64(0x70u)
#define FFA_MEM_DONATE_32	       FFA_32(0x71u)
#define FFA_MEM_LEND_32		       FFA_32(0x72u)
#define FFA_MEM_SHARE_32	       FFA_32(0x73u)
#define FFA_MEM_SHARE_64	       FFA_64(0x73u)
#define FFA_MEM_RETRIEVE_REQ_32	       FFA_32(0x74u)
#define FFA_MEM_RETRIEVE_RESP	       FFA_32(0x75u)
#define FFA_MEM_RELINQUISH	       FFA_32(0x76u)
#define FFA_MEM_RECLAIM		       FFA_32(0x77u)
#define FFA_MEM_FRAG_RX		       FFA_32(0x7au)
#define FFA_MEM_FRAG_TX		       FFA_32(0x7bu)
#define FFA_NOTIFICATION_BITMAP_CREATE FFA_32(0x7du)
#define FFA_SPM_ID_GET		       FFA_32(0x85u)
#define FFA_MSG_SEND2		       FFA_32(0x86u)

/* Error codes, in w2 of FFA_ERROR (32-bit two's complement). */
#define FFA_RET_NOT_SUPPORTED	   (-1)
#define FFA_RET_INVALID_PARAMETERS (-2)
#define FFA_RET_NO_MEMORY	   (-3)
#define FFA_RET_BUSY		   (-4)
#define FFA_RET_INTERRUPTED	   (-5)
#define FFA_RET_DENIED		   (-6)
#define FFA_RET_RETRY		   (-7)
#define FFA_RET_ABORTED		   (-8)
#define FFA_RET_NO_DATA		   (-9)

/* FFA_VERSION: bit 31 clear, major in [30:16], minor in [15:0]. A bare
 * 0xffffffff in w0 is NOT_SUPPORTED. */
#define FFA_VERSION_1_0		  0x10000u
#define FFA_VERSION_1_1		  0x10001u
#define FFA_VERSION_MAJOR(v)	  (((v) >> 16) & 0x7fffu)
#define FFA_VERSION_MINOR(v)	  ((v)&0xffffu)
#define FFA_VERSION_NOT_SUPPORTED 0xffffffffu

/* Endpoint IDs: 16 bits, 0 = the hypervisor, bit 15 = a secure endpoint. */
#define FFA_ID_HYP	  0u
#define FFA_ID_SECURE_BIT 0x8000u

/* FFA_PARTITION_INFO_GET: w5 bit 0 asks for the count only (v1.1). */
#define FFA_PART_INFO_COUNT_ONLY 1u
#define FFA_PART_DESC_SIZE	 24u /* v1.1: id, contexts, properties, UUID */
#define FFA_PART_DESC_SIZE_1_0	 8u  /* v1.0: no UUID */
#define FFA_PART_OFF_ID		 0u
#define FFA_PART_OFF_CONTEXTS	 2u
#define FFA_PART_OFF_PROPS	 4u
#define FFA_PART_OFF_UUID	 8u

/* Partition properties. */
#define FFA_PROP_DIRECT_RECV  (1u << 0)
#define FFA_PROP_DIRECT_SEND  (1u << 1)
#define FFA_PROP_INDIRECT     (1u << 2)
#define FFA_PROP_NOTIFICATION (1u << 3)
#define FFA_PROP_VM_CREATED   (1u << 6)
#define FFA_PROP_VM_DESTROYED (1u << 7)
#define FFA_PROP_AARCH64      (1u << 8)

/* Direct messages: w1 = sender [31:16] | receiver [15:0]; w2 bit 31 marks
 * a framework message whose type is in [7:0]. */
#define FFA_MSG_FLAG_FRAMEWORK	   (1u << 31)
#define FFA_FRAMEWORK_VM_CREATED   4u /* + 1: its response */
#define FFA_FRAMEWORK_VM_DESTROYED 6u /* + 1: its response */

/* RXTX buffers are counted in 4 KiB pages; w3[5:0] of RXTX_MAP. */
#define FFA_PAGE	    4096ull
#define FFA_RXTX_PAGES_MASK 0x3fu

/* Memory transaction descriptor, v1.1 header (48 bytes). */
#define FFA_MTD_OFF_SENDER	0u  /* u16 */
#define FFA_MTD_OFF_ATTRIBUTES	2u  /* u16 (v1.0: u8 + u8 reserved) */
#define FFA_MTD_OFF_FLAGS	4u  /* u32 */
#define FFA_MTD_OFF_HANDLE	8u  /* u64 */
#define FFA_MTD_OFF_TAG		16u /* u64 */
#define FFA_MTD_OFF_EMAD_SIZE	24u /* u32 (v1.0: reserved) */
#define FFA_MTD_OFF_EMAD_COUNT	28u /* u32 */
#define FFA_MTD_OFF_EMAD_OFFSET 32u /* u32 (v1.0: EMADs start here) */
#define FFA_MTD_SIZE		48u
#define FFA_MTD_SIZE_1_0	32u

/* Endpoint memory access descriptor (16 bytes in v1.0 and v1.1). */
#define FFA_EMAD_OFF_RECEIVER  0u /* u16 */
#define FFA_EMAD_OFF_PERMS     2u /* u8 */
#define FFA_EMAD_OFF_FLAGS     3u /* u8 */
#define FFA_EMAD_OFF_COMPOSITE 4u /* u32: offset of the composite */
#define FFA_EMAD_SIZE	       16u

/* Composite memory region: header, then 16-byte constituents. */
#define FFA_COMP_OFF_PAGES   0u /* u32 total pages */
#define FFA_COMP_OFF_NRANGES 4u /* u32 */
#define FFA_COMP_SIZE	     16u
#define FFA_RANGE_OFF_ADDR   0u /* u64, 4 KiB aligned */
#define FFA_RANGE_OFF_PAGES  8u /* u32 */
#define FFA_RANGE_SIZE	     16u

/* Memory region attributes: normal memory, write-back, inner shareable is
 * what a sharer names (what Linux sends for MEM_SHARE). Bit 6 (NS) is the
 * SPMC's to set, never a sender's. */
#define FFA_MEM_ATTR_NORMAL_WB_IS 0x2fu
#define FFA_MEM_ATTR_NS		  (1u << 6)

/* Access permissions: data [1:0], instruction [3:2]. */
#define FFA_PERM_DATA_MASK 0x3u
#define FFA_PERM_RO	   0x1u
#define FFA_PERM_RW	   0x2u
#define FFA_PERM_INST_MASK 0xcu
#define FFA_PERM_NX	   0x4u

/* Transaction flags of MEM_SHARE: time slicing (bit 1) and the
 * transaction type [4:3] (0 or 1 = share) are all a sharer may set. */
#define FFA_MTD_FLAG_TIME_SLICE (1u << 1)
#define FFA_MTD_FLAG_TYPE_MASK	(3u << 3)
#define FFA_MTD_FLAG_TYPE_SHARE (1u << 3)

/* A handle is 64 bits; all ones is invalid. */
#define FFA_HANDLE_INVALID (~0ull)

#endif
