/* SPDX-License-Identifier: MIT */
/*
 * The host harness: a fake platform for the portable core (unit tests,
 * fuzzing, benchmarks, host tools). It models a firmware below the
 * hypervisor and records every platform call, so tests can assert what
 * reached the firmware, which vCPU was kicked, which domain was stopped.
 */
#ifndef ARBITER_HARNESS_H
#define ARBITER_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arbiter/config.h"
#include "arbiter/domain.h"
#include "arbiter/platform.h"

#define HARNESS_MAX_FW_LOG 64
#define HARNESS_MAX_VCPUS  64

/* What the fake firmware answers and what it saw. */
struct fake_firmware {
	bool smccc_1_2; /* answers SMCCC_VERSION 1.2 and the queries */
	bool has_trng;	/* TRNG 1.0 */
	bool has_soc_id;
	int32_t workaround[5];
	bool trng_fails; /* RND answers NO_ENTROPY */
	uint64_t calls;	 /* every plat_firmware_call */
	struct smccc_regs last_in;
	struct smccc_regs log[HARNESS_MAX_FW_LOG];
	unsigned nlog;
};

/*
 * A fake OP-TEE below the fake firmware (tests/harness/fake_optee.c), with
 * NS-virtualization semantics: VM_CREATED/DESTROYED only from a7 = 0,
 * calls from clients never created refused, a thread pool shared by every
 * client. Like the real one, it does not check who resumes a thread and
 * reads every physical address it is given (host pointers here).
 */
#define FAKE_OPTEE_THREADS 4
#define FAKE_OPTEE_CLIENTS 8
#define FAKE_OPTEE_SHM	   8
#define FAKE_OPTEE_LOG	   32

struct fake_optee_thread {
	bool busy;
	uint16_t client;
	unsigned step;	 /* position in the RPC sequence */
	uint64_t arg_pa; /* the call's argument */
	uint64_t rpc_pa; /* the ALLOC'd RPC argument */
	uint64_t cookie; /* its cookie */
	uint64_t time_s; /* GET_TIME answer */
	uint32_t func;	 /* 3: GET_TIME, 5: SHM_ALLOC, 6: + a supplicant cmd */
	uint64_t shm_sum, shm_cookie; /* SHM_ALLOC: what it read */
};

struct fake_optee_shm {
	bool used;
	uint16_t client;
	uint64_t cookie, size, offset;
	unsigned npages;
	uint64_t pages[64];
};

/* VM_CREATED / VM_DESTROYED as they came. */
struct fake_optee_vm {
	uint32_t fid, a1, a7, ret;
};

struct fake_optee {
	bool enabled;
	uint32_t caps;	  /* EXCHANGE_CAPABILITIES a1 */
	uint32_t threads; /* GET_THREAD_COUNT; at most FAKE_OPTEE_THREADS */
	bool refuse_create;
	uint16_t clients[FAKE_OPTEE_CLIENTS];
	unsigned nclients;
	struct fake_optee_vm vm_log[FAKE_OPTEE_LOG];
	unsigned nvm;
	uint32_t last_a7; /* of the last call other than VM_* */
	uint64_t last_a3;
	unsigned std_calls, resumes, bad_a7;
	struct fake_optee_thread thr[FAKE_OPTEE_THREADS];
	struct fake_optee_shm shm[FAKE_OPTEE_SHM];
	/* Called inside every CALL_WITH_ARG, as another vCPU would run. */
	void (*during_call)(void);
	uint64_t last_arg_pa;
	uint32_t sessions;
	bool scribble; /* write junk into every input field of the arg */
	/* Asked before every address is dereferenced (tests/fuzz/fuzz_tee.c):
	 * false aborts. */
	bool (*pa_check)(uint64_t pa);
};

struct harness_state {
	struct fake_firmware fw;
	struct fake_optee optee;
	/* A test's own secure side (tests/unit/ffa_fixture.h's SPMC): asked
	 * after the fake OP-TEE; true when it answered the call. */
	bool (*secure_call)(struct smccc_regs *r);
	unsigned kicks;
	struct vcpu *last_kicked;
	unsigned power_ups;	    /* plat_vcpu_power_up calls */
	unsigned power_up_failures; /* the next this many of them fail */
	unsigned domain_offs, domain_resets;
	struct domain *last_domain;
	bool monitor_attached; /* plat_monitor_post accepts */
	bool monitor_ring;     /* plat_monitor_post uses core/monitor.c */
	unsigned monitor_posts;
	struct call_frame last_posted;
	uint64_t now_ns;
	bool entropy_fails;
	uint64_t entropy_state;
	unsigned log_lines;
	char last_log[256];
	bool log_to_stderr;
};

extern struct harness_state harness;

/* Reset the fake platform to a firmware like TF-A's (SMCCC 1.2, TRNG). */
void harness_reset(void);

/* Put a fake OP-TEE below the firmware (off after harness_reset()). */
void fake_optee_enable(void);
/* The fake OP-TEE's handler: true when it answered the call. */
bool fake_optee_call(struct smccc_regs *r);

/* A system built from a configuration source or blob, for tests. */
struct harness_system {
	struct config cfg;
	struct domain domains[CONFIG_MAX_DOMAINS];
	struct vcpu vcpus[CONFIG_MAX_DOMAINS][HARNESS_MAX_VCPUS];
	uint8_t *arena_mem;
	size_t arena_size;
	void *blob;
	char errors[4096];
	unsigned nerrors;
};

/* Compile DTS text with dtc and build every domain. Returns the number of
 * configuration errors (their lines in sys->errors). */
unsigned harness_system_from_dts(struct harness_system *sys, const char *dts);
unsigned harness_system_from_blob(struct harness_system *sys, const void *blob,
				  size_t size);
void harness_system_free(struct harness_system *sys);
struct domain *harness_domain(struct harness_system *sys, const char *name);

/* Run one call through the router as vCPU `vcpu` of `d`. */
struct call_frame harness_frame(struct domain *d, unsigned vcpu,
				unsigned conduit, uint64_t x0);

/* Read a whole file (dtc output); NULL on failure. */
void *harness_read_file(const char *path, size_t *size);
/* Compile DTS source text to a blob with dtc. */
void *harness_dtc(const char *dts, size_t *size);

#endif
