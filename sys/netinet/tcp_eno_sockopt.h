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
 * ANY EXPRESS OR IMPLIED WARRANTIES ARE DISCLAIMED.  IN NO EVENT SHALL THE
 * AUTHOR OR CONTRIBUTORS BE LIABLE FOR ANY DAMAGES ARISING IN ANY WAY OUT
 * OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH
 * DAMAGE.
 */

/*
 * The TCP_ENO_* and TCP_CRYPT_* socket options as state rules: given a
 * socket's settings, its connection state and the negotiated values, what a
 * getsockopt(2) or setsockopt(2) at IPPROTO_TCP does.
 *
 * Follows draft-ietf-tcpinc-api sections 2.1 and 3.1 as mapped onto FreeBSD
 * by API.md sections 1-3 (numbers, limits, the project's decisions).  The
 * kernel glue (tcp_eno.c) copies values in and out and translates the
 * returned reason through the engine's errclass table into an errno.
 *
 * Portable engine code: no platform errno, no allocation, no locking.
 */
#ifndef _NETINET_TCP_ENO_SOCKOPT_H_
#define	_NETINET_TCP_ENO_SOCKOPT_H_

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"
#include "tcp_eno_policy.h"

/* Option names of API.md section 1; the patched <netinet/tcp.h> wins. */
#ifndef TCP_ENO_ENABLED
#define	TCP_ENO_ENABLED		2048
#define	TCP_ENO_SESSID		2049
#define	TCP_ENO_NEGTEP		2050
#define	TCP_ENO_TEPS		2051
#define	TCP_ENO_SELF_GOPT	2052
#define	TCP_ENO_PEER_GOPT	2053
#define	TCP_ENO_AA_MANDATORY	2054
#define	TCP_ENO_TEP_MANDATORY	2055
#define	TCP_ENO_ROLE		2056
#define	TCP_ENO_SELF_NAME	2057
#define	TCP_ENO_PEER_NAME	2058
#define	TCP_ENO_RAW		2059
#define	TCP_ENO_TRANSCRIPT	2060
#define	TCP_CRYPT_CONF		2064
#define	TCP_CRYPT_CACHE_FLUSH	2065
#define	TCP_CRYPT_ACONF		2066
#define	TCP_CRYPT_BCONF		2067
#endif

/*
 * Where the connection is, as the caller (kernel glue, test driver) knows
 * it.  API.md section 2 names three ENO states; the option rules also need
 * to know whether this host's SYN (or, on an accepted socket, its SYN-ACK)
 * has left, and whether a TEP is agreed before its keys exist.
 */
enum tcp_eno_sockstate {
	TCP_ENO_SS_IDLE,	/* nothing sent: settings may still change */
	TCP_ENO_SS_SYN_SENT,	/* SYN / SYN-ACK sent, negotiating */
	TCP_ENO_SS_NEGOTIATED,	/* both SYNs, TEP agreed, keys pending */
	TCP_ENO_SS_ENCRYPTING,	/* keys in use (raw mode: negotiated) */
	TCP_ENO_SS_DISABLED,	/* SYN sent, ENO off or failed: plain TCP */
	TCP_ENO_SS_SHUTDOWN	/* shut down or no longer valid */
};

/*
 * Negotiated values the read-only options report.  Filled by the glue from
 * the engine's outputs; only what the state makes readable is looked at.
 */
struct tcp_eno_negview {
	uint8_t		negtep;		/* TEP id | B's v bit */
	uint8_t		role;		/* 0: host A, 1: host B */
	uint8_t		peer_gopt;	/* 0-31 */
	uint8_t		sessid_len;
	uint8_t		sessid[TCP_ENO_MAX_SESSID];
	uint8_t		transcript_len;
	uint8_t		transcript[TCP_ENO_MAX_TRANSCRIPT];
	uint16_t	crypt_conf;	/* sym_cipher in use */
};

