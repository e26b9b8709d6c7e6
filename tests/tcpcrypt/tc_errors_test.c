/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
 */

/*
 * Aborts of the tcpcrypt engine with their exact reasons and D8 classes:
 * a flipped bit anywhere after the handshake (3.6, D7: EINTEGRITY, never
 * a clean EOF), a FIN without FINp, inside a frame or inside the key
 * exchange (3.7, D8: EPROTO), no common AEAD (D6), a cipher A never
 * offered (3.3), an invalid peer key (5), and that an abort is sticky and
 * leaves no plaintext behind.
 */

#include <string.h>

#include "tc_harness.h"

static void
pair_fresh(struct tc_pair *p, uint64_t seed, uint8_t tep)
{

	tc_pair_init(p, seed);
	p->h[0].c = tc_conn(true, NULL, &p->rng);
	p->h[1].c = tc_conn(false, NULL, &p->rng);
	tc_negotiate(p, tep);
}

/*
 * Flip one bit of A's stream at `at` (Init1 is 79 bytes for X25519 with
 * three AEADs): B must end in EINTEGRITY, must not report EOF, and must
 * not have delivered the data of the damaged frame.
 */
static void
tamper_at(size_t at, uint8_t mask, uint64_t seed)
{
	struct tc_pair p;
	enum tcpcrypt_reason r;

	pair_fresh(&p, seed, TCPCRYPT_TEP_X25519);
	p.tamper_host = 0;
	p.tamper_at = at;
	p.tamper_mask = mask;
	tc_queue_app(&p.h[0], &p.rng, 50000);
	p.h[0].close_after = true;
	tc_pump(&p);
	r = tcpcrypt_error(p.h[1].c);
	CHECK(r == TCPCRYPT_R_FRAME_AUTH || r == TCPCRYPT_R_FRAME_SHORT,
	    "tamper at %zu: got %s", at, tcpcrypt_reason_name(r));
	CHECK(tcpcrypt_reason_errclass(r) == TCP_ENO_EC_INTEGRITY,
	    "tamper class");
	CHECK(!tcpcrypt_eof(p.h[1].c), "tamper at %zu: clean EOF", at);
	CHECK(p.h[1].app_in.len < p.h[0].app_out.len, "all data delivered");
	CHECK(p.h[1].app_in.len == 0 || memcmp(p.h[1].app_in.p,
	    p.h[0].app_out.p, p.h[1].app_in.len) == 0,
	    "corrupted data delivered");
	tc_pair_free(&p);
}

static void
test_tamper(void)
{
	size_t init1 = 9 + 6 + 32 + 32;

	tamper_at(init1, 0x01, 1);		/* control: rekey bit */
	tamper_at(init1 + 1, 0x80, 2);		/* clen high byte */
	tamper_at(init1 + 2, 0x01, 3);		/* clen low byte */
	tamper_at(init1 + 3, 0x01, 4);		/* flags ciphertext */
	tamper_at(init1 + 100, 0x20, 5);	/* data */
	tamper_at(init1 + 30000, 0x04, 6);	/* a later frame */
	tamper_at(init1 + 10, 0x40, 7);
}

/*
 * A damaged Init message: B computes other keys (A's nonce or key
 * changed) or rejects A's key, so the first frame cannot authenticate.
 */
static void
test_tamper_init(void)
{
	struct tc_pair p;
	enum tcpcrypt_reason r0, r1;

	pair_fresh(&p, 8, TCPCRYPT_TEP_X25519);
	p.tamper_host = 0;
	p.tamper_at = 9 + 6 + 5;	/* inside N_A */
	p.tamper_mask = 0x10;
	tc_queue_app(&p.h[0], &p.rng, 1000);
	tc_queue_app(&p.h[1], &p.rng, 1000);
	tc_pump(&p);
	r0 = tcpcrypt_error(p.h[0].c);
	r1 = tcpcrypt_error(p.h[1].c);
	CHECK(r0 == TCPCRYPT_R_FRAME_AUTH || r1 == TCPCRYPT_R_FRAME_AUTH,
	    "N_A tamper: %s / %s", tcpcrypt_reason_name(r0),
	    tcpcrypt_reason_name(r1));
	CHECK(p.h[0].app_in.len == 0 && p.h[1].app_in.len == 0,
	    "data under mismatched keys");
	tc_pair_free(&p);

	/* P-256: a corrupted compressed point prefix is rejected (5). */
	pair_fresh(&p, 9, TCPCRYPT_TEP_P256);
	p.tamper_host = 0;
	p.tamper_at = 9 + 6 + 32 + 2;	/* 0x02/0x03 prefix of Pub_A */
	p.tamper_mask = 0x08;
	tc_pump(&p);
	CHECK_R(tcpcrypt_error(p.h[1].c), TCPCRYPT_R_BAD_PEER_KEY);
	CHECK(tcpcrypt_reason_errclass(TCPCRYPT_R_BAD_PEER_KEY) ==
	    TCP_ENO_EC_INTEGRITY, "bad key class");
	CHECK(p.h[1].wire.len == 0, "B sent Init2 after a bad key");
	tc_pair_free(&p);
}

