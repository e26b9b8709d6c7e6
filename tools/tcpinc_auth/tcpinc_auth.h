/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * tcpinc_auth: authenticate a TCP-ENO session ID from an application, as
 * in draft-ietf-tcpinc-api section 5.
 *
 *   - Application awareness (section 5): tcpinc_auth_mark_aware() sets bit 1
 *     of TCP_ENO_SELF_GOPT before connect(2)/listen(2), optionally with
 *     TCP_ENO_AA_MANDATORY; nothing is sent unless the peer's
 *     TCP_ENO_PEER_GOPT has that bit too.
 *   - Cookie scheme (section 5.1): each side sends
 *     HMAC-SHA-256(cookie, TCPINC_AUTH_COOKIE_PREFIX | local-name) and
 *     checks the peer's against TCP_ENO_PEER_NAME in constant time.
 *     Cookies shorter than 128 bits are refused.
 *   - Signature scheme (section 5.2): Ed25519 over
 *     TCPINC_AUTH_SIG_PREFIX | local-name; one or both sides sign.
 *   - Section 6: any socket-option error, a disabled or unfinished ENO
 *     negotiation, an empty, zero or inconsistent session ID, or a missing
 *     or wrong authenticator is a distinct error, the connection is
 *     aborted, and the result never says "authenticated".
 *   - Replay versus relay: with an optional replay memory (below), a
 *     message made for a connection this host authenticated earlier is
 *     TCPINC_AUTH_E_REPLAY, one made for a session never seen here
 *     TCPINC_AUTH_E_SESSION_MISMATCH (a man in the middle).
 *
 * Cryptography comes from libcrypto (OpenSSL 3): it is in FreeBSD base
 * (/usr/lib/libcrypto, no port needed) and is Debian's libssl-dev on the
 * build host, so the same code links in both places.  HMAC-SHA-256,
 * Ed25519 (EVP_PKEY_ED25519), CRYPTO_memcmp and RAND_bytes are used.
 *
 * The library talks to the connection only through struct
 * tcpinc_auth_transport, so it runs unchanged over a real socket
 * (tcpinc_auth_transport_fd()), over the two-host simulator, or over a
 * test fake.  The create/consume functions are the sans-I/O core; the
 * tcpinc_auth_*_run() functions drive them over a transport.
 */

#ifndef TCPINC_AUTH_H
#define TCPINC_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpinc_auth_opt.h"

/* RFC 8547 section 4.1: bit 1 of the global suboption. */
#define	TCPINC_AUTH_GOPT_AA		0x02
#define	TCPINC_AUTH_GOPT_MASK		0x1f

/* Section 5.1: "preferably at least 128 bits"; we make it a must. */
#define	TCPINC_AUTH_COOKIE_MIN		16
#define	TCPINC_AUTH_COOKIE_MAX		1024
#define	TCPINC_AUTH_HMAC_LEN		32
#define	TCPINC_AUTH_ED25519_SK_LEN	32	/* RFC 8032 seed */
#define	TCPINC_AUTH_ED25519_PK_LEN	32
#define	TCPINC_AUTH_ED25519_SIG_LEN	64

/*
 * Domain separation (sections 5.1 and 5.2): the MAC or signature covers
 * one of these fixed strings, then the local name, so a cookie or key used
 * elsewhere cannot be made to authenticate a session ID and vice versa.
 * The prefixes differ per scheme; the bytes are the string without NUL.
 */
#define	TCPINC_AUTH_COOKIE_PREFIX \
	"tcpinc-auth v1 cookie HMAC-SHA-256"
#define	TCPINC_AUTH_SIG_PREFIX \
	"tcpinc-auth v1 signature Ed25519"

/*
 * One authenticator message on the stream (all lengths one byte):
 *   version (1) | kind | name_len | name (the sender's local name) |
 *   auth_len | auth
 * kind 1: HMAC (auth_len 32); kind 2: Ed25519 (64); kind 3: this side does
 * not sign (0).  The name lets the receiver tell "wrong cookie or key"
 * from "made for another session" (replay, relay); it is never trusted:
 * the MAC or signature is always checked over our own TCP_ENO_PEER_NAME.
 */
#define	TCPINC_AUTH_WIRE_VERSION	1
#define	TCPINC_AUTH_KIND_HMAC		1
#define	TCPINC_AUTH_KIND_ED25519	2
#define	TCPINC_AUTH_KIND_UNSIGNED	3
#define	TCPINC_AUTH_MSG_MAX	\
	(3 + TCP_ENO_MAX_NAME + 1 + TCPINC_AUTH_ED25519_SIG_LEN)

