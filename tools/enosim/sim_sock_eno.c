/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: TCP-ENO in the socket layer (RFC 8547 4.6).  The TCP hooks hand
 * every segment's options to the ENO engine and ask it for the ENO option
 * of every segment sent; the engine's status then says whether the
 * connection negotiated a TEP, fell back to plain TCP or must abort, and
 * the socket switches mode accordingly.  Nothing here decides anything
 * about ENO itself.
 */
#include <stdio.h>
#include <string.h>

#include "sim_sock.h"
#include "sim_sock_var.h"

/* Application-side setup: what the command line asks of this socket. */
static int
eno_apply_options(struct sim_sock *so, int flush_before)
{
	const struct sim_hostcfg *cfg = &so->host->cfg;
	int bad = 0;

	if (cfg->raw_len > 0)
		return (sim_sock_setopt_bytes(so, TCP_ENO_RAW, cfg->raw,
		    cfg->raw_len));
	if (cfg->teps_set)
		bad |= sim_sock_setopt_bytes(so, TCP_ENO_TEPS, cfg->teps,
		    cfg->teps_len);
	if (cfg->gopt >= 0)
		bad |= sim_sock_setopt_int(so, TCP_ENO_SELF_GOPT, cfg->gopt);
	if (cfg->aa_mandatory)
		bad |= sim_sock_setopt_int(so, TCP_ENO_AA_MANDATORY, 1);
	if (cfg->tep_mandatory)
		bad |= sim_sock_setopt_int(so, TCP_ENO_TEP_MANDATORY, 1);
	if (cfg->aconf_len > 0)
		bad |= sim_sock_setopt_bytes(so, TCP_CRYPT_ACONF, cfg->aconf,
		    cfg->aconf_len);
	if (cfg->bconf_len > 0)
		bad |= sim_sock_setopt_bytes(so, TCP_CRYPT_BCONF, cfg->bconf,
		    cfg->bconf_len);
	if (flush_before)
		bad |= sim_sock_setopt_int(so, TCP_CRYPT_CACHE_FLUSH, 1);
	return (bad ? -1 : 0);
}

static int
eno_create_tcpcrypt(struct sim_sock *so)
{
	struct tcpcrypt_config tc;
	uint32_t ip = so->peer_ip;
	enum tcpcrypt_reason r;

	memset(&tc, 0, sizeof(tc));
	tc.alloc = &sim_allocator;
	tc.random = sim_host_random;
	tc.random_arg = so->host;
	tc.cache = so->host->cache;
	/* D12: the cache is keyed by the peer's address (and the TEP). */
	tc.peer_id[0] = ip >> 24;
	tc.peer_id[1] = (ip >> 16) & 0xff;
	tc.peer_id[2] = (ip >> 8) & 0xff;
	tc.peer_id[3] = ip & 0xff;
	tc.peer_id_len = 4;
	memcpy(tc.aconf, so->conf.aconf, so->conf.aconf_len);
	tc.aconf_len = so->conf.aconf_len;
	memcpy(tc.bconf, so->conf.bconf, so->conf.bconf_len);
	tc.bconf_len = so->conf.bconf_len;
	tc.active = !so->passive;
	tc.no_cache = so->conf.cache_nouse != 0;
	tc.rekey_frames = so->host->cfg.rekey_frames;
	tc.now_ms = so->now / 1000;
	r = tcpcrypt_conn_create(&tc, &so->tc);
	if (r != TCPCRYPT_R_NONE) {
		fprintf(stderr, "enosim: h%d: tcpcrypt_conn_create: %s\n",
		    so->host->idx + 1, tcpcrypt_reason_name(r));
		return (-1);
	}
	return (0);
}

int
sim_sock_eno_open(struct sim_sock *so, int flush_before)
{

	tcp_eno_sockconf_init(&so->conf, &so->host->sys);
	if (so->passive)
		tcp_eno_sockconf_listen(&so->conf);
	so->sockstate = TCP_ENO_SS_IDLE;
	return (eno_apply_options(so, flush_before));
}

/* connect / listen: the policy decides, then both engines start. */
int
sim_sock_eno_start(struct sim_sock *so)
{
	struct tcp_eno_conf ec;
	struct tcp_eno_policy_in pin;
	enum tcp_eno_reason why, r;

	if (eno_create_tcpcrypt(so) != 0)
		return (-1);
	memset(&ec, 0, sizeof(ec));
	ec.ecf_nteps = (uint8_t)tcp_eno_sockconf_teps(&so->conf, ec.ecf_teps);
	ec.ecf_gopt = so->conf.self_gopt;
	ec.ecf_passive = so->passive;
	ec.ecf_aa_mandatory = so->conf.aa_mandatory;
	ec.ecf_tep_mandatory = so->conf.tep_mandatory;
	memcpy(ec.ecf_raw, so->conf.raw, so->conf.raw_len);
	ec.ecf_rawlen = so->conf.raw_len;
	memset(&pin, 0, sizeof(pin));
	pin.enabled = so->conf.enabled;
	pin.passive = so->passive;
	pin.raw = tcp_eno_sockconf_raw(&so->conf);
	pin.port = so->passive ? so->lport : so->rport;
	pin.teps = ec.ecf_teps;
	pin.nteps = ec.ecf_nteps;
	ec.ecf_attempt = tcp_eno_policy_attempt(&so->host->sys, &pin, &why);
	r = tcp_eno_conn_init(&so->eno, NULL, so->tc, &ec);
	if (r != TCP_ENO_R_NONE &&
	    tcp_eno_reason_action(r) == TCP_ENO_ACT_CONTINUE) {
		fprintf(stderr, "enosim: h%d: tcp_eno_conn_init: %s\n",
		    so->host->idx + 1, tcp_eno_reason_name(r));
		return (-1);
	}
	sim_sock_eno_update(so);
	return (0);
}

