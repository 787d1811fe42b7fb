// SPDX-License-Identifier: MIT
/*
 * mode=hostile: a guest that attacks the mediator while its neighbour
 * (mode=neighbour) keeps working. Every bad call must be answered by the
 * mediator itself (EBADADDR, EBADCMD, -1, or a TEE error with origin
 * COMMS in the argument), and the firmware's count of this client's TEE
 * calls must not move; a call the mediator passes and the test TEE
 * refuses says so by its origin (TEE, TA). Here: forbidden functions,
 * argument addresses, num_params and cmd, page lists, registered-buffer
 * cookies. hostile_rpc.c: threads, RPC answers, the pool; rewrite.c:
 * another vCPU changing the argument.
 */
#include <string.h>

#include "tc.h"

#define TMEM_NC(t) (OPTEE_MSG_ATTR_##t | OPTEE_MSG_ATTR_NONCONTIG)

bool refused(struct tc_arg *a, uint32_t ret)
{
	uint64_t before = fw_seen();
	struct tc_call k;
	uint32_t a0;

	call_init(&k, tc.c);
	a0 = call_raw(&k, ipa(a) >> 32, ipa(a) & 0xffffffffu, false);
	if (is_rpc(a0)) /* it got through: end it; the model will say so */
		a0 = call_finish(&k);
	if (fw_seen() != before)
		printf_uart("# forwarded: cmd %u, p0 attr 0x%llx, ret 0x%x "
			    "origin %u\n",
			    a->cmd, (unsigned long long)a->p[0].attr, a->ret,
			    a->ret_origin);
	return a0 == 0 && a->ret == ret && a->ret_origin == TEE_ORIGIN_COMMS &&
	       fw_seen() == before;
}

bool refused_a0(uint64_t a1, uint64_t a2, uint32_t want)
{
	uint64_t before = fw_seen();
	struct tc_call k;
	uint32_t a0;

	call_init(&k, tc.c);
	a0 = call_raw(&k, a1, a2, false);
	if (is_rpc(a0))
		a0 = call_finish(&k);
	return a0 == want && fw_seen() == before;
}

void preempt_next(uint32_t s)
{
	uint64_t v[3] = {0, 0, 0};

	while ((atomic_load(&model_std) + 1) % TC_PREEMPT_EVERY != 0)
		ta_inc(tc.c, s, v);
}

/* CHECKSUM with p0 (and p1) as given, which the mediator must refuse. */
bool p0_refused(uint32_t s, struct tc_param p0, uint32_t ret)
{
	struct tc_arg *a = my_arg(1);

	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_CHECKSUM, s, 2);
	a->p[0] = p0;
	a->p[1].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
	return refused(a, ret);
}

static void forbidden(void)
{
	static const uint32_t fids[] = {
		OPTEE_SMC_VM_CREATED,  OPTEE_SMC_VM_DESTROYED,
		TC_BOOT_SECONDARY,     TC_L2CC_MUTEX,
		TC_LOAD_IMAGE,	       OPTEE_SMC_CALLS_COUNT,
		TC_CALL_WITH_RPC_ARG,  TC_CALL_WITH_REGD_ARG,
		TC_ENABLE_ASYNC_NOTIF, TC_GET_ASYNC_NOTIF_VALUE,
		TC_GET_PROTMEM_CONFIG, 0xb2000015u,
		0xb200ffffu,	       0xbf00ff02u,
		0xbf00fffeu,	       0x32000000u,
		0x32000002u,	       0x32000005u,
		0x3200ffffu,	       0xf2000004u,
		0xf2000009u,	       0xbf000001u,
	};
	const uint64_t args[] = {tc.id, tc.peer, 0, 42};
	uint64_t before = fw_seen();
	unsigned bad = 0, n = 0;

	CONDUITS(c)
	{
		for (unsigned i = 0; i < sizeof(fids) / sizeof(fids[0]); i++)
			for (unsigned j = 0; j < 4; j++, n++)
				bad += smccc(c, fids[i], args[j], 0, 0) !=
				       MINUS1;
		bad += smccc(c, OPTEE_SMC_GET_SHM_CONFIG, 0, 0, 0) !=
		       OPTEE_SMC_RETURN_ENOTAVAIL;
	}
	/* VM_CREATED/DESTROYED of us, the neighbour and others,
	 * BOOT_SECONDARY, L2CC_MUTEX, LOAD_IMAGE, RPC_ARG, REGD_ARG, async
	 * notifications, unknown and SMC64 IDs. */
	tap_ok(bad == 0,
	       "%u forbidden calls on both conduits: -1 (VM_*, "
	       "BOOT_SECONDARY, L2CC, LOAD_IMAGE...); GET_SHM_CONFIG: "
	       "ENOTAVAIL",
	       n);
	tap_ok(fw_seen() == before, "none of them reached the secure side");
}

