/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * The fake two-endpoint TCP-ENO transport of auth_fake.h.  Reads block on
 * a condition variable with a 5 s limit so a library bug that waits for
 * bytes that never come fails the test instead of hanging it.
 */

#include <errno.h>
#include <string.h>
#include <time.h>

#include "auth_fake.h"

#define	FAKE_RECV_TIMEOUT_S	5

static void
fake_pipe_init(struct fake_pipe *p)
{

	memset(p, 0, sizeof(*p));
	pthread_mutex_init(&p->mtx, NULL);
	pthread_cond_init(&p->cv, NULL);
}

static void
fake_pipe_destroy(struct fake_pipe *p)
{

	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mtx);
}

static int
fake_pipe_write(struct fake_pipe *p, const void *buf, size_t len)
{
	int error;

	pthread_mutex_lock(&p->mtx);
	error = 0;
	if (p->reset)
		error = EPIPE;
	else if (len > FAKE_PIPE_CAP - p->len)
		error = ENOBUFS;
	else {
		memcpy(p->buf + p->len, buf, len);
		if (p->tamper != NULL)
			p->tamper(p->buf + p->len, len, p->tamper_arg);
		p->len += len;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mtx);
	return (error);
}

/* Data first, then the reset: what a reader would see from TCP. */
static int
fake_pipe_read(struct fake_pipe *p, void *buf, size_t len, size_t *gotp,
    bool nonblock)
{
	struct timespec until;
	size_t n;
	int error;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += nonblock ? 0 : FAKE_RECV_TIMEOUT_S;
	pthread_mutex_lock(&p->mtx);
	error = 0;
	while (p->off == p->len && !p->reset && !p->eof && error == 0)
		error = pthread_cond_timedwait(&p->cv, &p->mtx, &until);
	if (error == ETIMEDOUT && nonblock)
		error = EAGAIN;
	*gotp = 0;
	if (p->off < p->len) {
		n = p->len - p->off;
		if (n > len)
			n = len;
		memcpy(buf, p->buf + p->off, n);
		p->off += n;
		*gotp = n;
		error = 0;
	} else if (p->reset)
		error = ECONNRESET;
	else if (p->eof)
		error = 0;	/* *gotp = 0: end of stream */
	pthread_mutex_unlock(&p->mtx);
	return (error);
}

static void
fake_pipe_reset(struct fake_pipe *p)
{

	pthread_mutex_lock(&p->mtx);
	p->reset = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mtx);
}

void
fake_pipe_inject(struct fake_pipe *p, const uint8_t *buf, size_t len)
{

	(void)fake_pipe_write(p, buf, len);
}

size_t
fake_pipe_written(struct fake_pipe *p)
{
	size_t n;

	pthread_mutex_lock(&p->mtx);
	n = p->len;
	pthread_mutex_unlock(&p->mtx);
	return (n);
}

void
fake_pipe_copy(struct fake_pipe *p, uint8_t *buf, size_t cap, size_t *lenp)
{

	pthread_mutex_lock(&p->mtx);
	*lenp = p->len < cap ? p->len : cap;
	memcpy(buf, p->buf, *lenp);
	pthread_mutex_unlock(&p->mtx);
}

static int
fake_put_int(void *buf, size_t *lenp, int val)
{

	if (*lenp < sizeof(val))
		return (EINVAL);
	memcpy(buf, &val, sizeof(val));
	*lenp = sizeof(val);
	return (0);
}

/* Bytes options never truncate (API.md 2): too short a buffer is EINVAL. */
static int
fake_put_name(const struct fake_end *e, int role, void *buf, size_t *lenp)
{
	uint8_t *p = buf;

	if (*lenp < e->sessid_len + 1)
		return (EINVAL);
	p[0] = (uint8_t)role;
	memcpy(p + 1, e->sessid, e->sessid_len);
	*lenp = e->sessid_len + 1;
	return (0);
}

