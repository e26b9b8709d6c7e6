/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
 */

/*
 * Init1 / Init2 (RFC 8548 3.3, 4.1) and D5: each malformed message is
 * rejected with its own reason as soon as the offending bytes arrive;
 * ignored trailing bytes are accepted and covered by PRK; and an
 * independent host A built from crypto-core calls checks B's key
 * schedule, direction and D4 frame offset (Init2 bytes counted).
 */

#include <string.h>

#include "tc_harness.h"
#include "tcpcrypt_engine_var.h"

static const uint8_t transcript[] = { 69, 3, 0x23, 69, 4, 0x01, 0x23 };

static struct tcpcrypt_conn *
host_opts(bool active, struct tc_rng *rng, uint8_t tep,
    const struct tc_conn_opts *o)
{
	struct tcpcrypt_negotiated neg;
	struct tcpcrypt_conn *c;

	c = tc_conn(active, o, rng);
	memset(&neg, 0, sizeof(neg));
	neg.role = active ? 0 : 1;
	neg.tep_byte = tep;
	neg.transcript = transcript;
	neg.transcript_len = sizeof(transcript);
	CHECK_R(tcpcrypt_handle_negotiated(c, &neg), TCPCRYPT_R_NONE);
	return (c);
}

static struct tcpcrypt_conn *
host(bool active, struct tc_rng *rng, uint8_t tep)
{

	return (host_opts(active, rng, tep, NULL));
}

/* Builds an X25519 Init1 (one cipher list) with `extra` trailing bytes. */
static size_t
make_init1(uint8_t *out, const uint16_t *ciphers, size_t n,
    const uint8_t *n_a, const uint8_t *pub, size_t extra)
{
	size_t len;

	CHECK_R(tcpcrypt_create_init1(TCPCRYPT_TEP_X25519, ciphers, n, n_a,
	    pub, 32, out, 600, &len), TCPCRYPT_R_NONE);
	memset(out + len, 0xee, extra);
	len += extra;
	tcpcrypt_put_be32(out + 4, (uint32_t)len);
	return (len);
}

/*
 * Feed msg to a fresh B (or A for Init2) in fragments of `frag` bytes;
 * the reason of the first rejection, and how many bytes it took.
 */
static enum tcpcrypt_reason
feed(bool to_a, const uint8_t *msg, size_t len, size_t frag, size_t *used)
{
	struct tc_rng rng = { 77 };
	struct tcpcrypt_conn *c;
	enum tcpcrypt_reason r;
	uint8_t out[TCPCRYPT_FRAME_MAX];
	size_t n, consumed, olen;
	int flags;

	c = host(to_a, &rng, TCPCRYPT_TEP_X25519);
	if (to_a)
		(void)tcpcrypt_poll_transmit(c, out, sizeof(out), &olen,
		    &flags);
	r = TCPCRYPT_R_NONE;
	for (*used = 0; *used < len && r == TCPCRYPT_R_NONE;) {
		n = len - *used < frag ? len - *used : frag;
		r = tcpcrypt_handle_stream_bytes(c, msg + *used, n, &consumed);
		*used += n;
	}
	tcpcrypt_conn_destroy(c);
	return (r);
}

