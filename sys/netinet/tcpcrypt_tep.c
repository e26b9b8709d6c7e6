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
 * tcpcrypt's four TEPs in the TCP-ENO engine's registry (RFC 8548 3.2,
 * Table 4; RFC 8547 4.5).  The ENO engine decides the negotiated TEP and
 * asks us two things per TEP: what suboption this host sends (v = 1 with a
 * resumption offer or answer, else v = 0), and whether B's suboption is
 * valid.  A v = 0 suboption without data is always valid (fresh key
 * exchange); a v = 1 suboption from B is valid only when it names the
 * ss[i] both hosts hold (3.5), or carries fewer than 9 data bytes (a fresh
 * offer, 3.5), so both hosts reach the same verdict.  A TEP repeated in
 * either option is never valid (8547 4.5 (3)).
 * conn_arg is the struct tcpcrypt_conn of the connection.
 */

#include "tcpcrypt_engine_var.h"

static uint8_t tep_ids[] = {
	TCPCRYPT_TEP_P256, TCPCRYPT_TEP_P521, TCPCRYPT_TEP_X25519,
	TCPCRYPT_TEP_X448
};

static enum tcp_eno_reason
tep_subopt(void *ctx, void *conn_arg, const struct tcp_eno_tep_query *q,
    uint8_t *v, uint8_t *data, size_t cap, size_t *len)
{
	const struct tcp_eno_subopt *s;
	struct tcpcrypt_conn *c;
	uint8_t tep;
	size_t i;

	c = conn_arg;
	tep = *(const uint8_t *)ctx;
	*v = 0;
	*len = 0;
	if (c == NULL)
		return (TCP_ENO_R_NONE);
	if (q->etq_a == NULL) {
		(void)tcpcrypt_create_resume_offer(c, tep, data, cap, len);
	} else {
		for (i = 0; i < q->etq_a->esy_nsub; i++) {
			s = &q->etq_a->esy_sub[i];
			if (s->es_tep != tep || s->es_v == 0)
				continue;
			if (tcpcrypt_consume_resume_offer(c, tep,
			    tcp_eno_subopt_data(q->etq_a, i), s->es_len) ==
			    TCPCRYPT_R_NONE)
				break;
		}
		(void)tcpcrypt_create_resume_answer(c, tep, data, cap, len);
	}
	*v = *len != 0 ? 1 : 0;
	return (TCP_ENO_R_NONE);
}

/* B's own answer, checked by B itself: the bytes it produced. */
static bool
tep_own_answer(struct tcpcrypt_conn *c, uint8_t tep, const uint8_t *data,
    size_t len)
{
	uint8_t own[TCPCRYPT_RESUME_SUBOPT_MAX];
	size_t own_len;

	if (tcpcrypt_create_resume_answer(c, tep, own, sizeof(own),
	    &own_len) != TCPCRYPT_R_NONE)
		return (false);
	return (own_len == len && tcp_eno_ct_bcmp(own, data, len) == 0);
}

static size_t
tep_count(const struct tcp_eno_syn *syn, uint8_t tep)
{
	size_t i, n;

	for (i = n = 0; i < syn->esy_nsub; i++)
		if (syn->esy_sub[i].es_tep == tep)
			n++;
	return (n);
}

static bool
tep_valid(void *ctx, void *conn_arg, const struct tcp_eno_tep_query *q)
{
	const struct tcp_eno_subopt *s;
	struct tcpcrypt_conn *c;
	const uint8_t *data;
	uint8_t tep;
	bool ok;

	c = conn_arg;
	tep = *(const uint8_t *)ctx;
	s = &q->etq_b->esy_sub[q->etq_b_index];
	data = tcp_eno_subopt_data(q->etq_b, q->etq_b_index);
	/*
	 * 8547 4.5 (3): tcpcrypt defines no repetition of a TEP in one
	 * option (8548 3.5 forbids two resumption suboptions of one TEP),
	 * so a repeated TEP is not valid, on either side.
	 */
	if (tep_count(q->etq_a, tep) != 1 || tep_count(q->etq_b, tep) != 1)
		return (false);
	if (s->es_v == 0)
		return (s->es_len == 0);
	/*
	 * 3.5: v = 1 with fewer than 9 data bytes is no resumption
	 * suboption but an offer of fresh key exchange, whoever reads it.
	 * The last verdict is the negotiated TEP's (8547 4.5 stops at the
	 * last valid one), so b_fresh_v1 tells handle_negotiated which.
	 */
	if (s->es_len < TCPCRYPT_RESUME_HALF_LEN) {
		if (c != NULL)
			c->b_fresh_v1 = true;
		return (true);
	}
	if (c == NULL)
		return (false);
	if (q->etq_role == TCP_ENO_ROLE_A)
		ok = tcpcrypt_consume_resume_answer(c, tep, data,
		    s->es_len) == TCPCRYPT_R_NONE;
	else
		ok = tep_own_answer(c, tep, data, s->es_len);
	if (ok)
		c->b_fresh_v1 = false;
	return (ok);
}

static const struct tcp_eno_tep_ops tep_ops[] = {
	{ .teo_id = TCPCRYPT_TEP_P256, .teo_name = "TCPCRYPT_ECDHE_P256",
	  .teo_sessid_len = TCPCRYPT_SESSID_LEN, .teo_syn_data = false,
	  .teo_valid = tep_valid, .teo_subopt = tep_subopt },
	{ .teo_id = TCPCRYPT_TEP_P521, .teo_name = "TCPCRYPT_ECDHE_P521",
	  .teo_sessid_len = TCPCRYPT_SESSID_LEN, .teo_syn_data = false,
	  .teo_valid = tep_valid, .teo_subopt = tep_subopt },
	{ .teo_id = TCPCRYPT_TEP_X25519,
	  .teo_name = "TCPCRYPT_ECDHE_Curve25519",
	  .teo_sessid_len = TCPCRYPT_SESSID_LEN, .teo_syn_data = false,
	  .teo_valid = tep_valid, .teo_subopt = tep_subopt },
	{ .teo_id = TCPCRYPT_TEP_X448, .teo_name = "TCPCRYPT_ECDHE_Curve448",
	  .teo_sessid_len = TCPCRYPT_SESSID_LEN, .teo_syn_data = false,
	  .teo_valid = tep_valid, .teo_subopt = tep_subopt },
};

void
tcpcrypt_unregister_teps(struct tcp_eno_registry *reg)
{
	size_t i;

	for (i = 0; i < nitems(tep_ops); i++)
		(void)tcp_eno_tep_unregister(reg, tep_ops[i].teo_id);
}

enum tcpcrypt_reason
tcpcrypt_register_teps(struct tcp_eno_registry *reg)
{
	size_t i;

	for (i = 0; i < nitems(tep_ops); i++) {
		if (tcp_eno_tep_register(reg, &tep_ops[i], &tep_ids[i]) !=
		    TCP_ENO_R_NONE) {
			while (i-- > 0)
				(void)tcp_eno_tep_unregister(reg,
				    tep_ops[i].teo_id);
			return (TCPCRYPT_R_REGISTRY);
		}
	}
	return (TCPCRYPT_R_NONE);
}
