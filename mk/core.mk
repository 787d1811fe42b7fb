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
$(POLICY_TOOL): $(BUILD)/host/tools/policy/arbiter-policy.o $(HOST_CORE_LIB)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -o $@ $< -Wl,--whole-archive $(HOST_CORE_LIB) \
		-Wl,--no-whole-archive $(HOST_LDLIBS)

tools: $(POLICY_TOOL)
ALL_TARGETS += $(POLICY_TOOL)
