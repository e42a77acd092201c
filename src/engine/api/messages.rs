//! Message-level actions: send, receive, delete and change visibility (single and batch).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{BatchResultErrorEntry, EmptyResult};
use crate::engine::rules::MessageAttributeValue;

/// `SendMessage` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct SendMessageRequest {
    /// Queue URL.
    pub queue_url: String,
    /// Message body (1 character to MaximumMessageSize bytes).
    pub message_body: String,
    /// Per-message delay, 0–900 s (standard queues only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_seconds: Option<i64>,
    /// User message attributes.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub message_attributes: BTreeMap<String, MessageAttributeValue>,
    /// System attributes (only `AWSTraceHeader`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub message_system_attributes: BTreeMap<String, MessageAttributeValue>,
    /// FIFO deduplication id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_deduplication_id: Option<String>,
    /// FIFO message group id (fair-queue tenant on standard queues).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_group_id: Option<String>,
}

/// `SendMessage` result.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct SendMessageResult {
    /// Hex MD5 of the body.
    #[serde(rename = "MD5OfMessageBody")]
    pub md5_of_message_body: String,
    /// Hex MD5 of the user attributes, when there are any.
    #[serde(
        rename = "MD5OfMessageAttributes",
        skip_serializing_if = "Option::is_none"
    )]
    pub md5_of_message_attributes: Option<String>,
    /// Hex MD5 of the system attributes, when there are any.
    #[serde(
        rename = "MD5OfMessageSystemAttributes",
        skip_serializing_if = "Option::is_none"
    )]
    pub md5_of_message_system_attributes: Option<String>,
    /// The MessageId (a UUID).
    pub message_id: String,
    /// FIFO only: the message's sequence number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<String>,
}

/// One entry of `SendMessageBatch`.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct SendMessageBatchRequestEntry {
    /// Entry id, unique within the request.
    pub id: String,
    /// Message body.
    pub message_body: String,
    /// Per-message delay (standard only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_seconds: Option<i64>,
    /// User message attributes.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub message_attributes: BTreeMap<String, MessageAttributeValue>,
    /// System attributes (only `AWSTraceHeader`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub message_system_attributes: BTreeMap<String, MessageAttributeValue>,
    /// FIFO deduplication id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_deduplication_id: Option<String>,
    /// FIFO message group id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_group_id: Option<String>,
}

/// `SendMessageBatch` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct SendMessageBatchRequest {
    /// Queue URL.
    pub queue_url: String,
    /// 1–10 entries.
    pub entries: Vec<SendMessageBatchRequestEntry>,
}

/// One successful entry of `SendMessageBatch`.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct SendMessageBatchResultEntry {
    /// The entry id.
    pub id: String,
    /// The MessageId.
    pub message_id: String,
    /// Hex MD5 of the body.
    #[serde(rename = "MD5OfMessageBody")]
    pub md5_of_message_body: String,
    /// Hex MD5 of the user attributes.
    #[serde(
        rename = "MD5OfMessageAttributes",
        skip_serializing_if = "Option::is_none"
    )]
    pub md5_of_message_attributes: Option<String>,
    /// Hex MD5 of the system attributes.
    #[serde(
        rename = "MD5OfMessageSystemAttributes",
        skip_serializing_if = "Option::is_none"
    )]
    pub md5_of_message_system_attributes: Option<String>,
    /// FIFO only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<String>,
}

/// `SendMessageBatch` result. An empty list is omitted, as AWS's JSON responses do
/// (although the model marks both required; SDKs rely on it, aws/aws-sdk#657).
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct SendMessageBatchResult {
    /// Accepted entries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub successful: Vec<SendMessageBatchResultEntry>,
    /// Rejected entries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<BatchResultErrorEntry>,
}

