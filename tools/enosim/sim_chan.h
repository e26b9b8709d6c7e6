/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: the channel between the two hosts.  Packets (encoded IPv4) are
 * given a virtual arrival time: a fixed one-way latency, a serialisation
 * delay per byte, an extra random delay for a --reorder fraction (so they
 * overtake or are overtaken), and a --loss fraction never arrives.  A
 * middlebox (sim_mbox.h) may alter each packet before it is captured.
 */
#ifndef SIM_CHAN_H
#define SIM_CHAN_H

#include <stddef.h>
#include <stdint.h>

#include "sim_prng.h"

#define	SIM_NO_TIME	UINT64_MAX

struct sim_chan_pkt;

/* Called for every packet as it enters the wire (after the middlebox). */
typedef void sim_chan_tap_fn(void *ctx, uint64_t now, int from,
    const uint8_t *pkt, size_t len);

struct sim_chan {
	double			 loss;
	double			 reorder;
	uint64_t		 latency_us;
	uint64_t		 ns_per_byte;
	uint64_t		 link_free_ns[2];	/* per sending host */
	uint64_t		 order;			/* ties in arrival */
	struct sim_prng		 prng;
	struct sim_chan_pkt	**heap;			/* by arrival time */
	size_t			 n, cap;
	sim_chan_tap_fn		*tap;
	void			*tap_ctx;
	uint64_t		 sent_pkts;
	uint64_t		 sent_bytes;
	uint64_t		 lost_pkts;
	uint64_t		 reordered_pkts;
};

void	sim_chan_init(struct sim_chan *c, double loss, double reorder,
	    uint64_t seed);
void	sim_chan_free(struct sim_chan *c);
/*
 * Put a packet from host `from` (0 or 1) on the wire at time now (usec).
 * The channel copies it.  Returns 0, or -1 if out of memory.
 */
int	sim_chan_send(struct sim_chan *c, uint64_t now, int from,
	    const uint8_t *pkt, size_t len);
/* Earliest arrival time, SIM_NO_TIME when nothing is in flight. */
uint64_t sim_chan_next(const struct sim_chan *c);
/*
 * Take the earliest packet if it has arrived by now: returns its length
 * and sets *to and *pkt (caller frees), or 0 when none is due.
 */
size_t	sim_chan_recv(struct sim_chan *c, uint64_t now, int *to,
	    uint8_t **pkt);
/* Drop everything in flight (between connections). */
void	sim_chan_flush(struct sim_chan *c);

#endif /* SIM_CHAN_H */
