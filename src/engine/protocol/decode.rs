//! Decoding an AWS JSON 1.0 request body into a typed request, with errors that
//! name the offending member instead of panicking or quoting Rust internals.
//!
//! serde reports a line and column, not a member path. To name the member, the
//! body is pretty-printed (one scalar member per line), decoded from that text, and
//! the error's line is mapped back to the member that occupies it.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::actions::required_members;
use super::wire::serialization_exception;
use crate::engine::SqsError;

/// Decodes `body` (already known to be for the canonical `action`) into `T`.
///
/// - not an object → `SerializationException`;
/// - `null` members are treated as absent (as AWS's JSON protocol does);
/// - a required member missing → `MissingParameter` "The request must contain the parameter X.";
/// - a member of the wrong JSON type → `SerializationException` naming the member path
///   (dot-separated, array indices from 0, e.g. `Entries.0.DelaySeconds`).
pub fn decode<T: DeserializeOwned>(action: &str, body: &Value) -> Result<T, SqsError> {
    let Value::Object(members) = body else {
        return Err(serialization_exception(format!(
            "The request body of {action} must be a JSON object, got {}.",
            json_type(body)
        )));
    };
    let members = strip_nulls_in_object(members);
    if let Some(missing) = required_members(action)
        .iter()
        .find(|m| !members.contains_key(**m))
    {
        return Err(SqsError::missing_parameter(missing));
    }
    let body = Value::Object(members);
    // Fast path: decode straight from the tree. Only a failure pays for the
    // pretty-printed round trip that locates the offending member.
    if let Ok(req) = T::deserialize(&body) {
        return Ok(req);
    }
    let text = serde_json::to_string_pretty(&body)
        .map_err(|e| serialization_exception(format!("Unreadable request body: {e}")))?;
    serde_json::from_str::<T>(&text).map_err(|e| describe_error(&body, &e))
}

fn describe_error(body: &Value, e: &serde_json::Error) -> SqsError {
    let full = e.to_string();
    // serde_json appends " at line L column C"; the position is replaced by a member path.
    let msg = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i])
        .to_string();
    let mut spans = Vec::new();
    let mut line = 1;
    line_spans(body, String::new(), &mut line, &mut spans);
    let path = spans
        .iter()
        .filter(|(_, first, last)| *first <= e.line() && e.line() <= *last)
        .min_by_key(|(_, first, last)| last - first)
        .map(|(path, _, _)| path.clone())
        .unwrap_or_default();
    if let Some(field) = msg
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return SqsError::missing_parameter(&join(&path, field));
    }
    let msg = friendly(&msg);
    if path.is_empty() {
        serialization_exception(format!("Invalid request body: {msg}."))
    } else {
        serialization_exception(format!("Invalid value for member {path}: {msg}."))
    }
}

/// Rust type names mean nothing to an SQS user; say what JSON was expected.
fn friendly(msg: &str) -> String {
    let mut out = msg.to_string();
    for (rust, json) in [
        ("expected u8", "expected an integer"),
        ("expected u16", "expected an integer"),
        ("expected u32", "expected an integer"),
        ("expected u64", "expected an integer"),
        ("expected usize", "expected an integer"),
        ("expected i32", "expected an integer"),
        ("expected i64", "expected an integer"),
        ("expected a sequence", "expected a list"),
    ] {
        if out.ends_with(rust) {
            out.truncate(out.len() - rust.len());
            out.push_str(json);
        }
    }
    out
}

fn join(path: &str, member: &str) -> String {
    if path.is_empty() {
        member.to_string()
    } else {
        format!("{path}.{member}")
    }
}

/// Records `(path, first line, last line)` for every value, following exactly how
/// `serde_json::to_string_pretty` lays the value out.
fn line_spans(
    value: &Value,
    path: String,
    line: &mut usize,
    spans: &mut Vec<(String, usize, usize)>,
) {
    let first = *line;
    match value {
        Value::Object(m) if !m.is_empty() => {
            for (k, v) in m {
                *line += 1;
                line_spans(v, join(&path, k), line, spans);
            }
            *line += 1; // the closing brace
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                *line += 1;
                line_spans(v, join(&path, &i.to_string()), line, spans);
            }
            *line += 1; // the closing bracket
        }
        _ => {}
    }
    spans.push((path, first, *line));
}

