/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: a libpcap-format capture file writer (LINKTYPE_RAW: each record is
 * one IPv4 packet), so tshark and Wireshark read the simulated wire.
 */
#ifndef SIM_PCAP_H
#define SIM_PCAP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct sim_pcap {
	FILE	*fp;
	int	 failed;	/* a write failed; reported at close */
};

/* 0 on success, -1 (errno set) if the file cannot be created. */
int	sim_pcap_open(struct sim_pcap *pc, const char *path);
/* Append one packet seen at virtual time usec. */
void	sim_pcap_write(struct sim_pcap *pc, uint64_t usec, const uint8_t *pkt,
	    size_t len);
/* 0, or -1 if any write or the close failed. */
int	sim_pcap_close(struct sim_pcap *pc);

#endif /* SIM_PCAP_H */
