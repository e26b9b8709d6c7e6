/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * ATF-C tests of the socket options on top of the real TCP-ENO engine:
 * two sockets' settings go through tcp_eno_sockconf_engine_conf() into
 * tcp_eno_conn_init(), the engines exchange real option bytes, and what
 * getsockopt would report is read through tcp_eno_sockstate_of() and the
 * engine's status.  Checks the draft 2.1 invariants across both ends:
 * ROLE equals the LSB of SELF_GOPT as sent, SELF_NAME at one end is
 * PEER_NAME at the other, PEER_GOPT is the other end's SELF_GOPT.
 */

#include <atf-c.h>
#include <string.h>

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"
#include "tcp_eno_engine.h"
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

/* TEPs 0x21-0x24 with the engine's default rules (no suboption data). */
static const struct tcp_eno_tep_ops teps_ops[4] = {
	{ .teo_id = 0x21, .teo_name = "p256", .teo_sessid_len = 33 },
	{ .teo_id = 0x22, .teo_name = "p521", .teo_sessid_len = 33 },
	{ .teo_id = 0x23, .teo_name = "x25519", .teo_sessid_len = 33 },
	{ .teo_id = 0x24, .teo_name = "x448", .teo_sessid_len = 33 },
};

/* One end: its socket settings and its engine connection. */
struct end {
	struct tcp_eno_sockconf	so;
	struct tcp_eno_conn	conn;
	struct tcp_eno_negview	nv;
	bool			keys;
};

struct world {
	struct tcp_eno_registry	reg;
	struct tcp_eno_sysconf	sys;
	struct end		a, b;	/* a connects, b is the accepted child */
	uint8_t			opt[TCP_ENO_OPT_MAX];
	size_t			len;
};

static void
world_init(struct world *w)
{
	size_t i;

	memset(w, 0, sizeof(*w));
	tcp_eno_registry_init(&w->reg);
	for (i = 0; i < nitems(teps_ops); i++)
		REQUIRE_REASON(tcp_eno_tep_register(&w->reg, &teps_ops[i],
		    NULL), TCP_ENO_R_NONE);
	tcp_eno_sysconf_init(&w->sys, NULL);
	tcp_eno_sockconf_init(&w->a.so, &w->sys);
	tcp_eno_sockconf_init(&w->b.so, &w->sys);
	tcp_eno_sockconf_listen(&w->b.so);
}

static void
seg_of(struct tcp_eno_seg *seg, const uint8_t *opt, size_t len)
{
	seg->esg_neno = len > 0 ? 1 : 0;
	seg->esg_contents = len > 0 ? opt + 2 : NULL;
	seg->esg_len = len > 0 ? len - 2 : 0;
}

/* SYN, SYN-ACK, ACK and B's first reply, through both engines. */
static void
world_handshake(struct world *w, uint16_t port)
{
	struct tcp_eno_conf ca, cb;
	struct tcp_eno_seg seg;

	/* The server's port: remote for a, local for b. */
	(void)tcp_eno_sockconf_engine_conf(&w->a.so, &w->sys, port, &ca);
	(void)tcp_eno_sockconf_engine_conf(&w->b.so, &w->sys, port, &cb);
	/* Not attempting is a fallback at init (TCP_ENO_R_LOCAL_OFF). */
	REQUIRE_REASON(tcp_eno_conn_init(&w->a.conn, &w->reg, NULL, &ca),
	    ca.ecf_attempt ? TCP_ENO_R_NONE : TCP_ENO_R_LOCAL_OFF);
	REQUIRE_REASON(tcp_eno_conn_init(&w->b.conn, &w->reg, NULL, &cb),
	    cb.ecf_attempt ? TCP_ENO_R_NONE : TCP_ENO_R_LOCAL_OFF);
	(void)tcp_eno_poll_syn(&w->a.conn, w->opt, sizeof(w->opt), &w->len);
	seg_of(&seg, w->opt, w->len);
	(void)tcp_eno_handle_syn(&w->b.conn, &seg);
	(void)tcp_eno_poll_synack(&w->b.conn, w->opt, sizeof(w->opt),
	    &w->len);
	seg_of(&seg, w->opt, w->len);
	(void)tcp_eno_handle_synack(&w->a.conn, &seg);
	(void)tcp_eno_poll_option(&w->a.conn, w->opt, sizeof(w->opt),
	    &w->len);
	seg_of(&seg, w->opt, w->len);
	(void)tcp_eno_handle_segment(&w->b.conn, &seg, true);
	(void)tcp_eno_poll_option(&w->b.conn, w->opt, sizeof(w->opt),
	    &w->len);
	seg_of(&seg, w->opt, w->len);
	(void)tcp_eno_handle_segment(&w->a.conn, &seg, true);
}

