#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
#
# Copyright (c) 2026 The tcpinc for FreeBSD project
#
# gen_vectors: writes the tcpcrypt known-answer files checked by
# build/bin/tcpcrypt-kat (format in README.md beside this file), from the
# independent implementation in tcpcrypt_ref.py.  Everything comes from a
# fixed seed, so running it again must give byte-identical files (make test
# checks that).  Every case is checked here before it is written: ES equal
# from both sides, each frame opens again, bit flips fail, invalid keys
# rejected.
#
# Usage: gen_vectors.py [--out DIR]     write the files (default: this dir)
#        gen_vectors.py --check         fresh generation == checked-in files?
#        gen_vectors.py --self-test     published vectors + consistency checks

import argparse
import json
import os
import struct
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

import tcpcrypt_ref as ref

SEED = b"tcpinc-for-freebsd tcpcrypt vectors v1"
U64 = 1 << 64

P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
P256_P = 2**256 - 2**224 + 2**192 + 2**96 - 1
P521_N = int("01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
             "ffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e9138"
             "6409", 16)
P521_P = 2**521 - 1
X25519_P = 2**255 - 19
X448_P = 2**448 - 2**224 - 1


class Drbg:
    """SHA-256 in counter mode over (SEED, label): each case draws from its
    own stream, so adding a case never changes the bytes of another."""

    def __init__(self, label):
        self.key = SEED + b"/" + label.encode()
        self.counter = 0
        self.pool = b""

    def bytes(self, n):
        while len(self.pool) < n:
            h = hashes.Hash(hashes.SHA256())
            h.update(self.key + struct.pack(">Q", self.counter))
            self.pool += h.finalize()
            self.counter += 1
        out, self.pool = self.pool[:n], self.pool[n:]
        return out

    def below(self, bound):
        """Uniform-enough integer in [0, bound) (bias < 2^-64)."""
        nbytes = (bound.bit_length() + 64 + 7) // 8
        return int.from_bytes(self.bytes(nbytes), "big") % bound


def private_scalar(tep, rng):
    """A valid private key for the TEP: raw bytes for X25519 / X448 (the
    function clamps), a big-endian scalar in [1, n-1] for NIST curves."""
    if tep == ref.TEP_P256:
        return (1 + rng.below(P256_N - 1)).to_bytes(32, "big")
    if tep == ref.TEP_P521:
        return (1 + rng.below(P521_N - 1)).to_bytes(66, "big")
    return rng.bytes(ref.privkey_len(tep))


def hx(b):
    return b.hex()


# --- fresh key exchange cases ----------------------------------------------

def make_transcript(tep, variant):
    """A's and B's SYN-form ENO options (RFC 8547 4.2-4.5).  B, the passive
    opener, always sends a global suboption with b = 1 and answers with the
    one TEP it picked (v = 0: fresh key exchange)."""
    others = [t for t in ref.TEPS if t != tep]
    if variant == 0:
        a = bytes(others[:1] + [tep])           # no global suboption: 0x00
        b = bytes([0x01, tep])
    elif variant == 1:
        a = bytes([0x02] + others + [tep])      # a = 1, b = 0
        b = bytes([0x03, tep])
    else:
        a = bytes([0x00, tep] + others[1:])     # the TEP is not A's last
        b = bytes([0x01, tep])
    return ref.eno_transcript(ref.eno_option(a), ref.eno_option(b))


def cipher_list(aead, variant):
    others = [c for c in sorted(ref.AEADS) if c != aead]
    if variant == 0:
        return [aead]
    if variant == 1:
        return others + [aead]
    return [aead] + others[:1]


def frame_entry(aead, keys, direction, gen, offset, control, flags, urgent,
                data, open_only=False):
    k_ab, k_ba = keys[gen]
    key = k_ab if direction == "ab" else k_ba
    wire = ref.seal(aead, key, offset, control, flags, urgent, data)
    got = ref.open_frame(aead, key, offset, wire)
    assert got == (control, flags, urgent if flags & ref.FLAG_URGP else None,
                   data)
    check_flips(aead, key, offset, wire)
    e = {"dir": direction, "gen": gen, "offset": offset, "control": control,
         "flags": flags}
    if flags & ref.FLAG_URGP:
        e["urgent"] = urgent
    e["data"] = hx(data)
    e["wire"] = hx(wire)
    if open_only:
        e["open_only"] = True
    return e


