/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions
 * are met:
 * 1. Redistributions of source code must retain the above copyright
 *    notice, this list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright
 *    notice, this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 *
 * THIS SOFTWARE IS PROVIDED BY THE AUTHOR AND CONTRIBUTORS ``AS IS'' AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 * ARE DISCLAIMED.  IN NO EVENT SHALL THE AUTHOR OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS
 * OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
 * HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
 * LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY
 * OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF
 * SUCH DAMAGE.
 */

/*
 * libFuzzer target for the TCP-ENO negotiation path (RFC 8547 4.3-4.6):
 * two engine connections run a handshake whose configurations, stripped
 * options and (in the adversarial modes) received segments come from the
 * input.  Checked beyond "no crash, no UB":
 *  - every option sent is well formed: a SYN-form one parses, a non-SYN
 *    one is exactly kind 69, length 2;
 *  - DISABLED and ENABLED are final (nothing received turns them back);
 *  - abort happens exactly when mandatory encryption meets a fallback;
 *  - honest peers agree: same NEGTEP and transcript, opposite roles, each
 *    one's peer_gopt is what the other sent; B enabled implies A enabled;
 *  - without stripping and with compatible settings, an honest pair
 *    negotiates B's most preferred TEP that A offered (D3).
 * Input: mode, A's and B's configuration bytes, strip flags, then (for the
 * adversarial modes) events of the form type | n_eno | len | contents.
 */

#include <stdio.h>
#include <stdlib.h>

#include "tcp_eno_engine.h"

#define	FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "check failed: %s (line %d)\n", #cond,	\
		    __LINE__);						\
		abort();						\
	}								\
} while (0)

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* tcpcrypt-like rule with empty caches: B's v = 1, >= 9 bytes, invalid. */
static bool
fuzz_tep_valid(void *ctx, void *arg, const struct tcp_eno_tep_query *q)
{
	const struct tcp_eno_subopt *bs = &q->etq_b->esy_sub[q->etq_b_index];

	return (bs->es_v == 0 || bs->es_len < 9);
}

#define	FUZZ_TEP(id) { .teo_id = (id), .teo_name = "fuzz",		\
	.teo_sessid_len = 33, .teo_valid = fuzz_tep_valid }

static const struct tcp_eno_tep_ops fuzz_teps[] = {
	FUZZ_TEP(0x21), FUZZ_TEP(0x22), FUZZ_TEP(0x23), FUZZ_TEP(0x24),
	/* 0x30: the engine's default rules (no callbacks). */
	{ .teo_id = 0x30, .teo_name = "plain", .teo_sessid_len = 40 },
};

/* TEP lists a configuration byte picks from (0x25 is not registered). */
static const uint8_t fuzz_lists[8][4] = {
	{ 0x21, 0x23 }, { 0x23, 0x21 }, { 0x24 }, { 0x21, 0x22, 0x23, 0x24 },
	{ 0x25, 0x23 }, { 0x30, 0x21 }, { 0xa3 }, { 0 },
};
static const uint8_t fuzz_list_len[8] = { 2, 2, 1, 4, 2, 2, 1, 0 };

static struct tcp_eno_registry fuzz_reg;
static bool fuzz_ready;

struct fuzz_host {
	struct tcp_eno_conn	c;
	struct tcp_eno_conf	conf;
	uint8_t			out[TCP_ENO_OPT_MAX];
	size_t			outlen;
	enum tcp_eno_phase	last;
};

static void
fuzz_conf(struct tcp_eno_conf *conf, uint8_t b, bool passive)
{

	memset(conf, 0, sizeof(*conf));
	conf->ecf_attempt = true;
	conf->ecf_passive = passive;
	memcpy(conf->ecf_teps, fuzz_lists[b & 7], 4);
	conf->ecf_nteps = fuzz_list_len[b & 7];
	conf->ecf_aa_mandatory = (b & 0x08) != 0;
	conf->ecf_tep_mandatory = (b & 0x10) != 0;
	conf->ecf_gopt = (b >> 5) & 0x03;	/* b and a bits */
}

