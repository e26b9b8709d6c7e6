#!/usr/bin/env bash
# Usage: test-summary.sh LOGDIR MAKE_STATUS
# Prints each test step's counts and the total; exits non-zero if any step
# failed or if make itself failed (a step that did not even build).
set -uo pipefail
logdir=$1 make_status=${2:-0}
tp=0 tf=0 ts=0 bad=0
echo "=== summary of make test"
for r in "$logdir"/*.result; do
	[ -e "$r" ] || continue
	read -r p f s st <"$r"
	printf '  %-32s %6d passed %4d failed %4d skipped%s\n' \
	    "$(basename "$r" .result)" "$p" "$f" "$s" \
	    "$([ "$st" -ne 0 ] && echo "  (exit $st)")"
	tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
	[ "$st" -eq 0 ] || bad=1
done
if [ "$make_status" -ne 0 ] && [ "$bad" -eq 0 ]; then
	echo "  make failed outside any test step (build error?): exit $make_status"
	tf=$((tf + 1))
fi
echo "make test: $tp passed, $tf failed, $ts skipped"
[ "$tf" -eq 0 ] && [ "$make_status" -eq 0 ]
