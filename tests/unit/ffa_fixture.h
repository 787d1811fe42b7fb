/* SPDX-License-Identifier: MIT */
/*
 * The FF-A mediator's test fixture: a fake SPMC below the fake firmware
 * (harness.secure_call) with two partitions, 0x8001 (takes VM messages)
 * and 0x8002, probed at boot; and three domains with 2 MiB of real RAM
 * each: "a" (client 5, two vCPUs) and "b" (client 6) route FF-A to the
 * mediator, "c" (client 7) has no FF-A rule. Like a real SPMC, the fake
 * one reads whatever physical address it is given (host pointers here).
 * Included by tests/unit/test_ffa*.c only.
 */
#ifndef ARBITER_FFA_FIXTURE_H
#define ARBITER_FFA_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arbiter/ffa.h"
#include "arbiter/firmware_caps.h"
#include "arbiter/tee.h"
#include "unit.h"

#define RAM_SIZE 0x200000u
#define RAM_IPA	 0x40000000ull
#define TX_IPA	 (RAM_IPA + 0x10000)
#define RX_IPA	 (RAM_IPA + 0x11000)
#define DATA_IPA (RAM_IPA + 0x20000)
#define SP1	 0x8001u
#define SP2	 0x8002u

#define FFA_DOM(name, id, cpus, extra)                                         \
	name " { id = <" id ">; cpus = <" cpus                                 \
	     ">; memory-size = <0x0 0x200000>; image = \"x.bin\"; " extra      \
	     " };\n"
#define FFA_RULE                                                               \
	"smccc { f { match = \"ffa\"; action = \"tee\"; tee = \"ffa\"; }; };"

/* The fake SPMC: what it answers, and what it saw. */
struct fake_share {
	bool used, held;
	uint64_t handle;
	uint16_t sender;
	uint32_t len;
	uint8_t desc[512]; /* the descriptor as it came */
};

struct fake_spmc {
	bool present;
	uint32_t version;    /* its FFA_VERSION answer */
	uint16_t hyp_id;     /* its ID_GET answer */
	bool no_share;	     /* FEATURES(MEM_SHARE*) not supported */
	uint32_t desc_size;  /* PARTITION_INFO_GET w3 (24) */
	uint16_t refuse_vm;  /* VM creation of this ID: status DENIED */
	int32_t share_error; /* MEM_SHARE answers this error */
	bool wrong_resp;     /* a direct response addressed elsewhere */
	uint8_t *tx, *rx;    /* the hypervisor's, as mapped */
	bool rx_full;
	unsigned calls, direct, shares, reclaims;
	struct smccc_regs last;	   /* last call in */
	struct smccc_regs last_dr; /* last direct request */
	int vm_log[32];		   /* +id created, -id destroyed */
	unsigned nvm;
	struct fake_share sh[8];
	uint64_t next_handle;
	void (*during_share)(void); /* as another vCPU runs meanwhile */
};

static struct fake_spmc spmc;

static const struct {
	uint16_t id;
	uint32_t props;
	uint32_t uuid[4];
} fake_sps[2] = {
	{SP1, 0x1c1, {0x11, 0x12, 0x13, 0x14}},
	{SP2, 0x101, {0x21, 0x22, 0x23, 0x24}},
};

static void spmc_ret(struct smccc_regs *r, uint32_t x0, uint64_t w2,
		     uint64_t w3)
{
	memset(r, 0, sizeof(*r));
	r->x[0] = x0;
	r->x[2] = w2;
	r->x[3] = w3;
}

static void spmc_part_info(struct smccc_regs *r)
{
	unsigned n = 0;

	if (!spmc.rx || spmc.rx_full) {
		spmc_ret(r, FFA_ERROR, (uint32_t)FFA_RET_BUSY, 0);
		return;
	}
	for (unsigned i = 0; i < 2; i++) {
		uint8_t *d = spmc.rx + n * spmc.desc_size;

		if (r->x[1] && r->x[1] != fake_sps[i].uuid[0])
			continue;
		memset(d, 0, spmc.desc_size);
		memcpy(d, &fake_sps[i].id, 2);
		memcpy(d + 2, &(uint16_t){1}, 2);
		memcpy(d + 4, &fake_sps[i].props, 4);
		memcpy(d + 8, fake_sps[i].uuid, 16);
		n++;
	}
	if (n == 0) {
		spmc_ret(r, FFA_ERROR, (uint32_t)FFA_RET_INVALID_PARAMETERS, 0);
		return;
	}
	spmc.rx_full = !(r->x[5] & 1);
	spmc_ret(r, FFA_SUCCESS, n, (r->x[5] & 1) ? 0 : spmc.desc_size);
}

