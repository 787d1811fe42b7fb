# The Linux guest: Debian's unmodified arm64 kernel and busybox, fetched by
# the build (tools/linux-guest), with guests/linux/init as its user space.
LINUX_DIR := $(BUILD)/linux
LINUX_IMAGE := $(LINUX_DIR)/Image
LINUX_INITRD := $(LINUX_DIR)/initramfs.cpio.gz

$(LINUX_INITRD): tools/linux-guest guests/linux/init | $(DEPS_STAMP)
	$(Q)./tools/linux-guest $(LINUX_DIR)
$(LINUX_IMAGE): $(LINUX_INITRD)

.PHONY: linux-guest
linux-guest: $(LINUX_INITRD)

# The QEMU scenarios boot it (tests/qemu/08-linux.t and after).
test-qemu: $(LINUX_INITRD)

# The demo (`make run`) has a Linux domain.
run-demo: $(LINUX_INITRD)
