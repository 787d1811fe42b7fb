// SPDX-License-Identifier: MIT
/*
 * SiP "platform management" service, in the spirit of a vendor's power
 * management firmware: clocks owned by the client that enabled them, a
 * register window only the firmware can reach (it lives in secure RAM),
 * per-client call counts (who called, who did not), and an echo for
 * checking SMCCC 1.2 register passing. Every argument is checked; errors:
 *   -3 INVALID_PARAMETER  malformed argument (index out of range)
 *   -1 NOT_SUPPORTED      unknown function, or a clock another client owns
 *   -2 NOT_REQUIRED       the clock already is in the state asked for
 */
#include "fw.h"
#include "sip.h"

struct sip_clock {
	bool on;
	uint16_t owner;
};

static const uint32_t sip_clock_hz[FW_SIP_NCLOCKS] = {
	24000000u,  100000000u, 200000000u, 250000000u,
	400000000u, 500000000u, 800000000u, 1000000000u,
};

static struct sip_clock sip_clocks[FW_SIP_NCLOCKS];
static uint32_t sip_regs[FW_SIP_NREGS];
static struct fw_lock sip_lock;

/* Per CPU, so counting needs no lock: [client][0] all calls, [1] SiP. The
 * last client slot counts every client ID >= FW_SIP_NCLIENTS. */
static volatile uint64_t sip_counts[FW_MAX_CPUS][FW_SIP_NCLIENTS + 1][2];

void fw_sip_init(void)
{
	unsigned i;

	for (i = 0; i < FW_SIP_NREGS; i++)
		sip_regs[i] = FW_SIP_REG_RESET(i);
}

static unsigned sip_bucket(uint64_t client)
{
	return client < FW_SIP_NCLIENTS ? (unsigned)client : FW_SIP_NCLIENTS;
}

void fw_sip_count(unsigned cpu, uint16_t client, bool is_sip)
{
	unsigned b = sip_bucket(client);

	sip_counts[cpu][b][0]++;
	if (is_sip)
		sip_counts[cpu][b][1]++;
}

static uint64_t sip_sum(unsigned bucket, unsigned kind)
{
	uint64_t sum = 0;
	unsigned cpu;

	for (cpu = 0; cpu < FW_MAX_CPUS; cpu++)
		sum += sip_counts[cpu][bucket][kind];
	return sum;
}

void fw_sip_log_counts(void)
{
	unsigned b;

	fw_puts("[fw] calls by client (all/sip):");
	for (b = 0; b <= FW_SIP_NCLIENTS; b++) {
		if (!sip_sum(b, 0))
			continue;
		fw_puts(" ");
		if (b == FW_SIP_NCLIENTS)
			fw_puts("other");
		else
			fw_put_dec(b);
		fw_puts("=");
		fw_put_dec(sip_sum(b, 0));
		fw_puts("/");
		fw_put_dec(sip_sum(b, 1));
	}
	fw_puts("\n");
}

static int64_t sip_clock_set(struct fw_call *c, bool on)
{
	uint64_t id = fw_arg(c, 1);
	struct sip_clock *clk;
	int64_t ret = SMCCC_SUCCESS;

	if (id >= FW_SIP_NCLOCKS)
		return SMCCC_INVALID_PARAMETER;
	clk = &sip_clocks[id];
	fw_lock_acquire(&sip_lock, c->cpu);
	if (clk->on && clk->owner != c->client) {
		ret = SMCCC_NOT_SUPPORTED;
	} else if (clk->on == on) {
		ret = SMCCC_NOT_REQUIRED;
	} else {
		clk->on = on;
		clk->owner = c->client;
	}
	fw_lock_release(&sip_lock, c->cpu);
	return ret;
}

