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

use crate::engine::events::EventKind;
use crate::engine::service::Engine;
use crate::engine::state::queue::Entry;

impl Engine {
    /// Moves the message in `slot` of `src` to `dlq`.
    pub(crate) fn move_to_dlq(&mut self, src: u32, slot: u32, dlq: u32, max_receive_count: u32) {
        let now = self.sim.now_ms;
        let q = self.qm(src);
        let mut m = q.remove(slot);
        q.ledger.moved_to_dlq += 1;
        let (src_name, src_arn) = (q.name.clone(), q.arn.clone());
        let dlq_name = self.q(dlq).name.clone();
        self.sim.emit(
            &src_name,
            Some(&m.message_id),
            EventKind::MovedToDlq {
                dlq: dlq_name.to_string(),
                receive_count: m.receive_count,
                max_receive_count,
            },
        );
        m.meta_mut().dlq_source_arn = Some(src_arn);
        if self.q(dlq).fifo() {
            m.enqueued_ms = now;
            let id = m.message_id.to_string();
            m.meta_mut().dedup_id = Some(id);
        }
        let mid = m.message_id.clone();
        self.admit(dlq, m, Entry::DeadLettered);
        self.sim.emit(
            &dlq_name,
            Some(&mid),
            EventKind::DeadLettered {
                source: src_name.to_string(),
            },
        );
    }
}
