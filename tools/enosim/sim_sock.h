/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: the per-host socket layer.  It plays the part the kernel glue
 * plays on FreeBSD (tcp_eno.c, tcpcrypt.c): socket options go through the
 * ENO-OPTS engine's get/set rules (API.md), the TCP-ENO engine sees every
 * SYN, SYN-ACK and non-SYN segment and supplies every ENO option, and once
 * a tcpcrypt TEP is negotiated the tcpcrypt engine transforms both byte
 * streams.  The simulator decides nothing about the protocol itself: it
 * carries bytes between the engines and TCP and reports what they say.
 */
#ifndef SIM_SOCK_H
#define SIM_SOCK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim_app.h"
#include "sim_tcp.h"

#include "tcp_eno_engine.h"
#include "tcp_eno_sockopt.h"
#include "tcpcrypt_engine.h"

/* What a host is configured with (its sysctls and its application). */
struct sim_hostcfg {
	int		 no_eno;	/* a host without TCP-ENO at all */
	int		 teps_set;
	uint8_t		 teps[TCP_ENO_MAX_TEPS];
	size_t		 teps_len;
	int		 gopt;		/* TCP_ENO_SELF_GOPT, -1: default */
	int		 aa_mandatory;
	int		 tep_mandatory;
	uint8_t		 aconf[TCP_CRYPT_MAX_CONF];
	size_t		 aconf_len;
	uint8_t		 bconf[TCP_CRYPT_MAX_CONF];
	size_t		 bconf_len;
	uint8_t		 raw[TCP_ENO_MAX_RAW];
	size_t		 raw_len;
	uint64_t	 rekey_frames;	/* 0: engine default (D9) */
	int		 bare_fin;	/* TCP FIN without the engine's FINp */
};

/* One simulated host: lives across the connections of a run. */
struct sim_host {
	int			 idx;		/* 0 = h1, 1 = h2 */
	uint32_t		 ip;
	struct sim_hostcfg	 cfg;
	struct tcp_eno_sysconf	 sys;
	struct tcpcrypt_cache	*cache;		/* shared by its connections */
	struct sim_prng		 rng;		/* engines' randomness */
	FILE			*rng_dump;	/* --rng-dump, or NULL */
};

/* The application's view of a connection's end, as the JSON reports it. */
struct sim_result {
	int		enabled;
	int		role;		/* -1: null */
	int		negtep;		/* -1: null */
	uint8_t		sessid[TCP_ENO_MAX_SESSID];
	size_t		sessid_len;	/* 0: null */
	uint8_t		self_name[TCP_ENO_MAX_NAME];
	size_t		self_name_len;
	uint8_t		peer_name[TCP_ENO_MAX_NAME];
	size_t		peer_name_len;
	int		crypt_conf;	/* -1: null */
	uint8_t		transcript[TCP_ENO_MAX_TRANSCRIPT];
	size_t		transcript_len;	/* 0: null */
	int		resumed;
	const char	*error;		/* NULL or an errno name */
	const char	*reason;	/* engine reason: error, fallback */
	uint64_t	bytes_sent;
	uint64_t	bytes_received;
	int		data_ok;
	int		eof;		/* application saw end-of-file */
	uint64_t	local_gen, remote_gen;
};

enum sim_mode {
	SIM_MODE_NEGOTIATING,	/* handshake running */
	SIM_MODE_PLAIN,		/* ENO disabled: plain TCP */
	SIM_MODE_CRYPT,		/* tcpcrypt transforms the stream */
	SIM_MODE_RAW,		/* TCP_ENO_RAW: negotiated, no encryption */
	SIM_MODE_ABORTED,
};

struct sim_sock;

/*
 * An application on a host, stepped by the run driver (for AUTH's
 * tcpinc_auth tests and the like).  setup runs before connect / listen and
 * may set socket options; step runs on every step of the connection and
 * returns 1 while busy, 0 when done (the default stream application then
 * takes over), -1 after aborting the connection.
 */
struct sim_app_hook {
	void	*ctx;
	void	(*setup)(void *ctx, struct sim_sock *so);
	int	(*step)(void *ctx, struct sim_sock *so, uint64_t now);
};

