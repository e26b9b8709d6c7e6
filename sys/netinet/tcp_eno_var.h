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
 * Kernel hooks of TCP-ENO (RFC 8547) and tcpcrypt (RFC 8548), called from
 * the FreeBSD TCP files our patches touch (tcp_input.c, tcp_output.c,
 * tcp_syncache.c, tcp_usrreq.c, tcp_subr.c, tcp_reass.c, tcp_timer.c).
 * Each hook is named for its call site and is one line there.  Without
 * "options TCP_ENO" the hooks are inline stubs that keep plain TCP, so the
 * core files need no #ifdef.  What only the glue files share (struct
 * tcp_eno_pcb, its flags, their calls into one another) is in
 * tcp_eno_pcb.h.
 *
 * Locking: every hook runs with the connection's inpcb write-locked
 * (INP_WLOCK_ASSERT at entry), except tcp_eno_syn_refused() and
 * tcp_eno_syncache_prepare(), which read the listener under its read lock,
 * and the syncache hooks, which touch only the syncache entry.
 */

#ifndef _NETINET_TCP_ENO_VAR_H_
#define	_NETINET_TCP_ENO_VAR_H_

#ifdef _KERNEL

struct in_conninfo;
struct mbuf;
struct mtx;
struct sockbuf;
struct sockopt;
struct syncache;
struct tcp_function_block;
struct tcp_eno_pcb;
struct tcpcb;
struct tcpopt;

#ifdef TCP_ENO

/* Per-VNET setup and teardown (tcp_subr.c: tcp_vnet_init, tcp_destroy). */
void	tcp_eno_vnet_init(void);
void	tcp_eno_vnet_destroy(void);
/* Connection teardown, secrets wiped (tcp_subr.c: tcp_discardcb). */
void	tcp_eno_tcpcb_free(struct tcpcb *tp);

/* Option parsing (tcp_input.c: tcp_dooptions). */
void	tcp_eno_dooptions(struct tcpopt *to, u_char *cp, int optlen,
	    int flags);
void	tcp_eno_dooptions_done(struct tcpopt *to, int flags);

/* Option emission (tcp_output.c). */
void	tcp_eno_output_pump(struct tcpcb *tp);
bool	tcp_eno_output_options(struct tcpcb *tp, struct tcpopt *to,
	    uint16_t flags);
void	tcp_eno_output_fitted(struct tcpcb *tp, struct tcpopt *to,
	    uint16_t flags);
u_int32_t tcp_eno_addoption(struct tcpopt *to, u_char **optpp,
	    u_int32_t optlen);
uint32_t tcp_eno_output_recwin(struct tcpcb *tp, uint32_t recwin);
bool	tcp_eno_output_hold_fin(struct tcpcb *tp);

/* Segment input (tcp_input.c: tcp_input_with_port, tcp_do_segment). */
bool	tcp_eno_syn_refused(struct tcpcb *ltp, struct tcpopt *to);
int	tcp_eno_input_syn_sent(struct tcpcb *tp, struct tcpopt *to,
	    uint16_t thflags);
int	tcp_eno_input_established(struct tcpcb *tp, struct tcpopt *to);
bool	tcp_eno_input_fin(struct tcpcb *tp);
bool	tcp_eno_ignore_urg(struct tcpcb *tp);
bool	tcp_eno_input_failed(struct tcpcb *tp);
int	tcp_eno_errno(struct tcpcb *tp);
void	tcp_eno_sbappendstream_locked(struct tcpcb *tp, struct sockbuf *sb,
	    struct mbuf *m, int flags);

/* Passive open (tcp_syncache.c). */
struct tcp_eno_pcb *tcp_eno_syncache_prepare(struct tcpcb *ltp,
	    struct in_conninfo *inc, struct tcpopt *to);
bool	tcp_eno_syncache_cookie_refused(struct tcpcb *ltp);
void	tcp_eno_syncache_respond(struct syncache *sc, struct tcpopt *to);
void	tcp_eno_syncache_socket(struct tcpcb *tp, struct syncache *sc,
	    struct tcpcb *ltp);
void	tcp_eno_syncache_free(struct syncache *sc);
void	tcp_eno_pcb_free(struct tcp_eno_pcb *ep);

/* Socket layer (tcp_usrreq.c). */
bool	tcp_eno_sockopt_ours(int name);
int	tcp_eno_ctloutput(struct tcpcb *tp, struct sockopt *sopt);
int	tcp_eno_stack_switch(struct tcpcb *tp,
	    struct tcp_function_block *blk);
void	tcp_eno_usr_send(struct tcpcb *tp, struct mbuf *m, int flags);
void	tcp_eno_usr_send_locked(struct tcpcb *tp, struct mbuf *m,
	    int flags);
void	tcp_eno_usrclosed(struct tcpcb *tp);

