//! AEAD backend on ring's assembly (feature `asm`, the default and the
//! kernel's simd route).
//!
//! ring (BoringSSL's perlasm) picks by CPUID at run time between stitched
//! AES-GCM (AES-NI + PCLMULQDQ, or VAES + VPCLMULQDQ on AVX2) and
//! ChaCha20-Poly1305 in one pass over the frame, where the RustCrypto
//! crates make two; see BENCHMARKS.md.  None of the routines it links into
//! crypto-core writes below the stack pointer (checked on the kernel object
//! by `tools/kernel-check/redzone-check.sh`), so they are safe in kernel
//! code once the caller is inside fpu_kern_enter.
//!
//! ring decrypts while it authenticates; when the tag does not match it
//! zeroes the ciphertext before returning, so a failed open leaves zeros,
//! never plaintext.
//!
//! ring does not wipe its key schedules, so the key lives in a
//! `MaybeUninit` that this module zeroes on drop.
#![allow(unsafe_code)]

use crate::frame::{AeadId, NONCE_LEN, TAG_LEN};
use crate::status::{CoreResult, Status};
use core::mem::MaybeUninit;
use ring::aead::{
    Aad, LessSafeKey, Nonce, Tag, UnboundKey, AES_128_GCM, AES_256_GCM, CHACHA20_POLY1305,
};
use zeroize::Zeroize;

// The drop below skips LessSafeKey's own drop: it must not have one.
const _: () = assert!(!core::mem::needs_drop::<LessSafeKey>());

/// One keyed AEAD.  Invariant: `key` is initialised from `new` until
/// `drop`, which wipes it and never reads it again.
pub(crate) struct AsmCipher {
    key: MaybeUninit<LessSafeKey>,
}

impl AsmCipher {
    /// Keys the AEAD with K (ae_key_len bytes).
    pub(crate) fn new(aead: AeadId, k: &[u8]) -> CoreResult<AsmCipher> {
        let alg = match aead {
            AeadId::Aes128Gcm => &AES_128_GCM,
            AeadId::Aes256Gcm => &AES_256_GCM,
            AeadId::ChaCha20Poly1305 => &CHACHA20_POLY1305,
        };
        let key = UnboundKey::new(alg, k).map_err(|_| Status::BadLength)?;
        Ok(AsmCipher {
            key: MaybeUninit::new(LessSafeKey::new(key)),
        })
    }

    fn key(&self) -> &LessSafeKey {
        // SAFETY: initialised in `new` and only de-initialised in `drop`
        // (struct invariant).
        unsafe { self.key.assume_init_ref() }
    }

    /// Encrypts `pt` in place under nonce `n`; returns the tag.
    pub(crate) fn seal(
        &self,
        n: [u8; NONCE_LEN],
        aad: &[u8],
        pt: &mut [u8],
    ) -> CoreResult<[u8; TAG_LEN]> {
        let tag = self
            .key()
            .seal_in_place_separate_tag(Nonce::assume_unique_for_key(n), Aad::from(aad), pt)
            .map_err(|_| Status::FrameTooLong)?;
        let mut out = [0u8; TAG_LEN];
        out.copy_from_slice(tag.as_ref());
        Ok(out)
    }

    /// Decrypts `ct` in place and checks `tag` in constant time; on failure
    /// `ct` is all zeros.
    pub(crate) fn open(
        &self,
        n: [u8; NONCE_LEN],
        aad: &[u8],
        ct: &mut [u8],
        tag: [u8; TAG_LEN],
    ) -> CoreResult<()> {
        self.key()
            .open_in_place_separate_tag(
                Nonce::assume_unique_for_key(n),
                Aad::from(aad),
                Tag::from(tag),
                ct,
                0..,
            )
            .map(|_| ())
            .map_err(|_| Status::AuthFailed)
    }
}

impl Drop for AsmCipher {
    fn drop(&mut self) {
        // SAFETY: MaybeUninit<LessSafeKey> may hold any bytes; the key is
        // plain data (no Drop of its own, no heap), and nothing reads it
        // after this (struct invariant), so overwriting it is all the drop
        // it needs.
        let bytes = unsafe {
            core::slice::from_raw_parts_mut(
                self.key.as_mut_ptr().cast::<u8>(),
                core::mem::size_of::<LessSafeKey>(),
            )
        };
        bytes.zeroize();
    }
}
