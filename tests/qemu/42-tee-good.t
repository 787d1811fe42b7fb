#!/bin/sh
# The OP-TEE good path end to end (guests/tee-client mode=good,
# tests/qemu/configs/tee-good.dts): one domain, four vCPUs, OP-TEE over
# SMC. Linux's probe answered by the mediator; sessions and values; ECHO,
# FILL and CHECKSUM over non-contiguous page lists (scattered pages, an
# offset into the first, one page named three times, 64 pages); a
# registered buffer used through RMEM, then unregistered; SLEEP with every
# RPC kind answered as Linux does (SHM_ALLOC as a page list, and as
# contiguous pages like Linux's kernel buffers), the TA's pattern checked
# in the guest's own pages; the device-enumeration and RNG pseudo-TAs;
# then all four vCPUs calling at once (the domain's limit is the test
# TEE's 4 threads: no ETHREAD_LIMIT). The test TEE's log must show exactly
# the calls the guest made, which it also prints as its expectation.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain tg:1 \
	--expect '^\[tg\] tee-client: failures=0$' \
	--expect '^\[fw\] tee calls by client \(all/std/rpc\): 0=\d+/0/0 1=656/391/265$' \
	--same '^(?:\[tg\] # tee log expected:|\[fw\] tee calls by client .*) (1=\d+/\d+/\d+)$' \
	--expect '^\[fw\] tee vm events: \+1 -1$' \
	--expect '^\[arbiter\] all domains are off' \
	--expect '^\[fw\] SYSTEM_OFF: powering off' \
	-- --firmware arbiter --timeout 60 tests/qemu/configs/tee-good.dts
