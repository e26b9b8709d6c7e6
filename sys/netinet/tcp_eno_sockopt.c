/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions
 * are met:
 * 1. Redistributions of source code must retain the above copyright
 *    notice, this list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright
 *    notice, this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 *
 * THIS SOFTWARE IS PROVIDED BY THE AUTHOR AND CONTRIBUTORS ``AS IS'' AND
 * ANY EXPRESS OR IMPLIED WARRANTIES ARE DISCLAIMED.  IN NO EVENT SHALL THE
 * AUTHOR OR CONTRIBUTORS BE LIABLE FOR ANY DAMAGES ARISING IN ANY WAY OUT
 * OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH
 * DAMAGE.
 */

/*
 * Socket option rules for TCP-ENO and tcpcrypt (draft-ietf-tcpinc-api
 * sections 2.1 and 3.1; API.md sections 2 and 3).
 *
 * Checks run in one fixed order so that every call has exactly one answer:
 *  1. shut down / no longer valid: everything fails (draft 2.1, Table 2);
 *  2. unknown name; direction (set of R, get of W);
 *  3. raw mode turns off every option but TCP_ENO_RAW and TCP_ENO_TRANSCRIPT;
 *  4. set: after the SYN (SYN-ACK) every RW option but TEP_MANDATORY is
 *     frozen, because its value is already on the wire; the state check
 *     comes before the value check, as connect(2) on a connected socket
 *     says EISCONN whatever its arguments;
 *     get: a read-only option needs the encrypting state (TRANSCRIPT: a
 *     negotiated TEP), so that no failed or absent negotiation ever reads
 *     as an empty or zero session ID (draft section 6);
 *  5. length and value.
 * A rejected call changes nothing and copies nothing.
 */

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"
#include "tcp_eno_engine.h"
#include "tcp_eno_policy.h"
#include "tcp_eno_sockopt.h"

enum tcp_eno_optmode {
	TCP_ENO_OPT_R,
	TCP_ENO_OPT_RW,
	TCP_ENO_OPT_W
};

enum tcp_eno_opttype {
	TCP_ENO_OPT_INT,
	TCP_ENO_OPT_BYTES
};

struct tcp_eno_optdesc {
	int		 name;
	const char	*str;
	uint8_t		 mode;		/* enum tcp_eno_optmode */
	uint8_t		 type;		/* enum tcp_eno_opttype */
};

/* API.md section 1, Table: name, RW, type. */
static const struct tcp_eno_optdesc tcp_eno_opts[] = {
	{ TCP_ENO_ENABLED, "TCP_ENO_ENABLED", TCP_ENO_OPT_RW, TCP_ENO_OPT_INT },
	{ TCP_ENO_SESSID, "TCP_ENO_SESSID", TCP_ENO_OPT_R, TCP_ENO_OPT_BYTES },
	{ TCP_ENO_NEGTEP, "TCP_ENO_NEGTEP", TCP_ENO_OPT_R, TCP_ENO_OPT_INT },
	{ TCP_ENO_TEPS, "TCP_ENO_TEPS", TCP_ENO_OPT_RW, TCP_ENO_OPT_BYTES },
	{ TCP_ENO_SELF_GOPT, "TCP_ENO_SELF_GOPT", TCP_ENO_OPT_RW,
	    TCP_ENO_OPT_INT },
	{ TCP_ENO_PEER_GOPT, "TCP_ENO_PEER_GOPT", TCP_ENO_OPT_R,
	    TCP_ENO_OPT_INT },
	{ TCP_ENO_AA_MANDATORY, "TCP_ENO_AA_MANDATORY", TCP_ENO_OPT_RW,
	    TCP_ENO_OPT_INT },
	{ TCP_ENO_TEP_MANDATORY, "TCP_ENO_TEP_MANDATORY", TCP_ENO_OPT_RW,
	    TCP_ENO_OPT_INT },
	{ TCP_ENO_ROLE, "TCP_ENO_ROLE", TCP_ENO_OPT_R, TCP_ENO_OPT_INT },
	{ TCP_ENO_SELF_NAME, "TCP_ENO_SELF_NAME", TCP_ENO_OPT_R,
	    TCP_ENO_OPT_BYTES },
	{ TCP_ENO_PEER_NAME, "TCP_ENO_PEER_NAME", TCP_ENO_OPT_R,
	    TCP_ENO_OPT_BYTES },
	{ TCP_ENO_RAW, "TCP_ENO_RAW", TCP_ENO_OPT_RW, TCP_ENO_OPT_BYTES },
	{ TCP_ENO_TRANSCRIPT, "TCP_ENO_TRANSCRIPT", TCP_ENO_OPT_R,
	    TCP_ENO_OPT_BYTES },
	{ TCP_CRYPT_CONF, "TCP_CRYPT_CONF", TCP_ENO_OPT_R, TCP_ENO_OPT_INT },
	{ TCP_CRYPT_CACHE_FLUSH, "TCP_CRYPT_CACHE_FLUSH", TCP_ENO_OPT_W,
	    TCP_ENO_OPT_INT },
	{ TCP_CRYPT_ACONF, "TCP_CRYPT_ACONF", TCP_ENO_OPT_RW,
	    TCP_ENO_OPT_BYTES },
	{ TCP_CRYPT_BCONF, "TCP_CRYPT_BCONF", TCP_ENO_OPT_RW,
	    TCP_ENO_OPT_BYTES },
};

