// SPDX-License-Identifier: MIT
/* Virtual PSCI: discovery, CPU_ON (validation and races), AFFINITY_INFO,
 * NODE_HW_STATE, the suspends, and system power acting on one domain. */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "unit.h"

#define NEG(v) ((uint64_t)(int64_t)(v))
#define P32(n) PSCI_0_2_FN(n)
#define P64(n) PSCI_0_2_FN64(n)

static const char psci_dts[] = CONFIG_DTS(
	VM_NODE("vm", "5", "0 1 2 3", "") VM_NODE("other", "6", "4 5", "")
		VM_NODE("orig", "7", "6", "psci-suspend-format = \"original\";")
			VM_NODE("noon", "8", "7",
				"smccc { n { range = <0x84000003 "
				"0x84000003>; action = \"deny\"; "
				"}; };"));

static int setup(void **state)
{
	*state = unit_system(psci_dts);
	return 0;
}

static int teardown(void **state)
{
	unit_free(*state);
	return 0;
}

static int reset_power(void **state)
{
	struct harness_system *sys = *state;

	for (uint32_t i = 0; i < sys->cfg.ndomains; i++)
		domain_reset_vcpus(&sys->domains[i]);
	return 0;
}

static struct domain *dom(void **state, const char *name)
{
	return unit_dom(*state, name);
}

/* One PSCI call from vCPU v: returns x0, checks x1-x17 are unchanged. */
static uint64_t psci(struct domain *d, unsigned v, uint32_t fid, uint64_t a1,
		     uint64_t a2, uint64_t a3, enum call_outcome *out)
{
	struct call_frame f = unit_frame(d, v, CONDUIT_HVC, fid);
	struct call_frame before;
	enum call_outcome o;

	f.x[1] = a1;
	f.x[2] = a2;
	f.x[3] = a3;
	before = f;
	o = router_dispatch(&f);
	unit_assert_unchanged(&f, &before, 1);
	if (out)
		*out = o;
	else
		assert_int_equal(o, CALL_DONE);
	return f.x[0];
}

static uint32_t power(struct domain *d, unsigned v)
{
	return atomic_load(&d->vcpus[v].power);
}

static void version_and_misc(void **state)
{
	struct domain *d = dom(state, "vm");

	assert_int_equal(psci(d, 0, P32(PSCI_FN_VERSION), 0, 0, 0, NULL),
			 0x10003u);
	assert_int_equal(
		psci(d, 0, P32(PSCI_FN_MIGRATE_INFO_TYPE), 0, 0, 0, NULL), 2);
	assert_int_equal(psci(d, 0, P32(PSCI_FN_MIGRATE), 1, 0, 0, NULL),
			 ALL_ONES);
	assert_int_equal(
		psci(d, 0, P32(PSCI_FN_MIGRATE_INFO_UP_CPU), 0, 0, 0, NULL),
		ALL_ONES);
	assert_int_equal(psci(d, 0, P64(PSCI_FN_VERSION), 0, 0, 0, NULL),
			 ALL_ONES);
}

/* Implemented PSCI functions (the table Arbiter claims). */
static bool implemented(uint32_t fid)
{
	static const uint32_t fns32[] = {0,   1,   2,	3,   4,	  6,	8,   9,
					 0xa, 0xb, 0xc, 0xd, 0xe, 0x12, 0x15};
	static const uint32_t fns64[] = {1, 3, 4, 0xc, 0xd, 0xe, 0x12, 0x15};
	const uint32_t *l = smccc_is_64(fid) ? fns64 : fns32;
	size_t n = smccc_is_64(fid) ? 8 : 15;

	for (size_t i = 0; i < n; i++)
		if (smccc_func(fid) == l[i])
			return true;
	return false;
}

static uint64_t feat(struct domain *d, unsigned st, uint64_t fid)
{
	struct call_frame f =
		unit_frame(d, 0, CONDUIT_SMC, P32(PSCI_FN_FEATURES));
	struct call_frame before;

	f.state = (uint8_t)st;
	f.x[1] = fid;
	before = f;
	assert_int_equal(router_dispatch(&f), CALL_DONE);
	unit_assert_unchanged(&f, &before, 1);
	return f.x[0];
}

