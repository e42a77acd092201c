//! Restoring a run: rebuilding the world from a [`RunDocument`] and replaying it to
//! exactly the saved moment, at once or in slices ([`Restoring`]).

use super::document::RunDocument;
use super::error::{in_scenario, ShareError};
use crate::world::scenario::TimedAction;
use crate::world::timeline::Timeline;
use crate::world::world::World;

impl RunDocument {
    /// Rebuilds the world from the scenario (the normal loader: field-named errors) and
    /// replays it to exactly the saved moment. Replaying takes as long as a jump ahead
    /// of `at_ms` would; [`RunDocument::begin_restore`] does it in slices.
    pub fn restore(&self) -> Result<Timeline, ShareError> {
        Ok(self.begin_restore()?.finish())
    }

    /// A restore to be driven in slices ([`Restoring::advance`]), e.g. a budget per
    /// animation frame with a progress bar. Fails at once when the document is invalid.
    pub fn begin_restore(&self) -> Result<Restoring, ShareError> {
        self.check()?;
        let world = World::from_scenario(&self.scenario).map_err(in_scenario)?;
        let end_ms = world.start_ms() + self.at_ms; // in range: checked above
        Ok(Restoring {
            timeline: Timeline::new(world),
            end_ms,
            steps: self.steps,
            done: false,
        })
    }
}

/// A restore in progress ([`RunDocument::begin_restore`]). The timeline takes its
/// checkpoints on the way, so stepping back after a restore is as quick as in a live run.
pub struct Restoring {
    timeline: Timeline,
    end_ms: u64,
    steps: Option<u64>,
    done: bool,
}

impl Restoring {
    /// Processes at most `max_events` more instants or actions (at least one); true once
    /// the saved moment is reached (then [`Restoring::finish`] returns at once).
    pub fn advance(&mut self, max_events: u32) -> bool {
        for _ in 0..max_events.max(1) {
            if self.done {
                break;
            }
            let reached = self
                .steps
                .is_some_and(|k| self.timeline.world().steps() >= k);
            if reached || self.timeline.step_next_event_until(self.end_ms).is_none() {
                self.settle();
                self.done = true;
            }
        }
        self.done
    }

    /// Fraction of the virtual time replayed so far, 0–1.
    pub fn progress(&self) -> f64 {
        if self.done {
            return 1.0;
        }
        let w = self.timeline.world();
        let span = self.end_ms.saturating_sub(w.start_ms()).max(1);
        (w.elapsed_ms() as f64 / span as f64).clamp(0.0, 1.0)
    }

    /// Replays whatever is left and returns the timeline at the saved moment.
    pub fn finish(mut self) -> Timeline {
        while !self.advance(u32::MAX) {}
        self.timeline
    }

    /// The last part of a restore, once the saved number of instants has run (or
    /// nothing is left by the saved time): the actions due by then that come before the
    /// next instant run — clicks and faults the run had applied — but no further
    /// instant; then the clock moves to the saved time.
    fn settle(&mut self) {
        let w = self.timeline.world();
        if self.steps.is_some() && w.has_action_due_by(self.end_ms) {
            // Count on a copy how many calls apply only actions, then make them for real.
            let mut probe = w.clone();
            let steps = probe.steps();
            let mut actions = 0u64;
            while probe.step_next_event_until(self.end_ms).is_some() && probe.steps() == steps {
                actions += 1;
            }
            for _ in 0..actions {
                self.timeline.step_next_event_until(self.end_ms);
            }
        }
        if self.timeline.world().now_ms() < self.end_ms {
            self.timeline.step_until(self.end_ms);
        }
    }
}

impl World {
    /// True when a scheduled or recorded action is due by `t_ms` (epoch ms) and not yet
    /// applied.
    fn has_action_due_by(&self, t_ms: u64) -> bool {
        let due = |a: &TimedAction| self.start_ms.saturating_add(a.at_ms) <= t_ms;
        self.pending.front().is_some_and(due) || self.recorded.get(self.user_next).is_some_and(due)
    }
}
