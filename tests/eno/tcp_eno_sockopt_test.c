/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * ATF-C tests of the TCP_ENO_* / TCP_CRYPT_* socket option rules
 * (tcp_eno_sockopt.c; API.md sections 1-3, draft-ietf-tcpinc-api 2.1 and
 * 3.1).  Each case asserts the exact reason code, and through the engine's
 * table the error class an application would see as errno.
 */

#include "tcp_eno_sockopt_test.h"

ATF_TC(sockopt_defaults);
ATF_TC_HEAD(sockopt_defaults, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "RW options read their API.md 3 defaults on a fresh socket");
}
ATF_TC_BODY(sockopt_defaults, tc)
{
	struct tsock t;

	tsock_init(&t);
	require_int(&t, TCP_ENO_ENABLED, -1);
	require_bytes(&t, TCP_ENO_TEPS, "\x21\x23", 2);
	require_int(&t, TCP_ENO_SELF_GOPT, 0);
	require_int(&t, TCP_ENO_AA_MANDATORY, 0);
	require_int(&t, TCP_ENO_TEP_MANDATORY, 0);
	require_bytes(&t, TCP_ENO_RAW, "", 0);
	require_bytes(&t, TCP_CRYPT_ACONF, "\x00\x01\x00\x02\x00\x10", 6);
	require_bytes(&t, TCP_CRYPT_BCONF, "\x00\x10\x00\x02\x00\x01", 6);
	ATF_REQUIRE(!tcp_eno_sockconf_raw(&t.so));
	ATF_REQUIRE(!tcp_eno_sockconf_off(&t.so));
	ATF_REQUIRE_EQ(tcp_eno_sockconf_gopt(&t.so), 0);
}

ATF_TC(sockopt_rw_read_back);
ATF_TC_HEAD(sockopt_rw_read_back, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "RW options read back the last value successfully written");
}
ATF_TC_BODY(sockopt_rw_read_back, tc)
{
	static const uint8_t teps[] = { 0x24, 0xa1, 0x23 };
	static const uint8_t raw[] = { 0x00, 0xb0, 0x01 };
	struct tsock t;
	uint8_t eff[TCP_ENO_MAX_TEPS];

	tsock_init(&t);
	REQUIRE_REASON(setint(&t, TCP_ENO_ENABLED, 1), TCP_ENO_R_NONE);
	require_int(&t, TCP_ENO_ENABLED, 1);
	REQUIRE_REASON(setint(&t, TCP_ENO_ENABLED, 0), TCP_ENO_R_NONE);
	require_int(&t, TCP_ENO_ENABLED, 0);
	REQUIRE_REASON(setint(&t, TCP_ENO_SELF_GOPT, 31), TCP_ENO_R_NONE);
	require_int(&t, TCP_ENO_SELF_GOPT, 31);
	REQUIRE_REASON(setint(&t, TCP_ENO_AA_MANDATORY, 1), TCP_ENO_R_NONE);
	require_int(&t, TCP_ENO_AA_MANDATORY, 1);
	REQUIRE_REASON(setint(&t, TCP_ENO_TEP_MANDATORY, 1), TCP_ENO_R_NONE);
	require_int(&t, TCP_ENO_TEP_MANDATORY, 1);
	/* The v bit is ignored for validity but kept as written. */
	REQUIRE_REASON(setbytes(&t, TCP_ENO_TEPS, teps, 3), TCP_ENO_R_NONE);
	require_bytes(&t, TCP_ENO_TEPS, teps, 3);
	ATF_REQUIRE_EQ(tcp_eno_sockconf_teps(&t.so, eff), 3);
	ATF_REQUIRE(eff[0] == 0x24 && eff[1] == 0x21 && eff[2] == 0x23);
	REQUIRE_REASON(setbytes(&t, TCP_CRYPT_ACONF, "\x00\x10", 2),
	    TCP_ENO_R_NONE);
	require_bytes(&t, TCP_CRYPT_ACONF, "\x00\x10", 2);
	REQUIRE_REASON(setbytes(&t, TCP_CRYPT_BCONF, "\x00\x01\x00\x10", 4),
	    TCP_ENO_R_NONE);
	require_bytes(&t, TCP_CRYPT_BCONF, "\x00\x01\x00\x10", 4);
	/* RAW last: it turns the others off. */
	REQUIRE_REASON(setbytes(&t, TCP_ENO_RAW, raw, 3), TCP_ENO_R_NONE);
	require_bytes(&t, TCP_ENO_RAW, raw, 3);
	REQUIRE_REASON(setbytes(&t, TCP_ENO_RAW, NULL, 0), TCP_ENO_R_NONE);
	require_bytes(&t, TCP_ENO_RAW, "", 0);
	require_int(&t, TCP_ENO_ENABLED, 0);
}

