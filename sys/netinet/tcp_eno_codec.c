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
 * TCP-ENO option codec, RFC 8547:
 *  - SYN-form contents to suboptions (4.1 Table 1): glt < 0x20 with v = 0
 *    is a global suboption, only the first counts (4.2); v = 1, glt < 0x20
 *    is a length byte naming nnnnn + 1 data bytes of the next suboption,
 *    which must be a TEP with v = 1 (4.4); a TEP with v = 1 and no length
 *    byte takes the rest of the option as data (4.4).
 *  - The two ill-formed cases of 4.4 (length byte past the end, length
 *    byte followed by 0x00-0x9f) are reasons; the caller then ignores the
 *    option and disables encryption.
 *  - Encoding: explicit global suboption first, then the suboptions in the
 *    caller's order (a passive opener's order is its preference, 4.5),
 *    a length byte before every non-last suboption with data.
 *  - The TCP option walk counting ENO options (a SYN with several counts
 *    as none, 4.1), the transcript (4.8) and session names (draft 2.1).
 */

#include "tcp_eno_compat.h"
#include "tcp_eno_codec.h"

#define	TCP_ENO_LENBYTE		0x80	/* 100nnnnn */
#define	TCP_ENO_LENBYTE_NMASK	0x1f
#define	TCP_ENO_OPT_EOL		0
#define	TCP_ENO_OPT_NOP		1

static void
tcp_eno_syn_push(struct tcp_eno_syn *syn, uint8_t tep, uint8_t v, size_t off,
    size_t len)
{
	struct tcp_eno_subopt *s;

	TCP_ENO_ASSERT(syn->esy_nsub < TCP_ENO_SUBOPT_MAX,
	    ("%s: suboption table full", __func__));
	s = &syn->esy_sub[syn->esy_nsub++];
	s->es_tep = tep;
	s->es_v = v;
	s->es_off = (uint8_t)off;
	s->es_len = (uint8_t)len;
}

/*
 * One suboption starting at c[i]; returns the index after it.  Every
 * suboption takes at least one byte, so at most TCP_ENO_CONTENTS_MAX are
 * pushed.
 */
