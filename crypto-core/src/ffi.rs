//! The C ABI: every `tcpcrypt_core_*` function and the opaque state types.
//!
//! Rules kept by every function here: each pointer is checked for NULL
//! (a NULL data pointer is accepted only with length 0), each length is
//! checked before a slice is made, outputs are written only on success, the
//! return value is a [`Status`], and nothing panics.  Buffers passed to one
//! call must not overlap, except that a secret's input and output may be the
//! same object (`tcpcrypt_core_mk_next(&mk, &mk)`).
#![allow(unsafe_code)]

use crate::frame::{self, AeadId, FrameKey};
use crate::kx::{self, KeyPair, Tep};
use crate::schedule::{self, Dir, Secret, K_LEN};
use crate::stack_scrub;
use crate::status::{CoreResult, Status};
use core::mem::{align_of, size_of};
use core::ptr;
use core::slice;
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

/// Size in bytes of `struct tcpcrypt_core_kx`.
pub const TCPCRYPT_CORE_KX_SIZE: usize = 256;
/// Alignment of `struct tcpcrypt_core_kx`.
pub const TCPCRYPT_CORE_KX_ALIGN: usize = 16;
/// Size in bytes of `struct tcpcrypt_core_aead`.
pub const TCPCRYPT_CORE_AEAD_SIZE: usize = 1536;
/// Alignment of `struct tcpcrypt_core_aead`.
pub const TCPCRYPT_CORE_AEAD_ALIGN: usize = 16;
/// Size in bytes of `struct tcpcrypt_core_secret` (K_LEN).
pub const TCPCRYPT_CORE_SECRET_SIZE: usize = 32;
/// Alignment of `struct tcpcrypt_core_secret`.
pub const TCPCRYPT_CORE_SECRET_ALIGN: usize = 1;

/// TEP identifiers (RFC 8548 Table 4), without the v bit.
pub const TCPCRYPT_CORE_TEP_P256: u8 = 0x21;
/// TCPCRYPT_ECDHE_P521.
pub const TCPCRYPT_CORE_TEP_P521: u8 = 0x22;
/// TCPCRYPT_ECDHE_Curve25519.
pub const TCPCRYPT_CORE_TEP_X25519: u8 = 0x23;
/// TCPCRYPT_ECDHE_Curve448.
pub const TCPCRYPT_CORE_TEP_X448: u8 = 0x24;
/// AEAD identifiers (RFC 8548 Table 5).
pub const TCPCRYPT_CORE_AEAD_AES_128_GCM: u16 = 0x0001;
/// AEAD_AES_256_GCM.
pub const TCPCRYPT_CORE_AEAD_AES_256_GCM: u16 = 0x0002;
/// AEAD_CHACHA20_POLY1305.
pub const TCPCRYPT_CORE_AEAD_CHACHA20_POLY1305: u16 = 0x0010;

/// K_LEN: session secrets and master keys (RFC 8548 5).
pub const TCPCRYPT_CORE_K_LEN: usize = 32;
/// N_A_LEN = N_B_LEN (RFC 8548 5).
pub const TCPCRYPT_CORE_NONCE_LEN: usize = 32;
/// Session ID length: TEP byte + K_LEN (RFC 8548 3.4).
pub const TCPCRYPT_CORE_SESSID_LEN: usize = 33;
/// resume[i] length (RFC 8548 3.5).
pub const TCPCRYPT_CORE_RESUME_LEN: usize = 18;
/// Longest session nonce sn[i] = nonce_a | nonce_b.
pub const TCPCRYPT_CORE_SN_MAX: usize = 16;
/// Longest wire public key (P-521: 69).
pub const TCPCRYPT_CORE_PUBKEY_MAX: usize = 69;
/// Longest private scalar (P-521: 66).
pub const TCPCRYPT_CORE_PRIVKEY_MAX: usize = 66;
/// Longest ES (P-521: 66).
pub const TCPCRYPT_CORE_ES_MAX: usize = 66;
/// Longest traffic key K | NR (44).
pub const TCPCRYPT_CORE_TRAFFIC_KEY_MAX: usize = 44;
/// AEAD tag length (16 for all three AEADs).
pub const TCPCRYPT_CORE_TAG_LEN: usize = 16;
/// Frame header: control | clen.
pub const TCPCRYPT_CORE_FRAME_HEADER_LEN: usize = 3;
/// Largest clen (ciphertext shorter than 2^16 bytes, RFC 8548 3.6).
pub const TCPCRYPT_CORE_CLEN_MAX: usize = 65535;
/// Largest data length in one frame: CLEN_MAX - flags - urgent - tag.
pub const TCPCRYPT_CORE_FRAME_DATA_MAX: usize = 65516;
/// control: rekey bit (RFC 8548 4.2).
pub const TCPCRYPT_CORE_CONTROL_REKEY: u8 = 0x01;
/// flags: FINp (RFC 8548 4.2.1).
pub const TCPCRYPT_CORE_FLAG_FINP: u8 = 0x01;
/// flags: URGp (RFC 8548 4.2.1).
pub const TCPCRYPT_CORE_FLAG_URGP: u8 = 0x02;
/// Traffic key direction: k_ab, what the original A encrypts with.
pub const TCPCRYPT_CORE_DIR_AB: u32 = 0;
/// Traffic key direction: k_ba, what the original B encrypts with.
pub const TCPCRYPT_CORE_DIR_BA: u32 = 1;

