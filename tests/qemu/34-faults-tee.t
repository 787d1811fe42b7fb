#!/bin/sh
# Fault injection in the TEE (docs/robustness.md): with the plan
# configs/faults-tee.plan.dts the secure side answers the domain's first
# OP-TEE std call ETHREAD_LIMIT and the second EBUSY; the mediator passes
# both to the guest with its argument untouched and frees the call slot
# (the domain may have one call in flight), so the third call reaches the
# firmware's test TEE.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain t:1 \
	--expect '^\[t\] faults: failures=0$' \
	--expect '^\[arbiter\] faults: no-thread: 0x32000004 answered 0x1 ' \
	--expect '^\[arbiter\] faults: busy: 0x32000004 answered 0x2 ' \
	--expect '^\[fw\] tee calls by client \(all/std/rpc\): .*\b6=1/1/0' \
	--expect '^\[arbiter\] all domains are off' \
	-- --firmware arbiter --timeout 60 \
	--faults tests/qemu/configs/faults-tee.plan.dts tests/qemu/configs/faults-tee.dts
