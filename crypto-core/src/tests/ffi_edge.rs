//! The C ABI's refusals: NULL pointers, state never initialised or reset,
//! short buffers, aliasing of secrets, and the exported sizes.

use crate::ffi::*;
use crate::status::Status;
use core::mem::{align_of, size_of, MaybeUninit};
use core::ptr::{null, null_mut};

fn zeroed<T>() -> T {
    // SAFETY (test): the FFI state types are plain byte arrays.
    #[allow(unsafe_code)]
    unsafe {
        MaybeUninit::<T>::zeroed().assume_init()
    }
}

#[test]
fn exported_sizes_hold_the_state() {
    assert_eq!(size_of::<TcpcryptCoreKx>(), TCPCRYPT_CORE_KX_SIZE);
    assert_eq!(align_of::<TcpcryptCoreKx>(), TCPCRYPT_CORE_KX_ALIGN);
    assert_eq!(size_of::<TcpcryptCoreAead>(), TCPCRYPT_CORE_AEAD_SIZE);
    assert_eq!(align_of::<TcpcryptCoreAead>(), TCPCRYPT_CORE_AEAD_ALIGN);
    assert_eq!(size_of::<TcpcryptCoreSecret>(), TCPCRYPT_CORE_SECRET_SIZE);
}

#[test]
#[allow(unsafe_code)]
fn null_pointers_are_refused() {
    let mut n = 0usize;
    let mut kx: TcpcryptCoreKx = zeroed();
    let mut buf = [0u8; 80];
    let sk = [1u8; 32];
    // SAFETY (test): every non-null pointer below is valid for its length.
    unsafe {
        assert_eq!(
            tcpcrypt_core_tep_pubkey_len(0x23, null_mut()),
            Status::NullPointer
        );
        assert_eq!(
            tcpcrypt_core_kx_init(null_mut(), 0x23, sk.as_ptr(), 32),
            Status::NullPointer
        );
        assert_eq!(
            tcpcrypt_core_kx_init(&mut kx, 0x23, null(), 32),
            Status::NullPointer
        );
        assert_eq!(
            tcpcrypt_core_kx_init(&mut kx, 0x23, sk.as_ptr(), 32),
            Status::Ok
        );
        assert_eq!(
            tcpcrypt_core_kx_public(&mut kx, null_mut(), 80, &mut n),
            Status::NullPointer
        );
        assert_eq!(
            tcpcrypt_core_kx_public(&mut kx, buf.as_mut_ptr(), 80, null_mut()),
            Status::NullPointer
        );
        assert_eq!(
            tcpcrypt_core_kx_agree(&mut kx, null(), 32, buf.as_mut_ptr(), 80, &mut n),
            Status::NullPointer
        );
        assert_eq!(tcpcrypt_core_kx_reset(null_mut()), Status::NullPointer);
        assert_eq!(
            tcpcrypt_core_ss_next(null(), null_mut()),
            Status::NullPointer
        );
        assert_eq!(tcpcrypt_core_aead_reset(null_mut()), Status::NullPointer);
        assert_eq!(tcpcrypt_core_secret_reset(null_mut()), Status::NullPointer);
        assert_eq!(
            tcpcrypt_core_ct_eq(buf.as_ptr(), null(), 4, &mut false),
            Status::NullPointer
        );
        assert_eq!(
            tcpcrypt_core_ct_eq(null(), null(), 0, &mut false),
            Status::Ok
        );
        assert_eq!(
            tcpcrypt_core_frame_data_offset(0, null_mut()),
            Status::NullPointer
        );
        assert_eq!(
            tcpcrypt_core_frame_header(buf.as_ptr(), 3, null_mut()),
            Status::NullPointer
        );
        assert_eq!(tcpcrypt_core_kx_reset(&mut kx), Status::Ok);
    }
}

