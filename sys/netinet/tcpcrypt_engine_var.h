/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
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
 * tcpcrypt engine internals (RFC 8548): the per-connection state shared by
 * the tcpcrypt_*.c files, and their internal entry points.  Not for
 * drivers: they see only tcpcrypt_engine.h.
 */

#ifndef _NETINET_TCPCRYPT_ENGINE_VAR_H_
#define	_NETINET_TCPCRYPT_ENGINE_VAR_H_

#include "tcpcrypt_engine.h"
#include "tcpcrypt_core.h"

/* Wire and policy constants only the engine itself uses. */
#define	TCPCRYPT_INIT1_MAGIC	0x15101a0eU	/* RFC 8548 4.3 */
#define	TCPCRYPT_INIT2_MAGIC	0x097105e0U	/* RFC 8548 4.3 */
#define	TCPCRYPT_INIT_MSG_MAX	4096	/* D5 */
#define	TCPCRYPT_RESUME_NONCE_MAX 8	/* 3.5; D12 sends 8 */
#define	TCPCRYPT_REKEY_FRAMES_DEFAULT (1ULL << 24)	/* D9 */
#define	TCPCRYPT_REKEY_BYTES_DEFAULT (1ULL << 36)	/* D9 */
#define	TCPCRYPT_NONCE_LEN	32	/* N_A_LEN = N_B_LEN, RFC 8548 5 */
#define	TCPCRYPT_K_LEN		32	/* K_LEN, RFC 8548 5 */
#define	TCPCRYPT_RESUME_ID_LEN	18	/* resume[i], 3.5 */
#define	TCPCRYPT_PUB_MAX	69	/* P-521 wire form, 5 */
#define	TCPCRYPT_PRIV_MAX	66	/* P-521 scalar */
#define	TCPCRYPT_ES_MAX		66
#define	TCPCRYPT_OWN_MSG_MAX \
	(9 + 2 * TCPCRYPT_MAX_CONF + TCPCRYPT_NONCE_LEN + TCPCRYPT_PUB_MAX)
#define	TCPCRYPT_TRANSCRIPT_MAX	80	/* two ENO options, API.md 1 */
#define	TCPCRYPT_SN_MAX		(2 * TCPCRYPT_RESUME_NONCE_MAX)
#define	TCPCRYPT_RESUME_SUBOPT_MAX \
	(TCPCRYPT_RESUME_HALF_LEN + TCPCRYPT_RESUME_NONCE_MAX)
#define	TCPCRYPT_TAG_LEN	16	/* all Table 3 AEADs */
/* Empty rekey frames sealed ahead of the next poll_transmit (3.8). */
#define	TCPCRYPT_TX_PEND_MAX	(6 * (TCPCRYPT_FRAME_HDR_LEN + 1 + \
	TCPCRYPT_TAG_LEN))

/* Control byte and plaintext flags, RFC 8548 4.2, 4.2.1. */
#define	TCPCRYPT_CONTROL_REKEY	0x01
#define	TCPCRYPT_FLAG_FINP	0x01
#define	TCPCRYPT_FLAG_URGP	0x02

/* Reassembly of the peer's Init1 or Init2 from stream bytes (3.3). */
struct tcpcrypt_init_rx {
	uint8_t		 buf[TCPCRYPT_INIT_MSG_MAX];
	uint32_t	 have;
	uint32_t	 msg_len;	/* 0 until bytes 4-7 arrived */
};

struct tcpcrypt_init1_view {
	const uint8_t	*ciphers;	/* nciphers x u16be */
	size_t		 nciphers;
	const uint8_t	*n_a;
	const uint8_t	*pub;
	size_t		 pub_len;
};

struct tcpcrypt_init2_view {
	uint16_t	 cipher;
	const uint8_t	*n_b;
	const uint8_t	*pub;
	size_t		 pub_len;
};

/* One direction's keys for its current generation (3.8). */
struct tcpcrypt_dir_keys {
	struct tcpcrypt_core_secret	mk;	/* secret: mk[gen] */
	struct tcpcrypt_core_aead	aead;	/* secret: k_ab/k_ba[gen] */
	uint64_t			gen;
	bool				live;
};

/* What this connection offered or honoured for resumption (3.5). */
struct tcpcrypt_resume_state {
	bool		 offered;	/* A side: our SYN carried an offer */
	bool		 honoured;	/* B side: our SYN-ACK answers one */
	bool		 matched;	/* A side: B's answer matched */
	uint8_t		 tep;
	uint8_t		 orig_role;	/* role in the session of ss[0] */
	uint16_t	 aead;
	uint64_t	 chain_id;
	struct tcpcrypt_core_secret ss;	/* secret: ss[i], used once */
	uint8_t		 own_half[TCPCRYPT_RESUME_HALF_LEN];
	uint8_t		 peer_half[TCPCRYPT_RESUME_HALF_LEN];
	uint8_t		 own_nonce[TCPCRYPT_RESUME_NONCE_MAX];
	size_t		 own_nonce_len;
	uint8_t		 peer_nonce[TCPCRYPT_RESUME_NONCE_MAX];
	size_t		 peer_nonce_len;
};

