//! Everything the world records while it runs: the event log, exact per-queue
//! statistics derived from engine events, and the per-second metrics.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::log::{EventLog, LogEvent};
use super::metrics::{self, Agg, Metrics};
use super::world_event::WorldEvent;
use crate::engine::{Engine, EngineEvent, EventKind, RedeliveryCause};

/// Exact counters of one queue over the whole run.
#[derive(Serialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueStats {
    /// Messages accepted by SendMessage(Batch) (dedup-suppressed sends excluded).
    pub sent: u64,
    /// Deliveries (messages returned by ReceiveMessage).
    pub received: u64,
    /// Deletes.
    pub deleted: u64,
    /// Messages moved to the dead-letter queue.
    pub moved_to_dlq: u64,
    /// Messages that arrived here as a dead-letter queue.
    pub dead_lettered: u64,
    /// Messages expired by retention.
    pub expired: u64,
    /// Messages removed by PurgeQueue.
    pub purged: u64,
    /// Deliveries of a message that had been deleted (a stale copy on a server that was down).
    pub duplicate_deliveries: u64,
    /// Deliveries with receive count > 1 (any cause).
    pub redeliveries: u64,
    /// FIFO sends suppressed inside the 5-minute deduplication window.
    pub dedup_suppressed: u64,
    /// Receives that returned no message.
    pub empty_receives: u64,
    /// Messages redriven out by a move task.
    pub redriven: u64,
}

/// Counters of the current second, flushed into [`Metrics`] at each boundary.
#[derive(Debug, Clone, Default)]
struct SecondCounters {
    sent: u64,
    received: u64,
    deleted: u64,
    empty_receives: u64,
}

/// Log + statistics + metrics.
#[derive(Debug, Clone)]
pub struct Recorder {
    /// The event log.
    pub log: EventLog,
    /// Exact per-queue statistics.
    pub queues: BTreeMap<String, QueueStats>,
    /// Per-second series.
    pub metrics: Metrics,
    second: BTreeMap<String, SecondCounters>,
    sqs: Arc<str>,
    /// Reused buffer the engine's events are drained into (no allocation per drain).
    drained: Vec<EngineEvent>,
}

impl Recorder {
    /// A recorder whose log ring keeps `log_capacity` entries.
    pub fn new(log_capacity: usize) -> Self {
        Recorder {
            log: EventLog::with_capacity(log_capacity),
            queues: BTreeMap::new(),
            metrics: Metrics::default(),
            second: BTreeMap::new(),
            sqs: Arc::from(super::log::actor::SQS),
            drained: Vec::new(),
        }
    }

    /// Drains the engine's pending events into the log (attributed to `actor`, see
    /// [`Recorder::absorb`]) through a reused buffer.
    pub fn absorb_from(&mut self, actor: &Arc<str>, engine: &mut Engine) {
        let mut evs = std::mem::take(&mut self.drained);
        engine.drain_events_into(&mut evs);
        if !evs.is_empty() {
            self.absorb_iter(actor, evs.drain(..));
        }
        self.drained = evs;
    }

    /// Appends engine events (attributed to `actor`) and updates statistics.
    ///
    /// A send (or any non-consumer call) can satisfy a waiting long poll: the deliveries
    /// that causes are SQS's doing, not the sender's, so they are attributed to `sqs`.
    pub fn absorb(&mut self, actor: &Arc<str>, events: Vec<EngineEvent>) {
        self.absorb_iter(actor, events.into_iter());
    }

    fn absorb_iter(&mut self, actor: &Arc<str>, events: impl Iterator<Item = EngineEvent>) {
        let consumer = super::log::actor::is_consumer(actor);
        for ev in events {
            self.count(&ev);
            let delivery = matches!(
                ev.kind,
                EventKind::Received { .. }
                    | EventKind::LongPollCompleted { .. }
                    | EventKind::MovedToDlq { .. }
                    | EventKind::DeadLettered { .. }
            );
            let who = if delivery && !consumer {
                &self.sqs
            } else {
                actor
            };
            self.log.push(ev.t_ms, who, LogEvent::Engine(ev));
        }
    }

    /// Appends an actor action.
    pub fn world(&mut self, t_ms: u64, actor: &Arc<str>, ev: WorldEvent) {
        self.log.push(t_ms, actor, LogEvent::World(ev));
    }

