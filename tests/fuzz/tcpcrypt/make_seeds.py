#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Seed inputs for the tcpcrypt libFuzzer targets (RFC 8548 4.1, 4.2, 3.5).

Writes a few well-formed inputs per target so that short runs start past
the magic numbers: valid Init1 / Init2 messages for every TEP (with real
public keys: the curve base points), frame scripts, ENO options holding
tcpcrypt suboptions.  Usage: make_seeds.py OUTDIR
"""
import os
import struct
import sys

INIT1_MAGIC = 0x15101A0E
INIT2_MAGIC = 0x097105E0
# Wire public keys (RFC 8548 5): base points of each curve.
P256_G = bytes.fromhex(
    "036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296")
P521_G = bytes.fromhex(
    "0200c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dba"
    "a14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66")
PUB = {
    0x21: struct.pack(">H", 35) + P256_G,
    0x22: struct.pack(">H", 69) + P521_G,
    0x23: bytes([9]) + bytes(31),
    0x24: bytes([5]) + bytes(55),
}


def init1(tep, ciphers=(1, 2, 0x10), extra=b""):
    body = bytes([len(ciphers)]) + b"".join(struct.pack(">H", c)
                                            for c in ciphers)
    body += bytes(range(32)) + PUB[tep] + extra
    return struct.pack(">II", INIT1_MAGIC, 8 + len(body)) + body


def init2(tep, cipher=1, extra=b""):
    body = struct.pack(">H", cipher) + bytes(range(32, 64)) + PUB[tep] + extra
    return struct.pack(">II", INIT2_MAGIC, 8 + len(body)) + body


def write(outdir, name, data):
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(data)


def main():
    out = sys.argv[1]
    for idx, tep in enumerate((0x21, 0x22, 0x23, 0x24)):
        # byte 0: bit 0 = A receives Init2, bits 1-2 = TEP; byte 1: frags.
        write(out + "/init", "init1-%02x" % tep,
              bytes([idx << 1, 7]) + init1(tep))
        write(out + "/init", "init1-extra-%02x" % tep,
              bytes([idx << 1, 3]) + init1(tep, (0x10,), b"\xee" * 9))
        write(out + "/init", "init2-%02x" % tep,
              bytes([(idx << 1) | 1, 5]) + init2(tep))
    # Frame scripts: mode bit, then (op, arg) steps; see fuzz_tcpcrypt_frame.
    write(out + "/frame", "script-data", bytes([1, 7, 9, 0, 5, 1, 2, 3, 4,
          5, 6, 7, 8, 9, 5, 40, 0x85, 40, 2, 0, 0, 3, 0xaa, 0xbb, 0xcc, 7, 1,
          4, 0, 0x84, 0, 7, 3]))
    write(out + "/frame", "script-urgent", bytes([3, 1, 4, 0x41, 0x42, 0x43,
          0x44, 7, 0, 3, 0, 0x83, 0, 7, 5]))
    write(out + "/frame", "raw-frame", bytes([0, 0, 0, 20]) + bytes(20))
    # Resumption: path byte, then offer / answer data or ENO contents.
    write(out + "/resume", "offer", bytes([0]) + bytes(range(17)))
    write(out + "/resume", "answer", bytes([1]) + bytes(range(9)))
    write(out + "/resume", "syn", bytes([2, 0x21, 0xa3]) + bytes(range(17)))
    write(out + "/resume", "synack", bytes([3, 0x01, 0xa3]) + bytes(17))
    # B's v = 1 answer with 2 data bytes: fresh exchange (RFC 8548 3.5).
    write(out + "/resume", "synack-short-v1",
          bytes([3, 0x01, 0xa3, 0x5a, 0xa5]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
