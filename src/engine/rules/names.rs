//! Queue names, batch entry ids, permission labels and tags.

use std::collections::BTreeMap;

use crate::engine::error::SqsError;

/// Maximum length of a queue name, `.fifo` suffix included.
pub const MAX_QUEUE_NAME_LEN: usize = 80;
/// Suffix every FIFO queue name must end with.
pub const FIFO_SUFFIX: &str = ".fifo";
/// Maximum number of entries in one batch request.
pub const MAX_BATCH_ENTRIES: usize = 10;
/// Maximum length of a batch entry `Id`.
pub const MAX_BATCH_ENTRY_ID_LEN: usize = 80;
/// Maximum total size of all message bodies (+ attributes) in one SendMessageBatch.
pub const MAX_BATCH_PAYLOAD_BYTES: usize = 1_048_576;
/// Maximum length of an AddPermission label.
pub const MAX_PERMISSION_LABEL_LEN: usize = 80;
/// Maximum number of tags on a queue.
pub const MAX_TAGS_PER_QUEUE: usize = 50;
/// Maximum length of a tag key (characters).
pub const MAX_TAG_KEY_LEN: usize = 128;
/// Maximum length of a tag value (characters).
pub const MAX_TAG_VALUE_LEN: usize = 256;

const STANDARD_NAME_MESSAGE: &str =
    "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length";
const FIFO_NAME_MESSAGE: &str = "The name of a FIFO queue can only include alphanumeric \
     characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length";

/// `[A-Za-z0-9_-]`: the alphabet of queue names, batch entry ids and permission labels.
pub(crate) fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

fn is_simple_name(s: &str, max_len: usize) -> bool {
    // All accepted characters are ASCII, so byte length == character count here.
    !s.is_empty() && s.len() <= max_len && s.chars().all(is_name_char)
}

/// True when `name` ends with the `.fifo` suffix.
pub fn has_fifo_suffix(name: &str) -> bool {
    name.ends_with(FIFO_SUFFIX)
}

/// Validates a queue name for a queue of the given type (`fifo` = the FifoQueue attribute).
///
/// Standard: 1–80 characters from `[A-Za-z0-9_-]` (so a `.fifo` suffix is rejected).
/// FIFO: same alphabet plus the mandatory `.fifo` suffix, which counts toward the 80.
pub fn validate_queue_name(name: &str, fifo: bool) -> Result<(), SqsError> {
    if fifo {
        let ok = name.len() <= MAX_QUEUE_NAME_LEN
            && name
                .strip_suffix(FIFO_SUFFIX)
                .is_some_and(|stem| is_simple_name(stem, MAX_QUEUE_NAME_LEN));
        if !ok {
            return Err(SqsError::invalid_parameter_value(FIFO_NAME_MESSAGE));
        }
    } else if !is_simple_name(name, MAX_QUEUE_NAME_LEN) {
        return Err(SqsError::invalid_parameter_value(STANDARD_NAME_MESSAGE));
    }
    Ok(())
}

/// True when `id` is a well-formed batch entry id (1–80 of `[A-Za-z0-9_-]`).
pub fn is_valid_batch_entry_id(id: &str) -> bool {
    is_simple_name(id, MAX_BATCH_ENTRY_ID_LEN)
}

/// Validates the ids of a batch request: distinct (first repeat reported, as AWS does)
/// and well-formed.
pub fn validate_batch_entry_ids(ids: &[&str]) -> Result<(), SqsError> {
    let mut seen = std::collections::BTreeSet::new();
    for id in ids {
        if !seen.insert(*id) {
            return Err(SqsError::batch(
                "BatchEntryIdsNotDistinct",
                format!("Id {id} repeated."),
            ));
        }
    }
    if ids.iter().any(|id| !is_valid_batch_entry_id(id)) {
        return Err(SqsError::batch(
            "InvalidBatchEntryId",
            "A batch entry id can only contain alphanumeric characters, hyphens and \
             underscores. It can be at most 80 letters long.",
        ));
    }
    Ok(())
}

