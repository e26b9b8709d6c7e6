/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * Host tests of tools/tcpinc_auth over the fake two-endpoint transport
 * (auth_fake.h): the cookie (draft-ietf-tcpinc-api 5.1) and signature
 * (5.2) schemes succeed between honest peers, and each attack or failure
 * of sections 5 and 6 ends in its own asserted error, an aborted
 * connection and no "authenticated" verdict.  Known answers were computed
 * with Python's hmac and the cryptography package (Ed25519), independently
 * of libcrypto.  Ends with "N passed, M failed".
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "auth_fake.h"
#include "hexbuf.h"
#include "tcpinc_auth.h"

static int npass, nfail;
static const char *cur_test;

#define	CHECK(cond) do {						\
	if (cond)							\
		npass++;						\
	else {								\
		nfail++;						\
		printf("FAIL %s:%d [%s]: %s\n", __FILE__, __LINE__,	\
		    cur_test, #cond);					\
	}								\
} while (0)

#define	CHECK_ERR(got, want) do {				\
	enum tcpinc_auth_error g_ = (got), w_ = (want);			\
	if (g_ == w_)							\
		npass++;						\
	else {								\
		nfail++;						\
		printf("FAIL %s:%d [%s]: got %s, want %s\n", __FILE__,	\
		    __LINE__, cur_test, tcpinc_auth_error_name(g_),	\
		    tcpinc_auth_error_name(w_));			\
	}								\
} while (0)

static const uint8_t cookie16[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    12, 13, 14, 15 };
static const uint8_t cookie_other[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    11, 12, 13, 14, 0xff };
static uint8_t sk_a[32], pk_a[32], sk_b[32], pk_b[32], sk_x[32], pk_x[32];

/* Both ends aware, connected, with a cookie job each. */
static void
pair_up(struct fake_pair *p, uint8_t seed, struct fake_job *ja,
    struct fake_job *jb)
{

	fake_pair_init(p, seed);
	CHECK_ERR(tcpinc_auth_mark_aware(&p->a.t, 0, NULL), TCPINC_AUTH_OK);
	CHECK_ERR(tcpinc_auth_mark_aware(&p->b.t, 0, NULL), TCPINC_AUTH_OK);
	memset(ja, 0, sizeof(*ja));
	memset(jb, 0, sizeof(*jb));
	ja->end = &p->a;
	jb->end = &p->b;
	ja->cookie = jb->cookie = cookie16;
	ja->cookie_len = jb->cookie_len = sizeof(cookie16);
}

/* Section 6: a failed end is aborted and never claims authentication. */
static void
check_failed(struct fake_job *j, enum tcpinc_auth_error want)
{

	CHECK_ERR(j->error, want);
	CHECK_ERR(j->result.detail.error, want);
	CHECK(!j->result.peer_authenticated);
	CHECK(!j->result.self_proved);
	CHECK(j->end->aborted);
}

static void
check_ok(struct fake_job *j, bool peer_verified)
{

	CHECK_ERR(j->error, TCPINC_AUTH_OK);
	CHECK(j->result.peer_authenticated == peer_verified);
	CHECK(!j->end->aborted);
	CHECK(j->end->cache_flushed == 0);
}

static void
test_mark_aware(void)
{
	struct tcpinc_auth_detail d;
	struct fake_pair p;

	fake_pair_init(&p, 1);
	p.a.self_gopt = 0x10;
	CHECK_ERR(tcpinc_auth_mark_aware(&p.a.t, TCPINC_AUTH_MARK_AA_MANDATORY |
	    TCPINC_AUTH_MARK_TEP_MANDATORY | TCPINC_AUTH_MARK_ENABLE, &d),
	    TCPINC_AUTH_OK);
	CHECK(p.a.self_gopt == 0x12);	/* other bits kept */
	CHECK(p.a.aa_mandatory == 1);
	CHECK(p.a.tep_mandatory == 1);
	CHECK(p.a.enabled == 1);
	CHECK_ERR(tcpinc_auth_mark_aware(&p.b.t, 0, NULL), TCPINC_AUTH_OK);
	CHECK(p.b.self_gopt == 0x02 && p.b.aa_mandatory == 0);
	fake_pair_connect(&p);
	CHECK(p.a.peer_gopt == 0x03 && p.b.peer_gopt == 0x12);
	/* After the SYN: EISCONN, reported as a setsockopt failure. */
	CHECK_ERR(tcpinc_auth_mark_aware(&p.a.t, 0, &d),
	    TCPINC_AUTH_E_SETSOCKOPT);
	CHECK(d.sys_errno == EISCONN && d.option == TCP_ENO_SELF_GOPT);
	fake_pair_destroy(&p);
}

static void
test_cookie_ok(void)
{
	struct fake_job ja, jb;
	struct fake_pair p;

	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	fake_run_pair(&ja, &jb);
	check_ok(&ja, true);
	check_ok(&jb, true);
	CHECK(ja.result.self_proved && jb.result.self_proved);
	CHECK(ja.result.session.role == 0 && jb.result.session.role == 1);
	CHECK(ja.result.session.name_len == 34);
	CHECK(memcmp(ja.result.session.self_name, jb.result.session.peer_name,
	    34) == 0);
	/* Exactly one message each way: no byte of app data was eaten. */
	CHECK(fake_pipe_written(&p.ab) == 3 + 34 + 1 + 32);
	CHECK(p.ab.off == p.ab.len && p.ba.off == p.ba.len);
	fake_pair_destroy(&p);
}