def reserved_bit_frames(aead, keys, rng):
    """Frames with the reserved cres / fres bits set, as a future sender
    might make them: a receiver MUST ignore those bits (RFC 8548 4.2,
    4.2.1), so they must open; this project's sender never sets them, so
    they are only opened, not sealed ("open_only")."""
    return [frame_entry(aead, keys, "ab", 0, 5000, 0x80, 0x04, 0,
                        rng.bytes(10), open_only=True),
            frame_entry(aead, keys, "ba", len(keys) - 1, 7000, 0xFF, 0xFE, 5,
                        rng.bytes(3), open_only=True)]


def check_flips(aead, key, offset, wire):
    """Single-bit flips must fail to open: every bit of short frames, the
    header, the first and last bytes of long ones."""
    if len(wire) <= 64:
        positions = range(len(wire))
    else:
        positions = list(range(8)) + list(range(len(wire) - 8, len(wire)))
    for pos in positions:
        for bit in range(8):
            bad = bytearray(wire)
            bad[pos] ^= 1 << bit
            try:
                ref.open_frame(aead, key, offset, bytes(bad))
            except ref.FrameError:
                continue
            raise AssertionError("flip at %d.%d opened" % (pos, bit))


def stream_frames(aead, keys, rng, direction, start, gens, last):
    """A run of frames in one direction, offsets following each other from
    `start` (PROTOCOL.md D4: Init1 / Init2 bytes count), the first frame of
    each new generation carrying rekey = 1 (RFC 8548 3.8), FINp on the last
    frame only (3.7); `last` is its (flags, urgent, size)."""
    first = [(0, 0, 0), (0, 0, 1), (ref.FLAG_URGP, 7, 40), (0, 0, 16)]
    later = [(0, 0, 255), (ref.FLAG_URGP, 0xFFFF, 33), (0, 0, 17)]
    out = []
    offset = start
    for gen in range(gens):
        shapes = first if gen == 0 else later[gen % 2:gen % 2 + 2]
        if gen == gens - 1:
            shapes = shapes + [last]
        for i, (flags, urgent, size) in enumerate(shapes):
            control = ref.CONTROL_REKEY if i == 0 and gen > 0 else 0
            e = frame_entry(aead, keys, direction, gen, offset, control,
                            flags, urgent, rng.bytes(size))
            out.append(e)
            offset += len(e["wire"]) // 2
    return out


def edge_offset_frames(aead, keys, rng):
    """Frames whose frame ID exercises all 8 offset bytes, up to a frame
    that ends exactly at byte 2^64 of the stream (RFC 8548 3.6)."""
    out = []
    cases = [("ab", 0, 2**32 - 1, 0, 0, 5), ("ba", 1, 2**32, 0, 0, 6),
             ("ab", 1, 2**63 - 1, 0, ref.FLAG_URGP, 9),
             ("ba", 0, 2**63, 0, 0, 17),
             ("ab", 2, U64 - 2**16 - 3, ref.CONTROL_REKEY, 0, 64)]
    for direction, gen, offset, control, flags, size in cases:
        gen %= len(keys)
        out.append(frame_entry(aead, keys, direction, gen, offset, control,
                               flags, 3, rng.bytes(size)))
    # Last frames before the offset would wrap: they end at 2^64 exactly.
    for direction, flags, size in (("ab", ref.FLAG_FINP, 24),
                                   ("ba", ref.FLAG_URGP | ref.FLAG_FINP, 0)):
        data = rng.bytes(size)
        wlen = ref.FRAME_HDR_LEN + 1 + (2 if flags & ref.FLAG_URGP else 0) \
            + size + ref.AEAD_TAG_LEN
        out.append(frame_entry(aead, keys, direction, 0, U64 - wlen, 0, flags,
                               1, data))
    return out


