//! Dead-letter queue redrive: Start/List/CancelMessageMoveTask.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The status of a message move task, serialised as AWS's strings (`RUNNING`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MoveTaskStatus {
    /// Moving messages.
    #[default]
    Running,
    /// Every message counted at the start was moved (or the source emptied).
    Completed,
    /// A cancel was requested and is in progress (the engine cancels at once, so it
    /// never reports this state; it exists because AWS's API has it).
    Cancelling,
    /// Cancelled by CancelMessageMoveTask.
    Cancelled,
    /// Stopped by an error (see the failure reason).
    Failed,
}

impl MoveTaskStatus {
    /// Every status, in AWS's documented order.
    pub const ALL: [MoveTaskStatus; 5] = [
        MoveTaskStatus::Running,
        MoveTaskStatus::Completed,
        MoveTaskStatus::Cancelling,
        MoveTaskStatus::Cancelled,
        MoveTaskStatus::Failed,
    ];

    /// AWS's string for the status.
    pub fn as_str(self) -> &'static str {
        match self {
            MoveTaskStatus::Running => "RUNNING",
            MoveTaskStatus::Completed => "COMPLETED",
            MoveTaskStatus::Cancelling => "CANCELLING",
            MoveTaskStatus::Cancelled => "CANCELLED",
            MoveTaskStatus::Failed => "FAILED",
        }
    }

    /// The status named by AWS's string.
    pub fn parse(s: &str) -> Option<MoveTaskStatus> {
        MoveTaskStatus::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

impl std::fmt::Display for MoveTaskStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for MoveTaskStatus {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for MoveTaskStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MoveTaskStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        MoveTaskStatus::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown move task status {s:?}")))
    }
}

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
    pub status: MoveTaskStatus,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_serialize_as_aws_strings_and_round_trip() {
        for st in MoveTaskStatus::ALL {
            let json = serde_json::to_string(&st).unwrap();
            assert_eq!(json, format!("\"{}\"", st.as_str()));
            assert_eq!(serde_json::from_str::<MoveTaskStatus>(&json).unwrap(), st);
        }
        assert_eq!(MoveTaskStatus::Completed, "COMPLETED");
        assert!(serde_json::from_str::<MoveTaskStatus>("\"DONE\"").is_err());
    }
}
