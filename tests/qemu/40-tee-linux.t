#!/usr/bin/env python3
"""OP-TEE mediation for unmodified Linux (issue 8), on our EL3 firmware.

`lt` routes OP-TEE's calls to the mediator: Debian's optee driver must
probe with dynamic shared memory, optee-rng must feed /dev/hwrng, and the
user-space client guests/linux/tee-test (TEE_IOC_* on /dev/tee0) must pass
every check: values, registered user buffers (REGISTER_SHM page lists and
RMEM parameters), a call sleeping in every RPC kind with a 16 KiB
contiguous kernel buffer, four processes at once. `lt` reboots once: the
test TEE must see its client created, destroyed, created and destroyed
again (+3 -3 +3 -3) and the second boot must work as the first. `ln`
beside it has no TEE rule: no optee node, and the secure side never hears
of client 4.
"""
import os
import re
import subprocess
import sys

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
os.chdir(TOP)
if not (os.path.isfile("build/linux/Image") and
        os.path.isfile("build/linux/initramfs.cpio.gz")):
    print("1..0 # SKIP Linux guest not built (make linux-guest)")
    sys.exit(0)

run = subprocess.run(["tools/arbiter-run", "--firmware", "arbiter",
                      "--smp", "3", "--ram", "2G", "--timeout", "240",
                      "tests/qemu/configs/tee-linux.dts"],
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                     text=True, errors="replace")
lines = run.stdout.splitlines()
for l in lines:
    if re.search(r"tee|optee|linux-test: (start|hwrng|poweroff|reboot)", l):
        print("# " + l)

checks = []


def ok(cond, what):
    checks.append((bool(cond), what))


def count(rx):
    r = re.compile(rx)
    return sum(1 for l in lines if r.search(l))


ok(count(r"^\[arbiter\] tee optee: secure side found") == 1,
   "the hypervisor probed the secure side")
ok(count(r"^\[lt\] .*optee: dynamic shared memory is enabled") == 2,
   "lt: optee bound with dynamic shared memory on both boots")
ok(count(r"^\[lt\] .*optee: initialized driver") == 2,
   "lt: optee driver initialized on both boots")
ok(count(r"^\[lt\] linux-test: hwrng optee-rng$") == 2,
   "lt: optee-rng is the hwrng on both boots")
ok(count(r"^\[lt\] linux-test: hwrng bytes [0-9a-f]{32}$") == 2,
   "lt: 16 bytes from /dev/hwrng on both boots")
ok(count(r"^\[lt\] linux-test: tee: /dev/tee0 present, on the TEE bus: .*"
         r"optee-ta-ab7a617c-b8e7-4d8f-8301-d09b61036b64") == 2,
   "lt: /dev/tee0, and the RNG pseudo-TA's device on the TEE bus, both boots")
ok(all(len(set(m.group(1))) > 1 for m in
       (re.search(r"hwrng bytes ([0-9a-f]{32})$", l) for l in lines
        if l.startswith("[lt] linux-test: hwrng bytes")) if m),
   "lt: the hwrng bytes are not all equal")
ok(count(r"^\[ln\] linux-test: tee: no /dev/tee0$") == 1,
   "ln: no /dev/tee0")
ok(count(r"^\[lt\] tee-test: ok ") == 18 and
   count(r"^\[lt\] tee-test: FAIL") == 0,
   "lt: every tee-test check passed on both boots (9 each)")
ok(count(r"^\[lt\] tee-test: done checks=9 failures=0$") == 2,
   "lt: tee-test completed twice")
ok(count(r"^\[lt\] tee-test: ok a call that sleeps in RPCs .*16384-byte") == 2,
   "lt: a 16 KiB contiguous kernel SHM_ALLOC reply was mediated")
ok(count(r"^\[arbiter\] domain lt reset") == 1, "lt rebooted once")
ok(count(r"^\[ln\] .*optee") == 0, "ln: no optee node, no optee driver")
ok(count(r"^\[ln\] linux-test: hwrng smccc_trng") == 1,
   "ln: its hwrng is the SMCCC TRNG")
ok(count(r"^\[arbiter\] domain ln: calls emulated [1-9][0-9]* forwarded 0 "
         r"tee 0 ") == 1, "ln: no call reached a mediator")
ok(count(r"^\[arbiter\] domain lt: calls emulated [0-9]+ forwarded 0 "
         r"tee [1-9][0-9]* ") == 1, "lt: its TEE calls were mediated")
ok(count(r"^\[fw\] tee calls by client \(all/std/rpc\): 0=[1-9][0-9]*/0/0 "
         r"3=[1-9][0-9]*/[1-9][0-9]*/[1-9][0-9]*$") == 1,
   "the test TEE saw the hypervisor's fast calls and client 3 only")
ok(count(r"^\[fw\] tee vm events: \+3 -3 \+3 -3$") == 1,
   "the test TEE saw lt created, destroyed, created, destroyed")
ok(count(r"^\[arbiter\] all domains are off") == 1 and run.returncode == 0,
   "both powered off; the run ended cleanly (exit %d)" % run.returncode)

print("1..%d" % len(checks))
for i, (c, what) in enumerate(checks, 1):
    print("%sok %d - %s" % ("" if c else "not ", i, what))
