#!/bin/sh
# The firmware's standalone tier: boot build/firmware/arbiter-fw.bin as the
# board's boot ROM with the test payload at 0x60000000; the payload prints
# TAP (plan last) across one SYSTEM_RESET and ends with SYSTEM_OFF, which
# must make QEMU exit by itself. Run by `make test-firmware` through prove.
set -u
FW_BIN=${FW_BIN:-build/firmware/arbiter-fw.bin}
FWT_BIN=${FWT_BIN:-build/firmware/fw-test-payload.bin}
SMP=${SMP:-4}
log=$(mktemp)
timeout "${FW_TIMEOUT:-60}" qemu-system-aarch64 \
	-machine virt,secure=on,virtualization=on,gic-version=3 \
	-cpu max -smp "$SMP" ${FW_QEMU_EXTRA:-} -m 1G -nic none -display none -monitor none \
	-serial stdio -bios "$FW_BIN" \
	-device loader,file="$FWT_BIN",addr=0x60000000,force-raw=on \
	</dev/null >"$log" 2>&1
rc=$?
tr -d '\r' <"$log" >"$log.lf"
cat "$log.lf"
# The firmware's own log must be there, and its shutdown call summary.
grep -q '^\[fw\] entering non-secure EL2' "$log" ||
	echo "Bail out! firmware banner missing"
grep -q '^\[fw\] calls by client' "$log" ||
	echo "Bail out! firmware call summary missing"
# The test TEE's log at the SYSTEM_RESET: the hypervisor (0) made no std
# call, clients 1 and 2 did, and the VM events came in the payload's order.
grep -Eq '^\[fw\] tee calls by client \(all/std/rpc\): 0=[1-9][0-9]*/0/0 1=[1-9][0-9]*/[1-9][0-9]*/[1-9][0-9]* 2=[1-9][0-9]*/[1-9][0-9]*/[1-9][0-9]*$' "$log.lf" ||
	echo "Bail out! test TEE call log missing or wrong"
grep -q '^\[fw\] tee vm events: +1 +2 -2 +2$' "$log.lf" ||
	echo "Bail out! test TEE VM events missing or wrong"
if [ "$rc" != 0 ]; then
	echo "# QEMU exit status $rc (124: timeout, SYSTEM_OFF did not power off)"
	echo "Bail out! QEMU did not exit cleanly"
fi
rm -f "$log" "$log.lf"
exit 0