static enum tcp_eno_reason
tcp_eno_parse_one(struct tcp_eno_syn *syn, const uint8_t *c, size_t len,
    size_t *ip)
{
	size_t i = *ip, n;
	uint8_t b = c[i], t;

	if (b < TCP_ENO_GLT_TEP_MIN) {
		/* 4.2: a receiver ignores all but the first. */
		if (!syn->esy_has_gopt) {
			syn->esy_has_gopt = true;
			syn->esy_gopt = b;
		}
		*ip = i + 1;
	} else if (b < TCP_ENO_V) {
		tcp_eno_syn_push(syn, b, 0, i + 1, 0);
		*ip = i + 1;
	} else if (b < (TCP_ENO_V | TCP_ENO_GLT_TEP_MIN)) {
		n = (size_t)(b & TCP_ENO_LENBYTE_NMASK) + 1;
		if (i + 1 >= len)
			return (TCP_ENO_R_LENBYTE_OVERRUN);
		t = c[i + 1];
		if (t < (TCP_ENO_V | TCP_ENO_GLT_TEP_MIN))
			return (TCP_ENO_R_LENBYTE_FOLLOWER);
		if (n > len - i - 2)
			return (TCP_ENO_R_LENBYTE_OVERRUN);
		tcp_eno_syn_push(syn, t & ~TCP_ENO_V, 1, i + 2, n);
		*ip = i + 2 + n;
	} else {
		/* 4.4: without a length byte, data runs to the option end. */
		tcp_eno_syn_push(syn, b & ~TCP_ENO_V, 1, i + 1, len - i - 1);
		*ip = len;
	}
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_syn_parse(struct tcp_eno_syn *syn, const uint8_t *contents,
    size_t len)
{
	enum tcp_eno_reason r;
	size_t i;

	memset(syn, 0, sizeof(*syn));
	if (len > TCP_ENO_CONTENTS_MAX)
		return (TCP_ENO_R_OPT_TOO_LONG);
	if (len > 0)
		memcpy(syn->esy_buf, contents, len);
	syn->esy_buflen = (uint8_t)len;
	for (i = 0; i < len;) {
		r = tcp_eno_parse_one(syn, syn->esy_buf, len, &i);
		if (r != TCP_ENO_R_NONE) {
			memset(syn, 0, sizeof(*syn));
			return (r);
		}
	}
	return (TCP_ENO_R_NONE);
}

void
tcp_eno_syn_init(struct tcp_eno_syn *syn)
{

	memset(syn, 0, sizeof(*syn));
}

enum tcp_eno_reason
tcp_eno_syn_set_gopt(struct tcp_eno_syn *syn, uint8_t gopt)
{

	if (gopt > TCP_ENO_GOPT_MASK)
		return (TCP_ENO_R_ENC_BAD_GOPT);
	syn->esy_gopt = gopt;
	syn->esy_has_gopt = true;
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_syn_add(struct tcp_eno_syn *syn, uint8_t tep, uint8_t v,
    const uint8_t *data, size_t len)
{

	if (tep < TCP_ENO_GLT_TEP_MIN || tep >= TCP_ENO_V)
		return (TCP_ENO_R_ENC_BAD_TEP);
	if (v > 1 || (v == 0 && len != 0))
		return (TCP_ENO_R_ENC_DATA_LEN);
	if (syn->esy_nsub >= TCP_ENO_SUBOPT_MAX)
		return (TCP_ENO_R_ENC_TOO_MANY);
	if (len > sizeof(syn->esy_buf) - syn->esy_buflen)
		return (TCP_ENO_R_ENC_NO_ROOM);
	if (len > 0)
		memcpy(syn->esy_buf + syn->esy_buflen, data, len);
	tcp_eno_syn_push(syn, tep, v, syn->esy_buflen, len);
	syn->esy_buflen += (uint8_t)len;
	return (TCP_ENO_R_NONE);
}

/* Appends len bytes at *np, or fails without writing past cap. */
static bool
tcp_eno_put(uint8_t *out, size_t cap, size_t *np, const void *p, size_t len)
{

	if (len > cap || *np > cap - len)
		return (false);
	if (len > 0)
		memcpy(out + *np, p, len);
	*np += len;
	return (true);
}

static enum tcp_eno_reason
tcp_eno_encode_one(const struct tcp_eno_syn *syn, size_t i, uint8_t *out,
    size_t cap, size_t *np)
{
	const struct tcp_eno_subopt *s = &syn->esy_sub[i];
	bool last = (i + 1 == syn->esy_nsub);
	uint8_t hdr[2];
	size_t hlen = 0;

	if (s->es_v == 0) {
		if (s->es_len != 0)
			return (TCP_ENO_R_ENC_DATA_LEN);
		hdr[hlen++] = s->es_tep;
	} else {
		if (!last) {
			/* 4.4: a length byte names 1 to 32 data bytes. */
			if (s->es_len < 1 || s->es_len > TCP_ENO_LENBYTE_MAX)
				return (TCP_ENO_R_ENC_DATA_LEN);
			hdr[hlen++] = TCP_ENO_LENBYTE | (s->es_len - 1);
		}
		hdr[hlen++] = s->es_tep | TCP_ENO_V;
	}
	if (!tcp_eno_put(out, cap, np, hdr, hlen) ||
	    !tcp_eno_put(out, cap, np, syn->esy_buf + s->es_off, s->es_len))
		return (TCP_ENO_R_ENC_NO_ROOM);
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_syn_encode(const struct tcp_eno_syn *syn, uint8_t *contents,
    size_t cap, size_t *len)
{
	enum tcp_eno_reason r;
	size_t i, n = 0;

	if (cap > TCP_ENO_CONTENTS_MAX)
		cap = TCP_ENO_CONTENTS_MAX;
	if (syn->esy_has_gopt) {
		if (syn->esy_gopt > TCP_ENO_GOPT_MASK)
			return (TCP_ENO_R_ENC_BAD_GOPT);
		if (!tcp_eno_put(contents, cap, &n, &syn->esy_gopt, 1))
			return (TCP_ENO_R_ENC_NO_ROOM);
	}
	for (i = 0; i < syn->esy_nsub; i++) {
		if (syn->esy_sub[i].es_tep < TCP_ENO_GLT_TEP_MIN ||
		    syn->esy_sub[i].es_tep >= TCP_ENO_V)
			return (TCP_ENO_R_ENC_BAD_TEP);
		r = tcp_eno_encode_one(syn, i, contents, cap, &n);
		if (r != TCP_ENO_R_NONE)
			return (r);
	}
	*len = n;
	return (TCP_ENO_R_NONE);
}

const uint8_t *
tcp_eno_subopt_data(const struct tcp_eno_syn *syn, size_t i)
{

	TCP_ENO_ASSERT(i < syn->esy_nsub, ("%s: index %zu", __func__, i));
	return (syn->esy_buf + syn->esy_sub[i].es_off);
}

uint8_t
tcp_eno_syn_tep(const struct tcp_eno_syn *syn)
{

	if (syn->esy_nsub == 0)
		return (0);
	return (syn->esy_sub[syn->esy_nsub - 1].es_tep);
}

unsigned int
tcp_eno_options_find(const uint8_t *opts, size_t optlen,
    const uint8_t **contents, size_t *len)
{
	unsigned int n = 0;
	size_t i = 0, olen;

	*contents = NULL;
	*len = 0;
	while (i < optlen && opts[i] != TCP_ENO_OPT_EOL) {
		if (opts[i] == TCP_ENO_OPT_NOP) {
			i++;
			continue;
		}
		if (optlen - i < 2)
			break;
		olen = opts[i + 1];
		if (olen < 2 || olen > optlen - i)
			break;
		if (opts[i] == TCP_ENO_KIND && n++ == 0) {
			*contents = opts + i + 2;
			*len = olen - 2;
		}
		i += olen;
	}
	return (n);
}

enum tcp_eno_reason
tcp_eno_option_wrap(const uint8_t *contents, size_t len, uint8_t *out,
    size_t cap, size_t *outlen)
{
	uint8_t hdr[2];
	size_t n = 0;

	if (len > TCP_ENO_CONTENTS_MAX)
		return (TCP_ENO_R_OPT_TOO_LONG);
	hdr[0] = TCP_ENO_KIND;
	hdr[1] = (uint8_t)(len + 2);
	if (!tcp_eno_put(out, cap, &n, hdr, 2) ||
	    !tcp_eno_put(out, cap, &n, contents, len))
		return (TCP_ENO_R_BUF_SHORT);
	*outlen = n;
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_transcript(const uint8_t *a, size_t alen, const uint8_t *b,
    size_t blen, uint8_t *out, size_t cap, size_t *outlen)
{
	enum tcp_eno_reason r;
	size_t na, nb;

	if (alen > TCP_ENO_CONTENTS_MAX || blen > TCP_ENO_CONTENTS_MAX)
		return (TCP_ENO_R_OPT_TOO_LONG);
	if (cap < alen + blen + 4)
		return (TCP_ENO_R_BUF_SHORT);
	r = tcp_eno_option_wrap(a, alen, out, cap, &na);
	if (r == TCP_ENO_R_NONE)
		r = tcp_eno_option_wrap(b, blen, out + na, cap - na, &nb);
	if (r != TCP_ENO_R_NONE)
		return (r);
	*outlen = na + nb;
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_session_name(enum tcp_eno_role role, bool self, const uint8_t *sessid,
    size_t sidlen, uint8_t *out, size_t cap, size_t *outlen)
{

	if (role != TCP_ENO_ROLE_A && role != TCP_ENO_ROLE_B)
		return (TCP_ENO_R_BAD_ARGUMENT);
	if (sidlen < TCP_ENO_SESSID_MIN || sidlen > TCP_ENO_MAX_SESSID)
		return (TCP_ENO_R_BAD_ARGUMENT);
	if (cap < sidlen + 1)
		return (TCP_ENO_R_BUF_SHORT);
	/* draft-ietf-tcpinc-api 2.1: the name starts with the role. */
	out[0] = self ? (uint8_t)role : (uint8_t)(1 - role);
	memcpy(out + 1, sessid, sidlen);
	*outlen = sidlen + 1;
	return (TCP_ENO_R_NONE);
}
