#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# Copyright (c) 2026 The tcpinc for FreeBSD project
#
# Writes tests/eno/conform_sockopt_matrix.json: the eno-conform "sockopt"
# cases for every option x connection state x operation of API.md sections
# 2 and 3.  The expectations below are a transcription of API.md's rules,
# kept apart from the C implementation on purpose (this script does not
# read it); hand-written scenarios live in conform_sockopt.json.
#
#   python3 tests/eno/gen_conform_sockopt.py > tests/eno/conform_sockopt_matrix.json

import json
import sys

SESSID = "23" + "".join("%02x" % (0xa0 + i) for i in range(32))
TRANSCRIPT = "4504212345040123"      # A's SYN ENO option, then B's
ENC = {"event": "encrypting", "negtep": 35, "role": 0, "peer_gopt": 1,
       "sessid": SESSID, "transcript": TRANSCRIPT, "crypt_conf": 1}
NEG = {"event": "negotiated", "negtep": 35, "transcript": TRANSCRIPT}

RW_DEFAULT = {
    "TCP_ENO_ENABLED": -1,
    "TCP_ENO_TEPS": "2123",
    "TCP_ENO_SELF_GOPT": 0,
    "TCP_ENO_AA_MANDATORY": 0,
    "TCP_ENO_TEP_MANDATORY": 0,
    "TCP_ENO_RAW": "",
    "TCP_CRYPT_ACONF": "000100020010",
    "TCP_CRYPT_BCONF": "001000020001",
}
# A value each RW option accepts, other than its default, and bad ones.
RW_GOOD = {
    "TCP_ENO_ENABLED": 1,
    "TCP_ENO_TEPS": "24",
    "TCP_ENO_SELF_GOPT": 2,
    "TCP_ENO_AA_MANDATORY": 1,
    "TCP_ENO_TEP_MANDATORY": 1,
    "TCP_ENO_RAW": "0125",
    "TCP_CRYPT_ACONF": "0010",
    "TCP_CRYPT_BCONF": "0002",
}
RW_BAD = {
    "TCP_ENO_ENABLED": [2, -2, "0100"],
    "TCP_ENO_TEPS": ["1f", "80", "9f", "25", "20", "2121", "23a3",
                     "21" * 17],
    "TCP_ENO_SELF_GOPT": [32, -1, "01"],
    "TCP_ENO_AA_MANDATORY": [2, -1, ""],
    "TCP_ENO_TEP_MANDATORY": [2, -1, "0000000000000000"],
    "TCP_ENO_RAW": ["21" * 33],
    "TCP_CRYPT_ACONF": ["", "00", "000100", "0003", "00010001",
                        "0001" * 9],
    "TCP_CRYPT_BCONF": ["", "00", "000100", "0100", "00100010",
                        "0010" * 9],
}
RO_VALUE = {
    "TCP_ENO_SESSID": SESSID,
    "TCP_ENO_NEGTEP": 35,
    "TCP_ENO_PEER_GOPT": 1,
    "TCP_ENO_ROLE": 0,
    "TCP_ENO_SELF_NAME": "00" + SESSID,
    "TCP_ENO_PEER_NAME": "01" + SESSID,
    "TCP_ENO_TRANSCRIPT": TRANSCRIPT,
    "TCP_CRYPT_CONF": 1,
}
RO = list(RO_VALUE)
RW = list(RW_DEFAULT)
ALL = RW + RO + ["TCP_CRYPT_CACHE_FLUSH"]

# name -> (passive, setup steps, facts used by the rules below)
STATES = {
    "fresh": (False, [], {"syn": False}),
    "listening": (False, [{"event": "listen"}], {"syn": False, "b": 1}),
    "syn_sent": (False, [{"event": "syn_sent"}], {"syn": True}),
    "accepted": (True, [{"event": "syn_sent"}], {"syn": True, "b": 1}),
    "negotiated": (False, [{"event": "syn_sent"}, NEG],
                   {"syn": True, "agreed": True}),
    "encrypting": (False, [{"event": "syn_sent"}, ENC],
                   {"syn": True, "agreed": True, "enc": True}),
    "encrypting_other_tep": (False, [{"event": "syn_sent"},
                                     dict(ENC, negtep=0x30)],
                             {"syn": True, "agreed": True, "enc": True,
                              "other": True, "negtep": 0x30}),
    "disabled": (False, [{"event": "syn_sent"}, {"event": "disabled"}],
                 {"syn": True, "off": True}),
    "enabled_0": (False, [{"set": "TCP_ENO_ENABLED", "value": 0,
                           "expect": 0}],
                  {"syn": False, "off": True, "set": {"TCP_ENO_ENABLED": 0}}),
    "teps_empty": (False, [{"set": "TCP_ENO_TEPS", "value": "",
                            "expect": 0}],
                   {"syn": False, "off": True, "set": {"TCP_ENO_TEPS": ""}}),
    "shutdown": (False, [{"event": "syn_sent"}, ENC, {"event": "shutdown"}],
                 {"shut": True}),
    "raw": (False, [{"set": "TCP_ENO_RAW", "value": "0125", "expect": 0}],
            {"syn": False, "raw": True, "set": {"TCP_ENO_RAW": "0125"}}),
    "raw_negotiated": (False, [{"set": "TCP_ENO_RAW", "value": "0125",
                                "expect": 0}, {"event": "syn_sent"},
                               dict(ENC, negtep=0x25)],
                       {"syn": True, "raw": True, "agreed": True,
                        "enc": True, "set": {"TCP_ENO_RAW": "0125"}}),
    "raw_failed": (False, [{"set": "TCP_ENO_RAW", "value": "0125",
                            "expect": 0}, {"event": "syn_sent"},
                           {"event": "disabled"}],
                   {"syn": True, "raw": True, "off": True,
                    "set": {"TCP_ENO_RAW": "0125"}}),
}


