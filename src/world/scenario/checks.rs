//! The checks of one actor spec, shared by loading (`producers[1].batch_size: …`) and by
//! the runtime actions that add or edit an actor (`batch_size: …`), so nothing a world
//! accepts at runtime can make its saved document unloadable. Every duration is bounded
//! by [`MAX_DURATION_MS`] so the time arithmetic of a run can never overflow.

use std::collections::BTreeMap;

use super::load::ScenarioError;
use super::specs::{
    self, ConsumerRole, ConsumerSpec, DedupStrategy, GroupStrategy, ProcessingSpec, ProducerSpec,
    MAX_GENERATED_BODY_BYTES,
};
use crate::engine::MAX_CLOCK_MS;

/// Longest duration a scenario may give anywhere (a pause, a processing time, a period,
/// an offset from the start): the whole range of the engine clock. Any instant plus any
/// duration then stays far below `u64::MAX`.
pub const MAX_DURATION_MS: u64 = MAX_CLOCK_MS;

/// What the spec checks need to know about the queues that exist (or will, at load):
/// their names and `ReceiveMessageWaitTimeSeconds` (whether a consumer without
/// `wait_time_s` short-polls).
#[derive(Debug, Clone, Default)]
pub struct QueueFacts {
    receive_wait_s: BTreeMap<String, u32>,
}

impl QueueFacts {
    /// No queues.
    pub fn new() -> Self {
        QueueFacts::default()
    }

    /// Adds (or updates) queue `name` with its CreateQueue/SetQueueAttributes attributes
    /// (only `ReceiveMessageWaitTimeSeconds` matters; absent or unreadable counts as 0).
    pub fn insert(&mut self, name: &str, attributes: &BTreeMap<String, String>) {
        let wait = attributes
            .get("ReceiveMessageWaitTimeSeconds")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        self.receive_wait_s.insert(name.to_string(), wait);
    }

    /// Is there a queue named `name`?
    pub fn contains(&self, name: &str) -> bool {
        self.receive_wait_s.contains_key(name)
    }

    /// The queue's ReceiveMessageWaitTimeSeconds (0 for an unknown queue).
    pub fn receive_wait_s(&self, name: &str) -> u32 {
        self.receive_wait_s.get(name).copied().unwrap_or(0)
    }
}

/// `at.f`, or just `f` when `at` is empty (a runtime form field).
pub(super) fn path(at: &str, f: &str) -> String {
    if at.is_empty() {
        f.to_string()
    } else {
        format!("{at}.{f}")
    }
}

/// Refuses an unknown queue name.
pub(super) fn known_queue(
    name: &str,
    field: &str,
    queues: &QueueFacts,
) -> Result<(), ScenarioError> {
    if queues.contains(name) {
        Ok(())
    } else {
        Err(ScenarioError::new(
            field,
            format!("no queue named {name:?}"),
        ))
    }
}

/// A producer or shop rate ([`specs::check_rate`]) naming `field`.
pub(super) fn check_rate(rate: f64, field: &str) -> Result<(), ScenarioError> {
    specs::check_rate(rate).map_err(|e| ScenarioError::new(field, e))
}

