#!/usr/bin/env bash
# Usage: conf-files-patch.sh TOP > patches/0010-conf-files-tcp_eno.patch
#
# Writes the sys/conf/files patch: one "optional tcp_eno inet | tcp_eno
# inet6" line for every sys/netinet/*.c we ship (engines and glue), and the
# crypto-core object built by sys/conf/tcpcrypt_core_link.sh.  The hunk sits
# after FreeBSD's tcp_fastopen.c line, the way TCP Fast Open is listed.
# kernel-check.sh fails when the patch and sys/netinet/ disagree; run this
# again after adding a file.
set -euo pipefail
top=$1
lines=()
for f in "$top"/sys/netinet/*.c; do
	lines+=("$(printf 'netinet/%s\t\toptional tcp_eno inet | tcp_eno inet6' \
	    "$(basename "$f")")")
done
# The crypto-core entry: make(1) variables, expanded by the kernel build.
bs="\\"
# shellcheck disable=SC2016
lines+=("$(printf 'tcpcrypt_core.o\t\t\toptional tcp_eno\t\t\t\t%s' "$bs")")
# shellcheck disable=SC2016
lines+=("$(printf '\tdependency\t"%s %s" %s' '$S/netinet/libtcpcrypt_core.a' \
    '$S/conf/tcpcrypt_core_link.sh' "$bs")")
# shellcheck disable=SC2016
lines+=("$(printf '\tcompile-with\t"sh %s ${LD} ${NM} %s ${.TARGET}" %s' \
    '$S/conf/tcpcrypt_core_link.sh' '$S/netinet/libtcpcrypt_core.a' "$bs")")
lines+=("$(printf '\tno-implicit-rule')")
n=${#lines[@]}
printf 'Context: FreeBSD 15.0 sys/conf/files, TCP Fast Open lines (not read\n'
printf 'from a stored copy: check with tools/apply-patches.sh --dry-run).\n'
printf -- '--- a/sys/conf/files\n+++ b/sys/conf/files\n'
printf '@@ -4400,2 +4400,%d @@\n' $((n + 2))
printf ' netinet/tcp_fastopen.c\t\toptional inet tcp_rfc7413 | inet6 tcp_rfc7413\n'
for l in "${lines[@]}"; do
	printf '+%s\n' "$l"
done
printf ' netinet/tcp_hostcache.c\t\toptional inet | inet6\n'
