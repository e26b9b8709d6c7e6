/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * Shared code of the tcpinc_auth example programs (draft-ietf-tcpinc-api
 * section 5).  Secrets are read from files, never from the command line
 * (ps(1) would show them), and wiped before exit.
 */

#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hexbuf.h"
#include "tcpinc_auth_example.h"

#define	EXAMPLE_HEX_MAX	(2 * TCPINC_AUTH_COOKIE_MAX + 2)

/* One line of hex from path into out; exits on any problem. */
static void
example_read_hex(const char *path, uint8_t *out, size_t cap, size_t *lenp)
{
	char hex[EXAMPLE_HEX_MAX + 2];
	size_t n;
	FILE *fp;

	fp = fopen(path, "r");
	if (fp == NULL)
		err(EX_AUTH_SYS, "%s", path);
	/* One byte more than allowed: a longer file is refused, not cut. */
	n = fread(hex, 1, EXAMPLE_HEX_MAX + 1, fp);
	fclose(fp);
	if (n > EXAMPLE_HEX_MAX) {
		explicit_bzero(hex, sizeof(hex));
		errx(EX_AUTH_SYS, "%s: too long", path);
	}
	hex[n] = '\0';
	while (n > 0 && (hex[n - 1] == '\n' || hex[n - 1] == '\r' ||
	    hex[n - 1] == ' '))
		hex[--n] = '\0';
	if (hex_decode(hex, out, cap, lenp) != 0) {
		explicit_bzero(hex, sizeof(hex));
		errx(EX_AUTH_SYS, "%s: not hex, or too long", path);
	}
	explicit_bzero(hex, sizeof(hex));
}

static void
example_read_key(const char *path, uint8_t *key, size_t want)
{
	size_t len;

	example_read_hex(path, key, want, &len);
	if (len != want)
		errx(EX_AUTH_SYS, "%s: want %zu bytes of hex, got %zu", path,
		    want, len);
}

bool
example_option(struct example_conf *c, int ch, const char *arg)
{

	switch (ch) {
	case 'c':
		example_read_hex(arg, c->cookie, sizeof(c->cookie),
		    &c->cookie_len);
		c->use_cookie = true;
		return (true);
	case 'k':
		example_read_key(arg, c->sk, sizeof(c->sk));
		c->have_sk = true;
		return (true);
	case 'P':
		example_read_key(arg, c->pk, sizeof(c->pk));
		c->have_pk = true;
		return (true);
	case 'm':
		c->mark_flags |= TCPINC_AUTH_MARK_AA_MANDATORY;
		return (true);
	case 't':
		c->mark_flags |= TCPINC_AUTH_MARK_TEP_MANDATORY;
		return (true);
	case '4':
	case '6':
		c->family = ch == '4' ? "4" : "6";
		return (true);
	default:
		return (false);
	}
}

void
example_check_conf(const struct example_conf *c, const char *prog)
{

	if (c->use_cookie == (c->have_sk || c->have_pk))
		errx(EX_AUTH_SYS, "%s: give either -c cookie-file or "
		    "-k key-file and/or -P peer-pub-file", prog);
}

static void
example_write_hex(const char *path, const uint8_t *buf, size_t len,
    int mode)
{
	char hex[2 * 64 + 2];
	int fd;

	hex_encode(buf, len, hex);
	strcat(hex, "\n");
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (fd < 0)
		err(EX_AUTH_SYS, "%s", path);
	if (write(fd, hex, strlen(hex)) != (ssize_t)strlen(hex))
		err(EX_AUTH_SYS, "%s", path);
	close(fd);
	explicit_bzero(hex, sizeof(hex));
}

void
example_keygen(const char *prefix)
{
	uint8_t sk[TCPINC_AUTH_ED25519_SK_LEN], pk[TCPINC_AUTH_ED25519_PK_LEN];
	char path[1024];
	enum tcpinc_auth_error e;

	e = tcpinc_auth_ed25519_keygen(sk, pk);
	if (e != TCPINC_AUTH_OK)
		errx(EX_AUTH_SYS, "keygen: %s", tcpinc_auth_strerror(e));
	snprintf(path, sizeof(path), "%s.key", prefix);
	example_write_hex(path, sk, sizeof(sk), 0600);
	snprintf(path, sizeof(path), "%s.pub", prefix);
	example_write_hex(path, pk, sizeof(pk), 0644);
	explicit_bzero(sk, sizeof(sk));
	exit(EX_AUTH_OK);
}

static void
example_print(const struct tcpinc_auth_result *r, enum tcpinc_auth_error e,
    const char *who, const char *scheme)
{
	const struct tcpinc_auth_session *s = &r->session;

	if (s->name_len >= 2) {
		printf("%s: session-id ", who);
		hex_fprint(stdout, s->self_name + 1, s->name_len - 1);
		printf("\n%s: role %c, peer gopt 0x%02x\n", who,
		    s->role == 0 ? 'A' : 'B', s->peer_gopt);
	} else
		printf("%s: session-id none\n", who);
	if (e != TCPINC_AUTH_OK) {
		printf("%s: verdict FAILED %s: %s", who,
		    tcpinc_auth_error_name(e), tcpinc_auth_strerror(e));
		if (r->detail.sys_errno != 0)
			printf(" (%s)", strerror(r->detail.sys_errno));
		printf("\n");
	} else if (r->peer_authenticated)
		printf("%s: verdict AUTHENTICATED peer (%s)\n", who, scheme);
	else
		printf("%s: verdict OK, proved ourselves, peer not verified "
		    "(%s)\n", who, scheme);
	fflush(stdout);
}

enum tcpinc_auth_error
example_authenticate(struct example_conf *c, int fd, const char *who)
{
	struct tcpinc_auth_transport t;
	struct tcpinc_auth_sigconf sc;
	struct tcpinc_auth_result r;
	struct tcpinc_auth_fd f;
	enum tcpinc_auth_error e;

	tcpinc_auth_transport_fd(&t, &f, fd);
	if (c->use_cookie) {
		e = tcpinc_auth_cookie_run_replay(&t, c->cookie, c->cookie_len,
		    &c->replay, &r);
		example_print(&r, e, who, "cookie");
	} else {
		sc.self_sk = c->have_sk ? c->sk : NULL;
		sc.peer_pk = c->have_pk ? c->pk : NULL;
		e = tcpinc_auth_sig_run_replay(&t, &sc, &c->replay, &r);
		example_print(&r, e, who, "ed25519");
	}
	return (e);
}

void
example_wipe(struct example_conf *c)
{

	explicit_bzero(c, sizeof(*c));
}
