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
 * TCP-ENO (RFC 8547) kernel glue: the hooks the patched tcp_*.c files
 * call (option parsing and emission, SYN_SENT and SYN_RECEIVED input, the
 * syncache, data delivery, keep-alive) and the per-connection state's
 * life cycle.  Every protocol decision is the portable engine's
 * (tcp_eno_engine.h, tcp_eno_sockopt.h, tcp_eno_policy.h); this file
 * adapts mbufs, locks and errno.  The sysctls, counters and per-VNET state
 * are in tcp_eno_sysctl.c, the socket layer (options, send path,
 * TCP_FUNCTION_BLK) in tcp_eno_usrreq.c, the tcpcrypt stream transform in
 * tcpcrypt.c.
 *
 * Locking: the connection's inpcb write lock covers its tcp_eno_pcb.
 * Hooks assert it on entry; the syncache hooks touch only the entry, and
 * tcp_eno_syn_refused() / tcp_eno_syncache_prepare() read the listener
 * under its read lock.
 */

#include <sys/cdefs.h>
#include "opt_inet.h"
#include "opt_inet6.h"

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/lock.h>
#include <sys/malloc.h>
#include <sys/mbuf.h>
#include <sys/mutex.h>
#include <sys/protosw.h>
#include <sys/socket.h>
#include <sys/socketvar.h>

#include <net/vnet.h>

#include <netinet/in.h>
#include <netinet/in_pcb.h>
#include <netinet/tcp.h>
#include <netinet/tcp_fsm.h>
#include <netinet/tcp_seq.h>
#include <netinet/tcp_var.h>
#include <netinet/tcp_syncache.h>

#include <netinet/tcp_eno.h>
#include <netinet/tcp_eno_var.h>
#include <netinet/tcp_eno_pcb.h>
#include <netinet/tcp_eno_policy.h>

MALLOC_DEFINE(M_TCPENO, "tcp_eno", "TCP-ENO and tcpcrypt connection state");

/* tcp_newtcpcb() zeroes the tcpcb from t_start_zero on: t_eno starts NULL. */
CTASSERT(offsetof(struct tcpcb, t_eno) > offsetof(struct tcpcb, t_start_zero));

/* ------------------------------------------------------- per connection */

struct tcp_eno_pcb *
tcp_eno_pcb_alloc(int how, const struct tcp_eno_sysconf *sys)
{
	struct tcp_eno_pcb *ep;

	ep = malloc(sizeof(*ep), M_TCPENO, how | M_ZERO);
	if (ep == NULL) {
		TCP_ENO_STAT_INC(enos_nomem);
		return (NULL);
	}
	tcp_eno_sockconf_init(&ep->ep_conf, sys);
	return (ep);
}

void
tcp_eno_pcb_free(struct tcp_eno_pcb *ep)
{

	if (ep == NULL)
		return;
	tcpcrypt_kern_destroy(ep);
	if (ep->ep_hold != NULL)
		m_freem(ep->ep_hold);
	explicit_bzero(ep, sizeof(*ep));
	free(ep, M_TCPENO);
}

void
tcp_eno_tcpcb_free(struct tcpcb *tp)
{

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	tcp_eno_pcb_free(tp->t_eno);
	tp->t_eno = NULL;
}

/* ------------------------------------------------------- option parsing */

/*
 * Called for every kind 69 option tcp_dooptions() walks.  The pointer is
 * into the segment and lives only while it is processed; the engine copies
 * what it keeps (the transcript, RFC 8547 4.8).  Several ENO options in
 * one SYN count as none (4.1): the engine sees the count.
 */
void
tcp_eno_dooptions(struct tcpopt *to, u_char *cp, int optlen, int flags)
{

	if ((to->to_flags & TOF_ENO) == 0) {
		to->to_flags |= TOF_ENO;
		to->to_eno = cp + 2;
		to->to_eno_len = optlen - 2;
		to->to_eno_cnt = 1;
	} else if (to->to_eno_cnt < UINT8_MAX)
		to->to_eno_cnt++;
}

/*
 * RFC 8547 4.7: a SYN carrying ENO carries no non-empty TFO option that we
 * act on, and its data is not acknowledged; drop the TFO cookie so the
 * segment takes the ordinary three-way handshake.
 */
void
tcp_eno_dooptions_done(struct tcpopt *to, int flags)
{

	if ((flags & TO_SYN) == 0 || (to->to_flags & TOF_ENO) == 0)
		return;
	if (to->to_flags & TOF_FASTOPEN) {
		to->to_flags &= ~TOF_FASTOPEN;
		to->to_tfo_len = 0;
		to->to_tfo_cookie = NULL;
		TCP_ENO_STAT_INC(enos_tfo_ignored);
	}
}

