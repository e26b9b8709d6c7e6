//! AEAD backend on the RustCrypto crates (aes-gcm, chacha20poly1305).
//!
//! Used by builds without the `asm` feature (the soft kernel route, where
//! ring's assembly cannot run) and, in tests, as the second implementation
//! the `asm` backend is checked against.  It verifies the tag before it
//! decrypts, so a failed open leaves the ciphertext as it was.

use crate::frame::{AeadId, NONCE_LEN, TAG_LEN};
use crate::status::{CoreResult, Status};
use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes128Gcm, Aes256Gcm};
use chacha20poly1305::ChaCha20Poly1305;

/// One keyed AEAD; the crates wipe their key schedules on drop.
pub(crate) enum SoftCipher {
    A128(Aes128Gcm),
    A256(Aes256Gcm),
    C20(ChaCha20Poly1305),
}

impl SoftCipher {
    /// Keys the AEAD with K (ae_key_len bytes).
    pub(crate) fn new(aead: AeadId, k: &[u8]) -> CoreResult<SoftCipher> {
        match aead {
            AeadId::Aes128Gcm => Aes128Gcm::new_from_slice(k).map(SoftCipher::A128),
            AeadId::Aes256Gcm => Aes256Gcm::new_from_slice(k).map(SoftCipher::A256),
            AeadId::ChaCha20Poly1305 => ChaCha20Poly1305::new_from_slice(k).map(SoftCipher::C20),
        }
        .map_err(|_| Status::BadLength)
    }

    /// Encrypts `pt` in place under nonce `n`; returns the tag.
    pub(crate) fn seal(
        &self,
        n: [u8; NONCE_LEN],
        aad: &[u8],
        pt: &mut [u8],
    ) -> CoreResult<[u8; TAG_LEN]> {
        let tag = match self {
            SoftCipher::A128(c) => c.encrypt_inout_detached(&n.into(), aad, pt.into()),
            SoftCipher::A256(c) => c.encrypt_inout_detached(&n.into(), aad, pt.into()),
            SoftCipher::C20(c) => c.encrypt_inout_detached(&n.into(), aad, pt.into()),
        }
        .map_err(|_| Status::FrameTooLong)?;
        let mut out = [0u8; TAG_LEN];
        out.copy_from_slice(tag.as_slice());
        Ok(out)
    }

    /// Verifies `tag`, then decrypts `ct` in place; on failure `ct` is
    /// untouched.
    pub(crate) fn open(
        &self,
        n: [u8; NONCE_LEN],
        aad: &[u8],
        ct: &mut [u8],
        tag: [u8; TAG_LEN],
    ) -> CoreResult<()> {
        match self {
            SoftCipher::A128(c) => c.decrypt_inout_detached(&n.into(), aad, ct.into(), &tag.into()),
            SoftCipher::A256(c) => c.decrypt_inout_detached(&n.into(), aad, ct.into(), &tag.into()),
            SoftCipher::C20(c) => c.decrypt_inout_detached(&n.into(), aad, ct.into(), &tag.into()),
        }
        .map_err(|_| Status::AuthFailed)
    }
}
