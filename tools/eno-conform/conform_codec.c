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
 * eno-conform kinds for the option codec (RFC 8547 4.1, 4.2, 4.4):
 *  parse    SYN-form contents -> valid or not (with reason), gopt, TEPs;
 *           a valid parse must also survive encode + parse unchanged;
 *  syn      the ENO option an active opener sends for a TEP list and gopt;
 *  tcpopts  counting ENO options in a whole TCP options area (4.1).
 */

#include <stdio.h>
#include <string.h>

#include "conform.h"

#define	CONFORM_BUF	256

/* Compare a parsed option with expect.teps / expect.gopt. */
static int
conform_check_syn(const struct tcp_eno_syn *syn, const struct tj_value *ex,
    const char *what, char *why, size_t whylen)
{
	const struct tj_value *teps, *t;
	uint8_t data[CONFORM_BUF];
	long long id, v, gopt = 0;
	size_t i, dlen;

	if (tj_get(ex, "gopt") != NULL && conform_int(ex, "gopt", &gopt) != 0)
		return (conform_fail(why, whylen, "bad expect.gopt"));
	if (syn->esy_gopt != gopt)
		return (conform_fail(why, whylen, "%s gopt %u, expected %lld",
		    what, syn->esy_gopt, gopt));
	teps = tj_get(ex, "teps");
	if (teps == NULL || tj_type(teps) != TJ_ARRAY)
		return (conform_fail(why, whylen, "expect.teps missing"));
	if (tj_len(teps) != syn->esy_nsub)
		return (conform_fail(why, whylen, "%s: %u TEP suboptions, "
		    "expected %zu", what, syn->esy_nsub, tj_len(teps)));
	for (i = 0; i < syn->esy_nsub; i++) {
		t = tj_at(teps, i);
		if (conform_int(t, "id", &id) != 0 || conform_int(t, "v", &v) ||
		    conform_hex(t, "data", data, sizeof(data), &dlen) < 0)
			return (conform_fail(why, whylen, "bad expect.teps[%zu]",
			    i));
		if (syn->esy_sub[i].es_tep != id || syn->esy_sub[i].es_v != v ||
		    syn->esy_sub[i].es_len != dlen || (dlen > 0 &&
		    memcmp(tcp_eno_subopt_data(syn, i), data, dlen) != 0))
			return (conform_fail(why, whylen, "%s: suboption %zu "
			    "is 0x%02x v=%u len=%u", what, i,
			    syn->esy_sub[i].es_tep, syn->esy_sub[i].es_v,
			    syn->esy_sub[i].es_len));
	}
	return (0);
}

int
conform_parse(const struct tj_value *c, char *why, size_t whylen)
{
	const struct tj_value *ex = tj_get(c, "expect");
	uint8_t buf[CONFORM_BUF], enc[TCP_ENO_CONTENTS_MAX];
	struct tcp_eno_syn syn, again;
	enum tcp_eno_reason r;
	size_t len, elen;
	bool valid;

	if (conform_hex(c, "contents", buf, sizeof(buf), &len) != 1)
		return (conform_fail(why, whylen, "bad contents"));
	if (tj_get(ex, "valid") == NULL ||
	    conform_bool(ex, "valid", false, &valid) != 0)
		return (conform_fail(why, whylen, "bad expect.valid"));
	r = tcp_eno_syn_parse(&syn, buf, len);
	if (!valid) {
		if (r == TCP_ENO_R_NONE)
			return (conform_fail(why, whylen, "parsed, expected "
			    "ill-formed"));
		return (conform_reason(ex, r, why, whylen));
	}
	if (r != TCP_ENO_R_NONE)
		return (conform_fail(why, whylen, "rejected (%s), expected "
		    "valid", tcp_eno_reason_name(r)));
	if (conform_check_syn(&syn, ex, "parse", why, whylen) != 0)
		return (1);
	/* What we parse we can send again, meaning the same. */
	r = tcp_eno_syn_encode(&syn, enc, sizeof(enc), &elen);
	if (r != TCP_ENO_R_NONE)
		return (conform_fail(why, whylen, "re-encode: %s",
		    tcp_eno_reason_name(r)));
	r = tcp_eno_syn_parse(&again, enc, elen);
	if (r != TCP_ENO_R_NONE)
		return (conform_fail(why, whylen, "re-parse: %s",
		    tcp_eno_reason_name(r)));
	return (conform_check_syn(&again, ex, "re-parse", why, whylen));
}

