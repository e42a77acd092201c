//! Receipt handles: opaque to clients, but they name the message's slot directly so
//! Delete/ChangeMessageVisibility are O(1). Layout (before base64): queue incarnation
//! (u32), slot (u32), message seq (u64), receive nonce (u32), 16 random bytes. A handle
//! whose nonce is older than the message's current one was superseded by a newer receive.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use super::rng::SimRng;
use super::SqsError;

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
    let mut s = String::with_capacity(PREFIX.len() + 48);
    s.push_str(PREFIX);
    STANDARD.encode_string(raw, &mut s);
    s
}

/// Decodes a handle, or `ReceiptHandleIsInvalid` with AWS's message.
pub(crate) fn decode(text: &str) -> Result<Handle, SqsError> {
    let bad = || SqsError::receipt_handle_is_invalid(text);
    let body = text.strip_prefix(PREFIX).ok_or_else(bad)?;
    let mut raw = [0u8; RAW_LEN];
    let n = STANDARD
        .decode_slice(body.as_bytes(), &mut raw)
        .map_err(|_| bad())?;
    if n != RAW_LEN {
        return Err(bad());
    }
    let u32_at = |i: usize| u32::from_be_bytes(raw[i..i + 4].try_into().expect("4 bytes"));
    Ok(Handle {
        incarnation: u32_at(0),
        slot: u32_at(4),
        seq: u64::from_be_bytes(raw[8..16].try_into().expect("8 bytes")),
        nonce: u32_at(16),
    })
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
        assert!(decode("AQEBAAAA").is_err());
    }
}
