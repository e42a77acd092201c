//! Queue attribute names: AWS's enum, which are read-only or FIFO-only, the attribute
//! errors, and GetQueueAttributes name validation.

use crate::engine::error::SqsError;

/// Every queue attribute name in AWS's enum, `All` excluded.
pub const QUEUE_ATTRIBUTE_NAMES: [&str; 21] = [
    "Policy",
    "VisibilityTimeout",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
    "QueueArn",
    "ApproximateNumberOfMessagesDelayed",
    "DelaySeconds",
    "ReceiveMessageWaitTimeSeconds",
    "RedrivePolicy",
    "FifoQueue",
    "ContentBasedDeduplication",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "DeduplicationScope",
    "FifoThroughputLimit",
    "RedriveAllowPolicy",
    "SqsManagedSseEnabled",
];

/// Attributes computed by the engine (never settable).
pub const READ_ONLY_ATTRIBUTE_NAMES: [&str; 6] = [
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
    "QueueArn",
];

/// Attributes that exist only on FIFO queues.
pub const FIFO_ONLY_ATTRIBUTE_NAMES: [&str; 4] = [
    "FifoQueue",
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
];

/// `Invalid value for the parameter X.` (`InvalidAttributeValue`).
pub fn invalid_attribute_value(name: &str) -> SqsError {
    SqsError::invalid_attribute_value(format!("Invalid value for the parameter {name}."))
}

/// `Unknown Attribute X.` (`InvalidAttributeName`).
pub fn unknown_attribute(name: &str) -> SqsError {
    SqsError::invalid_attribute_name(format!("Unknown Attribute {name}."))
}

/// Validates GetQueueAttributes `AttributeNames` and expands `All`. Returns the names to
/// report, in AWS's enum order, without duplicates. Unknown names, and FIFO-only names on
/// a standard queue, are `InvalidAttributeName` "Unknown Attribute X.". An empty request
/// yields an empty list (AWS returns no attributes).
pub fn validate_attribute_names(names: &[String], fifo: bool) -> Result<Vec<String>, SqsError> {
    for name in names {
        let known = name == "All" || QUEUE_ATTRIBUTE_NAMES.contains(&name.as_str());
        if !known || (!fifo && FIFO_ONLY_ATTRIBUTE_NAMES.contains(&name.as_str())) {
            return Err(unknown_attribute(name));
        }
    }
    let all = names.iter().any(|n| n == "All");
    Ok(QUEUE_ATTRIBUTE_NAMES
        .iter()
        .filter(|n| fifo || !FIFO_ONLY_ATTRIBUTE_NAMES.contains(n))
        .filter(|n| all || names.iter().any(|m| m == *n))
        .map(|n| n.to_string())
        .collect())
}
