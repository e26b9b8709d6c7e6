/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions
 * are met:
 * 1. Redistributions of source code must retain the above copyright
 *    notice, this list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright
 *    notice, this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 *
 * THIS SOFTWARE IS PROVIDED BY THE AUTHOR AND CONTRIBUTORS ``AS IS'' AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 * ARE DISCLAIMED.  IN NO EVENT SHALL THE AUTHOR OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS
 * OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
 * HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
 * LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY
 * OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF
 * SUCH DAMAGE.
 */

/*
 * The one include of the portable TCP-ENO engine (RFC 8547) and of the
 * engines that plug into it.  Engine files include this header and each
 * other, nothing else, so the same sources compile as FreeBSD kernel code
 * (-D_KERNEL) and as host userland code for the tests, runners and fuzzers.
 *
 * What the engine may use, and nothing more: fixed-width integers, bool,
 * size_t, memcpy/memcmp/memset, a wipe that the compiler cannot elide
 * (explicit_bzero) and a constant-time compare (timingsafe_bcmp in the
 * kernel, tcp_eno_ct_bcmp() here on the host).  The engine allocates
 * nothing: every state structure is caller-owned and fixed in size.
 */

#ifndef _NETINET_TCP_ENO_COMPAT_H_
#define _NETINET_TCP_ENO_COMPAT_H_

#ifdef _KERNEL

#include <sys/param.h>
#include <sys/types.h>
#include <sys/systm.h>

#define	TCP_ENO_ASSERT(cond, msg)	KASSERT((cond), msg)
#define	tcp_eno_wipe(p, n)		explicit_bzero((p), (n))
#define	tcp_eno_ct_bcmp(a, b, n)	timingsafe_bcmp((a), (b), (n))

#else /* !_KERNEL */

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* KASSERT's message argument is a parenthesised printf list; drop it. */
#define	TCP_ENO_ASSERT(cond, msg)	assert(cond)

#ifndef nitems
#define	nitems(x)	(sizeof((x)) / sizeof((x)[0]))
#endif

#ifndef __unused
#define	__unused	__attribute__((__unused__))
#endif

/*
 * Secrets must really go (STYLE): glibc's explicit_bzero needs
 * _DEFAULT_SOURCE, so the host build uses memset followed by an empty asm
 * with a memory clobber, which tells the compiler the zeroed bytes are read
 * and so keeps the memset from being dropped as a dead store (the idiom
 * behind explicit_bzero), at memset's speed for frame buffers.
 */
static inline void
tcp_eno_wipe(void *p, size_t n)
{

	if (n == 0)
		return;
	memset(p, 0, n);
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

/* Constant-time inequality test: 0 when equal, as timingsafe_bcmp(3). */
static inline int
tcp_eno_ct_bcmp(const void *a, const void *b, size_t n)
{
	const volatile uint8_t *pa = a, *pb = b;
	uint8_t acc = 0;

	while (n-- > 0)
		acc |= *pa++ ^ *pb++;
	return (acc != 0);
}

#endif /* _KERNEL */

/* strcmp without libc or libkern, for the engine's name lookups. */
static inline bool
tcp_eno_streq(const char *a, const char *b)
{

	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return (*a == *b);
}

#endif /* !_NETINET_TCP_ENO_COMPAT_H_ */
