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
 * The code patches/ adds to FreeBSD's tcp_*.c, line for line, inside
 * functions that declare the variables of each call site with their types
 * in FreeBSD 15.0 (tcp_input.c, tcp_output.c, tcp_syncache.c, tcp_usrreq.c,
 * tcp_subr.c, tcp_reass.c, tcp_timer.c).  The whole FreeBSD files cannot be compiled
 * here; this file lets kernel-check compile every hook call against the
 * patched headers, with options TCP_ENO (real prototypes) and without it
 * (the inline stubs of tcp_eno_var.h), and kernel-check.sh fails if a line
 * a .c patch adds is missing here.  Labels stand for the call sites' own.
 * Never linked into a kernel.
 */

#include <sys/cdefs.h>
#include "opt_inet.h"
#include "opt_inet6.h"

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/counter.h>
#include <sys/lock.h>
#include <sys/mbuf.h>
#include <sys/mutex.h>
#include <sys/protosw.h>
#include <sys/refcount.h>
#include <sys/socket.h>
#include <sys/socketvar.h>
#include <sys/sockopt.h>
#include <sys/sysctl.h>

#include <net/vnet.h>

#include <netinet/in.h>
#include <netinet/in_pcb.h>
#include <netinet/tcp.h>
#include <netinet/tcp_fsm.h>
#include <netinet/tcp_seq.h>
#include <netinet/tcp_var.h>		/* includes tcp_eno_var.h (0002) */
#include <netinet/tcp_syncache.h>

int	mirror_input_listen_syn(struct tcpcb *tp, struct tcpopt to);
int	mirror_input_fastpath(struct tcpcb *tp, struct socket *so,
	    struct mbuf *m);
int	mirror_input_syn_sent(struct tcpcb *tp, struct tcpopt to,
	    uint16_t thflags);
int	mirror_input_established(struct tcpcb *tp, struct tcpopt to,
	    struct mbuf *m);
void	mirror_input_dodata(struct tcpcb *tp, struct socket *so,
	    struct mbuf *m);
void	mirror_input_fin(struct tcpcb *tp, struct socket *so);
uint16_t mirror_input_urg(struct tcpcb *tp, uint16_t thflags);
int	mirror_input_before_output(struct tcpcb *tp, struct mbuf *m);
void	mirror_dooptions(struct tcpopt *to, u_char *cp, int opt, int optlen,
	    int flags);
void	mirror_output(struct tcpcb *tp, struct tcpopt to, uint16_t flags,
	    int32_t len);
uint32_t mirror_output_recwin(struct tcpcb *tp, struct socket *so,
	    uint16_t *flagsp);
u_int32_t mirror_addoptions(struct tcpopt *to, u_char *optp,
	    u_int32_t optlen, u_int32_t mask);
void	mirror_syncache_free(struct syncache *sc);
void	mirror_syncache_socket(struct tcpcb *tp, struct syncache *sc,
	    struct socket *lso);
void	mirror_syncache_add(struct tcpcb *tp, struct in_conninfo *inc,
	    struct tcpopt *to, struct syncache *sc,
	    struct syncache_head *sch, bool locked);
void	mirror_syncache_respond(struct syncache *sc, struct tcpopt to);
void	mirror_usr_send(struct tcpcb *tp, struct socket *so, struct mbuf *m,
	    int flags);
int	mirror_ctloutput_set(struct inpcb *inp, struct tcpcb *tp,
	    struct tcp_function_block *blk);
int	mirror_default_ctloutput(struct tcpcb *tp, struct sockopt *sopt);
void	mirror_usrclosed(struct tcpcb *tp);
void	mirror_subr(struct tcpcb *tp);
void	mirror_reass(struct tcpcb *tp, struct socket *so, struct mbuf *m,
	    struct mbuf *qm);
void	mirror_timer_keep(struct tcpcb *tp);

/* 0004 tcp_input.c: tcp_input_with_port, LISTEN + SYN. */
int
mirror_input_listen_syn(struct tcpcb *tp, struct tcpopt to)
{

	if (tcp_eno_syn_refused(tp, &to))
		goto dropwithreset;	/* TCP-ENO mandatory listener */
	return (0);
dropwithreset:
	return (1);
}

/* 0004 tcp_input.c: tcp_do_segment header prediction. */
int
mirror_input_fastpath(struct tcpcb *tp, struct socket *so, struct mbuf *m)
{

	tcp_eno_sbappendstream_locked(tp, &so->so_rcv,
	    m, 0);
	if (tcp_eno_input_failed(tp)) {
		tp = tcp_drop(tp, tcp_eno_errno(tp));
		m = NULL;
		goto drop;
	}
	return (0);
drop:
	return (tp == NULL && m == NULL);
}

