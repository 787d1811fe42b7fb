// SPDX-License-Identifier: MIT
/*
 * A Linux user-space TEE client for the Linux guest: through /dev/tee0 and
 * the kernel's own optee driver (TEE_IOC_* ioctls, no libteec), it opens a
 * session to the firmware's test TA and drives every path an application
 * uses: value parameters, memory references in user memory the driver
 * registers with the secure side (REGISTER_SHM of a page list, then RMEM
 * parameters), a call that sleeps in RPCs the kernel answers, concurrent
 * callers from several processes, and sessions and buffers closed again.
 * Under Arbiter each of these is a guest call the mediator checks and
 * translates. Prints `tee-test: ok|FAIL ...` lines and one summary line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/tee.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TA_INC	    0u /* value inout: a+1, b+1, c = session counter */
#define TA_ECHO	    1u /* memref in -> memref out, value out: size, sum */
#define TA_CHECKSUM 2u /* memref in; value out: byte sum, size */
#define TA_SLEEP    3u /* RPCs (time, kernel shm); value out */
#define PAGE	    4096u

static const uint8_t uuid_test[16] = {0xa4, 0xb1, 0x7e, 0x57, 0x00, 0x00,
				      0x4a, 0x7b, 0x9e, 0x11, 0x7e, 0x57,
				      0xee, 0x00, 0x00, 0x01};

static unsigned checks, failures;

static void check(int cond, const char *what)
{
	checks++;
	if (!cond)
		failures++;
	printf("tee-test: %s %s\n", cond ? "ok" : "FAIL", what);
	fflush(stdout);
}

/* One ioctl argument: the header and its parameters, contiguous. */
struct invoke_buf {
	struct tee_ioctl_invoke_arg arg;
	struct tee_ioctl_param p[4];
};
struct open_buf {
	struct tee_ioctl_open_session_arg arg;
	struct tee_ioctl_param p[4];
};

static int tee_open_session(int fd, uint32_t *session)
{
	struct open_buf b;
	/* The driver wants the length of exactly num_params parameters. */
	struct tee_ioctl_buf_data d = {(uintptr_t)&b, sizeof(b.arg)};

	memset(&b, 0, sizeof(b));
	memcpy(b.arg.uuid, uuid_test, sizeof(uuid_test));
	b.arg.clnt_login = TEE_IOCTL_LOGIN_PUBLIC;
	if (ioctl(fd, TEE_IOC_OPEN_SESSION, &d) < 0 || b.arg.ret) {
		printf("tee-test: open session: errno %d ret 0x%x origin %u\n",
		       errno, b.arg.ret, b.arg.ret_origin);
		return -1;
	}
	*session = b.arg.session;
	return 0;
}

static void tee_close_session(int fd, uint32_t session)
{
	struct tee_ioctl_close_session_arg c = {session};

	ioctl(fd, TEE_IOC_CLOSE_SESSION, &c);
}

/* Invoke `func` with `n` parameters; the TA's result, or -1 (ioctl). */
static long tee_invoke(int fd, uint32_t session, uint32_t func,
		       struct tee_ioctl_param *p, unsigned n)
{
	struct invoke_buf b;
	struct tee_ioctl_buf_data d = {(uintptr_t)&b,
				       sizeof(b.arg) + n * sizeof(*p)};

