/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * libFuzzer target for the one parser of network bytes in
 * tools/tcpinc_auth: the authenticator message of draft-ietf-tcpinc-api
 * section 5 as the peer sends it.  Checks that msg_need and msg_parse
 * agree, that parsed pointers stay inside the input, and that consuming
 * arbitrary bytes never authenticates (a forged MAC or signature would
 * need the cookie or the key), and that the replay classifier only ever
 * turns a session mismatch into a replay.
 */

#include <stdlib.h>
#include <string.h>

#include "tcpinc_auth.h"

static const uint8_t cookie[16] = { 0x5a };
static const uint8_t pk[32] = { 0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a,
    0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a, 0x0e, 0xe1, 0x72,
    0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51,
    0x1a };	/* RFC 8032 7.1 test 1 public key */

static void
fuzz_session(struct tcpinc_auth_session *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->name_len = 34;
	s->self_name[0] = 1;
	s->peer_name[0] = 0;
	for (i = 1; i < s->name_len; i++)
		s->self_name[i] = s->peer_name[i] = (uint8_t)i;
	s->role = 1;
	s->peer_gopt = 3;
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tcpinc_auth_sigconf conf = { NULL, pk };
	static struct tcpinc_auth_replay mem;
	struct tcpinc_auth_session s;
	struct tcpinc_auth_msg m;
	enum tcpinc_auth_error e;
	size_t need;
	bool verified;

	e = tcpinc_auth_msg_parse(data, size, &m);
	if (e == TCPINC_AUTH_OK) {
		if (tcpinc_auth_msg_need(data, size, &need) != TCPINC_AUTH_OK ||
		    need != size || m.name < data ||
		    m.auth + m.auth_len != data + size)
			abort();
	} else if (e != TCPINC_AUTH_E_MSG_MALFORMED)
		abort();
	fuzz_session(&s);
	if (tcpinc_auth_cookie_consume(&s, cookie, sizeof(cookie), data,
	    size) == TCPINC_AUTH_OK)
		abort();
	if (tcpinc_auth_sig_consume(&s, &conf, data, size, &verified) ==
	    TCPINC_AUTH_OK || verified)
		abort();
	/*
	 * Replay classifier over the same bytes: it may only turn a session
	 * mismatch into a replay, and only for a message that parses.
	 */
	if (mem.next == 0) {
		tcpinc_auth_replay_init(&mem);
		tcpinc_auth_replay_record(&mem, &s);
	}
	if (tcpinc_auth_replay_classify(&mem, data, size,
	    TCPINC_AUTH_E_COOKIE_MISMATCH) != TCPINC_AUTH_E_COOKIE_MISMATCH)
		abort();
	e = tcpinc_auth_replay_classify(&mem, data, size,
	    TCPINC_AUTH_E_SESSION_MISMATCH);
	if (e != TCPINC_AUTH_E_SESSION_MISMATCH &&
	    (e != TCPINC_AUTH_E_REPLAY ||
	    tcpinc_auth_msg_parse(data, size, &m) != TCPINC_AUTH_OK))
		abort();
	return (0);
}
