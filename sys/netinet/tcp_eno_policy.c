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
 * net.inet.tcp.eno.* values and the ENABLED = -1 policy (draft-ietf-tcpinc-
 * api sections 2.2 and 3.2, API.md section 4).
 *
 * The sysctl strings come from an administrator (or a script): every write
 * is parsed completely into a temporary and only then copied over the live
 * value, so a bad write changes nothing.  The accepted syntax is exactly the
 * canonical read form, except that hex digits may be upper case:
 *	teps			"0xHH[,0xHH...]"     (may be empty)
 *	crypt_aconf/bconf	"0xHHHH[,0xHHHH...]" (never empty)
 *	bad_*_ports		"N[,N...]"           (may be empty;
 *						      1-65535, no leading 0)
 */

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"
#include "tcp_eno_policy.h"

static const uint8_t tcp_eno_impl_teps[] = { 0x21, 0x22, 0x23, 0x24 };
static const uint16_t tcp_eno_impl_aeads[] = { 0x0001, 0x0002, 0x0010 };

const struct tcp_eno_impl tcp_eno_impl_default = {
	.teps = tcp_eno_impl_teps,
	.nteps = sizeof(tcp_eno_impl_teps),
	.aeads = tcp_eno_impl_aeads,
	.naeads = sizeof(tcp_eno_impl_aeads) / sizeof(tcp_eno_impl_aeads[0]),
};

static const char *const tcp_eno_sysctl_names[TCP_ENO_SYSCTL_COUNT] = {
	[TCP_ENO_SYSCTL_TEPS] = "teps",
	[TCP_ENO_SYSCTL_ENABLE_CONNECT] = "enable_connect",
	[TCP_ENO_SYSCTL_ENABLE_LISTEN] = "enable_listen",
	[TCP_ENO_SYSCTL_BAD_CONNECT_PORTS] = "bad_connect_ports",
	[TCP_ENO_SYSCTL_BAD_LISTEN_PORTS] = "bad_listen_ports",
	[TCP_ENO_SYSCTL_CRYPT_ACONF] = "crypt_aconf",
	[TCP_ENO_SYSCTL_CRYPT_BCONF] = "crypt_bconf",
};

static const char tcp_eno_hexdigits[] = "0123456789abcdef";

const struct tcp_eno_impl *
tcp_eno_sysconf_impl(const struct tcp_eno_sysconf *sys)
{

	return (sys->impl != NULL ? sys->impl : &tcp_eno_impl_default);
}

void
tcp_eno_sysconf_init(struct tcp_eno_sysconf *sys,
    const struct tcp_eno_impl *impl)
{
	static const char teps[] = "0x21,0x23";
	static const char aconf[] = "0x0001,0x0002,0x0010";
	static const char bconf[] = "0x0010,0x0002,0x0001";

	memset(sys, 0, sizeof(*sys));
	sys->impl = impl;
	sys->enable_connect = 1;
	sys->enable_listen = 1;
	/*
	 * The defaults go through the parsers so that an impl lacking one of
	 * them leaves that list empty instead of offering what it cannot do.
	 */
	(void)tcp_eno_parse_teps(teps, sizeof(teps) - 1,
	    tcp_eno_sysconf_impl(sys), &sys->teps);
	if (tcp_eno_parse_aeads(aconf, sizeof(aconf) - 1,
	    tcp_eno_sysconf_impl(sys), &sys->crypt_aconf) != TCP_ENO_R_NONE)
		sys->crypt_aconf.len = 0;
	if (tcp_eno_parse_aeads(bconf, sizeof(bconf) - 1,
	    tcp_eno_sysconf_impl(sys), &sys->crypt_bconf) != TCP_ENO_R_NONE)
		sys->crypt_bconf.len = 0;
}

bool
tcp_eno_sysctl_lookup(const char *name, enum tcp_eno_sysctl *knob)
{
	int i;

	for (i = 0; i < TCP_ENO_SYSCTL_COUNT; i++) {
		if (tcp_eno_streq(name, tcp_eno_sysctl_names[i])) {
			*knob = (enum tcp_eno_sysctl)i;
			return (true);
		}
	}
	return (false);
}

