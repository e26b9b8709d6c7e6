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
 * The encrypted byte stream around the tcpcrypt workers (tcp_eno(4),
 * IMPLEMENTATION NOTES), on loopback:
 *   - data written and the socket closed before the keys exist arrive
 *     whole, then end-of-file: TCP's FIN waits for the FINp frame (RFC 8548
 *     3.7) and the reader's EOF waits for the worker;
 *   - a second connection from the same host to the same listening port
 *     resumes the first one's session on both ends (RFC 8548 3.5, D12);
 *   - a bulk transfer with frequent rekeying (3.8) arrives intact, and
 *     the rekey counter moves.
 * Skipped on a kernel without options TCP_ENO.
 */

#include <sys/param.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/tcp_eno.h>

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

/* Fits the loopback socket buffers with nobody reading yet. */
#define	EARLY_BYTES	(16 * 1024)
/* Enough frames for many rekeys at test_rekey_frames = 16. */
#define	BULK_BYTES	(1024 * 1024)

static void
require_eno(void)
{
	size_t len = 0;

	if (sysctlbyname("net.inet.tcp.eno.teps", NULL, &len, NULL, 0) != 0)
		atf_tc_skip("kernel without options TCP_ENO (%s)",
		    strerror(errno));
}

static uint64_t
stat_read(size_t off)
{
	struct tcp_eno_stat st;
	size_t len = sizeof(st);

	ATF_REQUIRE_MSG(sysctlbyname("net.inet.tcp.eno.stats", &st, &len,
	    NULL, 0) == 0, "net.inet.tcp.eno.stats: %s", strerror(errno));
	ATF_REQUIRE(off + sizeof(uint64_t) <= len);
	return (*(uint64_t *)((char *)&st + off));
}

static int
listener_v4(struct sockaddr_in *sin)
{
	socklen_t len = sizeof(*sin);
	int l;

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_len = sizeof(*sin);
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	ATF_REQUIRE_MSG(l >= 0, "socket: %s", strerror(errno));
	ATF_REQUIRE_MSG(bind(l, (struct sockaddr *)sin, sizeof(*sin)) == 0,
	    "bind: %s", strerror(errno));
	ATF_REQUIRE_MSG(listen(l, 4) == 0, "listen: %s", strerror(errno));
	ATF_REQUIRE(getsockname(l, (struct sockaddr *)sin, &len) == 0);
	return (l);
}

static int
connect_v4(const struct sockaddr_in *sin)
{
	int s;

	s = socket(AF_INET, SOCK_STREAM, 0);
	ATF_REQUIRE_MSG(s >= 0, "socket: %s", strerror(errno));
	ATF_REQUIRE_MSG(connect(s, (const struct sockaddr *)sin,
	    sizeof(*sin)) == 0, "connect: %s", strerror(errno));
	return (s);
}

static void
pattern(uint8_t *buf, size_t len, size_t off)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)((off + i) * 7 + 3);
}

static void
write_all(int s, size_t total)
{
	uint8_t buf[8192];
	size_t off, n;
	ssize_t w;

	for (off = 0; off < total; off += (size_t)w) {
		n = MIN(sizeof(buf), total - off);
		pattern(buf, n, off);
		w = write(s, buf, n);
		ATF_REQUIRE_MSG(w > 0, "write at %zu: %s", off,
		    strerror(errno));
		pattern(buf, (size_t)w, off);
	}
}

/* Reads to EOF; every byte must match and the total must be 'total'. */
static void
read_all(int s, size_t total)
{
	uint8_t buf[8192], want[8192];
	size_t off;
	ssize_t r;

	for (off = 0;; off += (size_t)r) {
		r = read(s, buf, sizeof(buf));
		ATF_REQUIRE_MSG(r >= 0, "read at %zu: %s", off,
		    strerror(errno));
		if (r == 0)
			break;
		ATF_REQUIRE_MSG(off + (size_t)r <= total,
		    "%zu bytes past the %zu written", off + r - total, total);
		pattern(want, (size_t)r, off);
		ATF_REQUIRE_MSG(memcmp(buf, want, (size_t)r) == 0,
		    "bytes differ in [%zu, %zu)", off, off + (size_t)r);
	}
	ATF_REQUIRE_MSG(off == total, "EOF after %zu of %zu bytes", off,
	    total);
}

static void
require_encrypted(int s)
{
	uint8_t sid[TCP_ENO_MAX_SESSID];
	socklen_t len = sizeof(sid);

	ATF_REQUIRE_MSG(getsockopt(s, IPPROTO_TCP, TCP_ENO_SESSID, sid,
	    &len) == 0, "TCP_ENO_SESSID: %s", strerror(errno));
	ATF_REQUIRE_EQ(len, 33);
}

