//! Frame layout and failure behaviour (RFC 8548 3.6, 4.2).

use crate::frame::{self, AeadId, FrameKey, CONTROL_REKEY, FLAG_FINP, FLAG_URGP, TAG_LEN};
use crate::status::Status;
use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::Aes256Gcm;
use std::vec;
use std::vec::Vec;

const ALL: [AeadId; 3] = [
    AeadId::Aes128Gcm,
    AeadId::Aes256Gcm,
    AeadId::ChaCha20Poly1305,
];

fn key(id: AeadId, seed: u8) -> (FrameKey, Vec<u8>) {
    let tk: Vec<u8> = (0..id.traffic_key_len())
        .map(|i| seed.wrapping_add((i as u8).wrapping_mul(13)))
        .collect();
    (FrameKey::new(id, &tk).unwrap(), tk)
}

fn sealed(fk: &FrameKey, offset: u64, flags: u8, urgent: u16, data: &[u8]) -> Vec<u8> {
    let off = frame::data_offset(flags);
    let mut buf = vec![0u8; off + data.len() + TAG_LEN];
    buf[off..off + data.len()].copy_from_slice(data);
    let n = fk
        .seal(offset, 0, flags, urgent, &mut buf, data.len())
        .unwrap();
    assert_eq!(n, buf.len());
    buf
}

/// control | u16be clen | ciphertext, AAD = control | clen, nonce =
/// (0^4 | u64be offset) XOR NR, plaintext = flags | urgent | data: decrypt
/// a sealed frame with the bare AEAD, building AAD and nonce by hand.
#[test]
fn frame_layout_matches_rfc8548_4_2() {
    let (fk, tk) = key(AeadId::Aes256Gcm, 7);
    let offset = 0x0102_0304_0506_0708u64;
    let data = b"urgent data here";
    let off = frame::data_offset(FLAG_URGP);
    assert_eq!(off, 6);
    let mut buf = vec![0u8; 64];
    buf[off..off + data.len()].copy_from_slice(data);
    let n = fk
        .seal(
            offset,
            CONTROL_REKEY,
            FLAG_URGP,
            0x1234,
            &mut buf,
            data.len(),
        )
        .unwrap();
    let clen = 1 + 2 + data.len() + TAG_LEN;
    assert_eq!(n, 3 + clen);
    assert_eq!(buf[0], CONTROL_REKEY);
    assert_eq!(u16::from_be_bytes([buf[1], buf[2]]) as usize, clen);

    let mut nonce = [0u8; 12];
    nonce.copy_from_slice(&tk[32..]);
    for (i, b) in offset.to_be_bytes().iter().enumerate() {
        nonce[4 + i] ^= b;
    }
    let aead = Aes256Gcm::new_from_slice(&tk[..32]).unwrap();
    let (aad, rest) = buf[..n].split_at_mut(3);
    let (ct, tag) = rest.split_at_mut(clen - TAG_LEN);
    let tag: [u8; 16] = (&*tag).try_into().unwrap();
    aead.decrypt_inout_detached(&nonce.into(), aad, ct.into(), &tag.into())
        .unwrap();
    assert_eq!(ct[0], FLAG_URGP);
    assert_eq!(&ct[1..3], &[0x12, 0x34]);
    assert_eq!(&ct[3..], data);
}

