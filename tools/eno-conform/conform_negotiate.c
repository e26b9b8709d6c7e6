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
 * eno-conform kinds for negotiation (RFC 8547 4.3-4.6, 4.8; D1, D3):
 *  synack     a passive opener's answer to a received SYN: the SYN-ACK's
 *             ENO contents (or none) and whether it answers RST;
 *  negotiate  two hosts' handshake played through two engine connections,
 *             each sending the SYN-form contents the case gives: the host
 *             with b = 1 opens passively (both actively with equal b, or
 *             with "simultaneous": true), A's first ACK loses its ENO
 *             option when "ack_eno" is false; checked per host: enabled,
 *             role, negtep, peer_gopt, abort; and the transcript.
 * Optional "syn_options" (a whole TCP options area) replaces a host's SYN
 * options on the wire, e.g. to send two ENO options.
 */

#include <stdio.h>
#include <string.h>

#include "conform.h"

#define	CONFORM_BUF	256

struct conform_host {
	struct tcp_eno_conn	conn;
	const struct tj_value	*spec;
	uint8_t			 syn[CONFORM_BUF];
	size_t			 synlen;
	bool			 has_syn;
	uint8_t			 wire[CONFORM_BUF];	/* syn_options */
	size_t			 wirelen;
	bool			 has_wire;
	int			 b;			/* -1: unknown */
	uint8_t			 out[CONFORM_BUF];	/* last option sent */
	size_t			 outlen;
};

/* A sent segment as the peer receives it. */
static void
conform_seg(const struct conform_host *h, bool syn, struct tcp_eno_seg *seg)
{

	if (syn && h->has_wire) {
		tcp_eno_seg_from_options(seg, h->wire, h->wirelen);
		return;
	}
	seg->esg_neno = h->outlen > 0 ? 1 : 0;
	seg->esg_contents = h->outlen > 0 ? h->out + 2 : NULL;
	seg->esg_len = h->outlen > 0 ? h->outlen - 2 : 0;
}

static int
conform_host_setup(struct conform_host *h, const struct tj_value *spec,
    bool passive, char *why, size_t whylen)
{
	struct tcp_eno_conf conf;
	bool raw;

	memset(&conf, 0, sizeof(conf));
	conf.ecf_passive = passive;
	conf.ecf_attempt = h->has_syn;
	if (conform_bool(spec, "aa_mandatory", false,
	    &conf.ecf_aa_mandatory) != 0 ||
	    conform_bool(spec, "tep_mandatory", false,
	    &conf.ecf_tep_mandatory) != 0 ||
	    conform_bool(spec, "raw", false, &raw) != 0)
		return (conform_fail(why, whylen, "bad host flags"));
	/* TCP_ENO_RAW (API.md 3): the engine sends the bytes itself. */
	if (raw) {
		if (!h->has_syn || h->synlen == 0 ||
		    h->synlen > sizeof(conf.ecf_raw))
			return (conform_fail(why, whylen, "bad raw syn"));
		memcpy(conf.ecf_raw, h->syn, h->synlen);
		conf.ecf_rawlen = (uint8_t)h->synlen;
	}
	if (tcp_eno_conn_init(&h->conn, conform_registry(), NULL, &conf) !=
	    TCP_ENO_R_NONE && h->has_syn)
		return (conform_fail(why, whylen, "conn_init refused"));
	if (h->has_syn && !raw && tcp_eno_conn_preset(&h->conn, h->syn,
	    h->synlen) != TCP_ENO_R_NONE)
		return (conform_fail(why, whylen, "preset refused"));
	return (0);
}

static int
conform_host_load(struct conform_host *h, const struct tj_value *spec,
    char *why, size_t whylen)
{
	struct tcp_eno_syn syn;
	int have;

	memset(h, 0, sizeof(*h));
	h->spec = spec;
	have = conform_hex(spec, "syn", h->syn, TCP_ENO_CONTENTS_MAX,
	    &h->synlen);
	if (spec == NULL || have < 0)
		return (conform_fail(why, whylen, "bad host syn"));
	h->has_syn = have == 1;
	have = conform_hex(spec, "syn_options", h->wire, sizeof(h->wire),
	    &h->wirelen);
	if (have < 0)
		return (conform_fail(why, whylen, "bad host syn_options"));
	h->has_wire = have == 1;
	h->b = -1;
	if (h->has_syn && tcp_eno_syn_parse(&syn, h->syn, h->synlen) ==
	    TCP_ENO_R_NONE)
		h->b = syn.esy_gopt & TCP_ENO_GOPT_BIT_B;
	return (0);
}

