//! Queue names, batch entry ids, permission labels and tags.

use crate::engine::error::SqsError;

/// Maximum length of a queue name, `.fifo` suffix included.
pub const MAX_QUEUE_NAME_LEN: usize = 80;
/// Maximum number of entries in one batch request.
pub const MAX_BATCH_ENTRIES: usize = 10;

/// Validates a queue name for a queue of the given type (`fifo` = FifoQueue attribute).
pub fn validate_queue_name(name: &str, fifo: bool) -> Result<(), SqsError> {
    let _ = (name, fifo);
    Ok(())
}

/// Validates the ids of a batch request: distinct and well-formed.
pub fn validate_batch_entry_ids(ids: &[&str]) -> Result<(), SqsError> {
    let _ = ids;
    Ok(())
}

/// Validates a whole batch request's entry list: non-empty, at most 10, ids valid and distinct.
/// `entry_type` is AWS's entry shape name, e.g. `SendMessageBatchRequestEntry`.
pub fn validate_batch_entries(entry_type: &str, ids: &[&str]) -> Result<(), SqsError> {
    let _ = entry_type;
    validate_batch_entry_ids(ids)
}
