# crypto-core: the no_std Rust tcpcrypt library (crypto-core/), its C header,
# the host staticlib and the kernel staticlib (two routes), and its tests.
#
#   crypto-core-host         $(CRYPTO_CORE_LIB): host release staticlib
#   crypto-core-kernel-soft  x86_64-unknown-none, software AES/GHASH/ChaCha
#   crypto-core-kernel-simd  custom target JSON with SSE/AES-NI/PCLMUL (nightly
#                            build-std); every call must be inside
#                            fpu_kern_enter/fpu_kern_leave
#   crypto-core-kernel       $(CRYPTO_CORE_KLIB): the route named by
#                            CRYPTO_CORE_KERNEL_ROUTE (soft or simd)
#   crypto-core-header       regenerate crypto-core/include/tcpcrypt_core.h
#   crypto-core-fuzz         run the cargo-fuzz targets locally (not in CI)

CC_DIR := $(TOP)/crypto-core
CC_SRCS := $(wildcard $(CC_DIR)/src/*.rs) $(CC_DIR)/Cargo.toml $(CC_DIR)/Cargo.lock
CC_CARGO := cargo
CC_JOBS := -j2
CC_HEADER := $(CC_DIR)/include/tcpcrypt_core.h
CC_CBINDGEN := cbindgen

# Kernel route: see /work/team/requests/lead-kernel-route.md and BENCHMARKS.md.
CRYPTO_CORE_KERNEL_ROUTE ?= simd

CC_KSOFT_LIB := $(BUILD)/crypto-core/kernel-soft/libtcpcrypt_core.a
CC_KSIMD_LIB := $(BUILD)/crypto-core/kernel-simd/libtcpcrypt_core.a
CC_KSIMD_TARGET := $(CC_DIR)/targets/x86_64-tcpcrypt-kernel.json
# Software backends: the SIMD ones do not build with the soft-float ABI.
CC_KSOFT_RUSTFLAGS := --cfg aes_backend="soft" --cfg polyval_backend="soft" \
	--cfg poly1305_backend="soft" --cfg chacha20_backend="soft" \
	--cfg curve25519_dalek_backend="serial"
CC_KFEATURES := --no-default-features --features kernel
CC_KFEATURES_SIMD := --no-default-features --features kernel,asm

.PHONY: crypto-core-host crypto-core-kernel crypto-core-kernel-soft \
	crypto-core-kernel-simd crypto-core-header crypto-core-fuzz \
	test-crypto-core-cargo test-crypto-core-clippy test-crypto-core-header \
	test-crypto-core-kernel test-crypto-core-capi test-crypto-core-stack

BUILD_TARGETS += crypto-core-host crypto-core-kernel
TEST_TARGETS += test-crypto-core-header test-crypto-core-cargo \
	test-crypto-core-clippy test-crypto-core-capi test-crypto-core-kernel \
	test-crypto-core-stack

crypto-core-host: $(CRYPTO_CORE_LIB)
$(CRYPTO_CORE_LIB): $(CC_SRCS)
	cd $(CC_DIR) && $(CC_CARGO) build --release --locked $(CC_JOBS)
	@mkdir -p $(dir $@)
	cp $(CC_DIR)/target/release/libtcpcrypt_core.a $@

crypto-core-kernel-soft: $(CC_KSOFT_LIB)
$(CC_KSOFT_LIB): $(CC_SRCS)
	cd $(CC_DIR) && CARGO_TARGET_DIR=$(CC_DIR)/target/kernel-soft \
	    RUSTFLAGS='$(CC_KSOFT_RUSTFLAGS)' \
	    $(CC_CARGO) build --release --locked $(CC_JOBS) \
	    --target x86_64-unknown-none $(CC_KFEATURES)
	@mkdir -p $(dir $@)
	cp $(CC_DIR)/target/kernel-soft/x86_64-unknown-none/release/libtcpcrypt_core.a $@

# ring's C and assembly (feature asm) for the kernel: FreeBSD's ABI, kernel
# code model, no red zone, no libc headers (ring then inlines its own
# memcpy/memset), no PIC.  CRATE_CC_NO_DEFAULTS keeps the cc crate from
# adding host defaults (-fPIC) to these.  ring names `alloc` but allocates
# nothing on this path (the kernel-lib check finds no allocator symbol).
CC_KSIMD_CFLAGS := --target=x86_64-unknown-freebsd15.0 -O2 -ffreestanding \
	-nostdlibinc -DRING_CORE_NOSTDLIBINC=1 -mcmodel=kernel -mno-red-zone \
	-fno-pic -fno-stack-protector -ffunction-sections -fdata-sections
CC_KSIMD_ENV := CC_x86_64_tcpcrypt_kernel=clang AR_x86_64_tcpcrypt_kernel=llvm-ar \
	CFLAGS_x86_64_tcpcrypt_kernel='$(CC_KSIMD_CFLAGS)' CRATE_CC_NO_DEFAULTS=1

crypto-core-kernel-simd: $(CC_KSIMD_LIB)
$(CC_KSIMD_LIB): $(CC_SRCS) $(CC_KSIMD_TARGET)
	cd $(CC_DIR) && CARGO_TARGET_DIR=$(CC_DIR)/target/kernel-simd \
	    $(CC_KSIMD_ENV) \
	    $(CC_CARGO) +nightly build --release --locked $(CC_JOBS) \
	    -Zjson-target-spec -Zbuild-std=core,alloc,compiler_builtins \
	    -Zbuild-std-features=compiler-builtins-mem \
	    --target $(CC_KSIMD_TARGET) $(CC_KFEATURES_SIMD)
	@mkdir -p $(dir $@)
	cp $(CC_DIR)/target/kernel-simd/x86_64-tcpcrypt-kernel/release/libtcpcrypt_core.a $@

crypto-core-kernel: $(CRYPTO_CORE_KLIB)
$(CRYPTO_CORE_KLIB): $(BUILD)/crypto-core/kernel-$(CRYPTO_CORE_KERNEL_ROUTE)/libtcpcrypt_core.a
	@mkdir -p $(dir $@)
	cp $< $@

crypto-core-header:
	cd $(CC_DIR) && $(CC_CBINDGEN) --quiet --config cbindgen.toml \
	    --crate tcpcrypt-core --output $(CC_HEADER)

test-crypto-core-header:
	@mkdir -p $(BUILD)/crypto-core
	@cd $(CC_DIR) && $(TEST_STEP) $(TEST_LOGS) crypto-core-header bash -c '\
	    $(CC_CBINDGEN) --quiet --config cbindgen.toml --crate tcpcrypt-core \
	        --output $(BUILD)/crypto-core/tcpcrypt_core.h.fresh && \
	    if diff -u $(CC_HEADER) $(BUILD)/crypto-core/tcpcrypt_core.h.fresh; \
	    then echo "header up to date"; \
	    else echo "STALE: run make crypto-core-header"; exit 1; fi'

# Both AEAD/P-256 backends: asm (ring, the default) and soft (RustCrypto,
# the soft kernel route).
CC_SOFT_FEATURES := --no-default-features --features std

test-crypto-core-cargo:
	@cd $(CC_DIR) && $(TEST_STEP) $(TEST_LOGS) crypto-core-cargo bash -c '\
	    $(CC_CARGO) test --locked $(CC_JOBS) && \
	    $(CC_CARGO) test --locked $(CC_JOBS) $(CC_SOFT_FEATURES)'

test-crypto-core-clippy:
	@cd $(CC_DIR) && $(TEST_STEP) $(TEST_LOGS) crypto-core-clippy bash -c '\
	    $(CC_CARGO) fmt --check && \
	    $(CC_CARGO) clippy --locked $(CC_JOBS) --all-targets -- -D warnings && \
	    $(CC_CARGO) clippy --locked $(CC_JOBS) --all-targets \
	        $(CC_SOFT_FEATURES) -- -D warnings'

# The C smoke test calls the library only through the header, under
# ASan/UBSan, as the kernel and the engine will.
CC_CAPI_BIN := $(BIN)/crypto-core-capi-test
$(CC_CAPI_BIN): $(CC_DIR)/tests/capi_test.c $(CC_HEADER) $(CRYPTO_CORE_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -I$(CRYPTO_CORE_INC) -o $@ $< \
	    $(CRYPTO_CORE_LIB) $(CRYPTO_CORE_LDLIBS)

test-crypto-core-capi: $(CC_CAPI_BIN)
	@$(TEST_STEP) $(TEST_LOGS) crypto-core-capi $(CC_CAPI_BIN)

# Stack each kernel-lib call touches (the kernel stack is 16 KiB); no
# sanitizers here, they would change the frames being measured.
CC_STACK_BIN := $(BIN)/crypto-core-stack-depth
$(CC_STACK_BIN): $(CC_DIR)/tests/stack_depth.c $(CC_HEADER) $(CRYPTO_CORE_KLIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -O2 -no-pie -I$(CRYPTO_CORE_INC) -o $@ $< \
	    $(CRYPTO_CORE_KLIB) -lpthread

test-crypto-core-stack: $(CC_STACK_BIN)
	@$(TEST_STEP) $(TEST_LOGS) crypto-core-stack $(CC_STACK_BIN)

# Both kernel routes must build; each staticlib may leave undefined only
# the C panic hook (everything else is inside the archive).
test-crypto-core-kernel: $(CC_KSOFT_LIB) $(CC_KSIMD_LIB) $(CRYPTO_CORE_KLIB)
	@$(TEST_STEP) $(TEST_LOGS) crypto-core-kernel \
	    bash $(CC_DIR)/tools/check-kernel-lib.sh $(CC_KSOFT_LIB) $(CC_KSIMD_LIB)

crypto-core-fuzz:
	bash $(CC_DIR)/fuzz/run.sh
