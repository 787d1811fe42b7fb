// SPDX-License-Identifier: MIT
/* The hypervisor's own firmware calls at boot (R9): what is below us? */
#include "arbiter/firmware_caps.h"
#include "arbiter/platform.h"
#include "arbiter/smccc.h"

struct firmware_caps firmware_caps = {
	.smccc_version = SMCCC_VERSION_1_0,
	.workaround = {0, -1, -1, -1, -1},
};

static int64_t fw_call2(uint32_t fid, uint64_t a1, struct smccc_regs *r)
{
	for (unsigned i = 0; i < CALL_NREGS; i++)
		r->x[i] = 0;
	r->x[0] = fid;
	r->x[1] = a1;
	plat_firmware_call(r);
	return (int32_t)r->x[0];
}

static void probe_soc_id(void)
{
	struct smccc_regs r;
	int64_t v, rev;

	if (fw_call2(ARM_SMCCC_ARCH_FEATURES, ARM_SMCCC_ARCH_SOC_ID, &r) < 0)
		return;
	v = fw_call2(ARM_SMCCC_ARCH_SOC_ID, 0, &r);
	rev = fw_call2(ARM_SMCCC_ARCH_SOC_ID, 1, &r);
	if (v < 0 || rev < 0)
		return;
	firmware_caps.soc_id = true;
	firmware_caps.soc_version = (uint32_t)v;
	firmware_caps.soc_revision = (uint32_t)rev;
	if (fw_call2(ARM_SMCCC_ARCH_FEATURES, ARM_SMCCC_ARCH_SOC_ID64, &r) <
		    0 ||
	    fw_call2(ARM_SMCCC_ARCH_SOC_ID64, 2, &r) != 0)
		return;
	for (unsigned i = 0; i < SOC_NAME_LEN - 1; i++)
		firmware_caps.soc_name[i] =
			(char)(r.x[1 + i / 8] >> (8 * (i % 8)));
	firmware_caps.soc_name[SOC_NAME_LEN - 1] = '\0';
}

static void probe_trng(void)
{
	struct smccc_regs r;
	int64_t v = fw_call2(SMCCC_FAST32(OEN_STD, TRNG_FN_VERSION), 0, &r);

	if (v < (int64_t)TRNG_VERSION_1_0 ||
	    fw_call2(SMCCC_FAST32(OEN_STD, TRNG_FN_FEATURES),
		     SMCCC_FAST64(OEN_STD, TRNG_FN_RND), &r) != 0 ||
	    /* A UUID's W0 may have bit 31 set: only 0xffffffff is failure. */
	    fw_call2(SMCCC_FAST32(OEN_STD, TRNG_FN_GET_UUID), 0, &r) ==
		    SMCCC_NOT_SUPPORTED)
		return;
	for (unsigned i = 0; i < 4; i++)
		firmware_caps.trng_uuid[i] = (uint32_t)r.x[i];
	firmware_caps.trng_version = (uint32_t)v;
}

void firmware_probe(void)
{
	static const uint32_t wa_fid[5] = {
		0, ARM_SMCCC_ARCH_WORKAROUND_1, ARM_SMCCC_ARCH_WORKAROUND_2,
		ARM_SMCCC_ARCH_WORKAROUND_3, ARM_SMCCC_ARCH_WORKAROUND_4};
	struct smccc_regs r;
	int64_t v = fw_call2(PSCI_0_2_FN(PSCI_FN_VERSION), 0, &r);

	firmware_caps.psci_version = v < 0 ? 0 : (uint32_t)v;
	/* SMCCC_VERSION is discoverable only through PSCI_FEATURES (>= 1.0). */
	if (v >= 0x10000 && fw_call2(PSCI_0_2_FN(PSCI_FN_FEATURES),
				     ARM_SMCCC_VERSION, &r) == 0) {
		v = fw_call2(ARM_SMCCC_VERSION, 0, &r);
		if (v >= (int64_t)SMCCC_VERSION_1_0)
			firmware_caps.smccc_version = (uint32_t)v;
	}
	if (firmware_caps.smccc_version < SMCCC_VERSION_1_1)
		return;
	for (unsigned i = 1; i < 5; i++)
		firmware_caps.workaround[i] = (int32_t)fw_call2(
			ARM_SMCCC_ARCH_FEATURES, wa_fid[i], &r);
	if (firmware_caps.smccc_version >= SMCCC_VERSION_1_2)
		probe_soc_id();
	probe_trng();
}