/// Key-agreement state: one key pair.  Opaque, caller-owned; initialise
/// with `tcpcrypt_core_kx_init`, wipe with `tcpcrypt_core_kx_reset`.
#[repr(C, align(16))]
pub struct TcpcryptCoreKx {
    opaque: [u8; TCPCRYPT_CORE_KX_SIZE],
}

/// One direction's AEAD key and nonce randomizer.  Opaque, caller-owned;
/// initialise with `tcpcrypt_core_aead_init*`, wipe with
/// `tcpcrypt_core_aead_reset`.
#[repr(C, align(16))]
pub struct TcpcryptCoreAead {
    opaque: [u8; TCPCRYPT_CORE_AEAD_SIZE],
}

/// A 32-byte session secret ss[i] or master key mk[j].  Plain bytes, so
/// it may be copied (resumption cache); all zero means "not set" and is
/// refused as input.  Wipe with `tcpcrypt_core_secret_reset`.
#[repr(C)]
pub struct TcpcryptCoreSecret {
    opaque: [u8; TCPCRYPT_CORE_SECRET_SIZE],
}

/// Prefix written in front of each live state object.
#[repr(C)]
struct Slot<T> {
    magic: u64,
    value: T,
}

const KX_MAGIC: u64 = 0x7463_632d_6b78_0001;
const AEAD_MAGIC: u64 = 0x7463_632d_6165_0001;

const _: () = {
    assert!(size_of::<Slot<KeyPair>>() <= TCPCRYPT_CORE_KX_SIZE);
    assert!(align_of::<Slot<KeyPair>>() <= TCPCRYPT_CORE_KX_ALIGN);
    assert!(align_of::<TcpcryptCoreKx>() == TCPCRYPT_CORE_KX_ALIGN);
    assert!(size_of::<TcpcryptCoreKx>() == TCPCRYPT_CORE_KX_SIZE);
    assert!(size_of::<Slot<FrameKey>>() <= TCPCRYPT_CORE_AEAD_SIZE);
    assert!(align_of::<Slot<FrameKey>>() <= TCPCRYPT_CORE_AEAD_ALIGN);
    assert!(align_of::<TcpcryptCoreAead>() == TCPCRYPT_CORE_AEAD_ALIGN);
    assert!(size_of::<TcpcryptCoreAead>() == TCPCRYPT_CORE_AEAD_SIZE);
    assert!(size_of::<TcpcryptCoreSecret>() == TCPCRYPT_CORE_SECRET_SIZE);
    assert!(align_of::<TcpcryptCoreSecret>() == TCPCRYPT_CORE_SECRET_ALIGN);
    // The C constants are literals (cbindgen needs them so); they must
    // equal the values the code uses.
    assert!(TCPCRYPT_CORE_TEP_P256 == kx::TEP_P256);
    assert!(TCPCRYPT_CORE_TEP_P521 == kx::TEP_P521);
    assert!(TCPCRYPT_CORE_TEP_X25519 == kx::TEP_X25519);
    assert!(TCPCRYPT_CORE_TEP_X448 == kx::TEP_X448);
    assert!(TCPCRYPT_CORE_AEAD_AES_128_GCM == frame::AEAD_AES_128_GCM);
    assert!(TCPCRYPT_CORE_AEAD_AES_256_GCM == frame::AEAD_AES_256_GCM);
    assert!(TCPCRYPT_CORE_AEAD_CHACHA20_POLY1305 == frame::AEAD_CHACHA20_POLY1305);
    assert!(TCPCRYPT_CORE_K_LEN == K_LEN);
    assert!(TCPCRYPT_CORE_SECRET_SIZE == K_LEN);
    assert!(TCPCRYPT_CORE_NONCE_LEN == schedule::NONCE_LEN);
    assert!(TCPCRYPT_CORE_SESSID_LEN == schedule::SESSID_LEN);
    assert!(TCPCRYPT_CORE_RESUME_LEN == schedule::RESUME_LEN);
    assert!(TCPCRYPT_CORE_SN_MAX == schedule::SN_MAX);
    assert!(TCPCRYPT_CORE_PUBKEY_MAX == kx::PUBKEY_MAX);
    assert!(TCPCRYPT_CORE_PRIVKEY_MAX == kx::PRIVKEY_MAX);
    assert!(TCPCRYPT_CORE_ES_MAX == kx::ES_MAX);
    assert!(TCPCRYPT_CORE_TRAFFIC_KEY_MAX == frame::TRAFFIC_KEY_MAX);
    assert!(TCPCRYPT_CORE_TAG_LEN == frame::TAG_LEN);
    assert!(TCPCRYPT_CORE_FRAME_HEADER_LEN == frame::HEADER_LEN);
    assert!(TCPCRYPT_CORE_CLEN_MAX == frame::CLEN_MAX);
    assert!(TCPCRYPT_CORE_FRAME_DATA_MAX == frame::CLEN_MAX - 3 - frame::TAG_LEN);
    assert!(TCPCRYPT_CORE_CONTROL_REKEY == frame::CONTROL_REKEY);
    assert!(TCPCRYPT_CORE_FLAG_FINP == frame::FLAG_FINP);
    assert!(TCPCRYPT_CORE_FLAG_URGP == frame::FLAG_URGP);
};

