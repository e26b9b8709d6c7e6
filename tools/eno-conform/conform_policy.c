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
 * eno-conform kind "policy": whether a connection attempts TCP-ENO when
 * TCP_ENO_ENABLED leaves it to the sysctls (API.md section 4, draft 2.2).
 *
 *   {"kind": "policy", "role": "active" | "passive", "enabled": -1,
 *    "sysctl": {"enable_connect": 1, "enable_listen": 1,
 *               "bad_connect_ports": "443,993", "bad_listen_ports": ""},
 *    "port": 443, "teps": "hex", "expect": {"attempt": false}}
 *
 * port is the remote port of an active open, the local port of a passive
 * one; teps is the socket's effective TEP list.  Sysctls not named keep
 * their defaults; every one named must be accepted.  Extensions: "raw":
 * true (TCP_ENO_RAW set), and "expect": {"reason": "TCP_ENO_R_..."}.
 */

#include <stdio.h>
#include <string.h>

#include "conform.h"
#include "tcp_eno_policy.h"

static int
policy_sysctls(struct tcp_eno_sysconf *sys, const struct tj_value *obj,
    char *why, size_t whylen)
{
	enum tcp_eno_sysctl knob;
	enum tcp_eno_reason r;
	const struct tj_value *v;
	const char *name, *s;
	long long n;
	size_t i;

	if (obj == NULL)
		return (0);
	if (tj_type(obj) != TJ_OBJECT)
		return (conform_fail(why, whylen, "bad sysctl"));
	for (i = 0; i < tj_len(obj); i++) {
		name = tj_key_at(obj, i);
		v = tj_value_at(obj, i);
		if (!tcp_eno_sysctl_lookup(name, &knob))
			return (conform_fail(why, whylen, "unknown sysctl %s",
			    name));
		if (tj_int(v, &n) == 0)
			r = tcp_eno_sysctl_set_int(sys, knob, n);
		else if (tj_str(v, &s) == 0)
			r = tcp_eno_sysctl_set_str(sys, knob, s, strlen(s));
		else
			return (conform_fail(why, whylen, "bad %s", name));
		if (r != TCP_ENO_R_NONE)
			return (conform_fail(why, whylen, "sysctl %s: %s", name,
			    tcp_eno_reason_name(r)));
	}
	return (0);
}

static int
policy_inputs(struct tcp_eno_policy_in *in, uint8_t *teps, size_t cap,
    const struct tj_value *c, char *why, size_t whylen)
{
	const char *role;
	long long n;
	size_t len;

	if (tj_str(tj_get(c, "role"), &role) != 0 ||
	    (strcmp(role, "active") != 0 && strcmp(role, "passive") != 0))
		return (conform_fail(why, whylen, "bad role"));
	in->passive = role[0] == 'p';
	if (conform_int(c, "enabled", &n) != 0 || n < -1 || n > 1)
		return (conform_fail(why, whylen, "bad enabled"));
	in->enabled = (int)n;
	if (conform_int(c, "port", &n) != 0 || n < 0 || n > 65535)
		return (conform_fail(why, whylen, "bad port"));
	in->port = (uint16_t)n;
	if (conform_hex(c, "teps", teps, cap, &len) < 0)
		return (conform_fail(why, whylen, "bad teps"));
	in->teps = teps;
	in->nteps = len;
	if (conform_bool(c, "raw", false, &in->raw) != 0)
		return (conform_fail(why, whylen, "bad raw"));
	return (0);
}

int
conform_policy(const struct tj_value *c, char *why, size_t whylen)
{
	struct tcp_eno_sysconf sys;
	struct tcp_eno_policy_in in;
	const struct tj_value *expect;
	uint8_t teps[TCP_ENO_MAX_TEPS];
	enum tcp_eno_reason r;
	bool attempt, want;

	memset(&in, 0, sizeof(in));
	tcp_eno_sysconf_init(&sys, NULL);
	if (policy_sysctls(&sys, tj_get(c, "sysctl"), why, whylen) != 0 ||
	    policy_inputs(&in, teps, sizeof(teps), c, why, whylen) != 0)
		return (1);
	expect = tj_get(c, "expect");
	if (conform_bool(expect, "attempt", false, &want) != 0 ||
	    tj_get(expect, "attempt") == NULL)
		return (conform_fail(why, whylen, "bad expect.attempt"));
	attempt = tcp_eno_policy_attempt(&sys, &in, &r);
	if (attempt != want)
		return (conform_fail(why, whylen, "attempt %s (%s)",
		    attempt ? "true" : "false", tcp_eno_reason_name(r)));
	return (conform_reason(expect, r, why, whylen));
}