/* What getsockopt sees on one end; sessid stands in for the TEP's. */
static enum tcp_eno_sockstate
end_view(struct end *e)
{
	struct tcp_eno_status es;
	size_t len, i;

	tcp_eno_conn_status(&e->conn, &es);
	memset(&e->nv, 0, sizeof(e->nv));
	if (es.est_negotiated) {
		e->nv.negtep = es.est_negtep;
		e->nv.role = (uint8_t)es.est_role;
		e->nv.peer_gopt = es.est_peer_gopt;
		e->nv.sessid_len = 33;
		e->nv.sessid[0] = es.est_negtep;
		for (i = 1; i < 33; i++)
			e->nv.sessid[i] = (uint8_t)i;
		e->nv.crypt_conf = 1;
		if (tcp_eno_conn_transcript(&e->conn, e->nv.transcript,
		    sizeof(e->nv.transcript), &len) == TCP_ENO_R_NONE)
			e->nv.transcript_len = (uint8_t)len;
	}
	return (tcp_eno_sockstate_of(&es, true, e->keys, false));
}

static int
get_int(struct end *e, int name, enum tcp_eno_reason want)
{
	enum tcp_eno_sockstate st;
	size_t len = sizeof(int);
	int v = -99;

	st = end_view(e);
	REQUIRE_REASON(tcp_eno_sockopt_get(&e->so, &e->nv, st, name, &v,
	    &len), want);
	return (v);
}

static size_t
get_bytes(struct end *e, int name, uint8_t *buf, size_t cap,
    enum tcp_eno_reason want)
{
	enum tcp_eno_sockstate st;
	size_t len = cap;

	st = end_view(e);
	REQUIRE_REASON(tcp_eno_sockopt_get(&e->so, &e->nv, st, name, buf,
	    &len), want);
	return (len);
}

