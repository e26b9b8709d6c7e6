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
 * tcpcrypt engine (RFC 8548): connection lifecycle, the reason table, the
 * handle_/poll_ entry points, and getters.  The protocol steps live in
 * tcpcrypt_kex.c (3.3), tcpcrypt_frame.c (3.6, 3.7), tcpcrypt_rekey.c
 * (3.8, 3.9), tcpcrypt_resume.c and tcpcrypt_cache.c (3.5).
 *
 * Every fatal reason goes through tcpcrypt_abort(), which records the
 * first one, wipes every secret at once and makes the connection inert:
 * after an abort nothing more is transmitted or delivered (3.3 "abort the
 * connection"; the driver sends the RST and reports the D8 error class).
 */

#include "tcpcrypt_engine_var.h"

/* One row per reason: printable name, fatal or not, D8 error class. */
struct tcpcrypt_reason_info {
	const char		*name;
	bool			 fatal;
	enum tcp_eno_errclass	 class;
};

#define	R(n, f, c)	[TCPCRYPT_R_##n] = { "TCPCRYPT_R_" #n, f, c }
static const struct tcpcrypt_reason_info reason_table[TCPCRYPT_R_COUNT] = {
	R(NONE,			false,	TCP_ENO_EC_NONE),
	R(BAD_ARGUMENT,		false,	TCP_ENO_EC_INVALID),
	R(BAD_CONFIG,		false,	TCP_ENO_EC_INVALID),
	R(BAD_STATE,		false,	TCP_ENO_EC_INVALID),
	R(NOT_ENCRYPTING,	false,	TCP_ENO_EC_NOTCONN),
	R(BUFFER_TOO_SMALL,	false,	TCP_ENO_EC_INVALID),
	R(WRITE_AFTER_CLOSE,	false,	TCP_ENO_EC_INVALID),
	R(REKEY_OUTSTANDING,	false,	TCP_ENO_EC_NONE),
	R(FIN_SENT,		false,	TCP_ENO_EC_INVALID),
	R(UNSUPPORTED_TEP,	false,	TCP_ENO_EC_INVALID),
	R(REGISTRY,		false,	TCP_ENO_EC_INVALID),
	R(RESUME_DISABLED,	false,	TCP_ENO_EC_NONE),
	R(RESUME_SHORT,		false,	TCP_ENO_EC_NONE),
	R(RESUME_NONCE_LONG,	false,	TCP_ENO_EC_NONE),
	R(RESUME_UNKNOWN,	false,	TCP_ENO_EC_NONE),
	R(RESUME_MISMATCH,	false,	TCP_ENO_EC_NONE),
	R(RESUME_NOT_OFFERED,	false,	TCP_ENO_EC_NONE),
	R(RESUME_SIMULTANEOUS,	false,	TCP_ENO_EC_NONE),
	/* D8: malformed key-exchange message: EPROTO. */
	R(INIT1_BAD_MAGIC,	true,	TCP_ENO_EC_PROTOCOL),
	R(INIT2_BAD_MAGIC,	true,	TCP_ENO_EC_PROTOCOL),
	R(INIT_TOO_LONG,	true,	TCP_ENO_EC_PROTOCOL),
	R(INIT_TOO_SHORT,	true,	TCP_ENO_EC_PROTOCOL),
	R(INIT1_NO_CIPHERS,	true,	TCP_ENO_EC_PROTOCOL),
	R(NO_COMMON_AEAD,	true,	TCP_ENO_EC_PROTOCOL),
	R(CIPHER_NOT_OFFERED,	true,	TCP_ENO_EC_PROTOCOL),
	/* D8: failed key validation or authentication: EINTEGRITY. */
	R(BAD_PEER_KEY,		true,	TCP_ENO_EC_INTEGRITY),
	R(TRUNCATED_INIT,	true,	TCP_ENO_EC_PROTOCOL),
	R(FRAME_SHORT,		true,	TCP_ENO_EC_INTEGRITY),
	R(FRAME_AUTH,		true,	TCP_ENO_EC_INTEGRITY),
	R(FRAME_MALFORMED,	true,	TCP_ENO_EC_PROTOCOL),
	/* D8: truncated frame, FIN without FINp: EPROTO. */
	R(TRUNCATED_FRAME,	true,	TCP_ENO_EC_PROTOCOL),
	R(FIN_WITHOUT_FINP,	true,	TCP_ENO_EC_PROTOCOL),
	R(DATA_AFTER_FINP,	true,	TCP_ENO_EC_PROTOCOL),
	R(OFFSET_EXHAUSTED,	true,	TCP_ENO_EC_ABORTED),
	R(RESUME_STATE,		true,	TCP_ENO_EC_ABORTED),
	R(NOMEM,		true,	TCP_ENO_EC_ABORTED),
	R(CRYPTO,		true,	TCP_ENO_EC_ABORTED),
	R(LOCAL_ABORT,		true,	TCP_ENO_EC_ABORTED),
};
#undef R

bool
tcpcrypt_reason_fatal(enum tcpcrypt_reason r)
{

	if ((unsigned)r >= TCPCRYPT_R_COUNT)
		return (true);
	return (reason_table[r].fatal);
}

enum tcp_eno_errclass
tcpcrypt_reason_errclass(enum tcpcrypt_reason r)
{

	if ((unsigned)r >= TCPCRYPT_R_COUNT)
		return (TCP_ENO_EC_ABORTED);
	return (reason_table[r].class);
}

const char *
tcpcrypt_reason_name(enum tcpcrypt_reason r)
{

	if ((unsigned)r >= TCPCRYPT_R_COUNT)
		return ("TCPCRYPT_R_?");
	return (reason_table[r].name);
}

static bool
aead_implemented(uint16_t id)
{

	return (id == TCPCRYPT_AEAD_AES_128_GCM ||
	    id == TCPCRYPT_AEAD_AES_256_GCM ||
	    id == TCPCRYPT_AEAD_CHACHA20_POLY1305);
}

/* API.md 3: even length, 1-8 identifiers, each one implemented. */
enum tcpcrypt_reason
tcpcrypt_check_conf(const uint8_t *ids, size_t len)
{
	size_t i;

	if (ids == NULL || len == 0 || len % 2 != 0 ||
	    len > 2 * TCPCRYPT_MAX_CONF)
		return (TCPCRYPT_R_BAD_CONFIG);
	for (i = 0; i < len; i += 2)
		if (!aead_implemented(tcpcrypt_be16(ids + i)))
			return (TCPCRYPT_R_BAD_CONFIG);
	return (TCPCRYPT_R_NONE);
}

static enum tcpcrypt_reason
load_conf(const uint8_t *ids, size_t len, const uint16_t *dflt, size_t ndflt,
    uint16_t *out, size_t *n)
{
	enum tcpcrypt_reason r;
	size_t i;

	if (len == 0) {
		memcpy(out, dflt, ndflt * sizeof(*dflt));
		*n = ndflt;
		return (TCPCRYPT_R_NONE);
	}
	r = tcpcrypt_check_conf(ids, len);
	if (r != TCPCRYPT_R_NONE)
		return (r);
	for (i = 0; i < len / 2; i++)
		out[i] = tcpcrypt_be16(ids + 2 * i);
	*n = len / 2;
	return (TCPCRYPT_R_NONE);
}

/* API.md 4: sysctl defaults crypt_aconf and crypt_bconf (D2 order). */
static const uint16_t aconf_default[] = { 0x0001, 0x0002, 0x0010 };
static const uint16_t bconf_default[] = { 0x0010, 0x0002, 0x0001 };

static enum tcpcrypt_reason
conn_configure(struct tcpcrypt_conn *c, const struct tcpcrypt_config *cfg)
{
	enum tcpcrypt_reason r;

	if (cfg->random == NULL || cfg->peer_id_len > TCPCRYPT_PEER_ID_MAX)
		return (TCPCRYPT_R_BAD_ARGUMENT);
	r = load_conf(cfg->aconf, cfg->aconf_len, aconf_default,
	    nitems(aconf_default), c->aconf, &c->naconf);
	if (r == TCPCRYPT_R_NONE)
		r = load_conf(cfg->bconf, cfg->bconf_len, bconf_default,
		    nitems(bconf_default), c->bconf, &c->nbconf);
	if (r != TCPCRYPT_R_NONE)
		return (r);
	c->alloc = *cfg->alloc;
	c->random = cfg->random;
	c->random_arg = cfg->random_arg;
	c->cache = cfg->cache;
	memcpy(c->peer_id, cfg->peer_id, cfg->peer_id_len);
	c->peer_id_len = cfg->peer_id_len;
	c->active = cfg->active;
	c->no_cache = cfg->no_cache;
	c->rekey_frames = cfg->rekey_frames != 0 ? cfg->rekey_frames :
	    TCPCRYPT_REKEY_FRAMES_DEFAULT;
	c->rekey_bytes = cfg->rekey_bytes != 0 ? cfg->rekey_bytes :
	    TCPCRYPT_REKEY_BYTES_DEFAULT;
	c->txq_size = cfg->txq_size != 0 ? cfg->txq_size :
	    TCPCRYPT_TXQ_DEFAULT;
	c->now_ms = cfg->now_ms;
	return (TCPCRYPT_R_NONE);
}

enum tcpcrypt_reason
tcpcrypt_conn_create(const struct tcpcrypt_config *cfg,
    struct tcpcrypt_conn **connp)
{
	struct tcpcrypt_conn *c;
	enum tcpcrypt_reason r;

	if (cfg == NULL || connp == NULL || cfg->alloc == NULL ||
	    cfg->alloc->alloc == NULL || cfg->alloc->free == NULL)
		return (TCPCRYPT_R_BAD_ARGUMENT);
	*connp = NULL;
	c = cfg->alloc->alloc(cfg->alloc->arg, sizeof(*c));
	if (c == NULL)
		return (TCPCRYPT_R_NOMEM);
	memset(c, 0, sizeof(*c));
	r = conn_configure(c, cfg);
	if (r != TCPCRYPT_R_NONE) {
		cfg->alloc->free(cfg->alloc->arg, c, sizeof(*c));
		return (r);
	}
	*connp = c;
	return (TCPCRYPT_R_NONE);
}

/* Wipes every secret the connection holds (RFC 8548 8: forward secrecy). */
static void
conn_wipe_secrets(struct tcpcrypt_conn *c)
{

	tcpcrypt_core_kx_reset(&c->kx);
	tcpcrypt_core_secret_reset(&c->resume.ss);
	tcpcrypt_keys_wipe(c);
	tcp_eno_wipe(&c->resume, sizeof(c->resume));
	tcp_eno_wipe(c->peer_msg.buf, sizeof(c->peer_msg.buf));
	tcp_eno_wipe(c->own_msg, sizeof(c->own_msg));
	tcp_eno_wipe(c->tx_pend, sizeof(c->tx_pend));
	c->tx_pend_len = c->tx_pend_sent = 0;
	if (c->txq != NULL)
		tcp_eno_wipe(c->txq, c->txq_hw);
	if (c->rxbuf != NULL)
		tcp_eno_wipe(c->rxbuf, c->rx_hw);
	c->txq_hw = c->rx_hw = 0;
	c->txq_len = c->txq_off = 0;
	c->rx_have = c->rx_plain_len = 0;
}

void
tcpcrypt_conn_destroy(struct tcpcrypt_conn *c)
{
	struct tcpcrypt_allocator alloc;

	if (c == NULL)
		return;
	conn_wipe_secrets(c);
	tcpcrypt_buffers_free(c);
	alloc = c->alloc;
	tcp_eno_wipe(c, sizeof(*c));
	alloc.free(alloc.arg, c, sizeof(*c));
}

enum tcpcrypt_reason
tcpcrypt_abort(struct tcpcrypt_conn *c, enum tcpcrypt_reason r)
{

	if (c->phase == TCPCRYPT_P_ABORTED)
		return (c->error);
	c->error = r;
	c->phase = TCPCRYPT_P_ABORTED;
	conn_wipe_secrets(c);
	return (r);
}

enum tcpcrypt_reason
tcpcrypt_handle_abort(struct tcpcrypt_conn *c)
{

	return (tcpcrypt_abort(c, TCPCRYPT_R_LOCAL_ABORT));
}

/*
 * Resumed session (3.5): sn[i] = nonce_a | nonce_b, where nonce_a came
 * with the identifier half of the host that was A in the session of
 * ss[0]; keys and session ID follow from ss[i] and sn[i].
 */
static enum tcpcrypt_reason
start_resumed(struct tcpcrypt_conn *c)
{
	struct tcpcrypt_resume_state *rs;
	uint8_t sn[TCPCRYPT_SN_MAX];
	size_t sn_len;
	enum tcpcrypt_reason r;

	rs = &c->resume;
	if (rs->orig_role == 0) {
		memcpy(sn, rs->own_nonce, rs->own_nonce_len);
		memcpy(sn + rs->own_nonce_len, rs->peer_nonce,
		    rs->peer_nonce_len);
	} else {
		memcpy(sn, rs->peer_nonce, rs->peer_nonce_len);
		memcpy(sn + rs->peer_nonce_len, rs->own_nonce,
		    rs->own_nonce_len);
	}
	sn_len = rs->own_nonce_len + rs->peer_nonce_len;
	c->orig_role = rs->orig_role;
	c->aead = rs->aead;
	c->chain_id = rs->chain_id;
	c->resumed = true;
	r = tcpcrypt_keys_from_ss(c, &rs->ss, sn, sn_len);
	tcp_eno_wipe(sn, sizeof(sn));
	return (r);
}

static bool
resume_agreed(const struct tcpcrypt_conn *c)
{
	const struct tcpcrypt_resume_state *rs;

	rs = &c->resume;
	if (c->simultaneous || rs->tep != c->tep)
		return (false);
	if (c->active)
		return (rs->offered && rs->matched);
	return (rs->honoured);
}

enum tcpcrypt_reason
tcpcrypt_handle_negotiated(struct tcpcrypt_conn *c,
    const struct tcpcrypt_negotiated *neg)
{
	enum tcpcrypt_reason r;
	uint8_t tep;

	if (neg == NULL || neg->role > 1 ||
	    neg->transcript_len > TCPCRYPT_TRANSCRIPT_MAX ||
	    (neg->transcript == NULL && neg->transcript_len != 0))
		return (TCPCRYPT_R_BAD_ARGUMENT);
	if (c->phase != TCPCRYPT_P_IDLE)
		return (c->phase == TCPCRYPT_P_ABORTED ? c->error :
		    TCPCRYPT_R_BAD_STATE);
	tep = neg->tep_byte & 0x7f;
	if (tcpcrypt_tep_pub_len(tep) == 0)
		return (TCPCRYPT_R_UNSUPPORTED_TEP);
	c->role = neg->role;
	c->orig_role = neg->role;
	c->tep = tep;
	c->tep_byte = neg->tep_byte;
	c->simultaneous = neg->simultaneous;
	c->now_ms = neg->now_ms;
	if (neg->transcript_len != 0)
		memcpy(c->transcript, neg->transcript, neg->transcript_len);
	c->transcript_len = neg->transcript_len;
	if ((neg->tep_byte & 0x80) != 0 && !c->b_fresh_v1) {
		/* ENO counted our suboption valid only if it matched. */
		if (!resume_agreed(c))
			return (tcpcrypt_abort(c, TCPCRYPT_R_RESUME_STATE));
		r = start_resumed(c);
	} else {
		/*
		 * Fresh key exchange, also for B's v = 1 suboption with
		 * fewer than 9 data bytes (3.5); the session ID keeps the v
		 * bit (tep_byte, 3.4).  An offered but unused ss[i] stays
		 * burned (3.5).
		 */
		if (c->resume.offered || c->resume.honoured)
			c->offered_chain = c->resume.chain_id;
		tcpcrypt_core_secret_reset(&c->resume.ss);
		tcp_eno_wipe(&c->resume, sizeof(c->resume));
		c->phase = TCPCRYPT_P_KEX;
		r = tcpcrypt_kex_start(c);
	}
	if (r != TCPCRYPT_R_NONE)
		return (tcpcrypt_abort(c, r));
	return (TCPCRYPT_R_NONE);
}

/* Fatal reasons stick; every later call reports the first one. */
static enum tcpcrypt_reason
conn_usable(const struct tcpcrypt_conn *c)
{

	if (c->phase == TCPCRYPT_P_ABORTED)
		return (c->error);
	if (c->phase == TCPCRYPT_P_IDLE)
		return (TCPCRYPT_R_BAD_STATE);
	return (TCPCRYPT_R_NONE);
}

/*
 * Moves the queued bytes to the front of the queue in chunks no longer
 * than the gap, so no memcpy overlaps (the engine has no memmove), and
 * leaves no stale copy of them behind.
 */
static void
txq_compact(struct tcpcrypt_conn *c)
{
	size_t moved, n;

	for (moved = 0; moved < c->txq_len; moved += n) {
		n = c->txq_len - moved;
		if (n > c->txq_off)
			n = c->txq_off;
		memcpy(c->txq + moved, c->txq + c->txq_off + moved, n);
	}
	tcp_eno_wipe(c->txq + c->txq_len, c->txq_off);
	c->txq_off = 0;
}

/*
 * Application bytes are copied into the send queue, which holds them
 * until keys exist and frames them (never in the clear) in
 * poll_transmit.  *consumed < len means the queue is full: retry after
 * poll_transmit.  TCPCRYPT_APP_URGENT marks the last byte urgent, only
 * when the call consumes all of it.
 */
enum tcpcrypt_reason
tcpcrypt_handle_app_data(struct tcpcrypt_conn *c, const uint8_t *data,
    size_t len, int flags, size_t *consumed)
{
	enum tcpcrypt_reason r;
	size_t n;

	*consumed = 0;
	if ((r = conn_usable(c)) != TCPCRYPT_R_NONE)
		return (r);
	if (c->app_closed)
		return (TCPCRYPT_R_WRITE_AFTER_CLOSE);
	if ((data == NULL && len != 0) || (flags & ~TCPCRYPT_APP_URGENT) != 0)
		return (TCPCRYPT_R_BAD_ARGUMENT);
	if ((r = tcpcrypt_txq_alloc(c)) != TCPCRYPT_R_NONE)
		return (tcpcrypt_abort(c, r));
	if (c->txq_off + c->txq_len + len > c->txq_size && c->txq_off > 0)
		txq_compact(c);
	n = c->txq_size - c->txq_off - c->txq_len;
	if (n > len)
		n = len;
	memcpy(c->txq + c->txq_off + c->txq_len, data, n);
	c->txq_len += n;
	if (c->txq_off + c->txq_len > c->txq_hw)
		c->txq_hw = c->txq_off + c->txq_len;
	c->tx_app_queued += n;
	*consumed = n;
	if ((flags & TCPCRYPT_APP_URGENT) != 0 && n == len && n > 0)
		c->tx_urgent = c->tx_app_queued;
	return (TCPCRYPT_R_NONE);
}

enum tcpcrypt_reason
tcpcrypt_handle_app_close(struct tcpcrypt_conn *c)
{
	enum tcpcrypt_reason r;

	if ((r = conn_usable(c)) != TCPCRYPT_R_NONE)
		return (r);
	c->app_closed = true;
	return (TCPCRYPT_R_NONE);
}

enum tcpcrypt_reason
tcpcrypt_handle_stream_bytes(struct tcpcrypt_conn *c, const uint8_t *data,
    size_t len, size_t *consumed)
{
	enum tcpcrypt_reason r;
	size_t n;

	*consumed = 0;
	if ((r = conn_usable(c)) != TCPCRYPT_R_NONE)
		return (r);
	if (data == NULL && len != 0)
		return (TCPCRYPT_R_BAD_ARGUMENT);
	while (*consumed < len) {
		n = 0;
		if (c->phase == TCPCRYPT_P_KEX)
			r = tcpcrypt_kex_input(c, data + *consumed,
			    len - *consumed, &n);
		else
			r = tcpcrypt_frame_input(c, data + *consumed,
			    len - *consumed, &n);
		*consumed += n;
		if (r != TCPCRYPT_R_NONE)
			return (tcpcrypt_abort(c, r));
		if (n == 0)
			break;		/* backpressure */
	}
	return (TCPCRYPT_R_NONE);
}

/*
 * TCP FIN from the peer, after every byte before it was consumed.  End of
 * file is legitimate only after an authenticated FINp frame (3.7); a FIN
 * inside the key exchange or inside a frame, or after frames without FINp,
 * is the D8 protocol error, never a clean end-of-file.
 */
enum tcpcrypt_reason
tcpcrypt_handle_fin(struct tcpcrypt_conn *c)
{
	enum tcpcrypt_reason r;

	if ((r = conn_usable(c)) != TCPCRYPT_R_NONE)
		return (r);
	if (c->phase == TCPCRYPT_P_KEX)
		return (tcpcrypt_abort(c, TCPCRYPT_R_TRUNCATED_INIT));
	if (c->rx_have != 0) {
		/*
		 * A whole frame waiting for our rekey answer (3.8) is not
		 * truncated: whether it carries FINp is known once it opens
		 * (tcpcrypt_frame_resume).
		 */
		if (tcpcrypt_frame_held(c)) {
			c->fin_held = true;
			return (TCPCRYPT_R_NONE);
		}
		return (tcpcrypt_abort(c, TCPCRYPT_R_TRUNCATED_FRAME));
	}
	if (!c->eof)
		return (tcpcrypt_abort(c, TCPCRYPT_R_FIN_WITHOUT_FINP));
	return (TCPCRYPT_R_NONE);
}

enum tcpcrypt_reason
tcpcrypt_handle_rekey_request(struct tcpcrypt_conn *c)
{
	enum tcpcrypt_reason r;

	if ((r = conn_usable(c)) != TCPCRYPT_R_NONE)
		return (r);
	if (c->phase != TCPCRYPT_P_ENCRYPTING)
		return (TCPCRYPT_R_NOT_ENCRYPTING);
	if (c->fin_sent)
		return (TCPCRYPT_R_FIN_SENT);
	r = tcpcrypt_rekey_local(c);
	if (tcpcrypt_reason_fatal(r))
		return (tcpcrypt_abort(c, r));
	return (r);
}

/*
 * Verified keep-alive (3.9, D10): a rekey carried by an empty frame if
 * nothing else is queued.  The peer must answer with a rekey frame, which
 * only the holder of the keys can produce;
 * tcpcrypt_poll_keepalive_verified() reports that answer once.
 */
enum tcpcrypt_reason
tcpcrypt_handle_keepalive(struct tcpcrypt_conn *c)
{
	enum tcpcrypt_reason r;

	r = tcpcrypt_handle_rekey_request(c);
	if (r == TCPCRYPT_R_NONE || r == TCPCRYPT_R_REKEY_OUTSTANDING)
		c->keepalive_out = true;
	return (r);
}

/*
 * TCP_CRYPT_CACHE_FLUSH (API.md 3, RFC 8548 3.5): before the connection
 * exists it means "neither resume nor cache" (config no_cache); here it
 * flushes the chain this connection used or started, and nothing more is
 * cached for it.
 */
enum tcpcrypt_reason
tcpcrypt_handle_cache_flush(struct tcpcrypt_conn *c)
{

	if (c->phase == TCPCRYPT_P_ABORTED)
		return (c->error);
	c->no_cache = true;
	if (c->cache == NULL)
		return (TCPCRYPT_R_NONE);
	if (c->chain_id != 0)
		tcpcrypt_cache_flush_chain(c->cache, c->chain_id);
	/* A chain offered or honoured in our SYN already moved on. */
	if (c->resume.offered || c->resume.honoured)
		tcpcrypt_cache_flush_chain(c->cache, c->resume.chain_id);
	if (c->offered_chain != 0)
		tcpcrypt_cache_flush_chain(c->cache, c->offered_chain);
	return (TCPCRYPT_R_NONE);
}

/*
 * The next bytes of this host's stream: first the unsent part of its
 * Init message (TCPCRYPT_TX_PSH on the chunk holding its last byte,
 * 3.3), then one frame per call.  Bytes returned here are final: the
 * caller keeps them for retransmission, so a retransmitted byte is always
 * the byte first sent under its original key (3.8).
 */
enum tcpcrypt_reason
tcpcrypt_poll_transmit(struct tcpcrypt_conn *c, uint8_t *out, size_t cap,
    size_t *len, int *flags)
{
	enum tcpcrypt_reason r;
	size_t n;

	*len = 0;
	*flags = 0;
	if ((r = conn_usable(c)) != TCPCRYPT_R_NONE)
		return (r);
	if (out == NULL || cap < TCPCRYPT_TX_MIN)
		return (TCPCRYPT_R_BUFFER_TOO_SMALL);
	if (c->own_msg_sent < c->own_msg_len) {
		n = c->own_msg_len - c->own_msg_sent;
		if (n > cap)
			n = cap;
		memcpy(out, c->own_msg + c->own_msg_sent, n);
		c->own_msg_sent += n;
		c->tx_offset += n;
		*len = n;
		if (c->own_msg_sent == c->own_msg_len)
			*flags |= TCPCRYPT_TX_PSH;
		return (TCPCRYPT_R_NONE);
	}
	if (c->phase != TCPCRYPT_P_ENCRYPTING)
		return (TCPCRYPT_R_NONE);
	if (c->tx_pend_len != 0) {
		/* Rekey frames sealed on input come first (3.8, D4). */
		*len = tcpcrypt_frame_pending_out(c, out, cap);
		if (c->tx_pend_len == 0 && c->txq_len == 0)
			*flags |= TCPCRYPT_TX_PSH;
		r = tcpcrypt_frame_resume(c);
		if (r != TCPCRYPT_R_NONE) {
			*len = 0;
			*flags = 0;
			return (tcpcrypt_abort(c, r));
		}
		return (TCPCRYPT_R_NONE);
	}
	r = tcpcrypt_frame_transmit(c, out, cap, len, flags);
	if (r == TCPCRYPT_R_NONE && *len != 0)
		r = tcpcrypt_frame_resume(c);
	if (r != TCPCRYPT_R_NONE) {
		*len = 0;
		*flags = 0;
		return (tcpcrypt_abort(c, r));
	}
	return (TCPCRYPT_R_NONE);
}

enum tcpcrypt_reason
tcpcrypt_poll_plaintext(struct tcpcrypt_conn *c, uint8_t *out, size_t cap,
    size_t *len)
{
	enum tcpcrypt_reason r;
	size_t n;

	*len = 0;
	if ((r = conn_usable(c)) != TCPCRYPT_R_NONE)
		return (r);
	if (out == NULL && cap != 0)
		return (TCPCRYPT_R_BAD_ARGUMENT);
	n = c->rx_plain_len < cap ? c->rx_plain_len : cap;
	if (n == 0)
		return (TCPCRYPT_R_NONE);
	memcpy(out, c->rxbuf + c->rx_plain_off, n);
	c->rx_plain_off += n;
	c->rx_plain_len -= n;
	*len = n;
	if (c->rx_plain_len == 0)
		tcp_eno_wipe(c->rxbuf, c->rx_plain_off);
	return (TCPCRYPT_R_NONE);
}

/* D13: the application-stream offset of the last urgent byte, once. */
bool
tcpcrypt_poll_urgent(struct tcpcrypt_conn *c, uint64_t *app_offset)
{

	if (!c->rx_urgent_new)
		return (false);
	c->rx_urgent_new = false;
	*app_offset = c->rx_urgent;
	return (true);
}

bool
tcpcrypt_poll_keepalive_verified(struct tcpcrypt_conn *c)
{
	bool ok;

	ok = c->keepalive_ok;
	c->keepalive_ok = false;
	return (ok);
}

bool
tcpcrypt_encrypting(const struct tcpcrypt_conn *c)
{

	return (c->phase == TCPCRYPT_P_ENCRYPTING);
}

/* End of file: the FINp frame arrived and all its data was read. */
bool
tcpcrypt_eof(const struct tcpcrypt_conn *c)
{

	return (c->phase == TCPCRYPT_P_ENCRYPTING && c->eof &&
	    c->rx_plain_len == 0);
}

bool
tcpcrypt_resumed(const struct tcpcrypt_conn *c)
{

	return (c->resumed);
}

enum tcpcrypt_reason
tcpcrypt_error(const struct tcpcrypt_conn *c)
{

	return (c->phase == TCPCRYPT_P_ABORTED ? c->error : TCPCRYPT_R_NONE);
}

enum tcpcrypt_reason
tcpcrypt_session_id(const struct tcpcrypt_conn *c, uint8_t *out, size_t cap,
    size_t *len)
{

	*len = 0;
	if (c->phase != TCPCRYPT_P_ENCRYPTING)
		return (c->phase == TCPCRYPT_P_ABORTED ? c->error :
		    TCPCRYPT_R_NOT_ENCRYPTING);
	if (cap < TCPCRYPT_SESSID_LEN)
		return (TCPCRYPT_R_BUFFER_TOO_SMALL);
	memcpy(out, c->sessid, TCPCRYPT_SESSID_LEN);
	*len = TCPCRYPT_SESSID_LEN;
	return (TCPCRYPT_R_NONE);
}

uint16_t
tcpcrypt_aead(const struct tcpcrypt_conn *c)
{

	return (c->phase == TCPCRYPT_P_ENCRYPTING ? c->aead : 0);
}

void
tcpcrypt_generations(const struct tcpcrypt_conn *c, uint64_t *local,
    uint64_t *remote)
{

	*local = c->tx.gen;
	*remote = c->rx.gen;
}

size_t
tcpcrypt_tx_pending(const struct tcpcrypt_conn *c)
{

	return (c->txq_len + (c->own_msg_len - c->own_msg_sent) +
	    (c->tx_pend_len - c->tx_pend_sent));
}
