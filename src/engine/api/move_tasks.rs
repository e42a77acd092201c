//! Dead-letter queue redrive: Start/List/CancelMessageMoveTask.

use serde::{Deserialize, Serialize};

/// `StartMessageMoveTask` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct StartMessageMoveTaskRequest {
    /// ARN of the dead-letter queue to drain.
    pub source_arn: String,
    /// Destination ARN; default: each message's original source queue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_arn: Option<String>,
    /// Pace, at most 500/s; default: as fast as the system allows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_number_of_messages_per_second: Option<i64>,
}

/// `StartMessageMoveTask` result.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct StartMessageMoveTaskResult {
    /// Opaque handle for CancelMessageMoveTask.
    pub task_handle: String,
}

/// `ListMessageMoveTasks` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListMessageMoveTasksRequest {
    /// ARN of the dead-letter queue.
    pub source_arn: String,
    /// 1–10, default 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i64>,
}

/// One task in `ListMessageMoveTasks`.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListMessageMoveTasksResultEntry {
    /// Only for a RUNNING task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_handle: Option<String>,
    /// RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED.
    pub status: String,
    /// Source ARN.
    pub source_arn: String,
    /// Destination ARN, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_arn: Option<String>,
    /// Pace, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_number_of_messages_per_second: Option<i64>,
    /// Messages moved so far.
    pub approximate_number_of_messages_moved: i64,
    /// Messages to move, counted at start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approximate_number_of_messages_to_move: Option<i64>,
    /// Why a FAILED task failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<String>,
    /// Start time, epoch ms.
    pub started_timestamp: i64,
}

/// `ListMessageMoveTasks` result.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListMessageMoveTasksResult {
    /// Most recent first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<ListMessageMoveTasksResultEntry>,
}

/// `CancelMessageMoveTask` request.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct CancelMessageMoveTaskRequest {
    /// Handle from StartMessageMoveTask.
    pub task_handle: String,
}

/// `CancelMessageMoveTask` result.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct CancelMessageMoveTaskResult {
    /// Messages moved before the cancel.
    pub approximate_number_of_messages_moved: i64,
}
