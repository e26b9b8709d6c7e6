//! Fuzz target: X25519 as crypto-core computes it (on the Edwards form when
//! the CPU has AVX2, src/x25519_edwards.rs) against x25519-dalek's plain
//! Montgomery ladder.  Input: exactly 64 bytes, k = first 32, u = last 32;
//! any other length is skipped.  Checked: both give the same 32 bytes for
//! every k and u, including twist points, low-order points and u >= p.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        // Without AVX2 both sides run the ladder and the target proves
        // nothing; say so in the log rather than pass silently.
        #[cfg(target_arch = "x86_64")]
        if !std::is_x86_feature_detected!("avx2") {
            eprintln!("fuzz_x25519_paths: no AVX2, comparing the ladder with itself");
        }
    },
    |data: &[u8]| {
        let Some((k, u)) = data.split_first_chunk::<32>() else {
            return;
        };
        let Ok(u) = <[u8; 32]>::try_from(u) else {
            return;
        };
        assert_eq!(
            tcpcrypt_core::kx::x25519_raw(*k, u),
            x25519_dalek::x25519(*k, u),
            "Edwards path differs from the ladder"
        );
    }
);
