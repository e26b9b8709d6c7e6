#!/usr/bin/env bash
# Usage: kernel-check.sh TOP OUT PY KLIB
#
# Rung 4 of DESIGN.md: compile every kernel-side C file we ship as FreeBSD
# kernel code, link it with crypto-core's kernel static library, and check
# what the result needs from the kernel.
#
#   TOP   repository root
#   OUT   scratch directory (build/kernel-check)
#   PY    the venv python that has the pinned ziglang wheel
#   KLIB  crypto-core built for the kernel target ($(CRYPTO_CORE_KLIB))
#
# Steps, each printed, each counted in the closing "N passed, M failed":
#  1. a header tree holding only the kernel directories of the wheel's
#     FreeBSD headers (sys, net, netinet, vm, machine, ...), so a file that
#     includes a libc header fails as it would in buildkernel;
#  2. our patches to FreeBSD headers (tcp.h, tcp_var.h, tcp_syncache.h)
#     dry-run, then applied, to the wheel's copies: the context must match
#     the release's installed headers;
#  3. every sys/netinet/*.c we ship and tools/kernel-check/hooks_mirror.c
#     (the code our patches add to tcp_*.c, in functions with the call
#     sites' variables) compiled with the kernel flags; the mirror also
#     without TCP_ENO, which checks the inline stubs of tcp_eno_var.h;
#  4. the mirror checked against patches/*: every line a .c patch adds
#     must appear in it, so the two cannot drift apart; and the sys/conf/files
#     patch lists exactly the sys/netinet/*.c files we ship;
#  5. ld -r of all objects with KLIB, then the undefined symbols checked
#     against tools/kernel-symbols.allow (FreeBSD KPI we call), and no
#     strong definition of a kernel symbol (it would collide at link);
#  6. no red zone: nothing in the linked object stores below %rsp
#     (redzone-check.sh; ring's assembly is not compiled by us);
#  7. worst-case stack depth below our entry points, from the linked
#     object's disassembly (stack-depth.py): hooks called from tcp_input,
#     tcp_output, the syncache and timers within 4 KiB (crypto-core's key
#     agreement and frame crypto must stay in the workers), socket-layer
#     entries within 10 KiB, the tcpcrypt worker within half its 32 KiB.
set -uo pipefail

top=$1 out=$2 py=$3 klib=$4
# Runs share $out (several engineers, make test): one at a time, or one
# run's "rm -rf" pulls the objects from under another's link.
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9
passed=0 failed=0

pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
finish() {
	echo "kernel-check: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

zigdir=$("$py" -c 'import ziglang, os; print(os.path.dirname(ziglang.__file__))') || {
	fail "ziglang wheel not importable from $py"
	finish
}
zig=("$py" -m ziglang)
# A fresh zig cache each run: a cached compile prints no -H header list,
# which would blind the libc-header check below (its self-test caught it).
export ZIG_LOCAL_CACHE_DIR="$out/zig-cache"
export ZIG_GLOBAL_CACHE_DIR="$out/zig-global-cache"
inc="$zigdir/lib/libc/include"
target=x86_64-freebsd.15.0

# 1. Header tree: the kernel directories only.  zig adds the wheel's own
# libc include directories as system directories even with -nostdinc, so
# the tree is passed with -I, which is searched first: our patched
# netinet/tcp*.h win and a libc-only header is still found only by luck
# of zig's directories, never from ours.
sysroot=$out/sysroot
rm -rf "$out" && mkdir -p "$sysroot" "$out/include" "$out/obj"
for d in sys net netinet netinet6 netipsec netlink netpfil vm x86 crypto \
    security bsm geom dev fs; do
	if [ -d "$inc/generic-freebsd/$d" ]; then
		cp -R "$inc/generic-freebsd/$d" "$sysroot/$d"
	else
		fail "wheel lacks FreeBSD header directory $d"
	fi
done
mkdir -p "$sysroot/machine"
cp -R "$inc/generic-freebsd/machine/." "$sysroot/machine/"
cp -R "$inc/x86_64-freebsd-none/machine/." "$sysroot/machine/"
# FreeBSD's sys/epoch.h and netinet/in_pcb.h need ConcurrencyKit (ck_*.h).
ckdir=$out/ck
mkdir -p "$ckdir"
if compgen -G "/usr/include/ck_*.h" >/dev/null; then
	cp /usr/include/ck_*.h "$ckdir/"
	cp -R /usr/include/gcc /usr/include/spinlock "$ckdir/" 2>/dev/null
	pass "header tree: wheel $(basename "$(dirname "$zigdir")")/ziglang, target $target, libck-dev"
else
	fail "libck-dev headers missing (/usr/include/ck_*.h)"
fi

# 2. Our header patches, applied to the release's installed headers.
while read -r p; do
	case $p in ''|'#'*) continue ;; esac
	files=$(grep '^+++ ' "$top/patches/$p" | awk '{print $2}')
	case $files in *.c*|*/conf/*) continue ;; esac
	if patch -p2 -d "$sysroot" --dry-run -s <"$top/patches/$p" >/dev/null &&
	    patch -p2 -d "$sysroot" -s <"$top/patches/$p"; then
		pass "patch $p applies to the wheel's headers"
	else
		fail "patch $p does not apply to the wheel's headers"
	fi
done <"$top/patches/series"

# Option headers config(8) would generate, and offset.inc.
cat >"$out/include/opt_inet.h" <<'OPT'
#define	INET	1
#ifndef TCP_ENO_OFF
#define	TCP_ENO	1
#endif
OPT
cat >"$out/include/opt_inet6.h" <<'OPT'
#define	INET6	1
OPT
cat >"$out/include/opt_global.h" <<'OPT'
#define	VIMAGE	1
OPT
for o in opt_ipsec.h opt_kern_tls.h opt_rss.h opt_ratelimit.h opt_tcpdebug.h \
    opt_mac.h opt_ddb.h opt_kdtrace.h; do
	: >"$out/include/$o"
done

cflags=(-target "$target" -nostdinc -I"$sysroot" -idirafter "$ckdir"
    -I"$out/include" -I"$top/sys" -I"$top/crypto-core/include"
    -include "$out/include/opt_global.h"
    -D_KERNEL -DVIMAGE -DINET -DINET6 -ffreestanding -mcmodel=kernel
    -mno-red-zone -mno-sse -msoft-float -fno-builtin -fno-common -fno-pic
    -fno-sanitize=all -fno-omit-frame-pointer -O2 -std=gnu17
    -Wall -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith
    -Wredundant-decls -Wnested-externs -Wcast-qual -Wundef -Wswitch \
    -Wno-pointer-sign -D__printf__=__freebsd_kprintf__ -Werror)

if ! "${zig[@]}" cc "${cflags[@]}" -DGENOFFSET -c \
    "$top/tools/kernel-check/genoffset.c" -o "$out/genoffset.o" ||
    ! bash "$top/tools/kernel-check/genoffset.sh" "$out/genoffset.o" \
    >"$out/include/offset.inc"; then
	fail "offset.inc (struct thread_lite) not generated"
fi

# 3. Compile.
objs=()
compile() {	# compile SRC OBJ [EXTRA FLAGS...]
	local src=$1 obj=$2
	shift 2
	# -H lists every header actually included (dots = depth).
	if ! "${zig[@]}" cc "${cflags[@]}" "$@" -H -c "$src" -o "$obj" \
	    2>"$obj.log"; then
		grep -v '^\.' "$obj.log"
		fail "compile ${src#"$top"/} $*"
		return 1
	fi
	grep -v '^\.' "$obj.log"
	# A header found only in zig's own directories (libc, compiler
	# builtins) would not exist in a FreeBSD kernel build.
	if grep '^\.' "$obj.log" | grep -F "ziglang/lib/" | sort -u |
	    sed 's/^\.* /  outside the kernel tree: /' | grep .; then
		fail "compile ${src#"$top"/} $* (includes non-kernel headers)"
		return 1
	fi
	pass "compiled ${src#"$top"/} $*"
	return 0
}
shopt -s nullglob
srcs=("$top"/sys/netinet/*.c)
shopt -u nullglob
if [ ${#srcs[@]} -eq 0 ]; then
	fail "no kernel C sources under sys/netinet"
fi
for src in "${srcs[@]}"; do
	obj=$out/obj/$(basename "${src%.c}").o
	compile "$src" "$obj" && objs+=("$obj")
done
mirror=$top/tools/kernel-check/hooks_mirror.c
compile "$mirror" "$out/obj/hooks_mirror.o" && objs+=("$out/obj/hooks_mirror.o")
compile "$mirror" "$out/hooks_mirror_off.o" -DTCP_ENO_OFF

# The libc-header detector must fire on a file that needs it.
fixture=$top/tools/kernel-check/fixtures/libc_header.c
if "${zig[@]}" cc "${cflags[@]}" -H -c "$fixture" -o "$out/fixture.o" \
    2>"$out/fixture.log" &&
    ! grep '^\.' "$out/fixture.log" | grep -qF "ziglang/lib/"; then
	fail "self-test: a libc header in kernel code went unnoticed"
else
	pass "self-test: a libc header in kernel code is caught"
fi

# 4. The mirror holds every line the .c patches add.
missing=0
while read -r p; do
	case $p in ''|'#'*) continue ;; esac
	grep -q '^+++ .*\.c$' "$top/patches/$p" || continue
	while IFS= read -r line; do
		want=$(printf '%s' "${line#+}" | sed 's/^[[:space:]]*//')
		[ -n "$want" ] || continue
		if ! grep -qF -- "$want" "$mirror"; then
			echo "  $p adds a line the mirror lacks: $want"
			missing=$((missing + 1))
		fi
	done < <(grep '^+' "$top/patches/$p" | grep -v '^+++ ')
