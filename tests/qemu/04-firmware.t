#!/bin/sh
# The same three domains on Arbiter's own EL3 firmware (secure=on, the
# hypervisor loaded at 0x60000000 like a TF-A BL33, the host device tree at
# RAM base): boot from another load address, secondaries and power-off
# through a real PSCI firmware.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain alpha:1 --domain beta:1 --domain gamma:3 \
	--expect '^\[arbiter\] Arbiter hypervisor at 0x60000000' \
	--expect '^\[arbiter\] all domains are off' \
	-- --firmware arbiter --timeout 90 tests/qemu/configs/three-domains.dts
