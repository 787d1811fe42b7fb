/* SPDX-License-Identifier: MIT */
/*
 * The made-up SiP calls the monitor scenarios use between a target guest
 * and the agent guest (tests/qemu/1[2-4]-monitor-*.t). A target's policy allows
 * 0xc2000040-0xc200004f (emulated: with no agent they answer -1) and denies
 * the rest of the SiP range; in listed mode only 0xc2000040-0xc2000047 go to
 * the agent.
 */
#ifndef MONITOR_PROTOCOL_H
#define MONITOR_PROTOCOL_H

#define MP_ANSWER 0xc2000040u /* x0 = MP_ANSWER_VALUE, x1 = x1 + 1 */
#define MP_TWICE                                                               \
	0xc2000041u /* first sight: x2 = MP_TWICE_MARK, no PC advance; second  \
		     * sight: x0 = 2 (if x2 came back marked), x1 = this pc,   \
		     * x2 = the first sight's pc, advance */
#define MP_ECHO                                                                \
	0xc2000042u /* x1 vCPU, x2 n (1, 2, ... per vCPU): x0 = n + 1,         \
		     * x1 = the event's vCPU */
#define MP_SILENT 0xc2000043u /* never answered */
#define MP_REPORT                                                              \
	0xc2000044u /* x1 events, x2 errors (order, loss, duplicates, bad      \
		     * fields), x3 MP_DENIED events, x4 HVC events, x5 replies \
		     * without PC advance, x6 MP_UNLISTED events */
#define MP_LAST                                                                \
	0xc2000045u /* the last event with x1 = MP_PROBE_MARK: x1 pc, x2 esr,  \
		     * x3 conduit, x4 function ID, x5 vCPU, x6 how many,       \
		     * x7 pstate */
#define MP_HELD	    0xc2000046u /* x1 = calls the agent holds, all targets */
#define MP_BYE	    0xc2000047u /* the target's last call to the agent */
#define MP_UNLISTED 0xc2000048u /* allowed, not listed: -1 either way */
#define MP_DENIED   0xc2000050u /* denied by the target's policy */

#define MP_ANSWER_VALUE 0x600du
#define MP_TWICE_MARK	0x7770u
#define MP_PROBE_MARK	0x9b0bef00du /* x1 of a call whose event is kept */
#define MP_LEAVE_MARK	0x1ea7e00du  /* x1: an agent with "leave" powers off */

#endif
