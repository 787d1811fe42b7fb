// SPDX-License-Identifier: MIT
/*
 * Firmware test payload, malformed messages to the test TEE: each one is
 * answered with an OP-TEE return code or a GlobalPlatform error in the
 * argument, and the TEE keeps working afterwards.
 */
#include "payload_tee.h"

#define SECURE_PAGE 0x0e000000ull

static uint64_t raw(uint64_t pa)
{
	return tee_std(1, pa);
}

/* INVOKE of the test TA's CHECKSUM with p0 as given: the TA's ret. */
static uint32_t with_p0(uint32_t s, uint64_t attr, uint64_t a, uint64_t b)
{
	struct msg_arg *m = arg_page(0);

	arg_init(m, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_CHECKSUM, s, 2);
	m->p[0].attr = attr;
	m->p[0].a = a;
	m->p[0].b = b;
	m->p[1].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
	if (tee_std(1, pa_of(m)))
		return 0xffffffffu;
	return m->ret_origin == TEE_ORIGIN_TEE ||
			       m->ret_origin == TEE_ORIGIN_TRUSTED_APP
		       ? m->ret
		       : 0xfffffffeu;
}

static void test_bad_arg(void)
{
	struct msg_arg *m = arg_page(0);

	arg_init(m, OPTEE_MSG_CMD_CANCEL, 0, 0, 0);
	ok_eq(raw(pa_of(m) + 8), OPTEE_SMC_RETURN_EBADADDR,
	      "tee bad: argument not page-aligned: EBADADDR");
	ok_eq(raw(SECURE_PAGE), OPTEE_SMC_RETURN_EBADADDR,
	      "tee bad: argument in secure RAM: EBADADDR");
	ok_eq(raw(0), OPTEE_SMC_RETURN_EBADADDR,
	      "tee bad: argument at 0 (secure flash): EBADADDR");
	ok_eq(raw(0x80000000ull), OPTEE_SMC_RETURN_EBADADDR,
	      "tee bad: argument past the end of RAM: EBADADDR");
	ok_eq(raw(0x09000000ull), OPTEE_SMC_RETURN_EBADADDR,
	      "tee bad: argument on the UART: EBADADDR");
	arg_init(m, OPTEE_MSG_CMD_CANCEL, 0, 0, 128);
	ok_eq(raw(pa_of(m)), OPTEE_SMC_RETURN_EBADADDR,
	      "tee bad: 128 params do not fit the page: EBADADDR");
	arg_init(m, 99, 0, 0, 0);
	ok_eq(raw(pa_of(m)), OPTEE_SMC_RETURN_EBADCMD,
	      "tee bad: unknown message command: EBADCMD");
	arg_init(m, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, 1, 127);
	ok(raw(pa_of(m)) == 0 && m->ret == TEE_ERROR_BAD_PARAMETERS &&
		   m->ret_origin == TEE_ORIGIN_TEE,
	   "tee bad: INVOKE with 127 params: BAD_PARAMETERS (origin TEE)");
}

static void test_bad_open(void)
{
	static const uint8_t nobody[16] = {1, 2, 3};
	struct msg_arg *m = arg_page(0);
	uint32_t ret;

	ok(tee_open(1, m, nobody, &ret) == 0 &&
		   ret == TEE_ERROR_ITEM_NOT_FOUND &&
		   m->ret_origin == TEE_ORIGIN_TEE,
	   "tee bad: OPEN of an unknown UUID: ITEM_NOT_FOUND (origin TEE)");
	arg_init(m, OPTEE_MSG_CMD_OPEN_SESSION, 0, 0, 2);
	m->p[0].attr = m->p[1].attr = OPTEE_MSG_ATTR_VALUE_INPUT;
	ok(raw(pa_of(m)) == 0 && m->ret == TEE_ERROR_BAD_PARAMETERS,
	   "tee bad: OPEN without META params: BAD_PARAMETERS");
	arg_init(m, OPTEE_MSG_CMD_OPEN_SESSION, 0, 0, 1);
	m->p[0].attr = OPTEE_MSG_ATTR_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	ok(raw(pa_of(m)) == 0 && m->ret == TEE_ERROR_BAD_PARAMETERS,
	   "tee bad: OPEN with one param: BAD_PARAMETERS");
}

