//! The run document: what a link carries and autosave keeps ([`RunDocument`],
//! [`LessonPosition`]), captured from a timeline, written and read as JSON, and checked
//! as the scenario loader checks a scenario.

use serde::{Deserialize, Deserializer, Serialize};

use super::error::{damaged, in_scenario, ShareError};
use crate::engine::{DEFAULT_START_MS, MAX_CLOCK_MS};
use crate::world::lesson::StepStart;
use crate::world::scenario::duration::de_ms;
use crate::world::scenario::{Scenario, ScenarioError, SCENARIO_VERSION};
use crate::world::timeline::Timeline;
#[cfg(doc)]
use crate::world::world::World;

/// Version of the [`RunDocument`] JSON this build writes and the newest it reads.
pub const RUN_DOCUMENT_VERSION: u32 = 1;

/// Where a run was in a lesson.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LessonPosition {
    /// The lesson's id.
    pub id: String,
    /// The step within it, 0-based.
    pub step: usize,
    /// Where each step up to this one began (what Back rewinds to), when known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub starts: Vec<StepStart>,
}

/// A run at a moment: what a link carries and what autosave keeps.
///
/// Serializes as `{"version":1,"at_ms":…,"steps":…,"lesson":…,"scenario":{…}}`.
/// Deserializing (also through serde, e.g. gloo-storage) always runs the checks of
/// [`RunDocument::from_json`].
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct RunDocument {
    /// Format version ([`RUN_DOCUMENT_VERSION`]).
    pub version: u32,
    /// Virtual time since the scenario's start, ms (`"90s"`-style strings are read too).
    pub at_ms: u64,
    /// Instants the world had processed at that moment ([`World::steps`]). It only
    /// matters right after an action (a click, or a fault reached by Step) whose work
    /// due at that same instant had not run yet: the restore stops before that work, as
    /// the run had. Absent in hand-written documents: the restore then runs everything
    /// due by `at_ms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<u64>,
    /// The lesson and its step, if the run was part of one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<LessonPosition>,
    /// The scenario with every recorded action (those still ahead after a step back
    /// included), as [`Timeline::to_scenario`] saves it.
    pub scenario: Scenario,
}

/// The document's fields besides the scenario (deserialized with field-named errors).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Position {
    #[allow(dead_code)] // checked before deserializing
    version: u32,
    #[serde(deserialize_with = "de_ms")]
    at_ms: u64,
    #[serde(default)]
    steps: Option<u64>,
    #[serde(default)]
    lesson: Option<LessonPosition>,
}

impl RunDocument {
    /// The run of `timeline` as it is now: its scenario with every recorded action, the
    /// virtual time since the start and the step count, and `lesson`.
    pub fn of(timeline: &Timeline, lesson: Option<LessonPosition>) -> RunDocument {
        let w = timeline.world();
        RunDocument {
            version: RUN_DOCUMENT_VERSION,
            at_ms: w.elapsed_ms(),
            steps: Some(w.steps()),
            lesson,
            scenario: timeline.to_scenario(),
        }
    }

    /// Checks what [`RunDocument::from_json`] checks (the fields are public).
    pub fn check(&self) -> Result<(), ShareError> {
        if self.version > RUN_DOCUMENT_VERSION {
            return Err(too_new_run(u64::from(self.version)));
        }
        if self.version == 0 {
            return Err(damaged("its version is 0"));
        }
        if self.scenario.version > SCENARIO_VERSION {
            return Err(too_new_scenario(u64::from(self.scenario.version)));
        }
        self.scenario.check().map_err(in_scenario)?;
        let start = self.scenario.start_ms.unwrap_or(DEFAULT_START_MS);
        if start
            .checked_add(self.at_ms)
            .is_none_or(|t| t > MAX_CLOCK_MS)
        {
            return Err(ShareError::Invalid(ScenarioError::new(
                "at_ms",
                format!(
                    "start_ms + {} ms is past {MAX_CLOCK_MS} (9999-12-31T23:59:59.999Z)",
                    self.at_ms
                ),
            )));
        }
        Ok(())
    }

    /// The document as compact JSON (the payload of a fragment; also a "download run").
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a run document serializes")
    }

    /// Parses and checks a run document: versions first (a newer one is
    /// [`ShareError::TooNew`]), then the scenario with the loader's checks, then the
    /// position. Anything that is not a run document is [`ShareError::Damaged`].
    pub fn from_json(text: &str) -> Result<RunDocument, ShareError> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| damaged(format!("it does not hold a run (not JSON: {e})")))?;
        RunDocument::from_value(value)
    }

    /// [`RunDocument::from_json`] on parsed JSON.
    pub fn from_value(value: serde_json::Value) -> Result<RunDocument, ShareError> {
        let serde_json::Value::Object(mut obj) = value else {
            return Err(damaged("it does not hold a run (not a JSON object)"));
        };
        let version = match obj.get("version") {
            None => return Err(damaged("it does not hold a run (no version)")),
            Some(v) => v
                .as_u64()
                .filter(|&v| v > 0)
                .ok_or_else(|| damaged(format!("its version {v} is not a positive integer")))?,
        };
        if version > u64::from(RUN_DOCUMENT_VERSION) {
            return Err(too_new_run(version));
        }
        let Some(scenario) = obj.remove("scenario") else {
            return Err(damaged("it does not hold a run (no scenario)"));
        };
        if let Some(v) = scenario.get("version").and_then(|v| v.as_u64()) {
            if v > u64::from(SCENARIO_VERSION) {
                return Err(too_new_scenario(v));
            }
        }
        let scenario = Scenario::from_value(scenario).map_err(in_scenario)?;
        let pos: Position = serde_path_to_error::deserialize(serde_json::Value::Object(obj))
            .map_err(|e| {
                let path = e.path().to_string();
                let field = if path.is_empty() || path == "." {
                    ".".to_string()
                } else {
                    path
                };
                ShareError::Invalid(ScenarioError::new(field, e.inner().to_string()))
            })?;
        let doc = RunDocument {
            version: version as u32, // ≤ RUN_DOCUMENT_VERSION
            at_ms: pos.at_ms,
            steps: pos.steps,
            lesson: pos.lesson,
            scenario,
        };
        doc.check()?;
        Ok(doc)
    }
}

impl<'de> Deserialize<'de> for RunDocument {
    /// Always checked: the same as [`RunDocument::from_value`].
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        RunDocument::from_value(value).map_err(serde::de::Error::custom)
    }
}

fn too_new_run(version: u64) -> ShareError {
    ShareError::TooNew(format!(
        "run format version {version}; this one reads version {RUN_DOCUMENT_VERSION}"
    ))
}

fn too_new_scenario(version: u64) -> ShareError {
    ShareError::TooNew(format!(
        "scenario format version {version}; this one reads version {SCENARIO_VERSION}"
    ))
}
