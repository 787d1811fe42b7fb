#!/bin/sh
# The test TEE against Linux's own drivers: the firmware boots a shim that
# runs Debian's unmodified kernel at EL1 and forwards its SMCs with client
# ID 1 (after VM_CREATED(1) as the hypervisor). Linux's optee driver must
# probe (dynamic shared memory), enumerate the RNG pseudo-TA onto the TEE
# bus, and optee-rng must give /dev/hwrng bytes; the TEE's log at
# SYSTEM_OFF must show client 1's calls. Run by `make test-firmware-linux`.
set -u
FW_BIN=${FW_BIN:-build/firmware/arbiter-fw.bin}
FWL_BIN=${FWL_BIN:-build/firmware/fw-linux-shim.bin}
LINUX_DIR=${LINUX_DIR:-build/linux}
initrd="$LINUX_DIR/initramfs.cpio.gz"
size=$(stat -c %s "$initrd")
log=$(mktemp)
timeout "${FW_TIMEOUT:-180}" qemu-system-aarch64 \
	-machine virt,secure=on,virtualization=on,gic-version=3 \
	-cpu max -smp 1 -m 1G -nic none -display none -monitor none \
	-serial stdio -bios "$FW_BIN" \
	-device loader,file="$FWL_BIN",addr=0x60000000,force-raw=on \
	-device loader,file="$LINUX_DIR/Image",addr=0x60200000,force-raw=on \
	-device loader,file="$initrd",addr=0x48000000,force-raw=on \
	-device loader,addr=0x5ff00000,data="$size",data-len=8 \
	</dev/null >"$log" 2>&1
rc=$?
tr -d '\r' <"$log" >"$log.lf"
n=0
check() {
	n=$((n + 1))
	if grep -Eq "$1" "$log.lf"; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
	fi
}
check '^\[shim\] VM_CREATED\(1\) = 0000000000000000' "VM_CREATED(1) from the shim"
check 'optee: revision 0\.1' "optee driver reads the OS revision"
check 'optee: dynamic shared memory is enabled' "dynamic shared memory"
check 'optee: initialized driver' "optee driver initialized"
check '^linux-test: hwrng optee-rng' "optee-rng is the current hwrng"
check '^linux-test: hwrng bytes [0-9a-f]{32}$' "16 bytes read from /dev/hwrng"
check '^tee-test: done checks=9 failures=0$' \
	"a user-space client (tee-test) passed every check through /dev/tee0"
check '^\[fw\] tee calls by client \(all/std/rpc\): 0=1/0/0 1=[1-9][0-9]*/[1-9][0-9]*/[0-9]+$' \
	"the TEE's log: client 1's calls, the hypervisor's one"
check '^\[fw\] tee vm events: \+1$' "the TEE's log: VM_CREATED(1)"
n=$((n + 1))
if [ "$rc" = 0 ]; then echo "ok $n - QEMU exited by itself"; else echo "not ok $n - QEMU exit status $rc"; fi
echo "1..$n"
grep -E "optee|hwrng|shim|linux-test|tee-test|\[fw\]|Kernel panic|Unable" "$log.lf" | head -60 | sed 's/^/# /'
rm -f "$log" "$log.lf"
exit 0
