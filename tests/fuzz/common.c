// SPDX-License-Identifier: MIT
/*
 * Shared by fuzz_router.c and fuzz_trap.c (common.h): the input, the random
 * domain, random calls and the router oracle. The invariants the oracle
 * checks:
 *   - a denied or malformed call reaches no handler, no firmware and no
 *     monitor, and answers x0 = -1 with x1-x17 unchanged;
 *   - an emulated built-in changes no register at or above its nresults;
 *   - a forwarded call reaches the firmware once with w7[15:0] = client ID,
 *     w7[31:16] the caller's, 32-bit arguments masked, and the caller sees
 *     the firmware's registers (its own where the firmware left them);
 *   - only a call whose verdict is "monitor" is ever posted to the agent.
 */
#include <string.h>
#include <time.h>

#include "arbiter/arena.h"
#include "arbiter/firmware_caps.h"
#include "arbiter/policy.h"
#include "arbiter/router.h"
#include "common.h"
#include "harness.h"

#define MAX_RULES  12
#define ARENA_SIZE (4u << 20)

struct config fuzz_cfg;
struct domain fuzz_dom;
struct vcpu fuzz_vcpus[FUZZ_MAX_VCPUS];
uint64_t fuzz_router_calls;
const struct builtin_fn *fuzz_answered_by;
static uint8_t arena_mem[ARENA_SIZE];

void fuzz_extend(struct fuzz_input *in, const uint8_t *data, size_t size)
{
	uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 0x100000001b3ull;
	in->prng = h | 1;
}

/* The input readers are the fuzzer's own plumbing: their coverage would
 * only slow every call down. */
#define NO_COVERAGE __attribute__((no_sanitize("coverage")))

/* xorshift64*: one byte of it per input byte wanted. */
NO_COVERAGE static uint8_t prng_byte(struct fuzz_input *in)
{
	in->prng ^= in->prng >> 12;
	in->prng ^= in->prng << 25;
	in->prng ^= in->prng >> 27;
	return (uint8_t)((in->prng * 0x2545f4914f6cdd1dull) >> 56);
}

NO_COVERAGE uint64_t fuzz_take(struct fuzz_input *in, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++) {
		uint8_t b = 0;

		if (in->n) {
			b = *in->p++;
			in->n--;
		} else if (in->prng) {
			b = prng_byte(in);
		}
		v |= (uint64_t)b << (8 * i);
	}
	return v;
}

NO_COVERAGE uint8_t fuzz_u8(struct fuzz_input *in)
{
	return (uint8_t)fuzz_take(in, 1);
}

static const char *count_name;
static struct timespec count_start;

static void count_print(void)
{
	struct timespec t;
	double secs;

	clock_gettime(CLOCK_MONOTONIC, &t);
	secs = (double)(t.tv_sec - count_start.tv_sec) +
	       (double)(t.tv_nsec - count_start.tv_nsec) / 1e9;
	fprintf(stderr, "%s: %llu router calls in %.0f s (%.0f per second)\n",
		count_name, (unsigned long long)fuzz_router_calls, secs,
		secs > 0 ? (double)fuzz_router_calls / secs : 0.0);
}

void fuzz_count_at_exit(const char *name)
{
	count_name = name;
	clock_gettime(CLOCK_MONOTONIC, &count_start);
	atexit(count_print);
}

/* IDs worth aiming at: each service's base, a few built-ins' neighbours. */
static const uint32_t bases[] = {
	0x80000000u, 0x80008000u, 0x8000ff00u, 0x81000000u, 0x8100ff00u,
	0x82000000u, 0xc2000000u, 0x83000000u, 0xc3000000u, 0x84000000u,
	0xc4000000u, 0x84000050u, 0xc4000050u, 0x84000060u, 0x8400ff00u,
	0x85000000u, 0x8500ff00u, 0x86000000u, 0x8600ff00u, 0x87000000u,
	0xb0000000u, 0xb2000000u, 0xbf00ff00u, 0xf2000000u, 0x32000000u,
	0x02000000u, 0x00000000u, 0xc0000000u};
#define NBASES (sizeof(bases) / sizeof(bases[0]))

