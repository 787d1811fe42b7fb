#!/bin/sh
# Forwarding to Arbiter's EL3 firmware end to end (guests/forward,
# tests/qemu/configs/forward.dts): `pm` (client 5) forwards the SiP range
# and drives a clock and the register window, ECHO32/ECHO64 with x1-x17,
# and reads the firmware's per-client call counts; `shut` (client 9) is
# denied the SiP range; `echo` (client 12) forwards ECHO64 only. TRNG in
# every domain is the firmware's, taken by the hypervisor as client 0.
# The firmware's call log at SYSTEM_OFF must show exactly the calls each
# guest had forwarded and none from client 9, and the last SYSTEM_OFF
# must power the machine off through the firmware (QEMU exits, status 0).
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain pm:1 --domain shut:1 --domain echo:1 \
	--expect '^\[pm\] forward: failures=0' \
	--expect '^\[shut\] forward: failures=0' \
	--expect '^\[echo\] forward: failures=0' \
	--expect '^\[arbiter\] all domains are off' \
	--expect '^\[fw\] calls by client \(all/sip\): 0=[1-9]\d*/0 5=54/54 12=4/4$' \
	--expect '^\[fw\] SYSTEM_OFF: powering off' \
	-- --firmware arbiter --timeout 60 tests/qemu/configs/forward.dts
