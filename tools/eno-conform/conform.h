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
 * eno-conform: runs TCP-ENO conformance cases (JSON) through the portable
 * engine under sys/netinet/.  This header is the contract between the
 * dispatcher (ENO-CORE) and the kind handlers: every handler has the
 * signature below, returns 0 when the case passes and 1 when it fails,
 * with a one-line explanation in why.  Host userland only.
 */

#ifndef ENO_CONFORM_H
#define	ENO_CONFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tj_json.h"
#include "tcp_eno_engine.h"

typedef int conform_kind_fn(const struct tj_value *c, char *why,
    size_t whylen);

/* ENO-CORE kinds. */
conform_kind_fn conform_parse;
conform_kind_fn conform_syn;
conform_kind_fn conform_synack;
conform_kind_fn conform_negotiate;
conform_kind_fn conform_tcpopts;

/* ENO-OPTS kinds (tools/eno-conform/conform_{sockopt,sysctl,policy}.c). */
conform_kind_fn conform_sockopt;
conform_kind_fn conform_sysctl;
conform_kind_fn conform_policy;

/*
 * The registry the cases run against: TEPs 0x21-0x24 with tcpcrypt's
 * suboption rules and empty session caches (RFC 8548 3.5): v = 1 data of
 * fewer than 9 bytes counts as v = 0; a v = 1 suboption of 9 bytes or
 * more in B's SYN is never valid (nothing cached to match it); A's v = 1
 * suboptions still offer fresh key exchange.
 */
const struct tcp_eno_registry *conform_registry(void);

/* Helpers for handlers.  conform_fail formats why and returns 1. */
int	conform_fail(char *why, size_t whylen, const char *fmt, ...)
	    __attribute__((__format__(__printf__, 3, 4)));
/* Hex member: 1 present (bytes in buf), 0 null/absent, -1 malformed. */
int	conform_hex(const struct tj_value *obj, const char *key, uint8_t *buf,
	    size_t cap, size_t *len);
/* Bool member with a default when absent; -1 when not a bool. */
int	conform_bool(const struct tj_value *obj, const char *key, bool def,
	    bool *out);
/* Int member; -1 when absent or not an integer. */
int	conform_int(const struct tj_value *obj, const char *key, long long *out);
/* Array of ints 0-255 into bytes; -1 when malformed or too long. */
int	conform_bytes_list(const struct tj_value *obj, const char *key,
	    uint8_t *buf, size_t cap, size_t *len);
/* Optional "reason": 0 when absent or equal to got, else 1 with why. */
int	conform_reason(const struct tj_value *expect, enum tcp_eno_reason got,
	    char *why, size_t whylen);
void	conform_hexstr(const uint8_t *buf, size_t len, char *out, size_t cap);

#endif /* !ENO_CONFORM_H */
