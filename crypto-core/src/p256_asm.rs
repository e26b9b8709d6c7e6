//! P-256 scalar multiplication on ring's nistz256 assembly (feature `asm`).
//!
//! The p256 crate still decodes and validates the peer's compressed point
//! (IEEE 1363 A.16.10; ring accepts only uncompressed points) and range-
//! checks our scalar; ring does the two scalar multiplications, which are
//! where the time goes (BENCHMARKS.md).
//!
//! ring builds ECDH keys only from its sealed `SecureRandom` trait.  The one
//! public implementation that returns given bytes is its fixed-slice test
//! generator (hidden and deprecated in 0.17, which is pinned exactly); it
//! hands ring exactly the caller's 32-byte scalar, which is how this crate
//! takes all randomness (as arguments).  ring then range-checks the scalar
//! itself too, so a wrong length or value is an error, never a different
//! key.
#![allow(deprecated)]

use crate::status::{CoreResult, Status};
use p256::elliptic_curve::sec1::ToSec1Point;
use ring::agreement::{agree_ephemeral, EphemeralPrivateKey, UnparsedPublicKey, ECDH_P256};
use ring::test::rand::FixedSliceRandom;
use zeroize::Zeroizing;

/// A P-256 private scalar, big-endian, in [1, n-1].
pub(crate) type Scalar = Zeroizing<[u8; 32]>;

/// Length of an uncompressed SEC1 point.
const UNCOMPRESSED_LEN: usize = 65;

fn ring_key(sk: &Scalar) -> CoreResult<EphemeralPrivateKey> {
    let rng = FixedSliceRandom { bytes: &sk[..] };
    EphemeralPrivateKey::generate(&ECDH_P256, &rng).map_err(|_| Status::InvalidPrivateKey)
}

/// Checks the scalar and returns it with its public key as a compressed
/// SEC1 point (33 bytes).
pub(crate) fn keypair(sk: &[u8]) -> CoreResult<(Scalar, [u8; 33])> {
    let bytes = p256::FieldBytes::try_from(sk).map_err(|_| Status::BadLength)?;
    // Range check first: ring would retry a bad scalar 100 times.
    p256::SecretKey::from_bytes(&bytes).map_err(|_| Status::InvalidPrivateKey)?;
    let mut scalar = Zeroizing::new([0u8; 32]);
    scalar.copy_from_slice(sk);
    let public = ring_key(&scalar)?
        .compute_public_key()
        .map_err(|_| Status::InvalidPrivateKey)?;
    let (x, y) = match public.as_ref() {
        [0x04, rest @ ..] if rest.len() == 64 => rest.split_at(32),
        _ => return Err(Status::InvalidPrivateKey),
    };
    let y_odd = y.last().map_or(0, |b| b & 1);
    let mut out = [0u8; 33];
    let (prefix, xs) = out.split_at_mut(1);
    prefix.copy_from_slice(&[0x02 | y_odd]);
    xs.copy_from_slice(x);
    Ok((scalar, out))
}

/// ECDH with the peer's compressed SEC1 point: validates it, then writes
/// the x-coordinate of sk * peer into `es` (32 bytes).
pub(crate) fn agree(sk: &Scalar, peer: &[u8], es: &mut [u8; 32]) -> CoreResult<()> {
    let public = p256::PublicKey::from_sec1_bytes(peer).map_err(|_| Status::InvalidPublicKey)?;
    let point = public.to_sec1_point(false);
    let uncompressed = point.as_bytes();
    if uncompressed.len() != UNCOMPRESSED_LEN {
        return Err(Status::InvalidPublicKey);
    }
    let peer = UnparsedPublicKey::new(&ECDH_P256, uncompressed);
    agree_ephemeral(ring_key(sk)?, &peer, |shared| {
        if shared.len() == es.len() {
            es.copy_from_slice(shared);
            Ok(())
        } else {
            Err(Status::InvalidPublicKey)
        }
    })
    .map_err(|_| Status::InvalidPublicKey)?
}