/* Active x, passive y: SYN, SYN-ACK, A's ACK, B's first segment. */
static void
conform_play_normal(struct conform_host *x, struct conform_host *y,
    bool ack_eno)
{
	struct tcp_eno_seg seg;

	(void)tcp_eno_poll_syn(&x->conn, x->out, TCP_ENO_OPT_MAX, &x->outlen);
	conform_seg(x, true, &seg);
	(void)tcp_eno_handle_syn(&y->conn, &seg);
	(void)tcp_eno_poll_synack(&y->conn, y->out, TCP_ENO_OPT_MAX,
	    &y->outlen);
	conform_seg(y, true, &seg);
	(void)tcp_eno_handle_synack(&x->conn, &seg);
	(void)tcp_eno_poll_option(&x->conn, x->out, TCP_ENO_OPT_MAX,
	    &x->outlen);
	if (!ack_eno)
		x->outlen = 0;
	conform_seg(x, false, &seg);
	(void)tcp_eno_handle_segment(&y->conn, &seg, true);
	(void)tcp_eno_poll_option(&y->conn, y->out, TCP_ENO_OPT_MAX,
	    &y->outlen);
	conform_seg(y, false, &seg);
	(void)tcp_eno_handle_segment(&x->conn, &seg, true);
}

/* Both active: SYNs cross, SYN-ACKs cross (A's may lose ENO). */
static void
conform_play_simultaneous(struct conform_host *x, struct conform_host *y,
    bool ack_eno)
{
	struct conform_host *h[2] = { x, y };
	struct tcp_eno_seg seg;
	int i;

	for (i = 0; i < 2; i++)
		(void)tcp_eno_poll_syn(&h[i]->conn, h[i]->out,
		    TCP_ENO_OPT_MAX, &h[i]->outlen);
	for (i = 0; i < 2; i++) {
		conform_seg(h[1 - i], true, &seg);
		(void)tcp_eno_handle_syn(&h[i]->conn, &seg);
	}
	for (i = 0; i < 2; i++) {
		(void)tcp_eno_poll_synack(&h[i]->conn, h[i]->out,
		    TCP_ENO_OPT_MAX, &h[i]->outlen);
		if (!ack_eno && h[i]->b == 0 && h[1 - i]->b == 1)
			h[i]->outlen = 0;
	}
	for (i = 0; i < 2; i++) {
		conform_seg(h[1 - i], true, &seg);
		(void)tcp_eno_handle_synack(&h[i]->conn, &seg);
	}
	for (i = 0; i < 2; i++) {
		(void)tcp_eno_poll_option(&h[i]->conn, h[i]->out,
		    TCP_ENO_OPT_MAX, &h[i]->outlen);
		conform_seg(h[i], false, &seg);
		(void)tcp_eno_handle_segment(&h[1 - i]->conn, &seg, true);
	}
}

/* A nullable int member of expect.hN against a value that may be absent. */
static int
conform_check_nint(const struct tj_value *ex, const char *key, bool present,
    long long got, const char *who, char *why, size_t whylen)
{
	const struct tj_value *v = tj_get(ex, key);
	long long want;

	if (v == NULL)
		return (0);
	if (tj_is_null(v)) {
		if (present)
			return (conform_fail(why, whylen, "%s %s is %lld, "
			    "expected null", who, key, got));
		return (0);
	}
	if (tj_int(v, &want) != 0)
		return (conform_fail(why, whylen, "bad expect %s", key));
	if (!present || want != got)
		return (conform_fail(why, whylen, "%s %s is %s%lld, expected "
		    "%lld", who, key, present ? "" : "null/", got, want));
	return (0);
}