static void
test_cookie_wrong(void)
{
	struct fake_job ja, jb;
	struct fake_pair p;

	pair_up(&p, 0x21, &ja, &jb);
	jb.cookie = cookie_other;
	fake_pair_connect(&p);
	fake_run_pair(&ja, &jb);
	check_failed(&ja, TCPINC_AUTH_E_COOKIE_MISMATCH);
	check_failed(&jb, TCPINC_AUTH_E_COOKIE_MISMATCH);
	CHECK(p.a.cache_flushed == 1 && p.b.cache_flushed == 1);
	fake_pair_destroy(&p);
}

static void
test_cookie_short(void)
{
	struct fake_job ja, jb;
	struct fake_pair p;

	pair_up(&p, 0x21, &ja, &jb);
	ja.cookie_len = jb.cookie_len = 15;
	fake_pair_connect(&p);
	fake_run_pair(&ja, &jb);
	check_failed(&ja, TCPINC_AUTH_E_COOKIE_SHORT);
	check_failed(&jb, TCPINC_AUTH_E_COOKIE_SHORT);
	CHECK(fake_pipe_written(&p.ab) == 0 && fake_pipe_written(&p.ba) == 0);
	fake_pair_destroy(&p);
}

/*
 * Replay: B's authenticator recorded on one connection is played to A on
 * a new connection (new session ID) by someone who lacks the cookie.
 * A keeps a replay memory, so it recognises the earlier session.
 */
static void
test_cookie_replay(void)
{
	struct tcpinc_auth_replay mem;
	uint8_t rec[256];
	struct fake_job ja, jb;
	struct fake_pair p;
	size_t i, rec_len;

	tcpinc_auth_replay_init(&mem);
	pair_up(&p, 0x21, &ja, &jb);
	ja.replay = &mem;
	fake_pair_connect(&p);
	fake_run_pair(&ja, &jb);
	check_ok(&ja, true);
	fake_pipe_copy(&p.ba, rec, sizeof(rec), &rec_len);
	fake_pair_destroy(&p);

	pair_up(&p, 0x77, &ja, &jb);
	ja.replay = &mem;
	fake_pair_connect(&p);
	fake_pipe_inject(&p.ba, rec, rec_len);
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_REPLAY);
	CHECK(p.a.cache_flushed == 1);
	fake_pair_destroy(&p);

	/* Without a memory nothing tells it from a relay. */
	pair_up(&p, 0x77, &ja, &jb);
	fake_pair_connect(&p);
	fake_pipe_inject(&p.ba, rec, rec_len);
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_SESSION_MISMATCH);
	CHECK(p.a.cache_flushed == 1);
	fake_pair_destroy(&p);

	/* A failed run recorded nothing: the replay is still recognised. */
	pair_up(&p, 0x79, &ja, &jb);
	ja.replay = &mem;
	fake_pair_connect(&p);
	fake_pipe_inject(&p.ba, rec, rec_len);
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_REPLAY);
	fake_pair_destroy(&p);

	/* The same replay with the name rewritten: the MAC still fails. */
	pair_up(&p, 0x77, &ja, &jb);
	ja.replay = &mem;
	fake_pair_connect(&p);
	for (i = 0; i < FAKE_SESSID_LEN; i++)	/* the new session's ID */
		rec[3 + 1 + i] = (uint8_t)(0x77 + i);
	fake_pipe_inject(&p.ba, rec, rec_len);
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_COOKIE_MISMATCH);
	fake_pair_destroy(&p);
}

/* The same with signatures: B's signed message from connection 1. */
static void
test_sig_replay(void)
{
	struct tcpinc_auth_replay mem;
	uint8_t rec[256];
	struct fake_job ja, jb;
	struct fake_pair p;
	size_t rec_len;

	tcpinc_auth_replay_init(&mem);
	pair_up(&p, 0x31, &ja, &jb);
	ja.use_sig = jb.use_sig = true;
	ja.sig.self_sk = sk_a;
	ja.sig.peer_pk = pk_b;
	jb.sig.self_sk = sk_b;
	jb.sig.peer_pk = pk_a;
	ja.replay = &mem;
	fake_pair_connect(&p);
	fake_run_pair(&ja, &jb);
	check_ok(&ja, true);
	fake_pipe_copy(&p.ba, rec, sizeof(rec), &rec_len);
	fake_pair_destroy(&p);

	pair_up(&p, 0x91, &ja, &jb);
	ja.use_sig = true;
	ja.sig.self_sk = sk_a;
	ja.sig.peer_pk = pk_b;
	ja.replay = &mem;
	fake_pair_connect(&p);
	fake_pipe_inject(&p.ba, rec, rec_len);
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_REPLAY);
	CHECK(p.a.cache_flushed == 1);
	fake_pair_destroy(&p);
}

/* A session with the fake's layout: role | seed, seed + 1, ... */
static void
seed_session(struct tcpinc_auth_session *s, uint8_t seed, size_t sid_len)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->name_len = sid_len + 1;
	s->self_name[0] = 0;
	s->peer_name[0] = 1;
	for (i = 0; i < sid_len; i++)
		s->self_name[1 + i] = s->peer_name[1 + i] = (uint8_t)(seed + i);
	s->role = 0;
	s->peer_gopt = TCPINC_AUTH_GOPT_AA;
}