ATF_TC(sockopt_ro_negotiating_notconn);
ATF_TC_HEAD(sockopt_ro_negotiating_notconn, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "R options fail ENOTCONN while negotiating (draft 2.1)");
}
ATF_TC_BODY(sockopt_ro_negotiating_notconn, tc)
{
	static const enum tcp_eno_sockstate sts[] = {
		TCP_ENO_SS_IDLE, TCP_ENO_SS_SYN_SENT
	};
	struct tsock t;
	size_t i, j;

	for (j = 0; j < nitems(sts); j++) {
		tsock_init(&t);
		t.st = sts[j];
		for (i = 0; i < nitems(ro_opts); i++)
			require_get_fails(&t, ro_opts[i],
			    TCP_ENO_R_SOCKOPT_NEGOTIATING);
	}
	ATF_REQUIRE_EQ(tcp_eno_reason_errclass(TCP_ENO_R_SOCKOPT_NEGOTIATING),
	    TCP_ENO_EC_NOTCONN);
	/* A TEP agreed, keys pending: only TRANSCRIPT is readable. */
	tsock_init(&t);
	tsock_encrypt(&t, 0x23, 0);
	t.st = TCP_ENO_SS_NEGOTIATED;
	for (i = 0; i < nitems(ro_opts); i++)
		if (ro_opts[i] != TCP_ENO_TRANSCRIPT)
			require_get_fails(&t, ro_opts[i],
			    TCP_ENO_R_SOCKOPT_NEGOTIATING);
	require_bytes(&t, TCP_ENO_TRANSCRIPT, t.nv.transcript, 8);
}

ATF_TC(sockopt_ro_disabled_einval);
ATF_TC_HEAD(sockopt_ro_disabled_einval, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "R options fail EINVAL when ENO is disabled, never read as empty");
}
ATF_TC_BODY(sockopt_ro_disabled_einval, tc)
{
	struct tsock t;
	size_t i;

	tsock_init(&t);
	t.st = TCP_ENO_SS_DISABLED;
	for (i = 0; i < nitems(ro_opts); i++)
		require_get_fails(&t, ro_opts[i], TCP_ENO_R_SOCKOPT_DISABLED);
	ATF_REQUIRE_EQ(tcp_eno_reason_errclass(TCP_ENO_R_SOCKOPT_DISABLED),
	    TCP_ENO_EC_INVALID);
	/* Off by the socket's own settings, before any SYN. */
	tsock_init(&t);
	REQUIRE_REASON(setint(&t, TCP_ENO_ENABLED, 0), TCP_ENO_R_NONE);
	ATF_REQUIRE(tcp_eno_sockconf_off(&t.so));
	for (i = 0; i < nitems(ro_opts); i++)
		require_get_fails(&t, ro_opts[i], TCP_ENO_R_SOCKOPT_DISABLED);
	t.st = TCP_ENO_SS_SYN_SENT;
	require_get_fails(&t, TCP_ENO_SESSID, TCP_ENO_R_SOCKOPT_DISABLED);
	tsock_init(&t);
	REQUIRE_REASON(setbytes(&t, TCP_ENO_TEPS, NULL, 0), TCP_ENO_R_NONE);
	require_bytes(&t, TCP_ENO_TEPS, "", 0);
	for (i = 0; i < nitems(ro_opts); i++)
		require_get_fails(&t, ro_opts[i], TCP_ENO_R_SOCKOPT_DISABLED);
	/* Encrypting with no session ID in the view: fail closed. */
	tsock_init(&t);
	tsock_encrypt(&t, 0x23, 0);
	t.nv.sessid_len = 0;
	require_get_fails(&t, TCP_ENO_SESSID, TCP_ENO_R_SOCKOPT_DISABLED);
	require_get_fails(&t, TCP_ENO_SELF_NAME, TCP_ENO_R_SOCKOPT_DISABLED);
	t.nv.transcript_len = 0;
	require_get_fails(&t, TCP_ENO_TRANSCRIPT, TCP_ENO_R_SOCKOPT_DISABLED);
}