def rw_value(name, f):
    v = f.get("set", {}).get(name, RW_DEFAULT[name])
    if name == "TCP_ENO_SELF_GOPT" and f.get("b"):
        v |= 1          # draft 2.1: b forced once listen(2) was called
    return v


def get_expect(name, f):
    """(errno, value) of a read of name in a state with facts f."""
    if f.get("shut"):
        return "EINVAL", None                       # API.md 2, last rule
    if name == "TCP_CRYPT_CACHE_FLUSH":
        return "EINVAL", None                       # write only
    if f.get("raw") and name not in ("TCP_ENO_RAW", "TCP_ENO_TRANSCRIPT"):
        return "EINVAL", None                       # API.md 3 RAW
    if name in RW:
        return 0, rw_value(name, f)                 # last written/default
    if f.get("off"):
        return "EINVAL", None                       # disabled
    if name == "TCP_CRYPT_CONF" and f.get("other"):
        return "EINVAL", None                       # not tcpcrypt
    if name == "TCP_ENO_TRANSCRIPT" and f.get("agreed"):
        return 0, RO_VALUE[name]
    if not f.get("enc"):
        return "ENOTCONN", None                     # negotiating
    if name == "TCP_ENO_NEGTEP" and "negtep" in f:
        return 0, f["negtep"]
    return 0, RO_VALUE[name]


def set_expect(name, good, f):
    """errno of writing a valid (good) or invalid value."""
    if f.get("shut"):
        return "EINVAL"
    if name in RO:
        return "EINVAL"                             # read only
    if f.get("raw") and name != "TCP_ENO_RAW":
        return "EINVAL"
    if name == "TCP_CRYPT_CACHE_FLUSH":
        return 0 if good else "EINVAL"
    if f.get("syn") and name != "TCP_ENO_TEP_MANDATORY":
        return "EISCONN"                            # after SYN, state first
    if not good:
        return "EINVAL"
    if name == "TCP_ENO_TEP_MANDATORY" and f.get("off") and f.get("syn"):
        return "ECONNABORTED"                       # plain connection
    return 0


def case(cname, passive, steps):
    return {"kind": "sockopt", "name": cname, "passive": passive,
            "steps": steps}


def get_step(name, f):
    e, v = get_expect(name, f)
    s = {"get": name, "expect": e}
    if e == 0:
        s["value"] = v
    return s


def gen():
    out = []
    for sname, (passive, setup, f) in STATES.items():
        for name in ALL:
            out.append(case("get %s %s" % (name, sname), passive,
                            setup + [get_step(name, f)]))
        for name in ALL:
            if name in RW:
                good = RW_GOOD[name]
            elif name == "TCP_CRYPT_CACHE_FLUSH":
                good = 1
            else:
                good = 0
            e = set_expect(name, True, f)
            steps = setup + [{"set": name, "value": good, "expect": e}]
            if e == "ECONNABORTED":
                # The connection is gone: every option now EINVAL.
                steps.append({"get": name, "expect": "EINVAL"})
            elif name in RW:
                g = dict(f, set=dict(f.get("set", {})))
                if e == 0:
                    g["set"][name] = good
                if name == "TCP_ENO_RAW" and e == 0:
                    g["raw"] = True
                steps.append(get_step(name, g))
            out.append(case("set %s %s" % (name, sname), passive, steps))
            bads = RW_BAD.get(name, [])
            if name == "TCP_CRYPT_CACHE_FLUSH":
                bads = [0, 2, -1, "01"]
            for i, bad in enumerate(bads):
                e = set_expect(name, False, f)
                steps = setup + [{"set": name, "value": bad, "expect": e}]
                if name in RW:
                    steps.append(get_step(name, f))
                out.append(case("set %s bad#%d %s" % (name, i + 1, sname),
                                passive, steps))
    return out


if __name__ == "__main__":
    json.dump(gen(), sys.stdout, indent=1)
    sys.stdout.write("\n")
