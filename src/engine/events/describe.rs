//! The sentences that explain events: [`EngineEvent::describe`] and
//! [`RedeliveryCause::describe`], with their causes (e.g. a redelivery from a stale copy
//! on a server that was down during the delete).

use super::text::{clock_text, duration_text, servers_text};
use super::{EngineEvent, EventKind, RedeliveryCause};

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