static void spmc_direct(struct smccc_regs *r)
{
	uint32_t w1 = (uint32_t)r->x[1], w2 = (uint32_t)r->x[2];
	uint16_t sender = (uint16_t)(w1 >> 16), sp = (uint16_t)w1;
	uint16_t vm = (uint16_t)r->x[5];
	uint32_t fid = (uint32_t)r->x[0];

	spmc.direct++;
	spmc.last_dr = *r;
	if (w2 & FFA_MSG_FLAG_FRAMEWORK) {
		bool created = (w2 & 0xff) == FFA_FRAMEWORK_VM_CREATED;
		int32_t st =
			created && vm == spmc.refuse_vm ? FFA_RET_DENIED : 0;

		if (spmc.nvm < 32 && st == 0)
			spmc.vm_log[spmc.nvm++] = created ? vm : -(int)vm;
		for (unsigned i = 0; !created && i < 8; i++)
			if (spmc.sh[i].sender == vm)
				spmc.sh[i].held = false;
		spmc_ret(r, FFA_MSG_SEND_DIRECT_RESP_32, w2 + 1, (uint32_t)st);
		r->x[1] = (uint32_t)sp << 16 | sender;
		return;
	}
	/* A partition that echoes w3-w7 plus one. */
	r->x[0] = fid == FFA_MSG_SEND_DIRECT_REQ_64
			  ? FFA_MSG_SEND_DIRECT_RESP_64
			  : FFA_MSG_SEND_DIRECT_RESP_32;
	r->x[1] = (uint32_t)sp << 16 | (spmc.wrong_resp ? 9u : sender);
	for (unsigned i = 3; i < 8; i++)
		r->x[i] += 1;
}

static struct fake_share *spmc_find(uint64_t handle)
{
	for (unsigned i = 0; i < 8; i++)
		if (spmc.sh[i].used && spmc.sh[i].handle == handle)
			return &spmc.sh[i];
	return NULL;
}

static void spmc_share(struct smccc_regs *r)
{
	uint32_t len = (uint32_t)r->x[1];
	struct fake_share *s = NULL;

	if (spmc.during_share)
		spmc.during_share();
	for (unsigned i = 0; i < 8 && !s; i++)
		if (!spmc.sh[i].used)
			s = &spmc.sh[i];
	if (spmc.share_error || !s || len > sizeof(s->desc) || !spmc.tx) {
		spmc_ret(r, FFA_ERROR,
			 (uint32_t)(spmc.share_error ? spmc.share_error
						     : FFA_RET_NO_MEMORY),
			 0);
		return;
	}
	memset(s, 0, sizeof(*s));
	s->used = true;
	s->len = len;
	memcpy(s->desc, spmc.tx, len);
	memcpy(&s->sender, s->desc, 2);
	s->handle = ++spmc.next_handle;
	spmc.shares++;
	spmc_ret(r, FFA_SUCCESS, (uint32_t)s->handle, s->handle >> 32);
}

static void spmc_reclaim(struct smccc_regs *r)
{
	struct fake_share *s = spmc_find((uint32_t)r->x[1] | r->x[2] << 32);

	spmc.reclaims++;
	if (!s)
		spmc_ret(r, FFA_ERROR, (uint32_t)FFA_RET_INVALID_PARAMETERS, 0);
	else if (s->held)
		spmc_ret(r, FFA_ERROR, (uint32_t)FFA_RET_DENIED, 0);
	else {
		s->used = false;
		spmc_ret(r, FFA_SUCCESS, 0, 0);
	}
}

static bool spmc_features(uint32_t fid)
{
	return fid != FFA_MEM_LEND_32 &&
	       !(spmc.no_share &&
		 (fid == FFA_MEM_SHARE_32 || fid == FFA_MEM_SHARE_64));
}

