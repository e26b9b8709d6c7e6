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
 * tcpcrypt (RFC 8548) between the socket buffers and TCP, as kernel TLS
 * does for its send path: the sans-I/O engine (tcpcrypt_engine.h) turns
 * application bytes into Init1/Init2 and frames (3.3, 3.6, 4.2) that are
 * appended to so_snd, so TCP's sequence space covers ciphertext and
 * retransmissions resend it unchanged; in-order TCP payload is fed to the
 * engine and only authenticated plaintext reaches so_rcv (D7: any AEAD
 * failure aborts, nothing of the frame is delivered).
 *
 * Every call that may run crypto-core runs between fpu_kern_enter() and
 * fpu_kern_leave(): crypto-core's kernel build uses SSE/AES-NI/PCLMULQDQ
 * (DESIGN.md), as aesni(4) does.  Each connection owns an FPU context so
 * the section may allocate (M_NOWAIT) and need not be a critical section.
 *
 * Kernel stack: crypto-core is deep.  tools/kernel-check/stack-depth.py,
 * run on the linked object by kernel-check, finds (worst case, our code
 * included, kernel functions not): key agreement about 15 KiB below
 * tcpcrypt_handle_stream_bytes (X25519 kx_agree on curve25519-dalek's AVX2
 * Edwards code, lookup tables of 5 KiB, then crypto-core zeroing that much
 * stack; P-521 about 12 KiB), as much below tcpcrypt_handle_negotiated
 * (kx_init), and about 7 KiB below the socket-layer entries that seal
 * frames (a rekey keys the AEAD there, and zeroes 6 KiB after).  An amd64
 * kernel thread has 16 KiB
 * (KSTACK_PAGES 4), part of it taken by the PCB and XSAVE area, and the
 * input path is already deep when it reaches us: a netisr or interrupt
 * thread, or, on loopback, a sender's own tcp_output -> if_simloop ->
 * ip_input -> tcp_input.  So, as kernel TLS does with its worker threads,
 * tcp_input, tcp_output and the timers never call crypto-core: they queue
 * the connection (an inpcb reference, in_pcbref(9)) to worker threads
 * created with TCPCRYPT_WORKER_PAGES of stack.  A worker re-locks the
 * inpcb, re-checks it (dropped, freed, tcpcb gone), runs the engine
 * (tcpcrypt_handle_negotiated, the queued ciphertext, the FIN, the send
 * pump), then calls tcp_output or drops the connection with RST.  Only
 * the socket layer (send(2), shutdown(2), setsockopt(2): a shallow
 * syscall stack) still seals frames in the calling thread.
 *
 * Received bytes wait in ep_rxq for the worker; socantrcvmore() of a
 * peer's FIN waits too (tcp_eno_input_fin() returns true), until the
 * engine's tcpcrypt_eof() (3.7), so a reader never sees EOF before the
 * plaintext that precedes the FIN.
 *
 * Randomness (private scalars, nonces) comes from arc4random_buf(9); time
 * for the resumption cache from getsbinuptime().  Secrets live only in the
 * engine's state, which tcpcrypt_conn_destroy() wipes.
 */

#include <sys/cdefs.h>
#include "opt_inet.h"
#include "opt_inet6.h"

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/kthread.h>
#include <sys/lock.h>
#include <sys/malloc.h>
#include <sys/mbuf.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/protosw.h>
#include <sys/queue.h>
#include <sys/smp.h>
#include <sys/socket.h>
#include <sys/socketvar.h>
#include <sys/time.h>

#include <net/vnet.h>

#include <netinet/in.h>
#include <netinet/in_pcb.h>
#include <netinet/tcp.h>
#include <netinet/tcp_fsm.h>
#include <netinet/tcp_seq.h>
#include <netinet/tcp_var.h>

#if defined(__amd64__)
#include <machine/fpu.h>
#endif

#include <netinet/tcp_eno.h>
#include <netinet/tcp_eno_var.h>
#include <netinet/tcp_eno_pcb.h>

MALLOC_DEFINE(M_TCPCRYPT, "tcpcrypt", "tcpcrypt engine state");

/*
 * Worker stack: the 15 KiB measured below our deepest engine entry, the
 * TCP/IP output path the worker calls afterwards, and the PCB and XSAVE
 * area at the top of the stack, with room to spare: 32 KiB.
 */
#define	TCPCRYPT_WORKER_PAGES	8
#define	TCPCRYPT_WORKERS_MAX	8

