#!/bin/sh
# For comparison with 46-tee-cost (bench/tee.md): a domain whose policy
# forwards OP-TEE's range unmediated (never a default) makes the same
# session, INC and one-page CHECKSUM, naming its memory by physical
# address itself; the hypervisor still announces the client (VM_CREATED,
# VM_DESTROYED). The placement the guest's bootargs assume is checked.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain fwd:1 \
	--expect '^\[arbiter\] domain fwd: 1 vCPU\(s\), 32 MiB at 0x60200000,' \
	--expect '^\[fwd\] # cost under -icount shift=0: unmediated INVOKE CHECKSUM \(a 1-page page list\) +window +\d+' \
	--expect '^\[fwd\] tee-client: failures=0$' \
	--expect '^\[arbiter\] domain fwd: calls emulated \d+ forwarded [1-9]\d* tee 0 ' \
	--expect '^\[fw\] tee vm events: \+2 -2$' \
	-- --firmware arbiter --icount --smp 1 --timeout 60 tests/qemu/configs/tee-cost-forward.dts
