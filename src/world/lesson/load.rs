//! Loading a lesson file: the version first (a newer file gets a clear "too new"), then
//! the types through serde with the offending field named (`steps[2].run_ms: …`), the
//! scenario through the scenario loader (`scenario.queues[0]…`), the step actions
//! against what exists by then (as the scenario's own actions are checked:
//! `steps[3].actions[0].consumer: …`), and finally what steps and checks refer to.
//! Every failure is a [`ScenarioError`] naming the field.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::{Check, Lesson, LessonStep, Watch};
use crate::world::metrics::QUEUE_METRICS;
use crate::world::record::log::actor;
use crate::world::scenario::{Action, Scenario, ScenarioError, TimedAction};
use crate::world::World;

/// The lesson format version this build reads.
pub const LESSON_VERSION: u32 = 1;

/// Longest a step may play: 30 days of virtual time.
pub const MAX_STEP_RUN_MS: u64 = 30 * 86_400_000;

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

/// The file as serde reads it; the scenario stays raw for the scenario loader.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LessonDoc {
    #[allow(dead_code)]
    version: u32,
    id: String,
    number: u32,
    title: String,
    claim: String,
    reality: String,
    scenario: serde_json::Value,
    steps: Vec<LessonStep>,
}

impl Lesson {
    /// Parses and checks a lesson file (see `docs/lessons.md`). The scenario must load
    /// and build a world (SQS accepts its queues); every error names its field.
    pub fn from_json(text: &str) -> Result<Lesson, ScenarioError> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| ScenarioError::new(".", format!("not valid JSON: {e}")))?;
        let obj = value
            .as_object()
            .ok_or_else(|| ScenarioError::new(".", "a lesson must be a JSON object"))?;
        match obj.get("version").map(serde_json::Value::as_u64) {
            None => {
                return Err(ScenarioError::new(
                    "version",
                    format!("missing (this build reads version {LESSON_VERSION})"),
                ))
            }
            Some(Some(v)) if v == u64::from(LESSON_VERSION) => {}
            Some(Some(v)) if v > u64::from(LESSON_VERSION) => {
                return Err(ScenarioError::new(
                    "version",
                    format!(
                        "lesson format version {v} is newer than this playground supports \
                         ({LESSON_VERSION}); update the playground to open it"
                    ),
                ))
            }
            Some(_) => {
                return Err(ScenarioError::new(
                    "version",
                    format!("must be {LESSON_VERSION}, got {}", obj["version"]),
                ))
            }
        }
        let doc: LessonDoc = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            ScenarioError::new(
                if path.is_empty() {
                    ".".to_string()
                } else {
                    path
                },
                e.inner().to_string(),
            )
        })?;
        let scenario = Scenario::from_value(doc.scenario)
            .map_err(|e| ScenarioError::new(prefixed("scenario", &e.field), e.message))?;
        let lesson = Lesson {
            version: LESSON_VERSION,
            id: doc.id,
            number: doc.number,
            title: doc.title,
            claim: doc.claim,
            reality: doc.reality,
            scenario,
            steps: doc.steps,
        };
        lesson.check()?;
        World::from_scenario(&lesson.scenario)
            .map_err(|e| ScenarioError::new(prefixed("scenario", &e.field), e.message))?;
        Ok(lesson)
    }

    /// The checks beyond types: texts, ranges, step actions, and the references of
    /// watches and checks (queues, actors, servers, kinds, metrics).
    fn check(&self) -> Result<(), ScenarioError> {
        let valid_id = !self.id.is_empty()
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_id {
            return Err(ScenarioError::new(
                "id",
                format!(
                    "must be lower-case letters, digits and '-', got {:?}",
                    self.id
                ),
            ));
        }
        if self.number == 0 {
            return Err(ScenarioError::new("number", "must be at least 1"));
        }
        for (field, text) in [
            ("title", &self.title),
            ("claim", &self.claim),
            ("reality", &self.reality),
        ] {
            if text.trim().is_empty() {
                return Err(ScenarioError::new(field, "must not be empty"));
            }
        }
        if self.steps.is_empty() {
            return Err(ScenarioError::new(
                "steps",
                "a lesson needs at least one step",
            ));
        }
        self.check_step_actions()?;
        let mut known = Known::of(&self.scenario);
        for (i, step) in self.steps.iter().enumerate() {
            let at = format!("steps[{i}]");
            if step.text.trim().is_empty() {
                return Err(ScenarioError::new(
                    format!("{at}.text"),
                    "must not be empty",
                ));
            }
            if step.run_ms == 0 || step.run_ms > MAX_STEP_RUN_MS {
                return Err(ScenarioError::new(
                    format!("{at}.run_ms"),
                    format!(
                        "must be between 1 ms and {MAX_STEP_RUN_MS} ms (30 days), got {}",
                        step.run_ms
                    ),
                ));
            }
            if let Some(s) = step.speed {
                if !(s.is_finite() && s > 0.0) {
                    return Err(ScenarioError::new(
                        format!("{at}.speed"),
                        format!("must be a positive number, got {s}"),
                    ));
                }
            }
            for a in &step.actions {
                known.learn(a);
            }
            if let Some(w) = &step.watch {
                known.watch(w, &format!("{at}.watch"))?;
            }
            if let Some(c) = &step.check {
                known.check(c, &format!("{at}.check"))?;
            }
        }
        Ok(())
    }

    /// Checks the step actions as the scenario loader checks its own actions: each step's
    /// actions at the time the step starts if every earlier step plays its whole
    /// `run_ms`, walked in time order with the scenario's schedule.
    fn check_step_actions(&self) -> Result<(), ScenarioError> {
        let mut all: Vec<(String, TimedAction)> = self
            .scenario
            .actions
            .iter()
            .enumerate()
            .map(|(j, a)| (format!("scenario.actions[{j}]"), a.clone()))
            .collect();
        let mut at_ms = 0u64;
        for (i, step) in self.steps.iter().enumerate() {
            for (j, a) in step.actions.iter().enumerate() {
                let timed = TimedAction {
                    at_ms,
                    step: None,
                    action: a.clone(),
                };
                all.push((format!("steps[{i}].actions[{j}]"), timed));
            }
            at_ms = at_ms.saturating_add(step.run_ms);
        }
        all.sort_by_key(|(_, a)| a.at_ms);
        let mut doc = self.scenario.clone();
        doc.actions = all.iter().map(|(_, a)| a.clone()).collect();
        doc.check().map_err(|e| {
            let field = e
                .field
                .strip_prefix("actions[")
                .and_then(|rest| {
                    let (n, tail) = rest.split_once(']')?;
                    let origin = &all.get(n.parse::<usize>().ok()?)?.0;
                    // `actions[k].action.queue` → `steps[i].actions[j].queue`.
                    let tail = tail.strip_prefix(".action").unwrap_or(tail);
                    Some(format!("{origin}{tail}"))
                })
                .unwrap_or_else(|| prefixed("scenario", &e.field));
            ScenarioError::new(field, e.message)
        })
    }
}

