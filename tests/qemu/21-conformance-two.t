#!/bin/sh
# The conformance suite in two domains with different policies: 4 vCPUs
# over HVC with the default policy (CPU_ON race of three vCPUs, 100 rounds)
# beside 2 vCPUs over SMC with TRNG denied, immediates answered -1 and the
# original CPU_SUSPEND format, which resets itself once meanwhile.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain wide:1 --domain narrow:1 \
	--expect '^\[wide\] conformance: failures=0' \
	--expect '^\[narrow\] conformance: failures=0' \
	--expect '^\[arbiter\] domain narrow reset' \
	--expect '^\[narrow\] ok \d+ - domain came back after SYSTEM_RESET' \
	--expect '^\[wide\] ok \d+ - 3 vCPUs race CPU_ON' \
	--expect '^\[arbiter\] all domains are off' \
	-- --timeout 90 tests/qemu/configs/conformance-two.dts
