//! Typed request/response structs for every SQS action the engine implements.
//!
//! Each struct uses AWS's exact JSON member names (`PascalCase`, with AWS's exceptions:
//! CreateQueue `tags` and ListDeadLetterSourceQueues `queueUrls`), defaults every missing
//! member (so the engine, not serde, reports a missing required parameter the way AWS does)
//! and omits `None`/empty members on output the way AWS does. The JSON front door is
//! therefore `serde_json::from_value::<XRequest>(body)` → typed call → `serde_json::to_value(result)`.
//!
//! Pure data: depends on serde only, and every other engine module may use it.

mod messages;
mod move_tasks;
mod queues;

pub use messages::*;
pub use move_tasks::*;
pub use queues::*;

use serde::{Deserialize, Serialize};

/// The empty `{}` response of actions that return nothing (DeleteQueue, PurgeQueue, ...).
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct EmptyResult {}

/// One failed entry of a batch response.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase", default)]
pub struct BatchResultErrorEntry {
    /// The entry `Id` from the request.
    pub id: String,
    /// True when the caller caused the failure.
    pub sender_fault: bool,
    /// The query error code, e.g. `InvalidMessageContents`.
    pub code: String,
    /// AWS's message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl BatchResultErrorEntry {
    /// Builds a failed entry from an engine error.
    pub fn from_error(id: &str, e: &crate::engine::SqsError) -> Self {
        BatchResultErrorEntry {
            id: id.to_string(),
            sender_fault: e.sender_fault,
            code: e.code.clone(),
            message: Some(e.message.clone()),
        }
    }
}
