/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * ATF-C tests of the net.inet.tcp.eno.* value parsers and printers
 * (tcp_eno_policy.c; API.md section 4, draft-ietf-tcpinc-api 2.2 and 3.2):
 * defaults, canonical read form, and for every malformed or unsupported
 * write its exact reason and an unchanged configuration.
 */

#include <atf-c.h>
#include <stdio.h>
#include <string.h>

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"
#include "tcp_eno_policy.h"
#include "tcp_eno_sockopt.h"

/* libatf-c keeps its test-case list until exit; that is not our leak. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);
const char *
__lsan_default_suppressions(void)
{
	return ("leak:libatf-c.so\n");
}
const char *
__lsan_default_options(void)
{
	return ("print_suppressions=0");
}

#define	REQUIRE_REASON(expr, want) do {				\
	enum tcp_eno_reason r_ = (expr);				\
	ATF_REQUIRE_MSG(r_ == (want), "%s: got %s, want %s", #expr,	\
	    tcp_eno_reason_name(r_), tcp_eno_reason_name(want));	\
} while (0)

static void
require_read(const struct tcp_eno_sysconf *sys, enum tcp_eno_sysctl knob,
    const char *want)
{
	char buf[TCP_ENO_SYSCTL_STRMAX];
	size_t len;

	REQUIRE_REASON(tcp_eno_sysctl_get_str(sys, knob, buf, sizeof(buf),
	    &len), TCP_ENO_R_NONE);
	ATF_REQUIRE_MSG(strcmp(buf, want) == 0 && len == strlen(want),
	    "%s reads \"%s\", want \"%s\"", tcp_eno_sysctl_name(knob), buf,
	    want);
}

static enum tcp_eno_reason
set_str(struct tcp_eno_sysconf *sys, enum tcp_eno_sysctl knob, const char *s)
{

	return (tcp_eno_sysctl_set_str(sys, knob, s, strlen(s)));
}

/* A bad write: exact reason, and the whole configuration is unchanged. */
static void
require_rejected(enum tcp_eno_sysctl knob, const char *s,
    enum tcp_eno_reason want)
{
	struct tcp_eno_sysconf sys, before;
	enum tcp_eno_reason r;

	tcp_eno_sysconf_init(&sys, NULL);
	memcpy(&before, &sys, sizeof(sys));
	r = set_str(&sys, knob, s);
	ATF_REQUIRE_MSG(r == want, "%s = \"%s\": got %s, want %s",
	    tcp_eno_sysctl_name(knob), s, tcp_eno_reason_name(r),
	    tcp_eno_reason_name(want));
	ATF_REQUIRE_MSG(memcmp(&before, &sys, sizeof(sys)) == 0,
	    "%s = \"%s\" changed the configuration",
	    tcp_eno_sysctl_name(knob), s);
	ATF_REQUIRE_EQ(tcp_eno_reason_errclass(r), TCP_ENO_EC_INVALID);
}