/* The peer's cookie message for session s (as the peer builds it). */
static size_t
peer_msg(const struct tcpinc_auth_session *s, uint8_t *msg, size_t cap)
{
	struct tcpinc_auth_session peer;
	size_t len;

	peer = *s;
	memcpy(peer.self_name, s->peer_name, s->name_len);
	memcpy(peer.peer_name, s->self_name, s->name_len);
	peer.role = 1;
	len = 0;
	CHECK_ERR(tcpinc_auth_cookie_create(&peer, cookie16, 16, msg, cap,
	    &len), TCPINC_AUTH_OK);
	return (len);
}

/* The ring itself, sans-I/O: record, classify, evict, leave others be. */
static void
test_replay_memory(void)
{
	struct tcpinc_auth_replay mem;
	struct tcpinc_auth_session s, old;
	uint8_t msg[TCPINC_AUTH_MSG_MAX];
	size_t len;
	int i;

	tcpinc_auth_replay_init(&mem);
	seed_session(&old, 0x40, FAKE_SESSID_LEN);
	len = peer_msg(&old, msg, sizeof(msg));
	/* Nothing recorded yet, or no memory: the error is unchanged. */
	CHECK_ERR(tcpinc_auth_replay_classify(&mem, msg, len,
	    TCPINC_AUTH_E_SESSION_MISMATCH), TCPINC_AUTH_E_SESSION_MISMATCH);
	CHECK_ERR(tcpinc_auth_replay_classify(NULL, msg, len,
	    TCPINC_AUTH_E_SESSION_MISMATCH), TCPINC_AUTH_E_SESSION_MISMATCH);
	tcpinc_auth_replay_record(&mem, &old);
	CHECK_ERR(tcpinc_auth_replay_classify(&mem, msg, len,
	    TCPINC_AUTH_E_SESSION_MISMATCH), TCPINC_AUTH_E_REPLAY);
	/* Only a session mismatch is refined; other verdicts stand. */
	CHECK_ERR(tcpinc_auth_replay_classify(&mem, msg, len,
	    TCPINC_AUTH_E_COOKIE_MISMATCH), TCPINC_AUTH_E_COOKIE_MISMATCH);
	CHECK_ERR(tcpinc_auth_replay_classify(&mem, msg, len, TCPINC_AUTH_OK),
	    TCPINC_AUTH_OK);
	/* Garbage bytes are not a replay. */
	CHECK_ERR(tcpinc_auth_replay_classify(&mem, msg, len - 1,
	    TCPINC_AUTH_E_SESSION_MISMATCH), TCPINC_AUTH_E_SESSION_MISMATCH);
	/* A shorter ID that is a prefix of the recorded one is no match. */
	seed_session(&s, 0x40, FAKE_SESSID_LEN - 1);
	len = peer_msg(&s, msg, sizeof(msg));
	CHECK_ERR(tcpinc_auth_replay_classify(&mem, msg, len,
	    TCPINC_AUTH_E_SESSION_MISMATCH), TCPINC_AUTH_E_SESSION_MISMATCH);
	/* Unusable sessions are not recorded. */
	seed_session(&s, 0, FAKE_SESSID_LEN);
	memset(s.self_name + 1, 0, FAKE_SESSID_LEN);
	tcpinc_auth_replay_record(&mem, &s);
	CHECK(mem.next == 1);
	/* TCPINC_AUTH_REPLAY_SLOTS newer sessions push the oldest out. */
	len = peer_msg(&old, msg, sizeof(msg));
	for (i = 0; i < TCPINC_AUTH_REPLAY_SLOTS - 1; i++) {
		seed_session(&s, (uint8_t)(0x80 + i), FAKE_SESSID_LEN);
		tcpinc_auth_replay_record(&mem, &s);
	}
	CHECK_ERR(tcpinc_auth_replay_classify(&mem, msg, len,
	    TCPINC_AUTH_E_SESSION_MISMATCH), TCPINC_AUTH_E_REPLAY);
	seed_session(&s, 0x10, FAKE_SESSID_LEN);
	tcpinc_auth_replay_record(&mem, &s);
	CHECK_ERR(tcpinc_auth_replay_classify(&mem, msg, len,
	    TCPINC_AUTH_E_SESSION_MISMATCH), TCPINC_AUTH_E_SESSION_MISMATCH);
	len = peer_msg(&s, msg, sizeof(msg));
	CHECK_ERR(tcpinc_auth_replay_classify(&mem, msg, len,
	    TCPINC_AUTH_E_SESSION_MISMATCH), TCPINC_AUTH_E_REPLAY);
}

/* A's own authenticator bounced back to it. */
static void
test_cookie_reflect(void)
{
	struct fake_job ja, jb;
	struct fake_pair p;

	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	p.a.tx = &p.ba;		/* whatever A sends comes back to A */
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_REFLECTED);
	fake_pair_destroy(&p);
}

/* Rewrite the claimed name to the receiver's expected peer name. */
static void
relay_rewrite(uint8_t *buf, size_t len, void *arg)
{
	const struct fake_end *to = arg;

	if (len > 3 + to->sessid_len)
		memcpy(buf + 4, to->sessid, to->sessid_len);
}

/*
 * Man in the middle: A-relay and relay-B are two ENO sessions; the relay
 * forwards bytes between them.  Each side sees a different session ID.
 */
