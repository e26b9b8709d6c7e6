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
 * eno-conform kind "sockopt": one fresh socket (default sysctls) driven
 * through a list of steps, each checked against API.md sections 2 and 3.
 *
 *   {"kind": "sockopt", "passive": false, "steps": [
 *     {"set": "TCP_ENO_TEPS", "value": "hex" | int, "expect": 0 | "EINVAL"},
 *     {"get": "TCP_ENO_TEPS", "expect": 0, "value": "hex" | int,
 *      "buflen": N},
 *     {"event": "listen" | "syn_sent" | "disabled" | "shutdown"},
 *     {"event": "encrypting", "negtep": 35, "role": 0, "peer_gopt": 1,
 *      "sessid": "hex", "transcript": "hex", "crypt_conf": 1}]}
 *
 * Values: an int goes in as a C int; a hex string goes in as those bytes
 * (also for an int option, to test lengths).  "expect" is 0 or the errno
 * name the class maps to; any step may add "reason": "TCP_ENO_R_..." to
 * pin the exact reason.  A get's "value" is checked only when expect is 0.
 *
 * Project extensions: "passive": true is a socket that called listen(2)
 * (its "syn_sent" is then the SYN-ACK of the accepted child, which holds
 * the same settings); events "accept" (child inherits, SYN-ACK sent) and
 * "negotiated" (TEP agreed, keys pending: same fields as "encrypting").
 * A set that aborts the connection (ECONNABORTED) leaves it shut down.
 */

#include <stdio.h>
#include <string.h>

#include "conform.h"
#include "tcp_eno_policy.h"
#include "tcp_eno_sockopt.h"

struct sock_case {
	struct tcp_eno_sysconf	sys;
	struct tcp_eno_sockconf	so;
	enum tcp_eno_sockstate	st;
	struct tcp_eno_negview	nv;
};

/* "expect": 0 or an errno name, against what the call returned. */
static int
check_expect(const struct tj_value *step, enum tcp_eno_reason got,
    char *why, size_t whylen)
{
	const struct tj_value *e;
	const char *want, *have;
	long long n;

	e = tj_get(step, "expect");
	/* The errno an application sees for the reason, "0" for success. */
	have = tcp_eno_errclass_errno_name(tcp_eno_reason_errclass(got));
	if (have == NULL)
		have = "0";
	if (tj_int(e, &n) == 0) {
		if (n != 0)
			return (conform_fail(why, whylen, "bad expect"));
		want = "0";
	} else if (tj_str(e, &want) != 0)
		return (conform_fail(why, whylen, "missing expect"));
	if (strcmp(want, have) != 0 || (strcmp(want, "0") == 0 &&
	    got != TCP_ENO_R_NONE))
		return (conform_fail(why, whylen, "%s (%s), expected %s", have,
		    tcp_eno_reason_name(got), want));
	return (conform_reason(step, got, why, whylen));
}

static int
opt_name(const struct tj_value *v, int *name)
{
	const char *s;
	long long n;

	if (tj_str(v, &s) == 0)
		return (tcp_eno_sockopt_lookup(s, name) ? 0 : -1);
	if (tj_int(v, &n) == 0 && n >= -0x7fffffffLL && n <= 0x7fffffffLL) {
		*name = (int)n;
		return (0);
	}
	return (-1);
}

static int
do_set(struct sock_case *sc, const struct tj_value *step, char *why,
    size_t whylen)
{
	uint8_t buf[256];
	enum tcp_eno_reason r;
	long long n;
	size_t len;
	int name, iv;

	if (opt_name(tj_get(step, "set"), &name) != 0)
		return (conform_fail(why, whylen, "unknown option name"));
	if (tj_int(tj_get(step, "value"), &n) == 0) {
		if (n < -0x80000000LL || n > 0x7fffffffLL)
			return (conform_fail(why, whylen, "int out of range"));
		iv = (int)n;
		memcpy(buf, &iv, sizeof(iv));
		len = sizeof(iv);
	} else if (tj_hex(tj_get(step, "value"), buf, sizeof(buf), &len) != 0)
		return (conform_fail(why, whylen, "bad value"));
	r = tcp_eno_sockopt_set(&sc->so, sc->st, name, len > 0 ? buf : NULL,
	    len);
	if (tcp_eno_reason_action(r) == TCP_ENO_ACT_ABORT_RST)
		sc->st = TCP_ENO_SS_SHUTDOWN;
	return (check_expect(step, r, why, whylen));
}

/* Compares a successful get with "value" (int or hex) if present. */
static int
check_value(const struct tj_value *step, const uint8_t *buf, size_t len,
    char *why, size_t whylen)
{
	const struct tj_value *v;
	uint8_t want[256];
	char hex[2 * 256 + 1];
	size_t wlen;
	long long n;
	int iv;

	v = tj_get(step, "value");
	if (v == NULL)
		return (0);
	if (tj_int(v, &n) == 0) {
		if (len != sizeof(iv))
			return (conform_fail(why, whylen, "got %zu bytes, "
			    "expected an int", len));
		memcpy(&iv, buf, sizeof(iv));
		if (iv != n)
			return (conform_fail(why, whylen, "got %d, expected "
			    "%lld", iv, n));
		return (0);
	}
	if (tj_hex(v, want, sizeof(want), &wlen) != 0)
		return (conform_fail(why, whylen, "bad value"));
	if (wlen != len || memcmp(want, buf, len) != 0) {
		conform_hexstr(buf, len, hex, sizeof(hex));
		return (conform_fail(why, whylen, "got \"%s\"", hex));
	}
	return (0);
}

