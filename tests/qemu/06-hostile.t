#!/bin/sh
# A hostile domain (bad immediates, unmapped and device addresses in a loop,
# PL011 abuse, SGIs through the CPU interface, CPU_ON into foreign memory, a
# console flood) next to a smoke domain that resets itself once: every abuse
# comes back to the guest, the log stays bounded, the neighbour finishes.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain bad:1 --domain good:2 \
	--at-most '9:^\[arbiter\] domain bad( vcpu|: further)' \
	--expect '^\[arbiter\] domain bad: further faults not logged' \
	--expect '^\[arbiter\] all domains are off' \
	-- --timeout 90 tests/qemu/configs/hostile.dts
