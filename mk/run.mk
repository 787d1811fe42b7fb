# `make run`: the demo (run-demo, in mk/hyp.mk): three domains with different
# policies on our EL3 firmware. `make run RUN_TARGET=run-policy-demo` shows
# the router's decisions for the example configuration with the policy tool.
.PHONY: run-policy-demo
run-policy-demo: $(POLICY_TOOL)
	$(POLICY_TOOL) check configs/policy-example.dts
	$(POLICY_TOOL) explain configs/policy-example.dts ctrl hvc 0xc2000001
	$(POLICY_TOOL) explain configs/policy-example.dts app smc 0xc2000001
	$(POLICY_TOOL) explain configs/policy-example.dts app hvc 0xc2000010
	$(POLICY_TOOL) explain configs/policy-example.dts app hvc 0x84000003
	$(POLICY_TOOL) explain configs/policy-example.dts locked smc 0x84000000
	$(POLICY_TOOL) explain configs/policy-example.dts locked hvc 0x84000050

RUN_TARGET ?= run-demo
run: $(RUN_TARGET)
