// SPDX-License-Identifier: MIT
/*
 * mode=hostile, RPCs: resuming threads this domain does not own (the
 * neighbour holds one suspended meanwhile), ALLOC and SHM_ALLOC answered
 * with memory that is not ours or not well formed, cookies already in
 * use, and at the end the mediator's per-domain page pool: exhausted by
 * one call, and whole again afterwards.
 */
#include "tc.h"

#define TMEM_NC(t) (OPTEE_MSG_ATTR_##t | OPTEE_MSG_ATTR_NONCONTIG)

static struct tc_call *_Atomic handoff;
static _Atomic bool handoff_done;

/* vCPU 1 finishes a call vCPU 0 started: any vCPU of the domain may. */
void resume_cpu(unsigned index)
{
	uint64_t end = deadline_ms(10000);
	struct tc_call *k;

	(void)index;
	while (!(k = atomic_load(&handoff)) && !passed(end))
		;
	if (k)
		call_finish(k);
	atomic_store(&handoff_done, true);
}

/* RETURN_FROM_RPC on a thread: the mediator's ERESUME, unforwarded. */
static bool eresume(uint64_t thread, uint64_t pa)
{
	uint64_t before = fw_seen();
	struct smccc_res r = {{OPTEE_SMC_RETURN_FROM_RPC, pa >> 32,
			       pa & 0xffffffffu, thread, 0xc0c0, 0x1}};

	smccc_call(tc.c, &r);
	return r.x[0] == OPTEE_SMC_RETURN_ERESUME && fw_seen() == before;
}

static void threads(uint32_t s)
{
	struct tc_arg *a = my_arg(2);
	void *page = pg_alloc();
	uint64_t end, t;
	unsigned good = 0;
	struct tc_call k;

	call_init(&k, tc.c);
	sleep_arg(a, s, 0);
	call_start(&k, a);
	tap_ok(call_until(&k, OPTEE_SMC_RPC_ALLOC),
	       "a SLEEP of ours held at its ALLOC (thread %llu)",
	       (unsigned long long)k.r.x[3]);
	t = k.r.x[3];
	for (uint64_t i = 1; i < 4; i++)
		good += eresume((t + i) % 4, ipa(page));
	good += eresume(4, ipa(page)) + eresume(0xffffffffu, ipa(page)) +
		eresume(0x80000000u, ipa(page));
	tap_ok(good == 6,
	       "RETURN_FROM_RPC on the other threads (the neighbour's held "
	       "one among them), made-up ones: ERESUME, not forwarded");
	atomic_store(&handoff, &k);
	tap_ok(cpu_start(1, JOB_RESUME) == PSCI_SUCCESS, "start vCPU 1");
	end = deadline_ms(10000);
	while (!atomic_load(&handoff_done) && !passed(end))
		;
	tap_ok(atomic_load(&handoff_done) && k.r.x[0] == 0 && a->ret == 0 &&
		       a->p[0].c == sleep_sum(0) && k.rpc.shm_ok == 1,
	       "vCPU 1 answered the ALLOC and finished the call vCPU 0 "
	       "started");
	tap_ok(eresume(t, ipa(page)), "its thread once finished: ERESUME");
	pg_free(page);
}

/* SLEEP with its ALLOC or SHM_ALLOC answered as told. */
static uint32_t sleep_with(struct tc_call *k, uint32_t s, uint8_t amode,
			   uint8_t smode, uint64_t bad)
{
	struct tc_arg *a = my_arg(2);

	call_init(k, tc.c);
	k->rpc.alloc_mode = amode;
	k->rpc.shm_mode = smode;
	k->rpc.bad = bad;
	sleep_arg(a, s, 0);
	call_start(k, a);
	return call_finish(k) ? MINUS1 : a->ret;
}

static void bad_allocs(uint32_t s)
{
	void *page = pg_alloc();
	const bool peer_outside =
		tc.peer_pa < guest_ram_base || tc.peer_pa >= ram_end();
	const uint64_t bad[] = {SECURE_RAM,
				UART_PA,
				HYP_PA,
				ram_end(),
				guest_ram_base - PG,
				ipa(page) + 0x10,
				peer_outside ? tc.peer_pa : SECURE_RAM};
	const unsigned n = sizeof(bad) / sizeof(bad[0]);
	unsigned good = 0;
	struct tc_call k;

	for (unsigned i = 0; i <= n; i++) {
		uint32_t ret = sleep_with(&k, s, i < n ? ALLOC_IPA : ALLOC_ZERO,
					  SHM_GOOD, i < n ? bad[i] : 0);

		if (ret == TEE_ERROR_OUT_OF_MEMORY &&
		    my_arg(2)->ret_origin == TEE_ORIGIN_COMMS &&
		    k.rpc.alloc == 1 && k.rpc.cmd == 0 && k.rpc.free == 0)
			good++;
		else
			printf_uart("# ALLOC answer %u: ret 0x%x origin %u, "
				    "%u CMD, %u FREE\n",
				    i, ret, my_arg(2)->ret_origin, k.rpc.cmd,
				    k.rpc.free);
	}
	/* Secure RAM, the UART, the hypervisor, outside our RAM,
	 * misaligned, the neighbour's PA, 0. */
	tap_ok(good == n + 1,
	       "ALLOC answered with memory not ours, misaligned or 0: the TEE "
	       "got no buffer (OUT_OF_MEMORY, no CMD, no FREE)");
	pg_free(page);
}

