//! Serde helpers for shared strings (`Arc<str>`) in log entries: serialised exactly as
//! plain strings, so the log's JSON and its hash do not depend on how text is stored.

use std::sync::Arc;

/// Serializes a shared string as a plain JSON string.
pub fn ser_arc<S: serde::Serializer>(v: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v)
}

/// Serializes an optional shared string as a JSON string or null.
pub fn ser_opt_arc<S: serde::Serializer>(v: &Option<Arc<str>>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_some(&**v),
        None => s.serialize_none(),
    }
}