/// A C state object that holds a `Slot<T>` in its opaque bytes.
trait Opaque {
    type Inner;
    const MAGIC: u64;
    fn bytes(&mut self) -> &mut [u8];
}

impl Opaque for TcpcryptCoreKx {
    type Inner = KeyPair;
    const MAGIC: u64 = KX_MAGIC;
    fn bytes(&mut self) -> &mut [u8] {
        &mut self.opaque
    }
}

impl Opaque for TcpcryptCoreAead {
    type Inner = FrameKey;
    const MAGIC: u64 = AEAD_MAGIC;
    fn bytes(&mut self) -> &mut [u8] {
        &mut self.opaque
    }
}

/// # Safety
/// `p` is NULL or points to a live, writable `S` that no one else uses
/// during the call.
unsafe fn state<'a, S: Opaque>(p: *mut S) -> CoreResult<&'a mut S::Inner> {
    if p.is_null() {
        return Err(Status::NullPointer);
    }
    // SAFETY: p is non-null and points to an S (caller contract); S is at
    // least 16-aligned and starts with the u64 magic when live; any bit
    // pattern is a valid u64.
    let magic = unsafe { ptr::read(p.cast::<u64>()) };
    if magic != S::MAGIC {
        return Err(Status::Uninitialized);
    }
    // SAFETY: the magic is written only together with a valid Slot<Inner>
    // (see `put`), which fits in S by the compile-time asserts above.
    Ok(unsafe { &mut (*p.cast::<Slot<S::Inner>>()).value })
}

/// Drops a live value (running its zeroize-on-drop) and wipes every byte.
///
/// # Safety
/// As for [`state`]; `p` must be non-null.
unsafe fn wipe<S: Opaque>(p: *mut S) {
    // SAFETY: as in `state`.
    let magic = unsafe { ptr::read(p.cast::<u64>()) };
    if magic == S::MAGIC {
        // SAFETY: a live Slot<Inner> is there (see `state`); after this
        // drop the bytes are wiped and the magic cleared, so it cannot be
        // dropped twice.
        unsafe { ptr::drop_in_place(p.cast::<Slot<S::Inner>>()) };
    }
    // SAFETY: p is non-null, aligned and exclusively ours for the call.
    unsafe { (*p).bytes().zeroize() };
}

/// # Safety
/// As for [`wipe`].
unsafe fn put<S: Opaque>(p: *mut S, value: S::Inner) {
    // SAFETY: caller contract, p non-null.
    unsafe { wipe(p) };
    let slot = Slot {
        magic: S::MAGIC,
        value,
    };
    // SAFETY: Slot<Inner> fits in S with compatible alignment (asserted at
    // compile time); the old contents were dropped and wiped just above.
    unsafe { ptr::write(p.cast::<Slot<S::Inner>>(), slot) };
}

/// # Safety
/// `p` is NULL (then `len` must be 0) or readable for `len` bytes.
unsafe fn in_bytes<'a>(p: *const u8, len: usize) -> CoreResult<&'a [u8]> {
    if len == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(Status::NullPointer);
    }
    if len > isize::MAX as usize {
        return Err(Status::BadLength);
    }
    // SAFETY: non-null, readable for len bytes (caller contract), len fits
    // isize; u8 has no alignment or validity requirement.
    Ok(unsafe { slice::from_raw_parts(p, len) })
}

/// # Safety
/// `p` is NULL or writable for `cap` bytes, not aliased during the call.
unsafe fn out_bytes<'a>(p: *mut u8, cap: usize) -> CoreResult<&'a mut [u8]> {
    if p.is_null() {
        return Err(Status::NullPointer);
    }
    if cap > isize::MAX as usize {
        return Err(Status::BadLength);
    }
    // SAFETY: non-null, writable for cap bytes (caller contract).
    Ok(unsafe { slice::from_raw_parts_mut(p, cap) })
}

/// Checks an output pointer; the value is written later with [`set`].
fn need<T>(p: *mut T) -> CoreResult<()> {
    if p.is_null() {
        return Err(Status::NullPointer);
    }
    Ok(())
}

/// # Safety
/// `p` was checked non-null by [`need`] and points to a writable `T`.
unsafe fn set<T>(p: *mut T, v: T) {
    // SAFETY: caller contract.
    unsafe { ptr::write(p, v) };
}