/* Invariants of one host after any event. */
static void
fuzz_host_check(struct fuzz_host *h)
{
	struct tcp_eno_status st;
	uint8_t t[TCP_ENO_MAX_TRANSCRIPT];
	size_t tlen;

	tcp_eno_conn_status(&h->c, &st);
	if (h->last == TCP_ENO_PH_DISABLED)
		FUZZ_CHECK(st.est_phase == TCP_ENO_PH_DISABLED);
	if (h->last == TCP_ENO_PH_ENABLED)
		FUZZ_CHECK(st.est_phase == TCP_ENO_PH_ENABLED);
	h->last = st.est_phase;
	/* An abort is a disabled connection; mandatory mode never falls back. */
	if (st.est_abort)
		FUZZ_CHECK(st.est_phase == TCP_ENO_PH_DISABLED);
	if (st.est_phase == TCP_ENO_PH_DISABLED &&
	    h->c.ec_conf.ecf_tep_mandatory)
		FUZZ_CHECK(st.est_abort);
	if (st.est_phase == TCP_ENO_PH_DISABLED) {
		FUZZ_CHECK(tcp_eno_reason_action(st.est_reason) !=
		    TCP_ENO_ACT_CONTINUE);
		FUZZ_CHECK(tcp_eno_conn_transcript(&h->c, t, sizeof(t),
		    &tlen) == TCP_ENO_R_NOT_ENABLED);
	}
	if (st.est_phase == TCP_ENO_PH_ENABLED) {
		FUZZ_CHECK(st.est_negotiated);
		FUZZ_CHECK((st.est_negtep & ~TCP_ENO_V) >= TCP_ENO_GLT_TEP_MIN);
		FUZZ_CHECK(tcp_eno_conn_transcript(&h->c, t, sizeof(t),
		    &tlen) == TCP_ENO_R_NONE);
		FUZZ_CHECK(t[0] == TCP_ENO_KIND && t[t[1]] == TCP_ENO_KIND);
		FUZZ_CHECK(tlen == (size_t)t[1] + t[t[1] + 1]);
	}
}

/* An option this host sends: SYN-form parses, non-SYN-form is 45 02. */
static void
fuzz_sent(const struct fuzz_host *h, bool synform)
{
	struct tcp_eno_syn syn;

	if (h->outlen == 0)
		return;
	FUZZ_CHECK(h->out[0] == TCP_ENO_KIND && h->out[1] == h->outlen);
	if (!synform) {
		FUZZ_CHECK(h->outlen == 2);
		return;
	}
	FUZZ_CHECK(tcp_eno_syn_parse(&syn, h->out + 2, h->outlen - 2) ==
	    TCP_ENO_R_NONE);
	FUZZ_CHECK(syn.esy_nsub > 0);
	if (h->conf.ecf_passive)
		FUZZ_CHECK(syn.esy_has_gopt &&
		    (syn.esy_gopt & TCP_ENO_GOPT_BIT_B) != 0);
}

static void
fuzz_seg(const struct fuzz_host *h, bool strip, struct tcp_eno_seg *seg)
{

	seg->esg_neno = (h->outlen > 0 && !strip) ? 1 : 0;
	seg->esg_contents = seg->esg_neno ? h->out + 2 : NULL;
	seg->esg_len = seg->esg_neno ? h->outlen - 2 : 0;
}

static void
fuzz_host_init(struct fuzz_host *h, uint8_t cb, bool passive)
{
	struct tcp_eno_status st;

	memset(h, 0, sizeof(*h));
	fuzz_conf(&h->conf, cb, passive);
	FUZZ_CHECK(tcp_eno_conn_init(&h->c, &fuzz_reg, NULL, &h->conf) ==
	    TCP_ENO_R_NONE);
	tcp_eno_conn_status(&h->c, &st);
	h->last = st.est_phase;
}

static bool
fuzz_list_has(const struct tcp_eno_conf *conf, uint8_t tep)
{
	size_t i;

	for (i = 0; i < conf->ecf_nteps; i++)
		if ((conf->ecf_teps[i] & ~TCP_ENO_V) == tep)
			return (true);
	return (false);
}

/* D3: B's most preferred registered TEP that A offered; 0 if none. */
static uint8_t
fuzz_expected_tep(const struct tcp_eno_conf *a, const struct tcp_eno_conf *b)
{
	uint8_t t;
	size_t i;

	for (i = b->ecf_nteps; i-- > 0;) {
		t = b->ecf_teps[i] & ~TCP_ENO_V;
		if (fuzz_list_has(a, t) &&
		    tcp_eno_tep_lookup(&fuzz_reg, t, NULL) != NULL)
			return (t);
	}
	return (0);
}