static struct rule_config *add_rule(struct domain_config *dc, const char *name,
				    int service, uint32_t lo, uint32_t hi,
				    unsigned conduits, unsigned action)
{
	struct rule_config *r = &fuzz_cfg.rule_pool[dc->nrules++];

	*r = (struct rule_config){.name = name,
				  .service = service,
				  .lo = lo,
				  .hi = hi,
				  .conduits = (uint8_t)conduits,
				  .action = (uint8_t)action};
	return r;
}

static void template_rules(struct domain_config *dc, unsigned t,
			   struct fuzz_input *in)
{
	switch (t) {
	case 1: /* ctrl: the SiP range forwarded */
		add_rule(dc, "sip", SVC_SIP, 0, 0, CONDUIT_MASK_BOTH,
			 ACTION_FORWARD);
		break;
	case 2: /* locked: TRNG denied and audited, no SMC at all */
		add_rule(dc, "no-trng", SVC_TRNG, 0, 0, CONDUIT_MASK_BOTH,
			 ACTION_DENY)
			->audit = true;
		add_rule(dc, "no-smc", -1, 0x80000000u, 0xffffffffu,
			 CONDUIT_MASK_SMC, ACTION_DENY)
			->audit = true;
		break;
	case 3: /* introspected: exclusive monitor */
		add_rule(dc, "sip", SVC_SIP, 0, 0, CONDUIT_MASK_BOTH,
			 ACTION_FORWARD);
		dc->monitor.mode = MONITOR_EXCLUSIVE;
		dc->monitor.conduits =
			fuzz_u8(in) & 1 ? CONDUIT_MASK_BOTH : CONDUIT_MASK_SMC;
		break;
	case 4: /* listed monitor over PSCI and part of SiP */
		add_rule(dc, "sip", SVC_SIP, 0, 0, CONDUIT_MASK_BOTH,
			 ACTION_FORWARD);
		add_rule(dc, "m", SVC_PSCI, 0, 0, CONDUIT_MASK_BOTH,
			 ACTION_MONITOR);
		add_rule(dc, "m2", -1, 0xc2000000u, 0xc20000ffu,
			 CONDUIT_MASK_BOTH, ACTION_MONITOR);
		dc->monitor.mode = MONITOR_LISTED;
		break;
	default: /* no rules: the defaults */
		break;
	}
}

static void random_rule(struct domain_config *dc, struct fuzz_input *in)
{
	static const char *const names[MAX_RULES] = {"r0", "r1", "r2",	"r3",
						     "r4", "r5", "r6",	"r7",
						     "r8", "r9", "r10", "r11"};
	unsigned kind = fuzz_u8(in) % 4;
	unsigned action = fuzz_u8(in) % ACTION_COUNT;
	unsigned conduits = 1 + fuzz_u8(in) % 3;
	uint32_t lo = bases[fuzz_u8(in) % NBASES] + (uint32_t)fuzz_take(in, 2);
	uint32_t hi = lo;
	int service = -1;
	struct rule_config *r;

	if (kind == 0)
		service = fuzz_u8(in) % SVC_COUNT;
	else if (kind == 2)
		hi = lo + (uint32_t)fuzz_take(in, 2);
	else if (kind == 3)
		hi = lo + (uint32_t)fuzz_take(in, 4);
	if (hi < lo)
		hi = 0xffffffffu;
	r = add_rule(dc, names[dc->nrules % MAX_RULES], service, lo, hi,
		     conduits, action);
	r->audit = fuzz_u8(in) & 1;
	r->tee = action == ACTION_TEE ? 1 : 0;
}

