/* SPDX-License-Identifier: MIT */
/* Handlers of the built-in services (core/services/), for the dispatch table.
 */
#ifndef ARBITER_BUILTINS_H
#define ARBITER_BUILTINS_H

#include "arbiter/call.h"

/* Arm Architecture calls (arch.c). */
enum call_outcome arch_version(struct call_frame *f);
enum call_outcome arch_features(struct call_frame *f);
enum call_outcome arch_soc_id(struct call_frame *f);
enum call_outcome arch_workaround(struct call_frame *f);

/* PSCI (psci.c, psci_power.c). */
enum call_outcome psci_version(struct call_frame *f);
enum call_outcome psci_cpu_suspend(struct call_frame *f);
enum call_outcome psci_cpu_off(struct call_frame *f);
enum call_outcome psci_cpu_on(struct call_frame *f);
enum call_outcome psci_affinity_info(struct call_frame *f);
enum call_outcome psci_migrate_info_type(struct call_frame *f);
enum call_outcome psci_system_off(struct call_frame *f);
enum call_outcome psci_system_reset(struct call_frame *f);
enum call_outcome psci_features(struct call_frame *f);
enum call_outcome psci_cpu_freeze(struct call_frame *f);
enum call_outcome psci_cpu_default_suspend(struct call_frame *f);
enum call_outcome psci_node_hw_state(struct call_frame *f);
enum call_outcome psci_system_suspend(struct call_frame *f);
enum call_outcome psci_system_reset2(struct call_frame *f);
enum call_outcome psci_system_off2(struct call_frame *f);

/* TRNG (trng.c). */
enum call_outcome trng_version(struct call_frame *f);
enum call_outcome trng_features(struct call_frame *f);
enum call_outcome trng_get_uuid(struct call_frame *f);
enum call_outcome trng_rnd(struct call_frame *f);

/* General queries of the ranges the hypervisor owns (queries.c). */
enum call_outcome query_call_count(struct call_frame *f);
enum call_outcome query_call_uid(struct call_frame *f);
enum call_outcome query_revision(struct call_frame *f);

/* The introspection agent's calls (monitor.c). */
enum call_outcome monitor_attach(struct call_frame *f);
enum call_outcome monitor_detach(struct call_frame *f);
enum call_outcome monitor_reply_call(struct call_frame *f);
enum call_outcome monitor_wait(struct call_frame *f);

#endif
