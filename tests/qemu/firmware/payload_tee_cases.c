// SPDX-License-Identifier: MIT
/*
 * Firmware test payload, the test TEE's cases: Linux's probe sequence,
 * VM_CREATED, the pseudo-TAs, sessions of the test TA with value and
 * memref parameters (page lists with contiguous and scattered pages,
 * registered buffers), every RPC kind, two clients that cannot use each
 * other's sessions, threads or cookies, and malformed messages.
 */
#include "payload_tee.h"

#define ENOTAVAIL OPTEE_SMC_RETURN_ENOTAVAIL

static void fill(uint8_t *p, unsigned n, unsigned seed)
{
	unsigned i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 13 + seed);
}

static void test_tee_hyp(void)
{
	struct smc_regs r;

	ok_eq(tee_fast(1, OPTEE_SMC_CALLS_UID, 0, &r), ENOTAVAIL,
	      "tee: client 1 before VM_CREATED: CALLS_UID refused (ENOTAVAIL)");
	ok_eq(tee_std(1, pa_of(arg_page(0))), ENOTAVAIL,
	      "tee: client 1 before VM_CREATED: CALL_WITH_ARG refused");
	tee_fast(0, OPTEE_SMC_CALLS_UID, 0, &r);
	ok(r.x[0] == OPTEE_API_UID_0 && r.x[1] == OPTEE_API_UID_1 &&
		   r.x[2] == OPTEE_API_UID_2 && r.x[3] == OPTEE_API_UID_3,
	   "tee: hypervisor: CALLS_UID = OP-TEE API UID");
	ok_eq(tee_fast(0, OPTEE_SMC_CALLS_COUNT, 0, &r), 14,
	      "tee: CALLS_COUNT = 14");
	tee_fast(0, OPTEE_SMC_GET_OS_UUID, 0, &r);
	ok(r.x[0] == FW_TEE_OS_UUID_0 && r.x[3] == FW_TEE_OS_UUID_3,
	   "tee: GET_OS_UUID = our own test-TEE UUID");
	ok(tee_fast(0, OPTEE_SMC_GET_THREAD_COUNT, 0, &r) == 0 && r.x[1] == 4,
	   "tee: GET_THREAD_COUNT = 4 threads");
	ok_eq(tee_fast(0, OPTEE_SMC_VM_CREATED, 1, &r), 0,
	      "tee: VM_CREATED(1)");
	ok_eq(tee_fast(0, OPTEE_SMC_VM_CREATED, 1, &r), ENOTAVAIL,
	      "tee: VM_CREATED(1) twice: ENOTAVAIL");
	ok_eq(tee_fast(1, OPTEE_SMC_VM_CREATED, 3, &r), ENOTAVAIL,
	      "tee: VM_CREATED from a7 = 1: ENOTAVAIL");
	ok_eq(tee_fast(0, OPTEE_SMC_VM_CREATED, 0, &r), ENOTAVAIL,
	      "tee: VM_CREATED(0): ENOTAVAIL");
	ok_eq(tee_fast(0, OPTEE_SMC_VM_CREATED, 0x10000, &r), ENOTAVAIL,
	      "tee: VM_CREATED(0x10000): ENOTAVAIL");
	ok_eq(tee_fast(0, OPTEE_SMC_VM_CREATED, 2, &r), 0,
	      "tee: VM_CREATED(2)");
	ok_eq(tee_std(0, pa_of(arg_page(0))), ENOTAVAIL,
	      "tee: std call from a7 = 0 (the hypervisor): ENOTAVAIL");
	ok_eq(tee_fast(0, OPTEE_SMC_DISABLE_SHM_CACHE, 0, &r), ENOTAVAIL,
	      "tee: DISABLE_SHM_CACHE from a7 = 0: ENOTAVAIL");
	ok_eq(tee_fast(1, 0xf2000001u, 0, &r), SMCCC_UNKNOWN,
	      "tee: SMC64 form of GET_OS_REVISION is unknown");
	ok_eq(tee_fast(1, 0xb2000008u, 0, &r), SMCCC_UNKNOWN,
	      "tee: L2CC_MUTEX is unknown");
	ok_eq(tee_fast(1, 0xbf000002u, 0, &r), SMCCC_UNKNOWN,
	      "tee: LOAD_IMAGE is unknown");
}