static void test_bad_memref(uint32_t s)
{
	unsigned good = 31, lp = 8;
	uint64_t *l = (uint64_t *)(void *)pg(lp);
	uint64_t nc = OPTEE_MSG_ATTR_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG;

	make_list(lp, &good, 1, 0);
	ok_eq(with_p0(s, nc, pa_of(l), 64), 0, "tee bad: (a good list works)");
	ok_eq(with_p0(s, OPTEE_MSG_ATTR_TMEM_INPUT, pa_of(pg(good)), 64),
	      TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: TMEM without NONCONTIG (no carve-out): BAD_PARAMETERS");
	ok_eq(with_p0(s, nc, SECURE_PAGE, 64), TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: page list in secure RAM: BAD_PARAMETERS");
	l[0] = SECURE_PAGE;
	ok_eq(with_p0(s, nc, pa_of(l), 64), TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: list entry in secure RAM: BAD_PARAMETERS");
	l[0] = pa_of(pg(good)) + 8;
	ok_eq(with_p0(s, nc, pa_of(l), 64), TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: misaligned list entry: BAD_PARAMETERS");
	l[0] = pa_of(pg(good));
	l[1] = 0x09000000ull;
	ok_eq(with_p0(s, nc, pa_of(l) | 0xf00, 0x200), TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: second page of a memref on a device: BAD_PARAMETERS");
	l[511] = pa_of(l); /* a cycle, never walked: the size is refused */
	l[1] = pa_of(pg(good));
	ok_eq(with_p0(s, nc, pa_of(l), 2ull << 20), TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: 2 MiB memref (over the 1 MiB limit): BAD_PARAMETERS");
	ok_eq(with_p0(s, 4, 0, 0), TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: reserved attribute type 4: BAD_PARAMETERS");
	ok_eq(with_p0(s, nc | OPTEE_MSG_ATTR_META, pa_of(l), 64),
	      TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: META on a TA parameter: BAD_PARAMETERS");
	ok_eq(with_p0(s, OPTEE_MSG_ATTR_RMEM_INPUT, 0, 64),
	      TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: RMEM of a cookie never registered: BAD_PARAMETERS");
	ok_eq(with_p0(s, OPTEE_MSG_ATTR_VALUE_INPUT, 0, 0),
	      TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: CHECKSUM with a value instead of a memref");
}

static void test_bad_register(void)
{
	struct msg_arg *m = arg_page(0);
	unsigned good = 31;
	uint64_t list = make_list(9, &good, 1, 0);

	ok_eq(tee_register(1, m, list, 64, 0x55), 0,
	      "tee bad: (REGISTER_SHM cookie 0x55)");
	ok_eq(tee_register(1, m, list, 64, 0x55), TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: REGISTER_SHM of a cookie already registered");
	ok_eq(tee_register(1, m, list, 0, 0x56), TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: REGISTER_SHM of 0 bytes");
	ok_eq(tee_register(1, m, list, (256u << 10) + 1, 0x56),
	      TEE_ERROR_BAD_PARAMETERS, "tee bad: REGISTER_SHM over 256 KiB");
	ok_eq(tee_register(1, m, SECURE_PAGE, 64, 0x56),
	      TEE_ERROR_BAD_PARAMETERS,
	      "tee bad: REGISTER_SHM list in secure RAM");
	arg_init(m, OPTEE_MSG_CMD_REGISTER_SHM, 0, 0, 1);
	m->p[0].attr = OPTEE_MSG_ATTR_TMEM_INPUT;
	m->p[0].a = list;
	m->p[0].b = 64;
	ok(raw(pa_of(m)) == 0 && m->ret == TEE_ERROR_BAD_PARAMETERS,
	   "tee bad: REGISTER_SHM without NONCONTIG: BAD_PARAMETERS");
	ok_eq(tee_unregister(1, m, 0x56), TEE_ERROR_ITEM_NOT_FOUND,
	      "tee bad: UNREGISTER_SHM of an unknown cookie");
	ok_eq(tee_unregister(1, m, 0x55), 0, "tee bad: (UNREGISTER 0x55)");
}

static void test_bad_resume(uint32_t s)
{
	struct smc_regs r;
	struct msg_arg *m = arg_page(0);

	call_init(&r, OPTEE_SMC_RETURN_FROM_RPC, 0, 0, 77);
	r.x[7] = 1;
	smc_call(&r);
	ok_eq(r.x[0], OPTEE_SMC_RETURN_ERESUME,
	      "tee bad: RETURN_FROM_RPC of thread 77: ERESUME");
	call_init(&r, OPTEE_SMC_RETURN_FROM_RPC, 0, 0, 0);
	r.x[7] = 1;
	smc_call(&r);
	ok_eq(r.x[0], OPTEE_SMC_RETURN_ERESUME,
	      "tee bad: RETURN_FROM_RPC with nothing suspended: ERESUME");
	arg_init(m, OPTEE_MSG_CMD_INVOKE_COMMAND, 99, s, 0);
	ok(raw(pa_of(m)) == 0 && m->ret == TEE_ERROR_NOT_IMPLEMENTED &&
		   m->ret_origin == TEE_ORIGIN_TRUSTED_APP,
	   "tee bad: unknown TA command: NOT_IMPLEMENTED (origin TA)");
	arg_init(m, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_INC, s, 1);
	m->p[0].attr = OPTEE_MSG_ATTR_VALUE_INPUT;
	ok(raw(pa_of(m)) == 0 && m->ret == TEE_ERROR_BAD_PARAMETERS,
	   "tee bad: INC with the wrong parameter types: BAD_PARAMETERS");
}

void test_tee_malformed(void)
{
	struct msg_arg *m = arg_page(0);
	uint32_t s, ret;

	test_bad_arg();
	test_bad_open();
	s = tee_open(1, m, uuid_test, &ret);
	test_bad_memref(s);
	test_bad_register();
	test_bad_resume(s);
	ok_eq(inc(1, s, 0), 0, "tee bad: the TEE still works afterwards");
	ok_eq(tee_close(1, m, s), 0, "tee bad: close");
}
