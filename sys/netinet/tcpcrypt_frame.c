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
 * tcpcrypt encryption frames (RFC 8548 3.6, 3.7, 4.2; D4, D7, D11, D13).
 *
 * Sending: queued application bytes become one frame per poll, as large
 * as the queue, the caller's buffer and clen < 2^16 allow (D11).  The
 * nonce's frame ID is the frame's offset in this host's whole TCP byte
 * stream, Init message included (D4; 0 for the first frame of a resumed
 * session).  FINp goes on the last frame only; the urgent field counts
 * from the first data byte of its frame in the application stream (D13).
 *
 * Receiving: stream bytes are gathered into one frame however TCP split
 * them, the frame is opened in place (tag first, no plaintext on
 * failure), and its data waits for poll_plaintext; until it is read, no
 * more bytes are taken (backpressure through *consumed).  Any failure to
 * authenticate aborts (D7).
 */

#include "tcpcrypt_engine_var.h"

/*
 * The send queue and the receive frame buffer are allocated on first use,
 * so a connection that never moves data costs no buffer.  The *_hw marks
 * bound the bytes ever written, which is all a wipe has to clear.
 */
enum tcpcrypt_reason
tcpcrypt_txq_alloc(struct tcpcrypt_conn *c)
{

	if (c->txq == NULL)
		c->txq = c->alloc.alloc(c->alloc.arg, c->txq_size);
	return (c->txq == NULL ? TCPCRYPT_R_NOMEM : TCPCRYPT_R_NONE);
}

static enum tcpcrypt_reason
rxbuf_alloc(struct tcpcrypt_conn *c)
{

	if (c->rxbuf == NULL)
		c->rxbuf = c->alloc.alloc(c->alloc.arg, TCPCRYPT_FRAME_MAX);
	return (c->rxbuf == NULL ? TCPCRYPT_R_NOMEM : TCPCRYPT_R_NONE);
}

void
tcpcrypt_buffers_free(struct tcpcrypt_conn *c)
{

	if (c->txq != NULL) {
		tcp_eno_wipe(c->txq, c->txq_hw);
		c->alloc.free(c->alloc.arg, c->txq, c->txq_size);
		c->txq = NULL;
	}
	if (c->rxbuf != NULL) {
		tcp_eno_wipe(c->rxbuf, c->rx_hw);
		c->alloc.free(c->alloc.arg, c->rxbuf, TCPCRYPT_FRAME_MAX);
		c->rxbuf = NULL;
	}
	c->txq_hw = c->rx_hw = 0;
}

struct frame_plan {
	uint8_t		control;
	uint8_t		flags;
	uint16_t	urgent;
	size_t		data_len;
	size_t		data_off;
};

/*
 * How much of the queue goes into this frame, and its flags.  An urgent
 * mark still ahead of us rides on this frame if its distance fits the
 * 16-bit field, and the frame ends at the urgent byte so that the mark
 * is delivered with it (D13).
 */
static enum tcpcrypt_reason
frame_plan(const struct tcpcrypt_conn *c, size_t cap, struct frame_plan *p)
{
	uint64_t u;
	size_t overhead, room;

	memset(p, 0, sizeof(*p));
	if (c->tx_urgent != 0 && c->tx_urgent > c->tx_app_offset &&
	    c->tx_urgent - 1 - c->tx_app_offset <= 0xffff)
		p->flags |= TCPCRYPT_FLAG_URGP;
	if (tcpcrypt_core_frame_overhead(c->aead, p->flags, &overhead) !=
	    TCPCRYPT_CORE_STATUS_OK ||
	    tcpcrypt_core_frame_data_offset(p->flags, &p->data_off) !=
	    TCPCRYPT_CORE_STATUS_OK)
		return (TCPCRYPT_R_CRYPTO);
	room = cap - overhead;
	if (room > TCPCRYPT_FRAME_MAX - overhead)
		room = TCPCRYPT_FRAME_MAX - overhead;
	p->data_len = c->txq_len < room ? c->txq_len : room;
	if ((p->flags & TCPCRYPT_FLAG_URGP) != 0) {
		u = c->tx_urgent - 1 - c->tx_app_offset;
		p->urgent = (uint16_t)u;
		if (u < p->data_len)
			p->data_len = (size_t)u + 1;
	}
	/* 3.7: FINp on the last frame, and only there. */
	if (c->app_closed && p->data_len == c->txq_len)
		p->flags |= TCPCRYPT_FLAG_FINP;
	if (c->rekey_next)
		p->control |= TCPCRYPT_CONTROL_REKEY;
	return (TCPCRYPT_R_NONE);
}