bool fuzz_build_domain(struct fuzz_input *in)
{
	struct domain_config *dc = &fuzz_cfg.domains[0];
	unsigned t = fuzz_u8(in) % 5, extra = fuzz_u8(in) % (MAX_RULES - 4);
	struct config_errors errs = {0};
	struct arena a;

	memset(&fuzz_cfg, 0, sizeof(fuzz_cfg));
	fuzz_cfg.ndomains = 1;
	dc->name = "vm";
	dc->id = 1 + (uint32_t)(fuzz_take(in, 2) % 65534);
	dc->ncpus = 1 + fuzz_u8(in) % FUZZ_MAX_VCPUS;
	for (uint32_t i = 0; i < dc->ncpus; i++)
		dc->cpus[i] = i;
	dc->memory_size = 0x10000000u;
	dc->image = "vm.bin";
	dc->imm_policy = fuzz_u8(in) & 1 ? IMM_UNKNOWN : IMM_UNDEF;
	dc->psci_suspend_extended = fuzz_u8(in) & 1;
	dc->rules = fuzz_cfg.rule_pool;
	dc->monitor.agent = "ag";
	dc->monitor.pass_when_absent = fuzz_u8(in) & 1;
	template_rules(dc, t, in);
	for (unsigned i = 0; i < extra; i++)
		random_rule(dc, in);
	if (!dc->monitor.mode && (fuzz_u8(in) & 3) == 0) {
		dc->monitor.mode = MONITOR_LISTED;
		dc->monitor.conduits = CONDUIT_MASK_BOTH;
	}
	for (;;) {
		arena_init(&a, arena_mem, sizeof(arena_mem));
		errs.count = 0;
		if (domain_create(&fuzz_dom, fuzz_vcpus, &fuzz_cfg, dc, &a,
				  &errs) == 0)
			return true;
		if (!dc->nrules)
			return false;
		dc->nrules--;
	}
}

enum decode_result fuzz_oracle_decode(uint64_t x0, unsigned st, unsigned imm,
				      uint32_t *fid)
{
	uint32_t w = (uint32_t)x0;

	if (imm)
		return DECODE_IMMEDIATE;
	if (w >> 31) {
		w &= ~0x10000u;
		if ((w >> 17) & 0x7fu)
			return DECODE_RESERVED;
	} else if ((w >> 16) & 0xffu) {
		return DECODE_RESERVED;
	}
	if (st == EXEC_AARCH32 && (w >> 30) & 1u)
		return DECODE_64_FROM_32;
	*fid = w;
	return DECODE_OK;
}

uint64_t fuzz_pick_x0(struct fuzz_input *in)
{
	unsigned how = fuzz_u8(in);
	uint64_t x0;

	switch (how % 5) {
	case 0:
	case 1:
		x0 = builtin_fns[fuzz_u8(in) % builtin_fn_count].fid;
		break;
	case 2:
		x0 = bases[fuzz_u8(in) % NBASES] + fuzz_u8(in);
		break;
	case 3:
		x0 = FUZZ_ECHO_FID;
		break;
	default:
		x0 = fuzz_take(in, 4);
		break;
	}
	if (how & 0x20)
		x0 |= 1u << (16 + fuzz_u8(in) % 8); /* hint or reserved bits */
	if (how & 0x40)
		x0 |= fuzz_take(in, 4) << 32; /* ignored upper half */
	return x0;
}

void fuzz_fill_args(struct call_frame *f, struct fuzz_input *in)
{
	unsigned how = fuzz_u8(in);

	for (unsigned i = 1; i < CALL_NREGS; i++)
		f->x[i] = 0xa5a5a5a5a5a50000ull | i;
	if (how & 1)
		f->x[1] = fuzz_take(in, fuzz_u8(in) & 1 ? 8 : 1);
	if (how & 2)
		f->x[1] = builtin_fns[fuzz_u8(in) % builtin_fn_count].fid;
	if (how & 4)
		f->x[2] = 0x40000000u + fuzz_take(in, 4);
	if (how & 8)
		f->x[3] = fuzz_take(in, 8);
	if (how & 16)
		f->x[7] = fuzz_take(in, 8);
	if (how & 32)
		for (unsigned i = 4; i < CALL_NREGS; i++)
			f->x[i] = fuzz_take(in, 8);
}

void fuzz_snap(struct fuzz_snapshot *s, const struct call_frame *f)
{
	s->f = *f;
	s->fw_calls = harness.fw.calls;
	s->posts = harness.monitor_posts;
	s->kicks = harness.kicks;
	s->offs = harness.domain_offs;
	s->resets = harness.domain_resets;
	s->denied = f->vcpu->stats.by_action[ACTION_DENY];
	for (unsigned i = 0; i < fuzz_dom.nvcpus; i++)
		s->power[i] = atomic_load(&fuzz_dom.vcpus[i].power);
}