static void bad_addresses(void)
{
	struct tc_arg *a = my_arg(1);
	const uint64_t at = ipa(a);
	const uint64_t bad[] = {
		0,
		SECURE_RAM,
		UART_PA,
		0x08000000,
		HYP_PA,
		ram_end(),
		guest_ram_base - PG,
		at + 8,
		at + 0x800,
		0xfffffffffffff000ull,
		0x100000000ull,
	};
	unsigned good = 0, n = sizeof(bad) / sizeof(bad[0]);

	arg_set(a, OPTEE_MSG_CMD_CANCEL, 0, 0, 0);
	for (unsigned i = 0; i < n; i++)
		good += refused_a0(bad[i] >> 32, bad[i] & 0xffffffffu,
				   OPTEE_SMC_RETURN_EBADADDR);
	tap_ok(good == n,
	       "argument in flash, secure RAM, devices, the hypervisor, "
	       "outside our RAM, unaligned: EBADADDR (%u of %u)",
	       good, n);
	if (tc.peer_pa &&
	    (tc.peer_pa >= ram_end() || tc.peer_pa < guest_ram_base))
		tap_ok(refused_a0(tc.peer_pa >> 32, tc.peer_pa & 0xffffffffu,
				  OPTEE_SMC_RETURN_EBADADDR),
		       "argument at the neighbour's RAM (PA 0x%llx): EBADADDR",
		       (unsigned long long)tc.peer_pa);
	/* SMC32: only w1 and w2 name the argument. */
	tap_ok(tc_std(tc.c, a) == 0, "CANCEL at a good address is forwarded");
	{
		struct tc_call k;

		a->ret = a->ret_origin = 0xdeadbeef;
		call_init(&k, tc.c);
		call_raw(&k, 0xdead000000000000ull | (at >> 32),
			 0xbeef000000000000ull | (at & 0xffffffffu), true);
		tap_ok(call_finish(&k) == 0 && a->ret == 0 &&
			       a->ret_origin == TEE_ORIGIN_TEE,
		       "junk in x1/x2[63:32] is ignored (SMC32): the TEE "
		       "answers");
	}
}

static void bad_header(uint32_t s)
{
	struct tc_arg *a = my_arg(1);
	const uint32_t nps[] = {128, 1000, 0x80000000u, 0xffffffffu};
	const uint32_t cmds[] = {6, 7, 8, 0x80000000u, 0xffffffffu};
	unsigned good = 0;

	for (unsigned i = 0; i < 4; i++) {
		arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, s, 0);
		a->nparams = nps[i];
		good += refused_a0(ipa(a) >> 32, ipa(a) & 0xffffffffu,
				   OPTEE_SMC_RETURN_EBADADDR) &&
			a->ret == 0xdeadbeef;
	}
	tap_ok(good == 4,
	       "num_params 128, 1000, 2^31, 2^32-1: EBADADDR, argument "
	       "untouched");
	for (good = 0; good < 5; good++) {
		arg_set(a, cmds[good], 0, s, 0);
		if (!refused_a0(ipa(a) >> 32, ipa(a) & 0xffffffffu,
				OPTEE_SMC_RETURN_EBADCMD) ||
		    a->ret != 0xdeadbeef)
			break;
	}
	tap_ok(good == 5, "unknown message commands: EBADCMD, untouched");
	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_INC, s, 127);
	tap_ok(tc_std(tc.c, a) == TEE_ERROR_BAD_PARAMETERS &&
		       a->ret_origin == TEE_ORIGIN_TEE,
	       "127 parameters fit the page: the TEE refuses them itself");
}

static uint64_t one_page_list(struct tc_list *l, void *page, uint64_t entry)
{
	list_make(l, &page, 1, 0);
	l->lp[0][0] = entry;
	return l->buf;
}

/* A list page whose entries all name one page; next = link. */
static uint64_t *list_page(void *data, uint64_t link)
{
	uint64_t *lp = pg_alloc();

	for (unsigned i = 0; i < 511; i++)
		lp[i] = ipa(data);
	lp[511] = link;
	return lp;
}

