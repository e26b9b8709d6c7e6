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
 * Per-connection TCP-ENO state machine, RFC 8547 4.6 (handshake) on top of
 * the codec and negotiation functions:
 *  - an ENO option in every segment sent until encryption is disabled or a
 *    non-SYN segment arrives; so A's third segment carries an empty
 *    non-SYN-form option;
 *  - fall back when a segment received up to and including the first ACK
 *    lacks ENO or has an ill-formed SYN-form one, when the received SYN
 *    has no valid TEP, or when the global suboptions are incompatible;
 *  - enabled once this host has both sent and received an ACK segment
 *    carrying ENO;
 *  - SYN-form options never altered between SYN segments: a change in the
 *    peer's falls back, ours are kept byte for byte;
 *  - mandatory encryption (API.md 3 TCP_ENO_TEP_MANDATORY) turns every
 *    fallback into an abort: ECONNABORTED on the active side, an RST that
 *    refuses the connection on the passive side (D8).
 */

#include "tcp_eno_compat.h"
#include "tcp_eno_engine.h"

/*
 * 4.6: once a host has sent and received an ACK carrying ENO, encryption
 * is enabled and the TEP owns the connection: late or altered SYN-form
 * options can no longer turn it back into plain TCP.
 */
static bool
tcp_eno_enabled(const struct tcp_eno_conn *c)
{

	return (!c->ec_disabled && c->ec_negotiated && c->ec_ack_sent &&
	    c->ec_ack_rcvd);
}

static enum tcp_eno_reason
tcp_eno_fail(struct tcp_eno_conn *c, enum tcp_eno_reason why)
{

	if (c->ec_disabled)
		return (c->ec_reason);
	c->ec_disabled = true;
	c->ec_negotiated = false;
	c->ec_reason = why;
	c->ec_cause = why;
	if (c->ec_conf.ecf_tep_mandatory) {
		c->ec_abort = true;
		c->ec_reason = c->ec_conf.ecf_passive ?
		    TCP_ENO_R_TEP_MANDATORY_RST : TCP_ENO_R_TEP_MANDATORY;
	}
	return (c->ec_reason);
}

void
tcp_eno_seg_from_options(struct tcp_eno_seg *seg, const uint8_t *opts,
    size_t optlen)
{

	seg->esg_neno = tcp_eno_options_find(opts, optlen, &seg->esg_contents,
	    &seg->esg_len);
}

enum tcp_eno_reason
tcp_eno_conn_init(struct tcp_eno_conn *c, const struct tcp_eno_registry *reg,
    void *conn_arg, const struct tcp_eno_conf *conf)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	/* A refused configuration leaves a connection that offers no ENO. */
	c->ec_disabled = true;
	c->ec_reason = c->ec_cause = TCP_ENO_R_LOCAL_OFF;
	if (conf->ecf_nteps > TCP_ENO_MAX_TEPS ||
	    conf->ecf_rawlen > TCP_ENO_MAX_RAW ||
	    conf->ecf_gopt > TCP_ENO_GOPT_MASK)
		return (TCP_ENO_R_BAD_ARGUMENT);
	/* API.md 3 TCP_ENO_TEPS: v ignored, glt must name a TEP. */
	for (i = 0; i < conf->ecf_nteps; i++)
		if ((conf->ecf_teps[i] & ~TCP_ENO_V) < TCP_ENO_GLT_TEP_MIN)
			return (TCP_ENO_R_BAD_ARGUMENT);
	c->ec_disabled = false;
	c->ec_reason = c->ec_cause = TCP_ENO_R_NONE;
	c->ec_reg = reg;
	c->ec_arg = conn_arg;
	c->ec_conf = *conf;
	if (!conf->ecf_attempt)
		return (tcp_eno_fail(c, TCP_ENO_R_LOCAL_OFF));
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_conn_preset(struct tcp_eno_conn *c, const uint8_t *contents,
    size_t len)
{

	if (c->ec_syn_sent || c->ec_peer_set || c->ec_own_set)
		return (TCP_ENO_R_BAD_STATE);
	if (len > TCP_ENO_CONTENTS_MAX)
		return (TCP_ENO_R_OPT_TOO_LONG);
	if (len > 0)
		memcpy(c->ec_own, contents, len);
	c->ec_ownlen = (uint8_t)len;
	c->ec_own_set = true;
	return (TCP_ENO_R_NONE);
}

/* Both copies of a SYN-form option must be byte-identical (4.6). */
static bool
tcp_eno_same(const uint8_t *kept, size_t keptlen, const struct tcp_eno_seg *s)
{

	return (s->esg_neno == 1 && s->esg_len == keptlen &&
	    (keptlen == 0 || memcmp(kept, s->esg_contents, keptlen) == 0));
}

