/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: socket options.  Every value the JSON reports about a
 * connection is read the way an application reads it, with getsockopt
 * through the ENO-OPTS rules (tcp_eno_sockopt_get, API.md 2-3): a failed
 * read is a JSON null, never a made-up value (draft section 6: no empty or
 * zero session ID on failure).  The negotiated view handed to those rules
 * is filled from the engines' outputs, as the kernel glue does.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim_sock.h"
#include "sim_sock_var.h"

int
sim_sock_setopt_int(struct sim_sock *so, int name, int v)
{
	enum tcp_eno_reason r;

	r = tcp_eno_sockopt_set(&so->conf, so->sockstate, name, &v, sizeof(v));
	if (r == TCP_ENO_R_NONE)
		return (0);
	fprintf(stderr, "enosim: h%d: setsockopt(%s, %d): %s (%s)\n",
	    so->host->idx + 1, tcp_eno_sockopt_name(name), v,
	    tcp_eno_errclass_errno_name(tcp_eno_reason_errclass(r)),
	    tcp_eno_reason_name(r));
	return (-1);
}

int
sim_sock_setopt_bytes(struct sim_sock *so, int name, const uint8_t *v,
    size_t len)
{
	enum tcp_eno_reason r;

	r = tcp_eno_sockopt_set(&so->conf, so->sockstate, name, v, len);
	if (r == TCP_ENO_R_NONE)
		return (0);
	fprintf(stderr, "enosim: h%d: setsockopt(%s, %zu bytes): %s (%s)\n",
	    so->host->idx + 1, tcp_eno_sockopt_name(name), len,
	    tcp_eno_errclass_errno_name(tcp_eno_reason_errclass(r)),
	    tcp_eno_reason_name(r));
	return (-1);
}

/* The negotiated view, as the kernel glue would fill it. */
static void
opt_fill_view(struct sim_sock *so)
{
	struct tcp_eno_negview *nv = &so->nv;
	struct tcp_eno_status st;
	size_t len = 0;

	memset(nv, 0, sizeof(*nv));
	tcp_eno_conn_status(&so->eno, &st);
	nv->negtep = st.est_negtep;
	nv->role = (uint8_t)st.est_role;
	nv->peer_gopt = st.est_peer_gopt;
	if (tcp_eno_conn_transcript(&so->eno, nv->transcript,
	    sizeof(nv->transcript), &len) == TCP_ENO_R_NONE)
		nv->transcript_len = (uint8_t)len;
	if (so->tc != NULL && tcpcrypt_encrypting(so->tc)) {
		len = 0;
		if (tcpcrypt_session_id(so->tc, nv->sessid,
		    sizeof(nv->sessid), &len) == TCPCRYPT_R_NONE)
			nv->sessid_len = (uint8_t)len;
		nv->crypt_conf = tcpcrypt_aead(so->tc);
	}
}

static int
opt_get(struct sim_sock *so, int name, void *buf, size_t *len)
{

	return (tcp_eno_sockopt_get(&so->conf, &so->nv, so->sockstate, name,
	    buf, len) == TCP_ENO_R_NONE ? 0 : -1);
}

static int
opt_get_int(struct sim_sock *so, int name, int *v)
{
	size_t len = sizeof(*v);

	return (opt_get(so, name, v, &len) == 0 && len == sizeof(*v) ? 0 :
	    -1);
}

/* Read every reported option now (the application does, once keyed). */
void
sim_sock_snapshot(struct sim_sock *so)
{
	struct sim_result *r = &so->snap;
	size_t len;
	int v;

	if (so->host->cfg.no_eno)
		return;
	opt_fill_view(so);
	r->role = opt_get_int(so, TCP_ENO_ROLE, &v) == 0 ? v : -1;
	r->negtep = opt_get_int(so, TCP_ENO_NEGTEP, &v) == 0 ? v : -1;
	r->crypt_conf = opt_get_int(so, TCP_CRYPT_CONF, &v) == 0 ? v : -1;
	len = sizeof(r->sessid);
	r->sessid_len = opt_get(so, TCP_ENO_SESSID, r->sessid, &len) == 0 ?
	    len : 0;
	len = sizeof(r->self_name);
	r->self_name_len = opt_get(so, TCP_ENO_SELF_NAME, r->self_name,
	    &len) == 0 ? len : 0;
	len = sizeof(r->peer_name);
	r->peer_name_len = opt_get(so, TCP_ENO_PEER_NAME, r->peer_name,
	    &len) == 0 ? len : 0;
	len = sizeof(r->transcript);
	r->transcript_len = opt_get(so, TCP_ENO_TRANSCRIPT, r->transcript,
	    &len) == 0 ? len : 0;
	r->enabled = so->sockstate == TCP_ENO_SS_ENCRYPTING;
	if (so->tc != NULL) {
		r->resumed = tcpcrypt_resumed(so->tc);
		tcpcrypt_generations(so->tc, &r->local_gen, &r->remote_gen);
	}
	so->snapped = 1;
}

