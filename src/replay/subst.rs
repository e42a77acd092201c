//! `${ID.path}` substitution inside request params.
//!
//! Rules (part of the stable replay format, see `docs/replay-format.md`):
//! - only string *values* are scanned (object keys are left alone);
//! - `ID` names an earlier request whose response was `ok`; `path` is a
//!   dot-separated walk from that `ok` object, where a segment indexes an object by
//!   key, or an array by a decimal number (`${r3.Messages.0.ReceiptHandle}`);
//!   `${ID}` alone is the whole `ok` object;
//! - a string that is exactly one reference takes the referenced value, with its
//!   JSON type (a number stays a number);
//! - references inside a longer string are spliced in as text: strings as they are,
//!   other values as compact JSON;
//! - `$${` is a literal `${` (an escape for bodies that contain the sequence).

use std::collections::BTreeMap;

use serde_json::Value;

/// Looks up the `ok` object of an earlier request by id. `Err` carries why the id
/// cannot be used (unknown, failed, still pending).
pub trait Responses {
    /// The `ok` object of request `id`, or a reason it is not available.
    fn ok_of(&self, id: &str) -> Result<&Value, String>;
}

impl Responses for BTreeMap<String, Value> {
    fn ok_of(&self, id: &str) -> Result<&Value, String> {
        self.get(id)
            .ok_or_else(|| format!("no earlier response with id {id:?}"))
    }
}

/// Replaces every reference in `params` (recursively). The error names the
/// offending reference.
pub fn substitute(params: &Value, responses: &dyn Responses) -> Result<Value, String> {
    Ok(match params {
        Value::String(s) => substitute_str(s, responses)?,
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| substitute(v, responses))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| Ok((k.clone(), substitute(v, responses)?)))
                .collect::<Result<_, String>>()?,
        ),
        other => other.clone(),
    })
}

/// One piece of a scanned string.
enum Piece<'a> {
    Text(&'a str),
    Reference(&'a str),
}

/// Splits a string into literal text and `${…}` references.
fn scan(s: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = s;
    while let Some(pos) = rest.find("${") {
        if pos > 0 && rest[..pos].ends_with('$') {
            // `$${` → literal `${`: keep the text up to and including the first `$`.
            pieces.push(Piece::Text(&rest[..pos]));
            pieces.push(Piece::Text("{"));
            rest = &rest[pos + 2..];
            continue;
        }
        if pos > 0 {
            pieces.push(Piece::Text(&rest[..pos]));
        }
        let after = &rest[pos + 2..];
        let end = after
            .find('}')
            .ok_or_else(|| format!("unterminated reference in {s:?}: missing '}}'"))?;
        pieces.push(Piece::Reference(&after[..end]));
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    Ok(pieces)
}

fn substitute_str(s: &str, responses: &dyn Responses) -> Result<Value, String> {
    if !s.contains("${") {
        return Ok(Value::String(s.to_string()));
    }
    let pieces = scan(s)?;
    if let [Piece::Reference(r)] = pieces.as_slice() {
        return resolve(r, responses).cloned();
    }
    let mut out = String::with_capacity(s.len());
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Reference(r) => match resolve(r, responses)? {
                Value::String(v) => out.push_str(v),
                other => out.push_str(&other.to_string()),
            },
        }
    }
    Ok(Value::String(out))
}

