/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: the run driver (see sim_run.h).  Each step lets both sockets
 * move bytes and send what they may, then advances virtual time to the
 * next event (a packet's arrival or a retransmission timer) and delivers
 * it.  A connection whose hosts wait on each other with nothing in flight
 * and no timer running has stalled: that is reported, never hidden.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim_chan.h"
#include "sim_report.h"
#include "sim_pcap.h"
#include "sim_run.h"
#include "sim_sock_var.h"
#include "sim_trace.h"

#define	RUN_PORT_B	5001
#define	RUN_PORT_A	40000
#define	RUN_LIMIT_US	(3600ULL * 1000000)	/* virtual hour */

struct run {
	const struct sim_opts	*o;
	struct sim_host		 host[2];
	struct sim_chan		 chan;
	struct sim_mbox		 mbox;
	struct sim_pcap		 pcap;
	struct sim_ptscan	 scan;
	struct sim_sock		 so[2];
	uint64_t		 now;
	uint64_t		 conn_start;
	int			 traced;
};

static void
run_tap(void *ctx, uint64_t now, int from, const uint8_t *pkt, size_t len)
{
	struct run *rn = ctx;
	struct sim_seg seg;

	if (rn->pcap.fp != NULL)
		sim_pcap_write(&rn->pcap, now, pkt, len);
	if (sim_wire_decode(pkt, len, &seg) != SIM_WIRE_OK)
		return;
	if (seg.len > 0)
		sim_ptscan_payload(&rn->scan, seg.payload, seg.len);
	if (rn->o->trace != NULL && rn->traced < rn->o->trace_max) {
		rn->traced++;
		sim_trace_seg(rn->o->trace, now - rn->conn_start, from, &seg,
		    rn->o->text);
	}
}

static void
run_xmit(void *ctx, uint64_t now, const struct sim_seg *seg)
{
	struct sim_sock *so = ctx;
	struct run *rn = so->run;
	uint8_t pkt[SIM_IP_HLEN + SIM_TCP_HLEN + SIM_TCP_MAXOLEN +
	    SIM_MAX_PAYLOAD];
	size_t len = sim_wire_size(seg);
	int from = so->host->idx;

	sim_wire_encode(seg, pkt);
	sim_mbox_apply(&rn->mbox, from, pkt, &len);
	(void)sim_chan_send(&rn->chan, now, from, pkt, len);
}

static const struct sim_tcp_hooks run_hooks = {
	.opts_out = sim_sock_opts_out,
	.opts_in = sim_sock_opts_in,
	.xmit = run_xmit,
};

static uint64_t
run_next_event(struct run *rn)
{
	uint64_t t = sim_chan_next(&rn->chan), x;
	int i;

	for (i = 0; i < 2; i++) {
		x = sim_tcp_next_timer(&rn->so[i].tcp);
		if (x < t)
			t = x;
	}
	return (t);
}

static void
run_deliver(struct run *rn)
{
	struct sim_seg seg;
	uint8_t *pkt;
	size_t len;
	int to;

	while ((len = sim_chan_recv(&rn->chan, rn->now, &to, &pkt)) > 0) {
		/* A packet failing its checksums is dropped, as by a host. */
		if (sim_wire_decode(pkt, len, &seg) == SIM_WIRE_OK &&
		    seg.dport == rn->so[to].lport)
			sim_tcp_input(&rn->so[to].tcp, rn->now, &seg);
		free(pkt);
	}
}

/* Drive one connection to its end; returns 1 if it stalled. */
static int
run_loop(struct run *rn)
{
	uint64_t t;
	int i;

	for (;;) {
		for (i = 0; i < 2; i++)
			sim_sock_step(&rn->so[i], rn->now);
		if (sim_sock_done(&rn->so[0]) && sim_sock_done(&rn->so[1]))
			return (0);
		t = run_next_event(rn);
		if (t == SIM_NO_TIME || t - rn->conn_start > RUN_LIMIT_US)
			return (1);
		if (t > rn->now)
			rn->now = t;
		run_deliver(rn);
		for (i = 0; i < 2; i++) {
			sim_tcp_timer(&rn->so[i].tcp, rn->now);
			sim_sock_eno_update(&rn->so[i]);
		}
	}
}

static int
run_open(struct run *rn, int k, struct sim_stream *s)
{
	const struct sim_opts *o = rn->o;
	uint16_t aport = (uint16_t)(RUN_PORT_A + k);
	int i, passive;

	for (i = 0; i < 2; i++) {
		passive = i == 1 && !o->simultaneous;
		if (sim_sock_open(&rn->so[i], &rn->host[i],
		    rn->host[1 - i].ip, i == 0 ? aport : RUN_PORT_B,
		    i == 0 ? RUN_PORT_B : aport, passive, &run_hooks,
		    &rn->so[i], o->mss, o->mss_min,
		    o->seed * 131 + (uint64_t)(2 * k + i), rn,
		    i == 0 && o->flush_before == k + 1) != 0)
			return (-1);
		rn->so[i].flush_after = i == 0 && o->flush_after == k + 1;
		rn->so[i].out = &s[i];
		rn->so[i].in = &s[1 - i];
		rn->so[i].hook = o->app[i];
		if (o->app[i] != NULL && o->app[i]->setup != NULL)
			o->app[i]->setup(o->app[i]->ctx, &rn->so[i]);
		if (o->app[i] != NULL && o->app[i]->step != NULL)
			rn->so[i].hook_state = 1;
	}
	return (0);
}

static void
run_collect(struct run *rn, struct sim_conn_result *cr)
{
	int i;

	for (i = 0; i < 2; i++)
		sim_sock_result(&rn->so[i], &cr->h[i]);
	cr->wire_bytes = rn->chan.sent_bytes;
	cr->segments = rn->chan.sent_pkts;
	cr->lost = rn->chan.lost_pkts;
	cr->retransmits = rn->so[0].tcp.rexmits + rn->so[1].tcp.rexmits;
	cr->usec = rn->now - rn->conn_start;
	cr->plaintext_seen = rn->scan.seen;
	cr->tampered = rn->mbox.tampered;
}

static int
run_conn(struct run *rn, int k, struct sim_conn_result *cr)
{
	const struct sim_opts *o = rn->o;
	struct sim_stream s[2];
	int i, rc = -1;

	memset(cr, 0, sizeof(*cr));
	for (i = 0; i < 2; i++)
		if (sim_stream_init(&s[i], o->bytes, o->seed,
		    1000 + 2 * (uint64_t)k + (uint64_t)i, o->text, i) != 0)
			return (-1);
	if (sim_ptscan_init(&rn->scan, &s[0], &s[1]) != 0)
		goto out;
	memset(&rn->mbox, 0, sizeof(rn->mbox));
	rn->mbox.strip = o->strip;
	rn->mbox.active_host = 0;
	rn->mbox.tamper_at = o->tamper;
	sim_chan_flush(&rn->chan);
	rn->conn_start = rn->now;
	rn->traced = 0;
	if (run_open(rn, k, s) != 0) {
		for (i = 0; i < 2; i++)
			sim_sock_close(&rn->so[i]);
		goto out;
	}
	if (o->trace != NULL)
		sim_trace_conn(o->trace, k + 1, rn->host[0].ip, rn->so[0].lport,
		    rn->host[1].ip, rn->so[1].lport);
	if (sim_sock_start(&rn->so[0], rn->now) != 0 ||
	    sim_sock_start(&rn->so[1], rn->now) != 0) {
		for (i = 0; i < 2; i++)
			sim_sock_close(&rn->so[i]);
		goto out;
	}
	cr->stalled = run_loop(rn);
	run_collect(rn, cr);
	rc = 0;
	for (i = 0; i < 2; i++)
		sim_sock_close(&rn->so[i]);
out:
	sim_ptscan_free(&rn->scan);
	sim_stream_free(&s[0]);
	sim_stream_free(&s[1]);
	return (rc);
}

int
sim_run(const struct sim_opts *o, struct sim_conn_result *res)
{
	static struct run rn;
	int i, k, rc = 0;

	memset(&rn, 0, sizeof(rn));
	rn.o = o;
	for (i = 0; i < 2; i++)
		if (sim_host_init(&rn.host[i], i, &o->host[i], o->seed) != 0)
			return (-1);
	for (i = 0; i < 2; i++)
		rn.host[i].rng_dump = o->rng_dump;
	sim_chan_init(&rn.chan, o->loss, o->reorder, o->seed);
	rn.chan.tap = run_tap;
	rn.chan.tap_ctx = &rn;
	if (o->pcap != NULL && sim_pcap_open(&rn.pcap, o->pcap) != 0) {
		perror(o->pcap);
		rc = -1;
	}
	for (k = 0; rc == 0 && k < o->connections; k++) {
		/* Channel counters are per connection. */
		rn.chan.sent_pkts = rn.chan.sent_bytes = rn.chan.lost_pkts = 0;
		if (run_conn(&rn, k, &res[k]) != 0)
			rc = -1;
		rn.now += 1000000;	/* a second between connections */
	}
	if (sim_pcap_close(&rn.pcap) != 0) {
		fprintf(stderr, "enosim: writing %s failed\n", o->pcap);
		rc = -1;
	}
	sim_chan_free(&rn.chan);
	for (i = 0; i < 2; i++)
		sim_host_free(&rn.host[i]);
	return (rc);
}

int
sim_tcpcrypt_setup_once(void)
{
	static int registered;

	if (!registered) {
		if (sim_tcpcrypt_setup() != 0)
			return (-1);
		registered = 1;
	}
	return (0);
}

void
sim_opts_defaults(struct sim_opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->bytes = 1 << 20;
	o->mss = 1460;
	o->mss_min = 1460;
	o->seed = 1;
	o->connections = 1;
	for (i = 0; i < 2; i++)
		o->host[i].gopt = -1;
}

int
sim_run_pair(const struct sim_opts *o, const struct sim_app_hook *hooks[2],
    struct sim_conn_result *out)
{
	struct sim_opts one = *o;

	if (sim_tcpcrypt_setup_once() != 0)
		return (-1);
	one.connections = 1;
	one.app[0] = hooks != NULL ? hooks[0] : NULL;
	one.app[1] = hooks != NULL ? hooks[1] : NULL;
	return (sim_run(&one, out));
}
