//! Loading and checking scenario documents. Every failure names the offending
//! field (`producers[1].batch_size: …`) so users can fix hand-edited files.
//! Loading is pure: a failed load leaves any running world untouched.

use std::collections::BTreeSet;

use serde::Serialize;

use super::action::{Action, TimedAction};
use super::document::{Scenario, SCENARIO_VERSION};
use super::specs::{
    self, ConsumerRole, ConsumerSpec, DedupStrategy, GroupStrategy, ProcessingSpec, ProducerSpec,
    MAX_GENERATED_BODY_BYTES,
};

/// Most storage servers a scenario may ask for.
pub const MAX_SERVERS: usize = 64;

/// A scenario that could not be loaded: which field, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioError {
    /// Path of the offending field, e.g. `consumers[0].batch_size` (`.` for the document).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl ScenarioError {
    /// An error about `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid scenario: {}: {}", self.field, self.message)
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// Parses and checks a scenario document.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| ScenarioError::new(".", format!("not valid JSON: {e}")))?;
        Self::from_value(value)
    }

    /// Checks and converts an already parsed JSON document.
    pub fn from_value(value: serde_json::Value) -> Result<Scenario, ScenarioError> {
        let obj = value
            .as_object()
            .ok_or_else(|| ScenarioError::new(".", "a scenario must be a JSON object"))?;
        // The version is checked first so that a newer document gets a clear
        // "too new" error rather than a confusing complaint about a new field.
        let version = match obj.get("version") {
            None => {
                return Err(ScenarioError::new(
                    "version",
                    "missing (this build reads version 1)",
                ))
            }
            Some(v) => v.as_u64().ok_or_else(|| {
                ScenarioError::new("version", format!("must be a positive integer, got {v}"))
            })?,
        };
        if version == 0 {
            return Err(ScenarioError::new("version", "must be at least 1"));
        }
        if version > u64::from(SCENARIO_VERSION) {
            return Err(ScenarioError::new(
                "version",
                format!(
                    "scenario format version {version} is newer than this playground supports \
                     ({SCENARIO_VERSION}); update the playground to open it"
                ),
            ));
        }
        let scenario: Scenario = serde_path_to_error::deserialize(value).map_err(|e| {
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
        scenario.check()?;
        Ok(scenario)
    }

    /// Serializes as pretty JSON (the saved form).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("scenario serializes")
    }

    /// Semantic checks beyond types: references, ranges and uniqueness.
    pub fn check(&self) -> Result<(), ScenarioError> {
        if self.servers == 0 || self.servers > MAX_SERVERS {
            return Err(ScenarioError::new(
                "servers",
                format!("must be between 1 and {MAX_SERVERS}, got {}", self.servers),
            ));
        }
        let mut queues = BTreeSet::new();
        for (i, q) in self.queues.iter().enumerate() {
            if !queues.insert(q.name.as_str()) {
                return Err(ScenarioError::new(
                    format!("queues[{i}].name"),
                    format!("queue {:?} is declared twice", q.name),
                ));
            }
        }
        let mut ids = BTreeSet::new();
        for (i, p) in self.producers.iter().enumerate() {
            check_producer(p, &format!("producers[{i}]"), &queues)?;
            if !ids.insert(p.id.as_str()) {
                return Err(dup_id(&format!("producers[{i}].id"), &p.id));
            }
        }
        let mut cids = BTreeSet::new();
        for (i, c) in self.consumers.iter().enumerate() {
            check_consumer(c, &format!("consumers[{i}]"), &queues)?;
            if !cids.insert(c.id.as_str()) {
                return Err(dup_id(&format!("consumers[{i}].id"), &c.id));
            }
        }
        if let Some(shop) = &self.shop {
            check_rate(shop.rate_per_s, "shop.rate_per_s")?;
            if let Some(q) = &shop.queue {
                known_queue(q, "shop.queue", &queues)?;
            }
        }
        let ids = Ids::of(self);
        for (list, name) in [(&self.faults, "faults"), (&self.actions, "actions")] {
            for (i, a) in list.iter().enumerate() {
                check_action(a, &format!("{name}[{i}]"), self, &queues, &ids)?;
            }
            if let Some(i) = (1..list.len()).find(|&i| list[i].at_ms < list[i - 1].at_ms) {
                return Err(ScenarioError::new(
                    format!("{name}[{i}].at_ms"),
                    "actions must be listed in time order",
                ));
            }
        }
        Ok(())
    }
}

