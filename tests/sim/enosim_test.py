#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
#
# Copyright (c) 2026 The tcpinc for FreeBSD project
#
# End-to-end tests of the two-host simulator build/bin/enosim, which drives
# the project's TCP-ENO (RFC 8547), socket-option (API.md) and tcpcrypt
# (RFC 8548) engines.  Implements the verification list of issue 4:
#   - every TEP x AEAD, 10 MiB each way under loss, reordering and random
#     segment sizes: same session ID, mirrored names, data intact, no
#     plaintext on the wire;
#   - resumption chain (RFC 8548 3.5): v = 1 session IDs, all different, no
#     Init1/Init2 on the wire, TCP_CRYPT_CACHE_FLUSH before and after;
#   - fallback (RFC 8547 4.6): host without ENO, stripped SYN / SYN-ACK /
#     ACK options, mandatory modes (D8), application-aware mode;
#   - simultaneous open (RFC 8547 4.3);
#   - tampering -> EINTEGRITY, FIN without FINp -> EPROTO (RFC 8548 3.6,
#     3.7, D8), many rekeys (3.8);
#   - tshark reads a pcap: kind 69 in SYN / SYN-ACK with the contents of the
#     transcript (RFC 8547 4.8), the non-SYN ENO option in A's first ACK,
#     good checksums, no plaintext in data segments.
# Ends with "N passed, M failed".

import argparse
import concurrent.futures
import hashlib
import hmac
import json
import os
import random
import shutil
import struct
import subprocess
import sys

MIB = 1 << 20
TEPS = (0x21, 0x22, 0x23, 0x24)
AEADS = (0x0001, 0x0002, 0x0010)
INIT1_MAGIC = bytes.fromhex("15101a0e")
INIT2_MAGIC = bytes.fromhex("097105e0")


class Runner:
    def __init__(self, enosim, workdir):
        self.enosim = enosim
        self.workdir = workdir
        self.passed = 0
        self.failed = 0

    def run(self, *args):
        """Run enosim; returns (exit status, parsed JSON or None, stderr)."""
        p = subprocess.run([self.enosim] + [str(a) for a in args],
                           capture_output=True, text=True, timeout=600)
        try:
            doc = json.loads(p.stdout)
        except ValueError:
            doc = None
        return p.returncode, doc, p.stderr

    def check(self, name, problems):
        if problems:
            self.failed += 1
            print("FAIL %s" % name)
            for p in problems:
                print("    %s" % p)
        else:
            self.passed += 1
            print("ok   %s" % name)
        sys.stdout.flush()


def expect(problems, cond, msg):
    if not cond:
        problems.append(msg)


def encrypted_pair(problems, c, tep=None, aead=None, resumed=False):
    """Both ends encrypting, same session, names mirrored (API draft 2.1)."""
    h1, h2 = c["h1"], c["h2"]
    for n, h in (("h1", h1), ("h2", h2)):
        expect(problems, h["enabled"], "%s not enabled (%s)" %
               (n, h["reason"]))
        expect(problems, h["error"] is None, "%s error %s (%s)" %
               (n, h["error"], h["reason"]))
        expect(problems, h["data_ok"], "%s data not intact" % n)
        expect(problems, h["eof"], "%s saw no end-of-file" % n)
        expect(problems, h["resumed"] == resumed, "%s resumed %s" %
               (n, h["resumed"]))
    if problems:
        return
    sid = h1["sessid"]
    expect(problems, sid == h2["sessid"], "session IDs differ")
    expect(problems, len(sid) == 66, "session ID not 33 bytes")
    first = int(sid[:2], 16)
    expect(problems, first == h1["negtep"] == h2["negtep"],
           "session ID byte 0x%02x vs negtep %s" % (first, h1["negtep"]))
    if tep is not None:
        expect(problems, first & 0x7f == tep, "TEP 0x%02x" % first)
    expect(problems, bool(first & 0x80) == resumed,
           "v bit of session ID byte 0x%02x" % first)
    if aead is not None:
        expect(problems, h1["crypt_conf"] == aead == h2["crypt_conf"],
               "crypt_conf %s/%s" % (h1["crypt_conf"], h2["crypt_conf"]))
    expect(problems, {h1["role"], h2["role"]} == {0, 1}, "roles")
    expect(problems, h1["self_name"] == h2["peer_name"] and
           h2["self_name"] == h1["peer_name"], "names not mirrored")
    expect(problems, h1["self_name"] == "%02x%s" % (h1["role"], sid),
           "SELF_NAME is not role | session ID")
    expect(problems, h1["transcript"] == h2["transcript"],
           "transcripts differ")
    expect(problems, not c["plaintext_seen_on_wire"],
           "plaintext on the wire")


