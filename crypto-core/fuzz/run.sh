#!/usr/bin/env bash
# Runs each crypto-core cargo-fuzz target for a bounded time (default 120 s
# each; FUZZ_SECONDS overrides) and prints the executions done.  Needs the
# nightly toolchain and cargo-fuzz 0.13.2
# (`cargo install --locked --version 0.13.2 cargo-fuzz`).  Not part of CI.
set -euo pipefail
cd "$(dirname "$0")"
secs=${FUZZ_SECONDS:-120}
for t in fuzz_peer_key fuzz_frame fuzz_x25519_paths; do
	# Longest input each target reads.
	case $t in
	fuzz_frame) max=70000 ;;       # a frame with clen 0xffff
	fuzz_x25519_paths) max=64 ;;   # k || u, nothing else
	*) max=200 ;;                  # a P-521 public key
	esac
	mkdir -p "corpus/$t"
	cp -n seeds/"$t"/* "corpus/$t"/ 2>/dev/null || true
	cargo +nightly fuzz run "$t" "corpus/$t" -- \
	    -max_total_time="$secs" -max_len="$max" -print_final_stats=1 2>&1 |
	    tee "/tmp/crypto-core-$t.log" | grep -E '^(stat::number_of_executed_units|#[0-9]+[[:space:]]+DONE|==[0-9]+==)' || true
done
