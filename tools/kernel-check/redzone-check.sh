#!/usr/bin/env bash
# Usage: redzone-check.sh OBJ
#
# Kernel code must not use the red zone (the 128 bytes below %rsp that the
# SysV ABI lets leaf functions use): an interrupt taken in kernel mode
# pushes its frame at %rsp and overwrites them.  Compiled code avoids it
# with -mno-red-zone / "disable-redzone"; hand-written or generated
# assembly (ring's perlasm, CryptOpt's X25519) has to be checked.  This
# lists every instruction of OBJ that touches memory at a negative offset
# from %rsp (lea only computes an address and is skipped) and fails if
# there is one.
set -uo pipefail
obj=$1
llvm-objdump -d --no-show-raw-insn "$obj" | awk '
	/^[0-9a-f]+ <.*>:$/ { fn = $2; next }
	/-(0x[0-9a-f]+|[0-9]+)\(%rsp\)/ {
		split($0, f, "\t")
		insn = f[2]
		if (insn ~ /^lea/) next
		print "red zone: " fn " " $0
		bad++
	}
	END { exit bad > 0 }'
