//! The SQS actions the JSON front door understands: one list giving each action's
//! name, engine method and required members, from which both [`ACTIONS`] and the
//! dispatch are generated (so a new action cannot be listed but not served).

use serde_json::Value;

use super::decode::decode;
use super::outcome::{JsonOutcome, Respond};
use super::wire::unknown_operation;
use crate::engine::{Engine, SqsError};

/// Declares every SQS action once — its `X-Amz-Target` name, the engine method that
/// serves it and the request members the AWS model marks required — and generates both
/// [`ACTIONS`] and the front door's dispatch from that one list.
macro_rules! sqs_actions {
    ($($name:literal => $method:ident [$($required:literal),*],)*) => {
        /// Every SQS action of the 2012-11-05 API, by its `X-Amz-Target` name (without
        /// the `AmazonSQS.` prefix), with the request members the AWS model marks required.
        pub const ACTIONS: &[(&str, &[&str])] = &[$(($name, &[$($required),*])),*];

        /// Decodes `body` for `action`'s request type, calls the engine, encodes the result.
        pub(crate) fn dispatch(
            engine: &mut Engine,
            action: &'static str,
            body: &Value,
            caller: &str,
        ) -> Result<JsonOutcome, SqsError> {
            match action {
                $($name => engine.$method(caller, decode(action, body)?)?.respond(),)*
                // `canonical_action` only returns names from ACTIONS, all matched above.
                other => Err(unknown_operation(other)),
            }
        }
    };
}

sqs_actions! {
    "AddPermission" => add_permission ["QueueUrl", "Label", "AWSAccountIds", "Actions"],
    "CancelMessageMoveTask" => cancel_message_move_task ["TaskHandle"],
    "ChangeMessageVisibility" => change_message_visibility
        ["QueueUrl", "ReceiptHandle", "VisibilityTimeout"],
    "ChangeMessageVisibilityBatch" => change_message_visibility_batch ["QueueUrl", "Entries"],
    "CreateQueue" => create_queue ["QueueName"],
    "DeleteMessage" => delete_message ["QueueUrl", "ReceiptHandle"],
    "DeleteMessageBatch" => delete_message_batch ["QueueUrl", "Entries"],
    "DeleteQueue" => delete_queue ["QueueUrl"],
    "GetQueueAttributes" => get_queue_attributes ["QueueUrl"],
    "GetQueueUrl" => get_queue_url ["QueueName"],
    "ListDeadLetterSourceQueues" => list_dead_letter_source_queues ["QueueUrl"],
    "ListMessageMoveTasks" => list_message_move_tasks ["SourceArn"],
    "ListQueueTags" => list_queue_tags ["QueueUrl"],
    "ListQueues" => list_queues [],
    "PurgeQueue" => purge_queue ["QueueUrl"],
    "ReceiveMessage" => receive_message ["QueueUrl"],
    "RemovePermission" => remove_permission ["QueueUrl", "Label"],
    "SendMessage" => send_message ["QueueUrl", "MessageBody"],
    "SendMessageBatch" => send_message_batch ["QueueUrl", "Entries"],
    "SetQueueAttributes" => set_queue_attributes ["QueueUrl", "Attributes"],
    "StartMessageMoveTask" => start_message_move_task ["SourceArn"],
    "TagQueue" => tag_queue ["QueueUrl", "Tags"],
    "UntagQueue" => untag_queue ["QueueUrl", "TagKeys"],
}

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