static void features_every_psci_fid(void **state)
{
	struct domain *d = dom(state, "vm"), *o = dom(state, "orig");

	for (uint32_t fn = 0; fn <= PSCI_FN_LAST; fn++) {
		for (unsigned w = 0; w < 2; w++) {
			uint32_t fid = w ? P64(fn) : P32(fn);
			uint64_t want = 0;

			if (!implemented(fid))
				want = ALL_ONES;
			else if (fn == PSCI_FN_CPU_SUSPEND)
				want = 2; /* extended StateID format */
			else if (fn == PSCI_FN_SYSTEM_OFF2)
				want = 1; /* HIBERNATE_OFF */
			assert_int_equal(builtin_find(fid) != NULL,
					 implemented(fid));
			assert_int_equal(feat(d, EXEC_AARCH64, fid), want);
			/* SMC64 IDs asked from AArch32 */
			assert_int_equal(feat(d, EXEC_AARCH32, fid),
					 w ? ALL_ONES : want);
		}
	}
	/* the mandatory ones */
	for (uint32_t fn = 0; fn <= PSCI_FN_FEATURES; fn++)
		if (fn <= 4 || fn >= 8)
			assert_true(feat(d, EXEC_AARCH64, P32(fn)) <
				    0x80000000u);
	assert_int_equal(feat(d, EXEC_AARCH64, ARM_SMCCC_VERSION), 0);
	assert_int_equal(feat(d, EXEC_AARCH64, 0x84000050u), ALL_ONES);
	assert_int_equal(feat(d, EXEC_AARCH64, ARM_SMCCC_ARCH_FEATURES),
			 ALL_ONES);
	assert_int_equal(feat(d, EXEC_AARCH64, 0xc2000001u), ALL_ONES);
	assert_int_equal(feat(d, EXEC_AARCH64, 0x84020003u), ALL_ONES);
	/* original StateID format: flag clear */
	assert_int_equal(feat(o, EXEC_AARCH64, P32(PSCI_FN_CPU_SUSPEND)), 0);
	assert_int_equal(feat(o, EXEC_AARCH64, P64(PSCI_FN_CPU_SUSPEND)), 0);
	/* a function the caller's policy denies */
	assert_int_equal(
		feat(dom(state, "noon"), EXEC_AARCH64, P32(PSCI_FN_CPU_ON)),
		ALL_ONES);
	assert_int_equal(
		feat(dom(state, "noon"), EXEC_AARCH64, P64(PSCI_FN_CPU_ON)), 0);
}

