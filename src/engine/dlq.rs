//! The dead-letter move during a receive.
//!
//! With maxReceiveCount = N, receives 1..N return the message; the (N+1)-th receive moves
//! it to the DLQ instead of returning it (a visibility expiry alone never moves it).
//! The DLQ copy keeps MessageId, body, attributes, SentTimestamp, AWSTraceHeader,
//! ApproximateFirstReceiveTimestamp and the receive count (which keeps counting), and
//! gains `DeadLetterQueueSourceArn`. Retention: a standard DLQ keeps the original enqueue
//! time; a FIFO DLQ resets it to the move time. A FIFO→FIFO move replaces the dedup id
//! with the MessageId and assigns a new SequenceNumber in the DLQ. If the DLQ no longer
//! exists (or has the other type) the message is simply returned as usual.

use super::events::EventKind;
use super::queue::{MsgState, Replicas};
use super::service::Engine;

impl Engine {
    /// Moves the message in `slot` of `src` to `dlq`.
    pub(crate) fn move_to_dlq(&mut self, src: u32, slot: u32, dlq: u32, max_receive_count: u32) {
        let now = self.ctx.now_ms;
        let q = self.qm(src);
        let mut m = q.remove(slot);
        q.ledger.moved_to_dlq += 1;
        let (src_name, src_arn) = (q.name.clone(), q.arn.clone());
        let dlq_name = self.q(dlq).name.clone();
        self.ctx.emit(
            &src_name,
            Some(&m.message_id),
            EventKind::MovedToDlq {
                dlq: dlq_name.to_string(),
                receive_count: m.receive_count,
                max_receive_count,
            },
        );
        let fifo = self.q(dlq).fifo();
        m.holders = if fifo {
            replica_set_holders(&self.q(dlq).replica_set)
        } else {
            self.choose_replicas().unwrap_or(m.holders)
        };
        let gap = if fifo {
            self.ctx.rng.below_u64(1 << 16) as u128
        } else {
            0
        };
        let d = self.qm(dlq);
        m.seq = d.next_seq;
        d.next_seq += 1;
        m.meta_mut().dlq_source_arn = Some(src_arn);
        m.pending_cause = None;
        m.queue_delay = false;
        if fifo {
            m.enqueued_ms = now;
            let id = m.message_id.to_string();
            let meta = m.meta_mut();
            meta.dedup_id = Some(id);
            meta.sequence_number = Some(d.take_sequence_number(gap));
        }
        let mid = m.message_id;
        d.insert(m, MsgState::Visible);
        d.ledger.accepted += 1;
        self.ctx.emit(
            &dlq_name,
            Some(&mid),
            EventKind::DeadLettered {
                source: src_name.to_string(),
            },
        );
    }
}

/// A FIFO queue's replica set as message holders.
pub(crate) fn replica_set_holders(set: &[usize]) -> Replicas {
    let mut r = Replicas::default();
    for (i, s) in set.iter().take(3).enumerate() {
        r.ids[i] = *s as u16;
    }
    r.len = set.len().min(3) as u8;
    r
}
