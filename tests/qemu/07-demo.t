#!/bin/sh
# The demo configuration on Arbiter's EL3 firmware: three policies side by
# side, and a Linux domain whose OP-TEE calls are mediated (the others' are
# denied). Checks the decisions that tell them apart.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario \
	--expect '^\[ctrl\] smc SiP PM_VERSION 0x82000000 +-> 0 ' \
	--expect '^\[app\] hvc SiP PM_VERSION 0x82000000 +-> -1 ' \
	--expect '^\[app\] smc SiP ECHO64 0xc2000007 +-> 0 ' \
	--expect '^\[locked\] smc SMCCC_VERSION +-> -1 ' \
	--expect '^\[locked\] hvc SMCCC_VERSION +-> 65539 ' \
	--expect '^\[locked\] hvc TRNG_RND64\(64 bits\) +-> -1 ' \
	--expect '^\[ctrl\] hvc TRNG_RND64\(64 bits\) +-> 0 ' \
	--expect '^\[arbiter\] audit: domain locked' \
	--expect '^\[linux\] linux-test: cpu1 online again: 0-1' \
	--expect '^\[linux\] linux-test: hwrng optee-rng' \
	--expect '^\[linux\] linux-test: hwrng bytes [0-9a-f]{32}$' \
	--expect '^\[linux\] tee-test: done checks=9 failures=0$' \
	--expect '^\[ctrl\] smc OP-TEE CALLS_UID 0xbf00ff01 +-> -1 ' \
	--expect '^\[locked\] hvc OP-TEE CALLS_UID 0xbf00ff01 +-> -1 ' \
	--expect '^\[fw\] tee calls by client \(all/std/rpc\): 0=\d+/0/0 4=\d+/\d+/\d+$' \
	--expect '^\[arbiter\] domain linux powered off' \
	--expect '^\[arbiter\] all domains are off' \
	-- --firmware arbiter --timeout 180 configs/demo.dts
