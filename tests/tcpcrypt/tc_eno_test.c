/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
 */

/*
 * tcpcrypt through the TCP-ENO engine (RFC 8547 4.5, 4.6, 4.8; RFC 8548
 * 3.2, 3.5): the TEPs registered in a registry, SYN / SYN-ACK / ACK
 * option bytes exchanged by two ENO engines whose conn_arg is the
 * tcpcrypt connection, then the session.  The second and third
 * connections resume through real suboptions (v = 1 in both SYNs,
 * session ID byte 0xa3), a tampered answer half makes A ignore the
 * suboption and fall back (3.5 MUST).  B's v = 1 suboption with fewer
 * than 9 data bytes is a fresh exchange (3.5); a TEP repeated in one
 * option is not valid (RFC 8547 4.5 (3)).
 */

#include <string.h>

#include "tc_harness.h"

struct eno_run {
	bool		enabled[2];
	bool		resumed;
	uint8_t		negtep;
	uint8_t		sid[TCPCRYPT_SESSID_LEN];
	uint8_t		syn[40];
	size_t		syn_len;
	uint8_t		synack[40];
	size_t		synack_len;
};

static void
eno_conf(struct tcp_eno_conf *conf, bool passive)
{
	static const uint8_t teps[] = { 0x21, 0x24, 0x23 };

	memset(conf, 0, sizeof(*conf));
	memcpy(conf->ecf_teps, teps, sizeof(teps));
	conf->ecf_nteps = sizeof(teps);
	conf->ecf_passive = passive;
	conf->ecf_attempt = true;
}

static void
seg_of(struct tcp_eno_seg *seg, const uint8_t *opt, size_t len)
{

	tcp_eno_seg_from_options(seg, opt, len);
}

/*
 * Handshake through both ENO engines; tamper flips a SYN-ACK data bit;
 * b_preset (if not NULL) is the SYN-form contents B sends instead of
 * composing its own (another implementation's SYN-ACK).
 */
