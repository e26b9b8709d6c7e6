/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * The section 5 exchange of draft-ietf-tcpinc-api as a small state
 * machine, for callers that cannot block: non-blocking sockets in an event
 * loop, and the two-host simulator.  The steps and the checks are those of
 * tcpinc_auth_run.c (session and awareness first, nothing sent before,
 * exactly one message read back, every failure aborts); only the waiting
 * is left to the caller.
 */

#include <errno.h>
#include <string.h>

#include "tcpinc_auth_impl.h"

enum {
	TCPINC_AUTH_AS_SESSION = 1,	/* waiting for the keys */
	TCPINC_AUTH_AS_SEND,
	TCPINC_AUTH_AS_RECV,
	TCPINC_AUTH_AS_DONE,
	TCPINC_AUTH_AS_FAILED
};

static void
tcpinc_auth_async_init(struct tcpinc_auth_async *a)
{

	memset(a, 0, sizeof(*a));
	a->state = TCPINC_AUTH_AS_SESSION;
}

void
tcpinc_auth_async_cookie(struct tcpinc_auth_async *a, const uint8_t *cookie,
    size_t cookie_len)
{

	tcpinc_auth_async_init(a);
	a->cookie = cookie;
	a->cookie_len = cookie_len;
}

void
tcpinc_auth_async_sig(struct tcpinc_auth_async *a,
    const struct tcpinc_auth_sigconf *c)
{

	tcpinc_auth_async_init(a);
	a->use_sig = true;
	if (c != NULL)
		a->sig = *c;
}

void
tcpinc_auth_async_replay(struct tcpinc_auth_async *a,
    struct tcpinc_auth_replay *rp)
{

	if (a != NULL)
		a->replay = rp;
}

static bool
tcpinc_auth_again(int error)
{

	return (error == EAGAIN || error == EWOULDBLOCK);
}

/* Session read without waiting: ENOTCONN only means "not yet". */
static enum tcpinc_auth_error
tcpinc_auth_async_session(struct tcpinc_auth_async *a,
    const struct tcpinc_auth_transport *t)
{
	struct tcpinc_auth_transport nowait;
	enum tcpinc_auth_error e;

	nowait = *t;
	nowait.wait = NULL;
	e = tcpinc_auth_session_read(&nowait, &a->result.session,
	    &a->result.detail);
	if (e == TCPINC_AUTH_E_ENO_NEGOTIATING)
		return (TCPINC_AUTH_INPROGRESS);
	if (e != TCPINC_AUTH_OK)
		return (e);
	if (a->use_sig)
		e = tcpinc_auth_sig_create(&a->result.session, &a->sig, a->msg,
		    sizeof(a->msg), &a->len);
	else
		e = tcpinc_auth_cookie_create(&a->result.session, a->cookie,
		    a->cookie_len, a->msg, sizeof(a->msg), &a->len);
	if (e == TCPINC_AUTH_OK)
		a->state = TCPINC_AUTH_AS_SEND;
	return (e);
}

static enum tcpinc_auth_error
tcpinc_auth_async_send(struct tcpinc_auth_async *a,
    const struct tcpinc_auth_transport *t)
{
	int error;

	error = t->send(t->ctx, a->msg, a->len);
	if (tcpinc_auth_again(error))
		return (TCPINC_AUTH_INPROGRESS);
	if (error != 0)
		return (tcpinc_auth_fail(&a->result.detail, TCPINC_AUTH_E_SEND,
		    error, 0));
	a->len = 0;
	a->state = TCPINC_AUTH_AS_RECV;
	return (TCPINC_AUTH_OK);
}

/* Read no further than the message's own lengths allow. */
static enum tcpinc_auth_error
tcpinc_auth_async_recv(struct tcpinc_auth_async *a,
    const struct tcpinc_auth_transport *t)
{
	enum tcpinc_auth_error e;
	size_t got, need;
	int error;

	for (;;) {
		e = tcpinc_auth_msg_need(a->msg, a->len, &need);
		if (e != TCPINC_AUTH_OK)
			return (e);
		if (need == a->len)
			break;
		if (need > sizeof(a->msg))
			return (TCPINC_AUTH_E_MSG_MALFORMED);
		error = t->recv(t->ctx, a->msg + a->len, need - a->len, &got);
		if (tcpinc_auth_again(error))
			return (TCPINC_AUTH_INPROGRESS);
		if (error != 0)
			return (tcpinc_auth_fail(&a->result.detail,
			    TCPINC_AUTH_E_RECV, error, 0));
		if (got == 0)
			return (TCPINC_AUTH_E_PEER_CLOSED);
		if (got > need - a->len)
			return (TCPINC_AUTH_E_RECV);
		a->len += got;
	}
	return (TCPINC_AUTH_OK);
}

static enum tcpinc_auth_error
tcpinc_auth_async_consume(struct tcpinc_auth_async *a)
{
	enum tcpinc_auth_error e;
	bool verified;

	if (!a->use_sig) {
		e = tcpinc_auth_replay_classify(a->replay, a->msg, a->len,
		    tcpinc_auth_cookie_consume(&a->result.session, a->cookie,
		    a->cookie_len, a->msg, a->len));
		verified = (e == TCPINC_AUTH_OK);
		a->result.self_proved = (e == TCPINC_AUTH_OK);
	} else {
		e = tcpinc_auth_replay_classify(a->replay, a->msg, a->len,
		    tcpinc_auth_sig_consume(&a->result.session, &a->sig, a->msg,
		    a->len, &verified));
		verified = (e == TCPINC_AUTH_OK && verified);
		a->result.self_proved = (e == TCPINC_AUTH_OK &&
		    a->sig.self_sk != NULL);
	}
	a->result.peer_authenticated = verified;
	if (verified)
		tcpinc_auth_replay_record(a->replay, &a->result.session);
	return (e);
}

enum tcpinc_auth_error
tcpinc_auth_async_step(struct tcpinc_auth_async *a,
    const struct tcpinc_auth_transport *t)
{
	enum tcpinc_auth_error e;

	if (a == NULL || t == NULL || t->abort == NULL)
		return (TCPINC_AUTH_E_ARGUMENT);
	if (a->state == TCPINC_AUTH_AS_DONE)
		return (TCPINC_AUTH_OK);
	if (a->state == TCPINC_AUTH_AS_FAILED)
		return (a->result.detail.error);
	e = TCPINC_AUTH_OK;
	if (a->state == TCPINC_AUTH_AS_SESSION)
		e = tcpinc_auth_async_session(a, t);
	if (e == TCPINC_AUTH_OK && a->state == TCPINC_AUTH_AS_SEND)
		e = tcpinc_auth_async_send(a, t);
	if (e == TCPINC_AUTH_OK && a->state == TCPINC_AUTH_AS_RECV) {
		e = tcpinc_auth_async_recv(a, t);
		if (e == TCPINC_AUTH_OK)
			e = tcpinc_auth_async_consume(a);
		if (e == TCPINC_AUTH_OK)
			a->state = TCPINC_AUTH_AS_DONE;
	}
	if (e == TCPINC_AUTH_INPROGRESS || e == TCPINC_AUTH_OK)
		return (e);
	a->state = TCPINC_AUTH_AS_FAILED;
	return (tcpinc_auth_run_fail(t, &a->result, e));
}
