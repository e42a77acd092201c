//! Message bodies, sizes, MD5 of bodies, FIFO ids and ReceiveMessage name filters.
//!
//! Attribute types and rules live in [`super::message_attributes`] and are re-exported
//! here, so `rules::message::*` is the one place the core needs.

use std::collections::BTreeMap;

use md5::{Digest, Md5};
use sha2::Sha256;

use super::digest::to_hex;
pub use super::message_attributes::{
    attribute_size_bytes, decode_base64, hex_md5, is_allowed_message_char,
    md5_of_message_attributes, md5_of_message_system_attributes, message_attributes_size_bytes,
    validate_attribute_name, validate_message_attributes, validate_message_system_attributes,
    validate_number_value, BaseDataType, MessageAttributeValue, ALLOWED_CHARACTERS,
    MAX_MESSAGE_ATTRIBUTES, SETTABLE_SYSTEM_ATTRIBUTES,
};
use crate::engine::error::SqsError;

/// Largest message SQS accepts (1 MiB), body plus message attributes.
pub const MAX_MESSAGE_SIZE_BYTES: usize = 1_048_576;
/// Maximum length of MessageGroupId, MessageDeduplicationId and ReceiveRequestAttemptId.
pub const MAX_FIFO_ID_LEN: usize = 128;

/// Every message system attribute name ReceiveMessage can return, in AWS's enum order.
pub const MESSAGE_SYSTEM_ATTRIBUTE_NAMES: [&str; 9] = [
    "SenderId",
    "SentTimestamp",
    "ApproximateReceiveCount",
    "ApproximateFirstReceiveTimestamp",
    "SequenceNumber",
    "MessageDeduplicationId",
    "MessageGroupId",
    "AWSTraceHeader",
    "DeadLetterQueueSourceArn",
];

/// Validates a body's content: at least one character (else `MissingParameter`), only
/// allowed XML characters (else `InvalidMessageContents`), and the body alone within
/// `max_size_bytes`. Attributes also count toward the limit: see [`validate_message`].
pub fn validate_body(body: &str, max_size_bytes: usize) -> Result<(), SqsError> {
    if body.is_empty() {
        return Err(SqsError::missing_parameter("MessageBody"));
    }
    if let Some(bad) = body.chars().find(|c| !is_allowed_message_char(*c)) {
        return Err(SqsError::invalid_message_contents(format!(
            "Invalid binary character '#x{:X}' was found in the message body, the set of allowed \
             characters is {ALLOWED_CHARACTERS}.",
            bad as u32
        )));
    }
    validate_message_size(body.len(), max_size_bytes, false)
}

/// Size of a message as SQS counts it: body bytes plus, per user attribute,
/// name + data type + value bytes (system attributes do not count).
pub fn message_size_bytes(body: &str, attrs: &BTreeMap<String, MessageAttributeValue>) -> usize {
    body.len() + message_attributes_size_bytes(attrs)
}

/// Checks a message size against the queue's MaximumMessageSize; exactly the maximum is
/// accepted. `in_batch` selects AWS's batch-entry wording ("cannot be validated").
pub fn validate_message_size(
    size_bytes: usize,
    max_size_bytes: usize,
    in_batch: bool,
) -> Result<(), SqsError> {
    if size_bytes > max_size_bytes {
        let verb = if in_batch {
            "cannot be validated"
        } else {
            "are invalid"
        };
        return Err(SqsError::invalid_parameter_value(format!(
            "One or more parameters {verb}. Reason: Message must be shorter than \
             {max_size_bytes} bytes."
        )));
    }
    Ok(())
}

/// Full SendMessage content check, in AWS's order: body content, user attributes,
/// then total size (body + attributes) against `max_size_bytes`.
pub fn validate_message(
    body: &str,
    attrs: &BTreeMap<String, MessageAttributeValue>,
    max_size_bytes: usize,
    in_batch: bool,
) -> Result<(), SqsError> {
    validate_body(body, usize::MAX)?;
    validate_message_attributes(attrs)?;
    validate_message_size(message_size_bytes(body, attrs), max_size_bytes, in_batch)
}

