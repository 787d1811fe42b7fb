#!/bin/sh
# Exclusive monitoring (docs/monitor.md): "ex" (4 vCPUs, conduit smc) and
# "both" (2 vCPUs, conduit both) give their calls to one agent domain. The
# targets check the event's PC against their own smc/hvc, a reply without
# PC advance (the call runs again), HVC routed only with conduit = "both",
# denied calls never reaching the agent, 4 x 1000 + 2 x 500 calls with
# exact per-call answers and exact event counts, and a call the agent never
# answers: ex's other vCPUs and the other domain make progress after it. The
# agent logs 24 events in full, then counts, and powers off after both
# targets' SYSTEM_OFF reached it (and was handed back).
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain ex:1 --domain both:1 \
	--expect '^\[agent\] agent: target 1: \d+ events: \d+ answered, 1 repeated, \d+ handed back, 1 denied, 1 held; 0 errors$' \
	--expect '^\[agent\] agent: target 2: \d+ events: \d+ answered, 1 repeated, \d+ handed back, 2 denied, 0 held; 0 errors$' \
	--at-least '24:^\[agent\] agent: event seq=' \
	--at-most '24:^\[agent\] agent: event seq=' \
	--expect '^\[agent\] agent: further events counted, not logged' \
	--expect '^\[arbiter\] all domains are off' \
	-- --timeout 90 tests/qemu/configs/monitor-exclusive.dts
