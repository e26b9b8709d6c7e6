/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: the socket layer's life cycle, the application's calls and the
 * plain-TCP byte pump (see sim_sock.h).
 *
 * Open: the socket's settings start from the host's sysctl values
 * (ENO-OPTS sysconf, API.md 4) and the command line's options are applied
 * with setsockopt rules (tcp_eno_sockopt_set) before the SYN, as an
 * application would; at start the ENABLED = -1 policy decides whether ENO
 * is tried.  A host "without TCP-ENO" (--no-eno1/2) runs no engine at all.
 *
 * In plain mode the application's bytes go to TCP as they are; in tcpcrypt
 * mode through the engine (sim_sock_crypt.c).  Received plaintext waits in
 * the socket's receive queue until the application reads it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_report.h"
#include "sim_sock.h"
#include "sim_sock_var.h"

#define	SIM_CACHE_ENTRIES	64
#define	SIM_APP_CHUNK		(64 * 1024)

static void *
sim_alloc(void *arg, size_t size)
{

	return (calloc(1, size));
}

static void
sim_free(void *arg, void *ptr, size_t size)
{

	if (ptr != NULL)
		explicit_bzero(ptr, size);
	free(ptr);
}

const struct tcpcrypt_allocator sim_allocator = {
	.alloc = sim_alloc,
	.free = sim_free,
};

/*
 * The engines' randomness.  Seeded so that a run is reproducible; a real
 * host passes arc4random_buf(9) here.  --rng-dump writes every draw out so
 * that a test can recompute the key schedule with an independent
 * implementation: nothing is revealed that --seed does not already fix.
 */
void
sim_host_random(void *arg, uint8_t *buf, size_t len)
{
	struct sim_host *h = arg;
	size_t i;

	sim_prng_fill(&h->rng, buf, len);
	if (h->rng_dump == NULL)
		return;
	fprintf(h->rng_dump, "h%d ", h->idx + 1);
	for (i = 0; i < len; i++)
		fprintf(h->rng_dump, "%02x", buf[i]);
	fprintf(h->rng_dump, "\n");
}

int
sim_host_init(struct sim_host *h, int idx, const struct sim_hostcfg *cfg,
    uint64_t seed)
{

	memset(h, 0, sizeof(*h));
	h->idx = idx;
	h->ip = 0x0a000001u + (uint32_t)idx;
	h->cfg = *cfg;
	sim_prng_seed(&h->rng, seed, 100 + (uint64_t)idx);
	tcp_eno_sysconf_init(&h->sys, NULL);
	if (cfg->no_eno)
		return (0);
	if (tcpcrypt_cache_create(&sim_allocator, SIM_CACHE_ENTRIES,
	    TCPCRYPT_CACHE_TTL_MS_DEFAULT, &h->cache) != TCPCRYPT_R_NONE)
		return (-1);
	return (0);
}

void
sim_host_free(struct sim_host *h)
{

	if (h->cache != NULL)
		tcpcrypt_cache_destroy(h->cache);
	h->cache = NULL;
}

int
sim_sock_open(struct sim_sock *so, struct sim_host *h, uint32_t peer_ip,
    uint16_t lport, uint16_t rport, int passive,
    const struct sim_tcp_hooks *hooks, void *hctx, size_t mss,
    size_t mss_min, uint64_t seed, void *run, int flush_before)
{

	memset(so, 0, sizeof(*so));
	so->host = h;
	so->run = run;
	so->passive = passive;
	so->peer_ip = peer_ip;
	so->lport = lport;
	so->rport = rport;
	so->hook_state = 0;
	sim_buf_init(&so->rcvq);
	sim_tcp_init(&so->tcp, h->ip, lport, peer_ip, rport,
	    (uint32_t)sim_prng_next(&h->rng), mss, mss_min, seed, hooks, hctx);
	if (h->cfg.no_eno) {
		so->mode = SIM_MODE_PLAIN;
		so->reason = "host without TCP-ENO";
		return (0);
	}
	so->mode = SIM_MODE_NEGOTIATING;
	return (sim_sock_eno_open(so, flush_before));
}

int
sim_sock_start(struct sim_sock *so, uint64_t now)
{

	so->now = now;
	if (so->mode == SIM_MODE_NEGOTIATING && sim_sock_eno_start(so) != 0)
		return (-1);
	if (so->passive)
		sim_tcp_listen(&so->tcp);
	else
		sim_tcp_connect(&so->tcp, now);
	return (0);
}

void
sim_sock_abort(struct sim_sock *so, const char *err, const char *reason)
{

	if (so->error == NULL) {
		so->error = err;
		so->reason = reason;
	}
	so->mode = SIM_MODE_ABORTED;
	sim_tcp_abort(&so->tcp, so->now);
}

/* What TCP itself ended with, when no engine aborted first. */
static void
sock_tcp_errors(struct sim_sock *so)
{

	if (so->error != NULL)
		return;
	if (so->tcp.reset) {
		/* An RST answering our SYN is a refusal (RFC 9293 3.10.7.3). */
		so->error = so->tcp.reset_state == SIM_TCPS_SYN_SENT ?
		    "ECONNREFUSED" : "ECONNRESET";
		so->reason = "RST received";
		so->mode = SIM_MODE_ABORTED;
	} else if (so->tcp.timedout) {
		so->error = "ETIMEDOUT";
		so->reason = "retransmission limit";
		so->mode = SIM_MODE_ABORTED;
	}
}

