//! The checks of a parsed lesson beyond its types: the id, texts and ranges, the step
//! actions as the scenario loader checks its own, then (through [`Known`]) what each
//! step's watch and check refer to.

use super::prefixed;
use super::refs::Known;
use crate::world::lesson::Lesson;
use crate::world::scenario::{ScenarioError, TimedAction};

/// Longest a step may play: 30 days of virtual time.
pub const MAX_STEP_RUN_MS: u64 = 30 * 86_400_000;

impl Lesson {
    /// The checks beyond types: texts, ranges, step actions, and the references of
    /// watches and checks (queues, actors, servers, kinds, metrics).
    pub(super) fn check(&self) -> Result<(), ScenarioError> {
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
