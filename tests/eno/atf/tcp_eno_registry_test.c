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
 * ATF-C tests of the reason table (one class and action per reason) and
 * of the TEP registry and its use in negotiation (RFC 8547 4.5, D3).
 */

#include <stdio.h>

#include "eno_atf.h"

ATF_TC(reason_table_complete);
ATF_TC_HEAD(reason_table_complete, tc)
{
	atf_tc_set_md_var(tc, "descr", "Every reason has a unique name, a "
	    "clause, a class and an action; names look back up");
}
ATF_TC_BODY(reason_table_complete, tc)
{
	enum tcp_eno_reason r, back;
	unsigned int i, j;

	for (i = 0; i < TCP_ENO_R_COUNT; i++) {
		r = (enum tcp_eno_reason)i;
		ATF_REQUIRE(strncmp(tcp_eno_reason_name(r), "TCP_ENO_R_",
		    10) == 0);
		ATF_REQUIRE(strlen(tcp_eno_reason_clause(r)) > 0);
		ATF_REQUIRE(tcp_eno_reason_errclass(r) < TCP_ENO_EC_COUNT);
		ATF_REQUIRE(tcp_eno_reason_action(r) < TCP_ENO_ACT_COUNT);
		ATF_REQUIRE(tcp_eno_reason_lookup(tcp_eno_reason_name(r),
		    &back));
		ATF_REQUIRE_EQ(back, r);
		for (j = 0; j < i; j++)
			ATF_REQUIRE(strcmp(tcp_eno_reason_name(r),
			    tcp_eno_reason_name((enum tcp_eno_reason)j)) != 0);
	}
	ATF_REQUIRE(!tcp_eno_reason_lookup("TCP_ENO_R_NO_SUCH", &back));
	/* Out of range is an invalid call, never success. */
	ATF_REQUIRE_EQ(tcp_eno_reason_errclass(TCP_ENO_R_COUNT + 5),
	    TCP_ENO_EC_INVALID);
	ATF_REQUIRE_STREQ(tcp_eno_reason_name(TCP_ENO_R_COUNT),
	    "TCP_ENO_R_UNKNOWN");
}

ATF_TC(reason_classes_and_actions);
ATF_TC_HEAD(reason_classes_and_actions, tc)
{
	atf_tc_set_md_var(tc, "descr", "The table maps reasons to the "
	    "API.md errno classes and RFC 8547 actions");
}
ATF_TC_BODY(reason_classes_and_actions, tc)
{
	const struct {
		enum tcp_eno_reason r;
		enum tcp_eno_errclass c;
		enum tcp_eno_action a;
	} rows[] = {
		{ TCP_ENO_R_NONE, TCP_ENO_EC_NONE, TCP_ENO_ACT_CONTINUE },
		{ TCP_ENO_R_LENBYTE_OVERRUN, TCP_ENO_EC_NONE,
		    TCP_ENO_ACT_FALLBACK },
		{ TCP_ENO_R_ROLE_CONFLICT, TCP_ENO_EC_NONE,
		    TCP_ENO_ACT_FALLBACK },
		{ TCP_ENO_R_TEP_MANDATORY, TCP_ENO_EC_ABORTED,
		    TCP_ENO_ACT_ABORT_RST },
		{ TCP_ENO_R_TEP_MANDATORY_RST, TCP_ENO_EC_REFUSED,
		    TCP_ENO_ACT_ABORT_RST },
		{ TCP_ENO_R_SYNDATA_ACKED_BAD_TEP, TCP_ENO_EC_ABORTED,
		    TCP_ENO_ACT_ABORT_RST },
		{ TCP_ENO_R_NOT_YET, TCP_ENO_EC_NOTCONN,
		    TCP_ENO_ACT_CONTINUE },
		{ TCP_ENO_R_NOT_ENABLED, TCP_ENO_EC_INVALID,
		    TCP_ENO_ACT_CONTINUE },
		{ TCP_ENO_R_SOCKOPT_AFTER_SYN, TCP_ENO_EC_ISCONN,
		    TCP_ENO_ACT_CONTINUE },
		{ TCP_ENO_R_SOCKOPT_NEGOTIATING, TCP_ENO_EC_NOTCONN,
		    TCP_ENO_ACT_CONTINUE },
		{ TCP_ENO_R_SOCKOPT_MANDATORY_ABORT, TCP_ENO_EC_ABORTED,
		    TCP_ENO_ACT_ABORT_RST },
		{ TCP_ENO_R_POLICY_CONNECT_OFF, TCP_ENO_EC_NONE,
		    TCP_ENO_ACT_FALLBACK },
	};
	size_t i;

	for (i = 0; i < nitems(rows); i++) {
		ATF_REQUIRE_EQ_MSG(tcp_eno_reason_errclass(rows[i].r),
		    rows[i].c, "%s", tcp_eno_reason_name(rows[i].r));
		ATF_REQUIRE_EQ_MSG(tcp_eno_reason_action(rows[i].r),
		    rows[i].a, "%s", tcp_eno_reason_name(rows[i].r));
	}
	ATF_REQUIRE_STREQ(tcp_eno_errclass_name(TCP_ENO_EC_INTEGRITY),
	    "integrity");
	ATF_REQUIRE_STREQ(tcp_eno_action_name(TCP_ENO_ACT_ABORT_RST),
	    "abort");
}

