#!/bin/sh
# A chaos domain (guests/chaos: random SMCCC calls over both conduits, PSCI
# storms, bad immediates and bad accesses on two vCPUs, every answer checked)
# beside a witness domain that keeps making checked calls.
# Seed 2: non-zero immediates answered -1 (smccc-immediate = "unknown"),
# PSCI over SMC, and the chaos domain resets itself twice mid-storm (three
# boots, each with its plan).
# The chaos ends with 0 violations, the witness with 0 failures, the
# hypervisor alive (every domain powers off cleanly) and its log bounded:
# at most 8 fault lines and the "further faults" line, and audit lines at
# the token bucket's rate (burst 8, 4 a second, per vCPU) for a run far
# shorter than 20 s.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain chaos:3 --domain witness:1 \
	--expect '^\[chaos\] chaos: seed=2 calls=[0-9]+ violations=0$' \
	--expect '^\[witness\] witness: rounds=[0-9]+ seconds=[0-9]+ failures=0$' \
	--expect '^\[arbiter\] domain chaos: malformed [0-9]+, undef [0-9]+' \
	--at-most '9:^\[arbiter\] domain chaos( vcpu|: further)' \
	--at-most '0:^\[arbiter\] domain witness( vcpu|: further)' \
	--at-most '200:^\[arbiter\] audit: ' \
	--expect '^\[arbiter\] all domains are off' \
	-- --timeout 100 tests/qemu/configs/chaos-2.dts