	memset(&b, 0, sizeof(b));
	b.arg.func = func;
	b.arg.session = session;
	b.arg.num_params = n;
	memcpy(b.p, p, n * sizeof(*p));
	if (ioctl(fd, TEE_IOC_INVOKE, &d) < 0)
		return -1;
	memcpy(p, b.p, n * sizeof(*p));
	return b.arg.ret;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* `rounds` INCs on a session; the number that did not answer right. */
static unsigned inc_rounds(int fd, uint32_t s, unsigned rounds)
{
	unsigned i, bad = 0;
	uint64_t counter = 0;

	for (i = 0; i < rounds; i++) {
		struct tee_ioctl_param p = {
			.attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT,
			.a = i,
			.b = 1000000u + i};

		if (tee_invoke(fd, s, TA_INC, &p, 1) != 0 || p.a != i + 1u ||
		    p.b != 1000001u + i || (counter && p.c != counter + 1))
			bad++;
		counter = p.c;
	}
	return bad;
}

static void test_values(int fd, uint32_t s)
{
	const unsigned rounds = 500;
	uint64_t t0 = now_ns();
	unsigned bad = inc_rounds(fd, s, rounds);
	uint64_t t1 = now_ns();

	check(bad == 0, "500 INC invocations over value parameters");
	printf("tee-test: INC %llu ns per invocation (guest clock)\n",
	       (unsigned long long)((t1 - t0) / rounds));
}

/* User memory the driver registers (REGISTER_SHM): its shm id, or -1. */
static int shm_register(int fd, void *buf, size_t len, int *shm_fd)
{
	struct tee_ioctl_shm_register_data r = {(uintptr_t)buf, len, 0, 0};

	*shm_fd = ioctl(fd, TEE_IOC_SHM_REGISTER, &r);
	return *shm_fd < 0 ? -1 : r.id;
}

static uint64_t byte_sum(const uint8_t *b, size_t n)
{
	uint64_t s = 0;

	while (n--)
		s += *b++;
	return s;
}

static void test_checksum(int fd, uint32_t s, uint8_t *buf, size_t len, int id)
{
	struct tee_ioctl_param p[2];
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 7 + 3);
	memset(p, 0, sizeof(p));
	p[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
	p[0].a = 100; /* offset into the buffer: not page aligned */
	p[0].b = len - 100;
	p[0].c = (uint64_t)id;
	p[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;
	check(tee_invoke(fd, s, TA_CHECKSUM, p, 2) == 0 &&
		      p[1].a == byte_sum(buf + 100, len - 100) &&
		      p[1].b == len - 100,
	      "CHECKSUM of a registered 64 KiB user buffer at offset 100");
	buf[len - 1] ^= 0xff; /* the secure side reads the pages live */
	p[1].a = p[1].b = 0;
	check(tee_invoke(fd, s, TA_CHECKSUM, p, 2) == 0 &&
		      p[1].a == byte_sum(buf + 100, len - 100),
	      "CHECKSUM again after the guest changed the buffer");
}

static void test_echo(int fd, uint32_t s, uint8_t *in, int in_id, uint8_t *out,
		      int out_id, size_t len)
{
	struct tee_ioctl_param p[3];
	size_t i;

	for (i = 0; i < len; i++)
		in[i] = (uint8_t)(i ^ (i >> 8));
	memset(out, 0, len);
	memset(p, 0, sizeof(p));
	p[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
	p[0].b = len;
	p[0].c = (uint64_t)in_id;
	p[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT;
	p[1].b = len;
	p[1].c = (uint64_t)out_id;
	p[2].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;
	check(tee_invoke(fd, s, TA_ECHO, p, 3) == 0 && p[1].b == len &&
		      p[2].a == len && memcmp(in, out, len) == 0,
	      "ECHO between two registered user buffers");
}

static void test_memrefs(int fd, uint32_t s)
{
	const size_t len = 64 * 1024;
	uint8_t *a = mmap(NULL, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	uint8_t *b = mmap(NULL, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	int fa, fb, ida, idb;

	if (a == MAP_FAILED || b == MAP_FAILED) {
		check(0, "mmap of two 64 KiB buffers");
		return;
	}
	ida = shm_register(fd, a, len, &fa);
	idb = shm_register(fd, b, len, &fb);
	check(ida >= 0 && idb >= 0, "TEE_IOC_SHM_REGISTER of two user buffers");
	if (ida >= 0 && idb >= 0) {
		test_checksum(fd, s, a, len, ida);
		test_echo(fd, s, a, ida, b, idb, len);
	}
	if (ida >= 0)
		close(fa);
	if (idb >= 0)
		close(fb);
	munmap(a, len);
	munmap(b, len);
}

/*
 * SLEEP: every RPC kind (foreign interrupt, RPC argument alloc/free,
 * GET_TIME, a kernel buffer of `size` bytes by SHM_ALLOC/SHM_FREE that the
 * TA fills with its pattern and sums back). Linux answers that SHM_ALLOC
 * with a physically contiguous buffer, no page list: OP-TEE itself takes
 * that only up to one page; through Arbiter's mediator any size works.
 */
static void test_sleep(int fd, uint32_t s, uint64_t size)
{
	char what[96];
	struct tee_ioctl_param p = {
		.attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT, .a = size};
	uint64_t want = 0, i;
	long r;

	for (i = 0; i < size; i++)
		want += (uint8_t)((i % 64) * 7 + 1);
	r = tee_invoke(fd, s, TA_SLEEP, &p, 1);
	if (r != 0)
		printf("tee-test: SLEEP: ret 0x%lx\n", r);
	snprintf(what, sizeof(what),
		 "a call that sleeps in RPCs the kernel answers (time, "
		 "%llu-byte shm)",
		 (unsigned long long)size);
	check(r == 0 && p.b < 1000000000u && p.c == want, what);
}

/* Several processes, each with its own session, calling at once. */
static void test_concurrent(int fd)
{
	const unsigned nproc = 4, rounds = 100;
	unsigned i, good = 0;

	for (i = 0; i < nproc; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			uint32_t s;
			unsigned bad;

			if (tee_open_session(fd, &s))
				_exit(2);
			bad = inc_rounds(fd, s, rounds);
			tee_close_session(fd, s);
			_exit(bad ? 1 : 0);
		}
	}
	for (i = 0; i < nproc; i++) {
		int st;

		if (wait(&st) > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0)
			good++;
	}
	check(good == nproc, "4 processes x 100 INCs at once, each session");
}

/* argv[1]: the SLEEP call's kernel buffer size (default 4096). */
int main(int argc, char **argv)
{
	uint64_t sleep_size = argc > 1 ? strtoull(argv[1], NULL, 0) : 4096;
	struct tee_ioctl_version_data v;
	int fd = open("/dev/tee0", O_RDWR);
	uint32_t s;

	if (fd < 0) {
		printf("tee-test: no /dev/tee0 (%s)\n", strerror(errno));
		return 1;
	}
	check(ioctl(fd, TEE_IOC_VERSION, &v) == 0 &&
		      v.impl_id == TEE_IMPL_ID_OPTEE &&
		      (v.gen_caps & TEE_GEN_CAP_REG_MEM),
	      "/dev/tee0 is OP-TEE with registered memory");
	check(tee_open_session(fd, &s) == 0, "session to the test TA");
	test_values(fd, s);
	test_memrefs(fd, s);
	test_sleep(fd, s, sleep_size);
	test_concurrent(fd);
	tee_close_session(fd, s);
	close(fd);
	printf("tee-test: done checks=%u failures=%u\n", checks, failures);
	return failures != 0;
}
