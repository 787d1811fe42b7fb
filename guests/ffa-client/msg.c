// SPDX-License-Identifier: MIT
/*
 * Direct requests to the test partitions: payloads there and back in both
 * widths, the sender the partition sees (always this domain, whatever the
 * guest writes), receivers that are not partitions, framework messages a
 * guest may not send.
 */
#include "ffa.h"

struct smccc_res sp_call(enum guest_conduit c, bool is64, uint16_t sp,
			 uint32_t cmd, uint64_t a4, uint64_t a5, uint64_t a6,
			 uint64_t a7)
{
	return fcall(c,
		     is64 ? FFA_MSG_SEND_DIRECT_REQ_64
			  : FFA_MSG_SEND_DIRECT_REQ_32,
		     (uint32_t)my_id << 16 | sp, 0, cmd, a4, a5, a6, a7);
}

bool sp_answered(const struct smccc_res *r, bool is64, uint16_t sp)
{
	return r->x[0] == (is64 ? FFA_MSG_SEND_DIRECT_RESP_64
				: FFA_MSG_SEND_DIRECT_RESP_32) &&
	       r->x[1] == ((uint32_t)sp << 16 | my_id) && r->x[2] == 0 &&
	       r->x[3] == 0;
}

static void test_echo(void)
{
	const uint64_t w[4] = {0x11111111, 0x22222222, 0x33333333, 0xfedcba98};
	const uint64_t x[4] = {0x1111222233334444ull, 0x5555666677778888ull,
			       0x99990000aaaabbbbull, 0xccccddddeeeeffffull};
	struct smccc_res r;

	for (unsigned i = 0; i < 2; i++) {
		r = sp_call(cd(i), false, SP1, SP_CMD_ECHO, w[0], w[1], w[2],
			    w[3]);
		tap_ok(sp_answered(&r, false, SP1) && r.x[4] == w[0] &&
			       r.x[5] == w[1] && r.x[6] == w[2] &&
			       r.x[7] == w[3],
		       "%s DIRECT_REQ_32 to 0x8001: RESP_32 from it to us, "
		       "w4-w7 echoed",
		       conduit_name(cd(i)));
	}
	r = sp_call(cd(1), true, SP2, SP_CMD_ECHO, x[0], x[1], x[2], x[3]);
	tap_ok(sp_answered(&r, true, SP2) && r.x[4] == x[0] && r.x[5] == x[1] &&
		       r.x[6] == x[2] && r.x[7] == x[3],
	       "DIRECT_REQ_64 to 0x8002: x4-x7 echoed in 64 bits");
	r = sp_call(cd(0), false, SP2, SP_CMD_ECHO, 0xffffffff00000005ull, 6, 7,
		    8);
	tap_ok(sp_answered(&r, false, SP2) && r.x[4] == 5,
	       "DIRECT_REQ_32: only w4 reaches the partition");
	r = sp_call(cd(1), false, SP1, SP_CMD_ADD, 1, 2, 3, 4);
	tap_ok(sp_answered(&r, false, SP1) && r.x[4] == 10 && r.x[5] == my_id,
	       "ADD: 1 + 2 + 3 + 4 = 10, sent by 0x%x", my_id);
	r = sp_call(cd(0), false, SP1, 0x99, 0, 0, 0, 0);
	tap_ok(r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 &&
		       r.x[3] == (uint32_t)FFA_RET_NOT_SUPPORTED,
	       "an unknown command: the partition's NOT_SUPPORTED status");
}

static uint64_t whoami_count(void)
{
	struct smccc_res r =
		sp_call(cd(0), false, SP1, SP_CMD_WHOAMI, 0, 0, 0, 0);

	if (!sp_answered(&r, false, SP1) || r.x[4] != my_id || r.x[5] != SP1)
		return 0;
	return r.x[6];
}

/* A request whose w1 is written by hand. */
static bool refused_w1(uint32_t w1, uint32_t w2)
{
	bool ok = true;

	for (unsigned i = 0; i < 2; i++) {
		struct smccc_res r =
			fcall(cd(i), FFA_MSG_SEND_DIRECT_REQ_32, w1, w2,
			      SP_CMD_WHOAMI, 0, 0, peer_id, 0);

		ok = ok && is_err(&r, FFA_RET_INVALID_PARAMETERS);
	}
	return ok;
}

static void test_forged(void)
{
	const uint16_t senders[] = {peer_id, 0, SP1, SP2, (uint16_t)(my_id + 1),
				    0xffff};
	const uint16_t receivers[] = {0,      my_id,   peer_id,
				      0x8003, SPMC_ID, 0xffff};
	uint64_t before = whoami_count(), after;
	unsigned wrong = 0;

	for (unsigned i = 0; i < 6; i++)
		wrong += !refused_w1((uint32_t)senders[i] << 16 | SP1, 0);
	after = whoami_count();
	tap_ok(before > 0 && wrong == 0 && after == before + 1,
	       "6 forged senders (another VM, 0, partitions...): "
	       "INVALID_PARAMETERS, none reached 0x8001 (%u wrong)",
	       wrong);
	wrong = 0;
	for (unsigned i = 0; i < 6; i++)
		wrong += !refused_w1((uint32_t)my_id << 16 | receivers[i], 0);
	tap_ok(wrong == 0,
	       "receivers that are no partition (0, itself, another VM, "
	       "0x8003, the SPMC): INVALID_PARAMETERS (%u wrong)",
	       wrong);
	tap_ok(refused_w1((uint32_t)my_id << 16 | SP1,
			  FFA_MSG_FLAG_FRAMEWORK |
				  FFA_FRAMEWORK_VM_DESTROYED) &&
		       refused_w1((uint32_t)my_id << 16 | SP1, 1),
	       "a framework message (VM destroyed) or flags in w2: "
	       "INVALID_PARAMETERS");
}

void test_direct(void)
{
	test_echo();
	test_forged();
}
