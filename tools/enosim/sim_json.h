/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: a small JSON writer for the run's result object (RFC 8259).
 * Commas are placed by the writer; keys and strings are escaped.
 */
#ifndef SIM_JSON_H
#define SIM_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define	SIM_JSON_DEPTH	16

struct sim_json {
	FILE	*fp;
	int	 depth;
	int	 count[SIM_JSON_DEPTH];	/* members written at each level */
	int	 pretty;
};

void	sim_json_init(struct sim_json *j, FILE *fp, int pretty);
void	sim_json_obj_begin(struct sim_json *j, const char *key);
void	sim_json_obj_end(struct sim_json *j);
void	sim_json_arr_begin(struct sim_json *j, const char *key);
void	sim_json_arr_end(struct sim_json *j);
void	sim_json_str(struct sim_json *j, const char *key, const char *s);
void	sim_json_int(struct sim_json *j, const char *key, long long v);
void	sim_json_uint(struct sim_json *j, const char *key, uint64_t v);
void	sim_json_bool(struct sim_json *j, const char *key, int v);
void	sim_json_null(struct sim_json *j, const char *key);
void	sim_json_hex(struct sim_json *j, const char *key, const uint8_t *b,
	    size_t len);
void	sim_json_double(struct sim_json *j, const char *key, double v);

#endif /* SIM_JSON_H */
