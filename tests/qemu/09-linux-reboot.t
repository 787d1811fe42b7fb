#!/bin/sh
# Linux with two vCPUs reboots itself (PSCI SYSTEM_RESET) again and again:
# the hypervisor pulls the other vCPU out, reloads the image and restarts
# the domain; it must boot to user space each time. The run never ends by
# itself, so arbiter-run's timeout (exit 124) is the expected end.
cd "$(dirname "$0")/../.." || exit 1
if [ ! -f build/linux/Image ] || [ ! -f build/linux/initramfs.cpio.gz ]; then
	echo "1..0 # SKIP Linux guest not built (make linux-guest)"
	exit 0
fi
exec tests/qemu/scenario --expect-exit 124 --domain smoke:1 \
	--at-least '1:^\[arbiter\] domain linux reset' \
	--at-least '2:^\[linux\] linux-test: start' \
	--at-least '2:^\[linux\] linux-test: cpu1 online again: 0-1' \
	-- --ram 2G --timeout 45 tests/qemu/configs/linux-reboot.dts
