/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * tj_json: a small read-only JSON reader for the host runners under tools/
 * (eno-conform, tcpcrypt-kat, enosim case files).  Host userland only; never
 * compiled into the kernel.  The whole document is parsed into one malloc'd
 * tree; strings are unescaped and NUL-terminated.
 */
#ifndef TJ_JSON_H
#define TJ_JSON_H

#include <stddef.h>
#include <stdint.h>

enum tj_type {
	TJ_NULL,
	TJ_BOOL,
	TJ_NUMBER,
	TJ_STRING,
	TJ_ARRAY,
	TJ_OBJECT,
};

struct tj_value;
struct tj_doc;

/*
 * Parse text[0..len).  On failure returns NULL and writes a message with
 * the byte offset into err (errlen bytes, may be 0).
 */
struct tj_doc	*tj_parse(const char *text, size_t len, char *err,
		    size_t errlen);
/* Read and parse a whole file; NULL with a message in err on failure. */
struct tj_doc	*tj_parse_file(const char *path, char *err, size_t errlen);
void		 tj_free(struct tj_doc *doc);
const struct tj_value *tj_root(const struct tj_doc *doc);

enum tj_type	 tj_type(const struct tj_value *v);
/* Members and elements; NULL when absent or v is not of that type. */
const struct tj_value *tj_get(const struct tj_value *obj, const char *key);
size_t		 tj_len(const struct tj_value *arr_or_obj);
const struct tj_value *tj_at(const struct tj_value *arr, size_t i);
const char	*tj_key_at(const struct tj_value *obj, size_t i);
const struct tj_value *tj_value_at(const struct tj_value *obj, size_t i);

/* Scalars.  Each returns 0 on success, -1 if v is NULL or of another type. */
int		 tj_bool(const struct tj_value *v, int *out);
int		 tj_int(const struct tj_value *v, long long *out); /* integral only */
/* A non-negative integer up to UINT64_MAX, read exactly. */
int		 tj_u64(const struct tj_value *v, uint64_t *out);
int		 tj_str(const struct tj_value *v, const char **out);
/* 1 if v is absent (NULL) or JSON null. */
int		 tj_is_null(const struct tj_value *v);

/*
 * A string of hex digits (either case, even length) into bytes.  Returns 0
 * and sets *outlen, or -1 (not a string, odd length, bad digit, or more than
 * cap bytes).
 */
int		 tj_hex(const struct tj_value *v, uint8_t *out, size_t cap,
		    size_t *outlen);

#endif /* TJ_JSON_H */
