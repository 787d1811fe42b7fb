#!/bin/sh
# A hostile OP-TEE client beside a working one (guests/tee-client
# mode=hostile and mode=neighbour, tests/qemu/configs/tee-hostile.dts).
# `hx` makes forbidden calls (VM_*, BOOT_SECONDARY, L2CC_MUTEX, LOAD_IMAGE,
# ...), puts its argument in flash, secure RAM, devices, the hypervisor,
# the neighbour's RAM, unaligned; sends huge num_params and unknown
# commands; page lists with foreign, misaligned and zero entries, cycles,
# bad links, huge sizes; TMEM without NONCONTIG; bad attributes; RMEM and
# UNREGISTER_SHM with the neighbour's cookie, a pending one, offsets past
# the end; resumes threads it does not own (the neighbour holds one);
# answers ALLOC and SHM_ALLOC with memory not its own; rewrites an
# argument while it is held and while vCPU 1 races vCPU 0's calls; runs
# its 48-page pool out. Each must be the mediator's own answer (the
# firmware's count of hx's TEE calls must not move). `nb` registers a
# buffer, holds a call, writes a canary at its RAM base (the PA hx was
# told, inside hx's IPA window: hx's page there is its own) and calls
# until hx is done: no call of nb may fail. Each guest prints what the test
# TEE's log must show for it; the placement the bootargs assume is checked.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain hx:1 --domain nb:1 \
	--expect '^\[hx\] tee-client: failures=0$' \
	--expect '^\[nb\] tee-client: failures=0$' \
	--expect '^\[arbiter\] domain hx: 2 vCPU\(s\), 32 MiB at 0x60200000,' \
	--expect '^\[arbiter\] domain nb: 1 vCPU\(s\), 32 MiB at 0x41200000,' \
	--expect '^\[fw\] tee calls by client \(all/std/rpc\): 0=\d+/0/0 1=\d+/\d+/\d+ 2=\d+/\d+/\d+$' \
	--same '^(?:\[hx\] # tee log expected:|\[fw\] tee calls by client .*) (1=\d+/\d+/\d+)(?: |$)' \
	--same '^(?:\[nb\] # tee log expected:|\[fw\] tee calls by client .*) (2=\d+/\d+/\d+)$' \
	--expect '^\[fw\] tee vm events: \+1 \+2 (-1 -2|-2 -1)$' \
	--expect '^\[arbiter\] all domains are off' \
	--expect '^\[fw\] SYSTEM_OFF: powering off' \
	-- --firmware arbiter --timeout 60 tests/qemu/configs/tee-hostile.dts