static int
fake_getopt_ro(struct fake_end *e, int name, void *buf, size_t *lenp)
{
	int peer_role;

	if (e->state == FAKE_DISABLED || !e->connected)
		return (e->connected ? EINVAL : ENOTCONN);
	if (e->notconn_reads > 0) {
		e->notconn_reads--;
		return (ENOTCONN);
	}
	peer_role = e->flip_peer_role ? e->role : 1 - e->role;
	switch (name) {
	case TCP_ENO_SESSID:
		if (*lenp < e->sessid_len)
			return (EINVAL);
		memcpy(buf, e->sessid, e->sessid_len);
		*lenp = e->sessid_len;
		return (0);
	case TCP_ENO_SELF_NAME:
		return (fake_put_name(e, e->role, buf, lenp));
	case TCP_ENO_PEER_NAME:
		return (fake_put_name(e, peer_role, buf, lenp));
	case TCP_ENO_ROLE:
		return (fake_put_int(buf, lenp, e->role));
	case TCP_ENO_PEER_GOPT:
		return (fake_put_int(buf, lenp, e->peer_gopt));
	default:
		return (ENOPROTOOPT);
	}
}

static int
fake_getopt(void *ctx, int name, void *buf, size_t *lenp)
{
	struct fake_end *e = ctx;

	if (e->aborted)
		return (EINVAL);
	if (name == e->fail_opt)
		return (e->fail_errno);
	if (e->state == FAKE_NO_ENO)
		return (ENOPROTOOPT);
	switch (name) {
	case TCP_ENO_SELF_GOPT:
		return (fake_put_int(buf, lenp, e->self_gopt));
	case TCP_ENO_AA_MANDATORY:
		return (fake_put_int(buf, lenp, e->aa_mandatory));
	case TCP_ENO_TEP_MANDATORY:
		return (fake_put_int(buf, lenp, e->tep_mandatory));
	case TCP_ENO_ENABLED:
		return (fake_put_int(buf, lenp, e->enabled));
	default:
		return (fake_getopt_ro(e, name, buf, lenp));
	}
}

static int
fake_setopt(void *ctx, int name, const void *buf, size_t len)
{
	struct fake_end *e = ctx;
	int val;

	if (e->state == FAKE_NO_ENO || e->aborted)
		return (e->aborted ? EINVAL : ENOPROTOOPT);
	if (len != sizeof(int))
		return (EINVAL);
	memcpy(&val, buf, sizeof(val));
	if (name == TCP_CRYPT_CACHE_FLUSH) {
		if (val != 1)
			return (EINVAL);
		e->cache_flushed++;
		return (0);
	}
	if (e->connected)
		return (EISCONN);
	switch (name) {
	case TCP_ENO_SELF_GOPT:
		if (val < 0 || val > 31)
			return (EINVAL);
		e->self_gopt = val;
		return (0);
	case TCP_ENO_AA_MANDATORY:
	case TCP_ENO_TEP_MANDATORY:
		if (val < 0 || val > 1)
			return (EINVAL);
		*(name == TCP_ENO_AA_MANDATORY ? &e->aa_mandatory :
		    &e->tep_mandatory) = val;
		return (0);
	case TCP_ENO_ENABLED:
		if (val < -1 || val > 1)
			return (EINVAL);
		e->enabled = val;
		return (0);
	default:
		return (ENOPROTOOPT);
	}
}

static int
fake_send(void *ctx, const void *buf, size_t len)
{
	struct fake_end *e = ctx;

	if (e->aborted)
		return (EBADF);
	return (fake_pipe_write(e->tx, buf, len));
}

static int
fake_recv(void *ctx, void *buf, size_t len, size_t *gotp)
{
	struct fake_end *e = ctx;

	if (e->aborted)
		return (EBADF);
	return (fake_pipe_read(e->rx, buf, len, gotp, e->nonblock));
}

static void
fake_abort(void *ctx)
{
	struct fake_end *e = ctx;

	e->aborted = true;
	fake_pipe_reset(e->tx);
	fake_pipe_reset(e->rx);
}

