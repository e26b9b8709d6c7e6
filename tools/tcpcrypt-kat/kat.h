/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * tcpcrypt-kat: checks crypto-core, through tcpcrypt_core.h only (as the
 * kernel calls it), against known-answer files made by the independent
 * Python implementation in tests/vectors/ (format: tests/vectors/README.md).
 *
 *   RFC 8548 5         public keys on the wire, ES from both sides,
 *                      invalid peer keys refused
 *   RFC 8548 3.3, 3.4  PRK, ss[i], mk[j], k_ab[j] / k_ba[j], session ID
 *   RFC 8548 3.5       resume[i], resumed session ID, mk[0], traffic keys
 *   RFC 8548 3.6, 4.2  frames sealed to the expected bytes, opened back,
 *                      and no single-bit flip of a frame opens
 */
#ifndef KAT_H
#define KAT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpcrypt_core.h"
#include "tj_json.h"

#define	KAT_MAX_GENS	64	/* mk[j] kept per case */
#define	KAT_MAX_SS	64	/* ss[i] kept per case */
#define	KAT_HEX_MAX	4096	/* largest non-frame field (Init1, ...) */
#define	KAT_FRAME_MAX	(3 + 65535)

struct kat_opts {
	size_t	flip_all_max;	/* 0: every bit of every frame; else every
				   bit of frames up to this length */
	size_t	flip_stride;	/* longer frames: one bit per stride bytes */
	int	verbose;
};

/* One case being checked; the first failure is kept for the report. */
struct kat_case {
	const struct tj_value	*v;
	const struct kat_opts	*opts;
	const char		*name;
	int			 failed;
	char			 why[320];
	uint8_t			 tep;
	uint16_t		 aead;
	struct tcpcrypt_core_secret ss[KAT_MAX_SS];
	size_t			 nss;
	struct tcpcrypt_core_secret mk[KAT_MAX_GENS];
	size_t			 nmk;
	unsigned long		 frames;
	unsigned long		 flips;
};

/* kat_util.c */
void	kat_fail(struct kat_case *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
const char *kat_status_name(enum tcpcrypt_core_status st);
int	kat_call(struct kat_case *c, const char *what,
	    enum tcpcrypt_core_status st);
int	kat_hex(struct kat_case *c, const struct tj_value *obj,
	    const char *key, uint8_t *buf, size_t cap, size_t *len);
int	kat_expect(struct kat_case *c, const char *what, const uint8_t *got,
	    size_t got_len, const struct tj_value *want);
int	kat_expect_secret(struct kat_case *c, const char *what,
	    const struct tcpcrypt_core_secret *s, const struct tj_value *want);

/* kat_kx.c */
int	kat_check_kx(struct kat_case *c, uint8_t *es, size_t cap,
	    size_t *es_len);
int	kat_check_invalid_key(struct kat_case *c);

/* kat_schedule.c */
int	kat_check_schedule(struct kat_case *c, const uint8_t *es,
	    size_t es_len);
int	kat_check_resume(struct kat_case *c);

/* kat_frames.c */
int	kat_check_frames(struct kat_case *c);

#endif /* KAT_H */