def fresh_case(name, tep, aead, rng, variant=0, ign1=0, ign2=0, sk_a=None,
               sk_b=None, gens=3, resumes=(), frames="stream"):
    sk_a = sk_a if sk_a is not None else private_scalar(tep, rng)
    sk_b = sk_b if sk_b is not None else private_scalar(tep, rng)
    n_a, n_b = rng.bytes(ref.N_A_LEN), rng.bytes(ref.N_B_LEN)
    pub_a, pub_b = ref.public_wire(tep, sk_a), ref.public_wire(tep, sk_b)
    es = ref.agree(tep, sk_a, pub_b)
    assert es == ref.agree(tep, sk_b, pub_a), "ES differs between A and B"
    transcript = make_transcript(tep, variant)
    m1 = ref.init1(cipher_list(aead, variant), n_a, pub_a, rng.bytes(ign1))
    m2 = ref.init2(aead, n_b, pub_b, rng.bytes(ign2))
    prk = ref.prk(n_a, transcript, m1, m2, es)
    n_ss = 1 + max([r[0] for r in resumes] + [1])
    ss = ref.ss_chain(prk, n_ss)
    mk = ref.mk_chain(ss[0], b"", gens)
    keys = [ref.traffic_keys(m, aead) for m in mk]
    case = {
        "name": name, "tep": tep, "aead": aead,
        "sk_a": hx(sk_a), "sk_b": hx(sk_b), "n_a": hx(n_a),
        "transcript": hx(transcript), "init1": hx(m1), "init2": hx(m2),
        "expect": {
            "pub_a": hx(pub_a), "pub_b": hx(pub_b), "es": hx(es),
            "ss": [hx(s) for s in ss],
            "sid": hx(ref.session_id(tep, ss[0], b"")),
            "mk": [hx(m) for m in mk],
            "k_ab": [hx(k[0]) for k in keys],
            "k_ba": [hx(k[1]) for k in keys],
        },
    }
    case["resume"] = [resume_entry(tep, aead, ss, i, rng.bytes(la),
                                   rng.bytes(lb)) for i, la, lb in resumes]
    if frames == "stream":
        case["frames"] = (
            stream_frames(aead, keys, rng, "ab", len(m1), gens,
                          (ref.FLAG_FINP, 0, 0))
            + stream_frames(aead, keys, rng, "ba", len(m2), gens,
                            (ref.FLAG_URGP | ref.FLAG_FINP, 2, 9))
            + edge_offset_frames(aead, keys, rng)
            + reserved_bit_frames(aead, keys, rng))
    elif frames == "max":
        case["frames"] = max_frames(aead, keys, rng)
    else:
        case["frames"] = []
    return case


def resume_entry(tep, aead, ss, i, nonce_a, nonce_b):
    """A resumed session from ss[i] (RFC 8548 3.5): sn[i] = nonce_a | nonce_b,
    the session ID's TEP byte always has v = 1."""
    sn = nonce_a + nonce_b
    mk0 = ref.mk_chain(ss[i], sn, 1)[0]
    k_ab0, k_ba0 = ref.traffic_keys(mk0, aead)
    return {"i": i, "nonce_a": hx(nonce_a), "nonce_b": hx(nonce_b),
            "expect": {"resume": hx(ref.resume_id(ss[i])),
                       "sid": hx(ref.session_id(tep | ref.ENO_V_BIT, ss[i],
                                                sn)),
                       "mk0": hx(mk0), "k_ab0": hx(k_ab0),
                       "k_ba0": hx(k_ba0)}}


def max_frames(aead, keys, rng):
    """The largest frame: ciphertext of 2^16 - 1 bytes (RFC 8548 3.6), with
    a different flags layout per AEAD to keep the file small."""
    top = ref.CLEN_MAX - ref.AEAD_TAG_LEN - 1
    if aead == ref.AEAD_AES_128_GCM:
        return [frame_entry(aead, keys, "ab", 0, 1000, 0, 0, 0,
                            rng.bytes(top))]
    if aead == ref.AEAD_AES_256_GCM:
        return [frame_entry(aead, keys, "ba", 1, 2**40 + 77,
                            ref.CONTROL_REKEY, ref.FLAG_URGP | ref.FLAG_FINP,
                            top - 2, rng.bytes(top - 2))]
    return [frame_entry(aead, keys, "ab", 1, U64 - ref.CLEN_MAX - 3,
                        ref.CONTROL_REKEY, ref.FLAG_FINP, 0, rng.bytes(top))]


STD_RESUMES = ((1, 8, 8), (2, 0, 0), (3, 3, 8), (4, 8, 0))