ATF_TC(sysctl_defaults_canonical);
ATF_TC_HEAD(sysctl_defaults_canonical, tc)
{
	atf_tc_set_md_var(tc, "descr", "API.md 4 defaults, in canonical form");
}
ATF_TC_BODY(sysctl_defaults_canonical, tc)
{
	struct tcp_eno_sysconf sys;
	int v;

	tcp_eno_sysconf_init(&sys, NULL);
	require_read(&sys, TCP_ENO_SYSCTL_TEPS, "0x21,0x23");
	require_read(&sys, TCP_ENO_SYSCTL_BAD_CONNECT_PORTS, "");
	require_read(&sys, TCP_ENO_SYSCTL_BAD_LISTEN_PORTS, "");
	require_read(&sys, TCP_ENO_SYSCTL_CRYPT_ACONF, "0x0001,0x0002,0x0010");
	require_read(&sys, TCP_ENO_SYSCTL_CRYPT_BCONF, "0x0010,0x0002,0x0001");
	REQUIRE_REASON(tcp_eno_sysctl_get_int(&sys,
	    TCP_ENO_SYSCTL_ENABLE_CONNECT, &v), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(v, 1);
	REQUIRE_REASON(tcp_eno_sysctl_get_int(&sys,
	    TCP_ENO_SYSCTL_ENABLE_LISTEN, &v), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(v, 1);
}

ATF_TC(sysctl_teps_roundtrip);
ATF_TC_HEAD(sysctl_teps_roundtrip, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "teps: upper-case digits accepted, read back lower case, v kept");
}
ATF_TC_BODY(sysctl_teps_roundtrip, tc)
{
	struct tcp_eno_sysconf sys;

	tcp_eno_sysconf_init(&sys, NULL);
	REQUIRE_REASON(set_str(&sys, TCP_ENO_SYSCTL_TEPS, "0x24,0x22,0x21"),
	    TCP_ENO_R_NONE);
	require_read(&sys, TCP_ENO_SYSCTL_TEPS, "0x24,0x22,0x21");
	REQUIRE_REASON(set_str(&sys, TCP_ENO_SYSCTL_TEPS, "0xA3,0x2F"),
	    TCP_ENO_R_TEP_UNIMPLEMENTED);
	require_read(&sys, TCP_ENO_SYSCTL_TEPS, "0x24,0x22,0x21");
	REQUIRE_REASON(set_str(&sys, TCP_ENO_SYSCTL_TEPS, "0xA3"),
	    TCP_ENO_R_NONE);
	require_read(&sys, TCP_ENO_SYSCTL_TEPS, "0xa3");
	REQUIRE_REASON(set_str(&sys, TCP_ENO_SYSCTL_TEPS, ""), TCP_ENO_R_NONE);
	require_read(&sys, TCP_ENO_SYSCTL_TEPS, "");
	ATF_REQUIRE_EQ(sys.teps.len, 0);
}

ATF_TC(sysctl_teps_rejected);
ATF_TC_HEAD(sysctl_teps_rejected, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "teps: each malformed or unsupported value, its reason, no change");
}
ATF_TC_BODY(sysctl_teps_rejected, tc)
{
	static const char nul[] = "0x21\0,0x23";
	struct tcp_eno_sysconf sys, before;
	enum tcp_eno_sysctl k = TCP_ENO_SYSCTL_TEPS;

	require_rejected(k, " 0x21", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, "0x21, 0x23", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, "0x21,", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, ",0x21", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, "0x21,,0x23", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, ",", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, "21", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, "0x2", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, "0x021", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, "0X21", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, "0x2g", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, "0x", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, "0x21;0x23", TCP_ENO_R_SYSCTL_SYNTAX);
	require_rejected(k, "0x1f", TCP_ENO_R_TEP_BAD_ID);
	require_rejected(k, "0x00", TCP_ENO_R_TEP_BAD_ID);
	require_rejected(k, "0x80", TCP_ENO_R_TEP_BAD_ID);
	require_rejected(k, "0x9f", TCP_ENO_R_TEP_BAD_ID);
	require_rejected(k, "0x21,0x9f", TCP_ENO_R_TEP_BAD_ID);
	require_rejected(k, "0x20", TCP_ENO_R_TEP_UNIMPLEMENTED);
	require_rejected(k, "0x25", TCP_ENO_R_TEP_UNIMPLEMENTED);
	require_rejected(k, "0x7f", TCP_ENO_R_TEP_UNIMPLEMENTED);
	require_rejected(k, "0xa0", TCP_ENO_R_TEP_UNIMPLEMENTED);
	require_rejected(k, "0x21,0x21", TCP_ENO_R_TEP_DUPLICATE);
	require_rejected(k, "0x23,0xa3", TCP_ENO_R_TEP_DUPLICATE);
	require_rejected(k, "0x21,0x22,0x23,0x24,0x21,0x22,0x23,0x24,"
	    "0x21,0x22,0x23,0x24,0x21,0x22,0x23,0x24,0x21",
	    TCP_ENO_R_TEP_TOO_MANY);
	/* An embedded NUL is refused, not read as the end of the value. */
	tcp_eno_sysconf_init(&sys, NULL);
	memcpy(&before, &sys, sizeof(sys));
	REQUIRE_REASON(tcp_eno_sysctl_set_str(&sys, k, nul, sizeof(nul) - 1),
	    TCP_ENO_R_SYSCTL_SYNTAX);
	ATF_REQUIRE(memcmp(&before, &sys, sizeof(sys)) == 0);
}

