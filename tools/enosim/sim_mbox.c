/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: middlebox (see sim_mbox.h).  Stripping rebuilds the option list
 * without kind 69 and re-encodes the packet; tampering counts payload bytes
 * of every non-SYN segment in either direction, retransmissions included
 * (the attacker sees the wire, not the streams), and flips the low bit of
 * the chosen one.
 */
#include <string.h>

#include "sim_mbox.h"
#include "sim_wire.h"

static int
mbox_wants_strip(const struct sim_mbox *m, int from, uint8_t flags)
{

	switch (m->strip) {
	case SIM_STRIP_NONE:
		return (0);
	case SIM_STRIP_SYN:
		return ((flags & (SIM_TH_SYN | SIM_TH_ACK)) == SIM_TH_SYN);
	case SIM_STRIP_SYNACK:
		return ((flags & (SIM_TH_SYN | SIM_TH_ACK)) ==
		    (SIM_TH_SYN | SIM_TH_ACK));
	case SIM_STRIP_ACK:
		return ((flags & SIM_TH_SYN) == 0 && from == m->active_host);
	}
	return (0);
}

static void
mbox_strip(struct sim_mbox *m, uint8_t *pkt, size_t *len)
{
	struct sim_seg seg;
	struct sim_opt opts[SIM_MAX_OPTS];
	uint8_t nopts[SIM_TCP_MAXOLEN];
	uint8_t payload[SIM_MAX_PAYLOAD];
	size_t nlen = 0;
	int i, n, found = 0;

	if (sim_wire_decode(pkt, *len, &seg) != SIM_WIRE_OK)
		return;
	n = sim_wire_opts(seg.opts, seg.optlen, opts, SIM_MAX_OPTS);
	if (n < 0)
		return;
	for (i = 0; i < n; i++) {
		if (opts[i].kind == SIM_TCPOPT_ENO) {
			found++;
			continue;
		}
		(void)sim_wire_opt_add(nopts, &nlen, opts[i].data,
		    opts[i].len);
	}
	if (found == 0)
		return;
	m->stripped += found;
	sim_wire_opt_pad(nopts, &nlen);
	memcpy(seg.opts, nopts, nlen);
	seg.optlen = nlen;
	/* The payload lives in pkt, which the encoder overwrites. */
	memcpy(payload, seg.payload, seg.len);
	seg.payload = payload;
	sim_wire_encode(&seg, pkt);
	*len = sim_wire_size(&seg);
}

void
sim_mbox_apply(struct sim_mbox *m, int from, uint8_t *pkt, size_t *len)
{
	struct sim_seg seg;
	size_t off;

	if (sim_wire_decode(pkt, *len, &seg) != SIM_WIRE_OK)
		return;
	if (mbox_wants_strip(m, from, seg.flags)) {
		mbox_strip(m, pkt, len);
		if (sim_wire_decode(pkt, *len, &seg) != SIM_WIRE_OK)
			return;
	}
	if (m->tamper_at == 0 || m->tampered || (seg.flags & SIM_TH_SYN) ||
	    seg.len == 0)
		return;
	if (m->payload_seen + seg.len >= m->tamper_at) {
		off = (size_t)(seg.payload - pkt) +
		    (size_t)(m->tamper_at - m->payload_seen - 1);
		pkt[off] ^= 0x01;
		sim_wire_fix_csum(pkt, *len);
		m->tampered = 1;
	}
	m->payload_seen += seg.len;
}
