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
 * The portable TCP-ENO engine (RFC 8547 sections 4 and 5.1), sans I/O.
 *
 * Codec: SYN-form ENO option contents to and from a list of suboptions
 * (4.1, 4.2, 4.4), with every ill-formed case a reason.  Negotiation:
 * roles (4.3), valid and negotiated TEP (4.5), the passive opener's
 * SYN-ACK choice (D1, D3 of PROTOCOL.md), handshake rules (4.6),
 * application-aware and mandatory modes, SYN data (4.7), transcript (4.8),
 * session names (5.1, draft-ietf-tcpinc-api 2.1).  TEPs plug in through a
 * registry of operations tables; the engine knows no TEP.
 *
 * The same sources are kernel and host code: they include only
 * tcp_eno_compat.h, allocate nothing (every structure is caller-owned and
 * fixed in size), read no clock and return reasons, never errnos.
 *
 * Driving a connection (kernel glue, simulator):
 *   tcp_eno_conn_init()          before connect / on the listener's SYN
 *   tcp_eno_poll_syn()           option bytes for our SYN (active opener)
 *   tcp_eno_handle_syn()         a SYN without ACK arrived (passive opener,
 *                                or simultaneous open after our SYN)
 *   tcp_eno_poll_synack()        option bytes for our SYN-ACK
 *   tcp_eno_handle_synack()      a SYN-ACK arrived (active opener)
 *   tcp_eno_handle_segment()     a non-SYN segment arrived
 *   tcp_eno_poll_option()        option bytes for a non-SYN segment we send
 *                                (ENO in every segment until a non-SYN
 *                                segment arrives, 4.6); counts as an ACK
 *                                sent with ENO
 *   tcp_eno_conn_status()        enabled / role / negtep / peer_gopt /
 *                                abort, with the reason
 * Option buffers are whole TCP options (kind 69, length, contents); a
 * zero length out means "send no ENO option".
 */

#ifndef _NETINET_TCP_ENO_ENGINE_H_
#define	_NETINET_TCP_ENO_ENGINE_H_

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"
#include "tcp_eno_codec.h"

/*
 * TEP registry (tcp_eno_tep.c).  A TEP gives an operations table and a
 * context at registration; every callback also gets the per-connection
 * argument the driver passed to tcp_eno_conn_init().  The caller
 * serialises registration against use (the kernel registers at load).
 */
struct tcp_eno_tep_query {
	enum tcp_eno_role etq_role;	/* role of the host asking */
	const struct tcp_eno_syn *etq_a; /* A's SYN-form option */
	const struct tcp_eno_syn *etq_b; /* B's, with the candidate */
	size_t		 etq_b_index;	/* candidate suboption in etq_b */
};

struct tcp_eno_tep_ops {
	uint8_t		 teo_id;	/* 0x20-0x7f */
	const char	*teo_name;
	size_t		 teo_sessid_len; /* >= TCP_ENO_SESSID_MIN */
	bool		 teo_syn_data;	/* defines SYN data (8547 4.7) */
	/*
	 * 8547 4.5 (2) and (3): is B's suboption etq_b_index valid for this
	 * connection, given A's suboptions for the same TEP (the engine
	 * checked that A has at least one)?  Asked by both hosts, from the
	 * last suboption of B's option backwards, until one is valid; must
	 * give both hosts the same answer, and may be asked again for the
	 * same suboption (B asks while composing its SYN-ACK and when it
	 * decides).  NULL: valid only if neither side attached data or
	 * repeated the TEP.
	 */
	bool	(*teo_valid)(void *ctx, void *conn_arg,
		    const struct tcp_eno_tep_query *q);
	/*
	 * This host's suboption for its SYN: sets *v and writes data.  As
	 * an active opener etq_a and etq_b are NULL and etq_role is the role
	 * our b bit asks for; as the passive opener (B) etq_a is A's option.
	 * NULL: v = 0, no data.
	 */
	enum tcp_eno_reason (*teo_subopt)(void *ctx, void *conn_arg,
		    const struct tcp_eno_tep_query *q, uint8_t *v,
		    uint8_t *data, size_t cap, size_t *len);
};

struct tcp_eno_registry {
	const struct tcp_eno_tep_ops *er_ops[TCP_ENO_REG_MAX];
	void		*er_ctx[TCP_ENO_REG_MAX];
	size_t		 er_n;
};

/* reg NULL means the process / kernel wide default registry. */
void	tcp_eno_registry_init(struct tcp_eno_registry *reg);
enum tcp_eno_reason tcp_eno_tep_register(struct tcp_eno_registry *reg,
	    const struct tcp_eno_tep_ops *ops, void *ctx);