static void bad_entries(uint32_t s, void *page)
{
	const uint64_t bad[] = {SECURE_RAM,	    HYP_PA,	      UART_PA,
				ram_end(),	    ipa(page) + 0x10, 0,
				guest_ram_base - PG};
	const unsigned n = sizeof(bad) / sizeof(bad[0]);
	void *three[3] = {page, page, page};
	struct tc_list l;
	unsigned good = 0;

	for (unsigned i = 0; i < n; i++) {
		one_page_list(&l, page, bad[i]);
		good += p0_refused(s, tmem(TMEM_NC(TMEM_INPUT), l.buf, 64),
				   TEE_ERROR_BAD_PARAMETERS);
		list_free(&l);
	}
	tap_ok(good == n,
	       "list entries in secure RAM, the hypervisor, the UART, past "
	       "and before our RAM, misaligned, 0: BAD_PARAMETERS (COMMS)");
	if (tc.peer_pa &&
	    (tc.peer_pa >= ram_end() || tc.peer_pa < guest_ram_base)) {
		one_page_list(&l, page, tc.peer_pa);
		tap_ok(p0_refused(s, tmem(TMEM_NC(TMEM_INPUT), l.buf, 64),
				  TEE_ERROR_BAD_PARAMETERS),
		       "a list entry in the neighbour's RAM: BAD_PARAMETERS");
		list_free(&l);
	}
	list_make(&l, three, 3, 0);
	l.lp[0][2] = SECURE_RAM;
	tap_ok(p0_refused(s, tmem(TMEM_NC(TMEM_INPUT), l.buf, 3 * PG),
			  TEE_ERROR_BAD_PARAMETERS),
	       "the third entry of three foreign: BAD_PARAMETERS");
	tap_ok(p0_refused(s, tmem(TMEM_NC(TMEM_INPUT), SECURE_RAM | 0x10, 64),
			  TEE_ERROR_BAD_PARAMETERS) &&
		       p0_refused(s,
				  tmem(TMEM_NC(TMEM_INPUT), guest_ram_base - PG,
				       64),
				  TEE_ERROR_BAD_PARAMETERS),
	       "the list page itself in secure RAM, before our RAM: "
	       "BAD_PARAMETERS");
	list_free(&l);
}

static void bad_sizes(uint32_t s, void *page)
{
	struct tc_list l;
	const uint64_t pages = bootarg_uint("buffer-pages", 512);

	one_page_list(&l, page, ipa(page));
	tap_ok(p0_refused(s, tmem(TMEM_NC(TMEM_INPUT), l.buf, 0),
			  TEE_ERROR_BAD_PARAMETERS),
	       "size 0 with a list: BAD_PARAMETERS");
	tap_ok(p0_refused(s, tmem(TMEM_NC(TMEM_INPUT), l.buf, 1ull << 40),
			  TEE_ERROR_OUT_OF_MEMORY) &&
		       p0_refused(s, tmem(TMEM_NC(TMEM_INPUT), l.buf, MINUS1),
				  TEE_ERROR_OUT_OF_MEMORY) &&
		       p0_refused(s,
				  tmem(TMEM_NC(TMEM_INPUT), l.buf | 0xfff,
				       MINUS1 - 0x800),
				  TEE_ERROR_OUT_OF_MEMORY),
	       "sizes 2^40, 2^64-1, offset + size wrapping: OUT_OF_MEMORY");
	tap_ok(p0_refused(s, tmem(TMEM_NC(TMEM_INPUT), l.buf, pages * PG + 1),
			  TEE_ERROR_OUT_OF_MEMORY),
	       "%llu pages, one more than the domain's buffer limit: "
	       "OUT_OF_MEMORY, before a list entry is read",
	       (unsigned long long)pages + 1);
	list_free(&l);
}

/* Lists longer than one list page: a cycle, a bad link, and a good
 * chain the mediator passes (the test TEE then refuses more than 1 MiB
 * itself, origin TEE). */
