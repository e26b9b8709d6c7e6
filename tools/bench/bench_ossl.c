/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * The OpenSSL (libcrypto EVP) side of tcpcrypt-bench: tcpcrypt frames
 * (RFC 8548 3.6, 4.2) and key agreement (RFC 8548 5) with EVP, the
 * reference the crypto-core numbers are divided by.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "bench_ossl.h"

struct bench_ossl_aead {
	EVP_CIPHER_CTX	*enc;
	EVP_CIPHER_CTX	*dec;
	uint8_t		 nr[BENCH_NR_LEN];
};

static const EVP_CIPHER *
bench_ossl_cipher(uint16_t aead_id, size_t *key_len)
{
	switch (aead_id) {		/* RFC 8548 Table 3 and Table 5 */
	case 0x0001:
		*key_len = 16;
		return (EVP_aes_128_gcm());
	case 0x0002:
		*key_len = 32;
		return (EVP_aes_256_gcm());
	case 0x0010:
		*key_len = 32;
		return (EVP_chacha20_poly1305());
	default:
		return (NULL);
	}
}

struct bench_ossl_aead *
bench_ossl_aead_new(uint16_t aead_id, const uint8_t *tk, size_t len)
{
	struct bench_ossl_aead *a;
	const EVP_CIPHER *c;
	size_t key_len;

	if ((c = bench_ossl_cipher(aead_id, &key_len)) == NULL ||
	    len != key_len + BENCH_NR_LEN)
		return (NULL);
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return (NULL);
	memcpy(a->nr, tk + key_len, BENCH_NR_LEN);
	a->enc = EVP_CIPHER_CTX_new();
	a->dec = EVP_CIPHER_CTX_new();
	if (a->enc == NULL || a->dec == NULL ||
	    EVP_EncryptInit_ex(a->enc, c, NULL, tk, NULL) != 1 ||
	    EVP_DecryptInit_ex(a->dec, c, NULL, tk, NULL) != 1) {
		bench_ossl_aead_free(a);
		return (NULL);
	}
	return (a);
}

void
bench_ossl_aead_free(struct bench_ossl_aead *a)
{
	if (a == NULL)
		return;
	EVP_CIPHER_CTX_free(a->enc);
	EVP_CIPHER_CTX_free(a->dec);
	OPENSSL_cleanse(a->nr, sizeof(a->nr));
	free(a);
}

/* N = frame_ID XOR NR, frame_ID = 4 zero bytes | u64be offset (4.2.3). */
static void
bench_ossl_nonce(const struct bench_ossl_aead *a, uint64_t offset,
    uint8_t *n)
{
	int i;

	memcpy(n, a->nr, BENCH_NR_LEN);
	for (i = 0; i < 8; i++)
		n[BENCH_NR_LEN - 1 - i] ^= (uint8_t)(offset >> (8 * i));
}

int
bench_ossl_seal(struct bench_ossl_aead *a, uint64_t offset, uint8_t control,
    uint8_t flags, uint8_t *buf, size_t data_len, size_t *frame_len)
{
	uint8_t nonce[BENCH_NR_LEN];
	size_t plen, clen;
	int outl, finl;

	plen = 1 + data_len;
	clen = plen + BENCH_TAG_LEN;
	if (clen > 0xffff)
		return (-1);
	buf[0] = control;
	buf[1] = (uint8_t)(clen >> 8);
	buf[2] = (uint8_t)clen;
	buf[3] = flags;
	bench_ossl_nonce(a, offset, nonce);
	if (EVP_EncryptInit_ex(a->enc, NULL, NULL, NULL, nonce) != 1 ||
	    EVP_EncryptUpdate(a->enc, NULL, &outl, buf, 3) != 1 ||
	    EVP_EncryptUpdate(a->enc, buf + 3, &outl, buf + 3,
	    (int)plen) != 1 ||
	    EVP_EncryptFinal_ex(a->enc, buf + 3 + outl, &finl) != 1 ||
	    EVP_CIPHER_CTX_ctrl(a->enc, EVP_CTRL_AEAD_GET_TAG, BENCH_TAG_LEN,
	    buf + 3 + plen) != 1)
		return (-1);
	*frame_len = 3 + clen;
	return (0);
}

