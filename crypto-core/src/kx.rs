//! Key agreement for the four tcpcrypt TEPs (RFC 8548 section 5).
//!
//! A key pair comes from a caller-supplied private scalar (the crate has no
//! randomness).  Public keys are produced and parsed in their wire form:
//! X25519 and X448 raw (32 and 56 bytes); P-256 and P-521 as
//! `u16be(L) | compressed point` where L counts the two length bytes too
//! (35 and 69 bytes).  Peer keys are validated before use: NIST points per
//! IEEE 1363 A.16.10 (the point decodes, its coordinates are below p, it is
//! on the curve and not the identity; both curves have cofactor 1, so it then
//! has order n), and for X25519/X448 the shared secret must not be all zero
//! (RFC 7748 section 6, RFC 8548 section 5).  Every failure of a peer key is
//! `Status::InvalidPublicKey`, which the engine turns into an abort.

use crate::status::{CoreResult, Status};
use p256::elliptic_curve::sec1::ToSec1Point;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// TCPCRYPT_ECDHE_P256 (RFC 8548 Table 4).
pub(crate) const TEP_P256: u8 = 0x21;
/// TCPCRYPT_ECDHE_P521.
pub(crate) const TEP_P521: u8 = 0x22;
/// TCPCRYPT_ECDHE_Curve25519.
pub(crate) const TEP_X25519: u8 = 0x23;
/// TCPCRYPT_ECDHE_Curve448.
pub(crate) const TEP_X448: u8 = 0x24;

const P256_WIRE_LEN: usize = 2 + 33;
const P521_WIRE_LEN: usize = 2 + 67;

/// Longest public key on the wire (P-521).
pub(crate) const PUBKEY_MAX: usize = P521_WIRE_LEN;
/// Longest private scalar (P-521, 66 bytes big-endian).
pub(crate) const PRIVKEY_MAX: usize = 66;
/// Longest ephemeral secret ES (P-521 x-coordinate).
pub(crate) const ES_MAX: usize = 66;

/// One of the tcpcrypt key-agreement schemes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tep {
    /// ECDHE-P256.
    P256,
    /// ECDHE-P521.
    P521,
    /// ECDHE-Curve25519.
    X25519,
    /// ECDHE-Curve448.
    X448,
}

impl Tep {
    /// The TEP for an identifier without the v bit (RFC 8547 4.2 glt).
    pub fn from_id(id: u8) -> CoreResult<Tep> {
        match id {
            TEP_P256 => Ok(Tep::P256),
            TEP_P521 => Ok(Tep::P521),
            TEP_X25519 => Ok(Tep::X25519),
            TEP_X448 => Ok(Tep::X448),
            _ => Err(Status::UnsupportedTep),
        }
    }

    /// Length of Pub_A / Pub_B on the wire.
    pub fn pubkey_len(self) -> usize {
        match self {
            Tep::P256 => P256_WIRE_LEN,
            Tep::P521 => P521_WIRE_LEN,
            Tep::X25519 => 32,
            Tep::X448 => 56,
        }
    }

    /// Length of the private scalar the caller supplies.
    pub fn privkey_len(self) -> usize {
        match self {
            Tep::P256 | Tep::X25519 => 32,
            Tep::P521 => 66,
            Tep::X448 => 56,
        }
    }

    /// Length of the ephemeral secret ES.
    pub fn es_len(self) -> usize {
        self.privkey_len()
    }
}

/// A key pair for one TEP.  Private parts are wiped on drop.
pub enum KeyPair {
    /// P-256 scalar (ZeroizeOnDrop) and its wire public key.
    #[cfg(not(feature = "asm"))]
    P256(p256::SecretKey, [u8; P256_WIRE_LEN]),
    /// P-256 scalar (wiped on drop) and its wire public key; ring does the
    /// arithmetic (`p256_asm`).
    #[cfg(feature = "asm")]
    P256(crate::p256_asm::Scalar, [u8; P256_WIRE_LEN]),
    /// P-521 scalar and its wire public key.
    P521(p521::SecretKey, [u8; P521_WIRE_LEN]),
    /// X25519 scalar and public key.
    X25519(x25519_dalek::StaticSecret, [u8; 32]),
    /// X448 scalar (clamped inside x448) and public key.
    X448(Zeroizing<[u8; 56]>, [u8; 56]),
}