const char *
tcp_eno_sysctl_name(enum tcp_eno_sysctl knob)
{

	if ((unsigned)knob >= TCP_ENO_SYSCTL_COUNT)
		return (NULL);
	return (tcp_eno_sysctl_names[knob]);
}

bool
tcp_eno_sysctl_is_int(enum tcp_eno_sysctl knob)
{

	return (knob == TCP_ENO_SYSCTL_ENABLE_CONNECT ||
	    knob == TCP_ENO_SYSCTL_ENABLE_LISTEN);
}

bool
tcp_eno_impl_has_tep(const struct tcp_eno_impl *impl, uint8_t id)
{
	size_t i;

	for (i = 0; i < impl->nteps; i++)
		if (impl->teps[i] == id)
			return (true);
	return (false);
}

bool
tcp_eno_impl_has_aead(const struct tcp_eno_impl *impl, uint16_t id)
{
	size_t i;

	for (i = 0; i < impl->naeads; i++)
		if (impl->aeads[i] == id)
			return (true);
	return (false);
}

bool
tcp_eno_tep_is_tcpcrypt(uint8_t tep)
{
	uint8_t id;

	id = TCP_ENO_TEP_ID(tep);
	return (id >= 0x21 && id <= 0x24);
}

/*
 * A TEP list as TCP_ENO_TEPS or eno_teps carries it (draft 2.1): the v bit
 * is ignored, so 0xa3 names 0x23; what is left must be a TEP identifier
 * (RFC 8547 4.1: glt >= 0x20), one this stack implements, and not repeated
 * (a repeat would spend SYN option space on a duplicate offer).
 */
enum tcp_eno_reason
tcp_eno_check_teps(const struct tcp_eno_impl *impl, const uint8_t *teps,
    size_t len)
{
	size_t i, j;
	uint8_t id;

	if (len > TCP_ENO_MAX_TEPS)
		return (TCP_ENO_R_TEP_TOO_MANY);
	for (i = 0; i < len; i++) {
		id = TCP_ENO_TEP_ID(teps[i]);
		if (id < TCP_ENO_GLT_TEP_MIN)
			return (TCP_ENO_R_TEP_BAD_ID);
		if (!tcp_eno_impl_has_tep(impl, id))
			return (TCP_ENO_R_TEP_UNIMPLEMENTED);
		for (j = 0; j < i; j++)
			if (TCP_ENO_TEP_ID(teps[j]) == id)
				return (TCP_ENO_R_TEP_DUPLICATE);
	}
	return (TCP_ENO_R_NONE);
}

/*
 * AEAD identifiers as Init1's sym_cipher fields (RFC 8548 4.1): two bytes
 * each, at least one, at most TCP_CRYPT_MAX_AEADS, each implemented.
 */
enum tcp_eno_reason
tcp_eno_check_aeads(const struct tcp_eno_impl *impl, const uint8_t *ids,
    size_t len)
{
	size_t i, j;
	uint16_t id;

	if (len == 0)
		return (TCP_ENO_R_AEAD_EMPTY);
	if (len % TCP_CRYPT_AEAD_LEN != 0)
		return (TCP_ENO_R_AEAD_ODD_LEN);
	if (len > TCP_CRYPT_MAX_CONF)
		return (TCP_ENO_R_AEAD_TOO_MANY);
	for (i = 0; i < len; i += TCP_CRYPT_AEAD_LEN) {
		id = (uint16_t)(ids[i] << 8 | ids[i + 1]);
		if (!tcp_eno_impl_has_aead(impl, id))
			return (TCP_ENO_R_AEAD_UNIMPLEMENTED);
		for (j = 0; j < i; j += TCP_CRYPT_AEAD_LEN)
			if (ids[j] == ids[i] && ids[j + 1] == ids[i + 1])
				return (TCP_ENO_R_AEAD_DUPLICATE);
	}
	return (TCP_ENO_R_NONE);
}

