/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
 */

/*
 * libFuzzer target: resumption suboptions (RFC 8548 3.5) from the network.
 *
 * Each host has a cache holding a real chain (one fresh session made at
 * start-up).  Input byte 0 picks the path:
 *   0: the passive opener consumes A's offer data (the rest);
 *   1: the active opener, having offered, consumes B's answer data;
 *   2: the rest is the contents of A's SYN-form ENO option, handed to a
 *      passive TCP-ENO engine with tcpcrypt registered, so the TEP ops
 *      parse and judge every tcpcrypt suboption in it;
 *   3: as 2, for the contents of B's SYN-ACK, given to the active opener.
 * Invariants: no sanitizer report; a suboption is honoured or matched only
 * when it carries the exact half of the cached resume[i] (so fuzz input
 * never resumes unless it replays the real half); a TEP the ENO engine
 * negotiated never leaves tcpcrypt without a way to start (RESUME_STATE).
 */

#include "fuzz_tcpcrypt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tcpcrypt_cache *cache_a, *cache_b;
static struct tcp_eno_registry reg;
static struct fz_rng rng = { 3 };

/* One fresh session between the hosts, so each cache has a chain. */
static void
setup(void)
{
	struct tcpcrypt_conn *a, *b;
	uint8_t out[TCPCRYPT_FRAME_MAX];
	size_t len, consumed;
	int flags, i;

	if (tcpcrypt_cache_create(&fz_allocator, 4, 0, &cache_a) !=
	    TCPCRYPT_R_NONE || tcpcrypt_cache_create(&fz_allocator, 4, 0,
	    &cache_b) != TCPCRYPT_R_NONE)
		abort();
	tcp_eno_registry_init(&reg);
	if (tcpcrypt_register_teps(&reg) != TCPCRYPT_R_NONE)
		abort();
	a = fz_conn(&rng, true, cache_a, 0);
	b = fz_conn(&rng, false, cache_b, 0);
	fz_negotiated(a, 0, 0x23);
	fz_negotiated(b, 1, 0x23);
	for (i = 0; i < 2; i++) {
		(void)tcpcrypt_poll_transmit(a, out, sizeof(out), &len,
		    &flags);
		(void)tcpcrypt_handle_stream_bytes(b, out, len, &consumed);
		(void)tcpcrypt_poll_transmit(b, out, sizeof(out), &len,
		    &flags);
		(void)tcpcrypt_handle_stream_bytes(a, out, len, &consumed);
	}
	if (!tcpcrypt_encrypting(a) || !tcpcrypt_encrypting(b) ||
	    tcpcrypt_cache_count(cache_a) != 1)
		abort();
	tcpcrypt_conn_destroy(a);
	tcpcrypt_conn_destroy(b);
}

static void
eno_path(const uint8_t *data, size_t size, bool passive)
{
	struct tcp_eno_conf conf;
	struct tcp_eno_conn e;
	struct tcp_eno_seg seg;
	struct tcp_eno_status st;
	struct tcpcrypt_negotiated neg;
	struct tcpcrypt_conn *c;
	uint8_t opt[64], tr[TCP_ENO_MAX_TRANSCRIPT];
	size_t len, trlen;

	if (size > 38)
		size = 38;
	c = fz_conn(&rng, !passive, passive ? cache_b : cache_a, 0);
	memset(&conf, 0, sizeof(conf));
	conf.ecf_teps[0] = 0x21;
	conf.ecf_teps[1] = 0x23;
	conf.ecf_nteps = 2;
	conf.ecf_passive = passive;
	conf.ecf_attempt = true;
	(void)tcp_eno_conn_init(&e, &reg, c, &conf);
	memset(&seg, 0, sizeof(seg));
	seg.esg_neno = 1;
	seg.esg_contents = data;
	seg.esg_len = size;
	if (passive) {
		(void)tcp_eno_handle_syn(&e, &seg);
		(void)tcp_eno_poll_synack(&e, opt, sizeof(opt), &len);
	} else {
		(void)tcp_eno_poll_syn(&e, opt, sizeof(opt), &len);
		(void)tcp_eno_handle_synack(&e, &seg);
		(void)tcp_eno_poll_option(&e, opt, sizeof(opt), &len);
	}
	/*
	 * Whatever ENO negotiated, tcpcrypt must agree it can run: a v = 1
	 * TEP byte is either a matched resumption or B's short (< 9 bytes)
	 * suboption, a fresh exchange (RFC 8548 3.5).
	 */
	tcp_eno_conn_status(&e, &st);
	if (st.est_negotiated && tcp_eno_conn_transcript(&e, tr, sizeof(tr),
	    &trlen) == TCP_ENO_R_NONE) {
		memset(&neg, 0, sizeof(neg));
		neg.role = (uint8_t)st.est_role;
		neg.tep_byte = st.est_negtep;
		neg.transcript = tr;
		neg.transcript_len = trlen;
		if (tcpcrypt_handle_negotiated(c, &neg) ==
		    TCPCRYPT_R_RESUME_STATE)
			abort();
	}
	tcpcrypt_conn_destroy(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tcpcrypt_conn *c;
	uint8_t offer[32];
	size_t len;

	if (cache_a == NULL)
		setup();
	if (size < 1)
		return (0);
	switch (data[0] & 3) {
	case 0:
		c = fz_conn(&rng, false, cache_b, 0);
		if (tcpcrypt_consume_resume_offer(c, 0x23, data + 1,
		    size - 1) == TCPCRYPT_R_NONE)
			abort();	/* guessed a 72-bit secret half */
		tcpcrypt_conn_destroy(c);
		break;
	case 1:
		c = fz_conn(&rng, true, cache_a, 0);
		(void)tcpcrypt_create_resume_offer(c, 0x23, offer,
		    sizeof(offer), &len);
		if (tcpcrypt_consume_resume_answer(c, 0x23, data + 1,
		    size - 1) == TCPCRYPT_R_NONE)
			abort();
		tcpcrypt_conn_destroy(c);
		break;
	default:
		eno_path(data + 1, size - 1, (data[0] & 3) == 2);
		break;
	}
	return (0);
}