int
bench_ossl_open(struct bench_ossl_aead *a, uint64_t offset, uint8_t *buf,
    size_t frame_len)
{
	uint8_t nonce[BENCH_NR_LEN];
	size_t clen, plen;
	int outl, finl;

	if (frame_len < 3 + 1 + BENCH_TAG_LEN)
		return (-1);
	clen = (size_t)buf[1] << 8 | buf[2];
	if (clen != frame_len - 3)
		return (-1);
	plen = clen - BENCH_TAG_LEN;
	bench_ossl_nonce(a, offset, nonce);
	if (EVP_DecryptInit_ex(a->dec, NULL, NULL, NULL, nonce) != 1 ||
	    EVP_DecryptUpdate(a->dec, NULL, &outl, buf, 3) != 1 ||
	    EVP_DecryptUpdate(a->dec, buf + 3, &outl, buf + 3,
	    (int)plen) != 1 ||
	    EVP_CIPHER_CTX_ctrl(a->dec, EVP_CTRL_AEAD_SET_TAG, BENCH_TAG_LEN,
	    buf + 3 + plen) != 1 ||
	    EVP_DecryptFinal_ex(a->dec, buf + 3 + outl, &finl) != 1)
		return (-1);
	return (0);
}

/* RFC 8548 Table 4: TEP -> EVP key type and NIST group name. */
static int
bench_ossl_tep(uint8_t tep, int *type, const char **group)
{
	*group = NULL;
	switch (tep) {
	case 0x21:
		*type = EVP_PKEY_EC;
		*group = "P-256";
		return (0);
	case 0x22:
		*type = EVP_PKEY_EC;
		*group = "P-521";
		return (0);
	case 0x23:
		*type = EVP_PKEY_X25519;
		return (0);
	case 0x24:
		*type = EVP_PKEY_X448;
		return (0);
	default:
		return (-1);
	}
}

/*
 * Our key pair and its public key as on the wire: raw for X25519 / X448;
 * u16be(L) | compressed point for NIST curves, L counting the two length
 * bytes (RFC 8548 5).  EVP has no "public key from this scalar" for EC,
 * so the NIST curves generate a fresh key pair instead of using sk.
 */
static EVP_PKEY *
bench_ossl_self(uint8_t tep, const uint8_t *sk, size_t sk_len, uint8_t *pub,
    size_t *pub_len)
{
	const char *group;
	EVP_PKEY *k;
	size_t n;
	int type;

	if (bench_ossl_tep(tep, &type, &group) != 0)
		return (NULL);
	if (group == NULL) {
		k = EVP_PKEY_new_raw_private_key(type, NULL, sk, sk_len);
		if (k != NULL && EVP_PKEY_get_raw_public_key(k, pub,
		    pub_len) != 1) {
			EVP_PKEY_free(k);
			k = NULL;
		}
		return (k);
	}
	k = EVP_EC_gen(group);
	if (k == NULL || EVP_PKEY_set_utf8_string_param(k,
	    OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT, "compressed") != 1 ||
	    EVP_PKEY_get_octet_string_param(k,
	    OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, pub + 2, *pub_len - 2,
	    &n) != 1) {
		EVP_PKEY_free(k);
		return (NULL);
	}
	pub[0] = (uint8_t)((n + 2) >> 8);
	pub[1] = (uint8_t)(n + 2);
	*pub_len = n + 2;
	return (k);
}

