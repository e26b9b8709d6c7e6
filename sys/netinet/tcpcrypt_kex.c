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
 * tcpcrypt key exchange (RFC 8548 3.3, 3.4, 5): Init1 from host A, Init2
 * from host B, the AEAD choice, ES, PRK = Extract(N_A, eno_transcript |
 * Init1 | Init2 | ES), session ID, mk[0] and the traffic keys, and the
 * resumption secret ss[1] for the cache.
 *
 * Randomness (private scalars, N_A, N_B) comes from the caller's
 * callback.  Every failure of the peer's message is fatal: an invalid
 * public key is EINTEGRITY, a malformed message or an Init2 cipher that A
 * did not offer EPROTO (D8); B finding no common AEAD aborts without
 * sending Init2 (D6).
 */

#include "tcpcrypt_engine_var.h"

#define	KEYGEN_TRIES	8

/*
 * A fresh ephemeral key pair (3.3: short-lived, never stored).  NIST
 * scalars must lie in [1, n-1]: P-521's 66 bytes get their top 7 bits
 * cleared, and a scalar out of range (probability about 2^-32 for P-256)
 * is drawn again.
 */
enum tcpcrypt_reason
tcpcrypt_keypair(struct tcpcrypt_conn *c, uint8_t *pub, size_t cap,
    size_t *pub_len)
{
	uint8_t sk[TCPCRYPT_PRIV_MAX];
	enum tcpcrypt_core_status st;
	size_t sk_len;
	int i;

	if (tcpcrypt_core_tep_privkey_len(c->tep, &sk_len) !=
	    TCPCRYPT_CORE_STATUS_OK || sk_len > sizeof(sk))
		return (TCPCRYPT_R_UNSUPPORTED_TEP);
	st = TCPCRYPT_CORE_STATUS_INVALID_PRIVATE_KEY;
	for (i = 0; i < KEYGEN_TRIES &&
	    st == TCPCRYPT_CORE_STATUS_INVALID_PRIVATE_KEY; i++) {
		c->random(c->random_arg, sk, sk_len);
		if (c->tep == TCPCRYPT_TEP_P521)
			sk[0] &= 0x01;
		st = tcpcrypt_core_kx_init(&c->kx, c->tep, sk, sk_len);
	}
	tcp_eno_wipe(sk, sizeof(sk));
	if (st != TCPCRYPT_CORE_STATUS_OK)
		return (TCPCRYPT_R_CRYPTO);
	if (tcpcrypt_core_kx_public(&c->kx, pub, cap, pub_len) !=
	    TCPCRYPT_CORE_STATUS_OK)
		return (TCPCRYPT_R_CRYPTO);
	return (TCPCRYPT_R_NONE);
}

/* Host A builds Init1 at once; host B waits for it (3.3). */
enum tcpcrypt_reason
tcpcrypt_kex_start(struct tcpcrypt_conn *c)
{
	uint8_t pub[TCPCRYPT_PUB_MAX], n_a[TCPCRYPT_NONCE_LEN];
	enum tcpcrypt_reason r;
	size_t pub_len;

	tcpcrypt_init_rx_reset(&c->peer_msg);
	if (c->role != 0)
		return (TCPCRYPT_R_NONE);
	r = tcpcrypt_keypair(c, pub, sizeof(pub), &pub_len);
	if (r != TCPCRYPT_R_NONE)
		return (r);
	c->random(c->random_arg, n_a, sizeof(n_a));
	return (tcpcrypt_create_init1(c->tep, c->aconf, c->naconf, n_a, pub,
	    pub_len, c->own_msg, sizeof(c->own_msg), &c->own_msg_len));
}

/*
 * B's choice (3.3, D2): the most preferred entry of its BCONF list, which
 * is in increasing order of preference, that A offered.
 */