static int
do_get(struct sock_case *sc, const struct tj_value *step, char *why,
    size_t whylen)
{
	uint8_t buf[256], canary[256];
	enum tcp_eno_reason r;
	long long n;
	size_t len;
	int name;

	if (opt_name(tj_get(step, "get"), &name) != 0)
		return (conform_fail(why, whylen, "unknown option name"));
	len = sizeof(buf);
	if (tj_get(step, "buflen") != NULL) {
		if (tj_int(tj_get(step, "buflen"), &n) != 0 || n < 0 ||
		    n > (long long)sizeof(buf))
			return (conform_fail(why, whylen, "bad buflen"));
		len = (size_t)n;
	}
	memset(buf, 0xa5, sizeof(buf));
	memset(canary, 0xa5, sizeof(canary));
	r = tcp_eno_sockopt_get(&sc->so, &sc->nv, sc->st, name, buf, &len);
	if (check_expect(step, r, why, whylen) != 0)
		return (1);
	if (r != TCP_ENO_R_NONE) {
		/* API.md 2: a failed read copies nothing. */
		if (memcmp(buf, canary, sizeof(buf)) != 0)
			return (conform_fail(why, whylen,
			    "failed get wrote the buffer"));
		return (0);
	}
	return (check_value(step, buf, len, why, whylen));
}

/* The negotiated values of an "encrypting" / "negotiated" event. */
static int
read_negview(struct tcp_eno_negview *nv, const struct tj_value *step)
{
	static const char *const keys[] = {
		"negtep", "role", "peer_gopt", "crypt_conf"
	};
	const long long max[] = { 0xff, 1, 0x1f, 0xffff };
	long long v[4];
	size_t i, len;

	memset(nv, 0, sizeof(*nv));
	for (i = 0; i < 4; i++) {
		v[i] = 0;
		if (tj_get(step, keys[i]) != NULL &&
		    (tj_int(tj_get(step, keys[i]), &v[i]) != 0 || v[i] < 0 ||
		    v[i] > max[i]))
			return (-1);
	}
	nv->negtep = (uint8_t)v[0];
	nv->role = (uint8_t)v[1];
	nv->peer_gopt = (uint8_t)v[2];
	nv->crypt_conf = (uint16_t)v[3];
	if (conform_hex(step, "sessid", nv->sessid, sizeof(nv->sessid),
	    &len) < 0)
		return (-1);
	nv->sessid_len = (uint8_t)len;
	if (conform_hex(step, "transcript", nv->transcript,
	    sizeof(nv->transcript), &len) < 0)
		return (-1);
	nv->transcript_len = (uint8_t)len;
	return (0);
}

static int
do_event(struct sock_case *sc, const struct tj_value *step, char *why,
    size_t whylen)
{
	struct tcp_eno_sockconf child;
	const char *ev;

	if (tj_str(tj_get(step, "event"), &ev) != 0)
		return (conform_fail(why, whylen, "bad event"));
	if (strcmp(ev, "listen") == 0)
		tcp_eno_sockconf_listen(&sc->so);
	else if (strcmp(ev, "syn_sent") == 0)
		sc->st = TCP_ENO_SS_SYN_SENT;
	else if (strcmp(ev, "disabled") == 0)
		sc->st = TCP_ENO_SS_DISABLED;
	else if (strcmp(ev, "shutdown") == 0)
		sc->st = TCP_ENO_SS_SHUTDOWN;
	else if (strcmp(ev, "accept") == 0) {
		tcp_eno_sockconf_inherit(&child, &sc->so);
		sc->so = child;
		sc->st = TCP_ENO_SS_SYN_SENT;
	} else if (strcmp(ev, "encrypting") == 0 ||
	    strcmp(ev, "negotiated") == 0) {
		if (read_negview(&sc->nv, step) != 0)
			return (conform_fail(why, whylen, "bad %s values", ev));
		sc->st = ev[0] == 'e' ? TCP_ENO_SS_ENCRYPTING :
		    TCP_ENO_SS_NEGOTIATED;
	} else
		return (conform_fail(why, whylen, "unknown event %s", ev));
	return (0);
}

int
conform_sockopt(const struct tj_value *c, char *why, size_t whylen)
{
	const struct tj_value *steps, *step;
	struct sock_case sc;
	char sub[384];
	size_t i, n;
	bool passive;
	int fail;

	memset(&sc, 0, sizeof(sc));
	tcp_eno_sysconf_init(&sc.sys, NULL);
	tcp_eno_sockconf_init(&sc.so, &sc.sys);
	sc.st = TCP_ENO_SS_IDLE;
	if (conform_bool(c, "passive", false, &passive) != 0)
		return (conform_fail(why, whylen, "bad passive"));
	if (passive)
		tcp_eno_sockconf_listen(&sc.so);
	steps = tj_get(c, "steps");
	if (steps == NULL || tj_type(steps) != TJ_ARRAY)
		return (conform_fail(why, whylen, "no steps"));
	n = tj_len(steps);
	for (i = 0; i < n; i++) {
		step = tj_at(steps, i);
		sub[0] = '\0';
		if (tj_get(step, "set") != NULL)
			fail = do_set(&sc, step, sub, sizeof(sub));
		else if (tj_get(step, "get") != NULL)
			fail = do_get(&sc, step, sub, sizeof(sub));
		else if (tj_get(step, "event") != NULL)
			fail = do_event(&sc, step, sub, sizeof(sub));
		else
			fail = conform_fail(sub, sizeof(sub), "empty step");
		if (fail)
			return (conform_fail(why, whylen, "step %zu: %s",
			    i + 1, sub));
	}
	return (0);
}
