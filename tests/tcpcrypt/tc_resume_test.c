/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
 */

/*
 * Session resumption (RFC 8548 3.5, D12) with the suboption exchange the
 * ENO engine would carry done by hand: i = 1 and i = 2 resume with v = 1
 * session IDs that differ, no Init messages, TCP_CRYPT_CACHE_FLUSH on
 * either side, the no-cache policy, direction of the original open,
 * expiry, the bound, mismatching and malformed halves.
 */

#include <string.h>

#include "tc_harness.h"

#define	TEP	TCPCRYPT_TEP_X25519

struct resume_result {
	bool		offered;
	bool		resumed;
	uint8_t		sid[TCPCRYPT_SESSID_LEN];
	uint8_t		offer[32];
	size_t		offer_len;
};

/*
 * One connection from the host owning `ca` (active) to the one owning
 * `cb`; runs the SYN / SYN-ACK suboption exchange, then the session.
 * flush: 0 none, 1 flush A after, 2 flush B after.
 */
static void
connect_named(struct tcpcrypt_cache *ca, const char *name_a,
    struct tcpcrypt_cache *cb, const char *name_b, uint64_t seed, int flush,
    bool no_cache_a, struct resume_result *res)
{
	struct tc_conn_opts oa = { .cache = ca, .peer = name_b,
	    .no_cache = no_cache_a };
	struct tc_conn_opts ob = { .cache = cb, .peer = name_a };
	struct tc_pair p;
	uint8_t ans[32];
	size_t alen, len;
	uint8_t tep_byte;

	memset(res, 0, sizeof(*res));
	tc_pair_init(&p, seed);
	p.h[0].c = tc_conn(true, &oa, &p.rng);
	p.h[1].c = tc_conn(false, &ob, &p.rng);
	tep_byte = TEP;
	(void)tcpcrypt_create_resume_offer(p.h[0].c, TEP, res->offer,
	    sizeof(res->offer), &res->offer_len);
	res->offered = res->offer_len != 0;
	if (res->offered &&
	    tcpcrypt_consume_resume_offer(p.h[1].c, TEP, res->offer,
	    res->offer_len) == TCPCRYPT_R_NONE &&
	    tcpcrypt_create_resume_answer(p.h[1].c, TEP, ans, sizeof(ans),
	    &alen) == TCPCRYPT_R_NONE) {
		CHECK_R(tcpcrypt_consume_resume_answer(p.h[0].c, TEP, ans,
		    alen), TCPCRYPT_R_NONE);
		tep_byte |= 0x80;
	}
	tc_negotiate(&p, tep_byte);
	tc_queue_app(&p.h[0], &p.rng, 20000);
	tc_queue_app(&p.h[1], &p.rng, 20000);
	tc_pump(&p);
	CHECK(tc_host_ok(&p.h[0], &p.h[1]) && tc_host_ok(&p.h[1], &p.h[0]),
	    "resume seed %llu: data", (unsigned long long)seed);
	res->resumed = tcpcrypt_resumed(p.h[0].c);
	CHECK(res->resumed == tcpcrypt_resumed(p.h[1].c), "resumed differs");
	CHECK_R(tcpcrypt_session_id(p.h[0].c, res->sid, sizeof(res->sid),
	    &len), TCPCRYPT_R_NONE);
	{
		uint8_t sb[TCPCRYPT_SESSID_LEN];

		CHECK_R(tcpcrypt_session_id(p.h[1].c, sb, sizeof(sb), &len),
		    TCPCRYPT_R_NONE);
		CHECK(memcmp(sb, res->sid, sizeof(sb)) == 0, "sessid differs");
	}
	/* 3.5: a resumed session starts with a frame, never Init1. */
	if (res->resumed)
		CHECK(p.h[0].wire.len > 4 && !(p.h[0].wire.p[0] == 0x15 &&
		    p.h[0].wire.p[1] == 0x10), "Init1 in a resumed session");
	if (flush == 1)
		CHECK_R(tcpcrypt_handle_cache_flush(p.h[0].c),
		    TCPCRYPT_R_NONE);
	if (flush == 2)
		CHECK_R(tcpcrypt_handle_cache_flush(p.h[1].c),
		    TCPCRYPT_R_NONE);
	tc_pair_free(&p);
}

