//! The conservation ledger of one queue: every message that entered it is in exactly
//! one state or one exit count (checked with `debug_assert!` at every entry).

use serde::{Deserialize, Serialize};

/// Conservation counters for one queue: `accepted` always equals the sum of the others
/// (except `dedup_suppressed`, which were never accepted into the queue).
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageLedger {
    /// Messages that entered this queue: sends, dead-lettered arrivals and redriven arrivals.
    pub accepted: u64,
    /// Visible now.
    pub visible: u64,
    /// In flight now.
    pub in_flight: u64,
    /// Delayed now.
    pub delayed: u64,
    /// Deleted (a revived stale copy moves one back out of this count).
    pub deleted: u64,
    /// Moved to the dead-letter queue.
    pub moved_to_dlq: u64,
    /// Moved out by a message move task (redrive).
    pub moved_by_task: u64,
    /// Expired by retention.
    pub expired: u64,
    /// Removed by PurgeQueue.
    pub purged: u64,
    /// FIFO sends suppressed as duplicates (not part of `accepted`).
    pub dedup_suppressed: u64,
}

impl MessageLedger {
    /// True when every accepted message is in exactly one state.
    pub fn is_balanced(&self) -> bool {
        self.accepted
            == self.visible
                + self.in_flight
                + self.delayed
                + self.deleted
                + self.moved_to_dlq
                + self.moved_by_task
                + self.expired
                + self.purged
    }
}
