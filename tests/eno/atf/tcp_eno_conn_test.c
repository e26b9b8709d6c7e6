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
 * ATF-C tests of the per-connection TCP-ENO state machine (RFC 8547 4.6),
 * mandatory modes (API.md 3, D8), raw mode, simultaneous open and the SYN
 * data rules (4.7).  Two engine connections exchange real option bytes.
 */

#include "eno_atf.h"

struct pair {
	struct tcp_eno_registry reg;
	struct tcp_eno_conn a, b;
	uint8_t opt[TCP_ENO_OPT_MAX];
	size_t len;
	struct tcp_eno_seg seg;
};

static const uint8_t teps_std[] = { 0x21, 0x23 };

static void
pair_init(struct pair *p, const struct tcp_eno_conf *ca,
    const struct tcp_eno_conf *cb)
{

	atf_registry(&p->reg);
	REQ_R(tcp_eno_conn_init(&p->a, &p->reg, NULL, ca), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_conn_init(&p->b, &p->reg, NULL, cb), TCP_ENO_R_NONE);
}

static void
pair_std(struct pair *p, bool a_mand, bool b_mand)
{
	struct tcp_eno_conf ca, cb;

	atf_conf(&ca, false, teps_std, 2);
	atf_conf(&cb, true, teps_std, 2);
	ca.ecf_tep_mandatory = a_mand;
	cb.ecf_tep_mandatory = b_mand;
	pair_init(p, &ca, &cb);
}

static enum tcp_eno_phase
phase(const struct tcp_eno_conn *c)
{
	struct tcp_eno_status st;

	tcp_eno_conn_status(c, &st);
	return (st.est_phase);
}

/* SYN from a to b, SYN-ACK back; leaves the SYN-ACK option in p->opt. */
static void
pair_syn_synack(struct pair *p)
{

	REQ_R(tcp_eno_poll_syn(&p->a, p->opt, sizeof(p->opt), &p->len),
	    TCP_ENO_R_NONE);
	atf_seg(&p->seg, p->opt, p->len);
	REQ_R(tcp_eno_handle_syn(&p->b, &p->seg), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_synack(&p->b, p->opt, sizeof(p->opt), &p->len),
	    TCP_ENO_R_NONE);
}