void fuzz_check_untouched(const struct fuzz_snapshot *s)
{
	CHECK(harness.fw.calls == s->fw_calls);
	CHECK(harness.monitor_posts == s->posts);
	CHECK(harness.kicks == s->kicks);
	CHECK(harness.domain_offs == s->offs);
	CHECK(harness.domain_resets == s->resets);
	for (unsigned i = 0; i < fuzz_dom.nvcpus; i++)
		CHECK(atomic_load(&fuzz_dom.vcpus[i].power) == s->power[i]);
}

void fuzz_check_regs_from(const struct call_frame *f,
			  const struct fuzz_snapshot *s, unsigned from)
{
	for (unsigned i = from; i < CALL_NREGS; i++)
		CHECK(f->x[i] == s->f.x[i]);
}

static void check_minus_one(const struct call_frame *f,
			    const struct fuzz_snapshot *s, enum call_outcome o)
{
	CHECK(o == CALL_DONE);
	CHECK(f->x[0] == ~(uint64_t)0);
	fuzz_check_regs_from(f, s, 1);
	fuzz_check_untouched(s);
}

static void check_forward(const struct call_frame *f,
			  const struct fuzz_snapshot *s, uint32_t fid,
			  enum call_outcome o)
{
	const struct smccc_regs *in = &harness.fw.last_in;
	uint64_t mask = smccc_is_64(fid) ? ~(uint64_t)0 : 0xffffffffu;

	CHECK(o == CALL_DONE);
	CHECK(harness.fw.calls == s->fw_calls + 1);
	CHECK(harness.monitor_posts == s->posts);
	CHECK(in->x[0] == fid);
	CHECK((in->x[7] & 0xffffu) == fuzz_dom.client_id);
	CHECK(fuzz_dom.client_id != 0);
	CHECK((in->x[7] & ~(uint64_t)0xffffu) ==
	      (s->f.x[7] & mask & ~(uint64_t)0xffffu));
	for (unsigned i = 1; i < CALL_NREGS; i++)
		if (i != 7)
			CHECK(in->x[i] == (s->f.x[i] & mask));
	if (fid == FUZZ_ECHO_FID) {
		/* results: x0-x17 from SMCCC 1.2 firmware, else x0-x3 */
		unsigned nres = firmware_caps.smccc_version >= SMCCC_VERSION_1_2
					? CALL_NREGS
					: 4;

		CHECK(f->x[0] == 0);
		for (unsigned i = 1; i < CALL_NREGS; i++)
			CHECK(f->x[i] == (i < nres ? in->x[i] + 1 : s->f.x[i]));
	} else if (smccc_oen(fid) != OEN_STD && smccc_oen(fid) != OEN_ARCH) {
		/* the fake firmware does not know it: -1, nothing else */
		CHECK(f->x[0] == ~(uint64_t)0);
		fuzz_check_regs_from(f, s, 1);
	}
}

static void check_emulated(const struct call_frame *f,
			   const struct fuzz_snapshot *s,
			   const struct verdict *vd, uint32_t fid,
			   enum call_outcome o)
{
	CHECK(o != CALL_PENDING && o != CALL_UNDEF && o != CALL_REPEAT);
	CHECK(harness.monitor_posts == s->posts);
	if (!vd->fn) {
		check_minus_one(f, s, o);
		return;
	}
	CHECK(vd->fn == builtin_find(fid));
	fuzz_answered_by = vd->fn;
	fuzz_check_regs_from(f, s, vd->fn->nresults);
	/* only the workarounds and TRNG talk to the firmware */
	if (harness.fw.calls != s->fw_calls)
		CHECK(vd->fn->service == SVC_ARCH ||
		      vd->fn->service == SVC_TRNG);
}

/* Check a call carried out with `action` (the verdict's or its fallback). */
static void check_action(const struct call_frame *f,
			 const struct fuzz_snapshot *s,
			 const struct verdict *vd, unsigned action,
			 uint32_t fid, enum call_outcome o)
{
	switch (action) {
	case ACTION_EMULATE:
		check_emulated(f, s, vd, fid, o);
		break;
	case ACTION_FORWARD:
		check_forward(f, s, fid, o);
		break;
	case ACTION_TEE: /* no mediator is linked in */
	case ACTION_DENY:
		check_minus_one(f, s, o);
		break;
	default:
		CHECK(0);
	}
}

