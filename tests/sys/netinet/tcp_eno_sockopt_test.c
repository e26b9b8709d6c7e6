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
 * The socket options of draft-ietf-tcpinc-api 2.1 as API.md maps them onto
 * FreeBSD, on real sockets: defaults, bad values (EINVAL), read-only
 * options while negotiating (ENOTCONN) and when ENO is off (EINVAL), RW
 * options after the SYN (EISCONN), short buffers (EINVAL, nothing copied),
 * and an encrypted loopback connection whose two ends agree on the session
 * ID, the negotiated TEP, the roles and the mirrored names (RFC 8547 5.1).
 * Skipped on a kernel without options TCP_ENO.
 */

#include <sys/param.h>
#include <sys/socket.h>
#include <sys/sysctl.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#define	TEPS_DEFAULT	"0x21,0x23"

static void
require_eno(void)
{
	size_t len = 0;

	if (sysctlbyname("net.inet.tcp.eno.teps", NULL, &len, NULL, 0) != 0)
		atf_tc_skip("kernel without options TCP_ENO (%s)",
		    strerror(errno));
}

static int
tcp_socket(int family)
{
	int s;

	s = socket(family, SOCK_STREAM, 0);
	ATF_REQUIRE_MSG(s >= 0, "socket: %s", strerror(errno));
	return (s);
}

static int
getint(int s, int name, int *v)
{
	socklen_t len = sizeof(*v);

	return (getsockopt(s, IPPROTO_TCP, name, v, &len));
}

static int
setint(int s, int name, int v)
{

	return (setsockopt(s, IPPROTO_TCP, name, &v, sizeof(v)));
}

static void
expect_errno(int rv, int want, const char *what)
{

	ATF_REQUIRE_MSG(rv == -1 && errno == want,
	    "%s: want %s, got rv %d (%s)", what, strerror(want), rv,
	    rv == -1 ? strerror(errno) : "success");
}

/* A connected loopback pair: *a connect(2)ed, *b accept(2)ed. */
static void
loopback_pair(int family, int *a, int *b, void (*prep)(int, int))
{
	struct sockaddr_storage ss;
	socklen_t len;
	int l;

	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_len = sizeof(*sin);
		sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_len = sizeof(*sin6);
		sin6->sin6_addr = in6addr_loopback;
	}
	l = tcp_socket(family);
	*a = tcp_socket(family);
	if (prep != NULL)
		prep(l, *a);
	ATF_REQUIRE_MSG(bind(l, (struct sockaddr *)&ss, ss.ss_len) == 0,
	    "bind: %s", strerror(errno));
	ATF_REQUIRE_MSG(listen(l, 1) == 0, "listen: %s", strerror(errno));
	len = sizeof(ss);
	ATF_REQUIRE(getsockname(l, (struct sockaddr *)&ss, &len) == 0);
	ATF_REQUIRE_MSG(connect(*a, (struct sockaddr *)&ss, len) == 0,
	    "connect: %s", strerror(errno));
	*b = accept(l, NULL, NULL);
	ATF_REQUIRE_MSG(*b >= 0, "accept: %s", strerror(errno));
	close(l);
}

/* Keys exist after Init1/Init2: exchange a byte each way first. */
static void
exchange(int a, int b)
{
	char c = 'x';

	ATF_REQUIRE(write(a, &c, 1) == 1);
	ATF_REQUIRE_MSG(read(b, &c, 1) == 1, "read: %s", strerror(errno));
	ATF_REQUIRE(write(b, &c, 1) == 1);
	ATF_REQUIRE_MSG(read(a, &c, 1) == 1, "read: %s", strerror(errno));
}

