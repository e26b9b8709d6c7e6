# tcpinc for FreeBSD: the one entry point.
#
#   make          install missing dependencies, build everything the host can
#                 build into build/, then run the demonstration
#   make test     install missing dependencies, build, run every test
#   make bench    crypto-core against OpenSSL, same machine, same run
#
# Each area of the tree has its own fragment under mk/ that appends to
# BUILD_TARGETS, TEST_TARGETS, BENCH_TARGETS and DEMO_TARGETS.  Test steps run
# through tools/test-step.sh so that `make test` ends with one summary line.

.DEFAULT_GOAL := all
SHELL := /bin/bash

TOP := $(CURDIR)
BUILD := $(TOP)/build
BIN := $(BUILD)/bin
OBJ := $(BUILD)/obj
VENV := $(BUILD)/venv
PY := $(VENV)/bin/python
ZIG := $(VENV)/bin/python -m ziglang
DEPS_STAMP := $(BUILD)/.deps-installed

# Host C: clang, warnings as errors, sanitizers for everything that runs tests.
HOST_CC := clang
HOST_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -g -O1 -Wall -Wextra -Werror \
	-Wno-unused-parameter -fno-omit-frame-pointer
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

# crypto-core products (mk/crypto-core.mk builds them).
CRYPTO_CORE_INC := $(TOP)/crypto-core/include
CRYPTO_CORE_LIB := $(BUILD)/crypto-core/host/libtcpcrypt_core.a
CRYPTO_CORE_KLIB := $(BUILD)/crypto-core/kernel/libtcpcrypt_core.a
CRYPTO_CORE_LDLIBS := -lpthread -ldl -lm

# Shared host helpers (JSON reader, hex) for the runners under tools/.
TOOLS_LIB_SRCS := $(TOP)/tools/lib/tj_json.c $(TOP)/tools/lib/hexbuf.c
TOOLS_LIB_INC := -I$(TOP)/tools/lib

TEST_STEP := $(TOP)/tools/test-step.sh
TEST_LOGS := $(BUILD)/test-logs

BUILD_TARGETS :=
TEST_TARGETS :=
BENCH_TARGETS :=
DEMO_TARGETS :=

include $(sort $(wildcard mk/*.mk))

.PHONY: all build test bench demo deps clean test-begin test-summary

all: build demo

deps: $(DEPS_STAMP)
$(DEPS_STAMP): tools/install-deps.sh tools/requirements.txt $(wildcard tools/deps.d/*.sh)
	bash tools/install-deps.sh
	@mkdir -p $(BUILD) && touch $@

build: deps $(BUILD_TARGETS)

demo: build $(DEMO_TARGETS)

test-begin:
	@rm -rf $(TEST_LOGS) && mkdir -p $(TEST_LOGS)

# The summary step exits non-zero if any step failed, after printing them all.
test: deps test-begin
	@status=0; $(MAKE) --no-print-directory -k $(TEST_TARGETS) || status=$$?; \
	bash tools/test-summary.sh $(TEST_LOGS) $$status

bench: build $(BENCH_TARGETS)

clean:
	rm -rf $(BUILD)
