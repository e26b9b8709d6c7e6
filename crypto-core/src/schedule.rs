//! The tcpcrypt key schedule (RFC 8548 sections 3.3, 3.4, 3.5).
//!
//! ```text
//! PRK        = HKDF-Extract(N_A, eno_transcript | Init1 | Init2 | ES)
//! ss[0]      = PRK;  ss[i] = CPRF(ss[i-1], CONST_NEXTK, K_LEN)
//! mk[0]      = CPRF(ss[i], CONST_REKEY | sn[i], K_LEN)
//! mk[j]      = CPRF(mk[j-1], CONST_REKEY, K_LEN)
//! k_ab[j]    = CPRF(mk[j], CONST_KEY_A, ae_key_len + ae_nonce_len)
//! k_ba[j]    = CPRF(mk[j], CONST_KEY_B, ae_key_len + ae_nonce_len)
//! session_id = TEP-byte | CPRF(ss[i], CONST_SESSID | sn[i], K_LEN)
//! resume[i]  = CPRF(ss[i], CONST_RESUME, 18)
//! ```
//! CPRF is HKDF-Expand-SHA256 for all four TEPs (RFC 8548 section 5).  Every
//! secret lives in a [`Secret`], which wipes itself on drop.

use crate::frame::AeadId;
use crate::status::{CoreResult, Status};
use hkdf::{Hkdf, HkdfExtract};
use sha2::Sha256;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// K_LEN, N_A_LEN, N_B_LEN of every tcpcrypt TEP (RFC 8548 section 5).
pub(crate) const K_LEN: usize = 32;
/// N_A_LEN.
pub(crate) const NONCE_LEN: usize = 32;
/// Session ID length: TEP byte plus K_LEN (RFC 8548 3.4).
pub(crate) const SESSID_LEN: usize = 1 + K_LEN;
/// Resumption identifier length (RFC 8548 3.5).
pub(crate) const RESUME_LEN: usize = 18;
/// Longest session nonce sn[i] = nonce_a | nonce_b, each at most 8 bytes.
pub(crate) const SN_MAX: usize = 16;

/// RFC 8548 4.3 constants.
const CONST_NEXTK: u8 = 0x01;
const CONST_SESSID: u8 = 0x02;
const CONST_REKEY: u8 = 0x03;
const CONST_KEY_A: u8 = 0x04;
const CONST_KEY_B: u8 = 0x05;
const CONST_RESUME: u8 = 0x06;

/// Which traffic key: k_ab (what the original A encrypts with) or k_ba.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// k_ab[j].
    Ab,
    /// k_ba[j].
    Ba,
}

impl Dir {
    /// 0 = k_ab, 1 = k_ba.
    pub fn from_u32(d: u32) -> CoreResult<Dir> {
        match d {
            0 => Ok(Dir::Ab),
            1 => Ok(Dir::Ba),
            _ => Err(Status::BadDirection),
        }
    }
}

/// A 32-byte session secret ss[i] or master key mk[j].
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Secret(pub(crate) [u8; K_LEN]);

impl Secret {
    /// Wraps raw bytes (KATs, resumption cache restore).
    pub fn from_bytes(b: [u8; K_LEN]) -> Secret {
        Secret(b)
    }

    /// The raw bytes (KATs only; never log them).
    pub fn as_bytes(&self) -> &[u8; K_LEN] {
        &self.0
    }
}

/// CPRF(key, info[0] | info[1] | ..., out.len()) = HKDF-Expand-SHA256.
fn cprf(key: &Secret, info: &[&[u8]], out: &mut [u8]) -> CoreResult<()> {
    let hk = Hkdf::<Sha256>::from_prk(&key.0).map_err(|_| Status::BadLength)?;
    hk.expand_multi_info(info, out)
        .map_err(|_| Status::BadLength)
}

fn check_sn(sn: &[u8]) -> CoreResult<()> {
    if sn.len() > SN_MAX {
        return Err(Status::BadLength);
    }
    Ok(())
}

/// PRK = Extract(N_A, eno_transcript | Init1 | Init2 | ES) = ss[0].
/// Init1 and Init2 are the messages as transmitted, ignored bytes included.
pub fn prk(
    n_a: &[u8],
    transcript: &[u8],
    init1: &[u8],
    init2: &[u8],
    es: &[u8],
) -> CoreResult<Secret> {
    if n_a.len() != NONCE_LEN {
        return Err(Status::BadLength);
    }
    let mut ext = HkdfExtract::<Sha256>::new(Some(n_a));
    ext.input_ikm(transcript);
    ext.input_ikm(init1);
    ext.input_ikm(init2);
    ext.input_ikm(es);
    let (mut out, _) = ext.finalize();
    let mut ss = Secret([0u8; K_LEN]);
    ss.0.copy_from_slice(out.as_slice());
    out.as_mut_slice().zeroize();
    Ok(ss)
}

/// ss[i+1] = CPRF(ss[i], CONST_NEXTK, K_LEN).
pub fn ss_next(ss: &Secret) -> CoreResult<Secret> {
    let mut next = Secret([0u8; K_LEN]);
    cprf(ss, &[&[CONST_NEXTK]], &mut next.0)?;
    Ok(next)
}

/// session_id[i] = TEP-byte | CPRF(ss[i], CONST_SESSID | sn[i], K_LEN).
/// `tep_byte` is the byte B sent, v bit included (RFC 8548 3.4).
pub fn session_id(ss: &Secret, tep_byte: u8, sn: &[u8]) -> CoreResult<[u8; SESSID_LEN]> {
    crate::kx::Tep::from_id(tep_byte & 0x7f)?;
    check_sn(sn)?;
    let mut id = [0u8; SESSID_LEN];
    let (first, rest) = id.split_at_mut(1);
    first.copy_from_slice(&[tep_byte]);
    cprf(ss, &[&[CONST_SESSID], sn], rest)?;
    Ok(id)
}

/// resume[i] = CPRF(ss[i], CONST_RESUME, 18).
pub fn resume_id(ss: &Secret) -> CoreResult<[u8; RESUME_LEN]> {
    let mut r = [0u8; RESUME_LEN];
    cprf(ss, &[&[CONST_RESUME]], &mut r)?;
    Ok(r)
}

/// mk[0] = CPRF(ss[i], CONST_REKEY | sn[i], K_LEN); sn[0] is empty.
pub fn mk_first(ss: &Secret, sn: &[u8]) -> CoreResult<Secret> {
    check_sn(sn)?;
    let mut mk = Secret([0u8; K_LEN]);
    cprf(ss, &[&[CONST_REKEY], sn], &mut mk.0)?;
    Ok(mk)
}

/// mk[j] = CPRF(mk[j-1], CONST_REKEY, K_LEN).
pub fn mk_next(mk: &Secret) -> CoreResult<Secret> {
    let mut next = Secret([0u8; K_LEN]);
    cprf(mk, &[&[CONST_REKEY]], &mut next.0)?;
    Ok(next)
}

/// k_ab[j] or k_ba[j] = CPRF(mk[j], CONST_KEY_A/B, ae_key_len +
/// ae_nonce_len) into `out`; returns the length written (K | NR).
pub fn traffic_key(mk: &Secret, aead: AeadId, dir: Dir, out: &mut [u8]) -> CoreResult<usize> {
    let n = aead.traffic_key_len();
    let dst = out.get_mut(..n).ok_or(Status::BufferTooSmall)?;
    let c = match dir {
        Dir::Ab => CONST_KEY_A,
        Dir::Ba => CONST_KEY_B,
    };
    cprf(mk, &[&[c]], dst)?;
    Ok(n)
}