done <"$top/patches/series"
if [ "$missing" -eq 0 ]; then
	pass "hooks_mirror.c holds every line added by the .c patches"
else
	fail "hooks_mirror.c is missing $missing added lines"
fi

# sys/conf/files must list exactly the kernel C files we ship.
if bash "$top/tools/kernel-check/conf-files-patch.sh" "$top" |
    cmp -s - "$top/patches/0010-conf-files-tcp_eno.patch"; then
	pass "patches/0010 lists every sys/netinet/*.c"
else
	fail "patches/0010 is stale: run tools/kernel-check/conf-files-patch.sh"
fi

# 5. Link and check symbols.
linked=$out/tcpinc_kernel.o
if [ ! -f "$klib" ]; then
	fail "crypto-core kernel library missing: $klib"
	finish
fi
# crypto-core goes in as buildkernel puts it in: tcpcrypt_core.o from
# sys/conf/tcpcrypt_core_link.sh (ld -r --gc-sections from the
# tcpcrypt_core_* entry points), so what is checked below is what links.
coreobj=$out/tcpcrypt_core.o
if sh "$top/sys/conf/tcpcrypt_core_link.sh" ld.lld llvm-nm "$klib" "$coreobj"; then
	pass "sys/conf/tcpcrypt_core_link.sh $(basename "$klib") -> ${coreobj#"$top"/}"
else
	fail "sys/conf/tcpcrypt_core_link.sh"
	finish
fi
if "${zig[@]}" ld.lld -r -o "$linked" "${objs[@]}" "$coreobj"; then
	pass "ld -r ${#objs[@]} objects + tcpcrypt_core.o -> ${linked#"$top"/}"
else
	fail "ld -r"
	finish
fi
# rustc can embed LLVM bitcode (.llvmbc) in the library's objects: dead
# weight in a kernel, and input an older llvm-nm aborts on.  Measured and
# checked without it; its presence is reported.
llvm-readelf -S "$linked" >"$out/sections.txt"
if grep -q ' \.llvmbc ' "$out/sections.txt"; then
	if llvm-objcopy --remove-section=.llvmbc --remove-section=.llvmcmd \
	    "$linked"; then
		echo "note: removed embedded LLVM bitcode (.llvmbc) from" \
		    "${linked#"$top"/}; the kernel library should not carry it"
	else
		fail "llvm-objcopy could not remove .llvmbc"
	fi
fi
allow=$top/tools/kernel-symbols.allow
grep -v '^#' "$allow" | awk 'NF {print $1}' | sort -u >"$out/allow.txt"
# A failing llvm-nm must not read as "nothing undefined".
if ! llvm-nm -u "$linked" >"$out/nm-u.txt" ||
    ! llvm-nm --defined-only -g "$linked" >"$out/nm-def.txt"; then
	fail "llvm-nm cannot read ${linked#"$top"/}"
	finish
