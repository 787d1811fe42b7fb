// SPDX-License-Identifier: MIT
/*
 * The test TEE's trusted applications, all built in:
 * - the device-enumeration pseudo-TA (what Linux's optee driver asks for
 *   the TAs to put on its TEE bus): lists the RNG pseudo-TA;
 * - the RNG pseudo-TA (what Debian's optee-rng binds to), backed by RNDR;
 * - a test TA for our own guests: increment, echo, checksum, fill, and a
 *   call that "sleeps" in RPCs of every kind a mediator handles
 *   (FOREIGN_INTR, ALLOC, CMD GET_TIME, CMD SHM_ALLOC/SHM_FREE, FREE).
 * Parameter types are checked the way OP-TEE's pseudo-TAs check them.
 */
#include "tee.h"

struct tee_ta_desc {
	uint8_t uuid[16];
	enum tee_ta_id id;
};

static const struct tee_ta_desc tee_tas[] = {
	{{0x70, 0x11, 0xa6, 0x88, 0xdd, 0xde, 0x40, 0x53, 0xa5, 0xa9, 0x7b,
	  0x3c, 0x4d, 0xdf, 0x13, 0xb8},
	 TEE_TA_DEVENUM},
	{{0xab, 0x7a, 0x61, 0x7c, 0xb8, 0xe7, 0x4d, 0x8f, 0x83, 0x01, 0xd0,
	  0x9b, 0x61, 0x03, 0x6b, 0x64},
	 TEE_TA_RNG},
	{{0xa4, 0xb1, 0x7e, 0x57, 0x00, 0x00, 0x4a, 0x7b, 0x9e, 0x11, 0x7e,
	  0x57, 0xee, 0x00, 0x00, 0x01},
	 TEE_TA_TEST},
};
#define TEE_NTAS (sizeof(tee_tas) / sizeof(tee_tas[0]))

static uint64_t tee_uuid_half(const uint8_t *b)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

int tee_ta_lookup(const struct tee_param *uuid)
{
	unsigned i;

	for (i = 0; i < TEE_NTAS; i++) {
		if (uuid->u[0] == tee_uuid_half(tee_tas[i].uuid) &&
		    uuid->u[1] == tee_uuid_half(tee_tas[i].uuid + 8))
			return (int)tee_tas[i].id;
	}
	return -1;
}

bool tee_rndr(uint64_t *out)
{
	unsigned tries;

	for (tries = 0; tries < 16; tries++) {
		uint64_t v, ok;

		__asm__ volatile("mrs %0, S3_3_C2_C4_0\n\tcset %1, ne"
				 : "=r"(v), "=r"(ok)
				 :
				 : "cc");
		if (ok) {
			*out = v;
			return true;
		}
	}
	return false;
}

/* GlobalPlatform-style parameter types of the TA parameters: nibble i =
 * 0 none, 1/2/3 value in/out/inout, 5/6/7 memref in/out/inout. */
static unsigned tee_ptypes(const struct tee_thread *t)
{
	unsigned i, types = 0;

	for (i = 0; i < 4 && i < t->arg.nparams; i++) {
		unsigned ty =
			(unsigned)t->arg.p[i].attr & OPTEE_MSG_ATTR_TYPE_MASK;

		if (ty >= OPTEE_MSG_ATTR_TMEM_INPUT)
			ty -= 4;
		types |= ty << (4 * i);
	}
	return types;
}

static void tee_ta_done(struct tee_thread *t, uint32_t ret, struct tee_out *o)
{
	t->arg.ret = ret;
	t->arg.ret_origin = TEE_ORIGIN_TRUSTED_APP;
	tee_thread_finish(t, o);
}

static uint32_t tee_devenum(struct tee_thread *t)
{
	struct tee_param *p = &t->arg.p[0];
	const uint8_t *uuid = tee_tas[1].uuid; /* the RNG pseudo-TA */

	if (t->arg.func > FW_TA_DEVENUM_GET_DEVICES_RPMB)
		return TEE_ERROR_NOT_IMPLEMENTED;
	if (tee_ptypes(t) != 0x6)
		return TEE_ERROR_BAD_PARAMETERS;
	if (t->arg.func != FW_TA_DEVENUM_GET_DEVICES) {
		p->u[1] = 0; /* no TA needs tee-supplicant or RPMB */
		return TEE_SUCCESS;
	}
	if (t->mem[0].kind == TEE_MEM_NULL || t->mem[0].size < 16) {
		p->u[1] = 16;
		return TEE_ERROR_SHORT_BUFFER;
	}
	p->u[1] = 16;
	return tee_mem_rw(&t->mem[0], 0, (void *)uuid, 16, true)
		       ? TEE_SUCCESS
		       : TEE_ERROR_BAD_PARAMETERS;
}

#define TEE_RNG_MAX (64u * 1024u)

