/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * Signature-based authentication of a TCP-ENO session ID
 * (draft-ietf-tcpinc-api section 5.2):
 *
 *   authenticator = Ed25519-Sign(sk, TCPINC_AUTH_SIG_PREFIX | local-name)
 *
 * Ed25519 (RFC 8032) through libcrypto's EVP_PKEY_ED25519.  A side without
 * a private key sends an "unsigned" message so that the exchange has the
 * same shape either way ("one or both endpoints").  A side with the peer's
 * public key requires a signature and verifies it over its own
 * TCP_ENO_PEER_NAME, never over the name the peer claims.
 */

#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "tcpinc_auth_impl.h"

static enum tcpinc_auth_error
tcpinc_auth_ed25519_sign(const uint8_t *sk, const uint8_t *tbs,
    size_t tbs_len, uint8_t sig[TCPINC_AUTH_ED25519_SIG_LEN])
{
	EVP_PKEY *pkey;
	EVP_MD_CTX *md;
	enum tcpinc_auth_error e;
	size_t sig_len;

	pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, sk,
	    TCPINC_AUTH_ED25519_SK_LEN);
	if (pkey == NULL)
		return (TCPINC_AUTH_E_KEY_INVALID);
	e = TCPINC_AUTH_E_CRYPTO;
	md = EVP_MD_CTX_new();
	if (md == NULL)
		goto out_pkey;
	sig_len = TCPINC_AUTH_ED25519_SIG_LEN;
	if (EVP_DigestSignInit(md, NULL, NULL, NULL, pkey) == 1 &&
	    EVP_DigestSign(md, sig, &sig_len, tbs, tbs_len) == 1 &&
	    sig_len == TCPINC_AUTH_ED25519_SIG_LEN)
		e = TCPINC_AUTH_OK;
	EVP_MD_CTX_free(md);
out_pkey:
	/* EVP_PKEY_free wipes the key material it copied. */
	EVP_PKEY_free(pkey);
	return (e);
}

static enum tcpinc_auth_error
tcpinc_auth_ed25519_verify(const uint8_t *pk, const uint8_t *tbs,
    size_t tbs_len, const uint8_t *sig, size_t sig_len)
{
	EVP_PKEY *pkey;
	EVP_MD_CTX *md;
	enum tcpinc_auth_error e;

	pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pk,
	    TCPINC_AUTH_ED25519_PK_LEN);
	if (pkey == NULL)
		return (TCPINC_AUTH_E_PEER_KEY_INVALID);
	md = EVP_MD_CTX_new();
	if (md == NULL) {
		EVP_PKEY_free(pkey);
		return (TCPINC_AUTH_E_CRYPTO);
	}
	e = TCPINC_AUTH_E_CRYPTO;
	if (EVP_DigestVerifyInit(md, NULL, NULL, NULL, pkey) == 1) {
		/* 1: valid; 0 or <0: bad signature or undecodable key. */
		if (EVP_DigestVerify(md, sig, sig_len, tbs, tbs_len) == 1)
			e = TCPINC_AUTH_OK;
		else
			e = TCPINC_AUTH_E_SIGNATURE_INVALID;
	}
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pkey);
	return (e);
}

enum tcpinc_auth_error
tcpinc_auth_ed25519_public(const uint8_t sk[TCPINC_AUTH_ED25519_SK_LEN],
    uint8_t pk[TCPINC_AUTH_ED25519_PK_LEN])
{
	EVP_PKEY *pkey;
	size_t len;
	int ok;

	if (sk == NULL || pk == NULL)
		return (TCPINC_AUTH_E_ARGUMENT);
	pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, sk,
	    TCPINC_AUTH_ED25519_SK_LEN);
	if (pkey == NULL)
		return (TCPINC_AUTH_E_KEY_INVALID);
	len = TCPINC_AUTH_ED25519_PK_LEN;
	ok = EVP_PKEY_get_raw_public_key(pkey, pk, &len);
	EVP_PKEY_free(pkey);
	if (ok != 1 || len != TCPINC_AUTH_ED25519_PK_LEN)
		return (TCPINC_AUTH_E_CRYPTO);
	return (TCPINC_AUTH_OK);
}

