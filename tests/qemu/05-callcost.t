#!/bin/sh
# The call-cost guest under -icount: it must run to the end; the figures it
# prints (instructions per round trip, hypervisor included) show up as TAP
# comments. Tests assert behaviour, not speed (DESIGN §6).
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain cost:1 \
	--expect '^\[cost\] # cost SMCCC_VERSION +hvc +[0-9]+ +smc +[0-9]+' \
	-- --icount --timeout 60 tests/qemu/configs/callcost.dts