static int
conform_check_host(struct conform_host *h, const struct tj_value *ex,
    const char *who, char *why, size_t whylen)
{
	struct tcp_eno_status st;
	bool want, on;

	tcp_eno_conn_status(&h->conn, &st);
	on = st.est_phase == TCP_ENO_PH_ENABLED;
	if (ex == NULL)
		return (conform_fail(why, whylen, "expect.%s missing", who));
	if (conform_bool(ex, "enabled", on, &want) != 0 || want != on)
		return (conform_fail(why, whylen, "%s enabled=%d (%s)", who,
		    on, tcp_eno_reason_name(st.est_cause)));
	if (conform_bool(ex, "abort", st.est_abort, &want) != 0 ||
	    want != st.est_abort)
		return (conform_fail(why, whylen, "%s abort=%d (%s)", who,
		    st.est_abort, tcp_eno_reason_name(st.est_reason)));
	if (conform_check_nint(ex, "role", on, st.est_role, who, why,
	    whylen) || conform_check_nint(ex, "negtep", on, st.est_negtep, who,
	    why, whylen) || conform_check_nint(ex, "peer_gopt", on,
	    st.est_peer_gopt, who, why, whylen))
		return (1);
	return (conform_reason(ex, st.est_cause, why, whylen));
}

static int
conform_check_transcript(struct conform_host *h1, struct conform_host *h2,
    const struct tj_value *ex, char *why, size_t whylen)
{
	uint8_t t1[TCP_ENO_MAX_TRANSCRIPT], t2[TCP_ENO_MAX_TRANSCRIPT];
	uint8_t want[CONFORM_BUF];
	char got[2 * TCP_ENO_MAX_TRANSCRIPT + 1];
	size_t l1, l2, wlen;
	bool ok1, ok2;
	int have;

	ok1 = tcp_eno_conn_transcript(&h1->conn, t1, sizeof(t1), &l1) ==
	    TCP_ENO_R_NONE;
	ok2 = tcp_eno_conn_transcript(&h2->conn, t2, sizeof(t2), &l2) ==
	    TCP_ENO_R_NONE;
	if (ok1 && ok2 && (l1 != l2 || memcmp(t1, t2, l1) != 0))
		return (conform_fail(why, whylen, "hosts' transcripts differ"));
	if (!ok1 && ok2) {
		memcpy(t1, t2, l2);
		l1 = l2;
		ok1 = true;
	}
	if (tj_get(ex, "transcript") == NULL)
		return (0);
	have = conform_hex(ex, "transcript", want, sizeof(want), &wlen);
	if (have < 0)
		return (conform_fail(why, whylen, "bad expect.transcript"));
	if (have == 0 && ok1)
		return (conform_fail(why, whylen, "transcript present, "
		    "expected null"));
	if (have == 1 && (!ok1 || l1 != wlen || memcmp(t1, want, wlen))) {
		conform_hexstr(t1, ok1 ? l1 : 0, got, sizeof(got));
		return (conform_fail(why, whylen, "transcript '%s'", got));
	}
	return (0);
}

int
conform_negotiate(const struct tj_value *c, char *why, size_t whylen)
{
	const struct tj_value *ex = tj_get(c, "expect");
	struct conform_host h1, h2;
	bool ack_eno, simul, p1, p2;

	if (conform_host_load(&h1, tj_get(c, "h1"), why, whylen) ||
	    conform_host_load(&h2, tj_get(c, "h2"), why, whylen))
		return (1);
	if (conform_bool(c, "ack_eno", true, &ack_eno) != 0 ||
	    conform_bool(c, "simultaneous", false, &simul) != 0)
		return (conform_fail(why, whylen, "bad ack_eno/simultaneous"));
	/*
	 * The host with b = 1 opens passively; equal b values mean a
	 * simultaneous open; a host without a (parsable) option takes the
	 * other part.
	 */
	p1 = p2 = false;
	if (h1.b == h2.b && h1.b != -1)
		simul = true;
	else if (h2.b == 1 || h1.b == 0)
		p2 = true;
	else
		p1 = true;
	if (conform_host_setup(&h1, h1.spec, !simul && p1, why, whylen) ||
	    conform_host_setup(&h2, h2.spec, !simul && p2, why, whylen))
		return (1);
	if (simul)
		conform_play_simultaneous(&h1, &h2, ack_eno);
	else if (p2)
		conform_play_normal(&h1, &h2, ack_eno);
	else
		conform_play_normal(&h2, &h1, ack_eno);
	if (conform_check_host(&h1, tj_get(ex, "h1"), "h1", why, whylen) ||
	    conform_check_host(&h2, tj_get(ex, "h2"), "h2", why, whylen))
		return (1);
	return (conform_check_transcript(&h1, &h2, ex, why, whylen));
}

