// SPDX-License-Identifier: MIT
/*
 * libFuzzer target over the OP-TEE mediator, with the harness's fake
 * OP-TEE as the secure side. Two domains, both routed to the mediator; the
 * input is a program of operations on them: write into a domain's memory
 * (raw bytes, a nearly valid argument, a page list with entries good and
 * bad), and calls from either domain (every OP-TEE function, CALL_WITH_ARG
 * at a page of its RAM, RETURN_FROM_RPC with any thread and any answer),
 * then both domains are torn down and started again. Invariants, each an
 * abort on violation (libFuzzer keeps the input):
 *   - every address the secure side dereferences lies in the calling
 *     domain's RAM or in that domain's own mediator pool: a domain can
 *     never make the secure side touch another domain's or the
 *     hypervisor's memory;
 *   - a domain's call never changes the other domain's RAM;
 *   - a call answers in x0-x3 only: x4-x17 come back as they were;
 *   - after teardown every pool page is back.
 * ASan and UBSan catch the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/tee/optee_abi.h"
#include "../../core/tee/optee_priv.h"
#include "arbiter/firmware_caps.h"
#include "arbiter/router.h"
#include "arbiter/tee.h"
#include "common.h"
#include "harness.h"

#define RAM_IPA	 0x40000000ull
#define RAM_SIZE 0x10000ull /* the fuzzer's view: 16 pages per domain */

static const char dts[] =
	"/dts-v1/;\n/ {\n compatible = \"arbiter,config-v1\";\n domains {\n"
	"a { id = <5>; cpus = <0 1>; memory-size = <0x0 0x200000>; "
	"image = \"x.bin\"; smccc { t { match = \"optee\"; action = \"tee\"; "
	"tee = \"optee\"; }; }; };\n"
	"b { id = <6>; cpus = <2>; memory-size = <0x0 0x200000>; "
	"image = \"x.bin\"; smccc { t { match = \"optee\"; action = \"tee\"; "
	"tee = \"optee\"; }; }; };\n };\n};\n";

static struct harness_system sys;
static struct domain *dom[2];
static const struct domain *caller; /* whose call the secure side serves */
static unsigned long long calls;

static bool within(uint64_t pa, const void *base, uint64_t size)
{
	uint64_t b = (uint64_t)(uintptr_t)base;

	return pa >= b && pa < b + size;
}

/* The fake OP-TEE asks this before every dereference. */
static bool pa_allowed(uint64_t pa)
{
	const struct domain *d = caller;
	struct optee_dom *od = d ? optee_dom_of((struct domain *)d) : NULL;

	/* 0: the fake computes a pointer it has no use for yet (an RPC
	 * argument not allocated); a real dereference would crash ASan. */
	bool ok = pa == 0 ||
		  (d &&
		   (within(pa, d->ram_host, d->ram_size) ||
		    (od && within(pa, od->pool,
				  (uint64_t)OPTEE_POOL_PAGES * OPTEE_PAGE))));

	if (!ok)
		fprintf(stderr, "fuzz_tee: the secure side was given 0x%llx\n",
			(unsigned long long)pa);
	return ok;
}

static void boot(void)
{
	harness_reset();
	fake_optee_enable();
	harness.optee.pa_check = pa_allowed;
	firmware_probe();
	tee_probe();
	if (harness_system_from_dts(&sys, dts) != 0) {
		fprintf(stderr, "%s", sys.errors);
		abort();
	}
	for (unsigned i = 0; i < 2; i++) {
		dom[i] = harness_domain(&sys, i ? "b" : "a");
		dom[i]->ram_host = aligned_alloc(4096, RAM_SIZE);
		CHECK(dom[i]->ram_host);
		dom[i]->ram_size = RAM_SIZE;
	}
}

/* A value a guest would put in an address field. */
static uint64_t an_address(struct fuzz_input *in, const struct domain *d)
{
	switch (fuzz_take(in, 1) % 6) {
	case 0:
		return RAM_IPA + 4096 * (fuzz_take(in, 1) % 16);
	case 1:
		return RAM_IPA + fuzz_take(in, 2) % RAM_SIZE;
	case 2: /* the other domain's memory, by its host address */
		return (uint64_t)(uintptr_t)dom[d == dom[0]]->ram_host;
	case 3:
		return RAM_IPA + RAM_SIZE - 4096 * (fuzz_take(in, 1) % 3);
	default:
		return fuzz_take(in, 8);
	}
}

