//! The X25519 function of RFC 7748, computed on the Edwards form of the
//! curve when the CPU has AVX2: curve25519-dalek has AVX2 code for Edwards
//! scalar multiplication (picked by CPUID at run time) and none for its
//! Montgomery ladder.  Same result, about 1.4 times faster (BENCHMARKS.md).
//! Without AVX2, or when dalek is built serial (the soft kernel route), the
//! ladder is faster and is used.
//!
//! Why the result is the same: u -> y = (u - 1) / (u + 1) maps the peer's
//! point P to an Edwards point; of the two x that fit, either works, since
//! u(-Q) = u(Q).  The clamped scalar is a multiple of the cofactor 8, so
//! the low-order part of P vanishes on both curves alike, and dalek's
//! `mul_clamped` multiplies by exactly the clamped integer X25519 uses.
//! Points with no Edwards image (u = -1, or u on the quadratic twist, which
//! only a broken or hostile peer sends) take the ladder instead.  The
//! choice depends only on the CPU and the public u.  Tests compare both
//! ways on curve and twist points, low-order points and non-canonical
//! encodings.

use curve25519_dalek::montgomery::MontgomeryPoint;

cpufeatures::new!(cpu_avx2, "avx2");

/// X25519(k, u) (RFC 7748 section 5): k is clamped, u's top bit ignored.
pub(crate) fn x25519(k: &[u8; 32], u: [u8; 32]) -> [u8; 32] {
    if !cfg!(curve25519_dalek_backend = "serial") && cpu_avx2::get() {
        via_edwards(k, u)
    } else {
        via_ladder(k, u)
    }
}

/// The Edwards way (falls back to the ladder for points it cannot map).
pub(crate) fn via_edwards(k: &[u8; 32], u: [u8; 32]) -> [u8; 32] {
    let point = MontgomeryPoint(u);
    match point.to_edwards(0) {
        Some(e) => e.mul_clamped(*k).to_montgomery().to_bytes(),
        None => point.mul_clamped(*k).to_bytes(),
    }
}

/// The Montgomery ladder (RFC 7748 section 5).
pub(crate) fn via_ladder(k: &[u8; 32], u: [u8; 32]) -> [u8; 32] {
    MontgomeryPoint(u).mul_clamped(*k).to_bytes()
}
