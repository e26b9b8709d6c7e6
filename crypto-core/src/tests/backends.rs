//! The `asm` backend (ring) against the RustCrypto one, which stays in the
//! build for the soft kernel route: the same frames byte for byte, each
//! opening the other's, and the same P-256 public keys and shared secrets.

use crate::aead_asm::AsmCipher;
use crate::aead_soft::SoftCipher;
use crate::frame::AeadId;
use crate::p256_asm;
use crate::status::Status;
use p256::elliptic_curve::sec1::ToSec1Point;
use sha2::{Digest, Sha256};
use std::vec::Vec;

/// Deterministic test bytes: SHA-256 in counter mode over a label.
fn bytes(label: &str, n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ctr = 0u32;
    while out.len() < n {
        let mut h = Sha256::new();
        h.update(label.as_bytes());
        h.update(ctr.to_be_bytes());
        out.extend_from_slice(&h.finalize());
        ctr += 1;
    }
    out.truncate(n);
    out
}

#[test]
fn aead_backends_agree() {
    let lens = [
        0usize, 1, 15, 16, 17, 63, 64, 255, 256, 1000, 4096, 16384, 65518,
    ];
    for id in [
        AeadId::Aes128Gcm,
        AeadId::Aes256Gcm,
        AeadId::ChaCha20Poly1305,
    ] {
        for (i, len) in lens.iter().enumerate() {
            let label = std::format!("{id:?}/{len}");
            let k = bytes(&std::format!("{label}/key"), id.key_len());
            let nonce: [u8; 12] = bytes(&std::format!("{label}/n"), 12).try_into().unwrap();
            let aad = bytes(&std::format!("{label}/aad"), 3 + i % 3);
            let pt = bytes(&std::format!("{label}/pt"), *len);
            let asm = AsmCipher::new(id, &k).unwrap();
            let soft = SoftCipher::new(id, &k).unwrap();
            let (mut a, mut s) = (pt.clone(), pt.clone());
            let ta = asm.seal(nonce, &aad, &mut a).unwrap();
            let ts = soft.seal(nonce, &aad, &mut s).unwrap();
            assert_eq!((&a, ta), (&s, ts), "{label}: seal differs");
            soft.open(nonce, &aad, &mut a, ta).unwrap();
            asm.open(nonce, &aad, &mut s, ts).unwrap();
            assert_eq!((&a, &s), (&pt, &pt), "{label}: open");
        }
    }
}

#[test]
fn p256_backends_agree() {
    for i in 0..24u32 {
        let ska = bytes(&std::format!("p256 a {i}"), 32);
        let skb = bytes(&std::format!("p256 b {i}"), 32);
        let (sa, pa) = p256_asm::keypair(&ska).unwrap();
        let (_, pb) = p256_asm::keypair(&skb).unwrap();
        let ref_a = p256::SecretKey::from_slice(&ska).unwrap();
        let ref_b = p256::SecretKey::from_slice(&skb).unwrap();
        assert_eq!(
            pa[..],
            *ref_a.public_key().to_sec1_point(true).as_bytes(),
            "{i}"
        );
        assert_eq!(
            pb[..],
            *ref_b.public_key().to_sec1_point(true).as_bytes(),
            "{i}"
        );
        let mut es = [0u8; 32];
        p256_asm::agree(&sa, &pb, &mut es).unwrap();
        let expect =
            p256::ecdh::diffie_hellman(ref_a.to_nonzero_scalar(), ref_b.public_key().as_affine());
        assert_eq!(es[..], expect.raw_secret_bytes()[..], "{i}");
    }
}

#[test]
fn p256_asm_refuses_bad_scalars_and_points() {
    let n_minus_1: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63,
        0x25, 0x50,
    ];
    assert!(p256_asm::keypair(&n_minus_1).is_ok());
    let mut n = n_minus_1;
    n[31] = 0x51;
    assert_eq!(p256_asm::keypair(&n).err(), Some(Status::InvalidPrivateKey));
    assert_eq!(
        p256_asm::keypair(&[0u8; 32]).err(),
        Some(Status::InvalidPrivateKey)
    );
    assert_eq!(p256_asm::keypair(&[1u8; 31]).err(), Some(Status::BadLength));
    let (s, p) = p256_asm::keypair(&[7u8; 32]).unwrap();
    let mut es = [0u8; 32];
    // Only compressed points are taken (ring alone would take this one).
    let mut uncompressed = [4u8; 65];
    uncompressed[1..33].copy_from_slice(&p[1..]);
    assert_eq!(
        p256_asm::agree(&s, &uncompressed, &mut es),
        Err(Status::InvalidPublicKey)
    );
    assert_eq!(
        p256_asm::agree(&s, &[0u8; 33], &mut es),
        Err(Status::InvalidPublicKey)
    );
}
