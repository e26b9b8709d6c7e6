/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: what a run prints (the JSON object of issue 4, or the readable
 * --demo summary) and whether it counts as a success (the exit status).
 */
#ifndef SIM_REPORT_H
#define SIM_REPORT_H

#include <stdio.h>

#include "sim_run.h"

void	sim_report_json(FILE *fp, const struct sim_opts *o,
	    const struct sim_conn_result *res, int pretty);
void	sim_report_demo(FILE *fp, const struct sim_opts *o,
	    const struct sim_conn_result *res);
/* 1 when the run completed as its options imply (see enosim.c). */
int	sim_report_verdict(const struct sim_opts *o,
	    const struct sim_conn_result *res);
/* Register the tcpcrypt TEPs with the ENO engine (once per process). */
int	sim_tcpcrypt_setup(void);

#endif /* SIM_REPORT_H */
