/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: a minimal TCP (RFC 9293) for one connection: three-way handshake
 * and simultaneous open (3.5), sequence numbers and cumulative ACKs,
 * reassembly of out-of-order segments, retransmission on timeout (go back
 * to snd_una, exponential backoff) and on three duplicate ACKs, FIN in each
 * direction, RST.  No congestion control and a fixed window: the channel is
 * simulated and only correctness of the byte streams matters.  Each
 * transmission cuts segments afresh (random sizes between --mss-min and
 * --mss), so retransmissions resegment the same bytes, as RFC 9293 allows.
 *
 * TCP options are the upper layer's: hooks produce them for each segment
 * sent and see those of each segment received, which is where TCP-ENO
 * (RFC 8547 4.6) plugs in.
 */
#ifndef SIM_TCP_H
#define SIM_TCP_H

#include <stddef.h>
#include <stdint.h>

#include "sim_buf.h"
#include "sim_prng.h"
#include "sim_wire.h"

enum sim_tcp_state {
	SIM_TCPS_CLOSED = 0,
	SIM_TCPS_LISTEN,
	SIM_TCPS_SYN_SENT,
	SIM_TCPS_SYN_RCVD,
	SIM_TCPS_ESTABLISHED,
};

struct sim_tcp;
struct sim_tcp_chunk;

struct sim_tcp_hooks {
	/* Options for a segment about to be sent; returns their length. */
	size_t	(*opts_out)(void *ctx, const struct sim_tcp *tp, uint8_t flags,
		    uint8_t *opts, size_t cap);
	/* A received segment's options, before its flags and data are used. */
	void	(*opts_in)(void *ctx, const struct sim_tcp *tp,
		    const struct sim_seg *seg);
	/* Put an encoded segment on the wire. */
	void	(*xmit)(void *ctx, uint64_t now, const struct sim_seg *seg);
};

struct sim_tcp {
	enum sim_tcp_state	 state;
	int			 active;	/* opened with connect */
	uint32_t		 lip, rip;
	uint16_t		 lport, rport;
	uint32_t		 iss, irs;
	/* Send side, in stream offsets (byte 0 = sequence number iss + 1). */
	struct sim_buf		 snd;		/* bytes from snd_una on */
	uint64_t		 snd_una;
	uint64_t		 snd_nxt;
	uint64_t		 snd_end;	/* past the last byte written */
	uint64_t		*push;		/* PSH marks (end offsets) */
	size_t			 npush, cpush;
	int			 fin_queued;	/* shutdown: FIN at snd_end */
	int			 fin_sent;
	int			 fin_acked;
	int			 dupacks;
	uint64_t		 fastrexmt_at;	/* snd_una of the last one */
	/* Receive side. */
	struct sim_buf		 rcv;		/* in order, not yet read */
	uint64_t		 rcv_nxt;	/* stream offset */
	struct sim_tcp_chunk	*ooo;		/* out of order, sorted */
	struct sim_tcp_chunk	*ooo_tail;
	int			 fin_rcvd;	/* FIN in sequence */
	uint64_t		 fin_off;	/* where the peer's FIN sits */
	int			 fin_seen;
	int			 need_ack;
	/* Ends. */
	int			 reset;		/* RST received */
	enum sim_tcp_state	 reset_state;	/* state it arrived in */
	int			 aborted;	/* we sent RST */
	int			 timedout;
	/* Timer. */
	uint64_t		 rto_at;	/* 0 = not running */
	uint64_t		 rto;
	int			 backoff;
	/* Segmentation. */
	size_t			 mss, mss_min;
	struct sim_prng		 prng;
	const struct sim_tcp_hooks *hooks;
	void			*hctx;
	/* Counters. */
	uint64_t		 segs_out, segs_in, rexmits, bytes_out;
};

void	sim_tcp_init(struct sim_tcp *tp, uint32_t lip, uint16_t lport,
	    uint32_t rip, uint16_t rport, uint32_t iss, size_t mss,
	    size_t mss_min, uint64_t seed, const struct sim_tcp_hooks *hooks,
	    void *hctx);
void	sim_tcp_free(struct sim_tcp *tp);
void	sim_tcp_listen(struct sim_tcp *tp);
void	sim_tcp_connect(struct sim_tcp *tp, uint64_t now);
/* Accept up to len bytes into the send buffer; returns how many. */
size_t	sim_tcp_write(struct sim_tcp *tp, const uint8_t *buf, size_t len);
size_t	sim_tcp_send_space(const struct sim_tcp *tp);
/* Set PSH on the segment holding the last byte written so far. */
void	sim_tcp_push(struct sim_tcp *tp);
void	sim_tcp_shutdown(struct sim_tcp *tp);
void	sim_tcp_abort(struct sim_tcp *tp, uint64_t now);
/* In-order received bytes not yet read. */
size_t	sim_tcp_readable(const struct sim_tcp *tp);
const uint8_t *sim_tcp_peek(const struct sim_tcp *tp);
void	sim_tcp_consume(struct sim_tcp *tp, size_t len);
/* The peer's FIN is in sequence and every byte before it was read. */
int	sim_tcp_eof(const struct sim_tcp *tp);
/* Both FINs exchanged and acknowledged, or the connection ended. */
int	sim_tcp_done(const struct sim_tcp *tp);
int	sim_tcp_synchronized(const struct sim_tcp *tp);
void	sim_tcp_input(struct sim_tcp *tp, uint64_t now,
	    const struct sim_seg *seg);
void	sim_tcp_output(struct sim_tcp *tp, uint64_t now);
/* Earliest timer, SIM_NO_TIME if none; sim_tcp_timer fires due ones. */
uint64_t sim_tcp_next_timer(const struct sim_tcp *tp);
void	sim_tcp_timer(struct sim_tcp *tp, uint64_t now);

#endif /* SIM_TCP_H */
