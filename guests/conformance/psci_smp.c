// SPDX-License-Identifier: MIT
/*
 * PSCI across vCPUs: CPU_ON/CPU_OFF cycles, ALREADY_ON, AFFINITY_INFO
 * transitions, CPU_ON races (exactly one winner), and power-down suspends
 * that come back at their entry point. Secondaries wait with WFE, never a
 * bare spin: under -icount a spinning vCPU can starve the others.
 */
#include <stdatomic.h>

#include "conformance.h"

enum smp_cmd {
	CMD_ECHO = 1,  /* record the round, return (CPU_OFF) */
	CMD_HOLD,      /* wait until released */
	CMD_RACER,     /* race CPU_ON on vCPU 3 each round */
	CMD_TARGET,    /* the race's target: count the start, return */
	CMD_POWERDOWN, /* CPU_SUSPEND power-down, come back, return */
	CMD_DEFAULT_SUSPEND,
};

#define CMD(cmd, v) ((uint64_t)(cmd) << 32 | (uint32_t)(v))
#define RACE_ROUNDS 100
#define RACE_TARGET 3

static _Atomic uint32_t seen[GUEST_MAX_CPUS];
static _Atomic uint32_t release_held;
static _Atomic uint32_t race_go, race_done, target_runs;
static _Atomic int64_t race_result[RACE_ROUNDS][3];
static _Atomic uint32_t suspend_phase[GUEST_MAX_CPUS];
static _Atomic int64_t suspend_error[GUEST_MAX_CPUS];

static void wait_event(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

static void signal_event(void)
{
	__asm__ volatile("dsb ish; sev" ::: "memory");
}

static int64_t affinity(unsigned i)
{
	return (int64_t)smccc(psci_conduit,
			      PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO),
			      guest_cpu_mpidr[i], 0, 0);
}

static bool wait_off(unsigned i)
{
	for (unsigned n = 0; n < 200000; n++) {
		if (affinity(i) == PSCI_AFF_OFF)
			return true;
		wait_event();
	}
	return false;
}

static bool wait_seen(unsigned i, uint32_t v)
{
	for (unsigned n = 0; n < 200000; n++) {
		if (atomic_load(&seen[i]) == v)
			return true;
		wait_event();
	}
	return false;
}

static void racer(unsigned slot)
{
	for (uint32_t round = 1; round <= RACE_ROUNDS; round++) {
		while (atomic_load(&race_go) < round)
			wait_event();
		atomic_store(&race_result[round - 1][slot],
			     guest_cpu_on(RACE_TARGET, CMD(CMD_TARGET, 0)));
		atomic_fetch_add(&race_done, 1);
		signal_event();
	}
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
		while (!atomic_load(&release_held))
			wait_event();
		break;
	case CMD_RACER:
		racer((uint32_t)arg);
		break;
	case CMD_TARGET:
		atomic_fetch_add(&target_runs, 1);
		signal_event();
		break;
	case CMD_POWERDOWN:
	case CMD_DEFAULT_SUSPEND:
		powerdown(index, cmd);
		break;
	default:
		break;
	}
}

static void check_cycles(void)
{
	bool ok = true;

	for (unsigned i = 1; i < guest_ncpus; i++) {
		for (uint32_t round = 1; round <= 3; round++) {
			int64_t before = affinity(i);
			int64_t r = guest_cpu_on(i, CMD(CMD_ECHO, round));

			ok = ok && before == PSCI_AFF_OFF &&
			     r == PSCI_SUCCESS && wait_seen(i, round) &&
			     wait_off(i);
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

	atomic_store(&release_held, 0);
	tap_ok(guest_cpu_on(1, CMD(CMD_HOLD, 7)) == PSCI_SUCCESS &&
		       wait_seen(1, 7),
	       "vCPU 1 started and held");
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
	atomic_store(&seen[1], 0);
}

static void check_race(void)
{
	unsigned bad = 0;

	atomic_store(&race_go, 0);
	atomic_store(&race_done, 0);
	atomic_store(&target_runs, 0);
	guest_cpu_on(1, CMD(CMD_RACER, 1));
	guest_cpu_on(2, CMD(CMD_RACER, 2));
	for (uint32_t round = 1; round <= RACE_ROUNDS; round++) {
		unsigned wins = 0, others = 0;

		atomic_store(&race_go, round);
		signal_event();
		atomic_store(&race_result[round - 1][0],
			     guest_cpu_on(RACE_TARGET, CMD(CMD_TARGET, 0)));
		while (atomic_load(&race_done) < round * 2)
			wait_event();
		if (!wait_off(RACE_TARGET))
			bad++;
		for (unsigned k = 0; k < 3; k++) {
			int64_t r = atomic_load(&race_result[round - 1][k]);

			wins += r == PSCI_SUCCESS;
			others += r == PSCI_ALREADY_ON || r == PSCI_ON_PENDING;
		}
		bad += wins != 1 || others != 2;
	}
	tap_ok(bad == 0 && atomic_load(&target_runs) == RACE_ROUNDS,
	       "3 vCPUs race CPU_ON on vCPU %u, %u rounds: one SUCCESS each "
	       "(bad rounds %u, target ran %u times)",
	       RACE_TARGET, RACE_ROUNDS, bad, atomic_load(&target_runs));
	tap_ok(wait_off(1) && wait_off(2), "racers finished");
}

static void check_powerdown(uint32_t cmd, const char *what)
{
	bool back = false;

	atomic_store(&suspend_phase[1], 0);
	atomic_store(&suspend_error[1], 0);
	guest_cpu_on(1, CMD(cmd, 0));
	for (unsigned n = 0; n < 200000 && !back; n++) {
		back = atomic_load(&suspend_phase[1]) >= 2;
		if (!back)
			wait_event();
	}
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
