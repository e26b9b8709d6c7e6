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
 * ATF-C tests of the TCP-ENO option codec (RFC 8547 4.1, 4.2, 4.4, 4.8)
 * and session names (draft-ietf-tcpinc-api 2.1).
 */

#include "eno_atf.h"

ATF_TC(codec_parse_ill_formed_clears);
ATF_TC_HEAD(codec_parse_ill_formed_clears, tc)
{
	atf_tc_set_md_var(tc, "descr", "An ill-formed option (4.4) is "
	    "rejected with its reason and leaves no suboption behind");
}
ATF_TC_BODY(codec_parse_ill_formed_clears, tc)
{
	const uint8_t overrun[] = { 0x01, 0x21, 0x81, 0xa3, 0xaa };
	const uint8_t follower[] = { 0x21, 0x80, 0x22, 0x00 };
	struct tcp_eno_syn syn;

	REQ_R(tcp_eno_syn_parse(&syn, overrun, sizeof(overrun)),
	    TCP_ENO_R_LENBYTE_OVERRUN);
	ATF_REQUIRE_EQ(syn.esy_nsub, 0);
	ATF_REQUIRE(!syn.esy_has_gopt);
	REQ_R(tcp_eno_syn_parse(&syn, follower, sizeof(follower)),
	    TCP_ENO_R_LENBYTE_FOLLOWER);
	ATF_REQUIRE_EQ(syn.esy_nsub, 0);
}

