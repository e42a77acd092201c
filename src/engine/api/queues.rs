//! Queue-level actions: create, delete, URL, list, attributes, purge, tags, permissions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::EmptyResult;

/// `CreateQueue` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct CreateQueueRequest {
    /// Queue name (`.fifo` suffix for FIFO queues).
    pub queue_name: String,
    /// Queue attributes as AWS strings.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// Tags (AWS spells this member in lower case).
    #[serde(rename = "tags", skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// `CreateQueue` / `GetQueueUrl` result.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct CreateQueueResult {
    /// `https://sqs.us-east-1.amazonaws.com/000000000000/<name>`.
    pub queue_url: String,
}

/// `DeleteQueue` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct DeleteQueueRequest {
    /// Queue URL.
    pub queue_url: String,
}
/// `DeleteQueue` result (`{}`).
pub type DeleteQueueResult = EmptyResult;

/// `GetQueueUrl` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetQueueUrlRequest {
    /// Queue name.
    pub queue_name: String,
    /// Owner account; only `000000000000` exists in the playground.
    #[serde(
        rename = "QueueOwnerAWSAccountId",
        skip_serializing_if = "Option::is_none"
    )]
    pub queue_owner_aws_account_id: Option<String>,
}
/// `GetQueueUrl` result.
pub type GetQueueUrlResult = CreateQueueResult;

/// `ListQueues` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListQueuesRequest {
    /// Only queues whose name starts with this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_name_prefix: Option<String>,
    /// Token from a previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// 1–1000; enables pagination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i64>,
}

/// `ListQueues` result.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListQueuesResult {
    /// Queue URLs (omitted when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub queue_urls: Vec<String>,
    /// Present only when MaxResults was given and more queues remain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `GetQueueAttributes` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetQueueAttributesRequest {
    /// Queue URL.
    pub queue_url: String,
    /// Attribute names, or `All`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attribute_names: Vec<String>,
}

/// `GetQueueAttributes` result.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetQueueAttributesResult {
    /// Attributes as AWS strings (omitted when empty).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

/// `SetQueueAttributes` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct SetQueueAttributesRequest {
    /// Queue URL.
    pub queue_url: String,
    /// Attributes to set.
    pub attributes: BTreeMap<String, String>,
}
/// `SetQueueAttributes` result (`{}`).
pub type SetQueueAttributesResult = EmptyResult;

/// `PurgeQueue` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct PurgeQueueRequest {
    /// Queue URL.
    pub queue_url: String,
}
/// `PurgeQueue` result (`{}`).
pub type PurgeQueueResult = EmptyResult;

/// `TagQueue` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct TagQueueRequest {
    /// Queue URL.
    pub queue_url: String,
    /// Tags to add or overwrite.
    pub tags: BTreeMap<String, String>,
}
/// `TagQueue` result (`{}`).
pub type TagQueueResult = EmptyResult;

/// `UntagQueue` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct UntagQueueRequest {
    /// Queue URL.
    pub queue_url: String,
    /// Keys to remove.
    pub tag_keys: Vec<String>,
}
/// `UntagQueue` result (`{}`).
pub type UntagQueueResult = EmptyResult;

/// `ListQueueTags` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListQueueTagsRequest {
    /// Queue URL.
    pub queue_url: String,
}

/// `ListQueueTags` result.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListQueueTagsResult {
    /// Tags (omitted when empty).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// `ListDeadLetterSourceQueues` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListDeadLetterSourceQueuesRequest {
    /// URL of the dead-letter queue.
    pub queue_url: String,
    /// Token from a previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// 1–1000; enables pagination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i64>,
}

/// `ListDeadLetterSourceQueues` result (AWS spells `queueUrls` in lower camel case).
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(default)]
pub struct ListDeadLetterSourceQueuesResult {
    /// URLs of queues whose RedrivePolicy targets this queue.
    #[serde(rename = "queueUrls")]
    pub queue_urls: Vec<String>,
    /// Present only when MaxResults was given and more remain.
    #[serde(rename = "NextToken", skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `AddPermission` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct AddPermissionRequest {
    /// Queue URL.
    pub queue_url: String,
    /// Statement id (Sid), unique per queue.
    pub label: String,
    /// Account ids granted access.
    #[serde(rename = "AWSAccountIds")]
    pub aws_account_ids: Vec<String>,
    /// Action names without the `sqs:` prefix (e.g. `SendMessage`, `*`).
    pub actions: Vec<String>,
}
/// `AddPermission` result (`{}`).
pub type AddPermissionResult = EmptyResult;

/// `RemovePermission` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct RemovePermissionRequest {
    /// Queue URL.
    pub queue_url: String,
    /// Statement id given to AddPermission.
    pub label: String,
}
/// `RemovePermission` result (`{}`).
pub type RemovePermissionResult = EmptyResult;
