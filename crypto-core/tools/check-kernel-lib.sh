#!/usr/bin/env bash
# Usage: check-kernel-lib.sh LIB.a [LIB.a ...]
# Checks a kernel-target crypto-core staticlib: every tcpcrypt_core_* function
# of the header is defined, and the only symbol left for the kernel to
# provide is tcpcrypt_core_panic (everything else, including the memcpy
# family from compiler_builtins, is inside the archive).  The archive is
# first linked (ld -r) from the header's functions, as the kernel links it:
# members nothing reaches (ring's getrandom dependency, which names libc's
# getrandom) stay out, as they do in the kernel object.  readelf is used
# because the prebuilt sysroot objects embed newer LLVM bitcode that the
# system's nm cannot read.  Prints "N passed, M failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
header="$top/crypto-core/include/tcpcrypt_core.h"
pass=0 fail=0
want=$(grep -oE '\btcpcrypt_core_[a-z0-9_]+\(' "$header" | tr -d '(' |
    grep -v '^tcpcrypt_core_panic$' | sort -u)
for lib in "$@"; do
	tmp=$(mktemp -d)
	roots=()
	for f in $want; do roots+=(-u "$f"); done
	if ! ld.lld -m elf_x86_64 -r "${roots[@]}" -o "$tmp/linked.o" "$lib"; then
		echo "FAIL $lib: ld.lld -r"
		fail=$((fail + 1))
		rm -rf "$tmp"
		continue
	fi
	readelf -sW "$tmp/linked.o" 2>/dev/null | awk '
		$5 == "GLOBAL" || $5 == "WEAK" {
			if ($7 == "UND") und[$8] = 1; else def[$8] = 1
		}
		END {
			for (s in und) if (!(s in def)) print "U", s
			for (s in def) print "D", s
		}' >"$tmp/syms"
	undef=$(awk '$1 == "U" { print $2 }' "$tmp/syms" | sort)
	if [ "$undef" = tcpcrypt_core_panic ]; then
		echo "ok   $lib: only tcpcrypt_core_panic left undefined"
		pass=$((pass + 1))
	else
		echo "FAIL $lib: undefined symbols:"
		while read -r sym; do echo "       $sym"; done <<<"$undef"
		fail=$((fail + 1))
	fi
	missing=0
	for f in $want; do
		grep -qx "D $f" "$tmp/syms" || { echo "FAIL $lib: $f not defined"; missing=1; }
	done
	if [ $missing -eq 0 ]; then
		echo "ok   $lib: all $(echo "$want" | wc -l) header functions defined"
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
	rm -rf "$tmp"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
