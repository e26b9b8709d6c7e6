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
 * Private to the TCP-ENO (RFC 8547) and tcpcrypt (RFC 8548) kernel glue:
 * tcp_eno.c, tcp_eno_sysctl.c, tcp_eno_usrreq.c and tcpcrypt.c include it,
 * nothing else does.  It holds struct tcp_eno_pcb, the per-connection
 * state behind tcpcb's t_eno, its TCP_ENO_PF_* flags, the counters' macro
 * and the calls the glue files make into one another.  The hooks the
 * patched FreeBSD files call are in tcp_eno_var.h; the portable engines
 * never see this header (they have no mbufs, locks or malloc(9)).
 *
 * One tcp_eno_pcb exists per connection that has touched TCP-ENO (a
 * socket option, or a SYN that offered or answered ENO).  It is allocated
 * with malloc(9) and freed by tcp_eno_pcb_free(), which wipes it: it
 * points at tcpcrypt state holding session keys.  The connection's inpcb
 * write lock covers it.
 */

#ifndef _NETINET_TCP_ENO_PCB_H_
#define	_NETINET_TCP_ENO_PCB_H_

#ifndef _KERNEL
#error "tcp_eno_pcb.h is private to the kernel glue"
#endif

#include <netinet/tcp_eno.h>
#include <netinet/tcp_eno_engine.h>
#include <netinet/tcp_eno_sockopt.h>
#include <netinet/tcpcrypt_engine.h>

struct in_conninfo;
struct mbuf;
struct mtx;
struct sockbuf;
struct tcp_eno_sysconf;
struct tcpcb;
struct tcpcrypt_cache;

struct tcp_eno_pcb {
	struct tcp_eno_sockconf	 ep_conf;	/* RW options (API.md 3) */
	struct tcp_eno_conn	 ep_conn;	/* negotiation (RFC 8547 4) */
	struct tcpcrypt_conn	*ep_crypt;	/* RFC 8548 state, or NULL */
	struct mbuf		*ep_hold;	/* app bytes the engine refused */
	u_int			 ep_holdcharge;	/* taken from so_snd.sb_hiwat */
	struct mbuf		*ep_rxq;	/* TCP payload for the worker */
	u_int			 ep_rxqlen;	/* bytes in ep_rxq */
	uint32_t		 ep_flags;
	int			 ep_errno;	/* abort errno, 0 if none */
	void			*ep_fpu;	/* struct fpu_kern_ctx (amd64) */
	struct mtx		*ep_cachemtx;	/* the VNET's resumption cache */
	uint64_t		 ep_rcvoff;	/* plaintext bytes delivered */
	uint64_t		 ep_gen;	/* local key generations counted */
	uint8_t			 ep_opt[TCP_ENO_OPT_MAX]; /* SYN-form option */
	uint8_t			 ep_optlen;
	uint8_t			 ep_ack[TCP_ENO_OPT_MAX]; /* non-SYN option */
	uint8_t			 ep_acklen;
};

#define	TCP_ENO_PF_DECIDED	0x0001	/* policy run, ep_conn initialised */
#define	TCP_ENO_PF_ATTEMPT	0x0002	/* ENO offered or answered */
#define	TCP_ENO_PF_PASSIVE	0x0004	/* listen(2): b bit forced */
#define	TCP_ENO_PF_SYN_SENT	0x0008	/* SYN / SYN-ACK left: RW frozen */
#define	TCP_ENO_PF_CRYPT	0x0010	/* tcpcrypt transforms the stream */
#define	TCP_ENO_PF_WANTED	0x0020	/* this segment asked for ENO */
#define	TCP_ENO_PF_COUNTED	0x0040	/* outcome counted once */
#define	TCP_ENO_PF_NOSTATE	0x0080	/* accepted without syncache state */
#define	TCP_ENO_PF_FAILED	0x0100	/* abort pending: RST, ep_errno */
#define	TCP_ENO_PF_APPCLOSE	0x0200	/* application closed its side */
#define	TCP_ENO_PF_CLOSED	0x0400	/* engine told: FINp frame queued */
#define	TCP_ENO_PF_STARTED	0x0800	/* worker ran handle_negotiated */
#define	TCP_ENO_PF_QUEUED	0x1000	/* a worker job is queued */
#define	TCP_ENO_PF_RXFIN	0x2000	/* peer FIN waits for the worker */
#define	TCP_ENO_PF_KEEPALIVE	0x4000	/* keep-alive rekey for the worker */
#define	TCP_ENO_PF_INWORK	0x8000	/* a worker is running tcp_output */
#define	TCP_ENO_PF_AUTOSIZE	0x10000	/* so_snd autosizing suspended */

