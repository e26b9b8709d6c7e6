/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: a relay topology, h1 <-> relay <-> h2.  The relay host (a third
 * host, 10.0.0.3) accepts h1's connection and opens its own to h2, each
 * with its own TCP-ENO negotiation and tcpcrypt session, and forwards the
 * application bytes both ways: the man-in-the-middle that encryption
 * without endpoint authentication cannot see (RFC 8547 10,
 * draft-ietf-tcpinc-api 5 and 6).  Both legs then have different session
 * IDs, which is what session-ID authentication detects.
 */
#include <stdlib.h>
#include <string.h>

#include "sim_chan.h"
#include "sim_mbox.h"
#include "sim_pcap.h"
#include "sim_report.h"
#include "sim_run.h"
#include "sim_sock_var.h"

#define	RELAY_PORT	5001
#define	RELAY_PORT_A	40000
#define	RELAY_PORT_OUT	41000
#define	RELAY_LIMIT_US	(3600ULL * 1000000)
#define	RELAY_CHUNK	(64 * 1024)

struct relay;

/* One leg: a channel and the two sockets on it (0 active, 1 passive). */
struct relay_leg {
	struct relay		*rl;
	struct sim_chan		 chan;
	struct sim_mbox		 mbox;
	struct sim_ptscan	 scan;		/* plaintext on this leg */
	struct sim_sock		*so[2];
};

/* The relay's forwarding application on one of its two sockets. */
struct relay_fwd {
	struct sim_sock		*peer;
	struct relay_fwd	*other;		/* the opposite direction */
	struct sim_buf		 pending;
	int			 shut;
	struct sim_app_hook	 hook;
};

struct relay {
	const struct sim_opts	*o;
	struct sim_host		 host[3];	/* h1, h2, relay */
	struct relay_leg	 leg[2];	/* h1-relay, relay-h2 */
	struct sim_sock		 so[4];		/* h1, relay in, relay out, h2 */
	struct relay_fwd	 fwd[2];	/* on so[1], so[2] */
	struct sim_pcap		 pcap;
	uint64_t		 now;
};

static void
relay_tap(void *ctx, uint64_t now, int from, const uint8_t *pkt, size_t len)
{
	struct relay_leg *lg = ctx;
	struct sim_seg seg;

	if (lg->rl->pcap.fp != NULL)
		sim_pcap_write(&lg->rl->pcap, now, pkt, len);
	if (sim_wire_decode(pkt, len, &seg) == SIM_WIRE_OK && seg.len > 0)
		sim_ptscan_payload(&lg->scan, seg.payload, seg.len);
}

static void
relay_xmit(void *ctx, uint64_t now, const struct sim_seg *seg)
{
	struct sim_sock *so = ctx;
	struct relay_leg *lg = so->run;
	uint8_t pkt[SIM_IP_HLEN + SIM_TCP_HLEN + SIM_TCP_MAXOLEN +
	    SIM_MAX_PAYLOAD];
	size_t len = sim_wire_size(seg);
	int from = so == lg->so[0] ? 0 : 1;

	sim_wire_encode(seg, pkt);
	sim_mbox_apply(&lg->mbox, from, pkt, &len);
	(void)sim_chan_send(&lg->chan, now, from, pkt, len);
}

static const struct sim_tcp_hooks relay_hooks = {
	.opts_out = sim_sock_opts_out,
	.opts_in = sim_sock_opts_in,
	.xmit = relay_xmit,
};

/* Forward what arrived on so to the other socket; 0 once all is passed. */
static int
fwd_step(void *ctx, struct sim_sock *so, uint64_t now)
{
	static uint8_t buf[RELAY_CHUNK];
	struct relay_fwd *f = ctx;
	size_t n;

	if (so->mode == SIM_MODE_ABORTED) {
		sim_sock_abort(f->peer, "ECONNRESET", "relay: other leg reset");
		return (-1);
	}
	if (f->peer->mode == SIM_MODE_ABORTED) {
		sim_sock_abort(so, "ECONNRESET", "relay: other leg reset");
		return (-1);
	}
	while ((n = sim_sock_app_read(so, buf, sizeof(buf))) > 0)
		if (sim_buf_append(&f->pending, buf, n) != 0)
			return (-1);
	n = sim_sock_app_write(f->peer, sim_buf_data(&f->pending),
	    sim_buf_len(&f->pending));
	sim_buf_consume(&f->pending, n);
	if (!f->shut && sim_sock_app_eof(so) && sim_buf_len(&f->pending) == 0) {
		sim_sock_app_shutdown(f->peer);
		f->shut = 1;
	}
	/* Both directions finished: the sockets' default app may close. */
	return (f->shut && f->other->shut ? 0 : 1);
}