/// Every single-bit change anywhere in the frame makes open fail; header
/// and tag stay as given and no plaintext is left (see
/// `assert_failed_open_left`); a frame refused as malformed is untouched.
#[test]
fn flipped_bit_fails_and_leaves_no_plaintext() {
    for id in ALL {
        let (fk, _) = key(id, 1);
        let wire = sealed(&fk, 77, FLAG_FINP, 0, b"some bytes of data");
        for bit in 0..wire.len() * 8 {
            let mut buf = wire.clone();
            buf[bit / 8] ^= 1 << (bit % 8);
            let tampered = buf.clone();
            let r = fk.open(77, &mut buf);
            match r {
                Err(Status::AuthFailed) => {
                    let end = buf.len() - TAG_LEN;
                    assert_eq!(buf[..3], tampered[..3], "{id:?} bit {bit}: header");
                    assert_eq!(buf[end..], tampered[end..], "{id:?} bit {bit}: tag");
                    let what = std::format!("{id:?} bit {bit}");
                    super::assert_failed_open_left(&buf[3..end], &tampered[3..end], &what);
                }
                Err(Status::MalformedFrame) => {
                    assert_eq!(buf, tampered, "{id:?} bit {bit}: buffer changed")
                }
                _ => panic!("{id:?} bit {bit}: {r:?}"),
            }
        }
        let mut buf = wire.clone();
        let last = buf.len() - 1;
        buf[last] ^= 0x01; // in the tag
        assert_eq!(fk.open(77, &mut buf), Err(Status::AuthFailed));
        let mut buf = wire.clone();
        assert_eq!(
            fk.open(78, &mut buf),
            Err(Status::AuthFailed),
            "wrong offset"
        );
        let end = wire.len() - TAG_LEN;
        super::assert_failed_open_left(&buf[3..end], &wire[3..end], "wrong offset");
        let mut buf = wire.clone();
        let (other, _) = key(id, 2);
        assert_eq!(
            other.open(77, &mut buf),
            Err(Status::AuthFailed),
            "wrong key"
        );
        let mut buf = wire.clone();
        assert_eq!(fk.open(77, &mut buf).unwrap().data_len, 18);
    }
}

#[test]
fn empty_and_maximal_frames() {
    for id in ALL {
        let (fk, _) = key(id, 3);
        let mut w = sealed(&fk, 0, FLAG_FINP, 0, &[]);
        assert_eq!(w.len(), 3 + 1 + TAG_LEN);
        let o = fk.open(0, &mut w).unwrap();
        assert_eq!((o.flags, o.data_off, o.data_len), (FLAG_FINP, 4, 0));

        // clen = 1 + data + 16 <= 65535.
        let big = vec![0xa5u8; 65518];
        let mut w = sealed(&fk, u64::MAX, 0, 0, &big);
        assert_eq!(w.len(), 3 + 65535);
        let o = fk.open(u64::MAX, &mut w).unwrap();
        assert_eq!(&w[o.data_off..o.data_off + o.data_len], &big[..]);
        let mut buf = vec![0u8; 70000];
        assert_eq!(
            fk.seal(0, 0, 0, 0, &mut buf, 65519),
            Err(Status::FrameTooLong)
        );
        // With URGp the urgent field takes two of those bytes.
        let mut w = sealed(&fk, 5, FLAG_URGP, 65535, &big[..65516]);
        let o = fk.open(5, &mut w).unwrap();
        assert_eq!((o.urgent, o.data_len), (65535, 65516));
        assert_eq!(
            fk.seal(0, 0, FLAG_URGP, 0, &mut buf, 65517),
            Err(Status::FrameTooLong)
        );
        assert_eq!(
            fk.seal(0, 0, 0, 0, &mut buf, usize::MAX),
            Err(Status::FrameTooLong)
        );
    }
}

