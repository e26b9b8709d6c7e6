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
 * tcpcrypt key-exchange messages (RFC 8548 3.3, 4.1): Init1 and Init2
 * encoding, validation, and reassembly from stream bytes that arrive in
 * any fragmentation.
 *
 * The receiver keeps the whole message as transmitted (ignored trailing
 * bytes included) because PRK covers Init1 and Init2 verbatim (3.3).
 * Limits are project decision D5: message_len above TCPCRYPT_INIT_MSG_MAX,
 * below the fixed part, or nciphers = 0 abort as malformed.  Each check
 * runs as soon as the bytes it needs have arrived, so a bad peer is cut off
 * before it can make us buffer 4 KiB.
 */

#include "tcpcrypt_engine_var.h"

#define	INIT1_FIXED(k, pub)	(9 + 2 * (size_t)(k) + TCPCRYPT_NONCE_LEN + (pub))
#define	INIT2_FIXED(pub)	(10 + TCPCRYPT_NONCE_LEN + (pub))

/*
 * Wire length of Pub_A / Pub_B (RFC 8548 5): X25519 and X448 raw; P-256 and
 * P-521 as u16be(L) | compressed point, L counting the length bytes.
 */
size_t
tcpcrypt_tep_pub_len(uint8_t tep)
{

	switch (tep) {
	case TCPCRYPT_TEP_P256:
		return (2 + 33);
	case TCPCRYPT_TEP_P521:
		return (2 + 67);
	case TCPCRYPT_TEP_X25519:
		return (32);
	case TCPCRYPT_TEP_X448:
		return (56);
	default:
		return (0);
	}
}

enum tcpcrypt_reason
tcpcrypt_create_init1(uint8_t tep, const uint16_t *ciphers, size_t nciphers,
    const uint8_t *n_a, const uint8_t *pub, size_t pub_len, uint8_t *out,
    size_t cap, size_t *len)
{
	size_t i, m, off;

	if (tcpcrypt_tep_pub_len(tep) == 0)
		return (TCPCRYPT_R_UNSUPPORTED_TEP);
	if (pub_len != tcpcrypt_tep_pub_len(tep) || nciphers == 0 ||
	    nciphers > TCPCRYPT_MAX_CONF)
		return (TCPCRYPT_R_BAD_ARGUMENT);
	/* The ignored field is empty when we send (4.1 MUST). */
	m = INIT1_FIXED(nciphers, pub_len);
	if (cap < m)
		return (TCPCRYPT_R_BUFFER_TOO_SMALL);
	tcpcrypt_put_be32(out, TCPCRYPT_INIT1_MAGIC);
	tcpcrypt_put_be32(out + 4, (uint32_t)m);
	out[8] = (uint8_t)nciphers;
	off = 9;
	for (i = 0; i < nciphers; i++, off += 2)
		tcpcrypt_put_be16(out + off, ciphers[i]);
	memcpy(out + off, n_a, TCPCRYPT_NONCE_LEN);
	off += TCPCRYPT_NONCE_LEN;
	memcpy(out + off, pub, pub_len);
	*len = m;
	return (TCPCRYPT_R_NONE);
}

enum tcpcrypt_reason
tcpcrypt_create_init2(uint8_t tep, uint16_t cipher, const uint8_t *n_b,
    const uint8_t *pub, size_t pub_len, uint8_t *out, size_t cap, size_t *len)
{
	size_t m;

	if (tcpcrypt_tep_pub_len(tep) == 0)
		return (TCPCRYPT_R_UNSUPPORTED_TEP);
	if (pub_len != tcpcrypt_tep_pub_len(tep))
		return (TCPCRYPT_R_BAD_ARGUMENT);
	m = INIT2_FIXED(pub_len);
	if (cap < m)
		return (TCPCRYPT_R_BUFFER_TOO_SMALL);
	tcpcrypt_put_be32(out, TCPCRYPT_INIT2_MAGIC);
	tcpcrypt_put_be32(out + 4, (uint32_t)m);
	tcpcrypt_put_be16(out + 8, cipher);
	memcpy(out + 10, n_b, TCPCRYPT_NONCE_LEN);
	memcpy(out + 10 + TCPCRYPT_NONCE_LEN, pub, pub_len);
	*len = m;
	return (TCPCRYPT_R_NONE);
}

/*
 * Checks whatever prefix of an Init message is present: the magic once 4
 * bytes are in, message_len against D5 once 8 are, and for Init1 nciphers
 * once 9 are.  Before nciphers is known the smallest legal Init1 (one
 * cipher) bounds message_len from below.
 */
