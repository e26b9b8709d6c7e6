/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * tcpinc_auth internals shared by the library's source files; not
 * installed, not for applications.
 */

#ifndef TCPINC_AUTH_IMPL_H
#define TCPINC_AUTH_IMPL_H

#include "tcpinc_auth.h"

/* Largest prefix | name input to the MAC or signature. */
#define	TCPINC_AUTH_TBS_MAX	(64 + TCP_ENO_MAX_NAME)

enum tcpinc_auth_error	tcpinc_auth_fail(struct tcpinc_auth_detail *,
	    enum tcpinc_auth_error, int sys_errno, int option);

/* Names sanity for sessions filled in by a sans-I/O caller. */
enum tcpinc_auth_error	tcpinc_auth_session_check(
	    const struct tcpinc_auth_session *);

/* prefix | name into tbs; *lenp gets the length. */
enum tcpinc_auth_error	tcpinc_auth_tbs(const char *prefix,
	    const uint8_t *name, size_t name_len, uint8_t *tbs, size_t cap,
	    size_t *lenp);

enum tcpinc_auth_error	tcpinc_auth_msg_build(int kind,
	    const struct tcpinc_auth_session *, const uint8_t *auth,
	    size_t auth_len, uint8_t *msg, size_t cap, size_t *lenp);

/*
 * The peer's message names the session it was made for: ours (OK), our
 * own side (reflection), or another session (replay or relay; a replay
 * memory, tcpinc_auth_replay_classify(), tells which).
 */
enum tcpinc_auth_error	tcpinc_auth_msg_check_name(
	    const struct tcpinc_auth_session *, const struct tcpinc_auth_msg *);

/* Ends a failed run: cache flush if tampering, then the transport's abort. */
enum tcpinc_auth_error	tcpinc_auth_run_fail(
	    const struct tcpinc_auth_transport *, struct tcpinc_auth_result *,
	    enum tcpinc_auth_error);

#endif /* !TCPINC_AUTH_IMPL_H */