/* h1's and h2's applications, and the relay's forwarding on its two. */
static void
relay_apps(struct relay *rl)
{
	const struct sim_opts *o = rl->o;
	struct sim_sock *so;
	int i;

	for (i = 0; i < 2; i++) {
		so = &rl->so[i * 3];
		so->hook = o->app[i];
		if (o->app[i] != NULL && o->app[i]->setup != NULL)
			o->app[i]->setup(o->app[i]->ctx, so);
		if (o->app[i] != NULL && o->app[i]->step != NULL)
			so->hook_state = 1;
	}
	for (i = 0; i < 2; i++) {
		rl->fwd[i].peer = &rl->so[2 - i];
		rl->fwd[i].other = &rl->fwd[1 - i];
		rl->fwd[i].hook.ctx = &rl->fwd[i];
		rl->fwd[i].hook.step = fwd_step;
		rl->so[1 + i].hook = &rl->fwd[i].hook;
		rl->so[1 + i].hook_state = 1;
	}
}

/* Sockets: so[0] h1 -> so[1] relay (leg 0); so[2] relay -> so[3] h2. */
static int
relay_open(struct relay *rl, struct sim_stream *s, struct sim_stream *none)
{
	static const int host_of[4] = { 0, 2, 2, 1 };
	static const int peer_of[4] = { 2, 0, 1, 2 };
	const struct sim_opts *o = rl->o;
	struct sim_sock *so;
	uint16_t lport, rport;
	int i, l, passive;

	for (i = 0; i < 4; i++) {
		so = &rl->so[i];
		l = i / 2;
		passive = i % 2;
		lport = passive ? RELAY_PORT : (l == 0 ? RELAY_PORT_A :
		    RELAY_PORT_OUT);
		rport = passive ? (l == 0 ? RELAY_PORT_A : RELAY_PORT_OUT) :
		    RELAY_PORT;
		if (sim_sock_open(so, &rl->host[host_of[i]],
		    rl->host[peer_of[i]].ip, lport, rport, passive,
		    &relay_hooks, so, o->mss, o->mss_min,
		    o->seed * 131 + (uint64_t)i, &rl->leg[l], 0) != 0)
			return (-1);
		rl->leg[l].so[passive] = so;
		rl->leg[l].rl = rl;
		so->out = i == 0 ? &s[0] : (i == 3 ? &s[1] : none);
		so->in = i == 0 ? &s[1] : (i == 3 ? &s[0] : none);
	}
	relay_apps(rl);
	return (0);
}

static uint64_t
relay_next(struct relay *rl)
{
	uint64_t t = SIM_NO_TIME, x;
	int i;

	for (i = 0; i < 2; i++) {
		x = sim_chan_next(&rl->leg[i].chan);
		if (x < t)
			t = x;
	}
	for (i = 0; i < 4; i++) {
		x = sim_tcp_next_timer(&rl->so[i].tcp);
		if (x < t)
			t = x;
	}
	return (t);
}

static void
relay_deliver(struct relay *rl)
{
	struct relay_leg *lg;
	struct sim_seg seg;
	uint8_t *pkt;
	size_t len;
	int l, to;

	for (l = 0; l < 2; l++) {
		lg = &rl->leg[l];
		while ((len = sim_chan_recv(&lg->chan, rl->now, &to,
		    &pkt)) > 0) {
			if (sim_wire_decode(pkt, len, &seg) == SIM_WIRE_OK)
				sim_tcp_input(&lg->so[to]->tcp, rl->now, &seg);
			free(pkt);
		}
	}
}

/* Returns 1 if the relay stalled. */
static int
relay_loop(struct relay *rl)
{
	uint64_t t;
	int i, done;

	for (;;) {
		done = 1;
		for (i = 0; i < 4; i++) {
			sim_sock_step(&rl->so[i], rl->now);
			done &= sim_sock_done(&rl->so[i]);
		}
		if (done)
			return (0);
		t = relay_next(rl);
		if (t == SIM_NO_TIME || t > RELAY_LIMIT_US)
			return (1);
		if (t > rl->now)
			rl->now = t;
		relay_deliver(rl);
		for (i = 0; i < 4; i++) {
			sim_tcp_timer(&rl->so[i].tcp, rl->now);
			sim_sock_eno_update(&rl->so[i]);
		}
	}
}

