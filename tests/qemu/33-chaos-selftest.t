#!/bin/sh
# The chaos guest's checks can fail: with each mistake a hypervisor could
# make pretended in turn (guests/chaos/selftest.c), each is caught.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain chaos:1 \
	--expect '^\[chaos\] chaos selftest: mutations=8 caught=8$' \
	--expect '^\[arbiter\] all domains are off' \
	-- --timeout 60 tests/qemu/configs/chaos-selftest.dts
