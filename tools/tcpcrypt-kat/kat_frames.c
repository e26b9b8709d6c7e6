/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * tcpcrypt-kat, frames (RFC 8548 3.6, 4.2): each frame is sealed with the
 * AEAD state of its direction and generation, made from mk[gen] as the
 * kernel makes it, and must equal the expected bytes; the expected bytes
 * must open to the same control, flags, urgent field and data; and no
 * single-bit change of those bytes may open (3.6: the AEAD authenticates
 * control, clen and the whole ciphertext).  Frames marked open_only carry
 * reserved control / flags bits, which a receiver must ignore (4.2, 4.2.1)
 * and a sender never sets: they are opened, not sealed.  When the tag
 * fails, the header and tag must be as they were and the ciphertext either
 * untouched (soft backend: tag checked first) or all zeros (asm backend:
 * ring zeroes it); no plaintext is left in any case.
 */
#include <stdlib.h>
#include <string.h>

#include "kat.h"

#define	KAT_BUF_CAP	(KAT_FRAME_MAX + 64)
/*
 * Long frames: every bit of the first and last bytes (header, flags, urgent
 * field, tag), one bit of every flip_stride-th byte between, the bit index
 * rotating.
 */
#define	KAT_FLIP_EDGE	64

struct kat_frame {
	unsigned	 dir;
	long long	 gen;
	uint64_t	 offset;
	uint8_t		 control;
	uint8_t		 flags;
	uint16_t	 urgent;
	int		 open_only;	/* reserved bits set: receive side only */
	uint8_t		*data;
	size_t		 data_len;
	uint8_t		*wire;
	size_t		 wire_len;
};

static uint8_t *kat_data, *kat_wire, *kat_buf;

static int
kat_byte(const struct tj_value *v, uint8_t *out)
{
	long long n;

	if (tj_int(v, &n) != 0 || n < 0 || n > 255)
		return (-1);
	*out = (uint8_t)n;
	return (0);
}

static int
kat_frame_read(struct kat_case *c, const struct tj_value *f,
    struct kat_frame *fr)
{
	const char *dir;
	long long urg = 0;

	fr->data = kat_data;
	fr->wire = kat_wire;
	if (tj_str(tj_get(f, "dir"), &dir) != 0 ||
	    (strcmp(dir, "ab") != 0 && strcmp(dir, "ba") != 0) ||
	    tj_int(tj_get(f, "gen"), &fr->gen) != 0 || fr->gen < 0 ||
	    (size_t)fr->gen >= c->nmk ||
	    tj_u64(tj_get(f, "offset"), &fr->offset) != 0 ||
	    kat_byte(tj_get(f, "control"), &fr->control) != 0 ||
	    kat_byte(tj_get(f, "flags"), &fr->flags) != 0) {
		kat_fail(c, "frame %lu: bad dir, gen, offset, control or flags",
		    c->frames);
		return (-1);
	}
	fr->dir = strcmp(dir, "ab") == 0 ? TCPCRYPT_CORE_DIR_AB :
	    TCPCRYPT_CORE_DIR_BA;
	if ((fr->flags & TCPCRYPT_CORE_FLAG_URGP) &&
	    (tj_int(tj_get(f, "urgent"), &urg) != 0 || urg < 0 ||
	    urg > 0xffff)) {
		kat_fail(c, "frame %lu: URGp without a 16-bit urgent",
		    c->frames);
		return (-1);
	}
	fr->urgent = (uint16_t)urg;
	fr->open_only = 0;
	if (!tj_is_null(tj_get(f, "open_only")) &&
	    tj_bool(tj_get(f, "open_only"), &fr->open_only) != 0) {
		kat_fail(c, "frame %lu: open_only is not a boolean", c->frames);
		return (-1);
	}
	if (kat_hex(c, f, "data", fr->data, KAT_FRAME_MAX, &fr->data_len) != 0 ||
	    kat_hex(c, f, "wire", fr->wire, KAT_FRAME_MAX, &fr->wire_len) != 0)
		return (-1);
	return (0);
}