static int
tcp_eno_hexval(char c)
{

	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/*
 * One list element "0x" + exactly ndig hex digits, s[0..len) being the
 * element without its commas.  Fixed width keeps the write form equal to
 * the read form; "0x1" or "0x021" are refused rather than guessed at.
 */
static bool
tcp_eno_parse_hexfield(const char *s, size_t len, size_t ndig, uint32_t *v)
{
	size_t i;
	int d;

	if (len != 2 + ndig || s[0] != '0' || s[1] != 'x')
		return (false);
	*v = 0;
	for (i = 2; i < len; i++) {
		d = tcp_eno_hexval(s[i]);
		if (d < 0)
			return (false);
		*v = *v << 4 | (uint32_t)d;
	}
	return (true);
}

/* Decimal 1-65535 without a leading zero. */
static enum tcp_eno_reason
tcp_eno_parse_portfield(const char *s, size_t len, uint16_t *port)
{
	uint32_t v;
	size_t i;

	if (len == 0 || s[0] == '0')
		return (len == 1 ? TCP_ENO_R_SYSCTL_BAD_PORT :
		    TCP_ENO_R_SYSCTL_SYNTAX);
	v = 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return (TCP_ENO_R_SYSCTL_SYNTAX);
		if (v <= 65535)
			v = v * 10 + (uint32_t)(s[i] - '0');
	}
	if (v > 65535)
		return (TCP_ENO_R_SYSCTL_BAD_PORT);
	*port = (uint16_t)v;
	return (TCP_ENO_R_NONE);
}

/*
 * Split s[0..len) at commas and hand each element to one of the field
 * parsers above.  No element may be empty (",," or a stray comma), and the
 * empty string is the empty list.  max bounds the element count, so the
 * work is linear in len and no input can overflow the caller's arrays.
 */
enum tcp_eno_listkind {
	TCP_ENO_LIST_TEPS,
	TCP_ENO_LIST_AEADS,
	TCP_ENO_LIST_PORTS
};

struct tcp_eno_listout {
	size_t		n;
	size_t		max;
	uint8_t		*bytes;		/* TEPS, AEADS */
	uint16_t	*ports;		/* PORTS */
};

static enum tcp_eno_reason
tcp_eno_parse_elem(enum tcp_eno_listkind kind, const char *s, size_t len,
    struct tcp_eno_listout *o)
{
	enum tcp_eno_reason r;
	uint32_t v;

	switch (kind) {
	case TCP_ENO_LIST_TEPS:
		if (!tcp_eno_parse_hexfield(s, len, 2, &v))
			return (TCP_ENO_R_SYSCTL_SYNTAX);
		o->bytes[o->n] = (uint8_t)v;
		break;
	case TCP_ENO_LIST_AEADS:
		if (!tcp_eno_parse_hexfield(s, len, 4, &v))
			return (TCP_ENO_R_SYSCTL_SYNTAX);
		o->bytes[2 * o->n] = (uint8_t)(v >> 8);
		o->bytes[2 * o->n + 1] = (uint8_t)v;
		break;
	case TCP_ENO_LIST_PORTS:
		r = tcp_eno_parse_portfield(s, len, &o->ports[o->n]);
		if (r != TCP_ENO_R_NONE)
			return (r);
		break;
	}
	o->n++;
	return (TCP_ENO_R_NONE);
}

static enum tcp_eno_reason
tcp_eno_parse_list(enum tcp_eno_listkind kind, const char *s, size_t len,
    struct tcp_eno_listout *o, enum tcp_eno_reason toomany)
{
	enum tcp_eno_reason r;
	size_t start, i;

	o->n = 0;
	if (len == 0)
		return (TCP_ENO_R_NONE);
	start = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != ',')
			continue;
		if (o->n == o->max)
			return (toomany);
		if (i == start)
			return (TCP_ENO_R_SYSCTL_SYNTAX);
		r = tcp_eno_parse_elem(kind, s + start, i - start, o);
		if (r != TCP_ENO_R_NONE)
			return (r);
		start = i + 1;
	}
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_parse_teps(const char *s, size_t len, const struct tcp_eno_impl *impl,
    struct tcp_eno_teplist *out)
{
	uint8_t ids[TCP_ENO_MAX_TEPS];
	struct tcp_eno_listout o = { .max = TCP_ENO_MAX_TEPS, .bytes = ids };
	enum tcp_eno_reason r;

