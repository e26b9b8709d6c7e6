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
 * What userland sees of TCP-ENO (RFC 8547) and tcpcrypt (RFC 8548) beyond
 * the socket option names and limits of <netinet/tcp.h>: the statistics
 * exported as the sysctl net.inet.tcp.eno.stats (read it with
 * sysctlbyname(3) into a struct tcp_eno_stat, as netstat(1) reads
 * net.inet.tcp.stats).  tcp_eno(4) describes every counter.
 */

#ifndef _NETINET_TCP_ENO_H_
#define	_NETINET_TCP_ENO_H_

#include <sys/types.h>

struct tcp_eno_stat {
	uint64_t enos_attempted;	/* SYN or SYN-ACK carried ENO */
	uint64_t enos_not_attempted;	/* policy or settings said no */
	uint64_t enos_negotiated;	/* both SYNs: a TEP was agreed */
	uint64_t enos_enabled;		/* ACKs with ENO both ways (4.6) */
	uint64_t enos_fallback;		/* fell back to plain TCP */
	uint64_t enos_aborted;		/* connection aborted with RST */
	uint64_t enos_refused;		/* passive mandatory: SYN refused */
	uint64_t enos_encrypting;	/* tcpcrypt keys in use */
	uint64_t enos_resumed;		/* tcpcrypt session resumed (3.5) */
	uint64_t enos_rekeys;		/* key generations started (3.8) */
	uint64_t enos_auth_failed;	/* AEAD or key check failed */
	uint64_t enos_protocol_err;	/* malformed Init, FIN without FINp */
	uint64_t enos_nomem;		/* allocation failed: plain TCP */
	uint64_t enos_nospace;		/* option did not fit 40 bytes */
	uint64_t enos_state_lost;	/* ACK with ENO, no syncache state */
	uint64_t enos_tfo_ignored;	/* TFO option beside ENO ignored */
	uint64_t enos_stack_refused;	/* stack switch refused (EBUSY) */
	uint64_t enos_sockopt_err;	/* socket option calls refused */
	uint64_t enos_sysctl_err;	/* sysctl writes refused */
};

#endif /* !_NETINET_TCP_ENO_H_ */
