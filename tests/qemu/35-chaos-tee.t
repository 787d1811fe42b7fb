#!/bin/sh
# The chaos guest with OP-TEE and FF-A routed to Arbiter's mediators
# (tests/qemu/configs/chaos-tee.dts, seed 4, tee-routed=1): a third of its
# random calls go to the TEE ranges, half of those nearly right (arguments
# on scratch pages of its own RAM, RX/TX buffers mapped, direct requests
# to real partitions), RPCs never answered. Every answer is checked (x4-x17
# kept for OP-TEE, x8-x17 for FF-A); 0 violations. Beside it the chaos
# witness and a TEE witness (guests/tee-client mode=witness) opening
# sessions and invoking the test TA throughout: neither may fail, and the
# chaos domain's calls must reach the secure side.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain chaos:1 --domain witness:1 --domain teew:1 \
	--expect '^\[chaos\] chaos: seed=4 calls=[0-9]+ violations=0$' \
	--expect '^\[witness\] witness: rounds=[0-9]+ seconds=[0-9]+ failures=0$' \
	--expect '^\[teew\] tee witness: rounds=[1-9][0-9]* failures=0$' \
	--expect '^\[arbiter\] domain chaos: calls emulated \d+ forwarded 0 tee [1-9]\d{3,} ' \
	--expect '^\[fw\] tee calls by client \(all/std/rpc\): 0=\d+/0/0 1=\d+/[1-9]\d*/\d+ 3=' \
	--at-most '9:^\[arbiter\] domain chaos( vcpu|: further)' \
	--at-most '0:^\[arbiter\] domain (witness|teew)( vcpu|: further)' \
	--expect '^\[arbiter\] all domains are off' \
	-- --firmware arbiter --smp 4 --timeout 120 tests/qemu/configs/chaos-tee.dts