static void sip_clock_get(struct fw_call *c)
{
	uint64_t id = fw_arg(c, 1);

	if (id >= FW_SIP_NCLOCKS) {
		fw_ret(c, SMCCC_INVALID_PARAMETER);
		return;
	}
	fw_lock_acquire(&sip_lock, c->cpu);
	c->out->x[1] = sip_clocks[id].on;
	c->out->x[2] =
		sip_clocks[id].on ? sip_clocks[id].owner : FW_SIP_NO_OWNER;
	fw_lock_release(&sip_lock, c->cpu);
	c->out->x[3] = sip_clock_hz[id];
	fw_ret(c, SMCCC_SUCCESS);
}

static void sip_reg_access(struct fw_call *c, bool write)
{
	uint64_t idx = fw_arg(c, 1);

	if (idx >= FW_SIP_NREGS) {
		fw_ret(c, SMCCC_INVALID_PARAMETER);
		return;
	}
	fw_lock_acquire(&sip_lock, c->cpu);
	if (write)
		sip_regs[idx] = (uint32_t)fw_arg(c, 2);
	else
		c->out->x[1] = sip_regs[idx];
	fw_lock_release(&sip_lock, c->cpu);
	fw_ret(c, SMCCC_SUCCESS);
}

static void sip_call_count(struct fw_call *c)
{
	uint64_t client = fw_arg(c, 1);
	unsigned b;

	if (client == FW_SIP_CLIENT_OTHER)
		b = FW_SIP_NCLIENTS;
	else if (client < FW_SIP_NCLIENTS)
		b = (unsigned)client;
	else {
		fw_ret(c, SMCCC_INVALID_PARAMETER);
		return;
	}
	c->out->x[1] = sip_sum(b, 0);
	c->out->x[2] = sip_sum(b, 1);
	fw_ret(c, SMCCC_SUCCESS);
}

/* SMC32: w1..w7 + 1, wrapping at 32 bits (x8..x17 stay as they were);
 * SMC64: x1..x17 + 1. */
static void sip_echo(struct fw_call *c)
{
	unsigned last = c->is64 ? 17 : 7, i;

	for (i = 1; i <= last; i++) {
		uint64_t v = fw_arg(c, i) + 1;

		c->out->x[i] = c->is64 ? v : (v & 0xffffffffull);
	}
	fw_ret(c, SMCCC_SUCCESS);
}

static void sip_service_query(struct fw_call *c)
{
	uint64_t *x = c->out->x;

	switch (c->fid) {
	case FW_SIP_SVC_CALL_COUNT:
		x[0] = 9;
		return;
	case FW_SIP_SVC_UID:
		x[0] = FW_SIP_UID_W0;
		x[1] = FW_SIP_UID_W1;
		x[2] = FW_SIP_UID_W2;
		x[3] = FW_SIP_UID_W3;
		return;
	case FW_SIP_SVC_REVISION:
		x[0] = 1;
		x[1] = 0;
		return;
	default:
		fw_ret(c, SMCCC_NOT_SUPPORTED);
		return;
	}
}

void fw_sip_handle(struct fw_call *c)
{
	switch (c->fid) {
	case FW_SIP_PM_VERSION:
		c->out->x[1] = FW_SIP_API_VERSION;
		fw_ret(c, SMCCC_SUCCESS);
		return;
	case FW_SIP_CLOCK_ENABLE:
		fw_ret(c, sip_clock_set(c, true));
		return;
	case FW_SIP_CLOCK_DISABLE:
		fw_ret(c, sip_clock_set(c, false));
		return;
	case FW_SIP_CLOCK_GET:
		sip_clock_get(c);
		return;
	case FW_SIP_REG_READ:
	case FW_SIP_REG_WRITE:
		sip_reg_access(c, c->fid == FW_SIP_REG_WRITE);
		return;
	case FW_SIP_CALL_COUNT:
		sip_call_count(c);
		return;
	case FW_SIP_ECHO32:
	case FW_SIP_ECHO64:
		sip_echo(c);
		return;
	default:
		sip_service_query(c);
		return;
	}
}
