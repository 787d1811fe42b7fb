#!/bin/sh
# FF-A across a reset (guests/ffa-client, tests/qemu/configs/ffa-reset.dts):
# `rst` resets itself with two shares outstanding. The one with 0x8001 is
# reclaimed at the reset (after the VM-destroyed message); the one 0x8002
# holds is refused, kept as an orphan and retried at the restart (refused
# again) and at the power-off (after the second boot had 0x8002 let go:
# reclaimed). Boot 2 sees nothing of boot 1 but that orphan in the SPMC.
# `ref` (0x7001) is refused by 0x8001: its calls fail, the SPMC never
# hears from it. The hypervisor logs each of these once.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain rst:2 --domain ref:1 \
	--expect '^\[rst\] ffa-client: failures=0' \
	--expect '^\[ref\] ffa-client: failures=0' \
	--expect '^\[arbiter\] ffa: SP 0x8001 refused VM creation of endpoint 0x7001$' \
	--expect '^\[arbiter\] ffa: domain ref \(endpoint 0x7001\) refused by a secure partition: its FF-A calls fail$' \
	--expect '^\[arbiter\] ffa: domain rst: 1 share\(s\) still held by a secure partition, retried at its next start and stop$' \
	--expect '^\[arbiter\] ffa: domain rst: 1 share\(s\) of its last run still held by a secure partition$' \
	--expect '^\[fw\] ffa calls by endpoint \(all/direct/share/reclaim\): 0=\d+/5/0/0 7=\d+/\d+/2/4$' \
	--expect '^\[fw\] ffa shares: made=2 reclaimed=2 refused=2 outstanding=0$' \
	--expect '^\[fw\] ffa vm events: \+7 -7 \+7 -7$' \
	--expect '^\[arbiter\] all domains are off' \
	--expect '^\[fw\] SYSTEM_OFF: powering off' \
	--at-most '5:^\[arbiter\] ffa: ' \
	-- --firmware arbiter --timeout 240 tests/qemu/configs/ffa-reset.dts