static bool
choose_aead(const struct tcpcrypt_conn *c, const struct tcpcrypt_init1_view *v,
    uint16_t *aead)
{
	size_t i, j;

	for (i = c->nbconf; i-- > 0;)
		for (j = 0; j < v->nciphers; j++)
			if (tcpcrypt_be16(v->ciphers + 2 * j) == c->bconf[i]) {
				*aead = c->bconf[i];
				return (true);
			}
	return (false);
}

/*
 * ES, then PRK over the messages exactly as transmitted (3.3), then the
 * session keys.  ES is wiped on every path.
 */
static enum tcpcrypt_reason
derive_fresh(struct tcpcrypt_conn *c, const uint8_t *peer_pub, size_t pub_len,
    const uint8_t *n_a, const uint8_t *init1, size_t init1_len,
    const uint8_t *init2, size_t init2_len)
{
	struct tcpcrypt_core_secret ss0;
	uint8_t es[TCPCRYPT_ES_MAX];
	enum tcpcrypt_core_status st;
	enum tcpcrypt_reason r;
	size_t es_len;

	memset(&ss0, 0, sizeof(ss0));
	st = tcpcrypt_core_kx_agree(&c->kx, peer_pub, pub_len, es, sizeof(es),
	    &es_len);
	tcpcrypt_core_kx_reset(&c->kx);
	if (st == TCPCRYPT_CORE_STATUS_INVALID_PUBLIC_KEY) {
		r = TCPCRYPT_R_BAD_PEER_KEY;
		goto out;
	}
	if (st != TCPCRYPT_CORE_STATUS_OK ||
	    tcpcrypt_core_prk(&ss0, n_a, TCPCRYPT_NONCE_LEN, c->transcript,
	    c->transcript_len, init1, init1_len, init2, init2_len, es,
	    es_len) != TCPCRYPT_CORE_STATUS_OK) {
		r = TCPCRYPT_R_CRYPTO;
		goto out;
	}
	r = tcpcrypt_keys_from_ss(c, &ss0, NULL, 0);
out:
	tcp_eno_wipe(es, sizeof(es));
	tcpcrypt_core_secret_reset(&ss0);
	return (r);
}

/* Host B: Init1 is complete in peer_msg. */
static enum tcpcrypt_reason
b_consume_init1(struct tcpcrypt_conn *c)
{
	struct tcpcrypt_init1_view v;
	uint8_t pub[TCPCRYPT_PUB_MAX], n_b[TCPCRYPT_NONCE_LEN];
	enum tcpcrypt_reason r;
	size_t pub_len;

	r = tcpcrypt_consume_init1(c->tep, c->peer_msg.buf, c->peer_msg.have,
	    &v);
	if (r != TCPCRYPT_R_NONE)
		return (r);
	if (!choose_aead(c, &v, &c->aead))
		return (TCPCRYPT_R_NO_COMMON_AEAD);
	r = tcpcrypt_keypair(c, pub, sizeof(pub), &pub_len);
	if (r != TCPCRYPT_R_NONE)
		return (r);
	c->random(c->random_arg, n_b, sizeof(n_b));
	r = tcpcrypt_create_init2(c->tep, c->aead, n_b, pub, pub_len,
	    c->own_msg, sizeof(c->own_msg), &c->own_msg_len);
	if (r != TCPCRYPT_R_NONE)
		return (r);
	return (derive_fresh(c, v.pub, v.pub_len, v.n_a, c->peer_msg.buf,
	    c->peer_msg.have, c->own_msg, c->own_msg_len));
}

