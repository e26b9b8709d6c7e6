//! The one status enum every FFI function returns.
//!
//! Each failure has its own value so callers (the tcpcrypt engine, its
//! tests) can assert the exact reason and map it to an abort cause
//! (RFC 8548 3.3: invalid peer key; 3.6: AEAD failure).

/// Result of every `tcpcrypt_core_*` call.  `Ok` is 0; every other value
/// names one reason for refusing the call.  A call that returns anything but
/// `Ok` has changed no caller-visible state (outputs may be wiped).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Success.
    Ok = 0,
    /// A pointer argument that must not be NULL was NULL.
    NullPointer = 1,
    /// An input had a length the operation does not accept (private key,
    /// nonce N_A, session nonce longer than 16 bytes, traffic key, ...).
    BadLength = 2,
    /// The output buffer is smaller than the result.
    BufferTooSmall = 3,
    /// The TEP identifier is not one of 0x21, 0x22, 0x23, 0x24 (RFC 8548 7).
    UnsupportedTep = 4,
    /// The AEAD identifier is not 0x0001, 0x0002 or 0x0010 (RFC 8548 7).
    UnsupportedAead = 5,
    /// The private scalar is out of range (P-256/P-521: zero or >= n).
    InvalidPrivateKey = 6,
    /// The peer's public key failed validation (RFC 8548 5): bad length
    /// prefix, not a compressed point, not on the curve, or an all-zero
    /// X25519/X448 shared secret.  The connection must be aborted.
    InvalidPublicKey = 7,
    /// The AEAD tag did not verify (RFC 8548 3.6).  No plaintext is left:
    /// the ciphertext is zeroed (asm backend) or untouched (soft backend).
    AuthFailed = 8,
    /// The ciphertext would be 2^16 bytes or longer (RFC 8548 3.6).
    FrameTooLong = 9,
    /// The frame is not one whole frame (clen disagrees with the length, or
    /// shorter than a tag), or its authenticated plaintext lacks the flags
    /// byte or the urgent field that URGp announces (RFC 8548 4.2).
    MalformedFrame = 10,
    /// A reserved bit (control cres, flags fres) was set on a frame to
    /// seal; senders must send them as zero (RFC 8548 4.2, 4.2.1).
    ReservedBits = 11,
    /// The direction is neither 0 (k_ab) nor 1 (k_ba).
    BadDirection = 12,
    /// The state object was never initialised, or was reset.
    Uninitialized = 13,
}

impl Status {
    /// Maps a `Result` from the safe layer onto the FFI status.
    pub fn from_result(r: Result<(), Status>) -> Status {
        match r {
            Ok(()) => Status::Ok,
            Err(e) => e,
        }
    }
}

/// Result type of the safe layer.
pub type CoreResult<T> = Result<T, Status>;
