# SPDX-License-Identifier: BSD-2-Clause
#
# Copyright (c) 2026 The tcpinc for FreeBSD project
#
# tcpcrypt_ref: an independent implementation of tcpcrypt's cryptography
# (RFC 8548), written only against the RFC text and the Python
# `cryptography` package, used to generate the known-answer files that
# build/bin/tcpcrypt-kat checks crypto-core against.  It shares no code with
# crypto-core (Rust, RustCrypto): HKDF is built here from HMAC-SHA256 per
# RFC 5869, curves and AEADs come from OpenSSL through `cryptography`.
#
#   RFC 8548 3.1   Extract / CPRF (HKDF-Extract, HKDF-Expand with SHA-256)
#   RFC 8548 3.3   PRK, ss[i], mk[j], k_ab[j] / k_ba[j]
#   RFC 8548 3.4   session_id[i]
#   RFC 8548 3.5   resume[i], sn[i] = nonce_a | nonce_b
#   RFC 8548 3.6, 4.2  frames: AAD, frame ID, nonce, plaintext layout
#   RFC 8548 4.1   Init1 / Init2 encodings
#   RFC 8548 4.3   constants
#   RFC 8548 5     key agreement, public keys on the wire, validation
#   RFC 8547 4.8   the ENO negotiation transcript (A's option, then B's)

import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.asymmetric import ec, x448, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

# RFC 8548 4.3, Table 1.
CONST_NEXTK = 0x01
CONST_SESSID = 0x02
CONST_REKEY = 0x03
CONST_KEY_A = 0x04
CONST_KEY_B = 0x05
CONST_RESUME = 0x06
INIT1_MAGIC = 0x15101A0E
INIT2_MAGIC = 0x097105E0

# RFC 8548 5: the same lengths for every TEP of this document.
N_A_LEN = 32
N_B_LEN = 32
K_LEN = 32

# RFC 8548 7, Table 4.
TEP_P256 = 0x21
TEP_P521 = 0x22
TEP_X25519 = 0x23
TEP_X448 = 0x24
TEPS = (TEP_P256, TEP_P521, TEP_X25519, TEP_X448)
TEP_NAMES = {TEP_P256: "p256", TEP_P521: "p521", TEP_X25519: "x25519",
             TEP_X448: "x448"}
# RFC 8547 4.4: the v bit of a suboption byte.
ENO_V_BIT = 0x80

# RFC 8548 7, Table 5, and 6, Table 3: id -> (ae_key_len, ae_nonce_len).
AEAD_AES_128_GCM = 0x0001
AEAD_AES_256_GCM = 0x0002
AEAD_CHACHA20_POLY1305 = 0x0010
AEADS = {AEAD_AES_128_GCM: (16, 12), AEAD_AES_256_GCM: (32, 12),
         AEAD_CHACHA20_POLY1305: (32, 12)}
AEAD_NAMES = {AEAD_AES_128_GCM: "aes128gcm", AEAD_AES_256_GCM: "aes256gcm",
              AEAD_CHACHA20_POLY1305: "chacha20poly1305"}
AEAD_TAG_LEN = 16

# RFC 8548 4.2: flags bits, control bit; clen is 16 bits.
FLAG_FINP = 0x01
FLAG_URGP = 0x02
CONTROL_REKEY = 0x01
FRAME_HDR_LEN = 3
CLEN_MAX = 0xFFFF

ENO_KIND = 69


class InvalidPublicKey(Exception):
    """A peer public key failed RFC 8548 section 5 validation."""


class FrameError(Exception):
    """A frame failed to open (tag, length or layout)."""


# --- RFC 8548 3.1: Extract and CPRF, from HMAC-SHA256 per RFC 5869 ----------

def hmac_sha256(key, msg):
    h = hmac.HMAC(key, hashes.SHA256())
    h.update(msg)
    return h.finalize()


def extract(salt, ikm):
    """HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM) (RFC 5869 2.2)."""
    return hmac_sha256(salt, ikm)


def cprf(key, const, length):
    """HKDF-Expand(PRK, CONST, L): T(n) = HMAC(PRK, T(n-1) | CONST | n)."""
    if length > 255 * 32:
        raise ValueError("HKDF-Expand length too large")
    okm = b""
    t = b""
    n = 1
    while len(okm) < length:
        t = hmac_sha256(key, t + const + bytes([n]))
        okm += t
        n += 1
    return okm[:length]


# --- RFC 8548 3.3-3.5: the key schedule ----------------------------------

