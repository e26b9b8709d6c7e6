//! Fuzz target: a peer's public key from Init1/Init2 (RFC 8548 section 5),
//! through the C ABI exactly as the engine calls it.  Byte 0 picks the TEP
//! (0x21-0x24), the rest is Pub_A/Pub_B as received.  Checked: no crash, a
//! status from the documented set, ES written only on success with the
//! TEP's length, and never an all-zero X25519/X448 ES.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use tcpcrypt_core::ffi::*;
use tcpcrypt_core::Status;

const TEPS: [u8; 4] = [0x21, 0x22, 0x23, 0x24];

thread_local! {
    // One key pair per TEP, made once: key generation would otherwise
    // dominate every execution.
    static KX: RefCell<Vec<TcpcryptCoreKx>> = RefCell::new(make_pairs());
}

fn make_pairs() -> Vec<TcpcryptCoreKx> {
    let mut sk = [0x5au8; 66];
    sk[0] = 0x01; // below n for P-256 and P-521

    // All allocated first, then initialised in place: like the engine's
    // objects, none moves after kx_init.
    let mut kxs: Vec<TcpcryptCoreKx> = TEPS
        .iter()
        // SAFETY: a zeroed kx is a valid "not initialised" object.
        .map(|_| unsafe { core::mem::zeroed() })
        .collect();
    for (kx, tep) in kxs.iter_mut().zip(TEPS) {
        let mut sk_len = 0usize;
        // SAFETY: pointers valid for the lengths given.
        unsafe {
            assert_eq!(tcpcrypt_core_tep_privkey_len(tep, &mut sk_len), Status::Ok);
            assert_eq!(
                tcpcrypt_core_kx_init(kx, tep, sk.as_ptr(), sk_len),
                Status::Ok
            );
        }
    }
    kxs
}

fuzz_target!(|data: &[u8]| {
    let Some((sel, peer)) = data.split_first() else {
        return;
    };
    let i = usize::from(*sel) % TEPS.len();
    let tep = TEPS[i];
    let mut es = [0xeeu8; 80];
    let (mut es_len, mut es_want) = (usize::MAX, 0usize);
    KX.with(|kx| {
        let mut kx = kx.borrow_mut();
        let kx: &mut TcpcryptCoreKx = &mut kx[i];
        // SAFETY: every pointer is valid for the length given.
        unsafe {
            assert_eq!(tcpcrypt_core_tep_es_len(tep, &mut es_want), Status::Ok);
            let st = tcpcrypt_core_kx_agree(
                kx,
                peer.as_ptr(),
                peer.len(),
                es.as_mut_ptr(),
                es.len(),
                &mut es_len,
            );
            match st {
                Status::Ok => {
                    assert_eq!(es_len, es_want);
                    if tep == 0x23 || tep == 0x24 {
                        assert!(es[..es_len].iter().any(|b| *b != 0), "all-zero ES accepted");
                    }
                }
                Status::InvalidPublicKey => {
                    assert_eq!(es_len, usize::MAX, "length written on failure");
                    assert!(es.iter().all(|b| *b == 0xee), "ES written on failure");
                }
                other => panic!("unexpected status {other:?}"),
            }
        }
    });
});
