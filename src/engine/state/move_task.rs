//! The record of one message move task (DLQ redrive); the actions that start, list
//! and cancel it are in `actions/move_tasks.rs`, its pacing in `lifecycle/redrive.rs`.

use crate::engine::api::MoveTaskStatus;

/// Default pace when MaxNumberOfMessagesPerSecond is omitted.
pub const DEFAULT_MOVE_RATE: i64 = 500;

/// A message move task.
#[derive(Debug, Clone)]
pub(crate) struct MoveTask {
    pub handle: String,
    pub source_arn: String,
    pub destination_arn: Option<String>,
    pub rate: Option<i64>,
    pub status: MoveTaskStatus,
    pub moved: u64,
    pub to_move: u64,
    pub failure_reason: Option<String>,
    pub started_ms: u64,
    /// When the next step is scheduled.
    pub next_tick_ms: Option<u64>,
}

impl MoveTask {
    /// Still moving messages?
    pub fn running(&self) -> bool {
        self.status == MoveTaskStatus::Running
    }

    /// Milliseconds between two moves at the task's pace.
    pub fn interval_ms(&self) -> u64 {
        (1000 / self.rate.unwrap_or(DEFAULT_MOVE_RATE).max(1) as u64).max(1)
    }
}