enum tcp_eno_reason tcp_eno_tep_unregister(struct tcp_eno_registry *reg,
	    uint8_t tep);
/* By identifier, v bit ignored; NULL if not registered. */
const struct tcp_eno_tep_ops *tcp_eno_tep_lookup(
	    const struct tcp_eno_registry *reg, uint8_t tep, void **ctxp);

/* What one host brings to a negotiation. */
struct tcp_eno_conf {
	uint8_t		ecf_teps[TCP_ENO_MAX_TEPS]; /* increasing preference */
	uint8_t		ecf_nteps;
	uint8_t		ecf_gopt;	/* TCP_ENO_SELF_GOPT as set */
	bool		ecf_passive;	/* listener: b forced to 1 */
	bool		ecf_aa_mandatory;
	bool		ecf_tep_mandatory;
	uint8_t		ecf_raw[TCP_ENO_MAX_RAW]; /* TCP_ENO_RAW contents */
	uint8_t		ecf_rawlen;	/* non-zero: raw mode */
	bool		ecf_attempt;	/* policy said try ENO (API.md 4) */
};

/* Negotiation outcome of one host from both SYN-form options. */
struct tcp_eno_outcome {
	enum tcp_eno_role eo_role;
	uint8_t		eo_negtep;	/* TEP | v as in B's SYN (NEGTEP) */
	uint8_t		eo_peer_gopt;
	uint8_t		eo_b_index;	/* negotiated suboption in B's */
};

/* Negotiation (tcp_eno_negotiate.c). */
uint8_t	tcp_eno_conf_gopt(const struct tcp_eno_conf *conf);
enum tcp_eno_reason tcp_eno_negotiate(const struct tcp_eno_registry *reg,
	    void *conn_arg, const struct tcp_eno_conf *conf,
	    const struct tcp_eno_syn *own, const struct tcp_eno_syn *peer,
	    struct tcp_eno_outcome *out);
enum tcp_eno_reason tcp_eno_active_syn(const struct tcp_eno_registry *reg,
	    void *conn_arg, const struct tcp_eno_conf *conf,
	    uint8_t *contents, size_t cap, size_t *len);
/* Passive opener: SYN-ACK contents for A's (parsed) SYN; D1, D3. */
enum tcp_eno_reason tcp_eno_passive_answer(const struct tcp_eno_registry *reg,
	    void *conn_arg, const struct tcp_eno_conf *conf,
	    const struct tcp_eno_syn *a, uint8_t *contents, size_t cap,
	    size_t *len);

/*
 * Per-connection negotiation state (tcp_eno_engine.c).  Caller-owned,
 * fixed size, nothing secret in it.  Field names are not API: use the
 * functions below.
 */
struct tcp_eno_conn {
	const struct tcp_eno_registry *ec_reg;
	void		*ec_arg;	/* TEP callbacks' conn_arg */
	struct tcp_eno_conf ec_conf;
	uint8_t		 ec_own[TCP_ENO_CONTENTS_MAX];	/* our SYN-form */
	uint8_t		 ec_ownlen;
	uint8_t		 ec_peer[TCP_ENO_CONTENTS_MAX];	/* peer's SYN-form */
	uint8_t		 ec_peerlen;
	bool		 ec_own_set;	/* ec_own holds our SYN-form option */
	bool		 ec_peer_set;	/* ec_peer holds the peer's */
	bool		 ec_peer_had_eno; /* peer's SYN had ENO, even bad */
	bool		 ec_syn_sent;	/* our SYN (active) has left */
	bool		 ec_simultaneous;
	bool		 ec_negotiated;	/* both SYNs in, TEP agreed */
	bool		 ec_ack_sent;	/* we sent an ACK carrying ENO */
	bool		 ec_ack_rcvd;	/* we received an ACK carrying ENO */
	bool		 ec_nonsyn_rcvd; /* stop sending ENO (4.6) */
	bool		 ec_disabled;
	bool		 ec_abort;
	enum tcp_eno_reason ec_reason;	/* why disabled / aborted */
	enum tcp_eno_reason ec_cause;	/* fallback behind a mandatory abort */
	struct tcp_eno_outcome ec_out;
};

/* One received segment's ENO options (from tcp_dooptions or a walk). */
struct tcp_eno_seg {
	unsigned int	 esg_neno;	/* ENO options in the segment */
	const uint8_t	*esg_contents;	/* the first one's contents */
	size_t		 esg_len;
};

enum tcp_eno_phase {
	TCP_ENO_PH_NEGOTIATING,	/* API.md 2 "negotiating" */
	TCP_ENO_PH_ENABLED,	/* sent and received an ACK with ENO */
	TCP_ENO_PH_DISABLED	/* off, fell back or aborted */
};