#define	TCP_ENO_NOPTS	nitems(tcp_eno_opts)

static const struct tcp_eno_optdesc *
tcp_eno_optdesc(int name)
{
	size_t i;

	for (i = 0; i < TCP_ENO_NOPTS; i++)
		if (tcp_eno_opts[i].name == name)
			return (&tcp_eno_opts[i]);
	return (NULL);
}

const char *
tcp_eno_sockopt_name(int name)
{
	const struct tcp_eno_optdesc *d;

	d = tcp_eno_optdesc(name);
	return (d != NULL ? d->str : NULL);
}

bool
tcp_eno_sockopt_lookup(const char *s, int *name)
{
	const char *a, *b;
	size_t i;

	for (i = 0; i < TCP_ENO_NOPTS; i++) {
		a = s;
		b = tcp_eno_opts[i].str;
		while (*a != '\0' && *a == *b) {
			a++;
			b++;
		}
		if (*a == *b) {
			*name = tcp_eno_opts[i].name;
			return (true);
		}
	}
	return (false);
}

void
tcp_eno_sockconf_init(struct tcp_eno_sockconf *so,
    const struct tcp_eno_sysconf *sys)
{

	memset(so, 0, sizeof(*so));
	so->impl = tcp_eno_sysconf_impl(sys);
	so->enabled = -1;
	so->teps_len = sys->teps.len;
	memcpy(so->teps, sys->teps.ids, sys->teps.len);
	so->aconf_len = sys->crypt_aconf.len;
	memcpy(so->aconf, sys->crypt_aconf.ids, sys->crypt_aconf.len);
	so->bconf_len = sys->crypt_bconf.len;
	memcpy(so->bconf, sys->crypt_bconf.ids, sys->crypt_bconf.len);
}

void
tcp_eno_sockconf_listen(struct tcp_eno_sockconf *so)
{

	so->passive = 1;
}

/*
 * The child of accept(2) takes every setting of its listener, including a
 * CACHE_FLUSH made there before any SYN (the listener asked that its
 * connections neither resume nor fill the cache); a flush request made on
 * an established socket belongs to that socket alone.
 */
void
tcp_eno_sockconf_inherit(struct tcp_eno_sockconf *child,
    const struct tcp_eno_sockconf *listener)
{

	memcpy(child, listener, sizeof(*child));
	child->passive = 1;
	child->cache_flush = 0;
}

/* Draft 2.1: the passive-role bit is forced on a socket that listens. */
uint8_t
tcp_eno_sockconf_gopt(const struct tcp_eno_sockconf *so)
{

	return ((uint8_t)(so->self_gopt |
	    (so->passive ? TCP_ENO_GOPT_BIT_B : 0)));
}

bool
tcp_eno_sockconf_raw(const struct tcp_eno_sockconf *so)
{

	return (so->raw_len != 0);
}

size_t
tcp_eno_sockconf_teps(const struct tcp_eno_sockconf *so,
    uint8_t out[TCP_ENO_MAX_TEPS])
{
	size_t i;

	for (i = 0; i < so->teps_len; i++)
		out[i] = TCP_ENO_TEP_ID(so->teps[i]);
	return (so->teps_len);
}

bool
tcp_eno_sockconf_off(const struct tcp_eno_sockconf *so)
{

	if (tcp_eno_sockconf_raw(so))
		return (false);
	return (so->enabled == 0 || so->teps_len == 0);
}

static enum tcp_eno_reason
tcp_eno_check_int(int name, int v)
{
	int lo, hi;

	switch (name) {
	case TCP_ENO_ENABLED:
		lo = -1;
		hi = 1;
		break;
	case TCP_ENO_SELF_GOPT:
		lo = 0;
		hi = TCP_ENO_GOPT_MASK;
		break;
	case TCP_CRYPT_CACHE_FLUSH:
		lo = 1;
		hi = 1;
		break;
	default:			/* AA_MANDATORY, TEP_MANDATORY */
		lo = 0;
		hi = 1;
		break;
	}
	return (v < lo || v > hi ? TCP_ENO_R_SOCKOPT_BAD_INT : TCP_ENO_R_NONE);
}

