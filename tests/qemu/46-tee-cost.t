#!/bin/sh
# Mediated OP-TEE calls under -icount (guests/tee-client mode=cost,
# tests/qemu/configs/tee-cost.dts): every measured call must be answered
# right; the figures (bench/tee.md) show up as TAP comments. Tests assert
# behaviour, not speed.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain cost:1 \
	--expect '^\[cost\] # cost under -icount shift=0: INVOKE INC \(one value\) +window +\d+' \
	--expect '^\[cost\] tee-client: failures=0$' \
	-- --firmware arbiter --icount --smp 1 --timeout 60 tests/qemu/configs/tee-cost.dts
