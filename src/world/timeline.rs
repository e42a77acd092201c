//! A run you can step back in: the [`World`] plus checkpoints of earlier instants. Step
//! back (or rewind to an instant) restores the nearest earlier checkpoint and replays
//! forward to exactly that step; an action taken there *forks* the run — the recorded
//! future (user actions after that point) is discarded, so [`Timeline::to_scenario`]
//! never replays a click from a discarded future (RaftScope's "fork").
//!
//! Checkpoints are clones of the world taken every so many steps and thinned as they
//! age, so memory stays bounded however long the run goes.

use super::scenario::{Action, Scenario};
use super::world::World;
use super::ActionError;

/// A world with its own past.
pub struct Timeline {
    world: World,
}

impl Timeline {
    /// A timeline starting at `world`'s current instant.
    pub fn new(world: World) -> Self {
        Timeline { world }
    }

    /// The world as it is now.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// Processes the next instant (or pending action) at or before `limit_ms`; see
    /// [`World::step_next_event_until`].
    pub fn step_next_event_until(&mut self, limit_ms: u64) -> Option<u64> {
        let _ = limit_ms;
        todo!("timeline: step_next_event_until")
    }

    /// Runs everything up to `t_ms` and sets the clock there; see [`World::step_until`].
    pub fn step_until(&mut self, t_ms: u64) {
        let _ = t_ms;
        todo!("timeline: step_until")
    }

    /// Applies a user action now (recorded); forks first when the run has a future.
    pub fn apply(&mut self, action: Action) -> Result<(), ActionError> {
        let _ = action;
        todo!("timeline: apply")
    }

    /// Goes back to the state just before the last step; false at the very start.
    pub fn step_back(&mut self) -> bool {
        todo!("timeline: step_back")
    }

    /// Restores the state after exactly `steps` steps (≤ the steps done so far).
    pub fn rewind_to_step(&mut self, steps: u64) -> bool {
        let _ = steps;
        todo!("timeline: rewind_to_step")
    }

    /// Restores the state at virtual instant `t_ms` (epoch ms, ≤ now).
    pub fn rewind_to_ms(&mut self, t_ms: u64) -> bool {
        let _ = t_ms;
        todo!("timeline: rewind_to_ms")
    }

    /// True when recorded user actions lie ahead (after a step back): stepping forward
    /// replays them; acting now discards them.
    pub fn has_future(&self) -> bool {
        todo!("timeline: has_future")
    }

    /// The run as it would be saved now (the future included until a fork).
    pub fn to_scenario(&self) -> Scenario {
        todo!("timeline: to_scenario")
    }
}
