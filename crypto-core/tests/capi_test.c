/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * capi_test.c: exercises crypto-core only through tcpcrypt_core.h, as the
 * tcpcrypt engine and the kernel do: both sides of a key exchange for every
 * TEP (RFC 8548 section 5), the key schedule (3.3-3.5), frames for every
 * AEAD (3.6, 4.2) including tamper rejection with the buffer left as it
 * was, and the status codes for NULL pointers, short buffers and state
 * objects that were never initialised.  Prints "N passed, M failed".
 */

#include <stdio.h>
#include <string.h>

#include "tcpcrypt_core.h"

static int npass, nfail;

#define	CHECK(cond, ...) do {						\
	if (cond) {							\
		npass++;						\
	} else {							\
		nfail++;						\
		printf("FAIL %s:%d: ", __func__, __LINE__);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

#define	OK(call) CHECK((call) == TCPCRYPT_CORE_STATUS_OK, "%s", #call)

static const uint8_t teps[] = {
	TCPCRYPT_CORE_TEP_P256, TCPCRYPT_CORE_TEP_P521,
	TCPCRYPT_CORE_TEP_X25519, TCPCRYPT_CORE_TEP_X448,
};
static const uint16_t aeads[] = {
	TCPCRYPT_CORE_AEAD_AES_128_GCM, TCPCRYPT_CORE_AEAD_AES_256_GCM,
	TCPCRYPT_CORE_AEAD_CHACHA20_POLY1305,
};

/* A private scalar every TEP accepts: small, non-zero, below every n. */
static void
fill_scalar(uint8_t *sk, size_t len, uint8_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		sk[i] = (uint8_t)(seed + 7 * i);
	sk[0] = 0x01;
}

static void
test_kx(uint8_t tep)
{
	struct tcpcrypt_core_kx a, b;
	uint8_t ska[TCPCRYPT_CORE_PRIVKEY_MAX], skb[TCPCRYPT_CORE_PRIVKEY_MAX];
	uint8_t puba[TCPCRYPT_CORE_PUBKEY_MAX], pubb[TCPCRYPT_CORE_PUBKEY_MAX];
	uint8_t esa[TCPCRYPT_CORE_ES_MAX], esb[TCPCRYPT_CORE_ES_MAX];
	size_t sklen, publen, npa, npb, nea, neb;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	OK(tcpcrypt_core_tep_privkey_len(tep, &sklen));
	OK(tcpcrypt_core_tep_pubkey_len(tep, &publen));
	fill_scalar(ska, sklen, 3);
	fill_scalar(skb, sklen, 11);
	CHECK(tcpcrypt_core_kx_public(&a, puba, sizeof(puba), &npa) ==
	    TCPCRYPT_CORE_STATUS_UNINITIALIZED, "tep %#x: zeroed kx", tep);
	OK(tcpcrypt_core_kx_init(&a, tep, ska, sklen));
	OK(tcpcrypt_core_kx_init(&b, tep, skb, sklen));
	OK(tcpcrypt_core_kx_public(&a, puba, sizeof(puba), &npa));
	OK(tcpcrypt_core_kx_public(&b, pubb, sizeof(pubb), &npb));
	CHECK(npa == publen && npb == publen, "tep %#x: pub len %zu", tep,
	    npa);
	CHECK(tcpcrypt_core_kx_public(&a, puba, publen - 1, &npa) ==
	    TCPCRYPT_CORE_STATUS_BUFFER_TOO_SMALL, "tep %#x: short", tep);
	OK(tcpcrypt_core_kx_agree(&a, pubb, publen, esa, sizeof(esa), &nea));
	OK(tcpcrypt_core_kx_agree(&b, puba, publen, esb, sizeof(esb), &neb));
	CHECK(nea == neb && memcmp(esa, esb, nea) == 0,
	    "tep %#x: ES differs", tep);
	memset(pubb, 0, publen);
	CHECK(tcpcrypt_core_kx_agree(&a, pubb, publen, esa, sizeof(esa),
	    &nea) == TCPCRYPT_CORE_STATUS_INVALID_PUBLIC_KEY,
	    "tep %#x: zero peer key accepted", tep);
	OK(tcpcrypt_core_kx_reset(&a));
	CHECK(tcpcrypt_core_kx_agree(&a, puba, publen, esa, sizeof(esa),
	    &nea) == TCPCRYPT_CORE_STATUS_UNINITIALIZED,
	    "tep %#x: reset kx still usable", tep);
	OK(tcpcrypt_core_kx_reset(&b));
}

/*
 * A failed open leaves the frame as given, or with the ciphertext between
 * header and tag zeroed (the asm backend); never plaintext.
 */
static int
failed_open_left(const uint8_t *buf, const uint8_t *frame, size_t len)
{
	size_t i, end = len - TCPCRYPT_CORE_TAG_LEN;

	if (memcmp(buf, frame, len) == 0)
		return (1);
	if (memcmp(buf, frame, TCPCRYPT_CORE_FRAME_HEADER_LEN) != 0 ||
	    memcmp(buf + end, frame + end, TCPCRYPT_CORE_TAG_LEN) != 0)
		return (0);
	for (i = TCPCRYPT_CORE_FRAME_HEADER_LEN; i < end; i++)
		if (buf[i] != 0)
			return (0);
	return (1);
}

static void
test_frames(uint16_t aead)
{
	struct tcpcrypt_core_secret ss, mk;
	struct tcpcrypt_core_aead tx, rx;
	uint8_t n_a[TCPCRYPT_CORE_NONCE_LEN], es[32], buf[256], copy[256];
	uint8_t control, flags;
	uint16_t urgent;
	size_t off, flen, doff, dlen, i;

	memset(n_a, 0x5a, sizeof(n_a));
	memset(es, 0x33, sizeof(es));
	OK(tcpcrypt_core_prk(&ss, n_a, sizeof(n_a), NULL, 0,
	    (const uint8_t *)"init1", 5, (const uint8_t *)"init2", 5, es,
	    sizeof(es)));
	OK(tcpcrypt_core_mk_first(&ss, NULL, 0, &mk));
	OK(tcpcrypt_core_aead_init(&tx, aead, &mk, TCPCRYPT_CORE_DIR_AB));
	OK(tcpcrypt_core_aead_init(&rx, aead, &mk, TCPCRYPT_CORE_DIR_AB));

	OK(tcpcrypt_core_frame_data_offset(TCPCRYPT_CORE_FLAG_URGP, &off));
	memcpy(buf + off, "hello, tcpcrypt", 15);
	OK(tcpcrypt_core_frame_seal(&tx, 1000, 0, TCPCRYPT_CORE_FLAG_URGP, 7,
	    buf, sizeof(buf), 15, &flen));
	CHECK(flen == 15 + 22, "aead %#x: frame len %zu", aead, flen);
	memcpy(copy, buf, flen);
	CHECK(tcpcrypt_core_frame_open(&rx, 1001, buf, flen, &control,
	    &flags, &urgent, &doff, &dlen) == TCPCRYPT_CORE_STATUS_AUTH_FAILED,
	    "aead %#x: wrong offset opened", aead);
	CHECK(failed_open_left(buf, copy, flen), "aead %#x: buffer changed "
	    "beyond zeroing the ciphertext", aead);
	for (i = 0; i < flen; i++) {
		memcpy(buf, copy, flen);
		buf[i] ^= 0x80;
		CHECK(tcpcrypt_core_frame_open(&rx, 1000, buf, flen, &control,
		    &flags, &urgent, &doff, &dlen) != TCPCRYPT_CORE_STATUS_OK,
		    "aead %#x: bit flip at %zu opened", aead, i);
	}
	memcpy(buf, copy, flen);
	OK(tcpcrypt_core_frame_open(&rx, 1000, buf, flen, &control, &flags,
	    &urgent, &doff, &dlen));
	CHECK(control == 0 && flags == TCPCRYPT_CORE_FLAG_URGP &&
	    urgent == 7 && doff == off && dlen == 15 &&
	    memcmp(buf + doff, "hello, tcpcrypt", 15) == 0,
	    "aead %#x: round trip", aead);
	OK(tcpcrypt_core_aead_reset(&tx));
	CHECK(tcpcrypt_core_frame_seal(&tx, 0, 0, 0, 0, buf, sizeof(buf), 0,
	    &flen) == TCPCRYPT_CORE_STATUS_UNINITIALIZED,
	    "aead %#x: reset aead still usable", aead);
	OK(tcpcrypt_core_aead_reset(&rx));
	OK(tcpcrypt_core_secret_reset(&mk));
	OK(tcpcrypt_core_secret_reset(&ss));
}

static void
test_schedule_misc(void)
{
	struct tcpcrypt_core_secret ss, zero;
	uint8_t sid[TCPCRYPT_CORE_SESSID_LEN], rid[TCPCRYPT_CORE_RESUME_LEN];
	uint8_t raw[32];
	size_t n;
	bool eq;

	memset(raw, 0x42, sizeof(raw));
	memset(&zero, 0, sizeof(zero));
	OK(tcpcrypt_core_secret_import(&ss, raw, sizeof(raw)));
	OK(tcpcrypt_core_session_id(&ss, 0x23, NULL, 0, sid, sizeof(sid), &n));
	CHECK(n == 33 && sid[0] == 0x23, "session id");
	OK(tcpcrypt_core_resume_id(&ss, rid, sizeof(rid), &n));
	CHECK(n == 18, "resume id");
	OK(tcpcrypt_core_ss_next(&ss, &ss));
	CHECK(tcpcrypt_core_ss_next(&zero, &ss) ==
	    TCPCRYPT_CORE_STATUS_UNINITIALIZED, "zero secret accepted");
	CHECK(tcpcrypt_core_session_id(&ss, 0x30, NULL, 0, sid, sizeof(sid),
	    &n) == TCPCRYPT_CORE_STATUS_UNSUPPORTED_TEP, "tep 0x30");
	CHECK(tcpcrypt_core_ss_next(NULL, &ss) ==
	    TCPCRYPT_CORE_STATUS_NULL_POINTER, "NULL secret");
	CHECK(tcpcrypt_core_aead_key_len(0x0003, &n) ==
	    TCPCRYPT_CORE_STATUS_UNSUPPORTED_AEAD, "aead 3");
	OK(tcpcrypt_core_ct_eq(raw, raw, sizeof(raw), &eq));
	CHECK(eq, "ct_eq equal");
	OK(tcpcrypt_core_ct_eq(raw, sid, sizeof(raw), &eq));
	CHECK(!eq, "ct_eq differ");
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(teps) / sizeof(teps[0]); i++)
		test_kx(teps[i]);
	for (i = 0; i < sizeof(aeads) / sizeof(aeads[0]); i++)
		test_frames(aeads[i]);
	test_schedule_misc();
	printf("%d passed, %d failed\n", npass, nfail);
	return (nfail == 0 ? 0 : 1);
}