void
sim_sock_deliver(struct sim_sock *so, const uint8_t *buf, size_t len)
{

	if (sim_buf_append(&so->rcvq, buf, len) != 0)
		sim_sock_abort(so, "ENOBUFS", "out of memory");
}

static void
plain_pump(struct sim_sock *so)
{
	struct sim_tcp *tp = &so->tcp;
	size_t n;

	n = sim_tcp_readable(tp);
	if (n > 0) {
		sim_sock_deliver(so, sim_tcp_peek(tp), n);
		sim_tcp_consume(tp, n);
	}
	if (so->shut_req && !so->shut_done) {
		sim_tcp_shutdown(tp);
		so->shut_done = 1;
	}
	if (sim_tcp_eof(tp))
		so->eof_in = 1;
}

static void
sock_pump(struct sim_sock *so)
{

	switch (so->mode) {
	case SIM_MODE_PLAIN:
	case SIM_MODE_RAW:
		if (sim_tcp_synchronized(&so->tcp))
			plain_pump(so);
		break;
	case SIM_MODE_CRYPT:
		sim_sock_crypt_pump(so);
		break;
	default:
		break;
	}
}

/* The default application: write the stream, read and check the peer's. */
static void
stream_app_step(struct sim_sock *so)
{
	static uint8_t buf[SIM_APP_CHUNK];
	struct sim_stream *out = so->out;
	size_t n;

	if (!so->shut_req && out->written < out->len)
		out->written += sim_sock_app_write(so, out->data + out->written,
		    out->len - out->written);
	if (!so->shut_req && out->written == out->len &&
	    so->mode != SIM_MODE_NEGOTIATING)
		sim_sock_app_shutdown(so);
	while ((n = sim_sock_app_read(so, buf, sizeof(buf))) > 0)
		sim_stream_deliver(so->in, buf, n);
	if (sim_sock_app_eof(so))
		so->eof = 1;
}

/*
 * The application hook's step.  After an abort it runs once more, as a
 * real application's next call would fail, so it learns of the abort.
 */
static void
hook_step(struct sim_sock *so, uint64_t now)
{

	if (so->hook == NULL || so->hook->step == NULL || so->hook_state != 1)
		return;
	so->hook_state = so->hook->step(so->hook->ctx, so, now);
	if (so->mode == SIM_MODE_ABORTED && so->hook_state == 1)
		so->hook_state = -1;
}

void
sim_sock_step(struct sim_sock *so, uint64_t now)
{

	so->now = now;
	sock_tcp_errors(so);
	sock_pump(so);
	hook_step(so, now);
	if (so->hook_state != 1 && so->mode != SIM_MODE_ABORTED)
		stream_app_step(so);
	sock_pump(so);
	sock_tcp_errors(so);
	if (so->mode == SIM_MODE_ABORTED)
		hook_step(so, now);
	if (so->flush_after && !so->flushed && so->mode == SIM_MODE_CRYPT &&
	    tcpcrypt_encrypting(so->tc))
		sim_sock_flush_cache(so);
	sim_tcp_output(&so->tcp, now);
	sock_tcp_errors(so);
}

int
sim_sock_done(const struct sim_sock *so)
{

	if (so->mode == SIM_MODE_ABORTED || so->tcp.state == SIM_TCPS_CLOSED)
		return (1);
	return (sim_tcp_done(&so->tcp) && so->eof);
}

void
sim_sock_close(struct sim_sock *so)
{

	if (so->tc != NULL)
		tcpcrypt_conn_destroy(so->tc);
	so->tc = NULL;
	sim_buf_free(&so->rcvq);
	sim_tcp_free(&so->tcp);
}

size_t
sim_sock_app_write(struct sim_sock *so, const uint8_t *buf, size_t len)
{
	size_t used = 0;

	if (so->shut_req || len == 0)
		return (0);
	switch (so->mode) {
	case SIM_MODE_PLAIN:
	case SIM_MODE_RAW:
		if (!sim_tcp_synchronized(&so->tcp))
			return (0);
		return (sim_tcp_write(&so->tcp, buf, len));
	case SIM_MODE_CRYPT:
		/* Held by the engine until the keys exist (RFC 8548 3.3). */
		(void)tcpcrypt_handle_app_data(so->tc, buf, len, 0, &used);
		return (used);
	default:
		return (0);
	}
}

size_t
sim_sock_app_read(struct sim_sock *so, uint8_t *buf, size_t cap)
{
	size_t n = sim_buf_len(&so->rcvq);

	if (n > cap)
		n = cap;
	if (n > 0) {
		memcpy(buf, sim_buf_data(&so->rcvq), n);
		sim_buf_consume(&so->rcvq, n);
	}
	return (n);
}

void
sim_sock_app_shutdown(struct sim_sock *so)
{

	so->shut_req = 1;
}

int
sim_sock_app_eof(const struct sim_sock *so)
{

	return (so->eof_in && sim_buf_len(&so->rcvq) == 0);
}

int
sim_tcpcrypt_setup(void)
{
	enum tcpcrypt_reason r;

	r = tcpcrypt_register_teps(NULL);
	if (r != TCPCRYPT_R_NONE) {
		fprintf(stderr, "enosim: tcpcrypt_register_teps: %s\n",
		    tcpcrypt_reason_name(r));
		return (-1);
	}
	return (0);
}