ATF_TC(sockopt_defaults_v4);
ATF_TC_HEAD(sockopt_defaults_v4, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "RW options read their defaults on a fresh socket (API.md 3)");
}
ATF_TC_BODY(sockopt_defaults_v4, tc)
{
	uint8_t buf[64];
	socklen_t len;
	int s, v;

	require_eno();
	s = tcp_socket(AF_INET);
	ATF_REQUIRE(getint(s, TCP_ENO_ENABLED, &v) == 0);
	ATF_CHECK_EQ(v, -1);
	ATF_REQUIRE(getint(s, TCP_ENO_SELF_GOPT, &v) == 0);
	ATF_CHECK_EQ(v, 0);
	ATF_REQUIRE(getint(s, TCP_ENO_AA_MANDATORY, &v) == 0);
	ATF_CHECK_EQ(v, 0);
	ATF_REQUIRE(getint(s, TCP_ENO_TEP_MANDATORY, &v) == 0);
	ATF_CHECK_EQ(v, 0);
	len = sizeof(buf);
	ATF_REQUIRE(getsockopt(s, IPPROTO_TCP, TCP_ENO_TEPS, buf, &len) == 0);
	ATF_CHECK_EQ(len, 2);
	ATF_CHECK(buf[0] == 0x21 && buf[1] == 0x23);
	len = sizeof(buf);
	ATF_REQUIRE(getsockopt(s, IPPROTO_TCP, TCP_ENO_RAW, buf, &len) == 0);
	ATF_CHECK_EQ(len, 0);
	len = sizeof(buf);
	ATF_REQUIRE(getsockopt(s, IPPROTO_TCP, TCP_CRYPT_ACONF, buf,
	    &len) == 0);
	ATF_CHECK_EQ(len, 6);
	close(s);
}

ATF_TC(sockopt_bad_values_v4);
ATF_TC_HEAD(sockopt_bad_values_v4, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "Out-of-range ints, bad lengths and unknown TEPs fail with EINVAL "
	    "and change nothing (API.md 2, 3)");
}
ATF_TC_BODY(sockopt_bad_values_v4, tc)
{
	uint8_t teps_low[] = { 0x1f }, teps_high[] = { 0x85 };
	uint8_t teps_unknown[] = { 0x7e }, odd[] = { 0x00, 0x01, 0x00 };
	uint8_t raw_long[TCP_ENO_MAX_RAW + 1];
	uint8_t teps[TCP_ENO_MAX_TEPS + 1];
	int s, v;
	char c = 1;

	require_eno();
	s = tcp_socket(AF_INET);
	expect_errno(setint(s, TCP_ENO_ENABLED, 2), EINVAL, "ENABLED 2");
	expect_errno(setint(s, TCP_ENO_ENABLED, -2), EINVAL, "ENABLED -2");
	expect_errno(setsockopt(s, IPPROTO_TCP, TCP_ENO_ENABLED, &c, 1),
	    EINVAL, "ENABLED one byte");
	expect_errno(setint(s, TCP_ENO_SELF_GOPT, 32), EINVAL, "GOPT 32");
	expect_errno(setint(s, TCP_ENO_AA_MANDATORY, 2), EINVAL, "AA 2");
	expect_errno(setint(s, TCP_ENO_TEP_MANDATORY, 2), EINVAL, "TEPM 2");
	expect_errno(setsockopt(s, IPPROTO_TCP, TCP_ENO_TEPS, teps_low, 1),
	    EINVAL, "TEP 0x1f");
	expect_errno(setsockopt(s, IPPROTO_TCP, TCP_ENO_TEPS, teps_high, 1),
	    EINVAL, "TEP 0x85");
	expect_errno(setsockopt(s, IPPROTO_TCP, TCP_ENO_TEPS, teps_unknown,
	    1), EINVAL, "TEP not implemented");
	memset(teps, 0x21, sizeof(teps));
	expect_errno(setsockopt(s, IPPROTO_TCP, TCP_ENO_TEPS, teps,
	    sizeof(teps)), EINVAL, "too many TEPs");
	memset(raw_long, 0x21, sizeof(raw_long));
	expect_errno(setsockopt(s, IPPROTO_TCP, TCP_ENO_RAW, raw_long,
	    sizeof(raw_long)), EINVAL, "RAW too long");
	expect_errno(setsockopt(s, IPPROTO_TCP, TCP_CRYPT_ACONF, odd,
	    sizeof(odd)), EINVAL, "ACONF odd length");
	expect_errno(setsockopt(s, IPPROTO_TCP, TCP_CRYPT_BCONF, odd, 0),
	    EINVAL, "BCONF empty");
	expect_errno(setint(s, TCP_CRYPT_CACHE_FLUSH, 2), EINVAL,
	    "CACHE_FLUSH 2");
	expect_errno(getint(s, TCP_CRYPT_CACHE_FLUSH, &v), EINVAL,
	    "CACHE_FLUSH read");
	expect_errno(setint(s, TCP_ENO_NEGTEP, 0x21), EINVAL, "set NEGTEP");
	/* Nothing changed. */
	ATF_REQUIRE(getint(s, TCP_ENO_ENABLED, &v) == 0);
	ATF_CHECK_EQ(v, -1);
	close(s);
}