/* Host "a" owns ca and opens to host "b", which owns cb. */
static void
connect_once(struct tcpcrypt_cache *ca, struct tcpcrypt_cache *cb,
    uint64_t seed, int flush, bool no_cache_a, struct resume_result *res)
{

	connect_named(ca, "host-a", cb, "host-b", seed, flush, no_cache_a,
	    res);
}

static struct tcpcrypt_cache *
cache_new(size_t n, uint64_t ttl)
{
	struct tcpcrypt_cache *c;

	CHECK_R(tcpcrypt_cache_create(&tc_alloc, n, ttl, &c),
	    TCPCRYPT_R_NONE);
	return (c);
}

static void
test_chain(void)
{
	struct tcpcrypt_cache *ca, *cb;
	struct resume_result r1, r2, r3, r4, r5, r6;

	ca = cache_new(8, 0);
	cb = cache_new(8, 0);
	connect_once(ca, cb, 61, 0, false, &r1);
	CHECK(!r1.offered && !r1.resumed && r1.sid[0] == TEP, "fresh 1");
	CHECK(tcpcrypt_cache_count(ca) == 1 && tcpcrypt_cache_count(cb) == 1,
	    "cached after fresh");
	connect_once(ca, cb, 62, 0, false, &r2);
	CHECK(r2.offered && r2.resumed && r2.sid[0] == (TEP | 0x80),
	    "resume i=1: offered %d resumed %d sid0 %02x", r2.offered,
	    r2.resumed, r2.sid[0]);
	CHECK(memcmp(r1.sid, r2.sid, sizeof(r1.sid)) != 0, "sid reused");
	connect_once(ca, cb, 63, 2, false, &r3);
	CHECK(r3.resumed && r3.sid[0] == (TEP | 0x80), "resume i=2");
	CHECK(memcmp(r3.sid, r2.sid, sizeof(r2.sid)) != 0 &&
	    memcmp(r3.sid + 1, r1.sid + 1, sizeof(r1.sid) - 1) != 0,
	    "sid reused at i=2");
	/* 3.5: lowest unused i: a new half each time, never the same. */
	CHECK(r2.offer_len == 17 && r3.offer_len == 17 &&
	    memcmp(r2.offer, r3.offer, 9) != 0, "same resume half twice");
	/* B flushed during conn 3: A still offers, B cannot honour. */
	CHECK(tcpcrypt_cache_count(cb) == 0, "B flush left %zu",
	    tcpcrypt_cache_count(cb));
	connect_once(ca, cb, 64, 1, false, &r4);
	CHECK(r4.offered && !r4.resumed && r4.sid[0] == TEP,
	    "after B flush: offered %d resumed %d", r4.offered, r4.resumed);
	/* A flushed during conn 4: the fresh chain of conn 4 is gone. */
	CHECK(tcpcrypt_cache_count(ca) == 0, "A flush left %zu",
	    tcpcrypt_cache_count(ca));
	connect_once(ca, cb, 65, 0, false, &r5);
	CHECK(!r5.offered && !r5.resumed, "after A flush");
	connect_once(ca, cb, 66, 0, false, &r6);
	CHECK(r6.resumed, "chain after re-fresh");
	tcpcrypt_cache_destroy(ca);
	tcpcrypt_cache_destroy(cb);
}

/* TCP_CRYPT_CACHE_FLUSH before connect: neither resume nor cache. */
static void
test_no_cache(void)
{
	struct tcpcrypt_cache *ca, *cb;
	struct resume_result r;

	ca = cache_new(8, 0);
	cb = cache_new(8, 0);
	connect_once(ca, cb, 71, 0, false, &r);
	connect_once(ca, cb, 72, 0, true, &r);
	CHECK(!r.offered && !r.resumed, "no-cache offered");
	CHECK(tcpcrypt_cache_count(ca) == 1, "no-cache conn changed cache");
	connect_once(ca, cb, 73, 0, false, &r);
	CHECK(r.resumed, "chain survives a no-cache connection");
	tcpcrypt_cache_destroy(ca);
	tcpcrypt_cache_destroy(cb);
}

