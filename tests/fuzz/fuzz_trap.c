// SPDX-License-Identifier: MIT
/*
 * libFuzzer target over the whole call path as the hypervisor runs it,
 * with the host harness as the arch: a random syndrome (ESR of any
 * exception class, ELR, SPSR of either execution state, EL0 or EL1, any
 * flags) and random x0-x17 and vCPU go through the portable trap decode
 * (trap_call64() as the AArch64 vector calls it, then trap_decode() as the
 * slow path does; trap_decode() alone from the AArch32 vector), the router
 * and every built-in service over the fake platform (vCPU power, the fake
 * firmware and its TRNG, entropy, the monitor), then trap_outcome(). The
 * configuration is random too (common.c), with a second domain beside it.
 * Invariants, besides the router oracle's (common.c):
 *   - only EC 0x12, 0x13, 0x16 and 0x17 are calls; any other exception
 *     leaves the frame and the world untouched; a conditional SMC32 that
 *     fails its condition is skipped (ELR + 4) and reaches nothing;
 *   - a call's pc, conduit, state and immediate are the syndrome's; an
 *     AArch32 caller's x0-x17 reach the router masked to 32 bits;
 *   - the outcome is one of enum call_outcome, never PENDING in the end;
 *     WAIT and STOP only from the functions that may wait or stop;
 *   - the PC rule: DONE and WAIT resume after the instruction, REPEAT at
 *     it, UNDEF is taken at it; for an HVC, "after" is the trap's own ELR
 *     (vectors.S then skips the write);
 *   - each PSCI, TRNG and Arm architecture function answers only the
 *     codes its specification lets it return; CPU_ON's answer agrees with
 *     the target's power state; TRNG's bits above N are zero;
 *   - every call is counted once in the caller's vCPU counters;
 *   - the other domain never changes: its vCPUs, counters, pending calls.
 */
#include <string.h>

#include "arbiter/arena.h"
#include "arbiter/firmware_caps.h"
#include "arbiter/monitor.h"
#include "arbiter/monitor_abi.h"
#include "arbiter/router.h"
#include "arbiter/trap_decode.h"
#include "common.h"
#include "harness.h"

#define MAX_CALLS 1024
#define NB_VCPUS  2
#define NB_ID	  0xfffeu

/* The neighbour: built once, its vCPUs put back before every input. */
static struct config nb_cfg;
static struct domain nb;
static struct vcpu nb_vcpus[NB_VCPUS];
static uint8_t nb_arena[1u << 20];

static void neighbour_build(void)
{
	struct domain_config *dc = &nb_cfg.domains[0];
	struct arena a;

	nb_cfg.ndomains = 1;
	*dc = (struct domain_config){.name = "nb",
				     .id = NB_ID,
				     .ncpus = NB_VCPUS,
				     .cpus = {4, 5},
				     .memory_size = 0x4000000u,
				     .image = "nb.bin",
				     .psci_suspend_extended = true};
	arena_init(&a, nb_arena, sizeof(nb_arena));
	if (domain_create(&nb, nb_vcpus, &nb_cfg, dc, &a, NULL) != 0)
		abort();
}

/* vCPU 1 pending with an entry point: state someone could disturb. */
static void neighbour_reset(void)
{
	domain_reset_vcpus(&nb);
	memset(&nb_vcpus[0].stats, 0, sizeof(nb_vcpus[0].stats));
	memset(&nb_vcpus[1].stats, 0, sizeof(nb_vcpus[1].stats));
	nb_vcpus[1].entry = 0x40001000u;
	nb_vcpus[1].context = 0x1234;
	atomic_store(&nb_vcpus[1].power, VCPU_ON_PENDING);
	if (fuzz_dom.client_id != NB_ID)
		domain_register(&nb);
}

struct world {
	struct fuzz_snapshot s;
	struct domain nb;
	struct vcpu nb_vcpus[NB_VCPUS];
	uint64_t calls, power_ups;
	struct vcpu *last_kicked;
	struct domain *last_domain;
};

static void world_save(struct world *w, const struct call_frame *f)
{
	fuzz_snap(&w->s, f);
	memcpy(&w->nb, &nb, sizeof(nb)); /* padding too: memcmp later */
	memcpy(w->nb_vcpus, nb_vcpus, sizeof(nb_vcpus));
	w->calls = vcpu_calls(f->vcpu);
	w->power_ups = harness.power_ups;
	w->last_kicked = harness.last_kicked;
	w->last_domain = harness.last_domain;
}