static void
test_mitm(bool use_sig, bool rewrite)
{
	struct tcpinc_auth_replay mem_a, mem_b;
	struct fake_job ja, jb;
	struct fake_pair p;
	enum tcpinc_auth_error want;

	/*
	 * Both ends keep a replay memory holding an earlier honest session:
	 * the relay's sessions are new to both, so no replay is claimed.
	 */
	tcpinc_auth_replay_init(&mem_a);
	tcpinc_auth_replay_init(&mem_b);
	pair_up(&p, 0x30, &ja, &jb);
	ja.replay = &mem_a;
	jb.replay = &mem_b;
	fake_pair_connect(&p);
	fake_run_pair(&ja, &jb);
	check_ok(&ja, true);
	check_ok(&jb, true);
	fake_pair_destroy(&p);

	pair_up(&p, 0x21, &ja, &jb);
	ja.replay = &mem_a;
	jb.replay = &mem_b;
	fake_pair_mitm(&p, 0x55);
	fake_pair_connect(&p);
	if (use_sig) {
		ja.use_sig = jb.use_sig = true;
		ja.sig.self_sk = sk_a;
		ja.sig.peer_pk = pk_b;
		jb.sig.self_sk = sk_b;
		jb.sig.peer_pk = pk_a;
	}
	if (rewrite) {
		p.ab.tamper = p.ba.tamper = relay_rewrite;
		p.ab.tamper_arg = &p.b;
		p.ba.tamper_arg = &p.a;
	}
	fake_run_pair(&ja, &jb);
	want = !rewrite ? TCPINC_AUTH_E_SESSION_MISMATCH : use_sig ?
	    TCPINC_AUTH_E_SIGNATURE_INVALID : TCPINC_AUTH_E_COOKIE_MISMATCH;
	check_failed(&ja, want);
	check_failed(&jb, want);
	CHECK(p.a.cache_flushed == 1 && p.b.cache_flushed == 1);
	fake_pair_destroy(&p);
}

static void
test_mitm_all(void)
{

	test_mitm(false, false);
	test_mitm(false, true);
	test_mitm(true, false);
	test_mitm(true, true);
}

/* A legacy peer: it never sets bit 1 and never runs the library. */
static void
test_peer_not_aware(void)
{
	struct fake_job ja, jb;
	struct fake_pair p;

	fake_pair_init(&p, 0x21);
	CHECK_ERR(tcpinc_auth_mark_aware(&p.a.t, 0, NULL), TCPINC_AUTH_OK);
	memset(&ja, 0, sizeof(ja));
	memset(&jb, 0, sizeof(jb));
	ja.end = &p.a;
	ja.cookie = cookie16;
	ja.cookie_len = sizeof(cookie16);
	fake_pair_connect(&p);
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_PEER_NOT_AWARE);
	CHECK(ja.result.detail.option == TCP_ENO_PEER_GOPT);
	CHECK(fake_pipe_written(&p.ab) == 0);	/* nothing sent */
	CHECK(p.a.cache_flushed == 0);
	fake_pair_destroy(&p);

	/* With AA_MANDATORY the stack disables ENO instead. */
	fake_pair_init(&p, 0x21);
	CHECK_ERR(tcpinc_auth_mark_aware(&p.a.t, TCPINC_AUTH_MARK_AA_MANDATORY,
	    NULL), TCPINC_AUTH_OK);
	ja.end = &p.a;
	fake_pair_connect(&p);
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_ENO_DISABLED);
	CHECK(fake_pipe_written(&p.ab) == 0);
	fake_pair_destroy(&p);
}

static void
test_eno_disabled(void)
{
	struct fake_job ja, jb;
	struct fake_pair p;

	pair_up(&p, 0x21, &ja, &jb);
	p.b.enabled = 0;
	fake_pair_connect(&p);
	fake_run_pair(&ja, &jb);
	check_failed(&ja, TCPINC_AUTH_E_ENO_DISABLED);
	check_failed(&jb, TCPINC_AUTH_E_ENO_DISABLED);
	CHECK(ja.result.detail.sys_errno == EINVAL);
	CHECK(ja.result.detail.option == TCP_ENO_SESSID);
	CHECK(fake_pipe_written(&p.ab) == 0 && fake_pipe_written(&p.ba) == 0);
	fake_pair_destroy(&p);
}

static void
test_getsockopt_fail(void)
{
	struct fake_job ja, jb;
	struct fake_pair p;

	/* No ENO in the stack at all (Linux): ENOPROTOOPT. */
	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	p.a.state = FAKE_NO_ENO;
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_GETSOCKOPT);
	CHECK(ja.result.detail.sys_errno == ENOPROTOOPT);
	fake_pair_destroy(&p);

	/* One read failing late, after the session ID was fine. */
	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	p.a.fail_opt = TCP_ENO_PEER_NAME;
	p.a.fail_errno = EIO;
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_GETSOCKOPT);
	CHECK(ja.result.detail.option == TCP_ENO_PEER_NAME);
	CHECK(ja.result.detail.sys_errno == EIO);
	CHECK(fake_pipe_written(&p.ab) == 0);
	fake_pair_destroy(&p);

	/* mark_aware on a stack without ENO. */
	fake_pair_init(&p, 0x21);
	p.a.state = FAKE_NO_ENO;
	CHECK_ERR(tcpinc_auth_mark_aware(&p.a.t, 0, NULL),
	    TCPINC_AUTH_E_GETSOCKOPT);
	fake_pair_destroy(&p);
}

