/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * libFuzzer target for the simulator's packet parsers: IPv4/TCP decoding
 * with checksums (sim_wire_decode), the TCP option walk (sim_wire_opts),
 * the middlebox's option stripping and tampering (sim_mbox_apply), which
 * re-encode packets, and the segment log (sim_trace_seg).
 */
#include <stdio.h>
#include <string.h>

#include "sim_mbox.h"
#include "sim_trace.h"
#include "sim_wire.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t pkt[SIM_IP_HLEN + SIM_TCP_HLEN + SIM_TCP_MAXOLEN +
	    SIM_MAX_PAYLOAD];
	static FILE *null;
	struct sim_opt opts[SIM_MAX_OPTS];
	struct sim_seg seg;
	struct sim_mbox mb;
	size_t len;

	if (size < 2 || size > sizeof(pkt))
		return (0);
	if (null == NULL)
		null = fopen("/dev/null", "w");
	(void)sim_wire_opts(data + 1, size - 1 < SIM_TCP_MAXOLEN ? size - 1 :
	    SIM_TCP_MAXOLEN, opts, SIM_MAX_OPTS);
	memcpy(pkt, data + 1, size - 1);
	len = size - 1;
	/* Valid checksums reach the deeper paths: fix them half the time. */
	if ((data[0] & 1) && len >= SIM_IP_HLEN + SIM_TCP_HLEN &&
	    ((size_t)(pkt[2] << 8 | pkt[3])) == len && pkt[0] == 0x45 &&
	    (size_t)(pkt[SIM_IP_HLEN + 12] >> 4) * 4 >= SIM_TCP_HLEN &&
	    SIM_IP_HLEN + (size_t)(pkt[SIM_IP_HLEN + 12] >> 4) * 4 <= len)
		sim_wire_fix_csum(pkt, len);
	if (sim_wire_decode(pkt, len, &seg) != SIM_WIRE_OK)
		return (0);
	(void)sim_wire_opts(seg.opts, seg.optlen, opts, SIM_MAX_OPTS);
	if (null != NULL)
		sim_trace_seg(null, 0, data[0] >> 7, &seg, data[0] & 2);
	memset(&mb, 0, sizeof(mb));
	mb.strip = (enum sim_strip)((data[0] >> 1) % 4);
	mb.tamper_at = data[0] >> 3;
	sim_mbox_apply(&mb, data[0] >> 7, pkt, &len);
	if (sim_wire_decode(pkt, len, &seg) != SIM_WIRE_OK)
		__builtin_trap();	/* the middlebox broke a good packet */
	return (0);
}
