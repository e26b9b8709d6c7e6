/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Timing loop and small statistics for tcpcrypt-bench (see bench_time.h).
 */
#include <stdlib.h>
#include <time.h>

#include "bench_time.h"

/* A batch long enough that reading the clocks costs nothing measurable. */
#define	BENCH_BATCH_SEC	0.01

static double
bench_clock(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

static int
bench_batch(bench_op_fn *fn, void *arg, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		if (fn(arg) != 0)
			return (-1);
	return (0);
}

int
bench_measure(bench_op_fn *fn, void *arg, double min_sec,
    struct bench_rate *out)
{
	double c0, w0, c1, w1, dt;
	unsigned long batch, ops;

	/* Warm up (caches, lazy init) and size the batch. */
	batch = 1;
	for (;;) {
		c0 = bench_clock(CLOCK_THREAD_CPUTIME_ID);
		if (bench_batch(fn, arg, batch) != 0)
			return (-1);
		dt = bench_clock(CLOCK_THREAD_CPUTIME_ID) - c0;
		if (dt >= BENCH_BATCH_SEC || batch >= (1UL << 30))
			break;
		batch *= 2;
	}
	ops = 0;
	c0 = bench_clock(CLOCK_THREAD_CPUTIME_ID);
	w0 = bench_clock(CLOCK_MONOTONIC);
	do {
		if (bench_batch(fn, arg, batch) != 0)
			return (-1);
		ops += batch;
		c1 = bench_clock(CLOCK_THREAD_CPUTIME_ID);
	} while (c1 - c0 < min_sec);
	w1 = bench_clock(CLOCK_MONOTONIC);
	out->ops_per_sec = (double)ops / (c1 - c0);
	out->cpu_share = (c1 - c0) / (w1 - w0);
	return (0);
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return ((x > y) - (x < y));
}

double
bench_median(double *v, size_t n)
{
	if (n == 0)
		return (0);
	qsort(v, n, sizeof(*v), bench_cmp);
	return (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
}

double
bench_min(const double *v, size_t n)
{
	double m = n ? v[0] : 0;
	size_t i;

	for (i = 1; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return (m);
}

double
bench_max(const double *v, size_t n)
{
	double m = n ? v[0] : 0;
	size_t i;

	for (i = 1; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return (m);
}
