/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: segment log (see sim_trace.h).
 */
#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include "sim_trace.h"

#define	TRACE_PREVIEW	24

static void
trace_ip(FILE *fp, uint32_t ip, uint16_t port)
{

	fprintf(fp, "%u.%u.%u.%u:%u", ip >> 24, (ip >> 16) & 0xff,
	    (ip >> 8) & 0xff, ip & 0xff, port);
}

void
sim_trace_conn(FILE *fp, int k, uint32_t ip1, uint16_t port1, uint32_t ip2,
    uint16_t port2)
{

	fprintf(fp, "--- connection %d: h1 ", k);
	trace_ip(fp, ip1, port1);
	fprintf(fp, " -> h2 ");
	trace_ip(fp, ip2, port2);
	fprintf(fp, "\n");
}

static void
trace_flags(FILE *fp, uint8_t f)
{
	char buf[32] = "";

	if (f & SIM_TH_SYN)
		strcat(buf, "SYN,");
	if (f & SIM_TH_FIN)
		strcat(buf, "FIN,");
	if (f & SIM_TH_RST)
		strcat(buf, "RST,");
	if (f & SIM_TH_PUSH)
		strcat(buf, "PSH,");
	if (f & SIM_TH_ACK)
		strcat(buf, "ACK,");
	if (buf[0] != '\0')
		buf[strlen(buf) - 1] = '\0';
	fprintf(fp, "%-12s", buf);
}

static void
trace_opts(FILE *fp, const struct sim_seg *seg)
{
	struct sim_opt o[SIM_MAX_OPTS];
	int i, j, n;

	n = sim_wire_opts(seg->opts, seg->optlen, o, SIM_MAX_OPTS);
	for (i = 0; i < n; i++) {
		if (o[i].kind == SIM_TCPOPT_MSS && o[i].len == 4) {
			fprintf(fp, " MSS=%u",
			    o[i].data[2] << 8 | o[i].data[3]);
			continue;
		}
		fprintf(fp, " %s[", o[i].kind == SIM_TCPOPT_ENO ? "ENO" :
		    "opt");
		for (j = 0; j < o[i].len; j++)
			fprintf(fp, "%s%02x", j > 0 ? " " : "", o[i].data[j]);
		fprintf(fp, "]");
	}
}

static void
trace_payload(FILE *fp, const uint8_t *p, size_t len, int text)
{
	size_t i, n = len < TRACE_PREVIEW ? len : TRACE_PREVIEW;
	int printable = 1;

	for (i = 0; i < n; i++)
		if (!isprint(p[i]) && p[i] != '\n')
			printable = 0;
	if (text && printable) {
		fprintf(fp, " \"");
		for (i = 0; i < n; i++) {
			if (p[i] == '\n')
				fputs("\\n", fp);
			else
				fputc(p[i], fp);
		}
		fprintf(fp, "%s\"", n < len ? "..." : "");
		return;
	}
	fprintf(fp, " ");
	for (i = 0; i < n && i < 12; i++)
		fprintf(fp, "%02x", p[i]);
	if (len > 12)
		fprintf(fp, "...");
}

void
sim_trace_seg(FILE *fp, uint64_t usec, int from, const struct sim_seg *seg,
    int text)
{

	fprintf(fp, "%9.3f ms  h%d > h%d  ", (double)usec / 1000.0, from + 1,
	    2 - from);
	trace_flags(fp, seg->flags);
	fprintf(fp, " len=%-5zu", seg->len);
	trace_opts(fp, seg);
	if (seg->len > 0)
		trace_payload(fp, seg->payload, seg->len, text);
	fprintf(fp, "\n");
}