void
sim_sock_result(struct sim_sock *so, struct sim_result *r)
{

	/* Still valid at the end: read again (generations have moved). */
	if (so->mode == SIM_MODE_CRYPT || so->mode == SIM_MODE_RAW ||
	    (!so->snapped && so->mode != SIM_MODE_ABORTED))
		sim_sock_snapshot(so);
	if (!so->snapped) {
		memset(&so->snap, 0, sizeof(so->snap));
		so->snap.role = so->snap.negtep = so->snap.crypt_conf = -1;
	}
	*r = so->snap;
	if (so->mode == SIM_MODE_PLAIN)
		r->enabled = 0;
	r->error = so->error;
	r->reason = so->reason;
	r->bytes_sent = so->out->written;
	r->bytes_received = so->in->received;
	r->data_ok = sim_stream_ok(so->in) && so->error == NULL;
	r->eof = so->eof;
}

/* The errno an application sees for a class (EINTEGRITY: see sim_sock.h). */
static int
opt_errno(enum tcp_eno_reason r)
{

	switch (tcp_eno_reason_errclass(r)) {
	case TCP_ENO_EC_NONE:
		return (0);
	case TCP_ENO_EC_ISCONN:
		return (EISCONN);
	case TCP_ENO_EC_NOTCONN:
		return (ENOTCONN);
	case TCP_ENO_EC_INTEGRITY:
		return (EBADMSG);
	case TCP_ENO_EC_PROTOCOL:
		return (EPROTO);
	case TCP_ENO_EC_ABORTED:
		return (ECONNABORTED);
	case TCP_ENO_EC_REFUSED:
		return (ECONNREFUSED);
	default:
		return (EINVAL);
	}
}

int
sim_sock_getopt(struct sim_sock *so, int name, void *buf, size_t *lenp)
{

	if (so->host->cfg.no_eno)
		return (ENOPROTOOPT);	/* a stack without TCP-ENO */
	if (so->mode == SIM_MODE_ABORTED)
		return (EINVAL);	/* API.md 2: no longer valid */
	opt_fill_view(so);
	return (opt_errno(tcp_eno_sockopt_get(&so->conf, &so->nv,
	    so->sockstate, name, buf, lenp)));
}

int
sim_sock_setopt(struct sim_sock *so, int name, const void *buf, size_t len)
{
	enum tcp_eno_reason r;
	int on;

	if (so->host->cfg.no_eno)
		return (ENOPROTOOPT);
	if (so->mode == SIM_MODE_ABORTED)
		return (EINVAL);
	r = tcp_eno_sockopt_set(&so->conf, so->sockstate, name, buf, len);
	if (tcp_eno_reason_action(r) == TCP_ENO_ACT_ABORT_RST) {
		sim_sock_abort(so, tcp_eno_errclass_errno_name(
		    tcp_eno_reason_errclass(r)), tcp_eno_reason_name(r));
		return (opt_errno(r));
	}
	if (r != TCP_ENO_R_NONE)
		return (opt_errno(r));
	/* What the kernel glue does once the rules accepted the value. */
	if (so->sockstate != TCP_ENO_SS_IDLE && name == TCP_ENO_TEP_MANDATORY &&
	    len == sizeof(on)) {
		memcpy(&on, buf, sizeof(on));
		(void)tcp_eno_handle_tep_mandatory(&so->eno, on != 0);
		sim_sock_eno_update(so);
	}
	if (name == TCP_CRYPT_CACHE_FLUSH && so->tc != NULL &&
	    so->sockstate != TCP_ENO_SS_IDLE)
		(void)tcpcrypt_handle_cache_flush(so->tc);
	return (0);
}
