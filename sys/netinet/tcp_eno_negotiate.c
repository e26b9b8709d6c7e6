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
 * TCP-ENO negotiation, RFC 8547 4.2-4.6, as pure functions of the two
 * SYN-form options and one host's configuration:
 *  - roles from the b bits (4.3), equal b values fall back (4.6 (3));
 *  - mandatory application-aware mode (4.2, 8.4);
 *  - vacuous options fall back (4.6);
 *  - the negotiated TEP is the last valid TEP in B's option (4.5), where
 *    the TEP (through the registry) judges its suboption data;
 *  - the active opener's SYN: global suboption only when non-zero, TEPs in
 *    the configured order (4.2, D2);
 *  - the passive opener's SYN-ACK: always a global suboption with b = 1,
 *    one TEP, the most preferred of its list that A offered validly (4.5,
 *    D3); nothing acceptable gives no ENO option at all (D1).
 * Raw mode (API.md 3 TCP_ENO_RAW) sends the configured bytes verbatim and
 * needs only a TEP identifier common to both options, no TEP judgement.
 */

#include "tcp_eno_compat.h"
#include "tcp_eno_engine.h"

uint8_t
tcp_eno_conf_gopt(const struct tcp_eno_conf *conf)
{
	uint8_t g;

	g = conf->ecf_gopt & TCP_ENO_GOPT_MASK;
	/* 4.2: the passive role bit MUST be 1 for all passive openers. */
	if (conf->ecf_passive)
		g |= TCP_ENO_GOPT_BIT_B;
	/* 8.4: the mandatory application-aware mode sets a = 1. */
	if (conf->ecf_aa_mandatory)
		g |= TCP_ENO_GOPT_BIT_A;
	return (g);
}

static size_t
tcp_eno_syn_count(const struct tcp_eno_syn *syn, uint8_t tep)
{
	size_t i, n = 0;

	for (i = 0; i < syn->esy_nsub; i++)
		if (syn->esy_sub[i].es_tep == tep)
			n++;
	return (n);
}

/*
 * Without a validity callback a TEP defines neither suboption data nor
 * repetition, so 4.5 (2) and (3) hold only for one bare suboption on
 * each side.
 */
static bool
tcp_eno_tep_valid_default(const struct tcp_eno_tep_query *q)
{
	const struct tcp_eno_subopt *bs = &q->etq_b->esy_sub[q->etq_b_index];
	size_t i;

	if (bs->es_v != 0 || tcp_eno_syn_count(q->etq_b, bs->es_tep) != 1 ||
	    tcp_eno_syn_count(q->etq_a, bs->es_tep) != 1)
		return (false);
	for (i = 0; i < q->etq_a->esy_nsub; i++)
		if (q->etq_a->esy_sub[i].es_tep == bs->es_tep &&
		    q->etq_a->esy_sub[i].es_v != 0)
			return (false);
	return (true);
}

/* 4.5: B's suboption b_index is valid for the connection. */
static bool
tcp_eno_tep_valid(const struct tcp_eno_registry *reg, void *conn_arg,
    enum tcp_eno_role role, const struct tcp_eno_syn *a,
    const struct tcp_eno_syn *b, size_t b_index)
{
	const struct tcp_eno_tep_ops *ops;
	struct tcp_eno_tep_query q;
	void *ctx;

	/* 4.5 (1): each side sent a suboption for it. */
	if (tcp_eno_syn_count(a, b->esy_sub[b_index].es_tep) == 0)
		return (false);
	ops = tcp_eno_tep_lookup(reg, b->esy_sub[b_index].es_tep, &ctx);
	if (ops == NULL)
		return (false);
	q.etq_role = role;
	q.etq_a = a;
	q.etq_b = b;
	q.etq_b_index = b_index;
	if (ops->teo_valid == NULL)
		return (tcp_eno_tep_valid_default(&q));
	return (ops->teo_valid(ctx, conn_arg, &q));
}