static uint32_t tee_rng(struct tee_thread *t)
{
	struct tee_param *p = &t->arg.p[0];
	uint64_t n, off, w;

	if (t->arg.func == FW_TA_RNG_GET_INFO) {
		if (tee_ptypes(t) != 0x2)
			return TEE_ERROR_BAD_PARAMETERS;
		p->u[0] = FW_TA_RNG_RATE_KBPS;
		p->u[1] = FW_TA_RNG_QUALITY;
		p->u[2] = 0;
		return TEE_SUCCESS;
	}
	if (t->arg.func != FW_TA_RNG_GET_ENTROPY)
		return TEE_ERROR_NOT_IMPLEMENTED;
	if (tee_ptypes(t) != 0x7 || t->mem[0].kind == TEE_MEM_NULL)
		return TEE_ERROR_BAD_PARAMETERS;
	n = t->mem[0].size < TEE_RNG_MAX ? t->mem[0].size : TEE_RNG_MAX;
	for (off = 0; off < n; off += 8) {
		uint64_t len = n - off < 8 ? n - off : 8;

		if (!tee_rndr(&w))
			return TEE_ERROR_BUSY;
		if (!tee_mem_rw(&t->mem[0], off, &w, len, true))
			return TEE_ERROR_BAD_PARAMETERS;
	}
	p->u[1] = n;
	return TEE_SUCCESS;
}

/* Sum of the bytes of a reference, 256 bytes at a time. */
static bool tee_mem_sum(const struct tee_mem *m, uint64_t size, uint64_t *sum)
{
	uint8_t buf[256] __attribute__((aligned(8)));
	uint64_t off, i;

	*sum = 0;
	for (off = 0; off < size; off += sizeof(buf)) {
		uint64_t n =
			size - off < sizeof(buf) ? size - off : sizeof(buf);

		if (!tee_mem_rw(m, off, buf, n, false))
			return false;
		for (i = 0; i < n; i++)
			*sum += buf[i];
	}
	return true;
}

/* ECHO: m0 in copied to m1 out; v2 out a = size, b = byte sum. */
static uint32_t tee_test_echo(struct tee_thread *t)
{
	struct tee_arg *a = &t->arg;
	uint64_t size = t->mem[0].size, off, i, sum = 0;
	uint8_t buf[256] __attribute__((aligned(8)));

	if (tee_ptypes(t) != 0x265 || t->mem[0].kind == TEE_MEM_NULL)
		return TEE_ERROR_BAD_PARAMETERS;
	if (t->mem[1].kind == TEE_MEM_NULL || t->mem[1].size < size) {
		a->p[1].u[1] = size;
		return TEE_ERROR_SHORT_BUFFER;
	}
	for (off = 0; off < size; off += sizeof(buf)) {
		uint64_t n =
			size - off < sizeof(buf) ? size - off : sizeof(buf);

		if (!tee_mem_rw(&t->mem[0], off, buf, n, false) ||
		    !tee_mem_rw(&t->mem[1], off, buf, n, true))
			return TEE_ERROR_BAD_PARAMETERS;
		for (i = 0; i < n; i++)
			sum += buf[i];
	}
	a->p[1].u[1] = size;
	a->p[2].u[0] = size;
	a->p[2].u[1] = sum;
	a->p[2].u[2] = 0;
	return TEE_SUCCESS;
}

/* FILL: m0 out filled with the byte v1.a. */
static uint32_t tee_test_fill(struct tee_thread *t)
{
	uint64_t off, size = t->mem[0].size;
	uint8_t buf[256] __attribute__((aligned(8)));
	unsigned i;

	if (tee_ptypes(t) != 0x16 || t->mem[0].kind == TEE_MEM_NULL)
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)t->arg.p[1].u[0];
	for (off = 0; off < size; off += sizeof(buf)) {
		uint64_t n =
			size - off < sizeof(buf) ? size - off : sizeof(buf);

		if (!tee_mem_rw(&t->mem[0], off, buf, n, true))
			return TEE_ERROR_BAD_PARAMETERS;
	}
	return TEE_SUCCESS;
}

static uint32_t tee_test(struct tee_thread *t, struct tee_session *s)
{
	struct tee_arg *a = &t->arg;

	switch (a->func) {
	case FW_TA_TEST_INC:
		if (tee_ptypes(t) != 0x3)
			return TEE_ERROR_BAD_PARAMETERS;
		a->p[0].u[0]++;
		a->p[0].u[1]++;
		a->p[0].u[2] = ++s->counter;
		return TEE_SUCCESS;
	case FW_TA_TEST_ECHO:
		return tee_test_echo(t);
	case FW_TA_TEST_CHECKSUM:
		if (tee_ptypes(t) != 0x25 || t->mem[0].kind == TEE_MEM_NULL ||
		    !tee_mem_sum(&t->mem[0], t->mem[0].size, &a->p[1].u[0]))
			return TEE_ERROR_BAD_PARAMETERS;
		a->p[1].u[1] = t->mem[0].size;
		a->p[1].u[2] = 0;
		return TEE_SUCCESS;
	case FW_TA_TEST_FILL:
		return tee_test_fill(t);
	default:
		return TEE_ERROR_NOT_IMPLEMENTED;
	}
}

void tee_ta_invoke(struct tee_thread *t, struct tee_session *s,
		   struct tee_out *o)
{
	switch (s->ta) {
	case TEE_TA_DEVENUM:
		tee_ta_done(t, tee_devenum(t), o);
		return;
	case TEE_TA_RNG:
		tee_ta_done(t, tee_rng(t), o);
		return;
	default:
		if (t->arg.func == FW_TA_TEST_SLEEP) {
			tee_sleep_start(t, o);
			return;
		}
		tee_ta_done(t, tee_test(t, s), o);
		return;
	}
}