ATF_TC(registry_rules);
ATF_TC_HEAD(registry_rules, tc)
{
	atf_tc_set_md_var(tc, "descr", "Registration refuses bad ids, short "
	    "session IDs, duplicates and overflow; lookup ignores v");
}
ATF_TC_BODY(registry_rules, tc)
{
	struct tcp_eno_tep_ops many[TCP_ENO_REG_MAX + 1];
	struct tcp_eno_tep_ops bad = atf_tep21;
	struct tcp_eno_registry reg;
	int ctx = 7;
	void *got = NULL;
	size_t i;

	tcp_eno_registry_init(&reg);
	bad.teo_id = 0x1f;
	REQ_R(tcp_eno_tep_register(&reg, &bad, NULL), TCP_ENO_R_REG_BAD_ID);
	bad.teo_id = 0xa1;
	REQ_R(tcp_eno_tep_register(&reg, &bad, NULL), TCP_ENO_R_REG_BAD_ID);
	bad.teo_id = 0x21;
	bad.teo_sessid_len = 32;
	REQ_R(tcp_eno_tep_register(&reg, &bad, NULL), TCP_ENO_R_BAD_ARGUMENT);
	REQ_R(tcp_eno_tep_register(&reg, &atf_tep21, &ctx), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_tep_register(&reg, &atf_tep21, NULL),
	    TCP_ENO_R_REG_DUPLICATE);
	ATF_REQUIRE(tcp_eno_tep_lookup(&reg, 0xa1, &got) == &atf_tep21);
	ATF_REQUIRE(got == &ctx);
	ATF_REQUIRE(tcp_eno_tep_lookup(&reg, 0x23, NULL) == NULL);
	REQ_R(tcp_eno_tep_unregister(&reg, 0x21), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_tep_unregister(&reg, 0x21), TCP_ENO_R_REG_UNKNOWN);
	for (i = 0; i < nitems(many); i++) {
		many[i] = atf_tep21;
		many[i].teo_id = (uint8_t)(0x40 + i);
		REQ_R(tcp_eno_tep_register(&reg, &many[i], NULL),
		    i < TCP_ENO_REG_MAX ? TCP_ENO_R_NONE : TCP_ENO_R_REG_FULL);
	}
	/* Unregistering from the middle keeps the others reachable. */
	REQ_R(tcp_eno_tep_unregister(&reg, 0x43), TCP_ENO_R_NONE);
	ATF_REQUIRE(tcp_eno_tep_lookup(&reg, 0x4f, NULL) == &many[15]);
	ATF_REQUIRE(tcp_eno_tep_lookup(&reg, 0x43, NULL) == NULL);
}

