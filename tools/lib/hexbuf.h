/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Hex encoding and decoding for the host runners and tests (not the kernel).
 */
#ifndef HEXBUF_H
#define HEXBUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Decode NUL-terminated hex (either case); 0 and *outlen, or -1. */
int	hex_decode(const char *hex, uint8_t *out, size_t cap, size_t *outlen);
/* Encode len bytes as lower-case hex into out (2 * len + 1 bytes). */
void	hex_encode(const uint8_t *buf, size_t len, char *out);
/* Print len bytes as lower-case hex to fp, no newline. */
void	hex_fprint(FILE *fp, const uint8_t *buf, size_t len);

#endif /* HEXBUF_H */
