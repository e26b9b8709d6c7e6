/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * tj_json: a small read-only JSON (RFC 8259) reader for the host runners.
 * Recursive descent with a depth limit, so hostile case files cannot blow
 * the stack.  Every value is allocated separately and chained to the
 * document for one free.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hexbuf.h"
#include "tj_json.h"

#define	TJ_MAX_DEPTH	64

struct tj_value {
	enum tj_type	 type;
	struct tj_value	*next_alloc;	/* chain for tj_free */
	int		 boolean;
	int		 integral;	/* number had no fraction or exponent */
	long long	 integer;
	int		 is_u64;	/* non-negative integral, fits uint64 */
	unsigned long long uinteger;
	char		*str;		/* TJ_STRING */
	size_t		 n;		/* elements or members */
	struct tj_value	**items;	/* TJ_ARRAY, TJ_OBJECT values */
	char		**keys;		/* TJ_OBJECT keys */
};

struct tj_doc {
	struct tj_value	*root;
	struct tj_value	*allocs;
};

struct tj_parser {
	const char	*p;
	const char	*end;
	const char	*start;
	struct tj_doc	*doc;
	char		*err;
	size_t		 errlen;
	int		 failed;
};

static struct tj_value *parse_value(struct tj_parser *ps, int depth);

static void
fail(struct tj_parser *ps, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (ps->failed)
		return;
	ps->failed = 1;
	if (ps->errlen == 0)
		return;
	n = snprintf(ps->err, ps->errlen, "offset %zu: ",
	    (size_t)(ps->p - ps->start));
	if (n < 0 || (size_t)n >= ps->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

static void
skip_ws(struct tj_parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static struct tj_value *
new_value(struct tj_parser *ps, enum tj_type type)
{
	struct tj_value *v;

	v = calloc(1, sizeof(*v));
	if (v == NULL) {
		fail(ps, "out of memory");
		return (NULL);
	}
	v->type = type;
	v->next_alloc = ps->doc->allocs;
	ps->doc->allocs = v;
	return (v);
}

static int
literal(struct tj_parser *ps, const char *word)
{
	size_t n;

	n = strlen(word);
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return (0);
	ps->p += n;
	return (1);
}

static void
put_utf8(char *out, size_t *o, unsigned long cp)
{
	if (cp < 0x80) {
		out[(*o)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*o)++] = (char)(0xc0 | cp >> 6);
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[(*o)++] = (char)(0xe0 | cp >> 12);
		out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		out[(*o)++] = (char)(0xf0 | cp >> 18);
		out[(*o)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	}
}

static int
hex4(struct tj_parser *ps, unsigned long *cp)
{
	uint8_t b[2];
	char h[5];
	size_t n;

	if (ps->end - ps->p < 4) {
		fail(ps, "truncated \\u escape");
		return (-1);
	}
	memcpy(h, ps->p, 4);
	h[4] = '\0';
	if (hex_decode(h, b, sizeof(b), &n) != 0 || n != 2) {
		fail(ps, "bad \\u escape");
		return (-1);
	}
	ps->p += 4;
	*cp = (unsigned long)b[0] << 8 | b[1];
	return (0);
}

static int
parse_escape(struct tj_parser *ps, char *out, size_t *o)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *hit;
	unsigned long cp, lo;

	if (ps->p >= ps->end) {
		fail(ps, "truncated escape");
		return (-1);
	}
	if (*ps->p != 'u') {
		hit = strchr(from, *ps->p);
		if (hit == NULL || *ps->p == '\0') {
			fail(ps, "bad escape");
			return (-1);
		}
		out[(*o)++] = to[hit - from];
		ps->p++;
		return (0);
	}
	ps->p++;
	if (hex4(ps, &cp) != 0)
		return (-1);
	if (cp >= 0xd800 && cp < 0xdc00) {
		if (!literal(ps, "\\u") || hex4(ps, &lo) != 0 ||
		    lo < 0xdc00 || lo >= 0xe000) {
			fail(ps, "bad surrogate pair");
			return (-1);
		}
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	put_utf8(out, o, cp);
	return (0);
}

/* Strings never grow when unescaped, so the raw span bounds the output. */
static char *
parse_string_raw(struct tj_parser *ps)
{
	const char *q;
	char *out;
	size_t o;

	ps->p++;	/* opening quote */
	for (q = ps->p; q < ps->end && *q != '"'; q++)
		if (*q == '\\' && q + 1 < ps->end)
			q++;
	if (q >= ps->end) {
		fail(ps, "unterminated string");
		return (NULL);
	}
	out = malloc((size_t)(q - ps->p) + 1);
	if (out == NULL) {
		fail(ps, "out of memory");
		return (NULL);
	}
	o = 0;
	while (ps->p < q) {
		if ((unsigned char)*ps->p < 0x20) {
			fail(ps, "control character in string");
			free(out);
			return (NULL);
		}
		if (*ps->p == '\\') {
			ps->p++;
			/* An escape may not reach past the closing quote. */
			if (parse_escape(ps, out, &o) != 0 || ps->p > q) {
				fail(ps, "bad escape");
				free(out);
				return (NULL);
			}
			continue;
		}
		out[o++] = *ps->p++;
	}
	if (ps->p != q) {
		fail(ps, "bad escape");
		free(out);
		return (NULL);
	}
	ps->p++;
	out[o] = '\0';
	return (out);
}

static struct tj_value *
parse_number(struct tj_parser *ps)
{
	struct tj_value *v;
	char buf[64], *endp;
	const char *s;
	size_t n;

	s = ps->p;
	while (ps->p < ps->end && strchr("+-0123456789.eE", *ps->p) != NULL &&
	    *ps->p != '\0')
		ps->p++;
	n = (size_t)(ps->p - s);
	if (n == 0 || n >= sizeof(buf)) {
		fail(ps, "bad number");
		return (NULL);
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	if ((v = new_value(ps, TJ_NUMBER)) == NULL)
		return (NULL);
	/* Integers are read as integers, never through a double. */
	errno = 0;
	if (buf[0] != '-') {
		v->uinteger = strtoull(buf, &endp, 10);
		v->is_u64 = *endp == '\0' && errno == 0;
	}
	errno = 0;
	v->integer = strtoll(buf, &endp, 10);
	if (*endp == '\0' && errno == 0) {
		v->integral = 1;
		return (v);
	}
	if (v->is_u64)
		return (v);
	(void)strtod(buf, &endp);
	if (*endp != '\0') {
		fail(ps, "bad number");
		return (NULL);
	}
	return (v);
}

static int
push(struct tj_parser *ps, struct tj_value *v, char *key, struct tj_value *item)
{
	struct tj_value **items;
	char **keys;

	items = realloc(v->items, (v->n + 1) * sizeof(*items));
	if (items == NULL) {
		fail(ps, "out of memory");
		return (-1);
	}
	v->items = items;
	if (v->type == TJ_OBJECT) {
		keys = realloc(v->keys, (v->n + 1) * sizeof(*keys));
		if (keys == NULL) {
			fail(ps, "out of memory");
			return (-1);
		}
		v->keys = keys;
		v->keys[v->n] = key;
	}
	v->items[v->n++] = item;
	return (0);
}

static char *
parse_member_key(struct tj_parser *ps)
{
	char *key;

	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != '"') {
		fail(ps, "expected member name");
		return (NULL);
	}
	if ((key = parse_string_raw(ps)) == NULL)
		return (NULL);
	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != ':') {
		fail(ps, "expected ':'");
		free(key);
		return (NULL);
	}
	ps->p++;
	return (key);
}

static struct tj_value *
parse_container(struct tj_parser *ps, enum tj_type type, int depth)
{
	struct tj_value *v, *item;
	char close, *key;

	close = type == TJ_ARRAY ? ']' : '}';
	ps->p++;
	if ((v = new_value(ps, type)) == NULL)
		return (NULL);
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return (v);
	}
	for (;;) {
		key = NULL;
		if (type == TJ_OBJECT && (key = parse_member_key(ps)) == NULL)
			return (NULL);
		item = parse_value(ps, depth + 1);
		if (item == NULL || push(ps, v, key, item) != 0) {
			free(key);
			return (NULL);
		}
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return (v);
		}
		fail(ps, "expected ',' or '%c'", close);
		return (NULL);
	}
}