def plain_pair(problems, c):
    for n in ("h1", "h2"):
        h = c[n]
        expect(problems, not h["enabled"], "%s enabled" % n)
        expect(problems, h["error"] is None, "%s error %s" % (n, h["error"]))
        expect(problems, h["data_ok"], "%s data not intact" % n)
        expect(problems, h["sessid"] is None and h["self_name"] is None,
               "%s reports a session ID while not encrypted" % n)
    expect(problems, c["plaintext_seen_on_wire"],
           "plain TCP yet no plaintext seen (scanner broken?)")


def test_matrix(r, seed0):
    """Every TEP x AEAD, 10 MiB each way, loss/reorder/random MSS."""
    jobs = []
    rnd = random.Random(seed0)
    for tep in TEPS:
        for aead in AEADS:
            mss = rnd.randint(300, 1460)
            args = ("--teps1", "%02x" % tep, "--teps2", "%02x" % tep,
                    "--aconf", "%04x" % aead, "--bconf", "%04x" % aead,
                    "--bytes", 10 * MIB, "--loss", "0.01",
                    "--reorder", "0.03", "--mss", mss, "--mss-min", 64,
                    "--seed", seed0 + tep * 16 + aead)
            jobs.append((tep, aead, mss, args))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
        futs = [(j, ex.submit(r.run, *j[3])) for j in jobs]
        for (tep, aead, mss, _), f in futs:
            rc, doc, err = f.result()
            problems = []
            name = "tep 0x%02x aead 0x%04x 10MiB mss<=%d" % (tep, aead, mss)
            if doc is None:
                r.check(name, ["no JSON (exit %d): %s" % (rc, err[-400:])])
                continue
            expect(problems, rc == 0, "exit %d" % rc)
            encrypted_pair(problems, doc, tep, aead)
            for n in ("h1", "h2"):
                expect(problems, doc[n]["bytes_received"] == 10 * MIB,
                       "%s received %d" % (n, doc[n]["bytes_received"]))
            expect(problems, doc["lost"] > 0 and doc["retransmits"] > 0,
                   "no loss exercised")
            r.check(name, problems)


def read_pcap(path):
    """Packets of a LINKTYPE_RAW pcap as (ip bytes) list."""
    pkts = []
    with open(path, "rb") as f:
        hdr = f.read(24)
        magic, _, _, _, _, _, link = struct.unpack("<IHHiIII", hdr)
        assert magic == 0xa1b2c3d4 and link == 101
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                break
            _, _, incl, _ = struct.unpack("<IIII", rec)
            pkts.append(f.read(incl))
    return pkts


def tcp_fields(pkt):
    ihl = (pkt[0] & 0x0f) * 4
    tcp = pkt[ihl:]
    sport, dport = struct.unpack(">HH", tcp[:4])
    off = (tcp[12] >> 4) * 4
    return sport, dport, tcp[13], tcp[20:off], tcp[off:]


def stream_starts(pcap):
    """First payload bytes of each (sport, dport) direction."""
    starts = {}
    for p in read_pcap(pcap):
        sport, dport, flags, _, payload = tcp_fields(p)
        if payload and (sport, dport) not in starts:
            starts[(sport, dport)] = payload[:4]
    return starts


