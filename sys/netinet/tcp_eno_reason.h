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
 * Reason codes of the TCP-ENO engine and of the ENO socket options,
 * sysctls and policy (ENO-OPTS), with the ONE table that maps each reason
 * to the error class an application sees and to what the connection does.
 *
 * Every rejection, fallback and abort has its own reason citing its RFC
 * 8547 / API.md clause, so that tests assert reasons and the kernel glue
 * counts them (one counter per reason).  The engine never returns an
 * errno: the glue turns the class into the platform's errno (D8 of
 * PROTOCOL.md: integrity -> EINTEGRITY, protocol -> EPROTO, ...).
 *
 * TCP_ENO_REASONS() is the table: reason, class, action, clause.  The enum
 * below and tcp_eno_reason.c's lookup table are both generated from it, so
 * a reason cannot exist without its class and action.
 */

#ifndef _NETINET_TCP_ENO_REASON_H_
#define	_NETINET_TCP_ENO_REASON_H_

#include "tcp_eno_compat.h"

/* Error class seen by the application (API.md 2, PROTOCOL.md D8). */
enum tcp_eno_errclass {
	TCP_ENO_EC_NONE,	/* not an error the application sees */
	TCP_ENO_EC_INVALID,	/* EINVAL */
	TCP_ENO_EC_ISCONN,	/* EISCONN */
	TCP_ENO_EC_NOTCONN,	/* ENOTCONN */
	TCP_ENO_EC_INTEGRITY,	/* EINTEGRITY */
	TCP_ENO_EC_PROTOCOL,	/* EPROTO */
	TCP_ENO_EC_ABORTED,	/* ECONNABORTED */
	TCP_ENO_EC_REFUSED,	/* ECONNREFUSED (what an RST'd peer sees) */
	TCP_ENO_EC_COUNT
};

/* What the connection does. */
enum tcp_eno_action {
	TCP_ENO_ACT_CONTINUE,	/* nothing changes (a refused call, a note) */
	TCP_ENO_ACT_FALLBACK,	/* ENO disabled, plain TCP (RFC 8547 4.6) */
	TCP_ENO_ACT_ABORT_RST,	/* connection aborted with RST */
	TCP_ENO_ACT_COUNT
};

