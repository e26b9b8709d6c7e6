/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Shared fixture of the socket option ATF-C tests (tcp_eno_sockopt_test.c,
 * tcp_eno_sockopt_values_test.c): one socket's settings, state and
 * negotiated values, and checks that assert exact reasons and that a
 * failed call changes and copies nothing (API.md section 2).
 */
#ifndef TCP_ENO_SOCKOPT_TEST_H
#define	TCP_ENO_SOCKOPT_TEST_H

#include <atf-c.h>
#include <string.h>

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"
#include "tcp_eno_policy.h"
#include "tcp_eno_sockopt.h"

/* libatf-c keeps its test-case list until exit; that is not our leak. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);
const char *
__lsan_default_suppressions(void)
{
	return ("leak:libatf-c.so\n");
}
const char *
__lsan_default_options(void)
{
	return ("print_suppressions=0");
}

#define	REQUIRE_REASON(expr, want) do {				\
	enum tcp_eno_reason r_ = (expr);				\
	ATF_REQUIRE_MSG(r_ == (want), "%s: got %s, want %s", #expr,	\
	    tcp_eno_reason_name(r_), tcp_eno_reason_name(want));	\
} while (0)

static const int rw_opts[] = {
	TCP_ENO_ENABLED, TCP_ENO_TEPS, TCP_ENO_SELF_GOPT,
	TCP_ENO_AA_MANDATORY, TCP_ENO_TEP_MANDATORY, TCP_ENO_RAW,
	TCP_CRYPT_ACONF, TCP_CRYPT_BCONF
};
static const int ro_opts[] = {
	TCP_ENO_SESSID, TCP_ENO_NEGTEP, TCP_ENO_PEER_GOPT, TCP_ENO_ROLE,
	TCP_ENO_SELF_NAME, TCP_ENO_PEER_NAME, TCP_ENO_TRANSCRIPT,
	TCP_CRYPT_CONF
};
static const int all_opts[] = {
	TCP_ENO_ENABLED, TCP_ENO_SESSID, TCP_ENO_NEGTEP, TCP_ENO_TEPS,
	TCP_ENO_SELF_GOPT, TCP_ENO_PEER_GOPT, TCP_ENO_AA_MANDATORY,
	TCP_ENO_TEP_MANDATORY, TCP_ENO_ROLE, TCP_ENO_SELF_NAME,
	TCP_ENO_PEER_NAME, TCP_ENO_RAW, TCP_ENO_TRANSCRIPT, TCP_CRYPT_CONF,
	TCP_CRYPT_CACHE_FLUSH, TCP_CRYPT_ACONF, TCP_CRYPT_BCONF
};

/* One socket under test: settings, state and what was negotiated. */
struct tsock {
	struct tcp_eno_sysconf	sys;
	struct tcp_eno_sockconf	so;
	enum tcp_eno_sockstate	st;
	struct tcp_eno_negview	nv;
};

static inline void
tsock_init(struct tsock *t)
{
	memset(t, 0, sizeof(*t));
	tcp_eno_sysconf_init(&t->sys, NULL);
	tcp_eno_sockconf_init(&t->so, &t->sys);
	t->st = TCP_ENO_SS_IDLE;
}

/* Encrypting with tcpcrypt X25519, host A, AES-128-GCM, 33-byte SID. */
static inline void
tsock_encrypt(struct tsock *t, uint8_t negtep, uint8_t role)
{
	size_t i;

	t->st = TCP_ENO_SS_ENCRYPTING;
	t->nv.negtep = negtep;
	t->nv.role = role;
	t->nv.peer_gopt = 0x03;
	t->nv.sessid_len = 33;
	t->nv.sessid[0] = negtep;
	for (i = 1; i < 33; i++)
		t->nv.sessid[i] = (uint8_t)(0xa0 + i);
	t->nv.transcript_len = 8;
	memcpy(t->nv.transcript, "\x45\x03\x23\x45\x04\x01\x23\x00", 8);
	t->nv.crypt_conf = 0x0001;
}

static inline enum tcp_eno_reason
setint(struct tsock *t, int name, int v)
{
	return (tcp_eno_sockopt_set(&t->so, t->st, name, &v, sizeof(v)));
}

