/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * tcpinc_auth error names and texts.  Every failure of draft-ietf-tcpinc-api
 * section 5/6 authentication has its own code so that an application (and
 * our tests) can tell a wrong cookie from a replay or a disabled ENO.
 */

#include "tcpinc_auth_impl.h"

struct tcpinc_auth_errdesc {
	const char	*name;
	const char	*text;
};

static const struct tcpinc_auth_errdesc tcpinc_auth_errtab[] = {
	[TCPINC_AUTH_OK] = { "TCPINC_AUTH_OK", "success" },
	[TCPINC_AUTH_E_ARGUMENT] = { "TCPINC_AUTH_E_ARGUMENT",
	    "invalid argument" },
	[TCPINC_AUTH_E_SETSOCKOPT] = { "TCPINC_AUTH_E_SETSOCKOPT",
	    "setting a TCP-ENO socket option failed" },
	[TCPINC_AUTH_E_GETSOCKOPT] = { "TCPINC_AUTH_E_GETSOCKOPT",
	    "reading a TCP-ENO socket option failed (no TCP-ENO here?)" },
	[TCPINC_AUTH_E_ENO_DISABLED] = { "TCPINC_AUTH_E_ENO_DISABLED",
	    "TCP-ENO is disabled or did not negotiate encryption" },
	[TCPINC_AUTH_E_ENO_NEGOTIATING] = { "TCPINC_AUTH_E_ENO_NEGOTIATING",
	    "TCP-ENO negotiation did not finish in time" },
	[TCPINC_AUTH_E_SESSID_EMPTY] = { "TCPINC_AUTH_E_SESSID_EMPTY",
	    "session ID is empty or zero" },
	[TCPINC_AUTH_E_NAME_INCONSISTENT] = { "TCPINC_AUTH_E_NAME_INCONSISTENT",
	    "session names, session ID and role do not agree" },
	[TCPINC_AUTH_E_PEER_NOT_AWARE] = { "TCPINC_AUTH_E_PEER_NOT_AWARE",
	    "peer did not set the application-aware bit" },
	[TCPINC_AUTH_E_COOKIE_SHORT] = { "TCPINC_AUTH_E_COOKIE_SHORT",
	    "cookie shorter than 128 bits" },
	[TCPINC_AUTH_E_KEY_INVALID] = { "TCPINC_AUTH_E_KEY_INVALID",
	    "own signing key is unusable" },
	[TCPINC_AUTH_E_PEER_KEY_INVALID] = { "TCPINC_AUTH_E_PEER_KEY_INVALID",
	    "peer public key is unusable" },
	[TCPINC_AUTH_E_CRYPTO] = { "TCPINC_AUTH_E_CRYPTO",
	    "cryptographic library failure" },
	[TCPINC_AUTH_E_SEND] = { "TCPINC_AUTH_E_SEND",
	    "sending the authenticator failed" },
	[TCPINC_AUTH_E_RECV] = { "TCPINC_AUTH_E_RECV",
	    "receiving the peer's authenticator failed" },
	[TCPINC_AUTH_E_PEER_CLOSED] = { "TCPINC_AUTH_E_PEER_CLOSED",
	    "peer closed before sending its authenticator" },
	[TCPINC_AUTH_E_MSG_MALFORMED] = { "TCPINC_AUTH_E_MSG_MALFORMED",
	    "peer's authenticator message is malformed" },
	[TCPINC_AUTH_E_SCHEME_MISMATCH] = { "TCPINC_AUTH_E_SCHEME_MISMATCH",
	    "peer used a different authentication scheme" },
	[TCPINC_AUTH_E_PEER_UNSIGNED] = { "TCPINC_AUTH_E_PEER_UNSIGNED",
	    "peer sent no signature but one is required" },
	[TCPINC_AUTH_E_REFLECTED] = { "TCPINC_AUTH_E_REFLECTED",
	    "peer's authenticator is our own, reflected" },
	[TCPINC_AUTH_E_SESSION_MISMATCH] = { "TCPINC_AUTH_E_SESSION_MISMATCH",
	    "authenticator was made for a session never seen here "
	    "(relay, man in the middle?)" },
	[TCPINC_AUTH_E_COOKIE_MISMATCH] = { "TCPINC_AUTH_E_COOKIE_MISMATCH",
	    "peer's authenticator is wrong (different cookie)" },
	[TCPINC_AUTH_E_SIGNATURE_INVALID] = { "TCPINC_AUTH_E_SIGNATURE_INVALID",
	    "peer's signature does not verify (wrong key)" },
	[TCPINC_AUTH_INPROGRESS] = { "TCPINC_AUTH_INPROGRESS",
	    "authentication in progress" },
	[TCPINC_AUTH_E_REPLAY] = { "TCPINC_AUTH_E_REPLAY",
	    "authenticator was replayed from an earlier connection" },
};

_Static_assert(sizeof(tcpinc_auth_errtab) / sizeof(tcpinc_auth_errtab[0]) ==
    TCPINC_AUTH_E__COUNT, "one description per error");

const char *
tcpinc_auth_strerror(enum tcpinc_auth_error e)
{

	if ((unsigned int)e >= TCPINC_AUTH_E__COUNT)
		return ("unknown tcpinc_auth error");
	return (tcpinc_auth_errtab[e].text);
}

const char *
tcpinc_auth_error_name(enum tcpinc_auth_error e)
{

	if ((unsigned int)e >= TCPINC_AUTH_E__COUNT)
		return ("TCPINC_AUTH_E_UNKNOWN");
	return (tcpinc_auth_errtab[e].name);
}

enum tcpinc_auth_error
tcpinc_auth_fail(struct tcpinc_auth_detail *d, enum tcpinc_auth_error e,
    int sys_errno, int option)
{

	if (d != NULL) {
		d->error = e;
		d->sys_errno = sys_errno;
		d->option = option;
	}
	return (e);
}
