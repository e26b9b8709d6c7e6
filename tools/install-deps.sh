#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test the
# project: Debian packages, the pinned Python packages (in build/venv) and the
# Rust targets and components.  Safe to run again; it only adds what is missing.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
venv="$top/build/venv"

apt_pkgs=(
	clang lld llvm libclang-rt-14-dev	# host C, sanitizers, libFuzzer
	kyua atf-sh libatf-dev			# ATF tests, run with kyua
	libck-dev				# ConcurrencyKit headers for FreeBSD's sys/epoch.h
	mandoc shellcheck tshark		# man page lint, script lint, pcap checks
	libssl-dev pkg-config			# OpenSSL reference for benchmarks and tools
	python3-venv jq
)

missing=()
for p in "${apt_pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
	    missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "install-deps: apt packages: ${missing[*]}"
	sudo_cmd=()
	[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
	"${sudo_cmd[@]}" apt-get update -qq
	# tshark asks whether non-root users may capture; the default (no) is fine.
	DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
	    --no-install-recommends "${missing[@]}"
fi

if [ ! -x "$venv/bin/python" ]; then
	python3 -m venv "$venv"
fi
req_sum=$(sha256sum "$top/tools/requirements.txt" | cut -d' ' -f1)
if [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$req_sum" ]; then
	"$venv/bin/python" -m pip install -q --disable-pip-version-check \
	    -r "$top/tools/requirements.txt"
	echo "$req_sum" >"$venv/.requirements.sha256"
fi

if command -v rustup >/dev/null 2>&1; then
	rustup target list --installed | grep -qx x86_64-unknown-none ||
	    rustup target add x86_64-unknown-none
	rustup component list --installed --toolchain nightly 2>/dev/null |
	    grep -q '^rust-src' ||
	    rustup component add rust-src --toolchain nightly
	# make test runs clippy and rustfmt --check on crypto-core.
	for comp in clippy rustfmt; do
		rustup component list --installed 2>/dev/null | grep -q "^$comp" ||
		    rustup component add "$comp"
	done
else
	echo "install-deps: rustup not found; install Rust (stable and nightly) first" >&2
	exit 1
fi
# Each area adds what only it needs (cargo tools, ...) in a fragment of its own.
for frag in "$top"/tools/deps.d/*.sh; do
	[ -e "$frag" ] || continue
	# shellcheck source=/dev/null
	. "$frag"
done
echo "install-deps: ok"
