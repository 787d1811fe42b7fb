// SPDX-License-Identifier: MIT
/*
 * mode=good: what a well-behaved client does, end to end through the
 * mediator: Linux's probe, sessions and values, memory references as
 * non-contiguous page lists (scattered pages, an offset into the first,
 * the same page twice), registered buffers used through RMEM, a call
 * sleeping in every kind of RPC, the device-enumeration and RNG
 * pseudo-TAs, and finally every vCPU calling at once (good_smp.c).
 */
#include <string.h>

#include "tc.h"

#define TMEM_NC(t) (OPTEE_MSG_ATTR_##t | OPTEE_MSG_ATTR_NONCONTIG)

/* n scattered pages: one in two of those allocated, then shuffled. */
static void scattered(void **pages, unsigned n)
{
	void *spare[64];

	for (unsigned i = 0; i < n; i++) {
		pages[i] = pg_alloc();
		spare[i] = pg_alloc();
	}
	for (unsigned i = 0; i < n; i++)
		pg_free(spare[i]);
	for (unsigned i = 0; i + 2 < n; i += 3) {
		void *t = pages[i];

		pages[i] = pages[i + 2];
		pages[i + 2] = t;
	}
}

static void pages_free(void **pages, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		pg_free(pages[i]);
}

/* Byte i of a buffer at offset offs of its pages. */
static uint8_t *byte_at(void **pages, unsigned offs, uint64_t i)
{
	return (uint8_t *)pages[(offs + i) / PG] + (offs + i) % PG;
}

static void values(uint32_t s)
{
	uint64_t v[3] = {41, 0xfffffffffffffffeull, 0};
	struct tc_arg *a = my_arg(1);
	unsigned good = 0;
	uint32_t ret, bad;

	for (unsigned i = 1; i <= 8; i++)
		good += ta_inc(tc.c, s, v) == 0 && v[0] == 41 + i && v[2] == i;
	tap_ok(good == 8 && v[1] == 6,
	       "INC eight times: values in and out, the session's counter");
	ret = ta_inc(tc.c, s + 1000, v);
	tap_ok(ret == TEE_ERROR_BAD_PARAMETERS,
	       "INC on a session that does not exist: BAD_PARAMETERS");
	ret = sess_open(tc.c, uuid_test, &bad);
	tap_ok(ret == 0 && bad != s, "a second session to the same TA (%u)",
	       bad);
	tap_ok(sess_close(tc.c, bad) == 0, "closed again");
	arg_set(a, OPTEE_MSG_CMD_OPEN_SESSION, 0, 0, 2);
	a->p[0].attr = a->p[1].attr =
		OPTEE_MSG_ATTR_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	a->p[0].a = 0x1234; /* no such TA */
	ret = tc_std(tc.c, a);
	tap_ok(ret == TEE_ERROR_ITEM_NOT_FOUND &&
		       a->ret_origin == TEE_ORIGIN_TEE,
	       "OPEN_SESSION of an unknown UUID: ITEM_NOT_FOUND from the TEE");
	arg_set(a, OPTEE_MSG_CMD_CANCEL, 0, s, 0);
	tap_ok(tc_std(tc.c, a) == 0, "CANCEL reaches the secure side: OK");
}

static void echo(uint32_t s)
{
	void *in[3], *out[4];
	struct tc_list li, lo;
	const uint64_t size = 3 * PG - 0x123 - 77;
	struct tc_arg *a = my_arg(1);
	uint64_t sum = 0;
	unsigned same = 0;
	uint32_t ret;

	scattered(in, 3);
	scattered(out, 4);
	pages_fill(in, 3, 7);
	for (uint64_t i = 0; i < size; i++)
		sum += *byte_at(in, 0x123, i);
	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_ECHO, s, 3);
	a->p[0] = tmem(TMEM_NC(TMEM_INPUT), list_make(&li, in, 3, 0x123), size);
	a->p[1] = tmem(TMEM_NC(TMEM_OUTPUT), list_make(&lo, out, 4, 0x800),
		       4 * PG - 0x800);
	a->p[2].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
	ret = tc_std(tc.c, a);
	for (uint64_t i = 0; i < size; i++)
		same += *byte_at(in, 0x123, i) == *byte_at(out, 0x800, i);
	tap_ok(ret == 0 && same == size && a->p[1].b == size &&
		       a->p[2].a == size && a->p[2].b == sum,
	       "ECHO: 3 scattered pages at offset 0x123 into 4 at offset "
	       "0x800, %llu bytes, sizes and sum out",
	       (unsigned long long)size);
	tap_ok(a->p[0].a == li.buf && a->p[1].a == lo.buf &&
		       li.lp[0][0] == ipa(in[0]),
	       "our pointers and lists are as we wrote them (the mediator "
	       "translated copies)");
	a->p[1].b = 100;
	a->ret = 0xdeadbeef;
	ret = tc_std(tc.c, a);
	tap_ok(ret == TEE_ERROR_SHORT_BUFFER && a->p[1].b == size,
	       "ECHO into 100 bytes: SHORT_BUFFER, the size wanted out");
	list_free(&li);
	list_free(&lo);
	pages_free(in, 3);
	pages_free(out, 4);
}

