/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * The authenticator message that both sides of draft-ietf-tcpinc-api
 * section 5 send on the stream, and what the MAC or signature covers.
 *
 *   version (1) | kind | name_len | name | auth_len | auth
 *
 * The message is self-delimiting so that the receiver never reads past it
 * into application data.  Parsing is strict: one version, known kinds,
 * lengths that fit the kind exactly.  The parser is fuzzed
 * (tests/auth/fuzz_auth_msg.c).
 *
 * Replay memory: telling a replayed authenticator from a relayed one
 * (draft-ietf-tcpinc-api sections 5 and 6).
 *
 * Both attacks deliver a message that names a session other than ours,
 * and the MAC or signature check (over our own TCP_ENO_PEER_NAME) fails
 * for both.  What differs is where the named session comes from: a
 * replayer plays bytes recorded on an earlier connection, so the name is
 * that of a session this host already completed; a relay forwards bytes
 * made live for a second ENO session that this host never took part in.
 * A caller-owned ring of recently authenticated session IDs lets the
 * library say which.  The name is unauthenticated, so this only picks the
 * error code; it never turns a failure into a success.
 *
 * The ring is a fixed array in the caller's struct: no allocation, no
 * global state.  Lookups compare every slot in full with CRYPTO_memcmp and
 * fold the results without branching on them, so the time taken does not
 * tell an observer which sessions are remembered.
 */

#include <string.h>

#include <openssl/crypto.h>

#include "tcpinc_auth_impl.h"

#define	TCPINC_AUTH_HDR_LEN	3	/* version, kind, name_len */

static bool
tcpinc_auth_kind_auth_len(int kind, size_t *lenp)
{

	switch (kind) {
	case TCPINC_AUTH_KIND_HMAC:
		*lenp = TCPINC_AUTH_HMAC_LEN;
		return (true);
	case TCPINC_AUTH_KIND_ED25519:
		*lenp = TCPINC_AUTH_ED25519_SIG_LEN;
		return (true);
	case TCPINC_AUTH_KIND_UNSIGNED:
		*lenp = 0;
		return (true);
	default:
		return (false);
	}
}

enum tcpinc_auth_error
tcpinc_auth_msg_need(const uint8_t *buf, size_t have, size_t *needp)
{
	size_t auth_len, name_len;

	if (buf == NULL || needp == NULL)
		return (TCPINC_AUTH_E_ARGUMENT);
	*needp = TCPINC_AUTH_HDR_LEN;
	if (have < TCPINC_AUTH_HDR_LEN)
		return (TCPINC_AUTH_OK);
	name_len = buf[2];
	if (buf[0] != TCPINC_AUTH_WIRE_VERSION ||
	    !tcpinc_auth_kind_auth_len(buf[1], &auth_len) ||
	    name_len < 2 || name_len > TCP_ENO_MAX_NAME)
		return (TCPINC_AUTH_E_MSG_MALFORMED);
	*needp = TCPINC_AUTH_HDR_LEN + name_len + 1;
	if (have < *needp)
		return (TCPINC_AUTH_OK);
	if (buf[*needp - 1] != auth_len)
		return (TCPINC_AUTH_E_MSG_MALFORMED);
	*needp += auth_len;
	return (TCPINC_AUTH_OK);
}

enum tcpinc_auth_error
tcpinc_auth_msg_parse(const uint8_t *buf, size_t len,
    struct tcpinc_auth_msg *m)
{
	enum tcpinc_auth_error e;
	size_t need;

	if (buf == NULL || m == NULL)
		return (TCPINC_AUTH_E_ARGUMENT);
	memset(m, 0, sizeof(*m));
	e = tcpinc_auth_msg_need(buf, len, &need);
	if (e != TCPINC_AUTH_OK)
		return (e);
	/* Short or trailing bytes: the lengths do not describe this buffer. */
	if (need != len || len < TCPINC_AUTH_HDR_LEN + 3)
		return (TCPINC_AUTH_E_MSG_MALFORMED);
	m->kind = buf[1];
	m->name_len = buf[2];
	m->name = buf + TCPINC_AUTH_HDR_LEN;
	m->auth_len = buf[TCPINC_AUTH_HDR_LEN + m->name_len];
	m->auth = m->name + m->name_len + 1;
	return (TCPINC_AUTH_OK);
}

