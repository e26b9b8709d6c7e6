/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions
 * are met:
 * 1. Redistributions of source code must retain the above copyright
 *    notice, this list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright
 *    notice, this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 *
 * THIS SOFTWARE IS PROVIDED BY THE AUTHOR AND CONTRIBUTORS ``AS IS'' AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 * ARE DISCLAIMED.  IN NO EVENT SHALL THE AUTHOR OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS
 * OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
 * HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
 * LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY
 * OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF
 * SUCH DAMAGE.
 */

/*
 * TCP-ENO option codec (RFC 8547 4.1, 4.2, 4.4, 4.8, 5.1): SYN-form ENO
 * option contents to and from a list of suboptions, with every ill-formed
 * case of 4.4 a reason; the TCP options walk that finds ENO options (a SYN
 * with several counts as having none, 4.1); the negotiation transcript and
 * the session names of draft-ietf-tcpinc-api 2.1.  Portable engine code:
 * include only tcp_eno_compat.h (via tcp_eno_engine.h).
 */

#ifndef _NETINET_TCP_ENO_CODEC_H_
#define	_NETINET_TCP_ENO_CODEC_H_

#include "tcp_eno_compat.h"
#include "tcp_eno_reason.h"

#define	TCP_ENO_KIND		69	/* TCP option kind, 8547 4.1 */
#define	TCP_ENO_OPT_MAX		40	/* TCP option space, whole option */
#define	TCP_ENO_CONTENTS_MAX	(TCP_ENO_OPT_MAX - 2)
#define	TCP_ENO_SUBOPT_MAX	TCP_ENO_CONTENTS_MAX
#define	TCP_ENO_LENBYTE_MAX	32	/* data bytes a length byte names */
#define	TCP_ENO_GLT_TEP_MIN	0x20	/* glt below: global or length */
#define	TCP_ENO_V		0x80	/* v bit of a suboption byte */
#define	TCP_ENO_GOPT_BIT_B	0x01	/* passive role bit, 8547 4.2 */
#define	TCP_ENO_GOPT_BIT_A	0x02	/* application-aware bit */
#define	TCP_ENO_GOPT_MASK	0x1f
#define	TCP_ENO_SESSID_MIN	33	/* 8547 5.1 */
#define	TCP_ENO_REG_MAX		16	/* TEPs one registry holds */

/* API.md section 1 limits; the patched <netinet/tcp.h> wins. */
#ifndef TCP_ENO_MAX_TEPS
#define	TCP_ENO_MAX_TEPS	16
#endif
#ifndef TCP_ENO_MAX_RAW
#define	TCP_ENO_MAX_RAW		32
#endif
#ifndef TCP_ENO_MAX_SESSID
#define	TCP_ENO_MAX_SESSID	64
#endif
#ifndef TCP_ENO_MAX_NAME
#define	TCP_ENO_MAX_NAME	65
#endif
#ifndef TCP_ENO_MAX_TRANSCRIPT
#define	TCP_ENO_MAX_TRANSCRIPT	80
#endif

enum tcp_eno_role {
	TCP_ENO_ROLE_A = 0,	/* sent b = 0 */
	TCP_ENO_ROLE_B = 1	/* sent b = 1 */
};

/* One TEP suboption (8547 4.1 Table 1); data lives in the owner's buf. */
struct tcp_eno_subopt {
	uint8_t		es_tep;		/* glt, 0x20-0x7f */
	uint8_t		es_v;		/* v bit as sent: 0 or 1 */
	uint8_t		es_off;		/* data offset in esy_buf */
	uint8_t		es_len;		/* data length */
};

/*
 * A SYN-form option as a list: parsed from received contents (esy_buf is
 * then a copy of the contents) or built for sending (esy_buf holds the
 * data bytes).  Only the first global suboption counts (8547 4.2).
 */
struct tcp_eno_syn {
	uint8_t		esy_buf[TCP_ENO_CONTENTS_MAX];
	uint8_t		esy_buflen;
	uint8_t		esy_gopt;	/* first global suboption, else 0 */
	bool		esy_has_gopt;	/* explicit global suboption */
	uint8_t		esy_nsub;
	struct tcp_eno_subopt esy_sub[TCP_ENO_SUBOPT_MAX];
};

/* Codec (tcp_eno_codec.c). */
enum tcp_eno_reason tcp_eno_syn_parse(struct tcp_eno_syn *syn,
	    const uint8_t *contents, size_t len);
void	tcp_eno_syn_init(struct tcp_eno_syn *syn);
enum tcp_eno_reason tcp_eno_syn_set_gopt(struct tcp_eno_syn *syn,
	    uint8_t gopt);
enum tcp_eno_reason tcp_eno_syn_add(struct tcp_eno_syn *syn, uint8_t tep,
	    uint8_t v, const uint8_t *data, size_t len);
/* Contents (no kind/length): explicit gopt first, suboptions in order. */
enum tcp_eno_reason tcp_eno_syn_encode(const struct tcp_eno_syn *syn,
	    uint8_t *contents, size_t cap, size_t *len);
const uint8_t *tcp_eno_subopt_data(const struct tcp_eno_syn *syn, size_t i);
/* Last TEP identifier of the option (4.7 "SYN TEP"); 0 if none. */
uint8_t	tcp_eno_syn_tep(const struct tcp_eno_syn *syn);

/*
 * Walk a TCP options area (kind/length list as in the header) and count
 * the ENO options; *contents and *len give the first one.  A malformed
 * option length ends the walk, as tcp_dooptions() does.
 */
unsigned int tcp_eno_options_find(const uint8_t *opts, size_t optlen,
	    const uint8_t **contents, size_t *len);
/* Whole option: kind, length, contents. */
enum tcp_eno_reason tcp_eno_option_wrap(const uint8_t *contents, size_t len,
	    uint8_t *out, size_t cap, size_t *outlen);
/* Transcript (8547 4.8): A's ENO option then B's, kind and length in. */
enum tcp_eno_reason tcp_eno_transcript(const uint8_t *a, size_t alen,
	    const uint8_t *b, size_t blen, uint8_t *out, size_t cap,
	    size_t *outlen);
/* Session names (draft 2.1): role | sessid; peer: (1 - role) | sessid. */
enum tcp_eno_reason tcp_eno_session_name(enum tcp_eno_role role, bool self,
	    const uint8_t *sessid, size_t sidlen, uint8_t *out, size_t cap,
	    size_t *outlen);

#endif /* !_NETINET_TCP_ENO_CODEC_H_ */
