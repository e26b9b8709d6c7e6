/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: socket-layer internals shared by sim_sock*.c.
 */
#ifndef SIM_SOCK_VAR_H
#define SIM_SOCK_VAR_H

#include "sim_sock.h"

extern const struct tcpcrypt_allocator sim_allocator;

void	 sim_host_random(void *arg, uint8_t *buf, size_t len);
/* sim_sock_eno.c */
int	 sim_sock_eno_open(struct sim_sock *so, int flush_before);
int	 sim_sock_eno_start(struct sim_sock *so);
void	 sim_sock_eno_update(struct sim_sock *so);
/* sim_sock_crypt.c */
void	 sim_sock_crypt_pump(struct sim_sock *so);
void	 sim_sock_crypt_shutdown(struct sim_sock *so);
void	 sim_sock_flush_cache(struct sim_sock *so);
/* sim_sock.c */
void	 sim_sock_deliver(struct sim_sock *so, const uint8_t *buf, size_t len);
/* sim_sock_opt.c */
int	 sim_sock_setopt_int(struct sim_sock *so, int name, int v);
int	 sim_sock_setopt_bytes(struct sim_sock *so, int name,
	    const uint8_t *v, size_t len);

#endif /* SIM_SOCK_VAR_H */