/* The peer's wire public key, decoded and validated. */
static EVP_PKEY *
bench_ossl_peer(uint8_t tep, const uint8_t *peer, size_t peer_len)
{
	OSSL_PARAM params[3];
	EVP_PKEY_CTX *fctx;
	EVP_PKEY *k = NULL;
	const char *group;
	int type;

	if (bench_ossl_tep(tep, &type, &group) != 0)
		return (NULL);
	if (group == NULL)
		return (EVP_PKEY_new_raw_public_key(type, NULL, peer, peer_len));
	if (peer_len < 3 || ((size_t)peer[0] << 8 | peer[1]) != peer_len ||
	    (peer[2] != 2 && peer[2] != 3))
		return (NULL);
	/* Decoding a compressed point recovers y, so it is on the curve. */
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
	    (char *)group, 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
	    (void *)(peer + 2), peer_len - 2);
	params[2] = OSSL_PARAM_construct_end();
	fctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (fctx == NULL || EVP_PKEY_fromdata_init(fctx) != 1 ||
	    EVP_PKEY_fromdata(fctx, &k, EVP_PKEY_PUBLIC_KEY, params) != 1)
		k = NULL;
	EVP_PKEY_CTX_free(fctx);
	return (k);
}

/*
 * ES.  No second validation in set_peer: decoding already did what IEEE
 * 1363 A.16.10 asks of a prime-order curve, and X25519 / X448 derive fails
 * by itself on an all-zero result.
 */
static int
bench_ossl_derive(EVP_PKEY *self, EVP_PKEY *other, uint8_t *es,
    size_t *es_len)
{
	EVP_PKEY_CTX *dctx;
	int rc = -1;

	if ((dctx = EVP_PKEY_CTX_new(self, NULL)) != NULL &&
	    EVP_PKEY_derive_init(dctx) == 1 &&
	    EVP_PKEY_derive_set_peer_ex(dctx, other, 0) == 1 &&
	    EVP_PKEY_derive(dctx, es, es_len) == 1)
		rc = 0;
	EVP_PKEY_CTX_free(dctx);
	return (rc);
}

int
bench_ossl_kx(uint8_t tep, const uint8_t *sk, size_t sk_len,
    const uint8_t *peer, size_t peer_len, uint8_t *pub, size_t *pub_len,
    uint8_t *es, size_t *es_len)
{
	EVP_PKEY *self, *other = NULL;
	int rc = -1;

	self = bench_ossl_self(tep, sk, sk_len, pub, pub_len);
	if (self != NULL &&
	    (other = bench_ossl_peer(tep, peer, peer_len)) != NULL)
		rc = bench_ossl_derive(self, other, es, es_len);
	EVP_PKEY_free(self);
	EVP_PKEY_free(other);
	return (rc);
}

struct bench_ossl_kx {
	uint8_t		 tep;
	EVP_PKEY	*self;
};

struct bench_ossl_kx *
bench_ossl_kx_new(uint8_t tep, const uint8_t *sk, size_t sk_len)
{
	struct bench_ossl_kx *k;
	uint8_t pub[160];
	size_t pub_len = sizeof(pub);

	if ((k = calloc(1, sizeof(*k))) == NULL)
		return (NULL);
	k->tep = tep;
	if ((k->self = bench_ossl_self(tep, sk, sk_len, pub,
	    &pub_len)) == NULL) {
		free(k);
		return (NULL);
	}
	return (k);
}

int
bench_ossl_kx_agree(struct bench_ossl_kx *k, const uint8_t *peer,
    size_t peer_len, uint8_t *es, size_t *es_len)
{
	EVP_PKEY *other;
	int rc;

	if ((other = bench_ossl_peer(k->tep, peer, peer_len)) == NULL)
		return (-1);
	rc = bench_ossl_derive(k->self, other, es, es_len);
	EVP_PKEY_free(other);
	return (rc);
}

void
bench_ossl_kx_free(struct bench_ossl_kx *k)
{
	if (k == NULL)
		return;
	EVP_PKEY_free(k->self);
	free(k);
}
