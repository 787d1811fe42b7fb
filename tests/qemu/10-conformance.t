#!/bin/sh
# The conformance suite in one domain of three vCPUs, under -icount (QEMU
# runs the vCPUs round-robin: a waiter that spun without WFE would starve
# the others). Its waits are deadlines on the virtual counter, so the same
# suite also runs without -icount (20- to 23-conformance-*.t).
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain conf:1 \
	--expect '^\[conf\] conformance: failures=0' \
	-- --icount --timeout 120 tests/qemu/configs/conformance-1.dts
