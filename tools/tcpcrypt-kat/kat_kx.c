/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * tcpcrypt-kat, key agreement (RFC 8548 5): both key pairs from their
 * private scalars, public keys exactly as on the wire, ES computed by A from
 * Pub_B and by B from Pub_A; and the refusal of invalid peer keys (IEEE
 * 1363 A.16.10 for P-256 / P-521, all-zero X25519 / X448 result, wrong
 * length) with INVALID_PUBLIC_KEY.
 */
#include <stdio.h>
#include <string.h>

#include "kat.h"

/* Make one side's key pair; its public key must be the expected one. */
static int
kat_side(struct kat_case *c, struct tcpcrypt_core_kx *kx, const char *sk_key,
    const char *pub_key)
{
	uint8_t sk[TCPCRYPT_CORE_PRIVKEY_MAX], pub[TCPCRYPT_CORE_PUBKEY_MAX];
	size_t sk_len, pub_len;
	int rc = -1;

	if (kat_hex(c, c->v, sk_key, sk, sizeof(sk), &sk_len) != 0)
		goto out;
	if (kat_call(c, "kx_init", tcpcrypt_core_kx_init(kx, c->tep, sk,
	    sk_len)) != 0 ||
	    kat_call(c, "kx_public", tcpcrypt_core_kx_public(kx, pub,
	    sizeof(pub), &pub_len)) != 0)
		goto out;
	rc = kat_expect(c, pub_key, pub, pub_len,
	    tj_get(tj_get(c->v, "expect"), pub_key));
out:
	explicit_bzero(sk, sizeof(sk));
	return (rc);
}

/* ES from one side, given the other side's public key as on the wire. */
static int
kat_es(struct kat_case *c, struct tcpcrypt_core_kx *kx, const char *peer_key,
    uint8_t *es, size_t cap, size_t *es_len)
{
	uint8_t peer[TCPCRYPT_CORE_PUBKEY_MAX];
	size_t peer_len;
	char what[32];

	if (kat_hex(c, tj_get(c->v, "expect"), peer_key, peer, sizeof(peer),
	    &peer_len) != 0)
		return (-1);
	snprintf(what, sizeof(what), "kx_agree with %s", peer_key);
	if (kat_call(c, what, tcpcrypt_core_kx_agree(kx, peer, peer_len, es,
	    cap, es_len)) != 0)
		return (-1);
	snprintf(what, sizeof(what), "es from %s", peer_key);
	return (kat_expect(c, what, es, *es_len,
	    tj_get(tj_get(c->v, "expect"), "es")));
}

int
kat_check_kx(struct kat_case *c, uint8_t *es, size_t cap, size_t *es_len)
{
	struct tcpcrypt_core_kx a, b;
	uint8_t es_b[TCPCRYPT_CORE_ES_MAX];
	size_t es_b_len;
	int rc = -1;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (kat_side(c, &a, "sk_a", "pub_a") != 0 ||
	    kat_side(c, &b, "sk_b", "pub_b") != 0)
		goto out;
	if (kat_es(c, &a, "pub_b", es, cap, es_len) != 0 ||
	    kat_es(c, &b, "pub_a", es_b, sizeof(es_b), &es_b_len) != 0)
		goto out;
	rc = 0;
out:
	tcpcrypt_core_kx_reset(&a);
	tcpcrypt_core_kx_reset(&b);
	explicit_bzero(es_b, sizeof(es_b));
	return (rc);
}

/*
 * A's agreement with pub_b_override must fail with exactly the expected
 * status, and must write no ES length that claims success.
 */
int
kat_check_invalid_key(struct kat_case *c)
{
	struct tcpcrypt_core_kx a;
	uint8_t sk[TCPCRYPT_CORE_PRIVKEY_MAX], peer[KAT_HEX_MAX];
	uint8_t es[TCPCRYPT_CORE_ES_MAX];
	size_t sk_len, peer_len, es_len = 0;
	enum tcpcrypt_core_status st;
	const char *want;
	int rc = -1;

	memset(&a, 0, sizeof(a));
	if (tj_str(tj_get(tj_get(c->v, "expect"), "error"), &want) != 0) {
		kat_fail(c, "expect.error missing");
		goto out;
	}
	if (kat_hex(c, c->v, "sk_a", sk, sizeof(sk), &sk_len) != 0 ||
	    kat_hex(c, c->v, "pub_b_override", peer, sizeof(peer),
	    &peer_len) != 0 ||
	    kat_call(c, "kx_init", tcpcrypt_core_kx_init(&a, c->tep, sk,
	    sk_len)) != 0)
		goto out;
	st = tcpcrypt_core_kx_agree(&a, peer, peer_len, es, sizeof(es),
	    &es_len);
	if (strcmp(kat_status_name(st), want) != 0) {
		kat_fail(c, "kx_agree with pub_b_override: got %s, want %s",
		    kat_status_name(st), want);
		goto out;
	}
	rc = 0;
out:
	tcpcrypt_core_kx_reset(&a);
	explicit_bzero(sk, sizeof(sk));
	explicit_bzero(es, sizeof(es));
	return (rc);
}
