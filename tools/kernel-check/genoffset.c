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
 * Offsets of the struct thread fields that <sys/kpilite.h> and the inline
 * critical_enter() of <sys/systm.h> reach through "struct thread_lite".
 * A FreeBSD kernel build generates offset.inc from the real struct thread
 * (sys/kern/genoffset.c, genoffset.sh); the kernel-compile check does the
 * same from the headers it compiles against, so the inline functions see
 * the true layout.  Each array's size is offset + 1 (no zero-sized
 * objects); genoffset.sh reads the sizes back with nm -S.
 */

#include <sys/param.h>
#include <sys/proc.h>

#define	GENOFF(f)							\
	char genoff_##f[__offsetof(struct thread, f) + 1];		\
	char gensz_##f[sizeof(((struct thread *)0)->f)]

GENOFF(td_owepreempt);
GENOFF(td_pinned);
GENOFF(td_priority);
GENOFF(td_critnest);