static void chains(uint32_t s, void *page)
{
	uint64_t *a = list_page(page, 0), *b = list_page(page, 0);
	uint64_t *c = list_page(page, 0);
	struct tc_arg *m = my_arg(1);

	a[511] = ipa(b);
	b[511] = ipa(a);
	tap_ok(p0_refused(s, tmem(TMEM_NC(TMEM_INPUT), ipa(a), 1200ull * PG),
			  TEE_ERROR_BAD_PARAMETERS),
	       "a list of 1200 pages whose third list page is its first (a "
	       "cycle): BAD_PARAMETERS");
	a[511] = ipa(a);
	tap_ok(p0_refused(s, tmem(TMEM_NC(TMEM_INPUT), ipa(a), 600ull * PG),
			  TEE_ERROR_BAD_PARAMETERS),
	       "a list page linking to itself: BAD_PARAMETERS");
	a[511] = SECURE_RAM;
	tap_ok(p0_refused(s, tmem(TMEM_NC(TMEM_INPUT), ipa(a), 600ull * PG),
			  TEE_ERROR_BAD_PARAMETERS),
	       "a next-list link into secure RAM: BAD_PARAMETERS");
	a[511] = ipa(b) + 8;
	tap_ok(p0_refused(s, tmem(TMEM_NC(TMEM_INPUT), ipa(a), 600ull * PG),
			  TEE_ERROR_BAD_PARAMETERS),
	       "a misaligned next-list link: BAD_PARAMETERS");
	a[511] = ipa(b);
	b[511] = ipa(c);
	arg_set(m, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_CHECKSUM, s, 2);
	m->p[0] = tmem(TMEM_NC(TMEM_INPUT), ipa(a) | 0x100, 1100ull * PG);
	m->p[1].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
	tap_ok(tc_std(tc.c, m) == TEE_ERROR_BAD_PARAMETERS &&
		       m->ret_origin == TEE_ORIGIN_TEE,
	       "a good chain of three list pages (1100 pages) passes the "
	       "mediator; the test TEE refuses over 1 MiB itself");
	pg_free(a);
	pg_free(b);
	pg_free(c);
}

static void bad_attrs(uint32_t s, void *page)
{
	const uint64_t attrs[] = {
		OPTEE_MSG_ATTR_VALUE_INPUT | OPTEE_MSG_ATTR_NONCONTIG,
		TMEM_NC(TMEM_INPUT) | (1u << 16),
		4,
		8,
		0xc,
		0xff,
		TMEM_NC(TMEM_INPUT) | (1ull << 32),
	};
	const unsigned n = sizeof(attrs) / sizeof(attrs[0]);
	struct tc_arg *a = my_arg(1);
	unsigned good = 0;
	struct tc_list l;

	one_page_list(&l, page, ipa(page));
	for (unsigned t = OPTEE_MSG_ATTR_TMEM_INPUT;
	     t <= OPTEE_MSG_ATTR_TMEM_INOUT; t++)
		good += p0_refused(s, tmem(t, ipa(page), 64),
				   TEE_ERROR_BAD_PARAMETERS);
	tap_ok(good == 3,
	       "TMEM without NONCONTIG naming our own page (in, out, inout): "
	       "BAD_PARAMETERS");
	for (good = 0; good < n; good++)
		if (!p0_refused(s, tmem(attrs[good], l.buf, 64),
				TEE_ERROR_BAD_PARAMETERS))
			break;
	if (good < n)
		printf_uart("# attr 0x%llx: ret 0x%x origin %u\n",
			    (unsigned long long)attrs[good], my_arg(1)->ret,
			    my_arg(1)->ret_origin);
	tap_ok(good == n,
	       "NONCONTIG on a value, cache bits, types 4, 8, 0xc, 0xff, bit "
	       "32: BAD_PARAMETERS");
	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_CHECKSUM, s, 2);
	a->p[0] = tmem(TMEM_NC(TMEM_INPUT), l.buf, 64);
	a->p[1] = tmem(TMEM_NC(TMEM_OUTPUT), SECURE_RAM, 64);
	tap_ok(refused(a, TEE_ERROR_BAD_PARAMETERS),
	       "a good p0 beside a foreign p1: BAD_PARAMETERS");
	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_CHECKSUM, s, 2);
	a->p[0] = tmem(OPTEE_MSG_ATTR_TMEM_INPUT, 0, 64);
	a->p[1].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
	tap_ok(tc_std(tc.c, a) == TEE_ERROR_BAD_PARAMETERS &&
		       a->ret_origin == TEE_ORIGIN_TRUSTED_APP,
	       "a NULL memref passes the mediator (the TA refuses it)");
	list_free(&l);
}

/* Our page at the IPA equal to the neighbour's PA is ours: the TEE fills
 * it, never the neighbour's (who checks its own page afterwards). */