static void
eno_connect_presets(const struct tcp_eno_registry *reg,
    struct tcpcrypt_cache *ca, struct tcpcrypt_cache *cb, uint64_t seed,
    bool tamper, const uint8_t *a_preset, size_t a_preset_len,
    const uint8_t *b_preset, size_t b_preset_len, struct eno_run *run)
{
	struct tc_conn_opts oa = { .cache = ca, .peer = "10.0.0.2:80" };
	struct tc_conn_opts ob = { .cache = cb, .peer = "10.0.0.1" };
	struct tcp_eno_conn e[2];
	struct tcp_eno_conf conf;
	struct tcp_eno_status st;
	struct tcpcrypt_negotiated neg;
	struct tcp_eno_seg seg;
	struct tc_pair p;
	uint8_t ack[40], tr[TCP_ENO_MAX_TRANSCRIPT];
	size_t ack_len, tr_len, len;
	int i;

	memset(run, 0, sizeof(*run));
	tc_pair_init(&p, seed);
	p.h[0].c = tc_conn(true, &oa, &p.rng);
	p.h[1].c = tc_conn(false, &ob, &p.rng);
	for (i = 0; i < 2; i++) {
		eno_conf(&conf, i == 1);
		CHECK(tcp_eno_conn_init(&e[i], reg, p.h[i].c, &conf) ==
		    TCP_ENO_R_NONE, "eno init");
	}
	if (a_preset != NULL)
		CHECK(tcp_eno_conn_preset(&e[0], a_preset, a_preset_len) ==
		    TCP_ENO_R_NONE, "preset A");
	if (b_preset != NULL)
		CHECK(tcp_eno_conn_preset(&e[1], b_preset, b_preset_len) ==
		    TCP_ENO_R_NONE, "preset B");
	CHECK(tcp_eno_poll_syn(&e[0], run->syn, sizeof(run->syn),
	    &run->syn_len) == TCP_ENO_R_NONE, "poll_syn");
	seg_of(&seg, run->syn, run->syn_len);
	(void)tcp_eno_handle_syn(&e[1], &seg);
	CHECK(tcp_eno_poll_synack(&e[1], run->synack, sizeof(run->synack),
	    &run->synack_len) == TCP_ENO_R_NONE, "poll_synack");
	if (tamper && run->synack_len > 6)
		run->synack[run->synack_len - 9] ^= 0x01;
	seg_of(&seg, run->synack, run->synack_len);
	(void)tcp_eno_handle_synack(&e[0], &seg);
	CHECK(tcp_eno_poll_option(&e[0], ack, sizeof(ack), &ack_len) ==
	    TCP_ENO_R_NONE, "poll_option");
	seg_of(&seg, ack, ack_len);
	(void)tcp_eno_handle_segment(&e[1], &seg, true);
	for (i = 0; i < 2; i++) {
		tcp_eno_conn_status(&e[i], &st);
		run->enabled[i] = st.est_phase == TCP_ENO_PH_ENABLED;
		if (!run->enabled[i])
			continue;
		run->negtep = st.est_negtep;
		CHECK(tcp_eno_conn_transcript(&e[i], tr, sizeof(tr),
		    &tr_len) == TCP_ENO_R_NONE, "transcript");
		memset(&neg, 0, sizeof(neg));
		neg.role = (uint8_t)st.est_role;
		neg.tep_byte = st.est_negtep;
		neg.simultaneous = st.est_simultaneous;
		neg.transcript = tr;
		neg.transcript_len = tr_len;
		CHECK_R(tcpcrypt_handle_negotiated(p.h[i].c, &neg),
		    TCPCRYPT_R_NONE);
	}
	if (run->enabled[0] && run->enabled[1]) {
		tc_queue_app(&p.h[0], &p.rng, 30000);
		tc_queue_app(&p.h[1], &p.rng, 30000);
		p.h[0].close_after = p.h[1].close_after = true;
		tc_pump(&p);
		CHECK(tc_host_ok(&p.h[0], &p.h[1]) &&
		    tc_host_ok(&p.h[1], &p.h[0]), "ENO run data");
		CHECK(tcpcrypt_eof(p.h[0].c) && tcpcrypt_eof(p.h[1].c),
		    "ENO run EOF");
		run->resumed = tcpcrypt_resumed(p.h[0].c);
		CHECK(run->resumed == tcpcrypt_resumed(p.h[1].c), "resumed");
		CHECK_R(tcpcrypt_session_id(p.h[0].c, run->sid,
		    sizeof(run->sid), &len), TCPCRYPT_R_NONE);
	}
	tc_pair_free(&p);
}

static void
eno_connect_preset(const struct tcp_eno_registry *reg,
    struct tcpcrypt_cache *ca, struct tcpcrypt_cache *cb, uint64_t seed,
    bool tamper, const uint8_t *b_preset, size_t b_preset_len,
    struct eno_run *run)
{

	eno_connect_presets(reg, ca, cb, seed, tamper, NULL, 0, b_preset,
	    b_preset_len, run);
}

static void
eno_connect(const struct tcp_eno_registry *reg, struct tcpcrypt_cache *ca,
    struct tcpcrypt_cache *cb, uint64_t seed, bool tamper,
    struct eno_run *run)
{

	eno_connect_preset(reg, ca, cb, seed, tamper, NULL, 0, run);
}

static void
test_registry(void)
{
	struct tcp_eno_registry reg;
	void *ctx;

	tcp_eno_registry_init(&reg);
	CHECK_R(tcpcrypt_register_teps(&reg), TCPCRYPT_R_NONE);
	CHECK(tcp_eno_tep_lookup(&reg, 0x23, &ctx) != NULL, "0x23");
	CHECK(tcp_eno_tep_lookup(&reg, 0xa4, &ctx) != NULL, "0xa4 (v bit)");
	CHECK(tcp_eno_tep_lookup(&reg, 0x21, &ctx)->teo_sessid_len == 33,
	    "sessid length");
	CHECK_R(tcpcrypt_register_teps(&reg), TCPCRYPT_R_REGISTRY);
	tcpcrypt_unregister_teps(&reg);
	CHECK(tcp_eno_tep_lookup(&reg, 0x22, &ctx) == NULL, "unregistered");
}