enum tcpinc_auth_error {
	TCPINC_AUTH_OK = 0,
	TCPINC_AUTH_E_ARGUMENT,		/* NULL, bad length, no work */
	TCPINC_AUTH_E_SETSOCKOPT,	/* marking the socket failed */
	TCPINC_AUTH_E_GETSOCKOPT,	/* option read failed (not EINVAL/
					   ENOTCONN): no ENO in this stack */
	TCPINC_AUTH_E_ENO_DISABLED,	/* EINVAL on read: ENO off or failed
					   to negotiate (API.md 2) */
	TCPINC_AUTH_E_ENO_NEGOTIATING,	/* ENOTCONN past the wait */
	TCPINC_AUTH_E_SESSID_EMPTY,	/* zero-length or all-zero session
					   ID (draft 6) */
	TCPINC_AUTH_E_NAME_INCONSISTENT, /* SELF/PEER_NAME/SESSID/ROLE do
					   not fit together (draft 2.1) */
	TCPINC_AUTH_E_PEER_NOT_AWARE,	/* no gopt bit 1 (draft 5) */
	TCPINC_AUTH_E_COOKIE_SHORT,	/* cookie < 128 bits */
	TCPINC_AUTH_E_KEY_INVALID,	/* own Ed25519 key unusable */
	TCPINC_AUTH_E_PEER_KEY_INVALID,	/* peer public key unusable */
	TCPINC_AUTH_E_CRYPTO,		/* libcrypto failed internally */
	TCPINC_AUTH_E_SEND,		/* transport send failed */
	TCPINC_AUTH_E_RECV,		/* transport recv failed */
	TCPINC_AUTH_E_PEER_CLOSED,	/* EOF before a whole message */
	TCPINC_AUTH_E_MSG_MALFORMED,	/* bad version or lengths */
	TCPINC_AUTH_E_SCHEME_MISMATCH,	/* peer used the other scheme */
	TCPINC_AUTH_E_PEER_UNSIGNED,	/* we need a signature, got none */
	TCPINC_AUTH_E_REFLECTED,	/* the peer's name is our own name */
	TCPINC_AUTH_E_SESSION_MISMATCH,	/* made for a session never seen
					   here: relay (MITM) or a replay
					   we kept no record of */
	TCPINC_AUTH_E_COOKIE_MISMATCH,	/* HMAC wrong: different cookie */
	TCPINC_AUTH_E_SIGNATURE_INVALID, /* signature wrong: wrong key */
	TCPINC_AUTH_INPROGRESS,		/* no error: async, again */
	TCPINC_AUTH_E_REPLAY,		/* made for a session this host
					   authenticated before (appended
					   last: older values unchanged) */
	TCPINC_AUTH_E__COUNT
};

/* Short, fixed, never NULL text for an error (like strerror(3)). */
const char	*tcpinc_auth_strerror(enum tcpinc_auth_error);
/* Stable identifier ("TCPINC_AUTH_E_COOKIE_MISMATCH"), for tests and logs. */
const char	*tcpinc_auth_error_name(enum tcpinc_auth_error);

/*
 * The connection, as the library sees it.  Option names are TCP_ENO_* at
 * level IPPROTO_TCP.  Every callback returns 0 or a positive errno value.
 */
struct tcpinc_auth_transport {
	void	*ctx;
	/* *lenp: buffer size in, value length out. */
	int	(*getopt)(void *ctx, int name, void *buf, size_t *lenp);
	int	(*setopt)(void *ctx, int name, const void *buf, size_t len);
	/* Writes all len bytes or fails. */
	int	(*send)(void *ctx, const void *buf, size_t len);
	/* Reads 1..len bytes; *gotp = 0 means end of stream. */
	int	(*recv)(void *ctx, void *buf, size_t len, size_t *gotp);
	/* Ends the connection with a reset if it can; after any failure. */
	void	(*abort)(void *ctx);
	/*
	 * Optional: called when an option read returned ENOTCONN (keys not
	 * there yet, API.md 2); 0 means "retry", anything else gives up.
	 */
	int	(*wait)(void *ctx, unsigned int attempt);
};

/* The default backend: a connected TCP socket. */
struct tcpinc_auth_fd {
	int		fd;
	unsigned int	wait_ms;	/* per retry while ENOTCONN */
	unsigned int	wait_tries;
};
void	tcpinc_auth_transport_fd(struct tcpinc_auth_transport *,
	    struct tcpinc_auth_fd *, int fd);

/* Where a failure came from: the errno a callback returned, if any. */
struct tcpinc_auth_detail {
	enum tcpinc_auth_error	error;
	int			sys_errno;
	int			option;		/* TCP_ENO_* or 0 */
};