ATF_TC(sysctl_teps_impl_parameter);
ATF_TC_HEAD(sysctl_teps_impl_parameter, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "the implemented TEP set is a parameter, not 0x21-0x24 hard-wired");
}
ATF_TC_BODY(sysctl_teps_impl_parameter, tc)
{
	static const uint8_t teps[] = { 0x30, 0x7f };
	static const uint16_t aeads[] = { 0x0001 };
	const struct tcp_eno_impl impl = { teps, 2, aeads, 1 };
	struct tcp_eno_sysconf sys;

	tcp_eno_sysconf_init(&sys, &impl);
	/* Defaults the stack cannot honour are left out, not offered. */
	require_read(&sys, TCP_ENO_SYSCTL_TEPS, "");
	require_read(&sys, TCP_ENO_SYSCTL_CRYPT_ACONF, "");
	REQUIRE_REASON(set_str(&sys, TCP_ENO_SYSCTL_TEPS, "0x7f,0xb0"),
	    TCP_ENO_R_NONE);
	require_read(&sys, TCP_ENO_SYSCTL_TEPS, "0x7f,0xb0");
	REQUIRE_REASON(set_str(&sys, TCP_ENO_SYSCTL_TEPS, "0x21"),
	    TCP_ENO_R_TEP_UNIMPLEMENTED);
	REQUIRE_REASON(set_str(&sys, TCP_ENO_SYSCTL_CRYPT_BCONF, "0x0002"),
	    TCP_ENO_R_AEAD_UNIMPLEMENTED);
	REQUIRE_REASON(set_str(&sys, TCP_ENO_SYSCTL_CRYPT_BCONF, "0x0001"),
	    TCP_ENO_R_NONE);
}

