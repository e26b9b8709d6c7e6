/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * libFuzzer target for the socket option rules (tcp_eno_sockopt.c, API.md
 * sections 2 and 3): a sequence of setsockopt / getsockopt calls with
 * arbitrary names, states, lengths and bytes, as an application can make
 * them.  Checked beyond the sanitizers: a failed set leaves the settings
 * unchanged; a failed get copies nothing; a get never reports more than
 * the caller's buffer; a successful set of an RW option reads back.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"
#include "tcp_eno_policy.h"
#include "tcp_eno_sockopt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_get(const struct tcp_eno_sockconf *so, const struct tcp_eno_negview *nv,
    enum tcp_eno_sockstate st, int name, size_t cap)
{
	uint8_t buf[128], canary[128];
	enum tcp_eno_reason r;
	size_t len;

	memset(buf, 0x5c, sizeof(buf));
	memset(canary, 0x5c, sizeof(canary));
	len = cap;
	r = tcp_eno_sockopt_get(so, nv, st, name, buf, &len);
	if (r != TCP_ENO_R_NONE) {
		if (len != cap || memcmp(buf, canary, sizeof(buf)) != 0)
			abort();
	} else if (len > cap)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tcp_eno_sysconf sys;
	struct tcp_eno_sockconf so, before;
	struct tcp_eno_negview nv;
	enum tcp_eno_sockstate st;
	uint8_t buf[128];
	size_t i, vlen, len;
	int name;

	tcp_eno_sysconf_init(&sys, NULL);
	tcp_eno_sockconf_init(&so, &sys);
	memset(&nv, 0, sizeof(nv));
	if (size >= sizeof(nv)) {
		memcpy(&nv, data, sizeof(nv));
		data += sizeof(nv);
		size -= sizeof(nv);
	}
	i = 0;
	while (i + 3 <= size) {
		/* op/state byte, option (2048 + 0..31), value length. */
		st = (enum tcp_eno_sockstate)((data[i] >> 1) % 6);
		name = 2048 + (data[i + 1] & 0x1f);
		vlen = data[i + 2] % 48;
		i += 3;
		if (vlen > size - i)
			vlen = size - i;
		if ((data[i - 3] & 1) != 0) {
			fuzz_get(&so, &nv, st, name, vlen);
			continue;
		}
		if ((data[i - 3] & 0x80) != 0)
			tcp_eno_sockconf_listen(&so);
		memcpy(&before, &so, sizeof(so));
		if (tcp_eno_sockopt_set(&so, st, name, data + i, vlen) !=
		    TCP_ENO_R_NONE) {
			if (memcmp(&before, &so, sizeof(so)) != 0)
				abort();
		} else if (name != TCP_CRYPT_CACHE_FLUSH &&
		    name != TCP_ENO_SELF_GOPT) {
			len = sizeof(buf);
			if (tcp_eno_sockopt_get(&so, &nv, TCP_ENO_SS_IDLE, name,
			    buf, &len) == TCP_ENO_R_NONE &&
			    (len != vlen || memcmp(buf, data + i, vlen) != 0))
				abort();
		}
		i += vlen;
	}
	return (0);
}
