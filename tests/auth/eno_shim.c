/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * eno_shim.so: an LD_PRELOAD emulation of the TCP-ENO socket options of
 * draft-ietf-tcpinc-api section 2.1 (API.md) on a Linux host, so that the
 * unmodified example programs tcpinc-auth-server/-client can be run end to
 * end over real loopback TCP.  It is a test device, not an implementation:
 * there is no encryption and the "session ID" is SHA-256 over the
 * connection's two endpoints, which is unique per connection and the same
 * at both ends, the two properties authentication relies on.  A relay that
 * terminates two connections therefore sees two different session IDs,
 * exactly as a man in the middle of two real ENO sessions would.
 *
 * The SYN exchange is emulated through files in $ENO_SHIM_DIR: listen(2)
 * publishes the listener's settings (L-<port>), connect(2) publishes the
 * client's (C-<cport>-<sport>) before the real connect; each side then
 * applies RFC 8547 negotiation: ENO only if both ends run the shim with ENO
 * enabled and every TCP_ENO_AA_MANDATORY is satisfied (else EINVAL on
 * reads, "disabled").  $ENO_SHIM_GOPT gives a default TCP_ENO_SELF_GOPT
 * (for a relay or a legacy program that never sets it); $ENO_SHIM_ENABLED=0
 * turns ENO off in the process, as the enable_* sysctls would.
 */

#define	_GNU_SOURCE
#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "tcpinc_auth.h"

#define	SHIM_MAX_FD	1024
#define	SHIM_SESSID_LEN	33

enum shim_state { SHIM_FRESH, SHIM_ENO, SHIM_DISABLED };

struct shim_fd {
	bool		used;
	int		enabled, gopt, aa_mandatory, tep_mandatory;
	bool		connected;
	enum shim_state	state;
	int		role, peer_gopt;
	uint8_t		sessid[SHIM_SESSID_LEN];
};

static struct shim_fd shim_fds[SHIM_MAX_FD];

static struct shim_fd *
shim_get(int fd)
{
	struct shim_fd *s;
	const char *g;

	if (fd < 0 || fd >= SHIM_MAX_FD)
		return (NULL);
	s = &shim_fds[fd];
	if (!s->used) {
		memset(s, 0, sizeof(*s));
		s->used = true;
		s->enabled = -1;
		g = getenv("ENO_SHIM_GOPT");
		s->gopt = g != NULL ? atoi(g) & 0x1f : 0;
		/* Like net.inet.tcp.eno.enable_*=0 for this process. */
		g = getenv("ENO_SHIM_ENABLED");
		if (g != NULL && atoi(g) == 0)
			s->enabled = 0;
	}
	return (s);
}

static bool
shim_is_eno_opt(int level, int name)
{

	return (level == IPPROTO_TCP && name >= TCP_ENO_ENABLED &&
	    name <= TCP_CRYPT_CACHE_FLUSH + 2);
}

static void
shim_path(char *buf, size_t cap, const char *tag, int p1, int p2)
{
	const char *dir;

	dir = getenv("ENO_SHIM_DIR");
	snprintf(buf, cap, "%s/%s-%d-%d", dir != NULL ? dir : "/tmp", tag, p1,
	    p2);
}

static void
shim_publish(const char *path, const struct shim_fd *s)
{
	FILE *fp;

	fp = fopen(path, "w");
	if (fp == NULL)
		return;
	fprintf(fp, "%d %d %d\n", s->enabled, s->gopt, s->aa_mandatory);
	fclose(fp);
}

/* Returns false if there is no such ENO peer (plain TCP). */
static bool
shim_lookup(const char *path, int *enabled, int *gopt, int *aa)
{
	FILE *fp;
	int n;

	fp = fopen(path, "r");
	if (fp == NULL)
		return (false);
	n = fscanf(fp, "%d %d %d", enabled, gopt, aa);
	fclose(fp);
	return (n == 3);
}

static int
shim_port(const struct sockaddr *sa)
{

	if (sa->sa_family == AF_INET)
		return (ntohs(((const struct sockaddr_in *)sa)->sin_port));
	if (sa->sa_family == AF_INET6)
		return (ntohs(((const struct sockaddr_in6 *)sa)->sin6_port));
	return (-1);
}

