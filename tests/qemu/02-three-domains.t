#!/bin/sh
# Three domains on five CPUs with different conduits; gamma resets itself
# twice (SYSTEM_RESET from vCPU 0, then from vCPU 1 while vCPU 0 spins in
# WFE and must be pulled out) and is powered off by vCPU 1, while alpha and
# beta run on undisturbed.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain alpha:1 --domain beta:1 --domain gamma:3 \
	--expect '^\[arbiter\] domain gamma reset' \
	--expect '^\[gamma\] ok 10 - vCPU 1 calls SYSTEM_OFF' \
	--expect '^\[arbiter\] all domains are off' \
	-- --timeout 90 tests/qemu/configs/three-domains.dts
