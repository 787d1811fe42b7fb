#!/bin/sh
# The OP-TEE mediator's per-domain limits (guests/tee-client mode=limits
# and mode=neighbour, tests/qemu/configs/tee-limits.dts). `lh` holds its
# two calls in RPCs and meets the mediator's ETHREAD_LIMIT from both vCPUs
# (x1-x17 kept, nothing forwarded); registers its 16 buffers and is
# refused a 17th; its 100 registered pages and 64 pages per reference
# (tee-limits) are exceeded by one page; its 48-page pool runs out and
# comes back whole. Every refusal is the mediator's (OUT_OF_MEMORY, origin
# COMMS), and meanwhile `nb` holds a call and keeps calling: none of its
# calls fails or meets ETHREAD_LIMIT (no starvation). The test TEE's log
# must show exactly what each guest expects.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain lh:1 --domain nb:1 \
	--expect '^\[lh\] tee-client: failures=0$' \
	--expect '^\[nb\] tee-client: failures=0$' \
	--expect '^\[fw\] tee calls by client \(all/std/rpc\): 0=\d+/0/0 1=70/47/23 2=\d+/\d+/\d+$' \
	--same '^(?:\[lh\] # tee log expected:|\[fw\] tee calls by client .*) (1=\d+/\d+/\d+)(?: |$)' \
	--same '^(?:\[nb\] # tee log expected:|\[fw\] tee calls by client .*) (2=\d+/\d+/\d+)$' \
	--expect '^\[fw\] tee vm events: \+1 \+2 (-1 -2|-2 -1)$' \
	--expect '^\[arbiter\] all domains are off' \
	--expect '^\[fw\] SYSTEM_OFF: powering off' \
	-- --firmware arbiter --timeout 60 tests/qemu/configs/tee-limits.dts