static bool spmc_call(struct smccc_regs *r)
{
	uint32_t fid = (uint32_t)r->x[0];

	if (!spmc.present || (fid & 0xbfffff00u) != 0x84000000u ||
	    (fid & 0xffu) < 0x60 || (fid & 0xffu) > 0xef)
		return false;
	spmc.calls++;
	spmc.last = *r;
	switch (fid) {
	case FFA_VERSION:
		memset(r, 0, sizeof(*r));
		r->x[0] = spmc.version;
		return true;
	case FFA_ID_GET:
		spmc_ret(r, FFA_SUCCESS, spmc.hyp_id, 0);
		return true;
	case FFA_SPM_ID_GET:
		spmc_ret(r, FFA_SUCCESS, 0x8000, 0);
		return true;
	case FFA_FEATURES:
		if (spmc_features((uint32_t)r->x[1]))
			spmc_ret(r, FFA_SUCCESS, 0, 0);
		else
			spmc_ret(r, FFA_ERROR, (uint32_t)FFA_RET_NOT_SUPPORTED,
				 0);
		return true;
	case FFA_RXTX_MAP_64:
		spmc.tx = (uint8_t *)(uintptr_t)r->x[1];
		spmc.rx = (uint8_t *)(uintptr_t)r->x[2];
		spmc_ret(r, FFA_SUCCESS, 0, 0);
		return true;
	case FFA_RX_RELEASE:
		spmc.rx_full = false;
		spmc_ret(r, FFA_SUCCESS, 0, 0);
		return true;
	case FFA_PARTITION_INFO_GET:
		spmc_part_info(r);
		return true;
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
		spmc_direct(r);
		return true;
	case FFA_MEM_SHARE_32:
	case FFA_MEM_SHARE_64:
		spmc_share(r);
		return true;
	case FFA_MEM_RECLAIM:
		spmc_reclaim(r);
		return true;
	default:
		spmc_ret(r, FFA_ERROR, (uint32_t)FFA_RET_NOT_SUPPORTED, 0);
		return true;
	}
}

static void spmc_reset(bool present)
{
	memset(&spmc, 0, sizeof(spmc));
	spmc.present = present;
	spmc.version = FFA_VERSION_1_1;
	spmc.desc_size = FFA_PART_DESC_SIZE;
	spmc.next_handle = 0x100000000ull;
}

struct fx {
	struct harness_system *sys;
	struct domain *a, *b, *c;
};

static const char fx_dts[] = CONFIG_DTS(
	FFA_DOM("a", "5", "0 1", FFA_RULE) FFA_DOM("b", "6", "2", FFA_RULE)
		FFA_DOM("c", "7", "3", ""));

static inline struct domain *fx_domain(struct fx *x, const char *name)
{
	struct domain *d = harness_domain(x->sys, name);

	assert_non_null(d);
	d->ram_host = aligned_alloc(4096, RAM_SIZE);
	assert_non_null(d->ram_host);
	memset(d->ram_host, 0, RAM_SIZE);
	return d;
}

/* Boot as the hypervisor does. `tune` changes the fake SPMC first. */
static inline struct fx *fx_boot_with(const char *dts, bool present,
				      void (*tune)(void))
{
	struct fx *x = calloc(1, sizeof(*x));

	assert_non_null(x);
	harness_reset();
	spmc_reset(present);
	if (tune)
		tune();
	harness.secure_call = spmc_call;
	firmware_probe();
	tee_probe();
	x->sys = calloc(1, sizeof(*x->sys));
	assert_non_null(x->sys);
	if (harness_system_from_dts(x->sys, dts) != 0) {
		fprintf(stderr, "%s", x->sys->errors);
		fail();
	}
	x->a = fx_domain(x, "a");
	x->b = harness_domain(x->sys, "b") ? fx_domain(x, "b") : NULL;
	x->c = harness_domain(x->sys, "c") ? fx_domain(x, "c") : NULL;
	tee_domain_started(x->a);
	if (x->b)
		tee_domain_started(x->b);
	if (x->c)
		tee_domain_started(x->c);
	return x;
}

static inline int fx_setup(void **state)
{
	*state = fx_boot_with(fx_dts, true, NULL);
	return 0;
}

static inline int fx_teardown(void **state)
{
	struct fx *x = *state;

	free(x->a->ram_host);
	if (x->b)
		free(x->b->ram_host);
	if (x->c)
		free(x->c->ram_host);
	harness_system_free(x->sys);
	free(x->sys);
	free(x);
	return 0;
}

