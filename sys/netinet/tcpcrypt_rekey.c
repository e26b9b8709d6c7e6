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
 * tcpcrypt key generations (RFC 8548 3.3, 3.8, 3.9; D9, D10).
 *
 * mk[j] yields the key set k_ab[j], k_ba[j].  The sending side keeps
 * mk[local] and the AEAD key of its own direction, the receiving side
 * mk[remote] and the other direction's key; both start from mk[0] and
 * move forward independently.  Which direction is "ours" depends on the
 * role in the session of ss[0] (3.3, 3.5), not the current role.
 *
 * Each step derives mk[j+1] and wipes mk[j] and the old AEAD key at once
 * (3.8 SHOULD): a frame is sealed exactly once (retransmissions resend
 * the stored bytes), and the peer's frames arrive in order, so no older
 * key is ever needed again.
 */

#include "tcpcrypt_engine_var.h"

static enum tcpcrypt_reason
dir_init(struct tcpcrypt_dir_keys *k, uint16_t aead, uint32_t dir)
{

	if (tcpcrypt_core_aead_init(&k->aead, aead, &k->mk, dir) !=
	    TCPCRYPT_CORE_STATUS_OK)
		return (TCPCRYPT_R_CRYPTO);
	k->live = true;
	return (TCPCRYPT_R_NONE);
}

static void
dir_wipe(struct tcpcrypt_dir_keys *k)
{

	tcpcrypt_core_aead_reset(&k->aead);
	tcpcrypt_core_secret_reset(&k->mk);
	k->live = false;
}

/* mk[j] -> mk[j+1], new AEAD key; nothing of generation j survives. */
static enum tcpcrypt_reason
dir_advance(struct tcpcrypt_dir_keys *k, uint16_t aead, uint32_t dir)
{

	if (tcpcrypt_core_mk_next(&k->mk, &k->mk) != TCPCRYPT_CORE_STATUS_OK) {
		dir_wipe(k);
		return (TCPCRYPT_R_CRYPTO);
	}
	tcpcrypt_core_aead_reset(&k->aead);
	k->gen++;
	return (dir_init(k, aead, dir));
}

static uint32_t
tx_dir(const struct tcpcrypt_conn *c)
{

	/* The original A encrypts with k_ab (3.3). */
	return (c->orig_role == 0 ? TCPCRYPT_CORE_DIR_AB : TCPCRYPT_CORE_DIR_BA);
}

static uint32_t
rx_dir(const struct tcpcrypt_conn *c)
{

	return (c->orig_role == 0 ? TCPCRYPT_CORE_DIR_BA : TCPCRYPT_CORE_DIR_AB);
}

enum tcpcrypt_reason
tcpcrypt_keys_install(struct tcpcrypt_conn *c,
    const struct tcpcrypt_core_secret *mk0)
{
	enum tcpcrypt_reason r;

	memcpy(&c->tx.mk, mk0, sizeof(*mk0));
	memcpy(&c->rx.mk, mk0, sizeof(*mk0));
	c->tx.gen = c->rx.gen = 0;
	r = dir_init(&c->tx, c->aead, tx_dir(c));
	if (r == TCPCRYPT_R_NONE)
		r = dir_init(&c->rx, c->aead, rx_dir(c));
	if (r != TCPCRYPT_R_NONE)
		tcpcrypt_keys_wipe(c);
	return (r);
}

void
tcpcrypt_keys_wipe(struct tcpcrypt_conn *c)
{

	dir_wipe(&c->tx);
	dir_wipe(&c->rx);
}

/*
 * Initiating rekeying (3.8): local generation + 1, and the next frame
 * carries rekey = 1.  A request while that frame is still unsent adds
 * nothing (the peer counts rekey frames, not requests).  With nothing
 * queued the frame is empty, and 3.8 allows only one such frame while
 * the peer has not caught up.
 */
enum tcpcrypt_reason
tcpcrypt_rekey_local(struct tcpcrypt_conn *c)
{
	enum tcpcrypt_reason r;

	if (c->rekey_next)
		return (TCPCRYPT_R_NONE);
	if (c->txq_len == 0 && !c->app_closed && c->empty_rekey_out &&
	    c->tx.gen > c->rx.gen)
		return (TCPCRYPT_R_REKEY_OUTSTANDING);
	r = dir_advance(&c->tx, c->aead, tx_dir(c));
	if (r != TCPCRYPT_R_NONE)
		return (r);
	c->rekey_next = true;
	c->send_now = true;
	c->frames_under_key = 0;
	c->bytes_under_key = 0;
	return (TCPCRYPT_R_NONE);
}

/* D9: a new generation after 2^24 frames or 2^36 bytes (configurable). */
bool
tcpcrypt_rekey_due(const struct tcpcrypt_conn *c)
{

	return (c->frames_under_key >= c->rekey_frames ||
	    c->bytes_under_key >= c->rekey_bytes);
}

/*
 * A frame with rekey = 1 arrived (3.8): remote generation + 1, and if it
 * now passes the local one, the local one follows and, unless our FIN
 * went out, a rekey frame answers at once (empty if need be).  That
 * answer is what makes the keep-alive of 3.9 verifiable.  The caller has
 * made sure no earlier rekey frame of ours is still unsent, so each of
 * our generations gets its own rekey frame.
 */
enum tcpcrypt_reason
tcpcrypt_rekey_remote(struct tcpcrypt_conn *c)
{
	enum tcpcrypt_reason r;

	r = dir_advance(&c->rx, c->aead, rx_dir(c));
	if (r != TCPCRYPT_R_NONE)
		return (r);
	if (c->rx.gen >= c->tx.gen) {
		c->empty_rekey_out = false;
		if (c->keepalive_out) {
			c->keepalive_out = false;
			c->keepalive_ok = true;
		}
	}
	if (c->rx.gen <= c->tx.gen)
		return (TCPCRYPT_R_NONE);
	if (c->fin_sent) {
		/* No frame may follow FINp; keep only the count. */
		c->tx.gen = c->rx.gen;
		return (TCPCRYPT_R_NONE);
	}
	r = dir_advance(&c->tx, c->aead, tx_dir(c));
	if (r != TCPCRYPT_R_NONE)
		return (r);
	c->rekey_next = true;
	c->send_now = true;
	c->frames_under_key = 0;
	c->bytes_under_key = 0;
	return (TCPCRYPT_R_NONE);
}
