#!/bin/sh
# Domains that die with OP-TEE calls held in RPCs (guests/tee-client
# mode=off and mode=reset, tests/qemu/configs/tee-life.dts). `lo` holds
# two calls (at ALLOC, before SHM_FREE), 16 buffers and a session, and
# powers off once `lr` has found the test TEE's 32 buffers full: the
# mediator drains its calls (1 + 2 RPC returns under client 2, in the test
# TEE's log below) and VM_DESTROYED frees its buffers, so `lr`'s 17th
# registration fits. `lr` then fills all 32, holds two calls (GET_TIME,
# ALLOC: 2 + 1 drain returns) and resets: on the second boot the firmware
# has seen exactly those 3 returns more, the old threads are ERESUME, the
# old session is gone, all 32 buffers register again. The test TEE's VM
# events must be +1 +2 -2 -1 +1 -1, and its log exactly what each guest
# expects (lo's is fixed: 19 std calls, 9 RPC returns of its own, 3 of the
# drain).
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain lr:2 --domain lo:1 \
	--expect '^\[lr\] tee-client: failures=0$' \
	--expect '^\[lo\] tee-client: failures=0$' \
	--expect '^\[arbiter\] domain lr reset' \
	--expect '^\[fw\] tee calls by client \(all/std/rpc\): 0=\d+/0/0 1=\d+/\d+/\d+ 2=31/19/12$' \
	--same '^(?:\[lr\] # tee log expected:|\[fw\] tee calls by client .*) (1=\d+/\d+/\d+)(?: |$)' \
	--same '^(?:\[lo\] # tee log expected:|\[fw\] tee calls by client .*) (2=\d+/\d+/\d+)$' \
	--expect '^\[fw\] tee vm events: \+1 \+2 -2 -1 \+1 -1$' \
	--expect '^\[arbiter\] all domains are off' \
	--expect '^\[fw\] SYSTEM_OFF: powering off' \
	-- --firmware arbiter --timeout 60 tests/qemu/configs/tee-life.dts
