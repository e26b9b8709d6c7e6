/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * Cookie-based authentication of a TCP-ENO session ID
 * (draft-ietf-tcpinc-api section 5.1):
 *
 *   authenticator = HMAC-SHA-256(cookie, TCPINC_AUTH_COOKIE_PREFIX |
 *                                local-name)
 *
 * HMAC-SHA-256 is the PRF the draft names (RFC 6234).  The prefix is the
 * domain separation the draft asks for when the cookie may be used
 * elsewhere.  The peer's authenticator is recomputed over our own
 * TCP_ENO_PEER_NAME, never over the name the peer claims, and compared in
 * constant time; the recomputed value is wiped on every exit.
 */

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "tcpinc_auth_impl.h"

static enum tcpinc_auth_error
tcpinc_auth_cookie_check_args(const struct tcpinc_auth_session *s,
    const uint8_t *cookie, size_t cookie_len)
{

	if (s == NULL || cookie == NULL || cookie_len > TCPINC_AUTH_COOKIE_MAX)
		return (TCPINC_AUTH_E_ARGUMENT);
	if (cookie_len < TCPINC_AUTH_COOKIE_MIN)
		return (TCPINC_AUTH_E_COOKIE_SHORT);
	return (tcpinc_auth_session_check(s));
}

static enum tcpinc_auth_error
tcpinc_auth_cookie_mac(const uint8_t *cookie, size_t cookie_len,
    const uint8_t *name, size_t name_len, uint8_t mac[TCPINC_AUTH_HMAC_LEN])
{
	uint8_t tbs[TCPINC_AUTH_TBS_MAX];
	enum tcpinc_auth_error e;
	unsigned int mac_len;
	size_t tbs_len;

	e = tcpinc_auth_tbs(TCPINC_AUTH_COOKIE_PREFIX, name, name_len, tbs,
	    sizeof(tbs), &tbs_len);
	if (e != TCPINC_AUTH_OK)
		return (e);
	mac_len = 0;
	if (HMAC(EVP_sha256(), cookie, (int)cookie_len, tbs, tbs_len, mac,
	    &mac_len) == NULL || mac_len != TCPINC_AUTH_HMAC_LEN) {
		explicit_bzero(mac, TCPINC_AUTH_HMAC_LEN);
		return (TCPINC_AUTH_E_CRYPTO);
	}
	return (TCPINC_AUTH_OK);
}

enum tcpinc_auth_error
tcpinc_auth_cookie_create(const struct tcpinc_auth_session *s,
    const uint8_t *cookie, size_t cookie_len, uint8_t *msg, size_t cap,
    size_t *lenp)
{
	uint8_t mac[TCPINC_AUTH_HMAC_LEN];
	enum tcpinc_auth_error e;

	e = tcpinc_auth_cookie_check_args(s, cookie, cookie_len);
	if (e != TCPINC_AUTH_OK)
		return (e);
	/* Section 5: never put an authenticator where the peer expects data. */
	if ((s->peer_gopt & TCPINC_AUTH_GOPT_AA) == 0)
		return (TCPINC_AUTH_E_PEER_NOT_AWARE);
	e = tcpinc_auth_cookie_mac(cookie, cookie_len, s->self_name,
	    s->name_len, mac);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_msg_build(TCPINC_AUTH_KIND_HMAC, s, mac,
		    sizeof(mac), msg, cap, lenp);
	explicit_bzero(mac, sizeof(mac));
	return (e);
}

enum tcpinc_auth_error
tcpinc_auth_cookie_consume(const struct tcpinc_auth_session *s,
    const uint8_t *cookie, size_t cookie_len, const uint8_t *msg, size_t len)
{
	uint8_t expect[TCPINC_AUTH_HMAC_LEN];
	struct tcpinc_auth_msg m;
	enum tcpinc_auth_error e;

	e = tcpinc_auth_cookie_check_args(s, cookie, cookie_len);
	if (e != TCPINC_AUTH_OK)
		return (e);
	e = tcpinc_auth_msg_parse(msg, len, &m);
	if (e != TCPINC_AUTH_OK)
		return (e);
	if (m.kind != TCPINC_AUTH_KIND_HMAC)
		return (TCPINC_AUTH_E_SCHEME_MISMATCH);
	e = tcpinc_auth_msg_check_name(s, &m);
	if (e != TCPINC_AUTH_OK)
		return (e);
	e = tcpinc_auth_cookie_mac(cookie, cookie_len, s->peer_name,
	    s->name_len, expect);
	if (e == TCPINC_AUTH_OK &&
	    CRYPTO_memcmp(expect, m.auth, sizeof(expect)) != 0)
		e = TCPINC_AUTH_E_COOKIE_MISMATCH;
	explicit_bzero(expect, sizeof(expect));
	return (e);
}
