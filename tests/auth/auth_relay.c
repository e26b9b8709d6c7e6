/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * auth-relay: the man in the middle of draft-ietf-tcpinc-api section 6,
 * for tests only.  It accepts one TCP connection, opens another to the real
 * server, and forwards bytes both ways.  Each leg is its own TCP-ENO
 * session with its own session ID; the relay sets the application-aware
 * bit on both, as a capable attacker would, so that the authenticators are
 * exchanged and then rejected (TCPINC_AUTH_E_SESSION_MISMATCH) rather than
 * never sent.
 *
 *   auth-relay [-l addr] -p port host port
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <err.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcpinc_auth.h"

static void
relay_mark(int fd)
{
	struct tcpinc_auth_transport t;
	struct tcpinc_auth_fd f;

	tcpinc_auth_transport_fd(&t, &f, fd);
	if (tcpinc_auth_mark_aware(&t, 0, NULL) != TCPINC_AUTH_OK)
		warnx("relay: cannot set the application-aware bit");
}

static int
relay_socket(const char *host, const char *port, bool passive)
{
	struct addrinfo hints, *res;
	int error, fd, one;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = passive ? AI_PASSIVE : 0;
	error = getaddrinfo(host, port, &hints, &res);
	if (error != 0)
		errx(1, "%s: %s", port, gai_strerror(error));
	fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
	if (fd < 0)
		err(1, "socket");
	relay_mark(fd);
	one = 1;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (passive) {
		if (bind(fd, res->ai_addr, res->ai_addrlen) != 0 ||
		    listen(fd, 1) != 0)
			err(1, "bind/listen");
	} else if (connect(fd, res->ai_addr, res->ai_addrlen) != 0)
		err(1, "connect %s %s", host, port);
	freeaddrinfo(res);
	return (fd);
}

/* Copies what is readable from one side to the other; false at the end. */
static bool
relay_pump(int from, int to)
{
	char buf[4096];
	ssize_t n;

	n = read(from, buf, sizeof(buf));
	if (n <= 0)
		return (false);
	return (write(to, buf, (size_t)n) == n);
}

int
main(int argc, char **argv)
{
	struct sockaddr_storage ss;
	struct pollfd pfd[2];
	const char *addr, *port;
	socklen_t len;
	int ch, lfd, a, b;

	addr = NULL;
	port = NULL;
	while ((ch = getopt(argc, argv, "l:p:")) != -1) {
		if (ch == 'l')
			addr = optarg;
		else if (ch == 'p')
			port = optarg;
		else
			errx(1, "usage: auth-relay [-l addr] -p port host port");
	}
	if (port == NULL || argc - optind != 2)
		errx(1, "usage: auth-relay [-l addr] -p port host port");
	lfd = relay_socket(addr, port, true);
	len = sizeof(ss);
	if (getsockname(lfd, (struct sockaddr *)&ss, &len) == 0)
		printf("relay: listening on port %d\n", ntohs(ss.ss_family ==
		    AF_INET ? ((struct sockaddr_in *)&ss)->sin_port :
		    ((struct sockaddr_in6 *)&ss)->sin6_port));
	fflush(stdout);
	a = accept(lfd, NULL, NULL);
	if (a < 0)
		err(1, "accept");
	b = relay_socket(argv[optind], argv[optind + 1], false);
	pfd[0].fd = a;
	pfd[1].fd = b;
	pfd[0].events = pfd[1].events = POLLIN;
	while (poll(pfd, 2, 10000) > 0) {
		if (pfd[0].revents != 0 && !relay_pump(a, b))
			break;
		if (pfd[1].revents != 0 && !relay_pump(b, a))
			break;
	}
	close(a);
	close(b);
	close(lfd);
	return (0);
}
