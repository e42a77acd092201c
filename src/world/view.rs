//! What the UI draws every frame ([`WorldSnapshot`], cheap) and what `sqs-world`
//! prints at the end of a run ([`RunSummary`]).

use std::collections::BTreeMap;

use serde::Serialize;

use super::actors::consumer::{ConsumerCounters, ConsumerState};
use super::actors::downstream::{PathCounters, System};
use super::actors::producer::ProducerCounters;
use super::record::log::RenderedEntry;
use super::record::recorder::QueueStats;
use super::record::world_event::OrderPath;
use super::world::World;

/// Log lines included in a snapshot.
pub const SNAPSHOT_LOG_LINES: usize = 20;

/// One queue as drawn.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct QueueView {
    /// Name.
    pub name: String,
    /// Visible now.
    pub visible: u64,
    /// In flight now.
    pub in_flight: u64,
    /// Delayed now.
    pub delayed: u64,
    /// Totals over the run.
    pub stats: QueueStats,
}

/// One producer as drawn.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ProducerView {
    /// Id.
    pub id: String,
    /// Queue.
    pub queue: String,
    /// Running?
    pub running: bool,
    /// Messages per second.
    pub rate_per_s: f64,
    /// Counters.
    pub counters: ProducerCounters,
}

/// One consumer as drawn.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ConsumerView {
    /// Id.
    pub id: String,
    /// Queue.
    pub queue: String,
    /// State.
    pub state: ConsumerState,
    /// MessageIds held (in flight for this consumer).
    pub holding: Vec<String>,
    /// Counters.
    pub counters: ConsumerCounters,
}

/// Everything the UI needs for one frame; cheap to build (counts, not messages).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WorldSnapshot {
    /// Virtual now, epoch ms.
    pub now_ms: u64,
    /// Virtual time since the start, ms.
    pub elapsed_ms: u64,
    /// Up/down per storage server.
    pub servers_up: Vec<bool>,
    /// Queues.
    pub queues: Vec<QueueView>,
    /// Producers.
    pub producers: Vec<ProducerView>,
    /// Consumers.
    pub consumers: Vec<ConsumerView>,
    /// The database.
    pub database: System,
    /// The mail server.
    pub mail_server: System,
    /// Live S3 objects (extended-client payloads).
    pub s3_objects: usize,
    /// Order story counters per path.
    pub paths: BTreeMap<&'static str, PathCounters>,
    /// Log entries over the whole run.
    pub log_total: u64,
    /// The most recent log entries, rendered.
    pub recent: Vec<RenderedEntry>,
    /// Fingerprint of the log so far.
    pub event_log_hash: String,
}

/// Per-queue part of the summary.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct QueueSummary {
    /// Totals.
    #[serde(flatten)]
    pub stats: QueueStats,
    /// Visible at the end.
    pub visible: u64,
    /// In flight at the end.
    pub in_flight: u64,
    /// Delayed at the end.
    pub delayed: u64,
}

/// The JSON summary of a run (`sqs-world run`).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct RunSummary {
    /// Scenario id.
    pub scenario: String,
    /// Seed used.
    pub seed: u64,
    /// Virtual time run, ms.
    pub virtual_ms: u64,
    /// Instants processed.
    pub steps: u64,
    /// Per queue.
    pub queues: BTreeMap<String, QueueSummary>,
    /// Per producer.
    pub producers: BTreeMap<String, ProducerCounters>,
    /// Per consumer.
    pub consumers: BTreeMap<String, ConsumerCounters>,
    /// Per path of the order story.
    pub paths: BTreeMap<&'static str, PathCounters>,
    /// Log entries by kind (exact).
    pub event_counts: BTreeMap<&'static str, u64>,
    /// SHA-256 of the event log.
    pub event_log_hash: String,
}

impl World {
    fn paths(&self) -> BTreeMap<&'static str, PathCounters> {
        let mut out = BTreeMap::new();
        for p in [OrderPath::Tight, OrderPath::Decoupled] {
            let c = self.shared.orders.counters(p);
            if c.placed > 0 {
                out.insert(p.name(), c);
            }
        }
        out
    }

    /// A cheap view for drawing one frame.
    pub fn snapshot(&self) -> WorldSnapshot {
        let queues = self
            .engine
            .queue_names()
            .into_iter()
            .map(|name| {
                let l = self.engine.ledger(&name).unwrap_or_default();
                QueueView {
                    visible: l.visible,
                    in_flight: l.in_flight,
                    delayed: l.delayed,
                    stats: self.rec.queues.get(&name).cloned().unwrap_or_default(),
                    name,
                }
            })
            .collect();
        WorldSnapshot {
            now_ms: self.now_ms(),
            elapsed_ms: self.elapsed_ms(),
            servers_up: (0..self.engine.server_count())
                .map(|i| self.engine.server_is_up(i))
                .collect(),
            queues,
            producers: self
                .producers
                .iter()
                .filter(|p| !p.is_removed())
                .map(|p| ProducerView {
                    id: p.spec.id.clone(),
                    queue: p.spec.queue.clone(),
                    running: p.running,
                    rate_per_s: p.spec.rate_per_s,
                    counters: p.counters.clone(),
                })
                .collect(),
            consumers: self
                .consumers
                .iter()
                .filter(|c| !c.is_removed())
                .map(|c| ConsumerView {
                    id: c.spec.id.clone(),
                    queue: c.spec.queue.clone(),
                    state: c.state,
                    holding: c.in_flight(),
                    counters: c.counters.clone(),
                })
                .collect(),
            database: self.shared.database.clone(),
            mail_server: self.shared.mail_server.clone(),
            s3_objects: self.shared.s3.objects.len(),
            paths: self.paths(),
            log_total: self.rec.log.total(),
            recent: self
                .rec
                .log
                .tail(SNAPSHOT_LOG_LINES)
                .map(|e| e.render())
                .collect(),
            event_log_hash: self.event_log_hash(),
        }
    }

    /// The end-of-run summary.
    pub fn summary(&self) -> RunSummary {
        let mut queues = BTreeMap::new();
        for name in self.engine.queue_names() {
            let l = self.engine.ledger(&name).unwrap_or_default();
            let stats = self.rec.queues.get(&name).cloned().unwrap_or_default();
            queues.insert(
                name,
                QueueSummary {
                    stats,
                    visible: l.visible,
                    in_flight: l.in_flight,
                    delayed: l.delayed,
                },
            );
        }
        RunSummary {
            scenario: self.base.id.clone(),
            seed: self.base.seed,
            virtual_ms: self.elapsed_ms(),
            steps: self.steps,
            queues,
            producers: self
                .producers
                .iter()
                .filter(|p| !p.is_removed())
                .map(|p| (p.spec.id.clone(), p.counters.clone()))
                .collect(),
            consumers: self
                .consumers
                .iter()
                .filter(|c| !c.is_removed())
                .map(|c| (c.spec.id.clone(), c.counters.clone()))
                .collect(),
            paths: self.paths(),
            event_counts: self.rec.log.totals_by_kind().clone(),
            event_log_hash: self.event_log_hash(),
        }
    }
}
