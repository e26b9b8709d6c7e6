#!/bin/sh
# Usage: tools/apply-patches.sh [-n] [-f] SRCDIR
#
# Adds TCP-ENO (RFC 8547) and tcpcrypt (RFC 8548) to a FreeBSD source tree:
# checks that SRCDIR is the pinned release (FreeBSD 15.0-RELEASE), dry-runs
# every patch of patches/series first and stops at the first that does not
# apply (nothing is changed then), refuses a tree it was already applied to,
# then applies the patches and copies our new files into SRCDIR:
#   sys/netinet/tcp_eno*.[ch], tcpcrypt*.[ch]   (engines and kernel glue)
#   sys/netinet/tcpcrypt_core.h                 (crypto-core C header)
#   sys/conf/tcpcrypt_core_link.sh              (links crypto-core in)
#   share/man/man4/tcp_eno.4
# The crypto-core library itself is built and copied by build-kernel.sh.
#
#   -n   dry run only: check release and patches, change nothing
#   -f   accept a tree that is not 15.0-RELEASE (patches may still apply)
#
# Runs with /bin/sh and patch(1) of FreeBSD or GNU patch.

set -eu

usage() {
	echo "usage: $0 [-n] [-f] SRCDIR" >&2
	exit 2
}

dryrun=0
force=0
while getopts nf opt; do
	case $opt in
	n) dryrun=1 ;;
	f) force=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
src=$1
top=$(cd "$(dirname "$0")/.." && pwd)
release_want="15.0"
marker="$src/.tcpinc-applied"

die() {
	echo "apply-patches: $*" >&2
	exit 1
}

[ -d "$src/sys/netinet" ] || die "$src is not a FreeBSD source tree (no sys/netinet)"
[ -f "$top/patches/series" ] || die "no patches/series in $top"

# 1. The release, from sys/conf/newvers.sh.
newvers="$src/sys/conf/newvers.sh"
[ -f "$newvers" ] || die "no $newvers"
revision=$(sed -n 's/^REVISION="\(.*\)"/\1/p' "$newvers")
branch=$(sed -n 's/^BRANCH="\(.*\)"/\1/p' "$newvers")
case "$revision-$branch" in
"$release_want"-RELEASE | "$release_want"-RELEASE-p*)
	echo "apply-patches: $src is FreeBSD $revision-$branch"
	;;
*)
	if [ "$force" -eq 1 ]; then
		echo "apply-patches: WARNING: $src is $revision-$branch," \
		    "not $release_want-RELEASE (-f given)"
	else
		die "$src is FreeBSD $revision-$branch; these patches are for" \
		    "$release_want-RELEASE (use -f to try anyway)"
	fi
	;;
esac

# 2. Not twice.
if [ -e "$marker" ]; then
	die "already applied to $src ($(cat "$marker")); start from a clean tree"
fi
if [ -e "$src/sys/netinet/tcp_eno.c" ]; then
	die "$src/sys/netinet/tcp_eno.c exists: patched before? start from a clean tree"
fi

# 3. Dry-run every patch; change nothing unless all apply.
patch_opts="-p1 -N -t -l -F 2 -d $src"
series=$(grep -v '^#' "$top/patches/series" | grep -v '^$')
failed=0
for p in $series; do
	f="$top/patches/$p"
	[ -f "$f" ] || die "patches/series names $p, which does not exist"
	# shellcheck disable=SC2086
	if out=$(patch $patch_opts --dry-run <"$f" 2>&1); then
		echo "apply-patches: ok      $p"
	else
		echo "apply-patches: FAILED  $p does not apply to $src:" >&2
		echo "$out" | sed 's/^/    /' >&2
		failed=$((failed + 1))
	fi
done
if [ "$failed" -ne 0 ]; then
	die "$failed patch(es) do not apply; nothing was changed." \
	    "Each patch names the copy it was written against in its header."
fi
if [ "$dryrun" -eq 1 ]; then
	echo "apply-patches: dry run: every patch applies; nothing changed"
	exit 0
fi

# 4. Apply, then copy our files.  GNU patch leaves FILE.orig beside a
# file patched at an offset; remove the ones this run created.
for p in $series; do
	targets=$(sed -n 's|^+++ b/||p' "$top/patches/$p")
	fresh=""
	for t in $targets; do
		[ -e "$src/$t.orig" ] || fresh="$fresh $src/$t.orig"
	done
	# shellcheck disable=SC2086
	patch $patch_opts -s <"$top/patches/$p" || die "$p failed after a clean dry run"
	for o in $fresh; do
		rm -f "$o"
	done
done
for f in "$top"/sys/netinet/tcp_eno*.[ch] "$top"/sys/netinet/tcpcrypt*.[ch]; do
	cp "$f" "$src/sys/netinet/"
done
cp "$top/crypto-core/include/tcpcrypt_core.h" "$src/sys/netinet/"
cp "$top/sys/conf/tcpcrypt_core_link.sh" "$src/sys/conf/"
cp "$top/share/man/man4/tcp_eno.4" "$src/share/man/man4/"
{
	echo "tcpinc patches $(cd "$top" && git rev-parse --short HEAD 2>/dev/null ||
	    echo unknown) applied $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
} >"$marker"
echo "apply-patches: applied $(echo "$series" | wc -l | tr -d ' ') patches to $src"
echo "apply-patches: next: tools/build-kernel.sh $src"
