/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: a readable one-line-per-segment log of the wire (flags, length,
 * the TCP options with kind 69 (ENO, RFC 8547 4.1) spelled out, and the
 * first payload bytes), for --demo and --trace.
 */
#ifndef SIM_TRACE_H
#define SIM_TRACE_H

#include <stdint.h>
#include <stdio.h>

#include "sim_wire.h"

void	sim_trace_conn(FILE *fp, int k, uint32_t ip1, uint16_t port1,
	    uint32_t ip2, uint16_t port2);
void	sim_trace_seg(FILE *fp, uint64_t usec, int from,
	    const struct sim_seg *seg, int text);

#endif /* SIM_TRACE_H */
