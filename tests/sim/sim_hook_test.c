/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Tests of the simulator's library interface (sim_run_pair and the
 * application hooks) as tools/tcpinc_auth uses it: an application on each
 * host sets TCP_ENO_SELF_GOPT before connecting (draft-ietf-tcpinc-api
 * 2.1, application-aware bit), polls TCP_ENO_SESSID (ENOTCONN while
 * negotiating, API.md 2), exchanges its TCP_ENO_SELF_NAME over the
 * encrypted connection and checks it against its TCP_ENO_PEER_NAME, as the
 * authentication schemes of the draft's section 5 do.  Also: option reads
 * fail with EINVAL on a fallback connection, and never yield a session ID;
 * through a relay (sim_run_relay) the names do not match.
 * Prints "N passed, M failed".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim_run.h"

static int npass, nfail;

#define	CHECK(cond, ...) do {						\
	if (cond) {							\
		npass++;						\
	} else {							\
		nfail++;						\
		printf("FAIL %s:%d: ", __func__, __LINE__);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

struct namer {
	int		 setup_err;
	int		 saw_enotconn;
	int		 sid_err;
	uint8_t		 self[TCP_ENO_MAX_NAME], peer[TCP_ENO_MAX_NAME];
	size_t		 self_len, peer_len;
	uint8_t		 got[TCP_ENO_MAX_NAME];
	size_t		 got_len, sent;
	int		 match;
	int		 peer_gopt;
};

static void
namer_setup(void *ctx, struct sim_sock *so)
{
	struct namer *n = ctx;
	int aware = 2;

	n->setup_err = sim_sock_setopt(so, TCP_ENO_SELF_GOPT, &aware,
	    sizeof(aware));
}

static int
namer_step(void *ctx, struct sim_sock *so, uint64_t now)
{
	struct namer *n = ctx;
	uint8_t sid[TCP_ENO_MAX_SESSID];
	size_t len = sizeof(sid), glen = sizeof(int);
	int err;

	if (n->self_len == 0) {
		err = sim_sock_getopt(so, TCP_ENO_SESSID, sid, &len);
		if (err == ENOTCONN) {
			n->saw_enotconn = 1;
			return (1);
		}
		if (err != 0) {
			n->sid_err = err;
			return (0);
		}
		n->self_len = sizeof(n->self);
		n->peer_len = sizeof(n->peer);
		if (sim_sock_getopt(so, TCP_ENO_SELF_NAME, n->self,
		    &n->self_len) != 0 || sim_sock_getopt(so,
		    TCP_ENO_PEER_NAME, n->peer, &n->peer_len) != 0 ||
		    sim_sock_getopt(so, TCP_ENO_PEER_GOPT, &n->peer_gopt,
		    &glen) != 0)
			return (-1);
	}
	if (n->sent < n->self_len)
		n->sent += sim_sock_app_write(so, n->self + n->sent,
		    n->self_len - n->sent);
	if (n->got_len < n->peer_len)
		n->got_len += sim_sock_app_read(so, n->got + n->got_len,
		    n->peer_len - n->got_len);
	if (n->sent < n->self_len || n->got_len < n->peer_len)
		return (1);
	n->match = memcmp(n->got, n->peer, n->peer_len) == 0;
	return (0);
}

static void
test_names(void)
{
	struct sim_opts o;
	struct sim_conn_result res;
	struct namer n[2];
	struct sim_app_hook h[2];
	const struct sim_app_hook *hp[2] = { &h[0], &h[1] };
	int i;

	sim_opts_defaults(&o);
	o.bytes = 5000;
	o.loss = 0.02;
	memset(n, 0, sizeof(n));
	for (i = 0; i < 2; i++) {
		h[i].ctx = &n[i];
		h[i].setup = namer_setup;
		h[i].step = namer_step;
	}
	CHECK(sim_run_pair(&o, hp, &res) == 0, "sim_run_pair");
	for (i = 0; i < 2; i++) {
		CHECK(n[i].setup_err == 0, "h%d setopt: %d", i + 1,
		    n[i].setup_err);
		CHECK(n[i].saw_enotconn, "h%d never saw ENOTCONN", i + 1);
		CHECK(n[i].match, "h%d: peer's SELF_NAME != my PEER_NAME",
		    i + 1);
		CHECK((n[i].peer_gopt & 2) != 0, "h%d: peer a bit not seen",
		    i + 1);
		CHECK(res.h[i].data_ok && res.h[i].error == NULL,
		    "h%d stream after the hook: ok %d error %s", i + 1,
		    res.h[i].data_ok, res.h[i].error);
	}
	CHECK(n[0].self_len == 34 && n[0].self[0] == 0 && n[1].self[0] == 1,
	    "names: len %zu, role bytes %d/%d", n[0].self_len, n[0].self[0],
	    n[1].self[0]);
	CHECK(!res.stalled && !res.plaintext_seen, "stalled %d plaintext %d",
	    res.stalled, res.plaintext_seen);
}

static void
test_fallback_einval(void)
{
	struct sim_opts o;
	struct sim_conn_result res;
	struct namer n[2];
	struct sim_app_hook h = { .ctx = &n[0], .setup = NULL,
	    .step = namer_step };
	const struct sim_app_hook *hp[2] = { &h, NULL };

	sim_opts_defaults(&o);
	o.bytes = 3000;
	o.host[1].no_eno = 1;
	memset(n, 0, sizeof(n));
	CHECK(sim_run_pair(&o, hp, &res) == 0, "sim_run_pair");
	CHECK(n[0].sid_err == EINVAL, "TCP_ENO_SESSID on fallback: %d",
	    n[0].sid_err);
	CHECK(n[0].self_len == 0, "a name was read on a plain connection");
	CHECK(res.h[0].data_ok && res.h[1].data_ok, "stream app after hook");
}

/*
 * Through a relay (two ENO sessions bridged, a man in the middle), the
 * name each end receives is not the PEER_NAME of its own session: the
 * comparison the authentication schemes make fails on both hosts.
 */
static void
test_relay_names(void)
{
	struct sim_opts o;
	struct sim_conn_result res[2];
	struct namer n[2];
	struct sim_app_hook h[2];
	const struct sim_app_hook *hp[2] = { &h[0], &h[1] };
	int i;

	sim_opts_defaults(&o);
	o.bytes = 2000;
	memset(n, 0, sizeof(n));
	for (i = 0; i < 2; i++) {
		h[i].ctx = &n[i];
		h[i].setup = namer_setup;
		h[i].step = namer_step;
	}
	CHECK(sim_run_relay(&o, hp, res) == 0, "sim_run_relay");
	for (i = 0; i < 2; i++) {
		CHECK(n[i].self_len == 34 && n[i].got_len == 34,
		    "h%d: name lengths %zu/%zu", i + 1, n[i].self_len,
		    n[i].got_len);
		CHECK(!n[i].match, "h%d accepted a name across the relay",
		    i + 1);
	}
	CHECK(res[0].h[0].data_ok && res[1].h[1].data_ok,
	    "stream through the relay after the hooks");
}

int
main(void)
{

	test_names();
	test_fallback_einval();
	test_relay_names();
	printf("%d passed, %d failed\n", npass, nfail);
	return (nfail == 0 ? 0 : 1);
}
