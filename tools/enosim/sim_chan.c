/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: channel (see sim_chan.h).  Packets in flight sit in a binary
 * min-heap ordered by arrival time, then by sending order, so that equal
 * arrival times keep the order packets were sent in.  With tiny segments
 * a window holds thousands of packets, hence the heap.
 */
#include <stdlib.h>
#include <string.h>

#include "sim_chan.h"

#define	CHAN_LATENCY_US		5000	/* one way */
#define	CHAN_NS_PER_BYTE	8	/* 1 Gbit/s */
#define	CHAN_REORDER_MAX_US	8000	/* extra delay of a reordered packet */

struct sim_chan_pkt {
	uint64_t		 at;		/* arrival, usec */
	uint64_t		 order;
	int			 to;
	size_t			 len;
	uint8_t			 data[];
};

void
sim_chan_init(struct sim_chan *c, double loss, double reorder, uint64_t seed)
{

	memset(c, 0, sizeof(*c));
	c->loss = loss;
	c->reorder = reorder;
	c->latency_us = CHAN_LATENCY_US;
	c->ns_per_byte = CHAN_NS_PER_BYTE;
	sim_prng_seed(&c->prng, seed, 1);
}

void
sim_chan_flush(struct sim_chan *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->heap[i]);
	c->n = 0;
}

void
sim_chan_free(struct sim_chan *c)
{

	sim_chan_flush(c);
	free(c->heap);
	c->heap = NULL;
	c->cap = 0;
}

static int
pkt_before(const struct sim_chan_pkt *a, const struct sim_chan_pkt *b)
{

	return (a->at < b->at || (a->at == b->at && a->order < b->order));
}

static int
chan_insert(struct sim_chan *c, struct sim_chan_pkt *p)
{
	struct sim_chan_pkt **nh, *t;
	size_t i, up, ncap;

	if (c->n == c->cap) {
		ncap = c->cap == 0 ? 256 : c->cap * 2;
		nh = realloc(c->heap, ncap * sizeof(*nh));
		if (nh == NULL)
			return (-1);
		c->heap = nh;
		c->cap = ncap;
	}
	i = c->n++;
	c->heap[i] = p;
	while (i > 0) {
		up = (i - 1) / 2;
		if (!pkt_before(c->heap[i], c->heap[up]))
			break;
		t = c->heap[up];
		c->heap[up] = c->heap[i];
		c->heap[i] = t;
		i = up;
	}
	return (0);
}

static struct sim_chan_pkt *
chan_pop(struct sim_chan *c)
{
	struct sim_chan_pkt *top = c->heap[0], *t;
	size_t i = 0, l, m;

	c->heap[0] = c->heap[--c->n];
	for (;;) {
		l = 2 * i + 1;
		m = i;
		if (l < c->n && pkt_before(c->heap[l], c->heap[m]))
			m = l;
		if (l + 1 < c->n && pkt_before(c->heap[l + 1], c->heap[m]))
			m = l + 1;
		if (m == i)
			break;
		t = c->heap[m];
		c->heap[m] = c->heap[i];
		c->heap[i] = t;
		i = m;
	}
	return (top);
}

int
sim_chan_send(struct sim_chan *c, uint64_t now, int from, const uint8_t *pkt,
    size_t len)
{
	struct sim_chan_pkt *p;
	uint64_t start_ns, done_ns;

	if (c->tap != NULL)
		c->tap(c->tap_ctx, now, from, pkt, len);
	c->sent_pkts++;
	c->sent_bytes += len;
	/* The link serialises each host's packets, lost ones included. */
	start_ns = now * 1000;
	if (c->link_free_ns[from] > start_ns)
		start_ns = c->link_free_ns[from];
	done_ns = start_ns + len * c->ns_per_byte;
	c->link_free_ns[from] = done_ns;
	if (sim_prng_chance(&c->prng, c->loss)) {
		c->lost_pkts++;
		return (0);
	}
	p = malloc(sizeof(*p) + len);
	if (p == NULL)
		return (-1);
	memcpy(p->data, pkt, len);
	p->len = len;
	p->to = 1 - from;
	p->order = c->order++;
	p->at = (done_ns + 999) / 1000 + c->latency_us;
	if (sim_prng_chance(&c->prng, c->reorder)) {
		c->reordered_pkts++;
		p->at += sim_prng_range(&c->prng, 1, CHAN_REORDER_MAX_US);
	}
	if (chan_insert(c, p) != 0) {
		free(p);
		return (-1);
	}
	return (0);
}

uint64_t
sim_chan_next(const struct sim_chan *c)
{

	return (c->n == 0 ? SIM_NO_TIME : c->heap[0]->at);
}

size_t
sim_chan_recv(struct sim_chan *c, uint64_t now, int *to, uint8_t **pkt)
{
	struct sim_chan_pkt *p;
	size_t len;

	if (c->n == 0 || c->heap[0]->at > now)
		return (0);
	p = chan_pop(c);
	len = p->len;
	*to = p->to;
	/* Hand the caller a plain buffer it can free. */
	*pkt = malloc(len);
	if (*pkt != NULL)
		memcpy(*pkt, p->data, len);
	free(p);
	return (*pkt == NULL ? 0 : len);
}
