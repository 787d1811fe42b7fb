# Arbiter's EL3 firmware for QEMU virt (firmware/) and its standalone test
# tier (tests/qemu/firmware/): a bare-metal EL2 payload that the firmware
# enters at 0x60000000 and that calls every service with real SMCs.

FW_DIR      := $(BUILD)/firmware
FW_ELF      := $(FW_DIR)/arbiter-fw.elf
FW_BIN      := $(FW_DIR)/arbiter-fw.bin
FW_SRCS     := $(sort $(wildcard firmware/*.c firmware/tee/*.c firmware/ffa/*.c))
FW_ASM      := $(sort $(wildcard firmware/*.S))
FW_OBJS     := $(FW_SRCS:%.c=$(BUILD)/aarch64/%.o) \
	$(FW_ASM:%.S=$(BUILD)/aarch64/%.o)

FWT_DIR     := tests/qemu/firmware
FWT_ELF     := $(FW_DIR)/fw-test-payload.elf
FWT_BIN     := $(FW_DIR)/fw-test-payload.bin
FWT_SRCS    := $(sort $(wildcard $(FWT_DIR)/*.c))
FWT_ASM     := $(sort $(wildcard $(FWT_DIR)/*.S))
FWT_OBJS    := $(FWT_SRCS:%.c=$(BUILD)/aarch64/%.o) \
	$(FWT_ASM:%.S=$(BUILD)/aarch64/%.o)

# The payload speaks the firmware's SiP ABI: it includes firmware/sip.h.
$(FWT_OBJS): TARGET_CFLAGS += -Ifirmware

$(FW_ELF): $(FW_OBJS) $(LIBC_TARGET_OBJS) firmware/firmware.ld | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(TLD) -static -nostdlib --no-warn-rwx-segments -T firmware/firmware.ld \
		-Map $(FW_DIR)/arbiter-fw.map -o $@ $(FW_OBJS) \
		$(TARGET_LIBFDT) $(LIBC_TARGET_OBJS)

$(FWT_ELF): $(FWT_OBJS) $(FWT_DIR)/payload.ld | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(TLD) -static -nostdlib --no-warn-rwx-segments -T $(FWT_DIR)/payload.ld -o $@ $(FWT_OBJS)

$(FW_DIR)/%.bin: $(FW_DIR)/%.elf
	$(Q)$(TOBJCOPY) -O binary $< $@

.PHONY: firmware test-firmware
firmware: $(FW_BIN)

test-firmware: $(FW_BIN) $(FWT_BIN)
	$(Q)FW_BIN=$(FW_BIN) FWT_BIN=$(FWT_BIN) prove --exec /bin/sh $(FWT_DIR)/firmware.t

ALL_TARGETS += $(FW_BIN)

TEST_TIERS += test-firmware
CHECK_SRCS += $(FW_SRCS) $(FWT_SRCS) $(wildcard firmware/tee/*.h firmware/ffa/*.h)

# The firmware's Linux check (tests/qemu/firmware/linux/): a boot shim at
# 0x60000000 runs Debian's kernel at EL1 and forwards its SMCs with client
# ID 1, so Linux's own optee and optee-rng drivers meet the test TEE.
FWL_DIR     := tests/qemu/firmware/linux
FWL_ELF     := $(FW_DIR)/fw-linux-shim.elf
FWL_BIN     := $(FW_DIR)/fw-linux-shim.bin
FWL_OBJS    := $(BUILD)/aarch64/$(FWL_DIR)/entry.o $(BUILD)/aarch64/$(FWL_DIR)/shim.o

$(FWL_ELF): $(FWL_OBJS) $(LIBC_TARGET_OBJS) $(FWL_DIR)/shim.ld | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(TLD) -static -nostdlib --no-warn-rwx-segments -T $(FWL_DIR)/shim.ld -o $@ \
		$(FWL_OBJS) $(TARGET_LIBFDT) $(LIBC_TARGET_OBJS)

# The Linux guest's files, spelled out: mk/linux.mk is read after this.
.PHONY: test-firmware-linux
test-firmware-linux: $(FW_BIN) $(FWL_BIN) $(BUILD)/linux/initramfs.cpio.gz
	$(Q)FW_BIN=$(FW_BIN) FWL_BIN=$(FWL_BIN) LINUX_DIR=$(BUILD)/linux \
		prove --exec /bin/sh $(FWL_DIR)/linux.t

TEST_TIERS += test-firmware-linux
CHECK_SRCS += $(FWL_DIR)/shim.c