static void cpu_on_validation(void **state)
{
	struct domain *d = dom(state, "vm"), *o = dom(state, "other");
	const uint64_t ok = 0x40080000u;
	unsigned kicks = harness.kicks;

	/* no such vCPU in the caller's domain (vm has 4, other has 2) */
	assert_int_equal(psci(d, 0, P32(PSCI_FN_CPU_ON), 4, ok, 0, NULL),
			 NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(psci(o, 0, P32(PSCI_FN_CPU_ON), 2, ok, 0, NULL),
			 NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(psci(d, 0, P32(PSCI_FN_CPU_ON), 0x10, ok, 0, NULL),
			 NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(psci(d, 0, P32(PSCI_FN_CPU_ON), 0x101, ok, 0, NULL),
			 NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(
		psci(d, 0, P64(PSCI_FN_CPU_ON), 0x100000001ull, ok, 0, NULL),
		NEG(PSCI_INVALID_PARAMETERS));
	/* bits outside the affinity fields */
	assert_int_equal(
		psci(d, 0, P32(PSCI_FN_CPU_ON), 0x01000001u, ok, 0, NULL),
		NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(
		psci(d, 0, P64(PSCI_FN_CPU_ON), 1ull << 40 | 1, ok, 0, NULL),
		NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(
		psci(d, 0, P64(PSCI_FN_CPU_ON), 0x80000001u, ok, 0, NULL),
		NEG(PSCI_INVALID_PARAMETERS));
	/* entry outside the domain's RAM [0x40000000, 0x50000000), or odd */
	static const uint64_t bad[] = {0, 0x3ffffffcu, 0x50000000u, 0x40000001u,
				       0xfffffffcu};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(
			psci(d, 0, P32(PSCI_FN_CPU_ON), 1, bad[i], 0, NULL),
			NEG(PSCI_INVALID_ADDRESS));
	assert_int_equal(
		psci(d, 0, P64(PSCI_FN_CPU_ON), 1, 0x140080000ull, 0, NULL),
		NEG(PSCI_INVALID_ADDRESS));
	assert_int_equal(power(d, 1), VCPU_OFF);
	assert_int_equal(harness.kicks, kicks);
	/* the last word of RAM is fine; an AArch32 caller may pass Thumb */
	assert_int_equal(
		psci(d, 0, P32(PSCI_FN_CPU_ON), 1, 0x4ffffffcu, 9, NULL),
		PSCI_SUCCESS);
	{
		struct call_frame f =
			unit_frame(d, 0, CONDUIT_SMC, P32(PSCI_FN_CPU_ON));

		f.state = EXEC_AARCH32;
		f.x[1] = 2;
		f.x[2] = 0x40000001u;
		router_dispatch(&f);
		assert_int_equal(f.x[0], PSCI_SUCCESS);
		assert_int_equal(d->vcpus[2].entry, 0x40000001u);
	}
}

static void cpu_on_states(void **state)
{
	struct domain *d = dom(state, "vm");
	unsigned kicks = harness.kicks;
	uint64_t entry, ctx;

	/* the caller itself is on */
	assert_int_equal(
		psci(d, 0, P32(PSCI_FN_CPU_ON), 0, 0x40000000u, 0, NULL),
		NEG(PSCI_ALREADY_ON));
	assert_int_equal(psci(d, 0, P64(PSCI_FN_CPU_ON), 3, 0x40001000u,
			      0x1122334455667788ull, NULL),
			 PSCI_SUCCESS);
	assert_int_equal(harness.kicks, kicks + 1);
	assert_ptr_equal(harness.last_kicked, &d->vcpus[3]);
	assert_int_equal(power(d, 3), VCPU_ON_PENDING);
	/* before the target runs: ON_PENDING, and its entry is kept */
	assert_int_equal(
		psci(d, 1, P32(PSCI_FN_CPU_ON), 3, 0x40002000u, 0, NULL),
		NEG(PSCI_ON_PENDING));
	assert_int_equal(harness.kicks, kicks + 1);
	assert_true(vcpu_power_take_pending(&d->vcpus[3], &entry, &ctx));
	assert_int_equal(entry, 0x40001000u);
	assert_int_equal(ctx, 0x1122334455667788ull);
	assert_int_equal(power(d, 3), VCPU_ON);
	assert_false(vcpu_power_take_pending(&d->vcpus[3], &entry, &ctx));
	assert_int_equal(
		psci(d, 0, P32(PSCI_FN_CPU_ON), 3, 0x40000000u, 0, NULL),
		NEG(PSCI_ALREADY_ON));
	/* a claimed (being written) vCPU also reads as pending */
	atomic_store(&d->vcpus[2].power, VCPU_CLAIMED);
	assert_int_equal(
		psci(d, 0, P32(PSCI_FN_CPU_ON), 2, 0x40000000u, 0, NULL),
		NEG(PSCI_ON_PENDING));
}

/*
 * The physical CPU cannot be powered (the firmware's CPU_ON failed):
 * INTERNAL_FAILURE, the vCPU stays OFF and is not kicked; a retry once the
 * firmware recovers starts it.
 */
static void cpu_on_physical_failure(void **state)
{
	struct domain *d = dom(state, "vm");
	unsigned kicks = harness.kicks, ups = harness.power_ups;
	uint64_t entry, ctx;

	harness.power_up_failures = 2;
	for (unsigned i = 0; i < 2; i++) {
		assert_int_equal(psci(d, 0, P64(PSCI_FN_CPU_ON), 2, 0x40001000u,
				      7, NULL),
				 NEG(PSCI_INTERNAL_FAILURE));
		assert_int_equal(power(d, 2), VCPU_OFF);
		assert_int_equal(
			psci(d, 0, P32(PSCI_FN_AFFINITY_INFO), 2, 0, 0, NULL),
			PSCI_AFF_OFF);
	}
	assert_int_equal(harness.kicks, kicks);
	assert_int_equal(harness.power_ups, ups + 2);
	assert_false(vcpu_power_take_pending(&d->vcpus[2], &entry, &ctx));
	assert_int_equal(
		psci(d, 0, P64(PSCI_FN_CPU_ON), 2, 0x40001000u, 7, NULL),
		PSCI_SUCCESS);
	assert_int_equal(harness.kicks, kicks + 1);
	assert_true(vcpu_power_take_pending(&d->vcpus[2], &entry, &ctx));
	assert_int_equal(entry, 0x40001000u);
	assert_int_equal(ctx, 7);
	/* validation comes first: a bad entry never powers anything */
	ups = harness.power_ups;
	assert_int_equal(psci(d, 0, P64(PSCI_FN_CPU_ON), 3, 1, 0, NULL),
			 NEG(PSCI_INVALID_ADDRESS));
	assert_int_equal(harness.power_ups, ups);
}

#define RACERS 3
#define ROUNDS 100000

/*
 * The racers wait for each round by spinning on `go` (a barrier's futex
 * wake-up would stagger them by microseconds), so their CPU_ONs really
 * overlap; a racer that spins too long yields, the machine may have fewer
 * cores than racers.
 */
static _Atomic unsigned race_go, race_done;

struct racer {
	struct domain *d;
	unsigned v;
	uint64_t results[ROUNDS];
};

static void spin_until(_Atomic unsigned *a, unsigned value)
{
	for (unsigned n = 0; atomic_load(a) != value; n++)
		if (n > 2000)
			sched_yield();
}

static void *race(void *arg)
{
	struct racer *r = arg;

	for (unsigned round = 0; round < ROUNDS; round++) {
		struct call_frame f = harness_frame(r->d, r->v, CONDUIT_HVC,
						    P64(PSCI_FN_CPU_ON));

		f.x[1] = RACERS; /* the target */
		f.x[2] = 0x40000000u + 0x100u * r->v;
		f.x[3] = r->v;
		spin_until(&race_go, round + 1);
		router_dispatch(&f);
		r->results[round] = f.x[0];
		atomic_fetch_add(&race_done, 1);
	}
	return NULL;
}

/* Several vCPUs start one target at once: exactly one SUCCESS. */
static void cpu_on_race(void **state)
{
	struct harness_system *sys =
		unit_system(CONFIG_DTS(VM_NODE("race", "9", "8 9 10 11", "")));
	struct domain *d = unit_dom(sys, "race");
	pthread_t th[RACERS];
	static struct racer r[RACERS];
	unsigned kicks0 = harness.kicks;

	(void)state;
	atomic_store(&race_go, 0);
	atomic_store(&race_done, 0);
	for (unsigned i = 0; i < RACERS; i++) {
		r[i] = (struct racer){.d = d, .v = i};
		atomic_store(&d->vcpus[i].power, VCPU_ON);
		assert_int_equal(pthread_create(&th[i], NULL, race, &r[i]), 0);
	}
	for (unsigned round = 0; round < ROUNDS; round++) {
		unsigned wins = 0, winner = 0;

		atomic_store(&d->vcpus[RACERS].power, VCPU_OFF);
		atomic_store(&race_done, 0);
		atomic_store(&race_go, round + 1);
		spin_until(&race_done, RACERS);
		for (unsigned i = 0; i < RACERS; i++) {
			if (r[i].results[round] == PSCI_SUCCESS) {
				wins++;
				winner = i;
			} else {
				assert_int_equal(r[i].results[round],
						 NEG(PSCI_ON_PENDING));
			}
		}
		if (wins != 1)
			print_error("round %u: %u SUCCESS\n", round, wins);
		assert_int_equal(wins, 1);
		assert_int_equal(d->vcpus[RACERS].entry,
				 0x40000000u + 0x100u * winner);
		assert_int_equal(d->vcpus[RACERS].context, winner);
		assert_int_equal(power(d, RACERS), VCPU_ON_PENDING);
	}
	for (unsigned i = 0; i < RACERS; i++)
		pthread_join(th[i], NULL);
	assert_int_equal(harness.kicks - kicks0, ROUNDS);
	unit_free(sys);
}

static uint64_t aff(struct domain *d, uint32_t fid, uint64_t target,
		    uint64_t level)
{
	return psci(d, 0, fid, target, level, 0, NULL);
}

static void affinity_info(void **state)
{
	struct domain *d = dom(state, "vm");
	const uint32_t a32 = P32(PSCI_FN_AFFINITY_INFO);
	const uint32_t a64 = P64(PSCI_FN_AFFINITY_INFO);

	atomic_store(&d->vcpus[2].power, VCPU_ON_PENDING);
	assert_int_equal(aff(d, a32, 0, 0), PSCI_AFF_ON);
	assert_int_equal(aff(d, a32, 1, 0), PSCI_AFF_OFF);
	assert_int_equal(aff(d, a32, 2, 0), PSCI_AFF_ON_PENDING);
	assert_int_equal(aff(d, a64, 3, 0), PSCI_AFF_OFF);
	assert_int_equal(aff(d, a32, 4, 0), NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(aff(d, a32, 0x100, 0), NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(aff(d, a32, 0x1000000, 0),
			 NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(aff(d, a32, 0, 4), NEG(PSCI_INVALID_PARAMETERS));
	/* higher levels ignore the lower affinity fields */
	for (uint64_t lvl = 1; lvl <= 3; lvl++) {
		assert_int_equal(aff(d, a32, 3, lvl), PSCI_AFF_ON);
		assert_int_equal(aff(d, a64, 0xff, lvl), PSCI_AFF_ON);
	}
	assert_int_equal(aff(d, a32, 0x10000, 2), NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(aff(d, a32, 0x10000, 3), PSCI_AFF_ON);
	assert_int_equal(aff(d, a64, 0x100000000ull, 3),
			 NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(aff(d, a32, 0x100, 1), NEG(PSCI_INVALID_PARAMETERS));
	/* a node with no vCPU ON but one pending */
	atomic_store(&d->vcpus[0].power, VCPU_OFF);
	assert_int_equal(aff(d, a32, 0, 1), PSCI_AFF_ON_PENDING);
	atomic_store(&d->vcpus[2].power, VCPU_OFF);
	assert_int_equal(aff(d, a32, 0, 1), PSCI_AFF_OFF);
	assert_int_equal(aff(d, a32, 0, 3), PSCI_AFF_OFF);
}

/* 18 vCPUs: Aff1 = index / 16. */
static void affinity_info_two_clusters(void **state)
{
	struct harness_system *sys = unit_system(CONFIG_DTS(
		VM_NODE("big", "9",
			"0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17", "")));
	struct domain *d = unit_dom(sys, "big");
	const uint32_t a = P32(PSCI_FN_AFFINITY_INFO);

	(void)state;
	assert_int_equal(aff(d, a, 0x100, 0), PSCI_AFF_OFF);
	assert_int_equal(aff(d, a, 0x101, 0), PSCI_AFF_OFF);
	assert_int_equal(aff(d, a, 0x102, 0), NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(aff(d, a, 0x1ff, 1), PSCI_AFF_OFF);
	assert_int_equal(aff(d, a, 0x0ff, 1), PSCI_AFF_ON);
	atomic_store(&d->vcpus[17].power, VCPU_ON);
	assert_int_equal(aff(d, a, 0x100, 1), PSCI_AFF_ON);
	assert_int_equal(aff(d, a, 0x101, 0), PSCI_AFF_ON);
	assert_int_equal(
		psci(d, 0, P32(PSCI_FN_CPU_ON), 0x100, 0x40000000u, 0, NULL),
		PSCI_SUCCESS);
	assert_int_equal(power(d, 16), VCPU_ON_PENDING);
	assert_int_equal(
		psci(d, 0, P32(PSCI_FN_NODE_HW_STATE), 0x100, 0, 0, NULL), 0);
	unit_free(sys);
}

static void node_hw_state(void **state)
{
	struct domain *d = dom(state, "vm");
	const uint32_t n = P32(PSCI_FN_NODE_HW_STATE);

	atomic_store(&d->vcpus[2].power, VCPU_ON_PENDING);
	assert_int_equal(psci(d, 0, n, 0, 0, 0, NULL), 0);
	assert_int_equal(psci(d, 0, n, 1, 0, 0, NULL), 1);
	assert_int_equal(psci(d, 0, P64(PSCI_FN_NODE_HW_STATE), 2, 0, 0, NULL),
			 0);
	assert_int_equal(psci(d, 0, n, 1, 1, 0, NULL), 0);
	assert_int_equal(psci(d, 0, n, 1, 2, 0, NULL), 0);
	assert_int_equal(psci(d, 0, n, 1, 3, 0, NULL),
			 NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(psci(d, 0, n, 4, 0, 0, NULL),
			 NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(psci(d, 0, n, 0x1000000, 0, 0, NULL),
			 NEG(PSCI_INVALID_PARAMETERS));
}

static void cpu_suspend_extended(void **state)
{
	struct domain *d = dom(state, "vm");
	const uint32_t s = P32(PSCI_FN_CPU_SUSPEND);
	enum call_outcome o;

	/* standby: SUCCESS after a wait */
	assert_int_equal(psci(d, 0, s, 0x0fffffffu, 0, 0, &o), PSCI_SUCCESS);
	assert_int_equal(o, CALL_WAIT);
	assert_int_equal(power(d, 0), VCPU_ON);
	/* reserved bits */
	static const uint32_t bad[] = {0x80000000u, 0x20000000u, 0x10000000u,
				       0xb0000000u};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(psci(d, 0, s, bad[i], 0x40000000u, 0, &o),
				 NEG(PSCI_INVALID_PARAMETERS));
		assert_int_equal(o, CALL_DONE);
	}
	/* power-down with a bad entry: nothing happens */
	assert_int_equal(psci(d, 0, s, 0x40000000u, 0x3000u, 0, &o),
			 NEG(PSCI_INVALID_ADDRESS));
	assert_int_equal(o, CALL_DONE);
	assert_int_equal(power(d, 0), VCPU_ON);
	/* power-down: the vCPU stops and resumes at entry with the context */
	{
		struct call_frame f =
			unit_frame(d, 1, CONDUIT_SMC, P64(PSCI_FN_CPU_SUSPEND));

		atomic_store(&d->vcpus[1].power, VCPU_ON);
		f.x[1] = 0x40000001u;
		f.x[2] = 0x40100000u;
		f.x[3] = 0xabcdef0123456789ull;
		assert_int_equal(router_dispatch(&f), CALL_STOP);
		assert_int_equal(power(d, 1), VCPU_ON_PENDING);
		assert_int_equal(d->vcpus[1].entry, 0x40100000u);
		assert_int_equal(d->vcpus[1].context, 0xabcdef0123456789ull);
	}
	/* CPU_DEFAULT_SUSPEND: entry in x1, context in x2 */
	psci(d, 0, P32(PSCI_FN_CPU_DEFAULT_SUSPEND), 0x40200000u, 7, 0, &o);
	assert_int_equal(o, CALL_STOP);
	assert_int_equal(power(d, 0), VCPU_ON_PENDING);
	assert_int_equal(d->vcpus[0].entry, 0x40200000u);
	assert_int_equal(d->vcpus[0].context, 7);
}

static void cpu_suspend_original(void **state)
{
	struct domain *d = dom(state, "orig");
	const uint32_t s = P32(PSCI_FN_CPU_SUSPEND);
	enum call_outcome o;

	assert_int_equal(psci(d, 0, s, 0x0300ffffu, 0, 0, &o), PSCI_SUCCESS);
	assert_int_equal(o, CALL_WAIT);
	static const uint32_t bad[] = {0x00020000u, 0x04000000u, 0x80000000u,
				       0x40000000u, 0x10000000u};
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(psci(d, 0, s, bad[i], 0x40000000u, 0, &o),
				 NEG(PSCI_INVALID_PARAMETERS));
		assert_int_equal(o, CALL_DONE);
	}
	psci(d, 0, s, 0x01010002u, 0x40000800u, 3, &o);
	assert_int_equal(o, CALL_STOP);
	assert_int_equal(power(d, 0), VCPU_ON_PENDING);
	assert_int_equal(d->vcpus[0].entry, 0x40000800u);
	assert_int_equal(d->vcpus[0].context, 3);
}

static void cpu_off_and_freeze(void **state)
{
	struct domain *d = dom(state, "vm");
	enum call_outcome o;

	atomic_store(&d->vcpus[1].power, VCPU_ON);
	psci(d, 1, P32(PSCI_FN_CPU_OFF), 0, 0, 0, &o);
	assert_int_equal(o, CALL_STOP);
	assert_int_equal(power(d, 1), VCPU_OFF);
	psci(d, 0, P32(PSCI_FN_CPU_FREEZE), 0, 0, 0, &o);
	assert_int_equal(o, CALL_STOP);
	assert_int_equal(power(d, 0), VCPU_OFF);
	assert_int_equal(psci(d, 2, P32(PSCI_FN_AFFINITY_INFO), 0, 0, 0, NULL),
			 PSCI_AFF_OFF);
}

static void system_suspend(void **state)
{
	struct domain *d = dom(state, "vm");
	const uint32_t s = P64(PSCI_FN_SYSTEM_SUSPEND);
	enum call_outcome o;

	atomic_store(&d->vcpus[3].power, VCPU_ON);
	assert_int_equal(psci(d, 0, s, 0x40000000u, 1, 0, NULL),
			 NEG(PSCI_DENIED));
	atomic_store(&d->vcpus[3].power, VCPU_ON_PENDING);
	assert_int_equal(psci(d, 0, s, 0x40000000u, 1, 0, NULL),
			 NEG(PSCI_DENIED));
	atomic_store(&d->vcpus[3].power, VCPU_OFF);
	assert_int_equal(psci(d, 0, s, 0x20000000u, 1, 0, NULL),
			 NEG(PSCI_INVALID_ADDRESS));
	assert_int_equal(power(d, 0), VCPU_ON);
	psci(d, 0, P32(PSCI_FN_SYSTEM_SUSPEND), 0x40000400u, 0xabcd00000012ull,
	     0, &o);
	assert_int_equal(o, CALL_STOP);
	assert_int_equal(power(d, 0), VCPU_ON_PENDING);
	assert_int_equal(d->vcpus[0].entry, 0x40000400u);
	assert_int_equal(d->vcpus[0].context, 0x12u); /* SMC32: masked */
}

static void system_off_reset_own_domain(void **state)
{
	struct domain *d = dom(state, "vm"), *o = dom(state, "other");
	unsigned offs = harness.domain_offs, resets = harness.domain_resets;
	enum call_outcome out;

	psci(o, 1, P32(PSCI_FN_SYSTEM_OFF), 0, 0, 0, &out);
	assert_int_equal(out, CALL_STOP);
	assert_int_equal(harness.domain_offs, offs + 1);
	assert_ptr_equal(harness.last_domain, o);
	psci(d, 2, P32(PSCI_FN_SYSTEM_RESET), 0, 0, 0, &out);
	assert_int_equal(out, CALL_STOP);
	assert_int_equal(harness.domain_resets, resets + 1);
	assert_ptr_equal(harness.last_domain, d);
	/* SYSTEM_RESET2: only the architectural warm reset */
	psci(d, 0, P64(PSCI_FN_SYSTEM_RESET2), 0, 0x1234, 0, &out);
	assert_int_equal(out, CALL_STOP);
	assert_int_equal(harness.domain_resets, resets + 2);
	psci(d, 0, P32(PSCI_FN_SYSTEM_RESET2), 0xffffffff00000000ull, 0, 0,
	     &out);
	assert_int_equal(out, CALL_STOP);
	assert_int_equal(harness.domain_resets, resets + 3);
	assert_int_equal(psci(d, 0, P32(PSCI_FN_SYSTEM_RESET2), 1, 0, 0, NULL),
			 NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(
		psci(d, 0, P32(PSCI_FN_SYSTEM_RESET2), 0x80000000u, 0, 0, NULL),
		NEG(PSCI_INVALID_PARAMETERS));
	/* SYSTEM_OFF2: HIBERNATE_OFF (1) with a zero cookie */
	assert_int_equal(psci(d, 0, P32(PSCI_FN_SYSTEM_OFF2), 2, 0, 0, NULL),
			 NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(psci(d, 0, P32(PSCI_FN_SYSTEM_OFF2), 1, 1, 0, NULL),
			 NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(psci(d, 0, P64(PSCI_FN_SYSTEM_OFF2), 1, 0x100000000ull,
			      0, NULL),
			 NEG(PSCI_INVALID_PARAMETERS));
	assert_int_equal(harness.domain_offs, offs + 1);
	psci(d, 0, P64(PSCI_FN_SYSTEM_OFF2), 1, 0, 0, &out);
	assert_int_equal(out, CALL_STOP);
	assert_int_equal(harness.domain_offs, offs + 2);
	assert_ptr_equal(harness.last_domain, d);
	assert_int_equal(harness.domain_resets, resets + 3);
}

#define T(fn) cmocka_unit_test_setup(fn, reset_power)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(version_and_misc),	 T(features_every_psci_fid),
		T(cpu_on_validation),	 T(cpu_on_states),
		T(cpu_on_race),		 T(cpu_on_physical_failure),
		T(affinity_info),	 T(affinity_info_two_clusters),
		T(node_hw_state),	 T(cpu_suspend_extended),
		T(cpu_suspend_original), T(cpu_off_and_freeze),
		T(system_suspend),	 T(system_off_reset_own_domain),
	};

	return cmocka_run_group_tests_name("psci", tests, setup, teardown);
}