def test_resumption(r):
    pcap = os.path.join(r.workdir, "resume.pcap")
    rc, doc, err = r.run("--connections", 4, "--flush-after", 3,
                         "--bytes", 200000, "--loss", "0.02", "--seed", 7,
                         "--pcap", pcap)
    problems = []
    if doc is None:
        r.check("resumption chain", ["no JSON: " + err[-400:]])
        return
    expect(problems, rc == 0, "exit %d" % rc)
    cs = doc["connections"]
    for i, resumed in enumerate((False, True, True, False)):
        sub = []
        encrypted_pair(sub, cs[i], resumed=resumed)
        problems += ["connection %d: %s" % (i + 1, s) for s in sub]
    sids = [c["h1"]["sessid"] for c in cs]
    expect(problems, len(set(sids)) == 4, "session IDs repeat: %s" % sids)
    # Resumed connections carry no key exchange (RFC 8548 3.5).
    starts = stream_starts(pcap)
    for i, resumed in enumerate((False, True, True, False)):
        a = starts.get((40000 + i, 5001))
        b = starts.get((5001, 40000 + i))
        if resumed:
            expect(problems, a != INIT1_MAGIC and b != INIT2_MAGIC,
                   "connection %d resumed yet Init1/Init2 on the wire" %
                   (i + 1))
        else:
            expect(problems, a == INIT1_MAGIC and b == INIT2_MAGIC,
                   "connection %d fresh but no Init1/Init2 (%s %s)" %
                   (i + 1, a, b))
    r.check("resumption chain, third from next secret, flush after", problems)

    # Flush before connecting (API.md 3): connection 2 neither resumes nor
    # adds to h1's cache, so connection 3 offers connection 1's chain again:
    # the same identifier half a run without the flush offers in its
    # connection 2 (same seed, same connection 1).  Whether h2 still knows
    # that chain is its cache's business (D12).
    pcap = os.path.join(r.workdir, "flush.pcap")
    ctrl = os.path.join(r.workdir, "noflush.pcap")
    rc, doc, err = r.run("--connections", 3, "--flush-before", 2,
                         "--bytes", 50000, "--seed", 8, "--pcap", pcap)
    rc2, doc2, err2 = r.run("--connections", 2, "--bytes", 50000,
                            "--seed", 8, "--pcap", ctrl)
    problems = []
    expect(problems, doc is not None and rc == 0, "exit %d %s" % (rc, err))
    expect(problems, doc2 is not None and rc2 == 0, "control run failed")
    if doc is not None and doc2 is not None:
        cs = doc["connections"]
        for i, resumed in enumerate((False, False,
                                     cs[2]["h1"]["resumed"])):
            sub = []
            encrypted_pair(sub, cs[i], resumed=resumed)
            problems += ["connection %d: %s" % (i + 1, s) for s in sub]
        offers = syn_resume_offers(pcap)
        control = syn_resume_offers(ctrl)
        expect(problems, offers.get(40000) == [] and
               offers.get(40001) == [], "offers after flush: %s" % offers)
        third = offers.get(40002, [])
        second = control.get(40001, [])
        expect(problems, len(third) == 1 and len(second) == 1 and
               third[0][:20] == second[0][:20],
               "connection 3 offers %s, control connection 2 %s" %
               (third, second))
    r.check("TCP_CRYPT_CACHE_FLUSH before connect: no resume, no caching",
            problems)


def syn_resume_offers(pcap):
    """Per source port of h1's SYNs: TEP suboptions with v = 1 and data."""
    offers = {}
    for p in read_pcap(pcap):
        sport, dport, flags, opts, _ = tcp_fields(p)
        if flags & 0x12 != 0x02:
            continue
        found = []
        i = 0
        while i < len(opts) and opts[i] != 0:
            if opts[i] == 1:
                i += 1
                continue
            kind, ln = opts[i], opts[i + 1]
            if kind == 69:
                c = opts[i + 2:i + ln]
                # RFC 8547 4.4: a v = 1 TEP byte without a length byte
                # takes the rest of the option.
                for j, b in enumerate(c):
                    if b >= 0xa0:
                        found.append(c[j:].hex())
                        break
            i += ln
        offers[sport] = found
    return offers


