#!/bin/sh
# A domain whose only physical CPU never starts (plan
# configs/faults-boot.plan.dts: every physical CPU_ON fails, on QEMU's
# PSCI): the hypervisor tries three times, powers that domain off, and
# the other domain runs and powers the machine off. Before, the machine
# waited for the lost domain until the timeout.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain alive:1 \
	--expect '^\[alive\] faults: failures=0$' \
	--at-least '3:^\[arbiter\] physical CPU 1 \(mpidr 0x1\) failed to start: -6' \
	--expect '^\[arbiter\] domain lost: physical CPU 1 did not start: the domain cannot run$' \
	--expect '^\[arbiter\] domain lost powered off$' \
	--at-most '0:^\[lost\] ' \
	--expect '^\[arbiter\] all domains are off' \
	-- --timeout 60 \
	--faults tests/qemu/configs/faults-boot.plan.dts tests/qemu/configs/faults-boot.dts