static enum tcp_eno_reason
tcp_eno_set_int(struct tcp_eno_sockconf *so, enum tcp_eno_sockstate st,
    int name, int v)
{
	enum tcp_eno_reason r;

	r = tcp_eno_check_int(name, v);
	if (r != TCP_ENO_R_NONE)
		return (r);
	switch (name) {
	case TCP_ENO_ENABLED:
		so->enabled = (int8_t)v;
		break;
	case TCP_ENO_SELF_GOPT:
		so->self_gopt = (uint8_t)v;
		break;
	case TCP_ENO_AA_MANDATORY:
		so->aa_mandatory = (uint8_t)v;
		break;
	case TCP_ENO_TEP_MANDATORY:
		/*
		 * Draft 2.1: on an established connection that is not
		 * encrypted this aborts at once; the value is not kept
		 * since the call fails (API.md: ECONNABORTED).
		 */
		if (v == 1 && st == TCP_ENO_SS_DISABLED)
			return (TCP_ENO_R_SOCKOPT_MANDATORY_ABORT);
		so->tep_mandatory = (uint8_t)v;
		break;
	case TCP_CRYPT_CACHE_FLUSH:
		/* RFC 8548 3.5: before the SYN, both cache policies at once. */
		if (st == TCP_ENO_SS_IDLE)
			so->cache_nouse = 1;
		else
			so->cache_flush = 1;
		break;
	}
	return (TCP_ENO_R_NONE);
}