/* Keep-alive timer (tcp_timer.c: tcp_timer_keep). */
void	tcp_eno_keepalive(struct tcpcb *tp);

#else /* !TCP_ENO */

#include <sys/errno.h>
#include <sys/socketvar.h>

/*
 * Stubs: plain TCP.  The option is never parsed into TOF_ENO, never
 * emitted, and the socket layer sees ENOPROTOOPT for our option names.
 */
static __inline void tcp_eno_vnet_init(void) { }
static __inline void tcp_eno_vnet_destroy(void) { }
static __inline void tcp_eno_tcpcb_free(struct tcpcb *tp __unused) { }
static __inline void
tcp_eno_dooptions(struct tcpopt *to __unused, u_char *cp __unused,
    int optlen __unused, int flags __unused)
{
}
static __inline void
tcp_eno_dooptions_done(struct tcpopt *to __unused, int flags __unused)
{
}
static __inline void tcp_eno_output_pump(struct tcpcb *tp __unused) { }
static __inline bool
tcp_eno_output_options(struct tcpcb *tp __unused,
    struct tcpopt *to __unused, uint16_t flags __unused)
{
	return (false);
}
static __inline void
tcp_eno_output_fitted(struct tcpcb *tp __unused,
    struct tcpopt *to __unused, uint16_t flags __unused)
{
}
static __inline u_int32_t
tcp_eno_addoption(struct tcpopt *to __unused, u_char **optpp __unused,
    u_int32_t optlen)
{
	return (optlen);
}
static __inline uint32_t
tcp_eno_output_recwin(struct tcpcb *tp __unused, uint32_t recwin)
{
	return (recwin);
}
static __inline bool
tcp_eno_output_hold_fin(struct tcpcb *tp __unused)
{
	return (false);
}
static __inline bool
tcp_eno_syn_refused(struct tcpcb *ltp __unused, struct tcpopt *to __unused)
{
	return (false);
}
static __inline int
tcp_eno_input_syn_sent(struct tcpcb *tp __unused, struct tcpopt *to __unused,
    uint16_t thflags __unused)
{
	return (0);
}
static __inline int
tcp_eno_input_established(struct tcpcb *tp __unused,
    struct tcpopt *to __unused)
{
	return (0);
}
static __inline bool
tcp_eno_input_fin(struct tcpcb *tp __unused)
{
	return (false);
}
static __inline bool
tcp_eno_ignore_urg(struct tcpcb *tp __unused)
{
	return (false);
}
static __inline bool
tcp_eno_input_failed(struct tcpcb *tp __unused)
{
	return (false);
}
static __inline int
tcp_eno_errno(struct tcpcb *tp __unused)
{
	return (0);
}
static __inline void
tcp_eno_sbappendstream_locked(struct tcpcb *tp __unused, struct sockbuf *sb,
    struct mbuf *m, int flags)
{
	sbappendstream_locked(sb, m, flags);
}
static __inline struct tcp_eno_pcb *
tcp_eno_syncache_prepare(struct tcpcb *ltp __unused,
    struct in_conninfo *inc __unused, struct tcpopt *to __unused)
{
	return (NULL);
}
static __inline bool
tcp_eno_syncache_cookie_refused(struct tcpcb *ltp __unused)
{
	return (false);
}
static __inline void
tcp_eno_syncache_respond(struct syncache *sc __unused,
    struct tcpopt *to __unused)
{
}
static __inline void
tcp_eno_syncache_socket(struct tcpcb *tp __unused,
    struct syncache *sc __unused, struct tcpcb *ltp __unused)
{
}
static __inline void tcp_eno_syncache_free(struct syncache *sc __unused) { }
static __inline void tcp_eno_pcb_free(struct tcp_eno_pcb *ep __unused) { }
static __inline bool
tcp_eno_sockopt_ours(int name __unused)
{
	return (false);
}
static __inline int
tcp_eno_ctloutput(struct tcpcb *tp __unused, struct sockopt *sopt __unused)
{
	return (ENOPROTOOPT);
}
static __inline int
tcp_eno_stack_switch(struct tcpcb *tp __unused,
    struct tcp_function_block *blk __unused)
{
	return (0);
}
static __inline void
tcp_eno_usr_send(struct tcpcb *tp, struct mbuf *m, int flags)
{
	sbappendstream(&tptosocket(tp)->so_snd, m, flags);
}
static __inline void
tcp_eno_usr_send_locked(struct tcpcb *tp, struct mbuf *m, int flags)
{
	sbappendstream_locked(&tptosocket(tp)->so_snd, m, flags);
}
static __inline void tcp_eno_usrclosed(struct tcpcb *tp __unused) { }
static __inline void tcp_eno_keepalive(struct tcpcb *tp __unused) { }

#endif /* TCP_ENO */

#endif /* _KERNEL */
#endif /* !_NETINET_TCP_ENO_VAR_H_ */
