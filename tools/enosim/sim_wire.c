/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: IPv4 + TCP header encoding and decoding with the Internet
 * checksum (RFC 1071) over the IPv4 header and over the TCP pseudo-header,
 * header, options and payload (RFC 9293 3.1).  The decoder rejects a packet
 * whose checksum fails, as a host would, so a middlebox in the simulated
 * channel that alters bytes must recompute them (sim_wire_fix_csum).
 */
#include <string.h>

#include "sim_wire.h"

#define	IPPROTO_TCP_NUM	6

static void
put16(uint8_t *p, uint16_t v)
{

	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void
put32(uint8_t *p, uint32_t v)
{

	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static uint16_t
get16(const uint8_t *p)
{

	return ((uint16_t)(p[0] << 8 | p[1]));
}

static uint32_t
get32(const uint8_t *p)
{

	return ((uint32_t)get16(p) << 16 | get16(p + 2));
}

static uint32_t
csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get16(p + i);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return (sum);
}

static uint16_t
csum_fold(uint32_t sum)
{

	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ((uint16_t)~sum);
}

/* TCP checksum over pseudo-header + segment; tcp points at the TCP header. */
static uint16_t
tcp_csum(const uint8_t *ip, const uint8_t *tcp, size_t tcplen)
{
	uint8_t pseudo[12];

	memcpy(pseudo, ip + 12, 8);
	pseudo[8] = 0;
	pseudo[9] = IPPROTO_TCP_NUM;
	put16(pseudo + 10, (uint16_t)tcplen);
	return (csum_fold(csum_add(csum_add(0, pseudo, sizeof(pseudo)), tcp,
	    tcplen)));
}

size_t
sim_wire_size(const struct sim_seg *seg)
{

	return (SIM_IP_HLEN + SIM_TCP_HLEN + seg->optlen + seg->len);
}

void
sim_wire_encode(const struct sim_seg *seg, uint8_t *out)
{
	uint8_t *ip = out, *tcp = out + SIM_IP_HLEN;
	size_t total = sim_wire_size(seg);

	memset(out, 0, SIM_IP_HLEN + SIM_TCP_HLEN);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)total);
	put16(ip + 6, 0x4000);		/* DF */
	ip[8] = 64;
	ip[9] = IPPROTO_TCP_NUM;
	put32(ip + 12, seg->src_ip);
	put32(ip + 16, seg->dst_ip);
	put16(tcp, seg->sport);
	put16(tcp + 2, seg->dport);
	put32(tcp + 4, seg->seq);
	put32(tcp + 8, seg->ack);
	tcp[12] = (uint8_t)(((SIM_TCP_HLEN + seg->optlen) / 4) << 4);
	tcp[13] = seg->flags;
	put16(tcp + 14, seg->win);
	memcpy(tcp + SIM_TCP_HLEN, seg->opts, seg->optlen);
	if (seg->len > 0)
		memcpy(tcp + SIM_TCP_HLEN + seg->optlen, seg->payload,
		    seg->len);
	sim_wire_fix_csum(out, total);
}

void
sim_wire_fix_csum(uint8_t *pkt, size_t len)
{
	uint8_t *tcp = pkt + SIM_IP_HLEN;

	put16(pkt + 10, 0);
	put16(pkt + 10, csum_fold(csum_add(0, pkt, SIM_IP_HLEN)));
	put16(tcp + 16, 0);
	put16(tcp + 16, tcp_csum(pkt, tcp, len - SIM_IP_HLEN));
}

enum sim_wire_reason
sim_wire_decode(const uint8_t *pkt, size_t len, struct sim_seg *seg)
{
	const uint8_t *tcp;
	size_t total, off;

	if (len < SIM_IP_HLEN + SIM_TCP_HLEN)
		return (SIM_WIRE_R_SHORT);
	if (pkt[0] != 0x45)
		return (SIM_WIRE_R_IP_VERSION);
	total = get16(pkt + 2);
	if (total > len || total < SIM_IP_HLEN + SIM_TCP_HLEN)
		return (SIM_WIRE_R_SHORT);
	if (csum_fold(csum_add(0, pkt, SIM_IP_HLEN)) != 0)
		return (SIM_WIRE_R_IP_CSUM);
	if (pkt[9] != IPPROTO_TCP_NUM)
		return (SIM_WIRE_R_NOT_TCP);
	tcp = pkt + SIM_IP_HLEN;
	off = (size_t)(tcp[12] >> 4) * 4;
	if (off < SIM_TCP_HLEN || SIM_IP_HLEN + off > total)
		return (SIM_WIRE_R_TCP_OFF);
	/* A correct checksum field makes the sum over everything fold to 0. */
	if (tcp_csum(pkt, tcp, total - SIM_IP_HLEN) != 0)
		return (SIM_WIRE_R_TCP_CSUM);
	seg->src_ip = get32(pkt + 12);
	seg->dst_ip = get32(pkt + 16);
	seg->sport = get16(tcp);
	seg->dport = get16(tcp + 2);
	seg->seq = get32(tcp + 4);
	seg->ack = get32(tcp + 8);
	seg->flags = tcp[13];
	seg->win = get16(tcp + 14);
	seg->optlen = off - SIM_TCP_HLEN;
	memcpy(seg->opts, tcp + SIM_TCP_HLEN, seg->optlen);
	seg->payload = tcp + off;
	seg->len = total - SIM_IP_HLEN - off;
	return (SIM_WIRE_OK);
}

int
sim_wire_opts(const uint8_t *opts, size_t len, struct sim_opt *out, int max)
{
	size_t i = 0;
	int n = 0;

	while (i < len) {
		if (opts[i] == SIM_TCPOPT_EOL)
			break;
		if (opts[i] == SIM_TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= len || opts[i + 1] < 2 || i + opts[i + 1] > len)
			return (-1);
		if (n < max) {
			out[n].kind = opts[i];
			out[n].len = opts[i + 1];
			out[n].data = opts + i;
			n++;
		}
		i += opts[i + 1];
	}
	return (n);
}

int
sim_wire_opt_add(uint8_t *opts, size_t *len, const uint8_t *opt,
    size_t optlen)
{

	if (*len + optlen > SIM_TCP_MAXOLEN)
		return (-1);
	memcpy(opts + *len, opt, optlen);
	*len += optlen;
	return (0);
}

void
sim_wire_opt_pad(uint8_t *opts, size_t *len)
{

	/* NOPs keep any option after them parseable; EOL ends the list. */
	if (*len % 4 == 0)
		return;
	while (*len % 4 != 3)
		opts[(*len)++] = SIM_TCPOPT_NOP;
	opts[(*len)++] = SIM_TCPOPT_EOL;
}

const char *
sim_wire_reason_str(enum sim_wire_reason r)
{

	switch (r) {
	case SIM_WIRE_OK:
		return ("ok");
	case SIM_WIRE_R_SHORT:
		return ("short packet");
	case SIM_WIRE_R_IP_VERSION:
		return ("not IPv4 with a 20-byte header");
	case SIM_WIRE_R_IP_CSUM:
		return ("bad IPv4 header checksum");
	case SIM_WIRE_R_NOT_TCP:
		return ("not TCP");
	case SIM_WIRE_R_TCP_OFF:
		return ("bad TCP data offset");
	case SIM_WIRE_R_TCP_CSUM:
		return ("bad TCP checksum");
	}
	return ("?");
}