static void
test_init1_rejects(void)
{
	uint16_t ciphers[] = { 0x0001 };
	uint8_t msg[700], key[32], nonce[32];
	size_t len, used;

	memset(key, 9, sizeof(key));
	memset(nonce, 1, sizeof(nonce));
	len = make_init1(msg, ciphers, 1, nonce, key, 0);
	CHECK(len == 9 + 2 + 32 + 32, "len %zu", len);

	msg[2] ^= 1;
	CHECK_R(feed(false, msg, len, 1, &used), TCPCRYPT_R_INIT1_BAD_MAGIC);
	CHECK(used == 4, "magic rejected after %zu bytes", used);
	msg[2] ^= 1;

	tcpcrypt_put_be32(msg + 4, 4097);
	CHECK_R(feed(false, msg, len, 1, &used), TCPCRYPT_R_INIT_TOO_LONG);
	CHECK(used == 8, "length rejected after %zu bytes", used);
	tcpcrypt_put_be32(msg + 4, 4096);
	CHECK_R(feed(false, msg, len, 3, &used), TCPCRYPT_R_NONE);

	tcpcrypt_put_be32(msg + 4, (uint32_t)len - 1);
	CHECK_R(feed(false, msg, len, 1, &used), TCPCRYPT_R_INIT_TOO_SHORT);
	CHECK(used == 8, "short rejected after %zu bytes", used);
	tcpcrypt_put_be32(msg + 4, 20);
	CHECK_R(feed(false, msg, len, 8, &used), TCPCRYPT_R_INIT_TOO_SHORT);

	tcpcrypt_put_be32(msg + 4, (uint32_t)len);
	msg[8] = 0;
	CHECK_R(feed(false, msg, len, 100, &used),
	    TCPCRYPT_R_INIT1_NO_CIPHERS);
	msg[8] = 3;	/* 3 ciphers announced, message sized for 1 */
	CHECK_R(feed(false, msg, len, 100, &used), TCPCRYPT_R_INIT_TOO_SHORT);
	msg[8] = 1;

	/* A cipher B does not know, alone: no common AEAD (D6). */
	tcpcrypt_put_be16(msg + 9, 0x0003);
	CHECK_R(feed(false, msg, len, 100, &used), TCPCRYPT_R_NO_COMMON_AEAD);
	tcpcrypt_put_be16(msg + 9, 0x0001);

	/* All-zero X25519 key: zero shared secret (5, RFC 7748 6). */
	memset(key, 0, sizeof(key));
	len = make_init1(msg, ciphers, 1, nonce, key, 0);
	CHECK_R(feed(false, msg, len, 7, &used), TCPCRYPT_R_BAD_PEER_KEY);

	/* Trailing bytes inside message_len are ignored (4.1 MUST). */
	memset(key, 9, sizeof(key));
	len = make_init1(msg, ciphers, 1, nonce, key, 300);
	CHECK_R(feed(false, msg, len, 1, &used), TCPCRYPT_R_NONE);
}

static void
test_init2_rejects(void)
{
	uint8_t msg[600], key[32], nonce[32];
	size_t len, used;

	memset(key, 9, sizeof(key));
	memset(nonce, 2, sizeof(nonce));
	CHECK_R(tcpcrypt_create_init2(TCPCRYPT_TEP_X25519, 0x0001, nonce, key,
	    32, msg, sizeof(msg), &len), TCPCRYPT_R_NONE);
	CHECK(len == 10 + 32 + 32, "Init2 length %zu", len);
	CHECK_R(feed(true, msg, len, 5, &used), TCPCRYPT_R_NONE);
	msg[0] ^= 0x80;
	CHECK_R(feed(true, msg, len, 5, &used), TCPCRYPT_R_INIT2_BAD_MAGIC);
	msg[0] ^= 0x80;
	tcpcrypt_put_be16(msg + 8, 0x0003);
	CHECK_R(feed(true, msg, len, 5, &used),
	    TCPCRYPT_R_CIPHER_NOT_OFFERED);
	tcpcrypt_put_be16(msg + 8, 0x0001);
	tcpcrypt_put_be32(msg + 4, (uint32_t)len - 1);
	CHECK_R(feed(true, msg, len, 100, &used), TCPCRYPT_R_INIT_TOO_SHORT);
	tcpcrypt_put_be32(msg + 4, 0xffffffffU);
	CHECK_R(feed(true, msg, len, 100, &used), TCPCRYPT_R_INIT_TOO_LONG);
	/* The codec's own view of a whole message. */
	{
		struct tcpcrypt_init2_view v;

		tcpcrypt_put_be32(msg + 4, (uint32_t)len);
		CHECK_R(tcpcrypt_consume_init2(TCPCRYPT_TEP_X25519, msg, len,
		    &v), TCPCRYPT_R_NONE);
		CHECK(v.cipher == 1 && v.n_b == msg + 10 && v.pub_len == 32,
		    "Init2 view");
		CHECK_R(tcpcrypt_consume_init2(TCPCRYPT_TEP_X25519, msg, 3,
		    &v), TCPCRYPT_R_INIT_TOO_SHORT);
		CHECK_R(tcpcrypt_consume_init2(0x30, msg, len, &v),
		    TCPCRYPT_R_UNSUPPORTED_TEP);
	}
}

/*
 * Host A by hand: X25519 key pair, Init1 with 5 ignored bytes.  B's
 * session ID must equal CPRF over PRK computed here from the messages as
 * transmitted, and B's first frame must open with k_ba[0] at the offset
 * just after Init2 (D4).
 */