/* Book-keeping after a frame is sealed into the stream. */
static void
frame_sent(struct tcpcrypt_conn *c, const struct frame_plan *p,
    size_t frame_len, int *flags)
{

	c->tx_offset += frame_len;
	c->txq_off += p->data_len;
	c->txq_len -= p->data_len;
	if (c->txq_len == 0)
		c->txq_off = 0;
	c->tx_app_offset += p->data_len;
	if (c->tx_urgent != 0 && c->tx_urgent <= c->tx_app_offset)
		c->tx_urgent = 0;
	c->frames_under_key++;
	c->bytes_under_key += frame_len;
	if (c->rekey_next) {
		/* 3.8: an empty rekey frame we initiated is outstanding. */
		if (p->data_len == 0 && c->tx.gen > c->rx.gen)
			c->empty_rekey_out = true;
		c->rekey_next = false;
	}
	c->send_now = false;
	if (c->txq_len == 0)
		*flags |= TCPCRYPT_TX_PSH;
	if ((p->flags & TCPCRYPT_FLAG_FINP) != 0) {
		c->fin_sent = true;
		*flags |= TCPCRYPT_TX_FIN;
		/* No frame follows FINp: our sending keys can go now. */
		tcpcrypt_core_aead_reset(&c->tx.aead);
		tcpcrypt_core_secret_reset(&c->tx.mk);
	}
}

enum tcpcrypt_reason
tcpcrypt_frame_transmit(struct tcpcrypt_conn *c, uint8_t *out, size_t cap,
    size_t *len, int *flags)
{
	struct frame_plan p;
	enum tcpcrypt_reason r;
	size_t frame_len;

	if (c->fin_sent || (c->txq_len == 0 && !c->send_now && !c->app_closed))
		return (TCPCRYPT_R_NONE);
	if (c->txq_len != 0 && tcpcrypt_rekey_due(c)) {
		r = tcpcrypt_rekey_local(c);
		if (r != TCPCRYPT_R_NONE)
			return (r);
	}
	r = frame_plan(c, cap, &p);
	if (r != TCPCRYPT_R_NONE)
		return (r);
	if (c->tx_offset > UINT64_MAX - (p.data_len + TCPCRYPT_FRAME_MAX))
		return (TCPCRYPT_R_OFFSET_EXHAUSTED);
	if (p.data_len != 0)
		memcpy(out + p.data_off, c->txq + c->txq_off, p.data_len);
	if (tcpcrypt_core_frame_seal(&c->tx.aead, c->tx_offset, p.control,
	    p.flags, p.urgent, out, cap, p.data_len, &frame_len) !=
	    TCPCRYPT_CORE_STATUS_OK) {
		tcp_eno_wipe(out, cap);
		return (TCPCRYPT_R_CRYPTO);
	}
	if (p.data_len != 0)
		tcp_eno_wipe(c->txq + c->txq_off, p.data_len);
	frame_sent(c, &p, frame_len, flags);
	*len = frame_len;
	return (TCPCRYPT_R_NONE);
}

/*
 * A complete frame is in rxbuf: rekey bit first (the frame is under the
 * new remote generation, 3.8), then open, then hand the data over.
 */