static enum tcp_eno_reason
tcp_eno_set_bytes(struct tcp_eno_sockconf *so, int name, const uint8_t *val,
    size_t len)
{
	enum tcp_eno_reason r;
	uint8_t *dst, *dstlen;

	switch (name) {
	case TCP_ENO_TEPS:
		r = tcp_eno_check_teps(so->impl, val, len);
		dst = so->teps;
		dstlen = &so->teps_len;
		break;
	case TCP_ENO_RAW:
		/* No sanity checks on raw contents (draft 2.1). */
		r = len > TCP_ENO_MAX_RAW ? TCP_ENO_R_SOCKOPT_TOO_LONG :
		    TCP_ENO_R_NONE;
		dst = so->raw;
		dstlen = &so->raw_len;
		break;
	case TCP_CRYPT_ACONF:
		r = tcp_eno_check_aeads(so->impl, val, len);
		dst = so->aconf;
		dstlen = &so->aconf_len;
		break;
	default:			/* TCP_CRYPT_BCONF */
		r = tcp_eno_check_aeads(so->impl, val, len);
		dst = so->bconf;
		dstlen = &so->bconf_len;
		break;
	}
	if (r != TCP_ENO_R_NONE)
		return (r);
	if (len > 0)
		memcpy(dst, val, len);
	*dstlen = (uint8_t)len;
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_sockopt_set(struct tcp_eno_sockconf *so, enum tcp_eno_sockstate st,
    int name, const void *val, size_t len)
{
	const struct tcp_eno_optdesc *d;
	int v;

	if (st == TCP_ENO_SS_SHUTDOWN)
		return (TCP_ENO_R_SOCKOPT_SHUTDOWN);
	d = tcp_eno_optdesc(name);
	if (d == NULL)
		return (TCP_ENO_R_SOCKOPT_UNKNOWN);
	if (d->mode == TCP_ENO_OPT_R)
		return (TCP_ENO_R_SOCKOPT_READ_ONLY);
	if (tcp_eno_sockconf_raw(so) && name != TCP_ENO_RAW)
		return (TCP_ENO_R_SOCKOPT_RAW_MODE);
	if (d->mode == TCP_ENO_OPT_RW && st != TCP_ENO_SS_IDLE &&
	    name != TCP_ENO_TEP_MANDATORY)
		return (TCP_ENO_R_SOCKOPT_AFTER_SYN);
	if (val == NULL && len != 0)
		return (TCP_ENO_R_SOCKOPT_BAD_LEN);
	if (d->type == TCP_ENO_OPT_BYTES)
		return (tcp_eno_set_bytes(so, name, val, len));
	if (len != sizeof(int))
		return (TCP_ENO_R_SOCKOPT_BAD_LEN);
	memcpy(&v, val, sizeof(v));
	return (tcp_eno_set_int(so, st, name, v));
}

static enum tcp_eno_reason
tcp_eno_put_int(int v, void *buf, size_t *len)
{

	if (*len < sizeof(v))
		return (TCP_ENO_R_SOCKOPT_BAD_LEN);
	memcpy(buf, &v, sizeof(v));
	*len = sizeof(v);
	return (TCP_ENO_R_NONE);
}

/* API.md 2 (project decision): a short buffer gets nothing, not a prefix. */
static enum tcp_eno_reason
tcp_eno_put_bytes(const uint8_t *prefix, size_t plen, const uint8_t *v,
    size_t vlen, void *buf, size_t *len)
{

	if (*len < plen + vlen)
		return (TCP_ENO_R_SOCKOPT_BUF_SHORT);
	if (plen > 0)
		memcpy(buf, prefix, plen);
	if (vlen > 0)
		memcpy((uint8_t *)buf + plen, v, vlen);
	*len = plen + vlen;
	return (TCP_ENO_R_NONE);
}

static enum tcp_eno_reason
tcp_eno_get_rw(const struct tcp_eno_sockconf *so, int name, void *buf,
    size_t *len)
{

	switch (name) {
	case TCP_ENO_ENABLED:
		return (tcp_eno_put_int(so->enabled, buf, len));
	case TCP_ENO_SELF_GOPT:
		return (tcp_eno_put_int(tcp_eno_sockconf_gopt(so), buf, len));
	case TCP_ENO_AA_MANDATORY:
		return (tcp_eno_put_int(so->aa_mandatory, buf, len));
	case TCP_ENO_TEP_MANDATORY:
		return (tcp_eno_put_int(so->tep_mandatory, buf, len));
	case TCP_ENO_TEPS:
		return (tcp_eno_put_bytes(NULL, 0, so->teps, so->teps_len,
		    buf, len));
	case TCP_ENO_RAW:
		return (tcp_eno_put_bytes(NULL, 0, so->raw, so->raw_len,
		    buf, len));
	case TCP_CRYPT_ACONF:
		return (tcp_eno_put_bytes(NULL, 0, so->aconf, so->aconf_len,
		    buf, len));
	default:			/* TCP_CRYPT_BCONF */
		return (tcp_eno_put_bytes(NULL, 0, so->bconf, so->bconf_len,
		    buf, len));
	}
}

/*
 * May a read-only option be read in state st?  Draft 2.1: only while
 * encrypting; ENOTCONN while negotiating, EINVAL once ENO is off (also when
 * this socket's own settings already rule it out, before any SYN).
 * TRANSCRIPT also once a TEP is agreed; CRYPT_CONF only with tcpcrypt.
 */
static enum tcp_eno_reason
tcp_eno_readable(const struct tcp_eno_sockconf *so,
    const struct tcp_eno_negview *nv, enum tcp_eno_sockstate st, int name)
{
	bool agreed;

	agreed = (st == TCP_ENO_SS_NEGOTIATED || st == TCP_ENO_SS_ENCRYPTING) &&
	    nv != NULL;
	if (st == TCP_ENO_SS_DISABLED || (!agreed && tcp_eno_sockconf_off(so)))
		return (TCP_ENO_R_SOCKOPT_DISABLED);
	if (!agreed)
		return (TCP_ENO_R_SOCKOPT_NEGOTIATING);
	if (name == TCP_CRYPT_CONF && !tcp_eno_tep_is_tcpcrypt(nv->negtep))
		return (TCP_ENO_R_SOCKOPT_NOT_TCPCRYPT);
	if (name == TCP_ENO_TRANSCRIPT)
		return (TCP_ENO_R_NONE);
	if (st != TCP_ENO_SS_ENCRYPTING)
		return (TCP_ENO_R_SOCKOPT_NEGOTIATING);
	/* Fail closed on a view with no session ID (draft section 6). */
	if (nv->sessid_len == 0 || nv->sessid_len > TCP_ENO_MAX_SESSID)
		return (TCP_ENO_R_SOCKOPT_DISABLED);
	return (TCP_ENO_R_NONE);
}

static enum tcp_eno_reason
tcp_eno_get_ro(const struct tcp_eno_negview *nv, int name, void *buf,
    size_t *len)
{
	uint8_t first;

	switch (name) {
	case TCP_ENO_SESSID:
		return (tcp_eno_put_bytes(NULL, 0, nv->sessid, nv->sessid_len,
		    buf, len));
	case TCP_ENO_NEGTEP:
		return (tcp_eno_put_int(nv->negtep, buf, len));
	case TCP_ENO_PEER_GOPT:
		return (tcp_eno_put_int(nv->peer_gopt, buf, len));
	case TCP_ENO_ROLE:
		return (tcp_eno_put_int(nv->role, buf, len));
	case TCP_ENO_SELF_NAME:
	case TCP_ENO_PEER_NAME:
		/* Draft 2.1: role | SID, and (1 - role) | SID. */
		first = (uint8_t)(name == TCP_ENO_SELF_NAME ? nv->role :
		    1 - nv->role);
		return (tcp_eno_put_bytes(&first, 1, nv->sessid,
		    nv->sessid_len, buf, len));
	case TCP_ENO_TRANSCRIPT:
		/* Both SYNs carried ENO: never empty; fail closed if so. */
		if (nv->transcript_len == 0 ||
		    nv->transcript_len > TCP_ENO_MAX_TRANSCRIPT)
			return (TCP_ENO_R_SOCKOPT_DISABLED);
		return (tcp_eno_put_bytes(NULL, 0, nv->transcript,
		    nv->transcript_len, buf, len));
	default:			/* TCP_CRYPT_CONF */
		return (tcp_eno_put_int(nv->crypt_conf, buf, len));
	}
}

enum tcp_eno_reason
tcp_eno_sockopt_get(const struct tcp_eno_sockconf *so,
    const struct tcp_eno_negview *nv, enum tcp_eno_sockstate st, int name,
    void *buf, size_t *len)
{
	const struct tcp_eno_optdesc *d;
	enum tcp_eno_reason r;

	if (st == TCP_ENO_SS_SHUTDOWN)
		return (TCP_ENO_R_SOCKOPT_SHUTDOWN);
	d = tcp_eno_optdesc(name);
	if (d == NULL)
		return (TCP_ENO_R_SOCKOPT_UNKNOWN);
	if (d->mode == TCP_ENO_OPT_W)
		return (TCP_ENO_R_SOCKOPT_WRITE_ONLY);
	if (tcp_eno_sockconf_raw(so) && name != TCP_ENO_RAW &&
	    name != TCP_ENO_TRANSCRIPT)
		return (TCP_ENO_R_SOCKOPT_RAW_MODE);
	if (*len > 0 && buf == NULL)
		return (TCP_ENO_R_SOCKOPT_BAD_LEN);
	if (d->mode == TCP_ENO_OPT_RW)
		return (tcp_eno_get_rw(so, name, buf, len));
	r = tcp_eno_readable(so, nv, st, name);
	if (r != TCP_ENO_R_NONE)
		return (r);
	return (tcp_eno_get_ro(nv, name, buf, len));
}

enum tcp_eno_reason
tcp_eno_sockconf_engine_conf(const struct tcp_eno_sockconf *so,
    const struct tcp_eno_sysconf *sys, uint16_t port, struct tcp_eno_conf *out)
{
	struct tcp_eno_policy_in in;
	enum tcp_eno_reason why;

	memset(out, 0, sizeof(*out));
	out->ecf_nteps = (uint8_t)tcp_eno_sockconf_teps(so, out->ecf_teps);
	out->ecf_gopt = so->self_gopt;
	out->ecf_passive = so->passive != 0;
	out->ecf_aa_mandatory = so->aa_mandatory != 0;
	out->ecf_tep_mandatory = so->tep_mandatory != 0;
	out->ecf_rawlen = so->raw_len;
	memcpy(out->ecf_raw, so->raw, so->raw_len);
	in.enabled = so->enabled;
	in.passive = so->passive != 0;
	in.raw = tcp_eno_sockconf_raw(so);
	in.port = port;
	in.teps = out->ecf_teps;
	in.nteps = out->ecf_nteps;
	out->ecf_attempt = tcp_eno_policy_attempt(sys, &in, &why);
	return (why);
}

enum tcp_eno_sockstate
tcp_eno_sockstate_of(const struct tcp_eno_status *es, bool syn_sent,
    bool keys_ready, bool shut)
{

	if (shut)
		return (TCP_ENO_SS_SHUTDOWN);
	if (!syn_sent)
		return (TCP_ENO_SS_IDLE);
	if (es->est_phase == TCP_ENO_PH_DISABLED)
		return (TCP_ENO_SS_DISABLED);
	/* Raw mode has no keys: a negotiated TEP is all there is. */
	if (es->est_phase == TCP_ENO_PH_ENABLED && (keys_ready || es->est_raw))
		return (TCP_ENO_SS_ENCRYPTING);
	if (es->est_negotiated)
		return (TCP_ENO_SS_NEGOTIATED);
	return (TCP_ENO_SS_SYN_SENT);
}