ATF_TC(sockopt_ro_encrypting_values);
ATF_TC_HEAD(sockopt_ro_encrypting_values, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "R options while encrypting: values, names, NEGTEP's v bit");
}
ATF_TC_BODY(sockopt_ro_encrypting_values, tc)
{
	uint8_t name[TCP_ENO_MAX_NAME];
	struct tsock t;
	int role;

	for (role = 0; role < 2; role++) {
		tsock_init(&t);
		tsock_encrypt(&t, 0xa3, (uint8_t)role);
		require_bytes(&t, TCP_ENO_SESSID, t.nv.sessid, 33);
		require_int(&t, TCP_ENO_NEGTEP, 0xa3);
		require_int(&t, TCP_ENO_PEER_GOPT, 3);
		require_int(&t, TCP_ENO_ROLE, role);
		name[0] = (uint8_t)role;
		memcpy(name + 1, t.nv.sessid, 33);
		require_bytes(&t, TCP_ENO_SELF_NAME, name, 34);
		name[0] = (uint8_t)(1 - role);
		require_bytes(&t, TCP_ENO_PEER_NAME, name, 34);
		require_bytes(&t, TCP_ENO_TRANSCRIPT, t.nv.transcript, 8);
		require_int(&t, TCP_CRYPT_CONF, 1);
	}
	/* The longest values of API.md 1 fit exactly. */
	tsock_init(&t);
	tsock_encrypt(&t, 0x23, 1);
	t.nv.sessid_len = TCP_ENO_MAX_SESSID;
	t.nv.transcript_len = TCP_ENO_MAX_TRANSCRIPT;
	t.nv.crypt_conf = 0x0010;
	name[0] = 1;
	memcpy(name + 1, t.nv.sessid, TCP_ENO_MAX_SESSID);
	require_bytes(&t, TCP_ENO_SELF_NAME, name, TCP_ENO_MAX_NAME);
	require_bytes(&t, TCP_ENO_TRANSCRIPT, t.nv.transcript,
	    TCP_ENO_MAX_TRANSCRIPT);
	require_int(&t, TCP_CRYPT_CONF, 0x10);
}

ATF_TC(sockopt_set_after_syn_rejected);
ATF_TC_HEAD(sockopt_set_after_syn_rejected, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "after the SYN every RW option but TEP_MANDATORY fails EISCONN");
}
ATF_TC_BODY(sockopt_set_after_syn_rejected, tc)
{
	static const enum tcp_eno_sockstate sts[] = {
		TCP_ENO_SS_SYN_SENT, TCP_ENO_SS_NEGOTIATED,
		TCP_ENO_SS_ENCRYPTING, TCP_ENO_SS_DISABLED
	};
	uint8_t v[8];
	struct tsock t;
	size_t i, j, len;

	for (j = 0; j < nitems(sts); j++) {
		for (i = 0; i < nitems(rw_opts); i++) {
			tsock_init(&t);
			tsock_encrypt(&t, 0x23, 0);
			t.st = sts[j];
			valid_value(rw_opts[i], v, &len);
			if (rw_opts[i] == TCP_ENO_TEP_MANDATORY) {
				if (sts[j] != TCP_ENO_SS_DISABLED)
					REQUIRE_REASON(setbytes(&t,
					    rw_opts[i], v, len),
					    TCP_ENO_R_NONE);
				continue;
			}
			require_set_fails(&t, rw_opts[i], v, len,
			    TCP_ENO_R_SOCKOPT_AFTER_SYN);
			/* State first: a bad value after the SYN is EISCONN. */
			require_set_fails(&t, rw_opts[i], v, 3,
			    TCP_ENO_R_SOCKOPT_AFTER_SYN);
		}
	}
	ATF_REQUIRE_EQ(tcp_eno_reason_errclass(TCP_ENO_R_SOCKOPT_AFTER_SYN),
	    TCP_ENO_EC_ISCONN);
	/* RW options stay readable after the SYN. */
	tsock_init(&t);
	t.st = TCP_ENO_SS_SYN_SENT;
	require_int(&t, TCP_ENO_ENABLED, -1);
	require_bytes(&t, TCP_ENO_TEPS, "\x21\x23", 2);
}

