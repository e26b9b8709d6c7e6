/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: minimal TCP, receiving side: the handshake states of RFC 9293
 * 3.5 (passive open, active open, simultaneous open with SYN-ACKs
 * crossing), cumulative ACK processing with fast retransmit after three
 * duplicate ACKs (RFC 5681 3.2), and reassembly.  Retransmissions may cut
 * the stream at other boundaries, so reassembly works on byte ranges: any
 * overlap is trimmed against rcv_nxt when a piece becomes in order.
 */
#include <stdlib.h>
#include <string.h>

#include "sim_tcp.h"
#include "sim_tcp_var.h"

/* Stream offset of a received sequence number, near rcv_nxt. */
static uint64_t
tcp_rcv_off(const struct sim_tcp *tp, uint32_t seq)
{
	int32_t d = (int32_t)(seq - (tp->irs + 1 + (uint32_t)tp->rcv_nxt));

	if (d < 0 && (uint64_t)-(int64_t)d > tp->rcv_nxt)
		return (0);
	return (tp->rcv_nxt + d);
}

static uint64_t
chunk_end(const struct sim_tcp_chunk *c)
{

	return (c->off + sim_buf_len(&c->data));
}

/* Add the part of [off, off + len) beyond c's end to c (they touch). */
static void
chunk_extend(struct sim_tcp_chunk *c, uint64_t off, const uint8_t *data,
    size_t len)
{
	uint64_t end = chunk_end(c);

	if (off + len <= end)
		return;
	(void)sim_buf_append(&c->data, data + (end - off),
	    (size_t)(off + len - end));
}

/* Absorb the pieces after c that it now touches or overlaps. */
static void
chunk_absorb(struct sim_tcp *tp, struct sim_tcp_chunk *c)
{
	struct sim_tcp_chunk *n;

	while ((n = c->next) != NULL && n->off <= chunk_end(c)) {
		chunk_extend(c, n->off, sim_buf_data(&n->data),
		    sim_buf_len(&n->data));
		c->next = n->next;
		sim_buf_free(&n->data);
		free(n);
	}
	if (c->next == NULL)
		tp->ooo_tail = c;
}

static void
tcp_ooo_insert(struct sim_tcp *tp, uint64_t off, const uint8_t *data,
    size_t len)
{
	struct sim_tcp_chunk *c, *prev = NULL, *n;

	/* Segments mostly arrive in order: try the tail first. */
	c = tp->ooo_tail;
	if (c != NULL && c->off <= off && off <= chunk_end(c)) {
		chunk_extend(c, off, data, len);
		return;
	}
	for (n = tp->ooo; n != NULL && n->off <= off; n = n->next)
		prev = n;
	if (prev != NULL && off <= chunk_end(prev)) {
		chunk_extend(prev, off, data, len);
		chunk_absorb(tp, prev);
		return;
	}
	c = malloc(sizeof(*c));
	if (c == NULL)
		return;		/* dropped; the peer retransmits */
	c->off = off;
	sim_buf_init(&c->data);
	if (sim_buf_append(&c->data, data, len) != 0) {
		free(c);
		return;
	}
	c->next = n;
	if (prev == NULL)
		tp->ooo = c;
	else
		prev->next = c;
	chunk_absorb(tp, c);
}

static void
tcp_deliver(struct sim_tcp *tp, uint64_t off, const uint8_t *data, size_t len)
{
	size_t skip = (size_t)(tp->rcv_nxt - off);

	if (off + len <= tp->rcv_nxt)
		return;
	if (sim_buf_append(&tp->rcv, data + skip, len - skip) != 0)
		return;
	tp->rcv_nxt = off + len;
}

static void
tcp_ooo_pull(struct sim_tcp *tp)
{
	struct sim_tcp_chunk *c;

	while ((c = tp->ooo) != NULL && c->off <= tp->rcv_nxt) {
		tp->ooo = c->next;
		if (tp->ooo == NULL)
			tp->ooo_tail = NULL;
		tcp_deliver(tp, c->off, sim_buf_data(&c->data),
		    sim_buf_len(&c->data));
		sim_buf_free(&c->data);
		free(c);
	}
}

static void
tcp_input_data(struct sim_tcp *tp, const struct sim_seg *seg)
{
	uint64_t off;

	if (seg->len == 0 && !(seg->flags & SIM_TH_FIN))
		return;
	tp->need_ack = 1;
	off = tcp_rcv_off(tp, seg->seq);
	if ((seg->flags & SIM_TH_FIN) && !tp->fin_seen) {
		tp->fin_seen = 1;
		tp->fin_off = off + seg->len;
	}
	if (seg->len > 0 && !tp->fin_rcvd) {
		if (off <= tp->rcv_nxt) {
			tcp_deliver(tp, off, seg->payload, seg->len);
			tcp_ooo_pull(tp);
		} else if (off + seg->len <= tp->rcv_nxt + SIM_TCP_WINDOW) {
			tcp_ooo_insert(tp, off, seg->payload, seg->len);
		}
	}
	if (tp->fin_seen && !tp->fin_rcvd && tp->rcv_nxt == tp->fin_off)
		tp->fin_rcvd = 1;
}

