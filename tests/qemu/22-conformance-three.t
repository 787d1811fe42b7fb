#!/bin/sh
# The conformance suite in three domains (3, 1 and 3 vCPUs; HVC, SMC, HVC;
# three policies); `phoenix` resets itself while the others keep running.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain trio:1 --domain single:1 --domain phoenix:1 \
	--expect '^\[trio\] conformance: failures=0' \
	--expect '^\[single\] conformance: failures=0' \
	--expect '^\[phoenix\] conformance: failures=0' \
	--expect '^\[arbiter\] domain phoenix reset' \
	--expect '^\[phoenix\] ok \d+ - domain came back after SYSTEM_RESET' \
	--expect '^\[arbiter\] all domains are off' \
	-- --timeout 90 tests/qemu/configs/conformance-three.dts