/*
 * What was read from the connection (draft 2.1).  Names are role | session
 * ID, so the session ID is self_name + 1, name_len - 1 bytes long.
 */
struct tcpinc_auth_session {
	uint8_t		self_name[TCP_ENO_MAX_NAME];
	uint8_t		peer_name[TCP_ENO_MAX_NAME];
	size_t		name_len;
	int		role;
	int		peer_gopt;
};

/*
 * Flags for tcpinc_auth_mark_aware(): also set TCP_ENO_AA_MANDATORY,
 * TCP_ENO_TEP_MANDATORY or TCP_ENO_ENABLED to 1.
 */
#define	TCPINC_AUTH_MARK_AA_MANDATORY	0x01
#define	TCPINC_AUTH_MARK_TEP_MANDATORY	0x02
#define	TCPINC_AUTH_MARK_ENABLE		0x04

/* Before connect(2) or listen(2): set the application-aware bit. */
enum tcpinc_auth_error	tcpinc_auth_mark_aware(
	    const struct tcpinc_auth_transport *, unsigned int flags,
	    struct tcpinc_auth_detail *);

/*
 * After the connection is up: read and check the names and the peer's
 * gopt.  Fails with TCPINC_AUTH_E_PEER_NOT_AWARE if the peer did not set
 * the application-aware bit, so nothing gets sent.  Does not abort.
 */
enum tcpinc_auth_error	tcpinc_auth_session_read(
	    const struct tcpinc_auth_transport *,
	    struct tcpinc_auth_session *, struct tcpinc_auth_detail *);

/* A parsed message; name and auth point into the caller's buffer. */
struct tcpinc_auth_msg {
	int		kind;
	const uint8_t	*name;
	size_t		name_len;
	const uint8_t	*auth;
	size_t		auth_len;
};

/* Parse exactly one whole message of len bytes. */
enum tcpinc_auth_error	tcpinc_auth_msg_parse(const uint8_t *, size_t len,
	    struct tcpinc_auth_msg *);
/*
 * How many bytes the message starting at buf needs in all, from the first
 * have bytes: 0 if that is not known yet.  Fails on bad headers.
 */
enum tcpinc_auth_error	tcpinc_auth_msg_need(const uint8_t *, size_t have,
	    size_t *needp);

/* Cookie scheme, sans-I/O (draft 5.1). */
enum tcpinc_auth_error	tcpinc_auth_cookie_create(
	    const struct tcpinc_auth_session *, const uint8_t *cookie,
	    size_t cookie_len, uint8_t *msg, size_t cap, size_t *lenp);
enum tcpinc_auth_error	tcpinc_auth_cookie_consume(
	    const struct tcpinc_auth_session *, const uint8_t *cookie,
	    size_t cookie_len, const uint8_t *msg, size_t len);

/* Signature scheme (draft 5.2).  Either key may be NULL, not both. */
struct tcpinc_auth_sigconf {
	const uint8_t	*self_sk;	/* sign, or send "unsigned" */
	const uint8_t	*peer_pk;	/* require and verify, or not */
};
enum tcpinc_auth_error	tcpinc_auth_sig_create(
	    const struct tcpinc_auth_session *,
	    const struct tcpinc_auth_sigconf *, uint8_t *msg, size_t cap,
	    size_t *lenp);
/* *verifiedp: true only if a signature was checked against peer_pk. */
enum tcpinc_auth_error	tcpinc_auth_sig_consume(
	    const struct tcpinc_auth_session *,
	    const struct tcpinc_auth_sigconf *, const uint8_t *msg,
	    size_t len, bool *verifiedp);

/* Ed25519 keys for the signature scheme. */
enum tcpinc_auth_error	tcpinc_auth_ed25519_keygen(
	    uint8_t sk[TCPINC_AUTH_ED25519_SK_LEN],
	    uint8_t pk[TCPINC_AUTH_ED25519_PK_LEN]);
enum tcpinc_auth_error	tcpinc_auth_ed25519_public(
	    const uint8_t sk[TCPINC_AUTH_ED25519_SK_LEN],
	    uint8_t pk[TCPINC_AUTH_ED25519_PK_LEN]);

/*
 * Replay memory (optional, caller-owned, no allocation, no global state):
 * a ring of the session IDs of the last TCPINC_AUTH_REPLAY_SLOTS
 * connections this host authenticated.  A peer message whose name is not
 * the current session's is then classified: if it names a recorded
 * session, the bytes come from an earlier connection of ours and the
 * verdict is TCPINC_AUTH_E_REPLAY; otherwise it stays
 * TCPINC_AUTH_E_SESSION_MISMATCH, which is what a relay between two ENO
 * sessions (a man in the middle) produces.  Both are failures; the name in
 * a message is not authenticated, so the split is a diagnosis for logs and
 * alarms, never a reason to accept anything.  Share one memory between the
 * connections of a process (with your own lock if they run in threads).
 */
