// SPDX-License-Identifier: MIT
/*
 * libFuzzer target over the call router. The input picks a configuration
 * (a seed template plus random rules: ranges, actions, conduits, audit,
 * monitor mode) and then a sequence of random calls (x0-x17, conduit,
 * execution state, immediate, vCPU, monitor replies), each handed to
 * router_dispatch() as an already-decoded frame and checked by the router
 * oracle of common.c (its invariants are listed there). fuzz_trap.c does
 * the same from raw syndromes, through the trap decode. A violated
 * invariant aborts (libFuzzer reports the input).
 */
#include "arbiter/firmware_caps.h"
#include "arbiter/monitor.h"
#include "arbiter/router.h"
#include "common.h"
#include "harness.h"

#define MAX_CALLS 64

static void one_call(struct fuzz_input *in)
{
	unsigned flags = fuzz_u8(in);
	unsigned v = (flags & 0x3) % fuzz_dom.nvcpus;
	struct call_frame f = harness_frame(&fuzz_dom, v, flags >> 2 & 1, 0);
	struct fuzz_snapshot s;
	enum call_outcome o;

	f.state = (flags & 0x18) == 0x18 ? EXEC_AARCH32 : EXEC_AARCH64;
	f.imm = (flags & 0xe0) == 0xe0 ? (uint16_t)(1 + fuzz_u8(in)) : 0;
	f.x[0] = fuzz_pick_x0(in);
	fuzz_fill_args(&f, in);
	harness.monitor_attached = flags & 0x20;
	harness.now_ns += fuzz_take(in, 1) * 10000000ull;
	fuzz_snap(&s, &f);
	o = router_dispatch(&f);
	fuzz_router_calls++;
	fuzz_check_routed(&f, &s, o, in);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_count_at_exit("fuzz_router");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size, 0};
	unsigned fw = 0;

	harness_reset();
	domain_registry_reset();
	fw = fuzz_u8(&in);
	harness.fw.has_trng = fw & 1;
	harness.fw.smccc_1_2 = !(fw & 2);
	harness.fw.has_soc_id = !(fw & 4);
	harness.fw.trng_fails = fw & 8;
	harness.entropy_fails = fw & 16;
	harness.power_up_failures = fw & 32 ? 1000 : 0;
	firmware_probe();
	if (!fuzz_build_domain(&in))
		return 0;
	fuzz_run_ops(&in, MAX_CALLS, one_call);
	return 0;
}
