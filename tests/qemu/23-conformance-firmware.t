#!/bin/sh
# The conformance suite on Arbiter's EL3 firmware: the policies of
# 21-conformance-two.t, plus the firmware's answers that show through the
# hypervisor (workarounds, SOC_ID, TRNG from the firmware with its UUID).
# Guest TRNG calls are the hypervisor's own calls to the firmware: client 0
# makes hundreds of calls, never a SiP one.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain wide:1 --domain narrow:1 \
	--expect '^\[wide\] conformance: failures=0' \
	--expect '^\[narrow\] conformance: failures=0' \
	--expect '^\[arbiter\] domain narrow reset' \
	--expect '^\[fw\] calls by client \(all/sip\): 0=[1-9]\d\d+/0$' \
	--expect '^\[fw\] SYSTEM_OFF: powering off' \
	-- --firmware arbiter --timeout 90 tests/qemu/configs/conformance-fw.dts