#define	TCP_ENO_REASONS(X)						\
	X(TCP_ENO_R_NONE, NONE, CONTINUE, "success")			\
	/* Option codec, RFC 8547 4.1 and 4.4. */			\
	X(TCP_ENO_R_OPT_TOO_LONG, NONE, FALLBACK,			\
	    "8547 4.1: contents beyond 38 bytes of option space")	\
	X(TCP_ENO_R_LENBYTE_OVERRUN, NONE, FALLBACK,			\
	    "8547 4.4 (1): length byte runs past the option end")	\
	X(TCP_ENO_R_LENBYTE_FOLLOWER, NONE, FALLBACK,			\
	    "8547 4.4 (2): length byte followed by 0x00-0x9f")		\
	X(TCP_ENO_R_SYN_MULTIPLE, NONE, FALLBACK,			\
	    "8547 4.1: SYN with several ENO options counts as none")	\
	X(TCP_ENO_R_ENC_BAD_TEP, INVALID, CONTINUE,			\
	    "8547 4.1 Table 1: TEP identifier not in 0x20-0x7f")	\
	X(TCP_ENO_R_ENC_BAD_GOPT, INVALID, CONTINUE,			\
	    "8547 4.2: global suboption above 0x1f")			\
	X(TCP_ENO_R_ENC_DATA_LEN, INVALID, CONTINUE,			\
	    "8547 4.4: data of a non-last suboption not 1-32 bytes")	\
	X(TCP_ENO_R_ENC_TOO_MANY, INVALID, CONTINUE,			\
	    "8547 4.1: more suboptions than the option can hold")	\
	X(TCP_ENO_R_ENC_NO_ROOM, NONE, FALLBACK,			\
	    "8547 4.1: option does not fit the TCP option space left")	\
	/* Negotiation, RFC 8547 4.2-4.6. */				\
	X(TCP_ENO_R_LOCAL_OFF, NONE, FALLBACK,				\
	    "API.md 3/4: ENO not attempted on this connection")	\
	X(TCP_ENO_R_PEER_SYN_NO_ENO, NONE, FALLBACK,			\
	    "8547 4.6 (1): received SYN without ENO option")		\
	X(TCP_ENO_R_PEER_SYNACK_NO_ENO, NONE, FALLBACK,		\
	    "8547 4.6 (1): received SYN-ACK without ENO option")	\
	X(TCP_ENO_R_PEER_ACK_NO_ENO, NONE, FALLBACK,			\
	    "8547 4.6 (1): first received ACK without ENO option")	\
	X(TCP_ENO_R_ROLE_CONFLICT, NONE, FALLBACK,			\
	    "8547 4.3, 4.6 (3): both hosts sent the same b bit")	\
	X(TCP_ENO_R_AA_MANDATORY, NONE, FALLBACK,			\
	    "8547 4.2, 4.6 (3): peer a = 0, mandatory app-aware mode")	\
	X(TCP_ENO_R_VACUOUS, NONE, FALLBACK,				\
	    "8547 4.6: vacuous ENO option, no TEP suboption")		\
	X(TCP_ENO_R_NO_VALID_TEP, NONE, FALLBACK,			\
	    "8547 4.5, 4.6 (2): no valid TEP identifier")		\
	X(TCP_ENO_R_SYN_CHANGED, NONE, FALLBACK,			\
	    "8547 4.6: SYN-form option altered between SYN segments")	\
	X(TCP_ENO_R_SYN_COOKIE, NONE, FALLBACK,			\
	    "D14: SYN-ACK sent from a SYN cookie carries no ENO")	\
	X(TCP_ENO_R_TCP_MD5, NONE, FALLBACK,				\
	    "D15: no ENO on a TCP_MD5SIG socket")			\
	X(TCP_ENO_R_TEP_MANDATORY, ABORTED, ABORT_RST,			\
	    "API.md 3 TCP_ENO_TEP_MANDATORY, D8: active side aborts")	\
	X(TCP_ENO_R_TEP_MANDATORY_RST, REFUSED, ABORT_RST,		\
	    "API.md 3 TCP_ENO_TEP_MANDATORY, D8: passive side RST")	\
	/* SYN data, RFC 8547 4.7. */					\
	X(TCP_ENO_R_SYNDATA_OFF, INVALID, CONTINUE,			\
	    "8547 4.7: SYN data with ENO is off by default")		\
	X(TCP_ENO_R_SYNDATA_TFO, INVALID, CONTINUE,			\
	    "8547 4.7: a SYN with ENO carries no non-empty TFO option")	\
	X(TCP_ENO_R_SYNDATA_DROP_FAILED, NONE, CONTINUE,		\
	    "8547 4.7: SYN data discarded, ENO failed")		\
	X(TCP_ENO_R_SYNDATA_DROP_TEP, NONE, CONTINUE,			\
	    "8547 4.7: SYN data discarded, SYN TEP not negotiated")	\
	X(TCP_ENO_R_SYNDATA_DROP_UNDEF, NONE, CONTINUE,		\
	    "8547 4.7: SYN data discarded, TEP defines none")		\
	X(TCP_ENO_R_SYNDATA_DROP_TFO, NONE, CONTINUE,			\
	    "8547 4.7: SYN data discarded, non-empty TFO option")	\
	X(TCP_ENO_R_SYNDATA_ACKED_BAD_TEP, ABORTED, ABORT_RST,		\
	    "8547 4.7: our SYN data acked, SYN TEP not negotiated")	\
	X(TCP_ENO_R_SYNDATA_SYNACK_NO_ENO, ABORTED, ABORT_RST,		\
	    "8547 4.7: our SYN had data, SYN-ACK without ENO")		\
	/* TEP registry and engine API use (our own invariants). */	\
	X(TCP_ENO_R_REG_BAD_ID, INVALID, CONTINUE,			\
	    "8547 4.1 Table 1: TEP identifier not in 0x20-0x7f")	\
	X(TCP_ENO_R_REG_DUPLICATE, INVALID, CONTINUE,			\
	    "8547 4.5: one implementation per TEP identifier")		\
	X(TCP_ENO_R_REG_FULL, INVALID, CONTINUE,			\
	    "engine: TEP registry full")				\
	X(TCP_ENO_R_REG_UNKNOWN, INVALID, CONTINUE,			\
	    "engine: no such TEP registered")				\
	X(TCP_ENO_R_TEP_SUBOPT, NONE, FALLBACK,			\
	    "8547 4.4: a TEP produced unencodable suboption data")	\
	X(TCP_ENO_R_BAD_STATE, INVALID, CONTINUE,			\
	    "engine: event not valid in this state")			\
	X(TCP_ENO_R_BUF_SHORT, INVALID, CONTINUE,			\
	    "engine: caller's buffer too short")			\
	X(TCP_ENO_R_NOT_YET, NOTCONN, CONTINUE,			\
	    "API.md 2, 8547 5.1: negotiation not finished")		\
	X(TCP_ENO_R_NOT_ENABLED, INVALID, CONTINUE,			\
	    "API.md 2, 8547 5.1: no TEP negotiated")			\
	X(TCP_ENO_R_BAD_ARGUMENT, INVALID, CONTINUE,			\
	    "engine: argument out of range")				\
	/* Socket options, API.md 1-3 (ENO-OPTS). */			\
	X(TCP_ENO_R_SOCKOPT_UNKNOWN, INVALID, CONTINUE,		\
	    "API.md 1: not one of the 17 option names")		\
	X(TCP_ENO_R_SOCKOPT_SHUTDOWN, INVALID, CONTINUE,		\
	    "API.md 2: socket shut down or no longer valid")		\
	X(TCP_ENO_R_SOCKOPT_NEGOTIATING, NOTCONN, CONTINUE,		\
	    "API.md 2: read-only option while negotiating")		\
	X(TCP_ENO_R_SOCKOPT_DISABLED, INVALID, CONTINUE,		\
	    "API.md 2: read-only option while ENO is disabled")	\
	X(TCP_ENO_R_SOCKOPT_AFTER_SYN, ISCONN, CONTINUE,		\
	    "API.md 2: RW option set after SYN / SYN-ACK sent")	\
	X(TCP_ENO_R_SOCKOPT_READ_ONLY, INVALID, CONTINUE,		\
	    "API.md 1: set of a read-only option")			\
	X(TCP_ENO_R_SOCKOPT_WRITE_ONLY, INVALID, CONTINUE,		\
	    "API.md 3 TCP_CRYPT_CACHE_FLUSH: read of a W option")	\
	X(TCP_ENO_R_SOCKOPT_BAD_LEN, INVALID, CONTINUE,		\
	    "API.md 2: int option with length != sizeof(int)")		\
	X(TCP_ENO_R_SOCKOPT_BAD_INT, INVALID, CONTINUE,		\
	    "API.md 2: int out of range")				\
	X(TCP_ENO_R_SOCKOPT_TOO_LONG, INVALID, CONTINUE,		\
	    "API.md 1/2: bytes option over its limit")			\
	X(TCP_ENO_R_SOCKOPT_BUF_SHORT, INVALID, CONTINUE,		\
	    "API.md 2: read buffer shorter than the value")		\
	X(TCP_ENO_R_SOCKOPT_RAW_MODE, INVALID, CONTINUE,		\
	    "API.md 3 TCP_ENO_RAW: other option in raw mode")		\
	X(TCP_ENO_R_SOCKOPT_NOT_TCPCRYPT, INVALID, CONTINUE,		\
	    "API.md 3 TCP_CRYPT_CONF: negotiated TEP not tcpcrypt")	\
	X(TCP_ENO_R_SOCKOPT_MANDATORY_ABORT, ABORTED, ABORT_RST,	\
	    "API.md 3: TEP_MANDATORY=1 on established plain conn")	\
	X(TCP_ENO_R_TEP_BAD_ID, INVALID, CONTINUE,			\
	    "API.md 3 TCP_ENO_TEPS: byte < 0x20 or 0x80-0x9f")		\
	X(TCP_ENO_R_TEP_UNIMPLEMENTED, INVALID, CONTINUE,		\
	    "API.md 3 TCP_ENO_TEPS: TEP the stack lacks")		\
	X(TCP_ENO_R_TEP_TOO_MANY, INVALID, CONTINUE,			\
	    "API.md 1: more than TCP_ENO_MAX_TEPS")			\
	X(TCP_ENO_R_TEP_DUPLICATE, INVALID, CONTINUE,			\
	    "API.md 3 TCP_ENO_TEPS: same TEP twice (project)")		\
	X(TCP_ENO_R_AEAD_ODD_LEN, INVALID, CONTINUE,			\
	    "API.md 3 TCP_CRYPT_ACONF/BCONF: odd length")		\
	X(TCP_ENO_R_AEAD_EMPTY, INVALID, CONTINUE,			\
	    "API.md 3 TCP_CRYPT_ACONF/BCONF: empty")			\
	X(TCP_ENO_R_AEAD_TOO_MANY, INVALID, CONTINUE,			\
	    "API.md 3 TCP_CRYPT_ACONF/BCONF: more than 8 ids")		\
	X(TCP_ENO_R_AEAD_UNIMPLEMENTED, INVALID, CONTINUE,		\
	    "API.md 3 TCP_CRYPT_ACONF/BCONF: id not implemented")	\
	X(TCP_ENO_R_AEAD_DUPLICATE, INVALID, CONTINUE,			\
	    "API.md 3 TCP_CRYPT_ACONF/BCONF: same id twice (project)")	\
	/* Sysctls and policy, API.md 4 (ENO-OPTS). */			\
	X(TCP_ENO_R_SYSCTL_BUF_SHORT, INVALID, CONTINUE,		\
	    "API.md 4: buffer too small for the canonical form")	\
	X(TCP_ENO_R_SYSCTL_UNKNOWN, INVALID, CONTINUE,			\
	    "API.md 4: not a net.inet.tcp.eno knob")			\
	X(TCP_ENO_R_SYSCTL_SYNTAX, INVALID, CONTINUE,			\
	    "API.md 4: malformed list or int text")			\
	X(TCP_ENO_R_SYSCTL_BAD_INT, INVALID, CONTINUE,			\
	    "API.md 4: enable_* not 0 or 1")				\
	X(TCP_ENO_R_SYSCTL_BAD_PORT, INVALID, CONTINUE,		\
	    "API.md 4: port 0 or above 65535")				\
	X(TCP_ENO_R_SYSCTL_TOO_MANY_PORTS, INVALID, CONTINUE,		\
	    "API.md 4: port list over its bound")			\
	X(TCP_ENO_R_POLICY_SOCKET_OFF, NONE, FALLBACK,			\
	    "API.md 3: TCP_ENO_ENABLED = 0")				\
	X(TCP_ENO_R_POLICY_NO_TEPS, NONE, FALLBACK,			\
	    "API.md 4: effective TEP list empty")			\
	X(TCP_ENO_R_POLICY_CONNECT_OFF, NONE, FALLBACK,		\
	    "API.md 4: enable_connect = 0")				\
	X(TCP_ENO_R_POLICY_LISTEN_OFF, NONE, FALLBACK,			\
	    "API.md 4: enable_listen = 0")				\
	X(TCP_ENO_R_POLICY_BAD_CONNECT_PORT, NONE, FALLBACK,		\
	    "API.md 4: remote port in bad_connect_ports")		\
	X(TCP_ENO_R_POLICY_BAD_LISTEN_PORT, NONE, FALLBACK,		\
	    "API.md 4: local port in bad_listen_ports")

