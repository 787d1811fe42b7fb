# The Linux guest: Debian's unmodified arm64 kernel and busybox, fetched by
# the build (tools/linux-guest), with guests/linux/init as its user space.
LINUX_DIR := $(BUILD)/linux
LINUX_IMAGE := $(LINUX_DIR)/Image
LINUX_INITRD := $(LINUX_DIR)/initramfs.cpio.gz

# guests/linux/tee-test: a user-space TEE client (hosted C, static, against
# Debian's arm64 glibc), put into the initramfs beside busybox.
LINUX_TEE_TEST := $(BUILD)/linux/tee-test
CHECK_SRCS += guests/linux/tee-test.c
$(LINUX_TEE_TEST): guests/linux/tee-test.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(Q)$(CROSS)gcc -std=gnu11 -O2 -Wall -Wextra -Werror -static -s -o $@ $<

$(LINUX_INITRD): tools/linux-guest guests/linux/init $(LINUX_TEE_TEST) | $(DEPS_STAMP)
	$(Q)./tools/linux-guest $(LINUX_DIR) $(LINUX_TEE_TEST)
$(LINUX_IMAGE): $(LINUX_INITRD)

.PHONY: linux-guest
linux-guest: $(LINUX_INITRD)

# The QEMU scenarios boot it (tests/qemu/08-linux.t and after).
test-qemu: $(LINUX_INITRD)

# The demo (`make run`) has a Linux domain.
run-demo: $(LINUX_INITRD)
