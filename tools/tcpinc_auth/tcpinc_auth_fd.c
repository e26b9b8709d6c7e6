/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * The default tcpinc_auth transport: a connected TCP socket, with the
 * TCP_ENO_* options of draft-ietf-tcpinc-api section 4.1 at level
 * IPPROTO_TCP.  On a stack without TCP-ENO (Linux, unpatched FreeBSD) the
 * option calls fail (ENOPROTOOPT) and authentication ends in
 * TCPINC_AUTH_E_GETSOCKOPT, never in success.
 *
 * abort() resets the connection (SO_LINGER 0, then close) and sets the
 * struct's fd to -1: after a failed run the caller must not use it.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "tcpinc_auth.h"

#define	TCPINC_AUTH_FD_WAIT_MS		10
/* 300 x 10 ms: 3 s for tcpcrypt's key exchange to finish. */
#define	TCPINC_AUTH_FD_WAIT_TRIES	300

static int
tcpinc_auth_fd_getopt(void *ctx, int name, void *buf, size_t *lenp)
{
	struct tcpinc_auth_fd *f = ctx;
	socklen_t len;

	if (f->fd < 0)
		return (EBADF);
	len = (socklen_t)*lenp;
	if (getsockopt(f->fd, IPPROTO_TCP, name, buf, &len) != 0)
		return (errno != 0 ? errno : EIO);
	*lenp = len;
	return (0);
}

static int
tcpinc_auth_fd_setopt(void *ctx, int name, const void *buf, size_t len)
{
	struct tcpinc_auth_fd *f = ctx;

	if (f->fd < 0)
		return (EBADF);
	if (setsockopt(f->fd, IPPROTO_TCP, name, buf, (socklen_t)len) != 0)
		return (errno != 0 ? errno : EIO);
	return (0);
}

static int
tcpinc_auth_fd_send(void *ctx, const void *buf, size_t len)
{
	struct tcpinc_auth_fd *f = ctx;
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = send(f->fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return (n < 0 && errno != 0 ? errno : EIO);
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

static int
tcpinc_auth_fd_recv(void *ctx, void *buf, size_t len, size_t *gotp)
{
	struct tcpinc_auth_fd *f = ctx;
	ssize_t n;

	do {
		n = recv(f->fd, buf, len, 0);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return (errno != 0 ? errno : EIO);
	*gotp = (size_t)n;
	return (0);
}

static void
tcpinc_auth_fd_abort(void *ctx)
{
	struct tcpinc_auth_fd *f = ctx;
	struct linger l;

	if (f->fd < 0)
		return;
	/* A reset, not a FIN: the peer must not take this for a clean end. */
	l.l_onoff = 1;
	l.l_linger = 0;
	(void)setsockopt(f->fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	(void)close(f->fd);
	f->fd = -1;
}

static int
tcpinc_auth_fd_wait(void *ctx, unsigned int attempt)
{
	struct tcpinc_auth_fd *f = ctx;
	struct timespec ts;

	if (attempt >= f->wait_tries)
		return (ETIMEDOUT);
	ts.tv_sec = f->wait_ms / 1000;
	ts.tv_nsec = (long)(f->wait_ms % 1000) * 1000000L;
	(void)nanosleep(&ts, NULL);
	return (0);
}

void
tcpinc_auth_transport_fd(struct tcpinc_auth_transport *t,
    struct tcpinc_auth_fd *f, int fd)
{

	f->fd = fd;
	f->wait_ms = TCPINC_AUTH_FD_WAIT_MS;
	f->wait_tries = TCPINC_AUTH_FD_WAIT_TRIES;
	t->ctx = f;
	t->getopt = tcpinc_auth_fd_getopt;
	t->setopt = tcpinc_auth_fd_setopt;
	t->send = tcpinc_auth_fd_send;
	t->recv = tcpinc_auth_fd_recv;
	t->abort = tcpinc_auth_fd_abort;
	t->wait = tcpinc_auth_fd_wait;
}