/// `ReceiveMessage` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ReceiveMessageRequest {
    /// Queue URL.
    pub queue_url: String,
    /// Deprecated name list for system attributes (merged with the next one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attribute_names: Vec<String>,
    /// System attributes to return, or `All`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub message_system_attribute_names: Vec<String>,
    /// User attributes to return: names, `All`/`.*`, or prefixes `foo.*`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub message_attribute_names: Vec<String>,
    /// 1–10, default 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_number_of_messages: Option<i64>,
    /// Visibility timeout for the returned messages only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility_timeout: Option<i64>,
    /// 0–20; overrides ReceiveMessageWaitTimeSeconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_time_seconds: Option<i64>,
    /// FIFO retry token (5 minutes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receive_request_attempt_id: Option<String>,
}

/// A received message.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct Message {
    /// MessageId.
    pub message_id: String,
    /// Handle for Delete/ChangeMessageVisibility (new on every receive).
    pub receipt_handle: String,
    /// Hex MD5 of the body.
    #[serde(rename = "MD5OfBody")]
    pub md5_of_body: String,
    /// The body.
    pub body: String,
    /// Requested system attributes as strings.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// MD5 of the returned user attributes, when any are returned.
    #[serde(
        rename = "MD5OfMessageAttributes",
        skip_serializing_if = "Option::is_none"
    )]
    pub md5_of_message_attributes: Option<String>,
    /// Requested user attributes.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub message_attributes: BTreeMap<String, MessageAttributeValue>,
}

/// `ReceiveMessage` result; no `Messages` key when nothing was received.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ReceiveMessageResult {
    /// Received messages.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<Message>,
}

/// `DeleteMessage` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct DeleteMessageRequest {
    /// Queue URL.
    pub queue_url: String,
    /// Handle from the latest receive.
    pub receipt_handle: String,
}
/// `DeleteMessage` result (`{}`).
pub type DeleteMessageResult = EmptyResult;

/// One entry of `DeleteMessageBatch`.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct DeleteMessageBatchRequestEntry {
    /// Entry id.
    pub id: String,
    /// Receipt handle.
    pub receipt_handle: String,
}

/// `DeleteMessageBatch` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct DeleteMessageBatchRequest {
    /// Queue URL.
    pub queue_url: String,
    /// 1–10 entries.
    pub entries: Vec<DeleteMessageBatchRequestEntry>,
}

/// A successful batch entry that carries only its id (Delete/ChangeMessageVisibility batches).
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct BatchResultEntryId {
    /// The entry id.
    pub id: String,
}

/// `DeleteMessageBatch` result (an empty list is omitted, as AWS JSON does).
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct DeleteMessageBatchResult {
    /// Deleted entries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub successful: Vec<BatchResultEntryId>,
    /// Failed entries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<BatchResultErrorEntry>,
}

/// `ChangeMessageVisibility` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ChangeMessageVisibilityRequest {
    /// Queue URL.
    pub queue_url: String,
    /// Receipt handle.
    pub receipt_handle: String,
    /// New timeout in seconds from now (0–43200, within 12 h of the receive). Required.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility_timeout: Option<i64>,
}
/// `ChangeMessageVisibility` result (`{}`).
pub type ChangeMessageVisibilityResult = EmptyResult;

/// One entry of `ChangeMessageVisibilityBatch`.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ChangeMessageVisibilityBatchRequestEntry {
    /// Entry id.
    pub id: String,
    /// Receipt handle.
    pub receipt_handle: String,
    /// New timeout in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility_timeout: Option<i64>,
}

/// `ChangeMessageVisibilityBatch` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ChangeMessageVisibilityBatchRequest {
    /// Queue URL.
    pub queue_url: String,
    /// 1–10 entries.
    pub entries: Vec<ChangeMessageVisibilityBatchRequestEntry>,
}

/// `ChangeMessageVisibilityBatch` result (an empty list is omitted, as AWS JSON does).
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ChangeMessageVisibilityBatchResult {
    /// Changed entries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub successful: Vec<BatchResultEntryId>,
    /// Failed entries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<BatchResultErrorEntry>,
}