static void
tcp_eno_seg_from_to(struct tcp_eno_seg *seg, const struct tcpopt *to)
{

	memset(seg, 0, sizeof(*seg));
	if (to->to_flags & TOF_ENO) {
		seg->esg_neno = to->to_eno_cnt;
		seg->esg_contents = to->to_eno;
		seg->esg_len = to->to_eno_len;
	}
}

/* ----------------------------------------------------- negotiation glue */

static void
tcp_eno_conf_fill(struct tcp_eno_conf *conf, const struct tcp_eno_pcb *ep,
    bool passive, bool attempt)
{
	const struct tcp_eno_sockconf *sc = &ep->ep_conf;

	memset(conf, 0, sizeof(*conf));
	conf->ecf_nteps = tcp_eno_sockconf_teps(sc, conf->ecf_teps);
	conf->ecf_gopt = tcp_eno_sockconf_gopt(sc);
	conf->ecf_passive = passive;
	conf->ecf_aa_mandatory = sc->aa_mandatory != 0;
	conf->ecf_tep_mandatory = sc->tep_mandatory != 0;
	if (tcp_eno_sockconf_raw(sc)) {
		memcpy(conf->ecf_raw, sc->raw, sc->raw_len);
		conf->ecf_rawlen = sc->raw_len;
	}
	conf->ecf_attempt = attempt;
}

/* API.md 4 for this connection, plus D15 (TCP-MD5 leaves no room). */
static bool
tcp_eno_policy(const struct tcp_eno_pcb *ep, bool passive, uint16_t port,
    bool md5, enum tcp_eno_reason *why)
{
	struct tcp_eno_sysconf sys;
	struct tcp_eno_policy_in pin;
	uint8_t teps[TCP_ENO_MAX_TEPS];

	tcp_eno_sysconf_copy(&sys);
	memset(&pin, 0, sizeof(pin));
	pin.enabled = ep->ep_conf.enabled;
	pin.passive = passive;
	pin.raw = tcp_eno_sockconf_raw(&ep->ep_conf);
	pin.port = port;
	pin.nteps = tcp_eno_sockconf_teps(&ep->ep_conf, teps);
	pin.teps = teps;
	if (!tcp_eno_policy_attempt(&sys, &pin, why))
		return (false);
	if (md5) {
		*why = TCP_ENO_R_TCP_MD5;
		return (false);
	}
	return (true);
}

bool
tcp_eno_offers_tcpcrypt(const struct tcp_eno_pcb *ep)
{
	uint8_t teps[TCP_ENO_MAX_TEPS];
	size_t i, n;

	if (tcp_eno_sockconf_raw(&ep->ep_conf))
		return (false);
	n = tcp_eno_sockconf_teps(&ep->ep_conf, teps);
	for (i = 0; i < n; i++)
		if (tcp_eno_tep_is_tcpcrypt(teps[i]))
			return (true);
	return (false);
}

/*
 * Account an engine event once per outcome and start tcpcrypt when a
 * tcpcrypt TEP is negotiated.  Returns the errno of an abort, else 0.
 */
