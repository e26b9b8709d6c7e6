/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * tcpcrypt-bench: crypto-core against OpenSSL libcrypto (EVP) doing the
 * same tcpcrypt work, in one run on one machine (issue 2, `make bench`):
 *
 *   - seal and open of 16 KiB-data frames (RFC 8548 3.6, 4.2) for each
 *     AEAD of Table 5: MB/s of application data;
 *   - key agreement for each TEP of Table 4 (RFC 8548 5): a key pair, its
 *     public key in wire form, the peer's wire key decoded and validated,
 *     ES derived: operations per second; and the agreement half alone
 *     (decode, validate, derive) with a key pair made beforehand.
 *
 * Each figure is measured in R rounds that interleave the two libraries, so
 * that load from other users of the machine hits both alike; the ratio is
 * the median of the per-round ratios, printed with its range.  Before any
 * timing the two libraries must produce the same frames and the same ES.
 *
 * Usage: tcpcrypt-bench [-r rounds] [-t seconds-per-figure]
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "bench_core.h"
#include "bench_ossl.h"
#include "bench_time.h"

#define	FRAME_DATA	(16 * 1024)
#define	FRAME_CAP	(FRAME_DATA + 64)
#define	MAX_ROUNDS	50
#define	PUB_CAP		160
#define	ES_CAP		80

enum impl { IMPL_CORE, IMPL_OSSL };

struct aead_work {
	enum impl		 impl;
	struct bench_core_aead	*core;
	struct bench_ossl_aead	*ossl;
	uint64_t		 offset;	/* of the next frame sealed */
	uint64_t		 open_offset;	/* of the frame in sealed */
	uint8_t			*buf;
	const uint8_t		*sealed;	/* a valid frame, for open */
	size_t			 sealed_len;
};

struct kx_work {
	enum impl	 impl;
	uint8_t		 tep;
	const uint8_t	*sk;
	size_t		 sk_len;
	const uint8_t	*peer;
	size_t		 peer_len;
	struct bench_core_kx *core;	/* key pair made once, for op_agree */
	struct bench_ossl_kx *ossl;
};

struct row {
	char	name[40];
	const char *unit;
	double	core[MAX_ROUNDS];
	double	ossl[MAX_ROUNDS];
	double	share[MAX_ROUNDS];
};

static const struct {
	uint16_t	 id;
	const char	*name;
	size_t		 tk_len;
} aeads[] = {
	{ 0x0001, "aes128gcm", 16 + 12 },
	{ 0x0002, "aes256gcm", 32 + 12 },
	{ 0x0010, "chacha20poly1305", 32 + 12 },
};

static const struct {
	uint8_t		 tep;
	const char	*name;
	size_t		 sk_len;
} teps[] = {
	{ 0x21, "p256", 32 },
	{ 0x22, "p521", 66 },
	{ 0x23, "x25519", 32 },
	{ 0x24, "x448", 56 },
};

#define	NAEADS	(sizeof(aeads) / sizeof(aeads[0]))
#define	NTEPS	(sizeof(teps) / sizeof(teps[0]))

static int
op_seal(void *arg)
{
	struct aead_work *w = arg;
	size_t flen;
	int rc;

	if (w->impl == IMPL_CORE)
		rc = bench_core_seal(w->core, w->offset, 0, 0, w->buf,
		    FRAME_CAP, FRAME_DATA, &flen);
	else
		rc = bench_ossl_seal(w->ossl, w->offset, 0, 0, w->buf,
		    FRAME_DATA, &flen);
	w->offset += flen;
	return (rc);
}

/* Open works in place, so each open starts from a fresh copy. */
static int
op_open(void *arg)
{
	struct aead_work *w = arg;

	memcpy(w->buf, w->sealed, w->sealed_len);
	if (w->impl == IMPL_CORE)
		return (bench_core_open(w->core, w->open_offset, w->buf,
		    w->sealed_len));
	return (bench_ossl_open(w->ossl, w->open_offset, w->buf,
	    w->sealed_len));
}

/* The copy alone, subtracted from the open figures of both libraries. */
static int
op_copy(void *arg)
{
	struct aead_work *w = arg;

	memcpy(w->buf, w->sealed, w->sealed_len);
	__asm__ __volatile__("" : : "r"(w->buf) : "memory");
	return (0);
}

