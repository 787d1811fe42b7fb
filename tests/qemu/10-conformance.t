#!/bin/sh
# The conformance suite in one domain of three vCPUs, under -icount: its
# SMP checks wait a bounded number of iterations, which a loaded host can
# outlast without -icount (each vCPU is a host thread).
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain conf:1 \
	--expect '^\[conf\] conformance: failures=0' \
	-- --icount --timeout 120 tests/qemu/configs/conformance-1.dts
