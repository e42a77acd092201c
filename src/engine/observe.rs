//! Building [`QueueSnapshot`]s for the world and UI.

use super::queue::{format_sequence_number, MsgState};
use super::service::Engine;
use super::snapshot::{
    MessageSnapshot, MessageState, QueueSnapshot, StaleCopySnapshot, SNAPSHOT_MESSAGE_LIMIT,
};

/// Snapshot of queue `qid` (messages in queue order, capped).
pub(crate) fn snapshot(e: &Engine, qid: u32) -> QueueSnapshot {
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
        .zombies
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