ATF_TC(sysctl_aeads);
ATF_TC_HEAD(sysctl_aeads, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "crypt_aconf / crypt_bconf: accepted forms and every rejection");
}
ATF_TC_BODY(sysctl_aeads, tc)
{
	static const uint16_t aeads[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	const struct tcp_eno_impl nine = { NULL, 0, aeads, 9 };
	struct tcp_eno_sysconf sys;
	enum tcp_eno_sysctl k;
	int i;

	for (i = 0; i < 2; i++) {
		k = i == 0 ? TCP_ENO_SYSCTL_CRYPT_ACONF :
		    TCP_ENO_SYSCTL_CRYPT_BCONF;
		tcp_eno_sysconf_init(&sys, NULL);
		REQUIRE_REASON(set_str(&sys, k, "0x0010"), TCP_ENO_R_NONE);
		require_read(&sys, k, "0x0010");
		REQUIRE_REASON(set_str(&sys, k, "0x0002,0X0001"),
		    TCP_ENO_R_SYSCTL_SYNTAX);
		REQUIRE_REASON(set_str(&sys, k, "0x0002,0x0001"),
		    TCP_ENO_R_NONE);
		require_read(&sys, k, "0x0002,0x0001");
		require_rejected(k, "", TCP_ENO_R_AEAD_EMPTY);
		require_rejected(k, "0x0003", TCP_ENO_R_AEAD_UNIMPLEMENTED);
		require_rejected(k, "0x0100", TCP_ENO_R_AEAD_UNIMPLEMENTED);
		require_rejected(k, "0x01", TCP_ENO_R_SYSCTL_SYNTAX);
		require_rejected(k, "0x00001", TCP_ENO_R_SYSCTL_SYNTAX);
		require_rejected(k, "1", TCP_ENO_R_SYSCTL_SYNTAX);
		require_rejected(k, "0x0001,", TCP_ENO_R_SYSCTL_SYNTAX);
		require_rejected(k, "0x0001,0x0001", TCP_ENO_R_AEAD_DUPLICATE);
		/* Nine identifiers are one too many, implemented or not. */
		tcp_eno_sysconf_init(&sys, &nine);
		REQUIRE_REASON(set_str(&sys, k, "0x0001,0x0002,0x0003,0x0004,"
		    "0x0005,0x0006,0x0007,0x0008"), TCP_ENO_R_NONE);
		REQUIRE_REASON(set_str(&sys, k, "0x0001,0x0002,0x0003,0x0004,"
		    "0x0005,0x0006,0x0007,0x0008,0x0009"),
		    TCP_ENO_R_AEAD_TOO_MANY);
		require_read(&sys, k, "0x0001,0x0002,0x0003,0x0004,0x0005,"
		    "0x0006,0x0007,0x0008");
	}
}

ATF_TC(sysctl_ports);
ATF_TC_HEAD(sysctl_ports, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "bad_*_ports: decimal 1-65535, bound of 64, every rejection");
}
ATF_TC_BODY(sysctl_ports, tc)
{
	char big[TCP_ENO_SYSCTL_STRMAX + 16];
	struct tcp_eno_sysconf sys;
	enum tcp_eno_sysctl k;
	size_t pos;
	int i, j;

	for (i = 0; i < 2; i++) {
		k = i == 0 ? TCP_ENO_SYSCTL_BAD_CONNECT_PORTS :
		    TCP_ENO_SYSCTL_BAD_LISTEN_PORTS;
		tcp_eno_sysconf_init(&sys, NULL);
		REQUIRE_REASON(set_str(&sys, k, "443,993"), TCP_ENO_R_NONE);
		require_read(&sys, k, "443,993");
		REQUIRE_REASON(set_str(&sys, k, "1,65535"), TCP_ENO_R_NONE);
		require_read(&sys, k, "1,65535");
		REQUIRE_REASON(set_str(&sys, k, ""), TCP_ENO_R_NONE);
		require_read(&sys, k, "");
		require_rejected(k, "0", TCP_ENO_R_SYSCTL_BAD_PORT);
		require_rejected(k, "65536", TCP_ENO_R_SYSCTL_BAD_PORT);
		require_rejected(k, "99999999999999999999999",
		    TCP_ENO_R_SYSCTL_BAD_PORT);
		require_rejected(k, "080", TCP_ENO_R_SYSCTL_SYNTAX);
		require_rejected(k, "443,", TCP_ENO_R_SYSCTL_SYNTAX);
		require_rejected(k, "443 ,993", TCP_ENO_R_SYSCTL_SYNTAX);
		require_rejected(k, "-1", TCP_ENO_R_SYSCTL_SYNTAX);
		require_rejected(k, "+443", TCP_ENO_R_SYSCTL_SYNTAX);
		require_rejected(k, "0x1bb", TCP_ENO_R_SYSCTL_SYNTAX);
		/* 64 five-digit ports fit the canonical buffer exactly. */
		pos = 0;
		for (j = 0; j < TCP_ENO_MAX_BAD_PORTS; j++)
			pos += (size_t)snprintf(big + pos, sizeof(big) - pos,
			    "%s%d", j > 0 ? "," : "", 10000 + j);
		tcp_eno_sysconf_init(&sys, NULL);
		REQUIRE_REASON(set_str(&sys, k, big), TCP_ENO_R_NONE);
		ATF_REQUIRE_EQ(strlen(big) + 1, TCP_ENO_SYSCTL_STRMAX);
		require_read(&sys, k, big);
		snprintf(big + pos, sizeof(big) - pos, ",%d", 20000);
		require_rejected(k, big, TCP_ENO_R_SYSCTL_TOO_MANY_PORTS);
	}
}

