/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * The C panic hook a kernel-target crypto-core staticlib calls from its
 * #[panic_handler], for build/bin/tcpcrypt-kat-kernel: the known answers
 * checked against the library the kernel links, backends included.  A
 * panic is a failure of the whole run (the kernel would panic(9)).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

void	tcpcrypt_core_panic(const char *msg, size_t len)
	    __attribute__((noreturn));

void
tcpcrypt_core_panic(const char *msg, size_t len)
{
	fprintf(stderr, "tcpcrypt-kat: crypto-core panic: %.*s\n", (int)len,
	    msg);
	abort();
}
