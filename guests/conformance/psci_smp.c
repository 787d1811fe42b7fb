// SPDX-License-Identifier: MIT
/*
 * PSCI across vCPUs: CPU_ON/CPU_OFF cycles, ALREADY_ON, AFFINITY_INFO
 * transitions, CPU_ON races (exactly one winner), and power-down suspends
 * that come back at their entry point. Every wait is bounded by a deadline
 * and waits with WFE, never a bare spin: under -icount a spinning vCPU can
 * starve the others, and without it a vCPU may lose its host thread.
 */
#include <stdatomic.h>
#include <stddef.h>

#include "conformance.h"

enum smp_cmd {
	CMD_ECHO = 1,  /* record the round, return (CPU_OFF) */
	CMD_HOLD,      /* wait until released */
	CMD_RACER,     /* race CPU_ON on vCPU 3 each round */
	CMD_TARGET,    /* the race's target: count the start, stay on until
			  all three callers have their answer, return */
	CMD_POWERDOWN, /* CPU_SUSPEND power-down, come back, return */
	CMD_DEFAULT_SUSPEND,
};

#define CMD(cmd, v) ((uint64_t)(cmd) << 32 | (uint32_t)(v))
#define RACE_ROUNDS 100
#define RACE_TARGET 3
#define RACERS	    3

static _Atomic uint32_t seen[GUEST_MAX_CPUS];
static _Atomic uint32_t release_held;
static _Atomic uint32_t race_go, race_done, race_abort, target_runs;
static _Atomic int64_t race_result[RACE_ROUNDS][RACERS];
static _Atomic uint32_t suspend_phase[GUEST_MAX_CPUS];
static _Atomic int64_t suspend_error[GUEST_MAX_CPUS];

static int64_t affinity(unsigned i)
{
	return (int64_t)smccc(psci_conduit,
			      PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO),
			      guest_cpu_mpidr[i], 0, 0);
}

static bool is_off(const void *ctx)
{
	return affinity(*(const unsigned *)ctx) == PSCI_AFF_OFF;
}

static bool wait_off(unsigned i)
{
	return wait_for(is_off, &i);
}

struct seen_ctx {
	unsigned i;
	uint32_t v;
};

static bool has_seen(const void *ctx)
{
	const struct seen_ctx *s = ctx;

	return atomic_load(&seen[s->i]) == s->v;
}

static bool wait_seen(unsigned i, uint32_t v)
{
	struct seen_ctx s = {i, v};

	return wait_for(has_seen, &s);
}

static void racer(unsigned slot)
{
	for (uint32_t round = 1; round <= RACE_ROUNDS; round++) {
		if (!wait_at_least(&race_go, round) || atomic_load(&race_abort))
			return;
		atomic_store(&race_result[round - 1][slot],
			     guest_cpu_on(RACE_TARGET, CMD(CMD_TARGET, 0)));
		atomic_fetch_add(&race_done, 1);
		signal_event();
	}
}

/* Stay on until every caller of this round has its answer. */
static void race_target(void)
{
	uint32_t round = atomic_load(&race_go);

	atomic_fetch_add(&target_runs, 1);
	signal_event();
	wait_at_least(&race_done, round * RACERS);
}

static void powerdown(unsigned index, uint64_t cmd)
{
	uint32_t pd = profile.suspend_original ? 0x10000u : 0x40000000u;
	extern char guest_secondary_entry[];
	uint64_t entry = (uint64_t)(uintptr_t)guest_secondary_entry;
	int64_t r;

	if (atomic_load(&suspend_phase[index]) == 1) {
		atomic_store(&suspend_phase[index], 2);
		signal_event();
		return;
	}
	atomic_store(&suspend_phase[index], 1);
	if (cmd == CMD_POWERDOWN)
		r = (int64_t)smccc(psci_conduit,
				   PSCI_0_2_FN64(PSCI_FN_CPU_SUSPEND), pd,
				   entry, index);
	else
		r = (int64_t)smccc(psci_conduit,
				   PSCI_0_2_FN64(PSCI_FN_CPU_DEFAULT_SUSPEND),
				   entry, index, 0);
	atomic_store(&suspend_error[index], r == 0 ? 99 : r);
	atomic_store(&suspend_phase[index], 3);
	signal_event();
}