static void
tcp_eno_outcome_set(struct tcp_eno_outcome *out, enum tcp_eno_role role,
    const struct tcp_eno_syn *b, size_t i)
{

	out->eo_role = role;
	out->eo_b_index = (uint8_t)i;
	out->eo_negtep = b->esy_sub[i].es_tep |
	    (b->esy_sub[i].es_v != 0 ? TCP_ENO_V : 0);
}

enum tcp_eno_reason
tcp_eno_negotiate(const struct tcp_eno_registry *reg, void *conn_arg,
    const struct tcp_eno_conf *conf, const struct tcp_eno_syn *own,
    const struct tcp_eno_syn *peer, struct tcp_eno_outcome *out)
{
	const struct tcp_eno_syn *a, *b;
	enum tcp_eno_role role;
	bool raw = conf->ecf_rawlen > 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	/* 4.2: an absent global suboption is an implicit 0x00. */
	out->eo_peer_gopt = peer->esy_gopt;
	if ((own->esy_gopt & TCP_ENO_GOPT_BIT_B) ==
	    (peer->esy_gopt & TCP_ENO_GOPT_BIT_B))
		return (TCP_ENO_R_ROLE_CONFLICT);
	if (!raw && conf->ecf_aa_mandatory &&
	    (peer->esy_gopt & TCP_ENO_GOPT_BIT_A) == 0)
		return (TCP_ENO_R_AA_MANDATORY);
	if (own->esy_nsub == 0 || peer->esy_nsub == 0)
		return (TCP_ENO_R_VACUOUS);
	role = (own->esy_gopt & TCP_ENO_GOPT_BIT_B) != 0 ?
	    TCP_ENO_ROLE_B : TCP_ENO_ROLE_A;
	a = role == TCP_ENO_ROLE_A ? own : peer;
	b = role == TCP_ENO_ROLE_A ? peer : own;
	/* 4.5: the last valid TEP identifier in B's option. */
	for (i = b->esy_nsub; i-- > 0;) {
		if (raw ? tcp_eno_syn_count(a, b->esy_sub[i].es_tep) > 0 :
		    tcp_eno_tep_valid(reg, conn_arg, role, a, b, i)) {
			tcp_eno_outcome_set(out, role, b, i);
			return (TCP_ENO_R_NONE);
		}
	}
	return (TCP_ENO_R_NO_VALID_TEP);
}

/* This host's suboption for TEP tep, from the TEP when it has a say. */
static enum tcp_eno_reason
tcp_eno_add_own(const struct tcp_eno_registry *reg, void *conn_arg,
    const struct tcp_eno_tep_query *q, uint8_t tep, struct tcp_eno_syn *syn)
{
	const struct tcp_eno_tep_ops *ops;
	uint8_t data[TCP_ENO_CONTENTS_MAX];
	uint8_t v = 0;
	size_t dlen = 0;
	void *ctx;

	ops = tcp_eno_tep_lookup(reg, tep, &ctx);
	if (ops == NULL)
		return (TCP_ENO_R_REG_UNKNOWN);
	if (ops->teo_subopt != NULL &&
	    (ops->teo_subopt(ctx, conn_arg, q, &v, data, sizeof(data),
	    &dlen) != TCP_ENO_R_NONE || v > 1 || dlen > sizeof(data) ||
	    (v == 0 && dlen != 0))) {
		/* A TEP that cannot say more offers a bare suboption. */
		v = 0;
		dlen = 0;
	}
	return (tcp_eno_syn_add(syn, tep, v, data, dlen));
}

