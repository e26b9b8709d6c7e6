#!/usr/bin/env bash
# Runs each crypto-core cargo-fuzz target for a bounded time (default 120 s
# each; FUZZ_SECONDS overrides) and prints the executions done.  Needs the
# nightly toolchain and cargo-fuzz 0.13.2
# (`cargo install --locked --version 0.13.2 cargo-fuzz`).  Not part of CI.
set -euo pipefail
cd "$(dirname "$0")"
secs=${FUZZ_SECONDS:-120}
for t in fuzz_peer_key fuzz_frame; do
	mkdir -p "corpus/$t"
	cp -n seeds/"$t"/* "corpus/$t"/ 2>/dev/null || true
	cargo +nightly fuzz run "$t" "corpus/$t" -- \
	    -max_total_time="$secs" -max_len="$([ "$t" = fuzz_frame ] && echo 70000 || echo 200)" -print_final_stats=1 2>&1 |
	    tee "/tmp/crypto-core-$t.log" | grep -E '^(stat::number_of_executed_units|#[0-9]+ *DONE|==[0-9]+==)' || true
done
