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
 * Helpers shared by the eno-conform kind handlers: typed access to case
 * members through tj_json, hex through hexbuf, reason assertions.
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conform.h"
#include "hexbuf.h"

int
conform_fail(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return (1);
}

int
conform_hex(const struct tj_value *obj, const char *key, uint8_t *buf,
    size_t cap, size_t *len)
{
	const struct tj_value *v;

	v = tj_get(obj, key);
	if (tj_is_null(v)) {
		*len = 0;
		return (0);
	}
	if (tj_hex(v, buf, cap, len) != 0)
		return (-1);
	return (1);
}

int
conform_bool(const struct tj_value *obj, const char *key, bool def,
    bool *out)
{
	const struct tj_value *v;
	int b;

	v = tj_get(obj, key);
	if (v == NULL) {
		*out = def;
		return (0);
	}
	if (tj_bool(v, &b) != 0)
		return (-1);
	*out = b != 0;
	return (0);
}

int
conform_int(const struct tj_value *obj, const char *key, long long *out)
{

	return (tj_int(tj_get(obj, key), out));
}

int
conform_bytes_list(const struct tj_value *obj, const char *key, uint8_t *buf,
    size_t cap, size_t *len)
{
	const struct tj_value *arr;
	long long x;
	size_t i, n;

	arr = tj_get(obj, key);
	if (arr == NULL || tj_type(arr) != TJ_ARRAY)
		return (-1);
	n = tj_len(arr);
	if (n > cap)
		return (-1);
	for (i = 0; i < n; i++) {
		if (tj_int(tj_at(arr, i), &x) != 0 || x < 0 || x > 255)
			return (-1);
		buf[i] = (uint8_t)x;
	}
	*len = n;
	return (0);
}

int
conform_reason(const struct tj_value *expect, enum tcp_eno_reason got,
    char *why, size_t whylen)
{
	enum tcp_eno_reason want;
	const char *name;

	if (tj_is_null(tj_get(expect, "reason")))
		return (0);
	if (tj_str(tj_get(expect, "reason"), &name) != 0 ||
	    !tcp_eno_reason_lookup(name, &want))
		return (conform_fail(why, whylen, "bad expect.reason"));
	if (want != got)
		return (conform_fail(why, whylen, "reason %s, expected %s",
		    tcp_eno_reason_name(got), name));
	return (0);
}

void
conform_hexstr(const uint8_t *buf, size_t len, char *out, size_t cap)
{

	if (cap < 2 * len + 1) {
		snprintf(out, cap, "(%zu bytes)", len);
		return;
	}
	hex_encode(buf, len, out);
}
