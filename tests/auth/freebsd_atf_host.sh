#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Copyright (c) 2026 The tcpinc for FreeBSD project
#
# Runs the bodies of the FreeBSD ATF script freebsd/tcpinc_auth_test.sh on
# this Linux host with kyua, so its logic (server start and wait, output
# patterns, exit codes) is exercised before anyone boots FreeBSD.  Stand-ins:
# vnet.subr functions do nothing; jexec drops the jail name, maps the
# jails' addresses to loopback and ports 4711/4712 to free ones, runs the
# command under eno_shim.so (LD_PRELOAD TCP-ENO options); "sysctl
# net.inet.tcp.eno.enable_listen=0" in jail srv turns ENO off there.  What
# this cannot show: the FreeBSD kernel, jails, vnet, epair.
# Usage: freebsd_atf_host.sh BINDIR SHIM PYTHON RELAY (the auth-relay binary).
# Ends with "N passed, M failed".
set -u
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
shim=$(abs "$2") py=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree/common" "$work/tree/netinet" "$work/stub" "$work/state" \
    "$work/bin"
# The script finds auth-relay next to the server, as when installed.
ln -s "$(abs "$1/tcpinc-auth-server")" "$(abs "$1/tcpinc-auth-client")" \
    "$(abs "$4")" "$work/bin/"
bindir=$work/bin

free_port() {
	"$py" -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port=$(free_port)
rport=$(free_port)

# Each case gets fresh "jails": nothing of a sysctl survives it.
cat >"$work/tree/common/vnet.subr" <<SUBR
vnet_init() { rm -f "$work"/state/*.eno_off; }
vnet_mkepair() { echo epair0; }
vnet_mkjail() { :; }
vnet_cleanup() { rm -f "$work"/state/*.eno_off; }
SUBR

cat >"$work/stub/jexec" <<STUB
#!/usr/bin/env bash
jail=\$1
shift
args=()
for a in "\$@"; do
	case \$a in
	192.0.2.1 | 198.51.100.2) a=127.0.0.1 ;;
	2001:db8::1) a=::1 ;;
	4711) a=$port ;;
	4712) a=$rport ;;
	esac
	args+=("\$a")
done
export ENO_SHIM_DIR=$work/state LD_PRELOAD=$shim
[ -f "$work/state/\$jail.eno_off" ] && export ENO_SHIM_ENABLED=0
exec "\${args[@]}"
STUB

cat >"$work/stub/sysctl" <<STUB
#!/usr/bin/env bash
case "\$*" in
"-n net.inet.tcp.eno.teps") echo 0x21,0x23 ;;
"net.inet.tcp.eno.enable_listen=0")
	touch "$work/state/\${JAIL_NAME:-srv}.eno_off"
	echo "net.inet.tcp.eno.enable_listen: 1 -> 0" ;;
*) exit 1 ;;
esac
STUB

printf '#!/bin/sh\nexit 0\n' >"$work/stub/jail"
printf '#!/bin/sh\nexit 0\n' >"$work/stub/ifconfig"
chmod +x "$work"/stub/*

{ echo '#! /usr/bin/env atf-sh'; cat "$here/freebsd/tcpinc_auth_test.sh"; } \
    >"$work/tree/netinet/tcpinc_auth_test"
chmod +x "$work/tree/netinet/tcpinc_auth_test"
printf 'syntax(2)\ntest_suite("tcpinc")\natf_test_program{name="tcpinc_auth_test"}\n' \
    >"$work/tree/netinet/Kyuafile"

# kyua runs each case in a fresh directory; sysctl learns its jail from
# jexec only in the real thing, so the stub assumes "srv".
cd "$work/tree/netinet" || exit 1
PATH="$work/stub:$PATH" kyua -v "test_suites.tcpinc.tcpinc_auth_bindir=$bindir" \
    test --results-file="$work/results.db" >"$work/kyua.out" 2>&1
cat "$work/kyua.out"
# Failure details; kyua's own "Test cases:" total is left out so that
# tools/test-step.sh counts each case once (from our last line).
kyua report --results-file="$work/results.db" --verbose \
    --results-filter=broken,failed 2>/dev/null |
    grep -v -e '^$' -e '^Test cases:' | tail -40
pass=$(grep -c -- '->  passed' "$work/kyua.out")
fail=$(grep -c -E -- '->  (failed|broken|skipped)' "$work/kyua.out")
# No case at all is a failure too (kyua could not run the program).
[ "$pass" -gt 0 ] || fail=$((fail + 1))
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
