/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: IPv4 (RFC 791) and TCP (RFC 9293 section 3.1) headers with real
 * checksums, and the TCP option list (RFC 9293 3.2; kind 69 is TCP-ENO,
 * RFC 8547 4.1).  Segments travel through the simulated channel as encoded
 * packets, so the option bytes the engines produce are exactly the bytes on
 * the wire and in the pcap, and the receiver checks both checksums.
 */
#ifndef SIM_WIRE_H
#define SIM_WIRE_H

#include <stddef.h>
#include <stdint.h>

#define	SIM_TH_FIN	0x01
#define	SIM_TH_SYN	0x02
#define	SIM_TH_RST	0x04
#define	SIM_TH_PUSH	0x08
#define	SIM_TH_ACK	0x10

#define	SIM_IP_HLEN	20
#define	SIM_TCP_HLEN	20
#define	SIM_TCP_MAXOLEN	40
#define	SIM_MAX_PAYLOAD	65000

#define	SIM_TCPOPT_EOL	0
#define	SIM_TCPOPT_NOP	1
#define	SIM_TCPOPT_MSS	2
#define	SIM_TCPOPT_ENO	69

/* A decoded segment; payload points into the packet it was decoded from. */
struct sim_seg {
	uint32_t	 src_ip;
	uint32_t	 dst_ip;
	uint16_t	 sport;
	uint16_t	 dport;
	uint32_t	 seq;
	uint32_t	 ack;
	uint8_t		 flags;
	uint16_t	 win;
	uint8_t		 opts[SIM_TCP_MAXOLEN];	/* as on the wire, padded */
	size_t		 optlen;
	const uint8_t	*payload;
	size_t		 len;
};

enum sim_wire_reason {
	SIM_WIRE_OK = 0,
	SIM_WIRE_R_SHORT,		/* shorter than the headers claim */
	SIM_WIRE_R_IP_VERSION,		/* not IPv4 with a 20-byte header */
	SIM_WIRE_R_IP_CSUM,		/* RFC 791 header checksum */
	SIM_WIRE_R_NOT_TCP,
	SIM_WIRE_R_TCP_OFF,		/* data offset < 5 or past the end */
	SIM_WIRE_R_TCP_CSUM,		/* RFC 9293 3.1 checksum */
};

/* One option of a parsed list. */
struct sim_opt {
	uint8_t		 kind;
	uint8_t		 len;		/* whole option, kind and length in */
	const uint8_t	*data;		/* the option's first byte (the kind) */
};

#define	SIM_MAX_OPTS	20

/* Bytes the encoded packet of seg takes. */
size_t	sim_wire_size(const struct sim_seg *seg);
/* Encode seg into out (sim_wire_size bytes), both checksums computed. */
void	sim_wire_encode(const struct sim_seg *seg, uint8_t *out);
/* Decode and verify a packet; seg->payload points into pkt. */
enum sim_wire_reason sim_wire_decode(const uint8_t *pkt, size_t len,
	    struct sim_seg *seg);
/* Recompute both checksums after a change to the packet's bytes. */
void	sim_wire_fix_csum(uint8_t *pkt, size_t len);
/*
 * Split an option list; returns the number of options or -1 if the list
 * is malformed (an option running past the end, a length below 2).
 */
int	sim_wire_opts(const uint8_t *opts, size_t len, struct sim_opt *out,
	    int max);
/*
 * Append one option (kind, len, data as given in opt, whole) to an option
 * list; returns 0, or -1 when it would not fit in 40 bytes.
 */
int	sim_wire_opt_add(uint8_t *opts, size_t *len, const uint8_t *opt,
	    size_t optlen);
/* Pad an option list with NOPs... then EOL to a multiple of 4 bytes. */
void	sim_wire_opt_pad(uint8_t *opts, size_t *len);
const char *sim_wire_reason_str(enum sim_wire_reason r);

#endif /* SIM_WIRE_H */