ATF_TC(sockopt_set_and_read_back_v6);
ATF_TC_HEAD(sockopt_set_and_read_back_v6, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "RW options read back the last value written (API.md 2)");
}
ATF_TC_BODY(sockopt_set_and_read_back_v6, tc)
{
	uint8_t teps[] = { 0x23, 0x21 }, aconf[] = { 0x00, 0x10 };
	uint8_t buf[32];
	socklen_t len;
	int s, v;

	require_eno();
	s = tcp_socket(AF_INET6);
	ATF_REQUIRE(setint(s, TCP_ENO_ENABLED, 1) == 0);
	ATF_REQUIRE(getint(s, TCP_ENO_ENABLED, &v) == 0);
	ATF_CHECK_EQ(v, 1);
	ATF_REQUIRE(setint(s, TCP_ENO_SELF_GOPT, 2) == 0);
	ATF_REQUIRE(getint(s, TCP_ENO_SELF_GOPT, &v) == 0);
	ATF_CHECK_EQ(v, 2);
	ATF_REQUIRE(setsockopt(s, IPPROTO_TCP, TCP_ENO_TEPS, teps,
	    sizeof(teps)) == 0);
	len = sizeof(buf);
	ATF_REQUIRE(getsockopt(s, IPPROTO_TCP, TCP_ENO_TEPS, buf, &len) == 0);
	ATF_CHECK(len == sizeof(teps) && memcmp(buf, teps, len) == 0);
	ATF_REQUIRE(setsockopt(s, IPPROTO_TCP, TCP_CRYPT_ACONF, aconf,
	    sizeof(aconf)) == 0);
	len = sizeof(buf);
	ATF_REQUIRE(getsockopt(s, IPPROTO_TCP, TCP_CRYPT_ACONF, buf,
	    &len) == 0);
	ATF_CHECK(len == sizeof(aconf) && memcmp(buf, aconf, len) == 0);
	ATF_REQUIRE(setint(s, TCP_CRYPT_CACHE_FLUSH, 1) == 0);
	close(s);
}

ATF_TC(sockopt_read_only_unconnected_v4);
ATF_TC_HEAD(sockopt_read_only_unconnected_v4, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "Read-only options never report an absent session ID as empty "
	    "(draft 6): EINVAL or ENOTCONN, never success");
}
ATF_TC_BODY(sockopt_read_only_unconnected_v4, tc)
{
	const int ro[] = { TCP_ENO_SESSID, TCP_ENO_NEGTEP, TCP_ENO_PEER_GOPT,
	    TCP_ENO_ROLE, TCP_ENO_SELF_NAME, TCP_ENO_PEER_NAME,
	    TCP_ENO_TRANSCRIPT, TCP_CRYPT_CONF };
	uint8_t buf[128];
	socklen_t len;
	size_t i;
	int s, rv;

	require_eno();
	s = tcp_socket(AF_INET);
	for (i = 0; i < nitems(ro); i++) {
		len = sizeof(buf);
		rv = getsockopt(s, IPPROTO_TCP, ro[i], buf, &len);
		ATF_CHECK_MSG(rv == -1 && (errno == EINVAL ||
		    errno == ENOTCONN), "option %d: rv %d errno %d", ro[i],
		    rv, errno);
	}
	close(s);
}

static void
prep_disable_client(int l, int c)
{

	(void)l;
	ATF_REQUIRE(setint(c, TCP_ENO_ENABLED, 0) == 0);
}

ATF_TC(sockopt_disabled_is_einval_v4);
ATF_TC_HEAD(sockopt_disabled_is_einval_v4, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "With ENO disabled, read-only options fail with EINVAL and RW "
	    "options fail to set with EISCONN (API.md 2)");
}
ATF_TC_BODY(sockopt_disabled_is_einval_v4, tc)
{
	uint8_t buf[128];
	socklen_t len;
	int a, b;

	require_eno();
	loopback_pair(AF_INET, &a, &b, prep_disable_client);
	exchange(a, b);
	len = sizeof(buf);
	expect_errno(getsockopt(a, IPPROTO_TCP, TCP_ENO_SESSID, buf, &len),
	    EINVAL, "SESSID, disabled");
	len = sizeof(buf);
	expect_errno(getsockopt(b, IPPROTO_TCP, TCP_ENO_SESSID, buf, &len),
	    EINVAL, "SESSID, peer fell back");
	expect_errno(setint(a, TCP_ENO_SELF_GOPT, 1), EISCONN,
	    "GOPT after SYN");
	close(a);
	close(b);
}

