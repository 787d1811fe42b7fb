// SPDX-License-Identifier: MIT
/*
 * What every part of the TEE client shares: its bootargs, time, a page
 * allocator over a window of its RAM, page lists, argument pages, and the
 * firmware's SiP services it uses as a witness (per-client call counts)
 * and as a mailbox between domains (the register window).
 */
#include <string.h>

#include "tc.h"

struct tc_conf tc;
uint64_t fw_base;
uint64_t prev_std, prev_rpc, drain_rpc;

bool has_word(const char *w)
{
	size_t n = strlen(w);

	for (const char *s = guest_bootargs; *s; s++)
		if ((s == guest_bootargs || s[-1] == ' ') &&
		    strncmp(s, w, n) == 0 && (s[n] == ' ' || s[n] == '\0'))
			return true;
	return false;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

uint64_t bootarg_hex(const char *key, uint64_t dflt)
{
	size_t kl = strlen(key);

	for (const char *p = guest_bootargs; *p; p++) {
		uint64_t v = 0;

		if ((p != guest_bootargs && p[-1] != ' ') ||
		    strncmp(p, key, kl) != 0 || p[kl] != '=')
			continue;
		p += kl + 1;
		if (p[0] == '0' && p[1] == 'x')
			p += 2;
		for (; hex_digit(*p) >= 0; p++)
			v = v << 4 | (uint64_t)hex_digit(*p);
		return v;
	}
	return dflt;
}

uint64_t ticks(void)
{
	uint64_t t;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(t));
	return t;
}

uint64_t ticks_per_sec(void)
{
	uint64_t f;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	return f ? f : 62500000;
}

uint64_t deadline_ms(unsigned ms)
{
	return ticks() + ticks_per_sec() * ms / 1000;
}

bool passed(uint64_t deadline)
{
	return ticks() >= deadline;
}

void delay_ms(unsigned ms)
{
	uint64_t end = deadline_ms(ms);

	while (!passed(end))
		;
}

/* The page window: RAM + 4 MiB, clear of the image, its stacks, the
 * persistent record at 12 MiB and the device tree at the end of RAM. */
#define POOL_OFFSET 0x400000ull
#define POOL_PAGES  1024u

static uint64_t pool_used[POOL_PAGES / 64];
static _Atomic uint32_t pool_lock;

static bool pool_busy(unsigned i)
{
	return pool_used[i / 64] & (1ull << (i % 64));
}

void *pg_alloc_run(unsigned n)
{
	uint8_t *p = NULL;
	unsigned run = 0;

	while (atomic_exchange(&pool_lock, 1))
		;
	for (unsigned i = 0; i < POOL_PAGES && !p; i++) {
		run = pool_busy(i) ? 0 : run + 1;
		if (run < n)
			continue;
		for (unsigned j = i + 1 - n; j <= i; j++)
			pool_used[j / 64] |= 1ull << (j % 64);
		p = (uint8_t *)(uintptr_t)(guest_ram_base + POOL_OFFSET +
					   (uint64_t)(i + 1 - n) * PG);
	}
	atomic_store(&pool_lock, 0);
	if (!p)
		guest_fatal("tee-client: out of pages");
	else
		memset(p, 0, (size_t)n * PG);
	return p;
}

void *pg_alloc(void)
{
	return pg_alloc_run(1);
}

void pg_free(void *p)
{
	uint64_t i = (ipa(p) - guest_ram_base - POOL_OFFSET) / PG;

	if (i >= POOL_PAGES)
		return;
	while (atomic_exchange(&pool_lock, 1))
		;
	pool_used[i / 64] &= ~(1ull << (i % 64));
	atomic_store(&pool_lock, 0);
}

int64_t cpu_start(unsigned i, enum cpu_job job)
{
	uint64_t end = deadline_ms(5000);

	/* A vCPU that just returned from its job may not be OFF yet. */
	while (smccc(psci_conduit, PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO),
		     guest_cpu_mpidr[i], 0, 0) != PSCI_AFF_OFF &&
	       !passed(end))
		;
	return guest_cpu_on(i, job);
}

uint64_t ram_end(void)
{
	return guest_ram_base + guest_ram_size;
}

/* OP-TEE's non-contiguous format: 511 page addresses per list page, the
 * last word the next list page. */
