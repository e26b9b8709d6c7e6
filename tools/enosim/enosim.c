/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: two hosts running the project's TCP-ENO (RFC 8547) and tcpcrypt
 * (RFC 8548) engines over a simulated network, as the FreeBSD kernel runs
 * them.  Prints one JSON object describing each host's end of the last
 * connection (and every connection under "connections"), or with --demo
 * a readable transcript.  See usage() for the options.
 *
 * Exit status: 0 when the run completed as its options imply: nothing
 * stalled, every host either received the peer's data intact or ended
 * with an error it reports (an expected abort: tampering, mandatory
 * modes, ...), and no encrypted connection showed plaintext on the wire;
 * 1 otherwise; 2 for a usage or setup error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hexbuf.h"
#include "sim_json.h"
#include "sim_report.h"
#include "sim_run.h"

enum {
	OPT_TEPS1 = 256, OPT_TEPS2, OPT_ACONF, OPT_BCONF, OPT_BYTES, OPT_MSS,
	OPT_MSS_MIN, OPT_LOSS, OPT_REORDER, OPT_SEED, OPT_SIMULTANEOUS,
	OPT_NO_ENO1, OPT_NO_ENO2, OPT_STRIP, OPT_TAMPER, OPT_REKEY,
	OPT_CONNECTIONS, OPT_AA1, OPT_AA2, OPT_TEPM1, OPT_TEPM2, OPT_PCAP,
	OPT_GOPT1, OPT_GOPT2, OPT_RAW1, OPT_RAW2, OPT_BARE_FIN1,
	OPT_BARE_FIN2, OPT_FLUSH_AFTER, OPT_FLUSH_BEFORE, OPT_DEMO,
	OPT_TRACE, OPT_TEXT, OPT_PRETTY, OPT_RNG_DUMP, OPT_RELAY, OPT_HELP,
};

static const struct option longopts[] = {
	{ "teps1", required_argument, NULL, OPT_TEPS1 },
	{ "teps2", required_argument, NULL, OPT_TEPS2 },
	{ "aconf", required_argument, NULL, OPT_ACONF },
	{ "bconf", required_argument, NULL, OPT_BCONF },
	{ "bytes", required_argument, NULL, OPT_BYTES },
	{ "mss", required_argument, NULL, OPT_MSS },
	{ "mss-min", required_argument, NULL, OPT_MSS_MIN },
	{ "loss", required_argument, NULL, OPT_LOSS },
	{ "reorder", required_argument, NULL, OPT_REORDER },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "simultaneous", no_argument, NULL, OPT_SIMULTANEOUS },
	{ "no-eno1", no_argument, NULL, OPT_NO_ENO1 },
	{ "no-eno2", no_argument, NULL, OPT_NO_ENO2 },
	{ "strip", required_argument, NULL, OPT_STRIP },
	{ "tamper", required_argument, NULL, OPT_TAMPER },
	{ "rekey-every", required_argument, NULL, OPT_REKEY },
	{ "connections", required_argument, NULL, OPT_CONNECTIONS },
	{ "aa-mandatory1", no_argument, NULL, OPT_AA1 },
	{ "aa-mandatory2", no_argument, NULL, OPT_AA2 },
	{ "tep-mandatory1", no_argument, NULL, OPT_TEPM1 },
	{ "tep-mandatory2", no_argument, NULL, OPT_TEPM2 },
	{ "pcap", required_argument, NULL, OPT_PCAP },
	{ "gopt1", required_argument, NULL, OPT_GOPT1 },
	{ "gopt2", required_argument, NULL, OPT_GOPT2 },
	{ "raw1", required_argument, NULL, OPT_RAW1 },
	{ "raw2", required_argument, NULL, OPT_RAW2 },
	{ "bare-fin1", no_argument, NULL, OPT_BARE_FIN1 },
	{ "bare-fin2", no_argument, NULL, OPT_BARE_FIN2 },
	{ "flush-after", required_argument, NULL, OPT_FLUSH_AFTER },
	{ "flush-before", required_argument, NULL, OPT_FLUSH_BEFORE },
	{ "demo", no_argument, NULL, OPT_DEMO },
	{ "trace", no_argument, NULL, OPT_TRACE },
	{ "text", no_argument, NULL, OPT_TEXT },
	{ "pretty", no_argument, NULL, OPT_PRETTY },
	{ "rng-dump", required_argument, NULL, OPT_RNG_DUMP },
	{ "relay", no_argument, NULL, OPT_RELAY },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static void
