/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * stack_depth.c: measures how much stack each crypto-core call of the kernel
 * staticlib really touches, and fails a call that exceeds its budget.  The
 * FreeBSD amd64 kernel stack is 16 KiB (KSTACK_PAGES 4), so the kernel glue
 * must know what key agreement (RFC 8548 section 5) and the frame calls
 * (sections 3.6, 4.2) cost.  Each call runs on a thread whose stack was
 * filled with a pattern; the deepest changed byte, less what an empty call
 * uses (glibc keeps TLS and thread start there), is the call's depth.
 * Key agreement, AEAD keying and the key schedule must also leave no copy
 * of the scalar, ES or mk on that stack once they return.
 * Linked -no-pie with the kernel-target library, which needs only
 * tcpcrypt_core_panic from us.  Prints "N passed, M failed".
 */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcpcrypt_core.h"

#define	STACK_SIZE	(256 * 1024)
#define	PAINT		0xa5

enum op {
	OP_NONE, OP_KX_INIT_A, OP_KX_INIT_B, OP_KX_AGREE, OP_AEAD_INIT,
	OP_FRAME, OP_SCHEDULE,
};

static unsigned char *stack;
static enum op cur_op;
static uint8_t cur_tep;
static uint16_t cur_aead;
static int op_failed;

static struct tcpcrypt_core_kx kx_a, kx_b;
static struct tcpcrypt_core_aead aead;
static uint8_t frame_buf[16384 + 64];

void
tcpcrypt_core_panic(const char *msg, size_t len)
{
	fprintf(stderr, "tcpcrypt_core_panic: %.*s\n", (int)len, msg);
	abort();
}

/*
 * Secrets an op handled, 16-byte windows of them: after the op, and after
 * the test's own copies are wiped, none may be left on the thread's stack
 * (crypto-core zeroes the stack its secret work used, stack_scrub.rs).
 */
#define	SECRET_WIN	16
static uint8_t secret[2][SECRET_WIN];
static int nsecrets;

static int
do_kx(int which)
{
	uint8_t sk[TCPCRYPT_CORE_PRIVKEY_MAX], pub[TCPCRYPT_CORE_PUBKEY_MAX];
	uint8_t es[TCPCRYPT_CORE_ES_MAX];
	size_t sklen, publen, eslen;

	size_t i;
	int r;

	for (i = 0; i < sizeof(sk); i++)
		sk[i] = (uint8_t)(0x40 + 7 * i);
	sk[0] = 0x01;		/* below n for P-256 and P-521 */
	if (tcpcrypt_core_tep_privkey_len(cur_tep, &sklen) != 0)
		return (-1);
	if (which == OP_KX_INIT_A) {
		/* Bytes 8-23: clamping (X25519, X448) leaves them as they are. */
		memcpy(secret[0], sk + 8, SECRET_WIN);
		nsecrets = 1;
		r = tcpcrypt_core_kx_init(&kx_a, cur_tep, sk, sklen);
		explicit_bzero(sk, sizeof(sk));
		return (r);
	}
	if (which == OP_KX_INIT_B) {
		sk[5] = 0x33;
		r = tcpcrypt_core_kx_init(&kx_b, cur_tep, sk, sklen);
		explicit_bzero(sk, sizeof(sk));
		return (r);
	}
	explicit_bzero(sk, sizeof(sk));
	if (tcpcrypt_core_kx_public(&kx_b, pub, sizeof(pub), &publen) != 0)
		return (-1);
	r = tcpcrypt_core_kx_agree(&kx_a, pub, publen, es, sizeof(es), &eslen);
	/* A's scalar (set by kx_init above) and the first bytes of ES. */
	memcpy(secret[1], es, SECRET_WIN);
	nsecrets = 2;
	explicit_bzero(es, sizeof(es));
	return (r);
}

static int
do_frame(void)
{
	uint8_t control, flags;
	uint16_t urgent;
	size_t flen, off, len;

	if (tcpcrypt_core_frame_seal(&aead, 0, 0, 0, 0, frame_buf,
	    sizeof(frame_buf), 16000, &flen) != 0)
		return (-1);
	return (tcpcrypt_core_frame_open(&aead, 0, frame_buf, flen, &control,
	    &flags, &urgent, &off, &len));
}

static int
do_schedule(void)
{
	struct tcpcrypt_core_secret ss, mk;
	uint8_t n_a[32], es[32];

	size_t i;
	int r;

	memset(n_a, 1, sizeof(n_a));
	for (i = 0; i < sizeof(es); i++)
		es[i] = (uint8_t)(0x23 + 11 * i);
	memcpy(secret[0], es + 8, SECRET_WIN);
	nsecrets = 1;
	r = tcpcrypt_core_prk(&ss, n_a, sizeof(n_a), frame_buf, 12, frame_buf,
	    80, frame_buf, 80, es, sizeof(es));
	explicit_bzero(es, sizeof(es));
	if (r != 0)
		return (-1);
	r = tcpcrypt_core_mk_first(&ss, NULL, 0, &mk);
	/* ss[0] (PRK) and mk[0] as the schedule left them in our objects. */
	memcpy(secret[1], (uint8_t *)&ss + 8, SECRET_WIN);
	nsecrets = 2;
	explicit_bzero(&ss, sizeof(ss));
	explicit_bzero(&mk, sizeof(mk));
	return (r);
}

