#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Copyright (c) 2026 The tcpinc for FreeBSD project
#
# Runs the example programs tcpinc-auth-server and tcpinc-auth-client
# (tools/tcpinc_auth, draft-ietf-tcpinc-api section 5) as separate
# processes over loopback TCP on a Linux host.  The TCP-ENO socket options
# come from eno_shim.so (LD_PRELOAD): no encryption, but per-connection
# session IDs, roles, gopt bits and the disabled state behave as the API
# says, so the verdicts are real.  Without the shim the programs must fail
# closed.  A Python relay under the shim is a man in the middle: it
# terminates two connections, so each side sees another session ID.
#
# Usage: examples_test.sh BINDIR SHIM PYTHON.  Ends with "N passed, M failed".
set -u
bindir=$1 shim=$2 py=$3
server=$bindir/tcpinc-auth-server client=$bindir/tcpinc-auth-client
work=$(mktemp -d)
export ENO_SHIM_DIR=$work
pass=0 fail=0
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT

check() {	# name, then a command that must succeed
	local name=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL [$case]: $name"
		for f in "$work"/*.out; do sed "s|^|  $(basename "$f"): |" "$f"; done
	fi
}
has() { grep -q -- "$2" "$1"; }
hasnt() { ! grep -q -- "$2" "$1"; }

# Start "$@" in the background with output to $work/$1.out; wait for the
# "listening on port N" line; set $port.
start_listener() {
	local out=$work/$1.out
	shift
	rm -f "$out"	# never read the last case's port
	timeout 20 "$@" >"$out" 2>&1 &
	pids+=($!)
	port=
	for _ in $(seq 100); do
		port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$out" \
		    2>/dev/null)
		[ -n "$port" ] && return 0
		sleep 0.05
	done
	echo "listener did not start: $(cat "$out")"
	return 1
}
wait_all() { for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done; pids=(); }
sid() { sed -n "s/^$2: session-id //p" "$1"; }

run_client() {	# output name, then client arguments; sets $rc
	timeout 20 env LD_PRELOAD="$shim" "$client" "$@" \
	    >"$work/$cout.out" 2>&1
	rc=$?
}

head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/cookie"
echo >>"$work/cookie"
head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/cookie2"
head -c 15 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/short"
if ! "$server" -G "$work/srv" || ! "$client" -G "$work/cli" ||
    ! "$client" -G "$work/other"; then
	echo "keygen failed"
	exit 1
fi

S() { start_listener srv env LD_PRELOAD="$shim" "$server" -l 127.0.0.1 \
    -p 0 "$@"; }

case=cookie-ok
S -c "$work/cookie" && { cout=cli; run_client -c "$work/cookie" 127.0.0.1 \
    "$port"; wait_all; }
check "client exit 0" [ "$rc" -eq 0 ]
check "client verdict" has "$work/cli.out" "client: verdict AUTHENTICATED"
check "server verdict" has "$work/srv.out" "server: verdict AUTHENTICATED"
check "same session id" [ -n "$(sid "$work/cli.out" client)" -a \
    "$(sid "$work/cli.out" client)" = "$(sid "$work/srv.out" server)" ]
check "data echoed" has "$work/cli.out" 'data received "echo: hello'

case=cookie-ok-v6
if "$py" -c 'import socket; s = socket.socket(socket.AF_INET6); s.bind(("::1", 0))' \
    2>/dev/null; then
	start_listener srv env LD_PRELOAD="$shim" "$server" -6 -l ::1 -p 0 \
	    -c "$work/cookie" && { run_client -6 -c "$work/cookie" ::1 "$port";
	    wait_all; }
	check "client verdict" has "$work/cli.out" "verdict AUTHENTICATED"
	check "server verdict" has "$work/srv.out" "verdict AUTHENTICATED"
else
	echo "skip [$case]: no IPv6 loopback"
fi

case=cookie-wrong
S -c "$work/cookie" && { run_client -c "$work/cookie2" 127.0.0.1 "$port";
    wait_all; }
check "client exit 2" [ "$rc" -eq 2 ]
check "client error" has "$work/cli.out" "FAILED TCPINC_AUTH_E_COOKIE_MISMATCH"
check "server error" has "$work/srv.out" "FAILED TCPINC_AUTH_E_COOKIE_MISMATCH"
check "no data" hasnt "$work/srv.out" "data received"

case=cookie-short
S -c "$work/cookie" && { run_client -c "$work/short" 127.0.0.1 "$port";
    wait_all; }
check "client error" has "$work/cli.out" "FAILED TCPINC_AUTH_E_COOKIE_SHORT"
check "server not authenticated" hasnt "$work/srv.out" "AUTHENTICATED"

case=sig-both
S -k "$work/srv.key" -P "$work/cli.pub" && { run_client -k "$work/cli.key" \
    -P "$work/srv.pub" 127.0.0.1 "$port"; wait_all; }
check "client verdict" has "$work/cli.out" "verdict AUTHENTICATED peer (ed25519)"
check "server verdict" has "$work/srv.out" "verdict AUTHENTICATED peer (ed25519)"
check "data echoed" has "$work/cli.out" 'data received "echo: hello'

case=sig-server-only
S -k "$work/srv.key" && { run_client -P "$work/srv.pub" 127.0.0.1 "$port";
    wait_all; }
check "client verdict" has "$work/cli.out" "client: verdict AUTHENTICATED"
check "server verdict" has "$work/srv.out" "server: verdict OK, proved ourselves"

case=sig-wrong-key
S -k "$work/srv.key" && { run_client -P "$work/other.pub" 127.0.0.1 "$port";
    wait_all; }
check "client exit 2" [ "$rc" -eq 2 ]
check "client error" has "$work/cli.out" "FAILED TCPINC_AUTH_E_SIGNATURE_INVALID"

case=mitm-relay
S -c "$work/cookie" && sport=$port &&
start_listener relay env LD_PRELOAD="$shim" ENO_SHIM_GOPT=2 "$py" -c '
import socket, sys, threading
ls = socket.socket()
ls.bind(("127.0.0.1", 0))
ls.listen(1)
print("relay: listening on port %d" % ls.getsockname()[1], flush=True)
a, _ = ls.accept()
b = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
def pump(x, y):
    try:
        while True:
            d = x.recv(4096)
            if not d:
                break
            y.sendall(d)
    except OSError:
        pass
    for s in (x, y):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
t = [threading.Thread(target=pump, args=p) for p in ((a, b), (b, a))]
[x.start() for x in t]
[x.join() for x in t]
' "$sport" && { run_client -c "$work/cookie" 127.0.0.1 "$port"; wait_all; }
check "client error" has "$work/cli.out" "FAILED TCPINC_AUTH_E_SESSION_MISMATCH"
check "server error" has "$work/srv.out" "FAILED TCPINC_AUTH_E_SESSION_MISMATCH"
check "session ids differ" [ -n "$(sid "$work/cli.out" client)" -a \
    "$(sid "$work/cli.out" client)" != "$(sid "$work/srv.out" server)" ]

case=legacy-client
S -c "$work/cookie" && { timeout 20 "$py" -c '
import socket, sys
try:
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    s.sendall(b"legacy hello\n")
    s.recv(100)
except OSError:
    pass
' "$port"; wait_all; }
check "server error" has "$work/srv.out" "FAILED TCPINC_AUTH_E_ENO_DISABLED"

# An ENO host whose application is not aware: gopt 0, logs what it gets.
unaware_server() {
	start_listener srv env LD_PRELOAD="$shim" ENO_SHIM_GOPT=0 "$py" -c '
import socket
ls = socket.socket()
ls.bind(("127.0.0.1", 0))
ls.listen(1)
print("unaware: listening on port %d" % ls.getsockname()[1], flush=True)
c, _ = ls.accept()
n = 0
try:
    while True:
        d = c.recv(4096)
        if not d:
            break
        n += len(d)
except OSError:
    pass
print("unaware: received %d bytes" % n, flush=True)
'
}
case=unaware-server
unaware_server && { run_client -c "$work/cookie" 127.0.0.1 "$port"; wait_all; }
check "client error" has "$work/cli.out" "FAILED TCPINC_AUTH_E_PEER_NOT_AWARE"
check "nothing sent" has "$work/srv.out" "received 0 bytes"

case=aa-mandatory
unaware_server && { run_client -m -c "$work/cookie" 127.0.0.1 "$port";
    wait_all; }
check "client error" has "$work/cli.out" "FAILED TCPINC_AUTH_E_ENO_DISABLED"
check "nothing sent" has "$work/srv.out" "received 0 bytes"

case=no-eno-stack
timeout 20 "$client" -c "$work/cookie" 127.0.0.1 9 >"$work/cli.out" 2>&1
rc=$?
check "client exit 2" [ "$rc" -eq 2 ]
check "client error" has "$work/cli.out" "reading a TCP-ENO socket option failed"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