/* The neighbour is exactly as it was; whatever moved belongs to us. */
static void check_neighbour(const struct world *w)
{
	CHECK(memcmp(&w->nb, &nb, sizeof(nb)) == 0);
	CHECK(memcmp(w->nb_vcpus, nb_vcpus, sizeof(nb_vcpus)) == 0);
	if (harness.last_kicked != w->last_kicked)
		CHECK(harness.last_kicked->dom == &fuzz_dom);
	if (harness.last_domain != w->last_domain)
		CHECK(harness.last_domain == &fuzz_dom);
}

/* Any exception class; mostly the four call classes. */
static uint64_t pick_esr(struct fuzz_input *in)
{
	static const unsigned call_ec[4] = {TRAP_EC_HVC64, TRAP_EC_SMC64,
					    TRAP_EC_HVC32, TRAP_EC_SMC32};
	unsigned how = fuzz_u8(in);
	uint32_t esr = TRAP_ESR_IL, iss = 0;

	if ((how & 7) < 5) {
		unsigned ec = call_ec[(how >> 3) & 3];

		if (how & 0x20)
			iss = (uint32_t)fuzz_take(in, 2); /* an immediate */
		if (ec == TRAP_EC_SMC32)
			iss |= (uint32_t)fuzz_u8(in) << 19; /* CV, COND, CCKP */
		esr |= ec << TRAP_ESR_EC_SHIFT | (iss & 0x1ffffffu);
	} else if ((how & 7) == 5) {
		esr |= (uint32_t)fuzz_take(in, 2); /* EC 0: unknown reason */
	} else {
		esr = (uint32_t)fuzz_take(in, 4);
	}
	if (how & 0x40)
		esr ^= TRAP_ESR_IL;
	return (how & 0x80) ? esr | fuzz_take(in, 4) << 32 : esr;
}

/* AArch64 or AArch32, EL0 or EL1, any NZCV and any other bit. */
static uint64_t pick_spsr(struct fuzz_input *in, unsigned flags)
{
	uint64_t spsr = fuzz_take(in, 4);

	if (!(flags & 0x80)) {
		spsr &= ~(uint64_t)(TRAP_SPSR_NRW | TRAP_SPSR_EL_MASK);
		spsr |= (flags & 0x40) ? 0x4u : 0; /* EL1 or EL0 */
		if (flags & 0x10)
			spsr |= TRAP_SPSR_NRW;
	}
	return spsr;
}

/* The oracle's A32 condition check (Arm ARM F1.3, shared pseudocode). */
static bool oracle_cond(unsigned cond, uint64_t spsr)
{
	bool n = spsr >> 31 & 1, z = spsr >> 30 & 1, c = spsr >> 29 & 1,
	     v = spsr >> 28 & 1;
	bool r[7] = {z, c, n, v, c && !z, n == v, !z && n == v};

	if (cond >= 0xe) /* AL, and the unconditional 0b1111 */
		return true;
	return (cond & 1) ? !r[cond >> 1] : r[cond >> 1];
}

static bool one_of(int64_t v, const int64_t *set, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (v == set[i])
			return true;
	return false;
}

#define IN(v, ...)                                                             \
	one_of((v), (const int64_t[]){__VA_ARGS__},                            \
	       sizeof((const int64_t[]){__VA_ARGS__}) / sizeof(int64_t))

