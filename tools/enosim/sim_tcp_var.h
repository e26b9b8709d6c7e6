/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: TCP internals shared by sim_tcp.c and sim_tcp_input.c.
 */
#ifndef SIM_TCP_VAR_H
#define SIM_TCP_VAR_H

#include "sim_tcp.h"

#define	SIM_TCP_WINDOW		65535	/* fixed send and receive window */
#define	SIM_TCP_SNDBUF		(256 * 1024)
#define	SIM_TCP_RTO_INIT	200000	/* usec; RTT is ~10 ms + reorder */
#define	SIM_TCP_RTO_MAX		3000000
#define	SIM_TCP_MAX_BACKOFF	14

/*
 * An out-of-order piece of the peer's stream.  Touching or overlapping
 * pieces are merged, so the list holds one piece per hole.
 */
struct sim_tcp_chunk {
	struct sim_tcp_chunk	*next;
	uint64_t		 off;
	struct sim_buf		 data;
};

static inline uint32_t
sim_tcp_snd_seq(const struct sim_tcp *tp, uint64_t off)
{

	return (tp->iss + 1 + (uint32_t)off);
}

void	 sim_tcp_send_seg(struct sim_tcp *tp, uint64_t now, uint8_t flags,
	    uint32_t seq, const uint8_t *data, size_t len);
void	 sim_tcp_send_syn(struct sim_tcp *tp, uint64_t now);
size_t	 sim_tcp_send_data(struct sim_tcp *tp, uint64_t now, uint64_t off,
	    uint64_t limit, int may_fin);
uint32_t sim_tcp_rcv_ack(const struct sim_tcp *tp);

#endif /* SIM_TCP_VAR_H */
