/* SPDX-License-Identifier: MIT */
/*
 * Configuration schema v1, as parsed from a compiled device tree
 * (compatible = "arbiter,config-v1"). The same parser runs in the hypervisor
 * at boot and in the host tools; it checks everything and names the node of
 * every error.
 */
#ifndef ARBITER_CONFIG_H
#define ARBITER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONFIG_MAX_DOMAINS  16
#define CONFIG_MAX_CPUS	    64
#define CONFIG_MAX_RULES    1024
#define CONFIG_NAME_MAX	    32
#define CONFIG_IPA_RAM_BASE 0x40000000ull

enum rule_action {
	ACTION_DENY = 0,
	ACTION_EMULATE,
	ACTION_FORWARD,
	ACTION_TEE,
	ACTION_MONITOR,
	ACTION_COUNT,
};

/* Conduit masks for rules and the monitor. */
#define CONDUIT_MASK_SMC  1u
#define CONDUIT_MASK_HVC  2u
#define CONDUIT_MASK_BOTH 3u

enum monitor_mode {
	MONITOR_NONE = 0,
	MONITOR_EXCLUSIVE,
	MONITOR_LISTED,
};

struct rule_config {
	const char *name; /* node name, for messages */
	int service; /* enum service_id from services.h, or -1 with a range */
	uint32_t lo, hi;  /* with service == -1: inclusive FID range */
	uint8_t conduits; /* CONDUIT_MASK_* */
	uint8_t action;	  /* enum rule_action */
	uint8_t tee;	  /* enum tee_kind, with ACTION_TEE */
	bool audit;
};

struct monitor_config {
	uint8_t mode;	  /* enum monitor_mode */
	uint8_t conduits; /* CONDUIT_MASK_*: which conduits exclusive mode takes
			   */
	bool pass_when_absent; /* on-agent-absent = "pass" */
	const char *agent;     /* name of the agent domain */
};

/* A domain's TEE limits (`tee-limits` node); 0 = the mediator's default. */
struct tee_limits_config {
	uint32_t calls;	       /* calls in flight */
	uint32_t shm_buffers;  /* registered buffers */
	uint32_t shm_pages;    /* pages of registered buffers, in total */
	uint32_t buffer_pages; /* pages of one memory reference */
	uint32_t sessions;     /* sessions open at once */
	uint32_t restarts;     /* secure-side re-creations after a reset */
	bool restarts_given;   /* restarts was set (0 is a value) */
};

struct domain_config {
	const char *name;
	uint32_t id;
	uint32_t ncpus;
	uint32_t cpus[CONFIG_MAX_CPUS];
	uint64_t memory_size;
	const char *image;
	const char *initrd;	    /* NULL when absent */
	const char *bootargs;	    /* NULL when absent */
	uint8_t psci_conduit;	    /* enum call_conduit */
	uint8_t imm_policy;	    /* enum imm_policy */
	bool psci_suspend_extended; /* psci-suspend-format = "extended"
				       (default) */
	uint32_t nrules;
	const struct rule_config *rules;
	struct monitor_config monitor;
	struct tee_limits_config tee_limits;
};

struct config {
	uint32_t ndomains;
	struct domain_config domains[CONFIG_MAX_DOMAINS];
	struct rule_config rule_pool[CONFIG_MAX_RULES];
	uint32_t rules_used;
};

/* Where errors go: one line each, naming the node. */
struct config_errors {
	void (*report)(void *ctx, const char *line);
	void *ctx;
	unsigned count;
};

/* Report one error line through errs (printf-style). */
void config_error(struct config_errors *errs, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Parse and check a configuration blob. Strings point into the blob, which
 * must outlive `out`. Returns the number of errors (0: valid).
 */
unsigned config_parse(const void *fdt, size_t size, struct config *out,
		      struct config_errors *errs);

const struct domain_config *config_find_domain(const struct config *cfg,
					       const char *name);

const char *rule_action_name(unsigned action);

#endif