fn dup_id(field: &str, id: &str) -> ScenarioError {
    ScenarioError::new(field, format!("id {id:?} is used twice"))
}

fn known_queue(name: &str, field: &str, queues: &BTreeSet<&str>) -> Result<(), ScenarioError> {
    if queues.contains(name) {
        Ok(())
    } else {
        Err(ScenarioError::new(
            field,
            format!("no queue named {name:?} in `queues`"),
        ))
    }
}

fn check_rate(rate: f64, field: &str) -> Result<(), ScenarioError> {
    specs::check_rate(rate).map_err(|e| ScenarioError::new(field, e))
}

fn check_batch(n: u8, field: &str) -> Result<(), ScenarioError> {
    if !(1..=10).contains(&n) {
        return Err(ScenarioError::new(
            field,
            format!("must be between 1 and 10, got {n}"),
        ));
    }
    Ok(())
}

fn check_probability(p: f64, field: &str) -> Result<(), ScenarioError> {
    if !(0.0..=1.0).contains(&p) {
        return Err(ScenarioError::new(
            field,
            format!("must be between 0 and 1, got {p}"),
        ));
    }
    Ok(())
}

fn check_producer(
    p: &ProducerSpec,
    at: &str,
    queues: &BTreeSet<&str>,
) -> Result<(), ScenarioError> {
    if p.id.is_empty() {
        return Err(ScenarioError::new(format!("{at}.id"), "must not be empty"));
    }
    known_queue(&p.queue, &format!("{at}.queue"), queues)?;
    check_rate(p.rate_per_s, &format!("{at}.rate_per_s"))?;
    check_probability(p.jitter, &format!("{at}.jitter"))?;
    check_batch(p.batch_size, &format!("{at}.batch_size"))?;
    match &p.group {
        GroupStrategy::RoundRobin { groups } | GroupStrategy::Random { groups } if *groups == 0 => {
            return Err(ScenarioError::new(
                format!("{at}.group.groups"),
                "must be at least 1",
            ));
        }
        GroupStrategy::Fixed { group } if group.is_empty() => {
            return Err(ScenarioError::new(
                format!("{at}.group.group"),
                "must not be empty",
            ));
        }
        _ => {}
    }
    if let DedupStrategy::Repeats { every } = p.dedup {
        if every < 2 {
            return Err(ScenarioError::new(
                format!("{at}.dedup.every"),
                "must be at least 2",
            ));
        }
    }
    if let Some(b) = &p.burst {
        if b.every_ms == 0 {
            return Err(ScenarioError::new(
                format!("{at}.burst.every_ms"),
                "must be positive",
            ));
        }
    }
    if let Some(size) = p.body_size_bytes {
        if size > MAX_GENERATED_BODY_BYTES {
            return Err(ScenarioError::new(
                format!("{at}.body_size_bytes"),
                format!("must be at most {} bytes", MAX_GENERATED_BODY_BYTES),
            ));
        }
    }
    if p.body_template.is_empty() {
        return Err(ScenarioError::new(
            format!("{at}.body_template"),
            "must not be empty",
        ));
    }
    Ok(())
}