/// Copies a secret in (so input and output may alias).
///
/// # Safety
/// `p` is NULL or points to a readable `TcpcryptCoreSecret`.
unsafe fn secret_in(p: *const TcpcryptCoreSecret) -> CoreResult<Secret> {
    if p.is_null() {
        return Err(Status::NullPointer);
    }
    // SAFETY: non-null, readable (caller contract); plain bytes.
    let s = Secret::from_bytes(unsafe { ptr::read(p) }.opaque);
    if bool::from(s.as_bytes().ct_eq(&[0u8; K_LEN])) {
        return Err(Status::Uninitialized);
    }
    Ok(s)
}

/// # Safety
/// `p` is non-null (checked by [`need`]) and points to a writable secret.
unsafe fn secret_out(p: *mut TcpcryptCoreSecret, s: &Secret) {
    // SAFETY: caller contract; plain bytes.
    unsafe {
        ptr::write(
            p,
            TcpcryptCoreSecret {
                opaque: *s.as_bytes(),
            },
        )
    };
}

/// # Safety
/// `len` is NULL or points to a writable size_t.
unsafe fn tep_len(tep: u8, len: *mut usize, f: fn(Tep) -> usize) -> CoreResult<()> {
    need(len)?;
    let t = Tep::from_id(tep)?;
    // SAFETY: len checked non-null; caller gives a writable size_t.
    unsafe { set(len, f(t)) };
    Ok(())
}

/// Length of a TEP's public key on the wire (32, 56, 35, 69).
///
/// # Safety
/// The output pointer is NULL or points to a writable size_t.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_tep_pubkey_len(tep: u8, len: *mut usize) -> Status {
    // SAFETY: caller contract for len.
    Status::from_result(unsafe { tep_len(tep, len, Tep::pubkey_len) })
}

/// Length of a TEP's private scalar (X25519 32, X448 56, P-256 32,
/// P-521 66; NIST scalars big-endian in [1, n-1]: for P-521 clear the top
/// 7 bits of byte 0).
///
/// # Safety
/// The output pointer is NULL or points to a writable size_t.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_tep_privkey_len(tep: u8, len: *mut usize) -> Status {
    // SAFETY: caller contract for len.
    Status::from_result(unsafe { tep_len(tep, len, Tep::privkey_len) })
}

/// Length of a TEP's ephemeral secret ES (32, 56, 32, 66).
///
/// # Safety
/// The output pointer is NULL or points to a writable size_t.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_tep_es_len(tep: u8, len: *mut usize) -> Status {
    // SAFETY: caller contract for len.
    Status::from_result(unsafe { tep_len(tep, len, Tep::es_len) })
}

/// Initialises `kx` with the key pair of private scalar `sk` for TEP `tep`
/// (0x21-0x24, no v bit).  Any previous contents are wiped first.
///
/// # Safety
/// `kx` points to a writable `struct tcpcrypt_core_kx`; `sk` is readable for
/// `sk_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_kx_init(
    kx: *mut TcpcryptCoreKx,
    tep: u8,
    sk: *const u8,
    sk_len: usize,
) -> Status {
    let t = match Tep::from_id(tep) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let r = stack_scrub::scrubbed(stack_scrub::kx(t), || {
        need(kx)?;
        // SAFETY: caller contract for sk.
        let sk = unsafe { in_bytes(sk, sk_len) }?;
        let pair = KeyPair::new(t, sk)?;
        // SAFETY: kx non-null, caller contract.
        unsafe { put(kx, pair) };
        Ok(())
    });
    Status::from_result(r)
}

/// Writes this host's public key in wire form (RFC 8548 5) into `out`.
///
/// # Safety
/// `kx` points to an initialised kx; `out` is writable for `cap` bytes;
/// `len` points to a writable size_t.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_kx_public(
    kx: *mut TcpcryptCoreKx,
    out: *mut u8,
    cap: usize,
    len: *mut usize,
) -> Status {
    let r = (|| {
        need(len)?;
        // SAFETY: caller contract for kx and out.
        let pair = unsafe { state(kx) }?;
        let out = unsafe { out_bytes(out, cap) }?;
        let n = pair.public(out)?;
        // SAFETY: len checked non-null.
        unsafe { set(len, n) };
        Ok(())
    })();
    Status::from_result(r)
}

/// Validates the peer's wire public key `peer` and computes ES into `es`.
/// Fails with INVALID_PUBLIC_KEY on any validation failure (length prefix,
/// point encoding, not on the curve, all-zero X25519/X448 result).
///
/// # Safety
/// `kx` initialised; `peer` readable for `peer_len`; `es` writable for
/// `cap`; `es_len` writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_kx_agree(
    kx: *mut TcpcryptCoreKx,
    peer: *const u8,
    peer_len: usize,
    es: *mut u8,
    cap: usize,
    es_len: *mut usize,
) -> Status {
    // SAFETY: caller contract for kx.
    let t = match unsafe { state(kx) } {
        Ok(pair) => pair.tep(),
        Err(e) => return e,
    };
    let r = stack_scrub::scrubbed(stack_scrub::kx(t), || {
        need(es_len)?;
        // SAFETY: caller contract for kx, peer and es.
        let pair = unsafe { state(kx) }?;
        let peer = unsafe { in_bytes(peer, peer_len) }?;
        let es = unsafe { out_bytes(es, cap) }?;
        let n = pair.agree(peer, es)?;
        // SAFETY: es_len checked non-null.
        unsafe { set(es_len, n) };
        Ok(())
    });
    Status::from_result(r)
}