static enum call_outcome do_resume(struct call_frame *f,
				   const struct fuzz_snapshot *s,
				   const struct verdict *vd, uint32_t fid,
				   struct fuzz_input *in)
{
	struct monitor_reply r = {.verdict = fuzz_u8(in) % 3,
				  .advance_pc = fuzz_u8(in) & 1,
				  .set_mask = (uint32_t)fuzz_take(in, 3)};
	struct fuzz_snapshot s2;
	enum call_outcome o;

	for (unsigned i = 0; i < CALL_NREGS; i++)
		r.regs[i] = fuzz_take(in, 1) * 0x0101010101010101ull;
	fuzz_snap(&s2, f);
	s2.f = s->f;
	o = router_resume(f, &r);
	CHECK(!f->vcpu->pending.active);
	switch (r.verdict) {
	case MONITOR_REPLY_DONE:
		CHECK(o == (r.advance_pc ? CALL_DONE : CALL_REPEAT));
		for (unsigned i = 0; i < CALL_NREGS; i++)
			CHECK(f->x[i] ==
			      ((r.set_mask >> i) & 1 ? r.regs[i] : s->f.x[i]));
		fuzz_check_untouched(&s2);
		break;
	case MONITOR_REPLY_HANDBACK:
		check_action(f, &s2, vd, vd->fallback, fid, o);
		break;
	default:
		check_minus_one(f, &s2, o);
		break;
	}
	return o;
}

enum call_outcome fuzz_check_routed(struct call_frame *f,
				    const struct fuzz_snapshot *s,
				    enum call_outcome o, struct fuzz_input *in)
{
	const struct verdict *vd;
	enum decode_result dr;
	uint32_t fid = 0, rfid = 0;

	fuzz_answered_by = NULL;
	dr = fuzz_oracle_decode(s->f.x[0], s->f.state, s->f.imm, &fid);
	CHECK(call_decode(s->f.x[0], s->f.state, s->f.imm, &rfid) == dr);
	if (dr == DECODE_IMMEDIATE && fuzz_dom.imm_policy == IMM_UNDEF) {
		CHECK(o == CALL_UNDEF);
		fuzz_check_regs_from(f, s, 0);
		fuzz_check_untouched(s);
		return o;
	}
	if (dr != DECODE_OK) {
		check_minus_one(f, s, o);
		return o;
	}
	CHECK(rfid == fid);
	vd = route_lookup(&fuzz_dom, s->f.conduit, fid);
	if (vd->action == ACTION_DENY) {
		check_minus_one(f, s, o);
		CHECK(f->vcpu->stats.by_action[ACTION_DENY] == s->denied + 1);
		return o;
	}
	if (vd->action != ACTION_MONITOR) {
		CHECK(harness.monitor_posts == s->posts);
		check_action(f, s, vd, vd->action, fid, o);
		return o;
	}
	CHECK(vd->fallback != ACTION_DENY && vd->fallback != ACTION_MONITOR);
	if (!harness.monitor_attached) {
		CHECK(harness.monitor_posts == s->posts);
		if (fuzz_dom.cfg->monitor.pass_when_absent)
			check_action(f, s, vd, vd->fallback, fid, o);
		else
			check_minus_one(f, s, o);
		return o;
	}
	CHECK(o == CALL_PENDING);
	CHECK(harness.monitor_posts == s->posts + 1);
	CHECK(harness.fw.calls == s->fw_calls);
	fuzz_check_regs_from(f, s, 0);
	CHECK(harness.last_posted.fid == fid);
	return do_resume(f, s, vd, fid, in);
}

void fuzz_run_ops(struct fuzz_input *in, unsigned max,
		  void (*one)(struct fuzz_input *in))
{
	for (unsigned i = 0; i < max && (in->n || in->prng); i++) {
		unsigned op = fuzz_u8(in);

		if (op == 0xfe) {
			domain_reset_vcpus(&fuzz_dom);
		} else if (op == 0xfd) {
			uint64_t e, c;

			for (unsigned k = 0; k < fuzz_dom.nvcpus; k++)
				vcpu_power_take_pending(&fuzz_dom.vcpus[k], &e,
							&c);
		} else {
			one(in);
		}
	}
}
