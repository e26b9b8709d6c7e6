//! Unit tests: published vectors for every primitive, then the tcpcrypt
//! layers (frames, schedule) and the C ABI's refusals.

mod aead_vectors;
#[cfg(feature = "asm")]
mod backends;
mod ffi_edge;
mod frames;
mod kx_vectors;
mod schedule;
mod x25519_paths;

/// What a failed open must leave where the ciphertext was: zeros from the
/// `asm` backend (ring zeroes it), the ciphertext itself from the soft one
/// (tag checked first).  Never plaintext.
pub(crate) fn assert_failed_open_left(after: &[u8], ciphertext: &[u8], what: &str) {
    assert_eq!(after.len(), ciphertext.len(), "{what}");
    if cfg!(feature = "asm") {
        assert!(after.iter().all(|b| *b == 0), "{what}: not zeroed");
    } else {
        assert_eq!(after, ciphertext, "{what}: changed");
    }
}