fn check_consumer(
    c: &ConsumerSpec,
    at: &str,
    queues: &BTreeSet<&str>,
) -> Result<(), ScenarioError> {
    if c.id.is_empty() {
        return Err(ScenarioError::new(format!("{at}.id"), "must not be empty"));
    }
    known_queue(&c.queue, &format!("{at}.queue"), queues)?;
    check_batch(c.batch_size, &format!("{at}.batch_size"))?;
    check_probability(c.failure_probability, &format!("{at}.failure_probability"))?;
    if let Some(w) = c.wait_time_s {
        if w > 20 {
            return Err(ScenarioError::new(
                format!("{at}.wait_time_s"),
                format!("must be between 0 and 20, got {w}"),
            ));
        }
    }
    if let ProcessingSpec::Uniform { min_ms, max_ms } = c.processing {
        if min_ms > max_ms {
            return Err(ScenarioError::new(
                format!("{at}.processing.max_ms"),
                "must be at least min_ms",
            ));
        }
    }
    if let Some(h) = &c.heartbeat {
        if h.every_ms == 0 {
            return Err(ScenarioError::new(
                format!("{at}.heartbeat.every_ms"),
                "must be positive",
            ));
        }
    }
    if c.idle_pause_ms == 0 && c.wait_time_s == Some(0) {
        return Err(ScenarioError::new(
            format!("{at}.idle_pause_ms"),
            "must be positive for a short-polling consumer (it would poll forever at one instant)",
        ));
    }
    if let ConsumerRole::DbWriter {
        then_send_to: Some(q),
    } = &c.role
    {
        known_queue(q, &format!("{at}.role.then_send_to"), queues)?;
    }
    Ok(())
}

/// Actor ids an action may refer to: the scenario's own plus every one added by an
/// `add_producer` / `add_consumer` action anywhere in the schedule or the log.
struct Ids<'a> {
    producers: BTreeSet<&'a str>,
    consumers: BTreeSet<&'a str>,
}

impl<'a> Ids<'a> {
    fn of(s: &'a Scenario) -> Self {
        let mut ids = Ids {
            producers: s.producers.iter().map(|p| p.id.as_str()).collect(),
            consumers: s.consumers.iter().map(|c| c.id.as_str()).collect(),
        };
        for a in s.faults.iter().chain(&s.actions) {
            match &a.action {
                Action::AddProducer { producer } => {
                    ids.producers.insert(&producer.id);
                }
                Action::AddConsumer { consumer } => {
                    ids.consumers.insert(&consumer.id);
                }
                _ => {}
            }
        }
        ids
    }
}

fn check_action(
    a: &TimedAction,
    at: &str,
    s: &Scenario,
    queues: &BTreeSet<&str>,
    ids: &Ids,
) -> Result<(), ScenarioError> {
    let field = |f: &str| format!("{at}.action.{f}");
    let producer = |id: &str| {
        if ids.producers.contains(id) {
            Ok(())
        } else {
            Err(ScenarioError::new(
                field("producer"),
                format!("no producer with id {id:?}"),
            ))
        }
    };
    let consumer = |id: &str| {
        if ids.consumers.contains(id) {
            Ok(())
        } else {
            Err(ScenarioError::new(
                field("consumer"),
                format!("no consumer with id {id:?}"),
            ))
        }
    };
    match &a.action {
        Action::KillServer { server } | Action::ReviveServer { server } if *server >= s.servers => {
            Err(ScenarioError::new(
                field("server"),
                format!("server {server} does not exist (servers: {})", s.servers),
            ))
        }
        Action::CrashConsumer { consumer: c } | Action::RestartConsumer { consumer: c } => {
            consumer(c)
        }
        Action::StartProducer { producer: p } | Action::StopProducer { producer: p } => producer(p),
        Action::SetProducerRate {
            producer: p,
            rate_per_s,
        } => {
            producer(p)?;
            check_rate(*rate_per_s, &field("rate_per_s"))
        }
        Action::SendMessage { queue, .. }
        | Action::PurgeQueue { queue }
        | Action::SetQueueAttributes { queue, .. } => known_queue(queue, &field("queue"), queues),
        Action::StartRedrive {
            source_queue,
            destination_queue,
            ..
        } => {
            known_queue(source_queue, &field("source_queue"), queues)?;
            match destination_queue {
                Some(d) => known_queue(d, &field("destination_queue"), queues),
                None => Ok(()),
            }
        }
        Action::AddProducer { producer } => check_producer(producer, &field("producer"), queues),
        Action::AddConsumer { consumer } => check_consumer(consumer, &field("consumer"), queues),
        _ => Ok(()),
    }
}
