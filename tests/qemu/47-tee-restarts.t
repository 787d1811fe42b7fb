#!/bin/sh
# OP-TEE re-creations are bounded (guests/tee-client mode=restarts,
# tests/qemu/configs/tee-restarts.dts): `rs` may be created again twice
# (tee-limits restarts = 2) and resets itself four times. Boots 1-3 find
# OP-TEE, boots 4-5 find its calls failing while the domain runs on; the
# hypervisor says so once; the test TEE saw client 1 created exactly three
# times and destroyed three times. `nb` keeps its partition throughout.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain rs:5 --domain nb:1 \
	--expect '^\[rs\] tee-client: failures=0$' \
	--expect '^\[nb\] tee-client: failures=0$' \
	--expect '^\[arbiter\] optee: domain rs: 2 restarts spent, not created again: its TEE calls fail$' \
	--expect '^\[fw\] tee vm events: \+1 \+2 -1 \+1 -1 \+1 (-2 -1|-1 -2)$' \
	--expect '^\[arbiter\] all domains are off' \
	-- --firmware arbiter --smp 2 --timeout 60 tests/qemu/configs/tee-restarts.dts
