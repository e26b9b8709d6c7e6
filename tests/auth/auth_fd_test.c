/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * The default socket transport of tools/tcpinc_auth on a host stack
 * without TCP-ENO (Linux): every TCP_ENO_* option call fails, and draft
 * section 6 requires that to end in an error, never in "authenticated".
 * Over a real loopback TCP connection we check that the run fails with
 * TCPINC_AUTH_E_GETSOCKOPT, sends nothing, and resets the connection.
 * Ends with "N passed, M failed".
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tcpinc_auth.h"

static int npass, nfail;

#define	CHECK(cond) do {						\
	if (cond)							\
		npass++;						\
	else {								\
		nfail++;						\
		printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);	\
	}								\
} while (0)

static const uint8_t cookie[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    13, 14, 15, 16 };

/* A connected loopback pair; -1 in both on failure. */
static void
tcp_pair(int *cfd, int *sfd)
{
	struct sockaddr_in sin;
	socklen_t slen;
	int lfd;

	*cfd = *sfd = -1;
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	slen = sizeof(sin);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    listen(lfd, 1) != 0 ||
	    getsockname(lfd, (struct sockaddr *)&sin, &slen) != 0)
		goto out;
	*cfd = socket(AF_INET, SOCK_STREAM, 0);
	if (*cfd < 0 || connect(*cfd, (struct sockaddr *)&sin,
	    sizeof(sin)) != 0)
		goto out;
	*sfd = accept(lfd, NULL, NULL);
out:
	if (lfd >= 0)
		close(lfd);
}

static void
test_mark_aware_fails(void)
{
	struct tcpinc_auth_transport t;
	struct tcpinc_auth_detail d;
	struct tcpinc_auth_fd f;
	int fd;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(fd >= 0);
	tcpinc_auth_transport_fd(&t, &f, fd);
	CHECK(tcpinc_auth_mark_aware(&t, TCPINC_AUTH_MARK_AA_MANDATORY, &d) ==
	    TCPINC_AUTH_E_GETSOCKOPT);
	CHECK(d.option == TCP_ENO_SELF_GOPT && d.sys_errno != 0);
	printf("mark_aware on this host: %s (%s)\n",
	    tcpinc_auth_error_name(d.error), strerror(d.sys_errno));
	close(fd);
}

static void
test_run_fails(bool use_sig)
{
	uint8_t sk[32], pk[32], buf[16];
	struct tcpinc_auth_sigconf conf;
	struct tcpinc_auth_transport t;
	struct tcpinc_auth_result r;
	struct tcpinc_auth_fd f;
	enum tcpinc_auth_error e;
	int cfd, sfd;
	ssize_t n;

	tcp_pair(&cfd, &sfd);
	CHECK(cfd >= 0 && sfd >= 0);
	if (cfd < 0 || sfd < 0)
		return;
	tcpinc_auth_transport_fd(&t, &f, cfd);
	if (use_sig) {
		CHECK(tcpinc_auth_ed25519_keygen(sk, pk) == TCPINC_AUTH_OK);
		conf.self_sk = sk;
		conf.peer_pk = pk;
		e = tcpinc_auth_sig_run(&t, &conf, &r);
	} else
		e = tcpinc_auth_cookie_run(&t, cookie, sizeof(cookie), &r);
	CHECK(e == TCPINC_AUTH_E_GETSOCKOPT);
	CHECK(r.detail.option == TCP_ENO_SESSID);
	CHECK(!r.peer_authenticated && !r.self_proved);
	CHECK(f.fd == -1);		/* aborted and closed */
	/* The peer sees a reset and not one byte of authenticator. */
	n = recv(sfd, buf, sizeof(buf), 0);
	CHECK(n < 0 && errno == ECONNRESET);
	close(sfd);
}

int
main(void)
{

	test_mark_aware_fails();
	test_run_fails(false);
	test_run_fails(true);
	printf("%d passed, %d failed\n", npass, nfail);
	return (nfail == 0 ? 0 : 1);
}