static void
test_negotiating(void)
{
	struct fake_job ja, jb;
	struct fake_pair p;

	/* Keys arrive after a few waits: success. */
	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	p.a.notconn_reads = p.b.notconn_reads = 3;
	p.a.max_wait = p.b.max_wait = 5;
	fake_run_pair(&ja, &jb);
	check_ok(&ja, true);
	check_ok(&jb, true);
	CHECK(p.a.wait_calls == 3);
	fake_pair_destroy(&p);

	/* They never arrive: give up, fail closed. */
	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	p.a.notconn_reads = 100;
	p.a.max_wait = 5;
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_ENO_NEGOTIATING);
	CHECK(ja.result.detail.sys_errno == ENOTCONN);
	fake_pair_destroy(&p);
}

static void
test_bad_names(void)
{
	struct fake_job ja, jb;
	struct fake_pair p;

	/* Zero-length session ID (draft 6): never authenticated. */
	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	p.a.sessid_len = 0;
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_SESSID_EMPTY);
	fake_pair_destroy(&p);

	/* Zero-valued session ID. */
	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	memset(p.a.sessid, 0, sizeof(p.a.sessid));
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_SESSID_EMPTY);
	fake_pair_destroy(&p);

	/* PEER_NAME with our own role byte. */
	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	p.a.flip_peer_role = 1;
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_NAME_INCONSISTENT);
	CHECK(fake_pipe_written(&p.ab) == 0);
	fake_pair_destroy(&p);
}

static void
sig_jobs(struct fake_job *ja, struct fake_job *jb)
{

	ja->use_sig = jb->use_sig = true;
	ja->sig.self_sk = sk_a;
	ja->sig.peer_pk = pk_b;
	jb->sig.self_sk = sk_b;
	jb->sig.peer_pk = pk_a;
}

static void
test_sig(void)
{
	struct fake_job ja, jb;
	struct fake_pair p;

	/* Both sign, both verify. */
	pair_up(&p, 0x31, &ja, &jb);
	sig_jobs(&ja, &jb);
	fake_pair_connect(&p);
	fake_run_pair(&ja, &jb);
	check_ok(&ja, true);
	check_ok(&jb, true);
	CHECK(ja.result.self_proved && jb.result.self_proved);
	fake_pair_destroy(&p);

	/* Only the server (B) signs; the client (A) verifies. */
	pair_up(&p, 0x31, &ja, &jb);
	sig_jobs(&ja, &jb);
	ja.sig.self_sk = NULL;
	jb.sig.peer_pk = NULL;
	fake_pair_connect(&p);
	fake_run_pair(&ja, &jb);
	check_ok(&ja, true);
	check_ok(&jb, false);
	CHECK(!ja.result.self_proved && jb.result.self_proved);
	fake_pair_destroy(&p);
}

static void
test_sig_failures(void)
{
	struct fake_job ja, jb;
	struct fake_pair p;

	/* B signs with a key A does not expect. */
	pair_up(&p, 0x31, &ja, &jb);
	sig_jobs(&ja, &jb);
	jb.sig.self_sk = sk_x;
	fake_pair_connect(&p);
	fake_run_pair(&ja, &jb);
	check_failed(&ja, TCPINC_AUTH_E_SIGNATURE_INVALID);
	CHECK(p.a.cache_flushed == 1);
	fake_pair_destroy(&p);

	/* A requires a signature; B does not sign. */
	pair_up(&p, 0x31, &ja, &jb);
	sig_jobs(&ja, &jb);
	jb.sig.self_sk = NULL;
	fake_pair_connect(&p);
	fake_run_pair(&ja, &jb);
	check_failed(&ja, TCPINC_AUTH_E_PEER_UNSIGNED);
	fake_pair_destroy(&p);

	/* A speaks cookie, B signature. */
	pair_up(&p, 0x31, &ja, &jb);
	sig_jobs(&ja, &jb);
	ja.use_sig = false;
	fake_pair_connect(&p);
	fake_run_pair(&ja, &jb);
	check_failed(&ja, TCPINC_AUTH_E_SCHEME_MISMATCH);
	check_failed(&jb, TCPINC_AUTH_E_SCHEME_MISMATCH);
	fake_pair_destroy(&p);

	/* Neither key: nothing to do. */
	pair_up(&p, 0x31, &ja, &jb);
	ja.use_sig = true;
	fake_pair_connect(&p);
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_ARGUMENT);
	fake_pair_destroy(&p);
}

/* B's message arrives cut short, or malformed. */
static void
test_wire_failures(void)
{
	static const uint8_t bad_version[] = { 2, 1, 34 };
	struct fake_job ja, jb;
	struct fake_pair p;

	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	fake_pipe_inject(&p.ba, bad_version, sizeof(bad_version));
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_MSG_MALFORMED);
	fake_pair_destroy(&p);

	/* Half a header then the peer resets. */
	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	fake_pipe_inject(&p.ba, bad_version, 2);
	p.ba.reset = true;
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_RECV);
	CHECK(ja.result.detail.sys_errno == ECONNRESET);
	fake_pair_destroy(&p);

	/* The peer reset before we could send. */
	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	p.ab.reset = true;
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_SEND);
	CHECK(ja.result.detail.sys_errno == EPIPE);
	fake_pair_destroy(&p);

	/* A whole header, then the peer closes: end of stream. */
	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	fake_pipe_inject(&p.ba, (const uint8_t *)"\001\001\042\000", 4);
	p.ba.eof = true;
	fake_run_one(&ja);
	check_failed(&ja, TCPINC_AUTH_E_PEER_CLOSED);
	fake_pair_destroy(&p);
}

