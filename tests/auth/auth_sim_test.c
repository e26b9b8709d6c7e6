/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * tools/tcpinc_auth driven through the two-host simulator (tools/enosim):
 * real TCP-ENO negotiation and tcpcrypt (RFC 8547, RFC 8548) through the
 * engines, socket options through the ENO-OPTS rules (API.md), segments
 * lost, reordered and cut small.  Each host's application is the library's
 * event-driven form (tcpinc_auth_async_step) over a transport adapted to
 * the simulator's socket calls; after it authenticates, the simulator's
 * stream application sends its data, so "authenticate, then exchange
 * data" is checked end to end.  Cases: cookie and Ed25519 succeed; wrong
 * cookie, wrong key, an authenticator replayed from an earlier connection
 * (another real session ID; TCPINC_AUTH_E_REPLAY with a replay memory), a
 * man in the middle relaying two ENO sessions (never a replay; the
 * simulator's relay is not application-aware), a legacy peer,
 * AA_MANDATORY, a peer without TCP-ENO: each fails with its own error, and the connection is aborted.
 * A bit flipped on the wire during the exchange never ends in success.
 * Prints "N passed, M failed".
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim_run.h"
#include "tcpinc_auth.h"

static int npass, nfail;

#define	CHECK(cond, ...) do {					\
	if (cond)							\
		npass++;						\
	else {								\
		nfail++;						\
		printf("FAIL %s:%d: ", __func__, __LINE__);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

#define	CHECK_ERR(got, want)					\
	CHECK((got) == (want), "%s, want %s", tcpinc_auth_error_name(got), \
	    tcpinc_auth_error_name(want))

/* One host's application: the library, or a replayer of recorded bytes. */
struct auth_app {
	struct tcpinc_auth_transport	t;
	struct sim_sock			*so;
	struct tcpinc_auth_async	a;
	bool				use_sig;
	const uint8_t			*cookie;
	size_t				cookie_len;
	struct tcpinc_auth_sigconf	sig;
	struct tcpinc_auth_replay	*memory;	/* optional */
	unsigned int			mark_flags;
	bool				unaware;	/* legacy: no bit */
	enum tcpinc_auth_error		mark_error;
	enum tcpinc_auth_error		error;
	/* Bytes accepted by send() that the socket has not taken yet. */
	uint8_t				out[TCPINC_AUTH_MSG_MAX];
	size_t				out_len, out_off;
	/* Everything this host sent, for a later replay. */
	uint8_t				sent[TCPINC_AUTH_MSG_MAX];
	size_t				sent_len;
	const uint8_t			*replay;
	size_t				replay_len;
};

static int
sim_t_getopt(void *ctx, int name, void *buf, size_t *lenp)
{
	struct auth_app *ap = ctx;

	return (sim_sock_getopt(ap->so, name, buf, lenp));
}

static int
sim_t_setopt(void *ctx, int name, const void *buf, size_t len)
{
	struct auth_app *ap = ctx;

	return (sim_sock_setopt(ap->so, name, buf, len));
}

static void
sim_t_flush(struct auth_app *ap)
{

	if (ap->out_off < ap->out_len)
		ap->out_off += sim_sock_app_write(ap->so, ap->out + ap->out_off,
		    ap->out_len - ap->out_off);
}

/* All or nothing for the library: queue here, drain on every step. */
static int
sim_t_send(void *ctx, const void *buf, size_t len)
{
	struct auth_app *ap = ctx;

	if (ap->out_off < ap->out_len)
		return (EAGAIN);
	if (len > sizeof(ap->out))
		return (EMSGSIZE);
	memcpy(ap->out, buf, len);
	memcpy(ap->sent, buf, len);
	ap->sent_len = len;
	ap->out_len = len;
	ap->out_off = 0;
	sim_t_flush(ap);
	return (0);
}

static int
sim_t_recv(void *ctx, void *buf, size_t len, size_t *gotp)
{
	struct auth_app *ap = ctx;

	*gotp = sim_sock_app_read(ap->so, buf, len);
	if (*gotp > 0 || sim_sock_app_eof(ap->so))
		return (0);
	if (ap->so->mode == SIM_MODE_ABORTED)
		return (ECONNRESET);
	return (EAGAIN);
}

static void
sim_t_abort(void *ctx)
{
	struct auth_app *ap = ctx;

	sim_sock_abort(ap->so, "ECONNABORTED", "tcpinc_auth");
}

static void
app_setup(void *ctx, struct sim_sock *so)
{
	struct auth_app *ap = ctx;

	ap->so = so;
	ap->t.ctx = ap;
	ap->t.getopt = sim_t_getopt;
	ap->t.setopt = sim_t_setopt;
	ap->t.send = sim_t_send;
	ap->t.recv = sim_t_recv;
	ap->t.abort = sim_t_abort;
	ap->t.wait = NULL;
	ap->error = TCPINC_AUTH_INPROGRESS;
	if (ap->use_sig)
		tcpinc_auth_async_sig(&ap->a, &ap->sig);
	else
		tcpinc_auth_async_cookie(&ap->a, ap->cookie, ap->cookie_len);
	tcpinc_auth_async_replay(&ap->a, ap->memory);
	ap->mark_error = ap->unaware ? TCPINC_AUTH_OK :
	    tcpinc_auth_mark_aware(&ap->t, ap->mark_flags, NULL);
}

static int
app_step(void *ctx, struct sim_sock *so, uint64_t now)
{
	struct auth_app *ap = ctx;

	sim_t_flush(ap);
	ap->error = tcpinc_auth_async_step(&ap->a, &ap->t);
	if (ap->error == TCPINC_AUTH_INPROGRESS)
		return (1);
	if (ap->error != TCPINC_AUTH_OK)
		return (-1);
	/* Our authenticator must be on its way before the stream app runs. */
	return (ap->out_off < ap->out_len ? 1 : 0);
}

/* An attacker's host: plays recorded bytes, knows no cookie. */
static int
replay_step(void *ctx, struct sim_sock *so, uint64_t now)
{
	struct auth_app *ap = ctx;

	if (ap->out_len == 0) {
		memcpy(ap->out, ap->replay, ap->replay_len);
		ap->out_len = ap->replay_len;
	}
	sim_t_flush(ap);
	return (ap->out_off < ap->out_len ? 1 : 0);
}

static const uint8_t cookie[16] = "0123456789abcdef";
static const uint8_t cookie_x[16] = "0123456789abcdeX";
static uint8_t sk[2][32], pk[2][32], sk_x[32], pk_x[32];

static void
app_cookie(struct auth_app *ap, const uint8_t *c)
{

	memset(ap, 0, sizeof(*ap));
	ap->cookie = c;
	ap->cookie_len = 16;
}

static void
app_sig(struct auth_app *ap, const uint8_t *self_sk, const uint8_t *peer_pk)
{

	memset(ap, 0, sizeof(*ap));
	ap->use_sig = true;
	ap->sig.self_sk = self_sk;
	ap->sig.peer_pk = peer_pk;
}

/* Runs one connection; hooks NULL for a host that runs no library. */
static void
run(struct auth_app *a0, struct auth_app *a1, struct sim_opts *o,
    struct sim_conn_result *res)
{
	struct sim_app_hook h[2];
	const struct sim_app_hook *hp[2];
	struct auth_app *ap[2] = { a0, a1 };
	int i;

	for (i = 0; i < 2; i++) {
		hp[i] = NULL;
		if (ap[i] == NULL)
			continue;
		h[i].ctx = ap[i];
		h[i].setup = app_setup;
		h[i].step = ap[i]->replay != NULL ? replay_step : app_step;
		hp[i] = &h[i];
	}
	memset(res, 0, sizeof(*res));
	CHECK(sim_run_pair(o, hp, res) == 0, "sim_run_pair setup");
}

static void
opts(struct sim_opts *o, uint64_t seed)
{

	sim_opts_defaults(o);
	o->bytes = 20000;
	o->seed = seed;
}

static void
check_ok(struct auth_app *ap, const struct sim_result *r, bool verified)
{

	CHECK_ERR(ap->mark_error, TCPINC_AUTH_OK);
	CHECK_ERR(ap->error, TCPINC_AUTH_OK);
	CHECK(ap->a.result.peer_authenticated == verified, "verified %d",
	    ap->a.result.peer_authenticated);
	CHECK(r->data_ok && r->error == NULL, "data after auth: ok %d, %s",
	    r->data_ok, r->error != NULL ? r->error : "-");
}

static void
check_fail(struct auth_app *ap, const struct sim_result *r,
    enum tcpinc_auth_error want)
{

	CHECK_ERR(ap->error, want);
	CHECK(!ap->a.result.peer_authenticated, "authenticated on error");
	CHECK(r->error != NULL, "connection not aborted");
}

static void
test_cookie_ok(double loss, size_t mss)
{
	struct auth_app a[2];
	struct sim_conn_result res;
	struct sim_opts o;

	opts(&o, 11);
	o.loss = loss;
	o.reorder = loss;
	if (mss != 0)
		o.mss = o.mss_min = mss;
	app_cookie(&a[0], cookie);
	app_cookie(&a[1], cookie);
	run(&a[0], &a[1], &o, &res);
	check_ok(&a[0], &res.h[0], true);
	check_ok(&a[1], &res.h[1], true);
	CHECK(a[0].a.result.session.name_len == 34 &&
	    memcmp(a[0].a.result.session.self_name,
	    a[1].a.result.session.peer_name, 34) == 0, "names mirror");
	CHECK(res.h[0].sessid_len == 33 && memcmp(res.h[0].sessid,
	    a[0].a.result.session.self_name + 1, 33) == 0,
	    "the authenticated session ID is the one the stack reports");
	CHECK(!res.plaintext_seen && !res.stalled, "plaintext %d stalled %d",
	    res.plaintext_seen, res.stalled);
}

static void
test_cookie_wrong(void)
{
	struct auth_app a[2];
	struct sim_conn_result res;
	struct sim_opts o;

	opts(&o, 12);
	app_cookie(&a[0], cookie);
	app_cookie(&a[1], cookie_x);
	run(&a[0], &a[1], &o, &res);
	check_fail(&a[0], &res.h[0], TCPINC_AUTH_E_COOKIE_MISMATCH);
	/* B may read A's bad MAC or A's reset first: never success. */
	CHECK(a[1].error != TCPINC_AUTH_OK, "B: %s",
	    tcpinc_auth_error_name(a[1].error));
}

static void
test_sig(void)
{
	struct auth_app a[2];
	struct sim_conn_result res;
	struct sim_opts o;

	opts(&o, 13);
	app_sig(&a[0], sk[0], pk[1]);
	app_sig(&a[1], sk[1], pk[0]);
	run(&a[0], &a[1], &o, &res);
	check_ok(&a[0], &res.h[0], true);
	check_ok(&a[1], &res.h[1], true);

	/* Server (B) signs only; the client verifies. */
	app_sig(&a[0], NULL, pk[1]);
	app_sig(&a[1], sk[1], NULL);
	run(&a[0], &a[1], &o, &res);
	check_ok(&a[0], &res.h[0], true);
	check_ok(&a[1], &res.h[1], false);

	/* B signs with a key A does not expect. */
	app_sig(&a[0], NULL, pk[1]);
	app_sig(&a[1], sk_x, NULL);
	run(&a[0], &a[1], &o, &res);
	check_fail(&a[0], &res.h[0], TCPINC_AUTH_E_SIGNATURE_INVALID);
}

/*
 * B's authenticator from connection 1 replayed on connection 2.  Host A
 * keeps a replay memory across its connections and so names the attack
 * TCPINC_AUTH_E_REPLAY; without one it can only say "another session".
 */
static void
test_replay(void)
{
	struct tcpinc_auth_replay mem;
	struct auth_app a[2];
	struct sim_conn_result res;
	struct sim_opts o;
	uint8_t rec[TCPINC_AUTH_MSG_MAX];
	size_t rec_len;

	tcpinc_auth_replay_init(&mem);
	opts(&o, 14);
	app_cookie(&a[0], cookie);
	app_cookie(&a[1], cookie);
	a[0].memory = &mem;
	run(&a[0], &a[1], &o, &res);
	check_ok(&a[0], &res.h[0], true);
	CHECK(mem.next == 1, "connection 1 recorded");
	memcpy(rec, a[1].sent, a[1].sent_len);
	rec_len = a[1].sent_len;

	opts(&o, 15);
	app_cookie(&a[0], cookie);
	a[0].memory = &mem;
	memset(&a[1], 0, sizeof(a[1]));
	a[1].replay = rec;
	a[1].replay_len = rec_len;
	run(&a[0], &a[1], &o, &res);
	CHECK(memcmp(res.h[0].sessid, rec + 4, 33) != 0,
	    "connection 2 has a new session ID");
	check_fail(&a[0], &res.h[0], TCPINC_AUTH_E_REPLAY);
	CHECK(mem.next == 1, "a failed connection is not recorded");

	opts(&o, 16);
	app_cookie(&a[0], cookie);
	memset(&a[1], 0, sizeof(a[1]));
	a[1].replay = rec;
	a[1].replay_len = rec_len;
	run(&a[0], &a[1], &o, &res);
	check_fail(&a[0], &res.h[0], TCPINC_AUTH_E_SESSION_MISMATCH);
}

/*
 * A man in the middle: h1 <-> relay <-> h2 (tools/enosim/sim_relay.c),
 * two ENO sessions whose application bytes the relay forwards.  Both hosts
 * remember an earlier honest connection, yet neither calls this a replay:
 * the relay's sessions were never seen by either host.  The simulator's
 * relay host does not set the application-aware bit, so the hosts stop
 * before sending (PEER_NOT_AWARE); the aware relay that gets as far as
 * SESSION_MISMATCH is tests/auth/auth_test.c test_mitm (fake transport)
 * and examples_test.sh case mitm-relay (real sockets).
 */
static void
test_relay(void)
{
	struct tcpinc_auth_replay mem[2];
	struct auth_app a[2];
	struct sim_conn_result res, out[2];
	struct sim_app_hook h[2];
	const struct sim_app_hook *hp[2];
	struct sim_opts o;
	int i;

	opts(&o, 17);
	for (i = 0; i < 2; i++) {
		tcpinc_auth_replay_init(&mem[i]);
		app_cookie(&a[i], cookie);
		a[i].memory = &mem[i];
	}
	run(&a[0], &a[1], &o, &res);
	check_ok(&a[0], &res.h[0], true);
	check_ok(&a[1], &res.h[1], true);
	CHECK(mem[0].next == 1 && mem[1].next == 1, "honest run recorded");

	opts(&o, 18);
	for (i = 0; i < 2; i++) {
		app_cookie(&a[i], cookie);
		a[i].memory = &mem[i];
		h[i].ctx = &a[i];
		h[i].setup = app_setup;
		h[i].step = app_step;
		hp[i] = &h[i];
	}
	memset(out, 0, sizeof(out));
	CHECK(sim_run_relay(&o, hp, out) == 0, "sim_run_relay setup");
	CHECK(memcmp(out[0].h[0].sessid, out[1].h[1].sessid, 33) != 0,
	    "the two legs have different session IDs");
	check_fail(&a[0], &out[0].h[0], TCPINC_AUTH_E_PEER_NOT_AWARE);
	check_fail(&a[1], &out[1].h[1], TCPINC_AUTH_E_PEER_NOT_AWARE);
	CHECK(mem[0].next == 1 && mem[1].next == 1, "relay not recorded");

	/*
	 * A relay that claims application awareness forwards each side's
	 * authenticator into the other leg: each host sees a session it never
	 * authenticated, so a mismatch, never a replay and never success.
	 */
	opts(&o, 19);
	o.relay_gopt = TCP_ENO_GOPT_BIT_A;
	for (i = 0; i < 2; i++) {
		app_cookie(&a[i], cookie);
		a[i].memory = &mem[i];
	}
	memset(out, 0, sizeof(out));
	CHECK(sim_run_relay(&o, hp, out) == 0, "aware relay setup");
	check_fail(&a[0], &out[0].h[0], TCPINC_AUTH_E_SESSION_MISMATCH);
	check_fail(&a[1], &out[1].h[1], TCPINC_AUTH_E_SESSION_MISMATCH);
	CHECK(mem[0].next == 1 && mem[1].next == 1, "aware relay not recorded");
}

static void
test_not_aware(void)
{
	struct auth_app a[2];
	struct sim_conn_result res;
	struct sim_opts o;

	/* B runs the plain stream application: no bit, no authenticator. */
	opts(&o, 16);
	app_cookie(&a[0], cookie);
	run(&a[0], NULL, &o, &res);
	check_fail(&a[0], &res.h[0], TCPINC_AUTH_E_PEER_NOT_AWARE);
	CHECK(res.h[1].bytes_received == 0, "B got %ju bytes",
	    (uintmax_t)res.h[1].bytes_received);

	/* The same with AA_MANDATORY: the stack disables ENO instead. */
	app_cookie(&a[0], cookie);
	a[0].mark_flags = TCPINC_AUTH_MARK_AA_MANDATORY;
	run(&a[0], NULL, &o, &res);
	check_fail(&a[0], &res.h[0], TCPINC_AUTH_E_ENO_DISABLED);
	CHECK(res.h[0].enabled == 0, "ENO enabled %d", res.h[0].enabled);
}

static void
test_no_eno(void)
{
	struct auth_app a[2];
	struct sim_conn_result res;
	struct sim_opts o;

	opts(&o, 17);
	o.host[1].no_eno = 1;
	app_cookie(&a[0], cookie);
	run(&a[0], NULL, &o, &res);
	check_fail(&a[0], &res.h[0], TCPINC_AUTH_E_ENO_DISABLED);
	CHECK(a[0].a.result.detail.sys_errno == EINVAL, "errno %d",
	    a[0].a.result.detail.sys_errno);

	/* Our own host without TCP-ENO: the options do not exist. */
	opts(&o, 18);
	o.host[0].no_eno = 1;
	app_cookie(&a[0], cookie);
	run(&a[0], NULL, &o, &res);
	CHECK_ERR(a[0].mark_error, TCPINC_AUTH_E_GETSOCKOPT);
	check_fail(&a[0], &res.h[0], TCPINC_AUTH_E_GETSOCKOPT);
}

/*
 * An on-path attacker flips one bit of the N-th payload byte on the wire.
 * tcpcrypt's integrity check aborts the connection before any tampered
 * byte reaches an application (RFC 8548 4.2), so an end can only complete
 * authentication if the bytes it read were intact: never may both ends
 * succeed and also see their data intact.  Early bytes (Init1/Init2, the
 * authenticator frames) leave neither end authenticated.
 */
static void
test_tamper(void)
{
	struct auth_app a[2];
	struct sim_conn_result res;
	struct sim_opts o;
	uint64_t at;
	int neither;

	neither = 0;
	for (at = 1; at <= 601; at += 60) {
		opts(&o, 19);
		o.tamper = at;
		app_cookie(&a[0], cookie);
		app_cookie(&a[1], cookie);
		run(&a[0], &a[1], &o, &res);
		CHECK(res.tampered, "byte %ju not tampered", (uintmax_t)at);
		CHECK(res.h[0].error != NULL || res.h[1].error != NULL,
		    "byte %ju: tampering not detected", (uintmax_t)at);
		CHECK(!(a[0].error == TCPINC_AUTH_OK && res.h[0].data_ok &&
		    a[1].error == TCPINC_AUTH_OK && res.h[1].data_ok),
		    "byte %ju: both ends fine", (uintmax_t)at);
		if (!a[0].a.result.peer_authenticated &&
		    !a[1].a.result.peer_authenticated)
			neither++;
	}
	CHECK(neither > 0, "no tampering inside the exchange");
}

int
main(void)
{

	CHECK(tcpinc_auth_ed25519_keygen(sk[0], pk[0]) == TCPINC_AUTH_OK &&
	    tcpinc_auth_ed25519_keygen(sk[1], pk[1]) == TCPINC_AUTH_OK &&
	    tcpinc_auth_ed25519_keygen(sk_x, pk_x) == TCPINC_AUTH_OK, "keys");
	test_cookie_ok(0, 0);
	test_cookie_ok(0.05, 0);
	test_cookie_ok(0.02, 40);	/* authenticator in 40-byte pieces */
	test_cookie_wrong();
	test_sig();
	test_replay();
	test_relay();
	test_not_aware();
	test_no_eno();
	test_tamper();
	printf("%d passed, %d failed\n", npass, nfail);
	return (nfail == 0 ? 0 : 1);
}