/// Validates a whole batch request's entry list, in AWS's order: non-empty, at most 10,
/// ids distinct, ids well-formed. `entry_type` is AWS's entry shape name, e.g.
/// `SendMessageBatchRequestEntry`, `DeleteMessageBatchRequestEntry`,
/// `ChangeMessageVisibilityBatchRequestEntry`.
pub fn validate_batch_entries(entry_type: &str, ids: &[&str]) -> Result<(), SqsError> {
    if ids.is_empty() {
        return Err(SqsError::batch(
            "EmptyBatchRequest",
            format!("There should be at least one {entry_type} in the request."),
        ));
    }
    if ids.len() > MAX_BATCH_ENTRIES {
        return Err(SqsError::batch(
            "TooManyEntriesInBatchRequest",
            format!(
                "Maximum number of entries per request are {MAX_BATCH_ENTRIES}. You have sent {}.",
                ids.len()
            ),
        ));
    }
    validate_batch_entry_ids(ids)
}

/// Validates the total payload of a SendMessageBatch (sum of every entry's message size).
pub fn validate_batch_total_size(total_bytes: usize) -> Result<(), SqsError> {
    if total_bytes > MAX_BATCH_PAYLOAD_BYTES {
        return Err(SqsError::batch(
            "BatchRequestTooLong",
            format!(
                "Batch requests cannot be longer than {MAX_BATCH_PAYLOAD_BYTES} bytes. \
                 You have sent {total_bytes} bytes."
            ),
        ));
    }
    Ok(())
}

/// Validates an AddPermission/RemovePermission label: 1–80 of `[A-Za-z0-9_-]`.
pub fn validate_permission_label(label: &str) -> Result<(), SqsError> {
    if !is_simple_name(label, MAX_PERMISSION_LABEL_LEN) {
        return Err(SqsError::invalid_parameter(
            "Label",
            label,
            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.",
        ));
    }
    Ok(())
}

/// Validates one tag key: 1–128 characters, not starting with the reserved `aws:` prefix.
pub fn validate_tag_key(key: &str) -> Result<(), SqsError> {
    let len = key.chars().count();
    if len == 0 || len > MAX_TAG_KEY_LEN {
        return Err(SqsError::invalid_parameter_value(
            "Tag keys must be between 1 and 128 characters in length.",
        ));
    }
    if key.to_ascii_lowercase().starts_with("aws:") {
        return Err(SqsError::invalid_parameter_value(format!(
            "Tag key {key} is invalid. Reason: the aws: prefix is reserved for AWS use."
        )));
    }
    Ok(())
}

/// Validates one tag value: at most 256 characters (empty is allowed).
pub fn validate_tag_value(key: &str, value: &str) -> Result<(), SqsError> {
    if value.chars().count() > MAX_TAG_VALUE_LEN {
        return Err(SqsError::invalid_parameter_value(format!(
            "Tag value for key {key} is invalid. Reason: tag values must be at most 256 characters \
             in length."
        )));
    }
    Ok(())
}

/// Validates a TagQueue (or CreateQueue `tags`) request against the queue's current tags:
/// every key and value, then the 50-tag limit on the merged set (an existing key is
/// overwritten, so it does not count twice).
pub fn validate_tags(
    queue_name: &str,
    existing: &BTreeMap<String, String>,
    new_tags: &BTreeMap<String, String>,
) -> Result<(), SqsError> {
    for (key, value) in new_tags {
        validate_tag_key(key)?;
        validate_tag_value(key, value)?;
    }
    let added = new_tags
        .keys()
        .filter(|k| !existing.contains_key(*k))
        .count();
    if existing.len() + added > MAX_TAGS_PER_QUEUE {
        return Err(SqsError::invalid_parameter_value(format!(
            "Too many tags added for queue {queue_name}."
        )));
    }
    Ok(())
}

/// Validates UntagQueue keys: at least one, each 1–128 characters.
pub fn validate_untag_keys(keys: &[String]) -> Result<(), SqsError> {
    if keys.is_empty() {
        return Err(SqsError::missing_parameter("TagKeys"));
    }
    for key in keys {
        let len = key.chars().count();
        if len == 0 || len > MAX_TAG_KEY_LEN {
            return Err(SqsError::invalid_parameter_value(
                "Tag keys must be between 1 and 128 characters in length.",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "names_tests.rs"]
mod tests;
