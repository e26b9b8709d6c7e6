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
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 * ARE DISCLAIMED.  IN NO EVENT SHALL THE AUTHOR OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS
 * OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
 * HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
 * LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY
 * OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF
 * SUCH DAMAGE.
 */

/*
 * libFuzzer target for the TCP-ENO option codec (RFC 8547 4.1, 4.2, 4.4):
 * the input is SYN-form contents as received from the network, and also a
 * TCP options area.  Beyond "no crash, no UB", it checks:
 *  - a rejected option leaves an empty parse;
 *  - every accepted suboption lies inside the option, has glt >= 0x20 and
 *    carries data only with v = 1;
 *  - what was parsed encodes again, no longer than it came, and parses
 *    back to the same meaning (first gopt, TEPs, v bits, data);
 *  - the options walk only points inside the buffer;
 *  - transcripts hold both options with their kind and length bytes.
 */

#include <stdio.h>
#include <stdlib.h>

#include "tcp_eno_engine.h"

#define	FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "check failed: %s (line %d)\n", #cond,	\
		    __LINE__);						\
		abort();						\
	}								\
} while (0)

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_same_meaning(const struct tcp_eno_syn *x, const struct tcp_eno_syn *y)
{
	size_t i;

	FUZZ_CHECK(x->esy_gopt == y->esy_gopt);
	FUZZ_CHECK(x->esy_has_gopt == y->esy_has_gopt);
	FUZZ_CHECK(x->esy_nsub == y->esy_nsub);
	for (i = 0; i < x->esy_nsub; i++) {
		FUZZ_CHECK(x->esy_sub[i].es_tep == y->esy_sub[i].es_tep);
		FUZZ_CHECK(x->esy_sub[i].es_v == y->esy_sub[i].es_v);
		FUZZ_CHECK(x->esy_sub[i].es_len == y->esy_sub[i].es_len);
		FUZZ_CHECK(memcmp(tcp_eno_subopt_data(x, i),
		    tcp_eno_subopt_data(y, i), x->esy_sub[i].es_len) == 0);
	}
}

static void
fuzz_parse(const uint8_t *data, size_t size)
{
	struct tcp_eno_syn syn, again;
	uint8_t enc[TCP_ENO_CONTENTS_MAX];
	enum tcp_eno_reason r;
	size_t i, len;

	r = tcp_eno_syn_parse(&syn, data, size);
	if (r != TCP_ENO_R_NONE) {
		FUZZ_CHECK(r == TCP_ENO_R_OPT_TOO_LONG ||
		    r == TCP_ENO_R_LENBYTE_OVERRUN ||
		    r == TCP_ENO_R_LENBYTE_FOLLOWER);
		FUZZ_CHECK(syn.esy_nsub == 0 && !syn.esy_has_gopt);
		return;
	}
	FUZZ_CHECK(size <= TCP_ENO_CONTENTS_MAX);
	FUZZ_CHECK(syn.esy_gopt <= TCP_ENO_GOPT_MASK);
	FUZZ_CHECK(syn.esy_has_gopt || syn.esy_gopt == 0);
	for (i = 0; i < syn.esy_nsub; i++) {
		FUZZ_CHECK(syn.esy_sub[i].es_tep >= TCP_ENO_GLT_TEP_MIN);
		FUZZ_CHECK(syn.esy_sub[i].es_tep < TCP_ENO_V);
		FUZZ_CHECK(syn.esy_sub[i].es_v <= 1);
		FUZZ_CHECK(syn.esy_sub[i].es_v == 1 ||
		    syn.esy_sub[i].es_len == 0);
		FUZZ_CHECK((size_t)syn.esy_sub[i].es_off +
		    syn.esy_sub[i].es_len <= size);
	}
	r = tcp_eno_syn_encode(&syn, enc, sizeof(enc), &len);
	FUZZ_CHECK(r == TCP_ENO_R_NONE);
	FUZZ_CHECK(len <= size);
	FUZZ_CHECK(tcp_eno_syn_parse(&again, enc, len) == TCP_ENO_R_NONE);
	fuzz_same_meaning(&syn, &again);
}

static void
fuzz_walk(const uint8_t *data, size_t size)
{
	uint8_t t[TCP_ENO_MAX_TRANSCRIPT];
	const uint8_t *c;
	size_t len, tlen;
	unsigned int n;

	n = tcp_eno_options_find(data, size, &c, &len);
	if (n == 0) {
		FUZZ_CHECK(c == NULL && len == 0);
		return;
	}
	FUZZ_CHECK(c >= data + 2 && c + len <= data + size);
	FUZZ_CHECK(c[-2] == TCP_ENO_KIND && c[-1] == len + 2);
	if (len > TCP_ENO_CONTENTS_MAX)
		return;
	FUZZ_CHECK(tcp_eno_transcript(c, len, data, size > 38 ? 38 : size,
	    t, sizeof(t), &tlen) == TCP_ENO_R_NONE);
	FUZZ_CHECK(t[0] == TCP_ENO_KIND && t[1] == len + 2);
	FUZZ_CHECK(t[len + 2] == TCP_ENO_KIND);
	FUZZ_CHECK(tlen == len + (size > 38 ? 38 : size) + 4);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{

	fuzz_parse(data, size);
	fuzz_walk(data, size);
	return (0);
}