static int
op_kx(void *arg)
{
	struct kx_work *w = arg;
	uint8_t pub[PUB_CAP], es[ES_CAP];
	size_t pub_len = sizeof(pub), es_len = sizeof(es);

	if (w->impl == IMPL_CORE)
		return (bench_core_kx(w->tep, w->sk, w->sk_len, w->peer,
		    w->peer_len, pub, &pub_len, es, &es_len));
	return (bench_ossl_kx(w->tep, w->sk, w->sk_len, w->peer, w->peer_len,
	    pub, &pub_len, es, &es_len));
}

/* Agreement only: decode and validate the peer's key, derive ES. */
static int
op_agree(void *arg)
{
	struct kx_work *w = arg;
	uint8_t es[ES_CAP];
	size_t es_len = sizeof(es);

	if (w->impl == IMPL_CORE)
		return (bench_core_kx_agree(w->core, w->peer, w->peer_len, es,
		    &es_len));
	return (bench_ossl_kx_agree(w->ossl, w->peer, w->peer_len, es,
	    &es_len));
}

static void
fill(uint8_t *p, size_t n, uint8_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + 131 * i);
}

/*
 * Both libraries must seal the same frame to the same bytes and open each
 * other's frames before their speed means anything.
 */
static void
check_aead(size_t i, struct aead_work *c, struct aead_work *o)
{
	static uint8_t a[FRAME_CAP], b[FRAME_CAP];
	size_t la, lb;

	fill(a + 4, FRAME_DATA, 7);
	memcpy(b, a, sizeof(a));
	if (bench_core_seal(c->core, 4242, 0, 0, a, FRAME_CAP, FRAME_DATA,
	    &la) != 0 || bench_ossl_seal(o->ossl, 4242, 0, 0, b, FRAME_DATA,
	    &lb) != 0)
		errx(2, "%s: seal failed", aeads[i].name);
	if (la != lb || memcmp(a, b, la) != 0)
		errx(2, "%s: crypto-core and OpenSSL frames differ",
		    aeads[i].name);
	if (bench_core_open(c->core, 4242, b, lb) != 0 ||
	    bench_ossl_open(o->ossl, 4242, a, la) != 0)
		errx(2, "%s: cross open failed", aeads[i].name);
}

static void
setup_aead(size_t i, struct aead_work *c, struct aead_work *o,
    uint8_t *sealed)
{
	uint8_t tk[64];
	size_t flen;

	fill(tk, aeads[i].tk_len, (uint8_t)(i + 1));
	memset(c, 0, sizeof(*c));
	memset(o, 0, sizeof(*o));
	c->impl = IMPL_CORE;
	o->impl = IMPL_OSSL;
	c->core = bench_core_aead_new(aeads[i].id, tk, aeads[i].tk_len);
	o->ossl = bench_ossl_aead_new(aeads[i].id, tk, aeads[i].tk_len);
	if (c->core == NULL || o->ossl == NULL)
		errx(2, "%s: cannot set up the AEAD", aeads[i].name);
	check_aead(i, c, o);
	c->buf = malloc(FRAME_CAP);
	o->buf = malloc(FRAME_CAP);
	if (c->buf == NULL || o->buf == NULL)
		err(2, "malloc");
	fill(sealed + 4, FRAME_DATA, 9);
	if (bench_core_seal(c->core, 1 << 20, 0, 0, sealed, FRAME_CAP,
	    FRAME_DATA, &flen) != 0)
		errx(2, "%s: seal failed", aeads[i].name);
	c->sealed = o->sealed = sealed;
	c->sealed_len = o->sealed_len = flen;
	c->open_offset = o->open_offset = 1 << 20;
	c->offset = o->offset = 1 << 30;
	fill(c->buf + 4, FRAME_DATA, 3);
	fill(o->buf + 4, FRAME_DATA, 3);
}

