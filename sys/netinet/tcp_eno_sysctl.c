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
 * TCP-ENO (RFC 8547) and tcpcrypt (RFC 8548) kernel glue: the sysctl tree
 * net.inet.tcp.eno (API.md 4), the statistics (counter(9), one counter per
 * engine reason as STYLE.md asks), the per-VNET state and its setup and
 * teardown.  Parsing and printing of every value is the ENO-OPTS engine's
 * (tcp_eno_policy.h); this file owns the storage and its lock.
 *
 * Sysctls, all per VNET (API.md 4), strings parsed and printed by the
 * ENO-OPTS engine, a malformed write fails with EINVAL and changes nothing:
 *   net.inet.tcp.eno.teps              RW string "0x21,0x23"
 *   net.inet.tcp.eno.enable_connect    RW int    1
 *   net.inet.tcp.eno.enable_listen     RW int    1
 *   net.inet.tcp.eno.bad_connect_ports RW string ""
 *   net.inet.tcp.eno.bad_listen_ports  RW string ""
 *   net.inet.tcp.eno.crypt_aconf       RW string "0x0001,0x0002,0x0010"
 *   net.inet.tcp.eno.crypt_bconf       RW string "0x0010,0x0002,0x0001"
 *   net.inet.tcp.eno.stats             RD struct tcp_eno_stat (counter(9))
 *   net.inet.tcp.eno.reasons           RD uint64[] by enum tcp_eno_reason
 *   net.inet.tcp.eno.crypt_reasons     RD uint64[] by enum tcpcrypt_reason
 *   net.inet.tcp.eno.test_rekey_frames RW uint   0 (testing: D9 override)
 *
 * Locking: the VNET configuration has its own rwlock, taken after the
 * inpcb lock and never held across a sleep or a call out of this file.
 * The VNET's tcpcrypt resumption cache is shared by its connections and
 * the engine does not lock it: a mutex, taken after the inpcb lock, covers
 * every engine call that may read or change it (tcpcrypt_kern_cache()).
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
#include <sys/counter.h>
#include <sys/kernel.h>
#include <sys/lock.h>
#include <sys/malloc.h>
#include <sys/mutex.h>
#include <sys/rwlock.h>
#include <sys/socket.h>
#include <sys/sysctl.h>

#include <net/vnet.h>

#include <netinet/in.h>
#include <netinet/in_pcb.h>
#include <netinet/tcp.h>
#include <netinet/tcp_var.h>

#include <netinet/tcp_eno.h>
#include <netinet/tcp_eno_var.h>
#include <netinet/tcp_eno_pcb.h>
#include <netinet/tcp_eno_policy.h>

/* D12: resumption cache bound per VNET. */
#define	TCP_ENO_CACHE_ENTRIES	1024

struct tcp_eno_vnet {
	struct rwlock		 tev_lock;	/* tev_sys */
	struct tcp_eno_sysconf	 tev_sys;
	struct mtx		 tev_cache_mtx;	/* tev_cache, see below */
	struct tcpcrypt_cache	*tev_cache;	/* NULL: no resumption */
	bool			 tev_ready;
};

VNET_DEFINE_STATIC(struct tcp_eno_vnet, tcp_eno_vnet);
#define	V_tcp_eno_vnet		VNET(tcp_eno_vnet)

/* Bumped by TCP_ENO_STAT_INC() in every glue file (tcp_eno_pcb.h). */
VNET_PCPUSTAT_DEFINE(struct tcp_eno_stat, tcp_eno_stat);

VNET_DEFINE_STATIC(counter_u64_t, tcp_eno_reasons[TCP_ENO_R_COUNT]);
#define	V_tcp_eno_reasons	VNET(tcp_eno_reasons)
VNET_DEFINE_STATIC(counter_u64_t, tcp_eno_crypt_reasons[TCPCRYPT_R_COUNT]);
#define	V_tcp_eno_crypt_reasons	VNET(tcp_eno_crypt_reasons)

static SYSCTL_NODE(_net_inet_tcp, OID_AUTO, eno, CTLFLAG_RW | CTLFLAG_MPSAFE,
    0, "TCP-ENO (RFC 8547) and tcpcrypt (RFC 8548)");

