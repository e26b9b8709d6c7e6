/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: the tcpcrypt stream transform in the socket layer, driven as
 * tcpcrypt_engine.h prescribes: TCP's in-order bytes go to the engine in
 * whatever pieces TCP has (RFC 8548 3.3: messages and frames span segments
 * freely); the engine's plaintext goes to the socket's receive queue; the
 * application's writes reach the engine in sim_sock_app_write, held there
 * until the keys exist; the engine's output bytes go to TCP with its PSH
 * (3.3) and FIN (3.7) marks.  An engine error aborts the connection with
 * RST and the D8 errno of the reason's class.
 */
#include <string.h>

#include "sim_sock.h"
#include "sim_sock_var.h"

#define	CRYPT_IOBUF	(64 * 1024)
#define	CRYPT_ROUNDS	256

static int
crypt_rx(struct sim_sock *so, uint8_t *buf)
{
	struct sim_tcp *tp = &so->tcp;
	size_t n, used = 0, len = 0;
	int moved = 0;

	n = sim_tcp_readable(tp);
	if (n > 0) {
		(void)tcpcrypt_handle_stream_bytes(so->tc, sim_tcp_peek(tp), n,
		    &used);
		sim_tcp_consume(tp, used);
		moved |= used > 0;
	}
	do {
		len = 0;
		(void)tcpcrypt_poll_plaintext(so->tc, buf, CRYPT_IOBUF, &len);
		if (len > 0) {
			sim_sock_deliver(so, buf, len);
			moved = 1;
		}
	} while (len > 0);
	if (sim_tcp_eof(tp) && !so->fin_given) {
		/* TCP delivered everything before the peer's FIN. */
		so->fin_given = 1;
		(void)tcpcrypt_handle_fin(so->tc);
		moved = 1;
	}
	if (tcpcrypt_eof(so->tc))
		so->eof_in = 1;
	return (moved);
}

/* The application's shutdown(SHUT_WR): the last frame carries FINp. */
static int
crypt_shutdown(struct sim_sock *so)
{

	if (!so->shut_req || so->shut_done)
		return (0);
	if (so->host->cfg.bare_fin) {
		/* A broken sender: TCP FIN with no FINp frame (3.7 test). */
		if (tcpcrypt_tx_pending(so->tc) == 0) {
			sim_tcp_shutdown(&so->tcp);
			so->shut_done = 1;
		}
		return (so->shut_done);
	}
	(void)tcpcrypt_handle_app_close(so->tc);
	so->shut_done = 1;
	return (1);
}

static int
crypt_tx(struct sim_sock *so, uint8_t *buf)
{
	struct sim_tcp *tp = &so->tcp;
	size_t space, len;
	int flags, moved = 0;

	for (;;) {
		space = sim_tcp_send_space(tp);
		if (space < TCPCRYPT_TX_MIN)
			break;
		if (space > CRYPT_IOBUF)
			space = CRYPT_IOBUF;
		len = 0;
		flags = 0;
		(void)tcpcrypt_poll_transmit(so->tc, buf, space, &len, &flags);
		if (len == 0 && flags == 0)
			break;
		if (sim_tcp_write(tp, buf, len) != len)
			break;	/* cannot happen: len <= space */
		if (flags & TCPCRYPT_TX_PSH)
			sim_tcp_push(tp);
		if (flags & TCPCRYPT_TX_FIN)
			sim_tcp_shutdown(tp);
		moved = 1;
		if (len == 0)
			break;
	}
	return (moved);
}

void
sim_sock_crypt_pump(struct sim_sock *so)
{
	static uint8_t buf[CRYPT_IOBUF];
	enum tcpcrypt_reason err;
	int i, moved;

	for (i = 0; i < CRYPT_ROUNDS; i++) {
		moved = crypt_rx(so, buf);
		moved |= crypt_shutdown(so);
		moved |= crypt_tx(so, buf);
		if (so->sockstate != TCP_ENO_SS_ENCRYPTING &&
		    tcpcrypt_encrypting(so->tc)) {
			so->sockstate = TCP_ENO_SS_ENCRYPTING;
			sim_sock_snapshot(so);
		}
		err = tcpcrypt_error(so->tc);
		if (err != TCPCRYPT_R_NONE) {
			sim_sock_abort(so, tcp_eno_errclass_errno_name(
			    tcpcrypt_reason_errclass(err)),
			    tcpcrypt_reason_name(err));
			return;
		}
		if (!moved)
			break;
	}
}

/* TCP_CRYPT_CACHE_FLUSH on the established socket (API.md 3). */
void
sim_sock_flush_cache(struct sim_sock *so)
{
	int one = 1;

	so->flushed = 1;
	if (sim_sock_setopt(so, TCP_CRYPT_CACHE_FLUSH, &one, sizeof(one)) != 0)
		sim_sock_abort(so, "EINVAL", "TCP_CRYPT_CACHE_FLUSH refused");
}
