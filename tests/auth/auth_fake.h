/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * A fake tcpinc_auth transport for host tests: two TCP-ENO endpoints in one
 * process, joined by two byte pipes.  It models what the library relies on
 * from draft-ietf-tcpinc-api section 2.1 and API.md section 2: RW options
 * settable until "connect", EISCONN after; R options EINVAL when ENO is
 * disabled, ENOTCONN while negotiating; SELF_NAME = role | session ID and
 * PEER_NAME its mirror; PEER_GOPT = the other end's SELF_GOPT (with the
 * passive-role bit forced on B); TCP_ENO_AA_MANDATORY disabling ENO when
 * the peer lacks the application-aware bit.
 *
 * A man in the middle is two ENO sessions (different session IDs) whose
 * byte streams are spliced together, as a relay would forward them.
 */

#ifndef AUTH_FAKE_H
#define AUTH_FAKE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpinc_auth.h"

#define	FAKE_PIPE_CAP	4096
#define	FAKE_SESSID_LEN	33	/* tcpcrypt's */

struct fake_pipe {
	pthread_mutex_t	mtx;
	pthread_cond_t	cv;
	uint8_t		buf[FAKE_PIPE_CAP];
	size_t		len;		/* bytes written in all */
	size_t		off;		/* bytes read in all */
	bool		reset;		/* writer aborted */
	bool		eof;		/* writer shut down (FIN) */
	/* Called on each send's bytes before they are queued (a relay). */
	void		(*tamper)(uint8_t *, size_t, void *);
	void		*tamper_arg;
};

enum fake_state {
	FAKE_ENCRYPTING,
	FAKE_DISABLED,		/* R options: EINVAL */
	FAKE_NO_ENO		/* every TCP_ENO_* option: ENOPROTOOPT */
};

struct fake_end {
	struct tcpinc_auth_transport t;
	enum fake_state	state;
	bool		connected;
	int		role;
	uint8_t		sessid[TCP_ENO_MAX_SESSID];
	size_t		sessid_len;
	int		self_gopt, peer_gopt;
	int		enabled, aa_mandatory, tep_mandatory;
	unsigned int	notconn_reads;	/* first R reads: ENOTCONN */
	unsigned int	max_wait;	/* wait() retries allowed */
	unsigned int	wait_calls;
	int		fail_opt;	/* this option's read fails... */
	int		fail_errno;	/* ...with this errno */
	int		flip_peer_role;	/* PEER_NAME with own role */
	struct fake_pipe *rx, *tx;
	bool		nonblock;	/* recv: EAGAIN, no wait */
	bool		aborted;
	int		cache_flushed;
};

struct fake_pair {
	struct fake_end		a, b;	/* a: active, host A */
	struct fake_pipe	ab, ba;
};

void	fake_pair_init(struct fake_pair *, uint8_t seed);
/* Make b's ENO session a different one: a relay between a and b. */
void	fake_pair_mitm(struct fake_pair *, uint8_t seed_b);
/* The SYN exchange: swap gopts, apply AA_MANDATORY, lock RW options. */
void	fake_pair_connect(struct fake_pair *);
void	fake_pair_destroy(struct fake_pair *);

/* Queue bytes as if the peer had sent them (a replaying attacker). */
void	fake_pipe_inject(struct fake_pipe *, const uint8_t *, size_t);
size_t	fake_pipe_written(struct fake_pipe *);
void	fake_pipe_copy(struct fake_pipe *, uint8_t *, size_t cap,
	    size_t *lenp);

/* Both ends' runs, each in its own thread, like two processes. */
struct fake_job {
	struct fake_end			*end;
	bool				use_sig;
	const uint8_t			*cookie;
	size_t				cookie_len;
	struct tcpinc_auth_sigconf	sig;
	struct tcpinc_auth_replay	*replay;	/* optional */
	struct tcpinc_auth_result	result;
	enum tcpinc_auth_error		error;
};
void	fake_run_pair(struct fake_job *, struct fake_job *);
void	fake_run_one(struct fake_job *);

#endif /* !AUTH_FAKE_H */