SYSCTL_VNET_PCPUSTAT(_net_inet_tcp_eno, OID_AUTO, stats, struct tcp_eno_stat,
    tcp_eno_stat, "TCP-ENO statistics (struct tcp_eno_stat, netinet/tcp_eno.h)");
SYSCTL_COUNTER_U64_ARRAY(_net_inet_tcp_eno, OID_AUTO, reasons,
    CTLFLAG_RD | CTLFLAG_VNET, &VNET_NAME(tcp_eno_reasons)[0],
    TCP_ENO_R_COUNT, "Outcomes by TCP-ENO reason (enum tcp_eno_reason)");
SYSCTL_COUNTER_U64_ARRAY(_net_inet_tcp_eno, OID_AUTO, crypt_reasons,
    CTLFLAG_RD | CTLFLAG_VNET, &VNET_NAME(tcp_eno_crypt_reasons)[0],
    TCPCRYPT_R_COUNT, "Outcomes by tcpcrypt reason (enum tcpcrypt_reason)");

/* Count one engine outcome; reasons out of range are our own bug. */
void
tcp_eno_count(enum tcp_eno_reason r)
{

	KASSERT((unsigned)r < TCP_ENO_R_COUNT, ("%s: reason %d", __func__, r));
	if (V_tcp_eno_vnet.tev_ready && (unsigned)r < TCP_ENO_R_COUNT)
		counter_u64_add(V_tcp_eno_reasons[r], 1);
}

void
tcp_eno_count_crypt(enum tcpcrypt_reason r)
{

	KASSERT((unsigned)r < TCPCRYPT_R_COUNT, ("%s: reason %d", __func__, r));
	if (V_tcp_eno_vnet.tev_ready && (unsigned)r < TCPCRYPT_R_COUNT)
		counter_u64_add(V_tcp_eno_crypt_reasons[r], 1);
	switch (tcpcrypt_reason_errclass(r)) {
	case TCP_ENO_EC_INTEGRITY:
		TCP_ENO_STAT_INC(enos_auth_failed);
		break;
	case TCP_ENO_EC_PROTOCOL:
		TCP_ENO_STAT_INC(enos_protocol_err);
		break;
	default:
		break;
	}
}

void
tcp_eno_count_keyed(bool resumed)
{

	TCP_ENO_STAT_INC(enos_encrypting);
	if (resumed)
		TCP_ENO_STAT_INC(enos_resumed);
}

void
tcp_eno_count_rekeys(uint64_t n)
{

	VNET_PCPUSTAT_ADD(struct tcp_eno_stat, tcp_eno_stat, enos_rekeys, n);
}

/*
 * Testing knob, not part of API.md: frames per key generation, so that the
 * ATF suite can see rekeying (RFC 8548 3.8) under a bulk transfer.  0 keeps
 * D9's 2^24 frames.
 */
VNET_DEFINE_STATIC(u_int, tcp_eno_rekey_frames) = 0;
#define	V_tcp_eno_rekey_frames	VNET(tcp_eno_rekey_frames)
SYSCTL_UINT(_net_inet_tcp_eno, OID_AUTO, test_rekey_frames,
    CTLFLAG_VNET | CTLFLAG_RW, &VNET_NAME(tcp_eno_rekey_frames), 0,
    "Testing: frames per tcpcrypt key generation (0: 2^24, D9)");

uint64_t
tcp_eno_test_rekey_frames(void)
{

	return (V_tcp_eno_rekey_frames);
}

struct tcpcrypt_cache *
tcp_eno_crypt_cache(void)
{

	return (V_tcp_eno_vnet.tev_cache);
}

struct mtx *
tcp_eno_crypt_cache_mtx(void)
{

	return (&V_tcp_eno_vnet.tev_cache_mtx);
}

