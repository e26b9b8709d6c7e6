#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Copyright (c) 2026 The tcpinc for FreeBSD project
#
# `make` demo of tools/tcpinc_auth (draft-ietf-tcpinc-api section 5): the
# example server and client over loopback, with the TCP-ENO socket options
# emulated by eno_shim.so (this Linux host has no TCP-ENO; no encryption
# happens here), first directly, then through a relay (man in the middle).
# Usage: auth-demo.sh BINDIR SHIM RELAY
set -u
bindir=$1 shim=$2 relay=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ENO_SHIM_DIR=$work

listen_port() {	# file: wait for "listening on port N", print N
	local p
	for _ in $(seq 100); do
		p=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$1" \
		    2>/dev/null)
		[ -n "$p" ] && { echo "$p"; return 0; }
		sleep 0.05
	done
	return 1
}

head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/cookie"
echo "== tcpinc-auth: cookie scheme, client -> server"
LD_PRELOAD=$shim timeout 20 "$bindir/tcpinc-auth-server" -l 127.0.0.1 \
    -p 0 -c "$work/cookie" >"$work/srv.out" 2>&1 &
port=$(listen_port "$work/srv.out") || exit 1
LD_PRELOAD=$shim timeout 20 "$bindir/tcpinc-auth-client" -c "$work/cookie" \
    127.0.0.1 "$port"
wait
grep -v listening "$work/srv.out"

echo "== tcpinc-auth: the same through a relay (two ENO sessions)"
LD_PRELOAD=$shim timeout 20 "$bindir/tcpinc-auth-server" -l 127.0.0.1 \
    -p 0 -c "$work/cookie" >"$work/srv.out" 2>&1 &
port=$(listen_port "$work/srv.out") || exit 1
LD_PRELOAD=$shim timeout 20 "$relay" -l 127.0.0.1 -p 0 127.0.0.1 "$port" \
    >"$work/relay.out" 2>&1 &
rport=$(listen_port "$work/relay.out") || exit 1
LD_PRELOAD=$shim timeout 20 "$bindir/tcpinc-auth-client" -c "$work/cookie" \
    127.0.0.1 "$rport"
wait
grep -v listening "$work/srv.out"
exit 0
