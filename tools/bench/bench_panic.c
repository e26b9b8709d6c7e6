/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * The C panic hook a kernel-target crypto-core staticlib needs (its
 * #[panic_handler] calls it), for linking that library into the userland
 * benchmark.  The kernel provides its own, which calls panic(9).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

void	tcpcrypt_core_panic(const char *msg, size_t len)
	    __attribute__((noreturn));

void
tcpcrypt_core_panic(const char *msg, size_t len)
{
	fprintf(stderr, "tcpcrypt-bench: crypto-core panic: %.*s\n", (int)len,
	    msg);
	abort();
}
