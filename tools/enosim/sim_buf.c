/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: growable byte queue (see sim_buf.h).
 */
#include <stdlib.h>
#include <string.h>

#include "sim_buf.h"

void
sim_buf_init(struct sim_buf *b)
{

	memset(b, 0, sizeof(*b));
}

void
sim_buf_free(struct sim_buf *b)
{

	if (b->p != NULL) {
		explicit_bzero(b->p, b->cap);
		free(b->p);
	}
	sim_buf_init(b);
}

size_t
sim_buf_len(const struct sim_buf *b)
{

	return (b->end - b->start);
}

const uint8_t *
sim_buf_data(const struct sim_buf *b)
{

	static const uint8_t empty[1];

	/* An empty queue may have no storage yet. */
	return (b->p == NULL ? empty : b->p + b->start);
}

int
sim_buf_append(struct sim_buf *b, const uint8_t *data, size_t len)
{
	uint8_t *np;
	size_t ncap, used;

	if (len == 0)
		return (0);
	if (b->end + len > b->cap && b->start > 0 &&
	    b->start >= b->cap / 2) {
		/*
		 * Slide the live bytes to the front, once at least half the
		 * storage is consumed space, so each byte moves O(1) times.
		 */
		used = b->end - b->start;
		memmove(b->p, b->p + b->start, used);
		b->start = 0;
		b->end = used;
	}
	if (b->end + len > b->cap) {
		ncap = b->cap == 0 ? 4096 : b->cap;
		while (ncap < b->end + len)
			ncap *= 2;
		np = realloc(b->p, ncap);
		if (np == NULL)
			return (-1);
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->end, data, len);
	b->end += len;
	return (0);
}

void
sim_buf_consume(struct sim_buf *b, size_t len)
{

	if (len > b->end - b->start)
		len = b->end - b->start;
	b->start += len;
	if (b->start == b->end)
		b->start = b->end = 0;
}