enum tcpcrypt_phase {
	TCPCRYPT_P_IDLE = 0,	/* ENO still negotiating */
	TCPCRYPT_P_KEX,		/* Init1/Init2 under way */
	TCPCRYPT_P_ENCRYPTING,	/* keys exist */
	TCPCRYPT_P_ABORTED
};

struct tcpcrypt_conn {
	struct tcpcrypt_allocator alloc;
	tcpcrypt_random_fn	*random;
	void			*random_arg;
	struct tcpcrypt_cache	*cache;
	uint8_t			 peer_id[TCPCRYPT_PEER_ID_MAX];
	size_t			 peer_id_len;
	uint16_t		 aconf[TCPCRYPT_MAX_CONF];
	size_t			 naconf;
	uint16_t		 bconf[TCPCRYPT_MAX_CONF];
	size_t			 nbconf;
	bool			 active;
	bool			 no_cache;
	uint64_t		 rekey_frames;
	uint64_t		 rekey_bytes;
	uint64_t		 now_ms;

	enum tcpcrypt_phase	 phase;
	enum tcpcrypt_reason	 error;
	uint8_t			 role;		/* this connection: 0 A, 1 B */
	uint8_t			 orig_role;	/* decides k_ab / k_ba (3.5) */
	uint8_t			 tep;
	uint8_t			 tep_byte;
	uint16_t		 aead;
	bool			 resumed;
	bool			 simultaneous;
	bool			 b_fresh_v1;	/* B's v = 1 data < 9: fresh */
	uint8_t			 sessid[TCPCRYPT_SESSID_LEN];
	uint64_t		 chain_id;	/* cache chain of this session */
	uint64_t		 offered_chain;	/* chain our SYN used, unresumed */

	/* Key exchange (3.3, 4.1). */
	struct tcpcrypt_core_kx	 kx;		/* secret: private scalar */
	uint8_t			 own_msg[TCPCRYPT_OWN_MSG_MAX];
	size_t			 own_msg_len;
	size_t			 own_msg_sent;
	struct tcpcrypt_init_rx	 peer_msg;
	uint8_t			 transcript[TCPCRYPT_TRANSCRIPT_MAX];
	size_t			 transcript_len;
	struct tcpcrypt_resume_state resume;

	/* Sending side (3.6-3.8). */
	uint8_t			*txq;		/* held application bytes */
	size_t			 txq_size;
	size_t			 txq_off;
	size_t			 txq_len;
	size_t			 txq_hw;	/* bytes of txq ever written */
	uint64_t		 tx_offset;	/* D4: stream offset */
	uint64_t		 tx_app_offset;	/* app bytes framed */
	uint64_t		 tx_app_queued;	/* app bytes accepted */
	uint64_t		 tx_urgent;	/* app offset + 1 of urgent byte */
	bool			 app_closed;
	bool			 fin_sent;
	bool			 rekey_next;	/* next frame: rekey = 1 */
	bool			 send_now;	/* 3.8: answer with a frame */
	bool			 empty_rekey_out; /* 3.8: one outstanding */
	bool			 keepalive_out;	/* 3.9 probe awaiting answer */
	bool			 keepalive_ok;	/* event for the caller */
	uint8_t			 tx_pend[TCPCRYPT_TX_PEND_MAX];
	size_t			 tx_pend_len;	/* sealed, not yet polled */
	size_t			 tx_pend_sent;
	uint64_t		 frames_under_key;
	uint64_t		 bytes_under_key;
	struct tcpcrypt_dir_keys tx;

	/* Receiving side. */
	uint8_t			*rxbuf;		/* one frame, opened in place */
	size_t			 rx_have;
	size_t			 rx_hw;		/* bytes of rxbuf ever written */
	size_t			 rx_plain_off;	/* undelivered plaintext */
	size_t			 rx_plain_len;
	uint64_t		 rx_offset;	/* D4: offset of next frame */
	uint64_t		 rx_app_offset;	/* app bytes decrypted */
	bool			 eof;		/* FINp frame authenticated */
	bool			 fin_held;	/* TCP FIN behind a held frame */
	bool			 rx_urgent_new;
	bool			 rx_urgent_seen;
	uint64_t		 rx_urgent;
	struct tcpcrypt_dir_keys rx;
};

/* tcpcrypt_engine.c */
enum tcpcrypt_reason tcpcrypt_abort(struct tcpcrypt_conn *c,
	    enum tcpcrypt_reason r);
enum tcpcrypt_reason tcpcrypt_keypair(struct tcpcrypt_conn *c,
	    uint8_t *pub, size_t cap, size_t *pub_len);

/* tcpcrypt_init_msg.c */
size_t	tcpcrypt_tep_pub_len(uint8_t tep);
enum tcpcrypt_reason tcpcrypt_create_init1(uint8_t tep,
	    const uint16_t *ciphers, size_t nciphers, const uint8_t *n_a,
	    const uint8_t *pub, size_t pub_len, uint8_t *out, size_t cap,
	    size_t *len);
