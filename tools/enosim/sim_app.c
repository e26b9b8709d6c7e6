/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: application streams and the plaintext scan (see sim_app.h).
 *
 * Any 16 consecutive bytes of a stream contain one whole 8-byte word that
 * starts at a multiple of 8 in the stream.  So the scan indexes those
 * aligned words in a hash table, looks up the 8 bytes at every payload
 * offset, and on a hit measures how far the match extends both ways: a
 * 16-byte run is reported only if it really is there.  A bit filter small
 * enough to stay in cache answers most lookups before the table is read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_app.h"
#include "sim_prng.h"

#define	PT_RUN		16
#define	PT_WORD		8
#define	PT_FILTER_BITS	24

static void
stream_text(uint8_t *d, size_t len, int host)
{
	char line[80];
	size_t off = 0, n;
	int i;

	for (i = 1; off < len; i++) {
		n = (size_t)snprintf(line, sizeof(line),
		    "h%d says: this is line %d of my secret message.\n",
		    host + 1, i);
		if (n > len - off)
			n = len - off;
		memcpy(d + off, line, n);
		off += n;
	}
}

int
sim_stream_init(struct sim_stream *s, size_t len, uint64_t seed,
    uint64_t stream, int text, int host)
{
	struct sim_prng p;

	memset(s, 0, sizeof(*s));
	s->data = malloc(len > 0 ? len : 1);
	if (s->data == NULL)
		return (-1);
	s->len = len;
	if (text) {
		stream_text(s->data, len, host);
		return (0);
	}
	sim_prng_seed(&p, seed, stream);
	sim_prng_fill(&p, s->data, len);
	return (0);
}

void
sim_stream_free(struct sim_stream *s)
{

	free(s->data);
	s->data = NULL;
}

void
sim_stream_deliver(struct sim_stream *s, const uint8_t *buf, size_t len)
{
	size_t i, n;

	if (s->mismatch) {
		s->received += len;
		return;
	}
	n = s->received >= s->len ? 0 : s->len - s->received;
	if (n > len)
		n = len;
	if (memcmp(s->data + s->received, buf, n) != 0 || n < len) {
		for (i = 0; i < n && s->data[s->received + i] == buf[i]; i++)
			;
		s->mismatch = 1;
		s->mismatch_at = s->received + i;
	}
	s->received += len;
}

int
sim_stream_ok(const struct sim_stream *s)
{

	return (!s->mismatch && s->received == s->len);
}

__attribute__((no_sanitize("address", "undefined")))
static inline uint64_t
load64(const uint8_t *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return (w);
}

static size_t
pt_hash(const struct sim_ptscan *ps, uint64_t w)
{

	return ((size_t)((w * 0x9e3779b97f4a7c15ULL) >> 20) & ps->mask);
}

static size_t
pt_fbit(uint64_t w)
{

	return ((size_t)((w * 0xc2b2ae3d27d4eb4fULL) >> (64 - PT_FILTER_BITS)));
}

/*
 * Slot h holds word w already.  Only its first occurrence is indexed:
 * random data never repeats a word, and --text data (lines that repeat)
 * would otherwise pile up probe chains; there the scan may miss a run
 * whose context differs from the first occurrence's.
 */
static int
pt_same(const struct sim_ptscan *ps, size_t h, uint64_t w)
{
	uint32_t v = ps->slots[h] - 1;
	const struct sim_stream *s = ps->s[v >> 31];

	return (load64(s->data + (size_t)(v & 0x7fffffff) * PT_WORD) == w);
}

int
sim_ptscan_init(struct sim_ptscan *ps, const struct sim_stream *s0,
    const struct sim_stream *s1)
{
	size_t n, cap, i, h, fb;
	uint64_t w;
	uint32_t d;

	memset(ps, 0, sizeof(*ps));
	ps->s[0] = s0;
	ps->s[1] = s1;
	n = s0->len / PT_WORD + s1->len / PT_WORD;
	for (cap = 1024; cap < 2 * n; cap *= 2)
		;
	ps->slots = calloc(cap, sizeof(*ps->slots));
	ps->filter = calloc((1u << PT_FILTER_BITS) / 64, sizeof(uint64_t));
	if (ps->slots == NULL || ps->filter == NULL) {
		sim_ptscan_free(ps);
		return (-1);
	}
	ps->mask = cap - 1;
	for (d = 0; d < 2; d++) {
		for (i = 0; i + PT_WORD <= ps->s[d]->len; i += PT_WORD) {
			w = load64(ps->s[d]->data + i);
			fb = pt_fbit(w);
			ps->filter[fb / 64] |= 1ULL << (fb % 64);
			h = pt_hash(ps, w);
			while (ps->slots[h] != 0 && !pt_same(ps, h, w))
				h = (h + 1) & ps->mask;
			if (ps->slots[h] == 0)
				ps->slots[h] = ((d << 31) |
				    (uint32_t)(i / PT_WORD)) + 1;
		}
	}
	return (0);
}

void
sim_ptscan_free(struct sim_ptscan *ps)
{

	free(ps->slots);
	free(ps->filter);
	ps->slots = NULL;
	ps->filter = NULL;
}

/* Length of the common run around payload p[i] == data[pos] (8 equal). */
static size_t
pt_extent(const uint8_t *p, size_t plen, size_t i, const uint8_t *data,
    size_t dlen, size_t pos)
{
	size_t back = 0, fwd = PT_WORD;

	while (back < PT_RUN && back < i && back < pos &&
	    p[i - back - 1] == data[pos - back - 1])
		back++;
	while (fwd < PT_RUN && i + fwd < plen && pos + fwd < dlen &&
	    p[i + fwd] == data[pos + fwd])
		fwd++;
	return (back + fwd);
}

/*
 * The hot loop of a run (every byte on the wire): uninstrumented, it only
 * reads p[0..len) and tables it sized itself, and the unit tests run it.
 */
__attribute__((no_sanitize("address", "undefined")))
void
sim_ptscan_payload(struct sim_ptscan *ps, const uint8_t *p, size_t len)
{
	size_t fb;
	const struct sim_stream *s;
	uint64_t w;
	uint32_t v;
	size_t i, h, pos;

	if (ps->slots == NULL || ps->seen)
		return;
	for (i = 0; i + PT_WORD <= len; i++) {
		w = load64(p + i);
		fb = pt_fbit(w);
		if ((ps->filter[fb / 64] & (1ULL << (fb % 64))) == 0)
			continue;
		for (h = pt_hash(ps, w); (v = ps->slots[h]) != 0;
		    h = (h + 1) & ps->mask) {
			s = ps->s[(v - 1) >> 31];
			pos = (size_t)((v - 1) & 0x7fffffff) * PT_WORD;
			if (load64(s->data + pos) != w)
				continue;
			if (pt_extent(p, len, i, s->data, s->len, pos) >=
			    PT_RUN) {
				ps->seen = 1;
				return;
			}
		}
	}
}
