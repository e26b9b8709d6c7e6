/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * libFuzzer target for the net.inet.tcp.eno.* string parsers
 * (tcp_eno_policy.c, API.md section 4).  The first input byte picks the
 * knob, the rest is the value as a write would hand it over.  Checked on
 * every input, beyond the sanitizers:
 *  - a rejected write changes nothing and its reason is of class invalid;
 *  - an accepted write reads back in canonical form, that form parses to
 *    the same configuration and reads back identically (a fixed point);
 *  - the canonical form fits TCP_ENO_SYSCTL_STRMAX.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"
#include "tcp_eno_policy.h"

static const enum tcp_eno_sysctl knobs[] = {
	TCP_ENO_SYSCTL_TEPS,
	TCP_ENO_SYSCTL_BAD_CONNECT_PORTS,
	TCP_ENO_SYSCTL_BAD_LISTEN_PORTS,
	TCP_ENO_SYSCTL_CRYPT_ACONF,
	TCP_ENO_SYSCTL_CRYPT_BCONF,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tcp_eno_sysconf sys, before, again;
	char canon[TCP_ENO_SYSCTL_STRMAX], canon2[TCP_ENO_SYSCTL_STRMAX];
	enum tcp_eno_sysctl knob;
	enum tcp_eno_reason r;
	size_t len, len2;

	if (size < 1)
		return (0);
	knob = knobs[data[0] % (sizeof(knobs) / sizeof(knobs[0]))];
	tcp_eno_sysconf_init(&sys, NULL);
	memcpy(&before, &sys, sizeof(sys));
	r = tcp_eno_sysctl_set_str(&sys, knob, (const char *)data + 1,
	    size - 1);
	if (r != TCP_ENO_R_NONE) {
		if (memcmp(&before, &sys, sizeof(sys)) != 0 ||
		    tcp_eno_reason_errclass(r) != TCP_ENO_EC_INVALID)
			abort();
		return (0);
	}
	if (tcp_eno_sysctl_get_str(&sys, knob, canon, sizeof(canon), &len) !=
	    TCP_ENO_R_NONE || len != strlen(canon))
		abort();
	tcp_eno_sysconf_init(&again, NULL);
	if (tcp_eno_sysctl_set_str(&again, knob, canon, len) != TCP_ENO_R_NONE)
		abort();
	if (memcmp(&again, &sys, sizeof(sys)) != 0)
		abort();
	if (tcp_eno_sysctl_get_str(&again, knob, canon2, sizeof(canon2),
	    &len2) != TCP_ENO_R_NONE || len2 != len ||
	    memcmp(canon, canon2, len) != 0)
		abort();
	return (0);
}
