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
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 * ARE DISCLAIMED.  IN NO EVENT SHALL THE AUTHOR OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS
 * OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
 * HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
 * LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY
 * OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF
 * SUCH DAMAGE.
 */

/*
 * Helper of tcp_eno_vnet_test (run inside vnet jails): one TCP connection,
 * a fixed pattern of BYTES bytes each way, then the TCP-ENO state of the
 * connection on stdout:
 *   sessid=<hex>|none  negtep=<n>|none  role=<n>|none  errno=<e>
 *
 *   tcp_eno_helper server PORT BYTES [-m] [-d]
 *   tcp_eno_helper client ADDR PORT BYTES [-m] [-d]
 *     -m  TCP_ENO_TEP_MANDATORY = 1
 *     -d  TCP_ENO_ENABLED = 0
 * Exit 0 if the pattern arrived intact both ways, 1 otherwise, 2 on usage.
 * The pattern is ASCII "tcpinc-plaintext-marker " repeated, so a capture
 * can be searched for it (RFC 8548: none of it may appear on the wire).
 */

#include <sys/param.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <err.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char marker[] = "tcpinc-plaintext-marker ";

static void
usage(void)
{

	fprintf(stderr, "usage: tcp_eno_helper server PORT BYTES [-m] [-d]\n"
	    "       tcp_eno_helper client ADDR PORT BYTES [-m] [-d]\n");
	exit(2);
}

static void
set_opts(int s, int mandatory, int disable)
{
	int one = 1, zero = 0;

	if (mandatory && setsockopt(s, IPPROTO_TCP, TCP_ENO_TEP_MANDATORY,
	    &one, sizeof(one)) != 0)
		err(1, "TCP_ENO_TEP_MANDATORY");
	if (disable && setsockopt(s, IPPROTO_TCP, TCP_ENO_ENABLED, &zero,
	    sizeof(zero)) != 0)
		err(1, "TCP_ENO_ENABLED");
}

static int
send_pattern(int s, size_t n)
{
	char buf[4096];
	size_t i, off = 0, k;
	ssize_t w;

	while (off < n) {
		k = MIN(sizeof(buf), n - off);
		for (i = 0; i < k; i++)
			buf[i] = marker[(off + i) % (sizeof(marker) - 1)];
		w = write(s, buf, k);
		if (w <= 0)
			return (-1);
		off += (size_t)w;
	}
	return (0);
}

static int
recv_pattern(int s, size_t n)
{
	char buf[4096];
	size_t i, off = 0;
	ssize_t r;

	while (off < n) {
		r = read(s, buf, MIN(sizeof(buf), n - off));
		if (r <= 0)
			return (-1);
		for (i = 0; i < (size_t)r; i++)
			if (buf[i] != marker[(off + i) % (sizeof(marker) - 1)])
				return (-1);
		off += (size_t)r;
	}
	return (0);
}

static void
report(int s)
{
	unsigned char sid[TCP_ENO_MAX_SESSID];
	socklen_t len;
	int v;
	size_t i;

	len = sizeof(sid);
	if (getsockopt(s, IPPROTO_TCP, TCP_ENO_SESSID, sid, &len) == 0) {
		printf("sessid=");
		for (i = 0; i < len; i++)
			printf("%02x", sid[i]);
		printf("\n");
	} else
		printf("sessid=none errno=%d\n", errno);
	len = sizeof(v);
	if (getsockopt(s, IPPROTO_TCP, TCP_ENO_NEGTEP, &v, &len) == 0)
		printf("negtep=%d\n", v);
	else
		printf("negtep=none\n");
	len = sizeof(v);
	if (getsockopt(s, IPPROTO_TCP, TCP_ENO_ROLE, &v, &len) == 0)
		printf("role=%d\n", v);
	else
		printf("role=none\n");
}

/* Both directions; the side that accepts receives first. */
static int
run(int s, size_t n, int server)
{
	int ok;

	if (server)
		ok = recv_pattern(s, n) == 0 && send_pattern(s, n) == 0;
	else
		ok = send_pattern(s, n) == 0 && recv_pattern(s, n) == 0;
	report(s);
	if (!ok)
		printf("errno=%d\n", errno);
	return (ok ? 0 : 1);
}

int
main(int argc, char **argv)
{
	struct addrinfo hints, *ai;
	int ch, s, l, server, mandatory = 0, disable = 0, one = 1;
	size_t n;

	if (argc < 4)
		usage();
	server = strcmp(argv[1], "server") == 0;
	if (!server && (strcmp(argv[1], "client") != 0 || argc < 5))
		usage();
	n = strtoul(argv[server ? 3 : 4], NULL, 10);
	optind = server ? 4 : 5;
	while ((ch = getopt(argc, argv, "md")) != -1) {
		switch (ch) {
		case 'm':
			mandatory = 1;
			break;
		case 'd':
			disable = 1;
			break;
		default:
			usage();
		}
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (server) {
		hints.ai_flags = AI_PASSIVE;
		hints.ai_family = AF_INET;
		if (getaddrinfo(NULL, argv[2], &hints, &ai) != 0)
			errx(2, "bad port %s", argv[2]);
		l = socket(ai->ai_family, SOCK_STREAM, 0);
		if (l < 0)
			err(1, "socket");
		(void)setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one,
		    sizeof(one));
		set_opts(l, mandatory, disable);
		if (bind(l, ai->ai_addr, ai->ai_addrlen) != 0 ||
		    listen(l, 1) != 0)
			err(1, "bind/listen");
		s = accept(l, NULL, NULL);
		if (s < 0)
			err(1, "accept");
		close(l);
	} else {
		if (getaddrinfo(argv[2], argv[3], &hints, &ai) != 0)
			errx(2, "bad address %s %s", argv[2], argv[3]);
		s = socket(ai->ai_family, SOCK_STREAM, 0);
		if (s < 0)
			err(1, "socket");
		set_opts(s, mandatory, disable);
		if (connect(s, ai->ai_addr, ai->ai_addrlen) != 0) {
			printf("connect errno=%d\n", errno);
			return (1);
		}
	}
	freeaddrinfo(ai);
	return (run(s, n, server));
}