static void write_arg(struct fuzz_input *in, struct domain *d, uint8_t *page)
{
	static const uint64_t attrs[] = {
		0,   1,	  2,	 3,	5,     6,     7,	 9,
		0xa, 0xb, 0x109, 0x209, 0x20a, 0x20b, 1ull << 40};
	struct optee_msg_arg *a = (struct optee_msg_arg *)page;
	uint32_t n = (uint32_t)(fuzz_take(in, 1) % 7);

	a->cmd = (uint32_t)(fuzz_take(in, 1) % 7);
	a->func = (uint32_t)(fuzz_take(in, 1) % 7);
	a->session = (uint32_t)fuzz_take(in, 1);
	a->num_params = fuzz_take(in, 1) % 8 ? n : (uint32_t)fuzz_take(in, 4);
	for (uint32_t i = 0; i < n; i++) {
		a->params[i].attr = attrs[fuzz_take(in, 1) % 15];
		a->params[i].u.tmem.buf_ptr = an_address(in, d);
		a->params[i].u.tmem.size = fuzz_take(in, 1) % 4
						   ? fuzz_take(in, 2)
						   : fuzz_take(in, 8);
		a->params[i].u.tmem.shm_ref = fuzz_take(in, 1) % 4;
	}
}

static void write_list(struct fuzz_input *in, struct domain *d, uint8_t *page)
{
	uint64_t *l = (uint64_t *)page;
	unsigned n = (unsigned)(fuzz_take(in, 1) % 8) + 1;

	for (unsigned i = 0; i < n; i++)
		l[i] = an_address(in, d) & ~4095ull;
	l[OPTEE_LIST_ENTRIES] = fuzz_take(in, 1) % 2 ? an_address(in, d) : 0;
}

static uint64_t ram_sum(const struct domain *d)
{
	uint64_t s = 0;

	for (uint64_t i = 0; i < RAM_SIZE; i += 8) {
		uint64_t w;

		memcpy(&w, d->ram_host + i, 8);
		s = s * 31 + w;
	}
	return s;
}

static void one_call(struct fuzz_input *in, struct domain *d)
{
	static const uint32_t fids[] = {
		OPTEE_CALL_WITH_ARG,	 OPTEE_RETURN_FROM_RPC,
		OPTEE_CALLS_UID,	 OPTEE_GET_OS_REVISION,
		OPTEE_EXCHANGE_CAPS,	 OPTEE_GET_THREAD_COUNT,
		OPTEE_VM_CREATED,	 OPTEE_VM_DESTROYED,
		OPTEE_DISABLE_SHM_CACHE, OPTEE_ENABLE_SHM_CACHE,
	};
	const struct domain *other = dom[d == dom[0]];
	uint64_t before = ram_sum(other), kept[CALL_NREGS];
	uint32_t fid =
		fids[fuzz_take(in, 1) % (sizeof(fids) / sizeof(fids[0]))];
	struct call_frame f =
		harness_frame(d, (unsigned)(fuzz_take(in, 1) % d->nvcpus),
			      (unsigned)(fuzz_take(in, 1) & 1), fid);

	for (unsigned i = 1; i < CALL_NREGS; i++)
		f.x[i] = i < 8 && fuzz_take(in, 1) % 2 ? fuzz_take(in, 4)
						       : 0x5a5a0000ull + i;
	if (fid == OPTEE_CALL_WITH_ARG && fuzz_take(in, 1) % 4) {
		f.x[1] = 0;
		f.x[2] = RAM_IPA + 4096 * (fuzz_take(in, 1) % 16);
	}
	memcpy(kept, f.x, sizeof(kept));
	caller = d;
	CHECK(router_dispatch(&f) == CALL_DONE);
	caller = NULL;
	calls++;
	for (unsigned i = 4; i < CALL_NREGS; i++)
		CHECK(f.x[i] == kept[i]);
	CHECK(ram_sum(other) == before);
}

static void teardown_and_check(void)
{
	for (unsigned i = 0; i < 2; i++) {
		struct optee_dom *od = optee_dom_of(dom[i]);

		caller = dom[i];
		tee_domain_stopped(dom[i]);
		/* Every input restarts both domains: the restarts bound
		 * (docs/tee.md §5) is for one machine's life, not for a
		 * fuzzing session's. */
		od->creations = 0;
		tee_domain_started(dom[i]);
		caller = NULL;
		CHECK(od->pool_free == ((1ull << OPTEE_POOL_PAGES) - 1));
	}
}

static void report(void)
{
	fprintf(stderr,
		"fuzz_tee: %llu mediated calls, %u std calls and %u RPC "
		"returns reached the secure side\n",
		calls, harness.optee.std_calls, harness.optee.resumes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size, 0};

	if (!dom[0]) {
		boot();
		atexit(report);
	}
	for (unsigned i = 0; i < 2; i++)
		memset(dom[i]->ram_host, 0, RAM_SIZE);
	while (in.n) {
		struct domain *d = dom[fuzz_take(&in, 1) & 1];
		uint8_t *page = d->ram_host + 4096 * (fuzz_take(&in, 1) % 16);

		switch (fuzz_take(&in, 1) % 4) {
		case 0:
			memcpy(page + (fuzz_take(&in, 2) % 4088), in.p,
			       in.n < 8 ? in.n : 8);
			fuzz_take(&in, 8);
			break;
		case 1:
			write_arg(&in, d, page);
			break;
		case 2:
			write_list(&in, d, page);
			break;
		default:
			one_call(&in, d);
			break;
		}
	}
	teardown_and_check();
	return 0;
}