/* One queued visit of a connection; holds a reference on its inpcb. */
struct tcpcrypt_job {
	STAILQ_ENTRY(tcpcrypt_job) tj_link;
	struct inpcb		*tj_inp;
};

static struct mtx tcpcrypt_wq_mtx;
static STAILQ_HEAD(, tcpcrypt_job) tcpcrypt_wq =
    STAILQ_HEAD_INITIALIZER(tcpcrypt_wq);
static struct proc *tcpcrypt_proc;

static void	tcpcrypt_kern_feed(struct tcpcb *tp, struct tcp_eno_pcb *ep);

/* Called by crypto-core's panic handler (kernel build); never returns. */
void	tcpcrypt_core_panic(const char *msg, size_t len);

void
tcpcrypt_core_panic(const char *msg, size_t len)
{

	panic("crypto-core: %.*s", (int)len, msg);
}

static void *
tcpcrypt_kern_alloc(void *arg __unused, size_t size)
{

	return (malloc(size, M_TCPCRYPT, M_NOWAIT | M_ZERO));
}

static void
tcpcrypt_kern_free(void *arg __unused, void *ptr, size_t size)
{

	if (ptr == NULL)
		return;
	explicit_bzero(ptr, size);
	free(ptr, M_TCPCRYPT);
}

static const struct tcpcrypt_allocator tcpcrypt_kern_allocator = {
	.alloc = tcpcrypt_kern_alloc,
	.free = tcpcrypt_kern_free,
	.arg = NULL,
};

static void
tcpcrypt_kern_random(void *arg __unused, uint8_t *buf, size_t len)
{

	arc4random_buf(buf, len);
}

static uint64_t
tcpcrypt_kern_now_ms(void)
{

	return (sbttoms(getsbinuptime()));
}

/*
 * The FPU section every call that may reach crypto-core runs in: engine
 * calls here, and ENO engine calls whose TEP callbacks get our tcpcrypt
 * connection (resumption suboptions, tcp_eno.c).  No context, no section:
 * without a tcpcrypt connection nothing reaches crypto-core.
 */
void
tcpcrypt_kern_fpu(struct tcp_eno_pcb *ep, bool enter)
{

#if defined(__amd64__)
	if (ep->ep_fpu == NULL)
		return;
	if (enter)
		fpu_kern_enter(curthread, ep->ep_fpu, FPU_KERN_NORMAL);
	else
		fpu_kern_leave(curthread, ep->ep_fpu);
#endif
}

/* The VNET's resumption cache, when this connection uses it. */
void
tcpcrypt_kern_cache(struct tcp_eno_pcb *ep, bool lock)
{

	if (ep->ep_cachemtx == NULL)
		return;
	if (lock)
		mtx_lock(ep->ep_cachemtx);
	else
		mtx_unlock(ep->ep_cachemtx);
}

#define	tcpcrypt_fpu_enter(ep)	tcpcrypt_kern_fpu((ep), true)
#define	tcpcrypt_fpu_leave(ep)	tcpcrypt_kern_fpu((ep), false)

/* TEP registration with the ENO engine, once for the whole kernel. */
static void
tcpcrypt_kern_init(void *arg __unused)
{
	enum tcpcrypt_reason r;

	r = tcpcrypt_register_teps(NULL);
	if (r != TCPCRYPT_R_NONE)
		printf("tcpcrypt: TEP registration failed (%s)\n",
		    tcpcrypt_reason_name(r));
}
SYSINIT(tcpcrypt_kern_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_THIRD,
    tcpcrypt_kern_init, NULL);

/*
 * Cache key (D12): the peer's address and the service port (the peer's
 * port when we connected, our own when we accepted), so that a client's
 * next connection from another ephemeral port finds its chain on the
 * passive side too.  Both sides of a host key the same way: connections
 * accepted earlier stored their chains under this key.
 */
static size_t
tcpcrypt_peer_id(const struct in_conninfo *inc, bool active, uint8_t *out,
    size_t cap)
{
	size_t n = 0;

	KASSERT(cap >= sizeof(struct in6_addr) + sizeof(uint16_t),
	    ("%s: cap %zu", __func__, cap));
#ifdef INET6
	if (inc->inc_flags & INC_ISIPV6) {
		memcpy(out, &inc->inc6_faddr, sizeof(struct in6_addr));
		n = sizeof(struct in6_addr);
	} else
#endif
	{
		memcpy(out, &inc->inc_faddr, sizeof(struct in_addr));
		n = sizeof(struct in_addr);
	}
	memcpy(out + n, active ? &inc->inc_fport : &inc->inc_lport,
	    sizeof(uint16_t));
	return (n + sizeof(uint16_t));
}

