//! The RFC 8548 key schedule end to end against a known answer computed
//! with an independent implementation (pyca/cryptography: OpenSSL's X25519,
//! HMAC-SHA256, HKDF-Expand, AES-GCM, ChaCha20-Poly1305), written down when
//! this test was: RFC 7748 6.1 key pairs, TEP 0x23, AES-128-GCM offered.

use crate::frame::{AeadId, FrameKey, FLAG_FINP, FLAG_URGP};
use crate::kx::{KeyPair, Tep};
use crate::schedule::{self, Dir, Secret};
use crate::status::Status;
use hex_literal::hex;

const SK_A: [u8; 32] = hex!("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
const SK_B: [u8; 32] = hex!("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
const TRANSCRIPT: [u8; 10] = hex!("450a2123220045052123");
const INIT1: [u8; 75] = hex!(
    "15101a0e0000004b010001"
    "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"
    "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
);
const INIT2: [u8; 74] = hex!(
    "097105e00000004a0001"
    "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
    "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"
);

fn n_a() -> [u8; 32] {
    let mut n = [0u8; 32];
    for (i, b) in n.iter_mut().enumerate() {
        *b = i as u8 + 1;
    }
    n
}

fn ss0() -> Secret {
    let a = KeyPair::new(Tep::X25519, &SK_A).unwrap();
    let mut es = [0u8; 32];
    a.agree(&INIT2[42..], &mut es).unwrap();
    schedule::prk(&n_a(), &TRANSCRIPT, &INIT1, &INIT2, &es).unwrap()
}

#[test]
fn prk_ss_sid_mk_traffic_keys_known_answer() {
    let b = KeyPair::new(Tep::X25519, &SK_B).unwrap();
    let mut es_b = [0u8; 32];
    b.agree(&INIT1[43..], &mut es_b).unwrap();
    assert_eq!(
        es_b,
        hex!("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
    );

    let ss0 = ss0();
    assert_eq!(
        ss0.as_bytes(),
        &hex!("83aa76cef690b19e1dd5e232facd83dcd4440fcd73d07324d793de8ad95521ce")
    );
    let sid = schedule::session_id(&ss0, 0x23, &[]).unwrap();
    assert_eq!(
        sid,
        hex!("234b79bbd8e46d3ba2fa02e8eb22237d08825219b96eebd5c49b1ead62ad5693e4")
    );
    let ss1 = schedule::ss_next(&ss0).unwrap();
    assert_eq!(
        ss1.as_bytes(),
        &hex!("76991b9c4f25054872bb9d99029b2b4b138285fdea5c184cd91e7f46c47334c7")
    );
    let mk0 = schedule::mk_first(&ss0, &[]).unwrap();
    assert_eq!(
        mk0.as_bytes(),
        &hex!("8741e0117414633dc1f395f037eb5025c00f16bb51bbb44bae8202efb64393bc")
    );
    let mk1 = schedule::mk_next(&mk0).unwrap();
    assert_eq!(
        mk1.as_bytes(),
        &hex!("eae03e31f3b7ba56fd19d202613693d86adb4208d42180544f810b7c5893efda")
    );
    let mut k = [0u8; 44];
    let n = schedule::traffic_key(&mk0, AeadId::Aes128Gcm, Dir::Ab, &mut k).unwrap();
    assert_eq!(
        &k[..n],
        &hex!("eb4b1a4fdb4fc29b4e885a01539b7eb5d7a4db3cdbf14cf8ed998c4f")
    );
    let n = schedule::traffic_key(&mk1, AeadId::ChaCha20Poly1305, Dir::Ba, &mut k).unwrap();
    assert_eq!(
        &k[..n],
        &hex!("99004f728a4140a096133413cb2841107a4fa5f098cdebabaa5be23e3e36f26b8fa41ac86b4d98db372dcce3")
    );
}

/// RFC 8548 3.5: resume[1], and the session ID and mk[0] of a session
/// resumed from ss[1] with sn[1] = nonce_a | nonce_b (v bit set in the TEP
/// byte).
#[test]
fn resumption_known_answer() {
    let ss1 = schedule::ss_next(&ss0()).unwrap();
    assert_eq!(
        schedule::resume_id(&ss1).unwrap(),
        hex!("86dd46297a479588a1f7cc2c986b8a6b3daf")
    );
    let sn = hex!("0102030405060708a1a2a3a4a5a6a7a8");
    let sid = schedule::session_id(&ss1, 0xa3, &sn).unwrap();
    assert_eq!(
        sid,
        hex!("a319596c8720c0060ca59a3cc3430aab767a35d510672b5a125502ade13de9520f")
    );
    let mk = schedule::mk_first(&ss1, &sn).unwrap();
    assert_eq!(
        mk.as_bytes(),
        &hex!("23074a95df768878201a81ebdce3ee09e450d0aad93583be052264fa76160062")
    );
}

/// Frames under those keys: AES-128-GCM k_ab[0] at offset 2^64 - 3 with
/// rekey, FINp, URGp (urgent 2), data "tcpcrypt"; ChaCha20-Poly1305
/// k_ba[1] at offset 0 with no data.
#[test]
fn frames_known_answer() {
    let ss0 = ss0();
    let mk0 = schedule::mk_first(&ss0, &[]).unwrap();
    let fk = FrameKey::from_mk(AeadId::Aes128Gcm, &mk0, Dir::Ab).unwrap();
    let mut buf = [0u8; 64];
    buf[6..14].copy_from_slice(b"tcpcrypt");
    let n = fk
        .seal(u64::MAX - 2, 1, FLAG_FINP | FLAG_URGP, 2, &mut buf, 8)
        .unwrap();
    let wire = hex!("01001bddf2dc33ad34c7ff0aaeaaaeafdb445ec163862eb488339c60b0be");
    assert_eq!(&buf[..n], &wire);
    let o = fk.open(u64::MAX - 2, &mut buf[..n]).unwrap();
    assert_eq!(
        (o.control, o.flags, o.urgent),
        (1, FLAG_FINP | FLAG_URGP, 2)
    );
    assert_eq!(&buf[o.data_off..o.data_off + o.data_len], b"tcpcrypt");

    let mk1 = schedule::mk_next(&mk0).unwrap();
    let fk = FrameKey::from_mk(AeadId::ChaCha20Poly1305, &mk1, Dir::Ba).unwrap();
    let n = fk.seal(0, 0, 0, 0, &mut buf, 0).unwrap();
    assert_eq!(&buf[..n], &hex!("000011cef792c0edc2aa8cd9c245c09cbceb26a0"));
}

#[test]
fn schedule_input_limits() {
    let ss = ss0();
    assert_eq!(
        schedule::prk(&[0u8; 31], &[], &[], &[], &[]).err(),
        Some(Status::BadLength)
    );
    assert_eq!(
        schedule::prk(&[0u8; 33], &[], &[], &[], &[]).err(),
        Some(Status::BadLength)
    );
    assert_eq!(
        schedule::session_id(&ss, 0x23, &[0u8; 17]).err(),
        Some(Status::BadLength)
    );
    assert_eq!(
        schedule::mk_first(&ss, &[0u8; 17]).err(),
        Some(Status::BadLength)
    );
    assert!(schedule::mk_first(&ss, &[0u8; 16]).is_ok());
    assert_eq!(
        schedule::session_id(&ss, 0x25, &[]).err(),
        Some(Status::UnsupportedTep)
    );
    assert_eq!(
        schedule::session_id(&ss, 0x20, &[]).err(),
        Some(Status::UnsupportedTep)
    );
    for tep in [0x21u8, 0x22, 0x23, 0x24, 0xa1, 0xa2, 0xa3, 0xa4] {
        assert_eq!(schedule::session_id(&ss, tep, &[]).unwrap()[0], tep);
    }
    let mut short = [0u8; 27];
    assert_eq!(
        schedule::traffic_key(&ss, AeadId::Aes128Gcm, Dir::Ab, &mut short),
        Err(Status::BufferTooSmall)
    );
    // k_ab and k_ba differ, and so do their generations.
    let mk0 = schedule::mk_first(&ss, &[]).unwrap();
    let (mut ab, mut ba) = ([0u8; 44], [0u8; 44]);
    schedule::traffic_key(&mk0, AeadId::Aes256Gcm, Dir::Ab, &mut ab).unwrap();
    schedule::traffic_key(&mk0, AeadId::Aes256Gcm, Dir::Ba, &mut ba).unwrap();
    assert_ne!(ab, ba);
}
