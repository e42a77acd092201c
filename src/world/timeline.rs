//! A run you can step back in: the [`World`] plus checkpoints of earlier instants. Step
//! back (or rewind to an instant) restores the nearest earlier checkpoint and replays
//! forward to exactly that step; an action taken there *forks* the run — the recorded
//! future (user actions after that point) is discarded, so [`Timeline::to_scenario`]
//! never replays a click from a discarded future (RaftScope's "fork").
//!
//! Checkpoint policy (see `docs/world.md`): the state the timeline starts from is kept
//! for good; then a clone of the world every [`CHECKPOINT_EVERY_STEPS`] steps, so a
//! restore near the present is one clone plus the replay of at most that many steps.
//! Beyond [`MAX_CHECKPOINTS`] (or an estimated [`CHECKPOINT_BUDGET_BYTES`]) the interior
//! checkpoint whose removal leaves the smallest gap *relative to its age* goes, so
//! spacing grows with age (roughly exponentially) and memory stays bounded however long
//! the run goes. Stepping back only ever replays forward from an earlier state, so what
//! it shows is exactly what happened (same event-log hash at every step).

use super::record::story::STORY_ENTRIES;
use super::scenario::{Action, Scenario};
use super::world::World;
use super::ActionError;
use crate::engine::MAX_CLOCK_MS;

/// A checkpoint is taken once this many steps were done since the previous one.
pub const CHECKPOINT_EVERY_STEPS: u64 = 1_024;

/// Most checkpoints kept (the starting state included).
pub const MAX_CHECKPOINTS: usize = 32;

/// Estimated memory all checkpoints may use together; beyond it old ones are thinned
/// (the starting state and the newest are always kept).
pub const CHECKPOINT_BUDGET_BYTES: usize = 128 << 20;

/// One earlier state.
struct Checkpoint {
    steps: u64,
    now_ms: u64,
    /// Estimated bytes of what this clone holds alone (everything but the story
    /// archive's sealed chunks, which clones share).
    bytes: usize,
    /// Log entries so far: entries logged between two checkpoints bound the story
    /// chunks one holds and the previous does not.
    log_total: u64,
    world: World,
}

impl Checkpoint {
    fn of(world: &World) -> Self {
        Checkpoint {
            steps: world.steps(),
            now_ms: world.now_ms(),
            bytes: world.approx_bytes(),
            log_total: world.recorder().log.total(),
            world: world.clone(),
        }
    }
}

/// Estimated memory of `cps` together: each one's own bytes, plus the story-archive
/// chunks it does not share with the one before (at most a whole archive).
fn estimated_bytes(cps: &[Checkpoint]) -> usize {
    let own: usize = cps.iter().map(|c| c.bytes).sum();
    let archive_cap = STORY_ENTRIES as u64;
    let shared: u64 = cps
        .iter()
        .scan(0u64, |prev, c| {
            let new = c.log_total.saturating_sub(*prev).min(archive_cap);
            *prev = c.log_total;
            Some(new)
        })
        .sum();
    own + shared as usize * APPROX_ENTRY_BYTES
}

/// A world with its own past.
pub struct Timeline {
    world: World,
    /// Earlier states in step order; the first is where the timeline began.
    checkpoints: Vec<Checkpoint>,
}

impl Timeline {
    /// A timeline starting at `world`'s current instant (it cannot go back further).
    pub fn new(world: World) -> Self {
        let first = Checkpoint::of(&world);
        Timeline {
            world,
            checkpoints: vec![first],
        }
    }

    /// The world as it is now.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The world as it is now, for good (the past is dropped).
    pub fn into_world(self) -> World {
        self.world
    }

    /// Checkpoints held right now (≤ [`MAX_CHECKPOINTS`]).
    pub fn checkpoint_count(&self) -> usize {
        self.checkpoints.len()
    }

    /// `(steps, virtual instant ms)` of every checkpoint, oldest first (e.g. ticks on a
    /// scrubber: restoring near one is fastest).
    pub fn checkpoints(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.checkpoints.iter().map(|c| (c.steps, c.now_ms))
    }