/* The one place an engine error class becomes a FreeBSD errno (D8). */
int
tcp_eno_errclass_errno(enum tcp_eno_errclass c)
{

	switch (c) {
	case TCP_ENO_EC_NONE:
		return (0);
	case TCP_ENO_EC_ISCONN:
		return (EISCONN);
	case TCP_ENO_EC_NOTCONN:
		return (ENOTCONN);
	case TCP_ENO_EC_INTEGRITY:
		return (EINTEGRITY);
	case TCP_ENO_EC_PROTOCOL:
		return (EPROTO);
	case TCP_ENO_EC_ABORTED:
		return (ECONNABORTED);
	case TCP_ENO_EC_REFUSED:
		return (ECONNREFUSED);
	case TCP_ENO_EC_INVALID:
	default:
		return (EINVAL);
	}
}

/* ---------------------------------------------------------------- sysctl */

void
tcp_eno_sysconf_copy(struct tcp_eno_sysconf *out)
{

	rw_rlock(&V_tcp_eno_vnet.tev_lock);
	*out = V_tcp_eno_vnet.tev_sys;
	rw_runlock(&V_tcp_eno_vnet.tev_lock);
}

/*
 * String knobs: read the canonical form, parse a write into a copy and
 * install it only if the whole value is valid (API.md 4).
 */
static int
sysctl_net_inet_tcp_eno_str(SYSCTL_HANDLER_ARGS)
{
	struct tcp_eno_vnet *tev = arg1;
	enum tcp_eno_sysctl knob = arg2;
	struct tcp_eno_sysconf tmp;
	enum tcp_eno_reason r;
	char buf[TCP_ENO_SYSCTL_STRMAX];
	size_t len;
	int error;

	rw_rlock(&tev->tev_lock);
	r = tcp_eno_sysctl_get_str(&tev->tev_sys, knob, buf, sizeof(buf),
	    &len);
	rw_runlock(&tev->tev_lock);
	if (r != TCP_ENO_R_NONE)
		return (tcp_eno_errclass_errno(tcp_eno_reason_errclass(r)));
	error = sysctl_handle_string(oidp, buf, sizeof(buf), req);
	if (error != 0 || req->newptr == NULL)
		return (error);
	rw_wlock(&tev->tev_lock);
	tmp = tev->tev_sys;
	r = tcp_eno_sysctl_set_str(&tmp, knob, buf, strnlen(buf, sizeof(buf)));
	if (r == TCP_ENO_R_NONE)
		tev->tev_sys = tmp;
	rw_wunlock(&tev->tev_lock);
	if (r != TCP_ENO_R_NONE) {
		tcp_eno_count(r);
		TCP_ENO_STAT_INC(enos_sysctl_err);
		return (EINVAL);
	}
	return (0);
}

static int
sysctl_net_inet_tcp_eno_int(SYSCTL_HANDLER_ARGS)
{
	struct tcp_eno_vnet *tev = arg1;
	enum tcp_eno_sysctl knob = arg2;
	struct tcp_eno_sysconf tmp;
	enum tcp_eno_reason r;
	int error, v;

	rw_rlock(&tev->tev_lock);
	r = tcp_eno_sysctl_get_int(&tev->tev_sys, knob, &v);
	rw_runlock(&tev->tev_lock);
	if (r != TCP_ENO_R_NONE)
		return (EINVAL);
	error = sysctl_handle_int(oidp, &v, 0, req);
	if (error != 0 || req->newptr == NULL)
		return (error);
	rw_wlock(&tev->tev_lock);
	tmp = tev->tev_sys;
	r = tcp_eno_sysctl_set_int(&tmp, knob, v);
	if (r == TCP_ENO_R_NONE)
		tev->tev_sys = tmp;
	rw_wunlock(&tev->tev_lock);
	if (r != TCP_ENO_R_NONE) {
		tcp_eno_count(r);
		TCP_ENO_STAT_INC(enos_sysctl_err);
		return (EINVAL);
	}
	return (0);
}

#define	TCP_ENO_SYSCTL_STR(name, knob, descr)				\
	SYSCTL_PROC(_net_inet_tcp_eno, OID_AUTO, name,			\
	    CTLFLAG_VNET | CTLTYPE_STRING | CTLFLAG_RW | CTLFLAG_MPSAFE,	\
	    &VNET_NAME(tcp_eno_vnet), (knob),				\
	    sysctl_net_inet_tcp_eno_str, "A", descr)
