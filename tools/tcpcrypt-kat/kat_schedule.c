/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * tcpcrypt-kat, key schedule (RFC 8548 3.3-3.5):
 *   PRK = Extract(N_A, eno_transcript | Init1 | Init2 | ES) = ss[0],
 *   ss[i] = CPRF(ss[i-1], CONST_NEXTK), session_id[0] with the TEP byte as
 *   B sent it for a fresh exchange (v = 0), mk[0] with the empty sn[0],
 *   mk[j], k_ab[j] / k_ba[j]; resumption from ss[i] of the same chain with
 *   sn[i] = nonce_a | nonce_b, resume[i], and the session ID with v = 1.
 */
#include <stdio.h>
#include <string.h>

#include "kat.h"

#define	KAT_ENO_V_BIT	0x80	/* RFC 8547 4.4 */

static size_t
kat_max(size_t a, size_t b)
{
	return (a > b ? a : b);
}

/* How long each chain must be: the lists, resumption i, frame gens. */
static void
kat_chain_lengths(struct kat_case *c, size_t *nss, size_t *nmk)
{
	const struct tj_value *ex = tj_get(c->v, "expect");
	const struct tj_value *rs = tj_get(c->v, "resume");
	const struct tj_value *fr = tj_get(c->v, "frames");
	long long n;
	size_t i;

	*nss = kat_max(1, tj_len(tj_get(ex, "ss")));
	for (i = 0; i < tj_len(rs); i++)
		if (tj_int(tj_get(tj_at(rs, i), "i"), &n) == 0 && n >= 0 &&
		    n < KAT_MAX_SS)
			*nss = kat_max(*nss, (size_t)n + 1);
	*nmk = kat_max(1, tj_len(tj_get(ex, "mk")));
	*nmk = kat_max(*nmk, tj_len(tj_get(ex, "k_ab")));
	*nmk = kat_max(*nmk, tj_len(tj_get(ex, "k_ba")));
	for (i = 0; i < tj_len(fr); i++)
		if (tj_int(tj_get(tj_at(fr, i), "gen"), &n) == 0 && n >= 0 &&
		    n < KAT_MAX_GENS)
			*nmk = kat_max(*nmk, (size_t)n + 1);
}

static int
kat_prk(struct kat_case *c, const uint8_t *es, size_t es_len)
{
	static uint8_t n_a[KAT_HEX_MAX], tr[KAT_HEX_MAX], i1[KAT_HEX_MAX];
	static uint8_t i2[KAT_HEX_MAX];
	size_t na_len, tr_len, i1_len, i2_len;

	if (kat_hex(c, c->v, "n_a", n_a, sizeof(n_a), &na_len) != 0 ||
	    kat_hex(c, c->v, "transcript", tr, sizeof(tr), &tr_len) != 0 ||
	    kat_hex(c, c->v, "init1", i1, sizeof(i1), &i1_len) != 0 ||
	    kat_hex(c, c->v, "init2", i2, sizeof(i2), &i2_len) != 0)
		return (-1);
	return (kat_call(c, "prk", tcpcrypt_core_prk(&c->ss[0], n_a, na_len,
	    tr, tr_len, i1, i1_len, i2, i2_len, es, es_len)));
}

/* k_ab[j] and k_ba[j] (K | NR) from mk[j]; dir 0 = k_ab, 1 = k_ba. */
static int
kat_traffic(struct kat_case *c, const struct tcpcrypt_core_secret *mk,
    const char *name, size_t j, const struct tj_value *want_ab,
    const struct tj_value *want_ba)
{
	uint8_t k[TCPCRYPT_CORE_TRAFFIC_KEY_MAX];
	char what[48];
	size_t n;
	unsigned dir;
	int rc = 0;

	for (dir = 0; dir < 2 && rc == 0; dir++) {
		const struct tj_value *want = dir == 0 ? want_ab : want_ba;

		if (want == NULL)
			continue;
		snprintf(what, sizeof(what), "%s[%zu]", dir == 0 ? "k_ab" :
		    "k_ba", j);
		if (name != NULL)
			snprintf(what, sizeof(what), "%s %s", name,
			    dir == 0 ? "k_ab0" : "k_ba0");
		rc = kat_call(c, what, tcpcrypt_core_traffic_key(mk, c->aead,
		    dir, k, sizeof(k), &n));
		if (rc == 0)
			rc = kat_expect(c, what, k, n, want);
	}
	explicit_bzero(k, sizeof(k));
	return (rc);
}

