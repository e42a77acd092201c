//! Loading and checking scenario documents. Every failure names the offending
//! field (`producers[1].batch_size: …`) so users can fix hand-edited files.
//! Loading is pure: a failed load leaves any running world untouched. The checks of one
//! actor spec live in [`super::checks`] (shared with runtime actions), those of the
//! action lists in `check_actions.rs`.

use std::collections::BTreeSet;

use serde::Serialize;

use super::check_actions::check_actions;
use super::checks::{
    check_consumer, check_duration, check_producer, check_rate, known_queue, QueueFacts,
};
use super::document::{Scenario, SCENARIO_VERSION};
use crate::engine::{DEFAULT_START_MS, MAX_CLOCK_MS};

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

/// Deserializes a document, naming the offending field on error (`.` for the document
/// itself): the one place that turns serde's path into a [`ScenarioError`].
pub fn deserialize_named<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, ScenarioError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path.is_empty() {
            ".".to_string()
        } else {
            path
        };
        ScenarioError::new(field, e.inner().to_string())
    })
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
        let scenario: Scenario = deserialize_named(value)?;
        scenario.check()?;
        Ok(scenario)
    }

    /// Serializes as pretty JSON (the saved form).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("scenario serializes")
    }

    /// Semantic checks beyond types: references, ranges, uniqueness and the clock's
    /// range (every instant the document names is at most [`MAX_CLOCK_MS`]).
    pub fn check(&self) -> Result<(), ScenarioError> {
        if self.servers == 0 || self.servers > MAX_SERVERS {
            return Err(ScenarioError::new(
                "servers",
                format!("must be between 1 and {MAX_SERVERS}, got {}", self.servers),
            ));
        }
        let start_ms = self.start_ms.unwrap_or(DEFAULT_START_MS);
        if start_ms > MAX_CLOCK_MS {
            return Err(ScenarioError::new(
                "start_ms",
                format!(
                    "must be at most {MAX_CLOCK_MS} (9999-12-31T23:59:59.999Z), got {start_ms}"
                ),
            ));
        }
        let within_clock = |offset_ms: u64, field: &str| {
            if start_ms
                .checked_add(offset_ms)
                .is_none_or(|t| t > MAX_CLOCK_MS)
            {
                Err(ScenarioError::new(
                    field,
                    format!(
                        "start_ms + {offset_ms} ms is past {MAX_CLOCK_MS} (9999-12-31T23:59:59.999Z)"
                    ),
                ))
            } else {
                Ok(())
            }
        };
        if let Some(r) = self.run_for_ms {
            within_clock(r, "run_for_ms")?;
        }
        let mut queues = QueueFacts::new();
        for (i, q) in self.queues.iter().enumerate() {
            if queues.contains(&q.name) {
                return Err(ScenarioError::new(
                    format!("queues[{i}].name"),
                    format!("queue {:?} is declared twice", q.name),
                ));
            }
            queues.insert(&q.name, &q.attributes);
        }
        let mut ids = BTreeSet::new();
        for (i, p) in self.producers.iter().enumerate() {
            check_producer(p, &format!("producers[{i}]"), &queues)?;
            within_clock(p.start_ms, &format!("producers[{i}].start_ms"))?;
            if !ids.insert(p.id.as_str()) {
                return Err(dup_id(&format!("producers[{i}].id"), &p.id));
            }
        }
        let mut cids = BTreeSet::new();
        for (i, c) in self.consumers.iter().enumerate() {
            check_consumer(c, &format!("consumers[{i}]"), &queues)?;
            within_clock(c.start_ms, &format!("consumers[{i}].start_ms"))?;
            if !cids.insert(c.id.as_str()) {
                return Err(dup_id(&format!("consumers[{i}].id"), &c.id));
            }
        }
        if let Some(shop) = &self.shop {
            check_rate(shop.rate_per_s, "shop.rate_per_s")?;
            check_duration(shop.customer_retry_ms, "shop.customer_retry_ms")?;
            if let Some(q) = &shop.queue {
                known_queue(q, "shop.queue", &queues)?;
            }
        }
        check_actions(self, start_ms, queues)
    }
}

fn dup_id(field: &str, id: &str) -> ScenarioError {
    ScenarioError::new(field, format!("id {id:?} is used twice"))
}