static void
test_through_eno(void)
{
	struct tcp_eno_registry reg;
	struct tcpcrypt_cache *ca, *cb;
	struct eno_run r1, r2, r3, r4;

	tcp_eno_registry_init(&reg);
	CHECK_R(tcpcrypt_register_teps(&reg), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_cache_create(&tc_alloc, 16, 0, &ca),
	    TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_cache_create(&tc_alloc, 16, 0, &cb),
	    TCPCRYPT_R_NONE);

	eno_connect(&reg, ca, cb, 201, false, &r1);
	CHECK(r1.enabled[0] && r1.enabled[1] && !r1.resumed, "fresh via ENO");
	CHECK(r1.negtep == 0x23 && r1.sid[0] == 0x23, "negtep %02x sid %02x",
	    r1.negtep, r1.sid[0]);
	/* A's SYN: kind, length, then 0x21 0x24 0x23 with v = 0. */
	CHECK(r1.syn_len == 5 && r1.syn[0] == 69 && r1.syn[2] == 0x21 &&
	    r1.syn[4] == 0x23, "fresh SYN option");

	eno_connect(&reg, ca, cb, 202, false, &r2);
	CHECK(r2.enabled[0] && r2.enabled[1] && r2.resumed,
	    "resume via ENO: %d %d %d", r2.enabled[0], r2.enabled[1],
	    r2.resumed);
	CHECK(r2.negtep == 0xa3 && r2.sid[0] == 0xa3, "negtep %02x sid %02x",
	    r2.negtep, r2.sid[0]);
	CHECK(memcmp(r1.sid, r2.sid, sizeof(r1.sid)) != 0, "sid i=1");
	/* The resumption suboption is A's SYN's last, 17 data bytes. */
	CHECK(r2.syn_len == 2 + 2 + 1 + 17 && r2.syn[4] == 0xa3,
	    "resume SYN option len %zu", r2.syn_len);

	eno_connect(&reg, ca, cb, 203, false, &r3);
	CHECK(r3.resumed && r3.sid[0] == 0xa3 &&
	    memcmp(r2.sid, r3.sid, sizeof(r2.sid)) != 0, "resume i=2");

	/* B lost its cache: A's offer gets a v = 0 answer, fresh exchange. */
	tcpcrypt_cache_flush_all(cb);
	eno_connect(&reg, ca, cb, 205, false, &r4);
	CHECK(r4.enabled[0] && r4.enabled[1] && !r4.resumed &&
	    r4.negtep == 0x23 && r4.sid[0] == 0x23 && r4.syn[4] == 0xa3,
	    "offer refused: %d %d %d %02x", r4.enabled[0], r4.enabled[1],
	    r4.resumed, r4.negtep);

	/* B's answer half corrupted in flight: A must not resume (3.5). */
	eno_connect(&reg, ca, cb, 204, true, &r4);
	CHECK(!r4.enabled[0], "A accepted a foreign half");

	tcpcrypt_cache_destroy(ca);
	tcpcrypt_cache_destroy(cb);
}

/*
 * RFC 8548 3.5: a TEP suboption with v = 1 and fewer than 9 data bytes is
 * an offer of fresh key exchange, not a resumption suboption.  B (here
 * another implementation, through a preset SYN-ACK) answers 0xa3 with 2
 * data bytes: A negotiates 0xa3 (the last valid TEP, 8547 4.5), runs a
 * fresh key exchange, and the session ID keeps the v bit B sent (8547
 * 5.1, 8548 3.4).  Likewise with A's resumption offer outstanding.
 */
