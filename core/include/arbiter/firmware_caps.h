/* SPDX-License-Identifier: MIT */
/*
 * What the firmware below reported about itself, asked once at boot through
 * plat_firmware_call() (R9). What guests are told about versions and
 * mitigations derives from these answers: the hypervisor never advertises a
 * mitigation the firmware lacks.
 */
#ifndef ARBITER_FIRMWARE_CAPS_H
#define ARBITER_FIRMWARE_CAPS_H

#include <stdbool.h>
#include <stdint.h>

#define SOC_NAME_LEN 136

struct firmware_caps {
	uint32_t smccc_version; /* 0x10000 when SMCCC_VERSION is unknown */
	uint32_t psci_version;	/* 0 when PSCI_VERSION failed */
	int32_t workaround[5];	/* ARCH_FEATURES of WORKAROUND_1..4; [0] unused
				 */
	bool soc_id;		/* SOC_ID types 0 and 1 answered */
	uint32_t soc_version;	/* SOC_ID type 0 */
	uint32_t soc_revision;	/* SOC_ID type 1 */
	char soc_name[SOC_NAME_LEN]; /* SOC_ID type 2; empty when absent */
	uint32_t trng_version;	     /* 0 when the firmware has no TRNG */
	uint32_t trng_uuid[4];	     /* the firmware's entropy source */
};

extern struct firmware_caps firmware_caps;

/*
 * Ask the firmware; safe on any SMCCC firmware (unknown calls answer -1).
 * A platform without SOC_ID in its firmware may fill the soc fields itself
 * afterwards, from its own data.
 */
void firmware_probe(void);

#endif