fn strip_nulls_in_object(members: &Map<String, Value>) -> Map<String, Value> {
    members
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.clone(), strip_nulls(v)))
        .collect()
}

fn strip_nulls(value: &Value) -> Value {
    match value {
        Value::Object(m) => Value::Object(strip_nulls_in_object(m)),
        Value::Array(items) => Value::Array(items.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}

/// A short JSON type name for messages.
pub(crate) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Deserialize, Debug, Default)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)] // fields exist to be decoded, not read
    struct Entry {
        id: String,
        #[serde(default)]
        delay_seconds: Option<u32>,
    }

    #[derive(Deserialize, Debug, Default)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)] // fields exist to be decoded, not read
    struct Req {
        queue_url: String,
        #[serde(default)]
        entries: Vec<Entry>,
        #[serde(default)]
        attributes: std::collections::BTreeMap<String, String>,
    }

    #[test]
    fn good_body_decodes_and_nulls_are_absent() {
        let r: Req = decode(
            "SendMessageBatch",
            &json!({"QueueUrl": "u", "Entries": [{"Id": "a", "DelaySeconds": null}], "Attributes": null}),
        )
        .unwrap();
        assert_eq!(r.queue_url, "u");
        assert_eq!(r.entries[0].delay_seconds, None);
    }

    #[test]
    fn non_object_body() {
        let e = decode::<Req>("SendMessageBatch", &json!([1])).unwrap_err();
        assert_eq!(e.shape, "SerializationException");
        assert_eq!(
            e.message,
            "The request body of SendMessageBatch must be a JSON object, got an array."
        );
    }

    #[test]
    fn required_member_missing_or_null() {
        let e = decode::<Req>(
            "SendMessageBatch",
            &json!({"QueueUrl": null, "Entries": []}),
        )
        .unwrap_err();
        assert_eq!(e.code, "MissingParameter");
        assert_eq!(
            e.message,
            "The request must contain the parameter QueueUrl."
        );
        let e = decode::<Req>("SendMessageBatch", &json!({"QueueUrl": "u"})).unwrap_err();
        assert_eq!(e.message, "The request must contain the parameter Entries.");
    }

    #[test]
    fn nested_missing_field_gets_a_path() {
        let e = decode::<Req>(
            "SendMessageBatch",
            &json!({"QueueUrl": "u", "Entries": [{"Id": "a"}, {"DelaySeconds": 1}]}),
        )
        .unwrap_err();
        assert_eq!(e.code, "MissingParameter");
        assert_eq!(
            e.message,
            "The request must contain the parameter Entries.1.Id."
        );
    }

    #[test]
    fn wrong_types_name_the_member() {
        let e =
            decode::<Req>("SendMessageBatch", &json!({"QueueUrl": 5, "Entries": []})).unwrap_err();
        assert_eq!(e.shape, "SerializationException");
        assert_eq!(e.status, 400);
        assert_eq!(
            e.message,
            "Invalid value for member QueueUrl: invalid type: integer `5`, expected a string."
        );
        let e = decode::<Req>(
            "SendMessageBatch",
            &json!({"QueueUrl": "u", "Entries": [{"Id": "a", "DelaySeconds": "x"}]}),
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "Invalid value for member Entries.0.DelaySeconds: invalid type: string \"x\", expected an integer."
        );
        let e = decode::<Req>(
            "SendMessageBatch",
            &json!({"QueueUrl": "u", "Entries": {"Id": "a"}}),
        )
        .unwrap_err();
        assert!(
            e.message.starts_with("Invalid value for member Entries: "),
            "{}",
            e.message
        );
        let e = decode::<Req>(
            "SendMessageBatch",
            &json!({"QueueUrl": "u", "Entries": [], "Attributes": {"A": {"x": [1, 2]}}}),
        )
        .unwrap_err();
        assert!(
            e.message
                .starts_with("Invalid value for member Attributes.A: "),
            "{}",
            e.message
        );
        let e = decode::<Req>(
            "SendMessageBatch",
            &json!({"QueueUrl": "u", "Entries": [], "Attributes": {"A": -1.5e300}}),
        )
        .unwrap_err();
        assert!(
            e.message
                .starts_with("Invalid value for member Attributes.A: "),
            "{}",
            e.message
        );
    }
}
