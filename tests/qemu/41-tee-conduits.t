#!/bin/sh
# OP-TEE mediation over both conduits (guests/tee-client,
# tests/qemu/configs/tee-conduits.dts): `ts` routes OP-TEE over SMC only,
# `th` over HVC only, `tb` over both, `tn` has no TEE rule. Each OP-TEE
# domain checks its /firmware/optee method, Linux's probe sequence
# answered by the mediator alone, -1 for every OP-TEE call on the conduit
# it does not route, a session with values and a call sleeping in every
# RPC kind (on `tb`, answered over the other conduit), and that the
# firmware saw exactly its std calls and RPC returns. `tn` gets -1 for
# every OP-TEE call on both conduits and no /firmware/optee.
# The test TEE's log must show exactly those calls per client (three
# OP-TEE domains: one call in flight each), none from client 4 (whose
# firmware calls are all SiP), and each client created and destroyed once.
cd "$(dirname "$0")/../.." || exit 1
exec tests/qemu/scenario --domain ts:1 --domain th:1 --domain tb:1 --domain tn:1 \
	--expect '^\[ts\] tee-client: failures=0$' \
	--expect '^\[th\] tee-client: failures=0$' \
	--expect '^\[tb\] tee-client: failures=0$' \
	--expect '^\[tn\] tee-client: failures=0$' \
	--expect '^\[fw\] tee calls by client \(all/std/rpc\): 0=\d+/0/0 1=17/9/8 2=17/9/8 3=34/18/16$' \
	--expect '^\[fw\] tee vm events: \+1 \+2 \+3 (?=.*-1)(?=.*-2)(?=.*-3)-\d -\d -\d$' \
	--expect '^\[fw\] calls by client \(all/sip\): .* 4=(\d+)/\1$' \
	--expect '^\[arbiter\] all domains are off' \
	--expect '^\[fw\] SYSTEM_OFF: powering off' \
	-- --firmware arbiter --timeout 60 tests/qemu/configs/tee-conduits.dts
