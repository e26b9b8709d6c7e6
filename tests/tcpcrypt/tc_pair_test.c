/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
 */

/*
 * Two tcpcrypt engines in one process (RFC 8548 3.3, 3.6, 3.7): every TEP
 * x AEAD, random fragmentation, data both ways, FINp and EOF, the AEAD
 * choice of ACONF/BCONF (D2), writes held until the keys exist, PSH on
 * Init messages, urgent data (D13), no plaintext on the wire, and the
 * received bytes a frame in progress holds (tcpcrypt_rx_pending()).
 */

#include <string.h>

#include "tc_harness.h"

static const uint8_t teps[] = {
	TCPCRYPT_TEP_P256, TCPCRYPT_TEP_P521, TCPCRYPT_TEP_X25519,
	TCPCRYPT_TEP_X448
};
static const uint16_t aeads[] = {
	TCPCRYPT_AEAD_AES_128_GCM, TCPCRYPT_AEAD_AES_256_GCM,
	TCPCRYPT_AEAD_CHACHA20_POLY1305
};

static void
pair_setup(struct tc_pair *p, uint64_t seed, const struct tc_conn_opts *oa,
    const struct tc_conn_opts *ob)
{

	tc_pair_init(p, seed);
	p->h[0].c = tc_conn(true, oa, &p->rng);
	p->h[1].c = tc_conn(false, ob, &p->rng);
}

static void
check_session(struct tc_pair *p, uint8_t tep_byte, uint16_t aead)
{
	uint8_t s0[64], s1[64];
	size_t l0, l1;

	CHECK_R(tcpcrypt_session_id(p->h[0].c, s0, sizeof(s0), &l0),
	    TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_session_id(p->h[1].c, s1, sizeof(s1), &l1),
	    TCPCRYPT_R_NONE);
	CHECK(l0 == TCPCRYPT_SESSID_LEN && l1 == l0 &&
	    memcmp(s0, s1, l0) == 0, "session IDs differ");
	CHECK(s0[0] == tep_byte, "sessid[0] %02x want %02x", s0[0], tep_byte);
	CHECK(tcpcrypt_aead(p->h[0].c) == aead &&
	    tcpcrypt_aead(p->h[1].c) == aead, "aead %04x/%04x want %04x",
	    tcpcrypt_aead(p->h[0].c), tcpcrypt_aead(p->h[1].c), aead);
}

/* One fresh connection: n bytes each way, both close. */
static void
run_fresh(uint8_t tep, uint16_t aead, size_t n, uint64_t seed)
{
	struct tc_conn_opts ob = { .bconf = { aead }, .nbconf = 1 };
	struct tc_pair p;
	int i;

	pair_setup(&p, seed, NULL, &ob);
	tc_negotiate(&p, tep);
	for (i = 0; i < 2; i++) {
		tc_queue_app(&p.h[i], &p.rng, n);
		p.h[i].close_after = true;
	}
	tc_pump(&p);
	for (i = 0; i < 2; i++) {
		CHECK_R(tcpcrypt_error(p.h[i].c), TCPCRYPT_R_NONE);
		CHECK(tc_host_ok(&p.h[i], &p.h[1 - i]),
		    "tep %02x aead %04x: data %d->%d: sent %zu got %zu", tep,
		    aead, i, 1 - i, p.h[i].app_out.len, p.h[1 - i].app_in.len);
		CHECK(tcpcrypt_eof(p.h[i].c), "tep %02x: no EOF at %d", tep, i);
		CHECK(!tc_wire_has_plaintext(&p.h[i]), "plaintext on wire");
		CHECK(p.h[i].fin, "no TX_FIN from %d", i);
	}
	check_session(&p, tep, aead);
	tc_pair_free(&p);
}

static void
test_every_tep_aead(void)
{
	size_t i, j;

	for (i = 0; i < sizeof(teps); i++)
		for (j = 0; j < sizeof(aeads) / sizeof(aeads[0]); j++)
			run_fresh(teps[i], aeads[j], 100000 + 7 * i + j,
			    100 + 10 * i + j);
}

/* Byte-at-a-time delivery and tiny poll buffers: frames split anywhere. */
static void
test_tiny_fragments(void)
{
	struct tc_pair p;

	pair_setup(&p, 7, NULL, NULL);
	p.max_frag = 1;
	p.tx_cap = TCPCRYPT_TX_MIN;
	tc_negotiate(&p, TCPCRYPT_TEP_X25519);
	tc_queue_app(&p.h[0], &p.rng, 5000);
	tc_queue_app(&p.h[1], &p.rng, 3000);
	p.h[0].close_after = p.h[1].close_after = true;
	tc_pump(&p);
	CHECK(tc_host_ok(&p.h[0], &p.h[1]) && tc_host_ok(&p.h[1], &p.h[0]),
	    "tiny fragments: data differs");
	CHECK(tcpcrypt_eof(p.h[0].c) && tcpcrypt_eof(p.h[1].c), "no EOF");
	tc_pair_free(&p);
}

