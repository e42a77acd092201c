//! What a step may refer to ([`Known`]: the scenario's queues, actors and servers plus
//! what earlier steps create or add) and the references of watches and checks.

use std::collections::BTreeSet;

use crate::world::lesson::{Check, Watch, WatchedSystem};
use crate::world::metrics::QUEUE_METRICS;
use crate::world::record::log::actor;
use crate::world::scenario::{Action, Scenario, ScenarioError};

/// Every log entry kind a [`Check::Event`] may name: the engine's
/// ([`crate::engine::EventKind::name`]) and the world's ([`crate::world::WorldKind::name`]).
pub const KNOWN_KINDS: [&str; 53] = [
    // engine
    "queue_created",
    "queue_deleted",
    "attributes_changed",
    "sent",
    "dedup_suppressed",
    "delay_ended",
    "received",
    "deleted",
    "stale_handle_delete",
    "visibility_changed",
    "visibility_expired",
    "moved_to_dlq",
    "dead_lettered",
    "expired",
    "purged",
    "throttled",
    "unavailable",
    "over_limit",
    "stale_copy_revived",
    "stale_copy_dropped",
    "server_killed",
    "server_revived",
    "long_poll_waiting",
    "long_poll_completed",
    "move_task_started",
    "move_task_moved",
    "move_task_finished",
    "server_added",
    // world
    "processed",
    "duplicate_processed",
    "skipped_duplicate",
    "processing_failed",
    "heartbeat_extended",
    "consumer_crashed",
    "consumer_restarted",
    "stop_pill",
    "consumer_stopped",
    "send_failed",
    "receive_failed",
    "delete_failed",
    "payload_stored",
    "payload_fetched",
    "producer_started",
    "producer_stopped",
    "order_placed",
    "order_recorded",
    "order_not_recorded",
    "order_emailed",
    "checkout_failed",
    "system_changed",
    "action_applied",
    "actor_reconfigured",
    "actor_removed",
];

/// What exists at a step: queues, actors and servers of the scenario plus what the
/// actions of the steps so far create or add.
pub(super) struct Known {
    queues: BTreeSet<String>,
    producers: BTreeSet<String>,
    consumers: BTreeSet<String>,
    servers: usize,
    shop: bool,
}

impl Known {
    pub(super) fn of(s: &Scenario) -> Self {
        let mut k = Known {
            queues: s.queues.iter().map(|q| q.name.clone()).collect(),
            producers: s.producers.iter().map(|p| p.id.clone()).collect(),
            consumers: s.consumers.iter().map(|c| c.id.clone()).collect(),
            servers: s.servers,
            shop: s.shop.is_some(),
        };
        for a in s.faults.iter().chain(&s.actions) {
            k.learn(&a.action);
        }
        k
    }

    pub(super) fn learn(&mut self, a: &Action) {
        match a {
            Action::CreateQueue { name, .. } => {
                self.queues.insert(name.clone());
            }
            Action::AddProducer { producer } => {
                self.producers.insert(producer.id.clone());
            }
            Action::AddConsumer { consumer } => {
                self.consumers.insert(consumer.id.clone());
            }
            Action::AddServer => self.servers += 1,
            _ => {}
        }
    }

    fn queue(&self, name: &str, field: &str) -> Result<(), ScenarioError> {
        if self.queues.contains(name) {
            Ok(())
        } else {
            Err(ScenarioError::new(
                field,
                format!("no queue named {name:?} in the scenario or created by an earlier step"),
            ))
        }
    }

    fn consumer(&self, id: &str, field: &str) -> Result<(), ScenarioError> {
        if self.consumers.contains(id) {
            Ok(())
        } else {
            Err(ScenarioError::new(
                field,
                format!("no consumer with id {id:?} in the scenario or added by an earlier step"),
            ))
        }
    }

    fn producer(&self, id: &str, field: &str) -> Result<(), ScenarioError> {
        if self.producers.contains(id) {
            Ok(())
        } else {
            Err(ScenarioError::new(
                field,
                format!("no producer with id {id:?} in the scenario or added by an earlier step"),
            ))
        }
    }

    fn actor(&self, name: &str, field: &str) -> Result<(), ScenarioError> {
        let fixed = [
            actor::SQS,
            actor::USER,
            actor::SCHEDULE,
            actor::SHOP,
            actor::DATABASE,
            actor::MAIL_SERVER,
        ];
        if let Some(id) = name.strip_prefix(actor::PRODUCER_PREFIX) {
            self.producer(id, field)
        } else if let Some(id) = name.strip_prefix(actor::CONSUMER_PREFIX) {
            self.consumer(id, field)
        } else if fixed.contains(&name) {
            Ok(())
        } else {
            Err(ScenarioError::new(
                field,
                format!(
                    "unknown actor {name:?}: use producer:<id>, consumer:<id> or one of {}",
                    fixed.join(", ")
                ),
            ))
        }
    }

