/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: the applications on the two hosts and what the run checks about
 * their data.  Each host writes --bytes of seeded random data, shuts down
 * its sending side and reads until end-of-file; the reader compares what it
 * got with what the peer wrote.  A wire scanner reports whether any 16-byte
 * run of either application stream appears in any segment payload (the
 * "no plaintext on the wire" check of RFC 8547 4.6).
 */
#ifndef SIM_APP_H
#define SIM_APP_H

#include <stddef.h>
#include <stdint.h>

/* One direction's application stream. */
struct sim_stream {
	uint8_t		*data;
	size_t		 len;
	size_t		 written;	/* accepted by the sender's socket */
	size_t		 received;	/* delivered to the peer application */
	int		 mismatch;	/* a delivered byte differed */
	size_t		 mismatch_at;
};

/*
 * len bytes of seeded random data, or with text set readable lines naming
 * the writing host (for the demonstration; still unique per line).
 */
int	sim_stream_init(struct sim_stream *s, size_t len, uint64_t seed,
	    uint64_t stream, int text, int host);
void	sim_stream_free(struct sim_stream *s);
/* The receiving application got buf[0..len): compare and count. */
void	sim_stream_deliver(struct sim_stream *s, const uint8_t *buf,
	    size_t len);
/* Everything arrived, intact, nothing extra. */
int	sim_stream_ok(const struct sim_stream *s);

/* Index of both streams for the plaintext scan. */
struct sim_ptscan {
	uint32_t		*slots;		/* (dir << 31 | word) + 1 */
	uint64_t		*filter;	/* one bit per word hash */
	size_t			 mask;
	const struct sim_stream	*s[2];
	int			 seen;
};

int	sim_ptscan_init(struct sim_ptscan *ps, const struct sim_stream *s0,
	    const struct sim_stream *s1);
void	sim_ptscan_free(struct sim_ptscan *ps);
/* Scan one segment payload; sets ps->seen on a 16-byte match. */
void	sim_ptscan_payload(struct sim_ptscan *ps, const uint8_t *p, size_t len);

#endif /* SIM_APP_H */
