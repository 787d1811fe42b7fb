// SPDX-License-Identifier: MIT
/* The fake platform: plat_* for host builds. */
#include <stdio.h>
#include <string.h>

#include "arbiter/firmware_caps.h"
#include "arbiter/monitor.h"
#include "arbiter/smccc.h"
#include "harness.h"

struct harness_state harness;

void harness_reset(void)
{
	memset(&harness, 0, sizeof(harness));
	harness.fw.smccc_1_2 = true;
	harness.fw.has_trng = true;
	harness.fw.has_soc_id = true;
	harness.fw.workaround[1] = 0;
	harness.fw.workaround[2] = 1;
	harness.fw.workaround[3] = 0;
	harness.fw.workaround[4] = -1;
	harness.entropy_state = 0x9e3779b97f4a7c15ull;
	memset(&firmware_caps, 0, sizeof(firmware_caps));
	firmware_caps.smccc_version = SMCCC_VERSION_1_0;
	for (unsigned i = 1; i < 5; i++)
		firmware_caps.workaround[i] = -1;
}

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static bool fw_arch(struct smccc_regs *r, uint32_t fid)
{
	const struct fake_firmware *fw = &harness.fw;

	switch (fid) {
	case ARM_SMCCC_VERSION:
		r->x[0] = SMCCC_VERSION_1_2;
		return true;
	case ARM_SMCCC_ARCH_FEATURES:
		switch ((uint32_t)r->x[1]) {
		case ARM_SMCCC_ARCH_WORKAROUND_1:
			r->x[0] = (uint64_t)(int64_t)fw->workaround[1];
			return true;
		case ARM_SMCCC_ARCH_WORKAROUND_2:
			r->x[0] = (uint64_t)(int64_t)fw->workaround[2];
			return true;
		case ARM_SMCCC_ARCH_WORKAROUND_3:
			r->x[0] = (uint64_t)(int64_t)fw->workaround[3];
			return true;
		case ARM_SMCCC_ARCH_WORKAROUND_4:
			r->x[0] = (uint64_t)(int64_t)fw->workaround[4];
			return true;
		case ARM_SMCCC_ARCH_SOC_ID:
		case ARM_SMCCC_ARCH_SOC_ID64:
			r->x[0] = fw->has_soc_id ? 0 : SMCCC_UNKNOWN;
			return true;
		default:
			r->x[0] = SMCCC_UNKNOWN;
			return true;
		}
	case ARM_SMCCC_ARCH_SOC_ID:
		r->x[0] = r->x[1] == 0 ? 0x0a5b0001u : 0x00000002u;
		return fw->has_soc_id;
	case ARM_SMCCC_ARCH_SOC_ID64:
		memset(&r->x[1], 0, 17 * sizeof(uint64_t));
		memcpy(&r->x[1], "FakeSoC", 8);
		r->x[0] = 0;
		return fw->has_soc_id;
	default:
		return false;
	}
}

static bool fw_std(struct smccc_regs *r, uint32_t fid)
{
	const struct fake_firmware *fw = &harness.fw;

	if (fid == PSCI_0_2_FN(PSCI_FN_VERSION)) {
		r->x[0] = PSCI_VERSION_1_1;
		return true;
	}
	if (fid == PSCI_0_2_FN(PSCI_FN_FEATURES)) {
		r->x[0] = r->x[1] == ARM_SMCCC_VERSION ? 0 : SMCCC_UNKNOWN;
		return true;
	}
	if (!fw->has_trng || smccc_oen(fid) != OEN_STD ||
	    smccc_func(fid) < TRNG_FN_VERSION || smccc_func(fid) > TRNG_FN_RND)
		return false;
	switch (smccc_func(fid)) {
	case TRNG_FN_VERSION:
		r->x[0] = TRNG_VERSION_1_0;
		break;
	case TRNG_FN_FEATURES:
		r->x[0] = 0;
		break;
	case TRNG_FN_GET_UUID:
		/* bit 31 set in W0, as real UUIDs may have: only -1 fails */
		r->x[0] = 0x8e6b0a1c;
		r->x[1] = 0x22222222;
		r->x[2] = 0x33333333;
		r->x[3] = 0x44444444;
		break;
	default:
		if (fw->trng_fails) {
			r->x[0] = (uint64_t)(int64_t)TRNG_NO_ENTROPY;
			break;
		}
		r->x[0] = 0;
		for (unsigned i = 1; i < 4; i++)
			r->x[i] = splitmix(&harness.entropy_state);
		break;
	}
	return true;
}