/* A second ALLOC reply under a cookie another call's buffer still has. */
static void dup_alloc(uint32_t s)
{
	struct tc_arg *a = my_arg(3);
	struct tc_call x, y;
	uint32_t ret;

	call_init(&x, tc.c);
	sleep_arg(a, s, 0);
	call_start(&x, a);
	tap_ok(call_until(&x, OPTEE_SMC_RPC_CMD),
	       "a SLEEP held in its first CMD (its RPC buffer shadowed)");
	ret = sleep_with(&y, s, ALLOC_COOKIE, SHM_GOOD, x.rpc.arg_cookie);
	tap_ok(ret == TEE_ERROR_OUT_OF_MEMORY && y.rpc.cmd == 0 &&
		       y.rpc.free == 0,
	       "another SLEEP's ALLOC answered with that cookie: no buffer");
	tap_ok(call_finish(&x) == 0 && a->ret == 0 &&
		       a->p[0].a == x.rpc.t_sec && x.rpc.shm_ok == 1,
	       "the held SLEEP completes with its own buffer intact");
}

static void bad_shms(uint32_t s)
{
	void *page = pg_alloc();
	static const uint8_t modes[] = {
		SHM_AT,	   SHM_AT,    SHM_AT,	 SHM_AT,    SHM_ENTRY,
		SHM_ENTRY, SHM_ENTRY, SHM_ENTRY, SHM_ENTRY, SHM_LIST,
		SHM_LIST,  SHM_SIZE0, SHM_INOUT,
	};
	/* Contiguous: secure RAM, the hypervisor, misaligned, the last page
	 * of our RAM and the one after it. */
	const uint64_t bad[] = {
		SECURE_RAM, HYP_PA, ipa(page) + 0x10, ram_end() - PG,
		SECURE_RAM, HYP_PA, ipa(page) + 8,    ram_end(),
		0,	    0,	    SECURE_RAM,	      0,
		0,
	};
	const unsigned n = sizeof(modes);
	unsigned good = 0;
	struct tc_call k;
	uint32_t ret;

	for (unsigned i = 0; i < n; i++) {
		ret = sleep_with(&k, s, ALLOC_GOOD, modes[i], bad[i]);
		if (ret == TEE_ERROR_OUT_OF_MEMORY &&
		    my_arg(2)->ret_origin == TEE_ORIGIN_COMMS &&
		    k.rpc.shm_alloc == 1 && k.rpc.shm_free == 0 &&
		    k.rpc.free == 1)
			good++;
		else
			printf_uart(
				"# SHM_ALLOC answer %u: ret 0x%x origin %u, "
				"%u SHM_FREE, %u FREE\n",
				i, ret, my_arg(2)->ret_origin, k.rpc.shm_free,
				k.rpc.free);
	}
	tap_ok(good == n,
	       "SHM_ALLOC answers naming foreign, misaligned or partly "
	       "foreign memory, a NULL list, size 0, INOUT: the RPC fails");
	ret = sleep_with(&k, s, ALLOC_GOOD, SHM_SHORT, 0);
	tap_ok(ret == TEE_ERROR_BAD_FORMAT && k.rpc.shm_free == 1,
	       "a well-formed list shorter than asked: passed, the TEE refuses "
	       "it (BAD_FORMAT) and frees it");
	ret = sleep_with(&k, s, ALLOC_GOOD, SHM_REFUSE, 0);
	tap_ok(ret == TEE_ERROR_OUT_OF_MEMORY && k.rpc.shm_free == 0,
	       "SHM_ALLOC refused by us: the TEE sees our error");
	pg_free(page);
}

void hostile_rpc(void)
{
	uint32_t s = 0;

	tap_ok(sess_open(tc.c, uuid_test, &s) == 0, "a session for RPCs");
	threads(s);
	bad_allocs(s);
	dup_alloc(s);
	bad_shms(s);
	tap_ok(sess_close(tc.c, s) == 0, "closed");
}

/* The mediator's pool is 48 pages a domain: an argument page and one
 * page per translated list. 48 lists cannot fit; 47 exactly can, so once
 * everything above is over not one page may be missing. */
void pool_check(uint32_t s)
{
	struct tc_arg *a = my_arg(1);
	void *page = pg_alloc();
	struct tc_list l;
	unsigned good = 0;

	list_make(&l, &page, 1, 0);
	for (unsigned i = 0; i < 20; i++) {
		arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_CHECKSUM, s,
			48 + i);
		for (unsigned j = 0; j < 48 + i; j++)
			a->p[j] = tmem(TMEM_NC(TMEM_INPUT), l.buf, 64);
		good += refused(a, TEE_ERROR_OUT_OF_MEMORY);
	}
	tap_ok(good == 20,
	       "20 calls with 48-67 page-list memrefs: the pool runs out, "
	       "OUT_OF_MEMORY for this domain");
	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_CHECKSUM, s, 47);
	for (unsigned j = 0; j < 47; j++)
		a->p[j] = tmem(TMEM_NC(TMEM_INPUT), l.buf, 64);
	tap_ok(tc_std(tc.c, a) == TEE_ERROR_BAD_PARAMETERS &&
		       a->ret_origin == TEE_ORIGIN_TEE,
	       "47 memrefs take the whole pool and pass the mediator (the "
	       "TEE refuses so many): not one pool page leaked");
	list_free(&l);
	pg_free(page);
}
