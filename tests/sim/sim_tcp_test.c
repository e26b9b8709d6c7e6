/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Unit tests of the simulator's own parts, without any engine: IPv4/TCP
 * encoding and checksums (RFC 791, RFC 9293 3.1), the option list, the
 * middlebox, and the minimal TCP carrying two byte streams over a channel
 * with loss, reordering and resegmentation, including simultaneous open
 * (RFC 9293 3.5).  Prints "N passed, M failed".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_app.h"
#include "sim_chan.h"
#include "sim_mbox.h"
#include "sim_tcp.h"
#include "sim_wire.h"

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

struct pair {
	struct sim_tcp	 t[2];
	struct sim_chan	 ch;
	struct sim_mbox	 mb;
	int		 optlen_seen_syn;
};

static void
pair_xmit(void *ctx, uint64_t now, const struct sim_seg *seg)
{
	struct pair *p = ctx;
	uint8_t pkt[SIM_IP_HLEN + SIM_TCP_HLEN + SIM_TCP_MAXOLEN +
	    SIM_MAX_PAYLOAD];
	size_t len = sim_wire_size(seg);
	int from = seg->src_ip == p->t[0].lip ? 0 : 1;

	sim_wire_encode(seg, pkt);
	sim_mbox_apply(&p->mb, from, pkt, &len);
	(void)sim_chan_send(&p->ch, now, from, pkt, len);
}

static const struct sim_tcp_hooks pair_hooks = {
	.xmit = pair_xmit,
};

static uint64_t
pair_next(struct pair *p)
{
	uint64_t t = sim_chan_next(&p->ch), x;
	int i;

	for (i = 0; i < 2; i++) {
		x = sim_tcp_next_timer(&p->t[i]);
		if (x < t)
			t = x;
	}
	return (t);
}

/* Run both ends until done; returns 0 or -1 on a stall / time limit. */
static int
pair_run(struct pair *p, struct sim_stream *s, int simultaneous)
{
	uint64_t now = 0;
	uint8_t *pkt;
	struct sim_seg seg;
	size_t len, n;
	int i, to, closed[2] = { 0, 0 };

	if (!simultaneous)
		sim_tcp_listen(&p->t[1]);
	sim_tcp_connect(&p->t[0], now);
	if (simultaneous)
		sim_tcp_connect(&p->t[1], now);
	while (!(sim_tcp_done(&p->t[0]) && sim_tcp_done(&p->t[1]))) {
		for (i = 0; i < 2; i++) {
			struct sim_tcp *tp = &p->t[i];

			if (sim_tcp_synchronized(tp) && !closed[i]) {
				s[i].written += sim_tcp_write(tp,
				    s[i].data + s[i].written,
				    s[i].len - s[i].written);
				if (s[i].written == s[i].len) {
					sim_tcp_shutdown(tp);
					closed[i] = 1;
				}
			}
			n = sim_tcp_readable(tp);
			sim_stream_deliver(&s[1 - i], sim_tcp_peek(tp), n);
			sim_tcp_consume(tp, n);
			sim_tcp_output(tp, now);
		}
		now = pair_next(p);
		if (now == SIM_NO_TIME || now > 3600ULL * 1000000)
			return (-1);
		while ((len = sim_chan_recv(&p->ch, now, &to, &pkt)) > 0) {
			if (sim_wire_decode(pkt, len, &seg) == SIM_WIRE_OK)
				sim_tcp_input(&p->t[to], now, &seg);
			free(pkt);
		}
		for (i = 0; i < 2; i++)
			sim_tcp_timer(&p->t[i], now);
	}
	return (0);
}

static void
transfer(const char *name, size_t bytes, double loss, double reorder,
    size_t mss_min, size_t mss, int simultaneous, uint64_t seed)
{
	struct pair p;
	struct sim_stream s[2];
	int r;

	memset(&p, 0, sizeof(p));
	sim_chan_init(&p.ch, loss, reorder, seed);
	sim_tcp_init(&p.t[0], 0x0a000001, 40000, 0x0a000002, 5001, 1000,
	    mss, mss_min, seed + 1, &pair_hooks, &p);
	sim_tcp_init(&p.t[1], 0x0a000002, 5001, 0x0a000001, 40000,
	    0xfffff000u, mss, mss_min, seed + 2, &pair_hooks, &p);
	if (simultaneous)
		p.t[1].rport = 40000;
	(void)sim_stream_init(&s[0], bytes, seed, 10, 0, 0);
	(void)sim_stream_init(&s[1], bytes, seed, 11, 0, 1);
	r = pair_run(&p, s, simultaneous);
	if (getenv("SIM_TEST_VERBOSE") != NULL)
		printf("%s: %ju pkts, %ju lost, rexmit %ju+%ju\n", name,
		    (uintmax_t)p.ch.sent_pkts, (uintmax_t)p.ch.lost_pkts,
		    (uintmax_t)p.t[0].rexmits, (uintmax_t)p.t[1].rexmits);
	CHECK(r == 0, "%s: run did not finish", name);
	CHECK(sim_stream_ok(&s[0]) && sim_stream_ok(&s[1]),
	    "%s: data %zu/%zu mismatch %d, %zu/%zu mismatch %d", name,
	    s[0].received, s[0].len, s[0].mismatch, s[1].received, s[1].len,
	    s[1].mismatch);
	CHECK(!p.t[0].reset && !p.t[1].reset && !p.t[0].timedout &&
	    !p.t[1].timedout, "%s: connection ended abnormally", name);
	if (loss > 0 && bytes > 0)
		CHECK(p.ch.lost_pkts > 0 && p.t[0].rexmits + p.t[1].rexmits > 0,
		    "%s: loss configured but nothing lost or retransmitted",
		    name);
	sim_stream_free(&s[0]);
	sim_stream_free(&s[1]);
	sim_tcp_free(&p.t[0]);
	sim_tcp_free(&p.t[1]);
	sim_chan_free(&p.ch);
}