/* Both sides' outcomes agree; with a clean path, D3's choice is made. */
static void
fuzz_agree(struct fuzz_host *a, struct fuzz_host *b, uint8_t a_gopt,
    uint8_t b_gopt, bool clean)
{
	uint8_t ta[TCP_ENO_MAX_TRANSCRIPT], tb[TCP_ENO_MAX_TRANSCRIPT];
	struct tcp_eno_status sa, sb;
	size_t la, lb;
	bool aa_ok;
	uint8_t want;

	tcp_eno_conn_status(&a->c, &sa);
	tcp_eno_conn_status(&b->c, &sb);
	if (sb.est_phase == TCP_ENO_PH_ENABLED)
		FUZZ_CHECK(sa.est_phase == TCP_ENO_PH_ENABLED);
	if (sa.est_phase == TCP_ENO_PH_ENABLED &&
	    sb.est_phase == TCP_ENO_PH_ENABLED) {
		FUZZ_CHECK(sa.est_negtep == sb.est_negtep);
		FUZZ_CHECK(sa.est_role == TCP_ENO_ROLE_A);
		FUZZ_CHECK(sb.est_role == TCP_ENO_ROLE_B);
		FUZZ_CHECK(sa.est_peer_gopt == b_gopt);
		FUZZ_CHECK(sb.est_peer_gopt == a_gopt);
		FUZZ_CHECK(tcp_eno_conn_transcript(&a->c, ta, sizeof(ta),
		    &la) == TCP_ENO_R_NONE);
		FUZZ_CHECK(tcp_eno_conn_transcript(&b->c, tb, sizeof(tb),
		    &lb) == TCP_ENO_R_NONE);
		FUZZ_CHECK(la == lb && memcmp(ta, tb, la) == 0);
	}
	aa_ok = (!a->conf.ecf_aa_mandatory || (b_gopt & 2) != 0) &&
	    (!b->conf.ecf_aa_mandatory || (a_gopt & 2) != 0);
	if (!clean || !aa_ok || (a_gopt & 1) != 0 || (b_gopt & 1) == 0)
		return;
	want = fuzz_expected_tep(&a->conf, &b->conf);
	if (want == 0) {
		FUZZ_CHECK(sa.est_phase == TCP_ENO_PH_DISABLED);
		FUZZ_CHECK(sb.est_phase == TCP_ENO_PH_DISABLED);
		return;
	}
	FUZZ_CHECK(sa.est_phase == TCP_ENO_PH_ENABLED);
	FUZZ_CHECK(sb.est_phase == TCP_ENO_PH_ENABLED);
	FUZZ_CHECK((sa.est_negtep & ~TCP_ENO_V) == want);
}

static uint8_t
fuzz_sent_gopt(const struct fuzz_host *h)
{
	struct tcp_eno_syn syn;

	if (h->outlen < 2 || tcp_eno_syn_parse(&syn, h->out + 2,
	    h->outlen - 2) != TCP_ENO_R_NONE)
		return (0);
	return (syn.esy_gopt);
}

/* Three-way handshake, A active, B passive; strip bits per segment. */
static void
fuzz_honest(uint8_t ca, uint8_t cb, uint8_t strip)
{
	struct fuzz_host a, b;
	struct tcp_eno_seg seg;
	uint8_t ga, gb;

	fuzz_host_init(&a, ca, false);
	fuzz_host_init(&b, cb, true);
	(void)tcp_eno_poll_syn(&a.c, a.out, sizeof(a.out), &a.outlen);
	fuzz_sent(&a, true);
	fuzz_host_check(&a);
	ga = fuzz_sent_gopt(&a);
	fuzz_seg(&a, strip & 1, &seg);
	(void)tcp_eno_handle_syn(&b.c, &seg);
	fuzz_host_check(&b);
	(void)tcp_eno_poll_synack(&b.c, b.out, sizeof(b.out), &b.outlen);
	fuzz_sent(&b, true);
	gb = fuzz_sent_gopt(&b);
	fuzz_seg(&b, strip & 2, &seg);
	(void)tcp_eno_handle_synack(&a.c, &seg);
	fuzz_host_check(&a);
	(void)tcp_eno_poll_option(&a.c, a.out, sizeof(a.out), &a.outlen);
	fuzz_sent(&a, false);
	fuzz_seg(&a, strip & 4, &seg);
	(void)tcp_eno_handle_segment(&b.c, &seg, true);
	fuzz_host_check(&b);
	(void)tcp_eno_poll_option(&b.c, b.out, sizeof(b.out), &b.outlen);
	fuzz_sent(&b, false);
	FUZZ_CHECK(b.outlen == 0);
	fuzz_seg(&b, false, &seg);
	(void)tcp_eno_handle_segment(&a.c, &seg, true);
	fuzz_host_check(&a);
	fuzz_host_check(&b);
	fuzz_agree(&a, &b, ga, gb, (strip & 7) == 0);
}

