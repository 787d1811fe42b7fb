#!/usr/bin/env python3
# Regenerate the seed corpora. tests/fuzz/corpus (fuzz_router): one input
# per configuration template of common.c (x two firmware models), and two
# with random rules. tests/fuzz/corpus-trap (fuzz_trap): the same templates
# with no calls at all: fuzz_trap draws its calls past the input's end from
# a generator seeded by the input. The byte layout follows LLVMFuzzerTestOneInput() and build_domain():
#   fw flags, template, extra rules, id (2 bytes), ncpus, imm, suspend format,
#   on-agent-absent, [template 3: monitor conduit], rules..., monitor byte,
#   then calls (op, flags, x0 choice, args choice, time step, ...).
import os
import random

random.seed(2026)
d = os.path.join(os.path.dirname(__file__), 'corpus')
os.makedirs(d, exist_ok=True)
for f in os.listdir(d):
    os.remove(os.path.join(d, f))


def call_builtin(idx, flags=0x00, args=0):
    return bytes([0x01, flags, 0x00, idx, args, 0x01])


def call_echo(flags=0x04):
    return bytes([0x01, flags, 0x03, 0x10, 0x01])


for t in range(5):
    for variant in range(2):
        fw = 0x01 if variant == 0 else 0x0e
        hdr = [fw, t, 0, 0x05, 0x00, 0x03, variant, 1, variant]
        if t == 3:
            hdr.append(variant)
        hdr.append(0x00)
        body = b''
        for i in range(0, 43, 3):
            body += call_builtin(i, flags=(0x20 if i % 2 else 0x04) | (i & 3))
        body += call_echo()
        body += call_echo(flags=0x20)
        body += bytes(random.getrandbits(8) for _ in range(64))
        with open(os.path.join(d, f'template{t}-{variant}'), 'wb') as f:
            f.write(bytes(hdr) + body)
for k in range(2):
    hdr = [0x01, 1, 7, 0x34, 0x12, 0x03, 0, 1, 1]
    for r in range(7):
        hdr += [r % 4, (r * 3) % 5, 1 + r % 3, r * 3, 0x10, 0x00]
        if r % 4 == 0:
            hdr += [r % 15]
        if r % 4 == 2:
            hdr += [0x40, 0x00]
        if r % 4 == 3:
            hdr += [0x00, 0x01, 0x00, 0x00]
        hdr += [r & 1]
    hdr += [0x00]
    body = bytes(random.getrandbits(8) for _ in range(200))
    with open(os.path.join(d, f'rules-{k}'), 'wb') as f:
        f.write(bytes(hdr) + body)

t = os.path.join(os.path.dirname(__file__), 'corpus-trap')
os.makedirs(t, exist_ok=True)
for f in os.listdir(t):
    os.remove(os.path.join(t, f))
for tmpl in range(5):
    for variant in range(2):
        # fw flags (TRNG; or SMCCC 1.0, no SOC_ID, TRNG and entropy failing,
        # one CPU_ON failing), template, no extra rules, id, 4 vCPUs, ...
        fw = 0x01 if variant == 0 else 0x3f
        hdr = [fw, tmpl, 0, 0x05 + tmpl, 0x00, 0x03, variant, 1, variant]
        if tmpl == 3:
            hdr.append(variant)
        hdr.append(0x00)
        with open(os.path.join(t, f'template{tmpl}-{variant}'), 'wb') as f:
            f.write(bytes(hdr))