def prk(n_a, transcript, init1, init2, es):
    """PRK = Extract(N_A, eno_transcript | Init1 | Init2 | ES)."""
    return extract(n_a, transcript + init1 + init2 + es)


def ss_chain(prk_value, count):
    """ss[0] = PRK, ss[i] = CPRF(ss[i-1], CONST_NEXTK, K_LEN)."""
    out = [prk_value]
    while len(out) < count:
        out.append(cprf(out[-1], bytes([CONST_NEXTK]), K_LEN))
    return out


def mk_chain(ss_i, sn, count):
    """mk[0] = CPRF(ss[i], CONST_REKEY | sn[i]), mk[j] = CPRF(mk[j-1], CONST_REKEY)."""
    out = [cprf(ss_i, bytes([CONST_REKEY]) + sn, K_LEN)]
    while len(out) < count:
        out.append(cprf(out[-1], bytes([CONST_REKEY]), K_LEN))
    return out


def traffic_keys(mk_j, aead):
    """k_ab[j], k_ba[j]: ae_key_len + ae_nonce_len bytes each, K | NR."""
    key_len, nonce_len = AEADS[aead]
    return (cprf(mk_j, bytes([CONST_KEY_A]), key_len + nonce_len),
            cprf(mk_j, bytes([CONST_KEY_B]), key_len + nonce_len))


def session_id(tep_byte, ss_i, sn):
    """session_id[i] = TEP-byte | CPRF(ss[i], CONST_SESSID | sn[i], K_LEN)."""
    return bytes([tep_byte]) + cprf(ss_i, bytes([CONST_SESSID]) + sn, K_LEN)


def resume_id(ss_i):
    """resume[i] = CPRF(ss[i], CONST_RESUME, 18)."""
    return cprf(ss_i, bytes([CONST_RESUME]), 18)


# --- RFC 8548 5: key agreement ---------------------------------------------

NIST_CURVES = {TEP_P256: (ec.SECP256R1(), 32), TEP_P521: (ec.SECP521R1(), 66)}
RAW_KEY_LEN = {TEP_X25519: 32, TEP_X448: 56}


def pubkey_len(tep):
    """Length of Pub_A / Pub_B on the wire for this TEP."""
    if tep in NIST_CURVES:
        return 2 + 1 + NIST_CURVES[tep][1]
    return RAW_KEY_LEN[tep]


def privkey_len(tep):
    if tep in NIST_CURVES:
        return NIST_CURVES[tep][1]
    return RAW_KEY_LEN[tep]


def _private_key(tep, sk):
    if len(sk) != privkey_len(tep):
        raise ValueError("private key length")
    if tep == TEP_X25519:
        return x25519.X25519PrivateKey.from_private_bytes(sk)
    if tep == TEP_X448:
        return x448.X448PrivateKey.from_private_bytes(sk)
    curve, _ = NIST_CURVES[tep]
    # Big-endian scalar; cryptography rejects 0 and values >= n.
    return ec.derive_private_key(int.from_bytes(sk, "big"), curve)


def public_wire(tep, sk):
    """Pub on the wire: raw for X25519 / X448; u16be(L) | compressed point
    (IEEE 1363 E.2.3, compressed as section 5 requires) for P-256 / P-521."""
    key = _private_key(tep, sk)
    if tep in NIST_CURVES:
        point = key.public_key().public_bytes(Encoding.X962,
                                              PublicFormat.CompressedPoint)
        return struct.pack(">H", 2 + len(point)) + point
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def parse_public(tep, wire):
    """Validate a peer's Pub and return a cryptography public key, or raise
    InvalidPublicKey.  For NIST curves the length prefix must equal the whole
    length, the point must be compressed, and cryptography's X9.62 decoder
    does the IEEE 1363 A.16.10 checks (coordinates in [0, p-1], on the curve;
    a prime-order curve has no small subgroup)."""
    if len(wire) != pubkey_len(tep):
        raise InvalidPublicKey("length %d, TEP wants %d" %
                               (len(wire), pubkey_len(tep)))
    try:
        if tep == TEP_X25519:
            return x25519.X25519PublicKey.from_public_bytes(wire)
        if tep == TEP_X448:
            return x448.X448PublicKey.from_public_bytes(wire)
        curve, _ = NIST_CURVES[tep]
        if struct.unpack(">H", wire[:2])[0] != len(wire):
            raise InvalidPublicKey("length prefix")
        if wire[2] not in (0x02, 0x03):
            raise InvalidPublicKey("not a compressed point")
        return ec.EllipticCurvePublicKey.from_encoded_point(curve, wire[2:])
    except ValueError as e:
        raise InvalidPublicKey(str(e)) from e