static enum tcpcrypt_reason
init_check_prefix(uint32_t magic, uint8_t tep, const uint8_t *p, size_t have)
{
	size_t pub, fixed;
	uint32_t m;

	pub = tcpcrypt_tep_pub_len(tep);
	if (pub == 0)
		return (TCPCRYPT_R_UNSUPPORTED_TEP);
	if (have >= 4 && tcpcrypt_be32(p) != magic)
		return (magic == TCPCRYPT_INIT1_MAGIC ?
		    TCPCRYPT_R_INIT1_BAD_MAGIC : TCPCRYPT_R_INIT2_BAD_MAGIC);
	if (have < 8)
		return (TCPCRYPT_R_NONE);
	m = tcpcrypt_be32(p + 4);
	if (m > TCPCRYPT_INIT_MSG_MAX)
		return (TCPCRYPT_R_INIT_TOO_LONG);
	if (magic == TCPCRYPT_INIT2_MAGIC)
		fixed = INIT2_FIXED(pub);
	else if (have >= 9) {
		if (p[8] == 0)
			return (TCPCRYPT_R_INIT1_NO_CIPHERS);
		fixed = INIT1_FIXED(p[8], pub);
	} else
		fixed = INIT1_FIXED(1, pub);
	if (m < fixed)
		return (TCPCRYPT_R_INIT_TOO_SHORT);
	return (TCPCRYPT_R_NONE);
}

/* Validates one whole Init1 (exactly message_len bytes). */
enum tcpcrypt_reason
tcpcrypt_consume_init1(uint8_t tep, const uint8_t *msg, size_t len,
    struct tcpcrypt_init1_view *v)
{
	enum tcpcrypt_reason r;
	size_t k;

	if (len < 9)
		return (len < 4 || tcpcrypt_be32(msg) == TCPCRYPT_INIT1_MAGIC ?
		    TCPCRYPT_R_INIT_TOO_SHORT : TCPCRYPT_R_INIT1_BAD_MAGIC);
	r = init_check_prefix(TCPCRYPT_INIT1_MAGIC, tep, msg, len);
	if (r != TCPCRYPT_R_NONE)
		return (r);
	if (tcpcrypt_be32(msg + 4) != len)
		return (TCPCRYPT_R_BAD_ARGUMENT);
	k = msg[8];
	v->ciphers = msg + 9;
	v->nciphers = k;
	v->n_a = msg + 9 + 2 * k;
	v->pub = v->n_a + TCPCRYPT_NONCE_LEN;
	v->pub_len = tcpcrypt_tep_pub_len(tep);
	return (TCPCRYPT_R_NONE);
}

/* Validates one whole Init2 (exactly message_len bytes). */
enum tcpcrypt_reason
tcpcrypt_consume_init2(uint8_t tep, const uint8_t *msg, size_t len,
    struct tcpcrypt_init2_view *v)
{
	enum tcpcrypt_reason r;

	if (len < 8)
		return (len < 4 || tcpcrypt_be32(msg) == TCPCRYPT_INIT2_MAGIC ?
		    TCPCRYPT_R_INIT_TOO_SHORT : TCPCRYPT_R_INIT2_BAD_MAGIC);
	r = init_check_prefix(TCPCRYPT_INIT2_MAGIC, tep, msg, len);
	if (r != TCPCRYPT_R_NONE)
		return (r);
	if (tcpcrypt_be32(msg + 4) != len)
		return (TCPCRYPT_R_BAD_ARGUMENT);
	v->cipher = tcpcrypt_be16(msg + 8);
	v->n_b = msg + 10;
	v->pub = msg + 10 + TCPCRYPT_NONCE_LEN;
	v->pub_len = tcpcrypt_tep_pub_len(tep);
	return (TCPCRYPT_R_NONE);
}

void
tcpcrypt_init_rx_reset(struct tcpcrypt_init_rx *rx)
{

	rx->have = 0;
	rx->msg_len = 0;
}

/*
 * Appends stream bytes to the message being reassembled.  Consumes only
 * up to the end of the message (the bytes after it are the peer's first
 * frames) and sets *complete once message_len bytes are held.  A
 * rejection is fatal: the caller aborts the connection.
 */
enum tcpcrypt_reason
tcpcrypt_init_rx_feed(struct tcpcrypt_init_rx *rx, uint32_t magic,
    uint8_t tep, const uint8_t *data, size_t len, size_t *consumed,
    bool *complete)
{
	enum tcpcrypt_reason r;
	size_t want, n, hdr;

	*consumed = 0;
	*complete = false;
	while (*consumed < len) {
		/* First the 9-byte header, then the rest of message_len. */
		hdr = magic == TCPCRYPT_INIT1_MAGIC ? 9 : 8;
		want = rx->msg_len != 0 ? rx->msg_len : hdr;
		if (rx->have >= want)
			break;
		n = want - rx->have;
		if (n > len - *consumed)
			n = len - *consumed;
		memcpy(rx->buf + rx->have, data + *consumed, n);
		r = init_check_prefix(magic, tep, rx->buf, rx->have + n);
		if (r != TCPCRYPT_R_NONE)
			return (r);
		rx->have += (uint32_t)n;
		*consumed += n;
		if (rx->msg_len == 0 && rx->have >= hdr)
			rx->msg_len = tcpcrypt_be32(rx->buf + 4);
	}
	if (rx->msg_len != 0 && rx->have == rx->msg_len)
		*complete = true;
	return (TCPCRYPT_R_NONE);
}
