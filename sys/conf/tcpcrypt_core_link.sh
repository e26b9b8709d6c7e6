#!/bin/sh
# Usage: tcpcrypt_core_link.sh LD NM ARCHIVE OUTPUT
#
# Called from the sys/conf/files entry of tcpcrypt_core.o (patches/0010)
# during buildkernel: turns crypto-core's kernel static library into one
# relocatable object holding the members the tcpcrypt_core_* entry points
# need, and nothing else of the Rust runtime, so the kernel link sees no
# unused compiler_builtins definitions.  tools/kernel-check does the same
# link on Linux and checks the undefined symbols (tools/kernel-symbols.allow).
set -eu
ld=$1 nm=$2 archive=$3 out=$4
undef=""
for sym in $("$nm" -g --defined-only "$archive" 2>/dev/null |
    awk '$2 == "T" && $3 ~ /^tcpcrypt_core_/ { print $3 }' | sort -u); do
	undef="$undef -u $sym"
done
if [ -z "$undef" ]; then
	echo "tcpcrypt_core_link.sh: no tcpcrypt_core_* symbols in $archive" >&2
	exit 1
fi
# shellcheck disable=SC2086
"$ld" -m elf_x86_64_fbsd -r --gc-sections -o "$out" $undef "$archive"