def test_fallback(r):
    for name, args in (("host 2 without TCP-ENO", ("--no-eno2",)),
                       ("host 1 without TCP-ENO", ("--no-eno1",)),
                       ("middlebox strips ENO from SYN", ("--strip", "syn")),
                       ("middlebox strips ENO from SYN-ACK",
                        ("--strip", "synack")),
                       ("AA mandatory, peer a = 0", ("--aa-mandatory2",)),
                       ("simultaneous open, equal b bits",
                        ("--simultaneous",)),
                       ("simultaneous open, both b = 1",
                        ("--simultaneous", "--gopt1", 1, "--gopt2", 1))):
        rc, doc, err = r.run("--bytes", 100000, "--loss", "0.02", *args)
        problems = []
        if doc is None:
            r.check("fallback: " + name, ["no JSON: " + err[-400:]])
            continue
        expect(problems, rc == 0, "exit %d" % rc)
        plain_pair(problems, doc)
        r.check("fallback: " + name, problems)

    rc, doc, err = r.run("--bytes", 100000, "--strip", "ack", "--seed", 3)
    problems = []
    expect(problems, doc is not None, "no JSON: " + err[-400:])
    if doc is not None:
        expect(problems, rc == 0, "exit %d" % rc)
        for n in ("h1", "h2"):
            h = doc[n]
            expect(problems, h["data_ok"] or h["error"] is not None,
                   "%s: data not intact and no error (silent corruption)" % n)
        expect(problems, doc["h1"]["error"] is not None or
               doc["h2"]["error"] is not None, "no host noticed")
    r.check("stripped ACK never delivers corrupted data silently", problems)

    for name, args, want1, want2 in (
            ("TEP mandatory on A, B without ENO",
             ("--tep-mandatory1", "--no-eno2"), "ECONNABORTED", None),
            ("TEP mandatory on B, A without ENO",
             ("--tep-mandatory2", "--no-eno1"), "ECONNREFUSED", None),
            ("TEP mandatory on A, SYN stripped",
             ("--tep-mandatory1", "--strip", "syn"), "ECONNABORTED", None),
            ("TEP mandatory on B, SYN stripped",
             ("--tep-mandatory2", "--strip", "syn"), "ECONNREFUSED",
             "ECONNREFUSED")):
        rc, doc, err = r.run("--bytes", 10000, *args)
        problems = []
        if doc is None:
            r.check("mandatory: " + name, ["no JSON: " + err[-400:]])
            continue
        expect(problems, rc == 0, "exit %d" % rc)
        expect(problems, doc["h1"]["error"] == want1,
               "h1 error %s, want %s" % (doc["h1"]["error"], want1))
        if want2 is not None:
            expect(problems, doc["h2"]["error"] == want2,
                   "h2 error %s, want %s" % (doc["h2"]["error"], want2))
        expect(problems, doc["h1"]["bytes_received"] == 0 and
               doc["h2"]["bytes_received"] == 0, "data flowed")
        r.check("mandatory: " + name, problems)

    # TCP_ENO_RAW (API.md 3): negotiation on the given contents, transcript
    # readable, no encryption and no session ID.
    rc, doc, err = r.run("--bytes", 20000, "--raw1", "23", "--raw2", "0123")
    problems = []
    expect(problems, doc is not None and rc == 0, "exit %d" % rc)
    if doc is not None:
        for n in ("h1", "h2"):
            h = doc[n]
            expect(problems, h["enabled"] and h["data_ok"] and
                   h["error"] is None, "%s: %s" % (n, h))
            expect(problems, h["transcript"] == "45032345040123",
                   "%s transcript %s" % (n, h["transcript"]))
            expect(problems, h["sessid"] is None, "%s has a session ID" % n)
    r.check("TCP_ENO_RAW: negotiated, transcript, no encryption", problems)

    rc, doc, err = r.run("--bytes", 100000, "--aa-mandatory2", "--gopt1", 2)
    problems = []
    expect(problems, doc is not None and rc == 0, "exit %d" % rc)
    if doc is not None:
        encrypted_pair(problems, doc)
    r.check("AA mandatory, peer a = 1: encrypted", problems)


def test_simultaneous(r):
    for g1, g2, role1 in ((0, 1, 0), (1, 0, 1)):
        rc, doc, err = r.run("--simultaneous", "--gopt1", g1, "--gopt2", g2,
                             "--bytes", 200000, "--loss", "0.02",
                             "--seed", 11 + g1)
        problems = []
        name = "simultaneous open, b bits %d/%d" % (g1, g2)
        if doc is None:
            r.check(name, ["no JSON: " + err[-400:]])
            continue
        expect(problems, rc == 0, "exit %d" % rc)
        encrypted_pair(problems, doc)
        expect(problems, doc["h1"]["role"] == role1 and
               doc["h2"]["role"] == 1 - role1,
               "roles %s/%s" % (doc["h1"]["role"], doc["h2"]["role"]))
        r.check(name, problems)


def test_aborts(r):
    for n in (300, 60000, 150000):
        rc, doc, err = r.run("--bytes", 100000, "--tamper", n, "--seed", n)
        problems = []
        name = "tamper byte %d -> EINTEGRITY" % n
        if doc is None:
            r.check(name, ["no JSON: " + err[-400:]])
            continue
        expect(problems, rc == 0, "exit %d" % rc)
        expect(problems, doc["tampered"], "middlebox did not tamper")
        errs = [doc[h]["error"] for h in ("h1", "h2")]
        expect(problems, "EINTEGRITY" in errs, "errors %s" % errs)
        for h in ("h1", "h2"):
            if doc[h]["error"] == "EINTEGRITY":
                expect(problems, not doc[h]["eof"],
                       "%s: clean end-of-file after tampering" % h)
        r.check(name, problems)

    rc, doc, err = r.run("--bytes", 100000, "--bare-fin1", "--loss", "0.01")
    problems = []
    expect(problems, doc is not None, "no JSON: " + err[-400:])
    if doc is not None:
        expect(problems, rc == 0, "exit %d" % rc)
        expect(problems, doc["h2"]["error"] == "EPROTO",
               "h2 error %s (%s)" % (doc["h2"]["error"],
                                     doc["h2"]["reason"]))
        expect(problems, not doc["h2"]["eof"], "h2 saw a clean EOF")
    r.check("FIN without FINp -> EPROTO", problems)

    rc, doc, err = r.run("--bytes", 4 * MIB, "--rekey-every", 2, "--loss",
                         "0.01", "--reorder", "0.05", "--mss-min", 100,
                         "--seed", 21)
    problems = []
    expect(problems, doc is not None, "no JSON: " + err[-400:])
    if doc is not None:
        expect(problems, rc == 0, "exit %d" % rc)
        encrypted_pair(problems, doc)
        gens = [doc[h]["local_generation"] for h in ("h1", "h2")]
        expect(problems, min(gens) >= 20, "generations %s" % gens)
    r.check("many rekeys keep data intact", problems)


