//! Encryption frames (RFC 8548 sections 3.6, 4.2) sealed and opened in
//! place.
//!
//! ```text
//! frame     = control (1) | clen (u16be) | ciphertext (clen bytes)
//! plaintext = flags (1) | [urgent (u16be), only if URGp] | data
//! AAD       = control | clen                              (4.2.2)
//! N         = (0x00000000 | u64be offset) XOR NR          (3.6, 4.2.3)
//! ```
//! A frame that fails authentication leaves no plaintext behind: the `asm`
//! backend (ring, the default) decrypts while it authenticates and zeroes
//! the ciphertext when the tag does not match; the soft backend (RustCrypto)
//! verifies the tag first and leaves the buffer as it was.  Either way the
//! header stays as received (tested for every AEAD and both backends).

use crate::schedule::{self, Dir, Secret};
use crate::status::{CoreResult, Status};
use zeroize::Zeroizing;

/// The AEAD implementation this build uses (see `aead_asm`, `aead_soft`).
#[cfg(feature = "asm")]
pub(crate) type Cipher = crate::aead_asm::AsmCipher;
/// The AEAD implementation this build uses (see `aead_asm`, `aead_soft`).
#[cfg(not(feature = "asm"))]
pub(crate) type Cipher = crate::aead_soft::SoftCipher;

/// AEAD_AES_128_GCM (RFC 8548 Table 5).
pub(crate) const AEAD_AES_128_GCM: u16 = 0x0001;
/// AEAD_AES_256_GCM.
pub(crate) const AEAD_AES_256_GCM: u16 = 0x0002;
/// AEAD_CHACHA20_POLY1305.
pub(crate) const AEAD_CHACHA20_POLY1305: u16 = 0x0010;

/// ae_nonce_len of all three AEADs (RFC 8548 Table 3).
pub(crate) const NONCE_LEN: usize = 12;
/// Tag length of all three AEADs.
pub(crate) const TAG_LEN: usize = 16;
/// Longest traffic key K | NR.
pub(crate) const TRAFFIC_KEY_MAX: usize = 32 + NONCE_LEN;
/// control | clen.
pub(crate) const HEADER_LEN: usize = 3;
/// Largest clen: the ciphertext must be shorter than 2^16 bytes (3.6).
pub(crate) const CLEN_MAX: usize = 0xffff;

/// control bit 0 (4.2).
pub(crate) const CONTROL_REKEY: u8 = 0x01;
/// flags bit 0 (4.2.1).
pub(crate) const FLAG_FINP: u8 = 0x01;
/// flags bit 1 (4.2.1).
pub(crate) const FLAG_URGP: u8 = 0x02;

/// An AEAD algorithm of RFC 8548 section 6.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AeadId {
    /// 0x0001.
    Aes128Gcm,
    /// 0x0002.
    Aes256Gcm,
    /// 0x0010.
    ChaCha20Poly1305,
}

impl AeadId {
    /// From the two-byte sym_cipher identifier.
    pub fn from_u16(id: u16) -> CoreResult<AeadId> {
        match id {
            AEAD_AES_128_GCM => Ok(AeadId::Aes128Gcm),
            AEAD_AES_256_GCM => Ok(AeadId::Aes256Gcm),
            AEAD_CHACHA20_POLY1305 => Ok(AeadId::ChaCha20Poly1305),
            _ => Err(Status::UnsupportedAead),
        }
    }

    /// ae_key_len.
    pub fn key_len(self) -> usize {
        match self {
            AeadId::Aes128Gcm => 16,
            AeadId::Aes256Gcm | AeadId::ChaCha20Poly1305 => 32,
        }
    }

    /// ae_key_len + ae_nonce_len.
    pub fn traffic_key_len(self) -> usize {
        self.key_len() + NONCE_LEN
    }
}

/// Where the data starts in a frame with these flags.
pub fn data_offset(flags: u8) -> usize {
    HEADER_LEN + 1 + if flags & FLAG_URGP != 0 { 2 } else { 0 }
}

/// Bytes a frame adds around its data.
pub fn overhead(flags: u8) -> usize {
    data_offset(flags) + TAG_LEN
}

/// Reads a frame header; returns the whole frame's length (3 + clen).  A
/// clen too short to hold a tag and the flags byte can never authenticate.
pub fn frame_len(hdr: &[u8]) -> CoreResult<usize> {
    let clen = match hdr {
        [_, hi, lo, ..] => usize::from(u16::from_be_bytes([*hi, *lo])),
        _ => return Err(Status::BadLength),
    };
    if clen < TAG_LEN + 1 {
        return Err(Status::MalformedFrame);
    }
    Ok(HEADER_LEN + clen)
}

/// What an opened frame holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opened {
    /// The control byte as received (cres bits are for the caller to ignore).
    pub control: u8,
    /// The flags byte as received (fres bits likewise).
    pub flags: u8,
    /// The urgent field, 0 when URGp is clear.
    pub urgent: u16,
    /// Offset of the data within the frame buffer.
    pub data_off: usize,
    /// Length of the data.
    pub data_len: usize,
}

/// One direction's AEAD key and nonce randomizer NR.  Wiped on drop.
pub struct FrameKey {
    cipher: Cipher,
    nr: Zeroizing<[u8; NONCE_LEN]>,
}