static enum tcpcrypt_reason
frame_open(struct tcpcrypt_conn *c, size_t frame_len)
{
	enum tcpcrypt_core_status st;
	enum tcpcrypt_reason r;
	size_t data_off, data_len;
	uint16_t urgent;
	uint8_t control, flags;

	if ((c->rxbuf[0] & TCPCRYPT_CONTROL_REKEY) != 0) {
		r = tcpcrypt_rekey_remote(c);
		if (r != TCPCRYPT_R_NONE)
			return (r);
	}
	st = tcpcrypt_core_frame_open(&c->rx.aead, c->rx_offset, c->rxbuf,
	    frame_len, &control, &flags, &urgent, &data_off, &data_len);
	if (st == TCPCRYPT_CORE_STATUS_AUTH_FAILED)
		return (TCPCRYPT_R_FRAME_AUTH);
	if (st == TCPCRYPT_CORE_STATUS_MALFORMED_FRAME)
		return (TCPCRYPT_R_FRAME_MALFORMED);
	if (st != TCPCRYPT_CORE_STATUS_OK)
		return (TCPCRYPT_R_CRYPTO);
	c->rx_offset += frame_len;
	c->rx_have = 0;
	/* A mark ahead of the frame repeats on the next ones: report once. */
	if ((flags & TCPCRYPT_FLAG_URGP) != 0 &&
	    (!c->rx_urgent_seen || c->rx_urgent != c->rx_app_offset + urgent)) {
		c->rx_urgent = c->rx_app_offset + urgent;
		c->rx_urgent_seen = true;
		c->rx_urgent_new = true;
	}
	c->rx_plain_off = data_off;
	c->rx_plain_len = data_len;
	c->rx_app_offset += data_len;
	if ((flags & TCPCRYPT_FLAG_FINP) != 0) {
		/* Nothing may follow FINp: the receiving keys can go. */
		c->eof = true;
		tcpcrypt_core_aead_reset(&c->rx.aead);
		tcpcrypt_core_secret_reset(&c->rx.mk);
	}
	return (TCPCRYPT_R_NONE);
}

/*
 * Would this frame's rekey bit make us answer while our previous rekey
 * frame is still unsent?  Each of our generations must be announced by
 * its own frame (3.8), so that frame goes first: sealed at once by
 * rekey_preseal(), or, failing that, by the next poll_transmit while the
 * received frame waits.
 */
static bool
rekey_must_wait(const struct tcpcrypt_conn *c)
{

	return ((c->rxbuf[0] & TCPCRYPT_CONTROL_REKEY) != 0 &&
	    c->rekey_next && !c->fin_sent && c->rx.gen + 1 > c->tx.gen);
}

/*
 * rekey_must_wait() without the wait: our unsent rekey frame is sealed
 * now, empty, into tx_pend, which poll_transmit hands out before anything
 * else, so stream order and offsets (D4) are those of the seal and each
 * of our generations still gets its own rekey frame (3.8).  The peer's
 * frame can then open at once: its data, and a FIN behind it, never wait
 * for our output.  Returns false (the frame waits for poll_transmit, as
 * before) when tx_pend is full or our Init message is not all out yet;
 * *rp is set only for a fatal error.
 */
static bool
rekey_preseal(struct tcpcrypt_conn *c, enum tcpcrypt_reason *rp)
{
	struct frame_plan p;
	size_t overhead, frame_len;
	int flags;

	*rp = TCPCRYPT_R_NONE;
	if (c->own_msg_sent != c->own_msg_len ||
	    tcpcrypt_core_frame_overhead(c->aead, 0, &overhead) !=
	    TCPCRYPT_CORE_STATUS_OK ||
	    sizeof(c->tx_pend) - c->tx_pend_len < overhead)
		return (false);
	if (c->tx_offset > UINT64_MAX - TCPCRYPT_FRAME_MAX) {
		*rp = TCPCRYPT_R_OFFSET_EXHAUSTED;
		return (false);
	}
	memset(&p, 0, sizeof(p));
	p.control = TCPCRYPT_CONTROL_REKEY;
	if (tcpcrypt_core_frame_seal(&c->tx.aead, c->tx_offset, p.control, 0,
	    0, c->tx_pend + c->tx_pend_len, sizeof(c->tx_pend) -
	    c->tx_pend_len, 0, &frame_len) != TCPCRYPT_CORE_STATUS_OK) {
		*rp = TCPCRYPT_R_CRYPTO;
		return (false);
	}
	c->tx_pend_len += frame_len;
	flags = 0;
	frame_sent(c, &p, frame_len, &flags);
	return (true);
}

/* Sealed rekey frames out first (poll_transmit); bytes copied. */
size_t
tcpcrypt_frame_pending_out(struct tcpcrypt_conn *c, uint8_t *out, size_t cap)
{
	size_t n;

	n = c->tx_pend_len - c->tx_pend_sent;
	if (n > cap)
		n = cap;
	memcpy(out, c->tx_pend + c->tx_pend_sent, n);
	c->tx_pend_sent += n;
	if (c->tx_pend_sent == c->tx_pend_len)
		c->tx_pend_len = c->tx_pend_sent = 0;
	return (n);
}