/* Linux's optee probe, as client 1. */
static void test_tee_linux_probe(void)
{
	struct smc_regs r;

	tee_fast(1, OPTEE_SMC_CALLS_UID, 0, &r);
	ok(r.x[0] == OPTEE_API_UID_0 && r.x[3] == OPTEE_API_UID_3,
	   "tee probe: CALLS_UID");
	tee_fast(1, OPTEE_SMC_GET_OS_REVISION, 0, &r);
	ok(r.x[0] == 0 && r.x[1] == 1 && r.x[2] == 0,
	   "tee probe: GET_OS_REVISION = 0.1, build 0");
	tee_fast(1, OPTEE_SMC_CALLS_REVISION, 0, &r);
	ok(r.x[0] == 2 && r.x[1] == 0, "tee probe: CALLS_REVISION = 2.0");
	ok(tee_fast(1, OPTEE_SMC_GET_THREAD_COUNT, 0, &r) == 0 && r.x[1] == 4,
	   "tee probe: GET_THREAD_COUNT");
	tee_fast(1, OPTEE_SMC_EXCHANGE_CAPABILITIES, OPTEE_NS_CAP_UNIPROCESSOR,
		 &r);
	ok(r.x[0] == 0 && r.x[1] == 0x1c && r.x[3] == 0 && tee_kept(&r),
	   "tee probe: EXCHANGE_CAPABILITIES = DYNAMIC_SHM | VIRTUALIZATION "
	   "| MEMREF_NULL, no RPC params, x4-x17 kept");
	ok_eq(tee_fast(1, OPTEE_SMC_EXCHANGE_CAPABILITIES, 2, &r), ENOTAVAIL,
	      "tee probe: unknown normal-world capability: ENOTAVAIL");
	ok_eq(tee_fast(1, OPTEE_SMC_GET_SHM_CONFIG, 0, &r), ENOTAVAIL,
	      "tee probe: GET_SHM_CONFIG: ENOTAVAIL (no reserved shm)");
	ok_eq(tee_fast(1, OPTEE_SMC_DISABLE_SHM_CACHE, 0, &r), ENOTAVAIL,
	      "tee probe: DISABLE_SHM_CACHE: ENOTAVAIL (empty)");
	ok_eq(tee_fast(1, OPTEE_SMC_ENABLE_SHM_CACHE, 0, &r), 0,
	      "tee probe: ENABLE_SHM_CACHE: OK");
}

static void test_tee_devenum(void)
{
	struct msg_arg *a = arg_page(0);
	unsigned data = 28, i;
	uint32_t s, ret;
	bool same = true;

	s = tee_open(1, a, uuid_devenum, &ret);
	ok(s != 0, "tee: open the device-enumeration PTA");
	arg_init(a, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, s, 1);
	a->p[0].attr = OPTEE_MSG_ATTR_TMEM_OUTPUT; /* NULL memref */
	ok(tee_std(1, pa_of(a)) == 0 && a->ret == TEE_ERROR_SHORT_BUFFER &&
		   a->p[0].b == 16,
	   "tee: device enumeration with a NULL memref: SHORT_BUFFER, 16");
	ok_eq(tee_register(1, a, make_list(8, &data, 1, 0), 16, 0x1111), 0,
	      "tee: REGISTER_SHM one page");
	arg_init(a, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, s, 1);
	a->p[0].attr = OPTEE_MSG_ATTR_RMEM_OUTPUT;
	a->p[0].b = 16;
	a->p[0].c = 0x1111;
	ok(tee_std(1, pa_of(a)) == 0 && a->ret == 0 && a->p[0].b == 16,
	   "tee: device enumeration into a registered buffer: SUCCESS");
	for (i = 0; i < 16; i++)
		same &= pg(data)[i] == uuid_rng[i];
	ok(same, "tee: it lists the RNG PTA ab7a617c-b8e7-4d8f-8301-...");
	ok_eq(tee_unregister(1, a, 0x1111), 0, "tee: UNREGISTER_SHM");
	ok_eq(tee_close(1, a, s), 0, "tee: close the enumeration session");
}