#define	TCP_ENO_SYSCTL_INT(name, knob, descr)				\
	SYSCTL_PROC(_net_inet_tcp_eno, OID_AUTO, name,			\
	    CTLFLAG_VNET | CTLTYPE_INT | CTLFLAG_RW | CTLFLAG_MPSAFE,	\
	    &VNET_NAME(tcp_eno_vnet), (knob),				\
	    sysctl_net_inet_tcp_eno_int, "I", descr)

TCP_ENO_SYSCTL_STR(teps, TCP_ENO_SYSCTL_TEPS,
    "TEPs offered by default, increasing preference (TCP_ENO_TEPS)");
TCP_ENO_SYSCTL_INT(enable_connect, TCP_ENO_SYSCTL_ENABLE_CONNECT,
    "Attempt TCP-ENO on active opens");
TCP_ENO_SYSCTL_INT(enable_listen, TCP_ENO_SYSCTL_ENABLE_LISTEN,
    "Attempt TCP-ENO on passive opens");
TCP_ENO_SYSCTL_STR(bad_connect_ports, TCP_ENO_SYSCTL_BAD_CONNECT_PORTS,
    "Remote ports never tried with TCP-ENO");
TCP_ENO_SYSCTL_STR(bad_listen_ports, TCP_ENO_SYSCTL_BAD_LISTEN_PORTS,
    "Local ports never tried with TCP-ENO");
TCP_ENO_SYSCTL_STR(crypt_aconf, TCP_ENO_SYSCTL_CRYPT_ACONF,
    "AEADs offered in tcpcrypt Init1 (TCP_CRYPT_ACONF)");
TCP_ENO_SYSCTL_STR(crypt_bconf, TCP_ENO_SYSCTL_CRYPT_BCONF,
    "AEADs host B chooses from, increasing preference (TCP_CRYPT_BCONF)");

/* ------------------------------------------------------------ lifecycle */

void
tcp_eno_vnet_init(void)
{
	struct tcp_eno_vnet *tev = &V_tcp_eno_vnet;
	enum tcpcrypt_reason cr;
	u_int i;

	rw_init(&tev->tev_lock, "tcp_eno_sysconf");
	mtx_init(&tev->tev_cache_mtx, "tcpcrypt_cache", NULL, MTX_DEF);
	tcp_eno_sysconf_init(&tev->tev_sys, NULL);
	VNET_PCPUSTAT_ALLOC(tcp_eno_stat, M_WAITOK);
	for (i = 0; i < TCP_ENO_R_COUNT; i++)
		V_tcp_eno_reasons[i] = counter_u64_alloc(M_WAITOK);
	for (i = 0; i < TCPCRYPT_R_COUNT; i++)
		V_tcp_eno_crypt_reasons[i] = counter_u64_alloc(M_WAITOK);
	cr = tcpcrypt_cache_create(NULL, TCP_ENO_CACHE_ENTRIES,
	    TCPCRYPT_CACHE_TTL_MS_DEFAULT, &tev->tev_cache);
	if (cr != TCPCRYPT_R_NONE) {
		/* Resumption off in this VNET; fresh key exchanges work. */
		tev->tev_cache = NULL;
		printf("tcp_eno: no tcpcrypt session cache (%s)\n",
		    tcpcrypt_reason_name(cr));
	}
	tev->tev_ready = true;
}

void
tcp_eno_vnet_destroy(void)
{
	struct tcp_eno_vnet *tev = &V_tcp_eno_vnet;
	u_int i;

	tev->tev_ready = false;
	if (tev->tev_cache != NULL) {
		/* Every tcpcb is gone (tcp_destroy waited): wipe ss[i]. */
		tcpcrypt_cache_destroy(tev->tev_cache);
		tev->tev_cache = NULL;
	}
	for (i = 0; i < TCPCRYPT_R_COUNT; i++)
		counter_u64_free(V_tcp_eno_crypt_reasons[i]);
	for (i = 0; i < TCP_ENO_R_COUNT; i++)
		counter_u64_free(V_tcp_eno_reasons[i]);
	VNET_PCPUSTAT_FREE(tcp_eno_stat);
	mtx_destroy(&tev->tev_cache_mtx);
	rw_destroy(&tev->tev_lock);
}
#endif /* _KERNEL */
