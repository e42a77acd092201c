//! Cheap observation types for the world and UI: queue snapshots and conservation ledgers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Where a message is in its lifecycle.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum MessageState {
    /// Receivable now (if a holder server is reachable).
    Visible,
    /// Received; invisible until `until_ms`.
    InFlight {
        /// When it becomes visible again, epoch ms.
        until_ms: u64,
    },
    /// Delayed; visible at `until_ms`.
    Delayed {
        /// When the delay ends, epoch ms.
        until_ms: u64,
    },
}

/// One stored message as the UI shows it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct MessageSnapshot {
    /// MessageId.
    pub message_id: String,
    /// Body (full text).
    pub body: String,
    /// Lifecycle state.
    pub state: MessageState,
    /// ApproximateReceiveCount.
    pub receive_count: u32,
    /// Message group, if any.
    pub group_id: Option<String>,
    /// FIFO sequence number.
    pub sequence_number: Option<String>,
    /// SentTimestamp, epoch ms.
    pub sent_ms: u64,
    /// Servers holding a copy (encrypted at rest when the queue has SSE).
    pub servers: Vec<usize>,
    /// Source queue ARN when this message was dead-lettered.
    pub dead_letter_source_arn: Option<String>,
}

/// A copy that survived a delete on a server that was down (standard queues).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct StaleCopySnapshot {
    /// MessageId of the deleted message.
    pub message_id: String,
    /// Down servers still holding it.
    pub servers: Vec<usize>,
    /// When the incomplete delete happened.
    pub deleted_at_ms: u64,
}

/// A point-in-time view of one queue.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct QueueSnapshot {
    /// Queue name.
    pub name: String,
    /// Queue URL.
    pub url: String,
    /// Queue ARN.
    pub arn: String,
    /// FIFO queue?
    pub fifo: bool,
    /// All attributes as GetQueueAttributes(All) returns them.
    pub attributes: BTreeMap<String, String>,
    /// Tags.
    pub tags: BTreeMap<String, String>,
    /// Visible messages.
    pub visible: u64,
    /// In-flight messages.
    pub in_flight: u64,
    /// Delayed messages.
    pub delayed: u64,
    /// SSE-SQS enabled.
    pub sqs_managed_sse: bool,
    /// SSE-KMS key, if any.
    pub kms_master_key_id: Option<String>,
    /// True when copies on servers are encrypted at rest (SSE-SQS or SSE-KMS).
    pub encrypted_at_rest: bool,
    /// The first [`SNAPSHOT_MESSAGE_LIMIT`] messages in queue order.
    pub messages: Vec<MessageSnapshot>,
    /// Surviving copies of deleted messages on down servers.
    pub stale_copies: Vec<StaleCopySnapshot>,
    /// Long polls waiting on this queue.
    pub pending_polls: usize,
}

/// At most this many messages are listed in a [`QueueSnapshot`] (counts are always exact).
pub const SNAPSHOT_MESSAGE_LIMIT: usize = 500;

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