enum tcpcrypt_reason tcpcrypt_create_init2(uint8_t tep, uint16_t cipher,
	    const uint8_t *n_b, const uint8_t *pub, size_t pub_len,
	    uint8_t *out, size_t cap, size_t *len);
enum tcpcrypt_reason tcpcrypt_consume_init1(uint8_t tep, const uint8_t *msg,
	    size_t len, struct tcpcrypt_init1_view *v);
enum tcpcrypt_reason tcpcrypt_consume_init2(uint8_t tep, const uint8_t *msg,
	    size_t len, struct tcpcrypt_init2_view *v);
void	tcpcrypt_init_rx_reset(struct tcpcrypt_init_rx *rx);
enum tcpcrypt_reason tcpcrypt_init_rx_feed(struct tcpcrypt_init_rx *rx,
	    uint32_t magic, uint8_t tep, const uint8_t *data, size_t len,
	    size_t *consumed, bool *complete);

/* tcpcrypt_kex.c */
enum tcpcrypt_reason tcpcrypt_kex_start(struct tcpcrypt_conn *c);
enum tcpcrypt_reason tcpcrypt_kex_input(struct tcpcrypt_conn *c,
	    const uint8_t *data, size_t len, size_t *consumed);
enum tcpcrypt_reason tcpcrypt_keys_from_ss(struct tcpcrypt_conn *c,
	    struct tcpcrypt_core_secret *ss, const uint8_t *sn, size_t sn_len);

/* tcpcrypt_frame.c */
enum tcpcrypt_reason tcpcrypt_frame_transmit(struct tcpcrypt_conn *c,
	    uint8_t *out, size_t cap, size_t *len, int *flags);
enum tcpcrypt_reason tcpcrypt_frame_input(struct tcpcrypt_conn *c,
	    const uint8_t *data, size_t len, size_t *consumed);
enum tcpcrypt_reason tcpcrypt_frame_resume(struct tcpcrypt_conn *c);
bool	tcpcrypt_frame_held(const struct tcpcrypt_conn *c);
size_t	tcpcrypt_frame_pending_out(struct tcpcrypt_conn *c, uint8_t *out,
	    size_t cap);
enum tcpcrypt_reason tcpcrypt_txq_alloc(struct tcpcrypt_conn *c);
void	tcpcrypt_buffers_free(struct tcpcrypt_conn *c);

/* tcpcrypt_rekey.c */
enum tcpcrypt_reason tcpcrypt_keys_install(struct tcpcrypt_conn *c,
	    const struct tcpcrypt_core_secret *mk0);
enum tcpcrypt_reason tcpcrypt_rekey_local(struct tcpcrypt_conn *c);
enum tcpcrypt_reason tcpcrypt_rekey_remote(struct tcpcrypt_conn *c);
bool	tcpcrypt_rekey_due(const struct tcpcrypt_conn *c);
void	tcpcrypt_keys_wipe(struct tcpcrypt_conn *c);

/* tcpcrypt_cache.c */
struct tcpcrypt_cache_key {
	const uint8_t	*peer_id;
	size_t		 peer_id_len;
	uint8_t		 tep;
	bool		 active;	/* direction of the original open */
};
enum tcpcrypt_reason tcpcrypt_cache_take_offer(struct tcpcrypt_cache *cache,
	    const struct tcpcrypt_cache_key *key, uint64_t now_ms,
	    struct tcpcrypt_resume_state *rs);
enum tcpcrypt_reason tcpcrypt_cache_take_match(struct tcpcrypt_cache *cache,
	    const struct tcpcrypt_cache_key *key, const uint8_t *peer_half,
	    uint64_t now_ms, struct tcpcrypt_resume_state *rs);
enum tcpcrypt_reason tcpcrypt_cache_put(struct tcpcrypt_cache *cache,
	    const struct tcpcrypt_cache_key *key, uint8_t orig_role,
	    uint16_t aead, uint64_t chain_id,
	    const struct tcpcrypt_core_secret *next_ss, uint64_t now_ms);
void	tcpcrypt_cache_flush_chain(struct tcpcrypt_cache *cache,
	    uint64_t chain_id);
uint64_t tcpcrypt_cache_new_chain(struct tcpcrypt_cache *cache);

/* Big-endian helpers. */
static inline uint16_t
tcpcrypt_be16(const uint8_t *p)
{

	return ((uint16_t)((p[0] << 8) | p[1]));
}

static inline uint32_t
tcpcrypt_be32(const uint8_t *p)
{

	return (((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	    ((uint32_t)p[2] << 8) | (uint32_t)p[3]);
}

static inline void
tcpcrypt_put_be16(uint8_t *p, uint16_t v)
{

	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void
tcpcrypt_put_be32(uint8_t *p, uint32_t v)
{

	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

#endif /* !_NETINET_TCPCRYPT_ENGINE_VAR_H_ */
