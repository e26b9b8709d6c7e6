/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
 */

/*
 * Harness of the tcpcrypt engine tests: see tc_harness.h.
 */

#include <stdlib.h>
#include <string.h>

#include "tc_harness.h"

int tc_passed, tc_failed;
long tc_live_blocks, tc_unwiped_frees;

uint64_t
tc_rand(struct tc_rng *r)
{
	uint64_t z;

	z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

uint64_t
tc_below(struct tc_rng *r, uint64_t n)
{

	return (n == 0 ? 0 : tc_rand(r) % n);
}

void
tc_fill(struct tc_rng *r, uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)tc_rand(r);
}

void
tc_random_fn(void *arg, uint8_t *buf, size_t len)
{

	tc_fill(arg, buf, len);
}

static void *
tc_alloc_fn(void *arg, size_t size)
{
	void *p;

	p = calloc(1, size);
	if (p != NULL)
		tc_live_blocks++;
	return (p);
}

/* Every block the engine frees must have been wiped first. */
static void
tc_free_fn(void *arg, void *ptr, size_t size)
{
	const uint8_t *b;
	size_t i;

	b = ptr;
	for (i = 0; i < size; i++)
		if (b[i] != 0) {
			tc_unwiped_frees++;
			break;
		}
	tc_live_blocks--;
	free(ptr);
}

const struct tcpcrypt_allocator tc_alloc = { tc_alloc_fn, tc_free_fn, NULL };

void
tc_buf_add(struct tc_buf *b, const uint8_t *p, size_t len)
{

	if (b->len + len > b->cap) {
		b->cap = (b->len + len) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		if (b->p == NULL)
			abort();
	}
	memcpy(b->p + b->len, p, len);
	b->len += len;
}

void
tc_buf_free(struct tc_buf *b)
{

	free(b->p);
	memset(b, 0, sizeof(*b));
}

void
tc_pair_init(struct tc_pair *p, uint64_t seed)
{

	memset(p, 0, sizeof(*p));
	p->rng.s = seed;
	p->max_frag = 3000;
	p->tx_cap = TCPCRYPT_FRAME_MAX;
	p->tamper_host = -1;
}

void
tc_pair_free(struct tc_pair *p)
{
	int i;

	for (i = 0; i < 2; i++) {
		tcpcrypt_conn_destroy(p->h[i].c);
		tc_buf_free(&p->h[i].wire);
		tc_buf_free(&p->h[i].app_out);
		tc_buf_free(&p->h[i].app_in);
	}
	memset(p->h, 0, sizeof(p->h));
}

struct tcpcrypt_conn *
tc_conn(bool active, const struct tc_conn_opts *o, struct tc_rng *rng)
{
	struct tcpcrypt_config cfg;
	struct tcpcrypt_conn *c;
	enum tcpcrypt_reason r;
	size_t i;

	memset(&cfg, 0, sizeof(cfg));
	cfg.alloc = &tc_alloc;
	cfg.random = tc_random_fn;
	cfg.random_arg = rng;
	cfg.active = active;
	if (o != NULL) {
		for (i = 0; i < o->naconf; i++) {
			cfg.aconf[2 * i] = (uint8_t)(o->aconf[i] >> 8);
			cfg.aconf[2 * i + 1] = (uint8_t)o->aconf[i];
		}
		cfg.aconf_len = 2 * o->naconf;
		for (i = 0; i < o->nbconf; i++) {
			cfg.bconf[2 * i] = (uint8_t)(o->bconf[i] >> 8);
			cfg.bconf[2 * i + 1] = (uint8_t)o->bconf[i];
		}
		cfg.bconf_len = 2 * o->nbconf;
		cfg.rekey_frames = o->rekey_frames;
		cfg.rekey_bytes = o->rekey_bytes;
		cfg.cache = o->cache;
		cfg.no_cache = o->no_cache;
		cfg.now_ms = o->now_ms;
		if (o->peer != NULL) {
			cfg.peer_id_len = strlen(o->peer);
			memcpy(cfg.peer_id, o->peer, cfg.peer_id_len);
		}
	}
	r = tcpcrypt_conn_create(&cfg, &c);
	CHECK_R(r, TCPCRYPT_R_NONE);
	return (r == TCPCRYPT_R_NONE ? c : NULL);
}

/* A stand-in transcript: A's ENO option then B's (RFC 8547 4.8). */
static const uint8_t fake_transcript[] = {
	69, 3, 0x23, 69, 4, 0x01, 0x23
};

void
tc_negotiate(struct tc_pair *p, uint8_t tep_byte)
{
	struct tcpcrypt_negotiated neg;
	int i;

	for (i = 0; i < 2; i++) {
		memset(&neg, 0, sizeof(neg));
		neg.role = (uint8_t)i;
		neg.tep_byte = tep_byte;
		neg.transcript = fake_transcript;
		neg.transcript_len = sizeof(fake_transcript);
		CHECK_R(tcpcrypt_handle_negotiated(p->h[i].c, &neg),
		    TCPCRYPT_R_NONE);
	}
}

void
tc_queue_app(struct tc_host *h, struct tc_rng *rng, size_t n)
{
	uint8_t buf[4096];
	size_t k;

	while (n > 0) {
		k = n < sizeof(buf) ? n : sizeof(buf);
		tc_fill(rng, buf, k);
		tc_buf_add(&h->app_out, buf, k);
		n -= k;
	}
}

