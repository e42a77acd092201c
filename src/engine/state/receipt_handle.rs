//! Receipt handles: opaque to clients, but they name the message's slot directly so
//! Delete/ChangeMessageVisibility are O(1). Layout (before base64): queue incarnation
//! (u32), slot (u32), message seq (u64), receive nonce (u32), 16 random bytes. A handle
//! whose nonce is older than the message's current one was superseded by a newer receive.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::engine::sim::rng::SimRng;
use crate::engine::SqsError;

const PREFIX: &str = "AQEB";
const RAW_LEN: usize = 36;

/// Decoded receipt handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Handle {
    pub incarnation: u32,
    pub slot: u32,
    pub seq: u64,
    pub nonce: u32,
}

/// Encodes a fresh handle (random tail from the engine RNG).
pub(crate) fn encode(h: Handle, rng: &mut SimRng) -> String {
    let mut raw = [0u8; RAW_LEN];
    raw[0..4].copy_from_slice(&h.incarnation.to_be_bytes());
    raw[4..8].copy_from_slice(&h.slot.to_be_bytes());
    raw[8..16].copy_from_slice(&h.seq.to_be_bytes());
    raw[16..20].copy_from_slice(&h.nonce.to_be_bytes());
    rng.fill(&mut raw[20..]);
    // Standard base64 without padding (36 bytes = 48 characters), table-driven.
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = [0u8; PREFIX.len() + RAW_LEN / 3 * 4];
    out[..PREFIX.len()].copy_from_slice(PREFIX.as_bytes());
    for (quad, tri) in out[PREFIX.len()..]
        .chunks_exact_mut(4)
        .zip(raw.chunks_exact(3))
    {
        let n = (tri[0] as u32) << 16 | (tri[1] as u32) << 8 | tri[2] as u32;
        for (i, c) in quad.iter_mut().enumerate() {
            *c = ALPHABET[(n >> (18 - 6 * i) & 63) as usize];
        }
    }
    crate::engine::rules::digest::ascii_string(out.to_vec())
}

/// Decodes a handle, or `ReceiptHandleIsInvalid` with AWS's message.
pub(crate) fn decode(text: &str) -> Result<Handle, SqsError> {
    let bad = || SqsError::receipt_handle_is_invalid(text);
    let body = text.strip_prefix(PREFIX).ok_or_else(bad)?;
    let mut raw = [0u8; RAW_LEN];
    if !decode_exact(body.as_bytes(), &mut raw) {
        // Slow path only to classify odd input exactly as the base64 crate does.
        let n = STANDARD
            .decode_slice(body.as_bytes(), &mut raw)
            .map_err(|_| bad())?;
        if n != RAW_LEN {
            return Err(bad());
        }
    }
    let u32_at = |i: usize| u32::from_be_bytes(raw[i..i + 4].try_into().expect("4 bytes"));
    Ok(Handle {
        incarnation: u32_at(0),
        slot: u32_at(4),
        seq: u64::from_be_bytes(raw[8..16].try_into().expect("8 bytes")),
        nonce: u32_at(16),
    })
}

/// Flag set in [`DECODE`] entries of bytes outside the standard alphabet (valid entries
/// use only the low 24 bits).
const INVALID: u32 = 1 << 31;

/// Per position in a 4-character group: each byte's 6-bit value already shifted into
/// place (18, 12, 6, 0), or [`INVALID`].
const DECODE: [[u32; 256]; 4] = {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut t = [[INVALID; 256]; 4];
    let mut i = 0;
    while i < 64 {
        let mut pos = 0;
        while pos < 4 {
            t[pos][alphabet[i] as usize] = (i as u32) << (18 - 6 * pos);
            pos += 1;
        }
        i += 1;
    }
    t
};

/// Decodes exactly `RAW_LEN` bytes from exactly 48 standard-alphabet characters (no
/// padding is needed for 36 bytes); false for anything else. Equivalent to the base64
/// crate's result on such input, without its general-purpose overhead.
fn decode_exact(text: &[u8], raw: &mut [u8; RAW_LEN]) -> bool {
    if text.len() != RAW_LEN / 3 * 4 {
        return false;
    }
    let mut all = 0u32;
    for (quad, out) in text.chunks_exact(4).zip(raw.chunks_exact_mut(3)) {
        let n = DECODE[0][quad[0] as usize]
            | DECODE[1][quad[1] as usize]
            | DECODE[2][quad[2] as usize]
            | DECODE[3][quad[3] as usize];
        all |= n;
        out.copy_from_slice(&n.to_be_bytes()[1..]);
    }
    all & INVALID == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_garbage() {
        let mut rng = SimRng::new(1);
        let h = Handle {
            incarnation: 3,
            slot: 7,
            seq: 99,
            nonce: 2,
        };
        let s = encode(h, &mut rng);
        assert_eq!(decode(&s).unwrap(), h);
        let e = decode("garbage").unwrap_err();
        assert_eq!(e.code, "ReceiptHandleIsInvalid");
        assert_eq!(
            e.message,
            "The input receipt handle \"garbage\" is not a valid receipt handle."
        );
        assert!(decode("AQEB!!!!").is_err());
        // The fast decoder agrees with the base64 crate on valid and corrupted handles.
        for i in 0..200u32 {
            let h = Handle {
                incarnation: i,
                slot: i * 7,
                seq: u64::from(i) << 33,
                nonce: !i,
            };
            let s = encode(h, &mut rng);
            let body = &s[PREFIX.len()..];
            let mut again = [0u8; RAW_LEN];
            STANDARD.decode_slice(body, &mut again).unwrap();
            assert_eq!(STANDARD.encode(again), body, "encoder matches the crate");
            let mut fast = [0u8; RAW_LEN];
            assert!(decode_exact(body.as_bytes(), &mut fast));
            assert_eq!(STANDARD.decode(body).unwrap(), fast.to_vec());
            assert_eq!(decode(&s).unwrap(), h);
            let mut bytes = s.into_bytes();
            bytes[4 + (i as usize % 48)] = b"!=-_."[i as usize % 5];
            let bad = String::from_utf8(bytes).unwrap();
            assert!(decode(&bad).is_err(), "{bad}");
        }
        assert!(decode("AQEBAAAA").is_err());
    }
}