uint64_t list_make(struct tc_list *l, void *const *pages, unsigned n,
		   unsigned offs)
{
	memset(l, 0, sizeof(*l));
	l->nlp = (n + 510) / 511;
	if (l->nlp == 0 || l->nlp > 8)
		guest_fatal("tee-client: page list too long");
	for (unsigned i = 0; i < l->nlp; i++) {
		l->lp[i] = pg_alloc();
		if (i > 0)
			l->lp[i - 1][511] = ipa(l->lp[i]);
	}
	for (unsigned i = 0; i < n; i++)
		l->lp[i / 511][i % 511] = ipa(pages[i]);
	l->buf = ipa(l->lp[0]) | offs;
	return l->buf;
}

void list_free(struct tc_list *l)
{
	for (unsigned i = 0; i < l->nlp; i++)
		pg_free(l->lp[i]);
	l->nlp = 0;
}

static struct tc_arg *args[GUEST_MAX_CPUS][4];

struct tc_arg *my_arg(unsigned i)
{
	unsigned cpu = this_cpu_index() % GUEST_MAX_CPUS;

	if (!args[cpu][i])
		args[cpu][i] = pg_alloc();
	return args[cpu][i];
}

void arg_set(struct tc_arg *a, uint32_t cmd, uint32_t func, uint32_t sess,
	     uint32_t n)
{
	memset(a, 0, 32 + 32 * (size_t)(n < 127 ? n : 127));
	a->cmd = cmd;
	a->func = func;
	a->session = sess;
	a->ret = 0xdeadbeef;
	a->ret_origin = 0xdeadbeef;
	a->nparams = n;
}

void put_uuid(struct tc_param *p, const uint8_t u[16])
{
	p->a = p->b = 0;
	for (unsigned i = 0; i < 8; i++) {
		p->a |= (uint64_t)u[i] << (8 * i);
		p->b |= (uint64_t)u[8 + i] << (8 * i);
	}
}

const uint8_t uuid_devenum[16] = {0x70, 0x11, 0xa6, 0x88, 0xdd, 0xde,
				  0x40, 0x53, 0xa5, 0xa9, 0x7b, 0x3c,
				  0x4d, 0xdf, 0x13, 0xb8};
const uint8_t uuid_rng[16] = {0xab, 0x7a, 0x61, 0x7c, 0xb8, 0xe7, 0x4d, 0x8f,
			      0x83, 0x01, 0xd0, 0x9b, 0x61, 0x03, 0x6b, 0x64};
const uint8_t uuid_test[16] = {0xa4, 0xb1, 0x7e, 0x57, 0x00, 0x00, 0x4a, 0x7b,
			       0x9e, 0x11, 0x7e, 0x57, 0xee, 0x00, 0x00, 0x01};

static struct smccc_res sip(uint32_t fid, uint64_t a1, uint64_t a2)
{
	struct smccc_res r = {{fid, a1, a2}};

	smccc_call(GUEST_SMC, &r);
	return r;
}

uint64_t fw_seen(void)
{
	struct smccc_res r = sip(FW_SIP_CALL_COUNT, tc.id, 0);

	/* Every call the firmware saw from us that was not SiP: with PSCI
	 * emulated and TRNG taken by the hypervisor, our TEE calls. */
	return r.x[0] == 0 ? r.x[1] - r.x[2] : MINUS1;
}

uint32_t mbox_get(unsigned i)
{
	return (uint32_t)sip(FW_SIP_REG_READ, i, 0).x[1];
}

void mbox_put(unsigned i, uint32_t v)
{
	sip(FW_SIP_REG_WRITE, i, v);
}

bool mbox_wait(unsigned i, uint32_t v, unsigned seconds)
{
	uint64_t end = deadline_ms(seconds * 1000);

	while (mbox_get(i) != v)
		if (passed(end))
			return false;
	return true;
}

void check_model(bool last_boot)
{
	uint64_t seen = fw_seen() - fw_base;
	unsigned s = atomic_load(&model_std), r = atomic_load(&model_rpc);
	uint64_t ls = prev_std + s, lr = prev_rpc + r + drain_rpc;

	printf_uart("# tee model: std=%u rpc=%u, firmware saw %llu\n", s, r,
		    (unsigned long long)seen);
	if (last_boot)
		printf_uart("# tee log expected: %u=%llu/%llu/%llu\n", tc.id,
			    (unsigned long long)(ls + lr),
			    (unsigned long long)ls, (unsigned long long)lr);
	tap_ok(seen == (uint64_t)s + r,
	       "the firmware saw exactly this boot's %u std calls and %u RPC "
	       "returns, nothing the mediator answered or refused",
	       s, r);
	tap_ok(atomic_load(&regs_clobbered) == 0,
	       "x1-x17 (x4-x17 on an RPC) left alone on every answer (%u "
	       "clobbered)",
	       atomic_load(&regs_clobbered));
}
