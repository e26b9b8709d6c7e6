/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * ATF-C tests of the socket option values (tcp_eno_sockopt.c; API.md
 * sections 2 and 3): int ranges and lengths, TCP_ENO_TEPS and
 * TCP_CRYPT_ACONF / BCONF validation, short read buffers.  Each case
 * asserts the exact reason code.
 */

#include "tcp_eno_sockopt_test.h"

ATF_TC(sockopt_bad_int);
ATF_TC_HEAD(sockopt_bad_int, tc)
{
	atf_tc_set_md_var(tc, "descr", "out-of-range ints fail EINVAL");
}
ATF_TC_BODY(sockopt_bad_int, tc)
{
	struct tsock t;

	tsock_init(&t);
	require_setint_fails(&t, TCP_ENO_ENABLED, 2, TCP_ENO_R_SOCKOPT_BAD_INT);
	require_setint_fails(&t, TCP_ENO_ENABLED, -2,
	    TCP_ENO_R_SOCKOPT_BAD_INT);
	require_setint_fails(&t, TCP_ENO_SELF_GOPT, 32,
	    TCP_ENO_R_SOCKOPT_BAD_INT);
	require_setint_fails(&t, TCP_ENO_SELF_GOPT, -1,
	    TCP_ENO_R_SOCKOPT_BAD_INT);
	require_setint_fails(&t, TCP_ENO_AA_MANDATORY, 2,
	    TCP_ENO_R_SOCKOPT_BAD_INT);
	require_setint_fails(&t, TCP_ENO_AA_MANDATORY, -1,
	    TCP_ENO_R_SOCKOPT_BAD_INT);
	require_setint_fails(&t, TCP_ENO_TEP_MANDATORY, 2,
	    TCP_ENO_R_SOCKOPT_BAD_INT);
	require_setint_fails(&t, TCP_CRYPT_CACHE_FLUSH, 0,
	    TCP_ENO_R_SOCKOPT_BAD_INT);
	require_setint_fails(&t, TCP_CRYPT_CACHE_FLUSH, 2,
	    TCP_ENO_R_SOCKOPT_BAD_INT);
	require_setint_fails(&t, TCP_ENO_ENABLED, 0x10000,
	    TCP_ENO_R_SOCKOPT_BAD_INT);
}

