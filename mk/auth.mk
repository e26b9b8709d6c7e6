# mk/auth.mk: AUTH area (issue 6).
#
#   tools/tcpinc_auth/   libtcpinc_auth: session ID authentication of
#                        draft-ietf-tcpinc-api section 5 (cookie, Ed25519)
#                        over libcrypto; examples tcpinc-auth-server/-client
#   tests/auth/          host tests (fake two-endpoint transport, real
#                        loopback sockets, simulator), fuzz target, the
#                        LD_PRELOAD ENO emulation (eno_shim.c), a relay
#                        (auth_relay.c), FreeBSD ATF script (freebsd/)
#
# Build: build/bin/tcpinc-auth-server, build/bin/tcpinc-auth-client.
# Demo: auth-demo.
# Test steps: auth-unit (fake transport, ASan+UBSan), auth-fd (Linux sockets
# without TCP-ENO must fail closed), auth-fuzz (message parser),
# auth-examples (the two programs over loopback with an emulated ENO socket
# layer), auth-xcompile (FreeBSD compile + libc link check with zig),
# auth-optnums (our option numbers = the engine's), auth-atf-host (the
# FreeBSD ATF script under kyua with stand-ins), auth-sim (the library
# through tools/enosim), auth-manlint (tcpinc_auth.3).

AUTH_DIR := $(TOP)/tools/tcpinc_auth
AUTH_TDIR := $(TOP)/tests/auth
AUTH_OUT := $(BUILD)/auth
AUTH_LIB_SRCS := $(addprefix $(AUTH_DIR)/tcpinc_auth_,error.c session.c msg.c \
	cookie.c sig.c run.c async.c fd.c)