int
conform_syn(const struct tj_value *c, char *why, size_t whylen)
{
	const struct tj_value *ex = tj_get(c, "expect");
	uint8_t want[CONFORM_BUF], opt[CONFORM_BUF];
	struct tcp_eno_conf conf;
	struct tcp_eno_conn conn;
	struct tcp_eno_status st;
	long long gopt = 0, room = TCP_ENO_OPT_MAX;
	size_t n, wlen, olen;
	int have;

	memset(&conf, 0, sizeof(conf));
	if (conform_bytes_list(c, "teps", conf.ecf_teps,
	    sizeof(conf.ecf_teps), &n) != 0)
		return (conform_fail(why, whylen, "bad teps"));
	conf.ecf_nteps = (uint8_t)n;
	if ((tj_get(c, "gopt") != NULL && conform_int(c, "gopt", &gopt)) ||
	    gopt < 0 || gopt > TCP_ENO_GOPT_MASK ||
	    (tj_get(c, "room") != NULL && conform_int(c, "room", &room)) ||
	    room < 0 || room > CONFORM_BUF ||
	    conform_bool(c, "aa_mandatory", false, &conf.ecf_aa_mandatory))
		return (conform_fail(why, whylen, "bad gopt/room/aa_mandatory"));
	conf.ecf_gopt = (uint8_t)gopt;
	conf.ecf_attempt = true;
	have = conform_hex(ex, "contents", want, sizeof(want), &wlen);
	if (have < 0)
		return (conform_fail(why, whylen, "bad expect.contents"));
	if (tcp_eno_conn_init(&conn, conform_registry(), NULL, &conf) !=
	    TCP_ENO_R_NONE)
		return (conform_fail(why, whylen, "conn_init refused"));
	(void)tcp_eno_poll_syn(&conn, opt, (size_t)room, &olen);
	tcp_eno_conn_status(&conn, &st);
	if (have == 0) {
		if (olen != 0)
			return (conform_fail(why, whylen, "sent %zu option "
			    "bytes, expected none", olen));
		return (conform_reason(ex, st.est_reason, why, whylen));
	}
	if (olen < 2 || opt[0] != TCP_ENO_KIND || opt[1] != olen ||
	    olen - 2 != wlen || memcmp(opt + 2, want, wlen) != 0) {
		char got[2 * CONFORM_BUF + 1];

		conform_hexstr(opt, olen, got, sizeof(got));
		return (conform_fail(why, whylen, "sent option '%s'", got));
	}
	return (0);
}

int
conform_tcpopts(const struct tj_value *c, char *why, size_t whylen)
{
	const struct tj_value *ex = tj_get(c, "expect");
	uint8_t opts[CONFORM_BUF], want[CONFORM_BUF];
	const uint8_t *contents;
	long long count;
	size_t len, wlen, clen;
	unsigned int n;
	int have;

	if (conform_hex(c, "options", opts, sizeof(opts), &len) != 1 ||
	    conform_int(ex, "count", &count) != 0)
		return (conform_fail(why, whylen, "bad options/expect.count"));
	have = conform_hex(ex, "eno", want, sizeof(want), &wlen);
	if (have < 0)
		return (conform_fail(why, whylen, "bad expect.eno"));
	n = tcp_eno_options_find(opts, len, &contents, &clen);
	if (n != count)
		return (conform_fail(why, whylen, "%u ENO options, expected "
		    "%lld", n, count));
	if (have == 0 ? contents != NULL : (contents == NULL ||
	    clen != wlen || memcmp(contents, want, wlen) != 0))
		return (conform_fail(why, whylen, "first ENO contents differ"));
	return (0);
}