/* 0004 tcp_input.c: tcp_do_segment, SYN_SENT. */
int
mirror_input_syn_sent(struct tcpcb *tp, struct tcpopt to, uint16_t thflags)
{

	if (tcp_eno_input_syn_sent(tp, &to, thflags) != 0) {
		/* TCP-ENO mandatory mode failed (tcp_eno(4)). */
		tp = tcp_drop(tp, tcp_eno_errno(tp));
		goto dropwithreset;
	}
	return (0);
dropwithreset:
	return (tp == NULL);
}

/* 0004 tcp_input.c: tcp_do_segment, SYN_RECEIVED -> ESTABLISHED. */
int
mirror_input_established(struct tcpcb *tp, struct tcpopt to, struct mbuf *m)
{

	if (tcp_eno_input_established(tp, &to) != 0) {
		/* TCP-ENO: mandatory mode or lost state (tcp_eno(4)). */
		tp = tcp_drop(tp, tcp_eno_errno(tp));
		goto drop;
	}
	return (0);
drop:
	m_freem(m);
	return (tp == NULL);
}

/* 0004 tcp_input.c: tcp_do_segment, dodata. */
void
mirror_input_dodata(struct tcpcb *tp, struct socket *so, struct mbuf *m)
{

	tcp_eno_sbappendstream_locked(tp, &so->so_rcv,
	    m, 0);
}

/* 0004 tcp_input.c: tcp_do_segment, before "Process segments with URG". */
uint16_t
mirror_input_urg(struct tcpcb *tp, uint16_t thflags)
{

	/* D13: on encrypted connections urgent data travels in frames. */
	if (tcp_eno_ignore_urg(tp))
		thflags &= ~TH_URG;
	return (thflags);
}

/* 0004 tcp_input.c: tcp_do_segment, FIN. */
void
mirror_input_fin(struct tcpcb *tp, struct socket *so)
{

	/*
	 * tcpcrypt: EOF only after a FINp frame and what
	 * precedes it, then its worker calls socantrcvmore;
	 * else the socket upcall is handled by socantrcvmore.
	 */
	if (!tcp_eno_input_fin(tp))
		socantrcvmore(so);
}

/* 0004 tcp_input.c: tcp_do_segment, before "Return any desired output". */
int
mirror_input_before_output(struct tcpcb *tp, struct mbuf *m)
{

	if (tcp_eno_input_failed(tp)) {
		/* tcpcrypt abort (RFC 8548 3.3, 3.6, D8): RST and errno. */
		tp = tcp_drop(tp, tcp_eno_errno(tp));
		m = NULL;
		goto drop;
	}
	return (0);
drop:
	return (tp == NULL && m == NULL);
}

/* 0004 tcp_input.c: tcp_dooptions, the option switch and its end. */
void
mirror_dooptions(struct tcpopt *to, u_char *cp, int opt, int optlen, int flags)
{

	switch (opt) {
	case TCPOPT_ENO:
		tcp_eno_dooptions(to, cp, optlen, flags);
		break;
	default:
		break;
	}
	tcp_eno_dooptions_done(to, flags);
}

/* 0005 tcp_output.c: tcp_default_output. */
void
mirror_output(struct tcpcb *tp, struct tcpopt to, uint16_t flags, int32_t len)
{

	/* tcpcrypt frames produced since the last call go to so_snd. */
	tcp_eno_output_pump(tp);

	/* TCP-ENO (RFC 8547 4.6); an ENO SYN carries no data (4.7). */
	if (tcp_eno_output_options(tp, &to, flags))
		len = 0;
	tcp_eno_output_fitted(tp, &to, flags);
	(void)len;
}

/* 0005 tcp_output.c: tcp_default_output, receive window and FIN. */
uint32_t
mirror_output_recwin(struct tcpcb *tp, struct socket *so, uint16_t *flagsp)
{
	uint32_t recwin;
	uint16_t flags = *flagsp;

	recwin = lmin(lmax(sbspace(&so->so_rcv), 0),
	    (long)TCP_MAXWIN << tp->rcv_scale);
	/* TCP-ENO: tcpcrypt's queued input; no FIN before FINp (tcp_eno(4)). */
	recwin = tcp_eno_output_recwin(tp, recwin);
	if (tcp_eno_output_hold_fin(tp))
		flags &= ~TH_FIN;
	*flagsp = flags;
	return (recwin);
}

/* 0005 tcp_output.c: tcp_addoptions. */
u_int32_t
mirror_addoptions(struct tcpopt *to, u_char *optp, u_int32_t optlen,
    u_int32_t mask)
{

	switch (to->to_flags & mask) {
	case TOF_ENO:
		optlen = tcp_eno_addoption(to, &optp, optlen);
		break;
	default:
		break;
	}
	return (optlen);
}