static void peer_alias(uint32_t s)
{
	uint8_t *mine = (uint8_t *)(uintptr_t)tc.peer_pa;
	struct tc_param m;
	struct tc_list l;

	/* Clear of our image, pages, record and device tree. */
	if (tc.peer_pa < guest_ram_base + 0x1000000 ||
	    tc.peer_pa >= ram_end() - 0x200000) {
		printf_uart("# the neighbour's PA is not in our RAM\n");
		return;
	}
	memset(mine, 0, PG);
	m = tmem(TMEM_NC(TMEM_OUTPUT), one_page_list(&l, mine, tc.peer_pa), PG);
	tap_ok(ta_fill(tc.c, s, &m, 0xa7) == 0 && mine[0] == 0xa7 &&
		       mine[PG - 1] == 0xa7,
	       "IPA 0x%llx (the neighbour's PA) names our own page: filled",
	       (unsigned long long)tc.peer_pa);
	list_free(&l);
}

static void pending_cookie(uint32_t s, void *page)
{
	const uint64_t cookie = 0x4858000000000099ull;
	struct tc_arg *a = my_arg(2);
	struct tc_list l;
	struct tc_call k;
	uint64_t sum = 0;

	preempt_next(s);
	arg_set(a, OPTEE_MSG_CMD_REGISTER_SHM, 0, 0, 1);
	a->p[0] = tmem(TMEM_NC(TMEM_OUTPUT), one_page_list(&l, page, ipa(page)),
		       PG);
	a->p[0].c = cookie;
	call_init(&k, tc.c);
	tap_ok(call_start(&k, a) == OPTEE_SMC_RPC_FOREIGN_INTR,
	       "a REGISTER_SHM held in its FOREIGN_INTR");
	tap_ok(p0_refused(s, rmem(OPTEE_MSG_ATTR_RMEM_INPUT, cookie, 0, 16),
			  TEE_ERROR_BAD_PARAMETERS),
	       "its cookie while it is in flight: BAD_PARAMETERS");
	tap_ok(refused(reg_arg(my_arg(1), l.buf, PG, cookie),
		       TEE_ERROR_BAD_PARAMETERS),
	       "the same cookie registered meanwhile: BAD_PARAMETERS");
	tap_ok(call_finish(&k) == 0 && a->ret == 0,
	       "the held REGISTER_SHM completes");
	tap_ok(ta_sum(tc.c, s,
		      &(struct tc_param){OPTEE_MSG_ATTR_RMEM_INPUT, 0, 16,
					 cookie},
		      &sum) == 0,
	       "and its cookie works");
	tap_ok(shm_unregister(tc.c, cookie) == 0, "unregistered");
	list_free(&l);
}

static void cookies(uint32_t s, void *page)
{
	struct tc_list l;
	uint64_t sum = 0, want;
	struct tc_param m;

	want = pages_fill(&page, 1, 0x40);
	one_page_list(&l, page, ipa(page));
	tap_ok(p0_refused(s, rmem(OPTEE_MSG_ATTR_RMEM_INPUT, 0x1234, 0, 16),
			  TEE_ERROR_BAD_PARAMETERS),
	       "RMEM naming a cookie never registered: BAD_PARAMETERS");
	tap_ok(p0_refused(s, rmem(OPTEE_MSG_ATTR_RMEM_INPUT, NB_COOKIE, 0, 16),
			  TEE_ERROR_BAD_PARAMETERS),
	       "RMEM naming the neighbour's registered cookie: "
	       "BAD_PARAMETERS");
	tap_ok(refused(unreg_arg(my_arg(1), NB_COOKIE),
		       TEE_ERROR_BAD_PARAMETERS),
	       "UNREGISTER_SHM of the neighbour's cookie: BAD_PARAMETERS");
	tap_ok(shm_register(tc.c, l.buf, PG, NB_COOKIE) == 0,
	       "the same cookie value registered by us: OK");
	m = rmem(OPTEE_MSG_ATTR_RMEM_INPUT, NB_COOKIE, 0, PG);
	tap_ok(ta_sum(tc.c, s, &m, &sum) == 0 && sum == want,
	       "and it names our own page");
	tap_ok(refused(reg_arg(my_arg(1), l.buf, PG, NB_COOKIE),
		       TEE_ERROR_BAD_PARAMETERS),
	       "registered twice: BAD_PARAMETERS");
	tap_ok(p0_refused(s,
			  rmem(OPTEE_MSG_ATTR_RMEM_INPUT, NB_COOKIE, MINUS1, 2),
			  TEE_ERROR_BAD_PARAMETERS) &&
		       p0_refused(s,
				  rmem(OPTEE_MSG_ATTR_RMEM_INPUT, NB_COOKIE,
				       PG - 8, 9),
				  TEE_ERROR_BAD_PARAMETERS),
	       "RMEM offset wrapping, or past the end: BAD_PARAMETERS");
	tap_ok(shm_unregister(tc.c, NB_COOKIE) == 0, "unregistered again");
	pending_cookie(s, page);
	list_free(&l);
}