ATF_TC(sockopt_encrypted_loopback_v4);
ATF_TC_HEAD(sockopt_encrypted_loopback_v4, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "Both ends of a loopback connection report the same session ID "
	    "and TEP, opposite roles and mirrored names (RFC 8547 5.1)");
}
ATF_TC_BODY(sockopt_encrypted_loopback_v4, tc)
{
	uint8_t sa[TCP_ENO_MAX_SESSID], sb[TCP_ENO_MAX_SESSID];
	uint8_t na[TCP_ENO_MAX_NAME], nb[TCP_ENO_MAX_NAME];
	socklen_t la, lb, lna, lnb;
	int a, b, ra, rb, ta, tb, ca, cb;

	require_eno();
	loopback_pair(AF_INET, &a, &b, NULL);
	exchange(a, b);
	la = sizeof(sa);
	lb = sizeof(sb);
	ATF_REQUIRE_MSG(getsockopt(a, IPPROTO_TCP, TCP_ENO_SESSID, sa,
	    &la) == 0, "SESSID a: %s", strerror(errno));
	ATF_REQUIRE_MSG(getsockopt(b, IPPROTO_TCP, TCP_ENO_SESSID, sb,
	    &lb) == 0, "SESSID b: %s", strerror(errno));
	ATF_CHECK_EQ(la, 33);
	ATF_CHECK(la == lb && memcmp(sa, sb, la) == 0);
	ATF_REQUIRE(getint(a, TCP_ENO_ROLE, &ra) == 0);
	ATF_REQUIRE(getint(b, TCP_ENO_ROLE, &rb) == 0);
	ATF_CHECK(ra == 0 && rb == 1);
	ATF_REQUIRE(getint(a, TCP_ENO_NEGTEP, &ta) == 0);
	ATF_REQUIRE(getint(b, TCP_ENO_NEGTEP, &tb) == 0);
	ATF_CHECK(ta == tb && (ta & 0x7f) == 0x23);
	ATF_CHECK_EQ(sa[0], ta);
	ATF_REQUIRE(getint(a, TCP_CRYPT_CONF, &ca) == 0);
	ATF_REQUIRE(getint(b, TCP_CRYPT_CONF, &cb) == 0);
	ATF_CHECK(ca == cb && ca == 0x0001);	/* bconf: last preferred */
	lna = sizeof(na);
	lnb = sizeof(nb);
	ATF_REQUIRE(getsockopt(a, IPPROTO_TCP, TCP_ENO_SELF_NAME, na,
	    &lna) == 0);
	ATF_REQUIRE(getsockopt(b, IPPROTO_TCP, TCP_ENO_PEER_NAME, nb,
	    &lnb) == 0);
	ATF_CHECK(lna == la + 1 && lna == lnb && memcmp(na, nb, lna) == 0);
	ATF_CHECK_EQ(na[0], 0);
	/* A buffer one byte short: EINVAL, never a truncated value. */
	la = 32;
	expect_errno(getsockopt(a, IPPROTO_TCP, TCP_ENO_SESSID, sa, &la),
	    EINVAL, "short buffer");
	close(a);
	close(b);
}

static void
prep_mandatory_server_off_client(int l, int c)
{

	ATF_REQUIRE(setint(l, TCP_ENO_TEP_MANDATORY, 1) == 0);
	ATF_REQUIRE(setint(c, TCP_ENO_ENABLED, 0) == 0);
}

