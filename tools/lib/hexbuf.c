/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Hex encoding and decoding for the host runners and tests.
 */
#include <string.h>

#include "hexbuf.h"

static int
hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

int
hex_decode(const char *hex, uint8_t *out, size_t cap, size_t *outlen)
{
	size_t i, n;
	int hi, lo;

	n = strlen(hex);
	if (n % 2 != 0 || n / 2 > cap)
		return (-1);
	for (i = 0; i < n / 2; i++) {
		hi = hex_nibble(hex[2 * i]);
		lo = hex_nibble(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return (-1);
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*outlen = n / 2;
	return (0);
}

void
hex_encode(const uint8_t *buf, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[buf[i] >> 4];
		out[2 * i + 1] = digits[buf[i] & 0xf];
	}
	out[2 * len] = '\0';
}

void
hex_fprint(FILE *fp, const uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		fprintf(fp, "%02x", buf[i]);
}