static int
kat_seal(struct kat_case *c, struct tcpcrypt_core_aead *a,
    const struct kat_frame *fr)
{
	size_t doff, flen;

	if (kat_call(c, "frame_data_offset",
	    tcpcrypt_core_frame_data_offset(fr->flags, &doff)) != 0)
		return (-1);
	memset(kat_buf, 0xa5, KAT_BUF_CAP);
	memcpy(kat_buf + doff, fr->data, fr->data_len);
	if (kat_call(c, "frame_seal", tcpcrypt_core_frame_seal(a, fr->offset,
	    fr->control, fr->flags, fr->urgent, kat_buf, KAT_BUF_CAP,
	    fr->data_len, &flen)) != 0)
		return (-1);
	if (flen != fr->wire_len || memcmp(kat_buf, fr->wire, flen) != 0) {
		kat_fail(c, "frame %lu: sealed %zu bytes differ from wire (%zu "
		    "bytes)", c->frames, flen, fr->wire_len);
		return (-1);
	}
	return (0);
}

static int
kat_open(struct kat_case *c, struct tcpcrypt_core_aead *a,
    const struct kat_frame *fr)
{
	size_t doff, dlen;
	uint16_t urg;
	uint8_t ctl, fl;

	memcpy(kat_buf, fr->wire, fr->wire_len);
	if (kat_call(c, "frame_open", tcpcrypt_core_frame_open(a, fr->offset,
	    kat_buf, fr->wire_len, &ctl, &fl, &urg, &doff, &dlen)) != 0)
		return (-1);
	if (ctl != fr->control || fl != fr->flags ||
	    urg != ((fr->flags & TCPCRYPT_CORE_FLAG_URGP) ? fr->urgent : 0) ||
	    dlen != fr->data_len || doff + dlen > fr->wire_len ||
	    memcmp(kat_buf + doff, fr->data, dlen) != 0) {
		kat_fail(c, "frame %lu: opened to control %u flags %u urgent %u "
		    "%zu data bytes, not what was sealed", c->frames, ctl, fl,
		    urg, dlen);
		return (-1);
	}
	return (0);
}

/* Compares buf with wire whose byte pos had bit bit flipped. */
static int
kat_same_flipped(const uint8_t *buf, const uint8_t *wire, size_t from,
    size_t to, size_t pos, unsigned bit)
{
	if (pos < from || pos >= to)
		return (memcmp(buf + from, wire + from, to - from) == 0);
	return (memcmp(buf + from, wire + from, pos - from) == 0 &&
	    buf[pos] == (uint8_t)(wire[pos] ^ (1u << bit)) &&
	    memcmp(buf + pos + 1, wire + pos + 1, to - pos - 1) == 0);
}

/*
 * What a failed open may leave of the frame it was given (wire with bit
 * `bit` of byte `pos` flipped): that frame, or that frame with its
 * ciphertext (between the 3-byte header and the tag) zeroed.  memcmp, not
 * a byte loop: the host step checks every bit of 64 KiB frames.
 */
static int
kat_failed_open_left(const uint8_t *buf, const uint8_t *wire, size_t len,
    size_t pos, unsigned bit)
{
	static const uint8_t zeros[KAT_BUF_CAP];
	size_t ct_end;

	if (kat_same_flipped(buf, wire, 0, len, pos, bit))
		return (1);
	if (len < TCPCRYPT_CORE_FRAME_HEADER_LEN + TCPCRYPT_CORE_TAG_LEN ||
	    len > sizeof(zeros))
		return (0);
	ct_end = len - TCPCRYPT_CORE_TAG_LEN;
	return (kat_same_flipped(buf, wire, 0, TCPCRYPT_CORE_FRAME_HEADER_LEN,
	    pos, bit) &&
	    kat_same_flipped(buf, wire, ct_end, len, pos, bit) &&
	    memcmp(buf + TCPCRYPT_CORE_FRAME_HEADER_LEN, zeros,
	    ct_end - TCPCRYPT_CORE_FRAME_HEADER_LEN) == 0);
}

