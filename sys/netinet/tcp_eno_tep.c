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
 * TEP registry of the TCP-ENO engine (RFC 8547 4.5, section 5): TEPs
 * (tcpcrypt's 0x21-0x24, test TEPs) register an operations table that
 * answers "is this suboption valid" and "what suboption do I send", so the
 * engine decides the negotiated TEP without knowing any TEP.  One
 * implementation per identifier; lookups ignore the v bit.  A NULL
 * registry argument names the default, process (or kernel) wide one.
 */

#include "tcp_eno_compat.h"
#include "tcp_eno_engine.h"

static struct tcp_eno_registry tcp_eno_registry_default;

static struct tcp_eno_registry *
tcp_eno_registry_pick(struct tcp_eno_registry *reg)
{

	return (reg != NULL ? reg : &tcp_eno_registry_default);
}

void
tcp_eno_registry_init(struct tcp_eno_registry *reg)
{

	memset(tcp_eno_registry_pick(reg), 0, sizeof(*reg));
}

static size_t
tcp_eno_registry_slot(const struct tcp_eno_registry *reg, uint8_t tep)
{
	size_t i;

	for (i = 0; i < reg->er_n; i++)
		if (reg->er_ops[i]->teo_id == (tep & ~TCP_ENO_V))
			return (i);
	return (reg->er_n);
}

enum tcp_eno_reason
tcp_eno_tep_register(struct tcp_eno_registry *reg,
    const struct tcp_eno_tep_ops *ops, void *ctx)
{

	reg = tcp_eno_registry_pick(reg);
	if (ops == NULL || ops->teo_id < TCP_ENO_GLT_TEP_MIN ||
	    ops->teo_id >= TCP_ENO_V)
		return (TCP_ENO_R_REG_BAD_ID);
	/* 8547 5.1: a session ID has at least 33 bytes. */
	if (ops->teo_sessid_len < TCP_ENO_SESSID_MIN ||
	    ops->teo_sessid_len > TCP_ENO_MAX_SESSID)
		return (TCP_ENO_R_BAD_ARGUMENT);
	if (tcp_eno_registry_slot(reg, ops->teo_id) < reg->er_n)
		return (TCP_ENO_R_REG_DUPLICATE);
	if (reg->er_n >= TCP_ENO_REG_MAX)
		return (TCP_ENO_R_REG_FULL);
	reg->er_ops[reg->er_n] = ops;
	reg->er_ctx[reg->er_n] = ctx;
	reg->er_n++;
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_tep_unregister(struct tcp_eno_registry *reg, uint8_t tep)
{
	size_t i;

	reg = tcp_eno_registry_pick(reg);
	i = tcp_eno_registry_slot(reg, tep);
	if (i == reg->er_n)
		return (TCP_ENO_R_REG_UNKNOWN);
	for (; i + 1 < reg->er_n; i++) {
		reg->er_ops[i] = reg->er_ops[i + 1];
		reg->er_ctx[i] = reg->er_ctx[i + 1];
	}
	reg->er_n--;
	reg->er_ops[reg->er_n] = NULL;
	reg->er_ctx[reg->er_n] = NULL;
	return (TCP_ENO_R_NONE);
}

const struct tcp_eno_tep_ops *
tcp_eno_tep_lookup(const struct tcp_eno_registry *reg, uint8_t tep,
    void **ctxp)
{
	size_t i;

	if (reg == NULL)
		reg = &tcp_eno_registry_default;
	i = tcp_eno_registry_slot(reg, tep);
	if (i == reg->er_n)
		return (NULL);
	if (ctxp != NULL)
		*ctxp = reg->er_ctx[i];
	return (reg->er_ops[i]);
}