/// Resolves `ID.seg.seg…` to the referenced value.
fn resolve<'a>(reference: &str, responses: &'a dyn Responses) -> Result<&'a Value, String> {
    let mut segments = reference.split('.');
    let id = segments.next().unwrap_or_default();
    if id.is_empty() {
        return Err(format!(
            "bad reference ${{{reference}}}: missing request id"
        ));
    }
    let mut value = responses
        .ok_of(id)
        .map_err(|why| format!("bad reference ${{{reference}}}: {why}"))?;
    let mut walked = id.to_string();
    for seg in segments {
        let next = match value {
            Value::Object(m) => m.get(seg),
            Value::Array(items) => seg.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        value = next.ok_or_else(|| {
            let why = match value {
                Value::Array(items) => format!(
                    "{walked} is an array of {} element(s), {seg:?} is not an index in it",
                    items.len()
                ),
                Value::Object(m) => {
                    let keys: Vec<&str> = m.keys().map(String::as_str).collect();
                    format!("{walked} has no member {seg:?} (members: {keys:?})")
                }
                other => format!(
                    "{walked} is {}, it has no member {seg:?}",
                    super::script::type_name(other)
                ),
            };
            format!("bad reference ${{{reference}}}: {why}")
        })?;
        walked.push('.');
        walked.push_str(seg);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn responses() -> BTreeMap<String, Value> {
        let mut m = BTreeMap::new();
        m.insert(
            "r1".to_string(),
            json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/000000000000/q"}),
        );
        m.insert(
            "r3".to_string(),
            json!({"Messages": [{"ReceiptHandle": "h-1", "Attributes": {"ApproximateReceiveCount": "2"}, "N": 5}]}),
        );
        m
    }

    #[test]
    fn exact_reference_keeps_the_type() {
        let r = responses();
        assert_eq!(
            substitute(&json!({"QueueUrl": "${r1.QueueUrl}"}), &r).unwrap(),
            json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/000000000000/q"})
        );
        assert_eq!(
            substitute(&json!({"VisibilityTimeout": "${r3.Messages.0.N}"}), &r).unwrap(),
            json!({"VisibilityTimeout": 5})
        );
        assert_eq!(
            substitute(&json!("${r3.Messages.0}"), &r).unwrap(),
            json!({"ReceiptHandle": "h-1", "Attributes": {"ApproximateReceiveCount": "2"}, "N": 5})
        );
        assert_eq!(substitute(&json!("${r1}"), &r).unwrap(), r["r1"]);
    }

    #[test]
    fn embedded_references_are_spliced_as_text() {
        let r = responses();
        assert_eq!(
            substitute(
                &json!("handle=${r3.Messages.0.ReceiptHandle}, n=${r3.Messages.0.N}!"),
                &r
            )
            .unwrap(),
            json!("handle=h-1, n=5!")
        );
        assert_eq!(
            substitute(&json!("${r3.Messages.0.N}${r3.Messages.0.N}"), &r).unwrap(),
            json!("55")
        );
    }

    #[test]
    fn nested_params_arrays_and_untouched_values() {
        let r = responses();
        let params = json!({
            "Entries": [{"Id": "a", "ReceiptHandle": "${r3.Messages.0.ReceiptHandle}"}],
            "Max": 3, "Flag": true, "Null": null, "${r1.QueueUrl}": "key is not substituted"
        });
        let out = substitute(&params, &r).unwrap();
        assert_eq!(out["Entries"][0]["ReceiptHandle"], json!("h-1"));
        assert_eq!(out["Max"], json!(3));
        assert_eq!(out["${r1.QueueUrl}"], json!("key is not substituted"));
    }

    #[test]
    fn escape_gives_a_literal() {
        let r = responses();
        assert_eq!(
            substitute(&json!("cost $${x}"), &r).unwrap(),
            json!("cost ${x}")
        );
        assert_eq!(
            substitute(&json!("$5 and $ {"), &r).unwrap(),
            json!("$5 and $ {")
        );
    }

    #[test]
    fn bad_references_are_explained() {
        let r = responses();
        let e = substitute(&json!("${r9.QueueUrl}"), &r).unwrap_err();
        assert_eq!(
            e,
            "bad reference ${r9.QueueUrl}: no earlier response with id \"r9\""
        );
        let e = substitute(&json!("${r3.Messages.1.ReceiptHandle}"), &r).unwrap_err();
        assert!(e.contains("array of 1 element(s)"), "{e}");
        let e = substitute(&json!("${r1.Queue}"), &r).unwrap_err();
        assert!(e.contains("no member \"Queue\""), "{e}");
        let e = substitute(&json!("${r1.QueueUrl.x}"), &r).unwrap_err();
        assert!(e.contains("is a string"), "{e}");
        let e = substitute(&json!("x ${r1.QueueUrl"), &r).unwrap_err();
        assert!(e.contains("unterminated"), "{e}");
        let e = substitute(&json!("${.a}"), &r).unwrap_err();
        assert!(e.contains("missing request id"), "{e}");
    }
}