#[test]
#[allow(unsafe_code)]
fn uninitialised_and_reset_state_is_refused() {
    let mut kx: TcpcryptCoreKx = zeroed();
    let mut aead: TcpcryptCoreAead = zeroed();
    let zero: TcpcryptCoreSecret = zeroed();
    let mut out: TcpcryptCoreSecret = zeroed();
    let (mut n, mut buf) = (0usize, [0u8; 128]);
    // SAFETY (test): all pointers valid.
    unsafe {
        assert_eq!(
            tcpcrypt_core_kx_public(&mut kx, buf.as_mut_ptr(), 80, &mut n),
            Status::Uninitialized
        );
        assert_eq!(
            tcpcrypt_core_frame_seal(&mut aead, 0, 0, 0, 0, buf.as_mut_ptr(), 128, 0, &mut n),
            Status::Uninitialized
        );
        assert_eq!(
            tcpcrypt_core_ss_next(&zero, &mut out),
            Status::Uninitialized
        );
        assert_eq!(
            tcpcrypt_core_aead_init(&mut aead, 1, &zero, 0),
            Status::Uninitialized
        );
        assert_eq!(
            tcpcrypt_core_secret_import(&mut out, [0u8; 32].as_ptr(), 32),
            Status::Uninitialized
        );
        assert_eq!(
            tcpcrypt_core_secret_import(&mut out, [7u8; 31].as_ptr(), 31),
            Status::BadLength
        );

        assert_eq!(
            tcpcrypt_core_secret_import(&mut out, [7u8; 32].as_ptr(), 32),
            Status::Ok
        );
        assert_eq!(
            tcpcrypt_core_aead_init(&mut aead, 1, &out, 2),
            Status::BadDirection
        );
        assert_eq!(
            tcpcrypt_core_aead_init(&mut aead, 3, &out, 0),
            Status::UnsupportedAead
        );
        assert_eq!(tcpcrypt_core_aead_init(&mut aead, 1, &out, 0), Status::Ok);
        assert_eq!(
            tcpcrypt_core_aead_init(&mut aead, 0x10, &out, 1),
            Status::Ok,
            "re-init"
        );
        assert_eq!(
            tcpcrypt_core_frame_seal(&mut aead, 0, 0, 0, 0, buf.as_mut_ptr(), 128, 0, &mut n),
            Status::Ok
        );
        assert_eq!(n, 20);
        assert_eq!(tcpcrypt_core_aead_reset(&mut aead), Status::Ok);
        assert!(aead_bytes(&aead).iter().all(|b| *b == 0), "aead wiped");
        assert_eq!(
            tcpcrypt_core_frame_seal(&mut aead, 0, 0, 0, 0, buf.as_mut_ptr(), 128, 0, &mut n),
            Status::Uninitialized
        );
        assert_eq!(
            tcpcrypt_core_aead_reset(&mut aead),
            Status::Ok,
            "reset twice"
        );

        assert_eq!(
            tcpcrypt_core_kx_init(&mut kx, 0x24, [3u8; 56].as_ptr(), 56),
            Status::Ok
        );
        assert_eq!(
            tcpcrypt_core_kx_init(&mut kx, 0x25, [3u8; 56].as_ptr(), 56),
            Status::UnsupportedTep
        );
        assert_eq!(
            tcpcrypt_core_kx_public(&mut kx, buf.as_mut_ptr(), 80, &mut n),
            Status::Ok
        );
        assert_eq!(n, 56);
        assert_eq!(tcpcrypt_core_kx_reset(&mut kx), Status::Ok);
        assert!(kx_bytes(&kx).iter().all(|b| *b == 0), "kx wiped");
        assert_eq!(tcpcrypt_core_secret_reset(&mut out), Status::Ok);
        assert_eq!(tcpcrypt_core_ss_next(&out, &mut out), Status::Uninitialized);
    }
}

fn aead_bytes(a: &TcpcryptCoreAead) -> &[u8] {
    // SAFETY (test): plain bytes of the right size.
    #[allow(unsafe_code)]
    unsafe {
        core::slice::from_raw_parts(
            (a as *const TcpcryptCoreAead).cast::<u8>(),
            TCPCRYPT_CORE_AEAD_SIZE,
        )
    }
}

fn kx_bytes(k: &TcpcryptCoreKx) -> &[u8] {
    // SAFETY (test): plain bytes of the right size.
    #[allow(unsafe_code)]
    unsafe {
        core::slice::from_raw_parts(
            (k as *const TcpcryptCoreKx).cast::<u8>(),
            TCPCRYPT_CORE_KX_SIZE,
        )
    }
}

#[test]
#[allow(unsafe_code)]
fn secrets_may_alias_and_outputs_are_checked() {
    let mut a: TcpcryptCoreSecret = zeroed();
    let mut b: TcpcryptCoreSecret = zeroed();
    let (mut n, mut x, mut y) = (0usize, [0u8; 32], [0u8; 32]);
    // SAFETY (test): all pointers valid.
    unsafe {
        assert_eq!(
            tcpcrypt_core_secret_import(&mut a, [9u8; 32].as_ptr(), 32),
            Status::Ok
        );
        assert_eq!(tcpcrypt_core_mk_next(&a, &mut b), Status::Ok);
        let p: *mut TcpcryptCoreSecret = &mut a;
        assert_eq!(tcpcrypt_core_mk_next(p, p), Status::Ok, "in place");
        assert_eq!(
            tcpcrypt_core_secret_export(&a, x.as_mut_ptr(), 32, &mut n),
            Status::Ok
        );
        assert_eq!(
            tcpcrypt_core_secret_export(&b, y.as_mut_ptr(), 32, &mut n),
            Status::Ok
        );
        assert_eq!(x, y, "in-place mk_next equals out-of-place");
        assert_eq!(
            tcpcrypt_core_secret_export(&b, y.as_mut_ptr(), 31, &mut n),
            Status::BufferTooSmall
        );
        let mut sid = [0u8; 33];
        assert_eq!(
            tcpcrypt_core_session_id(&a, 0x23, null(), 0, sid.as_mut_ptr(), 32, &mut n),
            Status::BufferTooSmall
        );
        assert_eq!(
            tcpcrypt_core_session_id(&a, 0x23, null(), 0, sid.as_mut_ptr(), 33, &mut n),
            Status::Ok
        );
        let mut eq = false;
        assert_eq!(
            tcpcrypt_core_ct_eq(x.as_ptr(), y.as_ptr(), 32, &mut eq),
            Status::Ok
        );
        assert!(eq);
        y[31] ^= 1;
        assert_eq!(
            tcpcrypt_core_ct_eq(x.as_ptr(), y.as_ptr(), 32, &mut eq),
            Status::Ok
        );
        assert!(!eq);
    }
}
