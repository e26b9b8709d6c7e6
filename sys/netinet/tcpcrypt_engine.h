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
 * tcpcrypt engine (RFC 8548): sans-I/O, one object per connection.
 *
 * Init1/Init2 key exchange (3.3, 4.1), AEAD frames (3.6, 3.7, 4.2),
 * rekeying (3.8), verified keep-alive (3.9), session resumption (3.5)
 * with a bounded cache object, and TEPs 0x21-0x24 plugged into the
 * TCP-ENO engine's TEP registry.  Project decisions D4-D13 of PROTOCOL.md.
 *
 * Driving a connection (the simulator and the kernel glue do this):
 *
 *  1. tcpcrypt_conn_create() before the SYN is built, and pass the conn
 *     as conn_arg to tcp_eno_conn_init() (TEPs registered once with
 *     tcpcrypt_register_teps()): the ENO engine then asks it for
 *     resumption suboptions and to validate the peer's.
 *  2. Once tcp_eno_conn_status() says est_phase == TCP_ENO_PH_ENABLED with
 *     est_negtep & 0x7f in 0x21-0x24 (host A: when it sends its ACK; host
 *     B: when that ACK arrives, RFC 8547 4.6), call
 *     tcpcrypt_handle_negotiated() with est_role, est_negtep (v bit
 *     included), est_simultaneous and tcp_eno_conn_transcript().  If ENO
 *     fell back, just destroy the conn (an offered ss[i] stays burned).
 *  3. Then loop until nothing moves:
 *       tcpcrypt_handle_app_data()      application write (held until the
 *                                       keys exist, never sent in clear)
 *       tcpcrypt_handle_stream_bytes()  in-order TCP payload, any split;
 *                                       may consume less (backpressure:
 *                                       drain poll_plaintext, call again)
 *       tcpcrypt_poll_transmit()        bytes to append to the TCP send
 *                                       stream; they never change, so TCP
 *                                       retransmits them as they are
 *       tcpcrypt_poll_plaintext()       decrypted application bytes
 *       tcpcrypt_poll_urgent()          urgent mark (D13)
 *     After every handle_ call, poll_transmit until it returns 0 bytes.
 *  4. tcpcrypt_handle_app_close() when the application shuts down writing:
 *     the last frame carries FINp and poll_transmit flags TCPCRYPT_TX_FIN
 *     on the chunk after which TCP sends its FIN.  tcpcrypt_handle_fin()
 *     once TCP has delivered every byte before the peer's FIN; end of
 *     file is tcpcrypt_eof(), which a frame still waiting for our rekey
 *     answer (rare: see tcpcrypt_frame.c) reaches only after the next
 *     poll_transmit, so poll_plaintext after poll_transmit too.
 *  5. tcpcrypt_error() != TCPCRYPT_R_NONE means the connection is aborted:
 *     send RST, report tcpcrypt_reason_errclass() to the application
 *     (D8).  tcpcrypt_conn_destroy() wipes every secret and frees.
 *
 * Every function returns TCPCRYPT_R_NONE or a reason.  A fatal reason
 * (tcpcrypt_reason_fatal()) aborts the connection and is sticky; a
 * non-fatal one refuses the call and changes nothing.  The engine reads no
 * clock (time comes in as "now", milliseconds) and no random source (the
 * caller's callback), and allocates only through the caller's allocator.
 */

#ifndef _NETINET_TCPCRYPT_ENGINE_H_
#define	_NETINET_TCPCRYPT_ENGINE_H_

#include "tcp_eno_compat.h"
#include "tcp_eno_engine.h"

/* TEP identifiers, RFC 8548 Table 4. */
#define	TCPCRYPT_TEP_P256		0x21
#define	TCPCRYPT_TEP_P521		0x22
#define	TCPCRYPT_TEP_X25519		0x23
#define	TCPCRYPT_TEP_X448		0x24

/* AEAD identifiers, RFC 8548 Table 5 (two bytes on the wire). */
#define	TCPCRYPT_AEAD_AES_128_GCM	0x0001
#define	TCPCRYPT_AEAD_AES_256_GCM	0x0002
#define	TCPCRYPT_AEAD_CHACHA20_POLY1305	0x0010

#define	TCPCRYPT_MAX_CONF		8	/* AEAD ids in ACONF/BCONF */
#define	TCPCRYPT_SESSID_LEN		33	/* TEP byte + K_LEN, 3.4 */
#define	TCPCRYPT_RESUME_HALF_LEN	9	/* resume[i]{0..8}, 3.5 */
#define	TCPCRYPT_FRAME_HDR_LEN		3	/* control | clen, 4.2 */
#define	TCPCRYPT_CLEN_MAX		65535	/* clen < 2^16, 3.6 */
#define	TCPCRYPT_FRAME_MAX	(TCPCRYPT_FRAME_HDR_LEN + TCPCRYPT_CLEN_MAX)
#define	TCPCRYPT_TX_MIN			256	/* smallest poll_transmit cap */
#define	TCPCRYPT_CACHE_TTL_MS_DEFAULT	120000	/* D12: 120 s */
#define	TCPCRYPT_PEER_ID_MAX		40	/* address bytes + port, ... */
#define	TCPCRYPT_TXQ_DEFAULT		65536	/* held application bytes */

/*
 * Reasons.  Each names one rejection and cites its clause; the class each
 * maps to (tcpcrypt_reason_errclass()) is the D8 errno class.
 */
enum tcpcrypt_reason {
	TCPCRYPT_R_NONE = 0,
	/* Non-fatal: the call is refused, nothing changes. */
	TCPCRYPT_R_BAD_ARGUMENT,	/* NULL, zero length, bad flag */
	TCPCRYPT_R_BAD_CONFIG,		/* API.md 3: ACONF/BCONF rules */
	TCPCRYPT_R_BAD_STATE,		/* call not valid in this state */
	TCPCRYPT_R_NOT_ENCRYPTING,	/* keys do not exist yet (ENOTCONN) */
	TCPCRYPT_R_BUFFER_TOO_SMALL,	/* caller's buffer */
	TCPCRYPT_R_WRITE_AFTER_CLOSE,	/* app wrote after app_close */
	TCPCRYPT_R_REKEY_OUTSTANDING,	/* 3.8: one empty-frame rekey */
	TCPCRYPT_R_FIN_SENT,		/* 3.8: no frame after FINp */
	TCPCRYPT_R_UNSUPPORTED_TEP,	/* not 0x21-0x24 */
	TCPCRYPT_R_REGISTRY,		/* ENO registry refused a TEP */
	/* Non-fatal resumption outcomes (3.5): the suboption is ignored. */
	TCPCRYPT_R_RESUME_DISABLED,	/* no cache or no-cache policy */
	TCPCRYPT_R_RESUME_SHORT,	/* < 9 data bytes: treat as v = 0 */
	TCPCRYPT_R_RESUME_NONCE_LONG,	/* nonce > 8 bytes */
	TCPCRYPT_R_RESUME_UNKNOWN,	/* no cached secret named by it */
	TCPCRYPT_R_RESUME_MISMATCH,	/* B's half does not match ours */
	TCPCRYPT_R_RESUME_NOT_OFFERED,	/* B sent v = 1, A offered none */
	TCPCRYPT_R_RESUME_SIMULTANEOUS,	/* D12: same-direction chains only */
	/* Fatal: abort with RST. */
	TCPCRYPT_R_INIT1_BAD_MAGIC,	/* 4.1, 4.3 */
	TCPCRYPT_R_INIT2_BAD_MAGIC,	/* 4.1, 4.3 */
	TCPCRYPT_R_INIT_TOO_LONG,	/* D5: message_len > 4096 */
	TCPCRYPT_R_INIT_TOO_SHORT,	/* D5: below the fixed part */
	TCPCRYPT_R_INIT1_NO_CIPHERS,	/* D5: nciphers = 0 */
	TCPCRYPT_R_NO_COMMON_AEAD,	/* D6: B aborts, no Init2 */
	TCPCRYPT_R_CIPHER_NOT_OFFERED,	/* 3.3: Init2 sym_cipher not in Init1 */
	TCPCRYPT_R_BAD_PEER_KEY,	/* 3.3, 5: key validation failed */
	TCPCRYPT_R_TRUNCATED_INIT,	/* FIN before the whole Init message */
	TCPCRYPT_R_FRAME_SHORT,		/* 4.2: clen below tag + flags */
	TCPCRYPT_R_FRAME_AUTH,		/* 3.6, D7: AEAD open failed */
	TCPCRYPT_R_FRAME_MALFORMED,	/* 4.2.1: authentic but no flags/urgent */
	TCPCRYPT_R_TRUNCATED_FRAME,	/* D8: FIN inside a frame */
	TCPCRYPT_R_FIN_WITHOUT_FINP,	/* 3.7, D8 */
	TCPCRYPT_R_DATA_AFTER_FINP,	/* 3.7: FINp frame was the last */
	TCPCRYPT_R_OFFSET_EXHAUSTED,	/* 3.6: 2^64 stream bytes */
	TCPCRYPT_R_RESUME_STATE,	/* ENO negotiated v = 1, no match */
	TCPCRYPT_R_NOMEM,		/* caller's allocator failed */
	TCPCRYPT_R_CRYPTO,		/* crypto-core refused a valid call */
	TCPCRYPT_R_LOCAL_ABORT,		/* tcpcrypt_handle_abort() */
	TCPCRYPT_R_COUNT
};

struct tcpcrypt_conn;
struct tcpcrypt_cache;

/* Caller-supplied allocator: alloc returns zeroed memory or NULL. */
struct tcpcrypt_allocator {
	void	*(*alloc)(void *arg, size_t size);
	void	 (*free)(void *arg, void *ptr, size_t size);
	void	*arg;
};

/* Fills buf with len cryptographically secure random bytes. */
typedef void tcpcrypt_random_fn(void *arg, uint8_t *buf, size_t len);

struct tcpcrypt_config {
	const struct tcpcrypt_allocator *alloc;	/* required */
	tcpcrypt_random_fn *random;		/* required */
	void		*random_arg;
	struct tcpcrypt_cache *cache;		/* NULL: no resumption */
	uint8_t		 peer_id[TCPCRYPT_PEER_ID_MAX];	/* cache key */
	size_t		 peer_id_len;
	uint8_t		 aconf[2 * TCPCRYPT_MAX_CONF];	/* TCP_CRYPT_ACONF */
	size_t		 aconf_len;		/* 0: 0x0001,0x0002,0x0010 */
	uint8_t		 bconf[2 * TCPCRYPT_MAX_CONF];	/* TCP_CRYPT_BCONF */
	size_t		 bconf_len;		/* 0: 0x0010,0x0002,0x0001 */
	bool		 active;	/* this host sent the first SYN */
	bool		 no_cache;	/* TCP_CRYPT_CACHE_FLUSH before connect */
	uint64_t	 rekey_frames;	/* 0: D9 default */
	uint64_t	 rekey_bytes;	/* 0: D9 default */
	size_t		 txq_size;	/* 0: TCPCRYPT_TXQ_DEFAULT */
	uint64_t	 now_ms;	/* for cache lookups during the SYNs */
};

/* What TCP-ENO negotiated (RFC 8547 4.5, 4.8). */
struct tcpcrypt_negotiated {
	uint8_t		 role;		/* 0: host A, 1: host B */
	uint8_t		 tep_byte;	/* negotiated TEP | v, as B sent it */
	bool		 simultaneous;	/* simultaneous open (D12) */
	const uint8_t	*transcript;	/* A's ENO option then B's */
	size_t		 transcript_len;
	uint64_t	 now_ms;
};

/* Flags of a poll_transmit chunk. */
#define	TCPCRYPT_TX_PSH		0x01	/* 3.3: PSH on the chunk's last byte */
#define	TCPCRYPT_TX_FIN		0x02	/* 3.7: FINp frame ends here: FIN */

/*
 * Flag of handle_app_data: the write's last byte is urgent (D13).  The
 * peer's poll_urgent() gives its offset in the application stream; on the
 * wire the urgent field counts from the frame's first data byte (3.7).
 */
#define	TCPCRYPT_APP_URGENT	0x01

/* Connection lifecycle. */
enum tcpcrypt_reason tcpcrypt_conn_create(const struct tcpcrypt_config *cfg,
	    struct tcpcrypt_conn **connp);
void	tcpcrypt_conn_destroy(struct tcpcrypt_conn *c);
enum tcpcrypt_reason tcpcrypt_handle_negotiated(struct tcpcrypt_conn *c,
	    const struct tcpcrypt_negotiated *neg);

/* Events in. */
enum tcpcrypt_reason tcpcrypt_handle_app_data(struct tcpcrypt_conn *c,
	    const uint8_t *data, size_t len, int flags, size_t *consumed);
enum tcpcrypt_reason tcpcrypt_handle_app_close(struct tcpcrypt_conn *c);
enum tcpcrypt_reason tcpcrypt_handle_stream_bytes(struct tcpcrypt_conn *c,
	    const uint8_t *data, size_t len, size_t *consumed);
enum tcpcrypt_reason tcpcrypt_handle_fin(struct tcpcrypt_conn *c);
enum tcpcrypt_reason tcpcrypt_handle_rekey_request(struct tcpcrypt_conn *c);
enum tcpcrypt_reason tcpcrypt_handle_keepalive(struct tcpcrypt_conn *c);
enum tcpcrypt_reason tcpcrypt_handle_cache_flush(struct tcpcrypt_conn *c);
enum tcpcrypt_reason tcpcrypt_handle_abort(struct tcpcrypt_conn *c);

/* Output. */
enum tcpcrypt_reason tcpcrypt_poll_transmit(struct tcpcrypt_conn *c,
	    uint8_t *out, size_t cap, size_t *len, int *flags);
enum tcpcrypt_reason tcpcrypt_poll_plaintext(struct tcpcrypt_conn *c,
	    uint8_t *out, size_t cap, size_t *len);
bool	tcpcrypt_poll_urgent(struct tcpcrypt_conn *c, uint64_t *app_offset);
bool	tcpcrypt_poll_keepalive_verified(struct tcpcrypt_conn *c);

/* Getters. */
bool	tcpcrypt_encrypting(const struct tcpcrypt_conn *c);
bool	tcpcrypt_eof(const struct tcpcrypt_conn *c);
bool	tcpcrypt_resumed(const struct tcpcrypt_conn *c);
enum tcpcrypt_reason tcpcrypt_error(const struct tcpcrypt_conn *c);
enum tcpcrypt_reason tcpcrypt_session_id(const struct tcpcrypt_conn *c,
	    uint8_t *out, size_t cap, size_t *len);
uint16_t tcpcrypt_aead(const struct tcpcrypt_conn *c);	/* TCP_CRYPT_CONF */
void	tcpcrypt_generations(const struct tcpcrypt_conn *c, uint64_t *local,
	    uint64_t *remote);
size_t	tcpcrypt_tx_pending(const struct tcpcrypt_conn *c);
/*
 * Received frame bytes not yet polled as plaintext (the frame in progress
 * or an opened frame's data); *need (may be NULL): bytes it still lacks.
 */
size_t	tcpcrypt_rx_pending(const struct tcpcrypt_conn *c, size_t *need);

/* Reasons. */
bool	tcpcrypt_reason_fatal(enum tcpcrypt_reason r);
enum tcp_eno_errclass tcpcrypt_reason_errclass(enum tcpcrypt_reason r);
const char *tcpcrypt_reason_name(enum tcpcrypt_reason r);

/* Configuration checks (socket option TCP_CRYPT_ACONF / BCONF rules). */
enum tcpcrypt_reason tcpcrypt_check_conf(const uint8_t *ids, size_t len);

/*
 * Resumption cache (3.5, D12): at most "entries" chains, keyed by peer id,
 * TEP and direction, each holding the next unused ss[i].  Shared by the
 * connections of one host (network stack); the caller serialises access.
 */
enum tcpcrypt_reason tcpcrypt_cache_create(
	    const struct tcpcrypt_allocator *alloc, size_t entries,
	    uint64_t ttl_ms, struct tcpcrypt_cache **cachep);
void	tcpcrypt_cache_destroy(struct tcpcrypt_cache *cache);
void	tcpcrypt_cache_flush_all(struct tcpcrypt_cache *cache);
void	tcpcrypt_cache_expire(struct tcpcrypt_cache *cache, uint64_t now_ms);
size_t	tcpcrypt_cache_count(const struct tcpcrypt_cache *cache);

/*
 * Resumption suboptions.  The ENO TEP ops call these with the conn as
 * context; they are exported for tests and for drivers without ENO.
 * create_resume_offer: the suboption data (half | nonce) for this host's
 * SYN, or *len = 0 when there is nothing to resume.
 */
enum tcpcrypt_reason tcpcrypt_create_resume_offer(struct tcpcrypt_conn *c,
	    uint8_t tep, uint8_t *out, size_t cap, size_t *len);
enum tcpcrypt_reason tcpcrypt_consume_resume_offer(struct tcpcrypt_conn *c,
	    uint8_t tep, const uint8_t *data, size_t len);
enum tcpcrypt_reason tcpcrypt_create_resume_answer(struct tcpcrypt_conn *c,
	    uint8_t tep, uint8_t *out, size_t cap, size_t *len);
enum tcpcrypt_reason tcpcrypt_consume_resume_answer(struct tcpcrypt_conn *c,
	    uint8_t tep, const uint8_t *data, size_t len);

/*
 * TEP registry (RFC 8547 4.5): registers 0x21-0x24 in reg (NULL: the ENO
 * engine's default registry).  The ops take the struct tcpcrypt_conn the
 * driver passed to tcp_eno_conn_init() as conn_arg: as active opener
 * they offer resumption from the cache (one suboption, v = 1); as passive
 * opener they honour a matching offer and answer with the other half;
 * they count B's v = 1 suboption valid only if it names the same ss[i].
 */
enum tcpcrypt_reason tcpcrypt_register_teps(struct tcp_eno_registry *reg);
void	tcpcrypt_unregister_teps(struct tcp_eno_registry *reg);

#endif /* !_NETINET_TCPCRYPT_ENGINE_H_ */