static void
test_short_v1_is_fresh(void)
{
	static const uint8_t synack[] = { 0x01, 0xa3, 0x5a, 0xa5 };
	struct tcp_eno_registry reg;
	struct tcpcrypt_cache *ca, *cb;
	struct eno_run r1, r2;

	tcp_eno_registry_init(&reg);
	CHECK_R(tcpcrypt_register_teps(&reg), TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_cache_create(&tc_alloc, 16, 0, &ca),
	    TCPCRYPT_R_NONE);
	CHECK_R(tcpcrypt_cache_create(&tc_alloc, 16, 0, &cb),
	    TCPCRYPT_R_NONE);

	eno_connect_preset(&reg, NULL, NULL, 211, false, synack,
	    sizeof(synack), &r1);
	CHECK(r1.enabled[0] && r1.enabled[1] && !r1.resumed &&
	    r1.negtep == 0xa3 && r1.sid[0] == 0xa3,
	    "short v=1: enabled %d %d resumed %d negtep %02x sid %02x",
	    r1.enabled[0], r1.enabled[1], r1.resumed, r1.negtep, r1.sid[0]);

	/* A holds a chain and offers it; the short answer is still fresh. */
	eno_connect(&reg, ca, cb, 212, false, &r1);
	CHECK(r1.enabled[0] && r1.enabled[1] && !r1.resumed, "chain");
	eno_connect_preset(&reg, ca, cb, 213, false, synack, sizeof(synack),
	    &r2);
	CHECK(r2.syn[4] == 0xa3, "A offered resumption");
	CHECK(r2.enabled[0] && r2.enabled[1] && !r2.resumed &&
	    r2.sid[0] == 0xa3, "short v=1 after offer: %d %d %d %02x",
	    r2.enabled[0], r2.enabled[1], r2.resumed, r2.sid[0]);

	tcpcrypt_cache_destroy(ca);
	tcpcrypt_cache_destroy(cb);
}

/*
 * RFC 8547 4.5 (3): a TEP repeated in one option is valid only if the TEP
 * defines the repetition; tcpcrypt defines none (8548 3.5 even forbids two
 * resumption suboptions of one TEP).  A repeating 0x23 gets no ENO from B
 * (D1); B repeating it in its SYN-ACK makes A fall back.  A third case
 * keeps a valid TEP: A repeats only 0x21, B settles on 0x23.
 */
static void
test_repeated_tep(void)
{
	static const uint8_t syn_rep[] = { 0x23, 0x23 };
	static const uint8_t synack_rep[] = { 0x01, 0x23, 0x23 };
	static const uint8_t syn_other[] = { 0x21, 0x21, 0x23 };
	struct tcp_eno_registry reg;
	struct eno_run r;

	tcp_eno_registry_init(&reg);
	CHECK_R(tcpcrypt_register_teps(&reg), TCPCRYPT_R_NONE);
	eno_connect_presets(&reg, NULL, NULL, 221, false, syn_rep,
	    sizeof(syn_rep), NULL, 0, &r);
	CHECK(!r.enabled[0] && !r.enabled[1] && r.synack_len == 0,
	    "A's repeated TEP accepted: %d %d synack %zu", r.enabled[0],
	    r.enabled[1], r.synack_len);
	eno_connect_presets(&reg, NULL, NULL, 222, false, NULL, 0,
	    synack_rep, sizeof(synack_rep), &r);
	CHECK(!r.enabled[0] && !r.enabled[1],
	    "B's repeated TEP accepted: %d %d", r.enabled[0], r.enabled[1]);
	eno_connect_presets(&reg, NULL, NULL, 223, false, syn_other,
	    sizeof(syn_other), NULL, 0, &r);
	CHECK(r.enabled[0] && r.enabled[1] && r.negtep == 0x23,
	    "other TEP repeated: %d %d %02x", r.enabled[0], r.enabled[1],
	    r.negtep);
}

void
tc_suite_eno(void)
{

	test_registry();
	test_through_eno();
	test_short_v1_is_fresh();
	test_repeated_tep();
}
