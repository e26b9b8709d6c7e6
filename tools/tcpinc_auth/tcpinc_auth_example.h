/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * Shared code of the example programs tcpinc-auth-server and
 * tcpinc-auth-client: key and cookie files, the two schemes of
 * draft-ietf-tcpinc-api section 5 behind one call, and the printout.
 */

#ifndef TCPINC_AUTH_EXAMPLE_H
#define TCPINC_AUTH_EXAMPLE_H

#include "tcpinc_auth.h"

/* Exit codes: 0 authenticated and data exchanged, 2 auth failed. */
#define	EX_AUTH_OK	0
#define	EX_AUTH_SYS	1
#define	EX_AUTH_FAILED	2

struct example_conf {
	uint8_t		cookie[TCPINC_AUTH_COOKIE_MAX];
	size_t		cookie_len;
	uint8_t		sk[TCPINC_AUTH_ED25519_SK_LEN];
	uint8_t		pk[TCPINC_AUTH_ED25519_PK_LEN];
	bool		use_cookie, have_sk, have_pk;
	unsigned int	mark_flags;
	const char	*family;	/* "4", "6" or NULL */
	/* Across a server's connections: a replay is E_REPLAY. */
	struct tcpinc_auth_replay replay;	/* zeroed = initialized */
};

/* Parse one shared option (-c -k -P -m -t -4 -6); false if not ours. */
bool	example_option(struct example_conf *, int ch, const char *arg);
/* A scheme was chosen: exit with a message if not. */
void	example_check_conf(const struct example_conf *, const char *prog);
/* -G prefix: write prefix.key and prefix.pub (hex) and exit. */
void	example_keygen(const char *prefix);

/* Authenticate fd; prints session ID and verdict.  fd is closed on error. */
enum tcpinc_auth_error	example_authenticate(struct example_conf *,
	    int fd, const char *who);
void	example_wipe(struct example_conf *);

#endif /* !TCPINC_AUTH_EXAMPLE_H */
