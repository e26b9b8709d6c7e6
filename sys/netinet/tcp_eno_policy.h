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
 * ANY EXPRESS OR IMPLIED WARRANTIES ARE DISCLAIMED.  IN NO EVENT SHALL THE
 * AUTHOR OR CONTRIBUTORS BE LIABLE FOR ANY DAMAGES ARISING IN ANY WAY OUT
 * OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH
 * DAMAGE.
 */

/*
 * System-wide TCP-ENO defaults (the net.inet.tcp.eno.* sysctls) and the
 * decision whether to attempt TCP-ENO when TCP_ENO_ENABLED is -1.
 *
 * Follows draft-ietf-tcpinc-api sections 2.2 and 3.2 as mapped onto FreeBSD
 * by API.md section 4: list values are strings, read back in canonical form
 * (TEPs "0x" + 2 hex digits, AEADs "0x" + 4, lower case, ports in decimal,
 * comma separated, no spaces); a write that is malformed or names something
 * the stack does not implement is rejected with a reason and changes nothing.
 *
 * Portable engine code: no platform errno, no allocation, no locking.  The
 * kernel glue (tcp_eno.c) owns the storage and the lock and calls these.
 */
#ifndef _NETINET_TCP_ENO_POLICY_H_
#define	_NETINET_TCP_ENO_POLICY_H_

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"
#include "tcp_eno_codec.h"

/*
 * Size limits of API.md section 1 (TCP_ENO_MAX_TEPS, _RAW, _SESSID, _NAME,
 * _TRANSCRIPT) come with the engine's tcp_eno_codec.h; the patched
 * <netinet/tcp.h> wins.
 */
#ifndef TCP_CRYPT_MAX_CONF
#define	TCP_CRYPT_MAX_CONF	16
#endif

/* AEAD identifiers are two bytes each (RFC 8548 section 4.1, Table 5). */
#define	TCP_CRYPT_AEAD_LEN	2
#define	TCP_CRYPT_MAX_AEADS	\
	(TCP_CRYPT_MAX_CONF / TCP_CRYPT_AEAD_LEN)

/* Project bound: entries in each bad_*_ports list. */
#define	TCP_ENO_MAX_BAD_PORTS	64

/*
 * Longest canonical sysctl string, NUL included: 64 ports of at most five
 * digits, 63 commas.  Every valid write fits in it too.
 */
#define	TCP_ENO_SYSCTL_STRMAX	(TCP_ENO_MAX_BAD_PORTS * 6)

/* The TEP identifier of a suboption byte without its v bit (RFC 8547 4.1). */
#define	TCP_ENO_TEP_ID(b)	((uint8_t)((b) & ~TCP_ENO_V))

/*
 * What this stack implements.  A parameter rather than a constant so that
 * the kernel can describe what is registered (tcpcrypt TEPs 0x21-0x24 today,
 * others later); tcp_eno_impl_default is that set and the AEADs of RFC 8548
 * Table 5.
 */
struct tcp_eno_impl {
	const uint8_t	*teps;		/* TEP ids, v bit clear */
	size_t		 nteps;
	const uint16_t	*aeads;		/* sym_cipher ids */
	size_t		 naeads;
};

extern const struct tcp_eno_impl tcp_eno_impl_default;

/* A TEP list as TCP_ENO_TEPS holds it: bytes as written, v bits kept. */
struct tcp_eno_teplist {
	uint8_t		len;
	uint8_t		ids[TCP_ENO_MAX_TEPS];
};

/* AEAD identifiers as Init1 encodes them: big-endian, two bytes each. */
struct tcp_eno_aeadlist {
	uint8_t		len;			/* bytes, even */
	uint8_t		ids[TCP_CRYPT_MAX_CONF];
};

struct tcp_eno_portlist {
	uint16_t	n;
	uint16_t	ports[TCP_ENO_MAX_BAD_PORTS];
};

/* The values of net.inet.tcp.eno.* (one per VNET in the kernel). */
struct tcp_eno_sysconf {
	const struct tcp_eno_impl *impl;	/* NULL: tcp_eno_impl_default */
	struct tcp_eno_teplist	teps;
	int			enable_connect;
	int			enable_listen;
	struct tcp_eno_portlist	bad_connect_ports;
	struct tcp_eno_portlist	bad_listen_ports;
	struct tcp_eno_aeadlist	crypt_aconf;
	struct tcp_eno_aeadlist	crypt_bconf;
};

/* The knobs, named as under net.inet.tcp.eno. */
enum tcp_eno_sysctl {
	TCP_ENO_SYSCTL_TEPS,
	TCP_ENO_SYSCTL_ENABLE_CONNECT,
	TCP_ENO_SYSCTL_ENABLE_LISTEN,
	TCP_ENO_SYSCTL_BAD_CONNECT_PORTS,
	TCP_ENO_SYSCTL_BAD_LISTEN_PORTS,
	TCP_ENO_SYSCTL_CRYPT_ACONF,
	TCP_ENO_SYSCTL_CRYPT_BCONF,
	TCP_ENO_SYSCTL_COUNT
};

