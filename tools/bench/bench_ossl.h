/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * The OpenSSL (libcrypto EVP) side of tcpcrypt-bench: the same tcpcrypt
 * work as crypto-core, done the way a userland implementation would do it
 * with EVP, so that the two can be compared in one run.
 *
 *   RFC 8548 3.6, 4.2  frame seal / open: AAD = control | clen, nonce =
 *                      (zeros | u64be offset) XOR NR, plaintext = flags |
 *                      data, 16-byte tag appended
 *   RFC 8548 5         key pair + key agreement, public keys in wire form
 */
#ifndef BENCH_OSSL_H
#define BENCH_OSSL_H

#include <stddef.h>
#include <stdint.h>

#define	BENCH_NR_LEN	12
#define	BENCH_TAG_LEN	16

struct bench_ossl_aead;

/* Key K | NR (RFC 8548 3.6, Figure 4); NULL on an unknown AEAD id. */
struct bench_ossl_aead *bench_ossl_aead_new(uint16_t aead_id,
	    const uint8_t *traffic_key, size_t len);
void	bench_ossl_aead_free(struct bench_ossl_aead *a);
/*
 * Seal in place: buf holds control | clen (2) | flags | data, with room for
 * the tag after the data.  Returns 0 and the frame length, -1 on failure.
 */
int	bench_ossl_seal(struct bench_ossl_aead *a, uint64_t offset,
	    uint8_t control, uint8_t flags, uint8_t *buf, size_t data_len,
	    size_t *frame_len);
/* Open one whole frame in place; 0 if the tag verifies, -1 otherwise. */
int	bench_ossl_open(struct bench_ossl_aead *a, uint64_t offset,
	    uint8_t *buf, size_t frame_len);

/*
 * One key agreement of a tcpcrypt TEP as a host does it: make a key pair,
 * encode its public key as on the wire, decode and validate the peer's wire
 * public key, derive ES.  sk is used for X25519 / X448 (raw private key);
 * the NIST curves generate a fresh key pair (EVP has no "public key from
 * this scalar" call).  Returns 0 and ES, -1 on failure.
 */
int	bench_ossl_kx(uint8_t tep, const uint8_t *sk, size_t sk_len,
	    const uint8_t *peer, size_t peer_len, uint8_t *pub, size_t *pub_len,
	    uint8_t *es, size_t *es_len);

/*
 * The agreement half alone: a key pair made once, then per call the peer's
 * wire key decoded and validated and ES derived.
 */
struct bench_ossl_kx;

struct bench_ossl_kx *bench_ossl_kx_new(uint8_t tep, const uint8_t *sk,
	    size_t sk_len);
int	bench_ossl_kx_agree(struct bench_ossl_kx *k, const uint8_t *peer,
	    size_t peer_len, uint8_t *es, size_t *es_len);
void	bench_ossl_kx_free(struct bench_ossl_kx *k);

#endif /* BENCH_OSSL_H */