/* Host A: Init2 is complete in peer_msg. */
static enum tcpcrypt_reason
a_consume_init2(struct tcpcrypt_conn *c)
{
	struct tcpcrypt_init2_view v;
	enum tcpcrypt_reason r;
	size_t i;

	r = tcpcrypt_consume_init2(c->tep, c->peer_msg.buf, c->peer_msg.have,
	    &v);
	if (r != TCPCRYPT_R_NONE)
		return (r);
	/* 3.3: a sym_cipher A never offered MUST abort. */
	for (i = 0; i < c->naconf; i++)
		if (c->aconf[i] == v.cipher)
			break;
	if (i == c->naconf)
		return (TCPCRYPT_R_CIPHER_NOT_OFFERED);
	c->aead = v.cipher;
	/* N_A sits after the cipher list of our own Init1. */
	return (derive_fresh(c, v.pub, v.pub_len,
	    c->own_msg + 9 + 2 * c->naconf, c->own_msg, c->own_msg_len,
	    c->peer_msg.buf, c->peer_msg.have));
}

/*
 * Stream bytes during the key exchange: they belong to the peer's Init
 * message until its message_len is reached.  Anything after it is the
 * first frame and is left for the frame decoder.
 */
enum tcpcrypt_reason
tcpcrypt_kex_input(struct tcpcrypt_conn *c, const uint8_t *data, size_t len,
    size_t *consumed)
{
	enum tcpcrypt_reason r;
	bool complete;

	r = tcpcrypt_init_rx_feed(&c->peer_msg, c->role == 0 ?
	    TCPCRYPT_INIT2_MAGIC : TCPCRYPT_INIT1_MAGIC, c->tep, data, len,
	    consumed, &complete);
	if (r != TCPCRYPT_R_NONE || !complete)
		return (r);
	c->rx_offset += c->peer_msg.have;
	r = c->role == 0 ? a_consume_init2(c) : b_consume_init1(c);
	tcp_eno_wipe(c->peer_msg.buf, sizeof(c->peer_msg.buf));
	return (r);
}

/*
 * From ss[i] and sn[i] (empty for a fresh exchange): session_id[i]
 * (3.4), mk[0] and the traffic keys (3.3), then, for a fresh session,
 * ss[1] into the cache (3.5 SHOULD), and ss[i] is erased.  The caller
 * wipes ss.
 */
enum tcpcrypt_reason
tcpcrypt_keys_from_ss(struct tcpcrypt_conn *c, struct tcpcrypt_core_secret *ss,
    const uint8_t *sn, size_t sn_len)
{
	struct tcpcrypt_core_secret mk0, ss1;
	struct tcpcrypt_cache_key key;
	enum tcpcrypt_reason r;
	size_t len;

	memset(&mk0, 0, sizeof(mk0));
	memset(&ss1, 0, sizeof(ss1));
	r = TCPCRYPT_R_CRYPTO;
	if (tcpcrypt_core_session_id(ss, c->tep_byte, sn, sn_len, c->sessid,
	    sizeof(c->sessid), &len) != TCPCRYPT_CORE_STATUS_OK ||
	    len != TCPCRYPT_SESSID_LEN ||
	    tcpcrypt_core_mk_first(ss, sn, sn_len, &mk0) !=
	    TCPCRYPT_CORE_STATUS_OK)
		goto out;
	r = tcpcrypt_keys_install(c, &mk0);
	if (r != TCPCRYPT_R_NONE)
		goto out;
	c->phase = TCPCRYPT_P_ENCRYPTING;
	/* D12: no chain from a simultaneous open, so no collisions. */
	if (c->resumed || c->cache == NULL || c->no_cache || c->simultaneous)
		goto out;
	if (tcpcrypt_core_ss_next(ss, &ss1) != TCPCRYPT_CORE_STATUS_OK)
		goto out;
	key.peer_id = c->peer_id;
	key.peer_id_len = c->peer_id_len;
	key.tep = c->tep;
	key.active = c->active;
	c->chain_id = tcpcrypt_cache_new_chain(c->cache);
	(void)tcpcrypt_cache_put(c->cache, &key, c->orig_role, c->aead,
	    c->chain_id, &ss1, c->now_ms);
out:
	tcpcrypt_core_secret_reset(&mk0);
	tcpcrypt_core_secret_reset(&ss1);
	tcpcrypt_core_secret_reset(ss);
	return (r);
}