static struct tj_value *
parse_value(struct tj_parser *ps, int depth)
{
	struct tj_value *v;

	if (depth > TJ_MAX_DEPTH) {
		fail(ps, "nesting deeper than %d", TJ_MAX_DEPTH);
		return (NULL);
	}
	skip_ws(ps);
	if (ps->p >= ps->end) {
		fail(ps, "unexpected end of input");
		return (NULL);
	}
	switch (*ps->p) {
	case '{':
		return (parse_container(ps, TJ_OBJECT, depth));
	case '[':
		return (parse_container(ps, TJ_ARRAY, depth));
	case '"':
		if ((v = new_value(ps, TJ_STRING)) == NULL)
			return (NULL);
		v->str = parse_string_raw(ps);
		return (v->str == NULL ? NULL : v);
	default:
		break;
	}
	if (literal(ps, "null"))
		return (new_value(ps, TJ_NULL));
	if (literal(ps, "true") || literal(ps, "false")) {
		if ((v = new_value(ps, TJ_BOOL)) == NULL)
			return (NULL);
		v->boolean = ps->p[-1] == 'e' && ps->p[-2] == 'u';
		return (v);
	}
	return (parse_number(ps));
}

struct tj_doc *
tj_parse(const char *text, size_t len, char *err, size_t errlen)
{
	struct tj_parser ps;
	struct tj_doc *doc;

	if (errlen > 0)
		err[0] = '\0';
	if ((doc = calloc(1, sizeof(*doc))) == NULL) {
		if (errlen > 0)
			snprintf(err, errlen, "out of memory");
		return (NULL);
	}
	memset(&ps, 0, sizeof(ps));
	ps.p = ps.start = text;
	ps.end = text + len;
	ps.doc = doc;
	ps.err = err;
	ps.errlen = errlen;
	doc->root = parse_value(&ps, 0);
	skip_ws(&ps);
	if (doc->root != NULL && ps.p != ps.end)
		fail(&ps, "trailing characters after the document");
	if (ps.failed || doc->root == NULL) {
		tj_free(doc);
		return (NULL);
	}
	return (doc);
}