static int
tcp_eno_after_event(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{
	struct tcp_eno_status st;

	tcp_eno_conn_status(&ep->ep_conn, &st);
	if (st.est_abort) {
		if ((ep->ep_flags & TCP_ENO_PF_FAILED) == 0) {
			tcp_eno_count(st.est_reason);
			TCP_ENO_STAT_INC(enos_aborted);
			tcp_eno_fail(tp, tcp_eno_errclass_errno(
			    tcp_eno_reason_errclass(st.est_reason)));
		}
		return (ep->ep_errno);
	}
	if (st.est_phase == TCP_ENO_PH_DISABLED) {
		if ((ep->ep_flags & TCP_ENO_PF_COUNTED) == 0) {
			ep->ep_flags |= TCP_ENO_PF_COUNTED;
			tcp_eno_count(st.est_reason);
			TCP_ENO_STAT_INC(enos_fallback);
		}
		tcp_eno_release_hold(tp, ep);
		return (0);
	}
	if (st.est_negotiated && (ep->ep_flags & TCP_ENO_PF_CRYPT) == 0 &&
	    !st.est_raw && tcp_eno_tep_is_tcpcrypt(st.est_negtep & 0x7f)) {
		TCP_ENO_STAT_INC(enos_negotiated);
		if (ep->ep_crypt == NULL &&
		    tcpcrypt_kern_create(tp, ep, st.est_role == TCP_ENO_ROLE_A)
		    != 0) {
			tcp_eno_fail(tp, ENOBUFS);
			return (ep->ep_errno);
		}
		tcpcrypt_kern_start(tp, ep);
	}
	if (st.est_phase == TCP_ENO_PH_ENABLED &&
	    (ep->ep_flags & TCP_ENO_PF_COUNTED) == 0) {
		ep->ep_flags |= TCP_ENO_PF_COUNTED;
		TCP_ENO_STAT_INC(enos_enabled);
	}
	return ((ep->ep_flags & TCP_ENO_PF_FAILED) ? ep->ep_errno : 0);
}

/*
 * Mark the connection for abort with RST.  Callers that can drop (input,
 * socket options) drop at once; the others leave it to tcp_do_segment's
 * check (tcp_eno_input_failed).  No plaintext is released after this.
 */
void
tcp_eno_fail(struct tcpcb *tp, int error)
{
	struct tcp_eno_pcb *ep = tp->t_eno;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (ep == NULL || (ep->ep_flags & TCP_ENO_PF_FAILED))
		return;
	ep->ep_flags |= TCP_ENO_PF_FAILED;
	ep->ep_errno = error;
	tptosocket(tp)->so_error = error;
	tp->t_flags |= TF_ACKNOW;
}

bool
tcp_eno_input_failed(struct tcpcb *tp)
{

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	return (tp->t_eno != NULL &&
	    (tp->t_eno->ep_flags & TCP_ENO_PF_FAILED) != 0);
}

int
tcp_eno_errno(struct tcpcb *tp)
{

	if (tp->t_eno == NULL || tp->t_eno->ep_errno == 0)
		return (ECONNRESET);
	return (tp->t_eno->ep_errno);
}

/* ----------------------------------------------------------- active open */

/* At the first SYN: API.md 4 "at the time of connect". */
static void
tcp_eno_decide_active(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{
	struct inpcb *inp = tptoinpcb(tp);
	struct tcp_eno_conf conf;
	enum tcp_eno_reason r, why;
	size_t len;
	bool attempt;

	ep->ep_flags |= TCP_ENO_PF_DECIDED;
	attempt = tcp_eno_policy(ep, false, ntohs(inp->inp_fport),
	    (tp->t_flags & TF_SIGNATURE) != 0, &why);
	if (attempt && tcp_eno_offers_tcpcrypt(ep) &&
	    tcpcrypt_kern_create(tp, ep, true) != 0) {
		attempt = false;
		why = TCP_ENO_R_LOCAL_OFF;
	}
	tcp_eno_conf_fill(&conf, ep, false, attempt);
	(void)tcp_eno_conn_init(&ep->ep_conn, NULL, ep->ep_crypt, &conf);
	if (!attempt) {
		tcp_eno_count(why);
		TCP_ENO_STAT_INC(enos_not_attempted);
		tcp_eno_release_hold(tp, ep);
		return;
	}
	/* The TEP may offer resumption: cache and crypto-core. */
	tcpcrypt_kern_cache(ep, true);
	tcpcrypt_kern_fpu(ep, true);
	r = tcp_eno_poll_syn(&ep->ep_conn, ep->ep_opt, sizeof(ep->ep_opt),
	    &len);
	tcpcrypt_kern_fpu(ep, false);
	tcpcrypt_kern_cache(ep, false);
	if (r != TCP_ENO_R_NONE || len < 2) {
		TCP_ENO_STAT_INC(enos_not_attempted);
		(void)tcp_eno_handle_disable(&ep->ep_conn, TCP_ENO_R_LOCAL_OFF);
		tcp_eno_release_hold(tp, ep);
		return;
	}
	ep->ep_optlen = len;
	ep->ep_flags |= TCP_ENO_PF_ATTEMPT;
	TCP_ENO_STAT_INC(enos_attempted);
	if (!tcp_eno_offers_tcpcrypt(ep))
		tcp_eno_release_hold(tp, ep);	/* raw mode: no transform */
	/* RFC 8547 4.7: no SYN data with ENO; TFO does not apply. */
	tp->t_flags &= ~TF_FASTOPEN;
}

/*
 * tcp_default_output, before anything is computed: frames the engine has
 * ready once the keys exist are sealed by a worker (tcpcrypt.c, stack
 * depth), never here.  Before the keys nothing can leave: no job.
 */
void
tcp_eno_output_pump(struct tcpcb *tp)
{
	struct tcp_eno_pcb *ep = tp->t_eno;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (ep != NULL && (ep->ep_flags &
	    (TCP_ENO_PF_STARTED | TCP_ENO_PF_INWORK)) == TCP_ENO_PF_STARTED &&
	    tcpcrypt_encrypting(ep->ep_crypt) &&
	    tcpcrypt_tx_pending(ep->ep_crypt) > 0)
		tcpcrypt_kern_schedule(tp, ep);
}

/*
 * tcp_default_output, option block: which ENO option this segment carries.
 * SYN: our SYN-form option, never altered across retransmissions except
 * that it is dropped from the third SYN on (RFC 8547 4.6 allows it; a
 * middlebox may drop unknown options) unless TCP_ENO_TEP_MANDATORY is set.
 * Other segments: the minimal option until a non-SYN segment arrived.
 * Returns true if the segment must carry no data (SYN, 4.7).
 */
bool
tcp_eno_output_options(struct tcpcb *tp, struct tcpopt *to, uint16_t flags)
{
	struct tcp_eno_pcb *ep = tp->t_eno;
	struct tcp_eno_status st;
	size_t len;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if ((flags & TH_SYN) && tp->t_state == TCPS_SYN_SENT && ep == NULL) {
		struct tcp_eno_sysconf sys;

		tcp_eno_sysconf_copy(&sys);
		ep = tp->t_eno = tcp_eno_pcb_alloc(M_NOWAIT, &sys);
		if (ep == NULL)
			return (false);
	}
	if (ep == NULL)
		return (false);
	ep->ep_flags &= ~TCP_ENO_PF_WANTED;
	if ((flags & TH_SYN) && (ep->ep_flags & TCP_ENO_PF_DECIDED) == 0)
		tcp_eno_decide_active(tp, ep);
	if ((ep->ep_flags & TCP_ENO_PF_ATTEMPT) == 0)
		return (false);
	tcp_eno_conn_status(&ep->ep_conn, &st);
	if (st.est_phase == TCP_ENO_PH_DISABLED)
		return (false);
	if (flags & TH_SYN) {
		if (tp->t_state == TCPS_SYN_SENT && tp->t_rxtshift > 1 &&
		    !ep->ep_conf.tep_mandatory) {
			(void)tcp_eno_handle_disable(&ep->ep_conn,
			    TCP_ENO_R_LOCAL_OFF);
			(void)tcp_eno_after_event(tp, ep);
			return (false);
		}
		if (tp->t_state == TCPS_SYN_RECEIVED &&
		    tcp_eno_poll_synack(&ep->ep_conn, ep->ep_opt,
		    sizeof(ep->ep_opt), &len) == TCP_ENO_R_NONE)
			ep->ep_optlen = len;
		if (ep->ep_optlen < 2)
			return (false);
		ep->ep_flags |= TCP_ENO_PF_SYN_SENT | TCP_ENO_PF_WANTED;
		to->to_eno = ep->ep_opt + 2;
		to->to_eno_len = ep->ep_optlen - 2;
		to->to_flags |= TOF_ENO;
		return (true);
	}
	if (tcp_eno_poll_option(&ep->ep_conn, ep->ep_ack, sizeof(ep->ep_ack),
	    &len) != TCP_ENO_R_NONE || len < 2)
		return (false);
	ep->ep_acklen = len;
	ep->ep_flags |= TCP_ENO_PF_WANTED;
	/* Sending an ACK with ENO can complete 4.6 on this side. */
	(void)tcp_eno_after_event(tp, ep);
	to->to_eno = ep->ep_ack + 2;
	to->to_eno_len = ep->ep_acklen - 2;
	to->to_flags |= TOF_ENO;
	return (false);
}

/* After tcp_addoptions: an ENO SYN option that found no room is a fallback. */
void
tcp_eno_output_fitted(struct tcpcb *tp, struct tcpopt *to, uint16_t flags)
{
	struct tcp_eno_pcb *ep = tp->t_eno;

	if (ep == NULL || (ep->ep_flags & TCP_ENO_PF_WANTED) == 0 ||
	    (to->to_flags & TOF_ENO) != 0)
		return;
	TCP_ENO_STAT_INC(enos_nospace);
	if (flags & TH_SYN) {
		(void)tcp_eno_handle_disable(&ep->ep_conn, TCP_ENO_R_ENC_NO_ROOM);
		(void)tcp_eno_after_event(tp, ep);
	}
}

/*
 * tcp_default_output, the advertised window.  Received bytes that are not
 * in so_rcv yet but take room there once decrypted count as if they were:
 * TCP payload queued for the tcpcrypt worker, and what the engine holds,
 * tcpcrypt_rx_pending(): the frame it is gathering (at most one) or the
 * data of one it opened.  Neither can stall the peer:
 *
 *  - the worker always sends a window update after draining ep_rxq;
 *  - the engine's bytes leave only when their frame is complete, which
 *    takes the peer's next "need" bytes (up to a 64 KB frame).  So they
 *    are subtracted only down to max(need, t_maxseg): the peer may still
 *    send the whole rest of the frame, and the window stays out of
 *    tcp_output's silly window avoidance, which advertises 0 below
 *    min(sb_hiwat / 4, t_maxseg) and would then never reopen, since
 *    nothing reaches so_rcv for the application to read.  A window that
 *    is already at or below that floor (a small so_rcv) is left as it
 *    was: every byte it admits still moves the frame on.
 *
 * Either way the frame completes and its bytes move to so_rcv, where
 * sbspace() counts them (tcp_eno(4)).
 */
uint32_t
tcp_eno_output_recwin(struct tcpcb *tp, uint32_t recwin)
{
	struct tcp_eno_pcb *ep = tp->t_eno;
	size_t held, need, minwin;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (ep == NULL)
		return (recwin);
	recwin = recwin > ep->ep_rxqlen ? recwin - ep->ep_rxqlen : 0;
	if (ep->ep_crypt == NULL)
		return (recwin);
	held = tcpcrypt_rx_pending(ep->ep_crypt, &need);
	minwin = need > tp->t_maxseg ? need : tp->t_maxseg;
	if (held == 0 || recwin <= minwin)
		return (recwin);
	return (recwin - minwin > held ? recwin - (uint32_t)held :
	    (uint32_t)minwin);
}

/*
 * tcp_default_output: TCP's FIN waits until the application's close is
 * the FINp frame in so_snd (RFC 8548 3.7): the engine was told (CLOSED),
 * has keys, and has nothing left to transmit.  Before the keys exist that
 * frame cannot be made, and a FIN then would end the byte stream before
 * the held data.  A failed connection is reset, FIN or not.
 */
bool
tcp_eno_output_hold_fin(struct tcpcb *tp)
{
	struct tcp_eno_pcb *ep = tp->t_eno;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (ep == NULL || (ep->ep_flags & TCP_ENO_PF_CRYPT) == 0 ||
	    (ep->ep_flags & TCP_ENO_PF_FAILED) != 0)
		return (false);
	return ((ep->ep_flags & (TCP_ENO_PF_STARTED | TCP_ENO_PF_CLOSED)) !=
	    (TCP_ENO_PF_STARTED | TCP_ENO_PF_CLOSED) ||
	    !tcpcrypt_encrypting(ep->ep_crypt) ||
	    tcpcrypt_tx_pending(ep->ep_crypt) > 0);
}

/* tcp_addoptions case TOF_ENO: no alignment, skipped when it does not fit. */
u_int32_t
tcp_eno_addoption(struct tcpopt *to, u_char **optpp, u_int32_t optlen)
{
	u_int32_t total = 2 + to->to_eno_len;

	if (TCP_MAXOLEN - optlen < total) {
		to->to_flags &= ~TOF_ENO;
		return (optlen);
	}
	*(*optpp)++ = TCPOPT_ENO;
	*(*optpp)++ = total;
	if (to->to_eno_len > 0) {
		memcpy(*optpp, to->to_eno, to->to_eno_len);
		*optpp += to->to_eno_len;
	}
	return (optlen + total);
}

/* SYN_SENT receiving a SYN-ACK, or a SYN (simultaneous open). */
int
tcp_eno_input_syn_sent(struct tcpcb *tp, struct tcpopt *to, uint16_t thflags)
{
	struct tcp_eno_pcb *ep = tp->t_eno;
	struct tcp_eno_seg seg;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (ep == NULL || (ep->ep_flags & TCP_ENO_PF_ATTEMPT) == 0)
		return (0);
	tcp_eno_seg_from_to(&seg, to);
	/* B's resumption answer is checked with crypto-core (3.5). */
	tcpcrypt_kern_cache(ep, true);
	tcpcrypt_kern_fpu(ep, true);
	if (thflags & TH_ACK)
		(void)tcp_eno_handle_synack(&ep->ep_conn, &seg);
	else
		(void)tcp_eno_handle_syn(&ep->ep_conn, &seg);
	tcpcrypt_kern_fpu(ep, false);
	tcpcrypt_kern_cache(ep, false);
	return (tcp_eno_after_event(tp, ep));
}

/* SYN_RECEIVED -> ESTABLISHED: the first ACK (RFC 8547 4.6). */
int
tcp_eno_input_established(struct tcpcb *tp, struct tcpopt *to)
{
	struct tcp_eno_pcb *ep = tp->t_eno;
	struct tcp_eno_seg seg;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	/*
	 * A non-SYN ENO option here means our SYN-ACK carried ENO, but the
	 * state that produced it is gone (the entry was evicted and the ACK
	 * rebuilt from a SYN cookie, D14).  The peer would encrypt and we
	 * could not: reset rather than deliver its bytes as plaintext.
	 */
	if (ep == NULL || (ep->ep_flags & TCP_ENO_PF_NOSTATE)) {
		if (to->to_flags & TOF_ENO) {
			TCP_ENO_STAT_INC(enos_state_lost);
			tcp_eno_fail(tp, ECONNRESET);
			return (ECONNRESET);
		}
		if (ep != NULL && ep->ep_conf.tep_mandatory) {
			tcp_eno_count(TCP_ENO_R_TEP_MANDATORY_RST);
			TCP_ENO_STAT_INC(enos_aborted);
			tcp_eno_fail(tp, ECONNABORTED);
			return (ECONNABORTED);
		}
		return (0);
	}
	if ((ep->ep_flags & TCP_ENO_PF_ATTEMPT) == 0)
		return (0);
	tcp_eno_seg_from_to(&seg, to);
	(void)tcp_eno_handle_segment(&ep->ep_conn, &seg, true);
	return (tcp_eno_after_event(tp, ep));
}

/*
 * D13: on an encrypted connection urgent data is marked inside frames
 * (URGp); the TCP header's URG flag and pointer are ignored, and must be:
 * pulling an "out-of-band" byte out of the stream would cut ciphertext.
 */
bool
tcp_eno_ignore_urg(struct tcpcb *tp)
{

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	return (tp->t_eno != NULL &&
	    (tp->t_eno->ep_flags & TCP_ENO_PF_CRYPT) != 0);
}

/*
 * The peer's FIN.  True: tcpcrypt's worker calls socantrcvmore() once it
 * decrypted what precedes the FIN (tcpcrypt.c), so tcp_input must not.
 */
bool
tcp_eno_input_fin(struct tcpcb *tp)
{
	struct tcp_eno_pcb *ep = tp->t_eno;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (ep != NULL && (ep->ep_flags & TCP_ENO_PF_CRYPT))
		return (tcpcrypt_kern_fin(tp, ep));
	return (false);
}

/* Every in-order byte for the socket: decrypt when tcpcrypt is on. */
void
tcp_eno_sbappendstream_locked(struct tcpcb *tp, struct sockbuf *sb,
    struct mbuf *m, int flags)
{
	struct tcp_eno_pcb *ep = tp->t_eno;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (ep != NULL && (ep->ep_flags & TCP_ENO_PF_CRYPT))
		tcpcrypt_kern_rcv(tp, ep, sb, m);
	else if (ep != NULL && (ep->ep_flags & TCP_ENO_PF_FAILED))
		m_freem(m);
	else
		sbappendstream_locked(sb, m, flags);
}

/* ----------------------------------------------------------- passive open */

/* The listener's settings, or the defaults if it never set an option. */
static void
tcp_eno_listener_conf(struct tcpcb *ltp, struct tcp_eno_pcb *ep)
{
	struct tcp_eno_sysconf sys;

	if (ltp->t_eno != NULL)
		tcp_eno_sockconf_inherit(&ep->ep_conf, &ltp->t_eno->ep_conf);
	else {
		tcp_eno_sysconf_copy(&sys);
		tcp_eno_sockconf_init(&ep->ep_conf, &sys);
	}
	tcp_eno_sockconf_listen(&ep->ep_conf);
	ep->ep_flags |= TCP_ENO_PF_PASSIVE;
}

/*
 * LISTEN + SYN, before the syncache: a TEP-mandatory listener answers a
 * SYN it cannot encrypt with RST, so the peer sees ECONNREFUSED (D8, D14:
 * also when the SYN-ACK would come from a cookie).
 */
bool
tcp_eno_syn_refused(struct tcpcb *ltp, struct tcpopt *to)
{
	struct tcp_eno_pcb *ep;
	struct tcp_eno_conf conf;
	struct tcp_eno_status st;
	struct tcp_eno_seg seg;
	enum tcp_eno_reason why;
	bool attempt;

	INP_LOCK_ASSERT(tptoinpcb(ltp));
	if (ltp->t_eno == NULL || !ltp->t_eno->ep_conf.tep_mandatory)
		return (false);
	ep = malloc(sizeof(*ep), M_TEMP, M_NOWAIT | M_ZERO);
	if (ep == NULL) {
		TCP_ENO_STAT_INC(enos_nomem);
		return (true);
	}
	tcp_eno_listener_conf(ltp, ep);
	attempt = tcp_eno_policy(ep, true,
	    ntohs(tptoinpcb(ltp)->inp_lport),
	    (to->to_flags & TOF_SIGNATURE) != 0, &why);
	tcp_eno_conf_fill(&conf, ep, true, attempt);
	(void)tcp_eno_conn_init(&ep->ep_conn, NULL, NULL, &conf);
	tcp_eno_seg_from_to(&seg, to);
	(void)tcp_eno_handle_syn(&ep->ep_conn, &seg);
	tcp_eno_conn_status(&ep->ep_conn, &st);
	free(ep, M_TEMP);
	if (!st.est_abort && st.est_phase != TCP_ENO_PH_DISABLED)
		return (false);
	tcp_eno_count(st.est_abort ? st.est_reason : why);
	TCP_ENO_STAT_INC(enos_refused);
	return (true);
}

/*
 * D12, passive side: does A's SYN offer resumption (RFC 8548 3.5: a
 * tcpcrypt suboption with v = 1 and at least 9 data bytes)?  Only then
 * does the syncache entry get tcpcrypt state (and an FPU context) to check
 * the offer against the cache, so a SYN without one costs what it did.
 */
static bool
tcp_eno_syn_offers_resume(const struct tcpopt *to)
{
	struct tcp_eno_syn syn;
	size_t i;

	if ((to->to_flags & TOF_ENO) == 0 || to->to_eno_cnt != 1 ||
	    tcp_eno_syn_parse(&syn, to->to_eno, to->to_eno_len) !=
	    TCP_ENO_R_NONE)
		return (false);
	for (i = 0; i < syn.esy_nsub; i++)
		if (tcp_eno_tep_is_tcpcrypt(syn.esy_sub[i].es_tep) &&
		    syn.esy_sub[i].es_v != 0 &&
		    syn.esy_sub[i].es_len >= TCPCRYPT_RESUME_HALF_LEN)
			return (true);
	return (false);
}

/*
 * syncache_add, listener still read-locked: B's answer to A's SYN (D1,
 * D3), kept in the syncache entry so retransmitted SYN-ACKs repeat it.
 * With a resumption offer (D12) the entry's tcpcrypt state checks it
 * against the VNET's cache and answers it (RFC 8548 3.5).  NULL means the
 * SYN-ACK carries no ENO.
 */
struct tcp_eno_pcb *
tcp_eno_syncache_prepare(struct tcpcb *ltp, struct in_conninfo *inc,
    struct tcpopt *to)
{
	struct tcp_eno_pcb *ep;
	struct tcp_eno_conf conf;
	struct tcp_eno_status st;
	struct tcp_eno_seg seg;
	enum tcp_eno_reason r, why;
	size_t len;

	INP_LOCK_ASSERT(tptoinpcb(ltp));
	if (ltp->t_flags & TF_NOOPT)
		return (NULL);
	ep = malloc(sizeof(*ep), M_TCPENO, M_NOWAIT | M_ZERO);
	if (ep == NULL) {
		TCP_ENO_STAT_INC(enos_nomem);
		return (NULL);
	}
	tcp_eno_listener_conf(ltp, ep);
	ep->ep_flags |= TCP_ENO_PF_DECIDED;
	if (!tcp_eno_policy(ep, true, ntohs(inc->inc_lport),
	    (to->to_flags & TOF_SIGNATURE) != 0, &why)) {
		tcp_eno_count(why);
		TCP_ENO_STAT_INC(enos_not_attempted);
		goto plain;
	}
	/* D12: an offered resumption is checked against the VNET's cache. */
	if (tcp_eno_offers_tcpcrypt(ep) && tcp_eno_syn_offers_resume(to))
		(void)tcpcrypt_kern_create_inc(ep, inc, false);
	tcp_eno_conf_fill(&conf, ep, true, true);
	(void)tcp_eno_conn_init(&ep->ep_conn, NULL, ep->ep_crypt, &conf);
	tcp_eno_seg_from_to(&seg, to);
	tcpcrypt_kern_cache(ep, true);
	tcpcrypt_kern_fpu(ep, true);
	(void)tcp_eno_handle_syn(&ep->ep_conn, &seg);
	r = tcp_eno_poll_synack(&ep->ep_conn, ep->ep_opt, sizeof(ep->ep_opt),
	    &len);
	tcpcrypt_kern_fpu(ep, false);
	tcpcrypt_kern_cache(ep, false);
	if (r != TCP_ENO_R_NONE || len < 2) {
		tcp_eno_conn_status(&ep->ep_conn, &st);
		tcp_eno_count(st.est_reason);
		TCP_ENO_STAT_INC(enos_fallback);
		goto plain;
	}
	ep->ep_optlen = len;
	ep->ep_flags |= TCP_ENO_PF_ATTEMPT | TCP_ENO_PF_SYN_SENT;
	TCP_ENO_STAT_INC(enos_attempted);
	return (ep);
plain:
	tcp_eno_pcb_free(ep);
	return (NULL);
}

/*
 * syncache_add, listener still read-locked, the syncache full or cookies
 * only: the SYN-ACK would come from a SYN cookie, which keeps no ENO state
 * and so carries no ENO option (D14).  A TEP-mandatory listener would then
 * have to reset the connection its cookie set up; it sends nothing
 * instead, and the peer's retransmitted SYN finds room in the syncache or
 * times out.  Counted as a refusal.
 */
bool
tcp_eno_syncache_cookie_refused(struct tcpcb *ltp)
{

	INP_LOCK_ASSERT(tptoinpcb(ltp));
	if (ltp->t_eno == NULL || !ltp->t_eno->ep_conf.tep_mandatory)
		return (false);
	tcp_eno_count(TCP_ENO_R_TEP_MANDATORY_RST);
	TCP_ENO_STAT_INC(enos_refused);
	return (true);
}

/* syncache_respond: the SYN-ACK repeats the entry's answer, unaltered. */
void
tcp_eno_syncache_respond(struct syncache *sc, struct tcpopt *to)
{
	struct tcp_eno_pcb *ep = sc->sc_eno;

	if (ep == NULL || ep->ep_optlen < 2)
		return;
	to->to_eno = ep->ep_opt + 2;
	to->to_eno_len = ep->ep_optlen - 2;
	to->to_flags |= TOF_ENO;
}

/*
 * syncache_socket: the new connection takes the entry's state; without one
 * (ENO not attempted, or rebuilt from a SYN cookie) it keeps the
 * listener's settings and remembers that it has no negotiation state.
 */
void
tcp_eno_syncache_socket(struct tcpcb *tp, struct syncache *sc,
    struct tcpcb *ltp)
{
	struct tcp_eno_pcb *ep;
	struct tcp_eno_conf conf;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	ep = sc->sc_eno;
	sc->sc_eno = NULL;
	if (ep == NULL && ltp->t_eno == NULL) {
		/* Default settings: nothing to inherit, t_eno stays NULL. */
		return;
	}
	if (ep == NULL) {
		ep = malloc(sizeof(*ep), M_TCPENO, M_NOWAIT | M_ZERO);
		if (ep == NULL) {
			TCP_ENO_STAT_INC(enos_nomem);
			return;
		}
		tcp_eno_listener_conf(ltp, ep);
		tcp_eno_conf_fill(&conf, ep, true, false);
		(void)tcp_eno_conn_init(&ep->ep_conn, NULL, NULL, &conf);
		ep->ep_flags |= TCP_ENO_PF_DECIDED | TCP_ENO_PF_SYN_SENT |
		    TCP_ENO_PF_NOSTATE;
	}
	tcp_eno_tcpcb_free(tp);
	tp->t_eno = ep;
}

void
tcp_eno_syncache_free(struct syncache *sc)
{

	tcp_eno_pcb_free(sc->sc_eno);
	sc->sc_eno = NULL;
}

/*
 * Keep-alive probe (D10): on an encrypted connection the probe is also a
 * rekey with an empty frame (RFC 8548 3.9), which the peer must answer
 * with a frame it can only produce with the session keys.  TCP's own probe
 * still goes out; this adds verified liveness.
 */
void
tcp_eno_keepalive(struct tcpcb *tp)
{
	struct tcp_eno_pcb *ep = tp->t_eno;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (ep == NULL || (ep->ep_flags & TCP_ENO_PF_CRYPT) == 0 ||
	    (ep->ep_flags & TCP_ENO_PF_FAILED))
		return;
	/* The rekey and its frame are a worker's (tcpcrypt.c), as is output. */
	(void)tcpcrypt_kern_keepalive(tp, ep);
}
