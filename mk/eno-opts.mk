# mk/eno-opts.mk: ENO-OPTS area (issue 3), socket options, sysctls, policy.
#
#   sys/netinet/tcp_eno_sockopt.[ch]   TCP_ENO_* / TCP_CRYPT_* option rules
#   sys/netinet/tcp_eno_policy.[ch]    net.inet.tcp.eno.* parsers/printers,
#                                      the ENABLED = -1 policy
#   tools/eno-conform/conform_{sockopt,sysctl,policy}.c
#                                      eno-conform kinds, linked into
#                                      ENO-CORE's build/bin/eno-conform
#   tests/eno/*_{sockopt,sysctl,policy}*   ATF-C tests and conformance cases
#   tests/fuzz/eno-opts/               libFuzzer targets (sysctl strings,
#                                      sockopt call sequences)
#
# Test steps: eno-opts-atf (kyua, ASan+UBSan), eno-opts-conform,
# eno-opts-fuzz-sysctl, eno-opts-fuzz-sockopt (fixed -runs each).
#
# This file sorts before mk/eno.mk: everything of ENO-CORE's used here is
# either spelled out or only expanded inside recipes.

EOPT_NET := $(TOP)/sys/netinet
EOPT_SRCS := $(EOPT_NET)/tcp_eno_sockopt.c $(EOPT_NET)/tcp_eno_policy.c
EOPT_HDRS := $(addprefix $(EOPT_NET)/tcp_eno_,sockopt.h policy.h compat.h \
	engine.h reason.h codec.h)
# The reason table (ENO-CORE's) is all the engine these files need.
EOPT_DEPS := $(EOPT_NET)/tcp_eno_reason.c

ENO_CONFORM_EXTRA_SRCS += $(addprefix $(TOP)/tools/eno-conform/conform_, \
	sockopt.c sysctl.c policy.c) $(EOPT_SRCS)
