/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * tcpcrypt-kat helpers: reading hex fields of a case, comparing results
 * with the expected bytes (through crypto-core's constant-time compare, as
 * the kernel would compare secrets), and recording the first failure.
 */
#include <stdio.h>
#include <string.h>

#include "hexbuf.h"
#include "kat.h"

void
kat_fail(struct kat_case *c, const char *fmt, ...)
{
	va_list ap;

	if (c->failed++ > 0)
		return;
	va_start(ap, fmt);
	vsnprintf(c->why, sizeof(c->why), fmt, ap);
	va_end(ap);
}

/* Names as in the vector files ("expect": {"error": NAME}). */
const char *
kat_status_name(enum tcpcrypt_core_status st)
{
	switch (st) {
	case TCPCRYPT_CORE_STATUS_OK:
		return ("ok");
	case TCPCRYPT_CORE_STATUS_NULL_POINTER:
		return ("null_pointer");
	case TCPCRYPT_CORE_STATUS_BAD_LENGTH:
		return ("bad_length");
	case TCPCRYPT_CORE_STATUS_BUFFER_TOO_SMALL:
		return ("buffer_too_small");
	case TCPCRYPT_CORE_STATUS_UNSUPPORTED_TEP:
		return ("unsupported_tep");
	case TCPCRYPT_CORE_STATUS_UNSUPPORTED_AEAD:
		return ("unsupported_aead");
	case TCPCRYPT_CORE_STATUS_INVALID_PRIVATE_KEY:
		return ("invalid_private_key");
	case TCPCRYPT_CORE_STATUS_INVALID_PUBLIC_KEY:
		return ("invalid_public_key");
	case TCPCRYPT_CORE_STATUS_AUTH_FAILED:
		return ("auth_failed");
	case TCPCRYPT_CORE_STATUS_FRAME_TOO_LONG:
		return ("frame_too_long");
	case TCPCRYPT_CORE_STATUS_MALFORMED_FRAME:
		return ("malformed_frame");
	case TCPCRYPT_CORE_STATUS_RESERVED_BITS:
		return ("reserved_bits");
	case TCPCRYPT_CORE_STATUS_BAD_DIRECTION:
		return ("bad_direction");
	case TCPCRYPT_CORE_STATUS_UNINITIALIZED:
		return ("uninitialized");
	}
	return ("unknown_status");
}

/* A crypto-core call that must succeed. */
int
kat_call(struct kat_case *c, const char *what, enum tcpcrypt_core_status st)
{
	if (st == TCPCRYPT_CORE_STATUS_OK)
		return (0);
	kat_fail(c, "%s: %s", what, kat_status_name(st));
	return (-1);
}

int
kat_hex(struct kat_case *c, const struct tj_value *obj, const char *key,
    uint8_t *buf, size_t cap, size_t *len)
{
	if (tj_hex(tj_get(obj, key), buf, cap, len) == 0)
		return (0);
	kat_fail(c, "field \"%s\" missing or not hex", key);
	return (-1);
}

static void
kat_hexstr(const uint8_t *b, size_t n, char *out, size_t cap)
{
	size_t max = (cap - 4) / 2;

	if (n > max) {
		hex_encode(b, max, out);
		strcpy(out + 2 * max, "...");
	} else
		hex_encode(b, n, out);
}

int
kat_expect(struct kat_case *c, const char *what, const uint8_t *got,
    size_t got_len, const struct tj_value *want)
{
	static uint8_t w[KAT_FRAME_MAX];
	char gs[100], ws[100];
	size_t wl;
	bool eq = false;

	if (tj_hex(want, w, sizeof(w), &wl) != 0) {
		kat_fail(c, "%s: expected value missing or not hex", what);
		return (-1);
	}
	if (wl == got_len && kat_call(c, "ct_eq", tcpcrypt_core_ct_eq(got, w,
	    wl, &eq)) != 0)
		return (-1);
	if (eq)
		return (0);
	kat_hexstr(got, got_len, gs, sizeof(gs));
	kat_hexstr(w, wl, ws, sizeof(ws));
	kat_fail(c, "%s: got %s (%zu bytes), want %s (%zu bytes)", what, gs,
	    got_len, ws, wl);
	return (-1);
}

int
kat_expect_secret(struct kat_case *c, const char *what,
    const struct tcpcrypt_core_secret *s, const struct tj_value *want)
{
	uint8_t b[TCPCRYPT_CORE_K_LEN];
	size_t n;
	int rc;

	if (kat_call(c, what, tcpcrypt_core_secret_export(s, b, sizeof(b),
	    &n)) != 0)
		return (-1);
	rc = kat_expect(c, what, b, n, want);
	explicit_bzero(b, sizeof(b));
	return (rc);
}