ATF_TC(registry_default_instance);
ATF_TC_HEAD(registry_default_instance, tc)
{
	atf_tc_set_md_var(tc, "descr", "A NULL registry is the default one, "
	    "used by negotiation as well");
}
ATF_TC_BODY(registry_default_instance, tc)
{
	const uint8_t teps[] = { 0x23 };
	struct tcp_eno_conf conf;
	uint8_t out[TCP_ENO_CONTENTS_MAX];
	size_t len;

	tcp_eno_registry_init(NULL);
	atf_conf(&conf, false, teps, 1);
	REQ_R(tcp_eno_active_syn(NULL, NULL, &conf, out, sizeof(out), &len),
	    TCP_ENO_R_POLICY_NO_TEPS);
	REQ_R(tcp_eno_tep_register(NULL, &atf_tep23, NULL), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_active_syn(NULL, NULL, &conf, out, sizeof(out), &len),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(len, 1);
	ATF_REQUIRE_EQ(out[0], 0x23);
	tcp_eno_registry_init(NULL);
}

ATF_TC(registry_default_validity);
ATF_TC_HEAD(registry_default_validity, tc)
{
	atf_tc_set_md_var(tc, "descr", "A TEP without a validity callback "
	    "defines no data and no repetition (4.5 (2), (3))");
}
ATF_TC_BODY(registry_default_validity, tc)
{
	const uint8_t a_data[] = { 0x21, 0xa3, 0x01 };
	const uint8_t a_rep[] = { 0x23, 0x23 }, a_ok[] = { 0x21, 0x23 };
	const uint8_t b_ok[] = { 0x01, 0x23 }, b_data[] = { 0x01, 0xa3, 0x05 };
	struct tcp_eno_syn a, b;
	struct tcp_eno_registry reg;
	struct tcp_eno_conf conf;
	struct tcp_eno_outcome out;

	atf_registry(&reg);
	atf_conf(&conf, false, NULL, 0);
	REQ_R(tcp_eno_syn_parse(&b, b_ok, sizeof(b_ok)), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_parse(&a, a_ok, sizeof(a_ok)), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_negotiate(&reg, NULL, &conf, &a, &b, &out),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(out.eo_negtep, 0x23);
	ATF_REQUIRE_EQ(out.eo_role, TCP_ENO_ROLE_A);
	REQ_R(tcp_eno_syn_parse(&a, a_data, sizeof(a_data)), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_negotiate(&reg, NULL, &conf, &a, &b, &out),
	    TCP_ENO_R_NO_VALID_TEP);
	REQ_R(tcp_eno_syn_parse(&a, a_rep, sizeof(a_rep)), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_negotiate(&reg, NULL, &conf, &a, &b, &out),
	    TCP_ENO_R_NO_VALID_TEP);
	REQ_R(tcp_eno_syn_parse(&a, a_ok, sizeof(a_ok)), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_syn_parse(&b, b_data, sizeof(b_data)), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_negotiate(&reg, NULL, &conf, &a, &b, &out),
	    TCP_ENO_R_NO_VALID_TEP);
}

ATF_TC(registry_tep_suboptions);
ATF_TC_HEAD(registry_tep_suboptions, tc)
{
	atf_tc_set_md_var(tc, "descr", "A TEP's own suboption data goes into "
	    "the SYN, with a length byte when not last (4.4)");
}
ATF_TC_BODY(registry_tep_suboptions, tc)
{
	const uint8_t teps[] = { 0x30, 0x23 }, last[] = { 0x23, 0x30 };
	const uint8_t want[] = { 0x88, 0xb0, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4,
	    0xa5, 0xa6, 0xa7, 0xa8, 0x23 };
	const uint8_t want_last[] = { 0x23, 0xb0, 0xa0, 0xa1, 0xa2, 0xa3,
	    0xa4, 0xa5, 0xa6, 0xa7, 0xa8 };
	struct tcp_eno_registry reg;
	struct tcp_eno_conf conf;
	uint8_t out[TCP_ENO_CONTENTS_MAX];
	size_t len;

	atf_registry(&reg);
	atf_conf(&conf, false, teps, 2);
	REQ_R(tcp_eno_active_syn(&reg, NULL, &conf, out, sizeof(out), &len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(out, len, want, sizeof(want));
	atf_conf(&conf, false, last, 2);
	REQ_R(tcp_eno_active_syn(&reg, NULL, &conf, out, sizeof(out), &len),
	    TCP_ENO_R_NONE);
	REQ_BYTES(out, len, want_last, sizeof(want_last));
}

ATF_TC(registry_passive_resumption_wins);
ATF_TC_HEAD(registry_passive_resumption_wins, tc)
{
	atf_tc_set_md_var(tc, "descr", "D3: B answers the TEP's resumption "
	    "suboption when the TEP can honour A's offer, and skips a TEP "
	    "whose answer would not be valid");
}
ATF_TC_BODY(registry_passive_resumption_wins, tc)
{
	const uint8_t teps[] = { 0x21, 0x30 };
	const uint8_t a_match[] = { 0x21, 0xb0, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4,
	    0xa5, 0xa6, 0xa7, 0xa8 };
	const uint8_t a_other[] = { 0x21, 0xb0, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4,
	    0xa5, 0xa6, 0xa7, 0x00 };
	struct tcp_eno_registry reg;
	struct tcp_eno_conf conf;
	struct tcp_eno_syn a;
	uint8_t out[TCP_ENO_CONTENTS_MAX];
	size_t len;

	atf_registry(&reg);
	atf_conf(&conf, true, teps, 2);
	REQ_R(tcp_eno_syn_parse(&a, a_match, sizeof(a_match)),
	    TCP_ENO_R_NONE);
	atf_tep30_valid_calls = 0;
	REQ_R(tcp_eno_passive_answer(&reg, NULL, &conf, &a, out, sizeof(out),
	    &len), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(len, 11);
	ATF_REQUIRE_EQ(out[0], 0x01);
	ATF_REQUIRE_EQ(out[1], 0xb0);
	ATF_REQUIRE(atf_tep30_valid_calls > 0);
	/* A names another secret: 0x30's answer is invalid, 0x21 is next. */
	REQ_R(tcp_eno_syn_parse(&a, a_other, sizeof(a_other)),
	    TCP_ENO_R_NONE);
	REQ_R(tcp_eno_passive_answer(&reg, NULL, &conf, &a, out, sizeof(out),
	    &len), TCP_ENO_R_NONE);
	ATF_REQUIRE_EQ(len, 2);
	ATF_REQUIRE_EQ(out[0], 0x01);
	ATF_REQUIRE_EQ(out[1], 0x21);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, reason_table_complete);
	ATF_TP_ADD_TC(tp, reason_classes_and_actions);
	ATF_TP_ADD_TC(tp, registry_rules);
	ATF_TP_ADD_TC(tp, registry_default_instance);
	ATF_TP_ADD_TC(tp, registry_default_validity);
	ATF_TP_ADD_TC(tp, registry_tep_suboptions);
	ATF_TP_ADD_TC(tp, registry_passive_resumption_wins);
	return (atf_no_error());
}
