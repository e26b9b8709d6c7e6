# mk/kernel.mk: KERNEL area (issue 5), FreeBSD kernel integration.
#
#   kernel-check        rung 4 of DESIGN.md: every kernel-side C file we ship
#                       (sys/netinet/*.c and the hook code of patches/, mirrored
#                       in tools/kernel-check/hooks_mirror.c) compiled as
#                       FreeBSD 15.0 kernel code with zig, linked with
#                       crypto-core's kernel staticlib (ld -r), undefined
#                       symbols checked against tools/kernel-symbols.allow,
#                       worst-case stack depth below every hook and the
#                       tcpcrypt worker (tools/kernel-check/stack-depth.py)
#   kernel-atf-build    tests/sys/netinet ATF programs cross-compiled for
#                       x86_64-freebsd (compile only; they run on FreeBSD)
#   kernel-shellcheck   tools/*.sh of this area and the ATF shell tests
#   kernel-man-lint     share/man/man4/tcp_eno.4 with mandoc -Tlint
#
# Test steps: kernel-check, kernel-atf-build, kernel-shellcheck,
# kernel-man-lint.

KERNEL_OUT := $(BUILD)/kernel-check
KERNEL_CHECK := $(TOP)/tools/kernel-check/kernel-check.sh
KERNEL_SCRIPTS := $(TOP)/tools/apply-patches.sh $(TOP)/tools/build-kernel.sh \
	$(TOP)/tools/bhyve-test.sh $(KERNEL_CHECK) \
	$(TOP)/tools/kernel-check/genoffset.sh \
	$(TOP)/tools/kernel-check/atf-build.sh \
	$(TOP)/tools/kernel-check/conf-files-patch.sh \
	$(TOP)/tools/kernel-check/redzone-check.sh \
	$(TOP)/sys/conf/tcpcrypt_core_link.sh
KERNEL_ATF_SH := $(wildcard $(TOP)/tests/sys/netinet/*.sh)
KERNEL_MAN := $(TOP)/share/man/man4/tcp_eno.4

.PHONY: kernel-check kernel-atf-build test-kernel-check test-kernel-atf-build \
	test-kernel-shellcheck test-kernel-man-lint

TEST_TARGETS += test-kernel-check test-kernel-atf-build test-kernel-shellcheck \
	test-kernel-man-lint

# kernel-check needs crypto-core's kernel library (mk/crypto-core.mk).
kernel-check: crypto-core-kernel
	bash $(KERNEL_CHECK) $(TOP) $(KERNEL_OUT) $(PY) $(CRYPTO_CORE_KLIB)

test-kernel-check: crypto-core-kernel
	@$(TEST_STEP) $(TEST_LOGS) kernel-check \
	    bash $(KERNEL_CHECK) $(TOP) $(KERNEL_OUT) $(PY) $(CRYPTO_CORE_KLIB)

kernel-atf-build:
	bash $(TOP)/tools/kernel-check/atf-build.sh $(TOP) $(BUILD)/kernel-atf $(PY)

test-kernel-atf-build:
	@$(TEST_STEP) $(TEST_LOGS) kernel-atf-build \
	    bash $(TOP)/tools/kernel-check/atf-build.sh $(TOP) \
	    $(BUILD)/kernel-atf $(PY)

# The ATF shell tests have no #! line (bsd.test.mk adds atf-sh's): -s sh.
test-kernel-shellcheck:
	@$(TEST_STEP) $(TEST_LOGS) kernel-shellcheck bash -c \
	    'shellcheck -x $(KERNEL_SCRIPTS) && \
	    shellcheck -x -s sh $(KERNEL_ATF_SH) && \
	    shellcheck -s bash $(TOP)/tools/deps.d/kernel.sh && \
	    echo "shellcheck: $(words $(KERNEL_SCRIPTS) $(KERNEL_ATF_SH) x) scripts clean"'


test-kernel-man-lint:
	@$(TEST_STEP) $(TEST_LOGS) kernel-man-lint \
	    mandoc -Tlint -W warning $(KERNEL_MAN)
