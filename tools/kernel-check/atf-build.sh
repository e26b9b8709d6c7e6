#!/usr/bin/env bash
# Usage: atf-build.sh TOP OUT PY
#
# Rung 5 of DESIGN.md for tests/sys/netinet: every C program of the ATF
# suite (test programs and helpers) compiled for x86_64-freebsd (FreeBSD
# 15.0 userland headers of the pinned ziglang wheel) with zig, against the
# patched <netinet/tcp.h> (patches/0001, applied here to the wheel's copy),
# our <netinet/tcp_eno.h> (struct tcp_eno_stat) and the atf-c headers of
# Debian's libatf-dev.  Compile only: the programs run on FreeBSD
# (tools/bhyve-test.sh).  Ends with the usual "N passed, M failed" line.
set -uo pipefail

top=$1 out=$2 py=$3
# Runs share $out (several engineers, make test): one at a time, or one
# run's "rm -rf" pulls the objects from under another's link.
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9
passed=0 failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

zigdir=$("$py" -c 'import ziglang, os; print(os.path.dirname(ziglang.__file__))')
inc="$zigdir/lib/libc/include/generic-freebsd"
rm -rf "$out" && mkdir -p "$out/include/netinet" "$out/atf" "$out/obj"
cp "$inc/netinet/tcp.h" "$out/include/netinet/tcp.h"
if patch -s -p3 -d "$out/include/netinet" \
    <"$top/patches/0001-tcp.h-eno-constants.patch"; then
	pass "patched <netinet/tcp.h> (0001) for the tests"
else
	fail "patches/0001 does not apply to the wheel's tcp.h"
fi
if [ -f /usr/include/atf-c.h ]; then
	cp /usr/include/atf-c.h "$out/atf/"
	cp -R /usr/include/atf-c "$out/atf/"
else
	fail "atf-c headers missing (libatf-dev)"
fi

shopt -s nullglob
srcs=("$top"/tests/sys/netinet/*.c)
shopt -u nullglob
[ ${#srcs[@]} -gt 0 ] || fail "no C sources in tests/sys/netinet"
for src in "${srcs[@]}"; do
	obj="$out/obj/$(basename "${src%.c}").o"
	if "$py" -m ziglang cc -target x86_64-freebsd.15.0 -std=gnu17 -O1 \
	    -I"$out/include" -I"$out/atf" -idirafter "$top/sys" \
	    -Wall -Wextra -Werror \
	    -Wno-unused-parameter -c "$src" -o "$obj"; then
		pass "compiled ${src#"$top"/} for x86_64-freebsd"
	else
		fail "compile ${src#"$top"/}"
	fi
done
echo "kernel-atf-build: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
