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
 * TCP-ENO (RFC 8547) and tcpcrypt (RFC 8548) kernel glue for the socket
 * layer (tcp_usrreq.c): the socket options of draft-ietf-tcpinc-api 2.1
 * as API.md maps them, the send path, the application's close, and the
 * TCP_FUNCTION_BLK check.  The option rules (which state allows what,
 * value checks, error classes) are the ENO-OPTS engine's
 * (tcp_eno_sockopt.h); this file copies values in and out with the inpcb
 * unlocked and re-checks the connection after re-locking, as TCP_FASTOPEN
 * does.
 *
 * Send path: application bytes are encrypted when tcpcrypt runs, held
 * while a tcpcrypt negotiation is pending (never sent in the clear before
 * the keys, RFC 8548 3.3), otherwise appended as plain TCP does.  Held
 * bytes count against the send buffer (tcp_eno_hold_append()).
 *
 * TCP stacks: the hooks live in the default stack only.  ENO is never
 * attempted on a connection handled by another stack (RACK, BBR); setting
 * TCP_ENO_ENABLED = 1 or TCP_ENO_TEP_MANDATORY = 1 there fails with
 * EOPNOTSUPP, and a socket that may use ENO cannot switch stacks once its
 * SYN has left (EBUSY), see tcp_eno(4).
 *
 * The whole file is kernel code.  It is guarded by _KERNEL because host
 * builds of the portable engines collect sys/netinet/tcp_eno_*.c by
 * pattern (mk/enosim.mk); there it compiles to nothing.
 */

#ifdef _KERNEL
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
#include <sys/sockopt.h>

#include <net/vnet.h>

#include <netinet/in.h>
#include <netinet/in_pcb.h>
#include <netinet/tcp.h>
#include <netinet/tcp_fsm.h>
#include <netinet/tcp_seq.h>
#include <netinet/tcp_var.h>

#include <netinet/tcp_eno.h>
#include <netinet/tcp_eno_var.h>
#include <netinet/tcp_eno_pcb.h>
#include <netinet/tcp_eno_policy.h>

/*
 * Held application bytes.  What the application wrote that cannot leave
 * yet (ENO undecided, tcpcrypt's keys not there, the engine's queue full)
 * waits in ep_hold, never sent in the clear (RFC 8548 3.3).  It counts
 * against the send buffer: so_snd's limit (sb_hiwat) is lowered by the
 * held bytes while they wait, so that sosend() blocks, or fails with
 * EWOULDBLOCK, as if they were in so_snd; the limit comes back as they
 * leave the hold (to the engine or, on fallback, to so_snd itself).
 * ep_holdcharge is what was taken from sb_hiwat; send buffer autosizing,
 * which would raise the lowered limit, is suspended meanwhile.  Callers
 * may or may not hold the send buffer lock (tcp_usr_send does, the worker
 * does not).
 */
static void
tcp_eno_hold_adjust(struct tcpcb *tp, struct tcp_eno_pcb *ep, u_int debit,
    u_int credit)
{
	struct socket *so = tptosocket(tp);
	struct sockbuf *sb = &so->so_snd;
	bool locked;

	locked = SOCKBUF_OWNED(sb);
	if (!locked)
		SOCKBUF_LOCK(sb);
	debit = MIN(debit, sb->sb_hiwat);
	sb->sb_hiwat -= debit;
	ep->ep_holdcharge += debit;
	credit = MIN(credit, ep->ep_holdcharge);
	sb->sb_hiwat += credit;
	ep->ep_holdcharge -= credit;
	/* Autosizing would grow the lowered limit: off while charged. */
	if (ep->ep_holdcharge > 0 && (sb->sb_flags & SB_AUTOSIZE)) {
		sb->sb_flags &= ~SB_AUTOSIZE;
		ep->ep_flags |= TCP_ENO_PF_AUTOSIZE;
	} else if (ep->ep_holdcharge == 0 &&
	    (ep->ep_flags & TCP_ENO_PF_AUTOSIZE)) {
		sb->sb_flags |= SB_AUTOSIZE;
		ep->ep_flags &= ~TCP_ENO_PF_AUTOSIZE;
	}
	if (locked)
		return;
	if (credit > 0)
		sowwakeup_locked(so);	/* a writer may wait for room */
	else
		SOCKBUF_UNLOCK(sb);
}

void
tcp_eno_hold_append(struct tcpcb *tp, struct tcp_eno_pcb *ep, struct mbuf *m)
{
	struct mbuf *n;
	u_int len;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	for (len = 0, n = m; n != NULL; n = n->m_next)
		len += n->m_len;
	if (ep->ep_hold == NULL)
		ep->ep_hold = m;
	else
		m_cat(ep->ep_hold, m);
	if (len > 0)
		tcp_eno_hold_adjust(tp, ep, len, 0);
}

