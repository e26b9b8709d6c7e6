/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: one simulation run: two hosts, --connections connections in
 * sequence between them (sharing each host's session cache, so later ones
 * resume, RFC 8548 3.5), each driven in virtual time until both ends are
 * done, have aborted, or nothing is left to happen.
 */
#ifndef SIM_RUN_H
#define SIM_RUN_H

#include <stdint.h>
#include <stdio.h>

#include "sim_mbox.h"
#include "sim_sock.h"

#define	SIM_MAX_CONNS	64

struct sim_opts {
	struct sim_hostcfg	 host[2];
	uint64_t		 bytes;
	size_t			 mss, mss_min;
	double			 loss, reorder;
	uint64_t		 seed;
	int			 simultaneous;
	enum sim_strip		 strip;
	uint64_t		 tamper;
	int			 connections;
	int			 flush_after;	/* connection 1.., 0: none */
	int			 flush_before;
	const char		*pcap;
	int			 text;		/* readable application data */
	FILE			*trace;		/* per-segment log, or NULL */
	int			 trace_max;	/* segments per connection */
	const struct sim_app_hook *app[2];	/* NULL: stream app only */
	FILE			*rng_dump;	/* engines' random draws */
	int			 relay;		/* --relay topology */
	int			 relay_gopt;	/* relay's SELF_GOPT, 0: unset */
};

struct sim_conn_result {
	struct sim_result	 h[2];
	int			 stalled;
	uint64_t		 wire_bytes;
	uint64_t		 segments;
	uint64_t		 lost;
	uint64_t		 retransmits;
	uint64_t		 usec;		/* virtual duration */
	int			 plaintext_seen;
	int			 tampered;
};

/* Runs o->connections connections into res[]; 0, or -1 on setup error. */
int	sim_run(const struct sim_opts *o, struct sim_conn_result *res);
/* Defaults of the command line (1 MiB, MSS 1460, seed 1, one connection). */
void	sim_opts_defaults(struct sim_opts *o);
/*
 * For library users (tests of tools/tcpinc_auth): one connection between
 * the two hosts configured by o, each with its application hook (may be
 * NULL); registers the TEPs on first use.  0, or -1 on setup error.
 */
int	sim_run_pair(const struct sim_opts *o,
	    const struct sim_app_hook *hooks[2], struct sim_conn_result *out);
/*
 * The relay topology (sim_relay.c): h1 <-> relay (10.0.0.3) <-> h2, the
 * relay terminating both connections and forwarding application bytes.
 * out[0] is the leg h1 (h[0]) - relay (h[1]), out[1] relay (h[0]) - h2
 * (h[1]).  hooks run on h1 and h2.  0, or -1 on setup error.
 */
int	sim_run_relay(const struct sim_opts *o,
	    const struct sim_app_hook *hooks[2], struct sim_conn_result out[2]);
/* Register the tcpcrypt TEPs unless done already; 0 or -1. */
int	sim_tcpcrypt_setup_once(void);

#endif /* SIM_RUN_H */