/* 3.7, D8: TCP FIN without a FINp frame is EPROTO, not end-of-file. */
static void
test_fin_without_finp(void)
{
	struct tc_pair p;

	pair_fresh(&p, 10, TCPCRYPT_TEP_X25519);
	tc_queue_app(&p.h[0], &p.rng, 5000);
	tc_pump(&p);
	CHECK(tc_host_ok(&p.h[0], &p.h[1]), "data before FIN");
	CHECK_R(tcpcrypt_handle_fin(p.h[1].c), TCPCRYPT_R_FIN_WITHOUT_FINP);
	CHECK(tcpcrypt_reason_errclass(tcpcrypt_error(p.h[1].c)) ==
	    TCP_ENO_EC_PROTOCOL, "class");
	CHECK(!tcpcrypt_eof(p.h[1].c), "EOF after FIN without FINp");
	tc_pair_free(&p);

	/* FIN in the middle of a frame: truncated frame. */
	pair_fresh(&p, 11, TCPCRYPT_TEP_X25519);
	tc_pump(&p);
	{
		uint8_t out[TCPCRYPT_FRAME_MAX];
		size_t len, consumed;
		int flags;

		CHECK_R(tcpcrypt_handle_app_data(p.h[0].c, (const uint8_t *)
		    "hello, truncated world", 22, 0, &consumed),
		    TCPCRYPT_R_NONE);
		CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out),
		    &len, &flags), TCPCRYPT_R_NONE);
		CHECK(len == 22 + 20, "frame length %zu", len);
		CHECK_R(tcpcrypt_handle_stream_bytes(p.h[1].c, out, len - 1,
		    &consumed), TCPCRYPT_R_NONE);
		CHECK(consumed == len - 1, "consumed %zu", consumed);
		CHECK_R(tcpcrypt_handle_fin(p.h[1].c),
		    TCPCRYPT_R_TRUNCATED_FRAME);
	}
	tc_pair_free(&p);

	/* FIN inside Init1. */
	pair_fresh(&p, 12, TCPCRYPT_TEP_X25519);
	{
		uint8_t out[TCPCRYPT_FRAME_MAX];
		size_t len, consumed;
		int flags;

		CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out),
		    &len, &flags), TCPCRYPT_R_NONE);
		CHECK_R(tcpcrypt_handle_stream_bytes(p.h[1].c, out, 20,
		    &consumed), TCPCRYPT_R_NONE);
		CHECK_R(tcpcrypt_handle_fin(p.h[1].c),
		    TCPCRYPT_R_TRUNCATED_INIT);
		CHECK(tcpcrypt_reason_errclass(TCPCRYPT_R_TRUNCATED_INIT) ==
		    TCP_ENO_EC_PROTOCOL, "class");
	}
	tc_pair_free(&p);
}

/* Bytes after the FINp frame. */
static void
test_data_after_finp(void)
{
	struct tc_pair p;
	uint8_t out[TCPCRYPT_FRAME_MAX];
	size_t len, consumed;
	int flags;

	pair_fresh(&p, 13, TCPCRYPT_TEP_X25519);
	p.h[0].close_after = true;
	tc_pump(&p);
	CHECK(tcpcrypt_eof(p.h[1].c), "EOF");
	CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out), &len,
	    &flags), TCPCRYPT_R_NONE);
	CHECK(len == 0, "frame after FINp: %zu bytes", len);
	CHECK_R(tcpcrypt_handle_app_data(p.h[0].c, out, 1, 0, &consumed),
	    TCPCRYPT_R_WRITE_AFTER_CLOSE);
	out[0] = 0;
	CHECK_R(tcpcrypt_handle_stream_bytes(p.h[1].c, out, 1, &consumed),
	    TCPCRYPT_R_DATA_AFTER_FINP);
	tc_pair_free(&p);
}

