//! The SQS actions the JSON front door understands, and their required members.

/// Every SQS action of the 2012-11-05 API, by its `X-Amz-Target` name (without
/// the `AmazonSQS.` prefix), with the request members the AWS model marks required.
pub const ACTIONS: &[(&str, &[&str])] = &[
    (
        "AddPermission",
        &["QueueUrl", "Label", "AWSAccountIds", "Actions"],
    ),
    ("CancelMessageMoveTask", &["TaskHandle"]),
    (
        "ChangeMessageVisibility",
        &["QueueUrl", "ReceiptHandle", "VisibilityTimeout"],
    ),
    ("ChangeMessageVisibilityBatch", &["QueueUrl", "Entries"]),
    ("CreateQueue", &["QueueName"]),
    ("DeleteMessage", &["QueueUrl", "ReceiptHandle"]),
    ("DeleteMessageBatch", &["QueueUrl", "Entries"]),
    ("DeleteQueue", &["QueueUrl"]),
    ("GetQueueAttributes", &["QueueUrl"]),
    ("GetQueueUrl", &["QueueName"]),
    ("ListDeadLetterSourceQueues", &["QueueUrl"]),
    ("ListMessageMoveTasks", &["SourceArn"]),
    ("ListQueueTags", &["QueueUrl"]),
    ("ListQueues", &[]),
    ("PurgeQueue", &["QueueUrl"]),
    ("ReceiveMessage", &["QueueUrl"]),
    ("RemovePermission", &["QueueUrl", "Label"]),
    ("SendMessage", &["QueueUrl", "MessageBody"]),
    ("SendMessageBatch", &["QueueUrl", "Entries"]),
    ("SetQueueAttributes", &["QueueUrl", "Attributes"]),
    ("StartMessageMoveTask", &["SourceArn"]),
    ("TagQueue", &["QueueUrl", "Tags"]),
    ("UntagQueue", &["QueueUrl", "TagKeys"]),
];

/// The `X-Amz-Target` prefix of SQS actions.
pub const TARGET_PREFIX: &str = "AmazonSQS.";

/// Maps `AmazonSQS.SendMessage` or `SendMessage` to the canonical `SendMessage`;
/// `None` for anything that is not an SQS action (names are case-sensitive, as in AWS).
pub fn canonical_action(action: &str) -> Option<&'static str> {
    let bare = action.strip_prefix(TARGET_PREFIX).unwrap_or(action);
    ACTIONS
        .iter()
        .find(|(name, _)| *name == bare)
        .map(|(name, _)| *name)
}

/// The members AWS requires for `action` (canonical name); empty for unknown actions.
pub fn required_members(action: &str) -> &'static [&'static str] {
    ACTIONS
        .iter()
        .find(|(name, _)| *name == action)
        .map(|(_, required)| *required)
        .unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_target_forms_are_accepted() {
        assert_eq!(
            canonical_action("AmazonSQS.SendMessage"),
            Some("SendMessage")
        );
        assert_eq!(canonical_action("SendMessage"), Some("SendMessage"));
        assert_eq!(canonical_action("sendmessage"), None);
        assert_eq!(canonical_action("AmazonSQS."), None);
        assert_eq!(canonical_action("AmazonSNS.Publish"), None);
        assert_eq!(ACTIONS.len(), 23);
        assert!(
            ACTIONS.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted, no duplicates"
        );
    }
}