/* D12: a chain serves opens in its original direction only. */
static void
test_direction(void)
{
	struct tcpcrypt_cache *ca, *cb;
	struct resume_result r;

	ca = cache_new(8, 0);
	cb = cache_new(8, 0);
	connect_once(ca, cb, 81, 0, false, &r);
	connect_named(cb, "host-b", ca, "host-a", 82, 0, false, &r);
	CHECK(!r.offered && !r.resumed, "reverse open resumed");
	connect_once(ca, cb, 83, 0, false, &r);
	CHECK(r.resumed, "original direction");
	connect_named(cb, "host-b", ca, "host-a", 84, 0, false, &r);
	CHECK(r.resumed, "reverse direction's own chain");
	tcpcrypt_cache_destroy(ca);
	tcpcrypt_cache_destroy(cb);
}

/* Expiry (D12, time passed in) and the bound. */
static void
test_expiry_bound(void)
{
	struct tcpcrypt_cache *ca, *cb;
	struct tc_conn_opts o = { .peer = "host-b", .now_ms = 5000 };
	struct tcpcrypt_conn *c;
	struct tc_rng rng = { 5 };
	struct resume_result r;
	uint8_t buf[32];
	size_t len;

	ca = cache_new(8, 1000);
	cb = cache_new(8, 1000);
	connect_once(ca, cb, 91, 0, false, &r);
	o.cache = ca;
	c = tc_conn(true, &o, &rng);
	CHECK_R(tcpcrypt_create_resume_offer(c, TEP, buf, sizeof(buf), &len),
	    TCPCRYPT_R_RESUME_UNKNOWN);
	CHECK(len == 0 && tcpcrypt_cache_count(ca) == 0, "expired entry");
	tcpcrypt_conn_destroy(c);
	tcpcrypt_cache_expire(cb, 999);
	CHECK(tcpcrypt_cache_count(cb) == 1, "expired early");
	tcpcrypt_cache_expire(cb, 1000);
	CHECK(tcpcrypt_cache_count(cb) == 0, "not expired");
	tcpcrypt_cache_destroy(ca);
	tcpcrypt_cache_destroy(cb);

	ca = cache_new(2, 0);
	cb = cache_new(8, 0);
	connect_once(ca, cb, 92, 0, false, &r);
	connect_once(ca, cb, 93, 0, false, &r);	/* resumes: same chain */
	CHECK(tcpcrypt_cache_count(ca) == 1, "one chain per peer+TEP");
	tcpcrypt_cache_destroy(ca);
	tcpcrypt_cache_destroy(cb);
}

/* Halves that do not match, short and over-long data (3.5). */
static void
test_bad_suboptions(void)
{
	struct tcpcrypt_cache *ca, *cb;
	struct tc_conn_opts oa, ob;
	struct tcpcrypt_conn *a, *b;
	struct tc_rng rng = { 9 };
	struct resume_result r;
	uint8_t offer[32], again[32], ans[32];
	size_t olen, alen, len;

	ca = cache_new(8, 0);
	cb = cache_new(8, 0);
	connect_once(ca, cb, 101, 0, false, &r);
	memset(&oa, 0, sizeof(oa));
	oa.cache = ca;
	oa.peer = "host-b";
	ob = oa;
	ob.cache = cb;
	ob.peer = "host-a";
	a = tc_conn(true, &oa, &rng);
	b = tc_conn(false, &ob, &rng);
	CHECK_R(tcpcrypt_create_resume_offer(a, TEP, offer, sizeof(offer),
	    &olen), TCPCRYPT_R_NONE);
	/* A retransmitted SYN carries the same bytes (8547 4.6). */
	CHECK_R(tcpcrypt_create_resume_offer(a, TEP, again, sizeof(again),
	    &len), TCPCRYPT_R_NONE);
	CHECK(len == olen && memcmp(offer, again, len) == 0, "SYN changed");
	CHECK_R(tcpcrypt_consume_resume_offer(b, TEP, offer, 5),
	    TCPCRYPT_R_RESUME_SHORT);
	CHECK_R(tcpcrypt_consume_resume_offer(b, TEP, offer, 18),
	    TCPCRYPT_R_RESUME_NONCE_LONG);
	offer[3] ^= 1;
	CHECK_R(tcpcrypt_consume_resume_offer(b, TEP, offer, olen),
	    TCPCRYPT_R_RESUME_UNKNOWN);
	offer[3] ^= 1;
	CHECK_R(tcpcrypt_consume_resume_offer(b, TCPCRYPT_TEP_P256, offer,
	    olen), TCPCRYPT_R_RESUME_UNKNOWN);
	CHECK_R(tcpcrypt_consume_resume_offer(b, TEP, offer, olen),
	    TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_create_resume_answer(b, TEP, ans, sizeof(ans),
	    &alen), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_consume_resume_answer(a, TCPCRYPT_TEP_P256, ans,
	    alen), TCPCRYPT_R_RESUME_NOT_OFFERED);
	CHECK_R(tcpcrypt_consume_resume_answer(a, TEP, ans, 8),
	    TCPCRYPT_R_RESUME_SHORT);
	ans[8] ^= 0x80;
	CHECK_R(tcpcrypt_consume_resume_answer(a, TEP, ans, alen),
	    TCPCRYPT_R_RESUME_MISMATCH);
	/* The half A received is its own: also a mismatch. */
	CHECK_R(tcpcrypt_consume_resume_answer(a, TEP, offer, olen),
	    TCPCRYPT_R_RESUME_MISMATCH);
	/* ENO saying v = 1 without a match must abort, not guess keys. */
	{
		struct tcpcrypt_negotiated neg = { .role = 0,
		    .tep_byte = TEP | 0x80 };

		CHECK_R(tcpcrypt_handle_negotiated(a, &neg),
		    TCPCRYPT_R_RESUME_STATE);
	}
	tcpcrypt_conn_destroy(a);
	tcpcrypt_conn_destroy(b);
	tcpcrypt_cache_destroy(ca);
	tcpcrypt_cache_destroy(cb);
}

