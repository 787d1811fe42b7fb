#!/bin/sh
# Debian's unmodified arm64 kernel as a guest: boots on the emulated GICv3
# and timer, brings its second vCPU up, takes it offline and back with PSCI,
# reads the SMCCC TRNG, powers its domain off; a smoke domain runs beside.
# Skipped until the Linux guest is built (`make linux-guest` fetches it).
cd "$(dirname "$0")/../.." || exit 1
if [ ! -f build/linux/Image ] || [ ! -f build/linux/initramfs.cpio.gz ]; then
	echo "1..0 # SKIP Linux guest not built (make linux-guest)"
	exit 0
fi
exec tests/qemu/scenario --domain smoke:1 \
	--expect '^\[linux\] .*GICv3: CPU1: found redistributor 1' \
	--expect '^\[linux\] .*arch_timer: cp15 timer\(s\) running' \
	--expect '^\[linux\] .*ttyAMA0 at MMIO 0x9000000' \
	--expect '^\[linux\] linux-test: cpu1 online again: 0-1' \
	--expect '^\[linux\] linux-test: hwrng smccc_trng' \
	--expect '^\[linux\] linux-test: poweroff' \
	--expect '^\[arbiter\] domain linux powered off' \
	--expect '^\[arbiter\] all domains are off' \
	-- --ram 2G --timeout 180 tests/qemu/configs/linux.dts
