//! Typed engine events: every state change, stamped with its virtual time and cause.
//!
//! The world and UI drain these with [`crate::engine::Engine::drain_events`] and show
//! [`EngineEvent::describe`] to explain *why* something happened (e.g. a redelivery
//! from a stale copy on a server that was down during the delete).
//!
//! ```text
//! events/
//!   mod.rs       the types: EngineEvent, EventKind (and its stable names), RedeliveryCause
//!   describe.rs  the sentences: EngineEvent::describe, RedeliveryCause::describe
//!   text.rs      the words they use: clock_text, duration_text, servers_text
//! ```
//!
//! `describe` uses the types and `text`; `text` uses neither (only
//! [`crate::engine::DEFAULT_START_MS`]).

use serde::{Deserialize, Serialize};

use super::api::MoveTaskStatus;
pub use super::values::{MessageIdStr, QueueName, ServerList};

mod describe;
mod text;

pub use text::{clock_text, duration_text, servers_text};

/// Why a message that had been received before became receivable again.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(tag = "cause", rename_all = "snake_case")]
pub enum RedeliveryCause {
    /// Its visibility timeout expired before anyone deleted it.
    VisibilityTimeoutExpired,
    /// ChangeMessageVisibility(0) (or a receive with VisibilityTimeout 0) made it visible at once.
    VisibilityTerminated,
    /// A copy survived on `server`, which was down when the message was deleted at `deleted_at_ms`.
    StaleCopy {
        /// Server index that held the stale copy.
        server: usize,
        /// When the (incomplete) delete happened.
        deleted_at_ms: u64,
    },
}

/// What happened. Every variant is a state change (or a refused request worth explaining).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// A queue was created.
    QueueCreated {
        /// FIFO queue?
        fifo: bool,
    },
    /// A queue was deleted with `messages_lost` messages still in it.
    QueueDeleted {
        /// Messages discarded with the queue.
        messages_lost: u64,
    },
    /// SetQueueAttributes changed these attributes (applied immediately).
    AttributesChanged {
        /// Attribute names.
        names: Vec<String>,
    },
    /// A message was accepted.
    Sent {
        /// Effective delay in seconds.
        delay_s: u32,
        /// Message group (FIFO or fair queue).
        group_id: Option<String>,
        /// FIFO sequence number.
        sequence_number: Option<String>,
        /// Servers holding a copy.
        servers: ServerList,
    },
    /// A FIFO send was accepted but not enqueued: duplicate inside the 5-minute window.
    DedupSuppressed {
        /// The deduplication id that matched.
        dedup_id: String,
        /// MessageId of the original message (returned to the sender).
        original_message_id: String,
    },
    /// A delayed message became visible.
    DelayEnded,
    /// A message was received (became in flight).
    Received {
        /// ApproximateReceiveCount after this receive.
        receive_count: u32,
        /// When it becomes visible again unless deleted, epoch ms.
        visible_again_at_ms: u64,
        /// Why this is not the first delivery (None for the first).
        redelivery: Option<RedeliveryCause>,
    },
    /// A message was deleted. `stale_copy_servers` lists down holders whose copy survived.
    Deleted {
        /// Servers that were down and kept a copy.
        stale_copy_servers: Vec<usize>,
    },
    /// A delete with a superseded (stale) standard receipt handle; by policy it still deletes.
    StaleHandleDelete,
    /// ChangeMessageVisibility changed the timeout.
    VisibilityChanged {
        /// New timeout from now, seconds.
        visibility_timeout_s: u32,
    },
    /// The visibility timeout expired: the message is visible again.
    VisibilityExpired {
        /// Its receive count so far.
        receive_count: u32,
    },
    /// Moved to the dead-letter queue during a receive.
    MovedToDlq {
        /// DLQ name.
        dlq: String,
        /// Receive count when moved.
        receive_count: u32,
        /// The source queue's maxReceiveCount.
        max_receive_count: u32,
    },
    /// Arrived in this queue (a DLQ) from `source`.
    DeadLettered {
        /// Source queue name.
        source: String,
    },
    /// Removed because the retention period elapsed.
    Expired {
        /// MessageRetentionPeriod at the time, seconds.
        retention_s: u32,
    },
    /// PurgeQueue removed `count` messages.
    Purged {
        /// Messages removed.
        count: u64,
    },
    /// A FIFO request was throttled on the virtual clock.
    Throttled {
        /// Action name.
        action: String,
        /// The limit that applied, requests per second.
        limit_tps: u32,
        /// The message group, in high-throughput mode.
        group_id: Option<String>,
    },
    /// A request failed with 503 because too few servers were up.
    Unavailable {
        /// Action name.
        action: String,
        /// Replica servers up.
        servers_up: usize,
        /// Servers needed.
        servers_needed: usize,
    },
    /// A short poll hit the in-flight limit.
    OverLimit {
        /// Messages in flight.
        in_flight: u64,
    },
    /// A deleted message's copy on a revived server became receivable again.
    StaleCopyRevived {
        /// The revived server.
        server: usize,
        /// When the incomplete delete happened.
        deleted_at_ms: u64,
    },
    /// A stale copy was dropped: `server` already kept `limit` stale copies of this
    /// queue's deleted messages (the oldest goes first), so this one will never return.
    StaleCopyDropped {
        /// The down server that held the copy.
        server: usize,
        /// Stale copies kept per server and queue.
        limit: u32,
    },
    /// A storage server went down.
    ServerKilled {
        /// Server index.
        server: usize,
    },
    /// A storage server came back.
    ServerRevived {
        /// Server index.
        server: usize,
    },
    /// A long poll started waiting.
    LongPollWaiting {
        /// Poll id.
        poll_id: u64,
        /// Deadline, epoch ms.
        deadline_ms: u64,
    },
    /// A long poll returned.
    LongPollCompleted {
        /// Poll id.
        poll_id: u64,
        /// Messages returned.
        messages: usize,
    },
    /// A move task started.
    MoveTaskStarted {
        /// Task handle.
        task_handle: String,
    },
    /// A move task moved one message (new MessageId in the destination).
    MoveTaskMoved {
        /// Destination queue name.
        destination: String,
        /// The new MessageId.
        new_message_id: String,
    },
    /// A move task ended.
    MoveTaskFinished {
        /// COMPLETED, CANCELLED or FAILED.
        status: MoveTaskStatus,
        /// Messages moved.
        moved: u64,
    },
    /// A storage server joined the region (up, empty).
    ServerAdded {
        /// Index of the new server.
        server: usize,
    },
}