ATF_TC(stream_close_before_keys_v4);
ATF_TC_HEAD(stream_close_before_keys_v4, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "Bytes written and closed right after connect(2), before the "
	    "tcpcrypt keys exist, arrive whole before EOF (RFC 8548 3.7)");
}
ATF_TC_BODY(stream_close_before_keys_v4, tc)
{
	struct sockaddr_in sin;
	int a, b, l;

	require_eno();
	l = listener_v4(&sin);
	a = connect_v4(&sin);
	write_all(a, EARLY_BYTES);
	ATF_REQUIRE_MSG(shutdown(a, SHUT_WR) == 0, "shutdown: %s",
	    strerror(errno));
	b = accept(l, NULL, NULL);
	ATF_REQUIRE_MSG(b >= 0, "accept: %s", strerror(errno));
	read_all(b, EARLY_BYTES);
	require_encrypted(b);
	close(a);
	close(b);
	close(l);
}

/* One connection: a byte each way, session ID checked, then closed. */
static void
one_connection(int l, const struct sockaddr_in *sin)
{
	char c = 'r';
	int a, b;

	a = connect_v4(sin);
	b = accept(l, NULL, NULL);
	ATF_REQUIRE_MSG(b >= 0, "accept: %s", strerror(errno));
	ATF_REQUIRE(write(a, &c, 1) == 1);
	ATF_REQUIRE_MSG(read(b, &c, 1) == 1, "read: %s", strerror(errno));
	ATF_REQUIRE(write(b, &c, 1) == 1);
	ATF_REQUIRE_MSG(read(a, &c, 1) == 1, "read: %s", strerror(errno));
	require_encrypted(a);
	require_encrypted(b);
	close(a);
	close(b);
}

ATF_TC(stream_resume_passive_v4);
ATF_TC_HEAD(stream_resume_passive_v4, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "A second connection to the same listening port resumes the "
	    "first session on both ends (RFC 8548 3.5, D12)");
	atf_tc_set_md_var(tc, "require.user", "root");
	atf_tc_set_md_var(tc, "is.exclusive", "true");
}
ATF_TC_BODY(stream_resume_passive_v4, tc)
{
	struct sockaddr_in sin;
	uint64_t before, after;
	int l;

	require_eno();
	l = listener_v4(&sin);
	one_connection(l, &sin);
	before = stat_read(offsetof(struct tcp_eno_stat, enos_resumed));
	one_connection(l, &sin);
	after = stat_read(offsetof(struct tcp_eno_stat, enos_resumed));
	/* Both ends are in this host's (the test's) VNET. */
	ATF_CHECK_MSG(after - before == 2,
	    "enos_resumed moved by %ju, want 2 (connecting and accepting end)",
	    (uintmax_t)(after - before));
	close(l);
}

/* Child side of the bulk test: no ATF calls, an exit status instead. */
static int
child_send(int s, size_t total)
{
	uint8_t buf[8192];
	size_t off, n;
	ssize_t w;

	for (off = 0; off < total; off += (size_t)w) {
		n = MIN(sizeof(buf), total - off);
		pattern(buf, n, off);
		w = write(s, buf, n);
		if (w <= 0)
			return (1);
	}
	return (shutdown(s, SHUT_WR) == 0 ? 0 : 2);
}

ATF_TC(stream_bulk_rekey_v4);
ATF_TC_HEAD(stream_bulk_rekey_v4, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "A bulk transfer with a rekey every 16 frames arrives intact "
	    "and counts rekeys (RFC 8548 3.8)");
	atf_tc_set_md_var(tc, "require.user", "root");
	atf_tc_set_md_var(tc, "is.exclusive", "true");
}
ATF_TC_BODY(stream_bulk_rekey_v4, tc)
{
	struct sockaddr_in sin;
	uint64_t before, after;
	u_int frames = 16, old;
	size_t olen = sizeof(old);
	pid_t pid;
	int a, b, l, status;

	require_eno();
	ATF_REQUIRE_MSG(sysctlbyname("net.inet.tcp.eno.test_rekey_frames",
	    &old, &olen, &frames, sizeof(frames)) == 0,
	    "test_rekey_frames: %s", strerror(errno));
	before = stat_read(offsetof(struct tcp_eno_stat, enos_rekeys));
	l = listener_v4(&sin);
	a = connect_v4(&sin);
	b = accept(l, NULL, NULL);
	ATF_REQUIRE_MSG(b >= 0, "accept: %s", strerror(errno));
	pid = fork();
	ATF_REQUIRE(pid >= 0);
	if (pid == 0) {
		close(b);
		_exit(child_send(a, BULK_BYTES));
	}
	close(a);
	read_all(b, BULK_BYTES);
	ATF_REQUIRE(waitpid(pid, &status, 0) == pid);
	(void)sysctlbyname("net.inet.tcp.eno.test_rekey_frames", NULL, NULL,
	    &old, sizeof(old));
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "sender failed (status %d)", status);
	require_encrypted(b);
	after = stat_read(offsetof(struct tcp_eno_stat, enos_rekeys));
	ATF_CHECK_MSG(after > before, "no rekey counted");
	close(b);
	close(l);
}

ATF_TP_ADD_TCS(tp)
{

	ATF_TP_ADD_TC(tp, stream_close_before_keys_v4);
	ATF_TP_ADD_TC(tp, stream_resume_passive_v4);
	ATF_TP_ADD_TC(tp, stream_bulk_rekey_v4);
	return (atf_no_error());
}
