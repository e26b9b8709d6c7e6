/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: minimal TCP, sending side: open, segmentation, PSH marks, FIN,
 * RST and the retransmission timer (RFC 9293 3.8.1, RFC 6298 backoff).
 * Input and reassembly are in sim_tcp_input.c.
 */
#include <stdlib.h>
#include <string.h>

#include "sim_chan.h"
#include "sim_tcp.h"
#include "sim_tcp_var.h"

void
sim_tcp_init(struct sim_tcp *tp, uint32_t lip, uint16_t lport, uint32_t rip,
    uint16_t rport, uint32_t iss, size_t mss, size_t mss_min, uint64_t seed,
    const struct sim_tcp_hooks *hooks, void *hctx)
{

	memset(tp, 0, sizeof(*tp));
	tp->lip = lip;
	tp->lport = lport;
	tp->rip = rip;
	tp->rport = rport;
	tp->iss = iss;
	tp->mss = mss;
	tp->mss_min = mss_min < 1 ? 1 : (mss_min > mss ? mss : mss_min);
	tp->rto = SIM_TCP_RTO_INIT;
	sim_prng_seed(&tp->prng, seed, 2);
	sim_buf_init(&tp->snd);
	sim_buf_init(&tp->rcv);
	tp->hooks = hooks;
	tp->hctx = hctx;
}

void
sim_tcp_free(struct sim_tcp *tp)
{
	struct sim_tcp_chunk *c;

	while ((c = tp->ooo) != NULL) {
		tp->ooo = c->next;
		sim_buf_free(&c->data);
		free(c);
	}
	tp->ooo_tail = NULL;
	sim_buf_free(&tp->snd);
	sim_buf_free(&tp->rcv);
	free(tp->push);
	tp->push = NULL;
}

void
sim_tcp_send_seg(struct sim_tcp *tp, uint64_t now, uint8_t flags,
    uint32_t seq, const uint8_t *data, size_t len)
{
	struct sim_seg seg;
	uint8_t mss[4];

	memset(&seg, 0, sizeof(seg));
	seg.src_ip = tp->lip;
	seg.dst_ip = tp->rip;
	seg.sport = tp->lport;
	seg.dport = tp->rport;
	seg.seq = seq;
	seg.flags = flags;
	if (flags & SIM_TH_ACK)
		seg.ack = sim_tcp_rcv_ack(tp);
	seg.win = SIM_TCP_WINDOW;
	if (flags & SIM_TH_SYN) {
		mss[0] = SIM_TCPOPT_MSS;
		mss[1] = 4;
		mss[2] = (uint8_t)(tp->mss >> 8);
		mss[3] = (uint8_t)tp->mss;
		(void)sim_wire_opt_add(seg.opts, &seg.optlen, mss, sizeof(mss));
	}
	if (tp->hooks->opts_out != NULL && !(flags & SIM_TH_RST))
		seg.optlen += tp->hooks->opts_out(tp->hctx, tp, flags,
		    seg.opts + seg.optlen, SIM_TCP_MAXOLEN - seg.optlen);
	sim_wire_opt_pad(seg.opts, &seg.optlen);
	seg.payload = data;
	seg.len = len;
	tp->segs_out++;
	tp->bytes_out += len;
	tp->hooks->xmit(tp->hctx, now, &seg);
}

uint32_t
sim_tcp_rcv_ack(const struct sim_tcp *tp)
{

	return (tp->irs + 1 + (uint32_t)tp->rcv_nxt + (tp->fin_rcvd ? 1 : 0));
}

void
sim_tcp_send_syn(struct sim_tcp *tp, uint64_t now)
{
	uint8_t flags = SIM_TH_SYN;

	if (tp->state == SIM_TCPS_SYN_RCVD)
		flags |= SIM_TH_ACK;
	sim_tcp_send_seg(tp, now, flags, tp->iss, NULL, 0);
	if (tp->rto_at == 0)
		tp->rto_at = now + tp->rto;
}

void
sim_tcp_listen(struct sim_tcp *tp)
{

	tp->state = SIM_TCPS_LISTEN;
}

void
sim_tcp_connect(struct sim_tcp *tp, uint64_t now)
{

	tp->active = 1;
	tp->state = SIM_TCPS_SYN_SENT;
	sim_tcp_send_syn(tp, now);
}

size_t
sim_tcp_send_space(const struct sim_tcp *tp)
{
	size_t used = (size_t)(tp->snd_end - tp->snd_una);

	if (tp->fin_queued || tp->state == SIM_TCPS_CLOSED)
		return (0);
	return (used >= SIM_TCP_SNDBUF ? 0 : SIM_TCP_SNDBUF - used);
}

size_t
sim_tcp_write(struct sim_tcp *tp, const uint8_t *buf, size_t len)
{
	size_t space = sim_tcp_send_space(tp);

	if (len > space)
		len = space;
	if (len == 0 || sim_buf_append(&tp->snd, buf, len) != 0)
		return (0);
	tp->snd_end += len;
	return (len);
}

void
sim_tcp_push(struct sim_tcp *tp)
{
	uint64_t *np;
	size_t ncap;

	if (tp->npush > 0 && tp->push[tp->npush - 1] == tp->snd_end)
		return;
	if (tp->npush == tp->cpush) {
		ncap = tp->cpush == 0 ? 8 : tp->cpush * 2;
		np = realloc(tp->push, ncap * sizeof(*np));
		if (np == NULL)
			return;		/* PSH is advisory */
		tp->push = np;
		tp->cpush = ncap;
	}
	tp->push[tp->npush++] = tp->snd_end;
}

