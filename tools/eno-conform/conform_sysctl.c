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
 * eno-conform kind "sysctl": writes and reads of net.inet.tcp.eno.* values
 * (API.md section 4), starting from the defaults.
 *
 *   {"kind": "sysctl", "steps": [
 *     {"set": "teps", "value": "0x21,0x23", "expect": 0 | "EINVAL"},
 *     {"read": "teps", "value": "0x21,0x23"}]}
 *
 * Names are without the "net.inet.tcp.eno." prefix; int knobs take and show
 * JSON ints, list knobs strings (a string for an int knob, or the reverse,
 * is EINVAL, as sysctl(8) would refuse it).  A set may add "reason":
 * "TCP_ENO_R_..." to pin the exact reason.  After every failed set the
 * whole configuration is checked unchanged, whatever the case says.
 */

#include <stdio.h>
#include <string.h>

#include "conform.h"
#include "tcp_eno_policy.h"

static int
sysctl_expect(const struct tj_value *step, enum tcp_eno_reason got,
    char *why, size_t whylen)
{
	const struct tj_value *e;
	const char *want;
	long long n;
	bool ok;

	e = tj_get(step, "expect");
	if (tj_int(e, &n) == 0 && n == 0)
		ok = got == TCP_ENO_R_NONE;
	else if (tj_str(e, &want) == 0 && strcmp(want, "EINVAL") == 0)
		ok = got != TCP_ENO_R_NONE &&
		    tcp_eno_reason_errclass(got) == TCP_ENO_EC_INVALID;
	else
		return (conform_fail(why, whylen, "bad expect"));
	if (!ok)
		return (conform_fail(why, whylen, "got %s",
		    tcp_eno_reason_name(got)));
	return (conform_reason(step, got, why, whylen));
}

static int
sysctl_set(struct tcp_eno_sysconf *sys, const struct tj_value *step,
    char *why, size_t whylen)
{
	struct tcp_eno_sysconf before;
	enum tcp_eno_sysctl knob;
	enum tcp_eno_reason r;
	const char *name, *s;
	long long n;

	if (tj_str(tj_get(step, "set"), &name) != 0)
		return (conform_fail(why, whylen, "bad set"));
	memcpy(&before, sys, sizeof(before));
	if (!tcp_eno_sysctl_lookup(name, &knob))
		r = TCP_ENO_R_SYSCTL_UNKNOWN;
	else if (tj_int(tj_get(step, "value"), &n) == 0)
		r = tcp_eno_sysctl_set_int(sys, knob, n);
	else if (tj_str(tj_get(step, "value"), &s) == 0)
		r = tcp_eno_sysctl_set_str(sys, knob, s, strlen(s));
	else
		return (conform_fail(why, whylen, "bad value"));
	if (r != TCP_ENO_R_NONE && memcmp(&before, sys, sizeof(before)) != 0)
		return (conform_fail(why, whylen, "failed set changed %s",
		    name));
	return (sysctl_expect(step, r, why, whylen));
}

static int
sysctl_read(const struct tcp_eno_sysconf *sys, const struct tj_value *step,
    char *why, size_t whylen)
{
	char buf[TCP_ENO_SYSCTL_STRMAX];
	enum tcp_eno_sysctl knob;
	enum tcp_eno_reason r;
	const char *name, *want;
	long long wn;
	size_t len;
	int v;

	if (tj_str(tj_get(step, "read"), &name) != 0 ||
	    !tcp_eno_sysctl_lookup(name, &knob))
		return (conform_fail(why, whylen, "unknown sysctl"));
	if (tcp_eno_sysctl_is_int(knob)) {
		r = tcp_eno_sysctl_get_int(sys, knob, &v);
		if (r != TCP_ENO_R_NONE)
			return (conform_fail(why, whylen, "read: %s",
			    tcp_eno_reason_name(r)));
		if (tj_int(tj_get(step, "value"), &wn) != 0)
			return (conform_fail(why, whylen, "bad value"));
		if (wn != v)
			return (conform_fail(why, whylen, "%s reads %d", name,
			    v));
		return (0);
	}
	r = tcp_eno_sysctl_get_str(sys, knob, buf, sizeof(buf), &len);
	if (r != TCP_ENO_R_NONE)
		return (conform_fail(why, whylen, "read: %s",
		    tcp_eno_reason_name(r)));
	if (tj_str(tj_get(step, "value"), &want) != 0)
		return (conform_fail(why, whylen, "bad value"));
	if (strcmp(buf, want) != 0 || len != strlen(buf))
		return (conform_fail(why, whylen, "%s reads \"%s\"", name,
		    buf));
	return (0);
}

int
conform_sysctl(const struct tj_value *c, char *why, size_t whylen)
{
	const struct tj_value *steps, *step;
	struct tcp_eno_sysconf sys;
	char sub[384];
	size_t i, n;
	int fail;

	tcp_eno_sysconf_init(&sys, NULL);
	steps = tj_get(c, "steps");
	if (steps == NULL || tj_type(steps) != TJ_ARRAY)
		return (conform_fail(why, whylen, "no steps"));
	n = tj_len(steps);
	for (i = 0; i < n; i++) {
		step = tj_at(steps, i);
		sub[0] = '\0';
		if (tj_get(step, "set") != NULL)
			fail = sysctl_set(&sys, step, sub, sizeof(sub));
		else if (tj_get(step, "read") != NULL)
			fail = sysctl_read(&sys, step, sub, sizeof(sub));
		else
			fail = conform_fail(sub, sizeof(sub), "empty step");
		if (fail)
			return (conform_fail(why, whylen, "step %zu: %s",
			    i + 1, sub));
	}
	return (0);
}