static void
eno_start_tcpcrypt(struct sim_sock *so, const struct tcp_eno_status *st)
{
	struct tcpcrypt_negotiated neg;
	uint8_t tr[TCP_ENO_MAX_TRANSCRIPT];
	size_t trlen = 0;
	enum tcpcrypt_reason r;

	(void)tcp_eno_conn_transcript(&so->eno, tr, sizeof(tr), &trlen);
	memset(&neg, 0, sizeof(neg));
	neg.role = (uint8_t)st->est_role;
	neg.tep_byte = st->est_negtep;
	neg.simultaneous = st->est_simultaneous;
	neg.transcript = tr;
	neg.transcript_len = trlen;
	neg.now_ms = so->now / 1000;
	r = tcpcrypt_handle_negotiated(so->tc, &neg);
	if (r != TCPCRYPT_R_NONE && tcpcrypt_reason_fatal(r)) {
		sim_sock_abort(so, tcp_eno_errclass_errno_name(
		    tcpcrypt_reason_errclass(r)), tcpcrypt_reason_name(r));
		return;
	}
	so->mode = SIM_MODE_CRYPT;
}

/* Follow the engine's verdict (RFC 8547 4.6; API.md 2 states). */
void
sim_sock_eno_update(struct sim_sock *so)
{
	struct tcp_eno_status st;

	if (so->mode != SIM_MODE_NEGOTIATING)
		return;
	tcp_eno_conn_status(&so->eno, &st);
	if (st.est_abort) {
		so->sockstate = TCP_ENO_SS_DISABLED;
		sim_sock_abort(so, tcp_eno_errclass_errno_name(
		    tcp_eno_reason_errclass(st.est_reason)),
		    tcp_eno_reason_name(st.est_reason));
		return;
	}
	if (st.est_negotiated && so->sockstate < TCP_ENO_SS_NEGOTIATED)
		so->sockstate = TCP_ENO_SS_NEGOTIATED;
	switch (st.est_phase) {
	case TCP_ENO_PH_NEGOTIATING:
		break;
	case TCP_ENO_PH_DISABLED:
		so->mode = SIM_MODE_PLAIN;
		so->sockstate = TCP_ENO_SS_DISABLED;
		so->reason = tcp_eno_reason_name(st.est_reason);
		break;
	case TCP_ENO_PH_ENABLED:
		if (st.est_raw) {
			so->mode = SIM_MODE_RAW;
			so->sockstate = TCP_ENO_SS_ENCRYPTING;
		} else {
			eno_start_tcpcrypt(so, &st);
		}
		break;
	}
}

size_t
sim_sock_opts_out(void *ctx, const struct sim_tcp *tp, uint8_t flags,
    uint8_t *opts, size_t cap)
{
	struct sim_sock *so = ctx;
	size_t len = 0;

	if (so->host->cfg.no_eno || so->mode == SIM_MODE_ABORTED)
		return (0);
	if ((flags & SIM_TH_SYN) && so->sockstate == TCP_ENO_SS_IDLE)
		so->sockstate = TCP_ENO_SS_SYN_SENT;
	if ((flags & (SIM_TH_SYN | SIM_TH_ACK)) == SIM_TH_SYN)
		(void)tcp_eno_poll_syn(&so->eno, opts, cap, &len);
	else if (flags & SIM_TH_SYN)
		(void)tcp_eno_poll_synack(&so->eno, opts, cap, &len);
	else
		(void)tcp_eno_poll_option(&so->eno, opts, cap, &len);
	if (len > cap)
		len = 0;
	sim_sock_eno_update(so);
	return (len);
}

void
sim_sock_opts_in(void *ctx, const struct sim_tcp *tp,
    const struct sim_seg *seg)
{
	struct sim_sock *so = ctx;
	struct tcp_eno_seg es;

	if (so->host->cfg.no_eno || so->mode == SIM_MODE_ABORTED)
		return;
	tcp_eno_seg_from_options(&es, seg->opts, seg->optlen);
	if ((seg->flags & (SIM_TH_SYN | SIM_TH_ACK)) == SIM_TH_SYN)
		(void)tcp_eno_handle_syn(&so->eno, &es);
	else if (seg->flags & SIM_TH_SYN)
		(void)tcp_eno_handle_synack(&so->eno, &es);
	else
		(void)tcp_eno_handle_segment(&so->eno, &es,
		    (seg->flags & SIM_TH_ACK) != 0);
	sim_sock_eno_update(so);
}