void
tcp_eno_hold_taken(struct tcpcb *tp, struct tcp_eno_pcb *ep, u_int len)
{

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (len > 0 && ep->ep_holdcharge > 0)
		tcp_eno_hold_adjust(tp, ep, 0, len);
}

/*
 * ENO fell back before tcpcrypt started: bytes the application wrote while
 * negotiating go out as plain TCP would have sent them, and so_snd gets
 * its limit back as they enter it.
 */
void
tcp_eno_release_hold(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{
	struct sockbuf *sb = &tptosocket(tp)->so_snd;
	bool locked;

	if (ep->ep_hold == NULL)
		return;
	locked = SOCKBUF_OWNED(sb);
	if (!locked)
		SOCKBUF_LOCK(sb);
	sbappendstream_locked(sb, ep->ep_hold, 0);
	ep->ep_hold = NULL;
	sb->sb_hiwat += ep->ep_holdcharge;
	ep->ep_holdcharge = 0;
	if (ep->ep_flags & TCP_ENO_PF_AUTOSIZE) {
		sb->sb_flags |= SB_AUTOSIZE;
		ep->ep_flags &= ~TCP_ENO_PF_AUTOSIZE;
	}
	if (!locked)
		SOCKBUF_UNLOCK(sb);
}

void
tcp_eno_usr_send(struct tcpcb *tp, struct mbuf *m, int flags)
{
	struct socket *so = tptosocket(tp);

	SOCK_SENDBUF_LOCK(so);
	tcp_eno_usr_send_locked(tp, m, flags);
	SOCK_SENDBUF_UNLOCK(so);
}

/*
 * Application bytes (tcp_usr_send): encrypted when tcpcrypt runs, held
 * while a tcpcrypt negotiation is pending (never sent in the clear before
 * the keys, RFC 8548 3.3), otherwise appended as plain TCP does.
 */
void
tcp_eno_usr_send_locked(struct tcpcb *tp, struct mbuf *m, int flags)
{
	struct tcp_eno_pcb *ep = tp->t_eno;
	struct socket *so = tptosocket(tp);
	struct tcp_eno_status st;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	SOCK_SENDBUF_LOCK_ASSERT(so);
	if (ep == NULL && tp->t_state == TCPS_CLOSED) {
		struct tcp_eno_sysconf sys;

		/* sendto(2) connecting: the first SYN decides (API.md 4). */
		tcp_eno_sysconf_copy(&sys);
		ep = tp->t_eno = tcp_eno_pcb_alloc(M_NOWAIT, &sys);
	}
	if (ep == NULL) {
		sbappendstream_locked(&so->so_snd, m, flags);
		return;
	}
	if (ep->ep_flags & TCP_ENO_PF_FAILED) {
		m_freem(m);
		return;
	}
	if (ep->ep_flags & TCP_ENO_PF_CRYPT) {
		tcpcrypt_kern_snd(tp, ep, m, flags, true);
		return;
	}
	if ((ep->ep_flags & TCP_ENO_PF_DECIDED) == 0) {
		tcp_eno_hold_append(tp, ep, m);
		return;
	}
	if ((ep->ep_flags & TCP_ENO_PF_ATTEMPT) == 0) {
		sbappendstream_locked(&so->so_snd, m, flags);
		return;
	}
	tcp_eno_conn_status(&ep->ep_conn, &st);
	if (st.est_phase == TCP_ENO_PH_DISABLED || st.est_raw ||
	    !tcp_eno_offers_tcpcrypt(ep)) {
		sbappendstream_locked(&so->so_snd, m, flags);
		return;
	}
	tcp_eno_hold_append(tp, ep, m);
}

/* Application shut down writing: the last frame carries FINp (3.7). */
void
tcp_eno_usrclosed(struct tcpcb *tp)
{
	struct tcp_eno_pcb *ep = tp->t_eno;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (ep == NULL || (ep->ep_flags & TCP_ENO_PF_CRYPT) == 0 ||
	    (ep->ep_flags & TCP_ENO_PF_APPCLOSE))
		return;
	ep->ep_flags |= TCP_ENO_PF_APPCLOSE;
	tcpcrypt_kern_snd(tp, ep, NULL, 0, false);
}


/*
 * TCP_FUNCTION_BLK: our hooks are in the default stack only.  Once a SYN
 * offered or answered ENO the connection stays there.
 */
int
tcp_eno_stack_switch(struct tcpcb *tp, struct tcp_function_block *blk)
{
	struct tcp_eno_pcb *ep = tp->t_eno;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (ep == NULL || blk->tfb_tcp_output == tcp_default_output)
		return (0);
	if ((ep->ep_flags & TCP_ENO_PF_ATTEMPT) || ep->ep_conf.tep_mandatory ||
	    ep->ep_conf.enabled == 1) {
		TCP_ENO_STAT_INC(enos_stack_refused);
		return (EBUSY);
	}
	return (0);
}

bool
tcp_eno_sockopt_ours(int name)
{

	switch (name) {
	case TCP_ENO_ENABLED:
	case TCP_ENO_SESSID:
	case TCP_ENO_NEGTEP:
	case TCP_ENO_TEPS:
	case TCP_ENO_SELF_GOPT:
	case TCP_ENO_PEER_GOPT:
	case TCP_ENO_AA_MANDATORY:
	case TCP_ENO_TEP_MANDATORY:
	case TCP_ENO_ROLE:
	case TCP_ENO_SELF_NAME:
	case TCP_ENO_PEER_NAME:
	case TCP_ENO_RAW:
	case TCP_ENO_TRANSCRIPT:
	case TCP_CRYPT_CONF:
	case TCP_CRYPT_CACHE_FLUSH:
	case TCP_CRYPT_ACONF:
	case TCP_CRYPT_BCONF:
		return (true);
	default:
		return (false);
	}
}

/* API.md 2 states from the connection, and what R options report. */
static enum tcp_eno_sockstate
tcp_eno_sockstate(struct tcpcb *tp, struct tcp_eno_pcb *ep,
    struct tcp_eno_negview *nv)
{
	struct socket *so = tptosocket(tp);
	struct tcp_eno_status st;
	size_t len;

	memset(nv, 0, sizeof(*nv));
	if (tp->t_state == TCPS_TIME_WAIT ||
	    (so->so_state & SS_ISDISCONNECTED) ||
	    ((so->so_rcv.sb_state & SBS_CANTRCVMORE) &&
	    (so->so_snd.sb_state & SBS_CANTSENDMORE)))
		return (TCP_ENO_SS_SHUTDOWN);
	if (tp->t_state == TCPS_CLOSED || tp->t_state == TCPS_LISTEN)
		return (TCP_ENO_SS_IDLE);
	if (ep == NULL || (ep->ep_flags & TCP_ENO_PF_DECIDED) == 0)
		return (TCP_ENO_SS_DISABLED);
	tcp_eno_conn_status(&ep->ep_conn, &st);
	if ((ep->ep_flags & TCP_ENO_PF_ATTEMPT) == 0 ||
	    st.est_phase == TCP_ENO_PH_DISABLED)
		return (TCP_ENO_SS_DISABLED);
	if (!st.est_negotiated)
		return (TCP_ENO_SS_SYN_SENT);
	nv->negtep = st.est_negtep;
	nv->role = st.est_role;
	nv->peer_gopt = st.est_peer_gopt;
	if (tcp_eno_conn_transcript(&ep->ep_conn, nv->transcript,
	    sizeof(nv->transcript), &len) == TCP_ENO_R_NONE)
		nv->transcript_len = len;
	if (st.est_phase == TCP_ENO_PH_ENABLED && st.est_raw)
		return (TCP_ENO_SS_ENCRYPTING);
	if (ep->ep_crypt == NULL || !tcpcrypt_encrypting(ep->ep_crypt))
		return (TCP_ENO_SS_NEGOTIATED);
	if (tcpcrypt_session_id(ep->ep_crypt, nv->sessid,
	    sizeof(nv->sessid), &len) == TCPCRYPT_R_NONE)
		nv->sessid_len = len;
	nv->crypt_conf = tcpcrypt_aead(ep->ep_crypt);
	return (TCP_ENO_SS_ENCRYPTING);
}

/* The settings a socket without a tcp_eno_pcb has: the defaults. */
static void
tcp_eno_default_conf(struct tcp_eno_sockconf *sc)
{
	struct tcp_eno_sysconf sys;

	tcp_eno_sysconf_copy(&sys);
	tcp_eno_sockconf_init(sc, &sys);
}

static int
tcp_eno_ctloutput_get(struct tcpcb *tp, struct sockopt *sopt)
{
	struct inpcb *inp = tptoinpcb(tp);
	struct tcp_eno_sockconf defconf;
	struct tcp_eno_negview nv;
	enum tcp_eno_sockstate st;
	enum tcp_eno_reason r;
	uint8_t buf[TCP_ENO_MAX_TRANSCRIPT];
	size_t len;

	st = tcp_eno_sockstate(tp, tp->t_eno, &nv);
	if (tp->t_eno == NULL)
		tcp_eno_default_conf(&defconf);
	if (tp->t_state == TCPS_LISTEN)
		tcp_eno_sockconf_listen(tp->t_eno != NULL ?
		    &tp->t_eno->ep_conf : &defconf);
	len = MIN(sopt->sopt_valsize, sizeof(buf));
	r = tcp_eno_sockopt_get(tp->t_eno != NULL ? &tp->t_eno->ep_conf :
	    &defconf, &nv, st, sopt->sopt_name, buf, &len);
	INP_WUNLOCK(inp);
	explicit_bzero(&nv, sizeof(nv));
	if (r != TCP_ENO_R_NONE) {
		tcp_eno_count(r);
		TCP_ENO_STAT_INC(enos_sockopt_err);
		return (tcp_eno_errclass_errno(tcp_eno_reason_errclass(r)));
	}
	return (sooptcopyout(sopt, buf, len));
}

/*
 * Set: copy in with the inpcb unlocked (may fault or sleep), allocate our
 * state while we may sleep, relock and recheck as TCP_FASTOPEN does.
 */
static int
tcp_eno_ctloutput_set(struct tcpcb *tp, struct sockopt *sopt)
{
	struct inpcb *inp = tptoinpcb(tp);
	struct tcp_eno_pcb *ep, *nep;
	struct tcp_eno_sysconf sys;
	struct tcp_eno_negview nv;
	struct epoch_tracker et;
	enum tcp_eno_sockstate st;
	enum tcp_eno_reason r;
	uint8_t buf[TCP_ENO_MAX_RAW + 1];
	size_t len;
	int error, ival;

	INP_WUNLOCK(inp);
	ival = 0;
	/*
	 * A value longer than every limit is passed on one byte over, so
	 * the engine rejects it after its state rules (EISCONN after the
	 * SYN comes first, API.md 2), never truncated.
	 */
	len = MIN(sopt->sopt_valsize, sizeof(buf));
	if (len > 0 && (error = sooptcopyin(sopt, buf, len, len)) != 0)
		return (error);
	tcp_eno_sysconf_copy(&sys);
	nep = tcp_eno_pcb_alloc(M_WAITOK, &sys);
	INP_WLOCK(inp);
	if (inp->inp_flags & INP_DROPPED) {
		INP_WUNLOCK(inp);
		tcp_eno_pcb_free(nep);
		return (ECONNRESET);
	}
	tp = intotcpcb(inp);
	if (tp->t_eno == NULL) {
		tp->t_eno = nep;
		nep = NULL;
	}
	ep = tp->t_eno;
	if (tp->t_state == TCPS_LISTEN)
		tcp_eno_sockconf_listen(&ep->ep_conf);
	st = tcp_eno_sockstate(tp, ep, &nv);
	explicit_bzero(&nv, sizeof(nv));
	if (len == sizeof(int))
		memcpy(&ival, buf, sizeof(ival));
	if (tp->t_fb->tfb_tcp_output != tcp_default_output &&
	    (sopt->sopt_name == TCP_ENO_ENABLED ||
	    sopt->sopt_name == TCP_ENO_TEP_MANDATORY) && ival == 1) {
		INP_WUNLOCK(inp);
		tcp_eno_pcb_free(nep);
		return (EOPNOTSUPP);
	}
	r = tcp_eno_sockopt_set(&ep->ep_conf, st, sopt->sopt_name, buf, len);
	error = tcp_eno_errclass_errno(tcp_eno_reason_errclass(r));
	if (r != TCP_ENO_R_NONE) {
		tcp_eno_count(r);
		TCP_ENO_STAT_INC(enos_sockopt_err);
	}
	if (r == TCP_ENO_R_NONE && ep->ep_conf.cache_flush) {
		/* RFC 8548 3.5: forget what this connection cached. */
		if (ep->ep_crypt != NULL) {
			tcpcrypt_kern_cache(ep, true);
			(void)tcpcrypt_handle_cache_flush(ep->ep_crypt);
			tcpcrypt_kern_cache(ep, false);
		}
		ep->ep_conf.cache_flush = 0;
	}
	if (tcp_eno_reason_action(r) == TCP_ENO_ACT_ABORT_RST) {
		/* API.md 3: TEP_MANDATORY on a plain connection aborts it. */
		TCP_ENO_STAT_INC(enos_aborted);
		NET_EPOCH_ENTER(et);
		tp = tcp_drop(tp, error);
		NET_EPOCH_EXIT(et);
		if (tp != NULL)
			INP_WUNLOCK(inp);
	} else
		INP_WUNLOCK(inp);
	tcp_eno_pcb_free(nep);
	return (error);
}

/* tcp_default_ctloutput: our option names; entered locked, returns unlocked. */
int
tcp_eno_ctloutput(struct tcpcb *tp, struct sockopt *sopt)
{

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (sopt->sopt_dir == SOPT_SET)
		return (tcp_eno_ctloutput_set(tp, sopt));
	return (tcp_eno_ctloutput_get(tp, sopt));
}
#endif /* _KERNEL */