static void
independent_a(struct tcpcrypt_cache *cache, struct tcpcrypt_core_secret *out)
{
	struct tc_conn_opts ob = { .cache = cache, .peer = "host-a" };
	struct tc_rng rng = { 88 };
	struct tcpcrypt_core_kx kx;
	struct tcpcrypt_core_secret ss0, mk0;
	struct tcpcrypt_core_aead aead;
	uint16_t ciphers[] = { 0x0010 };
	uint8_t sk[32], pub[32], n_a[32], init1[200], es[64], sid[40];
	uint8_t sid_b[40], wire[TCPCRYPT_FRAME_MAX + 200], ctl, flg;
	size_t init1_len, pub_len, es_len, sid_len, n, consumed, off, wlen;
	size_t init2_len, data_off, data_len;
	struct tcpcrypt_conn *b;
	uint16_t urg;
	int flags;

	memset(&kx, 0, sizeof(kx));
	memset(&aead, 0, sizeof(aead));
	tc_fill(&rng, sk, sizeof(sk));
	tc_fill(&rng, n_a, sizeof(n_a));
	CHECK(tcpcrypt_core_kx_init(&kx, TCPCRYPT_TEP_X25519, sk, 32) == 0,
	    "kx_init");
	CHECK(tcpcrypt_core_kx_public(&kx, pub, sizeof(pub), &pub_len) == 0,
	    "kx_public");
	init1_len = make_init1(init1, ciphers, 1, n_a, pub, 5);

	b = host_opts(false, &rng, TCPCRYPT_TEP_X25519, &ob);
	for (off = 0; off < init1_len; off += n) {
		n = init1_len - off < 10 ? init1_len - off : 10;
		CHECK_R(tcpcrypt_handle_stream_bytes(b, init1 + off, n,
		    &consumed), TCPCRYPT_R_NONE);
	}
	CHECK(tcpcrypt_encrypting(b), "B has no keys after Init1");
	CHECK_R(tcpcrypt_handle_app_data(b, (const uint8_t *)"independent",
	    11, 0, &consumed), TCPCRYPT_R_NONE);
	for (wlen = 0;; wlen += n) {
		CHECK_R(tcpcrypt_poll_transmit(b, wire + wlen, sizeof(wire) -
		    wlen, &n, &flags), TCPCRYPT_R_NONE);
		if (n == 0)
			break;
	}
	init2_len = 10 + 32 + 32;
	CHECK(wlen == init2_len + 11 + 20, "B wrote %zu", wlen);
	CHECK(tcpcrypt_be16(wire + 8) == 0x0010, "sym_cipher");

	CHECK(tcpcrypt_core_kx_agree(&kx, wire + 10 + 32, 32, es, sizeof(es),
	    &es_len) == 0, "agree");
	CHECK(tcpcrypt_core_prk(&ss0, n_a, 32, transcript, sizeof(transcript),
	    init1, init1_len, wire, init2_len, es, es_len) == 0, "prk");
	CHECK(tcpcrypt_core_session_id(&ss0, TCPCRYPT_TEP_X25519, NULL, 0,
	    sid, sizeof(sid), &sid_len) == 0, "sessid");
	CHECK_R(tcpcrypt_session_id(b, sid_b, sizeof(sid_b), &n),
	    TCPCRYPT_R_NONE);
	CHECK(n == sid_len && memcmp(sid, sid_b, n) == 0,
	    "B's session ID disagrees with crypto-core's schedule");
	CHECK(tcpcrypt_core_mk_first(&ss0, NULL, 0, &mk0) == 0, "mk0");
	CHECK(tcpcrypt_core_aead_init(&aead, 0x0010, &mk0,
	    TCPCRYPT_CORE_DIR_BA) == 0, "k_ba");
	CHECK(tcpcrypt_core_frame_open(&aead, init2_len, wire + init2_len,
	    wlen - init2_len, &ctl, &flg, &urg, &data_off, &data_len) == 0,
	    "B's frame does not open at offset %zu", init2_len);
	CHECK(data_len == 11 && memcmp(wire + init2_len + data_off,
	    "independent", 11) == 0, "frame data");
	tcpcrypt_core_kx_reset(&kx);
	tcpcrypt_core_aead_reset(&aead);
	memcpy(out, &ss0, sizeof(ss0));
	tcpcrypt_core_secret_reset(&ss0);
	tcpcrypt_core_secret_reset(&mk0);
	tcpcrypt_conn_destroy(b);
}

static void
test_independent_a(void)
{
	struct tcpcrypt_core_secret ss0;

	independent_a(NULL, &ss0);
	tcpcrypt_core_secret_reset(&ss0);
}