/* DONE answers each PSCI function may give (PSCI 1.3, DEN0022). */
static void check_psci(const struct call_frame *f, const struct world *w,
		       uint32_t fn, enum call_outcome o)
{
	int64_t x0 = (int64_t)f->x[0];
	bool stops = fn == PSCI_FN_CPU_OFF || fn == PSCI_FN_CPU_FREEZE ||
		     fn == PSCI_FN_CPU_SUSPEND ||
		     fn == PSCI_FN_CPU_DEFAULT_SUSPEND ||
		     fn == PSCI_FN_SYSTEM_SUSPEND || fn == PSCI_FN_SYSTEM_OFF ||
		     fn == PSCI_FN_SYSTEM_RESET ||
		     fn == PSCI_FN_SYSTEM_RESET2 || fn == PSCI_FN_SYSTEM_OFF2;

	CHECK(o == CALL_DONE || (o == CALL_STOP && stops) ||
	      (o == CALL_WAIT && fn == PSCI_FN_CPU_SUSPEND && x0 == 0));
	if (o != CALL_DONE)
		return;
	switch (fn) {
	case PSCI_FN_VERSION:
		CHECK(x0 == 0x10003);
		break;
	case PSCI_FN_CPU_SUSPEND:
		CHECK(IN(x0, -2, -3, -9));
		break;
	case PSCI_FN_CPU_ON:
		CHECK(IN(x0, 0, -2, -4, -5, -6, -9));
		CHECK((x0 == 0) == (harness.kicks == w->s.kicks + 1));
		CHECK(x0 != -6 || harness.power_ups == w->power_ups + 1);
		break;
	case PSCI_FN_AFFINITY_INFO:
		CHECK(IN(x0, 0, 1, 2, -2, -8));
		break;
	case PSCI_FN_MIGRATE_INFO_TYPE:
		CHECK(IN(x0, 0, 1, 2, -1));
		break;
	case PSCI_FN_FEATURES:
		CHECK(x0 == -1 || (x0 >= 0 && x0 <= 0x7fffffff));
		break;
	case PSCI_FN_NODE_HW_STATE:
		CHECK(IN(x0, 0, 1, 2, -1, -2));
		break;
	case PSCI_FN_CPU_DEFAULT_SUSPEND:
		CHECK(IN(x0, -2, -3, -9));
		break;
	case PSCI_FN_SYSTEM_SUSPEND:
		CHECK(IN(x0, -1, -2, -3, -4, -9));
		break;
	case PSCI_FN_SYSTEM_RESET2:
	case PSCI_FN_SYSTEM_OFF2:
		CHECK(IN(x0, -1, -2));
		break;
	case PSCI_FN_CPU_FREEZE:
		CHECK(x0 == -1);
		break;
	default: /* CPU_OFF, SYSTEM_OFF, SYSTEM_RESET return only -3 */
		CHECK(x0 == -3);
		break;
	}
}

/* CPU_ON's answer and the target's power state agree. */
static void check_cpu_on(const struct call_frame *f, const struct world *w)
{
	uint64_t mpidr = w->s.f.x[1] & call_arg_mask(f->fid);
	int64_t x0 = (int64_t)f->x[0];
	unsigned idx = (unsigned)((mpidr >> 8 & 0xff) * 16 + (mpidr & 0xff));

	if (x0 == -2 || (mpidr & ~0xfffull) || (mpidr & 0xff) >= 16 ||
	    idx >= fuzz_dom.nvcpus)
		return;
	if (x0 == 0)
		CHECK(atomic_load(&fuzz_dom.vcpus[idx].power) ==
		      VCPU_ON_PENDING);
	if (x0 == -6 || x0 == -9) /* nothing changed: OFF stays OFF */
		CHECK(atomic_load(&fuzz_dom.vcpus[idx].power) ==
		      w->s.power[idx]);
}

/* n: the caller's x1 (now a result). */
static void check_trng(const struct call_frame *f, uint32_t fid, uint64_t n)
{
	int64_t x0 = (int64_t)f->x[0];
	uint64_t v[3] = {f->x[3], f->x[2], f->x[1]};

	switch (smccc_func(fid)) {
	case TRNG_FN_VERSION:
		CHECK(x0 == 0x10000);
		break;
	case TRNG_FN_FEATURES:
		CHECK(IN(x0, 0, -1));
		break;
	case TRNG_FN_GET_UUID:
		CHECK((uint32_t)x0 != 0xffffffffu);
		break;
	default: /* RND: success with no bit above N, or no entropy */
		CHECK(IN(x0, 0, -2, -3));
		if (x0 == -3)
			CHECK(!f->x[1] && !f->x[2] && !f->x[3]);
		if (x0 != 0)
			break;
		if (!smccc_is_64(fid)) { /* W1-W3: bits 95:0 */
			CHECK(!(f->x[1] >> 32) && !(f->x[2] >> 32) &&
			      !(f->x[3] >> 32));
			v[0] = f->x[2] << 32 | f->x[3];
			v[1] = f->x[1];
			v[2] = 0;
		}
		for (unsigned i = 0; i < 3; i++)
			if (n <= 64 * i)
				CHECK(v[i] == 0);
			else if (n - 64 * i < 64)
				CHECK(v[i] >> (n - 64 * i) == 0);
		break;
	}
}

