/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions
 * are met:
 * 1. Redistributions of source code must retain the above copyright
 *    notice, this list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright
 *    notice, this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 *
 * THIS SOFTWARE IS PROVIDED BY THE AUTHOR AND CONTRIBUTORS ``AS IS'' AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 * ARE DISCLAIMED.  IN NO EVENT SHALL THE AUTHOR OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS
 * OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
 * HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
 * LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY
 * OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF
 * SUCH DAMAGE.
 */

/*
 * eno-conform FILE.json: runs each case of a JSON array through the TCP-ENO
 * engine, prints one line per case ("ok N kind name" or "FAIL N kind name:
 * why") and ends with "N passed, M failed"; exits 0 only if M is 0.
 *
 * Dispatch is on "kind".  ENO-OPTS's kinds (sockopt, sysctl, policy) live
 * in their own files; their handlers are weak references here, so a build
 * without those files reports such cases as failed "not built" instead of
 * skipping them.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conform.h"

#pragma weak conform_sockopt
#pragma weak conform_sysctl
#pragma weak conform_policy

struct conform_kind {
	const char	*name;
	conform_kind_fn	*fn;
};

static int
conform_dispatch(const struct tj_value *c, const char *kind, char *why,
    size_t whylen)
{
	const struct conform_kind kinds[] = {
		{ "parse", conform_parse },
		{ "syn", conform_syn },
		{ "synack", conform_synack },
		{ "negotiate", conform_negotiate },
		{ "tcpopts", conform_tcpopts },
		{ "sockopt", conform_sockopt },
		{ "sysctl", conform_sysctl },
		{ "policy", conform_policy },
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(kinds[i].name, kind) != 0)
			continue;
		if (kinds[i].fn == NULL)
			return (conform_fail(why, whylen, "kind not built"));
		return (kinds[i].fn(c, why, whylen) != 0);
	}
	return (conform_fail(why, whylen, "unknown kind"));
}

int
main(int argc, char **argv)
{
	const struct tj_value *root, *c;
	struct tj_doc *doc;
	const char *kind, *name;
	char err[256], why[512];
	size_t i, n, passed = 0, failed = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: eno-conform FILE.json\n");
		return (2);
	}
	doc = tj_parse_file(argv[1], err, sizeof(err));
	if (doc == NULL) {
		fprintf(stderr, "eno-conform: %s: %s\n", argv[1], err);
		printf("0 passed, 1 failed\n");
		return (1);
	}
	root = tj_root(doc);
	if (tj_type(root) != TJ_ARRAY) {
		fprintf(stderr, "eno-conform: %s: not a JSON array\n", argv[1]);
		printf("0 passed, 1 failed\n");
		tj_free(doc);
		return (1);
	}
	n = tj_len(root);
	for (i = 0; i < n; i++) {
		c = tj_at(root, i);
		if (tj_str(tj_get(c, "kind"), &kind) != 0)
			kind = "?";
		if (tj_str(tj_get(c, "name"), &name) != 0)
			name = "";
		why[0] = '\0';
		if (strcmp(kind, "?") == 0 ?
		    conform_fail(why, sizeof(why), "no kind") :
		    conform_dispatch(c, kind, why, sizeof(why))) {
			printf("FAIL %zu %s %s: %s\n", i + 1, kind, name, why);
			failed++;
		} else {
			printf("ok %zu %s %s\n", i + 1, kind, name);
			passed++;
		}
	}
	tj_free(doc);
	printf("%zu passed, %zu failed\n", passed, failed);
	return (failed == 0 ? 0 : 1);
}
