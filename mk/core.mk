# The portable core on the host: the harness, the policy tool, unit tests,
# the fuzzer and the router benchmark.

HARNESS_SRCS := $(sort $(wildcard tests/harness/*.c))
HARNESS_OBJS := $(HARNESS_SRCS:%.c=$(BUILD)/host/%.o)
HOST_CORE_LIB := $(BUILD)/host/libarbiter-core.a
CHECK_SRCS += $(HARNESS_SRCS) tools/policy/arbiter-policy.c

$(BUILD)/host/tests/%.o: HOST_EXTRA_CFLAGS := -Itests/harness
$(BUILD)/host/tools/%.o: HOST_EXTRA_CFLAGS := -Itests/harness

$(HOST_CORE_LIB): $(CORE_HOST_OBJS) $(HARNESS_OBJS)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $^

POLICY_TOOL := $(BUILD)/bin/arbiter-policy
# The policy tool knows the mediators the hypervisor is built with.
$(POLICY_TOOL): $(BUILD)/host/tools/policy/arbiter-policy.o $(TEE_HOST_OBJS) \
		$(HOST_CORE_LIB) $(TEE_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -o $@ $< $(TEE_HOST_OBJS) -Wl,--whole-archive \
		$(HOST_CORE_LIB) -Wl,--no-whole-archive $(HOST_LDLIBS)

tools: $(POLICY_TOOL)
ALL_TARGETS += $(POLICY_TOOL)

# --- Host unit tests (cmocka): one binary per tests/unit/test_*.c ----------
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_COMMON_OBJS := $(BUILD)/host/tests/unit/unit.o
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/bin/unit/%)
CHECK_SRCS += tests/unit/unit.c $(UNIT_SRCS)

# A mediator's tests (test_NAME*.c) link that mediator, whatever TEE says.
$(BUILD)/bin/unit/%: $(BUILD)/host/tests/unit/%.o $(UNIT_COMMON_OBJS) \
		$(HOST_CORE_LIB)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -o $@ $< $(UNIT_COMMON_OBJS) $(UNIT_TEE_OBJS) -Wl,--whole-archive \
		$(HOST_CORE_LIB) -Wl,--no-whole-archive $(HOST_LDLIBS) \
		-lcmocka -lpthread

UNIT_OPTEE_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(wildcard core/tee/optee*.c))
UNIT_OPTEE_BINS := $(patsubst tests/unit/%.c,$(BUILD)/bin/unit/%,$(wildcard tests/unit/test_optee*.c))
$(UNIT_OPTEE_BINS): UNIT_TEE_OBJS = $(UNIT_OPTEE_OBJS)
$(UNIT_OPTEE_BINS): $(UNIT_OPTEE_OBJS)

UNIT_FFA_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(wildcard core/tee/ffa*.c))
UNIT_FFA_BINS := $(patsubst tests/unit/%.c,$(BUILD)/bin/unit/%,$(wildcard tests/unit/test_ffa*.c))
$(UNIT_FFA_BINS): UNIT_TEE_OBJS = $(UNIT_FFA_OBJS)
$(UNIT_FFA_BINS): $(UNIT_FFA_OBJS)

# Every binary runs even after a failure; the tier fails if any did. The
# policy tool's own tests find it through ARBITER_POLICY.
.PHONY: test-unit
test-unit: $(UNIT_BINS) $(POLICY_TOOL)
	$(Q)failed=""; for t in $(UNIT_BINS); do \
		echo "== $${t##*/}"; ARBITER_POLICY=$(POLICY_TOOL) ARBITER_TOP=$(CURDIR) $$t || \
			failed="$$failed $${t##*/}"; \
	done; \
	if [ -n "$$failed" ]; then \
		echo "test-unit: FAILED:$$failed"; exit 1; fi; \
	echo "test-unit: all $(words $(UNIT_BINS)) unit test programs passed"
TEST_TIERS += test-unit
.SECONDARY: $(UNIT_SRCS:%.c=$(BUILD)/host/%.o) $(UNIT_COMMON_OBJS)

# --- libFuzzer targets (clang, ASan + UBSan) ------------------------------
# fuzz_router: random configurations and calls against the router's
# invariants; fuzz_config: random device-tree blobs against the parser and
# the policy compiler. The core and the harness are built again with
# coverage and sanitizers.
FUZZ_CC := clang
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := $(WARN) -O1 -g -fno-omit-frame-pointer -Icore/include \
	-Itests/harness -D_DEFAULT_SOURCE $(FUZZ_SAN)
FUZZ_LIB_OBJS := $(patsubst %.c,$(BUILD)/fuzz/%.o,$(CORE_SRCS) $(HARNESS_SRCS)) \
	$(BUILD)/fuzz/tests/fuzz/common.o
FUZZ_BIN := $(BUILD)/bin/fuzz_router
FUZZ_TRAP_BIN := $(BUILD)/bin/fuzz_trap
FUZZ_CONFIG_BIN := $(BUILD)/bin/fuzz_config
FUZZ_TEE_BIN := $(BUILD)/bin/fuzz_tee
FUZZ_CORPUS := tests/fuzz/corpus
FUZZ_TRAP_CORPUS := tests/fuzz/corpus-trap
# fuzz-smoke: about 100 s in all, split between the four targets.
FUZZ_SMOKE_SECONDS ?= 30
FUZZ_TRAP_SMOKE_SECONDS ?= 35
FUZZ_TEE_SMOKE_SECONDS ?= 20
FUZZ_CONFIG_SMOKE_SECONDS ?= 15
FUZZ_SECONDS ?= 600
FUZZ_TRAP_MAX_LEN := 8192
CHECK_SRCS += tests/fuzz/fuzz_router.c tests/fuzz/fuzz_config.c \
	tests/fuzz/fuzz_trap.c tests/fuzz/fuzz_tee.c tests/fuzz/common.c \
	tests/fuzz/common.h
.SECONDARY: $(BUILD)/fuzz/tests/fuzz/fuzz_router.o \
	$(BUILD)/fuzz/tests/fuzz/fuzz_config.o $(BUILD)/fuzz/tests/fuzz/fuzz_trap.o

$(BUILD)/fuzz/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
		-c $< -o $@

$(BUILD)/bin/fuzz_%: $(BUILD)/fuzz/tests/fuzz/fuzz_%.o $(FUZZ_LIB_OBJS)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(HOST_LDLIBS)

# The mediator fuzzer links the OP-TEE mediator, whatever TEE says.
$(FUZZ_TEE_BIN): $(patsubst %.c,$(BUILD)/fuzz/%.o,$(wildcard core/tee/optee*.c))

# The configuration fuzzer's seeds: the example configurations, compiled.
FUZZ_CONFIG_SEEDS := $(BUILD)/fuzz/config-seeds
# Seeds: every example and test configuration, compiled, and the blobs that
# once broke the parser (tests/fuzz/config-regressions/).
$(FUZZ_CONFIG_SEEDS)/.done: $(wildcard configs/*.dts tests/unit/configs/*.dts) \
		$(wildcard tests/fuzz/config-regressions/*)
	@mkdir -p $(@D)
	$(Q)for f in $(filter %.dts,$^); do b=$${f##*/}; \
		dtc -q -I dts -O dtb -o $(@D)/$${b%.dts}.dtb $$f 2>/dev/null || \
		rm -f $(@D)/$${b%.dts}.dtb; done; \
	cp $(filter tests/fuzz/config-regressions/%,$^) $(@D)/ 2>/dev/null; \
	touch $@

# $(call run_fuzzer,BINARY,SECONDS,MAX_LEN,CORPUS DIRS): new inputs go to the
# first directory, in the build tree; the seeds in git stay small.
define run_fuzzer
	@mkdir -p $(firstword $(4))
	$(Q)log=$(BUILD)/fuzz/$(notdir $(1)).$$$$.log; \
	$(1) -max_total_time=$(2) -timeout=10 -max_len=$(3) \
		-print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/ \
		$(4) >$$log 2>&1; rc=$$?; \
	echo "$(notdir $(1)):"; \
	grep -a -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|INFO: seed corpus|fuzz_[a-z]+: [0-9]+ (router|mediated) calls)' \
		$$log; \
	if [ $$rc -ne 0 ]; then tail -n 40 $$log; \
		echo "$(notdir $(1)): FAILED (exit $$rc), log in $$log"; exit 1; fi; \
	rm -f $$log
endef

.PHONY: fuzz fuzz-smoke
fuzz-smoke: $(FUZZ_BIN) $(FUZZ_TRAP_BIN) $(FUZZ_CONFIG_BIN) $(FUZZ_TEE_BIN) $(FUZZ_CONFIG_SEEDS)/.done
	$(call run_fuzzer,$(FUZZ_BIN),$(FUZZ_SMOKE_SECONDS),2048,$(BUILD)/fuzz/corpus $(wildcard $(FUZZ_CORPUS)))
	$(call run_fuzzer,$(FUZZ_TRAP_BIN),$(FUZZ_TRAP_SMOKE_SECONDS),$(FUZZ_TRAP_MAX_LEN),$(BUILD)/fuzz/corpus-trap $(wildcard $(FUZZ_TRAP_CORPUS)))
	$(call run_fuzzer,$(FUZZ_CONFIG_BIN),$(FUZZ_CONFIG_SMOKE_SECONDS),16384,$(BUILD)/fuzz/corpus-config $(FUZZ_CONFIG_SEEDS))
	$(call run_fuzzer,$(FUZZ_TEE_BIN),$(FUZZ_TEE_SMOKE_SECONDS),4096,$(BUILD)/fuzz/corpus-tee)
	@echo "fuzz-smoke: no invariant violated ($(FUZZ_SMOKE_SECONDS) s router, $(FUZZ_TRAP_SMOKE_SECONDS) s trap, $(FUZZ_CONFIG_SMOKE_SECONDS) s config, $(FUZZ_TEE_SMOKE_SECONDS) s OP-TEE mediator)"

# `make fuzz FUZZ_SECONDS=N`: each target for N seconds, one after the other.
fuzz: $(FUZZ_BIN) $(FUZZ_TRAP_BIN) $(FUZZ_CONFIG_BIN) $(FUZZ_TEE_BIN) $(FUZZ_CONFIG_SEEDS)/.done
	$(call run_fuzzer,$(FUZZ_BIN),$(FUZZ_SECONDS),2048,$(BUILD)/fuzz/corpus $(wildcard $(FUZZ_CORPUS)))
	$(call run_fuzzer,$(FUZZ_TRAP_BIN),$(FUZZ_SECONDS),$(FUZZ_TRAP_MAX_LEN),$(BUILD)/fuzz/corpus-trap $(wildcard $(FUZZ_TRAP_CORPUS)))
	$(call run_fuzzer,$(FUZZ_CONFIG_BIN),$(FUZZ_SECONDS),16384,$(BUILD)/fuzz/corpus-config $(FUZZ_CONFIG_SEEDS))
	$(call run_fuzzer,$(FUZZ_TEE_BIN),$(FUZZ_SECONDS),4096,$(BUILD)/fuzz/corpus-tee)
TEST_TIERS += fuzz-smoke

# --- Router benchmark: instructions per call under callgrind -------------
# Not part of `make test` (tests assert behaviour, not speed).
ROUTER_BENCH := $(BUILD)/bin/router-bench
CHECK_SRCS += bench/router-bench.c
$(BUILD)/host/bench/%.o: HOST_EXTRA_CFLAGS := -Itests/harness

$(ROUTER_BENCH): $(BUILD)/host/bench/router-bench.o $(HOST_CORE_LIB)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -o $@ $< -Wl,--whole-archive $(HOST_CORE_LIB) \
		-Wl,--no-whole-archive $(HOST_LDLIBS)

.PHONY: bench-router
bench-router: $(ROUTER_BENCH)
	$(Q)./tools/bench-router $(ROUTER_BENCH)

# --- TEE mediation benchmark: what the OP-TEE mediator adds per call --------
TEE_BENCH := $(BUILD)/bin/tee-bench
CHECK_SRCS += bench/tee-bench.c
$(TEE_BENCH): $(BUILD)/host/bench/tee-bench.o $(UNIT_COMMON_OBJS) \
		$(UNIT_OPTEE_OBJS) $(HOST_CORE_LIB)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -o $@ $< $(UNIT_COMMON_OBJS) $(UNIT_OPTEE_OBJS) \
		-Wl,--whole-archive $(HOST_CORE_LIB) -Wl,--no-whole-archive \
		$(HOST_LDLIBS) -lcmocka

.PHONY: bench-tee
bench-tee: $(TEE_BENCH)
	$(Q)./tools/bench-tee $(TEE_BENCH)