/*
 * Resumption checked the same way (3.5): from ss[0] of a hand-made fresh
 * session, ss[1] and resume[1]; the hand-made A offers resume[1]{0..8} |
 * nonce_a (5 bytes), B must answer with resume[1]{9..17} | nonce_b, its session ID
 * must be TEP|v | CPRF(ss[1], CONST_SESSID | nonce_a | nonce_b), and its
 * first frame must open under k_ba of mk[0] = CPRF(ss[1], CONST_REKEY |
 * sn) at offset 0.
 */
static void
test_independent_resume(void)
{
	struct tcpcrypt_cache *cache;
	struct tcpcrypt_core_secret ss, mk0;
	struct tcpcrypt_core_aead aead;
	struct tc_conn_opts ob;
	struct tc_rng rng = { 99 };
	struct tcpcrypt_conn *b;
	uint8_t resume[18], offer[14], ans[32], sn[16], sid[40], sid_b[40];
	uint8_t wire[TCPCRYPT_FRAME_MAX], ctl, flg;
	size_t len, alen, sid_len, consumed, data_off, data_len;
	uint16_t urg;
	int flags;

	CHECK_R(tcpcrypt_cache_create(&tc_alloc, 4, 0, &cache),
	    TCPCRYPT_R_NONE);
	independent_a(cache, &ss);
	CHECK(tcpcrypt_cache_count(cache) == 1, "B cached nothing");
	CHECK(tcpcrypt_core_ss_next(&ss, &ss) == 0 &&
	    tcpcrypt_core_resume_id(&ss, resume, sizeof(resume), &len) == 0,
	    "ss[1], resume[1]");
	/* A 5-byte nonce: 3.5 allows 0-8 bytes. */
	memcpy(offer, resume, 9);
	tc_fill(&rng, offer + 9, 5);
	memset(&ob, 0, sizeof(ob));
	ob.cache = cache;
	ob.peer = "host-a";
	b = tc_conn(false, &ob, &rng);
	CHECK_R(tcpcrypt_consume_resume_offer(b, TCPCRYPT_TEP_X25519, offer,
	    sizeof(offer)), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_create_resume_answer(b, TCPCRYPT_TEP_X25519, ans,
	    sizeof(ans), &alen), TCPCRYPT_R_NONE);
	CHECK(alen == 17 && memcmp(ans, resume + 9, 9) == 0, "B's half");
	{
		struct tcpcrypt_negotiated neg = { .role = 1,
		    .tep_byte = TCPCRYPT_TEP_X25519 | 0x80,
		    .transcript = transcript,
		    .transcript_len = sizeof(transcript) };

		CHECK_R(tcpcrypt_handle_negotiated(b, &neg), TCPCRYPT_R_NONE);
	}
	memcpy(sn, offer + 9, 5);
	memcpy(sn + 5, ans + 9, 8);
	CHECK(tcpcrypt_core_session_id(&ss, 0xa3, sn, 13, sid, sizeof(sid),
	    &sid_len) == 0, "expected sessid");
	CHECK_R(tcpcrypt_session_id(b, sid_b, sizeof(sid_b), &len),
	    TCPCRYPT_R_NONE);
	CHECK(len == sid_len && memcmp(sid, sid_b, len) == 0,
	    "resumed session ID disagrees (sn order or ss[1])");
	CHECK_R(tcpcrypt_handle_app_data(b, (const uint8_t *)"again", 5, 0,
	    &consumed), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_poll_transmit(b, wire, sizeof(wire), &len, &flags),
	    TCPCRYPT_R_NONE);
	memset(&aead, 0, sizeof(aead));
	CHECK(tcpcrypt_core_mk_first(&ss, sn, 13, &mk0) == 0 &&
	    tcpcrypt_core_aead_init(&aead, 0x0010, &mk0,
	    TCPCRYPT_CORE_DIR_BA) == 0, "k_ba of the resumed session");
	CHECK(tcpcrypt_core_frame_open(&aead, 0, wire, len, &ctl, &flg, &urg,
	    &data_off, &data_len) == 0 && data_len == 5 &&
	    memcmp(wire + data_off, "again", 5) == 0,
	    "resumed frame at offset 0");
	tcpcrypt_core_aead_reset(&aead);
	tcpcrypt_core_secret_reset(&ss);
	tcpcrypt_core_secret_reset(&mk0);
	tcpcrypt_conn_destroy(b);
	tcpcrypt_cache_destroy(cache);
}

void
tc_suite_init(void)
{

	test_init1_rejects();
	test_init2_rejects();
	test_independent_a();
	test_independent_resume();
}
