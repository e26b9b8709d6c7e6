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
 * tcpcrypt session resumption cache (RFC 8548 3.5, project decision D12).
 *
 * One entry per chain: the next unused session secret ss[i] of a session
 * whose ss[0] came from a fresh key exchange with one peer, keyed by the
 * peer id bytes, the TEP and the direction of the original open.  D12 uses
 * a chain only for opens in the same direction as the original connection,
 * so two hosts opening to each other at once can never both pick the same
 * ss[i] (3.5's collision case).
 *
 * An entry is advanced to ss[i+1] the moment ss[i] is handed to a
 * connection, whether or not the resumption then succeeds: 3.5 requires the
 * lowest i not yet used "successfully or not", and an ss[i] may secure at
 * most one connection.  Entries expire ttl_ms after their last use; the
 * cache is bounded and evicts the entry closest to expiry when full.
 * Nothing here reads a clock: every call takes "now".
 */

#include "tcpcrypt_engine_var.h"

struct tcpcrypt_cache_entry {
	bool			 in_use;
	bool			 active;	/* original open was ours */
	uint8_t			 tep;
	uint8_t			 orig_role;
	uint16_t		 aead;
	uint8_t			 peer_id[TCPCRYPT_PEER_ID_MAX];
	size_t			 peer_id_len;
	uint64_t		 chain_id;
	uint64_t		 expires_ms;
	struct tcpcrypt_core_secret ss;	/* secret: next unused ss[i] */
	uint8_t			 resume[TCPCRYPT_RESUME_ID_LEN];
};

struct tcpcrypt_cache {
	struct tcpcrypt_allocator alloc;
	size_t			 nentries;
	uint64_t		 ttl_ms;
	uint64_t		 next_chain;
	struct tcpcrypt_cache_entry *e;
};

static void
entry_clear(struct tcpcrypt_cache_entry *e)
{

	tcpcrypt_core_secret_reset(&e->ss);
	tcp_eno_wipe(e, sizeof(*e));
}

enum tcpcrypt_reason
tcpcrypt_cache_create(const struct tcpcrypt_allocator *alloc, size_t entries,
    uint64_t ttl_ms, struct tcpcrypt_cache **cachep)
{
	struct tcpcrypt_cache *cache;

	if (alloc == NULL || alloc->alloc == NULL || alloc->free == NULL ||
	    cachep == NULL || entries == 0 || entries > 65536)
		return (TCPCRYPT_R_BAD_ARGUMENT);
	cache = alloc->alloc(alloc->arg, sizeof(*cache));
	if (cache == NULL)
		return (TCPCRYPT_R_NOMEM);
	cache->e = alloc->alloc(alloc->arg, entries * sizeof(*cache->e));
	if (cache->e == NULL) {
		alloc->free(alloc->arg, cache, sizeof(*cache));
		return (TCPCRYPT_R_NOMEM);
	}
	cache->alloc = *alloc;
	cache->nentries = entries;
	cache->ttl_ms = ttl_ms != 0 ? ttl_ms : TCPCRYPT_CACHE_TTL_MS_DEFAULT;
	cache->next_chain = 1;
	*cachep = cache;
	return (TCPCRYPT_R_NONE);
}

void
tcpcrypt_cache_flush_all(struct tcpcrypt_cache *cache)
{
	size_t i;

	for (i = 0; i < cache->nentries; i++)
		entry_clear(&cache->e[i]);
}

void
tcpcrypt_cache_destroy(struct tcpcrypt_cache *cache)
{
	struct tcpcrypt_allocator alloc;

	if (cache == NULL)
		return;
	alloc = cache->alloc;
	tcpcrypt_cache_flush_all(cache);
	alloc.free(alloc.arg, cache->e, cache->nentries * sizeof(*cache->e));
	tcp_eno_wipe(cache, sizeof(*cache));
	alloc.free(alloc.arg, cache, sizeof(*cache));
}

void
tcpcrypt_cache_expire(struct tcpcrypt_cache *cache, uint64_t now_ms)
{
	size_t i;

	for (i = 0; i < cache->nentries; i++)
		if (cache->e[i].in_use && now_ms >= cache->e[i].expires_ms)
			entry_clear(&cache->e[i]);
}

size_t
tcpcrypt_cache_count(const struct tcpcrypt_cache *cache)
{
	size_t i, n;

	for (i = n = 0; i < cache->nentries; i++)
		if (cache->e[i].in_use)
			n++;
	return (n);
}

uint64_t
tcpcrypt_cache_new_chain(struct tcpcrypt_cache *cache)
{

	return (cache->next_chain++);
}

void
tcpcrypt_cache_flush_chain(struct tcpcrypt_cache *cache, uint64_t chain_id)
{
	size_t i;

	for (i = 0; i < cache->nentries; i++)
		if (cache->e[i].in_use && cache->e[i].chain_id == chain_id)
			entry_clear(&cache->e[i]);
}

/* resume[i] = CPRF(ss[i], CONST_RESUME, 18), 3.5. */
static bool
entry_resume_id(struct tcpcrypt_cache_entry *e)
{
	size_t len;

	return (tcpcrypt_core_resume_id(&e->ss, e->resume, sizeof(e->resume),
	    &len) == TCPCRYPT_CORE_STATUS_OK && len == sizeof(e->resume));
}

static bool
entry_matches(const struct tcpcrypt_cache_entry *e,
    const struct tcpcrypt_cache_key *key)
{

	return (e->in_use && e->tep == key->tep && e->active == key->active &&
	    e->peer_id_len == key->peer_id_len &&
	    memcmp(e->peer_id, key->peer_id, key->peer_id_len) == 0);
}

/*
 * The half of resume[i] a host sends is fixed by its role in the session
 * of ss[0] (3.5, Figures 2 and 3): A sends bytes 0-8, B bytes 9-17.
 */
static const uint8_t *
resume_half(const uint8_t *resume, uint8_t orig_role)
{

	return (orig_role == 0 ? resume : resume + TCPCRYPT_RESUME_HALF_LEN);
}

/*
 * Hands ss[i] of the entry to a connection and moves the entry on to
 * ss[i+1] (3.5: "compute and cache ss[i+1] ... erase ss[i]").
 */
static enum tcpcrypt_reason
entry_take(struct tcpcrypt_cache *cache, struct tcpcrypt_cache_entry *e,
    uint64_t now_ms, struct tcpcrypt_resume_state *rs)
{
	struct tcpcrypt_core_secret next;

	if (tcpcrypt_core_ss_next(&e->ss, &next) != TCPCRYPT_CORE_STATUS_OK) {
		entry_clear(e);
		return (TCPCRYPT_R_CRYPTO);
	}
	rs->tep = e->tep;
	rs->orig_role = e->orig_role;
	rs->aead = e->aead;
	rs->chain_id = e->chain_id;
	memcpy(rs->own_half, resume_half(e->resume, e->orig_role),
	    TCPCRYPT_RESUME_HALF_LEN);
	memcpy(rs->peer_half, resume_half(e->resume, 1 - e->orig_role),
	    TCPCRYPT_RESUME_HALF_LEN);
	memcpy(&rs->ss, &e->ss, sizeof(rs->ss));
	memcpy(&e->ss, &next, sizeof(next));
	tcp_eno_wipe(&next, sizeof(next));
	if (!entry_resume_id(e)) {
		/* The chain ends here; this connection still has ss[i]. */
		entry_clear(e);
		return (TCPCRYPT_R_NONE);
	}
	e->expires_ms = now_ms + cache->ttl_ms;
	return (TCPCRYPT_R_NONE);
}

static struct tcpcrypt_cache_entry *
entry_live(struct tcpcrypt_cache *cache, size_t i, uint64_t now_ms)
{
	struct tcpcrypt_cache_entry *e;

	e = &cache->e[i];
	if (e->in_use && now_ms >= e->expires_ms)
		entry_clear(e);
	return (e->in_use ? e : NULL);
}

/* Active opener: the chain to offer for this peer and TEP, if any. */
enum tcpcrypt_reason
tcpcrypt_cache_take_offer(struct tcpcrypt_cache *cache,
    const struct tcpcrypt_cache_key *key, uint64_t now_ms,
    struct tcpcrypt_resume_state *rs)
{
	struct tcpcrypt_cache_entry *e;
	size_t i;

	for (i = 0; i < cache->nentries; i++) {
		e = entry_live(cache, i, now_ms);
		if (e != NULL && entry_matches(e, key))
			return (entry_take(cache, e, now_ms, rs));
	}
	return (TCPCRYPT_R_RESUME_UNKNOWN);
}

/*
 * Passive opener: the chain whose resume[i] half (the one the peer's
 * original role sends) equals peer_half.  Compared in constant time: the
 * half is the only thing standing between an attacker and advancing our
 * chain (RFC 8548 8).
 */
enum tcpcrypt_reason
tcpcrypt_cache_take_match(struct tcpcrypt_cache *cache,
    const struct tcpcrypt_cache_key *key, const uint8_t *peer_half,
    uint64_t now_ms, struct tcpcrypt_resume_state *rs)
{
	struct tcpcrypt_cache_entry *e;
	size_t i;

	for (i = 0; i < cache->nentries; i++) {
		e = entry_live(cache, i, now_ms);
		if (e == NULL || !entry_matches(e, key))
			continue;
		if (tcp_eno_ct_bcmp(resume_half(e->resume, 1 - e->orig_role),
		    peer_half, TCPCRYPT_RESUME_HALF_LEN) == 0)
			return (entry_take(cache, e, now_ms, rs));
	}
	return (TCPCRYPT_R_RESUME_UNKNOWN);
}

/*
 * The slot for a new chain.  An active opener offers from one chain per
 * peer and TEP, so a new one replaces the old; a passive opener keeps
 * several (it looks them up by identifier half), for a peer may still hold
 * an older one.  Otherwise a free or expired slot, else the entry closest
 * to expiry.
 */
static struct tcpcrypt_cache_entry *
entry_slot(struct tcpcrypt_cache *cache, const struct tcpcrypt_cache_key *key,
    uint64_t now_ms)
{
	struct tcpcrypt_cache_entry *e, *victim;
	size_t i;

	victim = NULL;
	for (i = 0; i < cache->nentries && key->active; i++) {
		e = entry_live(cache, i, now_ms);
		if (e != NULL && entry_matches(e, key))
			return (e);
	}
	for (i = 0; i < cache->nentries; i++) {
		e = entry_live(cache, i, now_ms);
		if (e == NULL)
			return (&cache->e[i]);
		if (victim == NULL || e->expires_ms < victim->expires_ms)
			victim = e;
	}
	return (victim);
}

/* Caches ss[1] of a fresh session (3.5) as a new chain. */
enum tcpcrypt_reason
tcpcrypt_cache_put(struct tcpcrypt_cache *cache,
    const struct tcpcrypt_cache_key *key, uint8_t orig_role, uint16_t aead,
    uint64_t chain_id, const struct tcpcrypt_core_secret *next_ss,
    uint64_t now_ms)
{
	struct tcpcrypt_cache_entry *e;

	if (key->peer_id_len > TCPCRYPT_PEER_ID_MAX)
		return (TCPCRYPT_R_BAD_ARGUMENT);
	e = entry_slot(cache, key, now_ms);
	entry_clear(e);
	memcpy(&e->ss, next_ss, sizeof(e->ss));
	if (!entry_resume_id(e)) {
		entry_clear(e);
		return (TCPCRYPT_R_CRYPTO);
	}
	memcpy(e->peer_id, key->peer_id, key->peer_id_len);
	e->peer_id_len = key->peer_id_len;
	e->tep = key->tep;
	e->active = key->active;
	e->orig_role = orig_role;
	e->aead = aead;
	e->chain_id = chain_id;
	e->expires_ms = now_ms + cache->ttl_ms;
	e->in_use = true;
	return (TCPCRYPT_R_NONE);
}
