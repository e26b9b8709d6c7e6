/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
 */

/*
 * Rekeying (RFC 8548 3.8, D9) and verified keep-alive (3.9, D10): many
 * generations with data intact, the answering rekey frame, at most one
 * empty-frame rekey outstanding, several generations announced before the
 * peer answers, crossing rekeys, no answer after our FIN, rekey answers
 * sealed on input so received data and a FIN never wait for our output.
 */

#include <string.h>

#include "tc_harness.h"

static void
pair_fresh(struct tc_pair *p, uint64_t seed, uint64_t rekey_frames)
{
	struct tc_conn_opts o = { .rekey_frames = rekey_frames };

	tc_pair_init(p, seed);
	p->h[0].c = tc_conn(true, &o, &p->rng);
	p->h[1].c = tc_conn(false, &o, &p->rng);
	tc_negotiate(p, TCPCRYPT_TEP_X25519);
}

static void
gens(struct tc_pair *p, int i, uint64_t *local, uint64_t *remote)
{

	tcpcrypt_generations(p->h[i].c, local, remote);
}

/* D9 made small: a new generation every 3 frames, both ways. */
static void
test_many_generations(void)
{
	struct tc_pair p;
	uint64_t l0, r0, l1, r1;

	pair_fresh(&p, 51, 3);
	p.tx_cap = 700;
	tc_queue_app(&p.h[0], &p.rng, 300000);
	tc_queue_app(&p.h[1], &p.rng, 200000);
	tc_pump(&p);
	CHECK(tc_host_ok(&p.h[0], &p.h[1]) && tc_host_ok(&p.h[1], &p.h[0]),
	    "data across generations");
	gens(&p, 0, &l0, &r0);
	gens(&p, 1, &l1, &r1);
	CHECK(l0 == r1 && l1 == r0, "generations A %llu/%llu B %llu/%llu",
	    (unsigned long long)l0, (unsigned long long)r0,
	    (unsigned long long)l1, (unsigned long long)r1);
	CHECK(l0 > 100 && l1 > 100, "only %llu/%llu generations",
	    (unsigned long long)l0, (unsigned long long)l1);
	p.h[0].close_after = p.h[1].close_after = true;
	tc_pump(&p);
	CHECK(tcpcrypt_eof(p.h[0].c) && tcpcrypt_eof(p.h[1].c), "EOF");
	tc_pair_free(&p);
}

/* D9's byte limit: a new generation once 10000 bytes went under a key. */
static void
test_byte_limit(void)
{
	struct tc_conn_opts o = { .rekey_bytes = 10000 };
	struct tc_pair p;
	uint64_t l, r;

	tc_pair_init(&p, 58);
	p.h[0].c = tc_conn(true, &o, &p.rng);
	p.h[1].c = tc_conn(false, NULL, &p.rng);
	tc_negotiate(&p, TCPCRYPT_TEP_X25519);
	p.tx_cap = 4000;
	tc_queue_app(&p.h[0], &p.rng, 200000);
	tc_pump(&p);
	CHECK(tc_host_ok(&p.h[0], &p.h[1]), "data under the byte limit");
	gens(&p, 0, &l, &r);
	/* 200000 bytes in frames of 4000: a new key every third frame. */
	CHECK(l >= 16 && l <= 20 && r == l, "A %llu/%llu",
	    (unsigned long long)l, (unsigned long long)r);
	tc_pair_free(&p);
}

/* One request, no data: empty rekey frame, answered at once (3.8). */
static void
test_answer(void)
{
	struct tc_pair p;
	uint64_t l, r;

	pair_fresh(&p, 52, 0);
	tc_pump(&p);
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c), TCPCRYPT_R_NONE);
	tc_pump(&p);
	gens(&p, 0, &l, &r);
	CHECK(l == 1 && r == 1, "A %llu/%llu", (unsigned long long)l,
	    (unsigned long long)r);
	gens(&p, 1, &l, &r);
	CHECK(l == 1 && r == 1, "B %llu/%llu", (unsigned long long)l,
	    (unsigned long long)r);
	tc_queue_app(&p.h[1], &p.rng, 3000);
	tc_queue_app(&p.h[0], &p.rng, 3000);
	tc_pump(&p);
	CHECK(tc_host_ok(&p.h[0], &p.h[1]) && tc_host_ok(&p.h[1], &p.h[0]),
	    "data after rekey");
	tc_pair_free(&p);
}

