//! `--output text`: the CLI's text formatter (`awscli/formatter.py` → `text.py`), which
//! writes a response as tab-separated lines.

use serde_json::Value;

/// The response as the CLI prints it with `--output text` (its `text.py`): a structure's
/// scalar members on one tab-separated line (sorted by name), each nested member under
/// its name in capitals (`MESSAGES\t…`), lists of structures one line each with the
/// union of their scalar members; empty for `{}`.
pub fn format_text(v: &Value) -> String {
    let mut out = String::new();
    text_item(&mut out, v, None, None);
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        other => other.to_string(),
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

fn text_item(out: &mut String, v: &Value, id: Option<&str>, keys: Option<&[String]>) {
    match v {
        Value::Object(m) => {
            let (scalars, nested): (Vec<String>, Vec<(&String, &Value)>) = match keys {
                None => {
                    let mut sorted: Vec<(&String, &Value)> = m.iter().collect();
                    sorted.sort_by(|a, b| a.0.cmp(b.0));
                    let scalars = sorted
                        .iter()
                        .filter(|(_, v)| is_scalar(v))
                        .map(|(_, v)| scalar(v))
                        .collect();
                    (
                        scalars,
                        sorted.into_iter().filter(|(_, v)| !is_scalar(v)).collect(),
                    )
                }
                Some(keys) => {
                    let scalars = keys
                        .iter()
                        .map(|k| m.get(k).map(scalar).unwrap_or_default())
                        .collect();
                    let mut rest: Vec<(&String, &Value)> =
                        m.iter().filter(|(k, _)| !keys.contains(k)).collect();
                    rest.sort_by(|a, b| a.0.cmp(b.0));
                    (scalars, rest)
                }
            };
            if !scalars.is_empty() {
                let mut line = scalars;
                if let Some(id) = id {
                    line.insert(0, id.to_uppercase());
                }
                out.push_str(&line.join("\t"));
                out.push('\n');
            }
            for (k, v) in nested {
                text_item(out, v, Some(k), None);
            }
        }
        Value::Array(items) => {
            if items.is_empty() {
                return;
            }
            if items.iter().any(Value::is_object) {
                let mut keys: Vec<String> = items
                    .iter()
                    .filter_map(Value::as_object)
                    .flat_map(|m| {
                        m.iter()
                            .filter(|(_, v)| is_scalar(v))
                            .map(|(k, _)| k.clone())
                    })
                    .collect();
                keys.sort();
                keys.dedup();
                for item in items {
                    text_item(out, item, id, Some(&keys));
                }
            } else {
                let (scalars, nested): (Vec<&Value>, Vec<&Value>) =
                    items.iter().partition(|v| is_scalar(v));
                if !scalars.is_empty() {
                    match id {
                        Some(id) => {
                            for s in &scalars {
                                out.push_str(&format!("{}\t{}\n", id.to_uppercase(), scalar(s)));
                            }
                        }
                        None => {
                            let line: Vec<String> = scalars.iter().map(|s| scalar(s)).collect();
                            out.push_str(&line.join("\t"));
                            out.push('\n');
                        }
                    }
                }
                for n in nested {
                    text_item(out, n, id, None);
                }
            }
        }
        s => {
            out.push_str(&scalar(s));
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_output_as_the_cli_writes_it() {
        let url = "https://sqs.us-east-1.amazonaws.com/000000000000/q";
        assert_eq!(format_text(&json!({"QueueUrl": url})), url);
        assert_eq!(
            format_text(&json!({"QueueUrls": ["a", "b"]})),
            "QUEUEURLS\ta\nQUEUEURLS\tb"
        );
        let v = json!({"Messages": [
            {"MessageId": "m1", "ReceiptHandle": "r1", "MD5OfBody": "d1", "Body": "hi",
             "Attributes": {"SenderId": "s", "ApproximateReceiveCount": "1"}},
            {"MessageId": "m2", "ReceiptHandle": "r2", "MD5OfBody": "d2", "Body": "yo"}]});
        assert_eq!(
            format_text(&v),
            "MESSAGES\thi\td1\tm1\tr1\nATTRIBUTES\t1\ts\nMESSAGES\tyo\td2\tm2\tr2"
        );
        assert_eq!(format_text(&json!({})), "");
        assert_eq!(
            format_text(&json!({"Attributes": {"VisibilityTimeout": "30", "DelaySeconds": "0"}})),
            "ATTRIBUTES\t0\t30"
        );
    }
}