ATF_TC(sockopt_tep_mandatory_abort);
ATF_TC_HEAD(sockopt_tep_mandatory_abort, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "TEP_MANDATORY = 1 on an unencrypted connection aborts it");
}
ATF_TC_BODY(sockopt_tep_mandatory_abort, tc)
{
	struct tsock t;

	tsock_init(&t);
	t.st = TCP_ENO_SS_DISABLED;
	require_setint_fails(&t, TCP_ENO_TEP_MANDATORY, 1,
	    TCP_ENO_R_SOCKOPT_MANDATORY_ABORT);
	ATF_REQUIRE_EQ(tcp_eno_reason_errclass(
	    TCP_ENO_R_SOCKOPT_MANDATORY_ABORT), TCP_ENO_EC_ABORTED);
	ATF_REQUIRE_EQ(tcp_eno_reason_action(
	    TCP_ENO_R_SOCKOPT_MANDATORY_ABORT), TCP_ENO_ACT_ABORT_RST);
	require_int(&t, TCP_ENO_TEP_MANDATORY, 0);
	REQUIRE_REASON(setint(&t, TCP_ENO_TEP_MANDATORY, 0), TCP_ENO_R_NONE);
	require_setint_fails(&t, TCP_ENO_TEP_MANDATORY, 2,
	    TCP_ENO_R_SOCKOPT_BAD_INT);
	/* While negotiating or encrypting it is simply recorded. */
	t.st = TCP_ENO_SS_SYN_SENT;
	REQUIRE_REASON(setint(&t, TCP_ENO_TEP_MANDATORY, 1), TCP_ENO_R_NONE);
	require_int(&t, TCP_ENO_TEP_MANDATORY, 1);
	REQUIRE_REASON(setint(&t, TCP_ENO_TEP_MANDATORY, 0), TCP_ENO_R_NONE);
	require_int(&t, TCP_ENO_TEP_MANDATORY, 0);
	tsock_encrypt(&t, 0x23, 0);
	REQUIRE_REASON(setint(&t, TCP_ENO_TEP_MANDATORY, 1), TCP_ENO_R_NONE);
	require_int(&t, TCP_ENO_TEP_MANDATORY, 1);
}

ATF_TC(sockopt_self_gopt_listen);
ATF_TC_HEAD(sockopt_self_gopt_listen, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "SELF_GOPT bit 0 is forced to 1 once listen(2) is called");
}
ATF_TC_BODY(sockopt_self_gopt_listen, tc)
{
	struct tsock t;

	tsock_init(&t);
	REQUIRE_REASON(setint(&t, TCP_ENO_SELF_GOPT, 2), TCP_ENO_R_NONE);
	require_int(&t, TCP_ENO_SELF_GOPT, 2);
	tcp_eno_sockconf_listen(&t.so);
	require_int(&t, TCP_ENO_SELF_GOPT, 3);
	ATF_REQUIRE_EQ(tcp_eno_sockconf_gopt(&t.so), 3);
	/* Still settable on the listener; b stays forced. */
	REQUIRE_REASON(setint(&t, TCP_ENO_SELF_GOPT, 0), TCP_ENO_R_NONE);
	require_int(&t, TCP_ENO_SELF_GOPT, 1);
	REQUIRE_REASON(setint(&t, TCP_ENO_SELF_GOPT, 0x1c), TCP_ENO_R_NONE);
	require_int(&t, TCP_ENO_SELF_GOPT, 0x1d);
	/* An active opener may set b itself (simultaneous open). */
	tsock_init(&t);
	REQUIRE_REASON(setint(&t, TCP_ENO_SELF_GOPT, 1), TCP_ENO_R_NONE);
	require_int(&t, TCP_ENO_SELF_GOPT, 1);
}

