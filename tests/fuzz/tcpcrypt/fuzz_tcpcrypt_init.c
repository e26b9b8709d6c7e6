/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
 */

/*
 * libFuzzer target: the Init1 / Init2 parser (RFC 8548 4.1, D5) as the
 * engine meets it, bytes from the network in any fragmentation.
 *
 * Input: byte 0 picks the receiving role (bit 0: A receives Init2, else B
 * receives Init1) and the TEP (bits 1-2); byte 1 seeds the fragment
 * sizes; the rest is the peer's stream.  Also runs the whole-message
 * consume functions on the same bytes.  Invariants: no sanitizer report;
 * an abort carries a fatal reason with an error class; the engine never
 * consumes more than it was given; B answers only once keys exist.
 */

#include "fuzz_tcpcrypt.h"
#include "tcpcrypt_engine_var.h"

static const uint8_t teps[] = { 0x21, 0x22, 0x23, 0x24 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tcpcrypt_init1_view v1;
	struct tcpcrypt_init2_view v2;
	struct tcpcrypt_conn *c;
	struct fz_rng rng, frag;
	uint8_t out[TCPCRYPT_FRAME_MAX];
	size_t off, n, consumed, len;
	uint8_t tep;
	bool a;
	int flags;

	if (size < 2)
		return (0);
	a = (data[0] & 1) != 0;
	tep = teps[(data[0] >> 1) & 3];
	rng.s = 1;
	frag.s = data[1];
	(void)tcpcrypt_consume_init1(tep, data + 2, size - 2, &v1);
	(void)tcpcrypt_consume_init2(tep, data + 2, size - 2, &v2);
	c = fz_conn(&rng, a, NULL, 0);
	fz_negotiated(c, a ? 0 : 1, tep);
	if (a)
		(void)tcpcrypt_poll_transmit(c, out, sizeof(out), &len, &flags);
	for (off = 2; off < size;) {
		n = 1 + fz_next(&frag) % 64;
		if (n > size - off)
			n = size - off;
		if (tcpcrypt_handle_stream_bytes(c, data + off, n,
		    &consumed) != TCPCRYPT_R_NONE)
			break;
		if (consumed > n)
			abort();
		if (consumed == 0) {
			(void)tcpcrypt_poll_plaintext(c, out, sizeof(out),
			    &len);
			(void)tcpcrypt_poll_transmit(c, out, sizeof(out), &len,
			    &flags);
			if (len == 0)
				break;
			continue;
		}
		off += consumed;
	}
	(void)tcpcrypt_poll_transmit(c, out, sizeof(out), &len, &flags);
	if (!a && len != 0 && !tcpcrypt_encrypting(c))
		abort();
	(void)tcpcrypt_handle_fin(c);
	fz_check_error(c);
	tcpcrypt_conn_destroy(c);
	return (0);
}
