#!/bin/sh
# The conformance suite in one domain of one vCPU over HVC, on QEMU's
# built-in PSCI, without -icount: every wait in the suite is a deadline.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain solo:1 \
	--expect '^\[solo\] conformance: failures=0' \
	--expect '^\[arbiter\] all domains are off' \
	-- --timeout 60 tests/qemu/configs/conformance-one.dts
