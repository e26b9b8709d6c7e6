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
 * Shared helpers of the TCP-ENO engine's ATF-C tests (host, ASan+UBSan):
 * reason assertions that print names, and a registry of test TEPs.
 *  0x21, 0x23  bare TEPs (no callbacks: the engine's default rules)
 *  0x30        a toy resumption TEP: each host sends v = 1 with the bytes
 *              in atf_tep30_data; B's v = 1 suboption is valid only when
 *              A sent the same bytes (both "cached" the same secret)
 *  0x31        defines SYN data (RFC 8547 4.7)
 */

#ifndef ENO_ATF_H
#define	ENO_ATF_H

#include <atf-c.h>
#include <string.h>

#include "tcp_eno_engine.h"

/*
 * libatf-c keeps its test-case list until exit; LeakSanitizer would report
 * that as a leak in every program.  The engine allocates nothing, so leak
 * checking has nothing of ours to find; ASan and UBSan stay on.
 */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{

	return ("detect_leaks=0");
}

#define	REQ_R(expr, want) do {						\
	enum tcp_eno_reason r_ = (expr);				\
	ATF_REQUIRE_MSG(r_ == (want), "%s: got %s, want %s", #expr,	\
	    tcp_eno_reason_name(r_), tcp_eno_reason_name(want));	\
} while (0)

#define	REQ_BYTES(got, glen, want, wlen) do {				\
	ATF_REQUIRE_EQ_MSG((size_t)(glen), (size_t)(wlen),		\
	    "length %zu, want %zu", (size_t)(glen), (size_t)(wlen));	\
	ATF_REQUIRE_MSG(memcmp((got), (want), (wlen)) == 0,		\
	    "bytes differ");						\
} while (0)

static uint8_t atf_tep30_data[16] = { 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5,
    0xa6, 0xa7, 0xa8 };
static size_t atf_tep30_len = 9;
static int atf_tep30_valid_calls;

static bool
atf_tep30_valid(void *ctx, void *conn_arg, const struct tcp_eno_tep_query *q)
{
	const struct tcp_eno_subopt *bs = &q->etq_b->esy_sub[q->etq_b_index];
	const struct tcp_eno_syn *a = q->etq_a;
	size_t i;

	atf_tep30_valid_calls++;
	if (bs->es_v == 0)
		return (true);
	for (i = 0; i < a->esy_nsub; i++)
		if (a->esy_sub[i].es_tep == bs->es_tep &&
		    a->esy_sub[i].es_len == bs->es_len &&
		    memcmp(tcp_eno_subopt_data(a, i),
		    tcp_eno_subopt_data(q->etq_b, q->etq_b_index),
		    bs->es_len) == 0)
			return (true);
	return (false);
}

static enum tcp_eno_reason
atf_tep30_subopt(void *ctx, void *conn_arg, const struct tcp_eno_tep_query *q,
    uint8_t *v, uint8_t *data, size_t cap, size_t *len)
{

	if (atf_tep30_len > cap)
		return (TCP_ENO_R_BUF_SHORT);
	*v = 1;
	memcpy(data, atf_tep30_data, atf_tep30_len);
	*len = atf_tep30_len;
	return (TCP_ENO_R_NONE);
}

static const struct tcp_eno_tep_ops atf_tep21 = {
	.teo_id = 0x21, .teo_name = "bare-21", .teo_sessid_len = 33,
};
static const struct tcp_eno_tep_ops atf_tep23 = {
	.teo_id = 0x23, .teo_name = "bare-23", .teo_sessid_len = 33,
};
static const struct tcp_eno_tep_ops atf_tep30 = {
	.teo_id = 0x30, .teo_name = "toy-resume", .teo_sessid_len = 33,
	.teo_valid = atf_tep30_valid, .teo_subopt = atf_tep30_subopt,
};
static const struct tcp_eno_tep_ops atf_tep31 = {
	.teo_id = 0x31, .teo_name = "syn-data", .teo_sessid_len = 48,
	.teo_syn_data = true,
};

static inline void
atf_registry(struct tcp_eno_registry *reg)
{

	tcp_eno_registry_init(reg);
	REQ_R(tcp_eno_tep_register(reg, &atf_tep21, NULL), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_tep_register(reg, &atf_tep23, NULL), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_tep_register(reg, &atf_tep30, NULL), TCP_ENO_R_NONE);
	REQ_R(tcp_eno_tep_register(reg, &atf_tep31, NULL), TCP_ENO_R_NONE);
}

/* A configuration offering teps[0..n) in that order. */
static inline void
atf_conf(struct tcp_eno_conf *conf, bool passive, const uint8_t *teps,
    size_t n)
{

	memset(conf, 0, sizeof(*conf));
	conf->ecf_passive = passive;
	conf->ecf_attempt = true;
	if (n > 0)
		memcpy(conf->ecf_teps, teps, n);
	conf->ecf_nteps = (uint8_t)n;
}

static inline void
atf_seg(struct tcp_eno_seg *seg, const uint8_t *opt, size_t len)
{

	seg->esg_neno = len > 0 ? 1 : 0;
	seg->esg_contents = len > 0 ? opt + 2 : NULL;
	seg->esg_len = len > 0 ? len - 2 : 0;
}

#endif /* !ENO_ATF_H */
