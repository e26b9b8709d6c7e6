//! Zeroing the stack a secret computation used, once it has returned.
//!
//! Scalar multiplication and key expansion leave copies of the scalar, of
//! ES and of round keys in dead stack slots: in the crates' frames (ring's
//! `EphemeralPrivateKey`, dalek's and RustCrypto's temporaries) where no
//! wipe-on-drop of ours can reach.  A kernel worker's stack outlives the
//! connection, so the C entry points that handle secrets run their work in
//! a frame of its own and then overwrite as many bytes below their own
//! frame as that work is measured to use (`crypto-core/tests/stack_depth.c`
//! measures the depth and checks that no copy of the scalar, ES or mk is
//! left; raise a size here when it reports one).

use crate::kx::Tep;
use core::hint::black_box;

/// Key schedule (HKDF-SHA256) calls (measured 1.0 KiB).  resume_id runs on
/// the SYN input path, whose budget is 4 KiB in all: keep this small.
pub(crate) const SCHEDULE: usize = 1536;
/// aead_init / aead_init_key (HKDF plus the AEAD's key expansion).
pub(crate) const AEAD_INIT: usize = 6144;

/// kx_init and kx_agree of P-256 and X448 (measured 5.7 and 6.0 KiB).
const KX_SMALL: usize = 7 * 1024;
/// P-521 (measured 11.3 KiB).
const KX_P521: usize = 11 * 1024 + 512;
/// X25519 on the AVX2 Edwards path (measured 13.9 KiB).
const KX_X25519: usize = 14 * 1024;

/// kx_init and kx_agree of one TEP.
pub(crate) fn kx(tep: Tep) -> usize {
    match tep {
        Tep::P256 | Tep::X448 => KX_SMALL,
        Tep::P521 => KX_P521,
        Tep::X25519 => KX_X25519,
    }
}

/// Runs `work` in a frame below the caller's, then zeroes `bytes` (one of
/// the sizes above) below the caller's frame, where that frame was.
#[inline(always)]
pub(crate) fn scrubbed<R>(bytes: usize, work: impl FnOnce() -> R) -> R {
    let r = outlined(work);
    if bytes <= SCHEDULE {
        zero::<SCHEDULE>();
    } else if bytes <= AEAD_INIT {
        zero::<AEAD_INIT>();
    } else if bytes <= KX_SMALL {
        zero::<KX_SMALL>();
    } else if bytes <= KX_P521 {
        zero::<KX_P521>();
    } else {
        zero::<KX_X25519>();
    }
    r
}

#[inline(never)]
fn outlined<R>(work: impl FnOnce() -> R) -> R {
    work()
}

/// An N-byte zeroed local that the optimiser must materialise.
#[inline(never)]
fn zero<const N: usize>() {
    let buf = [0u8; N];
    black_box(&buf);
}