def tshark_fields(pcap, fields):
    cmd = ["tshark", "-r", pcap, "-o", "tcp.check_checksum:TRUE",
           "-o", "ip.check_checksum:TRUE", "-T", "fields", "-E",
           "separator=|"]
    for f in fields:
        cmd += ["-e", f]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise RuntimeError(p.stderr)
    return [line.split("|") for line in p.stdout.splitlines()]


def eno_options(kinds, lens, payloads):
    """ENO option contents from tshark's option lists (kind 69)."""
    out = []
    pl = payloads.split(",") if payloads else []
    ks = kinds.split(",") if kinds else []
    unknown = 0
    for k in ks:
        if k == "69":
            out.append(pl[unknown] if unknown < len(pl) else "")
            unknown += 1
    return out


def test_pcap(r):
    if shutil.which("tshark") is None:
        r.check("tshark reads the pcap", ["tshark not installed"])
        return
    pcap = os.path.join(r.workdir, "demo.pcap")
    rc, doc, err = r.run("--bytes", 30000, "--text", "--pcap", pcap,
                         "--teps1", "2123", "--teps2", "2123")
    problems = []
    if doc is None or rc != 0:
        r.check("tshark reads the pcap", ["enosim failed: " + err[-400:]])
        return
    rows = tshark_fields(pcap, ("ip.src", "tcp.flags", "tcp.option_kind",
                                "tcp.option_len",
                                "tcp.options.unknown.payload", "tcp.len",
                                "tcp.payload", "tcp.checksum.status",
                                "ip.checksum.status"))
    expect(problems, len(rows) >= 6, "only %d packets" % len(rows))
    tr = bytes.fromhex(doc["h1"]["transcript"])
    a_opt, b_opt = tr[:tr[1]], tr[tr[1]:]
    syn = [x for x in rows if int(x[1], 16) & 0x12 == 0x02]
    synack = [x for x in rows if int(x[1], 16) & 0x12 == 0x12]
    expect(problems, syn and synack, "no SYN / SYN-ACK")
    if syn and synack:
        s = eno_options(syn[0][2], syn[0][3], syn[0][4])
        sa = eno_options(synack[0][2], synack[0][3], synack[0][4])
        expect(problems, s == [a_opt[2:].hex()],
               "SYN ENO %s, transcript says %s" % (s, a_opt[2:].hex()))
        expect(problems, sa == [b_opt[2:].hex()],
               "SYN-ACK ENO %s, transcript says %s" % (sa, b_opt[2:].hex()))
        expect(problems, a_opt[2:] == bytes([0x21, 0x23]),
               "A's SYN contents %s, want 2123" % a_opt[2:].hex())
        expect(problems, b_opt[2] & 0x01 == 1 and b_opt[3] == 0x23,
               "B's SYN-ACK contents %s: want b = 1 and TEP 0x23" %
               b_opt[2:].hex())
    a_ack = [x for x in rows if x[0] == "10.0.0.1" and
             int(x[1], 16) & 0x12 == 0x10]
    expect(problems, a_ack, "no ACK from A")
    if a_ack:
        kinds = a_ack[0][2].split(",")
        lens = a_ack[0][3].split(",")
        expect(problems, "69" in kinds and lens[kinds.index("69")] == "2",
               "A's first ACK lacks the non-SYN ENO option (%s/%s)" %
               (a_ack[0][2], a_ack[0][3]))
    data = [x for x in rows if x[5] not in ("", "0")]
    expect(problems, data, "no data segments")
    secret = b"secret message".hex()
    leaked = [x for x in data if secret in x[6]]
    expect(problems, not leaked, "%d data segments carry plaintext" %
           len(leaked))
    bad = [x for x in rows if x[7] != "1" or x[8] != "1"]
    expect(problems, not bad, "%d packets with bad checksums" % len(bad))
    r.check("tshark reads the pcap: ENO options, no plaintext", problems)

    # Control: the same with a peer without ENO shows the plaintext.
    rc, doc, err = r.run("--bytes", 30000, "--text", "--pcap", pcap,
                         "--no-eno2")
    rows = tshark_fields(pcap, ("tcp.payload",))
    problems = []
    expect(problems, any(secret in x[0] for x in rows),
           "plaintext fallback not visible to tshark (check is blind)")
    r.check("tshark control: fallback shows plaintext", problems)