def tep_cases(tep):
    tn = ref.TEP_NAMES[tep]
    cases = []
    for v, aead in enumerate(sorted(ref.AEADS)):
        an = ref.AEAD_NAMES[aead]
        name = "%s-%s-fresh" % (tn, an)
        cases.append(fresh_case(name, tep, aead, Drbg(name), variant=v,
                                gens=4, resumes=STD_RESUMES))
        # Receivers skip bytes after Pub (RFC 8548 4.1), but they are part
        # of Init1 / Init2 "as transmitted", so they change PRK.
        name = "%s-%s-ignored" % (tn, an)
        rng = Drbg(name)
        cases.append(fresh_case(name, tep, aead, rng, variant=(v + 1) % 3,
                                ign1=1 + rng.below(40), ign2=1 + rng.below(40),
                                gens=2, resumes=((1, 8, 8),)))
    for name, sk_a, sk_b in edge_scalars(tep):
        cases.append(fresh_case(name, tep, ref.AEAD_AES_128_GCM, Drbg(name),
                                sk_a=sk_a, sk_b=sk_b, gens=2,
                                resumes=((1, 1, 1),)))
    return cases


def edge_scalars(tep):
    """Private keys at the edges: scalar 1 and n - 1 on NIST curves (Pub is
    G and -G), all-ones and all-zero raw keys for X25519 / X448 (clamping
    sets and clears the bits RFC 7748 5 names)."""
    tn = ref.TEP_NAMES[tep]
    if tep in (ref.TEP_P256, ref.TEP_P521):
        n, size = ((P256_N, 32) if tep == ref.TEP_P256 else (P521_N, 66))
        rng = Drbg(tn + "-edge-scalars")
        return [("%s-scalar-one" % tn, (1).to_bytes(size, "big"),
                 private_scalar(tep, rng)),
                ("%s-scalar-n-minus-1" % tn, (n - 1).to_bytes(size, "big"),
                 private_scalar(tep, rng))]
    size = ref.privkey_len(tep)
    rng = Drbg(tn + "-edge-scalars")
    return [("%s-scalar-all-ones" % tn, b"\xff" * size, rng.bytes(size)),
            ("%s-scalar-all-zero" % tn, rng.bytes(size), bytes(size))]


# --- invalid peer keys --------------------------------------------------

def le(value, size):
    return value.to_bytes(size, "little")


def invalid_raw_keys(tep):
    """X25519 / X448 public values whose shared secret is all-zero for every
    private key (RFC 7748 6, 7), plus wrong lengths."""
    if tep == ref.TEP_X25519:
        p, size = X25519_P, 32
        keys = [("u-zero", le(0, size)), ("u-one", le(1, size)),
                ("order8-a", bytes.fromhex(
                    "e0eb7a7c3b41b8ae1656e3faf19fc46a"
                    "da098deb9c32b1fd866205165f49b800")),
                ("order8-b", bytes.fromhex(
                    "5f9c95bca3508c24b1d0b1559c83ef5b"
                    "04445cc4581c8e86d8224eddd09f1157")),
                ("u-p-minus-1", le(p - 1, size)), ("u-p", le(p, size)),
                ("u-p-plus-1", le(p + 1, size)),
                # RFC 7748 5: the top bit is masked, so this is u = 0.
                ("u-zero-top-bit", le(1 << 255, size))]
    else:
        p, size = X448_P, 56
        keys = [("u-zero", le(0, size)), ("u-one", le(1, size)),
                ("u-p-minus-1", le(p - 1, size)), ("u-p", le(p, size)),
                ("u-p-plus-1", le(p + 1, size))]
    keys += [("short", bytes(range(1, size))),
             ("long", bytes(range(1, size + 2))), ("empty", b"")]
    return keys


def is_x_on_curve(tep, x, size):
    curve = ref.NIST_CURVES[tep][0]
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(
            curve, b"\x02" + x.to_bytes(size, "big"))
        return True
    except ValueError:
        return False