static int
kat_check_ss(struct kat_case *c, size_t nss)
{
	const struct tj_value *want = tj_get(tj_get(c->v, "expect"), "ss");
	uint8_t sid[TCPCRYPT_CORE_SESSID_LEN], none = 0;
	char what[32];
	size_t i, n;

	for (i = 1; i < nss; i++)
		if (kat_call(c, "ss_next", tcpcrypt_core_ss_next(&c->ss[i - 1],
		    &c->ss[i])) != 0)
			return (-1);
	c->nss = nss;
	for (i = 0; i < tj_len(want); i++) {
		snprintf(what, sizeof(what), "ss[%zu]", i);
		if (kat_expect_secret(c, what, &c->ss[i], tj_at(want, i)) != 0)
			return (-1);
	}
	if (kat_call(c, "session_id", tcpcrypt_core_session_id(&c->ss[0],
	    c->tep, &none, 0, sid, sizeof(sid), &n)) != 0)
		return (-1);
	return (kat_expect(c, "sid", sid, n,
	    tj_get(tj_get(c->v, "expect"), "sid")));
}

static int
kat_check_mk(struct kat_case *c, size_t nmk)
{
	const struct tj_value *ex = tj_get(c->v, "expect");
	const struct tj_value *mk = tj_get(ex, "mk");
	uint8_t none = 0;
	char what[32];
	size_t j;

	if (kat_call(c, "mk_first", tcpcrypt_core_mk_first(&c->ss[0], &none,
	    0, &c->mk[0])) != 0)
		return (-1);
	for (j = 1; j < nmk; j++)
		if (kat_call(c, "mk_next", tcpcrypt_core_mk_next(&c->mk[j - 1],
		    &c->mk[j])) != 0)
			return (-1);
	c->nmk = nmk;
	for (j = 0; j < nmk; j++) {
		snprintf(what, sizeof(what), "mk[%zu]", j);
		if (j < tj_len(mk) &&
		    kat_expect_secret(c, what, &c->mk[j], tj_at(mk, j)) != 0)
			return (-1);
		if (kat_traffic(c, &c->mk[j], NULL, j,
		    tj_at(tj_get(ex, "k_ab"), j),
		    tj_at(tj_get(ex, "k_ba"), j)) != 0)
			return (-1);
	}
	return (0);
}

int
kat_check_schedule(struct kat_case *c, const uint8_t *es, size_t es_len)
{
	size_t nss, nmk;

	kat_chain_lengths(c, &nss, &nmk);
	if (kat_prk(c, es, es_len) != 0 || kat_check_ss(c, nss) != 0)
		return (-1);
	return (kat_check_mk(c, nmk));
}

static int
kat_resume_one(struct kat_case *c, const struct tj_value *r)
{
	const struct tj_value *ex = tj_get(r, "expect");
	struct tcpcrypt_core_secret mk0;
	uint8_t sn[2 * KAT_HEX_MAX], out[TCPCRYPT_CORE_SESSID_LEN];
	size_t la, lb, n;
	long long i;
	char what[40];
	int rc = -1;

	memset(&mk0, 0, sizeof(mk0));
	if (tj_int(tj_get(r, "i"), &i) != 0 || i < 0 || (size_t)i >= c->nss) {
		kat_fail(c, "resume: bad i");
		return (-1);
	}
	/* sn[i] = nonce_a | nonce_b (RFC 8548 3.5). */
	if (kat_hex(c, r, "nonce_a", sn, KAT_HEX_MAX, &la) != 0 ||
	    kat_hex(c, r, "nonce_b", sn + la, KAT_HEX_MAX, &lb) != 0)
		return (-1);
	snprintf(what, sizeof(what), "resume[%lld]", i);
	if (kat_call(c, what, tcpcrypt_core_resume_id(&c->ss[i], out,
	    sizeof(out), &n)) != 0 ||
	    kat_expect(c, what, out, n, tj_get(ex, "resume")) != 0)
		goto out;
	snprintf(what, sizeof(what), "resumed session_id[%lld]", i);
	if (kat_call(c, what, tcpcrypt_core_session_id(&c->ss[i],
	    c->tep | KAT_ENO_V_BIT, sn, la + lb, out, sizeof(out), &n)) != 0 ||
	    kat_expect(c, what, out, n, tj_get(ex, "sid")) != 0)
		goto out;
	snprintf(what, sizeof(what), "resumed[%lld] mk0", i);
	if (kat_call(c, what, tcpcrypt_core_mk_first(&c->ss[i], sn, la + lb,
	    &mk0)) != 0 ||
	    kat_expect_secret(c, what, &mk0, tj_get(ex, "mk0")) != 0)
		goto out;
	snprintf(what, sizeof(what), "resumed[%lld]", i);
	rc = kat_traffic(c, &mk0, what, 0, tj_get(ex, "k_ab0"),
	    tj_get(ex, "k_ba0"));
out:
	tcpcrypt_core_secret_reset(&mk0);
	return (rc);
}

int
kat_check_resume(struct kat_case *c)
{
	const struct tj_value *rs = tj_get(c->v, "resume");
	size_t i;

	for (i = 0; i < tj_len(rs); i++)
		if (kat_resume_one(c, tj_at(rs, i)) != 0)
			return (-1);
	return (0);
}