/* D6: no common AEAD: B aborts and sends no Init2. 3.3: A checks it. */
static void
test_aead_mismatch(void)
{
	struct tc_conn_opts oa = { .aconf = { 0x0001 }, .naconf = 1 };
	struct tc_conn_opts ob = { .bconf = { 0x0002, 0x0010 }, .nbconf = 2 };
	struct tc_pair p;

	tc_pair_init(&p, 14);
	p.h[0].c = tc_conn(true, &oa, &p.rng);
	p.h[1].c = tc_conn(false, &ob, &p.rng);
	tc_negotiate(&p, TCPCRYPT_TEP_X25519);
	tc_pump(&p);
	CHECK_R(tcpcrypt_error(p.h[1].c), TCPCRYPT_R_NO_COMMON_AEAD);
	CHECK(p.h[1].wire.len == 0, "Init2 sent without a common AEAD");
	CHECK(tcpcrypt_reason_errclass(TCPCRYPT_R_NO_COMMON_AEAD) ==
	    TCP_ENO_EC_PROTOCOL, "class");
	tc_pair_free(&p);
}

/* After an abort every call reports the first reason; nothing leaves. */
static void
test_abort_sticky(void)
{
	struct tc_pair p;
	uint8_t out[TCPCRYPT_FRAME_MAX], sid[64];
	size_t len;
	int flags;

	pair_fresh(&p, 15, TCPCRYPT_TEP_X25519);
	tc_pump(&p);
	CHECK_R(tcpcrypt_handle_abort(p.h[0].c), TCPCRYPT_R_LOCAL_ABORT);
	CHECK_R(tcpcrypt_handle_fin(p.h[0].c), TCPCRYPT_R_LOCAL_ABORT);
	CHECK_R(tcpcrypt_poll_transmit(p.h[0].c, out, sizeof(out), &len,
	    &flags), TCPCRYPT_R_LOCAL_ABORT);
	CHECK(len == 0, "bytes after abort");
	CHECK_R(tcpcrypt_session_id(p.h[0].c, sid, sizeof(sid), &len),
	    TCPCRYPT_R_LOCAL_ABORT);
	CHECK(tcpcrypt_reason_fatal(TCPCRYPT_R_FRAME_AUTH), "fatal");
	CHECK(!tcpcrypt_reason_fatal(TCPCRYPT_R_REKEY_OUTSTANDING), "!fatal");
	tc_pair_free(&p);
}

/* Misuse is refused without a state change. */
static void
test_misuse(void)
{
	struct tcpcrypt_conn *c;
	struct tcpcrypt_config cfg;
	struct tc_rng rng = { 1 };
	uint8_t out[TCPCRYPT_FRAME_MAX], conf[] = { 0x00, 0x03 };
	size_t len;
	int flags;

	c = tc_conn(true, NULL, &rng);
	CHECK_R(tcpcrypt_handle_stream_bytes(c, out, 1, &len),
	    TCPCRYPT_R_BAD_STATE);
	CHECK_R(tcpcrypt_poll_transmit(c, out, sizeof(out), &len, &flags),
	    TCPCRYPT_R_BAD_STATE);
	CHECK_R(tcpcrypt_session_id(c, out, sizeof(out), &len),
	    TCPCRYPT_R_NOT_ENCRYPTING);
	CHECK_R(tcpcrypt_error(c), TCPCRYPT_R_NONE);
	tcpcrypt_conn_destroy(c);
	CHECK_R(tcpcrypt_check_conf(conf, 2), TCPCRYPT_R_BAD_CONFIG);
	CHECK_R(tcpcrypt_check_conf(conf, 1), TCPCRYPT_R_BAD_CONFIG);
	CHECK_R(tcpcrypt_check_conf(conf, 0), TCPCRYPT_R_BAD_CONFIG);
	conf[1] = 0x10;
	CHECK_R(tcpcrypt_check_conf(conf, 2), TCPCRYPT_R_NONE);
	memset(&cfg, 0, sizeof(cfg));
	cfg.alloc = &tc_alloc;
	cfg.random = tc_random_fn;
	cfg.random_arg = &rng;
	cfg.aconf_len = 3;
	CHECK_R(tcpcrypt_conn_create(&cfg, &c), TCPCRYPT_R_BAD_CONFIG);
}

void
tc_suite_errors(void)
{

	test_tamper();
	test_tamper_init();
	test_fin_without_finp();
	test_data_after_finp();
	test_aead_mismatch();
	test_abort_sticky();
	test_misuse();
}
