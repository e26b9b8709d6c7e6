/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * libFuzzer target: the JSON reader must reject or accept any bytes without
 * crashing, leaking or reading out of bounds.
 */
#include <stddef.h>
#include <stdint.h>

#include "tj_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tj_doc *doc;
	char err[64];

	doc = tj_parse((const char *)data, size, err, sizeof(err));
	if (doc != NULL)
		(void)tj_len(tj_root(doc));
	tj_free(doc);
	return (0);
}
