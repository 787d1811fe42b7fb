#!/bin/sh
# One domain, two vCPUs, PSCI over HVC: versions over both conduits, CPU_ON
# and CPU_OFF, the emulated PL011, an abort for an unmapped address.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain smoke:1 \
	--expect '^\[arbiter\] domain smoke powered off' \
	-- --timeout 60 tests/qemu/configs/smoke-1.dts