void smp_cpu_main(unsigned index, uint64_t arg)
{
	uint32_t cmd = (uint32_t)(arg >> 32);

	switch (cmd) {
	case CMD_ECHO:
		atomic_store(&seen[index], (uint32_t)arg);
		signal_event();
		break;
	case CMD_HOLD:
		atomic_store(&seen[index], (uint32_t)arg);
		signal_event();
		wait_at_least(&release_held, 1);
		break;
	case CMD_RACER:
		racer((uint32_t)arg);
		break;
	case CMD_TARGET:
		race_target();
		break;
	case CMD_POWERDOWN:
	case CMD_DEFAULT_SUSPEND:
		powerdown(index, cmd);
		break;
	default:
		break;
	}
}

bool smp_start_held(unsigned i)
{
	atomic_store(&release_held, 0);
	return guest_cpu_on(i, CMD(CMD_HOLD, 7)) == PSCI_SUCCESS &&
	       wait_seen(i, 7);
}

static void check_cycles(void)
{
	bool ok = true;

	for (unsigned i = 1; i < guest_ncpus; i++) {
		for (uint32_t round = 1; ok && round <= 3; round++) {
			int64_t before = affinity(i);
			int64_t r = guest_cpu_on(i, CMD(CMD_ECHO, round));

			ok = before == PSCI_AFF_OFF && r == PSCI_SUCCESS &&
			     wait_seen(i, round) && wait_off(i);
		}
		atomic_store(&seen[i], 0);
	}
	tap_ok(ok,
	       "CPU_ON/CPU_OFF three times on each of %u secondary vCPU(s),"
	       " AFFINITY_INFO OFF between",
	       guest_ncpus - 1);
}

static void check_already_on(void)
{
	uint64_t entry = guest_ram_base + 0x80000;
	int64_t again, state, hw, sys;

	tap_ok(smp_start_held(1), "vCPU 1 started and held");
	state = affinity(1);
	again = guest_cpu_on(1, CMD(CMD_HOLD, 8));
	hw = (int64_t)smccc(psci_conduit, PSCI_0_2_FN64(PSCI_FN_NODE_HW_STATE),
			    guest_cpu_mpidr[1], 0, 0);
	sys = (int64_t)smccc(psci_conduit,
			     PSCI_0_2_FN64(PSCI_FN_SYSTEM_SUSPEND), entry, 0,
			     0);
	tap_ok(state == PSCI_AFF_ON, "AFFINITY_INFO of a running vCPU is ON");
	tap_ok(again == PSCI_ALREADY_ON,
	       "CPU_ON of a running vCPU: ALREADY_ON");
	tap_ok(hw == 0, "NODE_HW_STATE of a running vCPU is ON");
	tap_ok(sys == PSCI_DENIED, "SYSTEM_SUSPEND with a vCPU on: DENIED");
	atomic_store(&release_held, 1);
	signal_event();
	tap_ok(wait_off(1), "held vCPU released and OFF");
	tap_ok(smccc(psci_conduit, PSCI_0_2_FN64(PSCI_FN_NODE_HW_STATE),
		     guest_cpu_mpidr[1], 0, 0) == 1,
	       "NODE_HW_STATE of an OFF vCPU is OFF");
	atomic_store(&seen[1], 0);
}

