# mk/tcpcrypt.mk: TCPCRYPT area (issue 4), the portable tcpcrypt engine.
#
#   sys/netinet/tcpcrypt_engine.h      public API (handle_/poll_, cache)
#   sys/netinet/tcpcrypt_*.c           engine: lifecycle, Init messages,
#                                      key exchange, frames, rekey,
#                                      resumption cache and suboptions,
#                                      TEP registration
#   tests/tcpcrypt/                    two-engine pair tests (ASan+UBSan)
#   tests/fuzz/tcpcrypt/               libFuzzer targets: Init1/Init2
#                                      parser, frame decoder path,
#                                      resumption suboptions
#
# Test steps: tcpcrypt-pair, tcpcrypt-fuzz-init, tcpcrypt-fuzz-frame,
# tcpcrypt-fuzz-resume (fixed -runs each, from the seeds of
# tests/fuzz/tcpcrypt/make_seeds.py; longer runs by hand with
# `make test-tcpcrypt-fuzz TCPCRYPT_FUZZ_RUNS=N`).

TCPCRYPT_NET := $(TOP)/sys/netinet
TCPCRYPT_SRCS := $(addprefix $(TCPCRYPT_NET)/tcpcrypt_,engine.c init_msg.c \
	kex.c frame.c rekey.c cache.c resume.c tep.c)
TCPCRYPT_HDRS := $(addprefix $(TCPCRYPT_NET)/,tcpcrypt_engine.h \
	tcpcrypt_engine_var.h tcp_eno_compat.h tcp_eno_engine.h \
	tcp_eno_reason.h tcp_eno_codec.h) $(CRYPTO_CORE_INC)/tcpcrypt_core.h
# The ENO engine: the TEP registration links against it, and the tests
# negotiate through it.
TCPCRYPT_ENO_SRCS := $(addprefix $(TCPCRYPT_NET)/tcp_eno_,reason.c codec.c \
	tep.c negotiate.c engine.c syndata.c)
TCPCRYPT_INC := -I$(TCPCRYPT_NET) -I$(CRYPTO_CORE_INC)

TCPCRYPT_TEST_DIR := $(TOP)/tests/tcpcrypt
TCPCRYPT_TEST := $(BUILD)/tests/tcpcrypt_test
TCPCRYPT_TEST_SRCS := $(wildcard $(TCPCRYPT_TEST_DIR)/*.c)

TCPCRYPT_FUZZ_DIR := $(BUILD)/fuzz/tcpcrypt
TCPCRYPT_FUZZ_NAMES := fuzz_tcpcrypt_init fuzz_tcpcrypt_frame \
	fuzz_tcpcrypt_resume
TCPCRYPT_FUZZ := $(addprefix $(TCPCRYPT_FUZZ_DIR)/,$(TCPCRYPT_FUZZ_NAMES))
TCPCRYPT_FUZZ_RUNS ?= 2000

TEST_TARGETS += test-tcpcrypt-pair test-tcpcrypt-fuzz
.PHONY: tcpcrypt-test tcpcrypt-fuzz test-tcpcrypt-pair test-tcpcrypt-fuzz

tcpcrypt-test: $(TCPCRYPT_TEST)
tcpcrypt-fuzz: $(TCPCRYPT_FUZZ)

$(TCPCRYPT_TEST): $(TCPCRYPT_TEST_SRCS) $(TCPCRYPT_TEST_DIR)/tc_harness.h \
    $(TCPCRYPT_SRCS) $(TCPCRYPT_ENO_SRCS) $(TCPCRYPT_HDRS) $(CRYPTO_CORE_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) $(TCPCRYPT_INC) -o $@ \
	    $(TCPCRYPT_TEST_SRCS) $(TCPCRYPT_SRCS) $(TCPCRYPT_ENO_SRCS) \
	    $(CRYPTO_CORE_LIB) $(CRYPTO_CORE_LDLIBS)

$(TCPCRYPT_FUZZ_DIR)/%: $(TOP)/tests/fuzz/tcpcrypt/%.c \
    $(TOP)/tests/fuzz/tcpcrypt/fuzz_tcpcrypt.h $(TCPCRYPT_SRCS) \
    $(TCPCRYPT_ENO_SRCS) $(TCPCRYPT_HDRS) $(CRYPTO_CORE_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(FUZZ_FLAGS) $(TCPCRYPT_INC) -o $@ $< \
	    $(TCPCRYPT_SRCS) $(TCPCRYPT_ENO_SRCS) \
	    $(CRYPTO_CORE_LIB) $(CRYPTO_CORE_LDLIBS)

test-tcpcrypt-pair: $(TCPCRYPT_TEST)
	@$(TEST_STEP) $(TEST_LOGS) tcpcrypt-pair $(TCPCRYPT_TEST)

# Each run starts from fresh seeds (tests/fuzz/tcpcrypt/make_seeds.py)
# copied under build/, since libFuzzer adds what it finds to the corpus.
test-tcpcrypt-fuzz: $(TCPCRYPT_FUZZ)
	@rm -rf $(TCPCRYPT_FUZZ_DIR)/corpus
	@$(PY) $(TOP)/tests/fuzz/tcpcrypt/make_seeds.py $(TCPCRYPT_FUZZ_DIR)/corpus
	@for t in init frame resume; do \
	    $(TEST_STEP) $(TEST_LOGS) tcpcrypt-fuzz-$$t \
	        $(TCPCRYPT_FUZZ_DIR)/fuzz_tcpcrypt_$$t -runs=$(TCPCRYPT_FUZZ_RUNS) \
	        -seed=1 -max_len=4096 \
	        -artifact_prefix=$(TCPCRYPT_FUZZ_DIR)/ \
	        $(TCPCRYPT_FUZZ_DIR)/corpus/$$t || exit 1; \
	done
