#!/bin/sh
# Usage: tools/bhyve-test.sh [-c CPUS] [-m MEM] [-k KERNCONF] -i IMAGE [SRCDIR]
#
# Boots the kernel that tools/build-kernel.sh built from SRCDIR (default
# /usr/src) in a bhyve(8) guest and runs our ATF suite (tests/sys/netinet)
# there with kyua(1), printing kyua's report.  One guest is enough: the
# two-stack tests run two vnet jails joined by an epair(4) inside it.
#
#   IMAGE   a FreeBSD 15.0-RELEASE amd64 UFS VM image (raw), e.g.
#           FreeBSD-15.0-RELEASE-amd64-ufs.raw from
#           https://download.freebsd.org/releases/VM-IMAGES/15.0-RELEASE/amd64/
#           It is not modified: the guest runs on a copy.
#
# Needs root, vmm(4) and a FreeBSD host with the kyua package in the image
# (pkg -r MOUNTPOINT install kyua is tried when it is missing) and
# tcpdump(1) in base.  Exit status: 0 if every test case passed or was
# skipped.

set -eu

usage() {
	echo "usage: $0 [-c CPUS] [-m MEM] [-k KERNCONF] -i IMAGE [SRCDIR]" >&2
	exit 2
}

cpus=2
mem=2G
kernconf=TCPINC
image=
while getopts c:m:k:i: opt; do
	case $opt in
	c) cpus=$OPTARG ;;
	m) mem=$OPTARG ;;
	k) kernconf=$OPTARG ;;
	i) image=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ -n "$image" ] || usage
[ $# -le 1 ] || usage
src=${1:-/usr/src}
top=$(cd "$(dirname "$0")/.." && pwd)
vm="tcpinc$$"
testsdir=/usr/tests/sys/netinet/tcp_eno

die() {
	echo "bhyve-test: $*" >&2
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "run as root (bhyve, mdconfig, mount)"
[ -f "$image" ] || die "no image $image"
kldstat -q -m vmm || kldload vmm || die "cannot load vmm(4)"

work=$(mktemp -d "${TMPDIR:-/tmp}/tcpinc-bhyve.XXXXXX")
md=
cleanup() {
	if mount | grep -q " on $work/mnt "; then
		umount "$work/mnt" || true
	fi
	if [ -n "$md" ]; then
		mdconfig -d -u "$md" || true
	fi
	bhyvectl --destroy --vm="$vm" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

echo "bhyve-test: copying $image"
cp "$image" "$work/disk.img"
md=$(mdconfig -a -t vnode -f "$work/disk.img")
mkdir -p "$work/mnt"
rootdev=/dev/gpt/rootfs
[ -e "$rootdev" ] || rootdev=$(gpart show -p "$md" |
    awk '$4 == "freebsd-ufs" { print "/dev/" $3; exit }')
if [ -z "$rootdev" ] || [ ! -e "$rootdev" ]; then
	die "no UFS root partition on $md"
fi
mount "$rootdev" "$work/mnt"

echo "bhyve-test: installing kernel $kernconf"
make -C "$src" installkernel KERNCONF="$kernconf" DESTDIR="$work/mnt" \
    >"$work/installkernel.log" 2>&1 || die "installkernel failed: $work/installkernel.log"

echo "bhyve-test: building and installing the tests"
mkdir -p "$work/mnt$testsdir"
make -C "$top/tests/sys/netinet" MAKEOBJDIRPREFIX="$work/obj" \
    TESTSDIR="$testsdir" DESTDIR="$work/mnt" obj all install \
    >"$work/tests.log" 2>&1 || die "test build failed: $work/tests.log"
if [ ! -x "$work/mnt/usr/local/bin/kyua" ] && [ ! -x "$work/mnt/usr/bin/kyua" ]; then
	pkg -r "$work/mnt" install -y kyua >/dev/null 2>&1 ||
	    die "kyua is not in the image and pkg could not add it"
fi

# The guest runs the suite once, prints the report between markers on the
# serial console and powers off.
cat >>"$work/mnt/boot/loader.conf" <<EOF
console="comconsole"
autoboot_delay="1"
EOF
cat >"$work/mnt/etc/rc.local" <<EOF
#!/bin/sh
PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
cd $testsdir
kyua test -k $testsdir/Kyuafile >/dev/null 2>&1
echo "=== tcpinc kyua report begin"
kyua report --verbose
echo "=== tcpinc kyua report end"
shutdown -p now
EOF
chmod 755 "$work/mnt/etc/rc.local"
umount "$work/mnt"
mdconfig -d -u "$md"
md=

echo "bhyve-test: booting $vm ($cpus CPUs, $mem)"
bhyveload -m "$mem" -d "$work/disk.img" "$vm" >/dev/null
bhyve -c "$cpus" -m "$mem" -A -H -P \
    -s 0,hostbridge -s 1,lpc -s 2,virtio-blk,"$work/disk.img" \
    -l com1,stdio "$vm" </dev/null >"$work/console.log" 2>&1 || true
bhyvectl --destroy --vm="$vm" >/dev/null 2>&1 || true

sed -n '/^=== tcpinc kyua report begin/,/^=== tcpinc kyua report end/p' \
    "$work/console.log" | tr -d '\r' >"$work/report.txt"
[ -s "$work/report.txt" ] || die "no report in $work/console.log"
cat "$work/report.txt"
if grep -Eq '^Test cases: .*[1-9][0-9]* (broken|failed)' "$work/report.txt"; then
	echo "bhyve-test: failures; console log kept in $work" >&2
	trap - EXIT
	cleanup
	exit 1
fi
echo "bhyve-test: all passed or skipped"