/*
 * TCP_CRYPT_CACHE_FLUSH after our SYN went out with an offer: the chain it
 * came from is gone at once; the session already named in the SYN may
 * still resume, but nothing more is cached from it.
 */
static void
test_flush_after_syn(void)
{
	struct tcpcrypt_cache *ca, *cb;
	struct tc_conn_opts oa, ob;
	struct resume_result r;
	struct tc_pair p;
	uint8_t offer[32], ans[32];
	size_t olen, alen;

	ca = cache_new(8, 0);
	cb = cache_new(8, 0);
	connect_once(ca, cb, 111, 0, false, &r);
	memset(&oa, 0, sizeof(oa));
	oa.cache = ca;
	oa.peer = "host-b";
	ob = oa;
	ob.cache = cb;
	ob.peer = "host-a";
	tc_pair_init(&p, 112);
	p.h[0].c = tc_conn(true, &oa, &p.rng);
	p.h[1].c = tc_conn(false, &ob, &p.rng);
	CHECK_R(tcpcrypt_create_resume_offer(p.h[0].c, TEP, offer,
	    sizeof(offer), &olen), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_handle_cache_flush(p.h[0].c), TCPCRYPT_R_NONE);
	CHECK(tcpcrypt_cache_count(ca) == 0, "chain kept after flush");
	CHECK_R(tcpcrypt_consume_resume_offer(p.h[1].c, TEP, offer, olen),
	    TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_create_resume_answer(p.h[1].c, TEP, ans, sizeof(ans),
	    &alen), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_consume_resume_answer(p.h[0].c, TEP, ans, alen),
	    TCPCRYPT_R_NONE);
	tc_negotiate(&p, TEP | 0x80);
	tc_queue_app(&p.h[0], &p.rng, 1000);
	tc_pump(&p);
	CHECK(tcpcrypt_resumed(p.h[0].c) && tc_host_ok(&p.h[0], &p.h[1]),
	    "resumed after flush");
	CHECK(tcpcrypt_cache_count(ca) == 0, "cached after flush");
	tc_pair_free(&p);
	connect_once(ca, cb, 113, 0, false, &r);
	CHECK(!r.offered && !r.resumed, "offer after flush");
	tcpcrypt_cache_destroy(ca);
	tcpcrypt_cache_destroy(cb);
}

void
tc_suite_resume(void)
{

	test_flush_after_syn();

	test_chain();
	test_no_cache();
	test_direction();
	test_expiry_bound();
	test_bad_suboptions();
}
