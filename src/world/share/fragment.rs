//! The link fragment: a [`RunDocument`] as `run=v1.` + base64url of its zlib-compressed
//! JSON ([`encode_fragment`] / [`decode_fragment`]), and how long a link may be
//! ([`fits_in_link`]).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use super::document::RunDocument;
use super::error::{damaged, ShareError};

/// What every run fragment starts with (after the `#`): the UI only tries
/// [`decode_fragment`] on fragments that start with it (see [`is_run_fragment`]).
pub const FRAGMENT_KEY: &str = "run=";

/// Version of the fragment encoding (JSON → zlib → base64url) this build writes and reads.
pub const FRAGMENT_VERSION: u32 = 1;

/// The longest whole URL (origin, path, query and `#run=…` fragment) the playground
/// offers as a link: 8,000 characters, the minimum URI length RFC 9110 §4.1 recommends
/// every sender and recipient support. Browsers take far longer URLs, but links also
/// travel through chat apps, mail clients, issue trackers and proxies; beyond this the
/// UI offers the scenario as a download instead.
pub const MAX_LINK_CHARS: usize = 8_000;

/// Largest decompressed document [`decode_fragment`] accepts (64 MiB, far beyond any
/// real run): a small, hand-made stream cannot make it allocate more.
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// The fragment for `doc` (without the `#`): `run=v1.` then the base64url (no padding)
/// of the zlib-compressed JSON. Deterministic: the same run gives the same text.
pub fn encode_fragment(doc: &RunDocument) -> String {
    let json = doc.to_json();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
    format!(
        "{FRAGMENT_KEY}v{FRAGMENT_VERSION}.{}",
        URL_SAFE_NO_PAD.encode(packed)
    )
}

/// The part after the `#` when `text` is a URL or starts with `#`, else `text` itself.
fn fragment_of(text: &str) -> &str {
    let t = text.trim();
    match t.find('#') {
        Some(i) => &t[i + 1..],
        None => t,
    }
}

/// True when `fragment` (with or without its `#`, or a whole URL) is meant to be a run
/// link, i.e. worth [`decode_fragment`] and an error message when that fails.
pub fn is_run_fragment(fragment: &str) -> bool {
    fragment_of(fragment).starts_with(FRAGMENT_KEY)
}

/// Reads a fragment made by [`encode_fragment`]; takes it with or without its `#`, or a
/// whole URL. Every failure is a [`ShareError`] (never a panic): cut short, a changed
/// character (the zlib stream's Adler-32 and structure catch it), not base64url, a
/// newer format, or a document the loader refuses.
pub fn decode_fragment(fragment: &str) -> Result<RunDocument, ShareError> {
    let frag = fragment_of(fragment);
    let Some(rest) = frag.strip_prefix(FRAGMENT_KEY) else {
        return Err(damaged(format!(
            "it does not hold a run (it should start with #{FRAGMENT_KEY}v{FRAGMENT_VERSION}.)"
        )));
    };
    let Some((version, payload)) = rest.split_once('.') else {
        return Err(damaged("its format version is missing"));
    };
    let version: u32 = version
        .strip_prefix('v')
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| damaged(format!("its format version {version:?} is not v1, v2, …")))?;
    if version > FRAGMENT_VERSION {
        return Err(ShareError::TooNew(format!(
            "link format v{version}; this one reads v{FRAGMENT_VERSION}"
        )));
    }
    if version != FRAGMENT_VERSION {
        return Err(damaged(format!("its format version v{version} is unknown")));
    }
    // Mail and chat clients sometimes wrap long links; the checksum still guards the rest.
    let payload: String = payload
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if payload.is_empty() {
        return Err(damaged("it is cut short (no data)"));
    }
    let packed = URL_SAFE_NO_PAD
        .decode(payload.as_bytes())
        .map_err(|e| match e {
            base64::DecodeError::InvalidByte(at, byte) => damaged(format!(
                "it has a character a playground link never has ({:?} at position {at})",
                char::from(byte)
            )),
            _ => damaged("it is cut short or was changed (its data ends mid-character)"),
        })?;
    let json = inflate_zlib(&packed, MAX_DOCUMENT_BYTES).map_err(damaged)?;
    let value: serde_json::Value = serde_json::from_slice(&json)
        .map_err(|e| damaged(format!("it does not hold a run (not JSON: {e})")))?;
    RunDocument::from_value(value)
}

/// Decompresses one complete zlib stream (header, deflate data, Adler-32) that is all of
/// `input`, into at most `limit` bytes.
fn inflate_zlib(input: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    use miniz_oxide::inflate::core::inflate_flags::{
        TINFL_FLAG_PARSE_ZLIB_HEADER, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    };
    use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;

    let flags = TINFL_FLAG_PARSE_ZLIB_HEADER | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0u8; input.len().saturating_mul(8).clamp(1024, limit)];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut read, mut written) = (0usize, 0usize);
    loop {
        let rest = input.get(read..).unwrap_or_default();
        let (status, r, w) = decompress(&mut state, rest, &mut out, written, flags);
        read = read.saturating_add(r);
        written = written.saturating_add(w);
        match status {
            TINFLStatus::Done if read == input.len() => {
                out.truncate(written);
                return Ok(out);
            }
            TINFLStatus::Done => return Err("it has extra data after its end".into()),
            TINFLStatus::HasMoreOutput if out.len() < limit => {
                let len = out.len().saturating_mul(2).min(limit);
                out.resize(len, 0);
            }
            TINFLStatus::HasMoreOutput => {
                return Err(format!("it unpacks to more than {} MiB", limit >> 20))
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                return Err("it is cut short".into())
            }
            TINFLStatus::Adler32Mismatch => {
                return Err("its checksum does not match (it was changed)".into())
            }
            _ => return Err("its compressed data is corrupt".into()),
        }
    }
}

/// True when `url` (the whole link, fragment included) is at most [`MAX_LINK_CHARS`]
/// characters long once percent-encoded (each non-ASCII byte counts as its three-
/// character `%XX`); otherwise offer the scenario as a download.
pub fn fits_in_link(url: &str) -> bool {
    let chars: usize = url.bytes().map(|b| if b.is_ascii() { 1 } else { 3 }).sum();
    chars <= MAX_LINK_CHARS
}
