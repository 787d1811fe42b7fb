# The hypervisor image (arch/aarch64, plat/qemu-virt, hyp), the bare-metal
# test guests (guests/lib, guests/*) and the QEMU test tier.


HYP_C_SRCS := $(sort $(filter-out arch/aarch64/asm-offsets.c,$(wildcard arch/aarch64/*.c hyp/*.c)))
HYP_S_SRCS := $(sort $(wildcard arch/aarch64/*.S))
HYP_OBJS := $(HYP_S_SRCS:%.S=$(BUILD)/aarch64/%.o) \
	$(HYP_C_SRCS:%.c=$(BUILD)/aarch64/%.o)
HYP_LDS := arch/aarch64/hyp.lds
HYP_ELF := $(BUILD)/hyp/arbiter.elf
HYP_IMAGE := $(BUILD)/hyp/arbiter.bin
TARGET_LIBGCC := $(shell $(TCC) -print-libgcc-file-name 2>/dev/null)

CHECK_SRCS += $(HYP_C_SRCS)
ALL_TARGETS += $(HYP_IMAGE)

# A position-independent executable linked at 0: head.S applies its
# R_AARCH64_RELATIVE relocations at boot, so the image runs wherever a
# loader puts it. Any other dynamic relocation would go unapplied: refuse.
# $(call hyp_link,OBJECTS): link $@ from the arch/hyp objects given.
define hyp_link
	@mkdir -p $(@D)
	$(Q)$(TLD) -pie --no-dynamic-linker -z norelro --no-undefined --no-warn-rwx-segments \
		-T $(HYP_LDS) -o $@ $(1) $(CORE_TARGET_OBJS) \
		$(LIBC_TARGET_OBJS) $(TARGET_LIBFDT) $(TARGET_LIBGCC)
	$(Q)if $(CROSS)readelf -rW $@ | awk 'NR>3 && NF>=3 && $$3 ~ /^R_/ && $$3 != "R_AARCH64_RELATIVE"' | grep -q .; then \
		echo "$@: dynamic relocations other than RELATIVE:"; \
		$(CROSS)readelf -rW $@ | grep -v R_AARCH64_RELATIVE | head; rm -f $@; exit 1; fi
endef

# The production image never carries the fault injection (hyp/faults/).
$(HYP_ELF): $(HYP_OBJS) $(CORE_TARGET_OBJS) $(LIBC_TARGET_OBJS) $(HYP_LDS) $(TEE_STAMP) | $(DEPS_STAMP)
	$(call hyp_link,$(HYP_OBJS))
	$(Q)if $(CROSS)nm $@ | grep -q ' faults_'; then \
		echo "$@: fault injection linked into the production image"; \
		rm -f $@; exit 1; fi

$(HYP_IMAGE): $(HYP_ELF)
	$(Q)$(TOBJCOPY) -O binary $< $@

# The fault-injection test image (docs/robustness.md): the same hypervisor
# with hyp/faults/*.c in place of hyp/fwcall.c, so the firmware calls named
# by a plan in the bundle (faults.dtb) fail. `make hyp-faults`; tools/
# arbiter-run --faults PLAN uses it.
HYP_FAULT_SRCS := $(sort $(wildcard hyp/faults/*.c))
HYP_FAULT_OBJS := $(filter-out $(BUILD)/aarch64/hyp/fwcall.o,$(HYP_OBJS)) \
	$(HYP_FAULT_SRCS:%.c=$(BUILD)/aarch64/%.o)
HYP_FAULT_ELF := $(BUILD)/hyp/arbiter-faults.elf
HYP_FAULT_IMAGE := $(BUILD)/hyp/arbiter-faults.bin
CHECK_SRCS += $(HYP_FAULT_SRCS)

$(HYP_FAULT_ELF): $(HYP_FAULT_OBJS) $(CORE_TARGET_OBJS) $(LIBC_TARGET_OBJS) $(HYP_LDS) $(TEE_STAMP) | $(DEPS_STAMP)
	$(call hyp_link,$(HYP_FAULT_OBJS))

$(HYP_FAULT_IMAGE): $(HYP_FAULT_ELF)
	$(Q)$(TOBJCOPY) -O binary $< $@

.PHONY: hyp-faults
hyp-faults: $(HYP_FAULT_IMAGE)

.PHONY: hyp guests test-qemu
hyp: $(HYP_IMAGE)

# Bare-metal guests: guests/lib is the runtime, each guests/NAME/ one image
# linked at 0x40080000 (QEMU virt's RAM + 0x80000), raw binary.
GUEST_LIB_SRCS := $(sort $(wildcard guests/lib/*.c))
GUEST_LIB_OBJS := $(BUILD)/aarch64/guests/lib/start.o \
	$(GUEST_LIB_SRCS:%.c=$(BUILD)/aarch64/%.o) $(BUILD)/aarch64/core/fmt.o \
	$(LIBC_TARGET_OBJS)
GUEST_NAMES := smoke callcost hostile demo conformance monitor-agent monitor-target chaos forward faults tee-client ffa-client
GUEST_BINS := $(GUEST_NAMES:%=$(BUILD)/guests/%.bin)
CHECK_SRCS += $(GUEST_LIB_SRCS) $(foreach g,$(GUEST_NAMES),$(wildcard guests/$(g)/*.c))
ALL_TARGETS += $(GUEST_BINS)

define guest_rule
$(BUILD)/guests/$(1).elf: $(patsubst %.c,$(BUILD)/aarch64/%.o,$(wildcard guests/$(1)/*.c)) $(GUEST_LIB_OBJS) guests/lib/guest.lds
	@mkdir -p $$(@D)
	$(Q)$(TLD) -static --no-warn-rwx-segments -T guests/lib/guest.lds -o $$@ \
		$(patsubst %.c,$(BUILD)/aarch64/%.o,$(wildcard guests/$(1)/*.c)) \
		$(GUEST_LIB_OBJS) $(TARGET_LIBFDT) $(TARGET_LIBGCC)
endef
$(foreach g,$(GUEST_NAMES),$(eval $(call guest_rule,$(g))))

$(BUILD)/guests/%.bin: $(BUILD)/guests/%.elf
	$(Q)$(TOBJCOPY) -O binary $< $@

guests: $(GUEST_BINS)

# Scenarios: each tests/qemu/*.t boots one configuration with
# tools/arbiter-run and reports TAP (tests/qemu/scenario).
test-qemu: $(HYP_IMAGE) $(HYP_FAULT_IMAGE) $(GUEST_BINS) $(FW_BIN)
	$(Q)prove tests/qemu/*.t

TEST_TIERS += test-qemu

# Structure offsets for the assembly, from the C definitions.
HYP_GEN := $(BUILD)/aarch64/gen
$(HYP_GEN)/asm-offsets.h: arch/aarch64/asm-offsets.c arch/aarch64/arch.h core/include/arbiter/call.h core/include/arbiter/trap_decode.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(TCC) $(TARGET_CFLAGS) -S -o $@.s $<
	$(Q)sed -n 's/.*->\([A-Z0-9_]*\) #\?\([0-9]*\).*/#define \1 \2/p' $@.s > $@.tmp
	$(Q)mv $@.tmp $@
$(HYP_S_SRCS:%.S=$(BUILD)/aarch64/%.o): $(HYP_GEN)/asm-offsets.h
$(HYP_S_SRCS:%.S=$(BUILD)/aarch64/%.o): TARGET_EXTRA_ASFLAGS += -I$(HYP_GEN)

# The demo: three domains with different policies on our EL3 firmware,
# each printing what it may and may not call (RUN_TARGET=run-demo).
.PHONY: run-demo
run-demo: $(HYP_IMAGE) $(GUEST_BINS) $(FW_BIN)
	tools/arbiter-run --firmware arbiter configs/demo.dts