static void check_arch(const struct call_frame *f, uint32_t fid)
{
	int64_t x0 = (int64_t)f->x[0];

	if (fid == ARM_SMCCC_VERSION)
		CHECK(x0 == 0x10003);
	else if (fid == ARM_SMCCC_ARCH_FEATURES)
		CHECK(x0 >= -2);
	else if (fid != ARM_SMCCC_ARCH_SOC_ID && fid != ARM_SMCCC_ARCH_SOC_ID64)
		CHECK(IN(x0, 0, -1)); /* a workaround */
	else if (x0 < 0)
		CHECK(IN(x0, -1, -3));
}

/* What the built-in that answered may answer. */
static void check_answer(const struct call_frame *f, const struct world *w,
			 enum call_outcome o)
{
	const struct builtin_fn *fn = fuzz_answered_by;

	if (!fn) {
		CHECK(o != CALL_WAIT && o != CALL_STOP);
		return;
	}
	if (fn->service == SVC_PSCI) {
		check_psci(f, w, smccc_func(fn->fid), o);
		if (smccc_func(fn->fid) == PSCI_FN_CPU_ON && o == CALL_DONE)
			check_cpu_on(f, w);
		return;
	}
	CHECK(o == CALL_DONE || (o == CALL_WAIT && fn->fid == ARB_MON_WAIT));
	if (fn->service == SVC_TRNG)
		check_trng(f, fn->fid, w->s.f.x[1] & call_arg_mask(f->fid));
	else if (fn->service == SVC_ARCH)
		check_arch(f, fn->fid);
}

/* The PC rule (trap_outcome) for the final outcome of a call. */
static void check_pc(const struct call_frame *f, enum call_outcome o,
		     uint64_t elr)
{
	uint64_t pc = 0;
	enum trap_action a = trap_outcome(f, o, &pc);

	CHECK(o <= CALL_STOP && o != CALL_PENDING);
	switch (o) {
	case CALL_DONE:
	case CALL_WAIT:
		CHECK(a == (o == CALL_DONE ? TRAP_RESUME : TRAP_RESUME_IDLE));
		CHECK(pc == f->pc + 4);
		if (f->conduit == CONDUIT_HVC)
			CHECK(pc == elr); /* what vectors.S relies on */
		else
			CHECK(pc == elr + 4);
		break;
	case CALL_REPEAT:
		CHECK(a == TRAP_RESUME && pc == f->pc);
		break;
	case CALL_UNDEF:
		CHECK(a == TRAP_UNDEF && pc == f->pc);
		break;
	default:
		CHECK(a == TRAP_STOP);
		break;
	}
}

/* Route a decoded call and check everything that followed. */
static void routed(struct call_frame *f, struct world *w, enum call_outcome o,
		   uint64_t elr, struct fuzz_input *in)
{
	uint64_t calls_after;

	fuzz_router_calls++;
	calls_after = vcpu_calls(f->vcpu);
	o = fuzz_check_routed(f, &w->s, o, in);
	/* a call a monitor held and handed back counts again as what
	 * happened to it (route_act), so only the first count is exact */
	CHECK(calls_after == w->calls + 1);
	check_answer(f, w, o);
	check_pc(f, o, elr);
}

/* The frame fields a call's syndrome determines. */
static void expect_call(struct call_frame *e, uint64_t esr, uint64_t elr,
			uint64_t spsr)
{
	unsigned ec = (uint32_t)esr >> TRAP_ESR_EC_SHIFT;
	bool hvc = ec == TRAP_EC_HVC64 || ec == TRAP_EC_HVC32;
	bool a32 = ec == TRAP_EC_HVC32 || ec == TRAP_EC_SMC32;

	e->pc = hvc ? elr - 4 : elr;
	e->conduit = hvc ? CONDUIT_HVC : CONDUIT_SMC;
	e->state = a32 ? EXEC_AARCH32 : EXEC_AARCH64;
	e->imm = (hvc || !a32) ? (uint16_t)esr : 0;
	if (a32)
		for (unsigned i = 0; i < CALL_NREGS; i++)
			e->x[i] &= 0xffffffffu;
	e->esr = (uint32_t)esr;
	e->pstate = spsr;
}

static void check_fields(const struct call_frame *f, const struct call_frame *e)
{
	CHECK(f->pc == e->pc && f->conduit == e->conduit &&
	      f->state == e->state && f->imm == e->imm);
}

