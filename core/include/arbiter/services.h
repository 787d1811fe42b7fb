/* SPDX-License-Identifier: MIT */
/*
 * Named services (what a rule's `match` names) and the built-in functions
 * the hypervisor emulates. The built-in table is the dispatch data: every
 * capability answer (ARCH_FEATURES, PSCI_FEATURES, TRNG_FEATURES, call
 * counts) is derived from it and from the caller's compiled policy.
 */
#ifndef ARBITER_SERVICES_H
#define ARBITER_SERVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arbiter/call.h"

enum service_id {
	SVC_ARCH,
	SVC_CPU,
	SVC_SIP,
	SVC_OEM,
	SVC_STD,
	SVC_STD_QUERIES, /* Count/UID/Revision of the standard secure range */
	SVC_PSCI,
	SVC_TRNG,
	SVC_FFA,
	SVC_STD_HYP,
	SVC_VENDOR_HYP,
	SVC_VENDOR_EL3,
	SVC_TA,
	SVC_TOS,
	SVC_OPTEE,
	SVC_COUNT,
};

struct fid_range {
	uint32_t lo, hi; /* inclusive */
};

struct service_desc {
	const char *name;
	const struct fid_range *ranges;
	uint8_t nranges;
	bool standard; /* emulated for a domain whose rules say nothing */
};

extern const struct service_desc service_table[SVC_COUNT];

/* enum service_id for a name a configuration may use, or -1. */
int service_by_name(const char *name);

typedef enum call_outcome (*builtin_handler_fn)(struct call_frame *f);

/* One function the hypervisor answers itself. */
struct builtin_fn {
	uint32_t fid;	  /* fast-call ID, hint bit clear */
	uint8_t nresults; /* x0..x(nresults-1) may change; others never */
	uint8_t service;  /* enum service_id, for names and counts */
	const char *name;
	builtin_handler_fn handler;
};

extern const struct builtin_fn builtin_fns[];
extern const size_t builtin_fn_count;

/* The built-in function with this ID, or NULL. */
const struct builtin_fn *builtin_find(uint32_t fid);

/* General-query function numbers (Count, UID, Revision) are 0xff00-0xffff. */
static inline bool builtin_is_general_query(uint32_t fid)
{
	return (fid & 0xff00u) == 0xff00u;
}

#endif