/* 3.8: no second empty-frame rekey until the peer catches up. */
static void
test_one_outstanding(void)
{
	struct tc_pair p;
	uint8_t out[TCPCRYPT_FRAME_MAX];
	size_t len;
	int flags;

	pair_fresh(&p, 53, 0);
	tc_pump(&p);
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out), &len,
	    &flags), TCPCRYPT_R_NONE);
	CHECK(len == 20 && (out[0] & 1) == 1, "empty rekey frame: %zu %02x",
	    len, out[0]);
	tc_buf_add(&p.h[0].wire, out, len);
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c),
	    TCPCRYPT_R_REKEY_OUTSTANDING);
	CHECK(!tcpcrypt_reason_fatal(TCPCRYPT_R_REKEY_OUTSTANDING), "fatal");
	CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out), &len,
	    &flags), TCPCRYPT_R_NONE);
	CHECK(len == 0, "second empty rekey frame sent");
	tc_pump(&p);
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c), TCPCRYPT_R_NONE);
	tc_pump(&p);
	{
		uint64_t l, r;

		gens(&p, 0, &l, &r);
		CHECK(l == 2 && r == 2, "A %llu/%llu", (unsigned long long)l,
		    (unsigned long long)r);
	}
	tc_pair_free(&p);
}

/* 3.9, D10: the peer's answering rekey frame verifies liveness. */
static void
test_keepalive(void)
{
	struct tc_pair p;

	pair_fresh(&p, 54, 0);
	tc_pump(&p);
	CHECK(!tcpcrypt_poll_keepalive_verified(p.h[0].c), "early");
	CHECK_R(tcpcrypt_handle_keepalive(p.h[0].c), TCPCRYPT_R_NONE);
	tc_pump(&p);
	CHECK(tcpcrypt_poll_keepalive_verified(p.h[0].c), "not verified");
	CHECK(!tcpcrypt_poll_keepalive_verified(p.h[0].c), "twice");
	/* A dead peer never answers: the probe stays unverified. */
	CHECK_R(tcpcrypt_handle_keepalive(p.h[0].c), TCPCRYPT_R_NONE);
	tcpcrypt_conn_destroy(p.h[1].c);
	p.h[1].c = NULL;
	tc_pump(&p);
	CHECK(!tcpcrypt_poll_keepalive_verified(p.h[0].c), "no peer");
	tc_pair_free(&p);
}

/*
 * A announces five generations (data in each) before B reads any: B
 * answers each with its own rekey frame, so both end at generation 5.
 */
static void
test_several_before_answer(void)
{
	struct tc_pair p;
	uint8_t out[TCPCRYPT_FRAME_MAX], data[100];
	size_t len, consumed;
	uint64_t l, r;
	int flags, k;

	pair_fresh(&p, 55, 0);
	tc_pump(&p);
	for (k = 0; k < 5; k++) {
		memset(data, 'a' + k, sizeof(data));
		CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c),
		    TCPCRYPT_R_NONE);
		CHECK_R(tcpcrypt_handle_app_data(p.h[0].c, data, sizeof(data),
		    0, &consumed), TCPCRYPT_R_NONE);
		tc_buf_add(&p.h[0].app_out, data, sizeof(data));
		p.h[0].app_written += sizeof(data);
		CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out),
		    &len, &flags), TCPCRYPT_R_NONE);
		CHECK((out[0] & 1) == 1, "rekey bit %d", k);
		tc_buf_add(&p.h[0].wire, out, len);
	}
	p.max_frag = 100000;
	tc_pump(&p);
	CHECK(tc_host_ok(&p.h[0], &p.h[1]), "data over 5 generations");
	gens(&p, 1, &l, &r);
	CHECK(l == 5 && r == 5, "B %llu/%llu", (unsigned long long)l,
	    (unsigned long long)r);
	gens(&p, 0, &l, &r);
	CHECK(l == 5 && r == 5, "A %llu/%llu", (unsigned long long)l,
	    (unsigned long long)r);
	tc_pair_free(&p);
}

/* Both initiate at once: each frame is the other's answer. */
static void
test_crossing(void)
{
	struct tc_pair p;
	uint64_t l, r;

	pair_fresh(&p, 56, 0);
	tc_pump(&p);
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[1].c), TCPCRYPT_R_NONE);
	tc_pump(&p);
	gens(&p, 0, &l, &r);
	CHECK(l == 1 && r == 1, "A %llu/%llu", (unsigned long long)l,
	    (unsigned long long)r);
	gens(&p, 1, &l, &r);
	CHECK(l == 1 && r == 1, "B %llu/%llu", (unsigned long long)l,
	    (unsigned long long)r);
	tc_pair_free(&p);
}