/* The slow path: trap_decode(), then the router, or nothing at all. */
static void slow_path(struct call_frame *f, struct world *w, uint64_t esr,
		      uint64_t elr, uint64_t spsr, struct fuzz_input *in)
{
	unsigned ec = (uint32_t)esr >> TRAP_ESR_EC_SHIFT;
	bool call = ec == TRAP_EC_HVC32 || ec == TRAP_EC_SMC32 ||
		    ec == TRAP_EC_HVC64 || ec == TRAP_EC_SMC64;
	bool fails =
		ec == TRAP_EC_SMC32 && (esr & TRAP_ISS_CCKNOWNPASS) &&
		(esr & TRAP_ISS_CV) &&
		!oracle_cond((uint32_t)esr >> TRAP_ISS_COND_SHIFT & 0xfu, spsr);
	struct call_frame before = *f, e = *f;
	uint64_t skip = 0;

	switch (trap_decode(f, esr, elr, spsr, &skip)) {
	case TRAP_DECODE_CALL:
		CHECK(call && !fails);
		expect_call(&e, esr, elr, spsr);
		check_fields(f, &e);
		CHECK(f->esr == e.esr && f->pstate == spsr);
		CHECK(memcmp(f->x, e.x, sizeof(e.x)) == 0);
		world_save(w, f);
		routed(f, w, router_dispatch(f), elr, in);
		return;
	case TRAP_DECODE_SKIP:
		CHECK(fails && skip == elr + 4);
		break;
	default:
		CHECK(!call);
		break;
	}
	CHECK(memcmp(f, &before, sizeof(before)) == 0);
	fuzz_check_untouched(&w->s);
	CHECK(vcpu_calls(f->vcpu) == w->calls);
}

static void one_trap(struct fuzz_input *in)
{
	unsigned flags = fuzz_u8(in);
	struct call_frame f;
	struct world w;
	uint64_t esr = pick_esr(in), spsr = pick_spsr(in, flags);
	uint64_t elr = (flags & 0x08) ? fuzz_take(in, 8)
				      : 0x40080000u + 4 * fuzz_take(in, 2);
	unsigned r;

	/* Fields the decode must write start as junk. */
	memset(&f, 0x5a, sizeof(f));
	f.vcpu = &fuzz_dom.vcpus[(flags & 3) % fuzz_dom.nvcpus];
	f.x[0] = fuzz_pick_x0(in);
	fuzz_fill_args(&f, in);
	harness.monitor_attached = flags & 0x20;
	harness.now_ns += fuzz_take(in, 1) * 10000000ull;
	world_save(&w, &f);
	if (!(spsr & TRAP_SPSR_NRW)) {
		struct call_frame e = f, before = f;

		/* The AArch64 vector: the hot path first. */
		expect_call(&e, esr, elr, spsr);
		e.fid = 0;
		fuzz_snap(&w.s, &e);
		r = trap_call64(&f, esr, elr);
		if (r != TRAP_NOT_A_CALL) {
			unsigned ec = (uint32_t)esr >> TRAP_ESR_EC_SHIFT;

			CHECK(ec == TRAP_EC_HVC64 || ec == TRAP_EC_SMC64);
			check_fields(&f, &e);
			routed(&f, &w, (enum call_outcome)r, elr, in);
			check_neighbour(&w);
			return;
		}
		CHECK(memcmp(&f, &before, sizeof(f)) == 0);
		fuzz_snap(&w.s, &f);
	}
	slow_path(&f, &w, esr, elr, spsr, in);
	check_neighbour(&w);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	harness_reset();
	neighbour_build();
	fuzz_count_at_exit("fuzz_trap");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size, 0};
	unsigned fw;

	harness_reset();
	domain_registry_reset();
	fw = fuzz_u8(&in);
	harness.fw.has_trng = fw & 1;
	harness.fw.smccc_1_2 = !(fw & 2);
	harness.fw.has_soc_id = !(fw & 4);
	harness.fw.trng_fails = fw & 8;
	harness.entropy_fails = fw & 16;
	harness.power_up_failures = (fw >> 5) & 3;
	firmware_probe();
	if (!fuzz_build_domain(&in))
		return 0;
	neighbour_reset();
	/* Compiling the policy costs as much as a few hundred calls: make
	 * them, drawing past the input's end from its own generator. */
	fuzz_extend(&in, data, size);
	fuzz_run_ops(&in, MAX_CALLS, one_trap);
	return 0;
}