/* One round; false when a wait ran out (the race is then abandoned). */
static bool race_round(uint32_t round, unsigned *bad, unsigned *pending)
{
	unsigned wins = 0, losers = 0;
	bool alive;

	atomic_store(&race_go, round);
	signal_event();
	atomic_store(&race_result[round - 1][0],
		     guest_cpu_on(RACE_TARGET, CMD(CMD_TARGET, 0)));
	atomic_fetch_add(&race_done, 1);
	signal_event();
	alive = wait_at_least(&race_done, round * RACERS) &&
		wait_off(RACE_TARGET);
	for (unsigned k = 0; k < RACERS; k++) {
		int64_t r = atomic_load(&race_result[round - 1][k]);

		wins += r == PSCI_SUCCESS;
		losers += r == PSCI_ALREADY_ON || r == PSCI_ON_PENDING;
		*pending += r == PSCI_ON_PENDING;
	}
	*bad += !alive || wins != 1 || losers != RACERS - 1;
	if (wins != 1 || losers != RACERS - 1)
		printf_uart("# race round %u: %lld %lld %lld\n", round,
			    (long long)atomic_load(&race_result[round - 1][0]),
			    (long long)atomic_load(&race_result[round - 1][1]),
			    (long long)atomic_load(&race_result[round - 1][2]));
	return alive;
}

static void check_race(void)
{
	unsigned bad = 0, pending = 0, rounds = 0;

	atomic_store(&race_go, 0);
	atomic_store(&race_done, 0);
	atomic_store(&race_abort, 0);
	atomic_store(&target_runs, 0);
	for (unsigned k = 0; k < RACERS * RACE_ROUNDS; k++)
		atomic_store(&race_result[k / RACERS][k % RACERS], 99);
	guest_cpu_on(1, CMD(CMD_RACER, 1));
	guest_cpu_on(2, CMD(CMD_RACER, 2));
	while (rounds < RACE_ROUNDS && race_round(rounds + 1, &bad, &pending))
		rounds++;
	atomic_store(&race_abort, 1);
	atomic_store(&race_go, RACE_ROUNDS + 1);
	signal_event();
	printf_uart("# race: losers saw ON_PENDING %u times, ALREADY_ON %u\n",
		    pending, (RACERS - 1) * rounds - pending);
	tap_ok(bad == 0 && rounds == RACE_ROUNDS &&
		       atomic_load(&target_runs) == RACE_ROUNDS,
	       "3 vCPUs race CPU_ON on vCPU %u, %u rounds: one SUCCESS each "
	       "(bad rounds %u, target ran %u times)",
	       RACE_TARGET, RACE_ROUNDS, bad, atomic_load(&target_runs));
	tap_ok(pending > 0 && pending < (RACERS - 1) * rounds,
	       "the race is real: losers saw both ON_PENDING and ALREADY_ON");
	tap_ok(wait_off(1) && wait_off(2) && wait_off(RACE_TARGET),
	       "racers and target OFF");
}

static bool resumed(const void *ctx)
{
	(void)ctx;
	return atomic_load(&suspend_phase[1]) >= 2;
}

static void check_powerdown(uint32_t cmd, const char *what)
{
	bool back;

	atomic_store(&suspend_phase[1], 0);
	atomic_store(&suspend_error[1], 0);
	guest_cpu_on(1, CMD(cmd, 0));
	back = wait_for(resumed, NULL);
	tap_ok(back && atomic_load(&suspend_phase[1]) == 2 && wait_off(1),
	       "%s: vCPU 1 came back at its entry point (error %lld)", what,
	       (long long)atomic_load(&suspend_error[1]));
}

void check_psci_smp(void)
{
	if (guest_ncpus < 2) {
		printf_uart("# one vCPU: no SMP checks\n");
		return;
	}
	check_cycles();
	check_already_on();
	check_powerdown(CMD_POWERDOWN, "CPU_SUSPEND power-down");
	check_powerdown(CMD_DEFAULT_SUSPEND, "CPU_DEFAULT_SUSPEND");
	if (guest_ncpus > RACE_TARGET)
		check_race();
	else
		printf_uart("# fewer than 4 vCPUs: no CPU_ON race\n");
}
