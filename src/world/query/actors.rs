//! Queries about producers and consumers: spec, state, counters, and the messages a
//! consumer holds with their visibility deadlines — each found in O(1) by decoding its
//! receipt handle (`Engine::receipt_status`), never by scanning the queue.

use super::{ConsumerDetail, HeldMessage, ProducerDetail};
use crate::engine::ReceiptStatus;
use crate::world::actors::actor_ctx::IdWindow;
use crate::world::world::World;

impl World {
    /// Has a consumer of `queue` already processed `message_id`? (The shared window of
    /// processed ids the duplicate counters use.)
    pub fn already_processed(&self, queue: &str, message_id: &str) -> bool {
        self.shared
            .processed
            .get(queue)
            .is_some_and(|w| w.contains(IdWindow::key(message_id)))
    }

    /// A live consumer with the messages it holds and their visibility deadlines.
    pub fn consumer_detail(&self, id: &str) -> Option<ConsumerDetail> {
        let c = self.consumer(id)?;
        let held = c
            .held()
            .map(|(m, processing)| HeldMessage {
                message_id: m.message_id.clone(),
                visible_again_at_ms: match self.engine.receipt_status(c.queue(), &m.receipt_handle)
                {
                    ReceiptStatus::InFlight { until_ms } => Some(until_ms),
                    ReceiptStatus::Lapsed | ReceiptStatus::Gone => None,
                },
                receive_count: m
                    .attributes
                    .get("ApproximateReceiveCount")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(1),
                processing,
                duplicate: self.already_processed(c.queue(), &m.message_id),
            })
            .collect();
        Some(ConsumerDetail {
            spec: c.spec.clone(),
            state: c.state,
            held,
            counters: c.counters.clone(),
        })
    }

    /// A live producer with its spec and counters.
    pub fn producer_detail(&self, id: &str) -> Option<ProducerDetail> {
        let p = self.producer(id)?;
        Some(ProducerDetail {
            spec: p.spec.clone(),
            running: p.running,
            counters: p.counters.clone(),
        })
    }
}
