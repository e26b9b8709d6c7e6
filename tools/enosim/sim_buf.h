/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: a growable byte queue (append at the end, consume from the front)
 * used for the TCP send and receive buffers and the application streams.
 */
#ifndef SIM_BUF_H
#define SIM_BUF_H

#include <stddef.h>
#include <stdint.h>

struct sim_buf {
	uint8_t	*p;
	size_t	 start;		/* first unconsumed byte */
	size_t	 end;		/* one past the last byte */
	size_t	 cap;
};

void	sim_buf_init(struct sim_buf *b);
/* Free the storage after wiping it (it may have held plaintext). */
void	sim_buf_free(struct sim_buf *b);
size_t	sim_buf_len(const struct sim_buf *b);
const uint8_t *sim_buf_data(const struct sim_buf *b);
/* 0, or -1 if out of memory (nothing appended). */
int	sim_buf_append(struct sim_buf *b, const uint8_t *data, size_t len);
void	sim_buf_consume(struct sim_buf *b, size_t len);

#endif /* SIM_BUF_H */
