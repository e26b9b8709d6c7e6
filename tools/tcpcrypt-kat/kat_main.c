/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * tcpcrypt-kat FILE.json: checks every case of a known-answer file against
 * crypto-core (see kat.h for what is checked and the RFC 8548 sections).
 * Prints one line per case, "ok   NAME ..." or "FAIL NAME: first failure",
 * then "N passed, M failed"; exits 0 only if M is 0 (2 on a usage or file
 * error).
 *
 * Usage: tcpcrypt-kat [-s stride] [-v] FILE.json
 *   (default) every bit of every frame is flipped, each flip opened
 *   -s  sample frames longer than 4096 bytes: every bit of their first and
 *       last 64 bytes (header, flags, urgent field, tag) and one bit of
 *       every stride-th byte between, the bit index rotating
 *   -v  also print what each passing case covered
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kat.h"

#define	KAT_SAMPLE_ABOVE	4096	/* -s: frames longer than this */

static int
kat_case_ids(struct kat_case *c)
{
	long long tep, aead;

	if (tj_int(tj_get(c->v, "tep"), &tep) != 0 || tep < 0 || tep > 255 ||
	    tj_int(tj_get(c->v, "aead"), &aead) != 0 || aead < 0 ||
	    aead > 0xffff) {
		kat_fail(c, "tep or aead missing or out of range");
		return (-1);
	}
	c->tep = (uint8_t)tep;
	c->aead = (uint16_t)aead;
	return (0);
}

static void
kat_case_run(struct kat_case *c)
{
	uint8_t es[TCPCRYPT_CORE_ES_MAX];
	size_t es_len = 0;

	if (kat_case_ids(c) != 0)
		return;
	if (tj_get(c->v, "pub_b_override") != NULL) {
		kat_check_invalid_key(c);
		return;
	}
	if (kat_check_kx(c, es, sizeof(es), &es_len) == 0 &&
	    kat_check_schedule(c, es, es_len) == 0 &&
	    kat_check_resume(c) == 0)
		kat_check_frames(c);
	explicit_bzero(es, sizeof(es));
}

static void
kat_case_wipe(struct kat_case *c)
{
	size_t i;

	for (i = 0; i < KAT_MAX_SS; i++)
		tcpcrypt_core_secret_reset(&c->ss[i]);
	for (i = 0; i < KAT_MAX_GENS; i++)
		tcpcrypt_core_secret_reset(&c->mk[i]);
}

/* Returns 1 if the case passed. */
static int
kat_case(const struct tj_value *v, size_t idx, const struct kat_opts *o)
{
	static struct kat_case c;
	char fallback[32];
	int ok;

	memset(&c, 0, sizeof(c));
	c.v = v;
	c.opts = o;
	if (tj_str(tj_get(v, "name"), &c.name) != 0) {
		snprintf(fallback, sizeof(fallback), "(case %zu)", idx);
		c.name = fallback;
	}
	kat_case_run(&c);
	ok = c.failed == 0;
	if (!ok)
		printf("FAIL %s: %s\n", c.name, c.why);
	else if (o->verbose)
		printf("ok   %s (%zu ss, %zu mk, %zu resumptions, %lu frames, "
		    "%lu flips)\n", c.name, c.nss, c.nmk,
		    tj_len(tj_get(v, "resume")), c.frames, c.flips);
	else
		printf("ok   %s\n", c.name);
	kat_case_wipe(&c);
	return (ok);
}

int
main(int argc, char **argv)
{
	struct kat_opts o = { 0, 1, 0 };
	const struct tj_value *root;
	struct tj_doc *doc;
	char err[256];
	size_t i, passed = 0, failed = 0;
	int ch;

	while ((ch = getopt(argc, argv, "s:v")) != -1) {
		switch (ch) {
		case 's':
			o.flip_all_max = KAT_SAMPLE_ABOVE;
			o.flip_stride = strtoul(optarg, NULL, 10);
			if (o.flip_stride == 0)
				goto usage;
			break;
		case 'v':
			o.verbose = 1;
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 1)
		goto usage;
	if ((doc = tj_parse_file(argv[optind], err, sizeof(err))) == NULL) {
		fprintf(stderr, "tcpcrypt-kat: %s: %s\n", argv[optind], err);
		return (2);
	}
	root = tj_root(doc);
	if (tj_type(root) != TJ_ARRAY) {
		fprintf(stderr, "tcpcrypt-kat: %s: not a JSON array of cases\n",
		    argv[optind]);
		tj_free(doc);
		return (2);
	}
	for (i = 0; i < tj_len(root); i++) {
		if (kat_case(tj_at(root, i), i, &o))
			passed++;
		else
			failed++;
	}
	tj_free(doc);
	printf("%zu passed, %zu failed\n", passed, failed);
	return (failed == 0 ? 0 : 1);
usage:
	fprintf(stderr,
	    "usage: tcpcrypt-kat [-s stride] [-v] FILE.json\n");
	return (2);
}