ATF_TC(conn_handshake_enables);
ATF_TC_HEAD(conn_handshake_enables, tc)
{
	atf_tc_set_md_var(tc, "descr", "Three-way handshake: ENO in every "
	    "segment until a non-SYN one arrives; enabled once an ACK with ENO "
	    "was both sent and received (4.6)");
}
ATF_TC_BODY(conn_handshake_enables, tc)
{
	const uint8_t syn[] = { 0x45, 0x04, 0x21, 0x23 };
	const uint8_t synack[] = { 0x45, 0x04, 0x01, 0x23 };
	const uint8_t ack[] = { 0x45, 0x02 };
	struct tcp_eno_status st;
	struct pair p;

	pair_std(&p, false, false);
	REQ_R(tcp_eno_poll_syn(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(p.opt, p.len, syn, sizeof(syn));
	ATF_REQUIRE_EQ(phase(&p.a), TCP_ENO_PH_NEGOTIATING);
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_syn(&p.b, &p.seg), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_synack(&p.b, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(p.opt, p.len, synack, sizeof(synack));
	ATF_REQUIRE_EQ(phase(&p.b), TCP_ENO_PH_NEGOTIATING);
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(phase(&p.a), TCP_ENO_PH_NEGOTIATING);
	REQ_R(tcp_eno_poll_option(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(p.opt, p.len, ack, sizeof(ack));
	ATF_REQUIRE_EQ(phase(&p.a), TCP_ENO_PH_ENABLED);
	/* A keeps sending ENO until B's first non-SYN segment arrives. */
	REQ_R(tcp_eno_poll_option(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(p.len, 2);
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_segment(&p.b, &p.seg, true), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(phase(&p.b), TCP_ENO_PH_ENABLED);
	/* B has received a non-SYN segment: it sends no more ENO. */
	REQ_R(tcp_eno_poll_option(&p.b, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(p.len, 0);
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_segment(&p.a, &p.seg, true), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(phase(&p.a), TCP_ENO_PH_ENABLED);
	REQ_R(tcp_eno_poll_option(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(p.len, 0);
	tcp_eno_conn_status(&p.b, &st);
	ATF_REQUIRE_EQ(st.est_role, TCP_ENO_ROLE_B);
	ATF_REQUIRE_EQ(st.est_negtep, 0x23);
	ATF_REQUIRE_EQ(st.est_peer_gopt, 0);
	ATF_REQUIRE(!st.est_simultaneous);
}

ATF_TC(conn_transcript_states);
ATF_TC_HEAD(conn_transcript_states, tc)
{
	atf_tc_set_md_var(tc, "descr", "Transcript: ENOTCONN class while "
	    "negotiating, bytes once a TEP is agreed, EINVAL class after a "
	    "fallback (API.md 2)");
}
ATF_TC_BODY(conn_transcript_states, tc)
{
	const uint8_t want[] = { 0x45, 0x04, 0x21, 0x23, 0x45, 0x04, 0x01,
	    0x23 };
	uint8_t t[TCP_ENO_MAX_TRANSCRIPT];
	struct tcp_eno_syn a, b;
	struct pair p;
	size_t len;

	pair_std(&p, false, false);
	REQ_R(tcp_eno_conn_transcript(&p.a, t, sizeof(t), &len),
	    TCP_ENO_R_NOT_YET);
	pair_syn_synack(&p);
	REQ_R(tcp_eno_conn_transcript(&p.b, t, sizeof(t), &len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(t, len, want, sizeof(want));
	REQ_R(tcp_eno_conn_transcript(&p.b, t, 7, &len), TCP_ENO_R_BUF_SHORT);
	REQ_R(tcp_eno_conn_syns(&p.b, &a, &b), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(a.esy_nsub, 2);
	ATF_REQUIRE_EQ(b.esy_gopt, 1);
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_conn_transcript(&p.a, t, sizeof(t), &len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(t, len, want, sizeof(want));
	/* A's ACK without ENO: B falls back, the transcript goes. */
	p.seg.esg_neno = 0;
	REQ_R(tcp_eno_handle_segment(&p.b, &p.seg, true),
	    TCP_ENO_R_PEER_ACK_NO_ENO);
	REQ_R(tcp_eno_conn_transcript(&p.b, t, sizeof(t), &len),
	    TCP_ENO_R_NOT_ENABLED);
	ATF_REQUIRE_EQ(phase(&p.b), TCP_ENO_PH_DISABLED);
}

ATF_TC(conn_retransmissions);
ATF_TC_HEAD(conn_retransmissions, tc)
{
	atf_tc_set_md_var(tc, "descr", "SYN-form options never change in "
	    "retransmissions; a peer whose option changes is a fallback (4.6)");
}
ATF_TC_BODY(conn_retransmissions, tc)
{
	uint8_t first[TCP_ENO_OPT_MAX], changed[] = { 0x45, 0x03, 0x21 };
	size_t flen;
	struct pair p;

	pair_std(&p, false, false);
	REQ_R(tcp_eno_poll_syn(&p.a, first, sizeof(first), &flen),
	    TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_syn(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(p.opt, p.len, first, flen);
	atf_seg(&p.seg, first, flen);
	REQ_R(tcp_eno_handle_syn(&p.b, &p.seg), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_handle_syn(&p.b, &p.seg), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(phase(&p.b), TCP_ENO_PH_NEGOTIATING);
	REQ_R(tcp_eno_poll_synack(&p.b, first, sizeof(first), &flen),
	    TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_synack(&p.b, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(p.opt, p.len, first, flen);
	atf_seg(&p.seg, changed, sizeof(changed));
	REQ_R(tcp_eno_handle_syn(&p.b, &p.seg), TCP_ENO_R_SYN_CHANGED);
	REQ_R(tcp_eno_poll_synack(&p.b, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(p.len, 0);
}

ATF_TC(conn_mandatory_aborts);
ATF_TC_HEAD(conn_mandatory_aborts, tc)
{
	atf_tc_set_md_var(tc, "descr", "Mandatory encryption turns a fallback "
	    "into an abort: ECONNABORTED class on A, RST refusing on B (D8)");
}
ATF_TC_BODY(conn_mandatory_aborts, tc)
{
	struct tcp_eno_status st;
	struct pair p;

	pair_std(&p, true, true);
	REQ_R(tcp_eno_poll_syn(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	p.seg.esg_neno = 0;
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg), TCP_ENO_R_TEP_MANDATORY);
	tcp_eno_conn_status(&p.a, &st);
	ATF_REQUIRE(st.est_abort);
	ATF_REQUIRE_EQ(st.est_cause, TCP_ENO_R_PEER_SYNACK_NO_ENO);
	ATF_REQUIRE_EQ(tcp_eno_reason_errclass(st.est_reason),
	    TCP_ENO_EC_ABORTED);
	REQ_R(tcp_eno_handle_syn(&p.b, &p.seg), TCP_ENO_R_TEP_MANDATORY_RST);
	tcp_eno_conn_status(&p.b, &st);
	ATF_REQUIRE(st.est_abort);
	ATF_REQUIRE_EQ(tcp_eno_reason_action(st.est_reason),
	    TCP_ENO_ACT_ABORT_RST);
	REQ_R(tcp_eno_poll_synack(&p.b, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(p.len, 0);
}

ATF_TC(conn_mandatory_set_late);
ATF_TC_HEAD(conn_mandatory_set_late, tc)
{
	atf_tc_set_md_var(tc, "descr", "TCP_ENO_TEP_MANDATORY set on a "
	    "connection that fell back aborts it at once (API.md 3); set "
	    "while negotiating it applies to a later fallback");
}
ATF_TC_BODY(conn_mandatory_set_late, tc)
{
	struct tcp_eno_status st;
	struct pair p;

	pair_std(&p, false, false);
	pair_syn_synack(&p);
	REQ_R(tcp_eno_handle_tep_mandatory(&p.b, true), TCP_ENO_R_NONE);
	p.seg.esg_neno = 0;
	REQ_R(tcp_eno_handle_segment(&p.b, &p.seg, true),
	    TCP_ENO_R_TEP_MANDATORY_RST);
	REQ_R(tcp_eno_poll_option(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_BAD_STATE);
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg),
	    TCP_ENO_R_PEER_SYNACK_NO_ENO);
	REQ_R(tcp_eno_handle_tep_mandatory(&p.a, true),
	    TCP_ENO_R_SOCKOPT_MANDATORY_ABORT);
	tcp_eno_conn_status(&p.a, &st);
	ATF_REQUIRE(st.est_abort);
	ATF_REQUIRE_EQ(st.est_cause, TCP_ENO_R_PEER_SYNACK_NO_ENO);
}

ATF_TC(conn_first_ack_rule);
ATF_TC_HEAD(conn_first_ack_rule, tc)
{
	atf_tc_set_md_var(tc, "descr", "Only segments up to and including "
	    "the first received ACK must carry ENO (4.6 (1))");
}
ATF_TC_BODY(conn_first_ack_rule, tc)
{
	struct pair p;

	pair_std(&p, false, false);
	pair_syn_synack(&p);
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_option(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	/* A's SYN-ACK was its first ACK: later bare segments are fine. */
	p.seg.esg_neno = 0;
	REQ_R(tcp_eno_handle_segment(&p.a, &p.seg, true), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(phase(&p.a), TCP_ENO_PH_ENABLED);
	/* B: a non-ACK segment with ENO, then the ACK with ENO. */
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_segment(&p.b, &p.seg, false), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(phase(&p.b), TCP_ENO_PH_NEGOTIATING);
	REQ_R(tcp_eno_handle_segment(&p.b, &p.seg, true), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(phase(&p.b), TCP_ENO_PH_ENABLED);
	p.seg.esg_neno = 0;
	REQ_R(tcp_eno_handle_segment(&p.b, &p.seg, true), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(phase(&p.b), TCP_ENO_PH_ENABLED);
}

ATF_TC(conn_bad_state_changes_nothing);
ATF_TC_HEAD(conn_bad_state_changes_nothing, tc)
{
	atf_tc_set_md_var(tc, "descr", "Events out of order are refused with "
	    "TCP_ENO_R_BAD_STATE and leave the connection as it was");
}
ATF_TC_BODY(conn_bad_state_changes_nothing, tc)
{
	struct pair p;

	pair_std(&p, false, false);
	REQ_R(tcp_eno_poll_syn(&p.b, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_BAD_STATE);
	REQ_R(tcp_eno_poll_synack(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_BAD_STATE);
	REQ_R(tcp_eno_poll_synack(&p.b, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_BAD_STATE);
	p.seg.esg_neno = 0;
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg), TCP_ENO_R_BAD_STATE);
	REQ_R(tcp_eno_handle_syn(&p.a, &p.seg), TCP_ENO_R_BAD_STATE);
	REQ_R(tcp_eno_handle_segment(&p.b, &p.seg, true), TCP_ENO_R_BAD_STATE);
	REQ_R(tcp_eno_handle_synack(&p.b, &p.seg), TCP_ENO_R_BAD_STATE);
	REQ_R(tcp_eno_poll_option(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_BAD_STATE);
	REQ_R(tcp_eno_handle_disable(&p.a, TCP_ENO_R_NONE),
	    TCP_ENO_R_BAD_ARGUMENT);
	ATF_REQUIRE_EQ(phase(&p.a), TCP_ENO_PH_NEGOTIATING);
	ATF_REQUIRE_EQ(phase(&p.b), TCP_ENO_PH_NEGOTIATING);
	pair_syn_synack(&p);
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_option(&p.a, p.opt, 1, &p.len),
	    TCP_ENO_R_BUF_SHORT);
	REQ_R(tcp_eno_conn_preset(&p.a, p.opt, 0), TCP_ENO_R_BAD_STATE);
	/* An empty SYN-form option may come without a contents pointer. */
	pair_std(&p, false, false);
	p.seg.esg_neno = 1;
	p.seg.esg_contents = NULL;
	p.seg.esg_len = 0;
	REQ_R(tcp_eno_handle_syn(&p.b, &p.seg), TCP_ENO_R_VACUOUS);
}

ATF_TC(conn_local_disable);
ATF_TC_HEAD(conn_local_disable, tc)
{
	atf_tc_set_md_var(tc, "descr", "Policy off, D14 (SYN cookie) and D15 "
	    "(TCP-MD5) disable ENO: no option is sent");
}
ATF_TC_BODY(conn_local_disable, tc)
{
	struct tcp_eno_conf conf;
	struct tcp_eno_status st;
	struct pair p;

	atf_conf(&conf, false, teps_std, 2);
	conf.ecf_attempt = false;
	atf_registry(&p.reg);
	REQ_R(tcp_eno_conn_init(&p.a, &p.reg, NULL, &conf),
	    TCP_ENO_R_LOCAL_OFF);
	REQ_R(tcp_eno_poll_syn(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(p.len, 0);
	pair_std(&p, false, false);
	REQ_R(tcp_eno_handle_disable(&p.a, TCP_ENO_R_TCP_MD5),
	    TCP_ENO_R_TCP_MD5);
	REQ_R(tcp_eno_poll_syn(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(p.len, 0);
	REQ_R(tcp_eno_poll_syn(&p.b, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_BAD_STATE);
	pair_std(&p, false, false);
	pair_syn_synack(&p);
	REQ_R(tcp_eno_handle_disable(&p.b, TCP_ENO_R_SYN_COOKIE),
	    TCP_ENO_R_SYN_COOKIE);
	REQ_R(tcp_eno_poll_synack(&p.b, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(p.len, 0);
	tcp_eno_conn_status(&p.b, &st);
	ATF_REQUIRE_EQ(st.est_phase, TCP_ENO_PH_DISABLED);
	ATF_REQUIRE(!st.est_negotiated);
}

ATF_TC(conn_room_for_option);
ATF_TC_HEAD(conn_room_for_option, tc)
{
	atf_tc_set_md_var(tc, "descr", "An ENO option that does not fit the "
	    "option space left is not sent: fallback, not truncation");
}
ATF_TC_BODY(conn_room_for_option, tc)
{
	struct tcp_eno_status st;
	struct pair p;

	pair_std(&p, false, false);
	REQ_R(tcp_eno_poll_syn(&p.a, p.opt, 3, &p.len),
	    TCP_ENO_R_ENC_NO_ROOM);
	ATF_REQUIRE_EQ(p.len, 0);
	tcp_eno_conn_status(&p.a, &st);
	ATF_REQUIRE_EQ(st.est_phase, TCP_ENO_PH_DISABLED);
}

ATF_TC(conn_simultaneous_open);
ATF_TC_HEAD(conn_simultaneous_open, tc)
{
	atf_tc_set_md_var(tc, "descr", "Two active openers, one with b = 1: "
	    "SYNs cross, SYN-ACKs repeat them, roles by b (4.3, Figure 12)");
}
ATF_TC_BODY(conn_simultaneous_open, tc)
{
	uint8_t oa[TCP_ENO_OPT_MAX], ob[TCP_ENO_OPT_MAX];
	uint8_t ta[TCP_ENO_MAX_TRANSCRIPT], tb[TCP_ENO_MAX_TRANSCRIPT];
	struct tcp_eno_conf ca, cb;
	struct tcp_eno_status st;
	struct tcp_eno_seg seg;
	size_t la, lb;
	struct pair p;

	atf_conf(&ca, false, teps_std, 2);
	atf_conf(&cb, false, teps_std, 2);
	cb.ecf_gopt = TCP_ENO_GOPT_BIT_B;
	pair_init(&p, &ca, &cb);
	REQ_R(tcp_eno_poll_syn(&p.a, oa, sizeof(oa), &la), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_syn(&p.b, ob, sizeof(ob), &lb), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(ob[2], 0x01);
	atf_seg(&seg, ob, lb);
	REQ_R(tcp_eno_handle_syn(&p.a, &seg), TCP_ENO_R_NONE);
	atf_seg(&seg, oa, la);
	REQ_R(tcp_eno_handle_syn(&p.b, &seg), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_synack(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(p.opt, p.len, oa, la);
	atf_seg(&seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_synack(&p.b, &seg), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_synack(&p.b, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	atf_seg(&seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_synack(&p.a, &seg), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(phase(&p.a), TCP_ENO_PH_ENABLED);
	ATF_REQUIRE_EQ(phase(&p.b), TCP_ENO_PH_ENABLED);
	tcp_eno_conn_status(&p.b, &st);
	ATF_REQUIRE(st.est_simultaneous);
	ATF_REQUIRE_EQ(st.est_role, TCP_ENO_ROLE_B);
	ATF_REQUIRE_EQ(st.est_negtep, 0x23);
	REQ_R(tcp_eno_conn_transcript(&p.a, ta, sizeof(ta), &la),
	    TCP_ENO_R_NONE);
	REQ_R(tcp_eno_conn_transcript(&p.b, tb, sizeof(tb), &lb),
	    TCP_ENO_R_NONE);
	REQ_BYTES(ta, la, tb, lb);
	ATF_REQUIRE_EQ(ta[2], 0x21);
	/* Enabled: a late, altered SYN-ACK changes nothing (4.6). */
	ATF_REQUIRE_EQ(p.opt[4], 0x23);
	p.opt[4] = 0x21;
	atf_seg(&seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_synack(&p.a, &seg), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(phase(&p.a), TCP_ENO_PH_ENABLED);
	REQ_R(tcp_eno_handle_disable(&p.a, TCP_ENO_R_TCP_MD5),
	    TCP_ENO_R_BAD_STATE);
	ATF_REQUIRE_EQ(phase(&p.a), TCP_ENO_PH_ENABLED);
}

ATF_TC(conn_synack_changed_before_ack);
ATF_TC_HEAD(conn_synack_changed_before_ack, tc)
{
	atf_tc_set_md_var(tc, "descr", "A retransmitted SYN-ACK with another "
	    "option before A's ACK went out is a fallback (4.6)");
}
ATF_TC_BODY(conn_synack_changed_before_ack, tc)
{
	const uint8_t other[] = { 0x45, 0x04, 0x01, 0x21 };
	struct pair p;

	pair_std(&p, false, false);
	pair_syn_synack(&p);
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(phase(&p.a), TCP_ENO_PH_NEGOTIATING);
	atf_seg(&p.seg, other, sizeof(other));
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg), TCP_ENO_R_SYN_CHANGED);
	ATF_REQUIRE_EQ(phase(&p.a), TCP_ENO_PH_DISABLED);
	REQ_R(tcp_eno_poll_option(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(p.len, 0);
}

ATF_TC(conn_raw_mode);
ATF_TC_HEAD(conn_raw_mode, tc)
{
	atf_tc_set_md_var(tc, "descr", "TCP_ENO_RAW: contents sent verbatim, "
	    "success on any common TEP id, no TEP checks (API.md 3)");
}
ATF_TC_BODY(conn_raw_mode, tc)
{
	const uint8_t raw_a[] = { 0x55, 0xd6, 0x01, 0x02 };
	const uint8_t raw_b[] = { 0x01, 0xd6, 0x09, 0x08, 0x07, 0x06, 0x05,
	    0x04, 0x03, 0x02, 0x01 };
	struct tcp_eno_conf ca, cb;
	struct tcp_eno_status st;
	struct pair p;

	atf_conf(&ca, false, NULL, 0);
	atf_conf(&cb, true, NULL, 0);
	memcpy(ca.ecf_raw, raw_a, sizeof(raw_a));
	ca.ecf_rawlen = sizeof(raw_a);
	memcpy(cb.ecf_raw, raw_b, sizeof(raw_b));
	cb.ecf_rawlen = sizeof(raw_b);
	pair_init(&p, &ca, &cb);
	REQ_R(tcp_eno_poll_syn(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(p.opt + 2, p.len - 2, raw_a, sizeof(raw_a));
	pair_syn_synack(&p);
	REQ_BYTES(p.opt + 2, p.len - 2, raw_b, sizeof(raw_b));
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_option(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_segment(&p.b, &p.seg, true), TCP_ENO_R_NONE);
	tcp_eno_conn_status(&p.a, &st);
	ATF_REQUIRE(st.est_raw);
	ATF_REQUIRE_EQ(st.est_phase, TCP_ENO_PH_ENABLED);
	ATF_REQUIRE_EQ(st.est_negtep, 0xd6);
	ATF_REQUIRE_EQ(phase(&p.b), TCP_ENO_PH_ENABLED);
}

ATF_TC(syndata_rules);
ATF_TC_HEAD(syndata_rules, tc)
{
	atf_tc_set_md_var(tc, "descr", "4.7: no SYN data by default or "
	    "beside TFO; received SYN+ENO data discarded unless its SYN TEP "
	    "is negotiated and defines it; aborts after sending SYN data");
}
ATF_TC_BODY(syndata_rules, tc)
{
	const uint8_t teps31[] = { 0x21, 0x31 };
	struct tcp_eno_conf ca, cb;
	struct tcp_eno_status st;
	struct pair p;

	pair_std(&p, false, false);
	REQ_R(tcp_eno_syndata_send(&p.a, true, false), TCP_ENO_R_NONE);
	pair_syn_synack(&p);
	REQ_R(tcp_eno_syndata_send(&p.a, false, false),
	    TCP_ENO_R_SYNDATA_OFF);
	REQ_R(tcp_eno_syndata_send(&p.a, true, true), TCP_ENO_R_SYNDATA_TFO);
	REQ_R(tcp_eno_syndata_send(&p.a, true, false), TCP_ENO_R_SYNDATA_OFF);
	REQ_R(tcp_eno_syndata_rcvd(&p.b, false), TCP_ENO_R_SYNDATA_DROP_UNDEF);
	REQ_R(tcp_eno_syndata_rcvd(&p.b, true), TCP_ENO_R_SYNDATA_DROP_TFO);
	/* A TEP that defines SYN data, last in A's SYN and negotiated. */
	atf_conf(&ca, false, teps31, 2);
	atf_conf(&cb, true, teps31, 2);
	pair_init(&p, &ca, &cb);
	pair_syn_synack(&p);
	REQ_R(tcp_eno_syndata_send(&p.a, true, false), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syndata_rcvd(&p.b, false), TCP_ENO_R_NONE);
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syndata_acked(&p.a, true, true), TCP_ENO_R_NONE);
	/* B prefers 0x21: A's SYN TEP 0x31 is not negotiated. */
	atf_conf(&cb, true, (const uint8_t []){ 0x31, 0x21 }, 2);
	pair_init(&p, &ca, &cb);
	pair_syn_synack(&p);
	REQ_R(tcp_eno_syndata_rcvd(&p.b, false), TCP_ENO_R_SYNDATA_DROP_TEP);
	atf_seg(&p.seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syndata_acked(&p.a, true, false), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syndata_acked(&p.a, true, true),
	    TCP_ENO_R_SYNDATA_ACKED_BAD_TEP);
	tcp_eno_conn_status(&p.a, &st);
	ATF_REQUIRE(st.est_abort);
	ATF_REQUIRE_EQ(st.est_phase, TCP_ENO_PH_DISABLED);
	/* SYN-ACK without ENO after SYN data: abort even if not acked. */
	pair_init(&p, &ca, &cb);
	REQ_R(tcp_eno_poll_syn(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	p.seg.esg_neno = 0;
	REQ_R(tcp_eno_handle_synack(&p.a, &p.seg),
	    TCP_ENO_R_PEER_SYNACK_NO_ENO);
	REQ_R(tcp_eno_syndata_acked(&p.a, false, false),
	    TCP_ENO_R_SYNDATA_SYNACK_NO_ENO);
	/* ENO failed on the receiving side: discard. */
	REQ_R(tcp_eno_handle_syn(&p.b, &p.seg), TCP_ENO_R_PEER_SYN_NO_ENO);
	REQ_R(tcp_eno_syndata_rcvd(&p.b, false), TCP_ENO_R_NONE);
	pair_init(&p, &ca, &cb);
	p.seg.esg_neno = 2;
	p.seg.esg_contents = (const uint8_t []){ 0x31 };
	p.seg.esg_len = 1;
	REQ_R(tcp_eno_handle_syn(&p.b, &p.seg), TCP_ENO_R_SYN_MULTIPLE);
	REQ_R(tcp_eno_syndata_rcvd(&p.b, false),
	    TCP_ENO_R_SYNDATA_DROP_FAILED);
}

static enum tcp_eno_reason
tep_long_subopt(void *ctx, void *arg, const struct tcp_eno_tep_query *q,
    uint8_t *v, uint8_t *data, size_t cap, size_t *len)
{

	*v = 1;
	memset(data, 0x5a, 33);
	*len = 33;
	return (TCP_ENO_R_NONE);
}

static enum tcp_eno_reason
tep_failing_subopt(void *ctx, void *arg, const struct tcp_eno_tep_query *q,
    uint8_t *v, uint8_t *data, size_t cap, size_t *len)
{

	*v = 1;
	*len = 4;
	return (TCP_ENO_R_BUF_SHORT);
}

static const struct tcp_eno_tep_ops tep_long = {
	.teo_id = 0x32, .teo_name = "long", .teo_sessid_len = 33,
	.teo_subopt = tep_long_subopt,
};
static const struct tcp_eno_tep_ops tep_failing = {
	.teo_id = 0x33, .teo_name = "failing", .teo_sessid_len = 33,
	.teo_subopt = tep_failing_subopt,
};

ATF_TC(conn_defensive_checks);
ATF_TC_HEAD(conn_defensive_checks, tc)
{
	atf_tc_set_md_var(tc, "descr", "Bad configurations are refused at "
	    "init; a TEP with unencodable data means no ENO, a TEP that "
	    "fails offers a bare suboption; an altered simultaneous SYN-ACK "
	    "before enabling falls back");
}
ATF_TC_BODY(conn_defensive_checks, tc)
{
	const uint8_t bad_tep[] = { 0x85 }, long_first[] = { 0x32, 0x21 };
	const uint8_t failing[] = { 0x33 }, want_bare[] = { 0x45, 0x03, 0x33 };
	struct tcp_eno_conf conf, cb;
	struct tcp_eno_status st;
	uint8_t big[TCP_ENO_CONTENTS_MAX + 1] = { 0 };
	struct tcp_eno_seg seg;
	struct pair p;

	atf_registry(&p.reg);
	REQ_R(tcp_eno_tep_register(&p.reg, &tep_long, NULL), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_tep_register(&p.reg, &tep_failing, NULL),
	    TCP_ENO_R_NONE);
	atf_conf(&conf, false, teps_std, 2);
	conf.ecf_nteps = TCP_ENO_MAX_TEPS + 1;
	REQ_R(tcp_eno_conn_init(&p.a, &p.reg, NULL, &conf),
	    TCP_ENO_R_BAD_ARGUMENT);
	atf_conf(&conf, false, teps_std, 2);
	conf.ecf_gopt = 0x20;
	REQ_R(tcp_eno_conn_init(&p.a, &p.reg, NULL, &conf),
	    TCP_ENO_R_BAD_ARGUMENT);
	atf_conf(&conf, false, teps_std, 2);
	conf.ecf_rawlen = TCP_ENO_MAX_RAW + 1;
	REQ_R(tcp_eno_conn_init(&p.a, &p.reg, NULL, &conf),
	    TCP_ENO_R_BAD_ARGUMENT);
	atf_conf(&conf, false, bad_tep, 1);
	REQ_R(tcp_eno_conn_init(&p.a, &p.reg, NULL, &conf),
	    TCP_ENO_R_BAD_ARGUMENT);
	/* Refused: the connection fails closed, it offers no ENO. */
	REQ_R(tcp_eno_poll_syn(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(p.len, 0);
	atf_conf(&conf, false, teps_std, 2);
	REQ_R(tcp_eno_conn_init(&p.a, &p.reg, NULL, &conf), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_conn_preset(&p.a, big, sizeof(big)),
	    TCP_ENO_R_OPT_TOO_LONG);
	/* 33 data bytes cannot precede another suboption (4.4). */
	atf_conf(&conf, false, long_first, 2);
	REQ_R(tcp_eno_conn_init(&p.a, &p.reg, NULL, &conf), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_syn(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_TEP_SUBOPT);
	ATF_REQUIRE_EQ(p.len, 0);
	tcp_eno_conn_status(&p.a, &st);
	ATF_REQUIRE_EQ(st.est_phase, TCP_ENO_PH_DISABLED);
	atf_conf(&conf, false, failing, 1);
	REQ_R(tcp_eno_conn_init(&p.a, &p.reg, NULL, &conf), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_syn(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(p.opt, p.len, want_bare, sizeof(want_bare));
	/* Simultaneous open, peer's SYN-ACK differs from its SYN. */
	atf_conf(&conf, false, teps_std, 2);
	atf_conf(&cb, false, teps_std, 2);
	cb.ecf_gopt = TCP_ENO_GOPT_BIT_B;
	pair_init(&p, &conf, &cb);
	REQ_R(tcp_eno_poll_syn(&p.a, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	REQ_R(tcp_eno_poll_syn(&p.b, p.opt, sizeof(p.opt), &p.len),
	    TCP_ENO_R_NONE);
	atf_seg(&seg, p.opt, p.len);
	REQ_R(tcp_eno_handle_syn(&p.a, &seg), TCP_ENO_R_NONE);
	p.opt[p.len - 1] = 0x21;
	REQ_R(tcp_eno_handle_synack(&p.a, &seg), TCP_ENO_R_SYN_CHANGED);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, conn_handshake_enables);
	ATF_TP_ADD_TC(tp, conn_transcript_states);
	ATF_TP_ADD_TC(tp, conn_retransmissions);
	ATF_TP_ADD_TC(tp, conn_mandatory_aborts);
	ATF_TP_ADD_TC(tp, conn_mandatory_set_late);
	ATF_TP_ADD_TC(tp, conn_first_ack_rule);
	ATF_TP_ADD_TC(tp, conn_bad_state_changes_nothing);
	ATF_TP_ADD_TC(tp, conn_local_disable);
	ATF_TP_ADD_TC(tp, conn_room_for_option);
	ATF_TP_ADD_TC(tp, conn_simultaneous_open);
	ATF_TP_ADD_TC(tp, conn_synack_changed_before_ack);
	ATF_TP_ADD_TC(tp, conn_raw_mode);
	ATF_TP_ADD_TC(tp, syndata_rules);
	ATF_TP_ADD_TC(tp, conn_defensive_checks);
	return (atf_no_error());
}
