//! Fuzz target: frames from the network (RFC 8548 3.6, 4.2), through the C
//! ABI.  Byte 0 picks the AEAD and the use of the frame offset; the rest is
//! one frame as received.  Checked: frame_header and frame_open agree on
//! what is one whole frame; a failed open leaves no plaintext, only what
//! the backend promises (`check_failed_open`); a successful open reports
//! data inside the frame.  Then the same bytes are sealed as data and must
//! open back to themselves (round trip).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tcpcrypt_core::ffi::*;
use tcpcrypt_core::frame::BACKEND;
use tcpcrypt_core::Status;

const AEADS: [u16; 3] = [0x0001, 0x0002, 0x0010];

/// What a failed tcpcrypt_core_frame_open may leave (its doc in ffi.rs):
/// header and tag as received, and no plaintext.  After AUTH_FAILED the
/// ciphertext is all zeros with the asm backend (ring decrypts before it
/// checks the tag, then wipes) and as received with the soft one (tag
/// checked first); a MALFORMED_FRAME found after decryption is wiped too.
fn check_failed_open(os: Status, frame: &[u8], buf: &[u8]) {
    // Shorter than header + tag: nothing was decrypted, nothing may change.
    let Some(ct_end) = frame.len().checked_sub(16).filter(|e| *e >= 3) else {
        assert_eq!(buf, frame, "failed open changed a short buffer");
        return;
    };
    assert_eq!(buf[..3], frame[..3], "failed open changed the header");
    assert_eq!(
        buf[ct_end..],
        frame[ct_end..],
        "failed open changed the tag"
    );
    let (ct_in, ct_out) = (&frame[3..ct_end], &buf[3..ct_end]);
    let zeroed = ct_out.iter().all(|b| *b == 0);
    match os {
        Status::AuthFailed if BACKEND == "asm" => assert!(zeroed, "ciphertext not wiped"),
        Status::AuthFailed | Status::BadLength => assert_eq!(ct_out, ct_in, "buffer changed"),
        _ => assert!(zeroed || ct_out == ct_in, "malformed open left plaintext"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((sel, frame)) = data.split_first() else {
        return;
    };
    let aead_id = AEADS[usize::from(*sel & 3) % AEADS.len()];
    let offset = u64::from(*sel >> 2).wrapping_mul(0x0123_4567_89ab_cdef);
    let key = [0x42u8; 44];
    let mut klen = 0usize;
    let mut st = core::mem::MaybeUninit::<TcpcryptCoreAead>::zeroed();
    let aead = st.as_mut_ptr();
    // SAFETY: every pointer is valid for the length given.
    unsafe {
        assert_eq!(
            tcpcrypt_core_traffic_key_len(aead_id, &mut klen),
            Status::Ok
        );
        assert_eq!(
            tcpcrypt_core_aead_init_key(aead, aead_id, key.as_ptr(), klen),
            Status::Ok
        );

        let mut hdr_len = 0usize;
        let hs = tcpcrypt_core_frame_header(frame.as_ptr(), frame.len(), &mut hdr_len);
        let mut buf = frame.to_vec();
        let (mut c, mut f, mut u, mut off, mut len) = (0u8, 0u8, 0u16, 0usize, 0usize);
        let os = tcpcrypt_core_frame_open(
            aead,
            offset,
            buf.as_mut_ptr(),
            buf.len(),
            &mut c,
            &mut f,
            &mut u,
            &mut off,
            &mut len,
        );
        match os {
            Status::Ok => {
                assert_eq!(hs, Status::Ok);
                assert_eq!(hdr_len, frame.len());
                assert!(off + len + 16 == buf.len(), "data not where the frame says");
            }
            Status::AuthFailed | Status::MalformedFrame | Status::BadLength => {
                check_failed_open(os, frame, &buf);
            }
            other => panic!("unexpected status {other:?}"),
        }

        // Round trip: the input as application data, FINp|URGp set.
        let n = frame.len().min(TCPCRYPT_CORE_FRAME_DATA_MAX);
        let mut doff = 0usize;
        assert_eq!(tcpcrypt_core_frame_data_offset(0x03, &mut doff), Status::Ok);
        let mut sbuf = vec![0u8; doff + n + 16];
        sbuf[doff..doff + n].copy_from_slice(&frame[..n]);
        let mut flen = 0usize;
        assert_eq!(
            tcpcrypt_core_frame_seal(
                aead,
                offset,
                1,
                0x03,
                0xbeef,
                sbuf.as_mut_ptr(),
                sbuf.len(),
                n,
                &mut flen
            ),
            Status::Ok
        );
        assert_eq!(
            tcpcrypt_core_frame_open(
                aead,
                offset,
                sbuf.as_mut_ptr(),
                flen,
                &mut c,
                &mut f,
                &mut u,
                &mut off,
                &mut len
            ),
            Status::Ok
        );
        assert_eq!((c, f, u, off, len), (1, 0x03, 0xbeef, doff, n));
        assert_eq!(&sbuf[off..off + len], &frame[..n]);
        assert_eq!(tcpcrypt_core_aead_reset(aead), Status::Ok);
    }
});
