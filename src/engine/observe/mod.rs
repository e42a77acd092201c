//! Observation for the world and the UI, all side-effect free (`&self`: no clock advance,
//! no event, no authorisation): point-in-time [`QueueSnapshot`]s (counts exact, message
//! list capped, here), borrowed views of stored messages and stale copies for paging
//! without copying bodies ([`messages`]), what a receipt handle still holds
//! ([`receipts`]), and the servers' loads ([`servers`]).

pub mod messages;
pub mod receipts;
pub mod servers;

pub use messages::{FoundMessage, MessageView, StaleCopyView};
pub use receipts::ReceiptStatus;
pub use servers::ServerLoad;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::service::Engine;
use super::state::message::{format_sequence_number, MsgState};

impl Engine {
    /// A point-in-time view of a queue (counts exact; message list capped).
    pub fn queue_snapshot(&self, name: &str) -> Option<QueueSnapshot> {
        let qid = *self.by_name.get(name)?;
        Some(snapshot(self, qid))
    }

    /// When the oldest message stored in queue `name` entered it (epoch ms; the base of
    /// its retention period, which is its SentTimestamp unless a FIFO dead-letter move
    /// reset it). O(log n): read from the retention index, nothing is copied. This is
    /// what `ApproximateAgeOfOldestMessage` measures.
    pub fn oldest_message_ms(&self, name: &str) -> Option<u64> {
        let qid = *self.by_name.get(name)?;
        self.q(qid)
            .retention
            .keys()
            .next()
            .map(|(enqueued_ms, _)| *enqueued_ms)
    }
}

/// Snapshot of queue `qid` (messages in queue order, capped).
fn snapshot(e: &Engine, qid: u32) -> QueueSnapshot {
    let q = e.q(qid);
    let messages = q
        .slots_in_order()
        .take(SNAPSHOT_MESSAGE_LIMIT)
        .map(|slot| {
            let m = q.msg(slot);
            MessageSnapshot {
                message_id: m.message_id.to_string(),
                body: m.body.clone(),
                state: match m.state {
                    MsgState::Visible => MessageState::Visible,
                    MsgState::InFlight(t) => MessageState::InFlight { until_ms: t },
                    MsgState::Delayed(t) => MessageState::Delayed { until_ms: t },
                },
                receive_count: m.receive_count,
                group_id: m.group_id.as_deref().map(str::to_string),
                sequence_number: m.meta().sequence_number.map(format_sequence_number),
                sent_ms: m.sent_ms,
                servers: m.holders.to_vec(),
                dead_letter_source_arn: m.meta().dlq_source_arn.clone(),
            }
        })
        .collect();
    let stale_copies = q
        .stale_copies
        .iter()
        .map(|z| StaleCopySnapshot {
            message_id: z.msg.message_id.to_string(),
            servers: z.down.clone(),
            deleted_at_ms: z.deleted_at_ms,
        })
        .collect();
    QueueSnapshot {
        name: q.name.to_string(),
        url: q.url.clone(),
        arn: q.arn.clone(),
        fifo: q.fifo(),
        attributes: e.all_attributes(qid),
        tags: q.tags.clone(),
        visible: q.n_visible,
        in_flight: q.inflight.len() as u64,
        delayed: q.delayed.len() as u64,
        sqs_managed_sse: q.attrs.sqs_managed_sse_enabled,
        kms_master_key_id: q.attrs.kms_master_key_id.clone(),
        encrypted_at_rest: q.attrs.sqs_managed_sse_enabled || q.attrs.kms_master_key_id.is_some(),
        messages,
        stale_copies,
        pending_polls: q.pending_polls.len(),
    }
}

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