ATF_TC(codec_encode_length_bytes);
ATF_TC_HEAD(codec_encode_length_bytes, tc)
{
	atf_tc_set_md_var(tc, "descr", "Data suboptions get a length byte "
	    "unless last; the last one's length is implied (4.4)");
}
ATF_TC_BODY(codec_encode_length_bytes, tc)
{
	const uint8_t d1[] = { 0x11, 0x22 }, d2[] = { 0x33, 0x44, 0x55 };
	const uint8_t want[] = { 0x02, 0x81, 0xa1, 0x11, 0x22, 0x23,
	    0xb0, 0x33, 0x44, 0x55 };
	struct tcp_eno_syn syn, back;
	uint8_t out[TCP_ENO_CONTENTS_MAX];
	size_t len;

	tcp_eno_syn_init(&syn);
	REQ_R(tcp_eno_syn_set_gopt(&syn, 0x02), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_add(&syn, 0x21, 1, d1, sizeof(d1)), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_add(&syn, 0x23, 0, NULL, 0), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_add(&syn, 0x30, 1, d2, sizeof(d2)), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_encode(&syn, out, sizeof(out), &len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(out, len, want, sizeof(want));
	REQ_R(tcp_eno_syn_parse(&back, out, len), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(back.esy_nsub, 3);
	ATF_REQUIRE_EQ(back.esy_gopt, 0x02);
	ATF_REQUIRE_EQ(back.esy_sub[2].es_tep, 0x30);
	ATF_REQUIRE_EQ(back.esy_sub[2].es_len, 3);
	ATF_REQUIRE(memcmp(tcp_eno_subopt_data(&back, 0), d1, 2) == 0);
	ATF_REQUIRE_EQ(tcp_eno_syn_tep(&back), 0x30);
}

ATF_TC(codec_encode_rejects);
ATF_TC_HEAD(codec_encode_rejects, tc)
{
	atf_tc_set_md_var(tc, "descr", "What cannot be encoded is refused "
	    "with a reason: bad TEP id, bad gopt, data lengths, no room");
}
ATF_TC_BODY(codec_encode_rejects, tc)
{
	uint8_t big[33], out[TCP_ENO_CONTENTS_MAX];
	struct tcp_eno_syn syn;
	size_t len;

	memset(big, 0x5a, sizeof(big));
	tcp_eno_syn_init(&syn);
	REQ_R(tcp_eno_syn_add(&syn, 0x1f, 0, NULL, 0), TCP_ENO_R_ENC_BAD_TEP);
	REQ_R(tcp_eno_syn_add(&syn, 0xa1, 0, NULL, 0), TCP_ENO_R_ENC_BAD_TEP);
	REQ_R(tcp_eno_syn_add(&syn, 0x21, 0, big, 1), TCP_ENO_R_ENC_DATA_LEN);
	REQ_R(tcp_eno_syn_add(&syn, 0x21, 2, NULL, 0), TCP_ENO_R_ENC_DATA_LEN);
	REQ_R(tcp_eno_syn_set_gopt(&syn, 0x20), TCP_ENO_R_ENC_BAD_GOPT);
	/* 33 data bytes are fine last, not before another suboption. */
	REQ_R(tcp_eno_syn_add(&syn, 0x21, 1, big, 33), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_encode(&syn, out, sizeof(out), &len),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(len, 34);
	REQ_R(tcp_eno_syn_add(&syn, 0x23, 0, NULL, 0), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_encode(&syn, out, sizeof(out), &len),
	    TCP_ENO_R_ENC_DATA_LEN);
	/* v = 1 without data can only be last. */
	tcp_eno_syn_init(&syn);
	REQ_R(tcp_eno_syn_add(&syn, 0x21, 1, NULL, 0), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_add(&syn, 0x23, 0, NULL, 0), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_encode(&syn, out, sizeof(out), &len),
	    TCP_ENO_R_ENC_DATA_LEN);
	/* Room. */
	tcp_eno_syn_init(&syn);
	REQ_R(tcp_eno_syn_add(&syn, 0x21, 0, NULL, 0), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_add(&syn, 0x23, 0, NULL, 0), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_encode(&syn, out, 1, &len), TCP_ENO_R_ENC_NO_ROOM);
	REQ_R(tcp_eno_syn_add(&syn, 0x30, 1, big, 33), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_add(&syn, 0x31, 1, big, 6), TCP_ENO_R_ENC_NO_ROOM);
}

ATF_TC(codec_options_walk);
ATF_TC_HEAD(codec_options_walk, tc)
{
	atf_tc_set_md_var(tc, "descr", "The TCP options walk counts ENO "
	    "options (4.1) and stops where tcp_dooptions() would");
}
ATF_TC_BODY(codec_options_walk, tc)
{
	const uint8_t two[] = { 0x02, 0x04, 0x05, 0xb4, 0x45, 0x03, 0x21,
	    0x01, 0x45, 0x02 };
	const uint8_t bad[] = { 0x45, 0x03, 0x21, 0x08, 0x00, 0x45, 0x02 };
	struct tcp_eno_seg seg;
	const uint8_t *c;
	size_t len;

	ATF_REQUIRE_EQ(tcp_eno_options_find(two, sizeof(two), &c, &len), 2);
	ATF_REQUIRE(c == two + 6);
	ATF_REQUIRE_EQ(len, 1);
	ATF_REQUIRE_EQ(tcp_eno_options_find(bad, sizeof(bad), &c, &len), 1);
	ATF_REQUIRE_EQ(tcp_eno_options_find(two, 0, &c, &len), 0);
	ATF_REQUIRE(c == NULL);
	tcp_eno_seg_from_options(&seg, two, sizeof(two));
	ATF_REQUIRE_EQ(seg.esg_neno, 2);
}

ATF_TC(codec_transcript_bytes);
ATF_TC_HEAD(codec_transcript_bytes, tc)
{
	atf_tc_set_md_var(tc, "descr", "Transcript: A's option then B's, "
	    "kind and length included (4.8); short buffers refused");
}
ATF_TC_BODY(codec_transcript_bytes, tc)
{
	const uint8_t a[] = { 0x21, 0x23 }, b[] = { 0x01, 0x23 };
	const uint8_t want[] = { 0x45, 0x04, 0x21, 0x23, 0x45, 0x04, 0x01,
	    0x23 };
	uint8_t out[TCP_ENO_MAX_TRANSCRIPT], big[TCP_ENO_CONTENTS_MAX + 1];
	size_t len;

	REQ_R(tcp_eno_transcript(a, 2, b, 2, out, sizeof(out), &len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(out, len, want, sizeof(want));
	REQ_R(tcp_eno_transcript(a, 2, b, 2, out, 7, &len),
	    TCP_ENO_R_BUF_SHORT);
	memset(big, 0x21, sizeof(big));
	REQ_R(tcp_eno_transcript(big, sizeof(big), b, 2, out, sizeof(out),
	    &len), TCP_ENO_R_OPT_TOO_LONG);
	/* Two 40-byte options fill TCP_ENO_MAX_TRANSCRIPT exactly. */
	REQ_R(tcp_eno_transcript(big, TCP_ENO_CONTENTS_MAX, big,
	    TCP_ENO_CONTENTS_MAX, out, sizeof(out), &len), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(len, TCP_ENO_MAX_TRANSCRIPT);
}

ATF_TC(codec_session_names);
ATF_TC_HEAD(codec_session_names, tc)
{
	atf_tc_set_md_var(tc, "descr", "SELF_NAME = role | SID, PEER_NAME = "
	    "(1 - role) | SID; A's self name is B's peer name (draft 2.1)");
}
ATF_TC_BODY(codec_session_names, tc)
{
	uint8_t sid[33], sa[TCP_ENO_MAX_NAME], pb[TCP_ENO_MAX_NAME];
	size_t la, lb;

	memset(sid, 0x77, sizeof(sid));
	sid[0] = 0x23;
	REQ_R(tcp_eno_session_name(TCP_ENO_ROLE_A, true, sid, sizeof(sid),
	    sa, sizeof(sa), &la), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_session_name(TCP_ENO_ROLE_B, false, sid, sizeof(sid),
	    pb, sizeof(pb), &lb), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(la, 34);
	ATF_REQUIRE_EQ(sa[0], 0);
	REQ_BYTES(sa, la, pb, lb);
	REQ_R(tcp_eno_session_name(TCP_ENO_ROLE_B, true, sid, sizeof(sid),
	    sa, sizeof(sa), &la), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(sa[0], 1);
	/* 8547 5.1: a session ID has at least 33 bytes. */
	REQ_R(tcp_eno_session_name(TCP_ENO_ROLE_A, true, sid, 32, sa,
	    sizeof(sa), &la), TCP_ENO_R_BAD_ARGUMENT);
	REQ_R(tcp_eno_session_name(TCP_ENO_ROLE_A, true, sid, 33, sa, 33,
	    &la), TCP_ENO_R_BUF_SHORT);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, codec_parse_ill_formed_clears);
	ATF_TP_ADD_TC(tp, codec_encode_length_bytes);
	ATF_TP_ADD_TC(tp, codec_encode_rejects);
	ATF_TP_ADD_TC(tp, codec_options_walk);
	ATF_TP_ADD_TC(tp, codec_transcript_bytes);
	ATF_TP_ADD_TC(tp, codec_session_names);
	return (atf_no_error());
}