/* 0006 tcp_syncache.c: syncache_free. */
void
mirror_syncache_free(struct syncache *sc)
{

	tcp_eno_syncache_free(sc);
}

/* 0006 tcp_syncache.c: syncache_socket. */
void
mirror_syncache_socket(struct tcpcb *tp, struct syncache *sc,
    struct socket *lso)
{

	tcp_eno_syncache_socket(tp, sc, sototcpcb(lso));
}

/* tcp_syncache.c's own macro, as it defines it. */
#define	SCH_UNLOCK(sch)		mtx_unlock(&(sch)->sch_mtx)

/* 0006 tcp_syncache.c: syncache_add (tp is the listener's tcpcb). */
void
mirror_syncache_add(struct tcpcb *tp, struct in_conninfo *inc,
    struct tcpopt *to, struct syncache *sc, struct syncache_head *sch,
    bool locked)
{
	struct syncache scs;
	struct tcp_eno_pcb *eno = NULL;

	/* TCP-ENO answer to this SYN, from the still locked listener. */
	eno = tcp_eno_syncache_prepare(tp, inc, to);
	if (sc == NULL)
		sc = &scs;
	if (sc != &scs) {
		/* A SYN cookie keeps no ENO state: no ENO in its SYN-ACK. */
		sc->sc_eno = eno;
		eno = NULL;
	} else if (tcp_eno_syncache_cookie_refused(tp)) {
		/* D14: a TEP-mandatory listener sends no cookie SYN-ACK. */
		if (locked)
			SCH_UNLOCK(sch);
		goto done;
	}
done:
	tcp_eno_pcb_free(eno);
}

/* 0006 tcp_syncache.c: syncache_respond, SYN-ACK options. */
void
mirror_syncache_respond(struct syncache *sc, struct tcpopt to)
{

	tcp_eno_syncache_respond(sc, &to);
}

/* 0007 tcp_usrreq.c: tcp_usr_send, both paths. */
void
mirror_usr_send(struct tcpcb *tp, struct socket *so, struct mbuf *m, int flags)
{

	if ((flags & PRUS_OOB) == 0) {
		tcp_eno_usr_send(tp, m, flags);
		return;
	}
	SOCKBUF_LOCK(&so->so_snd);
	tcp_eno_usr_send_locked(tp, m, flags);
	SOCKBUF_UNLOCK(&so->so_snd);
}

/* 0007 tcp_usrreq.c: tcp_ctloutput_set, TCP_FUNCTION_BLK. */
int
mirror_ctloutput_set(struct inpcb *inp, struct tcpcb *tp,
    struct tcp_function_block *blk)
{
	int error = 0;

	if ((error = tcp_eno_stack_switch(tp, blk)) != 0) {
		/* TCP-ENO runs on the default stack only (tcp_eno(4)). */
		refcount_release(&blk->tfb_refcnt);
		INP_WUNLOCK(inp);
		return (error);
	}
	return (0);
}

/* 0007 tcp_usrreq.c: tcp_default_ctloutput. */
int
mirror_default_ctloutput(struct tcpcb *tp, struct sockopt *sopt)
{

	/* TCP-ENO and tcpcrypt options (tcp_eno(4)); unlocks the inpcb. */
	if (tcp_eno_sockopt_ours(sopt->sopt_name))
		return (tcp_eno_ctloutput(tp, sopt));
	return (ENOPROTOOPT);
}

/* 0007 tcp_usrreq.c: tcp_usrclosed. */
void
mirror_usrclosed(struct tcpcb *tp)
{

	/* tcpcrypt: the last frame carries FINp before TCP's FIN. */
	tcp_eno_usrclosed(tp);
}

/* 0008 tcp_subr.c: tcp_vnet_init, tcp_destroy, tcp_discardcb. */
void
mirror_subr(struct tcpcb *tp)
{

	tcp_eno_vnet_init();
	tcp_eno_vnet_destroy();
	/* TCP-ENO and tcpcrypt state, secrets wiped (tcp_eno(4)). */
	tcp_eno_tcpcb_free(tp);
}

/* 0009 tcp_reass.c: tcp_reass, both deliveries. */
void
mirror_reass(struct tcpcb *tp, struct socket *so, struct mbuf *m,
    struct mbuf *qm)
{
	struct {
		struct mbuf *tqe_m;
	} qe = { qm }, *q = &qe;

	tcp_eno_sbappendstream_locked(tp, &so->so_rcv, m, 0);
	tcp_eno_sbappendstream_locked(tp, &so->so_rcv,
	    q->tqe_m, 0);
}

/* 0012 tcp_timer.c: tcp_timer_keep, before the probe. */
void
mirror_timer_keep(struct tcpcb *tp)
{

	/* tcpcrypt verified keep-alive: a rekey (D10, RFC 8548 3.9). */
	tcp_eno_keepalive(tp);
}
