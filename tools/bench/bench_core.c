/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * The crypto-core side of tcpcrypt-bench (see bench_core.h), through
 * tcpcrypt_core.h only: frames (RFC 8548 3.6, 4.2) and key agreement
 * (RFC 8548 5) exactly as the tcpcrypt engine calls them.
 */
#include <stdlib.h>
#include <string.h>

#include "bench_core.h"
#include "tcpcrypt_core.h"

#ifndef BENCH_ROUTE
#define	BENCH_ROUTE	"unknown route"
#endif

struct bench_core_aead {
	struct tcpcrypt_core_aead	st;
};

const char *
bench_core_route(void)
{
	return (BENCH_ROUTE);
}

struct bench_core_aead *
bench_core_aead_new(uint16_t aead_id, const uint8_t *tk, size_t len)
{
	struct bench_core_aead *a;

	a = aligned_alloc(TCPCRYPT_CORE_AEAD_ALIGN, sizeof(*a));
	if (a == NULL)
		return (NULL);
	memset(a, 0, sizeof(*a));
	if (tcpcrypt_core_aead_init_key(&a->st, aead_id, tk, len) !=
	    TCPCRYPT_CORE_STATUS_OK) {
		free(a);
		return (NULL);
	}
	return (a);
}

void
bench_core_aead_free(struct bench_core_aead *a)
{
	if (a == NULL)
		return;
	tcpcrypt_core_aead_reset(&a->st);
	free(a);
}

int
bench_core_seal(struct bench_core_aead *a, uint64_t offset, uint8_t control,
    uint8_t flags, uint8_t *buf, size_t cap, size_t data_len,
    size_t *frame_len)
{
	return (tcpcrypt_core_frame_seal(&a->st, offset, control, flags, 0, buf,
	    cap, data_len, frame_len) == TCPCRYPT_CORE_STATUS_OK ? 0 : -1);
}

int
bench_core_open(struct bench_core_aead *a, uint64_t offset, uint8_t *buf,
    size_t frame_len)
{
	size_t off, len;
	uint16_t urgent;
	uint8_t control, flags;

	return (tcpcrypt_core_frame_open(&a->st, offset, buf, frame_len,
	    &control, &flags, &urgent, &off, &len) == TCPCRYPT_CORE_STATUS_OK ?
	    0 : -1);
}

int
bench_core_kx(uint8_t tep, const uint8_t *sk, size_t sk_len,
    const uint8_t *peer, size_t peer_len, uint8_t *pub, size_t *pub_len,
    uint8_t *es, size_t *es_len)
{
	struct tcpcrypt_core_kx kx;
	int rc = -1;

	if (tcpcrypt_core_kx_init(&kx, tep, sk, sk_len) !=
	    TCPCRYPT_CORE_STATUS_OK)
		return (-1);
	if (tcpcrypt_core_kx_public(&kx, pub, *pub_len, pub_len) !=
	    TCPCRYPT_CORE_STATUS_OK)
		goto out;
	if (peer != NULL && tcpcrypt_core_kx_agree(&kx, peer, peer_len, es,
	    *es_len, es_len) != TCPCRYPT_CORE_STATUS_OK)
		goto out;
	rc = 0;
out:
	tcpcrypt_core_kx_reset(&kx);
	return (rc);
}

struct bench_core_kx {
	struct tcpcrypt_core_kx	st;
};

struct bench_core_kx *
bench_core_kx_new(uint8_t tep, const uint8_t *sk, size_t sk_len)
{
	struct bench_core_kx *k;

	k = aligned_alloc(TCPCRYPT_CORE_KX_ALIGN, sizeof(*k));
	if (k == NULL)
		return (NULL);
	memset(k, 0, sizeof(*k));
	if (tcpcrypt_core_kx_init(&k->st, tep, sk, sk_len) !=
	    TCPCRYPT_CORE_STATUS_OK) {
		free(k);
		return (NULL);
	}
	return (k);
}

int
bench_core_kx_agree(struct bench_core_kx *k, const uint8_t *peer,
    size_t peer_len, uint8_t *es, size_t *es_len)
{
	return (tcpcrypt_core_kx_agree(&k->st, peer, peer_len, es, *es_len,
	    es_len) == TCPCRYPT_CORE_STATUS_OK ? 0 : -1);
}

void
bench_core_kx_free(struct bench_core_kx *k)
{
	if (k == NULL)
		return;
	tcpcrypt_core_kx_reset(&k->st);
	free(k);
}