/* Flip one bit, open, and check that it failed and left nothing behind. */
static int
kat_flip_one(struct kat_case *c, struct tcpcrypt_core_aead *a,
    const struct kat_frame *fr, size_t pos, unsigned bit, size_t doff)
{
	enum tcpcrypt_core_status st;
	size_t o, l;
	uint16_t urg;
	uint8_t ctl, fl;

	c->flips++;
	memcpy(kat_buf, fr->wire, fr->wire_len);
	kat_buf[pos] ^= (uint8_t)(1u << bit);
	st = tcpcrypt_core_frame_open(a, fr->offset, kat_buf, fr->wire_len,
	    &ctl, &fl, &urg, &o, &l);
	if (st == TCPCRYPT_CORE_STATUS_OK) {
		kat_fail(c, "frame %lu: opened with bit %u of byte %zu flipped",
		    c->frames, bit, pos);
		return (-1);
	}
	if (st == TCPCRYPT_CORE_STATUS_AUTH_FAILED) {
		if (!kat_failed_open_left(kat_buf, fr->wire, fr->wire_len, pos,
		    bit)) {
			kat_fail(c, "frame %lu: failed open (byte %zu) changed "
			    "the buffer beyond zeroing the ciphertext",
			    c->frames, pos);
			return (-1);
		}
	} else if (fr->data_len > 0 && doff + fr->data_len <= fr->wire_len &&
	    memcmp(kat_buf + doff, fr->data, fr->data_len) == 0) {
		kat_fail(c, "frame %lu: plaintext left after a failed open (%s)",
		    c->frames, kat_status_name(st));
		return (-1);
	}
	return (0);
}

static int
kat_flips(struct kat_case *c, struct tcpcrypt_core_aead *a,
    const struct kat_frame *fr)
{
	size_t pos, doff, n = fr->wire_len;
	unsigned bit;
	int all;

	if (tcpcrypt_core_frame_data_offset(fr->flags, &doff) !=
	    TCPCRYPT_CORE_STATUS_OK)
		return (-1);
	for (pos = 0; pos < n; pos++) {
		all = c->opts->flip_all_max == 0 ||
		    n <= c->opts->flip_all_max || pos < KAT_FLIP_EDGE ||
		    pos >= n - KAT_FLIP_EDGE;
		if (!all && pos % c->opts->flip_stride != 0)
			continue;
		for (bit = 0; bit < 8; bit++) {
			if (!all && bit != pos / c->opts->flip_stride % 8)
				continue;
			if (kat_flip_one(c, a, fr, pos, bit, doff) != 0)
				return (-1);
		}
	}
	return (0);
}

static int
kat_frame_one(struct kat_case *c, const struct tj_value *f)
{
	struct tcpcrypt_core_aead a;
	struct kat_frame fr;
	int rc = -1;

	memset(&a, 0, sizeof(a));
	if (kat_frame_read(c, f, &fr) != 0)
		return (-1);
	/* The kernel's path: AEAD state straight from mk[gen] and direction. */
	if (kat_call(c, "aead_init", tcpcrypt_core_aead_init(&a, c->aead,
	    &c->mk[fr.gen], fr.dir)) != 0)
		goto out;
	if ((!fr.open_only && kat_seal(c, &a, &fr) != 0) ||
	    kat_open(c, &a, &fr) != 0 ||
	    kat_flips(c, &a, &fr) != 0)
		goto out;
	rc = 0;
out:
	tcpcrypt_core_aead_reset(&a);
	return (rc);
}

int
kat_check_frames(struct kat_case *c)
{
	const struct tj_value *frames = tj_get(c->v, "frames");
	size_t i;

	if (kat_buf == NULL) {
		kat_data = malloc(KAT_FRAME_MAX);
		kat_wire = malloc(KAT_FRAME_MAX);
		kat_buf = malloc(KAT_BUF_CAP);
		if (kat_data == NULL || kat_wire == NULL || kat_buf == NULL) {
			kat_fail(c, "out of memory");
			return (-1);
		}
	}
	for (i = 0; i < tj_len(frames); i++, c->frames++)
		if (kat_frame_one(c, tj_at(frames, i)) != 0)
			return (-1);
	return (0);
}