ATF_TC(sockopt_raw_mode);
ATF_TC_HEAD(sockopt_raw_mode, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "TCP_ENO_RAW turns off every option but itself and TRANSCRIPT");
}
ATF_TC_BODY(sockopt_raw_mode, tc)
{
	uint8_t raw[TCP_ENO_MAX_RAW + 1], v[8];
	struct tsock t;
	size_t i, len;

	memset(raw, 0x21, sizeof(raw));
	tsock_init(&t);
	require_set_fails(&t, TCP_ENO_RAW, raw, sizeof(raw),
	    TCP_ENO_R_SOCKOPT_TOO_LONG);
	REQUIRE_REASON(setbytes(&t, TCP_ENO_RAW, raw, TCP_ENO_MAX_RAW),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE(tcp_eno_sockconf_raw(&t.so));
	ATF_REQUIRE(!tcp_eno_sockconf_off(&t.so));
	for (i = 0; i < nitems(all_opts); i++) {
		if (all_opts[i] == TCP_ENO_RAW ||
		    all_opts[i] == TCP_ENO_TRANSCRIPT)
			continue;
		if (all_opts[i] != TCP_CRYPT_CACHE_FLUSH)
			require_get_fails(&t, all_opts[i],
			    TCP_ENO_R_SOCKOPT_RAW_MODE);
		if (!is_rw(all_opts[i]) &&
		    all_opts[i] != TCP_CRYPT_CACHE_FLUSH)
			continue;
		valid_value(all_opts[i], v, &len);
		require_set_fails(&t, all_opts[i], v, len,
		    TCP_ENO_R_SOCKOPT_RAW_MODE);
	}
	require_get_fails(&t, TCP_ENO_TRANSCRIPT,
	    TCP_ENO_R_SOCKOPT_NEGOTIATING);
	/* Raw negotiation done: the transcript is what it offers. */
	tsock_encrypt(&t, 0x30, 0);
	require_bytes(&t, TCP_ENO_TRANSCRIPT, t.nv.transcript, 8);
	require_get_fails(&t, TCP_ENO_SESSID, TCP_ENO_R_SOCKOPT_RAW_MODE);
	require_bytes(&t, TCP_ENO_RAW, raw, TCP_ENO_MAX_RAW);
	require_set_fails(&t, TCP_ENO_RAW, NULL, 0,
	    TCP_ENO_R_SOCKOPT_AFTER_SYN);
	t.st = TCP_ENO_SS_DISABLED;
	require_get_fails(&t, TCP_ENO_TRANSCRIPT, TCP_ENO_R_SOCKOPT_DISABLED);
	/* Even ENABLED = 0 set before does not turn raw mode off. */
	tsock_init(&t);
	REQUIRE_REASON(setint(&t, TCP_ENO_ENABLED, 0), TCP_ENO_R_NONE);
	REQUIRE_REASON(setbytes(&t, TCP_ENO_RAW, "\x25", 1), TCP_ENO_R_NONE);
	ATF_REQUIRE(!tcp_eno_sockconf_off(&t.so));
	require_get_fails(&t, TCP_ENO_TRANSCRIPT,
	    TCP_ENO_R_SOCKOPT_NEGOTIATING);
}

ATF_TC(sockopt_crypt_conf);
ATF_TC_HEAD(sockopt_crypt_conf, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "TCP_CRYPT_CONF: the AEAD in use; EINVAL unless tcpcrypt");
}
ATF_TC_BODY(sockopt_crypt_conf, tc)
{
	static const uint8_t teps[] = { 0x21, 0x22, 0x23, 0x24, 0x25 };
	const struct tcp_eno_impl impl = { teps, 5, NULL, 0 };
	struct tsock t;
	unsigned int x;

	for (x = 0x20; x < 0x100; x++) {
		if (x >= 0x80 && x < 0xa0)
			continue;
		tsock_init(&t);
		t.so.impl = &impl;
		tsock_encrypt(&t, (uint8_t)x, 0);
		if ((x & 0x7f) >= 0x21 && (x & 0x7f) <= 0x24)
			require_int(&t, TCP_CRYPT_CONF, 1);
		else
			require_get_fails(&t, TCP_CRYPT_CONF,
			    TCP_ENO_R_SOCKOPT_NOT_TCPCRYPT);
		/* Known as soon as the TEP is agreed. */
		t.st = TCP_ENO_SS_NEGOTIATED;
		require_get_fails(&t, TCP_CRYPT_CONF,
		    (x & 0x7f) >= 0x21 && (x & 0x7f) <= 0x24 ?
		    TCP_ENO_R_SOCKOPT_NEGOTIATING :
		    TCP_ENO_R_SOCKOPT_NOT_TCPCRYPT);
	}
	require_setint_fails(&t, TCP_CRYPT_CONF, 1,
	    TCP_ENO_R_SOCKOPT_READ_ONLY);
}

