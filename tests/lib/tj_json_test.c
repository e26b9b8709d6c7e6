/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Tests of the host runners' JSON reader and hex helpers.
 */
#include <stdio.h>
#include <string.h>

#include "hexbuf.h"
#include "tj_json.h"

static int passed, failed;

#define	CHECK(cond) do {						\
	if (cond) {							\
		passed++;						\
	} else {							\
		failed++;						\
		printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);	\
	}								\
} while (0)

static struct tj_doc *
parse(const char *s)
{
	char err[128];

	return (tj_parse(s, strlen(s), err, sizeof(err)));
}

static void
test_document(void)
{
	static const char text[] = "{\"name\": \"a\\u00e9\\n\", \"tep\": 35, "
	    "\"neg\": -7, \"f\": 1.5, \"ok\": true, \"no\": false, "
	    "\"nil\": null, \"list\": [1, [2], {}], \"hex\": \"0aFf\", "
	    "\"max\": 18446744073709551615, \"over\": 18446744073709551616}";
	const struct tj_value *root, *list;
	struct tj_doc *doc;
	const char *s;
	long long n;
	uint64_t u;
	uint8_t buf[4];
	size_t len;
	int b;

	doc = parse(text);
	CHECK(doc != NULL);
	if (doc == NULL)
		return;
	root = tj_root(doc);
	CHECK(tj_type(root) == TJ_OBJECT && tj_len(root) == 11);
	CHECK(tj_str(tj_get(root, "name"), &s) == 0 &&
	    strcmp(s, "a\xc3\xa9\n") == 0);
	CHECK(tj_int(tj_get(root, "tep"), &n) == 0 && n == 35);
	CHECK(tj_int(tj_get(root, "neg"), &n) == 0 && n == -7);
	CHECK(tj_int(tj_get(root, "f"), &n) == -1);
	CHECK(tj_u64(tj_get(root, "f"), &u) == -1);
	CHECK(tj_u64(tj_get(root, "neg"), &u) == -1);
	CHECK(tj_u64(tj_get(root, "max"), &u) == 0 &&
	    u == 18446744073709551615ULL);
	CHECK(tj_int(tj_get(root, "max"), &n) == -1);
	CHECK(tj_u64(tj_get(root, "over"), &u) == -1);
	CHECK(tj_bool(tj_get(root, "ok"), &b) == 0 && b == 1);
	CHECK(tj_bool(tj_get(root, "no"), &b) == 0 && b == 0);
	CHECK(tj_is_null(tj_get(root, "nil")) && tj_is_null(tj_get(root, "x")));
	CHECK(!tj_is_null(tj_get(root, "ok")));
	list = tj_get(root, "list");
	CHECK(tj_len(list) == 3 && tj_type(tj_at(list, 1)) == TJ_ARRAY);
	CHECK(tj_at(list, 3) == NULL);
	CHECK(strcmp(tj_key_at(root, 1), "tep") == 0);
	CHECK(tj_hex(tj_get(root, "hex"), buf, sizeof(buf), &len) == 0 &&
	    len == 2 && buf[0] == 0x0a && buf[1] == 0xff);
	CHECK(tj_hex(tj_get(root, "hex"), buf, 1, &len) == -1);
	CHECK(tj_hex(tj_get(root, "tep"), buf, sizeof(buf), &len) == -1);
	tj_free(doc);
}

static void
test_rejects(void)
{
	static const char *bad[] = { "", "{", "[1,]", "{\"a\" 1}", "\"abc",
	    "[1] x", "tru", "\"\\q\"", "\"\\ud800\"", "-", "\"a\nb\"",
	    "{1: 2}", "[\"\\u12\"]" };
	char deep[200];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tj_doc *doc = parse(bad[i]);

		CHECK(doc == NULL);
		tj_free(doc);
	}
	memset(deep, '[', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	CHECK(parse(deep) == NULL);
}

static void
test_hex(void)
{
	uint8_t b[3];
	char s[7];
	size_t n;

	CHECK(hex_decode("00aB7f", b, sizeof(b), &n) == 0 && n == 3 &&
	    b[1] == 0xab && b[2] == 0x7f);
	CHECK(hex_decode("0", b, sizeof(b), &n) == -1);
	CHECK(hex_decode("zz", b, sizeof(b), &n) == -1);
	CHECK(hex_decode("", b, sizeof(b), &n) == 0 && n == 0);
	hex_encode(b, 3, s);
	CHECK(strcmp(s, "00ab7f") == 0);
}

int
main(void)
{
	test_document();
	test_rejects();
	test_hex();
	printf("%d passed, %d failed\n", passed, failed);
	return (failed == 0 ? 0 : 1);
}