static void
fill_session(struct tcpinc_auth_session *s, int role)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->name_len = 34;
	s->self_name[0] = (uint8_t)role;
	s->peer_name[0] = (uint8_t)(1 - role);
	for (i = 1; i < 34; i++)
		s->self_name[i] = s->peer_name[i] = (uint8_t)(0x21 + i - 1);
	s->role = role;
	s->peer_gopt = 3;
}

/*
 * Wire bytes against values computed with Python (hmac, cryptography), not
 * libcrypto.  Name: role | 33 bytes 0x21, 0x22, ...; cookie 00..0f; Ed25519
 * seed 01..20.  The "bare" values cover the name without our prefix.
 */
static const char *kat_hmac_a = "988c25754961bdf6b243591d9667239b"
    "dc734ce0557290bea877568c1eeece9a";
static const char *kat_hmac_bare = "ce0f0000e1c6301f22e3734c91aff02f"
    "ae3d059ca4d6b3bbd73b23628b028937";
static const char *kat_pk = "79b5562e8fe654f94078b112e8a98ba7"
    "901f853ae695bed7e0e3910bad049664";
static const char *kat_sig_a = "f0e218ee368e0d80c22719753fdb541b"
    "12f8d7071164935fda01e3b8fadc17448c4052e0e1e1cf46ec0f56a856be0942"
    "1f52292688ec5c2253e89dbfcf039306";
static const char *kat_sig_bare = "1d9f8dadd23b330d57e29241a8d8b03f"
    "b7261b1695cb17d5408510b1c3bcb1325a6510e0dc29f65b04610a5eec4602b4"
    "01f169bbd81c1f389b80eb2368747d0e";

static void
test_known_answers_cookie(void)
{
	struct tcpinc_auth_session sa, sb;
	uint8_t msg[TCPINC_AUTH_MSG_MAX], want[64];
	size_t len, wlen;

	fill_session(&sa, 0);
	fill_session(&sb, 1);
	CHECK_ERR(tcpinc_auth_cookie_create(&sa, cookie16, 16, msg,
	    sizeof(msg), &len), TCPINC_AUTH_OK);
	CHECK(len == 70 && msg[0] == 1 && msg[1] == 1 && msg[2] == 34);
	CHECK(hex_decode(kat_hmac_a, want, sizeof(want), &wlen) == 0);
	CHECK(msg[37] == 32 && memcmp(msg + 38, want, 32) == 0);
	CHECK_ERR(tcpinc_auth_cookie_consume(&sb, cookie16, 16, msg, len),
	    TCPINC_AUTH_OK);
	msg[len - 1] ^= 1;
	CHECK_ERR(tcpinc_auth_cookie_consume(&sb, cookie16, 16, msg, len),
	    TCPINC_AUTH_E_COOKIE_MISMATCH);
	/* Domain separation: a valid HMAC of the bare name is refused. */
	CHECK(hex_decode(kat_hmac_bare, want, sizeof(want), &wlen) == 0);
	memcpy(msg + 38, want, 32);
	CHECK_ERR(tcpinc_auth_cookie_consume(&sb, cookie16, 16, msg, len),
	    TCPINC_AUTH_E_COOKIE_MISMATCH);
}

static void
test_known_answers_sig(void)
{
	struct tcpinc_auth_sigconf conf;
	struct tcpinc_auth_session sa, sb;
	uint8_t msg[TCPINC_AUTH_MSG_MAX], sk[32], pk[32], want[64];
	size_t i, len, wlen;
	bool verified;

	fill_session(&sa, 0);
	fill_session(&sb, 1);
	for (i = 0; i < 32; i++)
		sk[i] = (uint8_t)(i + 1);
	CHECK_ERR(tcpinc_auth_ed25519_public(sk, pk), TCPINC_AUTH_OK);
	CHECK(hex_decode(kat_pk, want, sizeof(want), &wlen) == 0);
	CHECK(memcmp(pk, want, 32) == 0);
	conf.self_sk = sk;
	conf.peer_pk = NULL;
	CHECK_ERR(tcpinc_auth_sig_create(&sa, &conf, msg, sizeof(msg), &len),
	    TCPINC_AUTH_OK);
	CHECK(hex_decode(kat_sig_a, want, sizeof(want), &wlen) == 0);
	CHECK(len == 102 && msg[1] == 2 && msg[37] == 64 &&
	    memcmp(msg + 38, want, 64) == 0);
	conf.self_sk = NULL;
	conf.peer_pk = pk;
	CHECK_ERR(tcpinc_auth_sig_consume(&sb, &conf, msg, len, &verified),
	    TCPINC_AUTH_OK);
	CHECK(verified);
	/* A public key that is no curve point never verifies. */
	memset(want, 0xff, 32);
	conf.peer_pk = want;
	CHECK(tcpinc_auth_sig_consume(&sb, &conf, msg, len, &verified) !=
	    TCPINC_AUTH_OK && !verified);
	conf.peer_pk = pk;
	/* Domain separation: a valid signature of the bare name is refused. */
	CHECK(hex_decode(kat_sig_bare, want, sizeof(want), &wlen) == 0);
	memcpy(msg + 38, want, 64);
	CHECK_ERR(tcpinc_auth_sig_consume(&sb, &conf, msg, len, &verified),
	    TCPINC_AUTH_E_SIGNATURE_INVALID);
	CHECK(!verified);
}

