/* SPDX-License-Identifier: MIT */
/*
 * The made-up SiP calls the monitor scenarios use between a target guest
 * and the agent guest. The target's policy allows 0xc2000040-0xc200004f
 * (emulated: with no agent they would answer -1) and denies the rest.
 */
#ifndef MONITOR_PROTOCOL_H
#define MONITOR_PROTOCOL_H

#define MP_ANSWER 0xc2000042u /* agent: x0 = 0x600d, x1 = x1 + 1 */
#define MP_TWICE  0xc2000043u /* agent: first sight no advance, then x0 = 2 */
#define MP_ECHO	  0xc2000044u /* agent: x0 = x2 + 1 (load test) */
#define MP_SILENT 0xc2000045u /* agent never replies */
#define MP_REPORT                                                              \
	0xc2000046u	      /* agent: x1 events, x2 order errors,            \
			       * x3 events of MP_DENIED, x4 HVC events */
#define MP_DENIED 0xc2000050u /* denied by the target's policy */

#define MP_ANSWER_VALUE 0x600du

#endif
