#!/bin/sh
# FF-A end to end (guests/ffa-client, tests/qemu/configs/ffa.dts) on the
# firmware's test SPMC: `fa` (endpoint 5, two vCPUs, both conduits) and
# `fb` (endpoint 6, HVC only) make every mediated call and every hostile
# one; `none` has no FF-A rule and `tee` routes OP-TEE instead, so both
# get -1 for FF-A (the TEE type is per domain, R5). At power-off every
# share must be back (outstanding=0), only the VM messages the hypervisor
# sent for fa and fb appear, and nothing reached the SPMC from `none` or
# `tee` (no endpoint 9 or 10 in its log).
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain fa:1 --domain fb:1 --domain none:1 --domain tee:1 \
	--expect '^\[arbiter\] ffa: SPMC FF-A 1\.1, id 0x8000, 2 partition\(s\): 0x8001 0x8002$' \
	--expect '^\[arbiter\] tee ffa: secure side found' \
	--expect '^\[fa\] ffa-client: failures=0' \
	--expect '^\[fb\] ffa-client: failures=0' \
	--expect '^\[none\] ffa-client: failures=0' \
	--expect '^\[tee\] ffa-client: failures=0' \
	--expect '^\[fw\] ffa calls by endpoint \(all/direct/share/reclaim\): 0=\d+/4/0/0 5=\d+/\d+/\d+/\d+ 6=\d+/\d+/\d+/\d+$' \
	--expect '^\[fw\] ffa shares: made=([1-9]\d*) reclaimed=\1 refused=2 outstanding=0$' \
	--expect '^\[fw\] ffa vm events: (\+5 \+6|\+6 \+5)( -[56]){2}$' \
	--expect '^\[fw\] tee vm events: \+10 -10$' \
	--expect '^\[arbiter\] all domains are off' \
	--expect '^\[fw\] SYSTEM_OFF: powering off' \
	--at-most '0:^\[arbiter\] ffa: domain' \
	-- --firmware arbiter --timeout 240 tests/qemu/configs/ffa.dts