enum tcpinc_auth_error
tcpinc_auth_ed25519_keygen(uint8_t sk[TCPINC_AUTH_ED25519_SK_LEN],
    uint8_t pk[TCPINC_AUTH_ED25519_PK_LEN])
{
	enum tcpinc_auth_error e;

	if (sk == NULL || pk == NULL)
		return (TCPINC_AUTH_E_ARGUMENT);
	if (RAND_bytes(sk, TCPINC_AUTH_ED25519_SK_LEN) != 1)
		return (TCPINC_AUTH_E_CRYPTO);
	e = tcpinc_auth_ed25519_public(sk, pk);
	if (e != TCPINC_AUTH_OK)
		explicit_bzero(sk, TCPINC_AUTH_ED25519_SK_LEN);
	return (e);
}

static enum tcpinc_auth_error
tcpinc_auth_sig_check_args(const struct tcpinc_auth_session *s,
    const struct tcpinc_auth_sigconf *c)
{

	if (s == NULL || c == NULL || (c->self_sk == NULL &&
	    c->peer_pk == NULL))
		return (TCPINC_AUTH_E_ARGUMENT);
	return (tcpinc_auth_session_check(s));
}

enum tcpinc_auth_error
tcpinc_auth_sig_create(const struct tcpinc_auth_session *s,
    const struct tcpinc_auth_sigconf *c, uint8_t *msg, size_t cap,
    size_t *lenp)
{
	uint8_t sig[TCPINC_AUTH_ED25519_SIG_LEN];
	uint8_t tbs[TCPINC_AUTH_TBS_MAX];
	enum tcpinc_auth_error e;
	size_t tbs_len;

	e = tcpinc_auth_sig_check_args(s, c);
	if (e != TCPINC_AUTH_OK)
		return (e);
	/* Section 5: never put an authenticator where the peer expects data. */
	if ((s->peer_gopt & TCPINC_AUTH_GOPT_AA) == 0)
		return (TCPINC_AUTH_E_PEER_NOT_AWARE);
	if (c->self_sk == NULL)
		return (tcpinc_auth_msg_build(TCPINC_AUTH_KIND_UNSIGNED, s,
		    NULL, 0, msg, cap, lenp));
	e = tcpinc_auth_tbs(TCPINC_AUTH_SIG_PREFIX, s->self_name, s->name_len,
	    tbs, sizeof(tbs), &tbs_len);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_ed25519_sign(c->self_sk, tbs, tbs_len, sig);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_msg_build(TCPINC_AUTH_KIND_ED25519, s, sig,
		    sizeof(sig), msg, cap, lenp);
	return (e);
}

enum tcpinc_auth_error
tcpinc_auth_sig_consume(const struct tcpinc_auth_session *s,
    const struct tcpinc_auth_sigconf *c, const uint8_t *msg, size_t len,
    bool *verifiedp)
{
	uint8_t tbs[TCPINC_AUTH_TBS_MAX];
	struct tcpinc_auth_msg m;
	enum tcpinc_auth_error e;
	size_t tbs_len;

	if (verifiedp == NULL)
		return (TCPINC_AUTH_E_ARGUMENT);
	*verifiedp = false;
	e = tcpinc_auth_sig_check_args(s, c);
	if (e != TCPINC_AUTH_OK)
		return (e);
	e = tcpinc_auth_msg_parse(msg, len, &m);
	if (e != TCPINC_AUTH_OK)
		return (e);
	if (m.kind == TCPINC_AUTH_KIND_HMAC)
		return (TCPINC_AUTH_E_SCHEME_MISMATCH);
	e = tcpinc_auth_msg_check_name(s, &m);
	if (e != TCPINC_AUTH_OK)
		return (e);
	/* We do not verify this peer: its signature, if any, proves nothing. */
	if (c->peer_pk == NULL)
		return (TCPINC_AUTH_OK);
	if (m.kind != TCPINC_AUTH_KIND_ED25519)
		return (TCPINC_AUTH_E_PEER_UNSIGNED);
	e = tcpinc_auth_tbs(TCPINC_AUTH_SIG_PREFIX, s->peer_name, s->name_len,
	    tbs, sizeof(tbs), &tbs_len);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_ed25519_verify(c->peer_pk, tbs, tbs_len, m.auth,
		    m.auth_len);
	*verifiedp = (e == TCPINC_AUTH_OK);
	return (e);
}