/// Wipes `kx` (private scalar included).  Safe to call on a wiped object.
///
/// # Safety
/// `kx` is NULL or points to a writable kx that was zeroed or initialised.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_kx_reset(kx: *mut TcpcryptCoreKx) -> Status {
    if kx.is_null() {
        return Status::NullPointer;
    }
    // SAFETY: non-null, caller contract.
    unsafe { wipe(kx) };
    Status::Ok
}

/// ss[0] = PRK = HKDF-Extract(N_A, eno_transcript | Init1 | Init2 | ES)
/// (RFC 8548 3.3).  `n_a_len` must be 32; Init1/Init2 as transmitted.
///
/// # Safety
/// `ss0` writable; each input readable for its length (NULL allowed with
/// length 0).
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_prk(
    ss0: *mut TcpcryptCoreSecret,
    n_a: *const u8,
    n_a_len: usize,
    transcript: *const u8,
    transcript_len: usize,
    init1: *const u8,
    init1_len: usize,
    init2: *const u8,
    init2_len: usize,
    es: *const u8,
    es_len: usize,
) -> Status {
    let r = stack_scrub::scrubbed(stack_scrub::SCHEDULE, || {
        need(ss0)?;
        // SAFETY: caller contract for each input.
        let n_a = unsafe { in_bytes(n_a, n_a_len) }?;
        let t = unsafe { in_bytes(transcript, transcript_len) }?;
        let i1 = unsafe { in_bytes(init1, init1_len) }?;
        let i2 = unsafe { in_bytes(init2, init2_len) }?;
        let es = unsafe { in_bytes(es, es_len) }?;
        let s = schedule::prk(n_a, t, i1, i2, es)?;
        // SAFETY: ss0 checked non-null.
        unsafe { secret_out(ss0, &s) };
        Ok(())
    });
    Status::from_result(r)
}

/// ss[i+1] = CPRF(ss[i], CONST_NEXTK, K_LEN).  `ss` and `next` may be the
/// same object.
///
/// # Safety
/// `ss` readable, `next` writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_ss_next(
    ss: *const TcpcryptCoreSecret,
    next: *mut TcpcryptCoreSecret,
) -> Status {
    let r = stack_scrub::scrubbed(stack_scrub::SCHEDULE, || {
        need(next)?;
        // SAFETY: caller contract.
        let s = unsafe { secret_in(ss) }?;
        let n = schedule::ss_next(&s)?;
        // SAFETY: next checked non-null.
        unsafe { secret_out(next, &n) };
        Ok(())
    });
    Status::from_result(r)
}

/// session_id[i] = TEP-byte | CPRF(ss[i], CONST_SESSID | sn[i], K_LEN)
/// (RFC 8548 3.4): 33 bytes.  `tep_byte` is the byte host B sent, v bit
/// included; `sn` is empty for a fresh key exchange, nonce_a | nonce_b
/// (at most 16 bytes) for a resumed session.
///
/// # Safety
/// `ss` readable; `sn` readable for `sn_len`; `out` writable for `cap`;
/// `len` writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_session_id(
    ss: *const TcpcryptCoreSecret,
    tep_byte: u8,
    sn: *const u8,
    sn_len: usize,
    out: *mut u8,
    cap: usize,
    len: *mut usize,
) -> Status {
    let r = stack_scrub::scrubbed(stack_scrub::SCHEDULE, || {
        need(len)?;
        // SAFETY: caller contract.
        let s = unsafe { secret_in(ss) }?;
        let sn = unsafe { in_bytes(sn, sn_len) }?;
        let out = unsafe { out_bytes(out, cap) }?;
        let id = schedule::session_id(&s, tep_byte, sn)?;
        let dst = out.get_mut(..id.len()).ok_or(Status::BufferTooSmall)?;
        dst.copy_from_slice(&id);
        // SAFETY: len checked non-null.
        unsafe { set(len, id.len()) };
        Ok(())
    });
    Status::from_result(r)
}

/// resume[i] = CPRF(ss[i], CONST_RESUME, 18) (RFC 8548 3.5).  Bytes 0..8
/// name the session in a suboption from the original A, 9..17 from B.
///
/// # Safety
/// `ss` readable; `out` writable for `cap`; `len` writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_resume_id(
    ss: *const TcpcryptCoreSecret,
    out: *mut u8,
    cap: usize,
    len: *mut usize,
) -> Status {
    let r = stack_scrub::scrubbed(stack_scrub::SCHEDULE, || {
        need(len)?;
        // SAFETY: caller contract.
        let s = unsafe { secret_in(ss) }?;
        let out = unsafe { out_bytes(out, cap) }?;
        let id = schedule::resume_id(&s)?;
        let dst = out.get_mut(..id.len()).ok_or(Status::BufferTooSmall)?;
        dst.copy_from_slice(&id);
        // SAFETY: len checked non-null.
        unsafe { set(len, id.len()) };
        Ok(())
    });
    Status::from_result(r)
}