/* The sans-I/O calls refuse to build anything for an unaware peer. */
static void
test_sans_io_refusals(void)
{
	struct tcpinc_auth_sigconf conf = { sk_a, NULL };
	struct tcpinc_auth_session s;
	uint8_t msg[TCPINC_AUTH_MSG_MAX];
	size_t len;

	fill_session(&s, 0);
	s.peer_gopt = 1;
	CHECK_ERR(tcpinc_auth_cookie_create(&s, cookie16, 16, msg, sizeof(msg),
	    &len), TCPINC_AUTH_E_PEER_NOT_AWARE);
	CHECK_ERR(tcpinc_auth_sig_create(&s, &conf, msg, sizeof(msg), &len),
	    TCPINC_AUTH_E_PEER_NOT_AWARE);
	fill_session(&s, 0);
	CHECK_ERR(tcpinc_auth_cookie_create(&s, cookie16, 16, msg, 10, &len),
	    TCPINC_AUTH_E_ARGUMENT);
	s.name_len = 1;
	CHECK_ERR(tcpinc_auth_cookie_create(&s, cookie16, 16, msg, sizeof(msg),
	    &len), TCPINC_AUTH_E_SESSID_EMPTY);
}

static void
test_msg_need(void)
{
	uint8_t m[8] = { 1, 1, 2, 0, 1, 32 };
	size_t need;

	CHECK_ERR(tcpinc_auth_msg_need(m, 0, &need), TCPINC_AUTH_OK);
	CHECK(need == 3);
	CHECK_ERR(tcpinc_auth_msg_need(m, 3, &need), TCPINC_AUTH_OK);
	CHECK(need == 6);
	CHECK_ERR(tcpinc_auth_msg_need(m, 6, &need), TCPINC_AUTH_OK);
	CHECK(need == 38);
	m[5] = 31;
	CHECK_ERR(tcpinc_auth_msg_need(m, 6, &need),
	    TCPINC_AUTH_E_MSG_MALFORMED);
	m[2] = 66;
	CHECK_ERR(tcpinc_auth_msg_need(m, 3, &need),
	    TCPINC_AUTH_E_MSG_MALFORMED);
	m[2] = 2;
	m[1] = 4;
	CHECK_ERR(tcpinc_auth_msg_need(m, 3, &need),
	    TCPINC_AUTH_E_MSG_MALFORMED);
}

/* The peer's authenticator and its first data arrive in one segment. */
static void
test_no_overread(void)
{
	struct tcpinc_auth_session sb;
	struct fake_job ja, jb;
	struct fake_pair p;
	uint8_t buf[TCPINC_AUTH_MSG_MAX + 8];
	size_t len;

	pair_up(&p, 0x21, &ja, &jb);
	fake_pair_connect(&p);
	CHECK_ERR(tcpinc_auth_session_read(&p.b.t, &sb, NULL), TCPINC_AUTH_OK);
	CHECK_ERR(tcpinc_auth_cookie_create(&sb, cookie16, 16, buf,
	    sizeof(buf), &len), TCPINC_AUTH_OK);
	memcpy(buf + len, "APPDATA\n", 8);
	fake_pipe_inject(&p.ba, buf, len + 8);
	fake_run_one(&ja);
	check_ok(&ja, true);
	CHECK(p.ba.off == len && p.ba.len == len + 8);
	fake_pair_destroy(&p);
}

/*
 * The event-driven form, one thread, both ends stepped in turn as the
 * simulator would: keys arrive late, then the exchange.
 */
static void
async_pair(struct fake_pair *p, struct tcpinc_auth_async *aa,
    struct tcpinc_auth_async *ab, enum tcpinc_auth_error *ea,
    enum tcpinc_auth_error *eb)
{
	int i;

	p->a.nonblock = p->b.nonblock = true;
	p->a.notconn_reads = 2;
	p->b.notconn_reads = 5;
	*ea = *eb = TCPINC_AUTH_INPROGRESS;
	for (i = 0; i < 20; i++) {
		*ea = tcpinc_auth_async_step(aa, &p->a.t);
		*eb = tcpinc_auth_async_step(ab, &p->b.t);
		if (*ea != TCPINC_AUTH_INPROGRESS &&
		    *eb != TCPINC_AUTH_INPROGRESS)
			break;
	}
	CHECK(i < 20);
	CHECK(p->a.wait_calls == 0);	/* the caller does the waiting */
}