int
tcpcrypt_kern_create(struct tcpcb *tp, struct tcp_eno_pcb *ep, bool active)
{

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	return (tcpcrypt_kern_create_inc(ep, &tptoinpcb(tp)->inp_inc, active));
}

/*
 * The connection's tcpcrypt state, from its addresses only: a syncache
 * entry (listener read-locked) has no inpcb yet.
 */
int
tcpcrypt_kern_create_inc(struct tcp_eno_pcb *ep,
    const struct in_conninfo *inc, bool active)
{
	struct tcpcrypt_config cfg;
	enum tcpcrypt_reason r;

	if (ep->ep_crypt != NULL)
		return (0);
	memset(&cfg, 0, sizeof(cfg));
	cfg.alloc = &tcpcrypt_kern_allocator;
	cfg.random = tcpcrypt_kern_random;
	cfg.no_cache = ep->ep_conf.cache_nouse != 0;
	cfg.cache = cfg.no_cache ? NULL : tcp_eno_crypt_cache();
	cfg.peer_id_len = tcpcrypt_peer_id(inc, active, cfg.peer_id,
	    sizeof(cfg.peer_id));
	memcpy(cfg.aconf, ep->ep_conf.aconf, ep->ep_conf.aconf_len);
	cfg.aconf_len = ep->ep_conf.aconf_len;
	memcpy(cfg.bconf, ep->ep_conf.bconf, ep->ep_conf.bconf_len);
	cfg.bconf_len = ep->ep_conf.bconf_len;
	cfg.active = active;
	cfg.rekey_frames = tcp_eno_test_rekey_frames();
	cfg.now_ms = tcpcrypt_kern_now_ms();
#if defined(__amd64__)
	ep->ep_fpu = fpu_kern_alloc_ctx(FPU_KERN_NORMAL | FPU_KERN_NOWAIT);
	if (ep->ep_fpu == NULL) {
		tcp_eno_count_crypt(TCPCRYPT_R_NOMEM);
		return (ENOMEM);
	}
#endif
	if (cfg.cache != NULL)
		ep->ep_cachemtx = tcp_eno_crypt_cache_mtx();
	tcpcrypt_kern_cache(ep, true);
	r = tcpcrypt_conn_create(&cfg, &ep->ep_crypt);
	tcpcrypt_kern_cache(ep, false);
	if (r != TCPCRYPT_R_NONE) {
		tcp_eno_count_crypt(r);
		ep->ep_crypt = NULL;
		return (ENOMEM);
	}
	return (0);
}

void
tcpcrypt_kern_destroy(struct tcp_eno_pcb *ep)
{

	if (ep->ep_rxq != NULL) {
		m_freem(ep->ep_rxq);
		ep->ep_rxq = NULL;
		ep->ep_rxqlen = 0;
	}
	if (ep->ep_crypt != NULL) {
		tcpcrypt_kern_cache(ep, true);
		tcpcrypt_conn_destroy(ep->ep_crypt);
		tcpcrypt_kern_cache(ep, false);
		ep->ep_crypt = NULL;
	}
#if defined(__amd64__)
	if (ep->ep_fpu != NULL) {
		fpu_kern_free_ctx(ep->ep_fpu);
		ep->ep_fpu = NULL;
	}
#endif
}

/* A fatal engine reason: count, remember the errno (D8), abort later. */
static void
tcpcrypt_kern_error(struct tcpcb *tp, enum tcpcrypt_reason r)
{
	int error;

	tcp_eno_count_crypt(r);
	if (!tcpcrypt_reason_fatal(r))
		return;
	switch (tcpcrypt_reason_errclass(r)) {
	case TCP_ENO_EC_INTEGRITY:
		error = EINTEGRITY;
		break;
	case TCP_ENO_EC_PROTOCOL:
		error = EPROTO;
		break;
	case TCP_ENO_EC_ABORTED:
		error = ECONNABORTED;
		break;
	default:
		error = ECONNRESET;
		break;
	}
	tcp_eno_fail(tp, error);
}

/*
 * ENO negotiated a tcpcrypt TEP (RFC 8547 4.6), in tcp_input or
 * tcp_output: from now on the stream is transformed (TCP_ENO_PF_CRYPT:
 * received bytes are queued, written bytes held), and the engine starts in
 * a worker, where key generation has the stack it needs.
 */