ATF_TC(sockopt_bad_len);
ATF_TC_HEAD(sockopt_bad_len, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "int options need exactly sizeof(int) bytes, in and out");
}
ATF_TC_BODY(sockopt_bad_len, tc)
{
	static const int ints[] = {
		TCP_ENO_ENABLED, TCP_ENO_SELF_GOPT, TCP_ENO_AA_MANDATORY,
		TCP_ENO_TEP_MANDATORY, TCP_CRYPT_CACHE_FLUSH
	};
	uint8_t v[16] = { 1 };
	struct tsock t;
	size_t i, len;
	int x;

	tsock_init(&t);
	for (i = 0; i < nitems(ints); i++) {
		require_set_fails(&t, ints[i], v, 0, TCP_ENO_R_SOCKOPT_BAD_LEN);
		require_set_fails(&t, ints[i], v, 1, TCP_ENO_R_SOCKOPT_BAD_LEN);
		require_set_fails(&t, ints[i], v, sizeof(int) + 1,
		    TCP_ENO_R_SOCKOPT_BAD_LEN);
		require_set_fails(&t, ints[i], v, 8, TCP_ENO_R_SOCKOPT_BAD_LEN);
		require_set_fails(&t, ints[i], NULL, sizeof(int),
		    TCP_ENO_R_SOCKOPT_BAD_LEN);
	}
	len = sizeof(int) - 1;
	x = 77;
	REQUIRE_REASON(tcp_eno_sockopt_get(&t.so, NULL, t.st, TCP_ENO_ENABLED,
	    &x, &len), TCP_ENO_R_SOCKOPT_BAD_LEN);
	ATF_REQUIRE(x == 77 && len == sizeof(int) - 1);
	/* A larger buffer is fine; the value's size comes back. */
	len = sizeof(v);
	REQUIRE_REASON(tcp_eno_sockopt_get(&t.so, NULL, t.st, TCP_ENO_ENABLED,
	    v, &len), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(len, sizeof(int));
}

ATF_TC(sockopt_bytes_short_buffer);
ATF_TC_HEAD(sockopt_bytes_short_buffer, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "a bytes option read into a short buffer fails, copies nothing");
}
ATF_TC_BODY(sockopt_bytes_short_buffer, tc)
{
	static const int bytes_opts[] = {
		TCP_ENO_SESSID, TCP_ENO_SELF_NAME, TCP_ENO_PEER_NAME,
		TCP_ENO_TRANSCRIPT, TCP_ENO_TEPS, TCP_CRYPT_ACONF,
		TCP_CRYPT_BCONF
	};
	uint8_t buf[128];
	struct tsock t;
	size_t i, len, full, k;

	tsock_init(&t);
	tsock_encrypt(&t, 0x23, 0);
	for (i = 0; i < nitems(bytes_opts); i++) {
		full = sizeof(buf);
		REQUIRE_REASON(getbytes(&t, bytes_opts[i], buf, &full),
		    TCP_ENO_R_NONE);
		ATF_REQUIRE(full > 0);
		for (len = 0; len < full; len++) {
			memset(buf, 0xee, sizeof(buf));
			k = len;
			REQUIRE_REASON(getbytes(&t, bytes_opts[i], buf, &k),
			    TCP_ENO_R_SOCKOPT_BUF_SHORT);
			ATF_REQUIRE_EQ(k, len);
			for (k = 0; k < sizeof(buf); k++)
				ATF_REQUIRE(buf[k] == 0xee);
		}
		len = full;
		REQUIRE_REASON(getbytes(&t, bytes_opts[i], buf, &len),
		    TCP_ENO_R_NONE);
	}
	/* RAW too, once set (raw mode turns the others off). */
	REQUIRE_REASON(tcp_eno_sockopt_set(&t.so, TCP_ENO_SS_IDLE,
	    TCP_ENO_RAW, "\x01\x02\x03", 3), TCP_ENO_R_NONE);
	len = 2;
	REQUIRE_REASON(getbytes(&t, TCP_ENO_RAW, buf, &len),
	    TCP_ENO_R_SOCKOPT_BUF_SHORT);
	/* An empty value fits any buffer, even none. */
	tsock_init(&t);
	REQUIRE_REASON(setbytes(&t, TCP_ENO_TEPS, NULL, 0), TCP_ENO_R_NONE);
	len = 0;
	REQUIRE_REASON(getbytes(&t, TCP_ENO_TEPS, NULL, &len), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(len, 0);
}

ATF_TC(sockopt_teps_validation);
ATF_TC_HEAD(sockopt_teps_validation, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "TCP_ENO_TEPS: v bit ignored, bad / unimplemented bytes EINVAL");
}
ATF_TC_BODY(sockopt_teps_validation, tc)
{
	uint8_t b[TCP_ENO_MAX_TEPS + 1];
	struct tsock t;
	unsigned int x;
	enum tcp_eno_reason want;

	tsock_init(&t);
	/* Every single byte value, against draft 2.1's rule. */
	for (x = 0; x < 256; x++) {
		b[0] = (uint8_t)x;
		if ((x & 0x7f) < 0x20)
			want = TCP_ENO_R_TEP_BAD_ID;
		else if ((x & 0x7f) < 0x21 || (x & 0x7f) > 0x24)
			want = TCP_ENO_R_TEP_UNIMPLEMENTED;
		else
			want = TCP_ENO_R_NONE;
		if (want != TCP_ENO_R_NONE) {
			require_set_fails(&t, TCP_ENO_TEPS, b, 1, want);
			continue;
		}
		REQUIRE_REASON(setbytes(&t, TCP_ENO_TEPS, b, 1),
		    TCP_ENO_R_NONE);
		require_bytes(&t, TCP_ENO_TEPS, b, 1);
	}
	require_set_fails(&t, TCP_ENO_TEPS, "\x21\x23\x21", 3,
	    TCP_ENO_R_TEP_DUPLICATE);
	require_set_fails(&t, TCP_ENO_TEPS, "\x23\xa3", 2,
	    TCP_ENO_R_TEP_DUPLICATE);
	require_set_fails(&t, TCP_ENO_TEPS, "\x21\x10", 2,
	    TCP_ENO_R_TEP_BAD_ID);
	memset(b, 0x21, sizeof(b));
	require_set_fails(&t, TCP_ENO_TEPS, b, sizeof(b),
	    TCP_ENO_R_TEP_TOO_MANY);
	/* A parameter, not hard-wired: another stack's TEP set. */
	{
		static const uint8_t teps[] = { 0x30 };
		const struct tcp_eno_impl impl = { teps, 1, NULL, 0 };

		t.so.impl = &impl;
		REQUIRE_REASON(setbytes(&t, TCP_ENO_TEPS, "\xb0", 1),
		    TCP_ENO_R_NONE);
		require_set_fails(&t, TCP_ENO_TEPS, "\x23", 1,
		    TCP_ENO_R_TEP_UNIMPLEMENTED);
	}
}

