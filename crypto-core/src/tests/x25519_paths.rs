//! X25519 through the Edwards form (`x25519_edwards`, what `agree` uses)
//! against dalek's Montgomery ladder, the RFC 7748 reference algorithm: on
//! curve and twist points, every low-order point, u = -1, non-canonical
//! encodings and the ignored top bit.

use crate::x25519_edwards::{via_edwards, x25519};
use sha2::{Digest, Sha256};

fn ladder(k: &[u8; 32], u: [u8; 32]) -> [u8; 32] {
    x25519_dalek::x25519(*k, u)
}

/// Both ways against the ladder of x25519-dalek, whatever this CPU picks.
fn check(k: &[u8; 32], u: [u8; 32], what: &str) {
    let want = ladder(k, u);
    assert_eq!(via_edwards(k, u), want, "{what}: Edwards");
    assert_eq!(x25519(k, u), want, "{what}: as picked");
}

fn bytes32(label: &str, i: u32) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(label.as_bytes());
    h.update(i.to_be_bytes());
    h.finalize().into()
}

/// p = 2^255 - 19, little-endian, plus `add`.
fn p_plus(add: u8) -> [u8; 32] {
    let mut u = [0xffu8; 32];
    u[0] = 0xed;
    u[31] = 0x7f;
    let (lo, carry) = u[0].overflowing_add(add);
    u[0] = lo;
    assert!(!carry);
    u
}

#[test]
fn random_points_match_the_ladder() {
    // Random u: about half are on the twist (ladder path), half on the
    // curve (Edwards path); the top bit is random too.
    let mut edwards = 0;
    for i in 0..3000 {
        let k = bytes32("k", i);
        let u = bytes32("u", i);
        let point = curve25519_dalek::montgomery::MontgomeryPoint(u);
        if point.to_edwards(0).is_some() {
            edwards += 1;
        }
        check(&k, u, &std::format!("case {i}"));
    }
    assert!(
        (1200..1800).contains(&edwards),
        "{edwards} of 3000 on the curve"
    );
}

#[test]
fn special_points_match_the_ladder() {
    let mut specials: std::vec::Vec<[u8; 32]> = std::vec![
        [0u8; 32],
        {
            let mut u = [0u8; 32];
            u[0] = 1;
            u
        },
        // Points of order 8 (RFC 7748 / libsodium's list of small-order u).
        hex_literal::hex!("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
        hex_literal::hex!("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
        p_plus(0),           /* p = 0 */
        p_plus(1),           /* p + 1 = 1 */
        p_plus(0xff - 0xed), /* 2^255 - 1 */
        {
            let mut u = p_plus(0);
            u[0] -= 1; // p - 1 = -1: no Edwards image
            u
        },
    ];
    for u in specials.clone() {
        let mut top = u;
        top[31] |= 0x80; // RFC 7748: the top bit is ignored
        specials.push(top);
    }
    for u in &specials[2..4] {
        assert_eq!(ladder(&[0x55; 32], *u), [0u8; 32], "order 8");
    }
    for (i, u) in specials.iter().enumerate() {
        for j in 0..8 {
            let k = bytes32("special k", j);
            check(&k, *u, &std::format!("point {i} scalar {j}"));
        }
    }
}
