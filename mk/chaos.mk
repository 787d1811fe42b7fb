# The chaos guest's assembly comes in through guests/chaos/asm.c, and the
# soak run: the host trap fuzzer, then the chaos scenario with random seeds,
# for SOAK_MINUTES minutes in all, then a table (tools/soak).

$(BUILD)/aarch64/guests/chaos/asm.o: guests/chaos/entry.S

# SOAK_FUZZ_SHARE: the part of the time the host trap fuzzer runs first.
SOAK_MINUTES ?= 10
SOAK_FUZZ_SHARE ?= 0.25
.PHONY: soak
soak:
	$(Q)tools/soak --minutes $(SOAK_MINUTES) --fuzz-share $(SOAK_FUZZ_SHARE)