/// mk[0] = CPRF(ss[i], CONST_REKEY | sn[i], K_LEN) (RFC 8548 3.3).
///
/// # Safety
/// `ss` readable; `sn` readable for `sn_len`; `mk` writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_mk_first(
    ss: *const TcpcryptCoreSecret,
    sn: *const u8,
    sn_len: usize,
    mk: *mut TcpcryptCoreSecret,
) -> Status {
    let r = stack_scrub::scrubbed(stack_scrub::SCHEDULE, || {
        need(mk)?;
        // SAFETY: caller contract.
        let s = unsafe { secret_in(ss) }?;
        let sn = unsafe { in_bytes(sn, sn_len) }?;
        let m = schedule::mk_first(&s, sn)?;
        // SAFETY: mk checked non-null.
        unsafe { secret_out(mk, &m) };
        Ok(())
    });
    Status::from_result(r)
}

/// mk[j+1] = CPRF(mk[j], CONST_REKEY, K_LEN).  `mk` and `next` may be the
/// same object.
///
/// # Safety
/// `mk` readable, `next` writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_mk_next(
    mk: *const TcpcryptCoreSecret,
    next: *mut TcpcryptCoreSecret,
) -> Status {
    let r = stack_scrub::scrubbed(stack_scrub::SCHEDULE, || {
        need(next)?;
        // SAFETY: caller contract.
        let m = unsafe { secret_in(mk) }?;
        let n = schedule::mk_next(&m)?;
        // SAFETY: next checked non-null.
        unsafe { secret_out(next, &n) };
        Ok(())
    });
    Status::from_result(r)
}

/// k_ab[j] (`dir` 0) or k_ba[j] (`dir` 1) = CPRF(mk[j], CONST_KEY_A/B,
/// ae_key_len + ae_nonce_len) as K | NR bytes (for known-answer tests;
/// the engine uses `tcpcrypt_core_aead_init`).
///
/// # Safety
/// `mk` readable; `out` writable for `cap`; `len` writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_traffic_key(
    mk: *const TcpcryptCoreSecret,
    aead_id: u16,
    dir: u32,
    out: *mut u8,
    cap: usize,
    len: *mut usize,
) -> Status {
    let r = stack_scrub::scrubbed(stack_scrub::SCHEDULE, || {
        need(len)?;
        let a = AeadId::from_u16(aead_id)?;
        let d = Dir::from_u32(dir)?;
        // SAFETY: caller contract.
        let m = unsafe { secret_in(mk) }?;
        let out = unsafe { out_bytes(out, cap) }?;
        let n = schedule::traffic_key(&m, a, d, out)?;
        // SAFETY: len checked non-null.
        unsafe { set(len, n) };
        Ok(())
    });
    Status::from_result(r)
}

/// Sets a secret from 32 raw bytes (resumption cache restore, KATs).  An
/// all-zero value is refused (BAD_LENGTH is not used: UNINITIALIZED).
///
/// # Safety
/// `s` writable; `bytes` readable for `len`.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_secret_import(
    s: *mut TcpcryptCoreSecret,
    bytes: *const u8,
    len: usize,
) -> Status {
    let r = (|| {
        need(s)?;
        // SAFETY: caller contract.
        let b = unsafe { in_bytes(bytes, len) }?;
        let arr: [u8; K_LEN] = b.try_into().map_err(|_| Status::BadLength)?;
        let v = Secret::from_bytes(arr);
        if bool::from(v.as_bytes().ct_eq(&[0u8; K_LEN])) {
            return Err(Status::Uninitialized);
        }
        // SAFETY: s checked non-null.
        unsafe { secret_out(s, &v) };
        Ok(())
    })();
    Status::from_result(r)
}

/// Copies a secret's 32 bytes out (KATs only; never log them).
///
/// # Safety
/// `s` readable; `out` writable for `cap`; `len` writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_secret_export(
    s: *const TcpcryptCoreSecret,
    out: *mut u8,
    cap: usize,
    len: *mut usize,
) -> Status {
    let r = (|| {
        need(len)?;
        // SAFETY: caller contract.
        let v = unsafe { secret_in(s) }?;
        let out = unsafe { out_bytes(out, cap) }?;
        let dst = out.get_mut(..K_LEN).ok_or(Status::BufferTooSmall)?;
        dst.copy_from_slice(v.as_bytes());
        // SAFETY: len checked non-null.
        unsafe { set(len, K_LEN) };
        Ok(())
    })();
    Status::from_result(r)
}

/// Wipes a secret (all zero afterwards, i.e. "not set").
///
/// # Safety
/// `s` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_secret_reset(s: *mut TcpcryptCoreSecret) -> Status {
    if s.is_null() {
        return Status::NullPointer;
    }
    // SAFETY: non-null, writable (caller contract).
    unsafe { (*s).opaque.zeroize() };
    Status::Ok
}