/* The peer's SYN-form option: 4.1, 4.4, 4.6 (1); kept for the transcript. */
static enum tcp_eno_reason
tcp_eno_take_peer(struct tcp_eno_conn *c, const struct tcp_eno_seg *seg,
    enum tcp_eno_reason missing, struct tcp_eno_syn *peer)
{
	enum tcp_eno_reason r;

	c->ec_peer_had_eno = seg->esg_neno > 0;
	if (seg->esg_neno == 0)
		return (missing);
	if (seg->esg_neno > 1)
		return (TCP_ENO_R_SYN_MULTIPLE);
	r = tcp_eno_syn_parse(peer, seg->esg_contents, seg->esg_len);
	if (r != TCP_ENO_R_NONE)
		return (r);
	if (seg->esg_len > 0)
		memcpy(c->ec_peer, seg->esg_contents, seg->esg_len);
	c->ec_peerlen = (uint8_t)seg->esg_len;
	c->ec_peer_set = true;
	return (TCP_ENO_R_NONE);
}

/* Both SYN-form options known: decide the TEP (4.3, 4.5, 4.6). */
static enum tcp_eno_reason
tcp_eno_decide(struct tcp_eno_conn *c, const struct tcp_eno_syn *peer)
{
	struct tcp_eno_syn own;
	enum tcp_eno_reason r;

	/* Only raw mode can have sent an option we cannot parse. */
	r = tcp_eno_syn_parse(&own, c->ec_own, c->ec_ownlen);
	if (r == TCP_ENO_R_NONE)
		r = tcp_eno_negotiate(c->ec_reg, c->ec_arg, &c->ec_conf, &own,
		    peer, &c->ec_out);
	if (r != TCP_ENO_R_NONE)
		return (tcp_eno_fail(c, r));
	c->ec_negotiated = true;
	return (TCP_ENO_R_NONE);
}

/*
 * Composing our own option failed.  Configuration is checked at init, so
 * what is left is room (a fallback reason already) or a TEP whose
 * suboption data cannot be encoded (4.4): either way, no ENO.
 */
static enum tcp_eno_reason
tcp_eno_compose_failed(struct tcp_eno_conn *c, enum tcp_eno_reason r)
{

	if (tcp_eno_reason_action(r) != TCP_ENO_ACT_FALLBACK)
		r = TCP_ENO_R_TEP_SUBOPT;
	return (tcp_eno_fail(c, r));
}

/* Passive opener: our SYN-ACK option follows from A's SYN (4.5, D1, D3). */
static enum tcp_eno_reason
tcp_eno_answer(struct tcp_eno_conn *c, const struct tcp_eno_syn *a)
{
	enum tcp_eno_reason r;
	size_t len;

	r = tcp_eno_passive_answer(c->ec_reg, c->ec_arg, &c->ec_conf, a,
	    c->ec_own, sizeof(c->ec_own), &len);
	if (r != TCP_ENO_R_NONE)
		return (tcp_eno_compose_failed(c, r));
	c->ec_ownlen = (uint8_t)len;
	c->ec_own_set = true;
	return (tcp_eno_decide(c, a));
}

enum tcp_eno_reason
tcp_eno_handle_syn(struct tcp_eno_conn *c, const struct tcp_eno_seg *seg)
{
	struct tcp_eno_syn peer;
	enum tcp_eno_reason r;

	if (c->ec_disabled || tcp_eno_enabled(c))
		return (TCP_ENO_R_NONE);
	if (c->ec_peer_set) {
		/* A retransmitted SYN must repeat its option (4.6). */
		if (tcp_eno_same(c->ec_peer, c->ec_peerlen, seg))
			return (TCP_ENO_R_NONE);
		return (tcp_eno_fail(c, TCP_ENO_R_SYN_CHANGED));
	}
	if (!c->ec_conf.ecf_passive) {
		if (!c->ec_syn_sent)
			return (TCP_ENO_R_BAD_STATE);
		c->ec_simultaneous = true;
	}
	r = tcp_eno_take_peer(c, seg, TCP_ENO_R_PEER_SYN_NO_ENO, &peer);
	if (r != TCP_ENO_R_NONE)
		return (tcp_eno_fail(c, r));
	if (c->ec_conf.ecf_passive && !c->ec_own_set)
		return (tcp_eno_answer(c, &peer));
	return (tcp_eno_decide(c, &peer));
}