    pub(super) fn watch(&self, w: &Watch, field: &str) -> Result<(), ScenarioError> {
        match w {
            Watch::Queue(q) => self.queue(q, &format!("{field}.queue")),
            Watch::Consumer(c) => self.consumer(c, &format!("{field}.consumer")),
            Watch::Producer(p) => self.producer(p, &format!("{field}.producer")),
            Watch::Server(s) if *s >= self.servers => Err(ScenarioError::new(
                format!("{field}.server"),
                format!("server {s} does not exist (servers: {})", self.servers),
            )),
            Watch::System(WatchedSystem::Shop) if !self.shop => Err(ScenarioError::new(
                format!("{field}.system"),
                "the scenario has no shop",
            )),
            _ => Ok(()),
        }
    }

    pub(super) fn check(&self, c: &Check, at: &str) -> Result<(), ScenarioError> {
        let f = |name: &str| format!("{at}.{name}");
        let opt_queue = |q: &Option<String>| match q {
            Some(q) => self.queue(q, &f("queue")),
            None => Ok(()),
        };
        let opt_actor = |a: &Option<String>| match a {
            Some(a) => self.actor(a, &f("actor")),
            None => Ok(()),
        };
        let bounds = |min: Option<u64>, max: Option<u64>| match (min, max) {
            (None, None) => Err(ScenarioError::new(at, "needs min, max or both")),
            (Some(lo), Some(hi)) if lo > hi => Err(ScenarioError::new(
                f("max"),
                format!("must be at least min ({lo}), got {hi}"),
            )),
            _ => Ok(()),
        };
        match c {
            Check::Event {
                kind,
                queue,
                actor,
                min,
                max,
                ..
            } => {
                if !KNOWN_KINDS.contains(&kind.as_str()) {
                    return Err(ScenarioError::new(
                        f("kind"),
                        format!(
                            "unknown log entry kind {kind:?} (see KNOWN_KINDS in docs/lessons.md)"
                        ),
                    ));
                }
                if max.is_none() && *min == 0 {
                    return Err(ScenarioError::new(
                        f("min"),
                        "0 without max fires at once: give max, or min ≥ 1",
                    ));
                }
                bounds(Some(*min), *max)?;
                opt_queue(queue)?;
                opt_actor(actor)
            }
            Check::Redelivered { queue, .. } => opt_queue(queue),
            Check::Error { code, queue, actor } => {
                if code.trim().is_empty() {
                    return Err(ScenarioError::new(f("code"), "must not be empty"));
                }
                opt_queue(queue)?;
                opt_actor(actor)
            }
            Check::OutOfOrder { queue }
            | Check::GroupBlocked { queue, .. }
            | Check::Attribute { queue, .. } => self.queue(queue, &f("queue")),
            Check::EmptyWhileWaiting { queue, consumer } => {
                self.queue(queue, &f("queue"))?;
                self.consumer(consumer, &f("consumer"))
            }
            Check::Stored { queue, min, .. } => {
                if *min == 0 {
                    return Err(ScenarioError::new(f("min"), "must be at least 1"));
                }
                self.queue(queue, &f("queue"))
            }
            Check::Metric {
                queue,
                metric,
                min,
                max,
            } => {
                bounds(Some(*min), *max)?;
                if !QUEUE_METRICS.contains(&metric.as_str()) {
                    return Err(ScenarioError::new(
                        f("metric"),
                        format!(
                            "unknown queue metric {metric:?} (one of {})",
                            QUEUE_METRICS.join(", ")
                        ),
                    ));
                }
                self.queue(queue, &f("queue"))
            }
            Check::Consumer {
                consumer,
                queue,
                min,
                max,
                ..
            } => {
                bounds(*min, *max)?;
                if let Some(id) = consumer {
                    self.consumer(id, &f("consumer"))?;
                }
                opt_queue(queue)
            }
            Check::Orders { min, max, .. } => {
                if !self.shop {
                    return Err(ScenarioError::new(at, "the scenario has no shop"));
                }
                bounds(*min, *max)
            }
            Check::All { checks } => {
                if checks.is_empty() {
                    return Err(ScenarioError::new(f("checks"), "needs at least one check"));
                }
                for (i, c) in checks.iter().enumerate() {
                    self.check(c, &format!("{at}.checks[{i}]"))?;
                }
                Ok(())
            }
        }
    }
}
