// SPDX-License-Identifier: MIT
/*
 * The monitored guest of the monitor scenarios. What its configuration
 * does is in its bootargs:
 *   mode=exclusive|listed|absent-deny|absent-pass
 * and it checks, over real smc/hvc, what the agent and the hypervisor do
 * with its calls (docs/monitor.md).
 */
#include <libfdt.h>
#include <stdatomic.h>
#include <string.h>

#include "../lib/guest.h"
#include "../monitor-agent/protocol.h"

#define ECHO_CALLS 500
#define MINUS1	   0xffffffffffffffffull

enum mode { EXCLUSIVE, LISTED, ABSENT_DENY, ABSENT_PASS };

static enum mode mode;
static _Atomic uint32_t echo_bad, echo_done, silent_started;

static void mode_read(void)
{
	int node = fdt_path_offset(guest_fdt, "/chosen");
	const char *a = node >= 0
				? fdt_getprop(guest_fdt, node, "bootargs", NULL)
				: NULL;

	mode = EXCLUSIVE;
	if (a && strstr(a, "mode=listed"))
		mode = LISTED;
	else if (a && strstr(a, "mode=absent-deny"))
		mode = ABSENT_DENY;
	else if (a && strstr(a, "mode=absent-pass"))
		mode = ABSENT_PASS;
	printf_uart("# monitor target: %s\n", a ? a : "");
}

static void echo_load(unsigned index)
{
	for (uint64_t n = 1; n <= ECHO_CALLS; n++) {
		struct smccc_res r = {{MP_ECHO, index, n}};

		smccc_call(GUEST_SMC, &r);
		if (r.x[0] != n + 1)
			atomic_fetch_add(&echo_bad, 1);
	}
	atomic_fetch_add(&echo_done, 1);
	__asm__ volatile("dsb ish; sev" ::: "memory");
}

void guest_cpu_main(unsigned index, uint64_t arg)
{
	if (arg == 1) {
		echo_load(index);
		return;
	}
	if (arg != 2)
		return;
	atomic_store(&silent_started, 1);
	__asm__ volatile("dsb ish; sev" ::: "memory");
	smccc(GUEST_SMC, MP_SILENT, 0, 0, 0); /* never answered */
	printf_uart("FATAL: the silent call returned\n");
}

static void check_common(void)
{
	struct smccc_res r = {{MP_ANSWER, 41}};

	tap_ok(smccc(GUEST_SMC, PSCI_0_2_FN(PSCI_FN_VERSION), 0, 0, 0) ==
		       PSCI_VERSION_1_3,
	       "smc PSCI_VERSION answered (handed back or not routed)");
	tap_ok(smccc(GUEST_HVC, PSCI_0_2_FN(PSCI_FN_VERSION), 0, 0, 0) ==
		       PSCI_VERSION_1_3,
	       "hvc PSCI_VERSION answered by the hypervisor");
	tap_ok(smccc(GUEST_SMC, ARM_SMCCC_VERSION, 0, 0, 0) ==
		       SMCCC_VERSION_1_3,
	       "smc SMCCC_VERSION: the Arm range is never monitored");
	tap_ok(smccc(GUEST_SMC, MP_DENIED, 0, 0, 0) == MINUS1,
	       "a call the policy denies answers -1");
	smccc_call(GUEST_SMC, &r);
	if (mode == EXCLUSIVE || mode == LISTED)
		tap_ok(r.x[0] == MP_ANSWER_VALUE && r.x[1] == 42,
		       "the agent answered a SiP call itself (x0=0x%llx)",
		       (unsigned long long)r.x[0]);
	else
		tap_ok(r.x[0] == MINUS1, "no agent: the SiP call is %s: -1",
		       mode == ABSENT_DENY ? "denied" : "handled as usual");
}

static void check_agent(void)
{
	struct smccc_res r = {{MP_REPORT}};
	unsigned n = guest_ncpus < 4 ? guest_ncpus : 4;

	tap_ok(smccc(GUEST_SMC, MP_TWICE, 0, 0, 0) == 2,
	       "without PC advance the call ran again, then advanced");
	for (unsigned i = 1; i < n; i++)
		guest_cpu_on(i, 1);
	echo_load(0);
	while (atomic_load(&echo_done) < n)
		__asm__ volatile("wfe");
	tap_ok(atomic_load(&echo_bad) == 0,
	       "%u vCPUs x %u calls through the agent, every reply right", n,
	       ECHO_CALLS);
	smccc_call(GUEST_SMC, &r);
	tap_ok(r.x[0] == 0 && r.x[2] == 0,
	       "agent saw %llu events in order (order errors %llu)",
	       (unsigned long long)r.x[1], (unsigned long long)r.x[2]);
	tap_ok(r.x[3] == 0, "the denied call never reached the agent");
	tap_ok(r.x[4] == 0, "no HVC reached the agent (conduit = smc)");
}

static void check_silent(void)
{
	if (guest_ncpus < 2)
		return;
	guest_cpu_on(1, 2);
	while (!atomic_load(&silent_started))
		__asm__ volatile("wfe");
	for (int i = 0; i < 1000; i++)
		__asm__ volatile("yield");
	tap_ok(smccc(GUEST_HVC, PSCI_0_2_FN64(PSCI_FN_AFFINITY_INFO),
		     guest_cpu_mpidr[1], 0, 0) == PSCI_AFF_ON,
	       "vCPU 1 waits on an unanswered call; vCPU 0 runs on");
}

void guest_main(void)
{
	mode_read();
	check_common();
	if (mode == LISTED && guest_ncpus > 1) {
		tap_ok(guest_cpu_on(1, 3) == PSCI_SUCCESS,
		       "listed mode: CPU_ON works as usual");
	}
	if (mode == EXCLUSIVE)
		check_agent();
	if (mode == EXCLUSIVE)
		check_silent();
	if (mode == LISTED) {
		struct smccc_res r = {{MP_REPORT}};

		smccc_call(GUEST_SMC, &r);
		tap_ok(r.x[0] == 0, "report sent to the agent");
	}
	tap_plan(tap_total());
}