/* Simultaneous open: A keeps b = 0, B sets b = 1. */
static void
fuzz_simultaneous(uint8_t ca, uint8_t cb, uint8_t strip)
{
	struct fuzz_host a, b;
	struct tcp_eno_seg sa, sb;
	uint8_t ga, gb;

	fuzz_host_init(&a, ca & ~0x20, false);
	fuzz_host_init(&b, cb | 0x20, false);
	(void)tcp_eno_poll_syn(&a.c, a.out, sizeof(a.out), &a.outlen);
	(void)tcp_eno_poll_syn(&b.c, b.out, sizeof(b.out), &b.outlen);
	fuzz_sent(&a, true);
	fuzz_sent(&b, true);
	ga = fuzz_sent_gopt(&a);
	gb = fuzz_sent_gopt(&b);
	fuzz_seg(&a, strip & 1, &sa);
	fuzz_seg(&b, strip & 2, &sb);
	(void)tcp_eno_handle_syn(&a.c, &sb);
	(void)tcp_eno_handle_syn(&b.c, &sa);
	fuzz_host_check(&a);
	fuzz_host_check(&b);
	(void)tcp_eno_poll_synack(&a.c, a.out, sizeof(a.out), &a.outlen);
	(void)tcp_eno_poll_synack(&b.c, b.out, sizeof(b.out), &b.outlen);
	fuzz_sent(&a, true);
	fuzz_sent(&b, true);
	fuzz_seg(&a, strip & 4, &sa);
	fuzz_seg(&b, false, &sb);
	(void)tcp_eno_handle_synack(&a.c, &sb);
	(void)tcp_eno_handle_synack(&b.c, &sa);
	fuzz_host_check(&a);
	fuzz_host_check(&b);
	fuzz_agree(&a, &b, ga, gb, (strip & 7) == 0);
}

/* One host fed arbitrary events and segments. */
static void
fuzz_adversary(uint8_t conf, bool passive, const uint8_t *p, size_t n)
{
	struct tcp_eno_seg seg;
	struct fuzz_host h;
	uint8_t ev, len;

	fuzz_host_init(&h, conf, passive);
	while (n >= 2) {
		ev = p[0];
		len = p[1];
		p += 2;
		n -= 2;
		if (len > n)
			len = (uint8_t)n;
		seg.esg_neno = (ev >> 3) & 3;
		/* A driver may pass no pointer for empty contents. */
		seg.esg_contents = (len == 0 && (ev & 0x80) != 0) ? NULL : p;
		seg.esg_len = len;
		switch (ev & 7) {
		case 0:
			(void)tcp_eno_handle_syn(&h.c, &seg);
			break;
		case 1:
			(void)tcp_eno_handle_synack(&h.c, &seg);
			break;
		case 2:
		case 3:
			(void)tcp_eno_handle_segment(&h.c, &seg, ev & 1);
			break;
		case 4:
			(void)tcp_eno_poll_syn(&h.c, h.out, sizeof(h.out),
			    &h.outlen);
			fuzz_sent(&h, true);
			break;
		case 5:
			(void)tcp_eno_poll_synack(&h.c, h.out, sizeof(h.out),
			    &h.outlen);
			fuzz_sent(&h, true);
			break;
		case 6:
			(void)tcp_eno_poll_option(&h.c, h.out, sizeof(h.out),
			    &h.outlen);
			fuzz_sent(&h, false);
			break;
		default:
			if (ev & 0x20)
				(void)tcp_eno_handle_disable(&h.c,
				    TCP_ENO_R_SYN_COOKIE);
			else
				(void)tcp_eno_handle_tep_mandatory(&h.c,
				    (ev & 0x40) != 0);
			break;
		}
		fuzz_host_check(&h);
		p += len;
		n -= len;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i;

	if (!fuzz_ready) {
		tcp_eno_registry_init(&fuzz_reg);
		for (i = 0; i < nitems(fuzz_teps); i++)
			FUZZ_CHECK(tcp_eno_tep_register(&fuzz_reg,
			    &fuzz_teps[i], NULL) == TCP_ENO_R_NONE);
		fuzz_ready = true;
	}
	if (size < 4)
		return (0);
	switch (data[0] & 3) {
	case 0:
		fuzz_honest(data[1], data[2], data[3]);
		break;
	case 1:
		fuzz_simultaneous(data[1], data[2], data[3]);
		break;
	default:
		fuzz_adversary(data[1], (data[0] & 1) != 0, data + 4,
		    size - 4);
		break;
	}
	return (0);
}