#[test]
fn seal_refusals() {
    let (fk, _) = key(AeadId::Aes128Gcm, 4);
    let mut buf = [0u8; 40];
    assert_eq!(
        fk.seal(0, 0, 0, 0, &mut buf, 21),
        Err(Status::BufferTooSmall)
    );
    assert_eq!(fk.seal(0, 0, 0, 0, &mut buf.clone(), 20), Ok(40));
    assert_eq!(
        fk.seal(0, 0, 0, 0, &mut buf[..19], 0),
        Err(Status::BufferTooSmall)
    );
    assert_eq!(
        fk.seal(0, 0x02, 0, 0, &mut buf, 0),
        Err(Status::ReservedBits)
    );
    assert_eq!(
        fk.seal(0, 0x80, 0, 0, &mut buf, 0),
        Err(Status::ReservedBits)
    );
    assert_eq!(
        fk.seal(0, 0, 0x04, 0, &mut buf, 0),
        Err(Status::ReservedBits)
    );
    assert_eq!(
        fk.seal(0, 0, 0x80, 0, &mut buf, 0),
        Err(Status::ReservedBits)
    );
    assert_eq!(buf, [0u8; 40], "refused seal wrote nothing");
    assert!(FrameKey::new(AeadId::Aes128Gcm, &[0u8; 27]).is_err());
    assert!(FrameKey::new(AeadId::Aes128Gcm, &[0u8; 44]).is_err());
    assert!(FrameKey::new(AeadId::ChaCha20Poly1305, &[0u8; 44]).is_ok());
    assert_eq!(
        AeadId::from_u16(0x0003).err(),
        Some(Status::UnsupportedAead)
    );
}

#[test]
fn open_structure_checks() {
    let (fk, _) = key(AeadId::ChaCha20Poly1305, 5);
    let wire = sealed(&fk, 9, 0, 0, b"abc");
    // Not exactly one frame: shorter, longer, header only, nothing.
    for len in [0usize, 1, 2, 3, wire.len() - 1] {
        let mut b = wire[..len].to_vec();
        let r = fk.open(9, &mut b);
        assert!(
            matches!(r, Err(Status::MalformedFrame) | Err(Status::BadLength)),
            "{len}: {r:?}"
        );
    }
    let mut longer = wire.clone();
    longer.push(0);
    assert_eq!(fk.open(9, &mut longer), Err(Status::MalformedFrame));
    // clen below tag + flags can never authenticate.
    assert_eq!(frame::frame_len(&[0, 0, 16]), Err(Status::MalformedFrame));
    assert_eq!(frame::frame_len(&[0, 0, 17]), Ok(20));
    assert_eq!(frame::frame_len(&[0, 0xff, 0xff, 9]), Ok(65538));
    assert_eq!(frame::frame_len(&[0, 0]), Err(Status::BadLength));
}

/// A frame that authenticates but whose plaintext says URGp without room
/// for the urgent field is malformed, and its plaintext is wiped.
#[test]
fn authentic_but_malformed_plaintext_is_wiped() {
    let (fk, _) = key(AeadId::Aes128Gcm, 6);
    for pt in [vec![FLAG_URGP], vec![FLAG_URGP | FLAG_FINP, 0x01]] {
        let clen = pt.len() + TAG_LEN;
        let mut buf = vec![0u8, 0, clen as u8];
        let mut body = pt.clone();
        let tag = fk.seal_raw(3, &buf.clone(), &mut body).unwrap();
        buf.extend_from_slice(&body);
        buf.extend_from_slice(&tag);
        assert_eq!(fk.open(3, &mut buf), Err(Status::MalformedFrame));
        assert!(
            buf[3..3 + pt.len()].iter().all(|b| *b == 0),
            "plaintext left: {buf:02x?}"
        );
    }
}

/// Receivers ignore reserved bits (RFC 8548 4.2, 4.2.1): open accepts them
/// and reports the bytes as received.
#[test]
fn reserved_bits_from_peer_are_reported_not_refused() {
    let (fk, _) = key(AeadId::Aes256Gcm, 8);
    let pt = [0xfcu8 | FLAG_FINP, b'x'];
    let clen = pt.len() + TAG_LEN;
    let mut buf = vec![0xffu8, 0, clen as u8];
    let mut body = pt.to_vec();
    let tag = fk.seal_raw(0, &buf.clone(), &mut body).unwrap();
    buf.extend_from_slice(&body);
    buf.extend_from_slice(&tag);
    let o = fk.open(0, &mut buf).unwrap();
    assert_eq!(
        (o.control, o.flags, o.urgent, o.data_len),
        (0xff, 0xfd, 0, 1)
    );
    assert_eq!(buf[o.data_off], b'x');
}