static inline enum tcp_eno_reason
setbytes(struct tsock *t, int name, const void *v, size_t len)
{
	return (tcp_eno_sockopt_set(&t->so, t->st, name, v, len));
}

static inline enum tcp_eno_reason
getint(const struct tsock *t, int name, int *v)
{
	size_t len = sizeof(*v);

	return (tcp_eno_sockopt_get(&t->so, &t->nv, t->st, name, v, &len));
}

static inline enum tcp_eno_reason
getbytes(const struct tsock *t, int name, uint8_t *buf, size_t *len)
{
	return (tcp_eno_sockopt_get(&t->so, &t->nv, t->st, name, buf, len));
}

static inline void
require_int(const struct tsock *t, int name, int want)
{
	int v = 0x5a5a;

	REQUIRE_REASON(getint(t, name, &v), TCP_ENO_R_NONE);
	ATF_REQUIRE_MSG(v == want, "%s = %d, want %d",
	    tcp_eno_sockopt_name(name), v, want);
}

static inline void
require_bytes(const struct tsock *t, int name, const void *want, size_t n)
{
	uint8_t buf[128];
	size_t len = sizeof(buf);

	REQUIRE_REASON(getbytes(t, name, buf, &len), TCP_ENO_R_NONE);
	ATF_REQUIRE_MSG(len == n && memcmp(buf, want, n) == 0,
	    "%s: %zu bytes, want %zu", tcp_eno_sockopt_name(name), len, n);
}

/* Any read of name fails with want, copies nothing, keeps *len. */
static inline void
require_get_fails(const struct tsock *t, int name, enum tcp_eno_reason want)
{
	uint8_t buf[128];
	size_t len = sizeof(buf);
	enum tcp_eno_reason r;
	size_t i;

	memset(buf, 0xee, sizeof(buf));
	r = getbytes(t, name, buf, &len);
	ATF_REQUIRE_MSG(r == want, "get %s: got %s, want %s",
	    tcp_eno_sockopt_name(name), tcp_eno_reason_name(r),
	    tcp_eno_reason_name(want));
	ATF_REQUIRE_EQ(len, sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		ATF_REQUIRE(buf[i] == 0xee);
}

/* A set that fails with want and leaves the settings untouched. */
static inline void
require_set_fails(struct tsock *t, int name, const void *v, size_t len,
    enum tcp_eno_reason want)
{
	struct tcp_eno_sockconf before;
	enum tcp_eno_reason r;

	memcpy(&before, &t->so, sizeof(before));
	r = setbytes(t, name, v, len);
	ATF_REQUIRE_MSG(r == want, "set %s (%zu bytes): got %s, want %s",
	    tcp_eno_sockopt_name(name), len, tcp_eno_reason_name(r),
	    tcp_eno_reason_name(want));
	ATF_REQUIRE_MSG(memcmp(&before, &t->so, sizeof(before)) == 0,
	    "failed set of %s changed the socket", tcp_eno_sockopt_name(name));
}

static inline void
require_setint_fails(struct tsock *t, int name, int v,
    enum tcp_eno_reason want)
{
	require_set_fails(t, name, &v, sizeof(v), want);
}

static inline bool
is_rw(int name)
{
	size_t i;

	for (i = 0; i < nitems(rw_opts); i++)
		if (rw_opts[i] == name)
			return (true);
	return (false);
}

/* A value each RW option accepts, different from its default. */
static inline void
valid_value(int name, uint8_t *buf, size_t *len)
{
	static const int one = 1;

	switch (name) {
	case TCP_ENO_TEPS:
		buf[0] = 0x24;
		*len = 1;
		break;
	case TCP_ENO_RAW:
		memcpy(buf, "\x01\x25", 2);
		*len = 2;
		break;
	case TCP_CRYPT_ACONF:
	case TCP_CRYPT_BCONF:
		memcpy(buf, "\x00\x02", 2);
		*len = 2;
		break;
	default:
		memcpy(buf, &one, sizeof(one));
		*len = sizeof(one);
		break;
	}
}

#endif /* !TCP_ENO_SOCKOPT_TEST_H */