static void bad_registers(void *page)
{
	struct tc_arg *a = my_arg(1);
	struct tc_list l;
	unsigned good = 0;
	const struct tc_param ps[] = {
		tmem(TMEM_NC(TMEM_OUTPUT), 0, PG),
		tmem(OPTEE_MSG_ATTR_TMEM_OUTPUT, ipa(page), PG),
		rmem(OPTEE_MSG_ATTR_RMEM_INPUT, 7, 0, PG),
		{OPTEE_MSG_ATTR_VALUE_INPUT, 0, 0, 7},
		tmem(TMEM_NC(TMEM_OUTPUT), one_page_list(&l, page, SECURE_RAM),
		     PG),
	};
	const unsigned n = sizeof(ps) / sizeof(ps[0]);

	for (unsigned i = 0; i < n; i++) {
		arg_set(a, OPTEE_MSG_CMD_REGISTER_SHM, 0, 0, 1);
		a->p[0] = ps[i];
		a->p[0].c = 7;
		good += refused(a, TEE_ERROR_BAD_PARAMETERS);
	}
	arg_set(a, OPTEE_MSG_CMD_REGISTER_SHM, 0, 0, 2);
	a->p[0] = ps[4];
	good += refused(a, TEE_ERROR_BAD_PARAMETERS);
	arg_set(a, OPTEE_MSG_CMD_UNREGISTER_SHM, 0, 0, 1);
	a->p[0] = tmem(TMEM_NC(TMEM_OUTPUT), l.buf, PG);
	good += refused(a, TEE_ERROR_BAD_PARAMETERS);
	arg_set(a, OPTEE_MSG_CMD_UNREGISTER_SHM, 0, 0, 0);
	good += refused(a, TEE_ERROR_BAD_PARAMETERS);
	tap_ok(good == n + 3,
	       "REGISTER_SHM of NULL, contiguous, RMEM, value, foreign, two "
	       "params; UNREGISTER_SHM of TMEM, of nothing: refused");
	list_free(&l);
}

/* Session IDs are the secure side's to check: the neighbour's is not
 * ours, and the neighbour goes on using it. */
static void peer_session(void)
{
	uint32_t ns = mbox_get(MB_NB_SESS);
	uint64_t v[3] = {0, 0, 0};

	tap_ok(ta_inc(tc.c, ns, v) == TEE_ERROR_BAD_PARAMETERS &&
		       my_arg(0)->ret_origin == TEE_ORIGIN_TEE,
	       "INC on the neighbour's session %u: BAD_PARAMETERS from the TEE",
	       ns);
	tap_ok(sess_close(tc.c, ns) == TEE_ERROR_BAD_PARAMETERS,
	       "closing the neighbour's session: BAD_PARAMETERS");
}

void run_hostile(void)
{
	void *page = pg_alloc();
	uint32_t s = 0;

	probe_checks();
	tap_ok(mbox_wait(MB_NB, NB_READY, 30),
	       "the neighbour is ready (its cookie registered, a call held)");
	tap_ok(sess_open(tc.c, uuid_test, &s) == 0, "open a session");
	forbidden();
	tap_ok(ta_inc(tc.c, s, (uint64_t[3]){0}) == 0,
	       "our session still works (VM_DESTROYED of ourselves did "
	       "nothing)");
	peer_session();
	bad_addresses();
	bad_header(s);
	bad_entries(s, page);
	bad_sizes(s, page);
	chains(s, page);
	bad_attrs(s, page);
	peer_alias(s);
	cookies(s, page);
	bad_registers(page);
	hostile_rpc();
	hostile_rewrite();
	tap_ok(sess_close(tc.c, s) == 0, "close the session");
	mbox_put(MB_HX, HX_DONE);
	check_model(true);
}
