/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * tcpinc-auth-client: connect, authenticate the TCP-ENO session ID with
 * the cookie or signature scheme of draft-ietf-tcpinc-api section 5
 * (tools/tcpinc_auth), print the session ID and the verdict, then send one
 * line and print the answer.  The application-aware bit is set before
 * connect(2), as section 5 asks.
 *
 *   tcpinc-auth-client [-46mt] [-d text] (-c cookie-file |
 *       [-k key-file] [-P peer-pub-file]) host port
 *   tcpinc-auth-client -G prefix       (write prefix.key, prefix.pub)
 */

#include <sys/types.h>
#include <sys/socket.h>

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

	fprintf(stderr, "usage: tcpinc-auth-client [-46mt] [-d text] "
	    "(-c cookie-file |\n"
	    "           [-k key-file] [-P peer-pub-file]) host port\n"
	    "       tcpinc-auth-client -G prefix\n");
	exit(EX_AUTH_SYS);
}

static int
connect_to(struct example_conf *c, const char *host, const char *port)
{
	struct tcpinc_auth_transport t;
	struct tcpinc_auth_detail d;
	struct tcpinc_auth_fd f;
	struct addrinfo hints, *res;
	enum tcpinc_auth_error e;
	int error, fd;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = c->family == NULL ? AF_UNSPEC :
	    c->family[0] == '4' ? AF_INET : AF_INET6;
	hints.ai_socktype = SOCK_STREAM;
	error = getaddrinfo(host, port, &hints, &res);
	if (error != 0)
		errx(EX_AUTH_SYS, "%s: %s", host, gai_strerror(error));
	fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
	if (fd < 0)
		err(EX_AUTH_SYS, "socket");
	/* Draft section 5: set the bit before connect(2). */
	tcpinc_auth_transport_fd(&t, &f, fd);
	e = tcpinc_auth_mark_aware(&t, c->mark_flags, &d);
	if (e != TCPINC_AUTH_OK)
		errx(EX_AUTH_FAILED, "mark application-aware: %s (%s)",
		    tcpinc_auth_strerror(e), strerror(d.sys_errno));
	if (connect(fd, res->ai_addr, res->ai_addrlen) != 0)
		err(EX_AUTH_SYS, "connect %s %s", host, port);
	freeaddrinfo(res);
	return (fd);
}

int
main(int argc, char **argv)
{
	struct example_conf c;
	const char *text;
	char line[300], buf[400];
	ssize_t n;
	int ch, fd, len;

	memset(&c, 0, sizeof(c));
	text = "hello over an authenticated session";
	while ((ch = getopt(argc, argv, "46c:d:G:k:mP:t")) != -1) {
		if (example_option(&c, ch, optarg))
			continue;
		if (ch == 'G')
			example_keygen(optarg);
		else if (ch == 'd')
			text = optarg;
		else
			usage();
	}
	if (argc - optind != 2)
		usage();
	example_check_conf(&c, "tcpinc-auth-client");
	fd = connect_to(&c, argv[optind], argv[optind + 1]);
	if (example_authenticate(&c, fd, "client") != TCPINC_AUTH_OK) {
		example_wipe(&c);
		/* The library has already reset and closed fd. */
		return (EX_AUTH_FAILED);
	}
	example_wipe(&c);
	len = snprintf(line, sizeof(line), "%s\n", text);
	if (len < 0 || (size_t)len >= sizeof(line))
		errx(EX_AUTH_SYS, "text too long");
	if (send(fd, line, (size_t)len, 0) != len)
		err(EX_AUTH_SYS, "send");
	n = recv(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		err(EX_AUTH_SYS, "recv");
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	printf("client: data received \"%s\"\n", buf);
	close(fd);
	return (EX_AUTH_OK);
}