static void test_tee_rng(void)
{
	struct msg_arg *a = arg_page(0);
	unsigned data = 30, i, same = 0;
	uint32_t s, ret;

	s = tee_open(1, a, uuid_rng, &ret);
	ok(s != 0, "tee: open the RNG PTA");
	arg_init(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_RNG_GET_INFO, s, 1);
	a->p[0].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
	ok(tee_std(1, pa_of(a)) == 0 && a->ret == 0 &&
		   a->p[0].a == FW_TA_RNG_RATE_KBPS &&
		   a->p[0].b == FW_TA_RNG_QUALITY,
	   "tee: RNG GET_RNG_INFO: rate and quality");
	for (i = 0; i < 64; i++)
		pg(data)[i] = 0;
	arg_init(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_RNG_GET_ENTROPY, s, 1);
	a->p[0].attr = OPTEE_MSG_ATTR_TMEM_INOUT | OPTEE_MSG_ATTR_NONCONTIG;
	a->p[0].a = make_list(8, &data, 1, 0);
	a->p[0].b = 64;
	ok(tee_std(1, pa_of(a)) == 0 && a->ret == 0 && a->p[0].b == 64,
	   "tee: RNG GET_ENTROPY 64 bytes into a page list");
	for (i = 1; i < 64; i++)
		same += pg(data)[i] == pg(data)[0];
	ok(same < 63, "tee: the entropy bytes are not all equal");
	ok_eq(tee_close(1, a, s), 0, "tee: close the RNG session");
}

void test_tee_probe(void)
{
	test_tee_hyp();
	test_tee_linux_probe();
	test_tee_devenum();
	test_tee_rng();
}

uint32_t inc(uint16_t client, uint32_t s, uint64_t *c)
{
	struct msg_arg *a = arg_page(client - 1);

	arg_init(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_INC, s, 1);
	a->p[0].attr = OPTEE_MSG_ATTR_VALUE_INOUT;
	a->p[0].a = 10;
	a->p[0].b = 20;
	if (tee_std(client, pa_of(a)))
		return 0xffffffffu;
	if (a->ret == 0 && (a->p[0].a != 11 || a->p[0].b != 21))
		return 0xfffffffeu;
	if (c)
		*c = a->p[0].c;
	return a->ret;
}

static void test_tee_echo(uint32_t s)
{
	static const unsigned in[2] = {12, 13}, outp[2] = {15, 18};
	struct msg_arg *a = arg_page(0);
	uint64_t sum = 0;
	unsigned i;
	bool same = true;

	fill(pg(12), 2 * PG, 3);
	for (i = 0; i < 5000; i++)
		sum += pg(12)[100 + i];
	arg_init(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_ECHO, s, 3);
	a->p[0].attr = OPTEE_MSG_ATTR_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG;
	a->p[0].a = make_list(8, in, 2, 100);
	a->p[0].b = 5000;
	a->p[1].attr = OPTEE_MSG_ATTR_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	a->p[1].a = make_list(9, outp, 2, 0);
	a->p[1].b = 6000;
	a->p[2].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
	ok(tee_std(1, pa_of(a)) == 0 && a->ret == 0 && a->p[1].b == 5000 &&
		   a->p[2].a == 5000 && a->p[2].b == sum,
	   "tee: ECHO 5000 bytes: contiguous pages at offset 100 -> "
	   "scattered pages; size and byte sum out");
	for (i = 0; i < 5000; i++)
		same &= (i < PG ? pg(15)[i] : pg(18)[i - PG]) ==
			pg(12)[100 + i];
	ok(same, "tee: ECHO output bytes are the input bytes");
	arg_init(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_ECHO, s, 3);
	a->p[0].attr = OPTEE_MSG_ATTR_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG;
	a->p[0].a = make_list(8, in, 2, 100);
	a->p[0].b = 5000;
	a->p[1].attr = OPTEE_MSG_ATTR_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	a->p[1].a = make_list(9, outp, 2, 0);
	a->p[1].b = 10;
	a->p[2].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
	ok(tee_std(1, pa_of(a)) == 0 && a->ret == TEE_ERROR_SHORT_BUFFER &&
		   a->p[1].b == 5000,
	   "tee: ECHO into 10 bytes: SHORT_BUFFER, size 5000 wanted");
}