MALLOC_DECLARE(M_TCPENO);

/* tcp_eno_sysctl.c: statistics, per-VNET state, errno mapping. */
VNET_PCPUSTAT_DECLARE(struct tcp_eno_stat, tcp_eno_stat);
#define	TCP_ENO_STAT_INC(f)						\
	VNET_PCPUSTAT_ADD(struct tcp_eno_stat, tcp_eno_stat, f, 1)
void	tcp_eno_count(enum tcp_eno_reason r);
void	tcp_eno_count_crypt(enum tcpcrypt_reason r);
void	tcp_eno_count_keyed(bool resumed);
void	tcp_eno_count_rekeys(uint64_t n);
uint64_t tcp_eno_test_rekey_frames(void);
int	tcp_eno_errclass_errno(enum tcp_eno_errclass c);
void	tcp_eno_sysconf_copy(struct tcp_eno_sysconf *out);
struct tcpcrypt_cache *tcp_eno_crypt_cache(void);
struct mtx *tcp_eno_crypt_cache_mtx(void);

/* tcp_eno.c and tcp_eno_usrreq.c (held bytes), for the other glue files. */
struct tcp_eno_pcb *tcp_eno_pcb_alloc(int how,
	    const struct tcp_eno_sysconf *sys);
bool	tcp_eno_offers_tcpcrypt(const struct tcp_eno_pcb *ep);
void	tcp_eno_hold_append(struct tcpcb *tp, struct tcp_eno_pcb *ep,
	    struct mbuf *m);
void	tcp_eno_hold_taken(struct tcpcb *tp, struct tcp_eno_pcb *ep,
	    u_int len);
void	tcp_eno_release_hold(struct tcpcb *tp, struct tcp_eno_pcb *ep);
void	tcp_eno_fail(struct tcpcb *tp, int error);

/* tcpcrypt.c, for the other glue files. */
int	tcpcrypt_kern_create(struct tcpcb *tp, struct tcp_eno_pcb *ep,
	    bool active);
int	tcpcrypt_kern_create_inc(struct tcp_eno_pcb *ep,
	    const struct in_conninfo *inc, bool active);
void	tcpcrypt_kern_start(struct tcpcb *tp, struct tcp_eno_pcb *ep);
void	tcpcrypt_kern_rcv(struct tcpcb *tp, struct tcp_eno_pcb *ep,
	    struct sockbuf *sb, struct mbuf *m);
void	tcpcrypt_kern_snd(struct tcpcb *tp, struct tcp_eno_pcb *ep,
	    struct mbuf *m, int flags, bool locked);
void	tcpcrypt_kern_pump(struct tcpcb *tp, struct tcp_eno_pcb *ep);
bool	tcpcrypt_kern_fin(struct tcpcb *tp, struct tcp_eno_pcb *ep);
void	tcpcrypt_kern_schedule(struct tcpcb *tp, struct tcp_eno_pcb *ep);
void	tcpcrypt_kern_destroy(struct tcp_eno_pcb *ep);
void	tcpcrypt_kern_fpu(struct tcp_eno_pcb *ep, bool enter);
void	tcpcrypt_kern_cache(struct tcp_eno_pcb *ep, bool lock);
int	tcpcrypt_kern_keepalive(struct tcpcb *tp, struct tcp_eno_pcb *ep);

#endif /* !_NETINET_TCP_ENO_PCB_H_ */