/* Defaults of API.md section 4; impl may be NULL. */
void	tcp_eno_sysconf_init(struct tcp_eno_sysconf *sys,
	    const struct tcp_eno_impl *impl);
const struct tcp_eno_impl *tcp_eno_sysconf_impl(
	    const struct tcp_eno_sysconf *sys);

/* Knob by name without the "net.inet.tcp.eno." prefix; true if found. */
bool	tcp_eno_sysctl_lookup(const char *name, enum tcp_eno_sysctl *knob);
const char *tcp_eno_sysctl_name(enum tcp_eno_sysctl knob);
/* True for the int knobs (enable_connect, enable_listen). */
bool	tcp_eno_sysctl_is_int(enum tcp_eno_sysctl knob);

/*
 * String knobs: set from s[0..len) (no NUL needed; an embedded NUL is a
 * syntax error) and read in canonical form into buf (NUL-terminated, *outlen
 * without the NUL).  On failure the configuration is unchanged.
 */
enum tcp_eno_reason tcp_eno_sysctl_set_str(struct tcp_eno_sysconf *sys,
	    enum tcp_eno_sysctl knob, const char *s, size_t len);
enum tcp_eno_reason tcp_eno_sysctl_get_str(const struct tcp_eno_sysconf *sys,
	    enum tcp_eno_sysctl knob, char *buf, size_t cap, size_t *outlen);
/* Int knobs. */
enum tcp_eno_reason tcp_eno_sysctl_set_int(struct tcp_eno_sysconf *sys,
	    enum tcp_eno_sysctl knob, long long v);
enum tcp_eno_reason tcp_eno_sysctl_get_int(const struct tcp_eno_sysconf *sys,
	    enum tcp_eno_sysctl knob, int *v);

/* The parsers behind them; *out is written only on success. */
enum tcp_eno_reason tcp_eno_parse_teps(const char *s, size_t len,
	    const struct tcp_eno_impl *impl, struct tcp_eno_teplist *out);
enum tcp_eno_reason tcp_eno_parse_aeads(const char *s, size_t len,
	    const struct tcp_eno_impl *impl, struct tcp_eno_aeadlist *out);
enum tcp_eno_reason tcp_eno_parse_ports(const char *s, size_t len,
	    struct tcp_eno_portlist *out);
/* Printers; fail (buffer too small) without writing past cap. */
enum tcp_eno_reason tcp_eno_print_teps(const struct tcp_eno_teplist *l,
	    char *buf, size_t cap, size_t *outlen);
enum tcp_eno_reason tcp_eno_print_aeads(const struct tcp_eno_aeadlist *l,
	    char *buf, size_t cap, size_t *outlen);
enum tcp_eno_reason tcp_eno_print_ports(const struct tcp_eno_portlist *l,
	    char *buf, size_t cap, size_t *outlen);

/*
 * Byte-level checks shared with the socket options (API.md section 3):
 * TCP_ENO_TEPS and TCP_CRYPT_ACONF / TCP_CRYPT_BCONF values.
 */
enum tcp_eno_reason tcp_eno_check_teps(const struct tcp_eno_impl *impl,
	    const uint8_t *teps, size_t len);
enum tcp_eno_reason tcp_eno_check_aeads(const struct tcp_eno_impl *impl,
	    const uint8_t *ids, size_t len);
bool	tcp_eno_impl_has_tep(const struct tcp_eno_impl *impl, uint8_t id);
bool	tcp_eno_impl_has_aead(const struct tcp_eno_impl *impl, uint16_t id);
/* tcpcrypt's TEPs (RFC 8548 Table 4), whatever is registered. */
bool	tcp_eno_tep_is_tcpcrypt(uint8_t tep);

/* Inputs of the ENABLED = -1 decision (API.md section 4). */
struct tcp_eno_policy_in {
	int		 enabled;	/* TCP_ENO_ENABLED: -1, 0, 1 */
	bool		 passive;	/* listener's SYN, else connect */
	bool		 raw;		/* TCP_ENO_RAW is non-empty */
	uint16_t	 port;		/* active: remote, passive: local */
	const uint8_t	*teps;		/* effective TEP list */
	size_t		 nteps;
};

/*
 * Whether this connection attempts TCP-ENO.  When it does not, *why says
 * which rule decided (a TCP_ENO_R_POLICY_* reason, class none, for the
 * glue's counters); when it does, *why is TCP_ENO_R_NONE.
 */
bool	tcp_eno_policy_attempt(const struct tcp_eno_sysconf *sys,
	    const struct tcp_eno_policy_in *in, enum tcp_eno_reason *why);
bool	tcp_eno_portlist_has(const struct tcp_eno_portlist *l,
	    uint16_t port);

#endif /* !_NETINET_TCP_ENO_POLICY_H_ */