/* Simultaneous open: the peer's SYN-ACK repeats its SYN's option (4.6). */
static enum tcp_eno_reason
tcp_eno_simultaneous_synack(struct tcp_eno_conn *c,
    const struct tcp_eno_seg *seg)
{

	if (seg->esg_neno == 0)
		return (tcp_eno_fail(c, TCP_ENO_R_PEER_SYNACK_NO_ENO));
	if (!tcp_eno_same(c->ec_peer, c->ec_peerlen, seg))
		return (tcp_eno_fail(c, TCP_ENO_R_SYN_CHANGED));
	c->ec_ack_rcvd = true;
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_handle_synack(struct tcp_eno_conn *c, const struct tcp_eno_seg *seg)
{
	struct tcp_eno_syn peer;
	enum tcp_eno_reason r;

	if (c->ec_conf.ecf_passive || (!c->ec_syn_sent && !c->ec_disabled))
		return (TCP_ENO_R_BAD_STATE);
	if (c->ec_disabled || tcp_eno_enabled(c))
		return (TCP_ENO_R_NONE);
	if (c->ec_simultaneous)
		return (tcp_eno_simultaneous_synack(c, seg));
	if (c->ec_peer_set) {
		if (tcp_eno_same(c->ec_peer, c->ec_peerlen, seg))
			return (TCP_ENO_R_NONE);
		return (tcp_eno_fail(c, TCP_ENO_R_SYN_CHANGED));
	}
	r = tcp_eno_take_peer(c, seg, TCP_ENO_R_PEER_SYNACK_NO_ENO, &peer);
	if (r != TCP_ENO_R_NONE)
		return (tcp_eno_fail(c, r));
	/* The SYN-ACK is this host's first received ACK, and it has ENO. */
	c->ec_ack_rcvd = true;
	return (tcp_eno_decide(c, &peer));
}

enum tcp_eno_reason
tcp_eno_handle_segment(struct tcp_eno_conn *c, const struct tcp_eno_seg *seg,
    bool ack)
{

	if (c->ec_disabled)
		return (TCP_ENO_R_NONE);
	if (!c->ec_peer_set)
		return (TCP_ENO_R_BAD_STATE);
	c->ec_nonsyn_rcvd = true;
	/* 4.6 (1): up to and including the first ACK, ENO must be there. */
	if (!c->ec_ack_rcvd) {
		if (seg->esg_neno == 0)
			return (tcp_eno_fail(c, TCP_ENO_R_PEER_ACK_NO_ENO));
		if (ack)
			c->ec_ack_rcvd = true;
	}
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_handle_disable(struct tcp_eno_conn *c, enum tcp_eno_reason why)
{

	if (tcp_eno_reason_action(why) != TCP_ENO_ACT_FALLBACK)
		return (TCP_ENO_R_BAD_ARGUMENT);
	if (tcp_eno_enabled(c))
		return (TCP_ENO_R_BAD_STATE);
	return (tcp_eno_fail(c, why));
}

enum tcp_eno_reason
tcp_eno_handle_tep_mandatory(struct tcp_eno_conn *c, bool on)
{

	c->ec_conf.ecf_tep_mandatory = on;
	if (!on || !c->ec_disabled || c->ec_abort)
		return (TCP_ENO_R_NONE);
	/* API.md 3: set on a connection that will not encrypt: abort now. */
	c->ec_abort = true;
	c->ec_reason = TCP_ENO_R_SOCKOPT_MANDATORY_ABORT;
	return (c->ec_reason);
}

/* The kept SYN-form option as a whole TCP option. */
static enum tcp_eno_reason
tcp_eno_emit_own(struct tcp_eno_conn *c, uint8_t *out, size_t cap,
    size_t *len)
{

	if (tcp_eno_option_wrap(c->ec_own, c->ec_ownlen, out, cap, len) !=
	    TCP_ENO_R_NONE) {
		*len = 0;
		return (tcp_eno_fail(c, TCP_ENO_R_ENC_NO_ROOM));
	}
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_poll_syn(struct tcp_eno_conn *c, uint8_t *out, size_t cap,
    size_t *len)
{
	enum tcp_eno_reason r;
	size_t n;

	*len = 0;
	if (c->ec_conf.ecf_passive || c->ec_peer_set)
		return (TCP_ENO_R_BAD_STATE);
	if (c->ec_disabled)
		return (TCP_ENO_R_NONE);
	if (!c->ec_own_set) {
		r = tcp_eno_active_syn(c->ec_reg, c->ec_arg, &c->ec_conf,
		    c->ec_own, cap < 2 ? 0 : cap - 2, &n);
		if (r != TCP_ENO_R_NONE)
			return (tcp_eno_compose_failed(c, r));
		c->ec_ownlen = (uint8_t)n;
		c->ec_own_set = true;
	}
	c->ec_syn_sent = true;
	return (tcp_eno_emit_own(c, out, cap, len));
}

enum tcp_eno_reason
tcp_eno_poll_synack(struct tcp_eno_conn *c, uint8_t *out, size_t cap,
    size_t *len)
{
	enum tcp_eno_reason r;

	*len = 0;
	if (!c->ec_conf.ecf_passive && !c->ec_simultaneous &&
	    !c->ec_disabled)
		return (TCP_ENO_R_BAD_STATE);
	/* D1, and 4.6's exception for a simultaneous opener: no ENO. */
	if (c->ec_disabled)
		return (TCP_ENO_R_NONE);
	if (!c->ec_own_set)
		return (TCP_ENO_R_BAD_STATE);
	r = tcp_eno_emit_own(c, out, cap, len);
	if (r == TCP_ENO_R_NONE)
		c->ec_ack_sent = true;
	return (r);
}

enum tcp_eno_reason
tcp_eno_poll_option(struct tcp_eno_conn *c, uint8_t *out, size_t cap,
    size_t *len)
{

	*len = 0;
	if (c->ec_disabled || c->ec_nonsyn_rcvd)
		return (TCP_ENO_R_NONE);
	if (!c->ec_negotiated)
		return (TCP_ENO_R_BAD_STATE);
	if (cap < 2)
		return (TCP_ENO_R_BUF_SHORT);
	/* 4.1: non-SYN-form contents are empty when the TEP gives none. */
	out[0] = TCP_ENO_KIND;
	out[1] = 2;
	*len = 2;
	c->ec_ack_sent = true;
	return (TCP_ENO_R_NONE);
}

void
tcp_eno_conn_status(const struct tcp_eno_conn *c, struct tcp_eno_status *st)
{

	memset(st, 0, sizeof(*st));
	st->est_raw = c->ec_conf.ecf_rawlen > 0;
	st->est_simultaneous = c->ec_simultaneous;
	st->est_abort = c->ec_abort;
	st->est_reason = c->ec_reason;
	st->est_cause = c->ec_cause;
	st->est_negotiated = c->ec_negotiated;
	if (c->ec_disabled)
		st->est_phase = TCP_ENO_PH_DISABLED;
	else if (tcp_eno_enabled(c))
		st->est_phase = TCP_ENO_PH_ENABLED;
	else
		st->est_phase = TCP_ENO_PH_NEGOTIATING;
	if (c->ec_negotiated) {
		st->est_role = c->ec_out.eo_role;
		st->est_negtep = c->ec_out.eo_negtep;
		st->est_peer_gopt = c->ec_out.eo_peer_gopt;
	}
}

static enum tcp_eno_reason
tcp_eno_readable(const struct tcp_eno_conn *c)
{

	if (c->ec_disabled)
		return (TCP_ENO_R_NOT_ENABLED);
	if (!c->ec_negotiated)
		return (TCP_ENO_R_NOT_YET);
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_conn_transcript(const struct tcp_eno_conn *c, uint8_t *out,
    size_t cap, size_t *len)
{
	enum tcp_eno_reason r;

	r = tcp_eno_readable(c);
	if (r != TCP_ENO_R_NONE)
		return (r);
	if (c->ec_out.eo_role == TCP_ENO_ROLE_A)
		return (tcp_eno_transcript(c->ec_own, c->ec_ownlen, c->ec_peer,
		    c->ec_peerlen, out, cap, len));
	return (tcp_eno_transcript(c->ec_peer, c->ec_peerlen, c->ec_own,
	    c->ec_ownlen, out, cap, len));
}

enum tcp_eno_reason
tcp_eno_conn_syns(const struct tcp_eno_conn *c, struct tcp_eno_syn *a,
    struct tcp_eno_syn *b)
{
	struct tcp_eno_syn *own, *peer;
	enum tcp_eno_reason r;

	r = tcp_eno_readable(c);
	if (r != TCP_ENO_R_NONE)
		return (r);
	own = c->ec_out.eo_role == TCP_ENO_ROLE_A ? a : b;
	peer = c->ec_out.eo_role == TCP_ENO_ROLE_A ? b : a;
	r = tcp_eno_syn_parse(own, c->ec_own, c->ec_ownlen);
	if (r == TCP_ENO_R_NONE)
		r = tcp_eno_syn_parse(peer, c->ec_peer, c->ec_peerlen);
	return (r);
}
