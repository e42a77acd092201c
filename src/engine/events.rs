//! Typed engine events: every state change, stamped with its virtual time and cause.
//!
//! The world and UI drain these with [`crate::engine::Engine::drain_events`] and show
//! [`EngineEvent::describe`] to explain *why* something happened (e.g. a redelivery
//! from a stale copy on a server that was down during the delete).

use serde::{Deserialize, Serialize};

use super::api::MoveTaskStatus;
pub use super::values::{MessageIdStr, QueueName, ServerList};

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

impl RedeliveryCause {
    /// Human sentence fragment.
    pub fn describe(&self) -> String {
        match self {
            RedeliveryCause::VisibilityTimeoutExpired => {
                "its visibility timeout expired before it was deleted".to_string()
            }
            RedeliveryCause::VisibilityTerminated => {
                "its visibility timeout was set to 0".to_string()
            }
            RedeliveryCause::StaleCopy {
                server,
                deleted_at_ms,
            } => format!(
                "server {server} was down when it was deleted at {}, so its copy survived",
                clock_text(*deleted_at_ms)
            ),
        }
    }
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

impl EngineEvent {
    /// A human-readable sentence explaining the event and its cause.
    pub fn describe(&self) -> String {
        let m = self.message_id.as_deref().unwrap_or("?");
        let q = &self.queue;
        match &self.kind {
            EventKind::QueueCreated { fifo } => {
                format!("queue {q} created ({})", if *fifo { "FIFO" } else { "standard" })
            }
            EventKind::QueueDeleted { messages_lost } => {
                format!("queue {q} deleted; {messages_lost} message(s) discarded")
            }
            EventKind::AttributesChanged { names } => {
                format!("queue {q}: attributes {} changed (applied at once)", names.join(", "))
            }
            EventKind::Sent { delay_s, servers, group_id, .. } => {
                let mut s = format!("message {m} sent to {q}, stored on {}", servers_text(servers));
                if let Some(g) = group_id {
                    s.push_str(&format!(" in group {g}"));
                }
                if *delay_s > 0 {
                    s.push_str(&format!(", delayed {delay_s} s"));
                }
                s
            }
            EventKind::DedupSuppressed { dedup_id, original_message_id } => format!(
                "send to {q} suppressed: deduplication id {dedup_id} already used by {original_message_id} in the last 5 minutes"
            ),
            EventKind::DelayEnded => format!("message {m} in {q}: delay over, now visible"),
            EventKind::Received { receive_count, visible_again_at_ms, redelivery } => {
                let mut s = format!(
                    "message {m} received from {q} (receive #{receive_count}), invisible for {} (until {})",
                    duration_text(visible_again_at_ms.saturating_sub(self.t_ms)),
                    clock_text(*visible_again_at_ms)
                );
                if let Some(c) = redelivery {
                    s.push_str(&format!("; delivered again because {}", c.describe()));
                }
                s
            }
            EventKind::Deleted { stale_copy_servers } if stale_copy_servers.is_empty() => {
                format!("message {m} deleted from {q}")
            }
            EventKind::Deleted { stale_copy_servers } => format!(
                "message {m} deleted from {q}, but {} down and kept a copy",
                match stale_copy_servers.as_slice() {
                    [one] => format!("server {one} was"),
                    many => format!("{} were", servers_text(many)),
                }
            ),
            EventKind::StaleHandleDelete => format!(
                "message {m} in {q} deleted with an old receipt handle (superseded by a newer receive)"
            ),
            EventKind::VisibilityChanged { visibility_timeout_s } => format!(
                "message {m} in {q}: visibility timeout changed to {visibility_timeout_s} s from now"
            ),
            EventKind::VisibilityExpired { receive_count } => format!(
                "message {m} in {q}: visibility timeout expired after receive #{receive_count}; visible again"
            ),
            EventKind::MovedToDlq { dlq, receive_count, max_receive_count } => format!(
                "message {m} moved from {q} to dead-letter queue {dlq}: receive #{} would exceed maxReceiveCount {max_receive_count} (received {receive_count} times)",
                receive_count + 1
            ),
            EventKind::DeadLettered { source } => {
                format!("message {m} arrived in dead-letter queue {q} from {source}")
            }
            EventKind::Expired { retention_s } => {
                format!("message {m} in {q} expired: older than the {retention_s} s retention period")
            }
            EventKind::Purged { count } => format!("queue {q} purged: {count} message(s) removed"),
            EventKind::Throttled { action, limit_tps, group_id } => match group_id {
                Some(g) => format!("{action} on {q} throttled: over {limit_tps} requests/s for group {g}"),
                None => format!("{action} on {q} throttled: over {limit_tps} requests/s"),
            },
            EventKind::Unavailable { action, servers_up, servers_needed } => format!(
                "{action} on {q} failed with 503: only {servers_up} of the {servers_needed} servers needed are up"
            ),
            EventKind::OverLimit { in_flight } => {
                format!("short poll on {q} refused: {in_flight} messages in flight (limit 120000)")
            }
            EventKind::StaleCopyRevived { server, deleted_at_ms } => format!(
                "message {m} in {q} is back: server {server} was down when it was deleted at {} and still had a copy",
                clock_text(*deleted_at_ms)
            ),
            EventKind::StaleCopyDropped { server, limit } => format!(
                "stale copy of deleted message {m} in {q} dropped from server {server}: a down server keeps at most {limit} stale copies per queue, so this one will not come back"
            ),
            EventKind::ServerKilled { server } => format!("server {server} went down"),
            EventKind::ServerRevived { server } => format!("server {server} is back up"),
            EventKind::LongPollWaiting { poll_id, deadline_ms } => {
                format!(
                    "long poll {poll_id} on {q} waiting up to {} for a message",
                    duration_text(deadline_ms.saturating_sub(self.t_ms))
                )
            }
            EventKind::LongPollCompleted { poll_id, messages } => {
                format!("long poll {poll_id} on {q} returned {messages} message(s)")
            }
            EventKind::MoveTaskStarted { task_handle } => {
                format!("message move task {task_handle} started on {q}")
            }
            EventKind::MoveTaskMoved { destination, new_message_id } => format!(
                "message {m} redriven from {q} to {destination} as new message {new_message_id}"
            ),
            EventKind::MoveTaskFinished { status, moved } => {
                format!("message move task on {q} finished: {status}, {moved} moved")
            }
            EventKind::ServerAdded { server } => format!(
                "server {server} added: new standard messages may be stored on it (FIFO queues keep the replica set they were created with)"
            ),
        }
    }
}

/// An instant as the time of day in UTC, `HH:MM:SS.mmm UTC` (with the day when it is not
/// the first day of the default start, 2026-01-01).
pub fn clock_text(epoch_ms: u64) -> String {
    let day_ms = 86_400_000;
    let day = epoch_ms.saturating_sub(super::DEFAULT_START_MS) / day_ms;
    let t = epoch_ms % day_ms;
    let hms = format!(
        "{:02}:{:02}:{:02}.{:03} UTC",
        t / 3_600_000,
        (t / 60_000) % 60,
        (t / 1_000) % 60,
        t % 1_000
    );
    if epoch_ms >= super::DEFAULT_START_MS && day > 0 {
        format!("day {} {hms}", day + 1)
    } else {
        hms
    }
}

/// A duration in words for event texts: `850 ms`, `30 s`, `12.5 s`, `5 min`, `2 h`.
pub fn duration_text(ms: u64) -> String {
    if ms < 1_000 {
        format!("{ms} ms")
    } else if ms < 60_000 {
        if ms.is_multiple_of(1_000) {
            format!("{} s", ms / 1_000)
        } else {
            format!("{:.1} s", ms as f64 / 1_000.0)
        }
    } else if ms.is_multiple_of(60_000) && ms < 3_600_000 {
        format!("{} min", ms / 60_000)
    } else if ms < 3_600_000 {
        format!("{} min {} s", ms / 60_000, (ms / 1_000) % 60)
    } else {
        format!("{:.1} h", ms as f64 / 3_600_000.0)
    }
}

/// Servers in words: `server 2` or `servers 2, 0, 1` (in the order given).
pub fn servers_text(servers: &[usize]) -> String {
    let list = servers
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if servers.len() == 1 {
        format!("server {list}")
    } else {
        format!("servers {list}")
    }
}