/* RFC 8547 negotiation outcome, with the draft 2.1 AA_MANDATORY rule. */
static void
shim_negotiate(struct shim_fd *s, bool peer_eno, int peer_enabled,
    int peer_gopt, int peer_aa)
{

	s->connected = true;
	s->peer_gopt = peer_gopt;
	if (!peer_eno || s->enabled == 0 || peer_enabled == 0 ||
	    (s->aa_mandatory && (peer_gopt & 2) == 0) ||
	    (peer_aa && (s->gopt & 2) == 0))
		s->state = SHIM_DISABLED;
	else
		s->state = SHIM_ENO;
}

/* Unique per connection, equal at both ends: H(client port, server port). */
static void
shim_sessid(struct shim_fd *s, int cport, int sport)
{
	uint8_t md[SHA256_DIGEST_LENGTH];
	char in[64];

	snprintf(in, sizeof(in), "eno-shim %d %d", cport, sport);
	SHA256((const uint8_t *)in, strlen(in), md);
	s->sessid[0] = 0x21;
	memcpy(s->sessid + 1, md, SHIM_SESSID_LEN - 1);
}

int
listen(int fd, int backlog)
{
	static int (*real)(int, int);
	struct sockaddr_storage ss;
	struct shim_fd *s;
	socklen_t len;
	char path[512];

	if (real == NULL)
		real = (int (*)(int, int))dlsym(RTLD_NEXT, "listen");
	s = shim_get(fd);
	len = sizeof(ss);
	if (s != NULL && getsockname(fd, (struct sockaddr *)&ss, &len) == 0) {
		s->gopt |= 1;	/* the passive-role bit (draft 2.1) */
		shim_path(path, sizeof(path), "L", shim_port((void *)&ss), 0);
		shim_publish(path, s);
	}
	return (real(fd, backlog));
}

int
connect(int fd, const struct sockaddr *sa, socklen_t salen)
{
	static int (*real)(int, const struct sockaddr *, socklen_t);
	struct sockaddr_storage ss;
	struct shim_fd *s;
	int en, gopt, aa, lport, rport;
	socklen_t len;
	char path[512];
	bool eno;

	if (real == NULL)
		real = (int (*)(int, const struct sockaddr *, socklen_t))
		    dlsym(RTLD_NEXT, "connect");
	s = shim_get(fd);
	rport = shim_port(sa);
	if (s == NULL || rport < 0)
		return (real(fd, sa, salen));
	/* Bind first so our port is known before the "SYN". */
	memset(&ss, 0, sizeof(ss));
	ss.ss_family = sa->sa_family;
	(void)bind(fd, (struct sockaddr *)&ss, sa->sa_family == AF_INET ?
	    sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6));
	len = sizeof(ss);
	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
		return (real(fd, sa, salen));
	lport = shim_port((void *)&ss);
	shim_path(path, sizeof(path), "C", lport, rport);
	shim_publish(path, s);
	shim_path(path, sizeof(path), "L", rport, 0);
	eno = shim_lookup(path, &en, &gopt, &aa);
	shim_negotiate(s, eno, en, gopt, aa);
	s->role = 0;
	shim_sessid(s, lport, rport);
	return (real(fd, sa, salen));
}

/* After a real accept: inherit, then negotiate with the client's file. */
static int
shim_accepted(int lfd, int fd)
{
	struct sockaddr_storage ls, ps;
	struct shim_fd *l, *s;
	int en, gopt, aa, lport, pport;
	socklen_t len;
	char path[512];
	bool eno;

	l = shim_get(lfd);
	s = shim_get(fd);
	if (fd < 0 || l == NULL || s == NULL)
		return (fd);
	*s = *l;	/* accepted sockets inherit the listener's RW options */
	len = sizeof(ls);
	(void)getsockname(fd, (struct sockaddr *)&ls, &len);
	len = sizeof(ps);
	(void)getpeername(fd, (struct sockaddr *)&ps, &len);
	lport = shim_port((void *)&ls);
	pport = shim_port((void *)&ps);
	shim_path(path, sizeof(path), "C", pport, lport);
	eno = shim_lookup(path, &en, &gopt, &aa);
	shim_negotiate(s, eno, en, gopt, aa);
	s->role = 1;
	shim_sessid(s, pport, lport);
	return (fd);
}

int
accept(int lfd, struct sockaddr *sa, socklen_t *salenp)
{
	static int (*real)(int, struct sockaddr *, socklen_t *);

	if (real == NULL)
		real = (int (*)(int, struct sockaddr *, socklen_t *))
		    dlsym(RTLD_NEXT, "accept");
	return (shim_accepted(lfd, real(lfd, sa, salenp)));
}