EOPT_CASES = $(wildcard $(TOP)/tests/eno/*_sockopt*.json \
	$(TOP)/tests/eno/*_sysctl*.json $(TOP)/tests/eno/*_policy*.json)

EOPT_ATF_DIR := $(BUILD)/eno-opts-atf
EOPT_ATF_NAMES := tcp_eno_sockopt_test tcp_eno_sockopt_values_test \
	tcp_eno_sysctl_test tcp_eno_policy_test tcp_eno_sockopt_engine_test
EOPT_ATF_PROGS := $(addprefix $(EOPT_ATF_DIR)/,$(EOPT_ATF_NAMES))
# The bridge test runs the whole engine; ENO_ENGINE_SRCS (mk/eno.mk) is
# only expanded in its recipe, the wildcard stands in as prerequisites.
EOPT_ENGINE_DEPS = $(wildcard $(EOPT_NET)/tcp_eno_*.c $(EOPT_NET)/tcp_eno_*.h)

EOPT_FUZZ_DIR := $(BUILD)/fuzz/eno-opts
EOPT_FUZZ_NAMES := fuzz_eno_sysctl fuzz_eno_sockopt
EOPT_FUZZ_PROGS := $(addprefix $(EOPT_FUZZ_DIR)/,$(EOPT_FUZZ_NAMES))
EOPT_FUZZ_RUNS ?= 500000

BUILD_TARGETS += eno-opts-atf eno-opts-fuzz
.PHONY: eno-opts-atf eno-opts-fuzz

eno-opts-atf: $(EOPT_ATF_PROGS) $(EOPT_ATF_DIR)/Kyuafile

$(EOPT_ATF_DIR)/%: $(TOP)/tests/eno/%.c \
    $(TOP)/tests/eno/tcp_eno_sockopt_test.h $(EOPT_SRCS) $(EOPT_HDRS) \
    $(EOPT_DEPS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -I$(EOPT_NET) -o $@ $< \
	    $(EOPT_SRCS) $(EOPT_DEPS) -latf-c

$(EOPT_ATF_DIR)/tcp_eno_sockopt_engine_test: \
    $(TOP)/tests/eno/tcp_eno_sockopt_engine_test.c $(EOPT_ENGINE_DEPS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -I$(EOPT_NET) -o $@ $< \
	    $(sort $(EOPT_SRCS) $(ENO_ENGINE_SRCS)) -latf-c

$(EOPT_ATF_DIR)/Kyuafile: $(TOP)/mk/eno-opts.mk
	@mkdir -p $(dir $@)
	@{ echo 'syntax(2)'; echo 'test_suite("tcpinc-eno-opts")'; \
	  for t in $(EOPT_ATF_NAMES); do \
	    echo "atf_test_program{name=\"$$t\"}"; done; } >$@

eno-opts-fuzz: $(EOPT_FUZZ_PROGS)

$(EOPT_FUZZ_DIR)/%: $(TOP)/tests/fuzz/eno-opts/%.c $(EOPT_SRCS) \
    $(EOPT_HDRS) $(EOPT_DEPS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(FUZZ_FLAGS) -I$(EOPT_NET) -o $@ $< \
	    $(EOPT_SRCS) $(EOPT_DEPS)

TEST_TARGETS += test-eno-opts-atf test-eno-opts-conform \
	test-eno-opts-fuzz-sysctl test-eno-opts-fuzz-sockopt
.PHONY: test-eno-opts-atf test-eno-opts-conform test-eno-opts-fuzz-sysctl \
	test-eno-opts-fuzz-sockopt

# kyua report prints the "Test cases:" line test-step.sh counts; the
# details of failed cases only when there are some.
test-eno-opts-atf: eno-opts-atf
	@$(TEST_STEP) $(TEST_LOGS) eno-opts-atf bash -c 'cd $(EOPT_ATF_DIR) && \
	    rm -f results.db && kyua test -k Kyuafile -r results.db; st=$$?; \
	    [ $$st -eq 0 ] || kyua report -r results.db --verbose \
	    --results-filter=broken,failed | grep -v "^Test cases:"; \
	    kyua report -r results.db | grep "^Test cases:"; exit $$st'

# ENO-CORE's build/bin/eno-conform, linked with our kinds (see above).
test-eno-opts-conform: $(BIN)/eno-conform
	@$(TEST_STEP) $(TEST_LOGS) eno-opts-conform bash -c \
	    'set -o pipefail; st=0; \
	    for f in $(EOPT_CASES); do echo "--- $${f#$(TOP)/}"; \
	    $(BIN)/eno-conform "$$f" | grep -v "^ok " || st=1; done; exit $$st'

test-eno-opts-fuzz-sysctl: $(EOPT_FUZZ_DIR)/fuzz_eno_sysctl
	@$(TEST_STEP) $(TEST_LOGS) eno-opts-fuzz-sysctl $< \
	    -runs=$(EOPT_FUZZ_RUNS) -seed=1 -max_len=512 \
	    -dict=$(TOP)/tests/fuzz/eno-opts/eno_sysctl.dict

test-eno-opts-fuzz-sockopt: $(EOPT_FUZZ_DIR)/fuzz_eno_sockopt
	@$(TEST_STEP) $(TEST_LOGS) eno-opts-fuzz-sockopt $< \
	    -runs=$(EOPT_FUZZ_RUNS) -seed=1 -max_len=1024

# The socket-option matrix is generated from a transcription of API.md;
# the checked-in file must be exactly what the generator writes.
TEST_TARGETS += test-eno-opts-matrix-regen
.PHONY: test-eno-opts-matrix-regen
test-eno-opts-matrix-regen: deps
	@$(TEST_STEP) $(TEST_LOGS) eno-opts-matrix-regen bash -c \
	    '$(PY) $(TOP)/tests/eno/gen_conform_sockopt.py | \
	    cmp - $(TOP)/tests/eno/conform_sockopt_matrix.json && \
	    echo "conform_sockopt_matrix.json matches its generator"'
