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
 * Data in SYN segments with TCP-ENO, RFC 8547 4.7:
 *  - a host sends no SYN data with ENO unless enabled (off by default) and
 *    the SYN TEP (the last TEP of its option) defines such data, and never
 *    beside a non-empty TCP Fast Open option;
 *  - data of a received SYN+ENO segment is discarded when ENO fails, when
 *    its SYN TEP is not the negotiated TEP, when that TEP defines no SYN
 *    data, or when a non-empty TFO option gives it another meaning; the
 *    driver then acknowledges only the peer's ISN;
 *  - a host whose SYN+ENO carried data aborts if the SYN-ACK has no ENO
 *    option, or if the data was acknowledged but its SYN TEP was not
 *    negotiated.
 * No TEP of this project defines SYN data, so in practice ENO SYNs carry
 * none and received SYN+ENO data is always discarded.
 */

#include "tcp_eno_compat.h"
#include "tcp_eno_engine.h"

static bool
tcp_eno_tep_has_syn_data(const struct tcp_eno_conn *c, uint8_t tep)
{
	const struct tcp_eno_tep_ops *ops;

	ops = tcp_eno_tep_lookup(c->ec_reg, tep, NULL);
	return (ops != NULL && ops->teo_syn_data);
}

enum tcp_eno_reason
tcp_eno_syndata_send(const struct tcp_eno_conn *c, bool enabled,
    bool tfo_nonempty)
{
	struct tcp_eno_syn own;

	/* Without ENO in our SYN, 4.7 does not apply. */
	if (c->ec_disabled || !c->ec_own_set)
		return (TCP_ENO_R_NONE);
	if (tfo_nonempty)
		return (TCP_ENO_R_SYNDATA_TFO);
	if (!enabled || c->ec_conf.ecf_rawlen > 0)
		return (TCP_ENO_R_SYNDATA_OFF);
	if (tcp_eno_syn_parse(&own, c->ec_own, c->ec_ownlen) !=
	    TCP_ENO_R_NONE ||
	    !tcp_eno_tep_has_syn_data(c, tcp_eno_syn_tep(&own)))
		return (TCP_ENO_R_SYNDATA_OFF);
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_syndata_rcvd(const struct tcp_eno_conn *c, bool tfo_nonempty)
{
	struct tcp_eno_syn peer;

	/* A SYN without any ENO option is plain TCP's business. */
	if (!c->ec_peer_had_eno)
		return (TCP_ENO_R_NONE);
	if (tfo_nonempty)
		return (TCP_ENO_R_SYNDATA_DROP_TFO);
	if (c->ec_disabled || !c->ec_negotiated || !c->ec_peer_set)
		return (TCP_ENO_R_SYNDATA_DROP_FAILED);
	if (tcp_eno_syn_parse(&peer, c->ec_peer, c->ec_peerlen) !=
	    TCP_ENO_R_NONE ||
	    tcp_eno_syn_tep(&peer) != (c->ec_out.eo_negtep & ~TCP_ENO_V))
		return (TCP_ENO_R_SYNDATA_DROP_TEP);
	if (c->ec_conf.ecf_rawlen > 0 ||
	    !tcp_eno_tep_has_syn_data(c, tcp_eno_syn_tep(&peer)))
		return (TCP_ENO_R_SYNDATA_DROP_UNDEF);
	return (TCP_ENO_R_NONE);
}

static enum tcp_eno_reason
tcp_eno_syndata_abort(struct tcp_eno_conn *c, enum tcp_eno_reason why)
{

	if (!c->ec_disabled)
		c->ec_cause = why;
	c->ec_disabled = true;
	c->ec_negotiated = false;
	c->ec_abort = true;
	c->ec_reason = why;
	return (why);
}

enum tcp_eno_reason
tcp_eno_syndata_acked(struct tcp_eno_conn *c, bool synack_had_eno,
    bool data_acked)
{
	struct tcp_eno_syn own;
	uint8_t syn_tep = 0;

	if (!c->ec_own_set)
		return (TCP_ENO_R_NONE);
	/* Unacknowledged data may still sit in the peer's cache. */
	if (!synack_had_eno)
		return (tcp_eno_syndata_abort(c,
		    TCP_ENO_R_SYNDATA_SYNACK_NO_ENO));
	if (!data_acked)
		return (TCP_ENO_R_NONE);
	if (tcp_eno_syn_parse(&own, c->ec_own, c->ec_ownlen) ==
	    TCP_ENO_R_NONE)
		syn_tep = tcp_eno_syn_tep(&own);
	if (c->ec_disabled || !c->ec_negotiated ||
	    syn_tep != (c->ec_out.eo_negtep & ~TCP_ENO_V))
		return (tcp_eno_syndata_abort(c,
		    TCP_ENO_R_SYNDATA_ACKED_BAD_TEP));
	return (TCP_ENO_R_NONE);
}
