#!/bin/sh
# Failures end the run with exit status 1 and a FATAL line, never a hang:
# a configuration naming a CPU the machine lacks.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --expect-exit 1 \
	--expect '^\[arbiter\] FATAL: domain lost: physical CPU 5' \
	-- --smp 2 --timeout 60 tests/qemu/configs/bad-cpu.dts