static void *
run_op(void *arg)
{
	struct tcpcrypt_core_secret mk;
	uint8_t raw[32];
	size_t i;
	int r = 0;

	nsecrets = 0;
	switch (cur_op) {
	case OP_NONE:
		break;
	case OP_KX_INIT_A:
	case OP_KX_INIT_B:
	case OP_KX_AGREE:
		r = do_kx(cur_op);
		break;
	case OP_AEAD_INIT:
		for (i = 0; i < sizeof(raw); i++)
			raw[i] = (uint8_t)(0x91 + 13 * i);
		memcpy(secret[0], raw + 8, SECRET_WIN);
		nsecrets = 1;
		r = tcpcrypt_core_secret_import(&mk, raw, sizeof(raw));
		explicit_bzero(raw, sizeof(raw));
		if (r == 0)
			r = tcpcrypt_core_aead_init(&aead, cur_aead, &mk, 0);
		explicit_bzero(&mk, sizeof(mk));
		break;
	case OP_FRAME:
		r = do_frame();
		break;
	case OP_SCHEDULE:
		r = do_schedule();
		break;
	}
	op_failed = (r != 0);
	return (arg);
}

/* Runs the current op on the painted stack; returns the bytes touched. */
static size_t
measure(void)
{
	pthread_attr_t attr;
	pthread_t t;
	size_t i;

	memset(stack, PAINT, STACK_SIZE);
	pthread_attr_init(&attr);
	pthread_attr_setstack(&attr, stack, STACK_SIZE);
	if (pthread_create(&t, &attr, run_op, NULL) != 0 ||
	    pthread_join(t, NULL) != 0) {
		perror("pthread");
		exit(2);
	}
	pthread_attr_destroy(&attr);
	for (i = 0; i < STACK_SIZE && stack[i] == PAINT; i++)
		;
	return (STACK_SIZE - i);
}

static int npass, nfail;

/* How many copies of the op's secrets the thread's stack still holds. */
static size_t
secrets_left(void)
{
	size_t k, n = 0;
	int j;

	for (j = 0; j < nsecrets; j++)
		for (k = 0; k + SECRET_WIN <= STACK_SIZE; k++)
			if (memcmp(stack + k, secret[j], SECRET_WIN) == 0)
				n++;
	return (n);
}

static void
check(const char *what, enum op op, size_t base, size_t budget)
{
	size_t left, used;

	cur_op = op;
	used = measure() - base;
	left = secrets_left();
	if (op_failed) {
		printf("FAIL %-40s call failed\n", what);
		nfail++;
	} else if (left != 0) {
		printf("FAIL %-40s %zu copies of a secret left on the stack\n",
		    what, left);
		nfail++;
	} else if (used > budget) {
		printf("FAIL %-40s %6zu bytes > budget %zu\n", what, used,
		    budget);
		nfail++;
	} else {
		printf("ok   %-40s %6zu bytes (budget %zu)\n", what, used,
		    budget);
		npass++;
	}
}

int
main(void)
{
	static const uint8_t teps[] = { 0x21, 0x22, 0x23, 0x24 };
	static const uint16_t aeads[] = { 0x0001, 0x0002, 0x0010 };
	char what[64];
	size_t base, i, kx_budget;

	stack = aligned_alloc(4096, STACK_SIZE);
	if (stack == NULL)
		return (2);
	cur_op = OP_NONE;
	base = measure();
	printf("thread baseline (TLS, start): %zu bytes\n", base);
	for (i = 0; i < sizeof(teps); i++) {
		cur_tep = teps[i];
		/*
		 * P-521's window tables are large, and so are the AVX2 lookup
		 * tables of X25519's Edwards path (x25519_edwards.rs); both run
		 * only in the tcpcrypt workers, whose stacks are 32 KiB
		 * (tcpcrypt.c).  The others stay below 8 KiB.  Each includes
		 * the zeroing of that depth afterwards (stack_scrub.rs).
		 */
		kx_budget = cur_tep == 0x22 ? 12 * 1024 + 512 :
		    cur_tep == 0x23 ? 15 * 1024 : 8 * 1024;
		snprintf(what, sizeof(what), "tep %#x kx_init", cur_tep);
		check(what, OP_KX_INIT_A, base, kx_budget);
		cur_op = OP_KX_INIT_B;
		(void)measure();
		snprintf(what, sizeof(what), "tep %#x kx_public+kx_agree",
		    cur_tep);
		check(what, OP_KX_AGREE, base, kx_budget);
	}
	for (i = 0; i < sizeof(aeads) / sizeof(aeads[0]); i++) {
		cur_aead = aeads[i];
		snprintf(what, sizeof(what), "aead %#06x aead_init", cur_aead);
		check(what, OP_AEAD_INIT, base, 7 * 1024);
		snprintf(what, sizeof(what), "aead %#06x seal+open 16000 B",
		    cur_aead);
		check(what, OP_FRAME, base, 6 * 1024);
	}
	check("prk + mk_first", OP_SCHEDULE, base, 2 * 1024 + 512);
	tcpcrypt_core_kx_reset(&kx_a);
	tcpcrypt_core_kx_reset(&kx_b);
	tcpcrypt_core_aead_reset(&aead);
	printf("%d passed, %d failed\n", npass, nfail);
	return (nfail == 0 ? 0 : 1);
}