fn wire_point(out: &mut [u8], sec1: &[u8]) -> CoreResult<()> {
    let total = u16::try_from(out.len()).map_err(|_| Status::BadLength)?;
    let (len, point) = out.split_at_mut_checked(2).ok_or(Status::BadLength)?;
    if point.len() != sec1.len() {
        return Err(Status::BadLength);
    }
    len.copy_from_slice(&total.to_be_bytes());
    point.copy_from_slice(sec1);
    Ok(())
}

/// Splits a NIST public key from the wire: the length prefix must equal the
/// whole length and the point must be in compressed form (RFC 8548 5).
fn nist_point(peer: &[u8], wire_len: usize) -> CoreResult<&[u8]> {
    if peer.len() != wire_len {
        return Err(Status::InvalidPublicKey);
    }
    let (len, point) = peer.split_at_checked(2).ok_or(Status::InvalidPublicKey)?;
    let declared = u16::from_be_bytes([
        *len.first().ok_or(Status::InvalidPublicKey)?,
        *len.get(1).ok_or(Status::InvalidPublicKey)?,
    ]);
    if usize::from(declared) != wire_len {
        return Err(Status::InvalidPublicKey);
    }
    match point.first() {
        Some(0x02) | Some(0x03) => Ok(point),
        _ => Err(Status::InvalidPublicKey),
    }
}

fn copy_out(out: &mut [u8], src: &[u8]) -> CoreResult<usize> {
    let dst = out.get_mut(..src.len()).ok_or(Status::BufferTooSmall)?;
    dst.copy_from_slice(src);
    Ok(src.len())
}

impl KeyPair {
    /// Builds the key pair from a private scalar.  NIST scalars are
    /// big-endian and must lie in [1, n-1]; X25519/X448 scalars are any
    /// bytes (clamped per RFC 7748).
    pub fn new(tep: Tep, sk: &[u8]) -> CoreResult<KeyPair> {
        if sk.len() != tep.privkey_len() {
            return Err(Status::BadLength);
        }
        match tep {
            #[cfg(feature = "asm")]
            Tep::P256 => {
                let (scalar, point) = crate::p256_asm::keypair(sk)?;
                let mut wire = [0u8; P256_WIRE_LEN];
                wire_point(&mut wire, &point)?;
                Ok(KeyPair::P256(scalar, wire))
            }
            #[cfg(not(feature = "asm"))]
            Tep::P256 => {
                let bytes = p256::FieldBytes::try_from(sk).map_err(|_| Status::BadLength)?;
                let key =
                    p256::SecretKey::from_bytes(&bytes).map_err(|_| Status::InvalidPrivateKey)?;
                let enc = key.public_key().to_sec1_point(true);
                let mut wire = [0u8; P256_WIRE_LEN];
                wire_point(&mut wire, enc.as_bytes())?;
                Ok(KeyPair::P256(key, wire))
            }
            Tep::P521 => {
                let bytes = p521::FieldBytes::try_from(sk).map_err(|_| Status::BadLength)?;
                let key =
                    p521::SecretKey::from_bytes(&bytes).map_err(|_| Status::InvalidPrivateKey)?;
                let enc = key.public_key().to_sec1_point(true);
                let mut wire = [0u8; P521_WIRE_LEN];
                wire_point(&mut wire, enc.as_bytes())?;
                Ok(KeyPair::P521(key, wire))
            }
            Tep::X25519 => {
                let raw: [u8; 32] = sk.try_into().map_err(|_| Status::BadLength)?;
                let raw = Zeroizing::new(raw);
                let key = x25519_dalek::StaticSecret::from(*raw);
                let public = x25519_dalek::PublicKey::from(&key);
                Ok(KeyPair::X25519(key, public.to_bytes()))
            }
            Tep::X448 => {
                let raw: [u8; 56] = sk.try_into().map_err(|_| Status::BadLength)?;
                let raw = Zeroizing::new(raw);
                let public = x448::x448_unchecked(*raw, x448::X448_BASEPOINT_BYTES);
                Ok(KeyPair::X448(raw, public))
            }
        }
    }