/// A duration of at most [`MAX_DURATION_MS`].
pub(super) fn check_duration(ms: u64, field: &str) -> Result<(), ScenarioError> {
    if ms > MAX_DURATION_MS {
        return Err(ScenarioError::new(
            field,
            format!("must be at most {MAX_DURATION_MS} ms (the range of the clock), got {ms}"),
        ));
    }
    Ok(())
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

fn not_empty(s: &str, field: &str) -> Result<(), ScenarioError> {
    if s.is_empty() {
        return Err(ScenarioError::new(field, "must not be empty"));
    }
    Ok(())
}

/// Checks a producer spec against the queues that exist; fields are named under `at`
/// (`producers[1]`, or `""` for a runtime form).
pub fn check_producer(
    p: &ProducerSpec,
    at: &str,
    queues: &QueueFacts,
) -> Result<(), ScenarioError> {
    not_empty(&p.id, &path(at, "id"))?;
    known_queue(&p.queue, &path(at, "queue"), queues)?;
    check_rate(p.rate_per_s, &path(at, "rate_per_s"))?;
    check_probability(p.jitter, &path(at, "jitter"))?;
    check_batch(p.batch_size, &path(at, "batch_size"))?;
    match &p.group {
        GroupStrategy::RoundRobin { groups } | GroupStrategy::Random { groups } if *groups == 0 => {
            return Err(ScenarioError::new(
                path(at, "group.groups"),
                "must be at least 1",
            ));
        }
        GroupStrategy::Fixed { group } => not_empty(group, &path(at, "group.group"))?,
        _ => {}
    }
    if let DedupStrategy::Repeats { every } = p.dedup {
        if every < 2 {
            return Err(ScenarioError::new(
                path(at, "dedup.every"),
                "must be at least 2",
            ));
        }
    }
    if let Some(b) = &p.burst {
        if b.every_ms == 0 {
            return Err(ScenarioError::new(
                path(at, "burst.every_ms"),
                "must be positive",
            ));
        }
        check_duration(b.every_ms, &path(at, "burst.every_ms"))?;
    }
    if let Some(size) = p.body_size_bytes {
        if size > MAX_GENERATED_BODY_BYTES {
            return Err(ScenarioError::new(
                path(at, "body_size_bytes"),
                format!("must be at most {MAX_GENERATED_BODY_BYTES} bytes"),
            ));
        }
    }
    not_empty(&p.body_template, &path(at, "body_template"))?;
    check_duration(p.retry_backoff_ms, &path(at, "retry_backoff_ms"))?;
    check_duration(p.start_ms, &path(at, "start_ms"))
}

/// Checks a consumer spec against the queues that exist; fields are named under `at`.
pub fn check_consumer(
    c: &ConsumerSpec,
    at: &str,
    queues: &QueueFacts,
) -> Result<(), ScenarioError> {
    not_empty(&c.id, &path(at, "id"))?;
    known_queue(&c.queue, &path(at, "queue"), queues)?;
    check_batch(c.batch_size, &path(at, "batch_size"))?;
    check_probability(c.failure_probability, &path(at, "failure_probability"))?;
    if let Some(w) = c.wait_time_s {
        if w > 20 {
            return Err(ScenarioError::new(
                path(at, "wait_time_s"),
                format!("must be between 0 and 20, got {w}"),
            ));
        }
    }
    match c.processing {
        ProcessingSpec::Fixed { ms } => check_duration(ms, &path(at, "processing.ms"))?,
        ProcessingSpec::Uniform { min_ms, max_ms } => {
            if min_ms > max_ms {
                return Err(ScenarioError::new(
                    path(at, "processing.max_ms"),
                    "must be at least min_ms",
                ));
            }
            check_duration(max_ms, &path(at, "processing.max_ms"))?;
        }
        ProcessingSpec::Exponential { mean_ms } => {
            // Samples reach ~36 × the mean (u ≥ f64::EPSILON): keep them in range too.
            let max = MAX_DURATION_MS / 64;
            if mean_ms > max {
                return Err(ScenarioError::new(
                    path(at, "processing.mean_ms"),
                    format!(
                        "must be at most {max} ms (samples reach 36 times the mean), got {mean_ms}"
                    ),
                ));
            }
        }
    }
    if let Some(h) = &c.heartbeat {
        if h.every_ms == 0 {
            return Err(ScenarioError::new(
                path(at, "heartbeat.every_ms"),
                "must be positive",
            ));
        }
        check_duration(h.every_ms, &path(at, "heartbeat.every_ms"))?;
    }
    check_duration(c.idle_pause_ms, &path(at, "idle_pause_ms"))?;
    let wait = c
        .wait_time_s
        .map_or_else(|| queues.receive_wait_s(&c.queue), u32::from);
    if c.idle_pause_ms == 0 && wait == 0 {
        return Err(ScenarioError::new(
            path(at, "idle_pause_ms"),
            "must be positive for a short-polling consumer (wait_time_s 0, or absent on a \
             queue whose ReceiveMessageWaitTimeSeconds is 0): it would poll again at once",
        ));
    }
    if let ConsumerRole::DbWriter {
        then_send_to: Some(q),
    } = &c.role
    {
        known_queue(q, &path(at, "role.then_send_to"), queues)?;
    }
    check_duration(c.start_ms, &path(at, "start_ms"))
}