/*
 * D2: B picks the last (most preferred) entry of BCONF that A offered;
 * A's order does not matter.
 */
static void
test_aead_choice(void)
{
	struct tc_conn_opts oa = { .aconf = { 0x0010, 0x0001 }, .naconf = 2 };
	struct tc_conn_opts ob = { .bconf = { 0x0010, 0x0002, 0x0001 },
	    .nbconf = 3 };
	struct tc_pair p;

	pair_setup(&p, 11, &oa, &ob);
	tc_negotiate(&p, TCPCRYPT_TEP_X25519);
	tc_pump(&p);
	check_session(&p, TCPCRYPT_TEP_X25519, 0x0001);
	tc_pair_free(&p);

	ob.bconf[2] = 0x0002;	/* 0x0010, 0x0002, 0x0002: A lacks 0x0002 */
	pair_setup(&p, 12, &oa, &ob);
	tc_negotiate(&p, TCPCRYPT_TEP_X25519);
	tc_pump(&p);
	check_session(&p, TCPCRYPT_TEP_X25519, 0x0010);
	tc_pair_free(&p);

	/* Defaults: ACONF 1,2,0x10; BCONF 0x10,2,1 -> AES-128-GCM. */
	pair_setup(&p, 13, NULL, NULL);
	tc_negotiate(&p, TCPCRYPT_TEP_X25519);
	tc_pump(&p);
	check_session(&p, TCPCRYPT_TEP_X25519, 0x0001);
	tc_pair_free(&p);
}

/*
 * Writes made before the keys exist are held, never sent in clear:
 * until Init2 arrives A's stream is exactly Init1, with PSH on its last
 * byte (3.3).
 */
static void
test_hold_until_keys(void)
{
	struct tc_pair p;
	uint8_t out[TCPCRYPT_FRAME_MAX], data[1000];
	size_t len, consumed;
	int flags;

	pair_setup(&p, 21, NULL, NULL);
	tc_negotiate(&p, TCPCRYPT_TEP_X25519);
	memset(data, 'x', sizeof(data));
	CHECK_R(tcpcrypt_handle_app_data(p.h[0].c, data, sizeof(data), 0,
	    &consumed), TCPCRYPT_R_NONE);
	CHECK(consumed == sizeof(data), "consumed %zu", consumed);
	CHECK(!tcpcrypt_encrypting(p.h[0].c), "A has keys before Init2");
	CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out), &len,
	    &flags), TCPCRYPT_R_NONE);
	CHECK(len == 9 + 2 * 3 + 32 + 32, "Init1 length %zu", len);
	CHECK(flags == TCPCRYPT_TX_PSH, "Init1 flags %d", flags);
	CHECK(out[0] == 0x15 && out[1] == 0x10 && out[2] == 0x1a &&
	    out[3] == 0x0e, "INIT1_MAGIC");
	CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out), &len,
	    &flags), TCPCRYPT_R_NONE);
	CHECK(len == 0, "A sent %zu bytes before the keys", len);
	CHECK(tcpcrypt_tx_pending(p.h[0].c) == sizeof(data), "held %zu",
	    tcpcrypt_tx_pending(p.h[0].c));
	tc_pair_free(&p);

	pair_setup(&p, 22, NULL, NULL);
	tc_negotiate(&p, TCPCRYPT_TEP_X25519);
	tc_queue_app(&p.h[0], &p.rng, 1000);
	tc_pump(&p);
	CHECK(tc_host_ok(&p.h[0], &p.h[1]), "held data lost");
	CHECK(p.h[0].psh_first == 9 + 6 + 32 + 32, "PSH after Init1 at %zu",
	    p.h[0].psh_first);
	CHECK(p.h[1].psh_first == 10 + 32 + 32, "PSH after Init2 at %zu",
	    p.h[1].psh_first);
	tc_pair_free(&p);
}

/* D13: the urgent mark arrives as the offset of the last urgent byte. */
static void
test_urgent(void)
{
	struct tc_pair p;
	uint8_t data[3000];
	uint64_t off;
	size_t consumed;

	pair_setup(&p, 31, NULL, NULL);
	tc_negotiate(&p, TCPCRYPT_TEP_X25519);
	tc_pump(&p);
	memset(data, 'u', sizeof(data));
	CHECK_R(tcpcrypt_handle_app_data(p.h[0].c, data, 1000, 0,
	    &consumed), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_handle_app_data(p.h[0].c, data, 500,
	    TCPCRYPT_APP_URGENT, &consumed), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_handle_app_data(p.h[0].c, data, 700, 0,
	    &consumed), TCPCRYPT_R_NONE);
	tc_buf_add(&p.h[0].app_out, data, 2200);
	p.h[0].app_written = 2200;
	tc_pump(&p);
	CHECK(tc_host_ok(&p.h[0], &p.h[1]), "urgent: data");
	CHECK(tcpcrypt_poll_urgent(p.h[1].c, &off) && off == 1499,
	    "urgent offset %llu", (unsigned long long)off);
	CHECK(!tcpcrypt_poll_urgent(p.h[1].c, &off), "urgent reported twice");
	tc_pair_free(&p);
}