AUTH_HDRS := $(wildcard $(AUTH_DIR)/*.h)
AUTH_EX_SRCS := $(AUTH_DIR)/tcpinc_auth_example.c $(TOP)/tools/lib/hexbuf.c
AUTH_INC := -I$(AUTH_DIR) $(TOOLS_LIB_INC)
AUTH_LDLIBS := -lcrypto -lpthread

AUTH_SERVER := $(BIN)/tcpinc-auth-server
AUTH_CLIENT := $(BIN)/tcpinc-auth-client
AUTH_UNIT := $(AUTH_OUT)/auth_test
AUTH_FD := $(AUTH_OUT)/auth_fd_test
AUTH_FUZZ := $(AUTH_OUT)/fuzz_auth_msg

BUILD_TARGETS += auth-examples-build
.PHONY: auth-examples-build
auth-examples-build: $(AUTH_SERVER) $(AUTH_CLIENT)

$(BIN)/tcpinc-auth-%: $(AUTH_DIR)/tcpinc-auth-%.c $(AUTH_LIB_SRCS) \
    $(AUTH_EX_SRCS) $(AUTH_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(AUTH_INC) -o $@ $< $(AUTH_EX_SRCS) \
	    $(AUTH_LIB_SRCS) $(AUTH_LDLIBS)

$(AUTH_UNIT): $(AUTH_TDIR)/auth_test.c $(AUTH_TDIR)/auth_fake.c \
    $(AUTH_TDIR)/auth_fake.h $(AUTH_LIB_SRCS) $(AUTH_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) $(AUTH_INC) -o $@ \
	    $(AUTH_TDIR)/auth_test.c $(AUTH_TDIR)/auth_fake.c \
	    $(AUTH_LIB_SRCS) $(TOP)/tools/lib/hexbuf.c $(AUTH_LDLIBS)

$(AUTH_FD): $(AUTH_TDIR)/auth_fd_test.c $(AUTH_LIB_SRCS) $(AUTH_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) $(AUTH_INC) -o $@ $< \
	    $(AUTH_LIB_SRCS) $(AUTH_LDLIBS)

$(AUTH_FUZZ): $(AUTH_TDIR)/fuzz_auth_msg.c $(AUTH_LIB_SRCS) $(AUTH_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(FUZZ_FLAGS) $(AUTH_INC) -o $@ $< \
	    $(AUTH_LIB_SRCS) $(AUTH_LDLIBS)

TEST_TARGETS += test-auth-unit test-auth-fd test-auth-fuzz
.PHONY: test-auth-unit test-auth-fd test-auth-fuzz

test-auth-unit: $(AUTH_UNIT)
	@$(TEST_STEP) $(TEST_LOGS) auth-unit $(AUTH_UNIT)

test-auth-fd: $(AUTH_FD)
	@$(TEST_STEP) $(TEST_LOGS) auth-fd $(AUTH_FD)

# New inputs go to build/; the checked-in seeds are only read.
test-auth-fuzz: $(AUTH_FUZZ)
	@mkdir -p $(AUTH_OUT)/fuzz-corpus
	@$(TEST_STEP) $(TEST_LOGS) auth-fuzz $(AUTH_FUZZ) -runs=100000 \
	    -max_len=256 -seed=1 $(AUTH_OUT)/fuzz-corpus \
	    $(AUTH_TDIR)/fuzz_corpus

# The man in the middle for the relay tests (a test tool, not installed).
AUTH_RELAY := $(AUTH_OUT)/auth-relay
$(AUTH_RELAY): $(AUTH_TDIR)/auth_relay.c $(AUTH_LIB_SRCS) $(AUTH_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(AUTH_INC) -o $@ $< $(AUTH_LIB_SRCS) \
	    $(AUTH_LDLIBS)

# The example programs end to end, with TCP-ENO emulated by LD_PRELOAD.
AUTH_SHIM := $(AUTH_OUT)/eno_shim.so
$(AUTH_SHIM): $(AUTH_TDIR)/eno_shim.c $(AUTH_DIR)/tcpinc_auth.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -fPIC -shared $(AUTH_INC) -o $@ $< -ldl \
	    -lcrypto

TEST_TARGETS += test-auth-examples
.PHONY: test-auth-examples
test-auth-examples: $(AUTH_SHIM) $(AUTH_SERVER) $(AUTH_CLIENT)
	@$(TEST_STEP) $(TEST_LOGS) auth-examples bash \
	    $(AUTH_TDIR)/examples_test.sh $(BIN) $(AUTH_SHIM) $(PY)

# FreeBSD compile and link check of the library and the examples
# (x86_64-freebsd, zig's FreeBSD 14 libc).  FreeBSD's base OpenSSL 3 headers
# are not in zig, so Debian's OpenSSL 3 headers stand in (same API, both
# LP64), and the link uses a names-only libcrypto stub: what it proves is
# that every libc symbol the programs need exists on FreeBSD.
AUTH_XDIR := $(AUTH_OUT)/x86_64-freebsd
AUTH_XINC := $(AUTH_OUT)/xinc
AUTH_XLIB_SRCS := $(AUTH_LIB_SRCS) $(AUTH_EX_SRCS)
AUTH_XFLAGS := -target x86_64-freebsd -std=c11 -Wall -Wextra -Werror \
	-Wno-unused-parameter $(AUTH_INC) -idirafter $(AUTH_XINC)

TEST_TARGETS += test-auth-xcompile
.PHONY: test-auth-xcompile
test-auth-xcompile:
	@rm -rf $(AUTH_XINC) $(AUTH_XDIR)
	@mkdir -p $(AUTH_XINC)/openssl $(AUTH_XDIR)
	@cp /usr/include/openssl/*.h \
	    $(wildcard /usr/include/*-linux-gnu/openssl/*.h) $(AUTH_XINC)/openssl/
	@$(TEST_STEP) $(TEST_LOGS) auth-xcompile bash -c 'n=0; f=0; \
	    ok() { n=$$((n+1)); }; ko() { f=$$((f+1)); echo "FAIL $$1"; }; \
	    for s in $(AUTH_XLIB_SRCS) $(AUTH_DIR)/tcpinc-auth-server.c \
	        $(AUTH_DIR)/tcpinc-auth-client.c $(AUTH_TDIR)/auth_relay.c; do \
		o=$(AUTH_XDIR)/$$(basename $$s .c).o; \
		$(ZIG) cc $(AUTH_XFLAGS) -c $$s -o $$o && ok || ko $$s; \
	    done; \
	    $(ZIG) cc -target x86_64-freebsd -shared \
	        -o $(AUTH_XDIR)/libcrypto.so $(AUTH_TDIR)/xlink_crypto_stub.c \
	        && ok || ko libcrypto-stub; \
	    for p in tcpinc-auth-server tcpinc-auth-client auth_relay; do \
		$(ZIG) cc -target x86_64-freebsd -o $(AUTH_XDIR)/$$p \
		    $(AUTH_XDIR)/$$p.o \
		    $(patsubst %.c,$(AUTH_XDIR)/%.o,$(notdir $(AUTH_XLIB_SRCS))) \
		    -L$(AUTH_XDIR) -lcrypto && ok || ko link-$$p; \
	    done; \
	    file $(AUTH_XDIR)/tcpinc-auth-server 2>/dev/null || true; \
	    echo "$$n passed, $$f failed"; [ $$f -eq 0 ]'

# Our fallback option numbers equal the ENO-OPTS engine's (compile only).
TEST_TARGETS += test-auth-optnums
.PHONY: test-auth-optnums
test-auth-optnums:
	@mkdir -p $(AUTH_OUT)
	@$(TEST_STEP) $(TEST_LOGS) auth-optnums bash -c 'set -e; \
	    for d in "" -DAUTH_OPT_ORDER; do \
		$(HOST_CC) $(HOST_CFLAGS) $$d -I$(TOP)/sys/netinet $(AUTH_INC) \
		    -c $(AUTH_TDIR)/auth_optnums.c -o $(AUTH_OUT)/auth_optnums.o; \
	    done; echo "2 passed, 0 failed"'

# The FreeBSD ATF script's bodies under kyua on this host, jails and
# kernel replaced by stand-ins (see the script's header).
TEST_TARGETS += test-auth-atf-host
.PHONY: test-auth-atf-host
test-auth-atf-host: $(AUTH_SHIM) $(AUTH_SERVER) $(AUTH_CLIENT) $(AUTH_RELAY)
	@$(TEST_STEP) $(TEST_LOGS) auth-atf-host bash \
	    $(AUTH_TDIR)/freebsd_atf_host.sh $(BIN) $(AUTH_SHIM) $(PY) \
	    $(AUTH_RELAY)

# The library through the two-host simulator (real engines, ENO-OPTS rules).
# mk/enosim.mk is read after this file, so the prerequisites name its files
# by wildcard; the recipe (expanded late) uses its lists.
AUTH_SIM := $(AUTH_OUT)/auth_sim_test
AUTH_SIM_DEPS := $(wildcard $(TOP)/tools/enosim/*.[ch] \
	$(TOP)/sys/netinet/tcp_eno_*.[ch] $(TOP)/sys/netinet/tcpcrypt_*.[ch])
$(AUTH_SIM): $(AUTH_TDIR)/auth_sim_test.c $(AUTH_LIB_SRCS) $(AUTH_HDRS) \
    $(AUTH_SIM_DEPS) $(CRYPTO_CORE_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) $(ENOSIM_INC) $(AUTH_INC) \
	    -o $@ $(AUTH_TDIR)/auth_sim_test.c $(AUTH_LIB_SRCS) \
	    $(ENOSIM_LIB_SRCS) $(CRYPTO_CORE_LIB) $(CRYPTO_CORE_LDLIBS) \
	    $(AUTH_LDLIBS)

TEST_TARGETS += test-auth-sim
.PHONY: test-auth-sim
test-auth-sim: $(AUTH_SIM)
	@$(TEST_STEP) $(TEST_LOGS) auth-sim $(AUTH_SIM)

# The library's manual page (examples of both schemes).
TEST_TARGETS += test-auth-manlint
.PHONY: test-auth-manlint
test-auth-manlint:
	@$(TEST_STEP) $(TEST_LOGS) auth-manlint mandoc -Tlint -W warning \
	    $(AUTH_DIR)/tcpinc_auth.3

# `make` demo: the examples directly and through a relay (LD_PRELOAD ENO).
DEMO_TARGETS += auth-demo
.PHONY: auth-demo
auth-demo: $(AUTH_SHIM) $(AUTH_SERVER) $(AUTH_CLIENT) $(AUTH_RELAY)
	@bash $(AUTH_TDIR)/auth-demo.sh $(BIN) $(AUTH_SHIM) $(AUTH_RELAY)
