//! MD5 digests SQS returns: of bodies and of message (user/system) attributes.

use std::collections::BTreeMap;

use md5::{Digest, Md5};

use super::message_attributes::{decode_base64, MessageAttributeValue};

fn put_len_prefixed(buf: &mut Vec<u8>, bytes: &[u8]) {
    // AWS's algorithm uses a 4-byte big-endian length; attribute parts are far below 4 GiB.
    buf.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    buf.extend_from_slice(bytes);
}

/// Hex MD5 of message (user or system) attributes per AWS's algorithm: sorted by name;
/// per attribute: length-prefixed name, length-prefixed type, a transport byte
/// (1 string, 2 binary, 3 string list, 4 binary list) and the length-prefixed value(s).
/// `None` when there are no attributes (AWS then omits the MD5 member).
pub fn md5_of_message_attributes(
    attrs: &BTreeMap<String, MessageAttributeValue>,
) -> Option<String> {
    if attrs.is_empty() {
        return None;
    }
    let mut buf = Vec::new();
    for (name, v) in attrs {
        put_len_prefixed(&mut buf, name.as_bytes());
        put_len_prefixed(&mut buf, v.data_type.as_bytes());
        if let Some(s) = &v.string_value {
            buf.push(1);
            put_len_prefixed(&mut buf, s.as_bytes());
        } else if let Some(b) = &v.binary_value {
            buf.push(2);
            put_len_prefixed(&mut buf, &decode_base64(b).unwrap_or_default());
        } else if let Some(list) = v.string_list_values.as_ref().filter(|l| !l.is_empty()) {
            buf.push(3);
            for s in list {
                put_len_prefixed(&mut buf, s.as_bytes());
            }
        } else if let Some(list) = v.binary_list_values.as_ref().filter(|l| !l.is_empty()) {
            buf.push(4);
            for b in list {
                put_len_prefixed(&mut buf, &decode_base64(b).unwrap_or_default());
            }
        }
    }
    Some(hex_md5(&buf))
}

/// Hex MD5 of message system attributes (AWSTraceHeader): the same algorithm.
pub fn md5_of_message_system_attributes(
    attrs: &BTreeMap<String, MessageAttributeValue>,
) -> Option<String> {
    md5_of_message_attributes(attrs)
}

/// Lower-case hex MD5 of `bytes`.
pub fn hex_md5(bytes: &[u8]) -> String {
    to_hex(&Md5::digest(bytes))
}

/// A `String` from the ASCII bytes the hot path formats (MessageIds, digests, receipt
/// handles, sequence numbers from ASCII tables). `String::from_utf8` validates them —
/// one pass over a few dozen bytes, the same cost as the ASCII check it replaces — and
/// non-ASCII input is a bug that panics here rather than corrupting text.
pub(crate) fn ascii_string(bytes: Vec<u8>) -> String {
    debug_assert!(bytes.is_ascii(), "ascii_string needs ASCII bytes");
    String::from_utf8(bytes).expect("formatted ids are ASCII")
}

/// Lower-case hex digit pair of every byte value.
pub(crate) const HEX_PAIRS: [[u8; 2]; 256] = {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut t = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = [HEX[i >> 4], HEX[i & 0xf]];
        i += 1;
    }
    t
};

/// Lower-case hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    // Bytes first, one (cheap, ASCII) UTF-8 check at the end: `String::push` per char
    // costs several times more on the send path.
    let hex = |buf: &mut [u8]| {
        for (pair, b) in buf.chunks_exact_mut(2).zip(bytes) {
            pair.copy_from_slice(&HEX_PAIRS[*b as usize]);
        }
    };
    let v = if bytes.len() <= 16 {
        // Digests: format on the stack, then one exact-size allocation.
        let mut buf = [0u8; 32];
        hex(&mut buf);
        buf[..bytes.len() * 2].to_vec()
    } else {
        let mut v = vec![0u8; bytes.len() * 2];
        hex(&mut v);
        v
    };
    ascii_string(v)
}
