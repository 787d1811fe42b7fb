#!/bin/sh
# Listed monitoring (docs/monitor.md): only 0xc2000040-0xc2000047 go to the
# agent (checked by exact event counts: PSCI, SMCCC_VERSION and an unlisted
# SiP call never reach it); PSCI over SMC (CPU_ON, AFFINITY_INFO) is the
# hypervisor's; 3 vCPUs x 1000 listed calls keep their order.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain listed:1 \
	--expect '^\[agent\] agent: target 1: \d+ events: \d+ answered, 1 repeated, 0 handed back, 0 denied, 0 held; 0 errors$' \
	--expect '^\[arbiter\] all domains are off' \
	-- --timeout 90 tests/qemu/configs/monitor-listed.dts