ATF_TC(sysctl_int_knobs);
ATF_TC_HEAD(sysctl_int_knobs, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "enable_connect / enable_listen take 0 or 1 only");
}
ATF_TC_BODY(sysctl_int_knobs, tc)
{
	struct tcp_eno_sysconf sys;
	enum tcp_eno_sysctl k;
	int i, v;

	for (i = 0; i < 2; i++) {
		k = i == 0 ? TCP_ENO_SYSCTL_ENABLE_CONNECT :
		    TCP_ENO_SYSCTL_ENABLE_LISTEN;
		tcp_eno_sysconf_init(&sys, NULL);
		REQUIRE_REASON(tcp_eno_sysctl_set_int(&sys, k, 0),
		    TCP_ENO_R_NONE);
		REQUIRE_REASON(tcp_eno_sysctl_get_int(&sys, k, &v),
		    TCP_ENO_R_NONE);
		ATF_REQUIRE_EQ(v, 0);
		REQUIRE_REASON(tcp_eno_sysctl_set_int(&sys, k, 2),
		    TCP_ENO_R_SYSCTL_BAD_INT);
		REQUIRE_REASON(tcp_eno_sysctl_set_int(&sys, k, -1),
		    TCP_ENO_R_SYSCTL_BAD_INT);
		REQUIRE_REASON(tcp_eno_sysctl_set_int(&sys, k, 1LL << 32),
		    TCP_ENO_R_SYSCTL_BAD_INT);
		REQUIRE_REASON(tcp_eno_sysctl_get_int(&sys, k, &v),
		    TCP_ENO_R_NONE);
		ATF_REQUIRE_EQ(v, 0);
		REQUIRE_REASON(tcp_eno_sysctl_set_int(&sys, k, 1),
		    TCP_ENO_R_NONE);
		REQUIRE_REASON(tcp_eno_sysctl_get_int(&sys, k, &v),
		    TCP_ENO_R_NONE);
		ATF_REQUIRE_EQ(v, 1);
		/* An int knob has no string form, and the reverse. */
		REQUIRE_REASON(set_str(&sys, k, "1"), TCP_ENO_R_SYSCTL_SYNTAX);
	}
	REQUIRE_REASON(tcp_eno_sysctl_set_int(&sys, TCP_ENO_SYSCTL_TEPS, 1),
	    TCP_ENO_R_SYSCTL_SYNTAX);
	REQUIRE_REASON(tcp_eno_sysctl_get_int(&sys, TCP_ENO_SYSCTL_TEPS, &v),
	    TCP_ENO_R_SYSCTL_SYNTAX);
	REQUIRE_REASON(tcp_eno_sysctl_set_int(&sys, TCP_ENO_SYSCTL_COUNT, 1),
	    TCP_ENO_R_SYSCTL_UNKNOWN);
	REQUIRE_REASON(tcp_eno_sysctl_set_str(&sys, TCP_ENO_SYSCTL_COUNT, "",
	    0), TCP_ENO_R_SYSCTL_UNKNOWN);
}

ATF_TC(sysctl_names);
ATF_TC_HEAD(sysctl_names, tc)
{
	atf_tc_set_md_var(tc, "descr", "knob names round-trip; unknown fail");
}
ATF_TC_BODY(sysctl_names, tc)
{
	enum tcp_eno_sysctl k;
	int i;

	for (i = 0; i < TCP_ENO_SYSCTL_COUNT; i++) {
		ATF_REQUIRE(tcp_eno_sysctl_lookup(
		    tcp_eno_sysctl_name((enum tcp_eno_sysctl)i), &k));
		ATF_REQUIRE_EQ((int)k, i);
	}
	ATF_REQUIRE(!tcp_eno_sysctl_lookup("net.inet.tcp.eno.teps", &k));
	ATF_REQUIRE(!tcp_eno_sysctl_lookup("tep", &k));
	ATF_REQUIRE(!tcp_eno_sysctl_lookup("tepss", &k));
	ATF_REQUIRE(!tcp_eno_sysctl_lookup("", &k));
	ATF_REQUIRE(tcp_eno_sysctl_name(TCP_ENO_SYSCTL_COUNT) == NULL);
}