static void
test_wire(void)
{
	struct sim_seg seg, out;
	struct sim_opt opts[SIM_MAX_OPTS];
	uint8_t pkt[200], data[5] = { 'h', 'e', 'l', 'l', 'o' };
	uint8_t eno[4] = { 69, 4, 0x01, 0x23 }, mss[4] = { 2, 4, 5, 0xb4 };
	size_t len;
	int n;

	memset(&seg, 0, sizeof(seg));
	seg.src_ip = 0x0a000001;
	seg.dst_ip = 0x0a000002;
	seg.sport = 1234;
	seg.dport = 80;
	seg.seq = 0xdeadbeef;
	seg.ack = 7;
	seg.flags = SIM_TH_ACK | SIM_TH_PUSH;
	seg.win = 1000;
	CHECK(sim_wire_opt_add(seg.opts, &seg.optlen, mss, 4) == 0, "mss");
	CHECK(sim_wire_opt_add(seg.opts, &seg.optlen, eno, 4) == 0, "eno");
	CHECK(sim_wire_opt_add(seg.opts, &seg.optlen, pkt, 33) != 0,
	    "41 bytes of options accepted");
	seg.payload = data;
	seg.len = sizeof(data);
	len = sim_wire_size(&seg);
	sim_wire_encode(&seg, pkt);
	CHECK(len == 20 + 20 + 8 + 5, "size %zu", len);
	CHECK(sim_wire_decode(pkt, len, &out) == SIM_WIRE_OK, "decode");
	CHECK(out.seq == seg.seq && out.ack == 7 && out.flags == seg.flags &&
	    out.len == 5 && memcmp(out.payload, "hello", 5) == 0 &&
	    out.optlen == 8, "fields");
	n = sim_wire_opts(out.opts, out.optlen, opts, SIM_MAX_OPTS);
	CHECK(n == 2 && opts[1].kind == 69 && opts[1].len == 4, "opts %d", n);
	pkt[len - 1] ^= 1;
	CHECK(sim_wire_decode(pkt, len, &out) == SIM_WIRE_R_TCP_CSUM,
	    "flipped payload bit not caught");
	sim_wire_fix_csum(pkt, len);
	CHECK(sim_wire_decode(pkt, len, &out) == SIM_WIRE_OK, "refixed");
	pkt[8] ^= 1;
	CHECK(sim_wire_decode(pkt, len, &out) == SIM_WIRE_R_IP_CSUM, "ip");
	/* An option running past the end is malformed. */
	n = sim_wire_opts((const uint8_t []){ 69, 9, 1 }, 3, opts, 4);
	CHECK(n == -1, "overrun %d", n);
}

static void
test_mbox_strip(void)
{
	struct sim_mbox mb;
	struct sim_seg seg, out;
	struct sim_opt opts[SIM_MAX_OPTS];
	uint8_t pkt[200], eno[3] = { 69, 3, 0x23 }, mss[4] = { 2, 4, 5, 0xb4 };
	size_t len;
	int n;

	memset(&seg, 0, sizeof(seg));
	memset(&mb, 0, sizeof(mb));
	seg.flags = SIM_TH_SYN;
	(void)sim_wire_opt_add(seg.opts, &seg.optlen, mss, 4);
	(void)sim_wire_opt_add(seg.opts, &seg.optlen, eno, 3);
	sim_wire_opt_pad(seg.opts, &seg.optlen);
	sim_wire_encode(&seg, pkt);
	len = sim_wire_size(&seg);
	mb.strip = SIM_STRIP_SYN;
	sim_mbox_apply(&mb, 0, pkt, &len);
	CHECK(sim_wire_decode(pkt, len, &out) == SIM_WIRE_OK, "decode");
	n = sim_wire_opts(out.opts, out.optlen, opts, SIM_MAX_OPTS);
	CHECK(n == 1 && opts[0].kind == 2 && mb.stripped == 1,
	    "strip left %d options", n);
}

static void
test_ptscan(void)
{
	struct sim_stream s[2];
	struct sim_ptscan ps;
	uint8_t buf[64];

	(void)sim_stream_init(&s[0], 1000, 5, 1, 0, 0);
	(void)sim_stream_init(&s[1], 1000, 5, 2, 0, 1);
	(void)sim_ptscan_init(&ps, &s[0], &s[1]);
	memset(buf, 0xaa, sizeof(buf));
	memcpy(buf + 3, s[1].data + 501, 15);
	sim_ptscan_payload(&ps, buf, sizeof(buf));
	CHECK(!ps.seen, "15-byte run reported");
	memcpy(buf + 3, s[1].data + 501, 16);
	sim_ptscan_payload(&ps, buf, sizeof(buf));
	CHECK(ps.seen, "16-byte run at odd offsets missed");
	sim_ptscan_free(&ps);
	sim_stream_free(&s[0]);
	sim_stream_free(&s[1]);
}

int
main(void)
{

	test_wire();
	test_mbox_strip();
	test_ptscan();
	transfer("clean", 200000, 0, 0, 1460, 1460, 0, 1);
	transfer("loss-reorder-reseg", 1 << 20, 0.05, 0.1, 1, 1460, 0, 2);
	transfer("tiny-mss", 50000, 0.02, 0.2, 1, 7, 0, 3);
	transfer("simultaneous", 100000, 0.03, 0.05, 100, 1000, 1, 4);
	transfer("empty", 0, 0.1, 0, 1460, 1460, 0, 5);
	printf("%d passed, %d failed\n", npass, nfail);
	return (nfail == 0 ? 0 : 1);
}