/* Per-socket settings (the RW options and CACHE_FLUSH's effect). */
struct tcp_eno_sockconf {
	const struct tcp_eno_impl *impl;
	int8_t		enabled;	/* -1, 0, 1 */
	uint8_t		self_gopt;	/* as written */
	uint8_t		aa_mandatory;
	uint8_t		tep_mandatory;
	uint8_t		passive;	/* listen(2) called or accepted */
	uint8_t		cache_nouse;	/* flushed before SYN (8548 3.5) */
	uint8_t		cache_flush;	/* flushed after SYN: glue acts */
	uint8_t		teps_len;
	uint8_t		teps[TCP_ENO_MAX_TEPS];
	uint8_t		raw_len;
	uint8_t		raw[TCP_ENO_MAX_RAW];
	uint8_t		aconf_len;
	uint8_t		aconf[TCP_CRYPT_MAX_CONF];
	uint8_t		bconf_len;
	uint8_t		bconf[TCP_CRYPT_MAX_CONF];
};

/* A fresh socket: defaults of API.md section 3, lists from the sysctls. */
void	tcp_eno_sockconf_init(struct tcp_eno_sockconf *so,
	    const struct tcp_eno_sysconf *sys);
/* listen(2): forces the passive-role bit (draft 2.1, TCP_ENO_SELF_GOPT). */
void	tcp_eno_sockconf_listen(struct tcp_eno_sockconf *so);
/* accept(2): the child inherits the listener's settings (API.md 2). */
void	tcp_eno_sockconf_inherit(struct tcp_eno_sockconf *child,
	    const struct tcp_eno_sockconf *listener);

/* What the engine needs from the settings. */
uint8_t	tcp_eno_sockconf_gopt(const struct tcp_eno_sockconf *so);
bool	tcp_eno_sockconf_raw(const struct tcp_eno_sockconf *so);
/* Effective TEP list, v bits cleared; returns its length. */
size_t	tcp_eno_sockconf_teps(const struct tcp_eno_sockconf *so,
	    uint8_t out[TCP_ENO_MAX_TEPS]);
/* ENO off by this socket's settings alone (ENABLED 0 or no TEP), not raw. */
bool	tcp_eno_sockconf_off(const struct tcp_eno_sockconf *so);

/*
 * setsockopt: val[0..len) for option name in state st.  Returns
 * TCP_ENO_R_NONE and updates so, or a reason and leaves so unchanged.
 * TCP_ENO_R_SOCKOPT_MANDATORY_ABORT (class aborted, action abort) asks the
 * caller to drop the connection.
 */
enum tcp_eno_reason tcp_eno_sockopt_set(struct tcp_eno_sockconf *so,
	    enum tcp_eno_sockstate st, int name, const void *val, size_t len);

/*
 * getsockopt: on entry *len is the size of buf, on success the size of the
 * value.  On failure nothing is copied and *len is unchanged.  nv may be
 * NULL unless st is NEGOTIATED or ENCRYPTING.
 */
enum tcp_eno_reason tcp_eno_sockopt_get(const struct tcp_eno_sockconf *so,
	    const struct tcp_eno_negview *nv, enum tcp_eno_sockstate st,
	    int name, void *buf, size_t *len);

/*
 * Bridges to the engine (tcp_eno_engine.h), so that the kernel glue and
 * the simulator only move values.  engine_conf fills tcp_eno_conn_init()'s
 * input from this socket and, for ENABLED = -1, the sysctls (API.md 4;
 * port: remote for an active open, local for a passive one) and returns
 * the policy's reason (TCP_ENO_R_NONE: ENO is attempted).  sockstate_of
 * maps the engine's status to the option rules' state: syn_sent once our
 * SYN (or SYN-ACK) left, keys_ready once the TEP's keys exist, shut once
 * the socket is shut down or the connection dropped.
 */
struct tcp_eno_conf;
struct tcp_eno_status;
enum tcp_eno_reason tcp_eno_sockconf_engine_conf(
	    const struct tcp_eno_sockconf *so,
	    const struct tcp_eno_sysconf *sys, uint16_t port,
	    struct tcp_eno_conf *out);
enum tcp_eno_sockstate tcp_eno_sockstate_of(const struct tcp_eno_status *es,
	    bool syn_sent, bool keys_ready, bool shut);

/* Option name by its number or its "TCP_ENO_..." spelling, for tools. */
const char *tcp_eno_sockopt_name(int name);
bool	tcp_eno_sockopt_lookup(const char *s, int *name);

#endif /* !_NETINET_TCP_ENO_SOCKOPT_H_ */