/* Large volume, random MSS-like fragments and small poll buffers. */
static void
test_bulk(void)
{
	struct tc_pair p;

	pair_setup(&p, 41, NULL, NULL);
	p.tx_cap = 1460;
	p.max_frag = 20000;
	tc_negotiate(&p, TCPCRYPT_TEP_X25519);
	tc_queue_app(&p.h[0], &p.rng, 2 << 20);
	tc_queue_app(&p.h[1], &p.rng, 1 << 20);
	p.h[0].close_after = p.h[1].close_after = true;
	tc_pump(&p);
	CHECK(tc_host_ok(&p.h[0], &p.h[1]) && tc_host_ok(&p.h[1], &p.h[0]),
	    "bulk data differs");
	CHECK(tcpcrypt_eof(p.h[0].c) && tcpcrypt_eof(p.h[1].c), "bulk EOF");
	tc_pair_free(&p);
}

/*
 * tcpcrypt_rx_pending(), fed one byte at a time: Init bytes never count
 * (they never become plaintext); a frame's bytes count while it is
 * gathered, *need falls to 0 as it completes, and its data counts until
 * poll_plaintext takes it.
 */
static void
test_rx_pending(void)
{
	struct tc_pair p;
	uint8_t frame[TCPCRYPT_FRAME_MAX], data[1000], got[2000];
	enum tcpcrypt_reason r;
	size_t len, consumed, k, held, need, want_need, bad;
	int flags;

	pair_setup(&p, 51, NULL, NULL);
	tc_negotiate(&p, TCPCRYPT_TEP_X25519);
	CHECK(tcpcrypt_rx_pending(p.h[1].c, &need) == 0 && need == 0,
	    "pending before any byte");
	CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, frame, sizeof(frame), &len,
	    &flags), TCPCRYPT_R_NONE);
	tc_buf_add(&p.h[0].wire, frame, len);
	CHECK_R(tcpcrypt_handle_stream_bytes(p.h[1].c, frame, 5, &consumed),
	    TCPCRYPT_R_NONE);
	p.h[0].delivered = consumed;
	CHECK(consumed == 5 && tcpcrypt_rx_pending(p.h[1].c, &need) == 0 &&
	    need == 0, "partial Init1 counted");
	tc_pump(&p);
	CHECK(tcpcrypt_encrypting(p.h[0].c) && tcpcrypt_encrypting(p.h[1].c),
	    "no keys");

	memset(data, 'r', sizeof(data));
	CHECK_R(tcpcrypt_handle_app_data(p.h[0].c, data, sizeof(data), 0,
	    &consumed), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, frame, sizeof(frame), &len,
	    &flags), TCPCRYPT_R_NONE);
	CHECK(len > sizeof(data) + TCPCRYPT_FRAME_HDR_LEN, "frame %zu", len);
	CHECK(tcpcrypt_rx_pending(p.h[1].c, NULL) == 0, "pending before");
	held = need = bad = 0;
	for (k = 1; k <= len && bad == 0; k++) {
		r = tcpcrypt_handle_stream_bytes(p.h[1].c, frame + k - 1, 1,
		    &consumed);
		held = tcpcrypt_rx_pending(p.h[1].c, &need);
		want_need = k < TCPCRYPT_FRAME_HDR_LEN ?
		    TCPCRYPT_FRAME_HDR_LEN - k : len - k;
		if (r != TCPCRYPT_R_NONE || consumed != 1 ||
		    (k < len && (held != k || need != want_need)))
			bad = k;
	}
	CHECK(bad == 0, "byte %zu/%zu: held %zu need %zu", bad, len, held,
	    need);
	CHECK(held == sizeof(data) && need == 0,
	    "opened: held %zu need %zu", held, need);
	CHECK_R(tcpcrypt_poll_plaintext(p.h[1].c, got, sizeof(got), &len),
	    TCPCRYPT_R_NONE);
	CHECK(len == sizeof(data) && memcmp(got, data, len) == 0,
	    "plaintext %zu", len);
	CHECK(tcpcrypt_rx_pending(p.h[1].c, &need) == 0 && need == 0,
	    "pending after delivery");
	tc_pair_free(&p);
}

void
tc_suite_pair(void)
{

	test_every_tep_aead();
	test_tiny_fragments();
	test_aead_choice();
	test_hold_until_keys();
	test_urgent();
	test_bulk();
	test_rx_pending();
}
