//! Key agreement: RFC 7748 (X25519, X448), RFC 5903 (P-256, P-521), and the
//! peer-key validation rules of RFC 8548 section 5.

use crate::kx::{x25519_raw, x448_raw, KeyPair, Tep};
use crate::status::Status;
use hex_literal::hex;

/// RFC 7748 section 5.2, X25519 single-operation vectors.
#[test]
fn x25519_rfc7748_5_2_vectors() {
    let cases = [
        (
            hex!("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
            hex!("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"),
            hex!("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
        ),
        (
            hex!("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
            hex!("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"),
            hex!("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"),
        ),
    ];
    for (k, u, out) in cases {
        assert_eq!(x25519_raw(k, u), out);
    }
}

/// RFC 7748 section 5.2, X25519 iterated: k = u = 9; k, u = X25519(k, u), k.
#[test]
fn x25519_rfc7748_5_2_iterated_1_and_1000() {
    let mut k = [0u8; 32];
    k[0] = 9;
    let mut u = k;
    for i in 1..=1000 {
        let r = x25519_raw(k, u);
        u = k;
        k = r;
        if i == 1 {
            assert_eq!(
                k,
                hex!("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079")
            );
        }
    }
    assert_eq!(
        k,
        hex!("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51")
    );
}

/// RFC 7748 section 5.2, X448 single-operation vectors.
#[test]
fn x448_rfc7748_5_2_vectors() {
    let cases = [
        (
            hex!("3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3"),
            hex!("06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086"),
            hex!("ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f"),
        ),
        (
            hex!("203d494428b8399352665ddca42f9de8fef600908e0d461cb021f8c538345dd77c3e4806e25f46d3315c44e0a5b4371282dd2c8d5be3095f"),
            hex!("0fbcc2f993cd56d3305b0b7d9e55d4c1a8fb5dbb52f8e9a1e9b6201b165d015894e56c4d3570bee52fe205e28a78b91cdfbde71ce8d157db"),
            hex!("884a02576239ff7a2f2f63b2db6a9ff37047ac13568e1e30fe63c4a7ad1b3ee3a5700df34321d62077e63633c575c1c954514e99da7c179d"),
        ),
    ];
    for (k, u, out) in cases {
        assert_eq!(x448_raw(k, u), out);
    }
}

/// RFC 7748 section 5.2, X448 iterated: k = u = 5.
#[test]
fn x448_rfc7748_5_2_iterated_1_and_1000() {
    let mut k = [0u8; 56];
    k[0] = 5;
    let mut u = k;
    for i in 1..=1000 {
        let r = x448_raw(k, u);
        u = k;
        k = r;
        if i == 1 {
            assert_eq!(k, hex!("3f482c8a9f19b01e6c46ee9711d9dc14fd4bf67af30765c2ae2b846a4d23a8cd0db897086239492caf350b51f833868b9bc2b3bca9cf4113"));
        }
    }
    assert_eq!(k, hex!("aa3b4749d55b9daf1e5b00288826c467274ce3ebbdd5c17b975e09d4af6c67cf10d087202db88286e2b79fceea3ec353ef54faa26e219f38"));
}

fn both_sides(tep: Tep, ska: &[u8], skb: &[u8], puba: &[u8], pubb: &[u8], es: &[u8]) {
    let a = KeyPair::new(tep, ska).unwrap();
    let b = KeyPair::new(tep, skb).unwrap();
    let mut buf = [0u8; 80];
    let n = a.public(&mut buf).unwrap();
    assert_eq!(&buf[..n], puba, "Pub_A on the wire");
    let n = b.public(&mut buf).unwrap();
    assert_eq!(&buf[..n], pubb, "Pub_B on the wire");
    let n = a.agree(pubb, &mut buf).unwrap();
    assert_eq!(&buf[..n], es, "ES at A");
    let n = b.agree(puba, &mut buf).unwrap();
    assert_eq!(&buf[..n], es, "ES at B");
}

/// RFC 7748 section 6.1 (X25519 Diffie-Hellman), through the TEP 0x23 path.
#[test]
fn x25519_rfc7748_6_1_key_agreement() {
    both_sides(
        Tep::X25519,
        &hex!("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"),
        &hex!("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"),
        &hex!("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
        &hex!("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"),
        &hex!("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"),
    );
}

/// RFC 7748 section 6.2 (X448 Diffie-Hellman), through the TEP 0x24 path.
#[test]
fn x448_rfc7748_6_2_key_agreement() {
    both_sides(
        Tep::X448,
        &hex!("9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b"),
        &hex!("1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d"),
        &hex!("9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0"),
        &hex!("3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609"),
        &hex!("07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d"),
    );
}

/// RFC 5903 section 8.1 (256-bit random ECP group).  On the wire (RFC 8548
/// section 5): u16be(35) | compressed point; gIy and gRy are odd, so 0x03.
#[test]
fn p256_rfc5903_8_1_key_agreement() {
    both_sides(
        Tep::P256,
        &hex!("C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433"),
        &hex!("C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53"),
        &hex!("0023 03 DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180"),
        &hex!("0023 03 D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63"),
        &hex!("D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE"),
    );
}

/// RFC 5903 section 8.3 (521-bit random ECP group); gIy and gRy are even.
#[test]
fn p521_rfc5903_8_3_key_agreement() {
    both_sides(
        Tep::P521,
        &hex!("0037ADE9319A89F4DABDB3EF411AACCCA5123C61ACAB57B5393DCE47608172A095AA85A30FE1C2952C6771D937BA9777F5957B2639BAB072462F68C27A57382D4A52"),
        &hex!("0145BA99A847AF43793FDD0E872E7CDFA16BE30FDC780F97BCCC3F078380201E9C677D600B343757A3BDBF2A3163E4C2F869CCA7458AA4A4EFFC311F5CB151685EB9"),
        &hex!("0045 02 0015417E84DBF28C0AD3C278713349DC7DF153C897A1891BD98BAB4357C9ECBEE1E3BF42E00B8E380AEAE57C2D107564941885942AF5A7F4601723C4195D176CED3E"),
        &hex!("0045 02 00D0B3975AC4B799F5BEA16D5E13E9AF971D5E9B984C9F39728B5E5739735A219B97C356436ADC6E95BB0352F6BE64A6C2912D4EF2D0433CED2B6171640012D9460F"),
        &hex!("01144C7D79AE6956BC8EDB8E7C787C4521CB086FA64407F97894E5E6B2D79B04D1427E73CA4BAA240A34786859810C06B3C715A3A8CC3151F2BEE417996D19F3DDEA"),
    );
}

fn rejects(tep: Tep, peer: &[u8]) {
    let mut sk = [0x11u8; 66];
    sk[0] = 0x01; // below n for both NIST curves
    let a = KeyPair::new(tep, &sk[..tep.privkey_len()]).unwrap();
    let mut es = [0xeeu8; 66];
    assert_eq!(
        a.agree(peer, &mut es),
        Err(Status::InvalidPublicKey),
        "{peer:02x?}"
    );
    assert!(es.iter().all(|b| *b == 0xee), "ES written on failure");
}

fn p256_x(prefix: u8, x: &[u8; 32]) -> [u8; 35] {
    let mut w = [0u8; 35];
    w[..3].copy_from_slice(&[0x00, 35, prefix]);
    w[3..].copy_from_slice(x);
    w
}

fn p521_x(prefix: u8, x: &[u8; 66]) -> [u8; 69] {
    let mut w = [0u8; 69];
    w[..3].copy_from_slice(&[0x00, 69, prefix]);
    w[3..].copy_from_slice(x);
    w
}

fn small(v: u8) -> [u8; 66] {
    let mut x = [0u8; 66];
    x[65] = v;
    x
}

/// IEEE 1363 A.16.10 as RFC 8548 section 5 requires: the encoding must be a
/// compressed point with the right length prefix, x must be a field element
/// (below p), and the point must lie on the curve.  Off-curve x values were
/// checked with pyca/cryptography (OpenSSL): for P-256 x = 1 and 2 have no
/// y, x = 5 has; for P-521 x = 3 and 5 have none, x = 1 has.
#[test]
fn p256_peer_key_validation_rejects() {
    let x5 = {
        let mut x = [0u8; 32];
        x[31] = 5;
        x
    };
    let good = p256_x(0x02, &x5);
    let sk = [0x11u8; 32];
    let a = KeyPair::new(Tep::P256, &sk).unwrap();
    let mut es = [0u8; 32];
    assert_eq!(
        a.agree(&good, &mut es),
        Ok(32),
        "control: x = 5 is on the curve"
    );

    let mut x1 = [0u8; 32];
    x1[31] = 1;
    rejects(Tep::P256, &p256_x(0x02, &x1)); // not on the curve
    rejects(Tep::P256, &p256_x(0x03, &x1));
    x1[31] = 2;
    rejects(Tep::P256, &p256_x(0x02, &x1));
    let p = hex!("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
    rejects(Tep::P256, &p256_x(0x02, &p)); // x = p is not a field element
    rejects(Tep::P256, &p256_x(0x03, &[0xff; 32]));
    rejects(Tep::P256, &p256_x(0x04, &x5)); // not the compressed form
    rejects(Tep::P256, &p256_x(0x00, &[0u8; 32])); // point at infinity
    rejects(Tep::P256, &p256_x(0x01, &x5));
    let mut bad_len = good;
    bad_len[1] = 33; // prefix must count itself (L = 35)
    rejects(Tep::P256, &bad_len);
    bad_len[0] = 0x01;
    bad_len[1] = 35;
    rejects(Tep::P256, &bad_len);
    rejects(Tep::P256, &good[..34]);
    rejects(Tep::P256, &[]);
    let mut long = [0u8; 36];
    long[..35].copy_from_slice(&good);
    rejects(Tep::P256, &long);
}

#[test]
fn p521_peer_key_validation_rejects() {
    let good = p521_x(0x02, &small(1));
    let sk = [0x11u8; 66];
    let a = KeyPair::new(Tep::P521, &sk);
    assert_eq!(a.err(), Some(Status::InvalidPrivateKey), "0x11.. exceeds n");
    let mut sk = [0x11u8; 66];
    sk[0] = 0x01;
    let a = KeyPair::new(Tep::P521, &sk).unwrap();
    let mut es = [0u8; 66];
    assert_eq!(
        a.agree(&good, &mut es),
        Ok(66),
        "control: x = 1 is on the curve"
    );

    rejects(Tep::P521, &p521_x(0x02, &small(3)));
    rejects(Tep::P521, &p521_x(0x03, &small(5)));
    let mut p = [0xffu8; 66];
    p[0] = 0x01;
    rejects(Tep::P521, &p521_x(0x02, &p)); // x = p
    rejects(Tep::P521, &p521_x(0x02, &[0xff; 66]));
    rejects(Tep::P521, &p521_x(0x04, &small(1)));
    rejects(Tep::P521, &p521_x(0x00, &[0u8; 66]));
    let mut bad_len = good;
    bad_len[1] = 67;
    rejects(Tep::P521, &bad_len);
    rejects(Tep::P521, &good[..68]);
}

/// RFC 7748 section 6 / RFC 8548 section 5: an all-zero shared secret is
/// refused.  Low-order u-coordinates (0, 1, p-1 and their non-canonical
/// forms) all produce it.
#[test]
fn x25519_all_zero_shared_secret_rejected() {
    let mut one = [0u8; 32];
    one[0] = 1;
    let p_minus_1 = hex!("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    let p = hex!("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    let p_plus_1 = hex!("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    for peer in [[0u8; 32], one, p_minus_1, p, p_plus_1] {
        rejects(Tep::X25519, &peer);
    }
    rejects(Tep::X25519, &[9u8; 31]);
    rejects(Tep::X25519, &[9u8; 33]);
}

#[test]
fn x448_all_zero_shared_secret_rejected() {
    let mut one = [0u8; 56];
    one[0] = 1;
    let mut p_minus_1 = [0xffu8; 56];
    p_minus_1[0] = 0xfe;
    p_minus_1[28] = 0xfe;
    for peer in [[0u8; 56], one, p_minus_1] {
        rejects(Tep::X448, &peer);
    }
    rejects(Tep::X448, &[5u8; 55]);
}

#[test]
fn private_key_length_and_range() {
    assert_eq!(
        KeyPair::new(Tep::X25519, &[1u8; 31]).err(),
        Some(Status::BadLength)
    );
    assert_eq!(
        KeyPair::new(Tep::X448, &[1u8; 57]).err(),
        Some(Status::BadLength)
    );
    assert_eq!(
        KeyPair::new(Tep::P256, &[0u8; 32]).err(),
        Some(Status::InvalidPrivateKey)
    );
    assert_eq!(
        KeyPair::new(Tep::P256, &[0xffu8; 32]).err(),
        Some(Status::InvalidPrivateKey)
    );
    assert_eq!(
        KeyPair::new(Tep::P521, &[0u8; 66]).err(),
        Some(Status::InvalidPrivateKey)
    );
    assert_eq!(
        KeyPair::new(Tep::P521, &[1u8; 65]).err(),
        Some(Status::BadLength)
    );
    assert_eq!(Tep::from_id(0x20), Err(Status::UnsupportedTep));
    assert_eq!(Tep::from_id(0xa3), Err(Status::UnsupportedTep));
}