/* After our FINp nothing is sent, not even the answer (3.8). */
static void
test_no_answer_after_fin(void)
{
	struct tc_pair p;
	uint64_t l, r;

	pair_fresh(&p, 57, 0);
	p.h[1].close_after = true;
	tc_pump(&p);
	CHECK(tcpcrypt_eof(p.h[0].c), "A saw B's EOF");
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[1].c), TCPCRYPT_R_FIN_SENT);
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c), TCPCRYPT_R_NONE);
	tc_queue_app(&p.h[0], &p.rng, 2000);
	tc_pump(&p);
	CHECK(tc_host_ok(&p.h[0], &p.h[1]), "data to closed-write peer");
	gens(&p, 1, &l, &r);
	CHECK(r == 1, "B remote %llu", (unsigned long long)r);
	gens(&p, 0, &l, &r);
	CHECK(l == 1 && r == 0, "A %llu/%llu", (unsigned long long)l,
	    (unsigned long long)r);
	tc_pair_free(&p);
}

/*
 * A frame held back because our own rekey answer is still unsent is
 * complete, not truncated: a TCP FIN behind it is legitimate when that
 * frame carries FINp (3.7), and only its opening can tell.  A sends an
 * empty rekey frame (generation 1), then a rekey + FINp frame with data
 * (generation 2) and FIN; B takes both frames before it transmits.
 */
static void
test_fin_behind_held_frame(void)
{
	struct tc_pair p;
	uint8_t out[TCPCRYPT_FRAME_MAX], wire[2 * TCPCRYPT_FRAME_MAX];
	uint8_t data[100], got[200];
	size_t len, wlen, consumed, n;
	uint64_t l, r;
	int flags;

	pair_fresh(&p, 59, 0);
	tc_pump(&p);
	wlen = 0;
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out), &len,
	    &flags), TCPCRYPT_R_NONE);
	memcpy(wire + wlen, out, len);
	wlen += len;
	memset(data, 'z', sizeof(data));
	CHECK_R(tcpcrypt_handle_app_data(p.h[0].c, data, sizeof(data), 0,
	    &consumed), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_handle_app_close(p.h[0].c), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out), &len,
	    &flags), TCPCRYPT_R_NONE);
	CHECK((out[0] & 1) == 1 && (flags & TCPCRYPT_TX_FIN) != 0,
	    "rekey + FINp frame: %02x %x", out[0], flags);
	memcpy(wire + wlen, out, len);
	wlen += len;

	CHECK_R(tcpcrypt_handle_stream_bytes(p.h[1].c, wire, wlen,
	    &consumed), TCPCRYPT_R_NONE);
	CHECK(consumed == wlen, "consumed %zu of %zu", consumed, wlen);
	/* The data is there before B transmits anything (kernel order). */
	CHECK(tcpcrypt_tx_pending(p.h[1].c) > 0, "answer sealed");
	CHECK_R(tcpcrypt_handle_fin(p.h[1].c), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_error(p.h[1].c), TCPCRYPT_R_NONE);
	/* B answers generation 1; then the held frame opens. */
	CHECK_R(tcpcrypt_poll_transmit(p.h[1].c, out, sizeof(out), &len,
	    &flags), TCPCRYPT_R_NONE);
	CHECK(len != 0 && (out[0] & 1) == 1, "answer %zu", len);
	n = 0;
	CHECK_R(tcpcrypt_poll_plaintext(p.h[1].c, got, sizeof(got), &n),
	    TCPCRYPT_R_NONE);
	CHECK(n == sizeof(data) && memcmp(got, data, n) == 0, "data %zu", n);
	CHECK(tcpcrypt_eof(p.h[1].c), "EOF after the held FINp frame");
	gens(&p, 1, &l, &r);
	CHECK(r == 2, "B remote %llu", (unsigned long long)r);
	tc_pair_free(&p);

	/* The same, but the held frame has no FINp: FIN is an error. */
	pair_fresh(&p, 60, 0);
	tc_pump(&p);
	wlen = 0;
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out), &len,
	    &flags), TCPCRYPT_R_NONE);
	memcpy(wire + wlen, out, len);
	wlen += len;
	CHECK_R(tcpcrypt_handle_app_data(p.h[0].c, data, sizeof(data), 0,
	    &consumed), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out), &len,
	    &flags), TCPCRYPT_R_NONE);
	memcpy(wire + wlen, out, len);
	wlen += len;
	CHECK_R(tcpcrypt_handle_stream_bytes(p.h[1].c, wire, wlen,
	    &consumed), TCPCRYPT_R_NONE);
	n = 0;
	(void)tcpcrypt_poll_plaintext(p.h[1].c, got, sizeof(got), &n);
	(void)tcpcrypt_handle_fin(p.h[1].c);
	(void)tcpcrypt_poll_transmit(p.h[1].c, out, sizeof(out), &len,
	    &flags);
	CHECK_R(tcpcrypt_error(p.h[1].c), TCPCRYPT_R_FIN_WITHOUT_FINP);
	CHECK(!tcpcrypt_eof(p.h[1].c), "no EOF without FINp");
	tc_pair_free(&p);
}

