# crypto-core: cbindgen generates crypto-core/include/tcpcrypt_core.h, and
# `make test` regenerates it to check the checked-in copy is not stale.
# Sourced by tools/install-deps.sh; idempotent, quick when installed.
# (cargo-fuzz for `make crypto-core-fuzz` is not installed here: fuzzing is
# a local activity, not part of CI; see crypto-core/README.md.)
crypto_core_cbindgen_version=0.29.4
if ! cbindgen --version 2>/dev/null | grep -qx "cbindgen $crypto_core_cbindgen_version"; then
	echo "install-deps: cargo install cbindgen $crypto_core_cbindgen_version"
	cargo install --locked --version "$crypto_core_cbindgen_version" cbindgen
fi
