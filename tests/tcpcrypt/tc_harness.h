/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD Authors
 */

/*
 * Host test harness for the tcpcrypt engine (RFC 8548): checks that count,
 * a deterministic (test-only, NOT cryptographic) random source, an
 * allocator that verifies every freed block was wiped, and a two-engine
 * pair in the manner of quinn's Pair: each engine's stream bytes are fed to
 * the other in random fragments until neither moves.
 */

#ifndef TC_HARNESS_H
#define	TC_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcpcrypt_engine.h"

extern int tc_passed, tc_failed;

#define	CHECK(cond, ...) do {						\
	if (cond) {							\
		tc_passed++;						\
	} else {							\
		tc_failed++;						\
		printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);	\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

#define	CHECK_R(got, want) do {						\
	enum tcpcrypt_reason got_ = (got), want_ = (want);		\
	CHECK(got_ == want_, "got %s want %s",				\
	    tcpcrypt_reason_name(got_), tcpcrypt_reason_name(want_));	\
} while (0)

/* splitmix64: deterministic test randomness. */
struct tc_rng {
	uint64_t	s;
};
uint64_t tc_rand(struct tc_rng *r);
uint64_t tc_below(struct tc_rng *r, uint64_t n);
void	tc_random_fn(void *arg, uint8_t *buf, size_t len);
void	tc_fill(struct tc_rng *r, uint8_t *buf, size_t len);

extern const struct tcpcrypt_allocator tc_alloc;
extern long tc_live_blocks;		/* allocated, not yet freed */
extern long tc_unwiped_frees;		/* freed with a non-zero byte */

/* A growable byte buffer. */
struct tc_buf {
	uint8_t		*p;
	size_t		 len;
	size_t		 cap;
};
void	tc_buf_add(struct tc_buf *b, const uint8_t *p, size_t len);
void	tc_buf_free(struct tc_buf *b);

struct tc_host {
	struct tcpcrypt_conn *c;
	struct tc_buf	 wire;		/* everything it transmitted */
	size_t		 delivered;	/* wire bytes the peer consumed */
	bool		 fin;		/* TCP FIN after its last byte */
	bool		 fin_delivered;
	size_t		 psh_count;
	size_t		 psh_first;	/* wire length at the first PSH */
	struct tc_buf	 app_out;	/* what the application wrote */
	size_t		 app_written;	/* of app_out handed to the engine */
	bool		 close_after;	/* app_close once app_out is in */
	bool		 closed;
	struct tc_buf	 app_in;	/* plaintext received */
	enum tcpcrypt_reason last_error;
};

struct tc_pair {
	struct tc_rng	 rng;
	struct tc_host	 h[2];		/* h[0] active opener */
	size_t		 max_frag;	/* random fragments 1..max_frag */
	size_t		 tx_cap;	/* poll_transmit buffer size */
	/* Corrupt one wire byte of h[tamper_host] at offset tamper_at. */
	int		 tamper_host;
	size_t		 tamper_at;
	uint8_t		 tamper_mask;
};

struct tc_conn_opts {
	uint16_t	 aconf[8];
	size_t		 naconf;
	uint16_t	 bconf[8];
	size_t		 nbconf;
	uint64_t	 rekey_frames;
	uint64_t	 rekey_bytes;
	struct tcpcrypt_cache *cache;
	const char	*peer;		/* peer id string */
	bool		 no_cache;
	uint64_t	 now_ms;
};

void	tc_pair_init(struct tc_pair *p, uint64_t seed);
void	tc_pair_free(struct tc_pair *p);
struct tcpcrypt_conn *tc_conn(bool active, const struct tc_conn_opts *o,
	    struct tc_rng *rng);
/* Fresh negotiation without ENO: roles from h[0] = A, given TEP. */
void	tc_negotiate(struct tc_pair *p, uint8_t tep_byte);
/* Runs until nothing moves; returns rounds. */
int	tc_pump(struct tc_pair *p);
void	tc_queue_app(struct tc_host *h, struct tc_rng *rng, size_t n);
bool	tc_host_ok(const struct tc_host *from, const struct tc_host *to);
bool	tc_wire_has_plaintext(const struct tc_host *h);

/* Suites. */
void	tc_suite_pair(void);
void	tc_suite_errors(void);
void	tc_suite_rekey(void);
void	tc_suite_resume(void);
void	tc_suite_init(void);
void	tc_suite_eno(void);

#endif
