/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * The cookie and signature exchanges of draft-ietf-tcpinc-api section 5
 * driven over a struct tcpinc_auth_transport: read the session (section
 * 2.1), check the peer's application-aware bit (section 5), send ours,
 * read exactly one message back (never application data after it), check.
 *
 * Section 6: every failure ends the connection.  When the failure may be
 * tampering we first ask tcpcrypt to flush its session cache (draft
 * section 1: "it may be prudent to purge cached session state"), so a
 * resumed session cannot carry the attack further.
 *
 * With a replay memory, a session-mismatch is refined into a replay when
 * the message names a session this host authenticated before, and each
 * success is recorded (tcpinc_auth_replay.c).
 */

#include <string.h>

#include "tcpinc_auth_impl.h"

static enum tcpinc_auth_error
tcpinc_auth_recv_exact(const struct tcpinc_auth_transport *t, uint8_t *buf,
    size_t have, size_t want, struct tcpinc_auth_detail *d)
{
	size_t got;
	int error;

	while (have < want) {
		error = t->recv(t->ctx, buf + have, want - have, &got);
		if (error != 0)
			return (tcpinc_auth_fail(d, TCPINC_AUTH_E_RECV,
			    error, 0));
		if (got == 0)
			return (tcpinc_auth_fail(d,
			    TCPINC_AUTH_E_PEER_CLOSED, 0, 0));
		if (got > want - have)
			return (tcpinc_auth_fail(d, TCPINC_AUTH_E_RECV, 0, 0));
		have += got;
	}
	return (TCPINC_AUTH_OK);
}

/* One whole message, read in the steps its length fields allow. */
static enum tcpinc_auth_error
tcpinc_auth_recv_msg(const struct tcpinc_auth_transport *t, uint8_t *buf,
    size_t cap, size_t *lenp, struct tcpinc_auth_detail *d)
{
	enum tcpinc_auth_error e;
	size_t have, need;

	have = 0;
	need = 0;
	for (;;) {
		e = tcpinc_auth_msg_need(buf, have, &need);
		if (e != TCPINC_AUTH_OK)
			return (tcpinc_auth_fail(d, e, 0, 0));
		if (need == have)
			break;
		if (need > cap)
			return (tcpinc_auth_fail(d, TCPINC_AUTH_E_MSG_MALFORMED,
			    0, 0));
		e = tcpinc_auth_recv_exact(t, buf, have, need, d);
		if (e != TCPINC_AUTH_OK)
			return (e);
		have = need;
	}
	*lenp = have;
	return (TCPINC_AUTH_OK);
}

static bool
tcpinc_auth_is_tampering(enum tcpinc_auth_error e)
{

	switch (e) {
	case TCPINC_AUTH_E_MSG_MALFORMED:
	case TCPINC_AUTH_E_REFLECTED:
	case TCPINC_AUTH_E_SESSION_MISMATCH:
	case TCPINC_AUTH_E_REPLAY:
	case TCPINC_AUTH_E_COOKIE_MISMATCH:
	case TCPINC_AUTH_E_SIGNATURE_INVALID:
	case TCPINC_AUTH_E_PEER_UNSIGNED:
	case TCPINC_AUTH_E_SCHEME_MISMATCH:
		return (true);
	default:
		return (false);
	}
}

enum tcpinc_auth_error
tcpinc_auth_run_fail(const struct tcpinc_auth_transport *t,
    struct tcpinc_auth_result *r, enum tcpinc_auth_error e)
{
	int one;

	r->peer_authenticated = false;
	r->self_proved = false;
	if (r->detail.error != e)
		tcpinc_auth_fail(&r->detail, e, 0, 0);
	if (tcpinc_auth_is_tampering(e)) {
		one = 1;
		/* Best effort: a failure here must not hide the real error. */
		(void)t->setopt(t->ctx, TCP_CRYPT_CACHE_FLUSH, &one,
		    sizeof(one));
	}
	t->abort(t->ctx);
	return (e);
}

/* Without a transport that can abort, there is nothing we can end. */
static bool
tcpinc_auth_run_args(const struct tcpinc_auth_transport *t,
    struct tcpinc_auth_result *r)
{

