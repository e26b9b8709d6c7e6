/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * The crypto-core side of tcpcrypt-bench, through tcpcrypt_core.h only: the
 * same operations as bench_ossl.h, so the timing loop can run either.  The
 * library linked in is whichever build route the binary was made for
 * (BENCH_ROUTE: host, kernel soft backends, kernel SIMD custom target).
 */
#ifndef BENCH_CORE_H
#define BENCH_CORE_H

#include <stddef.h>
#include <stdint.h>

struct bench_core_aead;

const char *bench_core_route(void);
struct bench_core_aead *bench_core_aead_new(uint16_t aead_id,
	    const uint8_t *traffic_key, size_t len);
void	bench_core_aead_free(struct bench_core_aead *a);
/*
 * Same buffer layout as bench_ossl_seal (control | clen | flags | data |
 * tag), cap bytes available.  0 on success, -1 on failure.
 */
int	bench_core_seal(struct bench_core_aead *a, uint64_t offset,
	    uint8_t control, uint8_t flags, uint8_t *buf, size_t cap,
	    size_t data_len, size_t *frame_len);
int	bench_core_open(struct bench_core_aead *a, uint64_t offset,
	    uint8_t *buf, size_t frame_len);
/*
 * Key pair from sk, public key in wire form, agreement with peer (only the
 * public key when peer is NULL).
 */
int	bench_core_kx(uint8_t tep, const uint8_t *sk, size_t sk_len,
	    const uint8_t *peer, size_t peer_len, uint8_t *pub, size_t *pub_len,
	    uint8_t *es, size_t *es_len);

/* The agreement half alone, as bench_ossl_kx_agree. */
struct bench_core_kx;

struct bench_core_kx *bench_core_kx_new(uint8_t tep, const uint8_t *sk,
	    size_t sk_len);
int	bench_core_kx_agree(struct bench_core_kx *k, const uint8_t *peer,
	    size_t peer_len, uint8_t *es, size_t *es_len);
void	bench_core_kx_free(struct bench_core_kx *k);

#endif /* BENCH_CORE_H */