ATF_TC(sockopt_aeads_validation);
ATF_TC_HEAD(sockopt_aeads_validation, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "TCP_CRYPT_ACONF / BCONF: odd, empty, > 8, unimplemented EINVAL");
}
ATF_TC_BODY(sockopt_aeads_validation, tc)
{
	static const uint16_t ids[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	const struct tcp_eno_impl nine = { NULL, 0, ids, 9 };
	uint8_t b[18];
	struct tsock t;
	size_t i;
	int k, opt;

	for (k = 0; k < 2; k++) {
		opt = k == 0 ? TCP_CRYPT_ACONF : TCP_CRYPT_BCONF;
		tsock_init(&t);
		require_set_fails(&t, opt, NULL, 0, TCP_ENO_R_AEAD_EMPTY);
		require_set_fails(&t, opt, "\x00", 1, TCP_ENO_R_AEAD_ODD_LEN);
		require_set_fails(&t, opt, "\x00\x01\x00", 3,
		    TCP_ENO_R_AEAD_ODD_LEN);
		require_set_fails(&t, opt, "\x00\x03", 2,
		    TCP_ENO_R_AEAD_UNIMPLEMENTED);
		require_set_fails(&t, opt, "\x01\x00", 2,
		    TCP_ENO_R_AEAD_UNIMPLEMENTED);
		require_set_fails(&t, opt, "\x00\x01\x00\x01", 4,
		    TCP_ENO_R_AEAD_DUPLICATE);
		REQUIRE_REASON(setbytes(&t, opt, "\x00\x10\x00\x01", 4),
		    TCP_ENO_R_NONE);
		require_bytes(&t, opt, "\x00\x10\x00\x01", 4);
		t.so.impl = &nine;
		for (i = 0; i < 9; i++) {
			b[2 * i] = 0;
			b[2 * i + 1] = (uint8_t)(i + 1);
		}
		REQUIRE_REASON(setbytes(&t, opt, b, 16), TCP_ENO_R_NONE);
		require_set_fails(&t, opt, b, 18, TCP_ENO_R_AEAD_TOO_MANY);
		require_bytes(&t, opt, b, 16);
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, sockopt_bad_int);
	ATF_TP_ADD_TC(tp, sockopt_bad_len);
	ATF_TP_ADD_TC(tp, sockopt_bytes_short_buffer);
	ATF_TP_ADD_TC(tp, sockopt_teps_validation);
	ATF_TP_ADD_TC(tp, sockopt_aeads_validation);
	return (atf_no_error());
}