struct sim_sock {
	struct sim_host		*host;
	void			*run;
	struct sim_tcp		 tcp;
	uint32_t		 peer_ip;
	uint16_t		 lport, rport;
	enum sim_mode		 mode;
	int			 passive;
	int			 flush_after;	/* CACHE_FLUSH when connected */
	int			 flushed;
	/* ENO. */
	struct tcp_eno_sockconf	 conf;
	enum tcp_eno_sockstate	 sockstate;
	struct tcp_eno_conn	 eno;
	struct tcp_eno_negview	 nv;
	/* tcpcrypt. */
	struct tcpcrypt_conn	*tc;
	int			 fin_given;	/* handle_fin called */
	/* Application side of the socket. */
	struct sim_buf		 rcvq;		/* delivered, not yet read */
	int			 shut_req;	/* shutdown(SHUT_WR) asked */
	int			 shut_done;	/* ... and handed down */
	int			 eof_in;	/* end-of-file after rcvq */
	const struct sim_app_hook *hook;
	int			 hook_state;	/* 1 busy, 0 done, -1 aborted */
	/* The default application: write out, read and check in. */
	struct sim_stream	*out;
	struct sim_stream	*in;
	int			 eof;		/* stream app saw end-of-file */
	const char		*error;
	const char		*reason;
	uint64_t		 now;
	struct sim_result	 snap;		/* options as last read */
	int			 snapped;
};

int	sim_host_init(struct sim_host *h, int idx,
	    const struct sim_hostcfg *cfg, uint64_t seed);
void	sim_host_free(struct sim_host *h);

/*
 * A connection's socket: passive (listen) or active (connect); run is the
 * driver's context; flush_before sets TCP_CRYPT_CACHE_FLUSH before the SYN.
 * The host's command-line options are applied with setsockopt rules here;
 * more may be set (sim_sock_setopt) until sim_sock_start.
 */
int	sim_sock_open(struct sim_sock *so, struct sim_host *h,
	    uint32_t peer_ip, uint16_t lport, uint16_t rport, int passive,
	    const struct sim_tcp_hooks *hooks, void *hctx, size_t mss,
	    size_t mss_min, uint64_t seed, void *run, int flush_before);
/* connect(2) or listen(2): the engines start here.  0, or -1. */
int	sim_sock_start(struct sim_sock *so, uint64_t now);
/* Move bytes between application, engines and TCP until nothing moves. */
void	sim_sock_step(struct sim_sock *so, uint64_t now);
int	sim_sock_done(const struct sim_sock *so);
void	sim_sock_result(struct sim_sock *so, struct sim_result *r);
/* Read the reported options now (getsockopt), e.g. once keys exist. */
void	sim_sock_snapshot(struct sim_sock *so);
void	sim_sock_close(struct sim_sock *so);

/*
 * The application's calls.  getopt/setopt: IPPROTO_TCP level TCP_ENO_* and
 * TCP_CRYPT_* through the ENO-OPTS rules; 0 or a positive errno (Linux has
 * no EINTEGRITY: that class maps to EBADMSG here).  app_write accepts what
 * the socket can take now (0 while negotiating or after shutdown);
 * app_read returns 0 when nothing is there yet (see sim_sock_app_eof and
 * so->mode == SIM_MODE_ABORTED).
 */
int	sim_sock_getopt(struct sim_sock *so, int name, void *buf, size_t *lenp);
int	sim_sock_setopt(struct sim_sock *so, int name, const void *buf,
	    size_t len);
size_t	sim_sock_app_write(struct sim_sock *so, const uint8_t *buf, size_t len);
size_t	sim_sock_app_read(struct sim_sock *so, uint8_t *buf, size_t cap);
void	sim_sock_app_shutdown(struct sim_sock *so);
int	sim_sock_app_eof(const struct sim_sock *so);
/* Abort with RST (the application's or an engine's decision). */
void	sim_sock_abort(struct sim_sock *so, const char *err,
	    const char *reason);

/* TCP hooks (TCP-ENO of RFC 8547 4.6), in sim_sock_eno.c. */
size_t	sim_sock_opts_out(void *ctx, const struct sim_tcp *tp, uint8_t flags,
	    uint8_t *opts, size_t cap);
void	sim_sock_opts_in(void *ctx, const struct sim_tcp *tp,
	    const struct sim_seg *seg);

#endif /* SIM_SOCK_H */