static void fill(uint32_t s)
{
	void *p[5], *one[3];
	struct tc_list l;
	const uint64_t size = 5 * PG - 0x10 - 0x20;
	struct tc_param m;
	unsigned good = 0;
	uint32_t ret;

	scattered(p, 5);
	for (unsigned i = 0; i < 5; i++)
		memset(p[i], 0xee, PG);
	m = tmem(TMEM_NC(TMEM_OUTPUT), list_make(&l, p, 5, 0x10), size);
	ret = ta_fill(tc.c, s, &m, 0x3c);
	for (uint64_t i = 0; i < 5 * PG; i++) {
		uint8_t want = i >= 0x10 && i < 0x10 + size ? 0x3c : 0xee;

		good += *byte_at(p, 0, i) == want;
	}
	tap_ok(ret == 0 && good == 5 * PG,
	       "FILL: 5 scattered pages from offset 0x10, every byte in range "
	       "filled and none outside");
	list_free(&l);
	one[0] = one[1] = one[2] = p[0];
	m = tmem(TMEM_NC(TMEM_OUTPUT), list_make(&l, one, 3, 0), 3 * PG);
	ret = ta_fill(tc.c, s, &m, 0x77);
	tap_ok(ret == 0 && *(uint8_t *)p[0] == 0x77 &&
		       ((uint8_t *)p[0])[PG - 1] == 0x77 &&
		       *(uint8_t *)p[1] == 0x3c,
	       "FILL over a list naming one page three times");
	list_free(&l);
	pages_free(p, 5);
}

static void checksum_big(uint32_t s)
{
	void *p[64];
	struct tc_list l;
	struct tc_param m;
	uint64_t sum = 0, want;

	scattered(p, 64);
	want = pages_fill(p, 64, 1);
	m = tmem(TMEM_NC(TMEM_INPUT), list_make(&l, p, 64, 0), 64 * PG);
	tap_ok(ta_sum(tc.c, s, &m, &sum) == 0 && sum == want,
	       "CHECKSUM over 64 scattered pages (256 KiB)");
	list_free(&l);
	pages_free(p, 64);
}

#define GOOD_COOKIE 0x600d000000000001ull

static void registered(uint32_t s)
{
	void *p[4];
	struct tc_list l;
	const uint64_t size = 4 * PG - 0x40 - 0x100;
	struct tc_param m;
	uint64_t sum = 0, want = 0;
	uint32_t ret;

	scattered(p, 4);
	pages_fill(p, 4, 3);
	for (uint64_t i = 0x10; i < 0x10 + 5000; i++)
		want += *byte_at(p, 0x40, i);
	ret = shm_register(tc.c, list_make(&l, p, 4, 0x40), size, GOOD_COOKIE);
	tap_ok(ret == 0, "REGISTER_SHM: 4 scattered pages at offset 0x40");
	/* What was registered stays registered: our list is ours again. */
	l.lp[0][0] = l.lp[0][1] = 0;
	m = rmem(OPTEE_MSG_ATTR_RMEM_INPUT, GOOD_COOKIE, 0x10, 5000);
	tap_ok(ta_sum(tc.c, s, &m, &sum) == 0 && sum == want,
	       "CHECKSUM of 5000 bytes at offset 0x10 of the registered "
	       "buffer");
	m = rmem(OPTEE_MSG_ATTR_RMEM_OUTPUT, GOOD_COOKIE, PG, PG);
	ret = ta_fill(tc.c, s, &m, 0x99);
	tap_ok(ret == 0 && *byte_at(p, 0x40, PG) == 0x99 &&
		       *byte_at(p, 0x40, 2 * PG - 1) == 0x99 &&
		       *byte_at(p, 0x40, 2 * PG) != 0x99,
	       "FILL through RMEM_OUTPUT writes exactly its range");
	m = rmem(OPTEE_MSG_ATTR_RMEM_INPUT, GOOD_COOKIE, 0, size + 1);
	tap_ok(refused(sum_arg(my_arg(1), s, &m), TEE_ERROR_BAD_PARAMETERS),
	       "RMEM past the end of the buffer: BAD_PARAMETERS (COMMS)");
	tap_ok(shm_unregister(tc.c, GOOD_COOKIE) == 0, "UNREGISTER_SHM");
	m = rmem(OPTEE_MSG_ATTR_RMEM_INPUT, GOOD_COOKIE, 0, 16);
	tap_ok(refused(sum_arg(my_arg(1), s, &m), TEE_ERROR_BAD_PARAMETERS),
	       "its cookie afterwards: BAD_PARAMETERS (COMMS)");
	tap_ok(refused(unreg_arg(my_arg(1), GOOD_COOKIE),
		       TEE_ERROR_BAD_PARAMETERS),
	       "UNREGISTER_SHM again: BAD_PARAMETERS (COMMS)");
	list_free(&l);
	pages_free(p, 4);
}

