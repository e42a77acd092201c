//! Loading a lesson file: the version first (a newer file gets a clear "too new"), then
//! the types through serde with the offending field named (`steps[2].run_ms: …`), the
//! scenario through the scenario loader (`scenario.queues[0]…`), the step actions
//! against what exists by then (as the scenario's own actions are checked:
//! `steps[3].actions[0].consumer: …`), and finally what steps and checks refer to.
//! Every failure is a [`ScenarioError`] naming the field.
//!
//! ```text
//! load/
//!   mod.rs       Lesson::from_json: JSON, version, serde with field-named errors, the
//!                scenario through the scenario loader, then the world it builds
//!   validate.rs  Lesson::check, the checks beyond types: id, texts, ranges, the step
//!                actions in time order with the scenario's schedule; MAX_STEP_RUN_MS
//!   refs.rs      Known: the queues, actors and servers each step may refer to, and
//!                the references of watches and checks; KNOWN_KINDS
//! ```
//!
//! `mod.rs` calls `validate`, which walks the steps with `refs`; `refs` uses neither.
//! All of it reads the lesson types and the scenario loader, never the evaluation.

use serde::Deserialize;

use super::{Lesson, LessonStep};
use crate::world::scenario::load::deserialize_named;
use crate::world::scenario::{Scenario, ScenarioError};
use crate::world::World;

mod refs;
mod validate;

pub use refs::KNOWN_KINDS;
pub use validate::MAX_STEP_RUN_MS;

/// The lesson format version this build reads.
pub const LESSON_VERSION: u32 = 1;

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
        let doc: LessonDoc = deserialize_named(value)?;
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
}

/// `prefix.field`, or `prefix` for the whole document (`.`).
fn prefixed(prefix: &str, field: &str) -> String {
    if field == "." || field.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix}.{field}")
    }
}