struct tcp_eno_status {
	enum tcp_eno_phase est_phase;
	bool		 est_negotiated; /* TEP agreed: transcript readable */
	bool		 est_raw;	/* TCP_ENO_RAW mode */
	bool		 est_simultaneous;
	bool		 est_abort;	/* mandatory mode: abort (RST) */
	enum tcp_eno_reason est_reason;	/* why disabled or aborted */
	enum tcp_eno_reason est_cause;	/* the fallback behind an abort */
	enum tcp_eno_role est_role;	/* valid when est_negotiated */
	uint8_t		 est_negtep;
	uint8_t		 est_peer_gopt;
};

void	tcp_eno_seg_from_options(struct tcp_eno_seg *seg,
	    const uint8_t *opts, size_t optlen);
enum tcp_eno_reason tcp_eno_conn_init(struct tcp_eno_conn *c,
	    const struct tcp_eno_registry *reg, void *conn_arg,
	    const struct tcp_eno_conf *conf);
/*
 * Use these SYN-form contents instead of composing them (a syncache entry
 * that kept its answer, conformance cases).  Before the first poll_syn or
 * handle_syn only.
 */
enum tcp_eno_reason tcp_eno_conn_preset(struct tcp_eno_conn *c,
	    const uint8_t *contents, size_t len);
/*
 * Events in and out.  Each returns TCP_ENO_R_NONE, a reason of class
 * invalid and action continue for a call that changed nothing (bad state,
 * short buffer), or the reason of the fallback or abort the call caused
 * (see tcp_eno_reason_action()).
 */
enum tcp_eno_reason tcp_eno_handle_syn(struct tcp_eno_conn *c,
	    const struct tcp_eno_seg *seg);
enum tcp_eno_reason tcp_eno_handle_synack(struct tcp_eno_conn *c,
	    const struct tcp_eno_seg *seg);
enum tcp_eno_reason tcp_eno_handle_segment(struct tcp_eno_conn *c,
	    const struct tcp_eno_seg *seg, bool ack);
/* Local decision to stop (D14 SYN cookie, D15 TCP-MD5, SYN rexmit). */
enum tcp_eno_reason tcp_eno_handle_disable(struct tcp_eno_conn *c,
	    enum tcp_eno_reason why);
/* TCP_ENO_TEP_MANDATORY changed after init (API.md 3). */
enum tcp_eno_reason tcp_eno_handle_tep_mandatory(struct tcp_eno_conn *c,
	    bool on);
/* Output: the whole option for the segment about to be sent. */
enum tcp_eno_reason tcp_eno_poll_syn(struct tcp_eno_conn *c, uint8_t *out,
	    size_t cap, size_t *len);
enum tcp_eno_reason tcp_eno_poll_synack(struct tcp_eno_conn *c,
	    uint8_t *out, size_t cap, size_t *len);
enum tcp_eno_reason tcp_eno_poll_option(struct tcp_eno_conn *c,
	    uint8_t *out, size_t cap, size_t *len);
void	tcp_eno_conn_status(const struct tcp_eno_conn *c,
	    struct tcp_eno_status *st);
enum tcp_eno_reason tcp_eno_conn_transcript(const struct tcp_eno_conn *c,
	    uint8_t *out, size_t cap, size_t *len);
/* Both SYN-form options parsed, A's then B's, for the negotiated TEP. */
enum tcp_eno_reason tcp_eno_conn_syns(const struct tcp_eno_conn *c,
	    struct tcp_eno_syn *a, struct tcp_eno_syn *b);

/*
 * SYN data, 8547 4.7 (tcp_eno_syndata.c).  send, after poll_syn: may our
 * SYN carry data (off unless enabled, never beside a non-empty TFO)?  rcvd:
 * keep (NONE) or discard (a SYNDATA_DROP_* reason) the data of the peer's
 * SYN, once negotiation has decided.  acked: after the SYN-ACK, whether
 * our SYN data forces an abort (sets the abort flag).
 */
enum tcp_eno_reason tcp_eno_syndata_send(const struct tcp_eno_conn *c,
	    bool enabled, bool tfo_nonempty);
enum tcp_eno_reason tcp_eno_syndata_rcvd(const struct tcp_eno_conn *c,
	    bool tfo_nonempty);
enum tcp_eno_reason tcp_eno_syndata_acked(struct tcp_eno_conn *c,
	    bool synack_had_eno, bool data_acked);

#endif /* !_NETINET_TCP_ENO_ENGINE_H_ */