static void sleeps(uint32_t s)
{
	static const uint64_t sizes[] = {0, 3000, 65536, 16384};
	struct tc_arg *a = my_arg(1);

	for (unsigned i = 0; i < 4; i++) {
		struct tc_call k;
		uint32_t a0;

		call_init(&k, tc.c);
		/* The last as Linux answers a kernel SHM_ALLOC: contiguous
		 * pages, no list. */
		k.rpc.shm_mode = i == 3 ? SHM_CONTIG : SHM_GOOD;
		sleep_arg(a, s, sizes[i]);
		call_start(&k, a);
		a0 = call_finish(&k);
		tap_ok(a0 == 0 && a->ret == 0 && a->p[0].a == k.rpc.t_sec &&
			       a->p[0].b == k.rpc.t_nsec &&
			       a->p[0].c == sleep_sum(sizes[i]) &&
			       k.rpc.intr >= 1 && k.rpc.alloc == 1 &&
			       k.rpc.free == 1 && k.rpc.time == 1 &&
			       k.rpc.shm_alloc == 1 && k.rpc.shm_free == 1 &&
			       k.rpc.shm_ok == 1 && k.rpc.other == 0,
		       "SLEEP (SHM_ALLOC %llu bytes%s): every RPC kind, our "
		       "time, the TA's pattern in our pages",
		       (unsigned long long)(sizes[i] ? sizes[i] : 8192),
		       i == 3 ? ", contiguous" : "");
	}
}

static void devenum(void)
{
	void *p = pg_alloc();
	struct tc_arg *a = my_arg(1);
	struct tc_list l;
	uint32_t s = 0, ret;

	tap_ok(sess_open(tc.c, uuid_devenum, &s) == 0,
	       "open the device-enumeration pseudo-TA");
	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, s, 1);
	a->p[0] = tmem(OPTEE_MSG_ATTR_TMEM_OUTPUT, 0, 0); /* MEMREF_NULL */
	ret = tc_std(tc.c, a);
	tap_ok(ret == TEE_ERROR_SHORT_BUFFER && a->p[0].b == 16,
	       "GET_DEVICES with a NULL memref: SHORT_BUFFER, 16 bytes");
	a->p[0] = tmem(TMEM_NC(TMEM_OUTPUT), list_make(&l, &p, 1, 0x80), 16);
	ret = tc_std(tc.c, a);
	tap_ok(ret == 0 && a->p[0].b == 16 &&
		       memcmp((uint8_t *)p + 0x80, uuid_rng, 16) == 0,
	       "GET_DEVICES: the RNG pseudo-TA's UUID");
	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, 1, s, 1);
	a->p[0] = tmem(OPTEE_MSG_ATTR_TMEM_OUTPUT, 0, 0);
	tap_ok(tc_std(tc.c, a) == 0 && a->p[0].b == 0,
	       "GET_DEVICES_SUPP: no device");
	tap_ok(sess_close(tc.c, s) == 0, "close it");
	list_free(&l);
	pg_free(p);
}

static bool all_equal(const uint8_t *b, unsigned n)
{
	for (unsigned i = 1; i < n; i++)
		if (b[i] != b[0])
			return false;
	return true;
}

static void rng(void)
{
	uint8_t *p = pg_alloc(), first[64];
	struct tc_arg *a = my_arg(1);
	struct tc_list l;
	uint32_t s = 0, ret;

	tap_ok(sess_open(tc.c, uuid_rng, &s) == 0, "open the RNG pseudo-TA");
	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_RNG_GET_INFO, s, 1);
	a->p[0].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
	ret = tc_std(tc.c, a);
	tap_ok(ret == 0 && a->p[0].a == FW_TA_RNG_RATE_KBPS &&
		       a->p[0].b == FW_TA_RNG_QUALITY,
	       "GET_RNG_INFO: rate and quality");
	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_RNG_GET_ENTROPY, s, 1);
	a->p[0] =
		tmem(TMEM_NC(TMEM_INOUT), list_make(&l, (void **)&p, 1, 8), 64);
	ret = tc_std(tc.c, a);
	memcpy(first, p + 8, 64);
	tap_ok(ret == 0 && a->p[0].b == 64 && !all_equal(first, 64),
	       "GET_ENTROPY: 64 bytes, not all equal");
	ret = tc_std(tc.c, a);
	tap_ok(ret == 0 && memcmp(first, p + 8, 64) != 0,
	       "GET_ENTROPY again: other bytes");
	tap_ok(sess_close(tc.c, s) == 0, "close it");
	list_free(&l);
	pg_free(p);
}

void run_good(void)
{
	uint64_t v[3] = {0, 0, 0};
	uint32_t s = 0;

	probe_checks();
	tap_ok(sess_open(tc.c, uuid_test, &s) == 0 && s != 0,
	       "open a session to the test TA");
	values(s);
	echo(s);
	fill(s);
	checksum_big(s);
	registered(s);
	sleeps(s);
	devenum();
	rng();
	tap_ok(sess_close(tc.c, s) == 0, "close the test TA's session");
	tap_ok(ta_inc(tc.c, s, v) == TEE_ERROR_BAD_PARAMETERS,
	       "INC on the closed session: BAD_PARAMETERS");
	good_smp();
	check_model(true);
}