enum tcpinc_auth_error
tcpinc_auth_msg_build(int kind, const struct tcpinc_auth_session *s,
    const uint8_t *auth, size_t auth_len, uint8_t *msg, size_t cap,
    size_t *lenp)
{
	size_t want, total;

	if (!tcpinc_auth_kind_auth_len(kind, &want) || want != auth_len ||
	    s->name_len < 2 || s->name_len > TCP_ENO_MAX_NAME)
		return (TCPINC_AUTH_E_ARGUMENT);
	total = TCPINC_AUTH_HDR_LEN + s->name_len + 1 + auth_len;
	if (msg == NULL || lenp == NULL || cap < total)
		return (TCPINC_AUTH_E_ARGUMENT);
	msg[0] = TCPINC_AUTH_WIRE_VERSION;
	msg[1] = (uint8_t)kind;
	msg[2] = (uint8_t)s->name_len;
	memcpy(msg + TCPINC_AUTH_HDR_LEN, s->self_name, s->name_len);
	msg[TCPINC_AUTH_HDR_LEN + s->name_len] = (uint8_t)auth_len;
	if (auth_len > 0)
		memcpy(msg + TCPINC_AUTH_HDR_LEN + s->name_len + 1, auth,
		    auth_len);
	*lenp = total;
	return (TCPINC_AUTH_OK);
}

enum tcpinc_auth_error
tcpinc_auth_msg_check_name(const struct tcpinc_auth_session *s,
    const struct tcpinc_auth_msg *m)
{

	if (m->name_len == s->name_len &&
	    CRYPTO_memcmp(m->name, s->peer_name, s->name_len) == 0)
		return (TCPINC_AUTH_OK);
	/* Our own message bounced back: the role byte is what differs. */
	if (m->name_len == s->name_len &&
	    CRYPTO_memcmp(m->name, s->self_name, s->name_len) == 0)
		return (TCPINC_AUTH_E_REFLECTED);
	return (TCPINC_AUTH_E_SESSION_MISMATCH);
}

enum tcpinc_auth_error
tcpinc_auth_tbs(const char *prefix, const uint8_t *name, size_t name_len,
    uint8_t *tbs, size_t cap, size_t *lenp)
{
	size_t plen;

	plen = strlen(prefix);
	if (plen + name_len > cap)
		return (TCPINC_AUTH_E_ARGUMENT);
	memcpy(tbs, prefix, plen);
	memcpy(tbs + plen, name, name_len);
	*lenp = plen + name_len;
	return (TCPINC_AUTH_OK);
}

void
tcpinc_auth_replay_init(struct tcpinc_auth_replay *rp)
{

	if (rp != NULL)
		memset(rp, 0, sizeof(*rp));
}

void
tcpinc_auth_replay_record(struct tcpinc_auth_replay *rp,
    const struct tcpinc_auth_session *s)
{
	unsigned int slot;
	size_t len;

	if (rp == NULL || s == NULL || tcpinc_auth_session_check(s) !=
	    TCPINC_AUTH_OK)
		return;
	len = s->name_len - 1;
	slot = rp->next % TCPINC_AUTH_REPLAY_SLOTS;
	/* Zero-padded, so that lookups can compare whole slots. */
	memset(rp->sessid[slot], 0, sizeof(rp->sessid[slot]));
	memcpy(rp->sessid[slot], s->self_name + 1, len);
	rp->sessid_len[slot] = (uint8_t)len;
	rp->next = (slot + 1) % TCPINC_AUTH_REPLAY_SLOTS;
}

/* True if name (role | session ID) names a recorded session. */
static bool
tcpinc_auth_replay_seen(const struct tcpinc_auth_replay *rp,
    const uint8_t *name, size_t name_len)
{
	uint8_t want[TCP_ENO_MAX_SESSID];
	unsigned int hit, i, same;
	size_t len;

	if (name_len < 2 || name_len - 1 > sizeof(want))
		return (false);
	len = name_len - 1;
	memset(want, 0, sizeof(want));
	memcpy(want, name + 1, len);
	hit = 0;
	for (i = 0; i < TCPINC_AUTH_REPLAY_SLOTS; i++) {
		same = (CRYPTO_memcmp(rp->sessid[i], want, sizeof(want)) == 0);
		same &= (rp->sessid_len[i] == len);
		hit |= same;
	}
	return (hit != 0);
}

enum tcpinc_auth_error
tcpinc_auth_replay_classify(const struct tcpinc_auth_replay *rp,
    const uint8_t *msg, size_t len, enum tcpinc_auth_error e)
{
	struct tcpinc_auth_msg m;

	if (rp == NULL || e != TCPINC_AUTH_E_SESSION_MISMATCH)
		return (e);
	if (tcpinc_auth_msg_parse(msg, len, &m) != TCPINC_AUTH_OK)
		return (e);
	if (tcpinc_auth_replay_seen(rp, m.name, m.name_len))
		return (TCPINC_AUTH_E_REPLAY);
	return (e);
}