/* Byte k of the registered buffer of pages 23, 20, 22 at offset 0x80. */
static uint8_t *reg_byte(unsigned k)
{
	static const unsigned idx[3] = {23, 20, 22};

	return &pg(idx[(0x80 + k) / PG])[(0x80 + k) % PG];
}

#define REG_SIZE (3 * PG - 0x80 - 16)

uint32_t checksum(uint16_t client, uint32_t s, uint64_t cookie, uint64_t offs,
		  uint64_t size, uint64_t *sum)
{
	struct msg_arg *a = arg_page(client - 1);

	arg_init(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_CHECKSUM, s, 2);
	a->p[0].attr = OPTEE_MSG_ATTR_RMEM_INPUT;
	a->p[0].a = offs;
	a->p[0].b = size;
	a->p[0].c = cookie;
	a->p[1].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
	if (tee_std(client, pa_of(a)))
		return 0xffffffffu;
	*sum = a->p[1].a;
	return a->ret;
}

static void test_tee_registered(uint32_t s)
{
	static const unsigned idx[3] = {23, 20, 22};
	struct msg_arg *a = arg_page(0);
	uint64_t want = 0, got = 0;
	unsigned k;
	bool same = true;

	for (k = 0; k < REG_SIZE; k++)
		*reg_byte(k) = (uint8_t)(k * 5 + 1);
	for (k = 1000; k < 10000; k++)
		want += *reg_byte(k);
	ok_eq(tee_register(1, a, make_list(10, idx, 3, 0x80), REG_SIZE, 0x77),
	      0, "tee: REGISTER_SHM 3 scattered pages at offset 0x80");
	ok(checksum(1, s, 0x77, 1000, 9000, &got) == 0 && got == want,
	   "tee: CHECKSUM of a registered buffer (RMEM offset 1000, 9000 "
	   "bytes across its pages)");
	arg_init(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_FILL, s, 2);
	a->p[0].attr = OPTEE_MSG_ATTR_RMEM_OUTPUT;
	a->p[0].a = 4000;
	a->p[0].b = 300;
	a->p[0].c = 0x77;
	a->p[1].attr = OPTEE_MSG_ATTR_VALUE_INPUT;
	a->p[1].a = 0x5a;
	ok(tee_std(1, pa_of(a)) == 0 && a->ret == 0, "tee: FILL via RMEM");
	for (k = 3990; k < 4310; k++)
		same &= (*reg_byte(k) == 0x5a) == (k >= 4000 && k < 4300);
	ok(same, "tee: FILL wrote exactly bytes 4000..4299 of the buffer");
	ok(checksum(1, s, 0x77, REG_SIZE - 8, 9, &got) ==
		   TEE_ERROR_BAD_PARAMETERS,
	   "tee: RMEM past the registered size: BAD_PARAMETERS");
	ok(checksum(1, s, 0x77, ~0ull, 2, &got) == TEE_ERROR_BAD_PARAMETERS,
	   "tee: RMEM offset overflow: BAD_PARAMETERS");
}