static void
tcp_newly_acked(struct sim_tcp *tp, uint64_t now, uint64_t ackoff)
{
	uint64_t data_end = ackoff > tp->snd_end ? tp->snd_end : ackoff;
	size_t i, j;

	sim_buf_consume(&tp->snd, (size_t)(data_end - tp->snd_una));
	tp->snd_una = data_end;
	if (tp->fin_sent && ackoff == tp->snd_end + 1)
		tp->fin_acked = 1;
	if (tp->snd_nxt < tp->snd_una)
		tp->snd_nxt = tp->snd_una;
	for (i = j = 0; i < tp->npush; i++)
		if (tp->push[i] > tp->snd_una)
			tp->push[j++] = tp->push[i];
	tp->npush = j;
	tp->backoff = 0;
	tp->dupacks = 0;
	tp->rto = SIM_TCP_RTO_INIT;
	tp->rto_at = 0;
	if (tp->snd_nxt > tp->snd_una || (tp->fin_sent && !tp->fin_acked))
		tp->rto_at = now + tp->rto;
}

static void
tcp_input_ack(struct sim_tcp *tp, uint64_t now, const struct sim_seg *seg)
{
	int32_t d = (int32_t)(seg->ack - sim_tcp_snd_seq(tp, tp->snd_una));
	uint64_t ackoff, maxoff;

	if (d < 0)
		return;		/* old */
	ackoff = tp->snd_una + (uint64_t)d;
	maxoff = tp->snd_end + (tp->fin_sent ? 1 : 0);
	if (ackoff > maxoff)
		return;		/* acknowledges what was never sent */
	if (ackoff > tp->snd_una || (ackoff == tp->snd_end + 1 &&
	    !tp->fin_acked)) {
		tcp_newly_acked(tp, now, ackoff);
		return;
	}
	if (seg->len != 0 || (seg->flags & SIM_TH_FIN) ||
	    tp->snd_nxt <= tp->snd_una)
		return;
	/* Three duplicate ACKs: resend the first segment, once per hole. */
	if (++tp->dupacks == 3 && tp->fastrexmt_at != tp->snd_una + 1) {
		tp->fastrexmt_at = tp->snd_una + 1;
		tp->rexmits++;
		(void)sim_tcp_send_data(tp, now, tp->snd_una, tp->snd_nxt, 0);
	}
}

static int
tcp_input_syn_states(struct sim_tcp *tp, uint64_t now,
    const struct sim_seg *seg)
{
	uint8_t f = seg->flags & (SIM_TH_SYN | SIM_TH_ACK);
	int acks_syn = (seg->flags & SIM_TH_ACK) && seg->ack == tp->iss + 1;

	switch (tp->state) {
	case SIM_TCPS_LISTEN:
		if (f != SIM_TH_SYN)
			return (0);
		tp->irs = seg->seq;
		tp->state = SIM_TCPS_SYN_RCVD;
		sim_tcp_send_syn(tp, now);
		return (0);
	case SIM_TCPS_SYN_SENT:
		if (!(f & SIM_TH_SYN) || ((f & SIM_TH_ACK) && !acks_syn))
			return (0);
		tp->irs = seg->seq;
		tp->rto_at = 0;
		tp->backoff = 0;
		if (f & SIM_TH_ACK) {
			tp->state = SIM_TCPS_ESTABLISHED;
			tp->need_ack = 1;
		} else {
			/* Simultaneous open: answer with our SYN-ACK. */
			tp->state = SIM_TCPS_SYN_RCVD;
			sim_tcp_send_syn(tp, now);
		}
		return (0);
	case SIM_TCPS_SYN_RCVD:
		if (!acks_syn) {
			if (f == SIM_TH_SYN)
				sim_tcp_send_syn(tp, now);
			return (0);
		}
		tp->state = SIM_TCPS_ESTABLISHED;
		tp->rto_at = 0;
		tp->backoff = 0;
		tp->rto = SIM_TCP_RTO_INIT;
		if (f & SIM_TH_SYN) {
			tp->need_ack = 1;	/* crossing SYN-ACKs */
			return (0);
		}
		return (1);
	default:
		return (1);
	}
}

void
sim_tcp_input(struct sim_tcp *tp, uint64_t now, const struct sim_seg *seg)
{
	enum sim_tcp_state prev;

	tp->segs_in++;
	if (tp->state == SIM_TCPS_CLOSED) {
		/* RFC 9293 3.10.7.1: answer anything but a RST with one. */
		if (!(seg->flags & SIM_TH_RST) && tp->aborted)
			sim_tcp_send_seg(tp, now, SIM_TH_RST, seg->ack, NULL,
			    0);
		return;
	}
	if (seg->flags & SIM_TH_RST) {
		if (tp->state != SIM_TCPS_LISTEN) {
			tp->reset = 1;
			tp->reset_state = tp->state;
			tp->state = SIM_TCPS_CLOSED;
			tp->rto_at = 0;
		}
		return;
	}
	prev = tp->state;
	if (tp->hooks->opts_in != NULL)
		tp->hooks->opts_in(tp->hctx, tp, seg);
	if (tp->state == SIM_TCPS_CLOSED) {
		/*
		 * The upper layer aborted on these options.  A listener
		 * refuses the SYN with RST (mandatory mode, D8).
		 */
		if (prev == SIM_TCPS_LISTEN && (seg->flags & SIM_TH_SYN)) {
			tp->irs = seg->seq;
			sim_tcp_send_seg(tp, now, SIM_TH_RST | SIM_TH_ACK, 0,
			    NULL, 0);
		}
		return;
	}
	if (!tcp_input_syn_states(tp, now, seg))
		return;
	if (seg->flags & SIM_TH_SYN) {
		tp->need_ack = 1;	/* our ACK of its SYN-ACK was lost */
		return;
	}
	if (!(seg->flags & SIM_TH_ACK))
		return;
	tcp_input_ack(tp, now, seg);
	tcp_input_data(tp, seg);
}
