/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: JSON writer (see sim_json.h).  key is NULL inside arrays and for
 * the top-level value.
 */
#include <inttypes.h>

#include "sim_json.h"

void
sim_json_init(struct sim_json *j, FILE *fp, int pretty)
{

	j->fp = fp;
	j->depth = 0;
	j->count[0] = 0;
	j->pretty = pretty;
}

static void
json_escaped(FILE *fp, const char *s)
{

	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(fp, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(fp, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, fp);
	}
	fputc('"', fp);
}

static void
json_member(struct sim_json *j, const char *key)
{
	int i;

	if (j->count[j->depth]++ > 0)
		fputc(',', j->fp);
	if (j->pretty && j->depth > 0) {
		fputc('\n', j->fp);
		for (i = 0; i < j->depth; i++)
			fputs("  ", j->fp);
	} else if (j->depth > 0 && j->count[j->depth] > 1) {
		fputc(' ', j->fp);
	}
	if (key != NULL) {
		json_escaped(j->fp, key);
		fputs(": ", j->fp);
	}
}

static void
json_open(struct sim_json *j, const char *key, int c)
{

	json_member(j, key);
	fputc(c, j->fp);
	if (j->depth + 1 < SIM_JSON_DEPTH)
		j->depth++;
	j->count[j->depth] = 0;
}

static void
json_close(struct sim_json *j, int c)
{
	int i, had = j->count[j->depth] > 0;

	if (j->depth > 0)
		j->depth--;
	if (j->pretty && had) {
		fputc('\n', j->fp);
		for (i = 0; i < j->depth; i++)
			fputs("  ", j->fp);
	}
	fputc(c, j->fp);
	if (j->depth == 0)
		fputc('\n', j->fp);
}

void
sim_json_obj_begin(struct sim_json *j, const char *key)
{

	json_open(j, key, '{');
}

void
sim_json_obj_end(struct sim_json *j)
{

	json_close(j, '}');
}

void
sim_json_arr_begin(struct sim_json *j, const char *key)
{

	json_open(j, key, '[');
}

void
sim_json_arr_end(struct sim_json *j)
{

	json_close(j, ']');
}

void
sim_json_str(struct sim_json *j, const char *key, const char *s)
{

	if (s == NULL) {
		sim_json_null(j, key);
		return;
	}
	json_member(j, key);
	json_escaped(j->fp, s);
}

void
sim_json_int(struct sim_json *j, const char *key, long long v)
{

	json_member(j, key);
	fprintf(j->fp, "%lld", v);
}

void
sim_json_uint(struct sim_json *j, const char *key, uint64_t v)
{

	json_member(j, key);
	fprintf(j->fp, "%" PRIu64, v);
}

void
sim_json_bool(struct sim_json *j, const char *key, int v)
{

	json_member(j, key);
	fputs(v ? "true" : "false", j->fp);
}

void
sim_json_null(struct sim_json *j, const char *key)
{

	json_member(j, key);
	fputs("null", j->fp);
}

void
sim_json_hex(struct sim_json *j, const char *key, const uint8_t *b,
    size_t len)
{
	size_t i;

	if (b == NULL) {
		sim_json_null(j, key);
		return;
	}
	json_member(j, key);
	fputc('"', j->fp);
	for (i = 0; i < len; i++)
		fprintf(j->fp, "%02x", b[i]);
	fputc('"', j->fp);
}

void
sim_json_double(struct sim_json *j, const char *key, double v)
{

	json_member(j, key);
	fprintf(j->fp, "%.6g", v);
}