void test_tee_sessions(void)
{
	struct msg_arg *a = arg_page(0);
	uint64_t c1 = 0, c2 = 0, sum;
	uint32_t s, ret;

	s = tee_open(1, a, uuid_test, &ret);
	ok(s != 0, "tee: open a session on the test TA");
	ok(inc(1, s, &c1) == 0 && inc(1, s, &c2) == 0 && c2 == c1 + 1,
	   "tee: INC (value inout) twice: a+1, b+1, the session counter");
	test_tee_echo(s);
	test_tee_registered(s);
	ok_eq(tee_unregister(1, a, 0x77), 0, "tee: UNREGISTER_SHM 0x77");
	ok_eq(checksum(1, s, 0x77, 0, 16, &sum), TEE_ERROR_BAD_PARAMETERS,
	      "tee: RMEM of an unregistered cookie: BAD_PARAMETERS");
	ok_eq(tee_close(1, a, s), 0, "tee: close the test-TA session");
	ok_eq(inc(1, s, 0), TEE_ERROR_BAD_PARAMETERS,
	      "tee: INC on a closed session: BAD_PARAMETERS");
}

static uint64_t cntpct(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(v));
	return v;
}

/*
 * Under -icount shift=0 (1 instruction = 1 ns): the best of 64 windows
 * around the one SMC of a call straight to the test TEE (no hypervisor),
 * calls the TEE interrupts with an RPC left out; the counter ticks every
 * 16 ns. guests/tee-client mode=cost measures the same calls through
 * Arbiter's mediator (bench/tee.md). Printed as a comment, never asserted.
 */
static void tee_measure(const char *name, uint32_t s, uint32_t func)
{
	static const unsigned data = 32;
	struct msg_arg *a = arg_page(0);
	uint64_t f, best = ~0ull;
	struct smc_regs r;
	unsigned i;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	for (i = 0; i < 64; i++) {
		uint64_t t0, t1;

		if (!s) {
			call_init(&r, OPTEE_SMC_CALLS_UID, 0, 0, 0);
			r.x[7] = 1;
		} else {
			arg_init(a, OPTEE_MSG_CMD_INVOKE_COMMAND, func, s, 1);
			a->p[0].attr = OPTEE_MSG_ATTR_VALUE_INOUT;
			if (func == FW_TA_TEST_CHECKSUM) {
				a->nparams = 2;
				a->p[0].attr = OPTEE_MSG_ATTR_TMEM_INPUT |
					       OPTEE_MSG_ATTR_NONCONTIG;
				a->p[0].a = make_list(11, &data, 1, 0);
				a->p[0].b = PG;
				a->p[1].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
			}
			call_init(&r, OPTEE_SMC_CALL_WITH_ARG, pa_of(a) >> 32,
				  pa_of(a) & 0xffffffffu, 0);
			r.x[7] = 1;
		}
		t0 = cntpct();
		smc_call(&r);
		t1 = cntpct();
		if (OPTEE_SMC_IS_RPC(r.x[0])) {
			tee_std_finish(1, &r);
			continue;
		}
		best = t1 - t0 < best ? t1 - t0 : best;
	}
	out("# cost under -icount shift=0: tee ");
	out(name);
	out(", straight to the test TEE: ~");
	out_dec(best * (1000000000ull / f));
	out(" instructions\n");
}

static void test_tee_costs(void)
{
	uint32_t s, ret;

	s = tee_open(1, arg_page(0), uuid_test, &ret);
	tee_measure("CALLS_UID (client 1)", 0, 0);
	tee_measure("INVOKE INC (one value)", s, FW_TA_TEST_INC);
	tee_measure("INVOKE CHECKSUM (one 4 KiB page-list memref)", s,
		    FW_TA_TEST_CHECKSUM);
	tee_close(1, arg_page(0), s);
}

void test_tee(void)
{
	test_tee_probe();
	test_tee_sessions();
	test_tee_rpc();
	test_tee_isolation();
	test_tee_malformed();
	test_tee_costs();
}