usage(FILE *fp)
{

	fputs(
"usage: enosim [options]\n"
"  --teps1 HEX, --teps2 HEX   TCP_ENO_TEPS of h1 / h2 (increasing preference)\n"
"  --aconf HEX, --bconf HEX   TCP_CRYPT_ACONF / _BCONF of both hosts\n"
"  --bytes N                  application bytes each way (default 1048576)\n"
"  --mss N, --mss-min N       segment sizes drawn from [mss-min, mss]\n"
"  --loss P, --reorder P      fraction of packets lost / delayed\n"
"  --seed N                   every random choice of the run\n"
"  --simultaneous             both hosts open actively\n"
"  --no-eno1, --no-eno2       a host without TCP-ENO\n"
"  --strip syn|synack|ack     a middlebox deletes ENO from those segments\n"
"  --tamper N                 flip a bit of the N-th payload byte on the wire\n"
"  --rekey-every N            start a new key generation every N frames\n"
"  --connections N            N connections in sequence (resumption)\n"
"  --aa-mandatory1/2, --tep-mandatory1/2   TCP_ENO_*_MANDATORY = 1\n"
"  --gopt1 N, --gopt2 N       TCP_ENO_SELF_GOPT (bit 0 = b, bit 1 = a)\n"
"  --raw1 HEX, --raw2 HEX     TCP_ENO_RAW\n"
"  --bare-fin1, --bare-fin2   that host sends FIN without a FINp frame\n"
"  --flush-after K            h1 sets TCP_CRYPT_CACHE_FLUSH on connection K\n"
"  --flush-before K           ... before connecting connection K\n"
"  --pcap FILE                write the wire to FILE (pcap, raw IPv4)\n"
"  --demo                     readable transcript instead of JSON\n"
"  --trace                    log every segment to stderr\n"
"  --text                     readable application data\n"
"  --pretty                   indent the JSON\n"
"  --rng-dump FILE            the engines' random draws (tests only)\n"
"  --relay                    h1 <-> relay host <-> h2 (a man in the middle);\n"
"                             connections[] lists the two legs\n", fp);
}

static int
parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (*s == '\0' || *s == '-')
		return (-1);
	*v = strtoull(s, &end, 0);
	return (*end == '\0' ? 0 : -1);
}

static int
parse_prob(const char *s, double *v)
{
	char *end;

	*v = strtod(s, &end);
	return (*end == '\0' && *v >= 0.0 && *v <= 1.0 ? 0 : -1);
}

static int
parse_hex(const char *s, uint8_t *out, size_t cap, size_t *len)
{

	if (strncmp(s, "0x", 2) == 0)
		s += 2;
	return (hex_decode(s, out, cap, len));
}

static int
parse_strip(const char *s, enum sim_strip *st)
{

	if (strcmp(s, "syn") == 0)
		*st = SIM_STRIP_SYN;
	else if (strcmp(s, "synack") == 0)
		*st = SIM_STRIP_SYNACK;
	else if (strcmp(s, "ack") == 0)
		*st = SIM_STRIP_ACK;
	else
		return (-1);
	return (0);
}

/* Options with hex byte values; 1 if c is not one of them. */
static int
opts_hex(struct sim_opts *o, int c, const char *a)
{
	struct sim_hostcfg *h1 = &o->host[0], *h2 = &o->host[1];
	struct sim_hostcfg *h;
	int bad;

	switch (c) {
	case OPT_TEPS1:
	case OPT_TEPS2:
		h = &o->host[c - OPT_TEPS1];
		h->teps_set = 1;
		return (parse_hex(a, h->teps, TCP_ENO_MAX_TEPS, &h->teps_len));
	case OPT_RAW1:
	case OPT_RAW2:
		h = &o->host[c - OPT_RAW1];
		return (parse_hex(a, h->raw, TCP_ENO_MAX_RAW, &h->raw_len));
	case OPT_ACONF:
		bad = parse_hex(a, h1->aconf, sizeof(h1->aconf),
		    &h1->aconf_len);
		memcpy(h2->aconf, h1->aconf, sizeof(h1->aconf));
		h2->aconf_len = h1->aconf_len;
		return (bad);
	case OPT_BCONF:
		bad = parse_hex(a, h1->bconf, sizeof(h1->bconf),
		    &h1->bconf_len);
		memcpy(h2->bconf, h1->bconf, sizeof(h1->bconf));
		h2->bconf_len = h1->bconf_len;
		return (bad);
	default:
		return (1);
	}
}

/* Counts and indexes; 1 if c is not one of them. */
static int
opts_count(struct sim_opts *o, int c, const char *a)
{
	uint64_t v;

	switch (c) {
	case OPT_MSS:
	case OPT_MSS_MIN:
		if (parse_u64(a, &v) != 0 || v < 1 || v > SIM_MAX_PAYLOAD)
			return (-1);
		*(c == OPT_MSS ? &o->mss : &o->mss_min) = (size_t)v;
		return (0);
	case OPT_CONNECTIONS:
	case OPT_FLUSH_AFTER:
	case OPT_FLUSH_BEFORE:
		if (parse_u64(a, &v) != 0 || v > SIM_MAX_CONNS ||
		    (c == OPT_CONNECTIONS && v == 0))
			return (-1);
		*(c == OPT_CONNECTIONS ? &o->connections :
		    c == OPT_FLUSH_AFTER ? &o->flush_after :
		    &o->flush_before) = (int)v;
		return (0);
	case OPT_GOPT1:
	case OPT_GOPT2:
		if (parse_u64(a, &v) != 0 || v > 0x1f)
			return (-1);
		o->host[c - OPT_GOPT1].gopt = (int)v;
		return (0);
	default:
		return (1);
	}
}

