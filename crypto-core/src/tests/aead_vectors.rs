//! AEAD and HKDF primitives against their published vectors: McGrew-Viega
//! GCM test cases 1-4 and 13-16, RFC 8439 section 2.8.2, RFC 5869 A.1-A.3.
//! All were also recomputed with pyca/cryptography (OpenSSL) when written.
//! The AEADs run through `FrameKey` with frame offset 0, where the nonce is
//! NR itself (RFC 8548 3.6), so the vectors' IV goes in as NR.

use crate::frame::{AeadId, FrameKey};
use crate::status::Status;
use hex_literal::hex;
use hkdf::Hkdf;
use sha2::Sha256;
use std::vec::Vec;

fn aead_case(id: AeadId, key: &[u8], iv: &[u8], aad: &[u8], pt: &[u8], ct: &[u8], tag: &[u8]) {
    let mut tk = Vec::from(key);
    tk.extend_from_slice(iv);
    let fk = FrameKey::new(id, &tk).unwrap();
    let mut buf = Vec::from(pt);
    let t = fk.seal_raw(0, aad, &mut buf).unwrap();
    assert_eq!(buf, ct, "ciphertext");
    assert_eq!(t, tag, "tag");
    fk.open_raw(0, aad, &mut buf, tag).unwrap();
    assert_eq!(buf, pt, "decrypts back");
    let mut bad = [0u8; 16];
    bad.copy_from_slice(tag);
    bad[15] ^= 1;
    let mut ctbuf = Vec::from(ct);
    assert_eq!(
        fk.open_raw(0, aad, &mut ctbuf, &bad),
        Err(Status::AuthFailed)
    );
    super::assert_failed_open_left(&ctbuf, ct, "failed open");
}

const GCM_P: [u8; 64] = hex!(
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
);
const GCM_A: [u8; 20] = hex!("feedfacedeadbeeffeedfacedeadbeefabaddad2");
const GCM_IV: [u8; 12] = hex!("cafebabefacedbaddecaf888");
const GCM_K128: [u8; 16] = hex!("feffe9928665731c6d6a8f9467308308");
const GCM_K256: [u8; 32] = hex!("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");

/// McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 1-4.
#[test]
fn aes128_gcm_mcgrew_viega_cases_1_to_4() {
    let a = AeadId::Aes128Gcm;
    aead_case(
        a,
        &[0; 16],
        &[0; 12],
        &[],
        &[],
        &[],
        &hex!("58e2fccefa7e3061367f1d57a4e7455a"),
    );
    aead_case(
        a,
        &[0; 16],
        &[0; 12],
        &[],
        &[0; 16],
        &hex!("0388dace60b6a392f328c2b971b2fe78"),
        &hex!("ab6e47d42cec13bdf53a67b21257bddf"),
    );
    aead_case(
        a,
        &GCM_K128,
        &GCM_IV,
        &[],
        &GCM_P,
        &hex!("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
              "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985"),
        &hex!("4d5c2af327cd64a62cf35abd2ba6fab4"),
    );
    aead_case(
        a,
        &GCM_K128,
        &GCM_IV,
        &GCM_A,
        &GCM_P[..60],
        &hex!("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
              "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"),
        &hex!("5bc94fbc3221a5db94fae95ae7121a47"),
    );
}

/// McGrew-Viega test cases 13-16 (256-bit key).
#[test]
fn aes256_gcm_mcgrew_viega_cases_13_to_16() {
    let a = AeadId::Aes256Gcm;
    aead_case(
        a,
        &[0; 32],
        &[0; 12],
        &[],
        &[],
        &[],
        &hex!("530f8afbc74536b9a963b4f1c4cb738b"),
    );
    aead_case(
        a,
        &[0; 32],
        &[0; 12],
        &[],
        &[0; 16],
        &hex!("cea7403d4d606b6e074ec5d3baf39d18"),
        &hex!("d0d1c8a799996bf0265b98b5d48ab919"),
    );
    aead_case(
        a,
        &GCM_K256,
        &GCM_IV,
        &[],
        &GCM_P,
        &hex!("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
              "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"),
        &hex!("b094dac5d93471bdec1a502270e3cc6c"),
    );
    aead_case(
        a,
        &GCM_K256,
        &GCM_IV,
        &GCM_A,
        &GCM_P[..60],
        &hex!("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
              "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"),
        &hex!("76fc6ece0f4e1768cddf8853bb2d551b"),
    );
}

/// RFC 8439 section 2.8.2, AEAD_CHACHA20_POLY1305.
#[test]
fn chacha20_poly1305_rfc8439_2_8_2() {
    let key: Vec<u8> = (0x80u8..=0x9f).collect();
    let pt = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
    aead_case(
        AeadId::ChaCha20Poly1305,
        &key,
        &hex!("070000004041424344454647"),
        &hex!("50515253c0c1c2c3c4c5c6c7"),
        pt,
        &hex!("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
              "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
              "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
              "3ff4def08e4b7a9de576d26586cec64b6116"),
        &hex!("1ae10b594f09e26a7e902ecbd0600691"),
    );
}

fn hkdf_case(ikm: &[u8], salt: &[u8], info: &[u8], prk: &[u8], okm: &[u8]) {
    let (p, hk) = Hkdf::<Sha256>::extract(Some(salt), ikm);
    assert_eq!(p.as_slice(), prk);
    let mut out = std::vec![0u8; okm.len()];
    hk.expand(info, &mut out).unwrap();
    assert_eq!(out, okm);
}

/// RFC 5869 appendix A.1-A.3 (HKDF-SHA256), the Extract and CPRF of all
/// four tcpcrypt TEPs.
#[test]
fn hkdf_sha256_rfc5869_a1_to_a3() {
    hkdf_case(
        &[0x0b; 22],
        &hex!("000102030405060708090a0b0c"),
        &hex!("f0f1f2f3f4f5f6f7f8f9"),
        &hex!("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"),
        &hex!("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
              "34007208d5b887185865"),
    );
    let ikm: Vec<u8> = (0x00u8..=0x4f).collect();
    let salt: Vec<u8> = (0x60u8..=0xaf).collect();
    let info: Vec<u8> = (0xb0u8..=0xff).collect();
    hkdf_case(
        &ikm,
        &salt,
        &info,
        &hex!("06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244"),
        &hex!("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
              "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
              "cc30c58179ec3e87c14c01d5c1f3434f1d87"),
    );
    hkdf_case(
        &[0x0b; 22],
        &[],
        &[],
        &hex!("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04"),
        &hex!("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
              "9d201395faa4b61a96c8"),
    );
}
