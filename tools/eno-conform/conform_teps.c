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
 * The TEPs eno-conform negotiates with: 0x21-0x24 (RFC 8548 Table 4) with
 * tcpcrypt's suboption rules as seen by hosts whose session caches are
 * empty (RFC 8548 3.5):
 *  - v = 1 with fewer than 9 data bytes is treated as v = 0, a fresh offer;
 *  - v = 1 with 9 bytes or more names a cached secret; A, with nothing
 *    cached, ignores such a suboption in B's SYN, and B, with nothing
 *    cached, cannot honour it either, so it is never the valid one;
 *  - A's resumption suboptions still offer fresh key exchange (3.2).
 * The passive opener, with nothing to resume, answers v = 0.  The real
 * tcpcrypt operations come from sys/netinet/tcpcrypt_*.c.
 */

#include <stddef.h>

#include "conform.h"

#define	CONFORM_RESUME_HALF	9	/* resume[i] half, RFC 8548 3.5 */

static bool
conform_tep_valid(void *ctx, void *conn_arg, const struct tcp_eno_tep_query *q)
{
	const struct tcp_eno_subopt *bs = &q->etq_b->esy_sub[q->etq_b_index];

	return (bs->es_v == 0 || bs->es_len < CONFORM_RESUME_HALF);
}

static enum tcp_eno_reason
conform_tep_subopt(void *ctx, void *conn_arg, const struct tcp_eno_tep_query *q,
    uint8_t *v, uint8_t *data, size_t cap, size_t *len)
{

	*v = 0;
	*len = 0;
	return (TCP_ENO_R_NONE);
}

#define	CONFORM_TEP(id, name) {						\
	.teo_id = (id),							\
	.teo_name = (name),						\
	.teo_sessid_len = 33,						\
	.teo_syn_data = false,						\
	.teo_valid = conform_tep_valid,					\
	.teo_subopt = conform_tep_subopt,				\
}

static const struct tcp_eno_tep_ops conform_teps[] = {
	CONFORM_TEP(0x21, "TCP_CRYPT_ECDHE_P256"),
	CONFORM_TEP(0x22, "TCP_CRYPT_ECDHE_P521"),
	CONFORM_TEP(0x23, "TCP_CRYPT_ECDHE_Curve25519"),
	CONFORM_TEP(0x24, "TCP_CRYPT_ECDHE_Curve448"),
};

static struct tcp_eno_registry conform_reg;
static bool conform_reg_ready;

const struct tcp_eno_registry *
conform_registry(void)
{
	size_t i;

	if (!conform_reg_ready) {
		tcp_eno_registry_init(&conform_reg);
		for (i = 0; i < sizeof(conform_teps) / sizeof(conform_teps[0]);
		    i++)
			(void)tcp_eno_tep_register(&conform_reg,
			    &conform_teps[i], NULL);
		conform_reg_ready = true;
	}
	return (&conform_reg);
}
