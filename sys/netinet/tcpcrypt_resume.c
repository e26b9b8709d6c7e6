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
 * tcpcrypt session resumption suboptions (RFC 8548 3.2, 3.5; D3, D12) and
 * the TEP operations that plug tcpcrypt into the TCP-ENO engine's
 * registry (RFC 8547 4.5).
 *
 * Suboption data of a resumption offer or answer: the sender's half of
 * resume[i] (9 bytes, which half by its role in the session of ss[0]),
 * then a nonce of 0-8 bytes (we send 8, D12).  The active opener offers
 * at most one (3.5 SHOULD NOT send more), from a chain it opened actively
 * (D12); the passive opener answers with the other half only when the
 * offered half names an ss[i] it holds for that peer and TEP, and else
 * lets the TEP go fresh (v = 0).  The active opener ignores an answer
 * that does not carry the half it expects (3.5 MUST).
 */

#include "tcpcrypt_engine_var.h"

static bool
resume_usable(const struct tcpcrypt_conn *c)
{

	return (c->cache != NULL && !c->no_cache && c->phase ==
	    TCPCRYPT_P_IDLE);
}

/* Own half | fresh nonce (3.5 Figures 2 and 3). */
static enum tcpcrypt_reason
resume_emit(struct tcpcrypt_conn *c, uint8_t *out, size_t cap, size_t *len)
{
	struct tcpcrypt_resume_state *rs;

	rs = &c->resume;
	if (cap < TCPCRYPT_RESUME_HALF_LEN + rs->own_nonce_len)
		return (TCPCRYPT_R_BUFFER_TOO_SMALL);
	memcpy(out, rs->own_half, TCPCRYPT_RESUME_HALF_LEN);
	memcpy(out + TCPCRYPT_RESUME_HALF_LEN, rs->own_nonce,
	    rs->own_nonce_len);
	*len = TCPCRYPT_RESUME_HALF_LEN + rs->own_nonce_len;
	return (TCPCRYPT_R_NONE);
}

static void
resume_new_nonce(struct tcpcrypt_conn *c)
{

	c->resume.own_nonce_len = TCPCRYPT_RESUME_NONCE_MAX;
	c->random(c->random_arg, c->resume.own_nonce,
	    c->resume.own_nonce_len);
}

/*
 * Active opener: the offer for its SYN.  Asked again for the same TEP
 * (a retransmitted SYN), it returns the same bytes: 8547 4.6 forbids
 * altering the option, and a new ss[i] would burn another secret.
 */
enum tcpcrypt_reason
tcpcrypt_create_resume_offer(struct tcpcrypt_conn *c, uint8_t tep,
    uint8_t *out, size_t cap, size_t *len)
{
	struct tcpcrypt_cache_key key;
	enum tcpcrypt_reason r;

	*len = 0;
	tep &= 0x7f;
	if (!resume_usable(c))
		return (TCPCRYPT_R_RESUME_DISABLED);
	if (c->resume.offered)
		return (c->resume.tep == tep ? resume_emit(c, out, cap, len) :
		    TCPCRYPT_R_RESUME_UNKNOWN);
	if (cap < TCPCRYPT_RESUME_SUBOPT_MAX)
		return (TCPCRYPT_R_BUFFER_TOO_SMALL);
	key.peer_id = c->peer_id;
	key.peer_id_len = c->peer_id_len;
	key.tep = tep;
	key.active = true;
	r = tcpcrypt_cache_take_offer(c->cache, &key, c->now_ms, &c->resume);
	if (r != TCPCRYPT_R_NONE)
		return (r);
	resume_new_nonce(c);
	c->resume.offered = true;
	return (resume_emit(c, out, cap, len));
}

/* 3.5: 9 bytes of identifier half, then 0-8 bytes of nonce. */
static enum tcpcrypt_reason
resume_check_len(size_t len)
{

	if (len < TCPCRYPT_RESUME_HALF_LEN)
		return (TCPCRYPT_R_RESUME_SHORT);
	if (len > TCPCRYPT_RESUME_SUBOPT_MAX)
		return (TCPCRYPT_R_RESUME_NONCE_LONG);
	return (TCPCRYPT_R_NONE);
}

/*
 * Passive opener: A's v = 1 suboption.  Data shorter than 9 bytes is a
 * fresh offer (3.5 MUST); so is a half we do not know.  Only the first
 * honourable offer counts.
 */
enum tcpcrypt_reason
tcpcrypt_consume_resume_offer(struct tcpcrypt_conn *c, uint8_t tep,
    const uint8_t *data, size_t len)
{
	struct tcpcrypt_cache_key key;
	enum tcpcrypt_reason r;

	tep &= 0x7f;
	if ((r = resume_check_len(len)) != TCPCRYPT_R_NONE)
		return (r);
	if (!resume_usable(c) || c->active)
		return (TCPCRYPT_R_RESUME_DISABLED);
	if (c->resume.honoured)
		return (c->resume.tep == tep ? TCPCRYPT_R_NONE :
		    TCPCRYPT_R_RESUME_UNKNOWN);
	key.peer_id = c->peer_id;
	key.peer_id_len = c->peer_id_len;
	key.tep = tep;
	key.active = false;
	r = tcpcrypt_cache_take_match(c->cache, &key, data, c->now_ms,
	    &c->resume);
	if (r != TCPCRYPT_R_NONE)
		return (r);
	memcpy(c->resume.peer_nonce, data + TCPCRYPT_RESUME_HALF_LEN,
	    len - TCPCRYPT_RESUME_HALF_LEN);
	c->resume.peer_nonce_len = len - TCPCRYPT_RESUME_HALF_LEN;
	resume_new_nonce(c);
	c->resume.honoured = true;
	return (TCPCRYPT_R_NONE);
}

/* Passive opener: the answer for its SYN-ACK, if it honoured an offer. */
enum tcpcrypt_reason
tcpcrypt_create_resume_answer(struct tcpcrypt_conn *c, uint8_t tep,
    uint8_t *out, size_t cap, size_t *len)
{

	*len = 0;
	if (!c->resume.honoured || c->resume.tep != (tep & 0x7f))
		return (TCPCRYPT_R_RESUME_UNKNOWN);
	return (resume_emit(c, out, cap, len));
}

/*
 * Active opener: B's v = 1 suboption must carry exactly the other half
 * of the resume[i] we offered (constant-time compare); otherwise it is
 * ignored (3.5 MUST), which usually disables ENO for the connection.
 */
enum tcpcrypt_reason
tcpcrypt_consume_resume_answer(struct tcpcrypt_conn *c, uint8_t tep,
    const uint8_t *data, size_t len)
{
	enum tcpcrypt_reason r;

	tep &= 0x7f;
	if (!c->resume.offered || c->resume.tep != tep)
		return (TCPCRYPT_R_RESUME_NOT_OFFERED);
	if ((r = resume_check_len(len)) != TCPCRYPT_R_NONE)
		return (r);
	if (tcp_eno_ct_bcmp(data, c->resume.peer_half,
	    TCPCRYPT_RESUME_HALF_LEN) != 0)
		return (TCPCRYPT_R_RESUME_MISMATCH);
	memcpy(c->resume.peer_nonce, data + TCPCRYPT_RESUME_HALF_LEN,
	    len - TCPCRYPT_RESUME_HALF_LEN);
	c->resume.peer_nonce_len = len - TCPCRYPT_RESUME_HALF_LEN;
	c->resume.matched = true;
	return (TCPCRYPT_R_NONE);
}