	if (r == NULL)
		return (false);
	memset(r, 0, sizeof(*r));
	if (t == NULL || t->abort == NULL) {
		tcpinc_auth_fail(&r->detail, TCPINC_AUTH_E_ARGUMENT, 0, 0);
		return (false);
	}
	return (true);
}

static enum tcpinc_auth_error
tcpinc_auth_run_send(const struct tcpinc_auth_transport *t,
    struct tcpinc_auth_result *r, const uint8_t *msg, size_t len)
{
	int error;

	error = t->send(t->ctx, msg, len);
	if (error != 0)
		return (tcpinc_auth_fail(&r->detail, TCPINC_AUTH_E_SEND, error,
		    0));
	return (TCPINC_AUTH_OK);
}

enum tcpinc_auth_error
tcpinc_auth_cookie_run(const struct tcpinc_auth_transport *t,
    const uint8_t *cookie, size_t cookie_len, struct tcpinc_auth_result *r)
{

	return (tcpinc_auth_cookie_run_replay(t, cookie, cookie_len, NULL, r));
}

enum tcpinc_auth_error
tcpinc_auth_cookie_run_replay(const struct tcpinc_auth_transport *t,
    const uint8_t *cookie, size_t cookie_len, struct tcpinc_auth_replay *rp,
    struct tcpinc_auth_result *r)
{
	uint8_t msg[TCPINC_AUTH_MSG_MAX];
	enum tcpinc_auth_error e;
	size_t len;

	if (!tcpinc_auth_run_args(t, r))
		return (TCPINC_AUTH_E_ARGUMENT);
	e = tcpinc_auth_session_read(t, &r->session, &r->detail);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_cookie_create(&r->session, cookie, cookie_len,
		    msg, sizeof(msg), &len);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_run_send(t, r, msg, len);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_recv_msg(t, msg, sizeof(msg), &len, &r->detail);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_replay_classify(rp, msg, len,
		    tcpinc_auth_cookie_consume(&r->session, cookie, cookie_len,
		    msg, len));
	if (e != TCPINC_AUTH_OK)
		return (tcpinc_auth_run_fail(t, r, e));
	tcpinc_auth_replay_record(rp, &r->session);
	r->peer_authenticated = true;
	r->self_proved = true;
	return (TCPINC_AUTH_OK);
}

enum tcpinc_auth_error
tcpinc_auth_sig_run(const struct tcpinc_auth_transport *t,
    const struct tcpinc_auth_sigconf *c, struct tcpinc_auth_result *r)
{

	return (tcpinc_auth_sig_run_replay(t, c, NULL, r));
}

enum tcpinc_auth_error
tcpinc_auth_sig_run_replay(const struct tcpinc_auth_transport *t,
    const struct tcpinc_auth_sigconf *c, struct tcpinc_auth_replay *rp,
    struct tcpinc_auth_result *r)
{
	uint8_t msg[TCPINC_AUTH_MSG_MAX];
	enum tcpinc_auth_error e;
	size_t len;
	bool verified;

	if (!tcpinc_auth_run_args(t, r))
		return (TCPINC_AUTH_E_ARGUMENT);
	e = tcpinc_auth_session_read(t, &r->session, &r->detail);
	verified = false;
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_sig_create(&r->session, c, msg, sizeof(msg),
		    &len);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_run_send(t, r, msg, len);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_recv_msg(t, msg, sizeof(msg), &len, &r->detail);
	if (e == TCPINC_AUTH_OK)
		e = tcpinc_auth_replay_classify(rp, msg, len,
		    tcpinc_auth_sig_consume(&r->session, c, msg, len,
		    &verified));
	if (e != TCPINC_AUTH_OK)
		return (tcpinc_auth_run_fail(t, r, e));
	/* Only a verified peer makes a session worth remembering. */
	if (verified)
		tcpinc_auth_replay_record(rp, &r->session);
	r->peer_authenticated = verified;
	r->self_proved = (c->self_sk != NULL);
	return (TCPINC_AUTH_OK);
}
