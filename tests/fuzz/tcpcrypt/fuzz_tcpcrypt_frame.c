/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
 */

/*
 * libFuzzer target: the frame decoder path (RFC 8548 3.6-3.8, 4.2).
 *
 * Byte 0 bit 1 picks how the keys come: a fresh X25519 exchange, or
 * (cheaper, so more executions) a resumption from a chain both hosts
 * cached at start-up, which puts the first frame at offset 0 (D4).
 *
 * Byte 0 bit 0 = 0, raw mode: the rest of the input is A's stream after
 * the key exchange, fed to B in fragments; it exercises frame headers,
 * reassembly and failed opens.
 *
 * Bit 0 = 1, script mode: a real pair runs a script of operations taken
 * from the input (application writes with or without the urgent mark,
 * rekey and keep-alive requests, close, delivery in fragments, a bit flip
 * in flight, a FIN with nothing before it) so the fuzzer reaches
 * authenticated frames, generations and FINp.  Invariants: the bytes B
 * delivers are always a prefix of what A wrote (never corrupted, never
 * reordered), EOF only after all of it, and without a bit flip nothing
 * aborts.
 */

#include "fuzz_tcpcrypt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct side {
	struct tcpcrypt_conn *c;
	uint8_t		*wire;
	size_t		 wire_len, wire_cap, delivered;
	uint8_t		*app;		/* what its application wrote */
	size_t		 app_len, app_cap;
	size_t		 got;		/* bytes the peer delivered from it */
	bool		 fin;
};

static uint8_t buf[TCPCRYPT_FRAME_MAX];
static struct tcpcrypt_cache *cache_a, *cache_b;
static bool setup_done;

static void settle(struct side *s, size_t frag);

/*
 * Keys for the pair: fresh (Init1/Init2 go through settle()), or resumed
 * from the cached chain through the suboption calls ENO would make.
 */
static void
pair_start(struct side *s, struct fz_rng *rng, uint64_t rekey_a,
    uint64_t rekey_b, bool resume)
{
	uint8_t offer[32], ans[32];
	size_t olen, alen;
	uint8_t tep;

	/* Fresh sessions of the fuzzer must not replace the chain. */
	s[0].c = fz_conn(rng, true, resume || !setup_done ? cache_a : NULL,
	    rekey_a);
	s[1].c = fz_conn(rng, false, resume || !setup_done ? cache_b : NULL,
	    rekey_b);
	tep = 0x23;
	if (resume &&
	    tcpcrypt_create_resume_offer(s[0].c, 0x23, offer, sizeof(offer),
	    &olen) == TCPCRYPT_R_NONE &&
	    tcpcrypt_consume_resume_offer(s[1].c, 0x23, offer, olen) ==
	    TCPCRYPT_R_NONE &&
	    tcpcrypt_create_resume_answer(s[1].c, 0x23, ans, sizeof(ans),
	    &alen) == TCPCRYPT_R_NONE &&
	    tcpcrypt_consume_resume_answer(s[0].c, 0x23, ans, alen) ==
	    TCPCRYPT_R_NONE)
		tep |= 0x80;
	else if (resume)
		abort();	/* the chain must serve every connection */
	fz_negotiated(s[0].c, 0, tep);
	fz_negotiated(s[1].c, 1, tep);
}

/* One fresh session, so both caches hold a chain for pair_start(). */
static void
setup(void)
{
	struct fz_rng rng = { 5 };
	struct side s[2];

	if (tcpcrypt_cache_create(&fz_allocator, 2, UINT64_MAX / 2,
	    &cache_a) != TCPCRYPT_R_NONE ||
	    tcpcrypt_cache_create(&fz_allocator, 2, UINT64_MAX / 2,
	    &cache_b) != TCPCRYPT_R_NONE)
		abort();
	memset(s, 0, sizeof(s));
	pair_start(s, &rng, 0, 0, false);
	settle(s, 4096);
	if (!tcpcrypt_encrypting(s[0].c) || tcpcrypt_cache_count(cache_a) != 1)
		abort();
	tcpcrypt_conn_destroy(s[0].c);
	tcpcrypt_conn_destroy(s[1].c);
	free(s[0].wire);
	free(s[1].wire);
	setup_done = true;
}

static void
add(uint8_t **p, size_t *len, size_t *cap, const uint8_t *src, size_t n)
{

	if (n == 0)
		return;
	if (*len + n > *cap) {
		*cap = (*len + n) * 2;
		*p = realloc(*p, *cap);
		if (*p == NULL)
			abort();
	}
	memcpy(*p + *len, src, n);
	*len += n;
}

static void
transmit(struct side *s, size_t cap)
{
	size_t len;
	int flags;

	for (;;) {
		if (tcpcrypt_poll_transmit(s->c, buf, cap, &len, &flags) !=
		    TCPCRYPT_R_NONE || len == 0)
			return;
		add(&s->wire, &s->wire_len, &s->wire_cap, buf, len);
		if ((flags & TCPCRYPT_TX_FIN) != 0)
			s->fin = true;
	}
}

