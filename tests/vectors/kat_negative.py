#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
#
# Copyright (c) 2026 The tcpinc for FreeBSD project
#
# kat_negative: shows that build/bin/tcpcrypt-kat really checks what it
# claims.  For each kind of corruption (one expected value, one input, one
# frame field) it writes a file holding the corrupted case and an untouched
# one, runs the runner on it and requires: exit status non-zero, the
# corrupted case reported "FAIL", the untouched one "ok", and the closing
# line "1 passed, 1 failed".
#
# Usage: kat_negative.py RUNNER VECTOR_DIR WORK_DIR

import copy
import json
import os
import subprocess
import sys


def flip_hex(s):
    """Change one hex digit in the middle of a non-empty hex string."""
    if not s:
        return "00"
    i = len(s) // 2
    return s[:i] + format(int(s[i], 16) ^ 1, "x") + s[i + 1:]


def first_frame(case, pred):
    for i, f in enumerate(case["frames"]):
        if pred(f):
            return i
    raise LookupError("no such frame in " + case["name"])


def corruptions(fresh, p256, invalid, valid_pub):
    """(label, base case, function that corrupts a deep copy in place)."""
    urg = first_frame(fresh, lambda f: "urgent" in f)
    big = first_frame(fresh, lambda f: len(f["data"]) >= 32)
    ro = first_frame(fresh, lambda f: f.get("open_only", False))

    def fr(i, key, fn):
        return lambda c: c["frames"][i].__setitem__(key,
                                                    fn(c["frames"][i][key]))

    def ex(key, idx=None):
        if idx is None:
            return lambda c: c["expect"].__setitem__(
                key, flip_hex(c["expect"][key]))
        return lambda c: c["expect"][key].__setitem__(
            idx, flip_hex(c["expect"][key][idx]))

    def rs(i, key):
        return lambda c: c["resume"][i]["expect"].__setitem__(
            key, flip_hex(c["resume"][i]["expect"][key]))

    return [
        ("pub_a", fresh, ex("pub_a")), ("pub_b", fresh, ex("pub_b")),
        ("es", fresh, ex("es")), ("ss-last", fresh, ex("ss", -1)),
        ("sid", fresh, ex("sid")), ("mk-2", fresh, ex("mk", 2)),
        ("k_ab-1", fresh, ex("k_ab", 1)), ("k_ba-3", fresh, ex("k_ba", 3)),
        ("resume-id", fresh, rs(0, "resume")),
        ("resume-sid", fresh, rs(1, "sid")),
        ("resume-mk0", fresh, rs(2, "mk0")),
        ("resume-k_ab0", fresh, rs(3, "k_ab0")),
        ("resume-k_ba0", fresh, rs(0, "k_ba0")),
        ("resume-nonce", fresh, lambda c: c["resume"][0].__setitem__(
            "nonce_a", flip_hex(c["resume"][0]["nonce_a"]))),
        ("frame-wire", fresh, fr(big, "wire", flip_hex)),
        ("frame-data", fresh, fr(big, "data", flip_hex)),
        ("frame-flags", fresh, fr(big, "flags", lambda v: v ^ 1)),
        ("frame-urgent", fresh, fr(urg, "urgent", lambda v: v ^ 0x100)),
        ("frame-offset", fresh, fr(big, "offset", lambda v: v + 1)),
        ("frame-gen", fresh, fr(big, "gen", lambda v: v ^ 1)),
        ("frame-dir", fresh, fr(big, "dir",
                                lambda v: "ba" if v == "ab" else "ab")),
        ("frame-control", fresh, fr(big, "control", lambda v: v ^ 1)),
        ("open-only-frame-flags", fresh, fr(ro, "flags", lambda v: v ^ 0x80)),
        ("open-only-frame-wire", fresh, fr(ro, "wire", flip_hex)),
        ("init1", fresh, lambda c: c.__setitem__("init1",
                                                 flip_hex(c["init1"]))),
        ("init2", fresh, lambda c: c.__setitem__("init2",
                                                 flip_hex(c["init2"]))),
        ("transcript", fresh, lambda c: c.__setitem__(
            "transcript", flip_hex(c["transcript"]))),
        ("n_a", fresh, lambda c: c.__setitem__("n_a", flip_hex(c["n_a"]))),
        ("p256-sk_a", p256, lambda c: c.__setitem__("sk_a",
                                                    flip_hex(c["sk_a"]))),
        ("invalid-key-now-valid", invalid,
         lambda c: c.__setitem__("pub_b_override", valid_pub)),
        ("invalid-key-other-error", invalid,
         lambda c: c["expect"].__setitem__("error", "bad_length")),
    ]


def run_one(runner, workdir, label, base, fn):
    bad = copy.deepcopy(base)
    fn(bad)
    bad["name"] = "corrupted-" + label
    good = copy.deepcopy(base)
    path = os.path.join(workdir, "negative-%s.json" % label)
    with open(path, "w") as f:
        json.dump([bad, good], f, indent=1)
    p = subprocess.run([runner, path], capture_output=True, text=True)
    lines = p.stdout.splitlines()
    why = []
    if p.returncode == 0:
        why.append("exit status 0")
    if not any(ln.startswith("FAIL " + bad["name"]) for ln in lines):
        why.append("corrupted case not reported FAIL")
    if not any(ln.startswith("ok   " + good["name"]) for ln in lines):
        why.append("untouched case not ok")
    if not lines or lines[-1] != "1 passed, 1 failed":
        why.append("last line %r" % (lines[-1] if lines else ""))
    return why


def main():
    runner, vdir, workdir = sys.argv[1:4]
    os.makedirs(workdir, exist_ok=True)

    def load(name):
        with open(os.path.join(vdir, name)) as f:
            return {c["name"]: c for c in json.load(f)}

    x = load("tcpcrypt_x25519.json")
    fresh = x["x25519-aes128gcm-fresh"]
    p256 = load("tcpcrypt_p256.json")["p256-aes128gcm-fresh"]
    invalid = load("tcpcrypt_invalid_keys.json")["x25519-invalid-u-zero"]
    valid_pub = fresh["expect"]["pub_b"]
    passed = failed = 0
    for label, base, fn in corruptions(fresh, p256, invalid, valid_pub):
        why = run_one(runner, workdir, label, base, fn)
        if why:
            failed += 1
            print("FAIL %s: %s" % (label, "; ".join(why)))
        else:
            passed += 1
            print("ok   %s: reported as failed" % label)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