/// ae_key_len of an AEAD (16 or 32).
///
/// # Safety
/// The output pointer is NULL or points to a writable size_t.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_aead_key_len(aead_id: u16, len: *mut usize) -> Status {
    let r = (|| {
        need(len)?;
        let a = AeadId::from_u16(aead_id)?;
        // SAFETY: len checked non-null.
        unsafe { set(len, a.key_len()) };
        Ok(())
    })();
    Status::from_result(r)
}

/// ae_key_len + ae_nonce_len of an AEAD (28 or 44).
///
/// # Safety
/// The output pointer is NULL or points to a writable size_t.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_traffic_key_len(aead_id: u16, len: *mut usize) -> Status {
    let r = (|| {
        need(len)?;
        let a = AeadId::from_u16(aead_id)?;
        // SAFETY: len checked non-null.
        unsafe { set(len, a.traffic_key_len()) };
        Ok(())
    })();
    Status::from_result(r)
}

/// Keys `aead` with k_ab[j] (`dir` 0) or k_ba[j] (`dir` 1) derived from
/// mk[j].  Any previous contents are wiped first.
///
/// # Safety
/// `aead` writable; `mk` readable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_aead_init(
    aead: *mut TcpcryptCoreAead,
    aead_id: u16,
    mk: *const TcpcryptCoreSecret,
    dir: u32,
) -> Status {
    let r = stack_scrub::scrubbed(stack_scrub::AEAD_INIT, || {
        need(aead)?;
        let a = AeadId::from_u16(aead_id)?;
        let d = Dir::from_u32(dir)?;
        // SAFETY: caller contract.
        let m = unsafe { secret_in(mk) }?;
        let key = FrameKey::from_mk(a, &m, d)?;
        // SAFETY: aead checked non-null.
        unsafe { put(aead, key) };
        Ok(())
    });
    Status::from_result(r)
}

/// Keys `aead` from a traffic key K | NR of exactly ae_key_len + 12 bytes.
///
/// # Safety
/// `aead` writable; `key` readable for `key_len`.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_aead_init_key(
    aead: *mut TcpcryptCoreAead,
    aead_id: u16,
    key: *const u8,
    key_len: usize,
) -> Status {
    let r = stack_scrub::scrubbed(stack_scrub::AEAD_INIT, || {
        need(aead)?;
        let a = AeadId::from_u16(aead_id)?;
        // SAFETY: caller contract.
        let k = unsafe { in_bytes(key, key_len) }?;
        let fk = FrameKey::new(a, k)?;
        // SAFETY: aead checked non-null.
        unsafe { put(aead, fk) };
        Ok(())
    });
    Status::from_result(r)
}

/// Wipes `aead`.  Safe to call on a wiped object.
///
/// # Safety
/// `aead` is NULL or points to a writable aead that was zeroed or
/// initialised.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_aead_reset(aead: *mut TcpcryptCoreAead) -> Status {
    if aead.is_null() {
        return Status::NullPointer;
    }
    // SAFETY: non-null, caller contract.
    unsafe { wipe(aead) };
    Status::Ok
}

/// Where data starts in a frame with these flags: 4, or 6 with URGp.
///
/// # Safety
/// The output pointer is NULL or points to a writable size_t.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_frame_data_offset(flags: u8, off: *mut usize) -> Status {
    if off.is_null() {
        return Status::NullPointer;
    }
    // SAFETY: non-null, caller gives a writable size_t.
    unsafe { set(off, frame::data_offset(flags)) };
    Status::Ok
}

/// Bytes a frame adds around its data: header, flags, urgent field if
/// URGp, tag (20 or 22 for every AEAD).
///
/// # Safety
/// The output pointer is NULL or points to a writable size_t.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_frame_overhead(
    aead_id: u16,
    flags: u8,
    n: *mut usize,
) -> Status {
    let r = (|| {
        need(n)?;
        AeadId::from_u16(aead_id)?;
        // SAFETY: n checked non-null.
        unsafe { set(n, frame::overhead(flags)) };
        Ok(())
    })();
    Status::from_result(r)
}

/// Reads a frame header (at least 3 bytes) and gives the whole frame's
/// length, 3 + clen.  MALFORMED_FRAME if clen cannot even hold a tag and
/// the flags byte; BAD_LENGTH if fewer than 3 bytes are given.
///
/// # Safety
/// `buf` readable for `len`; `frame_len` writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_frame_header(
    buf: *const u8,
    len: usize,
    frame_len: *mut usize,
) -> Status {
    let r = (|| {
        need(frame_len)?;
        // SAFETY: caller contract.
        let b = unsafe { in_bytes(buf, len) }?;
        let n = frame::frame_len(b)?;
        // SAFETY: frame_len checked non-null.
        unsafe { set(frame_len, n) };
        Ok(())
    })();
    Status::from_result(r)
}

