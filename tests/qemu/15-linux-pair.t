#!/usr/bin/env python3
"""Two Linux domains, different policies, one rebooting (issue 5).

`la` reboots once (SYSTEM_RESET through PSCI) while `lb` keeps counting;
both power off. Checks, as TAP: each domain's PSCI and SMCCC versions, CPU
hotplug in `la`, TRNG through hwrng in `la` and none in `lb` (its policy
denies TRNG), `la` booting twice with its first boot's log found in pstore
on the second, `lb` ticking while `la` was being reset, and a clean end.
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

run = subprocess.run(["tools/arbiter-run", "--smp", "3", "--ram", "2G",
                      "--timeout", "240", "tests/qemu/configs/linux-pair.dts"],
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                     text=True, errors="replace")
lines = run.stdout.splitlines()
for l in lines:
    if "linux-test" in l or l.startswith("[arbiter]"):
        print("# " + l)

checks = []


def ok(cond, what):
    checks.append((bool(cond), what))


def find(rx, start=0):
    r = re.compile(rx)
    for i in range(start, len(lines)):
        if r.search(lines[i]):
            return i
    return -1


def count(rx):
    r = re.compile(rx)
    return sum(1 for l in lines if r.search(l))


for d in ("la", "lb"):
    ok(find(r"^\[%s\] linux-test: dmesg: .*psci: PSCIv1\.3 detected" % d) >= 0,
       "%s: Linux found PSCI 1.3" % d)
    ok(find(r"^\[%s\] linux-test: dmesg: .*SMC Calling Convention v1\.3" % d)
       >= 0, "%s: Linux found SMCCC 1.3" % d)
ok(find(r"^\[la\] linux-test: cpu1 online again: 0-1") >= 0,
   "la: CPU 1 offline and online again through PSCI")
ok(find(r"^\[la\] linux-test: hwrng smccc_trng") >= 0,
   "la: /dev/hwrng served by the SMCCC TRNG")
ok(find(r"^\[lb\] linux-test: no hwrng") >= 0,
   "lb: no TRNG (its policy denies it)")
ok(count(r"^\[la\] linux-test: start") == 2, "la booted twice")
reset = find(r"^\[arbiter\] domain la reset")
second = find(r"^\[la\] linux-test: start", find(r"^\[la\] linux-test: start") + 1)
ok(reset >= 0, "la was reset by its own reboot")
ok(find(r"^\[la\] linux-test: second boot: the first boot's log is in pstore")
   >= 0, "la's second boot found its first boot's log (RAM kept across reset)")
ok(reset >= 0 and second > reset and
   any(re.search(r"^\[lb\] linux-test: tick", l) for l in lines[reset:second]),
   "lb kept counting while la rebooted")
ok(find(r"^\[lb\] linux-test: tick 45$") >= 0, "lb counted to the end")
ok(find(r"^\[arbiter\] all domains are off") >= 0 and run.returncode == 0,
   "both powered off; the run ended cleanly (exit %d)" % run.returncode)

print("1..%d" % len(checks))
for i, (c, what) in enumerate(checks, 1):
    print("%sok %d - %s" % ("" if c else "not ", i, what))