struct tj_doc *
tj_parse_file(const char *path, char *err, size_t errlen)
{
	struct tj_doc *doc;
	FILE *fp;
	char *buf;
	long size;

	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		snprintf(err, errlen, "%s: cannot size file", path);
		fclose(fp);
		return (NULL);
	}
	buf = malloc((size_t)size + 1);
	if (buf == NULL || fread(buf, 1, (size_t)size, fp) != (size_t)size) {
		snprintf(err, errlen, "%s: read failed", path);
		free(buf);
		fclose(fp);
		return (NULL);
	}
	fclose(fp);
	doc = tj_parse(buf, (size_t)size, err, errlen);
	free(buf);
	return (doc);
}

void
tj_free(struct tj_doc *doc)
{
	struct tj_value *v, *next;
	size_t i;

	if (doc == NULL)
		return;
	for (v = doc->allocs; v != NULL; v = next) {
		next = v->next_alloc;
		if (v->keys != NULL)
			for (i = 0; i < v->n; i++)
				free(v->keys[i]);
		free(v->keys);
		free(v->items);
		free(v->str);
		free(v);
	}
	free(doc);
}

const struct tj_value *
tj_root(const struct tj_doc *doc)
{
	return (doc->root);
}

enum tj_type
tj_type(const struct tj_value *v)
{
	return (v == NULL ? TJ_NULL : v->type);
}

const struct tj_value *
tj_get(const struct tj_value *obj, const char *key)
{
	size_t i;

	if (obj == NULL || obj->type != TJ_OBJECT)
		return (NULL);
	for (i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return (obj->items[i]);
	return (NULL);
}

size_t
tj_len(const struct tj_value *v)
{
	if (v == NULL || (v->type != TJ_ARRAY && v->type != TJ_OBJECT))
		return (0);
	return (v->n);
}

const struct tj_value *
tj_at(const struct tj_value *arr, size_t i)
{
	if (arr == NULL || arr->type != TJ_ARRAY || i >= arr->n)
		return (NULL);
	return (arr->items[i]);
}

const char *
tj_key_at(const struct tj_value *obj, size_t i)
{
	if (obj == NULL || obj->type != TJ_OBJECT || i >= obj->n)
		return (NULL);
	return (obj->keys[i]);
}

const struct tj_value *
tj_value_at(const struct tj_value *obj, size_t i)
{
	if (obj == NULL || obj->type != TJ_OBJECT || i >= obj->n)
		return (NULL);
	return (obj->items[i]);
}

int
tj_bool(const struct tj_value *v, int *out)
{
	if (v == NULL || v->type != TJ_BOOL)
		return (-1);
	*out = v->boolean;
	return (0);
}

int
tj_int(const struct tj_value *v, long long *out)
{
	if (v == NULL || v->type != TJ_NUMBER || !v->integral)
		return (-1);
	*out = v->integer;
	return (0);
}

int
tj_u64(const struct tj_value *v, uint64_t *out)
{
	if (v == NULL || v->type != TJ_NUMBER || !v->is_u64)
		return (-1);
	*out = v->uinteger;
	return (0);
}

int
tj_str(const struct tj_value *v, const char **out)
{
	if (v == NULL || v->type != TJ_STRING)
		return (-1);
	*out = v->str;
	return (0);
}

int
tj_is_null(const struct tj_value *v)
{
	return (v == NULL || v->type == TJ_NULL);
}

int
tj_hex(const struct tj_value *v, uint8_t *out, size_t cap, size_t *outlen)
{
	if (v == NULL || v->type != TJ_STRING)
		return (-1);
	return (hex_decode(v->str, out, cap, outlen));
}
