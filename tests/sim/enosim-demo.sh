#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Copyright (c) 2026 The tcpinc for FreeBSD project
#
# The demonstration `make` ends with: two simulated hosts running the
# project's TCP-ENO and tcpcrypt engines.  Usage: enosim-demo.sh ENOSIM
set -euo pipefail
enosim=${1:?usage: enosim-demo.sh path/to/enosim}

cat <<'TXT'
=== tcpinc demonstration: two simulated hosts, real engines (build/bin/enosim)
Each host's application writes a readable message; the wire shows what an
eavesdropper sees.  Option kind 69 is TCP-ENO (RFC 8547).

--- 1. Both hosts speak TCP-ENO: the SYNs negotiate tcpcrypt (TEP 0x23,
    X25519), Init1/Init2 (magic 15101a0e / 097105e0) exchange keys, then
    only ciphertext.  The second connection resumes (TEP byte a3, no Init).
TXT
"$enosim" --demo --bytes 2000 --connections 2 --seed 4
cat <<'TXT'

--- 2. The peer has no TCP-ENO: the connection falls back to plain TCP and
    the message is readable on the wire (that is what ENO prevents).
TXT
"$enosim" --demo --bytes 2000 --no-eno2 --seed 4