/*
 * A starts eight generations, each frame with data, the last with FINp;
 * B reads plaintext but transmits nothing until after the FIN (as the
 * kernel worker does: input, FIN, then output).  B seals its answers on
 * input; the seventh sealed answer finds tx_pend full, so the eighth
 * frame (FINp) waits, whole, for B's output and the FIN behind it must
 * not be taken for truncation.  B's answers, one rekey frame per
 * generation, must leave A and B on generation 8 (3.8).
 */
static void
test_many_rekeys_before_output(void)
{
	struct tc_pair p;
	uint8_t out[TCPCRYPT_FRAME_MAX], data[50], got[100];
	size_t len, consumed, n, total;
	uint64_t l, r;
	int flags, k, frames;

	pair_fresh(&p, 61, 0);
	tc_pump(&p);
	total = 0;
	for (k = 0; k < 8; k++) {
		memset(data, 'a' + k, sizeof(data));
		CHECK_R(tcpcrypt_handle_app_data(p.h[0].c, data, sizeof(data),
		    0, &consumed), TCPCRYPT_R_NONE);
		CHECK_R(tcpcrypt_handle_rekey_request(p.h[0].c),
		    TCPCRYPT_R_NONE);
		if (k == 7)
			CHECK_R(tcpcrypt_handle_app_close(p.h[0].c),
			    TCPCRYPT_R_NONE);
		CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out),
		    &len, &flags), TCPCRYPT_R_NONE);
		CHECK((out[0] & 1) == 1, "rekey bit %d", k);
		CHECK_R(tcpcrypt_handle_stream_bytes(p.h[1].c, out, len,
		    &consumed), TCPCRYPT_R_NONE);
		CHECK(consumed == len, "frame %d consumed %zu", k, consumed);
		n = 0;
		CHECK_R(tcpcrypt_poll_plaintext(p.h[1].c, got, sizeof(got),
		    &n), TCPCRYPT_R_NONE);
		total += n;
	}
	/* The FINp frame is held: EOF is not known before B's output. */
	CHECK(!tcpcrypt_eof(p.h[1].c) && total == 7 * sizeof(data),
	    "held frame opened early: %zu", total);
	CHECK_R(tcpcrypt_handle_fin(p.h[1].c), TCPCRYPT_R_NONE);
	frames = 0;
	for (;;) {
		CHECK_R(tcpcrypt_poll_transmit(p.h[1].c, out, sizeof(out),
		    &len, &flags), TCPCRYPT_R_NONE);
		if (len == 0)
			break;
		frames++;
		CHECK_R(tcpcrypt_handle_stream_bytes(p.h[0].c, out, len,
		    &consumed), TCPCRYPT_R_NONE);
		n = 0;
		(void)tcpcrypt_poll_plaintext(p.h[1].c, got, sizeof(got), &n);
		total += n;
	}
	CHECK(total == 8 * sizeof(data), "B got %zu bytes", total);
	CHECK(tcpcrypt_eof(p.h[1].c), "B's EOF");
	CHECK_R(tcpcrypt_error(p.h[1].c), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_error(p.h[0].c), TCPCRYPT_R_NONE);
	gens(&p, 1, &l, &r);
	CHECK(l == 8 && r == 8, "B %llu/%llu", (unsigned long long)l,
	    (unsigned long long)r);
	CHECK(frames >= 2, "B's output in %d chunks", frames);
	gens(&p, 0, &l, &r);
	CHECK(l == 8 && r == 8, "A %llu/%llu", (unsigned long long)l,
	    (unsigned long long)r);
	tc_pair_free(&p);
}

void
tc_suite_rekey(void)
{

	test_many_generations();
	test_byte_limit();
	test_answer();
	test_one_outstanding();
	test_keepalive();
	test_several_before_answer();
	test_crossing();
	test_no_answer_after_fin();
	test_fin_behind_held_frame();
	test_many_rekeys_before_output();
}