def hkdf_expand(prk, info, length):
    """RFC 5869 HKDF-Expand with SHA-256 (tcpcrypt's CPRF, RFC 8548 5)."""
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:length]


def tcp_streams(pcap):
    """Per (sport, dport): SYN options and the byte stream from the ISN."""
    conns = {}
    for p in read_pcap(pcap):
        ihl = (p[0] & 0x0f) * 4
        sport, dport, flags, opts, payload = tcp_fields(p)
        seq = struct.unpack(">I", p[ihl + 4:ihl + 8])[0]
        c = conns.setdefault((sport, dport), {"segs": {}})
        if flags & 0x02:
            c["isn"] = seq
            c["syn_opts"] = opts
        elif payload:
            c["segs"][seq] = payload
    for c in conns.values():
        data = bytearray()
        for seq in sorted(c["segs"], key=lambda q: (q - c["isn"] - 1) %
                          (1 << 32)):
            off = (seq - c["isn"] - 1) % (1 << 32)
            seg = c["segs"][seq]
            if off <= len(data):
                data[off:off + len(seg)] = seg
        c["stream"] = bytes(data)
    return conns


def eno_option(opts):
    i = 0
    while i < len(opts) and opts[i] != 0:
        if opts[i] == 1:
            i += 1
            continue
        if opts[i] == 69:
            return opts[i:i + opts[i + 1]]
        i += opts[i + 1]
    return None


def open_first_frame(aead_id, key, offset, stream):
    """Decrypt the frame at stream[offset:] (RFC 8548 4.2, 3.6)."""
    from cryptography.hazmat.primitives.ciphers.aead import (
        AESGCM, ChaCha20Poly1305)
    klen = 16 if aead_id == 1 else 32
    k, nr = key[:klen], key[klen:]
    control, clen = stream[offset], struct.unpack(
        ">H", stream[offset + 1:offset + 3])[0]
    ct = stream[offset + 3:offset + 3 + clen]
    frame_id = bytes(4) + struct.pack(">Q", offset)
    nonce = bytes(a ^ b for a, b in zip(frame_id, nr))
    cipher = ChaCha20Poly1305(k) if aead_id == 0x10 else AESGCM(k)
    pt = cipher.decrypt(nonce, ct, stream[offset:offset + 3])
    return control, pt


def test_key_schedule(r):
    """The session IDs, resumption identifiers and first frames of enosim
    runs recomputed from the wire with Python's cryptography and hmac (an
    implementation independent of crypto-core), RFC 8548 3.3-3.6."""
    try:
        from cryptography.hazmat.primitives.asymmetric import x25519, x448
    except ImportError as e:
        r.check("key schedule recomputed independently", [str(e)])
        return
    kx = {0x23: (x25519.X25519PrivateKey, x25519.X25519PublicKey, 32),
          0x24: (x448.X448PrivateKey, x448.X448PublicKey, 56)}
    for tep, aead in ((0x23, 1), (0x23, 2), (0x23, 0x10), (0x24, 0x10)):
        name = "key schedule recomputed: tep 0x%02x aead 0x%04x" % (tep,
                                                                   aead)
        pcap = os.path.join(r.workdir, "ks.pcap")
        rngf = os.path.join(r.workdir, "ks.rng")
        rc, doc, err = r.run("--teps1", "%02x" % tep, "--teps2", "%02x" % tep,
                             "--aconf", "%04x" % aead, "--bconf",
                             "%04x" % aead, "--bytes", 3000, "--text",
                             "--connections", 2, "--pcap", pcap,
                             "--rng-dump", rngf, "--seed", tep + aead)
        problems = []
        if doc is None or rc != 0:
            r.check(name, ["enosim failed: " + err[-400:]])
            continue
        try:
            key_schedule_checks(problems, doc, pcap, rngf, kx[tep], aead)
        except Exception as e:     # a malformed capture is a failure too
            problems.append("%s: %s" % (type(e).__name__, e))
        r.check(name, problems)