ATF_TC(sockopt_engine_encrypted_pair);
ATF_TC_HEAD(sockopt_engine_encrypted_pair, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "settings through the engine: roles, gopts, names, transcript");
}
ATF_TC_BODY(sockopt_engine_encrypted_pair, tc)
{
	uint8_t sa[80], sb[80], ta[80], tb[80];
	struct world w;
	size_t la, lb;
	int v;

	world_init(&w);
	v = 2;			/* application-aware */
	REQUIRE_REASON(tcp_eno_sockopt_set(&w.a.so, TCP_ENO_SS_IDLE,
	    TCP_ENO_SELF_GOPT, &v, sizeof(v)), TCP_ENO_R_NONE);
	REQUIRE_REASON(tcp_eno_sockopt_set(&w.b.so, TCP_ENO_SS_IDLE,
	    TCP_ENO_TEPS, "\x24\x23", 2), TCP_ENO_R_NONE);
	world_handshake(&w, 80);
	/* Keys pending: only the transcript, and it is the same on both. */
	la = get_bytes(&w.a, TCP_ENO_TRANSCRIPT, ta, sizeof(ta),
	    TCP_ENO_R_NONE);
	lb = get_bytes(&w.b, TCP_ENO_TRANSCRIPT, tb, sizeof(tb),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE(la > 0 && la == lb && memcmp(ta, tb, la) == 0);
	(void)get_int(&w.a, TCP_ENO_ROLE, TCP_ENO_R_SOCKOPT_NEGOTIATING);
	w.a.keys = w.b.keys = true;
	/* B picks its most preferred TEP that A offered: 0x23 (D3). */
	ATF_REQUIRE_EQ(get_int(&w.a, TCP_ENO_NEGTEP, TCP_ENO_R_NONE), 0x23);
	ATF_REQUIRE_EQ(get_int(&w.b, TCP_ENO_NEGTEP, TCP_ENO_R_NONE), 0x23);
	/* ROLE is the LSB of SELF_GOPT as sent (draft 2.1). */
	ATF_REQUIRE_EQ(get_int(&w.a, TCP_ENO_ROLE, TCP_ENO_R_NONE), 0);
	ATF_REQUIRE_EQ(get_int(&w.a, TCP_ENO_SELF_GOPT, TCP_ENO_R_NONE) & 1,
	    0);
	ATF_REQUIRE_EQ(get_int(&w.b, TCP_ENO_ROLE, TCP_ENO_R_NONE), 1);
	ATF_REQUIRE_EQ(get_int(&w.b, TCP_ENO_SELF_GOPT, TCP_ENO_R_NONE) & 1,
	    1);
	/* PEER_GOPT is what the other end sent. */
	ATF_REQUIRE_EQ(get_int(&w.b, TCP_ENO_PEER_GOPT, TCP_ENO_R_NONE), 2);
	ATF_REQUIRE_EQ(get_int(&w.a, TCP_ENO_PEER_GOPT, TCP_ENO_R_NONE), 1);
	/* SELF_NAME at one end is PEER_NAME at the other. */
	la = get_bytes(&w.a, TCP_ENO_SELF_NAME, sa, sizeof(sa),
	    TCP_ENO_R_NONE);
	lb = get_bytes(&w.b, TCP_ENO_PEER_NAME, sb, sizeof(sb),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE(la == 34 && la == lb && memcmp(sa, sb, la) == 0);
	la = get_bytes(&w.b, TCP_ENO_SELF_NAME, sa, sizeof(sa),
	    TCP_ENO_R_NONE);
	lb = get_bytes(&w.a, TCP_ENO_PEER_NAME, sb, sizeof(sb),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE(la == 34 && la == lb && memcmp(sa, sb, la) == 0);
	ATF_REQUIRE(sa[0] == 1 && sb[0] == 1);
	ATF_REQUIRE_EQ(get_int(&w.a, TCP_CRYPT_CONF, TCP_ENO_R_NONE), 1);
}

ATF_TC(sockopt_engine_enabled_zero);
ATF_TC_HEAD(sockopt_engine_enabled_zero, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "ENABLED = 0 keeps ENO out of the SYN; both ends end up disabled");
}
ATF_TC_BODY(sockopt_engine_enabled_zero, tc)
{
	struct tcp_eno_conf ca;
	struct world w;
	int v;

	world_init(&w);
	v = 0;
	REQUIRE_REASON(tcp_eno_sockopt_set(&w.a.so, TCP_ENO_SS_IDLE,
	    TCP_ENO_ENABLED, &v, sizeof(v)), TCP_ENO_R_NONE);
	REQUIRE_REASON(tcp_eno_sockconf_engine_conf(&w.a.so, &w.sys, 80, &ca),
	    TCP_ENO_R_POLICY_SOCKET_OFF);
	ATF_REQUIRE(!ca.ecf_attempt);
	world_handshake(&w, 80);
	w.a.keys = w.b.keys = true;
	ATF_REQUIRE_EQ(end_view(&w.a), TCP_ENO_SS_DISABLED);
	ATF_REQUIRE_EQ(end_view(&w.b), TCP_ENO_SS_DISABLED);
	(void)get_int(&w.a, TCP_ENO_NEGTEP, TCP_ENO_R_SOCKOPT_DISABLED);
	(void)get_int(&w.b, TCP_ENO_ROLE, TCP_ENO_R_SOCKOPT_DISABLED);
	/* Mandatory now: the plain connection is aborted (API.md 3). */
	v = 1;
	REQUIRE_REASON(tcp_eno_sockopt_set(&w.b.so, end_view(&w.b),
	    TCP_ENO_TEP_MANDATORY, &v, sizeof(v)),
	    TCP_ENO_R_SOCKOPT_MANDATORY_ABORT);
}

ATF_TC(sockopt_engine_bad_port);
ATF_TC_HEAD(sockopt_engine_bad_port, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "bad_listen_ports keeps the passive end from negotiating");
}
ATF_TC_BODY(sockopt_engine_bad_port, tc)
{
	struct tcp_eno_conf cb;
	struct world w;
	const char *ports = "25,80";

	world_init(&w);
	REQUIRE_REASON(tcp_eno_sysctl_set_str(&w.sys,
	    TCP_ENO_SYSCTL_BAD_LISTEN_PORTS, ports, strlen(ports)),
	    TCP_ENO_R_NONE);
	REQUIRE_REASON(tcp_eno_sockconf_engine_conf(&w.b.so, &w.sys, 80, &cb),
	    TCP_ENO_R_POLICY_BAD_LISTEN_PORT);
	ATF_REQUIRE(!cb.ecf_attempt);
	REQUIRE_REASON(tcp_eno_sockconf_engine_conf(&w.b.so, &w.sys, 81, &cb),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE(cb.ecf_attempt);
	world_handshake(&w, 80);
	w.a.keys = w.b.keys = true;
	ATF_REQUIRE_EQ(end_view(&w.a), TCP_ENO_SS_DISABLED);
	ATF_REQUIRE_EQ(end_view(&w.b), TCP_ENO_SS_DISABLED);
	(void)get_int(&w.a, TCP_ENO_ROLE, TCP_ENO_R_SOCKOPT_DISABLED);
}

ATF_TC(sockopt_engine_conf_fields);
ATF_TC_HEAD(sockopt_engine_conf_fields, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "engine_conf carries every setting, v bits cleared, raw copied");
}
ATF_TC_BODY(sockopt_engine_conf_fields, tc)
{
	struct tcp_eno_sysconf sys;
	struct tcp_eno_sockconf so;
	struct tcp_eno_conf c;
	int v;

	tcp_eno_sysconf_init(&sys, NULL);
	tcp_eno_sockconf_init(&so, &sys);
	REQUIRE_REASON(tcp_eno_sockopt_set(&so, TCP_ENO_SS_IDLE, TCP_ENO_TEPS,
	    "\xa4\x21", 2), TCP_ENO_R_NONE);
	v = 1;
	REQUIRE_REASON(tcp_eno_sockopt_set(&so, TCP_ENO_SS_IDLE,
	    TCP_ENO_AA_MANDATORY, &v, sizeof(v)), TCP_ENO_R_NONE);
	REQUIRE_REASON(tcp_eno_sockopt_set(&so, TCP_ENO_SS_IDLE,
	    TCP_ENO_TEP_MANDATORY, &v, sizeof(v)), TCP_ENO_R_NONE);
	v = 0x1e;
	REQUIRE_REASON(tcp_eno_sockopt_set(&so, TCP_ENO_SS_IDLE,
	    TCP_ENO_SELF_GOPT, &v, sizeof(v)), TCP_ENO_R_NONE);
	REQUIRE_REASON(tcp_eno_sockconf_engine_conf(&so, &sys, 443, &c),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE(c.ecf_nteps == 2 && c.ecf_teps[0] == 0x24 &&
	    c.ecf_teps[1] == 0x21);
	ATF_REQUIRE(c.ecf_aa_mandatory && c.ecf_tep_mandatory);
	ATF_REQUIRE(c.ecf_gopt == 0x1e && !c.ecf_passive && c.ecf_attempt);
	ATF_REQUIRE_EQ(c.ecf_rawlen, 0);
	REQUIRE_REASON(tcp_eno_sockopt_set(&so, TCP_ENO_SS_IDLE, TCP_ENO_RAW,
	    "\x00\x30", 2), TCP_ENO_R_NONE);
	tcp_eno_sockconf_listen(&so);
	REQUIRE_REASON(tcp_eno_sockconf_engine_conf(&so, &sys, 443, &c),
	    TCP_ENO_R_NONE);
	ATF_REQUIRE(c.ecf_rawlen == 2 && c.ecf_raw[1] == 0x30);
	ATF_REQUIRE(c.ecf_passive && c.ecf_attempt);
}

ATF_TC(sockopt_engine_sockstate_of);
ATF_TC_HEAD(sockopt_engine_sockstate_of, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "engine status to option-rule state, every combination");
}
ATF_TC_BODY(sockopt_engine_sockstate_of, tc)
{
	struct tcp_eno_status es;

	memset(&es, 0, sizeof(es));
	es.est_phase = TCP_ENO_PH_NEGOTIATING;
	ATF_REQUIRE_EQ(tcp_eno_sockstate_of(&es, false, false, false),
	    TCP_ENO_SS_IDLE);
	ATF_REQUIRE_EQ(tcp_eno_sockstate_of(&es, true, false, false),
	    TCP_ENO_SS_SYN_SENT);
	ATF_REQUIRE_EQ(tcp_eno_sockstate_of(&es, true, false, true),
	    TCP_ENO_SS_SHUTDOWN);
	es.est_negotiated = true;
	ATF_REQUIRE_EQ(tcp_eno_sockstate_of(&es, true, false, false),
	    TCP_ENO_SS_NEGOTIATED);
	es.est_phase = TCP_ENO_PH_ENABLED;
	ATF_REQUIRE_EQ(tcp_eno_sockstate_of(&es, true, false, false),
	    TCP_ENO_SS_NEGOTIATED);
	ATF_REQUIRE_EQ(tcp_eno_sockstate_of(&es, true, true, false),
	    TCP_ENO_SS_ENCRYPTING);
	es.est_raw = true;
	ATF_REQUIRE_EQ(tcp_eno_sockstate_of(&es, true, false, false),
	    TCP_ENO_SS_ENCRYPTING);
	es.est_phase = TCP_ENO_PH_DISABLED;
	ATF_REQUIRE_EQ(tcp_eno_sockstate_of(&es, true, true, false),
	    TCP_ENO_SS_DISABLED);
	ATF_REQUIRE_EQ(tcp_eno_sockstate_of(&es, true, true, true),
	    TCP_ENO_SS_SHUTDOWN);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, sockopt_engine_encrypted_pair);
	ATF_TP_ADD_TC(tp, sockopt_engine_enabled_zero);
	ATF_TP_ADD_TC(tp, sockopt_engine_bad_port);
	ATF_TP_ADD_TC(tp, sockopt_engine_conf_fields);
	ATF_TP_ADD_TC(tp, sockopt_engine_sockstate_of);
	return (atf_no_error());
}