ATF_TC(sockopt_cache_flush);
ATF_TC_HEAD(sockopt_cache_flush, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "TCP_CRYPT_CACHE_FLUSH: write-only, value 1, any live state");
}
ATF_TC_BODY(sockopt_cache_flush, tc)
{
	struct tsock t;

	tsock_init(&t);
	require_get_fails(&t, TCP_CRYPT_CACHE_FLUSH,
	    TCP_ENO_R_SOCKOPT_WRITE_ONLY);
	REQUIRE_REASON(setint(&t, TCP_CRYPT_CACHE_FLUSH, 1), TCP_ENO_R_NONE);
	ATF_REQUIRE(t.so.cache_nouse == 1 && t.so.cache_flush == 0);
	require_get_fails(&t, TCP_CRYPT_CACHE_FLUSH,
	    TCP_ENO_R_SOCKOPT_WRITE_ONLY);
	/* Not an RW option: allowed after the SYN, where it flushes. */
	tsock_init(&t);
	tsock_encrypt(&t, 0x23, 0);
	REQUIRE_REASON(setint(&t, TCP_CRYPT_CACHE_FLUSH, 1), TCP_ENO_R_NONE);
	ATF_REQUIRE(t.so.cache_nouse == 0 && t.so.cache_flush == 1);
	tsock_init(&t);
	t.st = TCP_ENO_SS_DISABLED;
	REQUIRE_REASON(setint(&t, TCP_CRYPT_CACHE_FLUSH, 1), TCP_ENO_R_NONE);
	t.st = TCP_ENO_SS_SHUTDOWN;
	require_setint_fails(&t, TCP_CRYPT_CACHE_FLUSH, 1,
	    TCP_ENO_R_SOCKOPT_SHUTDOWN);
}

ATF_TC(sockopt_shutdown_all_einval);
ATF_TC_HEAD(sockopt_shutdown_all_einval, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "on a shut-down socket every option fails EINVAL, get and set");
}
ATF_TC_BODY(sockopt_shutdown_all_einval, tc)
{
	uint8_t v[8];
	struct tsock t;
	size_t i, len;

	tsock_init(&t);
	tsock_encrypt(&t, 0x23, 0);
	t.st = TCP_ENO_SS_SHUTDOWN;
	for (i = 0; i < nitems(all_opts); i++) {
		require_get_fails(&t, all_opts[i], TCP_ENO_R_SOCKOPT_SHUTDOWN);
		valid_value(all_opts[i], v, &len);
		require_set_fails(&t, all_opts[i], v, len,
		    TCP_ENO_R_SOCKOPT_SHUTDOWN);
	}
	ATF_REQUIRE_EQ(tcp_eno_reason_errclass(TCP_ENO_R_SOCKOPT_SHUTDOWN),
	    TCP_ENO_EC_INVALID);
}

