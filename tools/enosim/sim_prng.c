/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: xoshiro256** seeded by splitmix64 (see sim_prng.h).  The stream
 * number separates independent generators drawn from one --seed, so that
 * adding a random choice in one place does not shift every other one.
 */
#include <string.h>

#include "sim_prng.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z;

	z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

static uint64_t
rotl(uint64_t x, int k)
{

	return ((x << k) | (x >> (64 - k)));
}

void
sim_prng_seed(struct sim_prng *p, uint64_t seed, uint64_t stream)
{
	uint64_t x;
	int i;

	x = seed ^ (stream * 0xd1342543de82ef95ULL);
	for (i = 0; i < 4; i++)
		p->s[i] = splitmix64(&x);
}

uint64_t
sim_prng_next(struct sim_prng *p)
{
	uint64_t *s = p->s;
	uint64_t r, t;

	r = rotl(s[1] * 5, 7) * 9;
	t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return (r);
}

uint64_t
sim_prng_below(struct sim_prng *p, uint64_t n)
{
	uint64_t lim, r;

	/* Rejection keeps the result uniform for any n. */
	lim = UINT64_MAX - UINT64_MAX % n;
	do {
		r = sim_prng_next(p);
	} while (r >= lim);
	return (r % n);
}

uint64_t
sim_prng_range(struct sim_prng *p, uint64_t lo, uint64_t hi)
{

	if (hi <= lo)
		return (lo);
	return (lo + sim_prng_below(p, hi - lo + 1));
}

int
sim_prng_chance(struct sim_prng *p, double prob)
{

	if (prob <= 0.0)
		return (0);
	return ((double)(sim_prng_next(p) >> 11) / 9007199254740992.0 < prob);
}

void
sim_prng_fill(struct sim_prng *p, uint8_t *buf, size_t len)
{
	uint64_t r;
	size_t n;

	while (len > 0) {
		r = sim_prng_next(p);
		n = len < sizeof(r) ? len : sizeof(r);
		memcpy(buf, &r, n);
		buf += n;
		len -= n;
	}
}
