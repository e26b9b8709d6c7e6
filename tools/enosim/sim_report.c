/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: reports (see sim_report.h).  JSON fields per host are those of
 * issue 4: enabled, role, negtep, sessid, self_name, peer_name,
 * crypt_conf, transcript, resumed, error, bytes_sent, bytes_received,
 * data_ok; values the application could not read are null.  A few extra
 * fields help diagnosis (reason: the engine reason behind an error or a
 * fallback; the key generations).
 */
#include <string.h>

#include "sim_json.h"
#include "sim_report.h"

static void
json_bytes(struct sim_json *j, const char *key, const uint8_t *b,
    size_t len)
{

	if (len == 0)
		sim_json_null(j, key);
	else
		sim_json_hex(j, key, b, len);
}

static void
json_int_or_null(struct sim_json *j, const char *key, int v)
{

	if (v < 0)
		sim_json_null(j, key);
	else
		sim_json_int(j, key, v);
}

static void
json_host(struct sim_json *j, const char *key, const struct sim_result *r)
{

	sim_json_obj_begin(j, key);
	sim_json_bool(j, "enabled", r->enabled);
	json_int_or_null(j, "role", r->role);
	json_int_or_null(j, "negtep", r->negtep);
	json_bytes(j, "sessid", r->sessid, r->sessid_len);
	json_bytes(j, "self_name", r->self_name, r->self_name_len);
	json_bytes(j, "peer_name", r->peer_name, r->peer_name_len);
	json_int_or_null(j, "crypt_conf", r->crypt_conf);
	json_bytes(j, "transcript", r->transcript, r->transcript_len);
	sim_json_bool(j, "resumed", r->resumed);
	sim_json_str(j, "error", r->error);
	sim_json_uint(j, "bytes_sent", r->bytes_sent);
	sim_json_uint(j, "bytes_received", r->bytes_received);
	sim_json_bool(j, "data_ok", r->data_ok);
	sim_json_bool(j, "eof", r->eof);
	sim_json_str(j, "reason", r->reason);
	sim_json_uint(j, "local_generation", r->local_gen);
	sim_json_uint(j, "remote_generation", r->remote_gen);
	sim_json_obj_end(j);
}

static void
json_conn(struct sim_json *j, const struct sim_conn_result *cr)
{

	json_host(j, "h1", &cr->h[0]);
	json_host(j, "h2", &cr->h[1]);
	sim_json_uint(j, "wire_bytes", cr->wire_bytes);
	sim_json_bool(j, "plaintext_seen_on_wire", cr->plaintext_seen);
	sim_json_bool(j, "stalled", cr->stalled);
	sim_json_uint(j, "segments", cr->segments);
	sim_json_uint(j, "lost", cr->lost);
	sim_json_uint(j, "retransmits", cr->retransmits);
	sim_json_bool(j, "tampered", cr->tampered);
	sim_json_double(j, "virtual_ms", (double)cr->usec / 1000.0);
}

void
sim_report_json(FILE *fp, const struct sim_opts *o,
    const struct sim_conn_result *res, int pretty)
{
	struct sim_json j;
	int k;

	sim_json_init(&j, fp, pretty);
	sim_json_obj_begin(&j, NULL);
	json_conn(&j, &res[o->connections - 1]);
	sim_json_uint(&j, "seed", o->seed);
	sim_json_arr_begin(&j, "connections");
	for (k = 0; k < o->connections; k++) {
		sim_json_obj_begin(&j, NULL);
		json_conn(&j, &res[k]);
		sim_json_obj_end(&j);
	}
	sim_json_arr_end(&j);
	sim_json_obj_end(&j);
}

/*
 * A host ends well with its data intact or with an error it reports.
 * Plain TCP cannot notice a middlebox that alters payload and fixes the
 * checksums: on a tampered unencrypted connection bad data is expected.
 */
static int
host_ok(const struct sim_conn_result *cr, const struct sim_result *r)
{

	if (r->error != NULL)
		return (strcmp(r->error, "ETIMEDOUT") != 0);
	if (cr->tampered && !cr->h[0].enabled && !cr->h[1].enabled)
		return (1);
	return (r->data_ok);
}

int
sim_report_verdict(const struct sim_opts *o, const struct sim_conn_result *res)
{
	const struct sim_conn_result *cr;
	int k;

	for (k = 0; k < o->connections; k++) {
		cr = &res[k];
		if (cr->stalled || !host_ok(cr, &cr->h[0]) ||
		    !host_ok(cr, &cr->h[1]))
			return (0);
		/* RFC 8547 4.6: once enabled, no plaintext application data. */
		if (cr->h[0].enabled && cr->h[1].enabled &&
		    o->host[0].raw_len == 0 && o->host[1].raw_len == 0 &&
		    cr->plaintext_seen)
			return (0);
	}
	return (1);
}

static void
demo_hex(FILE *fp, const uint8_t *b, size_t len, size_t max)
{
	size_t i;

	for (i = 0; i < len && i < max; i++)
		fprintf(fp, "%02x", b[i]);
	if (len > max)
		fprintf(fp, "...");
}

static void
demo_host(FILE *fp, int i, const struct sim_result *r)
{

	fprintf(fp, "  h%d: ", i + 1);
	if (!r->enabled) {
		fprintf(fp, "not encrypted (%s)", r->reason != NULL ?
		    r->reason : "ENO not negotiated");
	} else {
		fprintf(fp, "role %c, TEP 0x%02x, AEAD 0x%04x%s\n      "
		    "session ID ", r->role == 1 ? 'B' : 'A', r->negtep,
		    r->crypt_conf < 0 ? 0 : r->crypt_conf,
		    r->resumed ? ", resumed" : "");
		demo_hex(fp, r->sessid, r->sessid_len, 12);
		fprintf(fp, "\n      TCP_ENO_SELF_NAME ");
		demo_hex(fp, r->self_name, r->self_name_len, 8);
		fprintf(fp, "  TCP_ENO_PEER_NAME ");
		demo_hex(fp, r->peer_name, r->peer_name_len, 8);
	}
	if (r->error != NULL)
		fprintf(fp, ", error %s (%s)", r->error, r->reason);
	fprintf(fp, "\n      received %ju bytes, %s\n",
	    (uintmax_t)r->bytes_received, r->data_ok ? "intact" :
	    "NOT intact");
}

void
sim_report_demo(FILE *fp, const struct sim_opts *o,
    const struct sim_conn_result *res)
{
	const struct sim_conn_result *cr;
	const struct sim_result *a, *b;
	int k;

	for (k = 0; k < o->connections; k++) {
		cr = &res[k];
		a = &cr->h[0];
		b = &cr->h[1];
		fprintf(fp, "connection %d:\n", k + 1);
		demo_host(fp, 0, a);
		demo_host(fp, 1, b);
		if (a->enabled && b->enabled)
			fprintf(fp, "  same session ID on both hosts: %s; "
			    "names mirrored: %s\n",
			    a->sessid_len > 0 &&
			    a->sessid_len == b->sessid_len &&
			    memcmp(a->sessid, b->sessid, a->sessid_len) == 0 ?
			    "yes" : "NO",
			    a->self_name_len > 0 &&
			    a->self_name_len == b->peer_name_len &&
			    memcmp(a->self_name, b->peer_name,
			    a->self_name_len) == 0 ? "yes" : "NO");
		fprintf(fp, "  application plaintext seen on the wire: %s\n",
		    cr->plaintext_seen ? "yes" : "no");
	}
}