/* Plaintext from `from` arriving at `to` must match what from wrote. */
static void
drain(struct side *from, struct side *to)
{
	size_t len;

	for (;;) {
		if (tcpcrypt_poll_plaintext(to->c, buf, sizeof(buf), &len) !=
		    TCPCRYPT_R_NONE || len == 0)
			return;
		if (from->got + len > from->app_len ||
		    memcmp(from->app + from->got, buf, len) != 0)
			abort();
		from->got += len;
	}
}

static void
deliver(struct side *from, struct side *to, size_t frag)
{
	size_t n, consumed;

	while (from->delivered < from->wire_len) {
		n = from->wire_len - from->delivered;
		if (n > frag)
			n = frag;
		if (tcpcrypt_handle_stream_bytes(to->c, from->wire +
		    from->delivered, n, &consumed) != TCPCRYPT_R_NONE)
			return;
		from->delivered += consumed;
		drain(from, to);
		transmit(to, sizeof(buf));
		if (consumed == 0)
			return;
	}
}

static void
settle(struct side *s, size_t frag)
{
	int i;

	for (i = 0; i < 8; i++) {
		transmit(&s[0], sizeof(buf));
		transmit(&s[1], sizeof(buf));
		deliver(&s[0], &s[1], frag);
		deliver(&s[1], &s[0], frag);
	}
}

static void
app_write(struct side *s, const uint8_t *p, size_t n, int flags)
{
	size_t consumed;

	if (tcpcrypt_handle_app_data(s->c, p, n, flags, &consumed) !=
	    TCPCRYPT_R_NONE)
		return;
	add(&s->app, &s->app_len, &s->app_cap, p, consumed);
}

/* One script step: op byte, then its argument bytes. */
static size_t
step(struct side *s, const uint8_t *d, size_t n, bool *flipped)
{
	struct side *me;
	size_t k;

	if (n < 2)
		return (n);
	me = &s[d[0] >> 7];
	switch (d[0] & 7) {
	case 0:
	case 1:
		k = d[1] < n - 2 ? d[1] : n - 2;
		app_write(me, d + 2, k, (d[0] & 1) ? TCPCRYPT_APP_URGENT : 0);
		return (2 + k);
	case 2:
		(void)tcpcrypt_handle_rekey_request(me->c);
		break;
	case 3:
		(void)tcpcrypt_handle_keepalive(me->c);
		break;
	case 4:
		(void)tcpcrypt_handle_app_close(me->c);
		break;
	case 5:
		transmit(me, TCPCRYPT_TX_MIN + d[1]);
		deliver(me, &s[1 - (d[0] >> 7)], 1 + d[1]);
		break;
	case 6:
		if (me->wire_len > me->delivered) {
			me->wire[me->delivered + d[1] % (me->wire_len -
			    me->delivered)] ^= (uint8_t)(1 << (d[0] >> 4 & 7));
			*flipped = true;
		}
		break;
	default:
		settle(s, 1 + d[1] * 37);
		break;
	}
	return (2);
}

static void
script(const uint8_t *data, size_t size)
{
	struct fz_rng rng = { 7 };
	struct side s[2];
	bool flipped;
	size_t off;
	int i;

	memset(s, 0, sizeof(s));
	pair_start(s, &rng, 2 + (data[0] >> 2) % 5, 3, (data[0] & 2) != 0);
	flipped = false;
	for (off = 1; off < size;)
		off += step(s, data + off, size - off, &flipped);
	settle(s, 1000);
	for (i = 0; i < 2; i++) {
		if (s[i].fin && s[i].delivered == s[i].wire_len)
			(void)tcpcrypt_handle_fin(s[1 - i].c);
		fz_check_error(s[i].c);
		if (!flipped && tcpcrypt_error(s[i].c) != TCPCRYPT_R_NONE)
			abort();
		if (tcpcrypt_eof(s[1 - i].c) && s[i].got != s[i].app_len)
			abort();
	}
	for (i = 0; i < 2; i++) {
		tcpcrypt_conn_destroy(s[i].c);
		free(s[i].wire);
		free(s[i].app);
	}
}

/* B past the key exchange, then raw bytes as A's frames. */
static void
raw(const uint8_t *data, size_t size)
{
	struct fz_rng rng = { 9 };
	struct side s[2];
	size_t off, n, consumed, len;

	memset(s, 0, sizeof(s));
	pair_start(s, &rng, 0, 0, (data[0] & 2) != 0);
	settle(s, 4096);
	for (off = 1; off < size; off += n) {
		n = 1 + (data[off] & 0x3f);
		if (n > size - off)
			n = size - off;
		if (tcpcrypt_handle_stream_bytes(s[1].c, data + off, n,
		    &consumed) != TCPCRYPT_R_NONE)
			break;
		(void)tcpcrypt_poll_plaintext(s[1].c, buf, sizeof(buf), &len);
		if (len != 0)
			abort();	/* nobody has the key: nothing opens */
	}
	(void)tcpcrypt_handle_fin(s[1].c);
	fz_check_error(s[1].c);
	if (tcpcrypt_eof(s[1].c))
		abort();
	tcpcrypt_conn_destroy(s[0].c);
	tcpcrypt_conn_destroy(s[1].c);
	free(s[0].wire);
	free(s[1].wire);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{

	if (cache_a == NULL)
		setup();
	if (size < 1)
		return (0);
	if (data[0] & 1)
		script(data, size);
	else
		raw(data, size);
	return (0);
}