    /// Estimated memory the checkpoints take, bytes (≤ [`CHECKPOINT_BUDGET_BYTES`] once
    /// there are more than two).
    pub fn checkpoint_bytes(&self) -> usize {
        estimated_bytes(&self.checkpoints)
    }

    /// Processes the next instant (or pending action) at or before `limit_ms`; see
    /// [`World::step_next_event_until`].
    pub fn step_next_event_until(&mut self, limit_ms: u64) -> Option<u64> {
        let t = self.world.step_next_event_until(limit_ms)?;
        self.maybe_checkpoint();
        Some(t)
    }

    /// Processes the next instant (or pending action); see [`World::step_next_event`].
    pub fn step_next_event(&mut self) -> Option<u64> {
        self.step_next_event_until(MAX_CLOCK_MS)
    }

    /// Runs everything up to `t_ms` and sets the clock there; see [`World::step_until`].
    /// The same run as `World::step_until`, with checkpoints taken on the way.
    pub fn step_until(&mut self, t_ms: u64) {
        while self.step_next_event_until(t_ms).is_some() {}
        self.world.step_until(t_ms);
    }

    /// Advances by `d_ms` of virtual time; see [`Timeline::step_until`].
    pub fn run_for(&mut self, d_ms: u64) {
        self.step_until(self.world.now_ms().saturating_add(d_ms));
    }

    /// Applies a user action now (recorded); forks first when the run has a future:
    /// every recorded or loaded user action after this point is dropped.
    pub fn apply(&mut self, action: Action) -> Result<(), ActionError> {
        self.fork();
        self.world.apply(action)
    }

    /// Drops the recorded future now, as an action taken here would: every recorded or
    /// loaded user action after the current position is forgotten (the fault schedule
    /// stays). Nothing happens when the run has no future.
    pub fn fork(&mut self) {
        if self.has_future() {
            self.world.drop_future();
            let steps = self.world.steps();
            self.checkpoints.retain(|c| c.steps <= steps);
        }
    }

    /// Goes back to the state just after the step before the last one (the state after
    /// `steps - 1` steps); false at the very start.
    pub fn step_back(&mut self) -> bool {
        let steps = self.world.steps();
        steps > self.checkpoints[0].steps && self.rewind_to_step(steps - 1)
    }

    /// Restores the state right after the `steps`-th step (≤ the steps done so far, ≥
    /// where the timeline began), with the actions due at its instant applied — the
    /// state the user saw before the next step. Recorded user actions after it become
    /// the future. False (and no change) when out of range.
    pub fn rewind_to_step(&mut self, steps: u64) -> bool {
        if steps > self.world.steps() || steps < self.checkpoints[0].steps {
            return false;
        }
        let i = self.checkpoints.partition_point(|c| c.steps <= steps) - 1;
        self.checkpoints.truncate(i + 1);
        let mut w = self.restore(i);
        while w.steps() < steps {
            if w.step_next_event_until(MAX_CLOCK_MS).is_none() {
                break;
            }
            self.keep_replay_checkpoint(&w);
        }
        debug_assert_eq!(
            w.steps(),
            steps,
            "a replay reaches every step it did before"
        );
        self.install(w);
        true
    }

    /// Restores the state at virtual instant `t_ms` (epoch ms, ≤ now, ≥ where the
    /// timeline began): every step whose instant is ≤ `t_ms` and every action due by
    /// then, with the clock at `t_ms`. False (and no change) when out of range.
    pub fn rewind_to_ms(&mut self, t_ms: u64) -> bool {
        if t_ms > self.world.now_ms() || t_ms < self.checkpoints[0].now_ms {
            return false;
        }
        let i = self.checkpoints.partition_point(|c| c.now_ms <= t_ms) - 1;
        self.checkpoints.truncate(i + 1);
        let mut w = self.restore(i);
        while w.step_next_event_until(t_ms).is_some() {
            self.keep_replay_checkpoint(&w);
        }
        w.step_until(t_ms);
        self.install(w);
        true
    }

    /// True when recorded user actions lie ahead (after a step back, or a loaded run not
    /// yet replayed to its end): stepping forward replays them; acting now discards them.
    pub fn has_future(&self) -> bool {
        self.world.has_pending_user_actions()
    }