ATF_TC(sockopt_direction_and_unknown);
ATF_TC_HEAD(sockopt_direction_and_unknown, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "set of an R option, and unknown names, fail EINVAL");
}
ATF_TC_BODY(sockopt_direction_and_unknown, tc)
{
	static const int unknown[] = { 2047, 2061, 2062, 2063, 2068, 0, -1 };
	uint8_t v[8] = { 0 };
	struct tsock t;
	size_t i;
	int name;

	tsock_init(&t);
	tsock_encrypt(&t, 0x23, 0);
	for (i = 0; i < nitems(ro_opts); i++)
		require_set_fails(&t, ro_opts[i], v, sizeof(int),
		    TCP_ENO_R_SOCKOPT_READ_ONLY);
	for (i = 0; i < nitems(unknown); i++) {
		require_set_fails(&t, unknown[i], v, sizeof(int),
		    TCP_ENO_R_SOCKOPT_UNKNOWN);
		require_get_fails(&t, unknown[i], TCP_ENO_R_SOCKOPT_UNKNOWN);
		ATF_REQUIRE(tcp_eno_sockopt_name(unknown[i]) == NULL);
	}
	for (i = 0; i < nitems(all_opts); i++) {
		ATF_REQUIRE(tcp_eno_sockopt_lookup(
		    tcp_eno_sockopt_name(all_opts[i]), &name));
		ATF_REQUIRE_EQ(name, all_opts[i]);
	}
	ATF_REQUIRE(!tcp_eno_sockopt_lookup("TCP_ENO", &name));
	ATF_REQUIRE(!tcp_eno_sockopt_lookup("TCP_ENO_TEPSX", &name));
	/* API.md 1 numbers. */
	ATF_REQUIRE_EQ(TCP_ENO_ENABLED, 2048);
	ATF_REQUIRE_EQ(TCP_ENO_TRANSCRIPT, 2060);
	ATF_REQUIRE_EQ(TCP_CRYPT_CONF, 2064);
	ATF_REQUIRE_EQ(TCP_CRYPT_BCONF, 2067);
}

ATF_TC(sockopt_inherit_on_accept);
ATF_TC_HEAD(sockopt_inherit_on_accept, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "accept(2) children inherit the listener's RW settings");
}
ATF_TC_BODY(sockopt_inherit_on_accept, tc)
{
	struct tsock l, c;
	uint8_t v[4];
	size_t len;

	tsock_init(&l);
	REQUIRE_REASON(setint(&l, TCP_ENO_ENABLED, 1), TCP_ENO_R_NONE);
	REQUIRE_REASON(setbytes(&l, TCP_ENO_TEPS, "\x24\x23", 2),
	    TCP_ENO_R_NONE);
	REQUIRE_REASON(setint(&l, TCP_ENO_SELF_GOPT, 2), TCP_ENO_R_NONE);
	REQUIRE_REASON(setint(&l, TCP_ENO_AA_MANDATORY, 1), TCP_ENO_R_NONE);
	REQUIRE_REASON(setint(&l, TCP_ENO_TEP_MANDATORY, 1), TCP_ENO_R_NONE);
	REQUIRE_REASON(setbytes(&l, TCP_CRYPT_BCONF, "\x00\x02", 2),
	    TCP_ENO_R_NONE);
	REQUIRE_REASON(setint(&l, TCP_CRYPT_CACHE_FLUSH, 1), TCP_ENO_R_NONE);
	tcp_eno_sockconf_listen(&l.so);
	tsock_init(&c);
	tcp_eno_sockconf_inherit(&c.so, &l.so);
	c.st = TCP_ENO_SS_SYN_SENT;	/* our SYN-ACK is out */
	require_int(&c, TCP_ENO_ENABLED, 1);
	require_bytes(&c, TCP_ENO_TEPS, "\x24\x23", 2);
	require_int(&c, TCP_ENO_SELF_GOPT, 3);
	require_int(&c, TCP_ENO_AA_MANDATORY, 1);
	require_int(&c, TCP_ENO_TEP_MANDATORY, 1);
	require_bytes(&c, TCP_CRYPT_BCONF, "\x00\x02", 2);
	require_bytes(&c, TCP_CRYPT_ACONF, "\x00\x01\x00\x02\x00\x10", 6);
	ATF_REQUIRE(c.so.cache_nouse == 1);
	valid_value(TCP_ENO_TEPS, v, &len);
	require_set_fails(&c, TCP_ENO_TEPS, v, len,
	    TCP_ENO_R_SOCKOPT_AFTER_SYN);
	/* Later changes on the listener do not reach the child. */
	REQUIRE_REASON(setint(&l, TCP_ENO_ENABLED, 0), TCP_ENO_R_NONE);
	require_int(&c, TCP_ENO_ENABLED, 1);
}