fi
awk '{print $NF}' "$out/nm-u.txt" | sort -u >"$out/undefined.txt"
comm -23 "$out/undefined.txt" "$out/allow.txt" >"$out/unexpected.txt"
if [ -s "$out/unexpected.txt" ]; then
	fail "undefined symbols not in tools/kernel-symbols.allow:"
	sed 's/^/  /' "$out/unexpected.txt"
else
	pass "$(wc -l <"$out/undefined.txt") undefined symbols, all in kernel-symbols.allow"
fi
awk '$2 ~ /^[TDBR]$/ {print $3}' "$out/nm-def.txt" | sort -u \
    >"$out/defined.txt"
comm -12 "$out/defined.txt" "$out/allow.txt" >"$out/collide.txt"
if [ -s "$out/collide.txt" ]; then
	fail "strong definitions of kernel symbols (duplicate at kernel link):"
	sed 's/^/  /' "$out/collide.txt"
else
	pass "no strong definition collides with a kernel symbol"
fi

# 6. No red zone: assembly that crypto-core
# links (ring) must not write below %rsp; the check must catch one that does.
if bash "$top/tools/kernel-check/redzone-check.sh" "$linked" >"$out/redzone.txt"; then
	pass "no instruction uses the red zone below %rsp"
else
	head -5 "$out/redzone.txt"
	fail "red zone used ($(wc -l <"$out/redzone.txt") instructions, $out/redzone.txt)"
fi
printf '.globl f\nf:\n\tmovq %%rbx, -8(%%rsp)\n\tret\n' >"$out/redzone-self.s"
if clang -c -o "$out/redzone-self.o" "$out/redzone-self.s" &&
    ! bash "$top/tools/kernel-check/redzone-check.sh" "$out/redzone-self.o" \
    >/dev/null; then
	pass "self-test: a store below %rsp is caught"
else
	fail "self-test: redzone-check.sh missed a store below %rsp"
fi

# 7. Stack depth (tcpcrypt.c explains the budgets).
depth() {	# depth WHAT BUDGET ENTRY...
	local what=$1 budget=$2
	shift 2
	if python3 "$top/tools/kernel-check/stack-depth.py" llvm-objdump \
	    "$linked" --budget "$budget" --assume-indirect \
	    tep_valid,tep_subopt,tcpcrypt_kern_alloc,tcpcrypt_kern_free,tcpcrypt_kern_random \
	    "$@" >"$out/depth-$what.txt"; then
		pass "stack: $what within $budget bytes (worst $(awk \
		    '/ bytes worst case/ {if ($2 > m) m = $2} END {print m}' \
		    "$out/depth-$what.txt"))"
	else
		grep -v '^    ' "$out/depth-$what.txt" | grep -E 'OVER|not defined'
		fail "stack: $what over $budget bytes ($out/depth-$what.txt)"
	fi
}
depth input-output-timer 4096 tcp_eno_sbappendstream_locked \
    tcp_eno_input_syn_sent tcp_eno_input_established tcp_eno_input_fin \
    tcp_eno_input_failed tcp_eno_ignore_urg tcp_eno_output_pump \
    tcp_eno_output_options tcp_eno_output_fitted tcp_eno_addoption \
    tcp_eno_output_recwin tcp_eno_output_hold_fin \
    tcp_eno_keepalive tcp_eno_syn_refused tcp_eno_syncache_prepare \
    tcp_eno_syncache_respond tcp_eno_syncache_socket tcp_eno_syncache_free \
    tcp_eno_syncache_cookie_refused \
    tcp_eno_dooptions tcp_eno_dooptions_done tcp_eno_tcpcb_free
depth socket-layer 10240 tcp_eno_usr_send tcp_eno_usr_send_locked \
    tcp_eno_usrclosed tcp_eno_ctloutput tcp_eno_stack_switch
depth worker 16384 tcpcrypt_worker
# The measurement must see crypto-core's depth, or the budgets prove
# nothing: key agreement below the engine is far over the hook budget.
if python3 "$top/tools/kernel-check/stack-depth.py" llvm-objdump "$linked" \
    --budget 4096 tcpcrypt_handle_stream_bytes >"$out/depth-self.txt"; then
	fail "self-test: stack-depth.py missed key agreement's depth"
else
	pass "self-test: key agreement is over 4096 bytes ($(awk \
	    '/ bytes worst case/ {print $2}' "$out/depth-self.txt"))"
fi
finish