ATF_TC(sockopt_mandatory_refuses_plain_v4);
ATF_TC_HEAD(sockopt_mandatory_refuses_plain_v4, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "A TEP-mandatory listener answers a SYN without ENO with RST: "
	    "connect(2) fails with ECONNREFUSED (D8)");
}
ATF_TC_BODY(sockopt_mandatory_refuses_plain_v4, tc)
{
	struct sockaddr_in sin;
	socklen_t len;
	int l, c;

	require_eno();
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_len = sizeof(sin);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = tcp_socket(AF_INET);
	c = tcp_socket(AF_INET);
	prep_mandatory_server_off_client(l, c);
	ATF_REQUIRE(bind(l, (struct sockaddr *)&sin, sizeof(sin)) == 0);
	ATF_REQUIRE(listen(l, 1) == 0);
	len = sizeof(sin);
	ATF_REQUIRE(getsockname(l, (struct sockaddr *)&sin, &len) == 0);
	expect_errno(connect(c, (struct sockaddr *)&sin, len), ECONNREFUSED,
	    "connect to mandatory listener without ENO");
	close(c);
	close(l);
}

ATF_TC(sockopt_raw_mode_v4);
ATF_TC_HEAD(sockopt_raw_mode_v4, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "TCP_ENO_RAW turns the other options off (EINVAL) and leaves the "
	    "transcript readable once both SYNs agree (API.md 3)");
}
ATF_TC_BODY(sockopt_raw_mode_v4, tc)
{
	uint8_t raw[] = { 0x21 }, buf[TCP_ENO_MAX_TRANSCRIPT];
	socklen_t len;
	int s, v;

	require_eno();
	s = tcp_socket(AF_INET);
	ATF_REQUIRE_MSG(setsockopt(s, IPPROTO_TCP, TCP_ENO_RAW, raw,
	    sizeof(raw)) == 0, "TCP_ENO_RAW: %s", strerror(errno));
	len = sizeof(buf);
	ATF_REQUIRE(getsockopt(s, IPPROTO_TCP, TCP_ENO_RAW, buf, &len) == 0);
	ATF_CHECK(len == 1 && buf[0] == 0x21);
	expect_errno(setint(s, TCP_ENO_SELF_GOPT, 1), EINVAL,
	    "GOPT in raw mode");
	expect_errno(getint(s, TCP_ENO_ENABLED, &v), EINVAL,
	    "ENABLED in raw mode");
	close(s);
}

static void
prep_plain(int l, int c)
{

	ATF_REQUIRE(setint(l, TCP_ENO_ENABLED, 0) == 0);
	ATF_REQUIRE(setint(c, TCP_ENO_ENABLED, 0) == 0);
}

ATF_TC(sockopt_mandatory_on_plain_aborts_v4);
ATF_TC_HEAD(sockopt_mandatory_on_plain_aborts_v4, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "TCP_ENO_TEP_MANDATORY = 1 on an established plain connection "
	    "aborts it: ECONNABORTED, the peer sees a reset (API.md 3)");
}
ATF_TC_BODY(sockopt_mandatory_on_plain_aborts_v4, tc)
{
	struct pollfd pfd;
	char c;
	int a, b;

	require_eno();
	loopback_pair(AF_INET, &a, &b, prep_plain);
	exchange(a, b);
	expect_errno(setint(a, TCP_ENO_TEP_MANDATORY, 1), ECONNABORTED,
	    "TEP_MANDATORY on a plain connection");
	pfd.fd = b;
	pfd.events = POLLIN;
	ATF_REQUIRE(poll(&pfd, 1, 5000) == 1);
	ATF_CHECK_MSG(read(b, &c, 1) == -1 && errno == ECONNRESET,
	    "peer read: %s", strerror(errno));
	close(a);
	close(b);
}

ATF_TP_ADD_TCS(tp)
{

	ATF_TP_ADD_TC(tp, sockopt_defaults_v4);
	ATF_TP_ADD_TC(tp, sockopt_bad_values_v4);
	ATF_TP_ADD_TC(tp, sockopt_set_and_read_back_v6);
	ATF_TP_ADD_TC(tp, sockopt_read_only_unconnected_v4);
	ATF_TP_ADD_TC(tp, sockopt_disabled_is_einval_v4);
	ATF_TP_ADD_TC(tp, sockopt_encrypted_loopback_v4);
	ATF_TP_ADD_TC(tp, sockopt_mandatory_refuses_plain_v4);
	ATF_TP_ADD_TC(tp, sockopt_raw_mode_v4);
	ATF_TP_ADD_TC(tp, sockopt_mandatory_on_plain_aborts_v4);
	return (atf_no_error());
}