void plat_firmware_call(struct smccc_regs *r)
{
	struct fake_firmware *fw = &harness.fw;
	uint32_t fid = (uint32_t)r->x[0];

	fw->calls++;
	fw->last_in = *r;
	if (fw->nlog < HARNESS_MAX_FW_LOG)
		fw->log[fw->nlog++] = *r;
	if (harness.optee.enabled && fake_optee_call(r))
		return;
	if (harness.secure_call && harness.secure_call(r))
		return;
	if (fw->smccc_1_2 && (fw_arch(r, fid) || fw_std(r, fid)))
		return;
	if (!fw->smccc_1_2 && fid == PSCI_0_2_FN(PSCI_FN_VERSION)) {
		r->x[0] = 0x2;
		return;
	}
	/* An SiP echo (0xc2000001): results x1-x17 = arguments + 1. */
	if (fid == 0xc2000001u) {
		r->x[0] = 0;
		for (unsigned i = 1; i < CALL_NREGS; i++)
			r->x[i] += 1;
		return;
	}
	r->x[0] = SMCCC_UNKNOWN;
}

bool plat_vcpu_power_up(struct vcpu *target)
{
	(void)target;
	harness.power_ups++;
	if (harness.power_up_failures == 0)
		return true;
	harness.power_up_failures--;
	return false;
}

void plat_vcpu_kick(struct vcpu *target)
{
	harness.kicks++;
	harness.last_kicked = target;
}

void plat_domain_off(struct domain *dom)
{
	harness.domain_offs++;
	harness.last_domain = dom;
}

void plat_domain_reset(struct domain *dom)
{
	harness.domain_resets++;
	harness.last_domain = dom;
}

bool plat_monitor_post(struct vcpu *caller, const struct call_frame *frame)
{
	if (harness.monitor_ring)
		return monitor_post(caller, frame);
	if (!harness.monitor_attached)
		return false;
	harness.monitor_posts++;
	harness.last_posted = *frame;
	return true;
}

int plat_entropy_get(uint64_t out[3], unsigned nbits)
{
	(void)nbits;
	if (harness.entropy_fails)
		return TRNG_NO_ENTROPY;
	for (unsigned i = 0; i < 3; i++)
		out[i] = splitmix(&harness.entropy_state);
	return TRNG_SUCCESS;
}

/* Host "physical" addresses are the harness's own pointers, so the fake
 * secure side reads what it is given. */
uint64_t plat_hyp_pa(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

uint64_t plat_guest_pa(const struct domain *d, uint64_t ipa)
{
	if (!d->ram_host || ipa < d->ram_ipa || ipa - d->ram_ipa >= d->ram_size)
		return 0;
	return (uint64_t)(uintptr_t)(d->ram_host + (ipa - d->ram_ipa));
}

uint64_t plat_time_ns(void)
{
	return harness.now_ns;
}

void plat_log_write(const char *line, size_t len)
{
	size_t n = len < sizeof(harness.last_log) - 1
			   ? len
			   : sizeof(harness.last_log) - 1;

	memcpy(harness.last_log, line, n);
	harness.last_log[n] = '\0';
	harness.log_lines++;
	if (harness.log_to_stderr)
		fprintf(stderr, "%s\n", harness.last_log);
}
