/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
 */

/*
 * Shared pieces of the tcpcrypt libFuzzer targets: a plain allocator, a
 * deterministic (test-only) random source seeded from the input, and a
 * connection already past negotiation.
 */

#ifndef FUZZ_TCPCRYPT_H
#define	FUZZ_TCPCRYPT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tcpcrypt_engine.h"

struct fz_rng {
	uint64_t	s;
};

static inline uint64_t
fz_next(struct fz_rng *r)
{
	uint64_t z;

	z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

static inline void
fz_random(void *arg, uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)fz_next(arg);
}

static void *
fz_alloc(void *arg, size_t size)
{

	(void)arg;
	return (calloc(1, size));
}

static void
fz_free(void *arg, void *p, size_t size)
{

	(void)arg;
	(void)size;
	free(p);
}

static const struct tcpcrypt_allocator fz_allocator = { fz_alloc, fz_free,
    NULL };

static const uint8_t fz_transcript[] = { 69, 3, 0x23, 69, 4, 0x01, 0x23 };

static inline struct tcpcrypt_conn *
fz_conn(struct fz_rng *rng, bool active, struct tcpcrypt_cache *cache,
    uint64_t rekey_frames)
{
	struct tcpcrypt_config cfg;
	struct tcpcrypt_conn *c;

	memset(&cfg, 0, sizeof(cfg));
	cfg.alloc = &fz_allocator;
	cfg.random = fz_random;
	cfg.random_arg = rng;
	cfg.active = active;
	cfg.cache = cache;
	cfg.rekey_frames = rekey_frames;
	memcpy(cfg.peer_id, "peer", 4);
	cfg.peer_id_len = 4;
	if (tcpcrypt_conn_create(&cfg, &c) != TCPCRYPT_R_NONE)
		abort();
	return (c);
}

static inline void
fz_negotiated(struct tcpcrypt_conn *c, uint8_t role, uint8_t tep_byte)
{
	struct tcpcrypt_negotiated neg;

	memset(&neg, 0, sizeof(neg));
	neg.role = role;
	neg.tep_byte = tep_byte;
	neg.transcript = fz_transcript;
	neg.transcript_len = sizeof(fz_transcript);
	if (tcpcrypt_handle_negotiated(c, &neg) != TCPCRYPT_R_NONE)
		abort();
}

/* A fatal reason must map to an error class the application can see. */
static inline void
fz_check_error(const struct tcpcrypt_conn *c)
{
	enum tcpcrypt_reason r;

	r = tcpcrypt_error(c);
	if (r == TCPCRYPT_R_NONE)
		return;
	if (!tcpcrypt_reason_fatal(r) ||
	    tcpcrypt_reason_errclass(r) == TCP_ENO_EC_NONE)
		abort();
}

#endif
