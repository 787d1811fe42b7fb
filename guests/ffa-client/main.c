// SPDX-License-Identifier: MIT
/*
 * FF-A seen from a guest, end to end (run with --firmware arbiter). The
 * bootargs name the domain's role:
 *   role=ffa     its policy routes FF-A to the mediator: every mediated
 *                call, good and hostile, over the conduits in conduits=
 *                (smc, hvc or both, default both); id= its client ID (its
 *                endpoint ID), peer= another FF-A domain's
 *   role=reset   as ffa, briefly, with shares outstanding across a
 *                SYSTEM_RESET (two boots)
 *   role=none    no FF-A rule: every FF-A call is denied (-1)
 *   role=optee   OP-TEE routed, FF-A not: the TEE type is per domain
 *   role=refused FF-A routed, but the partitions refuse the domain
 */
#include <string.h>

#include "ffa.h"

uint16_t my_id, peer_id;
unsigned ffa_conduits = 3;

enum guest_conduit cd(unsigned i)
{
	if (ffa_conduits == 1)
		return GUEST_SMC;
	if (ffa_conduits == 2)
		return GUEST_HVC;
	return (i & 1) ? GUEST_HVC : GUEST_SMC;
}

uint64_t ram(uint64_t off)
{
	return guest_ram_base + off;
}

struct smccc_res fcall(enum guest_conduit c, uint32_t fid, uint64_t a1,
		       uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
		       uint64_t a6, uint64_t a7)
{
	struct smccc_res r = {{fid, a1, a2, a3, a4, a5, a6, a7}};

	smccc_call(c, &r);
	return r;
}

bool is_ok(const struct smccc_res *r)
{
	return r->x[0] == FFA_SUCCESS;
}

bool is_err(const struct smccc_res *r, int32_t code)
{
	return r->x[0] == FFA_ERROR && r->x[2] == (uint32_t)code;
}

bool all_err(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3, int32_t code)
{
	bool ok = true;

	for (unsigned i = 0; i < 2; i++) {
		struct smccc_res r = fcall3(cd(i), fid, a1, a2, a3);

		ok = ok && is_err(&r, code);
	}
	return ok;
}

static bool has_word(const char *w)
{
	size_t n = strlen(w);

	for (const char *s = guest_bootargs; *s; s++)
		if ((s == guest_bootargs || s[-1] == ' ') &&
		    strncmp(s, w, n) == 0 && (s[n] == ' ' || s[n] == '\0'))
			return true;
	return false;
}

static void test_before_version(void)
{
	tap_ok(all_err(FFA_ID_GET, 0, 0, 0, FFA_RET_NOT_SUPPORTED) &&
		       all_err(FFA_FEATURES, FFA_VERSION, 0, 0,
			       FFA_RET_NOT_SUPPORTED) &&
		       all_err(FFA_RXTX_MAP_64, ram(TX_OFF), ram(RX_OFF), 1,
			       FFA_RET_NOT_SUPPORTED),
	       "before FFA_VERSION: ID_GET, FEATURES, RXTX_MAP answer "
	       "NOT_SUPPORTED");
	tap_ok(fcall3(cd(0), FFA_VERSION, 0x80010001u, 0, 0).x[0] ==
		       FFA_VERSION_NOT_SUPPORTED,
	       "FFA_VERSION with bit 31 set: NOT_SUPPORTED (bare w0)");
	tap_ok(fcall3(cd(1), FFA_VERSION, 0x20000, 0, 0).x[0] ==
			       FFA_VERSION_1_1 &&
		       all_err(FFA_ID_GET, 0, 0, 0, FFA_RET_NOT_SUPPORTED),
	       "FFA_VERSION 2.0 is answered 1.1 and negotiates nothing");
}