/// Seals one frame in place (RFC 8548 3.6, 4.2).  The caller has put
/// `data_len` bytes of data at `buf + tcpcrypt_core_frame_data_offset(flags)`;
/// this writes control, clen, flags and `urgent` (only when flags has
/// URGp), encrypts with nonce (0^4 | u64be offset) XOR NR and appends the
/// tag.  `*frame_len` = data_len + overhead.  Reserved bits in `control` or
/// `flags` are refused (RESERVED_BITS).  `offset` is used as given: the
/// caller must never seal two frames at one offset under one key.
///
/// # Safety
/// `aead` initialised; `buf` writable for `cap`; `frame_len` writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_frame_seal(
    aead: *mut TcpcryptCoreAead,
    offset: u64,
    control: u8,
    flags: u8,
    urgent: u16,
    buf: *mut u8,
    cap: usize,
    data_len: usize,
    frame_len: *mut usize,
) -> Status {
    let r = (|| {
        need(frame_len)?;
        // SAFETY: caller contract.
        let key = unsafe { state(aead) }?;
        let b = unsafe { out_bytes(buf, cap) }?;
        let n = key.seal(offset, control, flags, urgent, b, data_len)?;
        // SAFETY: frame_len checked non-null.
        unsafe { set(frame_len, n) };
        Ok(())
    })();
    Status::from_result(r)
}

/// Opens exactly one whole frame of `frame_len` bytes in place.  On
/// AUTH_FAILED the header and tag are unchanged and the ciphertext between
/// them is zeroed (asm backend, which authenticates while it decrypts) or
/// unchanged (soft backend, which checks the tag first); on any failure no
/// plaintext is left in `buf`.  On success the data is at
/// `buf + *data_off`, `*data_len` bytes; `*control` and `*flags` are the
/// bytes as received (reserved bits for the caller to ignore); `*urgent` is
/// 0 unless flags has URGp.
///
/// # Safety
/// `aead` initialised; `buf` writable for `frame_len`; outputs writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_frame_open(
    aead: *mut TcpcryptCoreAead,
    offset: u64,
    buf: *mut u8,
    frame_len: usize,
    control: *mut u8,
    flags: *mut u8,
    urgent: *mut u16,
    data_off: *mut usize,
    data_len: *mut usize,
) -> Status {
    let r = (|| {
        need(control)?;
        need(flags)?;
        need(urgent)?;
        need(data_off)?;
        need(data_len)?;
        // SAFETY: caller contract.
        let key = unsafe { state(aead) }?;
        let b = unsafe { out_bytes(buf, frame_len) }?;
        let o = key.open(offset, b)?;
        // SAFETY: all five checked non-null.
        unsafe {
            set(control, o.control);
            set(flags, o.flags);
            set(urgent, o.urgent);
            set(data_off, o.data_off);
            set(data_len, o.data_len);
        }
        Ok(())
    })();
    Status::from_result(r)
}

/// Constant-time comparison of two `len`-byte buffers; `*equal` is true
/// when they are equal.  Time depends on `len` only.
///
/// # Safety
/// `a` and `b` readable for `len`; `equal` writable.
#[no_mangle]
pub unsafe extern "C" fn tcpcrypt_core_ct_eq(
    a: *const u8,
    b: *const u8,
    len: usize,
    equal: *mut bool,
) -> Status {
    let r = (|| {
        need(equal)?;
        // SAFETY: caller contract.
        let a = unsafe { in_bytes(a, len) }?;
        let b = unsafe { in_bytes(b, len) }?;
        // SAFETY: equal checked non-null.
        unsafe { set(equal, bool::from(a.ct_eq(b))) };
        Ok(())
    })();
    Status::from_result(r)
}

/// Kernel build: a panic (which the lints make unreachable in our code)
/// stops in C, never unwinds into the kernel.  The header declares
/// `tcpcrypt_core_panic` itself (cbindgen.toml trailer).
///
/// cbindgen:ignore
#[cfg(all(feature = "kernel", not(feature = "std"), not(test)))]
mod kernel_panic {
    use core::fmt::Write;

    unsafe extern "C" {
        fn tcpcrypt_core_panic(msg: *const core::ffi::c_char, len: usize) -> !;
    }

    struct Msg {
        buf: [u8; 160],
        len: usize,
    }

    impl Write for Msg {
        fn write_str(&mut self, s: &str) -> core::fmt::Result {
            for b in s.bytes() {
                let Some(slot) = self.buf.get_mut(self.len) else {
                    return Err(core::fmt::Error);
                };
                *slot = b;
                self.len += 1;
            }
            Ok(())
        }
    }

    #[panic_handler]
    fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
        let mut m = Msg {
            buf: [0; 160],
            len: 0,
        };
        let _ = match info.location() {
            Some(l) => write!(m, "tcpcrypt_core: panic at {}:{}", l.file(), l.line()),
            None => m.write_str("tcpcrypt_core: panic"),
        };
        // SAFETY: C provides tcpcrypt_core_panic (never returns); buf is
        // readable for len bytes.
        unsafe { tcpcrypt_core_panic(m.buf.as_ptr().cast(), m.len) }
    }
}