void
sim_tcp_shutdown(struct sim_tcp *tp)
{

	tp->fin_queued = 1;
}

void
sim_tcp_abort(struct sim_tcp *tp, uint64_t now)
{

	if (tp->state == SIM_TCPS_CLOSED)
		return;
	if (tp->state != SIM_TCPS_LISTEN)
		sim_tcp_send_seg(tp, now, SIM_TH_RST | SIM_TH_ACK,
		    sim_tcp_snd_seq(tp, tp->snd_nxt), NULL, 0);
	tp->state = SIM_TCPS_CLOSED;
	tp->aborted = 1;
	tp->rto_at = 0;
}

/* A push mark falls inside [from, to): the segment ends a message. */
static int
tcp_push_in(const struct sim_tcp *tp, uint64_t from, uint64_t to)
{
	size_t i;

	for (i = 0; i < tp->npush; i++)
		if (tp->push[i] > from && tp->push[i] <= to)
			return (1);
	return (0);
}

/* Send one segment of data starting at offset off; returns its length. */
size_t
sim_tcp_send_data(struct sim_tcp *tp, uint64_t now, uint64_t off,
    uint64_t limit, int may_fin)
{
	size_t len;
	uint8_t flags = SIM_TH_ACK;

	len = (size_t)sim_prng_range(&tp->prng, tp->mss_min, tp->mss);
	if (len > limit - off)
		len = (size_t)(limit - off);
	if (tcp_push_in(tp, off, off + len))
		flags |= SIM_TH_PUSH;
	if (may_fin && tp->fin_queued && off + len == tp->snd_end)
		flags |= SIM_TH_FIN;
	sim_tcp_send_seg(tp, now, flags, sim_tcp_snd_seq(tp, off),
	    sim_buf_data(&tp->snd) + (off - tp->snd_una), len);
	if (flags & SIM_TH_FIN)
		tp->fin_sent = 1;
	return (len);
}

void
sim_tcp_output(struct sim_tcp *tp, uint64_t now)
{
	uint64_t limit;
	int sent = 0;

	if (tp->state != SIM_TCPS_ESTABLISHED)
		return;
	limit = tp->snd_una + SIM_TCP_WINDOW;
	if (limit > tp->snd_end)
		limit = tp->snd_end;
	while (tp->snd_nxt < limit) {
		tp->snd_nxt += sim_tcp_send_data(tp, now, tp->snd_nxt, limit,
		    1);
		sent = 1;
	}
	if (tp->fin_queued && !tp->fin_sent && tp->snd_nxt == tp->snd_end) {
		sim_tcp_send_seg(tp, now, SIM_TH_ACK | SIM_TH_FIN,
		    sim_tcp_snd_seq(tp, tp->snd_end), NULL, 0);
		tp->fin_sent = 1;
		sent = 1;
	}
	if (!sent && tp->need_ack)
		sim_tcp_send_seg(tp, now, SIM_TH_ACK,
		    sim_tcp_snd_seq(tp, tp->snd_nxt), NULL, 0);
	tp->need_ack = 0;
	if (tp->rto_at == 0 && (tp->snd_nxt > tp->snd_una ||
	    (tp->fin_sent && !tp->fin_acked)))
		tp->rto_at = now + tp->rto;
}

uint64_t
sim_tcp_next_timer(const struct sim_tcp *tp)
{

	return (tp->rto_at == 0 ? SIM_NO_TIME : tp->rto_at);
}

void
sim_tcp_timer(struct sim_tcp *tp, uint64_t now)
{

	if (tp->rto_at == 0 || now < tp->rto_at)
		return;
	tp->rto_at = 0;
	if (++tp->backoff > SIM_TCP_MAX_BACKOFF) {
		tp->timedout = 1;
		tp->state = SIM_TCPS_CLOSED;
		return;
	}
	tp->rto = tp->rto * 2 > SIM_TCP_RTO_MAX ? SIM_TCP_RTO_MAX :
	    tp->rto * 2;
	tp->rexmits++;
	switch (tp->state) {
	case SIM_TCPS_SYN_SENT:
	case SIM_TCPS_SYN_RCVD:
		sim_tcp_send_syn(tp, now);
		break;
	case SIM_TCPS_ESTABLISHED:
		/* Go back to the first unacknowledged byte (and the FIN). */
		tp->snd_nxt = tp->snd_una;
		if (!tp->fin_acked)
			tp->fin_sent = 0;
		sim_tcp_output(tp, now);
		break;
	default:
		break;
	}
}

size_t
sim_tcp_readable(const struct sim_tcp *tp)
{

	return (sim_buf_len(&tp->rcv));
}

const uint8_t *
sim_tcp_peek(const struct sim_tcp *tp)
{

	return (sim_buf_data(&tp->rcv));
}

void
sim_tcp_consume(struct sim_tcp *tp, size_t len)
{

	sim_buf_consume(&tp->rcv, len);
}

int
sim_tcp_eof(const struct sim_tcp *tp)
{

	return (tp->fin_rcvd && sim_buf_len(&tp->rcv) == 0);
}

int
sim_tcp_done(const struct sim_tcp *tp)
{

	if (tp->state == SIM_TCPS_CLOSED)
		return (1);
	return (tp->fin_acked && tp->fin_rcvd);
}

int
sim_tcp_synchronized(const struct sim_tcp *tp)
{

	return (tp->state == SIM_TCPS_ESTABLISHED);
}