#define	TCPINC_AUTH_REPLAY_SLOTS	32
struct tcpinc_auth_replay {
	uint8_t		sessid[TCPINC_AUTH_REPLAY_SLOTS][TCP_ENO_MAX_SESSID];
	uint8_t		sessid_len[TCPINC_AUTH_REPLAY_SLOTS];	/* 0: free */
	unsigned int	next;		/* slot the next record overwrites */
};
/* An all-zero struct (static, or memset) is an empty memory too. */
void	tcpinc_auth_replay_init(struct tcpinc_auth_replay *);
/* Remember s's session ID (the _run and async calls do it on success). */
void	tcpinc_auth_replay_record(struct tcpinc_auth_replay *,
	    const struct tcpinc_auth_session *);
/*
 * For sans-I/O callers: given the error a _consume call returned for msg,
 * TCPINC_AUTH_E_REPLAY if it is TCPINC_AUTH_E_SESSION_MISMATCH and msg
 * names a recorded session, else the error unchanged.  rp may be NULL.
 * Every slot is compared, in constant time.
 */
enum tcpinc_auth_error	tcpinc_auth_replay_classify(
	    const struct tcpinc_auth_replay *, const uint8_t *msg, size_t len,
	    enum tcpinc_auth_error);

/* Outcome of a run.  peer_authenticated is false on every error. */
struct tcpinc_auth_result {
	struct tcpinc_auth_detail	detail;
	bool				peer_authenticated;
	bool				self_proved;
	struct tcpinc_auth_session	session;
};

/*
 * Read the session, check awareness, send ours, read and check the peer's.
 * On any error: TCP_CRYPT_CACHE_FLUSH (if the failure may be tampering)
 * and the transport's abort; result->peer_authenticated stays false.
 */
enum tcpinc_auth_error	tcpinc_auth_cookie_run(
	    const struct tcpinc_auth_transport *, const uint8_t *cookie,
	    size_t cookie_len, struct tcpinc_auth_result *);
enum tcpinc_auth_error	tcpinc_auth_sig_run(
	    const struct tcpinc_auth_transport *,
	    const struct tcpinc_auth_sigconf *, struct tcpinc_auth_result *);
/* The same with a replay memory (may be NULL: then as above). */
enum tcpinc_auth_error	tcpinc_auth_cookie_run_replay(
	    const struct tcpinc_auth_transport *, const uint8_t *cookie,
	    size_t cookie_len, struct tcpinc_auth_replay *,
	    struct tcpinc_auth_result *);
enum tcpinc_auth_error	tcpinc_auth_sig_run_replay(
	    const struct tcpinc_auth_transport *,
	    const struct tcpinc_auth_sigconf *, struct tcpinc_auth_replay *,
	    struct tcpinc_auth_result *);

/*
 * Event-driven form of the _run calls, for non-blocking sockets and the
 * simulator.  Transport semantics change slightly: getopt ENOTCONN, and
 * send or recv EAGAIN/EWOULDBLOCK, mean "not yet" (send must still be all
 * or nothing; the message is at most TCPINC_AUTH_MSG_MAX bytes); wait is
 * not used, so the caller bounds the time.  tcpinc_auth_async_step returns
 * TCPINC_AUTH_INPROGRESS until it returns TCPINC_AUTH_OK or an error
 * (after which the connection has been aborted), and then keeps returning
 * that.  The cookie or keys must stay valid until then.
 */
struct tcpinc_auth_async {
	int				state;
	bool				use_sig;
	const uint8_t			*cookie;
	size_t				cookie_len;
	struct tcpinc_auth_sigconf	sig;
	uint8_t				msg[TCPINC_AUTH_MSG_MAX];
	size_t				len;
	struct tcpinc_auth_result	result;
	struct tcpinc_auth_replay	*replay;	/* optional */
};
void	tcpinc_auth_async_cookie(struct tcpinc_auth_async *,
	    const uint8_t *cookie, size_t cookie_len);
void	tcpinc_auth_async_sig(struct tcpinc_auth_async *,
	    const struct tcpinc_auth_sigconf *);
/* After _async_cookie or _async_sig: use a replay memory (or NULL). */
void	tcpinc_auth_async_replay(struct tcpinc_auth_async *,
	    struct tcpinc_auth_replay *);
enum tcpinc_auth_error	tcpinc_auth_async_step(struct tcpinc_auth_async *,
	    const struct tcpinc_auth_transport *);

#endif /* !TCPINC_AUTH_H */