int
accept4(int lfd, struct sockaddr *sa, socklen_t *salenp, int flags)
{
	static int (*real)(int, struct sockaddr *, socklen_t *, int);

	if (real == NULL)
		real = (int (*)(int, struct sockaddr *, socklen_t *, int))
		    dlsym(RTLD_NEXT, "accept4");
	return (shim_accepted(lfd, real(lfd, sa, salenp, flags)));
}

static int
shim_put(void *buf, socklen_t *lenp, const void *val, size_t len)
{

	if (*lenp < len) {
		errno = EINVAL;
		return (-1);
	}
	memcpy(buf, val, len);
	*lenp = (socklen_t)len;
	return (0);
}

static int
shim_get_ro(struct shim_fd *s, int name, void *buf, socklen_t *lenp)
{
	uint8_t nm[SHIM_SESSID_LEN + 1];

	if (s->state != SHIM_ENO) {
		errno = s->connected ? EINVAL : ENOTCONN;
		return (-1);
	}
	switch (name) {
	case TCP_ENO_SESSID:
		return (shim_put(buf, lenp, s->sessid, SHIM_SESSID_LEN));
	case TCP_ENO_SELF_NAME:
	case TCP_ENO_PEER_NAME:
		nm[0] = (uint8_t)(name == TCP_ENO_SELF_NAME ? s->role :
		    1 - s->role);
		memcpy(nm + 1, s->sessid, SHIM_SESSID_LEN);
		return (shim_put(buf, lenp, nm, sizeof(nm)));
	case TCP_ENO_ROLE:
		return (shim_put(buf, lenp, &s->role, sizeof(int)));
	case TCP_ENO_PEER_GOPT:
		return (shim_put(buf, lenp, &s->peer_gopt, sizeof(int)));
	default:
		errno = ENOPROTOOPT;
		return (-1);
	}
}

int
getsockopt(int fd, int level, int name, void *buf, socklen_t *lenp)
{
	static int (*real)(int, int, int, void *, socklen_t *);
	struct shim_fd *s;

	if (real == NULL)
		real = (int (*)(int, int, int, void *, socklen_t *))
		    dlsym(RTLD_NEXT, "getsockopt");
	s = shim_get(fd);
	if (!shim_is_eno_opt(level, name) || s == NULL)
		return (real(fd, level, name, buf, lenp));
	switch (name) {
	case TCP_ENO_ENABLED:
		return (shim_put(buf, lenp, &s->enabled, sizeof(int)));
	case TCP_ENO_SELF_GOPT:
		return (shim_put(buf, lenp, &s->gopt, sizeof(int)));
	case TCP_ENO_AA_MANDATORY:
		return (shim_put(buf, lenp, &s->aa_mandatory, sizeof(int)));
	case TCP_ENO_TEP_MANDATORY:
		return (shim_put(buf, lenp, &s->tep_mandatory, sizeof(int)));
	default:
		return (shim_get_ro(s, name, buf, lenp));
	}
}

int
setsockopt(int fd, int level, int name, const void *buf, socklen_t len)
{
	static int (*real)(int, int, int, const void *, socklen_t);
	struct shim_fd *s;
	int val;

	if (real == NULL)
		real = (int (*)(int, int, int, const void *, socklen_t))
		    dlsym(RTLD_NEXT, "setsockopt");
	s = shim_get(fd);
	if (!shim_is_eno_opt(level, name) || s == NULL)
		return (real(fd, level, name, buf, len));
	if (len != sizeof(int)) {
		errno = EINVAL;
		return (-1);
	}
	memcpy(&val, buf, sizeof(val));
	if (name == TCP_CRYPT_CACHE_FLUSH) {
		if (getenv("ENO_SHIM_LOG") != NULL)
			fprintf(stderr, "eno_shim: fd %d cache flush\n", fd);
		return (0);
	}
	if (s->connected) {
		errno = EISCONN;
		return (-1);
	}
	if (name == TCP_ENO_SELF_GOPT && val >= 0 && val <= 31)
		s->gopt = val;
	else if (name == TCP_ENO_AA_MANDATORY && (val == 0 || val == 1))
		s->aa_mandatory = val;
	else if (name == TCP_ENO_TEP_MANDATORY && (val == 0 || val == 1))
		s->tep_mandatory = val;
	else if (name == TCP_ENO_ENABLED && val >= -1 && val <= 1)
		s->enabled = val;
	else {
		errno = EINVAL;
		return (-1);
	}
	return (0);
}

int
close(int fd)
{
	static int (*real)(int);

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "close");
	if (fd >= 0 && fd < SHIM_MAX_FD)
		shim_fds[fd].used = false;
	return (real(fd));
}