static bool
pump_app(struct tc_pair *p, struct tc_host *h)
{
	size_t n, consumed;

	if (h->app_written < h->app_out.len) {
		n = 1 + tc_below(&p->rng, 20000);
		if (n > h->app_out.len - h->app_written)
			n = h->app_out.len - h->app_written;
		h->last_error = tcpcrypt_handle_app_data(h->c,
		    h->app_out.p + h->app_written, n, 0, &consumed);
		h->app_written += consumed;
		return (consumed > 0);
	}
	if (h->close_after && !h->closed) {
		h->last_error = tcpcrypt_handle_app_close(h->c);
		h->closed = true;
		return (true);
	}
	return (false);
}

static bool
pump_transmit(struct tc_pair *p, struct tc_host *h, int idx)
{
	uint8_t *out;
	size_t len;
	int flags;
	bool moved;

	out = malloc(p->tx_cap);
	moved = false;
	for (;;) {
		h->last_error = tcpcrypt_poll_transmit(h->c, out, p->tx_cap,
		    &len, &flags);
		if (h->last_error != TCPCRYPT_R_NONE || len == 0)
			break;
		if (p->tamper_host == idx && p->tamper_at >= h->wire.len &&
		    p->tamper_at < h->wire.len + len)
			out[p->tamper_at - h->wire.len] ^= p->tamper_mask;
		tc_buf_add(&h->wire, out, len);
		if ((flags & TCPCRYPT_TX_PSH) != 0 && h->psh_count++ == 0)
			h->psh_first = h->wire.len;
		if ((flags & TCPCRYPT_TX_FIN) != 0)
			h->fin = true;
		moved = true;
	}
	free(out);
	return (moved);
}

static bool
pump_drain(struct tc_host *to)
{
	uint8_t buf[8192];
	size_t len;
	bool moved;

	moved = false;
	for (;;) {
		to->last_error = tcpcrypt_poll_plaintext(to->c, buf,
		    sizeof(buf), &len);
		if (to->last_error != TCPCRYPT_R_NONE || len == 0)
			return (moved);
		tc_buf_add(&to->app_in, buf, len);
		moved = true;
	}
}

static bool
pump_deliver(struct tc_pair *p, struct tc_host *from, struct tc_host *to)
{
	size_t n, consumed;
	bool moved;

	moved = pump_drain(to);
	while (from->delivered < from->wire.len) {
		n = 1 + tc_below(&p->rng, p->max_frag);
		if (n > from->wire.len - from->delivered)
			n = from->wire.len - from->delivered;
		to->last_error = tcpcrypt_handle_stream_bytes(to->c,
		    from->wire.p + from->delivered, n, &consumed);
		from->delivered += consumed;
		moved |= consumed > 0;
		moved |= pump_drain(to);
		if (to->last_error != TCPCRYPT_R_NONE || consumed == 0)
			break;
	}
	if (from->fin && !from->fin_delivered &&
	    from->delivered == from->wire.len) {
		to->last_error = tcpcrypt_handle_fin(to->c);
		from->fin_delivered = true;
		moved = true;
	}
	return (moved);
}

int
tc_pump(struct tc_pair *p)
{
	int rounds, i;
	bool moved;

	for (rounds = 0; rounds < 1000000; rounds++) {
		moved = false;
		for (i = 0; i < 2; i++) {
			if (p->h[i].c == NULL || p->h[1 - i].c == NULL)
				continue;
			moved |= pump_app(p, &p->h[i]);
			moved |= pump_transmit(p, &p->h[i], i);
			moved |= pump_deliver(p, &p->h[i], &p->h[1 - i]);
		}
		if (!moved)
			break;
	}
	return (rounds);
}

/* All the application bytes of from arrived, in order, at to. */
bool
tc_host_ok(const struct tc_host *from, const struct tc_host *to)
{

	return (from->app_out.len == to->app_in.len &&
	    (to->app_in.len == 0 ||
	    memcmp(from->app_out.p, to->app_in.p, to->app_in.len) == 0));
}

/* Any 16-byte run of application data on the wire? (sampled) */
bool
tc_wire_has_plaintext(const struct tc_host *h)
{
	size_t i, j;

	if (h->app_out.len < 16 || h->wire.len < 16)
		return (false);
	for (i = 0; i + 16 <= h->app_out.len; i += 997)
		for (j = 0; j + 16 <= h->wire.len; j++)
			if (h->wire.p[j] == h->app_out.p[i] &&
			    memcmp(h->wire.p + j, h->app_out.p + i, 16) == 0)
				return (true);
	return (false);
}

int
main(void)
{

	tc_suite_init();
	tc_suite_pair();
	tc_suite_errors();
	tc_suite_rekey();
	tc_suite_resume();
	tc_suite_eno();
	CHECK(tc_live_blocks == 0, "%ld blocks leaked", tc_live_blocks);
	CHECK(tc_unwiped_frees == 0, "%ld blocks freed unwiped",
	    tc_unwiped_frees);
	printf("tcpcrypt: %d passed, %d failed\n", tc_passed, tc_failed);
	return (tc_failed == 0 ? 0 : 1);
}