ATF_TC(sysctl_print_short_buffer);
ATF_TC_HEAD(sysctl_print_short_buffer, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "printers never write past the caller's buffer");
}
ATF_TC_BODY(sysctl_print_short_buffer, tc)
{
	struct tcp_eno_sysconf sys;
	char buf[16];
	size_t len, cap;

	tcp_eno_sysconf_init(&sys, NULL);
	/* "0x21,0x23" is 9 characters and a NUL. */
	for (cap = 0; cap < 10; cap++) {
		memset(buf, 'Z', sizeof(buf));
		REQUIRE_REASON(tcp_eno_sysctl_get_str(&sys,
		    TCP_ENO_SYSCTL_TEPS, buf, cap, &len),
		    TCP_ENO_R_SYSCTL_BUF_SHORT);
		for (len = cap; len < sizeof(buf); len++)
			ATF_REQUIRE(buf[len] == 'Z');
	}
	REQUIRE_REASON(tcp_eno_sysctl_get_str(&sys, TCP_ENO_SYSCTL_TEPS, buf,
	    10, &len), TCP_ENO_R_NONE);
	ATF_REQUIRE_STREQ(buf, "0x21,0x23");
	REQUIRE_REASON(tcp_eno_sysctl_get_str(&sys,
	    TCP_ENO_SYSCTL_CRYPT_ACONF, buf, sizeof(buf), &len),
	    TCP_ENO_R_SYSCTL_BUF_SHORT);
	REQUIRE_REASON(set_str(&sys, TCP_ENO_SYSCTL_BAD_LISTEN_PORTS,
	    "65535,1"), TCP_ENO_R_NONE);
	REQUIRE_REASON(tcp_eno_sysctl_get_str(&sys,
	    TCP_ENO_SYSCTL_BAD_LISTEN_PORTS, buf, 7, &len),
	    TCP_ENO_R_SYSCTL_BUF_SHORT);
	REQUIRE_REASON(tcp_eno_sysctl_get_str(&sys,
	    TCP_ENO_SYSCTL_BAD_LISTEN_PORTS, buf, 8, &len), TCP_ENO_R_NONE);
	ATF_REQUIRE_STREQ(buf, "65535,1");
}

ATF_TC(sysctl_socket_snapshot);
ATF_TC_HEAD(sysctl_socket_snapshot, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "a new socket takes the sysctl lists; an old one keeps its own");
}
ATF_TC_BODY(sysctl_socket_snapshot, tc)
{
	struct tcp_eno_sysconf sys;
	struct tcp_eno_sockconf old, fresh;
	uint8_t buf[TCP_CRYPT_MAX_CONF];
	size_t len;

	tcp_eno_sysconf_init(&sys, NULL);
	tcp_eno_sockconf_init(&old, &sys);
	REQUIRE_REASON(set_str(&sys, TCP_ENO_SYSCTL_TEPS, "0x24"),
	    TCP_ENO_R_NONE);
	REQUIRE_REASON(set_str(&sys, TCP_ENO_SYSCTL_CRYPT_BCONF, "0x0001"),
	    TCP_ENO_R_NONE);
	tcp_eno_sockconf_init(&fresh, &sys);
	len = sizeof(buf);
	REQUIRE_REASON(tcp_eno_sockopt_get(&fresh, NULL, TCP_ENO_SS_IDLE,
	    TCP_ENO_TEPS, buf, &len), TCP_ENO_R_NONE);
	ATF_REQUIRE(len == 1 && buf[0] == 0x24);
	len = sizeof(buf);
	REQUIRE_REASON(tcp_eno_sockopt_get(&fresh, NULL, TCP_ENO_SS_IDLE,
	    TCP_CRYPT_BCONF, buf, &len), TCP_ENO_R_NONE);
	ATF_REQUIRE(len == 2 && buf[0] == 0 && buf[1] == 1);
	len = sizeof(buf);
	REQUIRE_REASON(tcp_eno_sockopt_get(&old, NULL, TCP_ENO_SS_IDLE,
	    TCP_ENO_TEPS, buf, &len), TCP_ENO_R_NONE);
	ATF_REQUIRE(len == 2 && buf[0] == 0x21 && buf[1] == 0x23);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, sysctl_defaults_canonical);
	ATF_TP_ADD_TC(tp, sysctl_teps_roundtrip);
	ATF_TP_ADD_TC(tp, sysctl_teps_rejected);
	ATF_TP_ADD_TC(tp, sysctl_teps_impl_parameter);
	ATF_TP_ADD_TC(tp, sysctl_aeads);
	ATF_TP_ADD_TC(tp, sysctl_ports);
	ATF_TP_ADD_TC(tp, sysctl_int_knobs);
	ATF_TP_ADD_TC(tp, sysctl_names);
	ATF_TP_ADD_TC(tp, sysctl_print_short_buffer);
	ATF_TP_ADD_TC(tp, sysctl_socket_snapshot);
	return (atf_no_error());
}