def key_schedule_checks(problems, doc, pcap, rngf, kx, aead):
    priv_cls, pub_cls, klen = kx
    conns = tcp_streams(pcap)
    a1, b1 = conns[(40000, 5001)], conns[(5001, 40000)]
    transcript = eno_option(a1["syn_opts"]) + eno_option(b1["syn_opts"])
    c1 = doc["connections"][0]
    expect(problems, transcript.hex() == c1["h1"]["transcript"],
           "transcript on the wire %s, TCP_ENO_TRANSCRIPT %s" %
           (transcript.hex(), c1["h1"]["transcript"]))
    sa, sb = a1["stream"], b1["stream"]
    init1 = sa[:struct.unpack(">I", sa[4:8])[0]]
    init2 = sb[:struct.unpack(">I", sb[4:8])[0]]
    expect(problems, init1[:4] == INIT1_MAGIC and init2[:4] == INIT2_MAGIC,
           "Init1/Init2 magic")
    nc = init1[8]
    n_a = init1[9 + 2 * nc:9 + 2 * nc + 32]
    pub_a = init1[9 + 2 * nc + 32:9 + 2 * nc + 32 + klen]
    pub_b = init2[10 + 32:10 + 32 + klen]
    expect(problems, struct.unpack(">H", init2[8:10])[0] == aead,
           "Init2 sym_cipher")
    es = None
    with open(rngf) as f:
        for line in f:
            host, hexd = line.split()
            d = bytes.fromhex(hexd)
            if host != "h1" or len(d) != klen:
                continue
            k = priv_cls.from_private_bytes(d)
            if k.public_key().public_bytes_raw() == pub_a:
                es = k.exchange(pub_cls.from_public_bytes(pub_b))
    expect(problems, es is not None, "no draw of h1 gives Pub_A")
    if es is None:
        return
    prk = hmac.new(n_a, transcript + init1 + init2 + es,
                   hashlib.sha256).digest()
    tep_byte = int(c1["h1"]["sessid"][:2], 16)
    sid = bytes([tep_byte]) + hkdf_expand(prk, b"\x02", 32)
    expect(problems, sid.hex() == c1["h1"]["sessid"] == c1["h2"]["sessid"],
           "session ID recomputed %s, engines %s" %
           (sid.hex(), c1["h1"]["sessid"]))
    tklen = (16 if aead == 1 else 32) + 12
    mk0 = hkdf_expand(prk, b"\x03", 32)
    k_ab = hkdf_expand(mk0, b"\x04", tklen)
    control, pt = open_first_frame(aead, k_ab, len(init1), sa)
    expect(problems, control == 0 and pt[1:8] == b"h1 says",
           "A's first frame at offset %d: control %d data %r" %
           (len(init1), control, pt[:12]))
    # Connection 2 resumes from ss[1] (RFC 8548 3.5).
    c2 = doc["connections"][1]
    ss1 = hkdf_expand(prk, b"\x01", 32)
    resume = hkdf_expand(ss1, b"\x06", 18)
    a2, b2 = conns[(40001, 5001)], conns[(5001, 40001)]
    oa, ob = eno_option(a2["syn_opts"]), eno_option(b2["syn_opts"])
    ia, ib = oa.index(tep_byte | 0x80), ob.index(tep_byte | 0x80)
    half_a, nonce_a = oa[ia + 1:ia + 10], oa[ia + 10:]
    half_b, nonce_b = ob[ib + 1:ib + 10], ob[ib + 10:]
    expect(problems, half_a == resume[:9] and half_b == resume[9:],
           "resumption halves %s %s, recomputed %s" %
           (half_a.hex(), half_b.hex(), resume.hex()))
    sn = nonce_a + nonce_b
    sid2 = bytes([tep_byte | 0x80]) + hkdf_expand(ss1, b"\x02" + sn, 32)
    expect(problems, c2["h1"]["resumed"] and sid2.hex() == c2["h1"]["sessid"],
           "resumed session ID recomputed %s, engines %s" %
           (sid2.hex(), c2["h1"]["sessid"]))
    mk0 = hkdf_expand(ss1, b"\x03" + sn, 32)
    k_ab = hkdf_expand(mk0, b"\x04", tklen)
    control, pt = open_first_frame(aead, k_ab, 0, a2["stream"])
    expect(problems, pt[1:8] == b"h1 says",
           "A's first resumed frame: %r" % pt[:12])