    /// Counts a receive that returned nothing.
    pub fn empty_receive(&mut self, queue: &str) {
        self.stats(queue).empty_receives += 1;
        self.sec(queue).empty_receives += 1;
    }

    fn stats(&mut self, queue: &str) -> &mut QueueStats {
        if !self.queues.contains_key(queue) {
            self.queues.insert(queue.to_string(), QueueStats::default());
        }
        self.queues.get_mut(queue).expect("present")
    }

    fn sec(&mut self, queue: &str) -> &mut SecondCounters {
        if !self.second.contains_key(queue) {
            self.second
                .insert(queue.to_string(), SecondCounters::default());
        }
        self.second.get_mut(queue).expect("present")
    }

    fn count(&mut self, ev: &EngineEvent) {
        let q = ev.queue.as_str();
        match &ev.kind {
            EventKind::Sent { .. } => {
                self.stats(q).sent += 1;
                self.sec(q).sent += 1;
            }
            EventKind::Received {
                receive_count,
                redelivery,
                ..
            } => {
                let s = self.stats(q);
                s.received += 1;
                if *receive_count > 1 {
                    s.redeliveries += 1;
                }
                if matches!(redelivery, Some(RedeliveryCause::StaleCopy { .. })) {
                    s.duplicate_deliveries += 1;
                }
                self.sec(q).received += 1;
            }
            EventKind::Deleted { .. } | EventKind::StaleHandleDelete => {
                self.stats(q).deleted += 1;
                self.sec(q).deleted += 1;
            }
            EventKind::MovedToDlq { .. } => self.stats(q).moved_to_dlq += 1,
            EventKind::DeadLettered { .. } => self.stats(q).dead_lettered += 1,
            EventKind::Expired { .. } => self.stats(q).expired += 1,
            EventKind::Purged { count } => self.stats(q).purged += count,
            EventKind::DedupSuppressed { .. } => self.stats(q).dedup_suppressed += 1,
            EventKind::MoveTaskMoved { .. } => self.stats(q).redriven += 1,
            _ => {}
        }
    }

    /// The counters of the second in progress for `queue` so far, `[sent, received,
    /// deleted, empty receives]` (read, not reset: the next boundary writes them).
    pub fn second_so_far(&self, queue: &str) -> [u64; 4] {
        self.second.get(queue).map_or([0; 4], |c| {
            [c.sent, c.received, c.deleted, c.empty_receives]
        })
    }

    /// Writes the per-second counters of the second starting at `t_ms` for `queue`,
    /// with the gauges given, and resets the counters.
    pub fn sample_queue(&mut self, queue: &str, t_ms: u64, gauges: QueueGauges) {
        let c = self.second.remove(queue).unwrap_or_default();
        let scope = metrics::queue_scope(queue);
        let m = &mut self.metrics;
        m.record(&scope, metrics::VISIBLE, Agg::Max, t_ms, gauges.visible);
        m.record(
            &scope,
            metrics::NOT_VISIBLE,
            Agg::Max,
            t_ms,
            gauges.not_visible,
        );
        m.record(&scope, metrics::DELAYED, Agg::Max, t_ms, gauges.delayed);
        m.record(
            &scope,
            metrics::AGE_OF_OLDEST,
            Agg::Max,
            t_ms,
            gauges.age_of_oldest_s,
        );
        m.record(&scope, metrics::SENT, Agg::Sum, t_ms, c.sent);
        m.record(&scope, metrics::RECEIVED, Agg::Sum, t_ms, c.received);
        m.record(&scope, metrics::DELETED, Agg::Sum, t_ms, c.deleted);
        m.record(
            &scope,
            metrics::EMPTY_RECEIVES,
            Agg::Sum,
            t_ms,
            c.empty_receives,
        );
    }
}

/// Gauge values of a queue at a second boundary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueGauges {
    /// ApproximateNumberOfMessagesVisible.
    pub visible: u64,
    /// ApproximateNumberOfMessagesNotVisible.
    pub not_visible: u64,
    /// ApproximateNumberOfMessagesDelayed.
    pub delayed: u64,
    /// ApproximateAgeOfOldestMessage, seconds.
    pub age_of_oldest_s: u64,
}
