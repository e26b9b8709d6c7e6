#!/usr/bin/env bash
# Usage: test-step.sh LOGDIR NAME COMMAND [ARG ...]
# Runs one test step of `make test`, shows its output, keeps it in
# LOGDIR/NAME.log and records in LOGDIR/NAME.result how many checks passed
# and failed, read from the runner's own closing lines:
#   "N passed, M failed"  (our runners)
#   "test result: ... N passed; M failed"  (cargo test, summed)
#   "Test cases: T total, S skipped, X expected failures, B broken, F failed" (kyua)
# A step whose output has none of these counts as one check, by exit status.
set -uo pipefail
logdir=$1 name=$2
shift 2
mkdir -p "$logdir"
log="$logdir/$name.log"
echo "=== test step: $name"
"$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
counts=$(awk '
	/^test result:/ {
		for (i = 1; i <= NF; i++) {
			if ($(i+1) ~ /^passed;?/) cp += $i
			if ($(i+1) ~ /^failed;?/) cf += $i
		}
		cargo = 1
	}
	/Test cases: [0-9]+ total/ {
		t = $3; s = $5; b = $(NF-3); f = $(NF-1)
		kp += t - s - b - f; kf += b + f; ks += s; kyua = 1
	}
	/^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed/ {
		sub(/^[A-Za-z-]+: /, "")
		pp += $1; pf += $3; plain = 1
	}
	END {
		p = cp + kp + pp; f = cf + kf + pf
		if (cargo || kyua || plain) print p, f, ks + 0; else print "none"
	}' "$log")
if [ "$counts" = none ]; then
	if [ "$status" -eq 0 ]; then counts="1 0 0"; else counts="0 1 0"; fi
fi
read -r passed failed skipped <<<"$counts"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
	failed=1	# a runner that died before counting still fails the step
fi
echo "$passed $failed $skipped $status" >"$logdir/$name.result"
echo "=== $name: $passed passed, $failed failed (exit $status)"
exit "$status"