static enum tcp_eno_reason
tcp_eno_raw_contents(const struct tcp_eno_conf *conf, uint8_t *contents,
    size_t cap, size_t *len)
{

	if (conf->ecf_rawlen > cap)
		return (TCP_ENO_R_ENC_NO_ROOM);
	memcpy(contents, conf->ecf_raw, conf->ecf_rawlen);
	*len = conf->ecf_rawlen;
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_active_syn(const struct tcp_eno_registry *reg, void *conn_arg,
    const struct tcp_eno_conf *conf, uint8_t *contents, size_t cap,
    size_t *len)
{
	struct tcp_eno_tep_query q;
	struct tcp_eno_syn syn;
	enum tcp_eno_reason r;
	uint8_t gopt, tep;
	size_t i;

	if (conf->ecf_rawlen > 0)
		return (tcp_eno_raw_contents(conf, contents, cap, len));
	tcp_eno_syn_init(&syn);
	gopt = tcp_eno_conf_gopt(conf);
	/* 4.2: an active opener may rely on the implicit 0x00. */
	if (gopt != 0)
		(void)tcp_eno_syn_set_gopt(&syn, gopt);
	memset(&q, 0, sizeof(q));
	q.etq_role = (gopt & TCP_ENO_GOPT_BIT_B) != 0 ?
	    TCP_ENO_ROLE_B : TCP_ENO_ROLE_A;
	for (i = 0; i < conf->ecf_nteps && i < TCP_ENO_MAX_TEPS; i++) {
		tep = conf->ecf_teps[i] & ~TCP_ENO_V;
		if (tep < TCP_ENO_GLT_TEP_MIN)
			return (TCP_ENO_R_ENC_BAD_TEP);
		r = tcp_eno_add_own(reg, conn_arg, &q, tep, &syn);
		if (r != TCP_ENO_R_NONE && r != TCP_ENO_R_REG_UNKNOWN)
			return (r);
	}
	/* API.md 3: an empty TEP list disables TCP-ENO. */
	if (syn.esy_nsub == 0)
		return (TCP_ENO_R_POLICY_NO_TEPS);
	return (tcp_eno_syn_encode(&syn, contents, cap, len));
}

/* 4.6 (3) and 4.2 as the passive opener sees A's SYN. */
static enum tcp_eno_reason
tcp_eno_passive_check(const struct tcp_eno_conf *conf,
    const struct tcp_eno_syn *a)
{

	if ((a->esy_gopt & TCP_ENO_GOPT_BIT_B) != 0)
		return (TCP_ENO_R_ROLE_CONFLICT);
	if (conf->ecf_aa_mandatory && (a->esy_gopt & TCP_ENO_GOPT_BIT_A) == 0)
		return (TCP_ENO_R_AA_MANDATORY);
	if (a->esy_nsub == 0)
		return (TCP_ENO_R_VACUOUS);
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_passive_answer(const struct tcp_eno_registry *reg, void *conn_arg,
    const struct tcp_eno_conf *conf, const struct tcp_eno_syn *a,
    uint8_t *contents, size_t cap, size_t *len)
{
	struct tcp_eno_tep_query q;
	struct tcp_eno_syn b;
	enum tcp_eno_reason r;
	uint8_t tep;
	size_t i;

	if (conf->ecf_rawlen > 0)
		return (tcp_eno_raw_contents(conf, contents, cap, len));
	r = tcp_eno_passive_check(conf, a);
	if (r != TCP_ENO_R_NONE)
		return (r);
	memset(&q, 0, sizeof(q));
	q.etq_role = TCP_ENO_ROLE_B;
	q.etq_a = a;
	/* D3: most preferred first, i.e. from the end of the list (D2). */
	for (i = conf->ecf_nteps; i-- > 0;) {
		if (i >= TCP_ENO_MAX_TEPS)
			continue;
		tep = conf->ecf_teps[i] & ~TCP_ENO_V;
		if (tep < TCP_ENO_GLT_TEP_MIN || tcp_eno_syn_count(a, tep) == 0)
			continue;
		tcp_eno_syn_init(&b);
		(void)tcp_eno_syn_set_gopt(&b,
		    tcp_eno_conf_gopt(conf) | TCP_ENO_GOPT_BIT_B);
		if (tcp_eno_add_own(reg, conn_arg, &q, tep, &b) !=
		    TCP_ENO_R_NONE)
			continue;
		if (tcp_eno_tep_valid(reg, conn_arg, TCP_ENO_ROLE_B, a, &b, 0))
			return (tcp_eno_syn_encode(&b, contents, cap, len));
	}
	return (TCP_ENO_R_NO_VALID_TEP);
}
