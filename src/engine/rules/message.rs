//! Message bodies, message attributes, MD5 digests and FIFO ids.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::error::SqsError;

/// A message (user or system) attribute value, with AWS's JSON member names.
/// `BinaryValue` holds the base64 text exactly as it travels in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MessageAttributeValue {
    /// `String`, `Number` or `Binary`, optionally with a custom suffix (`Number.int`).
    pub data_type: String,
    /// Value of a String or Number attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub string_value: Option<String>,
    /// Value of a Binary attribute, base64 text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binary_value: Option<String>,
    /// Reserved by AWS (not implemented there); kept for round-tripping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub string_list_values: Option<Vec<String>>,
    /// Reserved by AWS (not implemented there); base64 texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binary_list_values: Option<Vec<String>>,
}

/// Validates a message body against content rules and `max_size_bytes`.
pub fn validate_body(body: &str, max_size_bytes: usize) -> Result<(), SqsError> {
    let _ = (body, max_size_bytes);
    Ok(())
}

/// Validates user message attributes (count, names, types, values).
pub fn validate_message_attributes(
    attrs: &BTreeMap<String, MessageAttributeValue>,
) -> Result<(), SqsError> {
    let _ = attrs;
    Ok(())
}

/// Size of a message as SQS counts it: body bytes plus, per attribute, name + type + value bytes.
pub fn message_size_bytes(body: &str, attrs: &BTreeMap<String, MessageAttributeValue>) -> usize {
    body.len() + attrs.iter().map(|(k, v)| k.len() + v.data_type.len()).sum::<usize>()
}

/// Hex MD5 of the body's UTF-8 bytes.
pub fn md5_of_body(body: &str) -> String {
    let _ = body;
    String::new()
}

/// Hex MD5 of message attributes per AWS's algorithm; `None` when there are none.
pub fn md5_of_message_attributes(attrs: &BTreeMap<String, MessageAttributeValue>) -> Option<String> {
    let _ = attrs;
    None
}

/// Validates a MessageGroupId.
pub fn validate_message_group_id(id: &str) -> Result<(), SqsError> {
    let _ = id;
    Ok(())
}

/// Validates a MessageDeduplicationId.
pub fn validate_deduplication_id(id: &str) -> Result<(), SqsError> {
    let _ = id;
    Ok(())
}

/// Content-based deduplication id: SHA-256 hex of the body.
pub fn content_deduplication_id(body: &str) -> String {
    let _ = body;
    String::new()
}

/// True when a message attribute `name` is selected by a MessageAttributeNames filter list.
pub fn message_attribute_filter_matches(filters: &[String], name: &str) -> bool {
    filters.iter().any(|f| f == "All" || f == ".*" || f == name)
}
