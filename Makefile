# Arbiter: one non-recursive Makefile. Each part of the tree adds its own
# rules in mk/*.mk; everything builds under build/.
#
#   make run     boot the demo under QEMU
#   make test    every test tier (host unit, fuzz smoke, QEMU scenarios)
#   make check   format check and static analysis
#   make tools   host tools (build/bin/arbiter-policy)

BUILD   := build
CROSS   ?= aarch64-linux-gnu-
HOSTCC  ?= cc
TCC     := $(CROSS)gcc
TLD     := $(CROSS)ld
TOBJCOPY := $(CROSS)objcopy
V ?= 0
Q := $(if $(filter 1,$(V)),,@)

WARN := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wvla -Wno-unused-parameter

# Freestanding target code: no libc headers but our own (lib/include) and
# the compiler's; no FP/SIMD registers so traps need not save them.
TARGET_INC_GCC := $(shell $(TCC) -print-file-name=include 2>/dev/null)
LIBFDT_ARM64   := $(BUILD)/libfdt-arm64/usr
TARGET_CFLAGS := $(WARN) -ffreestanding -fno-builtin -nostdinc \
	-isystem lib/include -isystem $(TARGET_INC_GCC) \
	-isystem $(LIBFDT_ARM64)/include \
	-mgeneral-regs-only -mstrict-align -fno-stack-protector \
	-fno-tree-loop-distribute-patterns -mno-outline-atomics \
	-fno-omit-frame-pointer -fpie -O2 -g -Icore/include
TARGET_ASFLAGS := -D__ASSEMBLY__ -Icore/include -g
TARGET_LIBFDT  := $(LIBFDT_ARM64)/lib/aarch64-linux-gnu/libfdt.a

HOST_CFLAGS := $(WARN) -O2 -g -Icore/include -D_DEFAULT_SOURCE
HOST_LDLIBS := -lfdt

# Portable core: built for both sides. The TEE framework (core/tee/tee.c)
# is always in; the mediators are objects chosen by TEE, a comma-separated
# list of names (core/tee/NAME*.c): `make TEE=` links none, `make
# TEE=optee` the OP-TEE mediator alone. The hypervisor and the policy tool
# get the selection; the host core library has none (its unit tests link
# the mediator they test).
TEE ?= optee,ffa
comma := ,
TEE_NAMES := $(subst $(comma), ,$(TEE))
TEE_ALL_SRCS := $(sort $(filter-out core/tee/tee.c,$(wildcard core/tee/*.c)))
TEE_SRCS := $(sort $(foreach t,$(TEE_NAMES),$(wildcard core/tee/$(t)*.c)))
$(foreach t,$(TEE_NAMES),$(if $(wildcard core/tee/$(t)*.c),,$(error TEE=$(TEE): no mediator '$(t)' in core/tee)))
CORE_SRCS := $(sort $(wildcard core/*.c core/services/*.c) core/tee/tee.c)
CORE_HOST_OBJS := $(CORE_SRCS:%.c=$(BUILD)/host/%.o)
CORE_TARGET_OBJS := $(CORE_SRCS:%.c=$(BUILD)/aarch64/%.o) \
	$(TEE_SRCS:%.c=$(BUILD)/aarch64/%.o)
TEE_HOST_OBJS := $(TEE_SRCS:%.c=$(BUILD)/host/%.o)
# Rewritten when TEE changes, so what links the selection links again.
TEE_STAMP := $(BUILD)/.tee-selection
$(shell mkdir -p $(BUILD) && [ "$$(cat $(TEE_STAMP) 2>/dev/null)" = "tee=$(TEE)" ] || echo "tee=$(TEE)" > $(TEE_STAMP))

# Freestanding C library subset for the target (what libfdt and gcc need).
LIBC_SRCS := $(sort $(wildcard lib/*.c))
LIBC_TARGET_OBJS := $(LIBC_SRCS:%.c=$(BUILD)/aarch64/%.o)

# Parts append to these.
TEST_TIERS :=
CHECK_SRCS := $(CORE_SRCS) $(TEE_ALL_SRCS) $(LIBC_SRCS) $(wildcard core/include/arbiter/*.h) $(wildcard core/tee/*.h) \
	$(wildcard lib/include/*.h)
ALL_TARGETS :=
CLEAN_EXTRA :=

.PHONY: all deps test check tools run clean format
all: tools

DEPS_STAMP := $(BUILD)/.deps-ok
$(DEPS_STAMP): tools/install-deps
	$(Q)./tools/install-deps $(BUILD)
	$(Q)mkdir -p $(@D) && touch $@
deps: $(DEPS_STAMP)

$(BUILD)/host/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(HOST_EXTRA_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/aarch64/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(TCC) $(TARGET_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/aarch64/%.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(TCC) $(TARGET_ASFLAGS) $(TARGET_EXTRA_ASFLAGS) -MMD -MP -c $< -o $@

include $(sort $(wildcard mk/*.mk))

test: $(TEST_TIERS)
	@echo "make test: all tiers passed: $(TEST_TIERS)"

check: | $(DEPS_STAMP)
	$(Q)./tools/check-format $(CHECK_SRCS)
	$(Q)cppcheck --quiet --error-exitcode=1 --std=c11 --inline-suppr \
		--enable=warning,portability --suppress=missingIncludeSystem \
		-Icore/include -Ilib/include $(filter %.c,$(CHECK_SRCS))
	$(Q)./tools/check-panics
	@echo "make check: passed"

format:
	clang-format -i $(CHECK_SRCS)

clean:
	rm -rf $(BUILD) $(CLEAN_EXTRA)

-include $(shell find $(BUILD) -name '*.d' -type f 2>/dev/null)
