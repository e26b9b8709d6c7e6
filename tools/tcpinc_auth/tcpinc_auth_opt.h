/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * tcpinc_auth: the TCP-ENO and tcpcrypt socket option names of
 * draft-ietf-tcpinc-api sections 2.1 and 3.1, for builds without a patched
 * <netinet/tcp.h> (the host, the simulator, an unpatched FreeBSD where the
 * calls then fail with ENOPROTOOPT).
 */

#ifndef TCPINC_AUTH_OPT_H
#define TCPINC_AUTH_OPT_H

/*
 * Socket option numbers, level IPPROTO_TCP (API.md section 1).  A patched
 * <netinet/tcp.h> or the engine's sys/netinet/tcp_eno_sockopt.h wins if it
 * was included first.  The block is the complete list under the same guard
 * as the engine's, so the include order never leaves a name undefined;
 * tests/auth/auth_optnums.c checks the values are the same.
 */
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
#ifndef TCP_ENO_MAX_SESSID
#define	TCP_ENO_MAX_SESSID	64
#endif
#ifndef TCP_ENO_MAX_NAME
#define	TCP_ENO_MAX_NAME	65
#endif

#endif /* !TCPINC_AUTH_OPT_H */