def test_relay(r):
    """A relay terminating both connections (man in the middle): both legs
    encrypted, different session IDs, data still intact end to end."""
    rc, doc, err = r.run("--relay", "--bytes", 200000, "--loss", "0.01",
                         "--seed", 5)
    problems = []
    if doc is None:
        r.check("relay: two legs, two session IDs", ["no JSON: " + err])
        return
    expect(problems, rc == 0, "exit %d" % rc)
    legs = doc["connections"]
    expect(problems, len(legs) == 2, "%d legs" % len(legs))
    for i, c in enumerate(legs):
        for n in ("h1", "h2"):
            expect(problems, c[n]["enabled"] and c[n]["error"] is None,
                   "leg %d %s: enabled %s error %s" %
                   (i, n, c[n]["enabled"], c[n]["error"]))
        expect(problems, c["h1"]["sessid"] == c["h2"]["sessid"],
               "leg %d ends disagree" % i)
    expect(problems, legs[0]["h1"]["sessid"] != legs[1]["h1"]["sessid"],
           "both legs have the same session ID")
    expect(problems, legs[0]["h1"]["data_ok"] and
           legs[0]["h1"]["bytes_received"] == 200000 and
           legs[1]["h2"]["data_ok"] and
           legs[1]["h2"]["bytes_received"] == 200000,
           "end-to-end data through the relay")
    expect(problems, not doc["plaintext_seen_on_wire"], "plaintext seen")
    r.check("relay: two legs, two session IDs", problems)


def test_tiny_segments(r):
    """Init1/Init2 and frames cut into 1-7 byte segments, reordered and
    lost (RFC 8548 3.3: messages span segments freely)."""
    rc, doc, err = r.run("--mss", 7, "--mss-min", 1, "--bytes", 20000,
                         "--loss", "0.02", "--reorder", "0.2",
                         "--connections", 2, "--seed", 9)
    problems = []
    if doc is None:
        r.check("tiny segments", ["no JSON: " + err[-400:]])
        return
    expect(problems, rc == 0, "exit %d" % rc)
    for i, resumed in enumerate((False, True)):
        sub = []
        encrypted_pair(sub, doc["connections"][i], resumed=resumed)
        problems += ["connection %d: %s" % (i + 1, s) for s in sub]
    r.check("tiny segments (1-7 bytes), fresh and resumed", problems)


SCENARIO_EXTRAS = (
    (), ("--no-eno1",), ("--no-eno2",), ("--strip", "syn"),
    ("--strip", "synack"), ("--strip", "ack"), ("--tep-mandatory1",),
    ("--tep-mandatory2",), ("--aa-mandatory2",),
    ("--aa-mandatory1", "--gopt2", "2"), ("--simultaneous",),
    ("--simultaneous", "--gopt1", "1"), ("--bare-fin1",), ("--bare-fin2",),
    ("--tamper", "100"), ("--tamper", "3000"), ("--flush-after", "1"),
    ("--flush-before", "2"), ("--relay",), ("--raw1", "23", "--raw2", "0123"),
    ("--rekey-every", "1"))


def test_random_scenarios(r, seed0, count):
    """Random combinations of the options above under loss and reordering:
    every run must end as its options imply (exit 0: no stall, no silent
    corruption of an encrypted stream, no plaintext once encrypted)."""
    problems = []
    for seed in range(seed0, seed0 + count):
        rnd = random.Random(seed)
        args = ["--seed", seed, "--bytes", rnd.choice((0, 10, 5000, 40000)),
                "--loss", rnd.choice(("0", "0.02", "0.1")),
                "--reorder", rnd.choice(("0", "0.1", "0.3")),
                "--mss", rnd.choice((16, 536, 1460)),
                "--connections", rnd.choice((1, 2, 3))]
        args += list(rnd.choice(SCENARIO_EXTRAS))
        args += list(rnd.choice(SCENARIO_EXTRAS))
        rc, doc, err = r.run(*args)
        if rc != 0:
            problems.append("exit %d: enosim %s %s" %
                            (rc, " ".join(str(a) for a in args), err[-200:]))
    r.check("%d random scenarios end as their options imply" % count,
            problems)


def test_cli(r):
    problems = []
    rc, doc, err = r.run("--bytes", 1000, "--teps1", "10")
    expect(problems, rc != 0 and "EINVAL" in err,
           "TEP 0x10 accepted (exit %d, %s)" % (rc, err.strip()))
    rc, doc, err = r.run("--strip", "bogus")
    expect(problems, rc == 2, "bad --strip accepted")
    rc, doc, err = r.run("--bytes", 1000, "--aconf", "000100")
    expect(problems, rc != 0, "odd ACONF accepted")
    r.check("bad options rejected through the setsockopt rules", problems)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--enosim", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true",
                    help="skip the 10 MiB matrix")
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    r = Runner(args.enosim, args.workdir)
    test_cli(r)
    test_pcap(r)
    test_resumption(r)
    test_fallback(r)
    test_simultaneous(r)
    test_aborts(r)
    test_key_schedule(r)
    test_relay(r)
    test_tiny_segments(r)
    test_random_scenarios(r, args.seed * 1000, 16)
    if not args.quick:
        test_matrix(r, args.seed)
    print("%d passed, %d failed" % (r.passed, r.failed))
    return 0 if r.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