/* The peer's public key in wire form, made by crypto-core from a fixed key. */
static void
setup_kx(size_t i, struct kx_work *c, struct kx_work *o, uint8_t *sk,
    uint8_t *peer)
{
	uint8_t peer_sk[66], es_c[ES_CAP], es_o[ES_CAP], pub_c[PUB_CAP];
	uint8_t pub_o[PUB_CAP];
	size_t peer_len = PUB_CAP, es_len = ES_CAP, lc = ES_CAP, lo = ES_CAP;
	size_t pc = PUB_CAP, po = PUB_CAP;

	/* Scalars below the group order: top byte small for P-521. */
	fill(sk, teps[i].sk_len, 0x11);
	fill(peer_sk, teps[i].sk_len, 0x5a);
	sk[0] = peer_sk[0] = 0x01;
	if (bench_core_kx(teps[i].tep, peer_sk, teps[i].sk_len, NULL, 0, peer,
	    &peer_len, es_c, &es_len) != 0)
		errx(2, "%s: cannot make the peer key", teps[i].name);
	*c = (struct kx_work){ IMPL_CORE, teps[i].tep, sk, teps[i].sk_len,
	    peer, peer_len, NULL, NULL };
	c->core = bench_core_kx_new(teps[i].tep, sk, teps[i].sk_len);
	*o = *c;
	o->impl = IMPL_OSSL;
	o->ossl = bench_ossl_kx_new(teps[i].tep, sk, teps[i].sk_len);
	if (c->core == NULL || o->ossl == NULL)
		errx(2, "%s: cannot make a key pair", teps[i].name);
	if (bench_core_kx(teps[i].tep, sk, teps[i].sk_len, peer, peer_len,
	    pub_c, &pc, es_c, &lc) != 0 || bench_ossl_kx(teps[i].tep, sk,
	    teps[i].sk_len, peer, peer_len, pub_o, &po, es_o, &lo) != 0)
		errx(2, "%s: key agreement failed", teps[i].name);
	/* The NIST path of OpenSSL draws its own key pair: ES differs. */
	if (teps[i].tep >= 0x23 && (pc != po || lc != lo ||
	    memcmp(pub_c, pub_o, pc) != 0 || memcmp(es_c, es_o, lc) != 0))
		errx(2, "%s: crypto-core and OpenSSL disagree", teps[i].name);
}

static int
measure_pair(bench_op_fn *fn, void *core_arg, void *ossl_arg, double sec,
    struct row *r, int round)
{
	struct bench_rate rc, ro;

	if (bench_measure(fn, core_arg, sec, &rc) != 0 ||
	    bench_measure(fn, ossl_arg, sec, &ro) != 0)
		return (-1);
	r->core[round] = rc.ops_per_sec;
	r->ossl[round] = ro.ops_per_sec;
	r->share[round] = (rc.cpu_share + ro.cpu_share) / 2;
	return (0);
}

/* ops/s of "copy + open" minus the copy, as MB/s of application data. */
static double
open_mbps(double open_ops, double copy_ops)
{
	double t = 1 / open_ops - 1 / copy_ops;

	return (t > 0 ? FRAME_DATA / t / 1e6 : 0);
}

static void
run_round(struct aead_work (*aw)[2], struct kx_work (*kw)[2],
    struct row *rows, double sec, int round)
{
	struct bench_rate copy;
	size_t i, k;
	int j;

	for (i = 0; i < NAEADS; i++) {
		if (measure_pair(op_seal, &aw[i][0], &aw[i][1], sec,
		    &rows[2 * i], round) != 0 ||
		    measure_pair(op_open, &aw[i][0], &aw[i][1], sec,
		    &rows[2 * i + 1], round) != 0 ||
		    bench_measure(op_copy, &aw[i][0], sec / 4, &copy) != 0)
			errx(2, "%s: operation failed while timing",
			    aeads[i].name);
		for (j = 0; j < 2; j++) {
			double *v = j ? rows[2 * i].ossl : rows[2 * i].core;
			double *u = j ? rows[2 * i + 1].ossl :
			    rows[2 * i + 1].core;

			v[round] = v[round] * FRAME_DATA / 1e6;
			u[round] = open_mbps(u[round], copy.ops_per_sec);
		}
	}
	for (k = 0; k < NTEPS; k++)
		if (measure_pair(op_kx, &kw[k][0], &kw[k][1], sec,
		    &rows[2 * NAEADS + 2 * k], round) != 0 ||
		    measure_pair(op_agree, &kw[k][0], &kw[k][1], sec,
		    &rows[2 * NAEADS + 2 * k + 1], round) != 0)
			errx(2, "%s: key agreement failed while timing",
			    teps[k].name);
}