#define	TCP_ENO_REASON_ENUM(name, cls, act, clause)	name,
enum tcp_eno_reason {
	TCP_ENO_REASONS(TCP_ENO_REASON_ENUM)
	TCP_ENO_R_COUNT
};
#undef	TCP_ENO_REASON_ENUM

/* The table's columns; an out-of-range reason reads as TCP_ENO_R_COUNT's. */
enum tcp_eno_errclass tcp_eno_reason_errclass(enum tcp_eno_reason r);
enum tcp_eno_action tcp_eno_reason_action(enum tcp_eno_reason r);
/* "TCP_ENO_R_ROLE_CONFLICT", for logs and test output. */
const char	*tcp_eno_reason_name(enum tcp_eno_reason r);
/* The RFC / API.md clause the reason cites. */
const char	*tcp_eno_reason_clause(enum tcp_eno_reason r);
/* Name to reason, for conformance files; false if unknown. */
bool		 tcp_eno_reason_lookup(const char *name,
		    enum tcp_eno_reason *r);
const char	*tcp_eno_errclass_name(enum tcp_eno_errclass c);
/* "EINVAL", ... as FreeBSD names the class's errno; NULL for none. */
const char	*tcp_eno_errclass_errno_name(enum tcp_eno_errclass c);
const char	*tcp_eno_action_name(enum tcp_eno_action a);

#endif /* !_NETINET_TCP_ENO_REASON_H_ */
