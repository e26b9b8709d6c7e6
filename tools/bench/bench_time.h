/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * Timing for tcpcrypt-bench.  Rates are measured on the thread's CPU clock
 * (time the benchmark was really running): the machine is shared, and wall
 * time would count the slices other processes took.  The wall clock is kept
 * beside it to report how much CPU the run actually got.
 */
#ifndef BENCH_TIME_H
#define BENCH_TIME_H

#include <stddef.h>

/* One operation; 0 on success, anything else aborts the measurement. */
typedef int	bench_op_fn(void *arg);

struct bench_rate {
	double	ops_per_sec;	/* on the thread CPU clock */
	double	cpu_share;	/* CPU time / wall time over the run */
};

/*
 * Run fn in batches for at least min_sec of CPU time; 0 and the rate, or -1
 * if an operation failed.
 */
int	bench_measure(bench_op_fn *fn, void *arg, double min_sec,
	    struct bench_rate *out);
/* Median of n values (sorts v in place). */
double	bench_median(double *v, size_t n);
double	bench_min(const double *v, size_t n);
double	bench_max(const double *v, size_t n);

#endif /* BENCH_TIME_H */
