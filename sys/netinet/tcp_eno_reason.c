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
 * The one reason table of TCP-ENO (RFC 8547, API.md): each reason's error
 * class and action, generated from TCP_ENO_REASONS() in tcp_eno_reason.h
 * so that the enum and this table cannot drift apart.  Drivers translate
 * the class to their errno and count the reason; they decide nothing.
 */

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"

struct tcp_eno_reason_info {
	const char		*name;
	enum tcp_eno_errclass	 errclass;
	enum tcp_eno_action	 action;
	const char		*clause;
};

#define	TCP_ENO_REASON_ROW(n, cls, act, cl)				\
	[n] = { #n, TCP_ENO_EC_##cls, TCP_ENO_ACT_##act, cl },

static const struct tcp_eno_reason_info tcp_eno_reason_table[] = {
	TCP_ENO_REASONS(TCP_ENO_REASON_ROW)
	/*
	 * Out of range: treated as an invalid call, never as success or a
	 * silent fallback.
	 */
	[TCP_ENO_R_COUNT] = { "TCP_ENO_R_UNKNOWN", TCP_ENO_EC_INVALID,
	    TCP_ENO_ACT_CONTINUE, "engine: unknown reason" },
};

static const char *const tcp_eno_errclass_names[] = {
	[TCP_ENO_EC_NONE] = "none",
	[TCP_ENO_EC_INVALID] = "invalid",
	[TCP_ENO_EC_ISCONN] = "isconn",
	[TCP_ENO_EC_NOTCONN] = "notconn",
	[TCP_ENO_EC_INTEGRITY] = "integrity",
	[TCP_ENO_EC_PROTOCOL] = "protocol",
	[TCP_ENO_EC_ABORTED] = "aborted",
	[TCP_ENO_EC_REFUSED] = "refused",
};

/*
 * The errno each class becomes on FreeBSD (API.md 2-3, PROTOCOL.md D8), by
 * name: host drivers print and compare these, and the kernel glue maps the
 * same classes to the errno values.
 */
static const char *const tcp_eno_errclass_errnos[] = {
	[TCP_ENO_EC_NONE] = NULL,
	[TCP_ENO_EC_INVALID] = "EINVAL",
	[TCP_ENO_EC_ISCONN] = "EISCONN",
	[TCP_ENO_EC_NOTCONN] = "ENOTCONN",
	[TCP_ENO_EC_INTEGRITY] = "EINTEGRITY",
	[TCP_ENO_EC_PROTOCOL] = "EPROTO",
	[TCP_ENO_EC_ABORTED] = "ECONNABORTED",
	[TCP_ENO_EC_REFUSED] = "ECONNREFUSED",
};

static const char *const tcp_eno_action_names[] = {
	[TCP_ENO_ACT_CONTINUE] = "continue",
	[TCP_ENO_ACT_FALLBACK] = "fallback",
	[TCP_ENO_ACT_ABORT_RST] = "abort",
};

static const struct tcp_eno_reason_info *
tcp_eno_reason_row(enum tcp_eno_reason r)
{

	if ((unsigned int)r >= TCP_ENO_R_COUNT)
		r = TCP_ENO_R_COUNT;
	return (&tcp_eno_reason_table[r]);
}

enum tcp_eno_errclass
tcp_eno_reason_errclass(enum tcp_eno_reason r)
{

	return (tcp_eno_reason_row(r)->errclass);
}

enum tcp_eno_action
tcp_eno_reason_action(enum tcp_eno_reason r)
{

	return (tcp_eno_reason_row(r)->action);
}

const char *
tcp_eno_reason_name(enum tcp_eno_reason r)
{

	return (tcp_eno_reason_row(r)->name);
}

const char *
tcp_eno_reason_clause(enum tcp_eno_reason r)
{

	return (tcp_eno_reason_row(r)->clause);
}

bool
tcp_eno_reason_lookup(const char *name, enum tcp_eno_reason *r)
{
	unsigned int i;

	for (i = 0; i < TCP_ENO_R_COUNT; i++) {
		if (tcp_eno_streq(name, tcp_eno_reason_table[i].name)) {
			*r = (enum tcp_eno_reason)i;
			return (true);
		}
	}
	return (false);
}

const char *
tcp_eno_errclass_name(enum tcp_eno_errclass c)
{

	if ((unsigned int)c >= TCP_ENO_EC_COUNT)
		return ("unknown");
	return (tcp_eno_errclass_names[c]);
}

const char *
tcp_eno_errclass_errno_name(enum tcp_eno_errclass c)
{

	if ((unsigned int)c >= TCP_ENO_EC_COUNT)
		return (NULL);
	return (tcp_eno_errclass_errnos[c]);
}

const char *
tcp_eno_action_name(enum tcp_eno_action a)
{

	if ((unsigned int)a >= TCP_ENO_ACT_COUNT)
		return ("unknown");
	return (tcp_eno_action_names[a]);
}