static void
test_async(void)
{
	struct tcpinc_auth_sigconf sa = { sk_a, pk_b }, sb = { sk_b, pk_a };
	struct tcpinc_auth_replay mem_a, mem_b;
	struct tcpinc_auth_async aa, ab;
	enum tcpinc_auth_error ea, eb;
	struct fake_job ja, jb;
	struct fake_pair p;

	pair_up(&p, 0x41, &ja, &jb);
	fake_pair_connect(&p);
	tcpinc_auth_async_cookie(&aa, cookie16, 16);
	tcpinc_auth_async_cookie(&ab, cookie16, 16);
	async_pair(&p, &aa, &ab, &ea, &eb);
	CHECK_ERR(ea, TCPINC_AUTH_OK);
	CHECK_ERR(eb, TCPINC_AUTH_OK);
	CHECK(aa.result.peer_authenticated && ab.result.peer_authenticated);
	CHECK_ERR(tcpinc_auth_async_step(&aa, &p.a.t), TCPINC_AUTH_OK);
	fake_pair_destroy(&p);

	pair_up(&p, 0x41, &ja, &jb);
	fake_pair_connect(&p);
	tcpinc_auth_async_cookie(&aa, cookie16, 16);
	tcpinc_auth_async_cookie(&ab, cookie_other, 16);
	async_pair(&p, &aa, &ab, &ea, &eb);
	CHECK_ERR(ea, TCPINC_AUTH_E_COOKIE_MISMATCH);
	CHECK_ERR(eb, TCPINC_AUTH_E_COOKIE_MISMATCH);
	CHECK(!aa.result.peer_authenticated && p.a.aborted);
	CHECK(p.a.cache_flushed == 1);
	/* A failed machine stays failed. */
	CHECK_ERR(tcpinc_auth_async_step(&aa, &p.a.t),
	    TCPINC_AUTH_E_COOKIE_MISMATCH);
	fake_pair_destroy(&p);

	/* A relay, both ends with a memory of an honest session 0x41. */
	tcpinc_auth_replay_init(&mem_a);
	tcpinc_auth_replay_init(&mem_b);
	pair_up(&p, 0x41, &ja, &jb);
	fake_pair_connect(&p);
	tcpinc_auth_async_sig(&aa, &sa);
	tcpinc_auth_async_sig(&ab, &sb);
	tcpinc_auth_async_replay(&aa, &mem_a);
	tcpinc_auth_async_replay(&ab, &mem_b);
	async_pair(&p, &aa, &ab, &ea, &eb);
	CHECK_ERR(ea, TCPINC_AUTH_OK);
	CHECK_ERR(eb, TCPINC_AUTH_OK);
	CHECK(mem_a.next == 1 && mem_b.next == 1);
	fake_pair_destroy(&p);

	pair_up(&p, 0x51, &ja, &jb);
	fake_pair_mitm(&p, 0x66);
	fake_pair_connect(&p);
	tcpinc_auth_async_sig(&aa, &sa);
	tcpinc_auth_async_sig(&ab, &sb);
	tcpinc_auth_async_replay(&aa, &mem_a);
	tcpinc_auth_async_replay(&ab, &mem_b);
	async_pair(&p, &aa, &ab, &ea, &eb);
	CHECK_ERR(ea, TCPINC_AUTH_E_SESSION_MISMATCH);
	CHECK_ERR(eb, TCPINC_AUTH_E_SESSION_MISMATCH);
	CHECK(mem_a.next == 1 && mem_b.next == 1);	/* nothing recorded */
	fake_pair_destroy(&p);

	pair_up(&p, 0x41, &ja, &jb);
	fake_pair_connect(&p);
	tcpinc_auth_async_sig(&aa, &sa);
	tcpinc_auth_async_sig(&ab, &sb);
	async_pair(&p, &aa, &ab, &ea, &eb);
	CHECK_ERR(ea, TCPINC_AUTH_OK);
	CHECK_ERR(eb, TCPINC_AUTH_OK);
	CHECK(aa.result.peer_authenticated && aa.result.self_proved);
	fake_pair_destroy(&p);
}

static void
test_strerror(void)
{
	bool distinct;
	int i, j;

	for (i = 0; i < TCPINC_AUTH_E__COUNT; i++) {
		distinct = tcpinc_auth_strerror(i)[0] != '\0';
		for (j = 0; j < i; j++)
			distinct = distinct && strcmp(tcpinc_auth_error_name(i),
			    tcpinc_auth_error_name(j)) != 0 &&
			    strcmp(tcpinc_auth_strerror(i),
			    tcpinc_auth_strerror(j)) != 0;
		CHECK(distinct);
	}
	CHECK(strcmp(tcpinc_auth_error_name(TCPINC_AUTH_E__COUNT),
	    "TCPINC_AUTH_E_UNKNOWN") == 0);
}

static void
make_keys(void)
{

	CHECK_ERR(tcpinc_auth_ed25519_keygen(sk_a, pk_a), TCPINC_AUTH_OK);
	CHECK_ERR(tcpinc_auth_ed25519_keygen(sk_b, pk_b), TCPINC_AUTH_OK);
	CHECK_ERR(tcpinc_auth_ed25519_keygen(sk_x, pk_x), TCPINC_AUTH_OK);
	CHECK(memcmp(pk_a, pk_b, 32) != 0);
}

#define	TEST(f)	{ #f, f }
static const struct {
	const char	*name;
	void		(*fn)(void);
} tests[] = {
	TEST(make_keys),
	TEST(test_strerror),
	TEST(test_msg_need),
	TEST(test_known_answers_cookie),
	TEST(test_known_answers_sig),
	TEST(test_sans_io_refusals),
	TEST(test_mark_aware),
	TEST(test_cookie_ok),
	TEST(test_cookie_wrong),
	TEST(test_cookie_short),
	TEST(test_cookie_replay),
	TEST(test_sig_replay),
	TEST(test_replay_memory),
	TEST(test_cookie_reflect),
	TEST(test_mitm_all),
	TEST(test_peer_not_aware),
	TEST(test_eno_disabled),
	TEST(test_getsockopt_fail),
	TEST(test_negotiating),
	TEST(test_bad_names),
	TEST(test_sig),
	TEST(test_sig_failures),
	TEST(test_wire_failures),
	TEST(test_no_overread),
	TEST(test_async),
};

int
main(void)
{
	size_t i;
	int before;

	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		cur_test = tests[i].name;
		before = nfail;
		tests[i].fn();
		printf("%s %s\n", nfail == before ? "ok  " : "FAIL", cur_test);
	}
	printf("%d passed, %d failed\n", npass, nfail);
	return (nfail == 0 ? 0 : 1);
}
