/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * Reading and checking what TCP-ENO says about a connection before any
 * authenticator is made (draft-ietf-tcpinc-api sections 2.1, 5 and 6).
 *
 * Section 6 is the reason for the care here: a failed option read must
 * never be mistaken for a session ID, and an empty or zero session ID must
 * never be authenticated.  We also cross-check SELF_NAME, PEER_NAME,
 * SESSID and ROLE (section 2.1: the names are role | session ID and the
 * two ends' names mirror each other), so a stack that returns stale or
 * mixed-up values fails closed.
 */

#include <errno.h>
#include <string.h>

#include "tcpinc_auth_impl.h"

/* Option read with the ENOTCONN wait of API.md section 2. */
static enum tcpinc_auth_error
tcpinc_auth_getopt(const struct tcpinc_auth_transport *t, int name,
    void *buf, size_t *lenp, struct tcpinc_auth_detail *d)
{
	size_t cap;
	unsigned int attempt;
	int error;

	cap = *lenp;
	for (attempt = 0;; attempt++) {
		*lenp = cap;
		error = t->getopt(t->ctx, name, buf, lenp);
		if (error == 0)
			break;
		if (error == EINVAL)
			return (tcpinc_auth_fail(d, TCPINC_AUTH_E_ENO_DISABLED,
			    error, name));
		if (error != ENOTCONN)
			return (tcpinc_auth_fail(d, TCPINC_AUTH_E_GETSOCKOPT,
			    error, name));
		if (t->wait == NULL || t->wait(t->ctx, attempt) != 0)
			return (tcpinc_auth_fail(d,
			    TCPINC_AUTH_E_ENO_NEGOTIATING, error, name));
	}
	if (*lenp > cap)
		return (tcpinc_auth_fail(d, TCPINC_AUTH_E_GETSOCKOPT, 0, name));
	return (TCPINC_AUTH_OK);
}

static enum tcpinc_auth_error
tcpinc_auth_getopt_int(const struct tcpinc_auth_transport *t, int name,
    int *valp, struct tcpinc_auth_detail *d)
{
	enum tcpinc_auth_error e;
	size_t len;

	len = sizeof(*valp);
	e = tcpinc_auth_getopt(t, name, valp, &len, d);
	if (e == TCPINC_AUTH_OK && len != sizeof(*valp))
		e = tcpinc_auth_fail(d, TCPINC_AUTH_E_GETSOCKOPT, 0, name);
	return (e);
}

static enum tcpinc_auth_error
tcpinc_auth_setopt_int(const struct tcpinc_auth_transport *t, int name,
    int val, struct tcpinc_auth_detail *d)
{
	int error;

	error = t->setopt(t->ctx, name, &val, sizeof(val));
	if (error != 0)
		return (tcpinc_auth_fail(d, TCPINC_AUTH_E_SETSOCKOPT, error,
		    name));
	return (TCPINC_AUTH_OK);
}

static bool
tcpinc_auth_transport_ok(const struct tcpinc_auth_transport *t)
{

	return (t != NULL && t->getopt != NULL && t->setopt != NULL &&
	    t->send != NULL && t->recv != NULL && t->abort != NULL);
}

enum tcpinc_auth_error
tcpinc_auth_mark_aware(const struct tcpinc_auth_transport *t,
    unsigned int flags, struct tcpinc_auth_detail *d)
{
	enum tcpinc_auth_error e;
	int gopt;

	if (d != NULL)
		memset(d, 0, sizeof(*d));
	if (!tcpinc_auth_transport_ok(t))
		return (tcpinc_auth_fail(d, TCPINC_AUTH_E_ARGUMENT, 0, 0));
	if ((flags & TCPINC_AUTH_MARK_ENABLE) != 0) {
		e = tcpinc_auth_setopt_int(t, TCP_ENO_ENABLED, 1, d);
		if (e != TCPINC_AUTH_OK)
			return (e);
	}
	/* Keep the other gopt bits (e.g. a passive-role bit the app set). */
	e = tcpinc_auth_getopt_int(t, TCP_ENO_SELF_GOPT, &gopt, d);
	if (e != TCPINC_AUTH_OK)
		return (e);
	gopt = (gopt | TCPINC_AUTH_GOPT_AA) & TCPINC_AUTH_GOPT_MASK;
	e = tcpinc_auth_setopt_int(t, TCP_ENO_SELF_GOPT, gopt, d);
	if (e != TCPINC_AUTH_OK)
		return (e);
	if ((flags & TCPINC_AUTH_MARK_AA_MANDATORY) != 0) {
		e = tcpinc_auth_setopt_int(t, TCP_ENO_AA_MANDATORY, 1, d);
		if (e != TCPINC_AUTH_OK)
			return (e);
	}
	if ((flags & TCPINC_AUTH_MARK_TEP_MANDATORY) != 0)
		return (tcpinc_auth_setopt_int(t, TCP_ENO_TEP_MANDATORY, 1, d));
	return (TCPINC_AUTH_OK);
}

static bool
tcpinc_auth_all_zero(const uint8_t *p, size_t len)
{
	uint8_t acc;
	size_t i;

	acc = 0;
	for (i = 0; i < len; i++)
		acc |= p[i];
	return (acc == 0);
}

enum tcpinc_auth_error
tcpinc_auth_session_check(const struct tcpinc_auth_session *s)
{
	size_t n;

	n = s->name_len;
	if (n < 2 || tcpinc_auth_all_zero(s->self_name + 1, n - 1))
		return (TCPINC_AUTH_E_SESSID_EMPTY);
	if (n > TCP_ENO_MAX_NAME || s->self_name[0] > 1 ||
	    s->peer_name[0] != 1 - s->self_name[0] ||
	    s->role != s->self_name[0] ||
	    memcmp(s->self_name + 1, s->peer_name + 1, n - 1) != 0)
		return (TCPINC_AUTH_E_NAME_INCONSISTENT);
	if (s->peer_gopt < 0 || s->peer_gopt > TCPINC_AUTH_GOPT_MASK)
		return (TCPINC_AUTH_E_NAME_INCONSISTENT);
	return (TCPINC_AUTH_OK);
}

/* The names and session ID, with the length checks of section 6. */
static enum tcpinc_auth_error
tcpinc_auth_read_names(const struct tcpinc_auth_transport *t,
    struct tcpinc_auth_session *s, struct tcpinc_auth_detail *d)
{
	uint8_t sessid[TCP_ENO_MAX_NAME];
	enum tcpinc_auth_error e;
	size_t sessid_len, peer_len;

	/* SESSID first: its error tells disabled from not-yet-ready. */
	sessid_len = sizeof(sessid);
	e = tcpinc_auth_getopt(t, TCP_ENO_SESSID, sessid, &sessid_len, d);
	if (e != TCPINC_AUTH_OK)
		return (e);
	if (sessid_len == 0 || tcpinc_auth_all_zero(sessid, sessid_len))
		return (tcpinc_auth_fail(d, TCPINC_AUTH_E_SESSID_EMPTY, 0,
		    TCP_ENO_SESSID));
	s->name_len = sizeof(s->self_name);
	e = tcpinc_auth_getopt(t, TCP_ENO_SELF_NAME, s->self_name,
	    &s->name_len, d);
	if (e != TCPINC_AUTH_OK)
		return (e);
	peer_len = sizeof(s->peer_name);
	e = tcpinc_auth_getopt(t, TCP_ENO_PEER_NAME, s->peer_name, &peer_len,
	    d);
	if (e != TCPINC_AUTH_OK)
		return (e);
	if (s->name_len < 2 || peer_len < 2)
		return (tcpinc_auth_fail(d, TCPINC_AUTH_E_SESSID_EMPTY, 0,
		    TCP_ENO_SELF_NAME));
	if (peer_len != s->name_len || sessid_len != s->name_len - 1 ||
	    memcmp(sessid, s->self_name + 1, sessid_len) != 0)
		return (tcpinc_auth_fail(d, TCPINC_AUTH_E_NAME_INCONSISTENT, 0,
		    TCP_ENO_PEER_NAME));
	return (TCPINC_AUTH_OK);
}

enum tcpinc_auth_error
tcpinc_auth_session_read(const struct tcpinc_auth_transport *t,
    struct tcpinc_auth_session *s, struct tcpinc_auth_detail *d)
{
	enum tcpinc_auth_error e;

	if (d != NULL)
		memset(d, 0, sizeof(*d));
	if (s == NULL || !tcpinc_auth_transport_ok(t))
		return (tcpinc_auth_fail(d, TCPINC_AUTH_E_ARGUMENT, 0, 0));
	memset(s, 0, sizeof(*s));
	s->role = -1;
	s->peer_gopt = -1;
	e = tcpinc_auth_read_names(t, s, d);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_getopt_int(t, TCP_ENO_ROLE, &s->role, d);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_getopt_int(t, TCP_ENO_PEER_GOPT, &s->peer_gopt,
		    d);
	if (e != TCPINC_AUTH_OK)
		return (e);
	e = tcpinc_auth_session_check(s);
	if (e != TCPINC_AUTH_OK)
		return (tcpinc_auth_fail(d, e, 0, TCP_ENO_PEER_NAME));
	/* Section 5: without the peer's bit, our bytes would be its data. */
	if ((s->peer_gopt & TCPINC_AUTH_GOPT_AA) == 0)
		return (tcpinc_auth_fail(d, TCPINC_AUTH_E_PEER_NOT_AWARE, 0,
		    TCP_ENO_PEER_GOPT));
	return (TCPINC_AUTH_OK);
}