static int
fake_wait(void *ctx, unsigned int attempt)
{
	struct fake_end *e = ctx;

	e->wait_calls++;
	return (attempt < e->max_wait ? 0 : ETIMEDOUT);
}

static void
fake_end_init(struct fake_end *e, int role, uint8_t seed)
{
	size_t i;

	memset(e, 0, sizeof(*e));
	e->role = role;
	e->enabled = -1;
	e->fail_opt = -1;
	e->sessid_len = FAKE_SESSID_LEN;
	for (i = 0; i < e->sessid_len; i++)
		e->sessid[i] = (uint8_t)(seed + i);
	e->t.ctx = e;
	e->t.getopt = fake_getopt;
	e->t.setopt = fake_setopt;
	e->t.send = fake_send;
	e->t.recv = fake_recv;
	e->t.abort = fake_abort;
	e->t.wait = fake_wait;
}

void
fake_pair_init(struct fake_pair *p, uint8_t seed)
{

	fake_end_init(&p->a, 0, seed);
	fake_end_init(&p->b, 1, seed);
	fake_pipe_init(&p->ab);
	fake_pipe_init(&p->ba);
	p->a.tx = p->b.rx = &p->ab;
	p->b.tx = p->a.rx = &p->ba;
}

void
fake_pair_mitm(struct fake_pair *p, uint8_t seed_b)
{
	size_t i;

	for (i = 0; i < p->b.sessid_len; i++)
		p->b.sessid[i] = (uint8_t)(seed_b + i);
}

/*
 * The SYN exchange (RFC 8547 section 4.1, draft section 2.1): B's passive
 * bit is forced, each end sees the other's gopt, and AA_MANDATORY on
 * either end disables ENO unless the other set the application-aware bit.
 * A relay answers each side with the gopt that side's real peer sent.
 */
void
fake_pair_connect(struct fake_pair *p)
{
	bool off;

	p->b.self_gopt |= 1;
	p->a.peer_gopt = p->b.self_gopt;
	p->b.peer_gopt = p->a.self_gopt;
	off = p->a.enabled == 0 || p->b.enabled == 0 ||
	    (p->a.aa_mandatory &&
	    (p->a.peer_gopt & TCPINC_AUTH_GOPT_AA) == 0) ||
	    (p->b.aa_mandatory &&
	    (p->b.peer_gopt & TCPINC_AUTH_GOPT_AA) == 0);
	if (off) {
		if (p->a.state == FAKE_ENCRYPTING)
			p->a.state = FAKE_DISABLED;
		if (p->b.state == FAKE_ENCRYPTING)
			p->b.state = FAKE_DISABLED;
	}
	p->a.connected = p->b.connected = true;
}

void
fake_pair_destroy(struct fake_pair *p)
{

	fake_pipe_destroy(&p->ab);
	fake_pipe_destroy(&p->ba);
}

static void *
fake_job_main(void *arg)
{
	struct fake_job *j = arg;

	/* Without a memory, the old entry points (source compatibility). */
	if (j->use_sig && j->replay == NULL)
		j->error = tcpinc_auth_sig_run(&j->end->t, &j->sig, &j->result);
	else if (j->use_sig)
		j->error = tcpinc_auth_sig_run_replay(&j->end->t, &j->sig,
		    j->replay, &j->result);
	else if (j->replay == NULL)
		j->error = tcpinc_auth_cookie_run(&j->end->t, j->cookie,
		    j->cookie_len, &j->result);
	else
		j->error = tcpinc_auth_cookie_run_replay(&j->end->t, j->cookie,
		    j->cookie_len, j->replay, &j->result);
	return (NULL);
}

void
fake_run_pair(struct fake_job *ja, struct fake_job *jb)
{
	pthread_t ta, tb;

	pthread_create(&ta, NULL, fake_job_main, ja);
	pthread_create(&tb, NULL, fake_job_main, jb);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
}

void
fake_run_one(struct fake_job *j)
{

	(void)fake_job_main(j);
}
