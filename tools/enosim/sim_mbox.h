/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: an on-path middlebox.  --strip deletes the ENO option (kind 69,
 * RFC 8547 4.1) from one kind of handshake segment, as option-stripping
 * middleboxes do (RFC 8547 section 9, experiment 1); --tamper flips one bit
 * of one payload byte after the handshake and fixes the checksums, as an
 * active attacker would, so only the TEP's authentication can notice.
 */
#ifndef SIM_MBOX_H
#define SIM_MBOX_H

#include <stddef.h>
#include <stdint.h>

enum sim_strip {
	SIM_STRIP_NONE = 0,
	SIM_STRIP_SYN,		/* SYN without ACK */
	SIM_STRIP_SYNACK,	/* SYN with ACK */
	SIM_STRIP_ACK,		/* every non-SYN segment of the active opener */
};

struct sim_mbox {
	enum sim_strip	 strip;
	int		 active_host;	/* the one opening actively (h1) */
	uint64_t	 tamper_at;	/* 1-based payload byte; 0 = never */
	uint64_t	 payload_seen;
	int		 tampered;	/* the flip was done */
	uint64_t	 stripped;	/* options deleted */
};

/*
 * Apply the middlebox to a packet from host `from`, in place; *len may
 * shrink (an option deleted).  The buffer holds at least *len bytes.
 */
void	sim_mbox_apply(struct sim_mbox *m, int from, uint8_t *pkt,
	    size_t *len);

#endif /* SIM_MBOX_H */
