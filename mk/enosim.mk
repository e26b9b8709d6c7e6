# mk/enosim.mk: SIM area (issue 4), the two-host simulator.
#
#   tools/enosim/      build/bin/enosim: two hosts, minimal TCP, channel
#                      with loss/reorder/resegmentation, middlebox, pcap,
#                      driving the real ENO, ENO-OPTS and tcpcrypt engines
#   tests/sim/         sim_tcp_test.c (the simulator's own parts, no
#                      engine), sim_hook_test.c (the library interface
#                      other areas use: sim_run_pair, application hooks,
#                      socket options), enosim_test.py (end-to-end runs of
#                      enosim incl. a tshark check of a pcap),
#                      fuzz_sim_wire.c (libFuzzer: the packet parsers)
#
# Build target: enosim.  Demo target: enosim-demo.  Test steps: sim-unit,
# sim-hook, sim-fuzz, sim-e2e.

ENOSIM_DIR := $(TOP)/tools/enosim
ENOSIM_NET := $(TOP)/sys/netinet
ENOSIM := $(BIN)/enosim
ENOSIM_SRCS := $(wildcard $(ENOSIM_DIR)/*.c)
ENOSIM_HDRS := $(wildcard $(ENOSIM_DIR)/*.h)
# For other areas' tests (AUTH): everything but main(), plus the engines;
# link with $(CRYPTO_CORE_LIB) $(CRYPTO_CORE_LDLIBS), compile with
# $(ENOSIM_INC).  Entry point: sim_run_pair() in sim_run.h.
ENOSIM_LIB_SRCS = $(filter-out $(ENOSIM_DIR)/enosim.c,$(ENOSIM_SRCS)) \
	$(ENOSIM_ENGINE_SRCS) $(TOP)/tools/lib/hexbuf.c
# The simulator's own parts (everything but the socket layer and CLI),
# testable without the engines.
ENOSIM_CORE_SRCS := $(addprefix $(ENOSIM_DIR)/sim_,prng.c wire.c pcap.c \
	chan.c mbox.c buf.c tcp.c tcp_input.c app.c)
# The portable engines, exactly as the kernel builds them (no kernel glue:
# tcp_eno.c and tcpcrypt.c are not in these patterns).
ENOSIM_ENGINE_SRCS := $(filter-out %/tcp_eno_sysctl.c %/tcp_eno_usrreq.c, \
	$(wildcard $(ENOSIM_NET)/tcp_eno_*.c)) $(wildcard $(ENOSIM_NET)/tcpcrypt_*.c)
ENOSIM_ENGINE_HDRS := $(wildcard $(ENOSIM_NET)/tcp_eno_*.h) \
	$(wildcard $(ENOSIM_NET)/tcpcrypt_*.h)
ENOSIM_INC := -I$(ENOSIM_DIR) -I$(ENOSIM_NET) -I$(CRYPTO_CORE_INC) \
	$(TOOLS_LIB_INC)
ENOSIM_UNIT := $(BUILD)/sim/sim_tcp_test
ENOSIM_HOOK := $(BUILD)/sim/sim_hook_test
ENOSIM_FUZZ := $(BUILD)/fuzz/sim/fuzz_sim_wire
ENOSIM_TEST_PY := $(TOP)/tests/sim/enosim_test.py

BUILD_TARGETS += enosim
DEMO_TARGETS += enosim-demo
TEST_TARGETS += test-sim-unit test-sim-hook test-sim-fuzz test-sim-e2e
.PHONY: enosim enosim-demo test-sim-unit test-sim-hook test-sim-fuzz \
	test-sim-e2e

enosim: $(ENOSIM)

# Sanitizers stay on: the tests drive the engines through this binary.
# -O2 because the end-to-end tests push 10 MiB each way many times.
$(ENOSIM): $(ENOSIM_SRCS) $(ENOSIM_HDRS) $(ENOSIM_ENGINE_SRCS) \
    $(ENOSIM_ENGINE_HDRS) $(CRYPTO_CORE_LIB) $(TOP)/tools/lib/hexbuf.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -O2 $(SAN_FLAGS) $(ENOSIM_INC) -o $@ \
	    $(ENOSIM_SRCS) $(ENOSIM_ENGINE_SRCS) $(TOP)/tools/lib/hexbuf.c \
	    $(CRYPTO_CORE_LIB) $(CRYPTO_CORE_LDLIBS)

$(ENOSIM_UNIT): $(TOP)/tests/sim/sim_tcp_test.c $(ENOSIM_CORE_SRCS) \
    $(ENOSIM_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -I$(ENOSIM_DIR) -o $@ \
	    $(TOP)/tests/sim/sim_tcp_test.c $(ENOSIM_CORE_SRCS)

$(ENOSIM_HOOK): $(TOP)/tests/sim/sim_hook_test.c $(ENOSIM_LIB_SRCS) \
    $(ENOSIM_HDRS) $(ENOSIM_ENGINE_HDRS) $(CRYPTO_CORE_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) $(ENOSIM_INC) -o $@ \
	    $(TOP)/tests/sim/sim_hook_test.c $(ENOSIM_LIB_SRCS) \
	    $(CRYPTO_CORE_LIB) $(CRYPTO_CORE_LDLIBS)

$(ENOSIM_FUZZ): $(TOP)/tests/sim/fuzz_sim_wire.c $(ENOSIM_CORE_SRCS) \
    $(ENOSIM_DIR)/sim_trace.c $(ENOSIM_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(FUZZ_FLAGS) -I$(ENOSIM_DIR) -o $@ \
	    $(TOP)/tests/sim/fuzz_sim_wire.c $(ENOSIM_CORE_SRCS) \
	    $(ENOSIM_DIR)/sim_trace.c

enosim-demo: $(ENOSIM)
	@bash $(TOP)/tests/sim/enosim-demo.sh $(ENOSIM)

test-sim-unit: $(ENOSIM_UNIT)
	@$(TEST_STEP) $(TEST_LOGS) sim-unit $(ENOSIM_UNIT)

test-sim-hook: $(ENOSIM_HOOK)
	@$(TEST_STEP) $(TEST_LOGS) sim-hook $(ENOSIM_HOOK)

test-sim-fuzz: $(ENOSIM_FUZZ)
	@$(TEST_STEP) $(TEST_LOGS) sim-fuzz $(ENOSIM_FUZZ) -runs=200000 \
	    -max_len=200 -seed=1

test-sim-e2e: $(ENOSIM) $(ENOSIM_TEST_PY)
	@$(TEST_STEP) $(TEST_LOGS) sim-e2e $(PY) $(ENOSIM_TEST_PY) \
	    --enosim $(ENOSIM) --workdir $(BUILD)/sim