/* Other valued options; 1 if c is not one of them. */
static int
opts_value(struct sim_opts *o, int c, const char *a)
{
	int bad;

	switch (c) {
	case OPT_BYTES:
		bad = parse_u64(a, &o->bytes) || o->bytes > (1ULL << 30);
		return (bad ? -1 : 0);
	case OPT_LOSS:
		return (parse_prob(a, &o->loss) || o->loss > 0.5 ? -1 : 0);
	case OPT_REORDER:
		return (parse_prob(a, &o->reorder));
	case OPT_SEED:
		return (parse_u64(a, &o->seed));
	case OPT_STRIP:
		return (parse_strip(a, &o->strip));
	case OPT_TAMPER:
		return (parse_u64(a, &o->tamper));
	case OPT_REKEY:
		bad = parse_u64(a, &o->host[0].rekey_frames);
		o->host[1].rekey_frames = o->host[0].rekey_frames;
		return (bad);
	case OPT_PCAP:
		o->pcap = a;
		return (0);
	case OPT_RNG_DUMP:
		o->rng_dump = fopen(a, "w");
		return (o->rng_dump == NULL ? -1 : 0);
	default:
		return (1);
	}
}

/* Flags (host settings); 1 if c is not one of them. */
static int
opts_flag(struct sim_opts *o, int c)
{
	struct sim_hostcfg *h1 = &o->host[0], *h2 = &o->host[1];

	switch (c) {
	case OPT_SIMULTANEOUS:
		o->simultaneous = 1;
		break;
	case OPT_NO_ENO1:
	case OPT_NO_ENO2:
		(c == OPT_NO_ENO1 ? h1 : h2)->no_eno = 1;
		break;
	case OPT_AA1:
	case OPT_AA2:
		(c == OPT_AA1 ? h1 : h2)->aa_mandatory = 1;
		break;
	case OPT_TEPM1:
	case OPT_TEPM2:
		(c == OPT_TEPM1 ? h1 : h2)->tep_mandatory = 1;
		break;
	case OPT_BARE_FIN1:
	case OPT_BARE_FIN2:
		(c == OPT_BARE_FIN1 ? h1 : h2)->bare_fin = 1;
		break;
	case OPT_TEXT:
		o->text = 1;
		break;
	case OPT_RELAY:
		o->relay = 1;
		break;
	case OPT_TRACE:
		o->trace = stderr;
		o->trace_max = 1 << 30;
		break;
	default:
		return (1);
	}
	return (0);
}

/* One option; returns 0, or -1 on a bad value. */
static int
opts_one(struct sim_opts *o, int c, const char *a, int *demo, int *pretty)
{
	int r;

	if (c == OPT_DEMO || c == OPT_PRETTY) {
		*(c == OPT_DEMO ? demo : pretty) = 1;
		return (0);
	}
	if ((r = opts_hex(o, c, a)) != 1 || (r = opts_count(o, c, a)) != 1 ||
	    (r = opts_value(o, c, a)) != 1 || (r = opts_flag(o, c)) != 1)
		return (r == 0 ? 0 : -1);
	return (-1);
}

int
main(int argc, char **argv)
{
	static struct sim_conn_result res[SIM_MAX_CONNS];
	struct sim_opts o;
	int c, demo = 0, pretty = 0, mss_min_set = 0;

	sim_opts_defaults(&o);
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == OPT_HELP) {
			usage(stdout);
			return (0);
		}
		if (c == OPT_MSS_MIN)
			mss_min_set = 1;
		if (c == '?' || opts_one(&o, c, optarg, &demo, &pretty) != 0) {
			if (c != '?')
				fprintf(stderr, "enosim: bad value for --%s: "
				    "%s\n", longopts[c - OPT_TEPS1].name,
				    optarg != NULL ? optarg : "");
			usage(stderr);
			return (2);
		}
	}
	if (optind != argc) {
		usage(stderr);
		return (2);
	}
	if (!mss_min_set || o.mss_min > o.mss)
		o.mss_min = o.mss;
	if (demo) {
		o.text = 1;
		o.trace = stdout;
		o.trace_max = 10;
	}
	if (o.relay) {
		o.connections = 2;	/* the two legs */
		if (sim_run_relay(&o, NULL, res) != 0)
			return (2);
	} else if (sim_tcpcrypt_setup_once() != 0 || sim_run(&o, res) != 0) {
		return (2);
	}
	if (o.rng_dump != NULL && fclose(o.rng_dump) != 0)
		return (2);
	if (demo)
		sim_report_demo(stdout, &o, res);
	else
		sim_report_json(stdout, &o, res, pretty);
	return (sim_report_verdict(&o, res) ? 0 : 1);
}
