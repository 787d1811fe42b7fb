# The chaos guest's assembly comes in through guests/chaos/asm.c, and the
# soak run: the chaos scenario with random seeds for SOAK_MINUTES minutes,
# then a table (tools/soak).

$(BUILD)/aarch64/guests/chaos/asm.o: guests/chaos/entry.S

SOAK_MINUTES ?= 10
.PHONY: soak
soak:
	$(Q)tools/soak --minutes $(SOAK_MINUTES)