impl EventKind {
    /// Stable snake_case name, for counting by kind.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::QueueCreated { .. } => "queue_created",
            EventKind::QueueDeleted { .. } => "queue_deleted",
            EventKind::AttributesChanged { .. } => "attributes_changed",
            EventKind::Sent { .. } => "sent",
            EventKind::DedupSuppressed { .. } => "dedup_suppressed",
            EventKind::DelayEnded => "delay_ended",
            EventKind::Received { .. } => "received",
            EventKind::Deleted { .. } => "deleted",
            EventKind::StaleHandleDelete => "stale_handle_delete",
            EventKind::VisibilityChanged { .. } => "visibility_changed",
            EventKind::VisibilityExpired { .. } => "visibility_expired",
            EventKind::MovedToDlq { .. } => "moved_to_dlq",
            EventKind::DeadLettered { .. } => "dead_lettered",
            EventKind::Expired { .. } => "expired",
            EventKind::Purged { .. } => "purged",
            EventKind::Throttled { .. } => "throttled",
            EventKind::Unavailable { .. } => "unavailable",
            EventKind::OverLimit { .. } => "over_limit",
            EventKind::StaleCopyRevived { .. } => "stale_copy_revived",
            EventKind::StaleCopyDropped { .. } => "stale_copy_dropped",
            EventKind::ServerKilled { .. } => "server_killed",
            EventKind::ServerRevived { .. } => "server_revived",
            EventKind::LongPollWaiting { .. } => "long_poll_waiting",
            EventKind::LongPollCompleted { .. } => "long_poll_completed",
            EventKind::MoveTaskStarted { .. } => "move_task_started",
            EventKind::MoveTaskMoved { .. } => "move_task_moved",
            EventKind::MoveTaskFinished { .. } => "move_task_finished",
            EventKind::ServerAdded { .. } => "server_added",
        }
    }
}

/// One event: virtual time, global sequence, queue (empty for server events), message.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct EngineEvent {
    /// Virtual time, epoch ms.
    pub t_ms: u64,
    /// Global, strictly increasing sequence number.
    pub seq: u64,
    /// Queue name ("" for server-wide events).
    pub queue: QueueName,
    /// MessageId, for message events.
    pub message_id: Option<MessageIdStr>,
    /// What happened.
    pub kind: EventKind,
}