static void test_version_id(void)
{
	struct smccc_res r;

	tap_ok(fcall3(cd(0), FFA_VERSION, FFA_VERSION_1_1, 0, 0).x[0] ==
			       FFA_VERSION_1_1 &&
		       fcall3(cd(1), FFA_VERSION, 0x10002, 0, 0).x[0] ==
			       FFA_VERSION_1_1,
	       "FFA_VERSION 1.1 and 1.2: the mediator answers 1.1");
	for (unsigned i = 0; i < 2; i++) {
		r = fcall3(cd(i), FFA_ID_GET, 0, 0, 0);
		tap_ok(is_ok(&r) && r.x[2] == my_id && r.x[3] == 0 &&
			       r.x[4] == 0,
		       "%s FFA_ID_GET: endpoint 0x%x = the client ID",
		       conduit_name(cd(i)), my_id);
	}
	r = fcall3(cd(0), FFA_SPM_ID_GET, 0, 0, 0);
	tap_ok(is_ok(&r) && r.x[2] == SPMC_ID, "FFA_SPM_ID_GET: 0x%x", SPMC_ID);
}

static void test_features(void)
{
	static const uint32_t yes[] = {FFA_VERSION,
				       FFA_FEATURES,
				       FFA_ID_GET,
				       FFA_RXTX_MAP_32,
				       FFA_RXTX_MAP_64,
				       FFA_RXTX_UNMAP,
				       FFA_RX_RELEASE,
				       FFA_PARTITION_INFO_GET,
				       FFA_MEM_SHARE_32,
				       FFA_MEM_SHARE_64,
				       FFA_MEM_RECLAIM,
				       FFA_MSG_SEND_DIRECT_REQ_32,
				       FFA_MSG_SEND_DIRECT_REQ_64};
	static const uint32_t no[] = {FFA_MEM_LEND_32,
				      FFA_MEM_DONATE_32,
				      FFA_MEM_RETRIEVE_REQ_32,
				      FFA_MSG_SEND2,
				      FFA_RUN,
				      FFA_MSG_SEND_DIRECT_RESP_32,
				      FFA_ERROR,
				      FFA_NOTIFICATION_BITMAP_CREATE,
				      0x840000efu,
				      1u /* notification pending interrupt */,
				      0x82000000u /* not FF-A */};
	unsigned bad = 0;
	struct smccc_res r;

	for (unsigned i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		r = fcall3(cd(i), FFA_FEATURES, yes[i], 0, 0);
		bad += !is_ok(&r) || r.x[2] != 0;
	}
	tap_ok(bad == 0,
	       "FFA_FEATURES: the %u mediated calls, w2 = 0 (%u "
	       "wrong)",
	       (unsigned)(sizeof(yes) / sizeof(yes[0])), bad);
	bad = 0;
	for (unsigned i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		bad += !all_err(FFA_FEATURES, no[i], 0, 0,
				FFA_RET_NOT_SUPPORTED);
	tap_ok(bad == 0,
	       "FFA_FEATURES: NOT_SUPPORTED for what is not "
	       "mediated (%u wrong)",
	       bad);
}

static void test_unmediated(void)
{
	static const uint32_t fids[] = {FFA_MEM_LEND_32,
					FFA_MEM_DONATE_32,
					FFA_MEM_RETRIEVE_REQ_32,
					FFA_MEM_RELINQUISH,
					FFA_MEM_FRAG_TX,
					FFA_MSG_SEND2,
					FFA_RUN,
					FFA_MSG_WAIT,
					FFA_MSG_POLL,
					FFA_MSG_SEND_DIRECT_RESP_32,
					FFA_MSG_SEND_DIRECT_RESP_64,
					FFA_NOTIFICATION_BITMAP_CREATE,
					FFA_SUCCESS,
					FFA_ERROR,
					FFA_INTERRUPT,
					0x840000efu,
					0xc40000eeu,
					0xc4000063u};
	unsigned bad = 0;

	for (unsigned i = 0; i < sizeof(fids) / sizeof(fids[0]); i++)
		bad += !all_err(fids[i], 1, 2, 3, FFA_RET_NOT_SUPPORTED);
	tap_ok(bad == 0,
	       "%u unmediated or unknown FF-A IDs: FFA_ERROR NOT_SUPPORTED "
	       "(%u wrong)",
	       (unsigned)(sizeof(fids) / sizeof(fids[0])), bad);
}

/* Denied by policy: -1 in all of x0, nothing else touched. */
static bool denied(enum guest_conduit c, uint32_t fid)
{
	struct smccc_res r = fcall(c, fid, 1, 2, 3, 4, 5, 6, 7);

	return r.x[0] == MINUS1 && r.x[1] == 1 && r.x[7] == 7;
}

static void check_ffa_denied(const char *why)
{
	static const uint32_t fids[] = {
		FFA_VERSION,	 FFA_ID_GET,	   FFA_FEATURES,
		FFA_RXTX_MAP_64, FFA_MEM_SHARE_32, FFA_MSG_SEND_DIRECT_REQ_32};

	for (enum guest_conduit c = GUEST_SMC; c <= GUEST_HVC; c++) {
		bool ok = true;

		if (ffa_conduits & (1u << c))
			continue;
		ok = smccc(c, ARM_SMCCC_ARCH_FEATURES, FFA_VERSION, 0, 0) ==
		     MINUS1;
		for (unsigned i = 0; i < sizeof(fids) / sizeof(fids[0]); i++)
			ok = ok && denied(c, fids[i]);
		tap_ok(ok, "%s: FF-A is denied (-1) %s", conduit_name(c), why);
	}
}

static void role_ffa(void)
{
	test_before_version();
	test_version_id();
	test_features();
	test_unmediated();
	test_rxtx();
	test_partitions();
	test_direct();
	test_mem();
	test_mem_hostile();
	test_handles_guessed();
	if (guest_ncpus > 1)
		test_race();
	test_rxtx_end();
	if (ffa_conduits != 3)
		check_ffa_denied("on the conduit its policy leaves out");
	tap_ok(smccc(cd(0), 0xbf00ff01u, 0, 0, 0) == MINUS1,
	       "OP-TEE's UID query is denied: no OP-TEE rule here");
}

static void role_optee(void)
{
	struct smccc_res r = {{0xbf00ff01u}};

	smccc_call(GUEST_HVC, &r);
	tap_ok(r.x[0] == 0x384fb3e0u && r.x[1] == 0xe7f811e3u &&
		       r.x[2] == 0xaf630002u && r.x[3] == 0xa5d5c51bu,
	       "OP-TEE's API UID through the OP-TEE mediator");
	ffa_conduits = 0;
	check_ffa_denied("beside OP-TEE: the TEE type is the domain's");
}

static void role_refused(void)
{
	tap_ok(fcall3(cd(0), FFA_VERSION, FFA_VERSION_1_1, 0, 0).x[0] ==
			       FFA_VERSION_NOT_SUPPORTED &&
		       all_err(FFA_ID_GET, 0, 0, 0, FFA_RET_NOT_SUPPORTED) &&
		       all_err(FFA_PARTITION_INFO_GET, 0, 0, 0,
			       FFA_RET_NOT_SUPPORTED),
	       "refused by a partition: FFA_VERSION NOT_SUPPORTED, every "
	       "other call FFA_ERROR NOT_SUPPORTED");
}

void guest_main(void)
{
	my_id = (uint16_t)bootarg_uint("id", 0);
	peer_id = (uint16_t)bootarg_uint("peer", 0);
	if (has_word("conduits=smc"))
		ffa_conduits = 1;
	else if (has_word("conduits=hvc"))
		ffa_conduits = 2;
	printf_uart(
		"# ffa-client: endpoint 0x%x, %u vCPU(s), bootargs \"%s\"\n",
		my_id, guest_ncpus, guest_bootargs);
	if (guest_ram_size < RAM_NEEDED)
		guest_fatal("needs 25 MiB of RAM");
	if (has_word("role=reset")) {
		role_reset(); /* prints its plans itself */
		printf_uart("ffa-client: failures=%u\n", tap_failures());
		return;
	}
	if (has_word("role=ffa"))
		role_ffa();
	else if (has_word("role=none")) {
		ffa_conduits = 0;
		check_ffa_denied("without an FF-A rule");
	} else if (has_word("role=optee"))
		role_optee();
	else if (has_word("role=refused"))
		role_refused();
	else
		guest_fatal("bootargs name no role=");
	tap_plan(tap_total());
	printf_uart("ffa-client: failures=%u\n", tap_failures());
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	(void)arg;
	if (index == 1)
		race_cpu();
}
