# mk/vectors.mk: VECTORS area.
#
#   tests/vectors/       independent Python implementation of RFC 8548's
#                        cryptography (tcpcrypt_ref.py), the generator of the
#                        checked-in known-answer files (gen_vectors.py) and the
#                        runner's negative check (kat_negative.py)
#   tools/tcpcrypt-kat/  build/bin/tcpcrypt-kat FILE.json: checks crypto-core,
#                        through its C header only, against those files
#   tools/bench/         `make bench`: crypto-core against OpenSSL libcrypto,
#                        for the host library and both kernel routes
#
# Targets: vectors-kat, vectors-kat-kernel (the runner linked with the host
# or the kernel staticlib), vectors-bench (run the benchmark),
# test-vectors-{selftest,regen,kat,kat-kernel,kat-negative}.

VECTORS_DIR := $(TOP)/tests/vectors
VECTORS_GEN := $(VECTORS_DIR)/gen_vectors.py
VECTORS_JSON := $(sort $(wildcard $(VECTORS_DIR)/tcpcrypt_*.json))

KAT_DIR := $(TOP)/tools/tcpcrypt-kat
KAT_BIN := $(BIN)/tcpcrypt-kat
KAT_KBIN := $(BIN)/tcpcrypt-kat-kernel
KAT_SRCS := $(filter-out %/kat_panic.c,$(sort $(wildcard $(KAT_DIR)/*.c)))
KAT_DEPS := $(KAT_SRCS) $(KAT_DIR)/kat.h $(TOOLS_LIB_SRCS) \
	$(wildcard $(TOP)/tools/lib/*.h) $(CRYPTO_CORE_INC)/tcpcrypt_core.h

BENCH_DIR := $(TOP)/tools/bench
BENCH_SRCS := $(addprefix $(BENCH_DIR)/,bench_main.c bench_time.c \
	bench_ossl.c bench_core.c bench_panic.c)
# Optimised, no sanitizers: this measures speed.
BENCH_CFLAGS := $(filter-out -O1 -g,$(HOST_CFLAGS)) -O2
BENCH_LDLIBS := -lcrypto $(CRYPTO_CORE_LDLIBS)
# Kernel staticlibs use the kernel code model: link them at a fixed address.
BENCH_KLDFLAGS := -no-pie
# The two kernel routes' libraries, as mk/crypto-core.mk names them.
BENCH_KSOFT_LIB := $(BUILD)/crypto-core/kernel-soft/libtcpcrypt_core.a
BENCH_KSIMD_LIB := $(BUILD)/crypto-core/kernel-simd/libtcpcrypt_core.a
BENCH_BINS := $(BIN)/tcpcrypt-bench-host $(BIN)/tcpcrypt-bench-kernel-soft \
	$(BIN)/tcpcrypt-bench-kernel-simd
BENCH_ARGS ?= -r 5 -t 0.2

BUILD_TARGETS += vectors-kat vectors-kat-kernel vectors-bench-host
TEST_TARGETS += test-vectors-selftest test-vectors-regen test-vectors-kat \
	test-vectors-kat-kernel test-vectors-kat-negative
BENCH_TARGETS += vectors-bench

.PHONY: vectors-kat vectors-kat-kernel vectors-bench-host vectors-bench \
	test-vectors-selftest test-vectors-regen test-vectors-kat \
	test-vectors-kat-kernel test-vectors-kat-negative

vectors-kat: $(KAT_BIN)
$(KAT_BIN): $(KAT_DEPS) $(CRYPTO_CORE_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -I$(CRYPTO_CORE_INC) \
	    $(TOOLS_LIB_INC) -o $@ $(KAT_SRCS) $(TOOLS_LIB_SRCS) \
	    $(CRYPTO_CORE_LIB) $(CRYPTO_CORE_LDLIBS)

# The same runner linked with the kernel staticlib (the route the kernel
# build uses, $(CRYPTO_CORE_KLIB)): it is compiled for another target, with
# its own backend selection (software in the soft route, CPUID at run time
# in the simd route), so it gets its own known-answer run.  Kernel code
# model: linked -no-pie.
vectors-kat-kernel: $(KAT_KBIN)
$(KAT_KBIN): $(KAT_DEPS) $(KAT_DIR)/kat_panic.c $(CRYPTO_CORE_KLIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -no-pie -I$(CRYPTO_CORE_INC) \
	    $(TOOLS_LIB_INC) -o $@ $(KAT_SRCS) $(KAT_DIR)/kat_panic.c \
	    $(TOOLS_LIB_SRCS) $(CRYPTO_CORE_KLIB) $(CRYPTO_CORE_LDLIBS)

vectors-bench-host: $(BIN)/tcpcrypt-bench-host

$(BIN)/tcpcrypt-bench-host: $(BENCH_SRCS) $(BENCH_DIR)/*.h \
    $(CRYPTO_CORE_INC)/tcpcrypt_core.h $(CRYPTO_CORE_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BENCH_CFLAGS) -DBENCH_ROUTE='"host staticlib"' \
	    -I$(CRYPTO_CORE_INC) -o $@ $(BENCH_SRCS) $(CRYPTO_CORE_LIB) \
	    $(BENCH_LDLIBS)

$(BIN)/tcpcrypt-bench-kernel-soft: $(BENCH_SRCS) $(BENCH_DIR)/*.h \
    $(CRYPTO_CORE_INC)/tcpcrypt_core.h $(BENCH_KSOFT_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BENCH_CFLAGS) $(BENCH_KLDFLAGS) \
	    -DBENCH_ROUTE='"kernel route soft: x86_64-unknown-none"' \
	    -I$(CRYPTO_CORE_INC) -o $@ $(BENCH_SRCS) $(BENCH_KSOFT_LIB) \
	    $(BENCH_LDLIBS)

$(BIN)/tcpcrypt-bench-kernel-simd: $(BENCH_SRCS) $(BENCH_DIR)/*.h \
    $(CRYPTO_CORE_INC)/tcpcrypt_core.h $(BENCH_KSIMD_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(BENCH_CFLAGS) $(BENCH_KLDFLAGS) \
	    -DBENCH_ROUTE='"kernel route simd: x86_64-tcpcrypt-kernel.json"' \
	    -I$(CRYPTO_CORE_INC) -o $@ $(BENCH_SRCS) $(BENCH_KSIMD_LIB) \
	    $(BENCH_LDLIBS)

# One run of each binary; each compares its crypto-core build with OpenSSL
# in the same process.  BENCH_ARGS="-r 9 -t 0.5" for a longer run.
vectors-bench: $(BENCH_BINS)
	@for b in $(BENCH_BINS); do echo; $$b $(BENCH_ARGS) || exit 1; done

test-vectors-selftest:
	@$(TEST_STEP) $(TEST_LOGS) vectors-selftest $(PY) -B $(VECTORS_GEN) \
	    --self-test

test-vectors-regen:
	@$(TEST_STEP) $(TEST_LOGS) vectors-regen $(PY) -B $(VECTORS_GEN) --check \
	    --out $(VECTORS_DIR)

# Every vector file; the step's count is the sum of the files' cases.  Every
# bit of every frame is flipped (about a minute of CPU, most of it on the
# three maximal frames).
test-vectors-kat: $(KAT_BIN)
	@$(TEST_STEP) $(TEST_LOGS) vectors-kat bash -c 'st=0; \
	    for f in $(VECTORS_JSON); do echo "== $$f"; \
	    $(KAT_BIN) "$$f" || st=1; done; exit $$st'

# -s 16: in frames longer than 4 KiB, one flipped bit every 16 bytes between
# the fully flipped first and last 64; the host step above flips every bit.
test-vectors-kat-kernel: $(KAT_KBIN)
	@$(TEST_STEP) $(TEST_LOGS) vectors-kat-kernel bash -c 'st=0; \
	    for f in $(VECTORS_JSON); do echo "== $$f"; \
	    $(KAT_KBIN) -s 16 "$$f" || st=1; done; exit $$st'

# A corrupted expectation must be reported as failed (the runner can fail).
test-vectors-kat-negative: $(KAT_BIN)
	@$(TEST_STEP) $(TEST_LOGS) vectors-kat-negative $(PY) -B \
	    $(VECTORS_DIR)/kat_negative.py $(KAT_BIN) $(VECTORS_DIR) \
	    $(BUILD)/vectors-negative