static int
relay_setup(struct relay *rl, const struct sim_opts *o)
{
	struct sim_hostcfg relay_cfg;
	int i;

	memset(&relay_cfg, 0, sizeof(relay_cfg));
	/* An application-aware man in the middle sets the a bit too. */
	relay_cfg.gopt = o->relay_gopt != 0 ? o->relay_gopt : -1;
	for (i = 0; i < 3; i++)
		if (sim_host_init(&rl->host[i], i, i < 2 ? &o->host[i] :
		    &relay_cfg, o->seed) != 0)
			return (-1);
	for (i = 0; i < 2; i++) {
		sim_chan_init(&rl->leg[i].chan, o->loss, o->reorder,
		    o->seed + (uint64_t)i);
		rl->leg[i].chan.tap = relay_tap;
		rl->leg[i].chan.tap_ctx = &rl->leg[i];
		rl->leg[i].rl = rl;
		rl->leg[i].mbox.strip = o->strip;
		rl->leg[i].mbox.tamper_at = o->tamper;
	}
	if (o->pcap != NULL && sim_pcap_open(&rl->pcap, o->pcap) != 0)
		return (-1);
	return (0);
}

static void
relay_collect(struct relay *rl, int stalled, struct sim_conn_result *out)
{
	int l, i;

	for (l = 0; l < 2; l++) {
		memset(&out[l], 0, sizeof(out[l]));
		for (i = 0; i < 2; i++)
			sim_sock_result(rl->leg[l].so[i], &out[l].h[i]);
		out[l].stalled = stalled;
		out[l].wire_bytes = rl->leg[l].chan.sent_bytes;
		out[l].segments = rl->leg[l].chan.sent_pkts;
		out[l].lost = rl->leg[l].chan.lost_pkts;
		out[l].retransmits = rl->leg[l].so[0]->tcp.rexmits +
		    rl->leg[l].so[1]->tcp.rexmits;
		out[l].usec = rl->now;
		out[l].plaintext_seen = rl->leg[l].scan.seen;
		out[l].tampered = rl->leg[l].mbox.tampered;
	}
}

int
sim_run_relay(const struct sim_opts *o, const struct sim_app_hook *hooks[2],
    struct sim_conn_result out[2])
{
	static struct relay rl;
	struct sim_opts one = *o;
	struct sim_stream s[2], none;
	int i, rc = -1, started = 0;

	if (sim_tcpcrypt_setup_once() != 0)
		return (-1);
	memset(&rl, 0, sizeof(rl));
	one.app[0] = hooks != NULL ? hooks[0] : NULL;
	one.app[1] = hooks != NULL ? hooks[1] : NULL;
	rl.o = &one;
	memset(s, 0, sizeof(s));
	memset(&none, 0, sizeof(none));
	if (sim_stream_init(&s[0], o->bytes, o->seed, 1000, o->text, 0) != 0 ||
	    sim_stream_init(&s[1], o->bytes, o->seed, 1001, o->text, 1) != 0 ||
	    sim_stream_init(&none, 0, 0, 0, 0, 0) != 0 ||
	    sim_ptscan_init(&rl.leg[0].scan, &s[0], &s[1]) != 0 ||
	    sim_ptscan_init(&rl.leg[1].scan, &s[0], &s[1]) != 0 ||
	    relay_setup(&rl, &one) != 0 || relay_open(&rl, s, &none) != 0)
		goto out;
	started = 1;
	for (i = 0; i < 4; i++)
		if (sim_sock_start(&rl.so[i], 0) != 0)
			goto out;
	relay_collect(&rl, relay_loop(&rl), out);
	rc = 0;
out:
	for (i = 0; started && i < 4; i++)
		sim_sock_close(&rl.so[i]);
	for (i = 0; i < 2; i++) {
		sim_buf_free(&rl.fwd[i].pending);
		sim_chan_free(&rl.leg[i].chan);
	}
	if (sim_pcap_close(&rl.pcap) != 0)
		rc = -1;
	for (i = 0; i < 3; i++)
		sim_host_free(&rl.host[i]);
	sim_ptscan_free(&rl.leg[0].scan);
	sim_ptscan_free(&rl.leg[1].scan);
	sim_stream_free(&s[0]);
	sim_stream_free(&s[1]);
	sim_stream_free(&none);
	return (rc);
}
