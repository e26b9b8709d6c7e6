/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 */

/*
 * Names-only stand-in for FreeBSD's libcrypto, used by the auth-xcompile
 * step (mk/auth.mk) to link the example programs for x86_64-freebsd with
 * zig: every other symbol must then come from FreeBSD's libc, which is what
 * the link checks.  Never run.  A libcrypto function the library starts
 * using must be added here, or the link fails.
 */

void	HMAC(void);
void	EVP_sha256(void);
void	CRYPTO_memcmp(void);
void	EVP_PKEY_new_raw_private_key(void);
void	EVP_PKEY_new_raw_public_key(void);
void	EVP_PKEY_get_raw_public_key(void);
void	EVP_PKEY_free(void);
void	EVP_MD_CTX_new(void);
void	EVP_MD_CTX_free(void);
void	EVP_DigestSignInit(void);
void	EVP_DigestSign(void);
void	EVP_DigestVerifyInit(void);
void	EVP_DigestVerify(void);
void	RAND_bytes(void);

void HMAC(void) {}
void EVP_sha256(void) {}
void CRYPTO_memcmp(void) {}
void EVP_PKEY_new_raw_private_key(void) {}
void EVP_PKEY_new_raw_public_key(void) {}
void EVP_PKEY_get_raw_public_key(void) {}
void EVP_PKEY_free(void) {}
void EVP_MD_CTX_new(void) {}
void EVP_MD_CTX_free(void) {}
void EVP_DigestSignInit(void) {}
void EVP_DigestSign(void) {}
void EVP_DigestVerifyInit(void) {}
void EVP_DigestVerify(void) {}
void RAND_bytes(void) {}
