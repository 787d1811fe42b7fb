#!/bin/sh
# No agent, or an agent gone (docs/monitor.md): with the agent never
# attached, on-agent-absent = "deny" answers monitored calls -1 and "pass"
# routes them as usual; an agent that leaves while it holds a call of each
# of its two targets (DETACH from the first whose call comes, a REPLY after
# it refused; power-off for the other) leaves each call answered as its
# target's on-agent-absent says.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain deny:1 --domain pass:1 \
	--domain left-deny:1 --domain left-pass:1 \
	--expect '^\[idle\] agent: no targets: not attaching' \
	--expect '^\[leaver\] agent: detached from [45] holding seq 2: 0$' \
	--expect '^\[leaver\] agent: powering off holding seq 2 of target [45]$' \
	--expect '^\[arbiter\] all domains are off' \
	-- --timeout 90 tests/qemu/configs/monitor-absent.dts