void
tcpcrypt_kern_start(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	ep->ep_flags |= TCP_ENO_PF_CRYPT;
	tcpcrypt_kern_schedule(tp, ep);
}

/*
 * Worker: ENO negotiated a tcpcrypt TEP (RFC 8547 4.6): the engine makes
 * host A's key pair and Init1 (RFC 8548 3.3); what the application wrote
 * meanwhile is handed to it, to leave encrypted once the keys exist.
 */
static void
tcpcrypt_kern_negotiated(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{
	struct tcpcrypt_negotiated neg;
	struct tcp_eno_status st;
	enum tcpcrypt_reason r;
	uint8_t transcript[TCP_ENO_MAX_TRANSCRIPT];
	size_t tlen;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	tcp_eno_conn_status(&ep->ep_conn, &st);
	if (tcp_eno_conn_transcript(&ep->ep_conn, transcript,
	    sizeof(transcript), &tlen) != TCP_ENO_R_NONE) {
		tcpcrypt_kern_error(tp, TCPCRYPT_R_BAD_STATE);
		tcp_eno_fail(tp, ECONNABORTED);
		return;
	}
	memset(&neg, 0, sizeof(neg));
	neg.role = st.est_role;
	neg.tep_byte = st.est_negtep;
	neg.simultaneous = st.est_simultaneous;
	neg.transcript = transcript;
	neg.transcript_len = tlen;
	neg.now_ms = tcpcrypt_kern_now_ms();
	tcpcrypt_kern_cache(ep, true);
	tcpcrypt_fpu_enter(ep);
	r = tcpcrypt_handle_negotiated(ep->ep_crypt, &neg);
	tcpcrypt_fpu_leave(ep);
	tcpcrypt_kern_cache(ep, false);
	if (r != TCPCRYPT_R_NONE) {
		tcpcrypt_kern_error(tp, r);
		tcp_eno_fail(tp, ECONNABORTED);
		return;
	}
	ep->ep_flags |= TCP_ENO_PF_STARTED;
	tcp_eno_count_keyed(tcpcrypt_resumed(ep->ep_crypt));
	tp->t_flags |= TF_ACKNOW;
}

/* Engine output to so_snd; called with the inpcb locked, sockbuf not. */
void
tcpcrypt_kern_pump(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{
	struct socket *so = tptosocket(tp);
	struct mbuf *m, *top, **mp;
	enum tcpcrypt_reason r;
	uint64_t local, remote;
	size_t len;
	int flags;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (ep->ep_crypt == NULL || (ep->ep_flags & TCP_ENO_PF_FAILED) ||
	    (ep->ep_flags & TCP_ENO_PF_STARTED) == 0)
		return;
	top = NULL;
	mp = &top;
	for (;;) {
		/* Frames leave as the engine makes room for held bytes. */
		tcpcrypt_kern_feed(tp, ep);
		m = m_getcl(M_NOWAIT, MT_DATA, 0);
		if (m == NULL) {
			tcpcrypt_kern_error(tp, TCPCRYPT_R_NOMEM);
			tcp_eno_fail(tp, ENOBUFS);
			break;
		}
		tcpcrypt_fpu_enter(ep);
		r = tcpcrypt_poll_transmit(ep->ep_crypt, mtod(m, uint8_t *),
		    MCLBYTES, &len, &flags);
		tcpcrypt_fpu_leave(ep);
		if (r != TCPCRYPT_R_NONE || len == 0) {
			m_free(m);
			if (r != TCPCRYPT_R_NONE)
				tcpcrypt_kern_error(tp, r);
			break;
		}
		m->m_len = len;
		*mp = m;
		mp = &m->m_next;
	}
	tcpcrypt_generations(ep->ep_crypt, &local, &remote);
	if (local > ep->ep_gen) {
		tcp_eno_count_rekeys(local - ep->ep_gen);
		ep->ep_gen = local;
	}
	if (top == NULL)
		return;
	if (SOCKBUF_OWNED(&so->so_snd))
		sbappendstream_locked(&so->so_snd, top, 0);
	else
		sbappendstream(&so->so_snd, top, 0);
}

/*
 * Feed held application bytes (ep_hold, in write order) to the engine as
 * far as its queue takes them; what it refuses stays held, never sent in
 * the clear (RFC 8548 3.3).  The engine keeps bytes written before the
 * keys exist and frames them once Init1/Init2 are done.  After the last
 * held byte, a pending application close becomes the FINp frame (3.7).
 */
static void
tcpcrypt_kern_feed(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{
	enum tcpcrypt_reason r;
	struct mbuf *m;
	size_t used;

	r = TCPCRYPT_R_NONE;
	while ((m = ep->ep_hold) != NULL) {
		if (m->m_len == 0) {
			ep->ep_hold = m_free(m);
			continue;
		}
		tcpcrypt_fpu_enter(ep);
		r = tcpcrypt_handle_app_data(ep->ep_crypt, mtod(m, uint8_t *),
		    m->m_len, 0, &used);
		tcpcrypt_fpu_leave(ep);
		if (r != TCPCRYPT_R_NONE || used == 0)
			break;
		m_adj(m, used);
		tcp_eno_hold_taken(tp, ep, used);
	}
	if (r == TCPCRYPT_R_NONE && ep->ep_hold == NULL &&
	    (ep->ep_flags & (TCP_ENO_PF_APPCLOSE | TCP_ENO_PF_CLOSED)) ==
	    TCP_ENO_PF_APPCLOSE) {
		r = tcpcrypt_handle_app_close(ep->ep_crypt);
		ep->ep_flags |= TCP_ENO_PF_CLOSED;
	}
	if (r != TCPCRYPT_R_NONE) {
		tcpcrypt_kern_error(tp, r);
		tcp_eno_fail(tp, ECONNABORTED);
	}
}

/*
 * Application bytes (m) or, with m == NULL, the application's close of
 * its sending side: queued behind what is held, fed to the engine, and
 * the resulting frames moved to so_snd at once so that TCP's FIN follows
 * the FINp frame.  PRUS_OOB marks the last byte urgent (D13) when the
 * engine takes the write whole; a write that has to wait loses the mark.
 * Called from the socket layer only (a shallow syscall stack), so frames
 * are sealed here; before the worker started the engine, bytes are held.
 */
void
tcpcrypt_kern_snd(struct tcpcb *tp, struct tcp_eno_pcb *ep, struct mbuf *m,
    int flags, bool locked __unused)
{
	enum tcpcrypt_reason r;
	size_t len, used;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (m == NULL)
		ep->ep_flags |= TCP_ENO_PF_APPCLOSE;
	else if ((flags & PRUS_OOB) && ep->ep_hold == NULL && m->m_next == NULL &&
	    (ep->ep_flags & TCP_ENO_PF_STARTED) && (len = m->m_len) > 0) {
		tcpcrypt_fpu_enter(ep);
		r = tcpcrypt_handle_app_data(ep->ep_crypt, mtod(m, uint8_t *),
		    len, TCPCRYPT_APP_URGENT, &used);
		tcpcrypt_fpu_leave(ep);
		if (r != TCPCRYPT_R_NONE) {
			m_freem(m);
			tcpcrypt_kern_error(tp, r);
			tcp_eno_fail(tp, ECONNABORTED);
			return;
		}
		m_adj(m, used);
		tcp_eno_hold_append(tp, ep, m);
	} else
		tcp_eno_hold_append(tp, ep, m);
	tcpcrypt_kern_pump(tp, ep);
}

/* Decrypted bytes to so_rcv (locked by the caller). */
static int
tcpcrypt_kern_deliver(struct tcpcb *tp, struct tcp_eno_pcb *ep,
    struct sockbuf *sb)
{
	struct socket *so = tptosocket(tp);
	struct mbuf *m;
	enum tcpcrypt_reason r;
	uint64_t urg;
	size_t len;

	for (;;) {
		m = m_getcl(M_NOWAIT, MT_DATA, 0);
		if (m == NULL)
			return (ENOBUFS);
		tcpcrypt_fpu_enter(ep);
		r = tcpcrypt_poll_plaintext(ep->ep_crypt, mtod(m, uint8_t *),
		    MCLBYTES, &len);
		tcpcrypt_fpu_leave(ep);
		if (r != TCPCRYPT_R_NONE || len == 0) {
			m_free(m);
			if (r != TCPCRYPT_R_NONE)
				tcpcrypt_kern_error(tp, r);
			break;
		}
		m->m_len = len;
		ep->ep_rcvoff += len;
		if (sb->sb_state & SBS_CANTRCVMORE)
			m_freem(m);
		else
			sbappendstream_locked(sb, m, 0);
	}
	/* D13: URGp marks the stream; the TCP URG flag is ignored. */
	if (tcpcrypt_poll_urgent(ep->ep_crypt, &urg) && urg < ep->ep_rcvoff) {
		so->so_oobmark = sbavail(sb) - (ep->ep_rcvoff - urg);
		sohasoutofband(so);
	}
	return (0);
}

/*
 * tcp_input (so_rcv locked): in-order TCP payload of an encrypted
 * connection waits in ep_rxq for the worker, which decrypts it into so_rcv.
 * ep_rxqlen keeps it in the receive window's accounting.
 */
void
tcpcrypt_kern_rcv(struct tcpcb *tp, struct tcp_eno_pcb *ep,
    struct sockbuf *sb, struct mbuf *m)
{
	struct mbuf *n;
	u_int len;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	SOCKBUF_LOCK_ASSERT(sb);
	for (len = 0, n = m; n != NULL; n = n->m_next)
		len += n->m_len;
	if (ep->ep_flags & TCP_ENO_PF_FAILED) {
		m_freem(m);
		return;
	}
	if (ep->ep_rxq == NULL)
		ep->ep_rxq = m;
	else
		m_cat(ep->ep_rxq, m);
	ep->ep_rxqlen += len;
	tcpcrypt_kern_schedule(tp, ep);
}

/* Worker: queued in-order TCP payload (any segmentation) into the engine. */
static void
tcpcrypt_kern_rcv_now(struct tcpcb *tp, struct tcp_eno_pcb *ep,
    struct sockbuf *sb, struct mbuf *m)
{
	enum tcpcrypt_reason r;
	struct mbuf *n;
	size_t off, used;
	bool stalled;

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	SOCKBUF_LOCK_ASSERT(sb);
	r = TCPCRYPT_R_NONE;
	for (n = m; n != NULL && r == TCPCRYPT_R_NONE &&
	    (ep->ep_flags & TCP_ENO_PF_FAILED) == 0; n = n->m_next) {
		stalled = false;
		for (off = 0; off < (size_t)n->m_len; off += used) {
			tcpcrypt_fpu_enter(ep);
			r = tcpcrypt_handle_stream_bytes(ep->ep_crypt,
			    mtod(n, uint8_t *) + off, n->m_len - off, &used);
			tcpcrypt_fpu_leave(ep);
			if (r != TCPCRYPT_R_NONE) {
				tcpcrypt_kern_error(tp, r);
				break;
			}
			/* Draining plaintext is what relieves backpressure. */
			if (tcpcrypt_kern_deliver(tp, ep, sb) != 0) {
				tcp_eno_fail(tp, ENOBUFS);
				break;
			}
			if (used == 0 && stalled) {
				tcpcrypt_kern_error(tp, TCPCRYPT_R_NOMEM);
				tcp_eno_fail(tp, ENOBUFS);
				break;
			}
			stalled = (used == 0);
		}
	}
	m_freem(m);
	/* Init2, rekey answers and the like leave with the worker's output. */
	tp->t_flags |= TF_ACKNOW;
}

/*
 * tcp_input, peer's FIN: EOF only after a FINp frame (3.7), and only after
 * the worker decrypted every byte before the FIN.  Returns true when the
 * worker will call socantrcvmore().
 */
bool
tcpcrypt_kern_fin(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if (ep->ep_flags & TCP_ENO_PF_FAILED)
		return (false);
	ep->ep_flags |= TCP_ENO_PF_RXFIN;
	tcpcrypt_kern_schedule(tp, ep);
	return ((ep->ep_flags & TCP_ENO_PF_FAILED) == 0);
}

/*
 * Worker: the FIN, after every queued byte went through the engine.
 * TCP_ENO_PF_RXFIN stays set until tcpcrypt_kern_work() sees
 * tcpcrypt_eof(): a frame held for our rekey answer (RFC 8548 3.8) opens
 * only at the next poll_transmit, and EOF needs its FINp (3.7).  Calling
 * tcpcrypt_handle_fin() again on a later visit is harmless: it answers
 * TCPCRYPT_R_NONE while the frame is held or once EOF is known.
 */
static void
tcpcrypt_kern_fin_now(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{
	enum tcpcrypt_reason r;

	tcpcrypt_fpu_enter(ep);
	r = tcpcrypt_handle_fin(ep->ep_crypt);
	tcpcrypt_fpu_leave(ep);
	if (r != TCPCRYPT_R_NONE)
		tcpcrypt_kern_error(tp, r);
}

/* D10 (callout): a keep-alive probe starts a rekey with an empty frame. */
int
tcpcrypt_kern_keepalive(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{

	INP_WLOCK_ASSERT(tptoinpcb(tp));
	if ((ep->ep_flags & TCP_ENO_PF_STARTED) == 0)
		return (EALREADY);
	/* The rekey derives keys (aead_init): a worker's job. */
	ep->ep_flags |= TCP_ENO_PF_KEEPALIVE;
	tcpcrypt_kern_schedule(tp, ep);
	return (0);
}

/* Worker: the keep-alive's rekey and its empty frame (D10, 3.9). */
static void
tcpcrypt_kern_keepalive_now(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{
	enum tcpcrypt_reason r;

	ep->ep_flags &= ~TCP_ENO_PF_KEEPALIVE;
	tcpcrypt_fpu_enter(ep);
	r = tcpcrypt_handle_keepalive(ep->ep_crypt);
	tcpcrypt_fpu_leave(ep);
	/* One empty-frame rekey outstanding at a time (3.8): not fatal. */
	if (r != TCPCRYPT_R_NONE)
		tcpcrypt_kern_error(tp, r);
}

/* ------------------------------------------------------------- workers */

/*
 * Queue the connection for a worker, once: a queued job covers whatever
 * the connection has to do when the worker gets to it.  The job holds an
 * inpcb reference so the memory outlives a close in between; the worker
 * finds out whether the connection still exists.  No memory for the job:
 * the connection fails (RST), never continues unencrypted.
 */
void
tcpcrypt_kern_schedule(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{
	struct inpcb *inp = tptoinpcb(tp);
	struct tcpcrypt_job *j;

	INP_WLOCK_ASSERT(inp);
	if (ep->ep_flags & (TCP_ENO_PF_QUEUED | TCP_ENO_PF_FAILED))
		return;
	j = malloc(sizeof(*j), M_TCPCRYPT, M_NOWAIT);
	if (j == NULL || tcpcrypt_proc == NULL) {
		free(j, M_TCPCRYPT);
		tcpcrypt_kern_error(tp, TCPCRYPT_R_NOMEM);
		tcp_eno_fail(tp, ENOBUFS);
		return;
	}
	in_pcbref(inp);
	j->tj_inp = inp;
	ep->ep_flags |= TCP_ENO_PF_QUEUED;
	mtx_lock(&tcpcrypt_wq_mtx);
	STAILQ_INSERT_TAIL(&tcpcrypt_wq, j, tj_link);
	wakeup_one(&tcpcrypt_wq);
	mtx_unlock(&tcpcrypt_wq_mtx);
}

/*
 * Everything the input and output paths left for us, in stream order:
 * start the engine, decrypt the queued bytes into so_rcv, the peer's FIN,
 * frames to so_snd, then the plaintext of a frame the engine opened
 * during poll_transmit and, once tcpcrypt_eof() says the FINp frame was
 * read (RFC 8548 3.7), the end of file.  A fatal reason instead sets
 * TCP_ENO_PF_FAILED and the job drops the connection with its errno.
 */
static void
tcpcrypt_kern_work(struct tcpcb *tp, struct tcp_eno_pcb *ep)
{
	struct socket *so = tptosocket(tp);
	struct mbuf *m;
	int error;

	if ((ep->ep_flags & TCP_ENO_PF_STARTED) == 0)
		tcpcrypt_kern_negotiated(tp, ep);
	if (ep->ep_flags & TCP_ENO_PF_FAILED)
		return;
	if ((m = ep->ep_rxq) != NULL) {
		ep->ep_rxq = NULL;
		ep->ep_rxqlen = 0;
		SOCK_RECVBUF_LOCK(so);
		tcpcrypt_kern_rcv_now(tp, ep, &so->so_rcv, m);
		sorwakeup_locked(so);
	}
	if ((ep->ep_flags & (TCP_ENO_PF_RXFIN | TCP_ENO_PF_FAILED)) ==
	    TCP_ENO_PF_RXFIN)
		tcpcrypt_kern_fin_now(tp, ep);
	if ((ep->ep_flags & (TCP_ENO_PF_KEEPALIVE | TCP_ENO_PF_FAILED)) ==
	    TCP_ENO_PF_KEEPALIVE)
		tcpcrypt_kern_keepalive_now(tp, ep);
	tcpcrypt_kern_pump(tp, ep);
	if (ep->ep_flags & TCP_ENO_PF_FAILED)
		return;
	/*
	 * A frame held for our rekey answer (RFC 8548 3.8) opened in the
	 * pump's poll_transmit: its plaintext goes to so_rcv now, not after
	 * SBS_CANTRCVMORE, where tcpcrypt_kern_deliver() would free it.
	 */
	SOCK_RECVBUF_LOCK(so);
	error = tcpcrypt_kern_deliver(tp, ep, &so->so_rcv);
	sorwakeup_locked(so);
	if (error != 0) {
		tcp_eno_fail(tp, error);
		return;
	}
	if ((ep->ep_flags & (TCP_ENO_PF_RXFIN | TCP_ENO_PF_FAILED)) ==
	    TCP_ENO_PF_RXFIN && tcpcrypt_eof(ep->ep_crypt)) {
		ep->ep_flags &= ~TCP_ENO_PF_RXFIN;
		socantrcvmore(so);
	}
}

/*
 * One job: re-lock, drop our reference, re-check that the connection is
 * still there and still ours, work, then send or reset.
 */
static void
tcpcrypt_kern_job(struct inpcb *inp)
{
	struct epoch_tracker et;
	struct tcp_eno_pcb *ep;
	struct tcpcb *tp;
	int error, rv;

	INP_WLOCK(inp);
	if (in_pcbrele_wlocked(inp))
		return;		/* freed, and unlocked */
	tp = intotcpcb(inp);
	if ((inp->inp_flags & INP_DROPPED) || tp == NULL ||
	    (ep = tp->t_eno) == NULL || inp->inp_socket == NULL) {
		INP_WUNLOCK(inp);
		return;
	}
	ep->ep_flags &= ~TCP_ENO_PF_QUEUED;
	CURVNET_SET(inp->inp_socket->so_vnet);
	NET_EPOCH_ENTER(et);
	tcpcrypt_kern_work(tp, ep);
	error = ep->ep_errno;
	/* A closing or closed connection has nothing more to send. */
	if ((ep->ep_flags & TCP_ENO_PF_FAILED) == 0 &&
	    tp->t_state != TCPS_CLOSED && tp->t_state != TCPS_TIME_WAIT) {
		/* Our own output must not queue us again (output_pump). */
		ep->ep_flags |= TCP_ENO_PF_INWORK;
		rv = tcp_output_nodrop(tp);
		ep->ep_flags &= ~TCP_ENO_PF_INWORK;
		error = rv < 0 ? -rv : 0;
		if ((ep->ep_flags & TCP_ENO_PF_FAILED) && error == 0)
			error = ep->ep_errno;
	}
	if ((ep->ep_flags & TCP_ENO_PF_FAILED) || error != 0) {
		/* RST and the errno of the failure (D8). */
		tp = tcp_drop(tp, error != 0 ? error : ECONNRESET);
		if (tp != NULL)
			INP_WUNLOCK(inp);
	} else
		INP_WUNLOCK(inp);
	NET_EPOCH_EXIT(et);
	CURVNET_RESTORE();
}

static void
tcpcrypt_worker(void *arg __unused)
{
	struct tcpcrypt_job *j;

	for (;;) {
		mtx_lock(&tcpcrypt_wq_mtx);
		while ((j = STAILQ_FIRST(&tcpcrypt_wq)) == NULL)
			mtx_sleep(&tcpcrypt_wq, &tcpcrypt_wq_mtx, 0, "tcpcwq",
			    0);
		STAILQ_REMOVE_HEAD(&tcpcrypt_wq, tj_link);
		mtx_unlock(&tcpcrypt_wq_mtx);
		tcpcrypt_kern_job(j->tj_inp);
		free(j, M_TCPCRYPT);
	}
}

/*
 * One worker per CPU, TCPCRYPT_WORKERS_MAX at most, in one kernel process
 * "tcpcrypt", each with a TCPCRYPT_WORKER_PAGES stack.  Without workers
 * no tcpcrypt connection can start: tcpcrypt_kern_schedule() fails them.
 */
static void
tcpcrypt_worker_start(void *arg __unused)
{
	struct thread *td;
	int error, i, n;

	mtx_init(&tcpcrypt_wq_mtx, "tcpcrypt_wq", NULL, MTX_DEF);
	n = MIN(mp_ncpus, TCPCRYPT_WORKERS_MAX);
	for (i = 0; i < n; i++) {
		error = kproc_kthread_add(tcpcrypt_worker, NULL,
		    &tcpcrypt_proc, &td, 0, TCPCRYPT_WORKER_PAGES, "tcpcrypt",
		    "tcpcrypt_%d", i);
		if (error != 0) {
			printf("tcpcrypt: worker %d not started (%d)\n", i,
			    error);
			break;
		}
	}
}
SYSINIT(tcpcrypt_worker_start, SI_SUB_KTHREAD_IDLE, SI_ORDER_ANY,
    tcpcrypt_worker_start, NULL);
