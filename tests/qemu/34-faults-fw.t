#!/bin/sh
# Fault injection on our EL3 firmware (docs/robustness.md): the test image
# (build/hyp/arbiter-faults.bin) with the plan configs/faults-fw.plan.dts.
# A forwarded SiP call gets the firmware's error with x1-x17 untouched;
# CPU_ON of a vCPU whose physical CPU the firmware refuses to power
# answers INTERNAL_FAILURE, leaves it OFF, and the next CPU_ON starts it;
# TRNG_RND without firmware entropy answers NO_ENTROPY with x1-x3 zero;
# each works again once the plan's count is spent. Every injected fault
# is logged (at most 4 lines per rule).
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain f:1 \
	--expect '^\[f\] faults: failures=0$' \
	--expect '^\[arbiter\] faults: 3 rule\(s\) from faults.dtb$' \
	--at-least '2:^\[arbiter\] faults: sip-echo: 0xc2000007 answered 0xfffffffffffffffd' \
	--at-least '2:^\[arbiter\] physical CPU 1 \(mpidr 0x1\) failed to start: -3$' \
	--at-least '2:^\[arbiter\] faults: trng: 0xc4000053 answered 0xfffffffffffffffd' \
	--expect '^\[arbiter\] all domains are off' \
	--expect '^\[fw\] SYSTEM_OFF: powering off' \
	-- --firmware arbiter --timeout 60 \
	--faults tests/qemu/configs/faults-fw.plan.dts tests/qemu/configs/faults-fw.dts
