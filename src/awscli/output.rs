//! What the CLI prints (`--output text` is in [`super::text`]): a response as Python's `json.dumps(indent=4)` (4-space indent,
//! `": "` and `,` separators, non-ASCII kept), members in the order of the AWS model's
//! output shapes (the engine's JSON maps are sorted; AWS sends model order), nothing for
//! an empty response; a service error as `An error occurred (<Code>) when calling the
//! <Operation> operation: <message>`, the code parsed as botocore parses the JSON
//! protocol (the `x-amzn-query-error` header's code when present, else the `__type`
//! after `#`).

use serde_json::Value;

use crate::engine::protocol::{aws_error_type, query_error_header};
use crate::engine::SqsError;

/// Members of SQS's output shapes in model order (members not listed follow, sorted).
const MODEL_ORDER: &[&str] = &[
    // batch entries
    "Id",
    // Message
    "MessageId",
    "ReceiptHandle",
    "MD5OfBody",
    "Body",
    "Attributes",
    "MD5OfMessageAttributes",
    "MessageAttributes",
    // SendMessage batch entries
    "MD5OfMessageBody",
    "MD5OfMessageSystemAttributes",
    "SequenceNumber",
    // batch results and failures
    "Successful",
    "Failed",
    "SenderFault",
    "Code",
    "Message",
    // MessageAttributeValue
    "StringValue",
    "BinaryValue",
    "StringListValues",
    "BinaryListValues",
    "DataType",
    // list results
    "QueueUrls",
    "queueUrls",
    "QueueUrl",
    "Tags",
    // move tasks
    "TaskHandle",
    "Results",
    "Status",
    "SourceArn",
    "DestinationArn",
    "MaxNumberOfMessagesPerSecond",
    "ApproximateNumberOfMessagesMoved",
    "ApproximateNumberOfMessagesToMove",
    "FailureReason",
    "StartedTimestamp",
    "NextToken",
];

/// `SendMessageResult` (no `Id`): the digests come before the MessageId.
const SEND_RESULT_ORDER: &[&str] = &[
    "MD5OfMessageBody",
    "MD5OfMessageAttributes",
    "MD5OfMessageSystemAttributes",
    "MessageId",
    "SequenceNumber",
];

fn rank<'a>(order: &[&str], key: &'a str) -> (usize, &'a str) {
    (
        order.iter().position(|k| *k == key).unwrap_or(order.len()),
        key,
    )
}

/// The response as the CLI prints it with `--output json`; empty for `{}`.
pub fn format_json(v: &Value) -> String {
    if v.as_object().is_some_and(|m| m.is_empty()) {
        return String::new();
    }
    let mut out = String::new();
    write_value(&mut out, v, 0);
    out
}

fn write_value(out: &mut String, v: &Value, depth: usize) {
    let pad = |n: usize| "    ".repeat(n);
    match v {
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            let order = if m.contains_key("MD5OfMessageBody") && !m.contains_key("Id") {
                SEND_RESULT_ORDER
            } else {
                MODEL_ORDER
            };
            keys.sort_by_key(|k| rank(order, k));
            out.push_str("{\n");
            for (i, k) in keys.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push_str(": ");
                write_value(out, &m[*k], depth + 1);
                out.push_str(if i + 1 < keys.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push('}');
        }
        Value::Array(a) => {
            out.push_str("[\n");
            for (i, item) in a.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                write_value(out, item, depth + 1);
                out.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The error code the CLI shows: the `x-amzn-query-error` code when the response has
/// that header, else the `__type` after `#` (botocore's JSON-protocol parsing).
pub fn error_code(e: &SqsError) -> String {
    match query_error_header(e) {
        Some(h) => h.split(';').next().unwrap_or_default().to_string(),
        None => {
            let t = aws_error_type(e);
            t.rsplit('#').next().unwrap_or_default().to_string()
        }
    }
}

/// `An error occurred (<Code>) when calling the <Operation> operation: <message>`.
pub fn service_error(operation: &str, e: &SqsError) -> String {
    format!(
        "An error occurred ({}) when calling the {operation} operation: {}",
        error_code(e),
        e.message
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn python_json_dumps_indent_4() {
        let v = json!({"Messages": [{"Body": "é\n", "MessageId": "m", "ReceiptHandle": "r"}], "Z": [], "A": 1});
        assert_eq!(
            format_json(&v),
            "{\n    \"A\": 1,\n    \"Messages\": [\n        {\n            \"MessageId\": \"m\",\n            \"ReceiptHandle\": \"r\",\n            \"Body\": \"é\\n\"\n        }\n    ],\n    \"Z\": []\n}"
        );
        assert_eq!(format_json(&json!({})), "");
    }
}
