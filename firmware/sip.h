/* SPDX-License-Identifier: MIT */
/*
 * The firmware's SiP "platform management" ABI (OEN 2, fast calls); the
 * normal world's side of it. Documented in docs/firmware.md.
 */
#ifndef ARBITER_FW_SIP_H
#define ARBITER_FW_SIP_H

#define FW_SIP_PM_VERSION    0x82000000u /* -> x1 = 1.0 (0x00010000) */
#define FW_SIP_CLOCK_ENABLE  0x82000001u /* w1 = clock */
#define FW_SIP_CLOCK_DISABLE 0x82000002u /* w1 = clock */
#define FW_SIP_CLOCK_GET                                                       \
	0x82000003u /* w1 = clock -> x1 on, x2 owner, x3 Hz                    \
		     */
#define FW_SIP_REG_READ	      0x82000004u /* w1 = index -> x1 = value */
#define FW_SIP_REG_WRITE      0x82000005u /* w1 = index, w2 = value */
#define FW_SIP_CALL_COUNT     0x82000006u /* w1 = client -> x1 all, x2 SiP */
#define FW_SIP_ECHO32	      0x82000007u /* w1..w7 + 1 */
#define FW_SIP_ECHO64	      0xc2000007u /* x1..x17 + 1 */
#define FW_SIP_SVC_CALL_COUNT 0x8200ff00u /* -> 9 */
#define FW_SIP_SVC_UID	      0x8200ff01u
#define FW_SIP_SVC_REVISION   0x8200ff03u /* -> 1.0 */

#define FW_SIP_API_VERSION  0x00010000u
#define FW_SIP_NCLOCKS	    8
#define FW_SIP_NREGS	    16
#define FW_SIP_NCLIENTS	    16		/* client IDs counted one by one */
#define FW_SIP_CLIENT_OTHER 0xffffu	/* CALL_COUNT bucket for IDs >= 16 */
#define FW_SIP_NO_OWNER	    0xffffffffu /* CLOCK_GET x2 of a clock that is off */
#define FW_SIP_REG_RESET(i) (0xa5000000u | (i)) /* window value after boot */

/* SiP Call UID: 4ff33b7c-0f13-41e3-ab13-7d1b1031b4a2, byte 0 in W0[7:0]. */
#define FW_SIP_UID_W0 0x7c3bf34fu
#define FW_SIP_UID_W1 0xe341130fu
#define FW_SIP_UID_W2 0x1b7d13abu
#define FW_SIP_UID_W3 0xa2b43110u

#endif