def invalid_nist_keys(tep):
    """P-256 / P-521 wire keys that IEEE 1363 A.16.10 or the section 5
    encoding rejects."""
    p, size = (P256_P, 32) if tep == ref.TEP_P256 else (P521_P, 66)
    wl = 3 + size
    rng = Drbg(ref.TEP_NAMES[tep] + "-invalid")
    x = rng.below(p)
    while is_x_on_curve(tep, x, size):
        x = rng.below(p)
    good_x = 1
    while not is_x_on_curve(tep, good_x, size):
        good_x += 1
    good = ref.public_wire(tep, private_scalar(tep, rng))
    pfx = struct.pack(">H", wl)
    uncompressed = ec.EllipticCurvePublicKey.from_encoded_point(
        ref.NIST_CURVES[tep][0], good[2:]).public_bytes(
        ref.Encoding.X962, ref.PublicFormat.UncompressedPoint)
    keys = [("x-not-on-curve", pfx + b"\x02" + x.to_bytes(size, "big")),
            ("x-not-on-curve-odd", pfx + b"\x03" + x.to_bytes(size, "big")),
            # x + p names an on-curve x, but is not in [0, p - 1].
            ("x-plus-p", pfx + b"\x02" + (good_x + p).to_bytes(size, "big")),
            ("x-equals-p", pfx + b"\x02" + p.to_bytes(size, "big")),
            ("tag-04", pfx + b"\x04" + good[3:]),
            ("tag-00", pfx + b"\x00" + good[3:]),
            ("tag-01", pfx + b"\x01" + good[3:]),
            ("prefix-short", struct.pack(">H", wl - 1) + good[2:]),
            ("prefix-long", struct.pack(">H", wl + 1) + good[2:]),
            ("prefix-point-only", struct.pack(">H", wl - 2) + good[2:]),
            ("truncated", struct.pack(">H", wl - 1) + good[2:-1]),
            ("trailing-byte", struct.pack(">H", wl + 1) + good[2:] + b"\x00"),
            ("uncompressed", struct.pack(">H", 2 + len(uncompressed))
             + uncompressed),
            ("infinity", struct.pack(">H", 3) + b"\x00"),
            ("empty", b"")]
    return keys


def invalid_cases():
    cases = []
    for tep in ref.TEPS:
        tn = ref.TEP_NAMES[tep]
        if tep in (ref.TEP_X25519, ref.TEP_X448):
            keys = invalid_raw_keys(tep)
        else:
            keys = invalid_nist_keys(tep)
        for label, bad in keys:
            name = "%s-invalid-%s" % (tn, label)
            rng = Drbg(name)
            sk_a = private_scalar(tep, rng)
            try:
                ref.agree(tep, sk_a, bad)
            except ref.InvalidPublicKey:
                pass
            else:
                raise AssertionError(name + ": key accepted")
            n_a, n_b = rng.bytes(32), rng.bytes(32)
            cases.append({
                "name": name, "tep": tep, "aead": ref.AEAD_AES_128_GCM,
                "sk_a": hx(sk_a), "n_a": hx(n_a),
                "transcript": hx(make_transcript(tep, 0)),
                "init1": hx(ref.init1([ref.AEAD_AES_128_GCM], n_a,
                                      ref.public_wire(tep, sk_a))),
                "init2": hx(ref.init2(ref.AEAD_AES_128_GCM, n_b, bad)),
                "pub_b_override": hx(bad),
                "expect": {"error": "invalid_public_key"}})
    return cases


def max_frame_cases():
    cases = []
    for aead in sorted(ref.AEADS):
        name = "x25519-%s-max-frames" % ref.AEAD_NAMES[aead]
        cases.append(fresh_case(name, ref.TEP_X25519, aead, Drbg(name),
                                gens=2, resumes=((1, 8, 8),), frames="max"))
    return cases


def all_files():
    files = {}
    for tep in ref.TEPS:
        files["tcpcrypt_%s.json" % ref.TEP_NAMES[tep]] = tep_cases(tep)
    files["tcpcrypt_invalid_keys.json"] = invalid_cases()
    files["tcpcrypt_max_frames.json"] = max_frame_cases()
    return files


def rendered_files():
    """File name -> exact text; one JSON array of cases per file."""
    out = {}
    for fname, cases in sorted(all_files().items()):
        names = [c["name"] for c in cases]
        assert len(names) == len(set(names)), "duplicate case name"
        out[fname] = json.dumps(cases, indent=1) + "\n"
    return out


def write_files(outdir):
    os.makedirs(outdir, exist_ok=True)
    for fname, text in rendered_files().items():
        with open(os.path.join(outdir, fname), "w") as f:
            f.write(text)
        print("%s: %d bytes" % (fname, len(text)))