    /// The TEP this key pair belongs to.
    pub fn tep(&self) -> Tep {
        match self {
            KeyPair::P256(..) => Tep::P256,
            KeyPair::P521(..) => Tep::P521,
            KeyPair::X25519(..) => Tep::X25519,
            KeyPair::X448(..) => Tep::X448,
        }
    }

    /// Writes this host's public key in wire form; returns its length.
    pub fn public(&self, out: &mut [u8]) -> CoreResult<usize> {
        match self {
            KeyPair::P256(_, w) => copy_out(out, w),
            KeyPair::P521(_, w) => copy_out(out, w),
            KeyPair::X25519(_, w) => copy_out(out, w),
            KeyPair::X448(_, w) => copy_out(out, w),
        }
    }

    /// Validates the peer's wire public key and computes ES into `es`;
    /// returns ES's length.  `es` is not written unless everything passed.
    pub fn agree(&self, peer: &[u8], es: &mut [u8]) -> CoreResult<usize> {
        let tep = self.tep();
        if peer.len() != tep.pubkey_len() {
            return Err(Status::InvalidPublicKey);
        }
        if es.len() < tep.es_len() {
            return Err(Status::BufferTooSmall);
        }
        match self {
            #[cfg(feature = "asm")]
            KeyPair::P256(scalar, _) => {
                let point = nist_point(peer, P256_WIRE_LEN)?;
                let mut shared = Zeroizing::new([0u8; 32]);
                crate::p256_asm::agree(scalar, point, &mut shared)?;
                copy_out(es, &shared[..])
            }
            #[cfg(not(feature = "asm"))]
            KeyPair::P256(key, _) => {
                let point = nist_point(peer, P256_WIRE_LEN)?;
                let public = p256::PublicKey::from_sec1_bytes(point)
                    .map_err(|_| Status::InvalidPublicKey)?;
                let shared = key.diffie_hellman(&public);
                copy_out(es, shared.raw_secret_bytes())
            }
            KeyPair::P521(key, _) => {
                let point = nist_point(peer, P521_WIRE_LEN)?;
                let public = p521::PublicKey::from_sec1_bytes(point)
                    .map_err(|_| Status::InvalidPublicKey)?;
                let shared = key.diffie_hellman(&public);
                copy_out(es, shared.raw_secret_bytes())
            }
            KeyPair::X25519(key, _) => {
                let raw: [u8; 32] = peer.try_into().map_err(|_| Status::InvalidPublicKey)?;
                let k = Zeroizing::new(key.to_bytes());
                let shared = Zeroizing::new(crate::x25519_edwards::x25519(&k, raw));
                nonzero_out(es, &*shared)
            }
            KeyPair::X448(key, _) => {
                let raw: [u8; 56] = peer.try_into().map_err(|_| Status::InvalidPublicKey)?;
                let shared = Zeroizing::new(x448::x448_unchecked(**key, raw));
                nonzero_out(es, &*shared)
            }
        }
    }
}

/// RFC 7748 section 6: abort if the X25519/X448 result is all zero, checked
/// in constant time so the comparison reveals nothing about the secret.
fn nonzero_out(es: &mut [u8], shared: &[u8]) -> CoreResult<usize> {
    let mut acc = 0u8;
    for b in shared {
        acc |= *b;
    }
    if bool::from(acc.ct_eq(&0u8)) {
        return Err(Status::InvalidPublicKey);
    }
    copy_out(es, shared)
}

/// RFC 7748 X25519 function on raw inputs, the way `agree` computes it
/// (for the RFC's own vectors).
pub fn x25519_raw(k: [u8; 32], u: [u8; 32]) -> [u8; 32] {
    crate::x25519_edwards::x25519(&k, u)
}

/// RFC 7748 X448 function on raw inputs (for the RFC's own vectors).
pub fn x448_raw(k: [u8; 56], u: [u8; 56]) -> [u8; 56] {
    x448::x448_unchecked(k, u)
}