static inline uint8_t *gp(struct domain *d, uint64_t ipa)
{
	return d->ram_host + (ipa - RAM_IPA);
}

/* One call from vCPU v of d, x1..x7 set. */
static inline struct call_frame fx_callv(struct domain *d, unsigned v,
					 unsigned conduit, uint32_t fid,
					 const uint64_t a[7])
{
	struct call_frame f = unit_frame(d, v, conduit, fid);

	for (unsigned i = 0; i < 7; i++)
		f.x[i + 1] = a[i];
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	return f;
}

static inline struct call_frame fx_call(struct domain *d, uint32_t fid,
					uint64_t a1, uint64_t a2, uint64_t a3,
					uint64_t a4, uint64_t a5)
{
	const uint64_t a[7] = {a1, a2, a3, a4, a5, 0, 0};

	return fx_callv(d, 0, CONDUIT_SMC, fid, a);
}

static inline bool fx_ok(const struct call_frame *f)
{
	return f->x[0] == FFA_SUCCESS;
}

static inline bool fx_err(const struct call_frame *f, int32_t code)
{
	return f->x[0] == FFA_ERROR && f->x[2] == (uint32_t)code;
}

/* FFA_VERSION 1.1 and RX/TX mapped: what every guest does first. */
static inline void fx_ready(struct domain *d)
{
	struct call_frame f =
		fx_call(d, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);

	assert_int_equal(f.x[0], FFA_VERSION_1_1);
	f = fx_call(d, FFA_RXTX_MAP_64, TX_IPA, RX_IPA, 1, 0, 0);
	assert_true(fx_ok(&f));
}

static inline void put16(uint8_t *p, uint32_t off, uint16_t v)
{
	memcpy(p + off, &v, 2);
}

static inline void put32(uint8_t *p, uint32_t off, uint32_t v)
{
	memcpy(p + off, &v, 4);
}

static inline void put64(uint8_t *p, uint32_t off, uint64_t v)
{
	memcpy(p + off, &v, 8);
}

static inline uint32_t get32(const uint8_t *p, uint32_t off)
{
	uint32_t v;

	memcpy(&v, p + off, 4);
	return v;
}

static inline uint64_t get64(const uint8_t *p, uint32_t off)
{
	uint64_t v;

	memcpy(&v, p + off, 8);
	return v;
}

/* A v1.1 descriptor in d's TX: one receiver (RW), n ranges; returns its
 * length. */
static inline uint32_t fx_desc(struct domain *d, uint16_t sender, uint16_t sp,
			       unsigned n, const uint64_t *addr,
			       const uint32_t *pages)
{
	uint8_t *p = gp(d, TX_IPA);
	uint32_t total = 0;

	memset(p, 0, 4096);
	put16(p, FFA_MTD_OFF_SENDER, sender);
	put16(p, FFA_MTD_OFF_ATTRIBUTES, FFA_MEM_ATTR_NORMAL_WB_IS);
	put32(p, FFA_MTD_OFF_EMAD_SIZE, FFA_EMAD_SIZE);
	put32(p, FFA_MTD_OFF_EMAD_COUNT, 1);
	put32(p, FFA_MTD_OFF_EMAD_OFFSET, FFA_MTD_SIZE);
	put16(p, 48, sp);
	p[50] = FFA_PERM_RW;
	put32(p, 52, 64);
	for (unsigned i = 0; i < n; i++) {
		put64(p, 80 + 16 * i, addr[i]);
		put32(p, 88 + 16 * i, pages[i]);
		total += pages[i];
	}
	put32(p, 64, total);
	put32(p, 68, n);
	return 80 + 16 * n;
}

static inline uint32_t fx_desc1(struct domain *d, uint64_t ipa, uint32_t pages)
{
	return fx_desc(d, d->client_id, SP1, 1, &ipa, &pages);
}

static inline struct call_frame fx_share(struct domain *d, uint32_t len)
{
	return fx_call(d, FFA_MEM_SHARE_32, len, len, 0, 0, 0);
}

static inline uint64_t fx_handle(const struct call_frame *f)
{
	return (uint32_t)f->x[2] | f->x[3] << 32;
}

static inline struct call_frame fx_reclaim(struct domain *d, uint64_t h)
{
	return fx_call(d, FFA_MEM_RECLAIM, (uint32_t)h, h >> 32, 0, 0, 0);
}

#endif