/// `prefix.field`, or `prefix` for the whole document (`.`).
fn prefixed(prefix: &str, field: &str) -> String {
    if field == "." || field.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix}.{field}")
    }
}

/// What exists at a step: queues, actors and servers of the scenario plus what the
/// actions of the steps so far create or add.
struct Known {
    queues: BTreeSet<String>,
    producers: BTreeSet<String>,
    consumers: BTreeSet<String>,
    servers: usize,
    shop: bool,
}

impl Known {
    fn of(s: &Scenario) -> Self {
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

    fn learn(&mut self, a: &Action) {
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

    fn watch(&self, w: &Watch, field: &str) -> Result<(), ScenarioError> {
        match w {
            Watch::Queue(q) => self.queue(q, &format!("{field}.queue")),
            Watch::Consumer(c) => self.consumer(c, &format!("{field}.consumer")),
            Watch::Producer(p) => self.producer(p, &format!("{field}.producer")),
            Watch::Server(s) if *s >= self.servers => Err(ScenarioError::new(
                format!("{field}.server"),
                format!("server {s} does not exist (servers: {})", self.servers),
            )),
            Watch::System(super::WatchedSystem::Shop) if !self.shop => Err(ScenarioError::new(
                format!("{field}.system"),
                "the scenario has no shop",
            )),
            _ => Ok(()),
        }
    }

    fn check(&self, c: &Check, at: &str) -> Result<(), ScenarioError> {
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
