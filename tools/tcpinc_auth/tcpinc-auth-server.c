/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * tcpinc-auth-server: accept TCP connections, authenticate each TCP-ENO
 * session ID with the cookie or signature scheme of draft-ietf-tcpinc-api
 * section 5 (tools/tcpinc_auth), print the session ID and the verdict,
 * then answer one line of data.  The application-aware bit is set on the
 * listening socket, which accepted sockets inherit (API.md section 2).
 *
 *   tcpinc-auth-server [-46mt] [-l addr] [-n count] -p port
 *       (-c cookie-file | [-k key-file] [-P peer-pub-file])
 *   tcpinc-auth-server [-46] [-l addr] [-n count] -p port -U
 *   tcpinc-auth-server -G prefix       (write prefix.key, prefix.pub)
 *
 * -U plays a legacy application on a TCP-ENO host: it does not set the
 * application-aware bit, authenticates nothing and just answers, so a
 * client's TCPINC_AUTH_E_PEER_NOT_AWARE and AA_MANDATORY paths can be
 * shown.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <arpa/inet.h>
#include <err.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcpinc_auth_example.h"

static void
usage(void)
{

	fprintf(stderr, "usage: tcpinc-auth-server [-46mt] [-l addr] "
	    "[-n count] -p port\n"
	    "           (-c cookie-file | [-k key-file] [-P peer-pub-file])\n"
	    "       tcpinc-auth-server [-46] [-l addr] [-n count] -p port -U\n"
	    "       tcpinc-auth-server -G prefix\n");
	exit(EX_AUTH_SYS);
}

static int
listen_on(struct example_conf *c, const char *addr, const char *port,
    bool unaware)
{
	struct tcpinc_auth_transport t;
	struct tcpinc_auth_detail d;
	struct tcpinc_auth_fd f;
	struct addrinfo hints, *res;
	struct sockaddr_storage ss;
	enum tcpinc_auth_error e;
	socklen_t sslen;
	int error, fd, one;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = c->family == NULL ? AF_UNSPEC :
	    c->family[0] == '4' ? AF_INET : AF_INET6;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	error = getaddrinfo(addr, port, &hints, &res);
	if (error != 0)
		errx(EX_AUTH_SYS, "%s: %s", port, gai_strerror(error));
	fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
	if (fd < 0)
		err(EX_AUTH_SYS, "socket");
	one = 1;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* Draft section 5: set the bit before listen(2). */
	tcpinc_auth_transport_fd(&t, &f, fd);
	e = unaware ? TCPINC_AUTH_OK : tcpinc_auth_mark_aware(&t,
	    c->mark_flags, &d);
	if (e != TCPINC_AUTH_OK)
		errx(EX_AUTH_FAILED, "mark application-aware: %s (%s)",
		    tcpinc_auth_strerror(e), strerror(d.sys_errno));
	if (bind(fd, res->ai_addr, res->ai_addrlen) != 0)
		err(EX_AUTH_SYS, "bind");
	if (listen(fd, 8) != 0)
		err(EX_AUTH_SYS, "listen");
	freeaddrinfo(res);
	/* With -p 0 the caller learns the port from this line. */
	sslen = sizeof(ss);
	if (getsockname(fd, (struct sockaddr *)&ss, &sslen) == 0)
		printf("server: listening on port %d\n", ntohs(ss.ss_family ==
		    AF_INET ? ((struct sockaddr_in *)&ss)->sin_port :
		    ((struct sockaddr_in6 *)&ss)->sin6_port));
	fflush(stdout);
	return (fd);
}

/* After authentication: read one line, answer it, close. */
static int
serve_data(int fd)
{
	char buf[256], reply[300];
	ssize_t n;
	int len;

	n = recv(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0) {
		warn("server: recv");
		close(fd);
		return (EX_AUTH_SYS);
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	printf("server: data received \"%s\"\n", buf);
	len = snprintf(reply, sizeof(reply), "echo: %s\n", buf);
	if (send(fd, reply, (size_t)len, 0) != len)
		warn("server: send");
	close(fd);
	return (EX_AUTH_OK);
}

int
main(int argc, char **argv)
{
	struct example_conf c;
	const char *addr, *port;
	int ch, count, fd, lfd, status;
	bool unaware;

	memset(&c, 0, sizeof(c));
	addr = NULL;
	port = NULL;
	count = 1;
	unaware = false;
	while ((ch = getopt(argc, argv, "46c:G:k:l:mn:P:p:tU")) != -1) {
		if (example_option(&c, ch, optarg))
			continue;
		if (ch == 'G')
			example_keygen(optarg);
		else if (ch == 'l')
			addr = optarg;
		else if (ch == 'n')
			count = atoi(optarg);
		else if (ch == 'p')
			port = optarg;
		else if (ch == 'U')
			unaware = true;
		else
			usage();
	}
	if (port == NULL || count < 1 || optind != argc)
		usage();
	if (!unaware)
		example_check_conf(&c, "tcpinc-auth-server");
	lfd = listen_on(&c, addr, port, unaware);
	status = EX_AUTH_OK;
	while (count-- > 0) {
		fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			err(EX_AUTH_SYS, "accept");
		/* On failure the library has already reset the connection. */
		if (unaware)
			printf("server: unaware, not authenticating\n");
		else if (example_authenticate(&c, fd, "server") !=
		    TCPINC_AUTH_OK) {
			status = EX_AUTH_FAILED;
			continue;
		}
		if (serve_data(fd) != EX_AUTH_OK)
			status = EX_AUTH_SYS;
	}
	close(lfd);
	example_wipe(&c);
	return (status);
}
