#!/bin/sh
# Usage: tools/build-kernel.sh [-i] [-j N] [-k KERNCONF] [SRCDIR]
#
# On FreeBSD, after tools/apply-patches.sh SRCDIR (default /usr/src):
#  1. builds crypto-core for the kernel target (gmake crypto-core-kernel:
#     Rust nightly with rust-src, see README) and copies the static library
#     to SRCDIR/sys/netinet/libtcpcrypt_core.a, where the sys/conf/files
#     entry of patches/0010 links it;
#  2. writes SRCDIR/sys/amd64/conf/KERNCONF (default TCPINC): GENERIC plus
#     "options TCP_ENO";
#  3. runs make buildkernel KERNCONF=KERNCONF (and installkernel with -i).
# Then reboot, set net.inet.tcp.eno.* (tcp_eno(4)) and run the tests.

set -eu

usage() {
	echo "usage: $0 [-i] [-j N] [-k KERNCONF] [SRCDIR]" >&2
	exit 2
}

install=0
jobs=$(sysctl -n hw.ncpu 2>/dev/null || echo 2)
kernconf=TCPINC
while getopts ij:k: opt; do
	case $opt in
	i) install=1 ;;
	j) jobs=$OPTARG ;;
	k) kernconf=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage
src=${1:-/usr/src}
top=$(cd "$(dirname "$0")/.." && pwd)

die() {
	echo "build-kernel: $*" >&2
	exit 1
}

[ "$(uname -s)" = FreeBSD ] || die "run this on FreeBSD (uname says $(uname -s))"
[ "$(uname -m)" = amd64 ] || die "only amd64 is supported (crypto-core kernel target)"
[ -e "$src/.tcpinc-applied" ] ||
    die "$src is not patched: run tools/apply-patches.sh $src first"
command -v gmake >/dev/null 2>&1 || die "gmake not found (pkg install gmake)"

# 1. crypto-core for the kernel (x86_64, kernel code model, no red zone).
echo "build-kernel: building crypto-core for the kernel"
gmake -C "$top" crypto-core-kernel
klib="$top/build/crypto-core/kernel/libtcpcrypt_core.a"
[ -f "$klib" ] || die "crypto-core kernel library not built: $klib"
cp "$klib" "$src/sys/netinet/libtcpcrypt_core.a"

# 2. Kernel configuration.
conf="$src/sys/amd64/conf/$kernconf"
cat >"$conf" <<EOF
# Written by tcpinc tools/build-kernel.sh: GENERIC with TCP-ENO/tcpcrypt.
include		GENERIC
ident		$kernconf
options		TCP_ENO		# TCP-ENO (RFC 8547) and tcpcrypt (RFC 8548)
EOF
echo "build-kernel: wrote $conf"

# 3. Build (and install).
echo "build-kernel: make -j$jobs buildkernel KERNCONF=$kernconf"
make -C "$src" -j"$jobs" buildkernel KERNCONF="$kernconf"
if [ "$install" -eq 1 ]; then
	make -C "$src" installkernel KERNCONF="$kernconf"
	echo "build-kernel: installed; reboot into the new kernel"
else
	echo "build-kernel: built; install with:" \
	    "make -C $src installkernel KERNCONF=$kernconf"
fi