/*
 * A whole frame held back by rekey_must_wait() (tx_pend was full) is
 * opened once our rekey frame has gone out (called from poll_transmit).
 */
bool
tcpcrypt_frame_held(const struct tcpcrypt_conn *c)
{
	size_t frame_len;

	return (c->rxbuf != NULL && c->rx_plain_len == 0 &&
	    c->rx_have >= TCPCRYPT_FRAME_HDR_LEN &&
	    tcpcrypt_core_frame_header(c->rxbuf, c->rx_have, &frame_len) ==
	    TCPCRYPT_CORE_STATUS_OK && c->rx_have == frame_len);
}

/*
 * For a driver's receive window: the frame being gathered will land in
 * its receive buffer as plaintext, so it counts like bytes already there.
 * Init message bytes never become plaintext and are not counted.  While
 * the header is incomplete, *need is what the header still lacks; it is 0
 * once the frame is whole (opened, or held for our rekey answer).
 */
size_t
tcpcrypt_rx_pending(const struct tcpcrypt_conn *c, size_t *need)
{
	size_t frame_len, missing;

	missing = 0;
	if (c->rxbuf != NULL && c->rx_plain_len == 0 && c->rx_have != 0) {
		if (c->rx_have < TCPCRYPT_FRAME_HDR_LEN)
			missing = TCPCRYPT_FRAME_HDR_LEN - c->rx_have;
		else if (tcpcrypt_core_frame_header(c->rxbuf, c->rx_have,
		    &frame_len) == TCPCRYPT_CORE_STATUS_OK &&
		    frame_len > c->rx_have)
			missing = frame_len - c->rx_have;
	}
	if (need != NULL)
		*need = missing;
	return (c->rx_have + c->rx_plain_len);
}

enum tcpcrypt_reason
tcpcrypt_frame_resume(struct tcpcrypt_conn *c)
{
	enum tcpcrypt_reason r;

	if (!tcpcrypt_frame_held(c))
		return (TCPCRYPT_R_NONE);
	if (rekey_must_wait(c) && !rekey_preseal(c, &r))
		return (r);
	r = frame_open(c, c->rx_have);
	/* The TCP FIN that arrived behind it needs FINp here (3.7). */
	if (r == TCPCRYPT_R_NONE && c->fin_held && !c->eof)
		r = TCPCRYPT_R_FIN_WITHOUT_FINP;
	return (r);
}

enum tcpcrypt_reason
tcpcrypt_frame_input(struct tcpcrypt_conn *c, const uint8_t *data, size_t len,
    size_t *consumed)
{
	enum tcpcrypt_reason r;
	size_t want, n, frame_len;

	*consumed = 0;
	if ((r = rxbuf_alloc(c)) != TCPCRYPT_R_NONE)
		return (r);
	while (*consumed < len && c->rx_plain_len == 0) {
		if (c->eof)
			return (TCPCRYPT_R_DATA_AFTER_FINP);
		want = TCPCRYPT_FRAME_HDR_LEN;
		if (c->rx_have >= TCPCRYPT_FRAME_HDR_LEN) {
			if (tcpcrypt_core_frame_header(c->rxbuf, c->rx_have,
			    &frame_len) != TCPCRYPT_CORE_STATUS_OK)
				return (TCPCRYPT_R_FRAME_SHORT);
			want = frame_len;
		}
		n = want - c->rx_have;
		if (n > len - *consumed)
			n = len - *consumed;
		memcpy(c->rxbuf + c->rx_have, data + *consumed, n);
		c->rx_have += n;
		if (c->rx_have > c->rx_hw)
			c->rx_hw = c->rx_have;
		*consumed += n;
		if (c->rx_have < want || want == TCPCRYPT_FRAME_HDR_LEN)
			continue;
		if (rekey_must_wait(c) && !rekey_preseal(c, &r)) {
			if (r != TCPCRYPT_R_NONE)
				return (r);
			break;
		}
		return (frame_open(c, want));
	}
	return (TCPCRYPT_R_NONE);
}
