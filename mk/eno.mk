# mk/eno.mk: ENO-CORE area (issue 3), the portable TCP-ENO engine.
#
#   sys/netinet/tcp_eno_*.c   engine: codec, negotiation, handshake state,
#                             TEP registry, SYN data, reason table
#   tools/eno-conform/        build/bin/eno-conform FILE.json (dispatcher,
#                             parse/syn/synack/negotiate/tcpopts kinds;
#                             ENO-OPTS adds sockopt/sysctl/policy through
#                             ENO_CONFORM_EXTRA_SRCS, appended with +=)
#   tests/eno/*.json          conformance cases (ENO-OPTS's *_sockopt*,
#                             *_sysctl*, *_policy* files run in their steps)
#   tests/eno/atf/            ATF-C tests of the engine, run with kyua
#   tests/fuzz/eno/           libFuzzer targets: option parser, negotiation
#
# Test steps: eno-conform, eno-atf (ASan+UBSan), eno-fuzz-option,
# eno-fuzz-negotiate (fixed -runs each).

ENO_NET := $(TOP)/sys/netinet
ENO_ENGINE_SRCS := $(addprefix $(ENO_NET)/tcp_eno_,reason.c codec.c tep.c \
	negotiate.c engine.c syndata.c)
ENO_ENGINE_HDRS := $(addprefix $(ENO_NET)/tcp_eno_,compat.h reason.h \
	codec.h engine.h)
ENO_INC := -I$(ENO_NET)

ENO_CONFORM := $(BIN)/eno-conform
ENO_CONFORM_DIR := $(TOP)/tools/eno-conform
ENO_CONFORM_SRCS := $(addprefix $(ENO_CONFORM_DIR)/,eno_conform.c \
	conform_util.c conform_teps.c conform_codec.c conform_negotiate.c)
ENO_CONFORM_EXTRA_SRCS +=
ENO_CASES := $(filter-out $(wildcard $(TOP)/tests/eno/*_sockopt*.json \
	$(TOP)/tests/eno/*_sysctl*.json $(TOP)/tests/eno/*_policy*.json), \
	$(wildcard $(TOP)/tests/eno/*.json))

ENO_ATF_DIR := $(BUILD)/eno-atf
ENO_ATF_NAMES := $(basename $(notdir $(wildcard $(TOP)/tests/eno/atf/*_test.c)))
ENO_ATF_PROGS := $(addprefix $(ENO_ATF_DIR)/,$(ENO_ATF_NAMES))
ENO_ATF_LIBS := -latf-c

ENO_FUZZ_DIR := $(BUILD)/fuzz/eno
ENO_FUZZ_OPTION := $(ENO_FUZZ_DIR)/fuzz_eno_option
ENO_FUZZ_NEGOTIATE := $(ENO_FUZZ_DIR)/fuzz_eno_negotiate
ENO_FUZZ_RUNS ?= 300000

BUILD_TARGETS += eno-conform
.PHONY: eno-conform eno-atf eno-fuzz
eno-conform: $(ENO_CONFORM)

$(ENO_CONFORM): $(ENO_CONFORM_SRCS) $(ENO_CONFORM_EXTRA_SRCS) \
    $(ENO_CONFORM_DIR)/conform.h $(ENO_ENGINE_SRCS) $(ENO_ENGINE_HDRS) \
    $(TOOLS_LIB_SRCS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) $(ENO_INC) $(TOOLS_LIB_INC) \
	    -I$(ENO_CONFORM_DIR) -o $@ $(ENO_CONFORM_SRCS) \
	    $(ENO_CONFORM_EXTRA_SRCS) $(ENO_ENGINE_SRCS) $(TOOLS_LIB_SRCS)

eno-atf: $(ENO_ATF_PROGS) $(ENO_ATF_DIR)/Kyuafile

$(ENO_ATF_DIR)/%: $(TOP)/tests/eno/atf/%.c $(TOP)/tests/eno/atf/eno_atf.h \
    $(ENO_ENGINE_SRCS) $(ENO_ENGINE_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) $(ENO_INC) \
	    -I$(TOP)/tests/eno/atf -o $@ $< $(ENO_ENGINE_SRCS) $(ENO_ATF_LIBS)

$(ENO_ATF_DIR)/Kyuafile: $(wildcard $(TOP)/tests/eno/atf/*_test.c)
	@mkdir -p $(dir $@)
	@{ echo 'syntax(2)'; echo 'test_suite("tcpinc-eno")'; \
	  for t in $(ENO_ATF_NAMES); do \
	    echo "atf_test_program{name=\"$$t\"}"; done; } >$@

eno-fuzz: $(ENO_FUZZ_OPTION) $(ENO_FUZZ_NEGOTIATE)

$(ENO_FUZZ_DIR)/%: $(TOP)/tests/fuzz/eno/%.c $(ENO_ENGINE_SRCS) \
    $(ENO_ENGINE_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(FUZZ_FLAGS) $(ENO_INC) -o $@ $< \
	    $(ENO_ENGINE_SRCS)

TEST_TARGETS += test-eno-conform test-eno-atf test-eno-fuzz-option \
	test-eno-fuzz-negotiate
.PHONY: test-eno-conform test-eno-atf test-eno-fuzz-option \
	test-eno-fuzz-negotiate

test-eno-conform: $(ENO_CONFORM)
	@$(TEST_STEP) $(TEST_LOGS) eno-conform bash -c 'st=0; \
	    for f in $(ENO_CASES); do echo "--- $${f#$(TOP)/}"; \
	    $(ENO_CONFORM) "$$f" || st=1; done; exit $$st'

# kyua keeps its results under build/, not in $HOME; its report ends with
# the "Test cases: ..." line that tools/test-step.sh counts.
test-eno-atf: eno-atf
	@$(TEST_STEP) $(TEST_LOGS) eno-atf bash -c 'cd $(ENO_ATF_DIR) && \
	    rm -f results.db && kyua test -k Kyuafile -r results.db; \
	    st=$$?; kyua report -r results.db \
	    --results-filter=broken,failed | tail -n 4; exit $$st'

test-eno-fuzz-option: $(ENO_FUZZ_OPTION)
	@mkdir -p $(ENO_FUZZ_DIR)/corpus-option
	@$(TEST_STEP) $(TEST_LOGS) eno-fuzz-option $(ENO_FUZZ_OPTION) \
	    -runs=$(ENO_FUZZ_RUNS) -seed=1 -max_len=96 \
	    $(ENO_FUZZ_DIR)/corpus-option $(TOP)/tests/fuzz/eno/seeds-option

test-eno-fuzz-negotiate: $(ENO_FUZZ_NEGOTIATE)
	@mkdir -p $(ENO_FUZZ_DIR)/corpus-negotiate
	@$(TEST_STEP) $(TEST_LOGS) eno-fuzz-negotiate $(ENO_FUZZ_NEGOTIATE) \
	    -runs=$(ENO_FUZZ_RUNS) -seed=1 -max_len=256 \
	    $(ENO_FUZZ_DIR)/corpus-negotiate \
	    $(TOP)/tests/fuzz/eno/seeds-negotiate
