//! Driving a lesson on a [`Timeline`]: start a step (its actions applied as recorded
//! user actions), run it natively until its check fires or its time is up, and go back
//! to where a step began (Back, Restart this step).
//!
//! Going back rebuilds the run from its own document: the loaded scenario plus the user
//! actions applied before the step, replayed to the exact position the step began at
//! (same log sequence, same number of world steps, same clock). Replays are exact, so
//! starting the step again gives the same run (the same event-log hash), and the future
//! after that point is gone (a fork).

use serde::{Deserialize, Serialize};

use super::{evaluate, Lesson, LessonStep, Seen};
use crate::world::{ActionError, ScenarioError, Timeline, World, WorldOptions};

/// While running a step natively, its check is evaluated at most once per this much
/// virtual time (and when the step's time is up); log checks find their first matching
/// entry whenever they look, so this changes nothing they say.
pub const EVAL_EVERY_MS: u64 = 100;

/// Where a step began: what its check looks at, and what [`rewind_to`] restores.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepStart {
    /// Log entries before the step (its check looks at entries with `seq` ≥ this).
    pub seq: u64,
    /// Virtual time the step began at, epoch ms.
    pub t_ms: u64,
    /// World steps done when it began.
    pub steps: u64,
    /// User actions applied before the step's own.
    pub user_actions: usize,
}

impl StepStart {
    /// The current position of `world` (no action of the step applied yet).
    fn of(world: &World, user_actions: usize) -> StepStart {
        StepStart {
            seq: world.recorder().log.total(),
            t_ms: world.now_ms(),
            steps: world.steps(),
            user_actions,
        }
    }
}

impl Lesson {
    /// A fresh run of the lesson's scenario, ready for its first step (also Restart).
    pub fn timeline(&self) -> Result<Timeline, ScenarioError> {
        Ok(Timeline::new(World::from_scenario(&self.scenario)?))
    }
}

/// Starts `step` now: forks the run if it has a future (after a step back), then applies
/// the step's actions as user actions (recorded, so the run replays). Returns where the
/// step began and the actions that were refused, by index (they are logged as well; a
/// lesson may refuse one on purpose to show AWS's error).
pub fn start_step(tl: &mut Timeline, step: &LessonStep) -> (StepStart, Vec<(usize, ActionError)>) {
    tl.fork();
    let user_actions = applied_user_actions(tl);
    let start = StepStart::of(tl.world(), user_actions);
    let refused = step
        .actions
        .iter()
        .enumerate()
        .filter_map(|(i, a)| tl.apply(a.clone()).err().map(|e| (i, e)))
        .collect();
    (start, refused)
}

/// Runs a started step natively: steps the clock (event by event) until its check fires
/// or `run_ms` of virtual time has passed since `start`; returns what the check saw
/// (`None` when it did not fire, or the step has no check). Used by the tests and by the
/// UI's "run to the check".
pub fn run_step(tl: &mut Timeline, step: &LessonStep, start: &StepStart) -> Option<Seen> {
    let end = start.t_ms.saturating_add(step.run_ms);
    let mut next_eval = tl.world().now_ms();
    loop {
        let now = tl.world().now_ms();
        if now >= next_eval || now >= end {
            if let Some(check) = &step.check {
                if let Some(seen) = evaluate(check, tl.world(), start) {
                    return Some(seen);
                }
            }
            next_eval = now.saturating_add(EVAL_EVERY_MS);
        }
        if now >= end {
            return None;
        }
        if tl.step_next_event_until(end).is_none() {
            tl.step_until(end);
        }
    }
}

/// Goes back to where a step began (before its actions; start it again with
/// [`start_step`]): Back to the previous step, or Restart of the current one. The run
/// after that point is dropped. False, and no change, when this run's document cannot
/// reach `start` (it is not a step start of this run).
pub fn rewind_to(tl: &mut Timeline, start: &StepStart) -> bool {
    let w = tl.world();
    let mut doc = tl.to_scenario();
    let mut kept = 0;
    doc.actions.retain(|a| {
        if a.step.is_none() {
            return true;
        }
        kept += 1;
        kept <= start.user_actions
    });
    if kept < start.user_actions {
        return false;
    }
    let opts = WorldOptions {
        log_capacity: w.recorder().log.capacity(),
    };
    let Ok(world) = World::with_options(&doc, opts) else {
        return false;
    };
    let mut next = Timeline::new(world);
    // Each call applies one action or runs one instant (then the actions due at once),
    // and each raises the log total or the step count, so the loop stops exactly where
    // the step began: the actions of the step and everything after are not in `doc`.
    while next.world().recorder().log.total() < start.seq || next.world().steps() < start.steps {
        if next.step_next_event_until(start.t_ms).is_none() {
            break;
        }
    }
    if next.world().now_ms() < start.t_ms {
        // The clock had run on to the step's start with nothing due on the way.
        next.step_until(start.t_ms);
    }
    let at = next.world();
    if at.recorder().log.total() != start.seq
        || at.steps() != start.steps
        || at.now_ms() != start.t_ms
    {
        return false;
    }
    *tl = next;
    true
}

/// User actions applied so far (the run has no future: [`start_step`] forks first).
fn applied_user_actions(tl: &Timeline) -> usize {
    debug_assert!(!tl.has_future());
    tl.to_scenario()
        .actions
        .iter()
        .filter(|a| a.step.is_some())
        .count()
}
