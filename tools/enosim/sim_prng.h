/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: a seeded pseudo-random generator (xoshiro256**, seeded through
 * splitmix64).  Every random choice of a simulation run (loss, reordering,
 * segment sizes, application data, the engines' nonces and private keys)
 * comes from one of these, so a run is reproduced exactly by its --seed.
 * Not a cryptographic generator: it only has to be reproducible.
 */
#ifndef SIM_PRNG_H
#define SIM_PRNG_H

#include <stddef.h>
#include <stdint.h>

struct sim_prng {
	uint64_t	s[4];
};

void		sim_prng_seed(struct sim_prng *p, uint64_t seed,
		    uint64_t stream);
uint64_t	sim_prng_next(struct sim_prng *p);
/* Uniform in [0, n); n > 0. */
uint64_t	sim_prng_below(struct sim_prng *p, uint64_t n);
/* Uniform in [lo, hi]. */
uint64_t	sim_prng_range(struct sim_prng *p, uint64_t lo, uint64_t hi);
/* True with probability prob (0.0 .. 1.0). */
int		sim_prng_chance(struct sim_prng *p, double prob);
void		sim_prng_fill(struct sim_prng *p, uint8_t *buf, size_t len);

#endif /* SIM_PRNG_H */
