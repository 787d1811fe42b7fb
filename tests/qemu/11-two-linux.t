#!/bin/sh
# Two Linux domains at once, each on its own two CPUs and its own emulated
# GICv3, one calling PSCI over HVC and one over SMC; both power off.
cd "$(dirname "$0")/../.." || exit 1
if [ ! -f build/linux/Image ] || [ ! -f build/linux/initramfs.cpio.gz ]; then
	echo "1..0 # SKIP Linux guest not built (make linux-guest)"
	exit 0
fi
exec tests/qemu/scenario \
	--expect '^\[la\] linux-test: cpu1 online again: 0-1' \
	--expect '^\[lb\] linux-test: cpu1 online again: 0-1' \
	--expect '^\[la\] .*psci: probing for conduit method from DT' \
	--expect '^\[arbiter\] domain la powered off' \
	--expect '^\[arbiter\] domain lb powered off' \
	--expect '^\[arbiter\] all domains are off' \
	-- --ram 2G --timeout 180 tests/qemu/configs/two-linux.dts