impl FrameKey {
    /// From a traffic key K | NR of exactly ae_key_len + 12 bytes.
    pub fn new(aead: AeadId, tk: &[u8]) -> CoreResult<FrameKey> {
        if tk.len() != aead.traffic_key_len() {
            return Err(Status::BadLength);
        }
        let (k, nr_bytes) = tk
            .split_at_checked(aead.key_len())
            .ok_or(Status::BadLength)?;
        let cipher = Cipher::new(aead, k)?;
        let mut nr = Zeroizing::new([0u8; NONCE_LEN]);
        nr.copy_from_slice(nr_bytes);
        Ok(FrameKey { cipher, nr })
    }

    /// From mk[j]: derives k_ab[j] or k_ba[j] and keys the AEAD with it.
    pub fn from_mk(aead: AeadId, mk: &Secret, dir: Dir) -> CoreResult<FrameKey> {
        let mut tk = Zeroizing::new([0u8; TRAFFIC_KEY_MAX]);
        let n = schedule::traffic_key(mk, aead, dir, &mut tk[..])?;
        FrameKey::new(aead, tk.get(..n).ok_or(Status::BadLength)?)
    }

    /// N = frame_ID XOR NR, frame_ID = 4 zero bytes | u64be offset.
    fn nonce(&self, offset: u64) -> [u8; NONCE_LEN] {
        let mut n = *self.nr;
        let off = offset.to_be_bytes();
        for (d, s) in n.iter_mut().skip(NONCE_LEN - 8).zip(off.iter()) {
            *d ^= *s;
        }
        n
    }

    /// The bare AEAD with nonce N (tests: RFC 8439, GCM vectors).
    pub(crate) fn seal_raw(
        &self,
        offset: u64,
        aad: &[u8],
        pt: &mut [u8],
    ) -> CoreResult<[u8; TAG_LEN]> {
        self.cipher.seal(self.nonce(offset), aad, pt)
    }

    /// The bare AEAD decryption; on failure no plaintext is left in `ct`.
    pub(crate) fn open_raw(
        &self,
        offset: u64,
        aad: &[u8],
        ct: &mut [u8],
        tag: &[u8],
    ) -> CoreResult<()> {
        let tag: [u8; TAG_LEN] = tag.try_into().map_err(|_| Status::MalformedFrame)?;
        self.cipher.open(self.nonce(offset), aad, ct, tag)
    }

    /// Seals one frame in place.  The caller has put `data_len` bytes of
    /// data at `buf[data_offset(flags)..]`; this writes control, clen,
    /// flags, the urgent field, encrypts and appends the tag.  Returns the
    /// frame length.  `offset` is the frame's position in the sender's
    /// stream (RFC 8548 3.6; project decision D4), taken as is: keeping
    /// frame IDs unique under one key is the caller's job.
    pub fn seal(
        &self,
        offset: u64,
        control: u8,
        flags: u8,
        urgent: u16,
        buf: &mut [u8],
        data_len: usize,
    ) -> CoreResult<usize> {
        if control & !CONTROL_REKEY != 0 || flags & !(FLAG_FINP | FLAG_URGP) != 0 {
            return Err(Status::ReservedBits);
        }
        let data_off = data_offset(flags);
        let clen = data_len
            .checked_add(data_off - HEADER_LEN + TAG_LEN)
            .filter(|c| *c <= CLEN_MAX)
            .ok_or(Status::FrameTooLong)?;
        let total = HEADER_LEN + clen;
        let frame = buf.get_mut(..total).ok_or(Status::BufferTooSmall)?;
        let (aad, rest) = frame.split_at_mut(HEADER_LEN);
        let (pt, tag_out) = rest.split_at_mut(clen - TAG_LEN);
        let clen16 = u16::try_from(clen).map_err(|_| Status::FrameTooLong)?;
        let [hi, lo] = clen16.to_be_bytes();
        aad.copy_from_slice(&[control, hi, lo]);
        let [uh, ul] = urgent.to_be_bytes();
        match pt {
            [f, u0, u1, ..] if flags & FLAG_URGP != 0 => {
                (*f, *u0, *u1) = (flags, uh, ul);
            }
            [f, ..] => *f = flags,
            [] => return Err(Status::MalformedFrame),
        }
        let tag = self.seal_raw(offset, aad, pt)?;
        tag_out.copy_from_slice(&tag);
        Ok(total)
    }

    /// Opens exactly one whole frame in place.  On `AuthFailed` the header
    /// is unchanged and the rest holds no plaintext (zeros with the `asm`
    /// backend, the ciphertext with the soft one); on a malformed plaintext
    /// (no flags byte, URGp without room for the urgent field) the
    /// decrypted bytes are wiped before returning.
    pub fn open(&self, offset: u64, buf: &mut [u8]) -> CoreResult<Opened> {
        let total = frame_len(buf)?;
        if total != buf.len() {
            return Err(Status::MalformedFrame);
        }
        let (aad, rest) = buf.split_at_mut(HEADER_LEN);
        let (ct, tag) = rest.split_at_mut(total - HEADER_LEN - TAG_LEN);
        self.open_raw(offset, aad, ct, tag)?;
        let control = *aad.first().ok_or(Status::MalformedFrame)?;
        let parsed = match ct {
            [f, u0, u1, ..] if *f & FLAG_URGP != 0 => Some((*f, u16::from_be_bytes([*u0, *u1]))),
            [f, ..] if *f & FLAG_URGP == 0 => Some((*f, 0)),
            _ => None,
        };
        let Some((flags, urgent)) = parsed else {
            zeroize::Zeroize::zeroize(ct);
            return Err(Status::MalformedFrame);
        };
        let data_off = data_offset(flags);
        Ok(Opened {
            control,
            flags,
            urgent,
            data_off,
            data_len: total - TAG_LEN - data_off,
        })
    }
}