	r = tcp_eno_parse_list(TCP_ENO_LIST_TEPS, s, len, &o,
	    TCP_ENO_R_TEP_TOO_MANY);
	if (r == TCP_ENO_R_NONE)
		r = tcp_eno_check_teps(impl, ids, o.n);
	if (r != TCP_ENO_R_NONE)
		return (r);
	out->len = (uint8_t)o.n;
	memcpy(out->ids, ids, o.n);
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_parse_aeads(const char *s, size_t len,
    const struct tcp_eno_impl *impl, struct tcp_eno_aeadlist *out)
{
	uint8_t ids[TCP_CRYPT_MAX_CONF];
	struct tcp_eno_listout o = { .max = TCP_CRYPT_MAX_AEADS, .bytes = ids };
	enum tcp_eno_reason r;

	r = tcp_eno_parse_list(TCP_ENO_LIST_AEADS, s, len, &o,
	    TCP_ENO_R_AEAD_TOO_MANY);
	if (r == TCP_ENO_R_NONE)
		r = tcp_eno_check_aeads(impl, ids, 2 * o.n);
	if (r != TCP_ENO_R_NONE)
		return (r);
	out->len = (uint8_t)(2 * o.n);
	memcpy(out->ids, ids, 2 * o.n);
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_parse_ports(const char *s, size_t len, struct tcp_eno_portlist *out)
{
	uint16_t ports[TCP_ENO_MAX_BAD_PORTS];
	struct tcp_eno_listout o = {
		.max = TCP_ENO_MAX_BAD_PORTS,
		.ports = ports
	};
	enum tcp_eno_reason r;

	r = tcp_eno_parse_list(TCP_ENO_LIST_PORTS, s, len, &o,
	    TCP_ENO_R_SYSCTL_TOO_MANY_PORTS);
	if (r != TCP_ENO_R_NONE)
		return (r);
	out->n = (uint16_t)o.n;
	memcpy(out->ports, ports, o.n * sizeof(ports[0]));
	return (TCP_ENO_R_NONE);
}

/* Appends "0x" and ndig lower-case hex digits of v, or a comma first. */
static bool
tcp_eno_put_hex(char *buf, size_t cap, size_t *pos, bool comma, uint32_t v,
    size_t ndig)
{
	size_t need, i;

	need = (comma ? 1 : 0) + 2 + ndig;
	if (cap - *pos <= need)		/* keep room for the NUL */
		return (false);
	if (comma)
		buf[(*pos)++] = ',';
	buf[(*pos)++] = '0';
	buf[(*pos)++] = 'x';
	for (i = ndig; i > 0; i--)
		buf[(*pos)++] = tcp_eno_hexdigits[(v >> (4 * (i - 1))) & 0xf];
	return (true);
}

static bool
tcp_eno_put_dec(char *buf, size_t cap, size_t *pos, bool comma, uint16_t v)
{
	char tmp[5];
	size_t n;

	n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (cap - *pos <= (comma ? 1 : 0) + n)
		return (false);
	if (comma)
		buf[(*pos)++] = ',';
	while (n > 0)
		buf[(*pos)++] = tmp[--n];
	return (true);
}

enum tcp_eno_reason
tcp_eno_print_teps(const struct tcp_eno_teplist *l, char *buf, size_t cap,
    size_t *outlen)
{
	size_t i, pos;

	if (cap == 0)
		return (TCP_ENO_R_SYSCTL_BUF_SHORT);
	pos = 0;
	for (i = 0; i < l->len; i++)
		if (!tcp_eno_put_hex(buf, cap, &pos, i > 0, l->ids[i], 2))
			return (TCP_ENO_R_SYSCTL_BUF_SHORT);
	buf[pos] = '\0';
	*outlen = pos;
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_print_aeads(const struct tcp_eno_aeadlist *l, char *buf, size_t cap,
    size_t *outlen)
{
	size_t i, pos;
	uint32_t v;

	if (cap == 0)
		return (TCP_ENO_R_SYSCTL_BUF_SHORT);
	pos = 0;
	for (i = 0; i + 1 < l->len; i += TCP_CRYPT_AEAD_LEN) {
		v = (uint32_t)l->ids[i] << 8 | l->ids[i + 1];
		if (!tcp_eno_put_hex(buf, cap, &pos, i > 0, v, 4))
			return (TCP_ENO_R_SYSCTL_BUF_SHORT);
	}
	buf[pos] = '\0';
	*outlen = pos;
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_print_ports(const struct tcp_eno_portlist *l, char *buf, size_t cap,
    size_t *outlen)
{
	size_t i, pos;

	if (cap == 0)
		return (TCP_ENO_R_SYSCTL_BUF_SHORT);
	pos = 0;
	for (i = 0; i < l->n; i++)
		if (!tcp_eno_put_dec(buf, cap, &pos, i > 0, l->ports[i]))
			return (TCP_ENO_R_SYSCTL_BUF_SHORT);
	buf[pos] = '\0';
	*outlen = pos;
	return (TCP_ENO_R_NONE);
}

/* A NUL inside the value would make the kernel and sysctl(8) disagree. */
static bool
tcp_eno_has_nul(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '\0')
			return (true);
	return (false);
}

enum tcp_eno_reason
tcp_eno_sysctl_set_str(struct tcp_eno_sysconf *sys, enum tcp_eno_sysctl knob,
    const char *s, size_t len)
{
	const struct tcp_eno_impl *impl;

	impl = tcp_eno_sysconf_impl(sys);
	if ((unsigned)knob >= TCP_ENO_SYSCTL_COUNT)
		return (TCP_ENO_R_SYSCTL_UNKNOWN);
	if (tcp_eno_sysctl_is_int(knob) || tcp_eno_has_nul(s, len))
		return (TCP_ENO_R_SYSCTL_SYNTAX);
	switch (knob) {
	case TCP_ENO_SYSCTL_TEPS:
		return (tcp_eno_parse_teps(s, len, impl, &sys->teps));
	case TCP_ENO_SYSCTL_BAD_CONNECT_PORTS:
		return (tcp_eno_parse_ports(s, len, &sys->bad_connect_ports));
	case TCP_ENO_SYSCTL_BAD_LISTEN_PORTS:
		return (tcp_eno_parse_ports(s, len, &sys->bad_listen_ports));
	case TCP_ENO_SYSCTL_CRYPT_ACONF:
		return (tcp_eno_parse_aeads(s, len, impl, &sys->crypt_aconf));
	case TCP_ENO_SYSCTL_CRYPT_BCONF:
		return (tcp_eno_parse_aeads(s, len, impl, &sys->crypt_bconf));
	default:
		return (TCP_ENO_R_SYSCTL_UNKNOWN);
	}
}

enum tcp_eno_reason
tcp_eno_sysctl_get_str(const struct tcp_eno_sysconf *sys,
    enum tcp_eno_sysctl knob, char *buf, size_t cap, size_t *outlen)
{

	switch (knob) {
	case TCP_ENO_SYSCTL_TEPS:
		return (tcp_eno_print_teps(&sys->teps, buf, cap, outlen));
	case TCP_ENO_SYSCTL_BAD_CONNECT_PORTS:
		return (tcp_eno_print_ports(&sys->bad_connect_ports, buf, cap,
		    outlen));
	case TCP_ENO_SYSCTL_BAD_LISTEN_PORTS:
		return (tcp_eno_print_ports(&sys->bad_listen_ports, buf, cap,
		    outlen));
	case TCP_ENO_SYSCTL_CRYPT_ACONF:
		return (tcp_eno_print_aeads(&sys->crypt_aconf, buf, cap,
		    outlen));
	case TCP_ENO_SYSCTL_CRYPT_BCONF:
		return (tcp_eno_print_aeads(&sys->crypt_bconf, buf, cap,
		    outlen));
	case TCP_ENO_SYSCTL_ENABLE_CONNECT:
	case TCP_ENO_SYSCTL_ENABLE_LISTEN:
		return (TCP_ENO_R_SYSCTL_SYNTAX);
	default:
		return (TCP_ENO_R_SYSCTL_UNKNOWN);
	}
}

enum tcp_eno_reason
tcp_eno_sysctl_set_int(struct tcp_eno_sysconf *sys, enum tcp_eno_sysctl knob,
    long long v)
{
	int *dst;

	if (knob == TCP_ENO_SYSCTL_ENABLE_CONNECT)
		dst = &sys->enable_connect;
	else if (knob == TCP_ENO_SYSCTL_ENABLE_LISTEN)
		dst = &sys->enable_listen;
	else if ((unsigned)knob < TCP_ENO_SYSCTL_COUNT)
		return (TCP_ENO_R_SYSCTL_SYNTAX);
	else
		return (TCP_ENO_R_SYSCTL_UNKNOWN);
	if (v != 0 && v != 1)
		return (TCP_ENO_R_SYSCTL_BAD_INT);
	*dst = (int)v;
	return (TCP_ENO_R_NONE);
}

enum tcp_eno_reason
tcp_eno_sysctl_get_int(const struct tcp_eno_sysconf *sys,
    enum tcp_eno_sysctl knob, int *v)
{

	if (knob == TCP_ENO_SYSCTL_ENABLE_CONNECT)
		*v = sys->enable_connect;
	else if (knob == TCP_ENO_SYSCTL_ENABLE_LISTEN)
		*v = sys->enable_listen;
	else if ((unsigned)knob < TCP_ENO_SYSCTL_COUNT)
		return (TCP_ENO_R_SYSCTL_SYNTAX);
	else
		return (TCP_ENO_R_SYSCTL_UNKNOWN);
	return (TCP_ENO_R_NONE);
}

bool
tcp_eno_portlist_has(const struct tcp_eno_portlist *l, uint16_t port)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->ports[i] == port)
			return (true);
	return (false);
}

/*
 * Draft 2.2 / API.md 4.  Raw mode is the application asking for ENO with
 * its own contents, so like an explicit ENABLED = 1 it overrides the
 * sysctls; API.md 3 lets it survive even ENABLED = 0.  An empty TEP list
 * leaves nothing to offer or accept, whatever ENABLED says (draft 2.1,
 * TCP_ENO_TEPS: "If the list is empty, TCP-ENO is disabled").
 */
static enum tcp_eno_reason
tcp_eno_policy_why(const struct tcp_eno_sysconf *sys,
    const struct tcp_eno_policy_in *in)
{

	if (in->raw)
		return (TCP_ENO_R_NONE);
	if (in->enabled == 0)
		return (TCP_ENO_R_POLICY_SOCKET_OFF);
	if (in->nteps == 0)
		return (TCP_ENO_R_POLICY_NO_TEPS);
	if (in->enabled == 1)
		return (TCP_ENO_R_NONE);
	if (!in->passive) {
		if (sys->enable_connect == 0)
			return (TCP_ENO_R_POLICY_CONNECT_OFF);
		if (tcp_eno_portlist_has(&sys->bad_connect_ports, in->port))
			return (TCP_ENO_R_POLICY_BAD_CONNECT_PORT);
		return (TCP_ENO_R_NONE);
	}
	if (sys->enable_listen == 0)
		return (TCP_ENO_R_POLICY_LISTEN_OFF);
	if (tcp_eno_portlist_has(&sys->bad_listen_ports, in->port))
		return (TCP_ENO_R_POLICY_BAD_LISTEN_PORT);
	return (TCP_ENO_R_NONE);
}

bool
tcp_eno_policy_attempt(const struct tcp_eno_sysconf *sys,
    const struct tcp_eno_policy_in *in, enum tcp_eno_reason *why)
{
	enum tcp_eno_reason r;

	r = tcp_eno_policy_why(sys, in);
	if (why != NULL)
		*why = r;
	return (r == TCP_ENO_R_NONE);
}