/* synack inputs: the passive opener's settings and the received SYN. */
static int
conform_synack_input(const struct tj_value *c, struct tcp_eno_conf *conf,
    uint8_t *buf, size_t cap, struct tcp_eno_seg *seg, char *why,
    size_t whylen)
{
	long long gopt = 0;
	size_t n, len;
	int have;

	memset(conf, 0, sizeof(*conf));
	conf->ecf_passive = true;
	conf->ecf_attempt = true;
	if (conform_bytes_list(c, "teps", conf->ecf_teps,
	    sizeof(conf->ecf_teps), &n) != 0 ||
	    (tj_get(c, "gopt") != NULL && conform_int(c, "gopt", &gopt)) ||
	    gopt < 0 || gopt > TCP_ENO_GOPT_MASK ||
	    conform_bool(c, "aa_mandatory", false, &conf->ecf_aa_mandatory) ||
	    conform_bool(c, "tep_mandatory", false, &conf->ecf_tep_mandatory))
		return (conform_fail(why, whylen, "bad teps/gopt/flags"));
	conf->ecf_nteps = (uint8_t)n;
	conf->ecf_gopt = (uint8_t)gopt;
	have = conform_hex(c, "syn_options", buf, cap, &len);
	if (have == 1) {
		tcp_eno_seg_from_options(seg, buf, len);
		return (0);
	}
	if (have == 0)
		have = conform_hex(c, "syn", buf, cap, &len);
	if (have < 0 || len > TCP_ENO_CONTENTS_MAX)
		return (conform_fail(why, whylen, "bad syn/syn_options"));
	seg->esg_neno = have == 1 ? 1 : 0;
	seg->esg_contents = buf;
	seg->esg_len = len;
	return (0);
}

int
conform_synack(const struct tj_value *c, char *why, size_t whylen)
{
	const struct tj_value *ex = tj_get(c, "expect");
	uint8_t syn[CONFORM_BUF], want[CONFORM_BUF], opt[TCP_ENO_OPT_MAX];
	char got[2 * TCP_ENO_OPT_MAX + 1];
	struct tcp_eno_conf conf;
	struct tcp_eno_conn conn;
	struct tcp_eno_status st;
	struct tcp_eno_seg seg;
	size_t wlen, olen;
	int have;
	bool rst;

	if (conform_synack_input(c, &conf, syn, sizeof(syn), &seg, why,
	    whylen) != 0)
		return (1);
	have = conform_hex(ex, "contents", want, sizeof(want), &wlen);
	if (have < 0 || conform_bool(ex, "rst", false, &rst) != 0)
		return (conform_fail(why, whylen, "bad expect"));
	if (tcp_eno_conn_init(&conn, conform_registry(), NULL, &conf) !=
	    TCP_ENO_R_NONE)
		return (conform_fail(why, whylen, "conn_init refused"));
	(void)tcp_eno_handle_syn(&conn, &seg);
	(void)tcp_eno_poll_synack(&conn, opt, sizeof(opt), &olen);
	tcp_eno_conn_status(&conn, &st);
	if (st.est_abort != rst)
		return (conform_fail(why, whylen, "rst=%d (%s)", st.est_abort,
		    tcp_eno_reason_name(st.est_cause)));
	conform_hexstr(opt, olen, got, sizeof(got));
	if (have == 0 && olen != 0)
		return (conform_fail(why, whylen, "sent '%s', expected no ENO",
		    got));
	if (have == 1 && (olen < 2 || olen - 2 != wlen ||
	    memcmp(opt + 2, want, wlen) != 0))
		return (conform_fail(why, whylen, "sent '%s' (%s)", got,
		    tcp_eno_reason_name(st.est_cause)));
	return (conform_reason(ex, st.est_cause, why, whylen));
}