static void
print_row(const struct row *r, int rounds)
{
	double ratio[MAX_ROUNDS], c[MAX_ROUNDS], o[MAX_ROUNDS], s[MAX_ROUNDS];
	int i;

	for (i = 0; i < rounds; i++) {
		ratio[i] = r->ossl[i] > 0 ? r->core[i] / r->ossl[i] : 0;
		c[i] = r->core[i];
		o[i] = r->ossl[i];
		s[i] = r->share[i];
	}
	printf("%-28s %10.1f %-4s %10.1f %-4s %6.2f   %4.2f-%4.2f   %3.0f%%\n",
	    r->name, bench_median(c, rounds), r->unit,
	    bench_median(o, rounds), r->unit, bench_median(ratio, rounds),
	    bench_min(ratio, rounds), bench_max(ratio, rounds),
	    100 * bench_median(s, rounds));
}

static void
name_rows(struct row *rows)
{
	size_t i;

	for (i = 0; i < NAEADS; i++) {
		snprintf(rows[2 * i].name, sizeof(rows[0].name),
		    "seal %s 16KiB", aeads[i].name);
		snprintf(rows[2 * i + 1].name, sizeof(rows[0].name),
		    "open %s 16KiB", aeads[i].name);
		rows[2 * i].unit = rows[2 * i + 1].unit = "MB/s";
	}
	for (i = 0; i < NTEPS; i++) {
		snprintf(rows[2 * NAEADS + 2 * i].name, sizeof(rows[0].name),
		    "kx %s keypair+agree", teps[i].name);
		snprintf(rows[2 * NAEADS + 2 * i + 1].name, sizeof(rows[0].name),
		    "kx %s agree only", teps[i].name);
		rows[2 * NAEADS + 2 * i].unit = "op/s";
		rows[2 * NAEADS + 2 * i + 1].unit = "op/s";
	}
}

int
main(int argc, char **argv)
{
	static struct row rows[2 * NAEADS + 2 * NTEPS];
	static uint8_t sealed[NAEADS][FRAME_CAP], sk[NTEPS][66];
	static uint8_t peer[NTEPS][PUB_CAP];
	struct aead_work aw[NAEADS][2];
	struct kx_work kw[NTEPS][2];
	double sec = 0.2;
	int ch, rounds = 5, r;
	size_t i;

	while ((ch = getopt(argc, argv, "r:t:")) != -1) {
		switch (ch) {
		case 'r':
			rounds = atoi(optarg);
			break;
		case 't':
			sec = atof(optarg);
			break;
		default:
			fprintf(stderr, "usage: tcpcrypt-bench [-r rounds] "
			    "[-t seconds]\n");
			return (2);
		}
	}
	if (rounds < 1 || rounds > MAX_ROUNDS || sec <= 0)
		errx(2, "rounds must be 1..%d, seconds > 0", MAX_ROUNDS);
	for (i = 0; i < NAEADS; i++)
		setup_aead(i, &aw[i][0], &aw[i][1], sealed[i]);
	for (i = 0; i < NTEPS; i++)
		setup_kx(i, &kw[i][0], &kw[i][1], sk[i], peer[i]);
	name_rows(rows);
	printf("tcpcrypt-bench: crypto-core (%s) vs %s\n", bench_core_route(),
	    OpenSSL_version(OPENSSL_VERSION));
	printf("%d rounds, %.2f s CPU per figure per library, medians; "
	    "frames and ES cross-checked first\n", rounds, sec);
	for (r = 0; r < rounds; r++)
		run_round(aw, kw, rows, sec, r);
	printf("%-28s %15s %15s %6s   %-9s   %s\n", "operation", "crypto-core",
	    "OpenSSL", "ratio", "range", "cpu");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		print_row(&rows[i], rounds);
	return (0);
}