def check_files(indir):
    """Regenerate in memory and compare byte for byte with the checked-in
    files; a checked-in tcpcrypt_*.json the generator no longer makes fails
    too, so stale vectors cannot linger."""
    want = rendered_files()
    have = sorted(f for f in os.listdir(indir)
                  if f.startswith("tcpcrypt_") and f.endswith(".json"))
    passed = failed = 0
    for fname in sorted(set(want) | set(have)):
        path = os.path.join(indir, fname)
        if fname not in want:
            verdict = "not produced by the generator (stale)"
        elif not os.path.exists(path):
            verdict = "missing (run gen_vectors.py)"
        else:
            with open(path) as f:
                verdict = "identical" if f.read() == want[fname] else \
                    "differs from a fresh generation"
        ok = verdict == "identical"
        passed, failed = passed + ok, failed + (not ok)
        print("%s %s: %s" % ("ok  " if ok else "FAIL", fname, verdict))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


# --- self test: published vectors through this implementation ---------------

def self_test():
    checks = []

    def check(name, ok):
        checks.append(ok)
        print("%s %s" % ("ok  " if ok else "FAIL", name))

    # RFC 5869 A.1 and A.3 (SHA-256).
    ikm = bytes([0x0B] * 22)
    prk = ref.extract(bytes(range(13)), ikm)
    check("rfc5869-a1-prk", prk.hex() == "077709362c2e32df0ddc3f0dc47bba63"
          "90b6c73bb50f9c3122ec844ad7c2b3e5")
    check("rfc5869-a1-okm", ref.cprf(prk, bytes(range(0xF0, 0xFA)), 42).hex()
          == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
          "34007208d5b887185865")
    prk = ref.extract(b"", ikm)
    check("rfc5869-a3-prk", prk.hex() == "19ef24a32c717b167f33a91d6f648bdf"
          "96596776afdb6377ac434c1c293ccb04")
    check("rfc5869-a3-okm", ref.cprf(prk, b"", 42).hex() ==
          "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
          "9d201395faa4b61a96c8")
    # CPRF against cryptography's own HKDF-Expand, many lengths.
    rng = Drbg("self-test")
    ok = True
    for n in (1, 18, 31, 32, 33, 44, 64, 65, 200):
        key, info = rng.bytes(32), rng.bytes(n % 17)
        want = HKDFExpand(hashes.SHA256(), n, info).derive(key)
        ok = ok and ref.cprf(key, info, n) == want
    check("cprf-matches-hkdf-expand", ok)
    # RFC 7748 6.1 (X25519 Diffie-Hellman).
    a = bytes.fromhex("77076d0a7318a57d3c16c17251b26645"
                      "df4c2f87ebc0992ab177fba51db92c2a")
    b = bytes.fromhex("5dab087e624a8a4b79e17f8b83800ee6"
                      "6f3bb1292618b6fd1c2f8b27ff88e0eb")
    pa, pb = ref.public_wire(ref.TEP_X25519, a), ref.public_wire(
        ref.TEP_X25519, b)
    check("rfc7748-6.1-pub-a", pa.hex() == "8520f0098930a754748b7ddcb43ef75a"
          "0dbf3a0d26381af4eba4a98eaa9b4e6a")
    check("rfc7748-6.1-pub-b", pb.hex() == "de9edb7d7b7dc1b4d35b61c2ece43537"
          "3f8343c85b78674dadfc7e146f882b4f")
    check("rfc7748-6.1-shared", ref.agree(ref.TEP_X25519, a, pb).hex() ==
          "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
    # P-256: scalar 1 gives G, compressed with the u16be length prefix.
    check("p256-scalar-one-is-G",
          ref.public_wire(ref.TEP_P256, (1).to_bytes(32, "big")).hex() ==
          "002303" "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945"
          "d898c296")
    # Frame nonce: frame ID XOR NR, offset in the last 8 bytes.
    check("frame-nonce", ref.frame_nonce(bytes(range(12)), 0x0102).hex() ==
          "000102030405060708090b09")
    # Generation itself asserts every case (ES both ways, open, flips).
    try:
        files = all_files()
        check("generate-all-files (%d cases)" %
              sum(len(c) for c in files.values()), True)
    except AssertionError as e:
        check("generate-all-files: %s" % e, False)
    passed = sum(1 for c in checks if c)
    print("%d passed, %d failed" % (passed, len(checks) - passed))
    return 0 if passed == len(checks) else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(
        __file__)))
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--check", action="store_true",
                    help="compare a fresh generation with the files in --out")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    if args.check:
        return check_files(args.out)
    write_files(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