    /// The run as it would be saved now (the future included until a fork).
    pub fn to_scenario(&self) -> Scenario {
        self.world.to_scenario()
    }

    /// A copy of checkpoint `i` carrying the current line of user actions (its applied
    /// ones are a prefix of it: checkpoints after a fork point are dropped at the fork).
    fn restore(&self, i: usize) -> World {
        let mut w = self.checkpoints[i].world.clone();
        w.adopt_user_actions(&self.world);
        w
    }

    /// Makes `w` the present: checkpoints after it are dropped (stepping forward takes
    /// them again).
    fn install(&mut self, w: World) {
        let steps = w.steps();
        self.checkpoints.retain(|c| c.steps <= steps);
        self.world = w;
    }

    fn maybe_checkpoint(&mut self) {
        let last = self.checkpoints.last().expect("the first is kept").steps;
        if self.world.steps() >= last + CHECKPOINT_EVERY_STEPS {
            self.checkpoints.push(Checkpoint::of(&self.world));
            self.thin(self.world.steps());
        }
    }

    /// During a replay: keeps a checkpoint every [`CHECKPOINT_EVERY_STEPS`] so stepping
    /// back again from the restored state is quick.
    fn keep_replay_checkpoint(&mut self, w: &World) {
        let last = self.checkpoints.last().expect("the first is kept").steps;
        if w.steps() >= last + CHECKPOINT_EVERY_STEPS {
            self.checkpoints.push(Checkpoint::of(w));
            self.thin(w.steps());
        }
    }

    /// Drops interior checkpoints until at most [`MAX_CHECKPOINTS`] within the budget
    /// remain: each time the one whose removal leaves the smallest gap relative to its
    /// distance from `now_steps` (so spacing grows with age).
    fn thin(&mut self, now_steps: u64) {
        let over = |cps: &[Checkpoint]| {
            cps.len() > MAX_CHECKPOINTS
                || (cps.len() > 2 && estimated_bytes(cps) > CHECKPOINT_BUDGET_BYTES)
        };
        while over(&self.checkpoints) {
            let cps = &self.checkpoints;
            let score = |i: usize| {
                let gap = (cps[i + 1].steps - cps[i - 1].steps) as f64;
                let age = (now_steps.saturating_sub(cps[i].steps) + CHECKPOINT_EVERY_STEPS) as f64;
                gap / age
            };
            let victim = (1..cps.len() - 1)
                .min_by(|&a, &b| score(a).total_cmp(&score(b)))
                .expect("more than two checkpoints");
            self.checkpoints.remove(victim);
        }
        debug_assert!(self.checkpoints.len() <= MAX_CHECKPOINTS);
    }
}

/// Estimated bytes per stored message, stale copy, log or story entry (struct, index
/// entries and a typical small body or cause), for the checkpoint budget only.
const APPROX_ENTRY_BYTES: usize = 320;

impl World {
    /// Forgets every recorded user action after the current position (a fork).
    fn drop_future(&mut self) {
        self.recorded.truncate(self.user_next);
    }

    /// Takes `line`'s user actions (this world's applied ones are a prefix of them).
    fn adopt_user_actions(&mut self, line: &World) {
        debug_assert!(self.user_next <= line.recorded.len());
        debug_assert_eq!(
            self.recorded[..self.user_next],
            line.recorded[..self.user_next]
        );
        self.recorded.clone_from(&line.recorded);
    }

    /// A rough estimate of the memory a clone of this world takes (checkpoint budget).
    fn approx_bytes(&self) -> usize {
        let messages: u64 = self
            .engine
            .queue_names()
            .iter()
            .filter_map(|q| self.engine.message_counts(q))
            .map(|(stored, stale)| stored + stale)
            .sum();
        let ids: usize = self
            .shared
            .processed
            .values()
            .map(|w| w.len())
            .sum::<usize>()
            + self.shared.stores.values().map(|w| w.len()).sum::<usize>();
        let stories = self.rec.log.stories();
        (messages as usize + self.rec.log.len()) * APPROX_ENTRY_BYTES
            + stories.entries() * 8 // keys; the chunk being filled is in the shared estimate
            + self.rec.metrics.total_points() * 16
            + ids * 24
            + self.shared.orders.remembered() * 64
    }
}