def agree(tep, sk, peer_wire):
    """ES from our private scalar and the peer's Pub as on the wire.  ES is
    the x-coordinate (ECSVDP-DH) for NIST curves, the X25519 / X448 output
    otherwise; an all-zero X25519 / X448 output is rejected (RFC 7748 6)."""
    key = _private_key(tep, sk)
    peer = parse_public(tep, peer_wire)
    try:
        if tep in NIST_CURVES:
            es = key.exchange(ec.ECDH(), peer)
        else:
            es = key.exchange(peer)
    except ValueError as e:
        # OpenSSL refuses an all-zero X25519 / X448 result itself.
        raise InvalidPublicKey(str(e)) from e
    if tep not in NIST_CURVES and es == bytes(len(es)):
        raise InvalidPublicKey("all-zero shared secret")
    return es


# --- RFC 8548 4.1: key-exchange messages -----------------------------------

def init1(ciphers, n_a, pub_a, ignored=b""):
    """INIT1_MAGIC | message_len | nciphers | sym_cipher[] | N_A | Pub_A | ignored."""
    body = bytes([len(ciphers)]) + b"".join(struct.pack(">H", c)
                                           for c in ciphers)
    body += n_a + pub_a + ignored
    return struct.pack(">II", INIT1_MAGIC, 8 + len(body)) + body


def init2(cipher, n_b, pub_b, ignored=b""):
    """INIT2_MAGIC | message_len | sym_cipher | N_B | Pub_B | ignored."""
    body = struct.pack(">H", cipher) + n_b + pub_b + ignored
    return struct.pack(">II", INIT2_MAGIC, 8 + len(body)) + body


def eno_option(contents):
    """An ENO TCP option as sent: kind 69, length, contents (RFC 8547 4.1)."""
    return bytes([ENO_KIND, 2 + len(contents)]) + contents


def eno_transcript(option_a, option_b):
    """RFC 8547 4.8: A's SYN-form ENO option, then B's, kind and length included."""
    return option_a + option_b


# --- RFC 8548 3.6, 4.2: frames ----------------------------------------------

def _aead(aead, key):
    if aead == AEAD_CHACHA20_POLY1305:
        return ChaCha20Poly1305(key)
    return AESGCM(key)


def frame_nonce(nr, offset):
    """N = frame_ID XOR NR, frame_ID = zeros | u64be(offset) (4.2.3)."""
    frame_id = bytes(len(nr) - 8) + struct.pack(">Q", offset)
    return bytes(a ^ b for a, b in zip(frame_id, nr))


def plaintext(flags, urgent, data):
    """flags | [u16be urgent when URGp] | data (4.2.1)."""
    if flags & FLAG_URGP:
        return bytes([flags]) + struct.pack(">H", urgent) + data
    return bytes([flags]) + data


def seal(aead, traffic_key, offset, control, flags, urgent, data):
    """control | u16be clen | AEAD(K, N, plaintext, AAD = control | clen)."""
    key_len, _ = AEADS[aead]
    k, nr = traffic_key[:key_len], traffic_key[key_len:]
    pt = plaintext(flags, urgent, data)
    clen = len(pt) + AEAD_TAG_LEN
    if clen > CLEN_MAX:
        raise ValueError("ciphertext must be shorter than 2^16 bytes")
    aad = bytes([control]) + struct.pack(">H", clen)
    return aad + _aead(aead, k).encrypt(frame_nonce(nr, offset), pt, aad)


def open_frame(aead, traffic_key, offset, wire):
    """Open exactly one frame; return (control, flags, urgent, data)."""
    key_len, _ = AEADS[aead]
    k, nr = traffic_key[:key_len], traffic_key[key_len:]
    if len(wire) < FRAME_HDR_LEN + AEAD_TAG_LEN:
        raise FrameError("short frame")
    clen = struct.unpack(">H", wire[1:3])[0]
    if clen != len(wire) - FRAME_HDR_LEN:
        raise FrameError("clen does not match the frame")
    try:
        pt = _aead(aead, k).decrypt(frame_nonce(nr, offset), wire[3:],
                                    wire[:3])
    except InvalidTag as e:
        raise FrameError("authentication failed") from e
    if len(pt) < 1:
        raise FrameError("no flags byte")
    flags = pt[0]
    if flags & FLAG_URGP:
        if len(pt) < 3:
            raise FrameError("URGp without urgent field")
        return wire[0], flags, struct.unpack(">H", pt[1:3])[0], pt[3:]
    return wire[0], flags, None, pt[1:]
