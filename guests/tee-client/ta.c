// SPDX-License-Identifier: MIT
/*
 * Sessions and the test TEE's trusted applications, as a client driver
 * would call them: each helper builds its message in the calling vCPU's
 * own argument page and returns the TA's ret, or A0_ERR(a0) when the call
 * itself failed.
 */
#include "tc.h"

uint32_t sess_open(enum guest_conduit c, const uint8_t uuid[16], uint32_t *s)
{
	struct tc_arg *a = my_arg(0);
	uint32_t ret;

	arg_set(a, OPTEE_MSG_CMD_OPEN_SESSION, 0, 0, 2);
	a->p[0].attr = a->p[1].attr =
		OPTEE_MSG_ATTR_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	put_uuid(&a->p[0], uuid);
	a->p[1].c = 0x80000000u; /* REE_KERNEL, as Linux's own drivers */
	ret = tc_std(c, a);
	*s = ret == TEE_SUCCESS ? a->session : 0;
	return ret;
}

uint32_t sess_close(enum guest_conduit c, uint32_t s)
{
	struct tc_arg *a = my_arg(0);

	arg_set(a, OPTEE_MSG_CMD_CLOSE_SESSION, 0, s, 0);
	return tc_std(c, a);
}

uint32_t ta_inc(enum guest_conduit c, uint32_t s, uint64_t v[3])
{
	struct tc_arg *a = my_arg(0);
	uint32_t ret;

	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_INC, s, 1);
	a->p[0].attr = OPTEE_MSG_ATTR_VALUE_INOUT;
	a->p[0].a = v[0];
	a->p[0].b = v[1];
	a->p[0].c = v[2];
	ret = tc_std(c, a);
	if (ret == TEE_SUCCESS) {
		v[0] = a->p[0].a;
		v[1] = a->p[0].b;
		v[2] = a->p[0].c;
	}
	return ret;
}

uint32_t ta_sum(enum guest_conduit c, uint32_t s, const struct tc_param *m,
		uint64_t *sum)
{
	struct tc_arg *a = sum_arg(my_arg(0), s, m);
	uint32_t ret;

	ret = tc_std(c, a);
	*sum = a->p[1].a;
	return ret;
}

uint32_t ta_fill(enum guest_conduit c, uint32_t s, const struct tc_param *m,
		 uint8_t byte)
{
	struct tc_arg *a = my_arg(0);

	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_FILL, s, 2);
	a->p[0] = *m;
	a->p[1].attr = OPTEE_MSG_ATTR_VALUE_INPUT;
	a->p[1].a = byte;
	return tc_std(c, a);
}

struct tc_arg *reg_arg(struct tc_arg *a, uint64_t buf, uint64_t size,
		       uint64_t cookie)
{
	arg_set(a, OPTEE_MSG_CMD_REGISTER_SHM, 0, 0, 1);
	/* What Linux sends: TMEM_OUTPUT | NONCONTIG. */
	a->p[0] = tmem(OPTEE_MSG_ATTR_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG,
		       buf, size);
	a->p[0].c = cookie;
	return a;
}

struct tc_arg *unreg_arg(struct tc_arg *a, uint64_t cookie)
{
	arg_set(a, OPTEE_MSG_CMD_UNREGISTER_SHM, 0, 0, 1);
	a->p[0] = rmem(OPTEE_MSG_ATTR_RMEM_INPUT, cookie, 0, 0);
	return a;
}

struct tc_arg *sum_arg(struct tc_arg *a, uint32_t s, const struct tc_param *m)
{
	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_CHECKSUM, s, 2);
	a->p[0] = *m;
	a->p[1].attr = OPTEE_MSG_ATTR_VALUE_OUTPUT;
	return a;
}

uint32_t shm_register(enum guest_conduit c, uint64_t buf, uint64_t size,
		      uint64_t cookie)
{
	return tc_std(c, reg_arg(my_arg(0), buf, size, cookie));
}

uint32_t shm_unregister(enum guest_conduit c, uint64_t cookie)
{
	return tc_std(c, unreg_arg(my_arg(0), cookie));
}

void sleep_arg(struct tc_arg *a, uint32_t s, uint64_t size)
{
	arg_set(a, OPTEE_MSG_CMD_INVOKE_COMMAND, FW_TA_TEST_SLEEP, s, 1);
	a->p[0].attr = OPTEE_MSG_ATTR_VALUE_INOUT;
	a->p[0].a = size;
}

/* What SLEEP reads back from its SHM_ALLOC'd buffer. */
uint64_t sleep_sum(uint64_t size)
{
	uint64_t sum = 0;

	if (size == 0)
		size = 8192;
	for (uint64_t i = 0; i < size; i++)
		sum += (uint8_t)((i % 64) * 7 + 1);
	return sum;
}

struct tc_param tmem(uint64_t attr, uint64_t buf, uint64_t size)
{
	return (struct tc_param){attr, buf, size, 0};
}

struct tc_param rmem(uint64_t attr, uint64_t cookie, uint64_t offs,
		     uint64_t size)
{
	return (struct tc_param){attr, offs, size, cookie};
}

uint64_t pages_fill(void *const *pages, unsigned n, uint8_t seed)
{
	uint64_t sum = 0;

	for (unsigned i = 0; i < n; i++) {
		uint8_t *b = pages[i];

		for (unsigned j = 0; j < PG; j++) {
			b[j] = (uint8_t)(seed + i * 3 + j);
			sum += b[j];
		}
	}
	return sum;
}