/// Lower-case hex MD5 of the body's UTF-8 bytes (`MD5OfMessageBody` / `MD5OfBody`).
pub fn md5_of_body(body: &str) -> String {
    to_hex(&Md5::digest(body.as_bytes()))
}

/// Content-based deduplication id: lower-case hex SHA-256 of the body (attributes excluded).
pub fn content_deduplication_id(body: &str) -> String {
    to_hex(&Sha256::digest(body.as_bytes()))
}

/// True for the FIFO id alphabet: ASCII alphanumerics and punctuation
/// ``!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~``.
pub fn is_fifo_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c.is_ascii_punctuation()
}

fn validate_fifo_id(param: &str, id: &str) -> Result<(), SqsError> {
    if id.is_empty() || id.len() > MAX_FIFO_ID_LEN || !id.chars().all(is_fifo_id_char) {
        return Err(SqsError::invalid_parameter(
            param,
            id,
            &format!(
                "{param} can only include alphanumeric and punctuation characters. 1 to 128 in length."
            ),
        ));
    }
    Ok(())
}

/// Validates a MessageGroupId: 1–128 alphanumeric/punctuation characters.
pub fn validate_message_group_id(id: &str) -> Result<(), SqsError> {
    validate_fifo_id("MessageGroupId", id)
}

/// Validates a MessageDeduplicationId: 1–128 alphanumeric/punctuation characters.
pub fn validate_deduplication_id(id: &str) -> Result<(), SqsError> {
    validate_fifo_id("MessageDeduplicationId", id)
}

/// Validates a ReceiveRequestAttemptId: 1–128 alphanumeric/punctuation characters.
pub fn validate_receive_request_attempt_id(id: &str) -> Result<(), SqsError> {
    validate_fifo_id("ReceiveRequestAttemptId", id)
}

/// Resolves the system attributes a ReceiveMessage asked for, from
/// `MessageSystemAttributeNames` and the deprecated `AttributeNames` together.
/// `All` selects every name. Unknown names are ignored (policy: the deprecated
/// `AttributeNames` historically took queue-attribute names such as `All`, and AWS
/// does not reject them). Result is in [`MESSAGE_SYSTEM_ATTRIBUTE_NAMES`] order.
pub fn requested_system_attributes(
    system_attribute_names: &[String],
    attribute_names: &[String],
) -> Vec<&'static str> {
    let requested = || system_attribute_names.iter().chain(attribute_names);
    if requested().any(|n| n == "All") {
        return MESSAGE_SYSTEM_ATTRIBUTE_NAMES.to_vec();
    }
    MESSAGE_SYSTEM_ATTRIBUTE_NAMES
        .iter()
        .copied()
        .filter(|name| requested().any(|n| n == name))
        .collect()
}

/// True when user attribute `name` is selected by a `MessageAttributeNames` filter list:
/// `All`, `.*` or `*` select everything; `prefix.*` selects names starting with `prefix`
/// (AWS-validated: `Hel.*` selects both `Hello` and `Help.Me`); anything else must equal
/// the name (case-sensitive). An empty list selects nothing.
pub fn message_attribute_filter_matches(filters: &[String], name: &str) -> bool {
    filters.iter().any(|f| {
        if f == "All" || f == ".*" || f == "*" {
            true
        } else if let Some(prefix) = f.strip_suffix(".*") {
            name.starts_with(prefix)
        } else {
            f == name
        }
    })
}

/// The subset of `attrs` selected by `filters` (see [`message_attribute_filter_matches`]).
pub fn filter_message_attributes(
    filters: &[String],
    attrs: &BTreeMap<String, MessageAttributeValue>,
) -> BTreeMap<String, MessageAttributeValue> {
    attrs
        .iter()
        .filter(|(name, _)| message_attribute_filter_matches(filters, name))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

#[cfg(test)]
#[path = "message_tests.rs"]
mod tests;