ATF_TC(sockopt_errclass_table);
ATF_TC_HEAD(sockopt_errclass_table, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "every sockopt reason maps to the errno class API.md gives it");
}
ATF_TC_BODY(sockopt_errclass_table, tc)
{
	static const struct {
		enum tcp_eno_reason r;
		enum tcp_eno_errclass c;
	} tab[] = {
		{ TCP_ENO_R_SOCKOPT_UNKNOWN, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_SOCKOPT_SHUTDOWN, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_SOCKOPT_NEGOTIATING, TCP_ENO_EC_NOTCONN },
		{ TCP_ENO_R_SOCKOPT_DISABLED, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_SOCKOPT_AFTER_SYN, TCP_ENO_EC_ISCONN },
		{ TCP_ENO_R_SOCKOPT_READ_ONLY, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_SOCKOPT_WRITE_ONLY, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_SOCKOPT_BAD_LEN, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_SOCKOPT_BAD_INT, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_SOCKOPT_TOO_LONG, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_SOCKOPT_BUF_SHORT, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_SOCKOPT_RAW_MODE, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_SOCKOPT_NOT_TCPCRYPT, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_SOCKOPT_MANDATORY_ABORT, TCP_ENO_EC_ABORTED },
		{ TCP_ENO_R_TEP_BAD_ID, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_TEP_UNIMPLEMENTED, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_TEP_TOO_MANY, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_TEP_DUPLICATE, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_AEAD_ODD_LEN, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_AEAD_EMPTY, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_AEAD_TOO_MANY, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_AEAD_UNIMPLEMENTED, TCP_ENO_EC_INVALID },
		{ TCP_ENO_R_AEAD_DUPLICATE, TCP_ENO_EC_INVALID },
	};
	size_t i;

	for (i = 0; i < nitems(tab); i++)
		ATF_REQUIRE_MSG(tcp_eno_reason_errclass(tab[i].r) == tab[i].c,
		    "%s maps to %s", tcp_eno_reason_name(tab[i].r),
		    tcp_eno_errclass_name(tcp_eno_reason_errclass(tab[i].r)));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, sockopt_defaults);
	ATF_TP_ADD_TC(tp, sockopt_rw_read_back);
	ATF_TP_ADD_TC(tp, sockopt_ro_negotiating_notconn);
	ATF_TP_ADD_TC(tp, sockopt_ro_disabled_einval);
	ATF_TP_ADD_TC(tp, sockopt_ro_encrypting_values);
	ATF_TP_ADD_TC(tp, sockopt_set_after_syn_rejected);
	ATF_TP_ADD_TC(tp, sockopt_tep_mandatory_abort);
	ATF_TP_ADD_TC(tp, sockopt_self_gopt_listen);
	ATF_TP_ADD_TC(tp, sockopt_raw_mode);
	ATF_TP_ADD_TC(tp, sockopt_crypt_conf);
	ATF_TP_ADD_TC(tp, sockopt_cache_flush);
	ATF_TP_ADD_TC(tp, sockopt_shutdown_all_einval);
	ATF_TP_ADD_TC(tp, sockopt_direction_and_unknown);
	ATF_TP_ADD_TC(tp, sockopt_inherit_on_accept);
	ATF_TP_ADD_TC(tp, sockopt_errclass_table);
	return (atf_no_error());
}
